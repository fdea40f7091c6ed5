/*
 * l2tpconf: the LNS list of one [lac NAME] section of xl2tpd.conf, read
 * with the rules of xl2tpd 1.3's own parser (file.c).
 */
#ifndef UH_L2TPCONF_H
#define UH_L2TPCONF_H

#define UH_LNS_MAX	8
#define UH_LNS_HOSTLEN	256

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
 */
int	uh_l2tpconf_lns(const char *path, const char *lac,
	    struct uh_lns_list *out, struct uh_conf_error *err);

#endif
