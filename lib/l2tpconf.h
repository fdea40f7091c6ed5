/*
 * l2tpconf: the LNS list of one [lac NAME] section of xl2tpd.conf, read
 * with the rules of xl2tpd 1.3's own parser (file.c).
 */
#ifndef UH_L2TPCONF_H
#define UH_L2TPCONF_H

#define UH_LNS_MAX	8
#define UH_LNS_HOSTLEN	256
#define UH_LAC_NAMELEN	100	/* xl2tpd's STRLEN, with its NUL */

struct uh_lns {
	char		 host[UH_LNS_HOSTLEN];	/* as written: name or IPv4 */
	unsigned short	 port;			/* 1701 unless host:port */
};

struct uh_lns_list {
	int		 found;		/* the [lac NAME] section exists */
	int		 n;		/* number of lns entries, file order */
	struct uh_lns	 lns[UH_LNS_MAX];
};

struct uh_conf_error {
	int		 line;		/* 1-based; 0 when not about a line */
	char		 msg[160];	/* what xl2tpd would refuse */
};

/*
 * Read the lns entries of LAC lac from the xl2tpd.conf at path.  A LAC
 * without lns of its own takes those of [lac default].  Returns 0 (list
 * may be empty: check found and n), or -1 and errno: the open(2) and
 * read(2) errors for the file; EINVAL when xl2tpd would refuse the file,
 * with err->line and err->msg set; EFBIG when the file is too large.
 *
 * LAC names match without regard to case, as xl2tpd's do; an empty name
 * matches no section.  Only the first UH_LNS_MAX entries are kept (xl2tpd
 * dials only the first).  Each host returned is plain text: a host with a
 * blank, a control or non-ASCII byte, or of 100 bytes or more (xl2tpd
 * keeps 99) is refused with EINVAL, as is an empty one.  The port is
 * what xl2tpd sends to: atoi(3) of the text after the first ':', cut to
 * 16 bits.  A file that is not a regular file is refused with EINVAL and
 * err->line 0; a file over 1 MiB with EFBIG.  err may be NULL.
 */
int	uh_l2tpconf_lns(const char *path, const char *lac,
	    struct uh_lns_list *out, struct uh_conf_error *err);

/*
 * The names of the LACs xl2tpd would hold for the xl2tpd.conf at path,
 * in the order of their first [lac NAME] section, as last written (xl2tpd
 * renames a LAC to the spelling of its latest section).  [lac default]
 * is not one; nor is a section with no name, which the control FIFO
 * cannot reach.  Up to max names go into names and *n is set to their
 * number.  Returns 0, or -1 and errno as uh_l2tpconf_lns, and ENOSPC
 * when the file holds more than max LACs.  Hosts are not looked at here:
 * uh_l2tpconf_lns() on each name says which lists it refuses.
 */
int	uh_l2tpconf_lacs(const char *path, char (*names)[UH_LAC_NAMELEN],
	    int max, int *n, struct uh_conf_error *err);

#endif
