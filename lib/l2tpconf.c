/*
 * xl2tpd.conf, read as xl2tpd 1.3.18's parse_config() reads it (file.c),
 * less the DNS lookups some of its value handlers make.  Facts from that
 * code that shape this file:
 * - it reads with fgets(3) into 1024 bytes: a longer line comes in
 *   pieces of 1023 bytes, each parsed as a line of its own, except that
 *   a piece cut inside a ';' comment skips the pieces up to the newline;
 * - it tests bytes with (*s < 33) on plain char: where char is signed,
 *   as on x86 and MIPS, bytes 0x80-0xff are trimmed as blanks too;
 * - names, hosts and the like go into char[100] with strncpy(3), so 100
 *   bytes or more leave them without their NUL.
 * Whatever xl2tpd refuses without a lookup is refused here; what only
 * fails a lookup (a host in "ip range", "listen-addr", "local ip") is not.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "l2tpconf.h"

#define FILE_MAX	(1024 * 1024)
#define PIECE_MAX	1024		/* xl2tpd's line buffer */
#define XL_STRLEN	100		/* xl2tpd's char arrays */
#define XL_PORT		1701
#define CONT_NOTE	" (past byte 1023 of the line, which xl2tpd " \
			"reads as a line of its own)"

enum { CTX_NONE, CTX_GLOBAL, CTX_LNS, CTX_LAC };

#define G	(1 << CTX_GLOBAL)
#define N	(1 << CTX_LNS)
#define C	(1 << CTX_LAC)

/* What a key's handler in file.c checks in its value. */
enum check {
	CK_NONE,	/* a string, a lookup, or an int it never checks */
	CK_BOOL,	/* yes or no, once the section is found right */
	CK_BOOL_FIRST,	/* yes or no, before the section is looked at */
	CK_MIN1,	/* atoi() at least 1, before the section */
	CK_RWS,		/* atoi() at least -1 before; "tunnel rws" not 0 */
	CK_FILE,	/* not empty, before the section */
	CK_RAND,	/* dev or sys, in [global] without a name */
	CK_RANGE,	/* "host" or "host - host" */
	CK_LNS		/* the LNS list: what we are here for */
};

struct keyword {
	const char	*name;
	int		 where;
	enum check	 check;
};

/* xl2tpd 1.3.18's table, in its order. */
static const struct keyword keywords[] = {
	{ "listen-addr",		G,	CK_NONE },
	{ "port",			G,	CK_NONE },
	{ "saref refinfo",		G,	CK_NONE },
	{ "rand source",		G,	CK_RAND },
	{ "auth file",			G,	CK_FILE },
	{ "exclusive",			N,	CK_BOOL },
	{ "autodial",			C,	CK_BOOL },
	{ "redial",			C,	CK_BOOL },
	{ "redial timeout",		C,	CK_MIN1 },
	{ "lns",			C,	CK_LNS },
	{ "max redials",		C,	CK_MIN1 },
	{ "access control",		G,	CK_BOOL },
	{ "force userspace",		G,	CK_BOOL },
	{ "ip range",			N,	CK_RANGE },
	{ "no ip range",		N,	CK_RANGE },
	{ "debug avp",			G,	CK_BOOL },
	{ "debug network",		G,	CK_BOOL },
	{ "debug packet",		G,	CK_BOOL },
	{ "debug tunnel",		G,	CK_BOOL },
	{ "debug state",		G,	CK_BOOL },
	{ "ipsec saref",		G,	CK_BOOL },
	{ "lac",			N,	CK_RANGE },
	{ "no lac",			N,	CK_RANGE },
	{ "assign ip",			N,	CK_BOOL },
	{ "local ip",			N | C,	CK_NONE },
	{ "local ip range",		N,	CK_RANGE },
	{ "remote ip",			C,	CK_NONE },
	{ "defaultroute",		C,	CK_BOOL },
	{ "length bit",			N | C,	CK_BOOL },
	{ "hidden bit",			N | C,	CK_BOOL },
	{ "require pap",		N | C,	CK_BOOL_FIRST },
	{ "require chap",		N | C,	CK_BOOL_FIRST },
	{ "require authentication",	N | C,	CK_BOOL_FIRST },
	{ "require auth",		N | C,	CK_BOOL_FIRST },
	{ "refuse pap",			N | C,	CK_BOOL_FIRST },
	{ "refuse chap",		N | C,	CK_BOOL_FIRST },
	{ "refuse authentication",	N | C,	CK_BOOL_FIRST },
	{ "refuse auth",		N | C,	CK_BOOL_FIRST },
	{ "unix authentication",	N,	CK_BOOL },
	{ "unix auth",			N,	CK_BOOL },
	{ "name",			N | C,	CK_NONE },
	{ "hostname",			N | C,	CK_NONE },
	{ "ppp debug",			N | C,	CK_BOOL },
	{ "pass peer",			N | C,	CK_BOOL },
	{ "pppoptfile",			N | C,	CK_NONE },
	{ "call rws",			N | C,	CK_RWS },
	{ "tunnel rws",			N | C,	CK_RWS },
	{ "flow bit",			N | C,	CK_BOOL_FIRST },
	{ "challenge",			N | C,	CK_BOOL },
	{ "tx bps",			N | C,	CK_MIN1 },
	{ "rx bps",			N | C,	CK_MIN1 },
	{ "bps",			N | C,	CK_MIN1 },
	{ "max retries",		G,	CK_NONE },
	{ "cap backoff",		G,	CK_NONE },
	{ NULL,				0,	CK_NONE }
};

struct reader {
	int		 fd;
	size_t		 total;		/* bytes read so far */
	size_t		 off, len;	/* unread part of buf */
	char		 buf[4096];
};

/* The lns lines of one LAC, or of [lac default]. */
struct acc {
	int			 lines;	/* lns lines, kept or not */
	struct uh_lns_list	 l;
	struct uh_conf_error	 bad;	/* first unusable host; line 0: none */
};

struct conf {
	struct reader		 rd;
	struct uh_conf_error	*err;
	int			 line;	/* physical line of this piece */
	int			 cont;	/* the piece continues a long line */
	int			 ctx;
	int			 def;	/* the section is named "default" */
	int			 defrws;	/* [lac default] has a tunnel rws */
	char			 label[48];	/* the section, for messages */

	/* uh_l2tpconf_lns: the LAC asked for */
	const char		*lac;
	int			 found;
	struct acc		 own, deflt;
	struct acc		*cur;	/* where lns lines go, or NULL */

	/* uh_l2tpconf_lacs: every LAC's name */
	char			(*names)[UH_LAC_NAMELEN];
	int			 max, n;
};

/* xl2tpd's (*s < 33) on a plain char: see above. */
static int
blank(char ch)
{
	unsigned char	 c = (unsigned char)ch;

	return c != '\0' && (c < 33 || (CHAR_MIN < 0 && c > 127));
}

/* glibc's atoi(3), which file.c uses for every number. */
static int
xatoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

static void vnote(struct uh_conf_error *, int, int, const char *, va_list)
	    __attribute__((format(printf, 4, 0)));
static int refuse(struct conf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
static void bad_host(struct conf *, struct acc *, const char *, ...)
	    __attribute__((format(printf, 3, 4)));

static void
vnote(struct uh_conf_error *e, int line, int cont, const char *fmt,
    va_list ap)
{
	size_t	 keep = sizeof(e->msg) - sizeof(CONT_NOTE);
	char	*p;

	e->line = line;
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	if (cont) {
		e->msg[keep] = '\0';
		strcat(e->msg, CONT_NOTE);
	}

	/* The text quoted may hold any byte of the file. */
	for (p = e->msg; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			*p = '?';
}

/* The file is refused: what xl2tpd would refuse, at this line. */
static int
refuse(struct conf *c, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vnote(c->err, c->line, c->cont, fmt, ap);
	va_end(ap);
	return errno = EINVAL, -1;
}

/* A host we could not return, kept until we know it is the one asked. */
static void
bad_host(struct conf *c, struct acc *a, const char *fmt, ...)
{
	va_list	 ap;

	if (a->bad.line != 0)
		return;
	va_start(ap, fmt);
	vnote(&a->bad, c->line, c->cont, fmt, ap);
	va_end(ap);
}

/*
 * The next piece of the file as fgets(buf, 1024) cuts it: up to a
 * newline or 1023 bytes.  Returns its length, 0 at the end, -1 on error.
 */
static ssize_t
piece(struct reader *r, char *p)
{
	ssize_t	 got;
	size_t	 n = 0;

	while (n < PIECE_MAX - 1) {
		if (r->off == r->len) {
			got = read(r->fd, r->buf, sizeof(r->buf));
			if (got == -1 && errno == EINTR)
				continue;
			if (got <= 0) {
				if (got == -1)
					return -1;
				break;
			}
			r->total += (size_t)got;
			if (r->total > FILE_MAX)
				return errno = EFBIG, -1;
			r->off = 0;
			r->len = (size_t)got;
		}
		p[n++] = r->buf[r->off++];
		if (p[n - 1] == '\n')
			break;
	}
	p[n] = '\0';
	return (ssize_t)n;
}

static int
yesno(const char *v)
{
	if (!strcasecmp(v, "yes") || !strcasecmp(v, "y") ||
	    !strcasecmp(v, "true"))
		return 1;
	if (!strcasecmp(v, "no") || !strcasecmp(v, "n") ||
	    !strcasecmp(v, "false"))
		return 0;
	return -1;
}

/* set_range()'s own test: "a" or "a - b", both sides not empty. */
static int
range_ok(const char *v)
{
	const char	*dash, *p;

	if ((dash = strchr(v, '-')) == NULL)
		return *v != '\0';
	for (p = dash; p > v && blank(p[-1]); p--)
		;
	if (p == v)
		return 0;
	for (p = dash + 1; blank(*p); p++)
		;
	return *p != '\0';
}

static const struct keyword *
keyword(const char *key)
{
	const struct keyword	*kw;

	for (kw = keywords; kw->name != NULL; kw++)
		if (strcasecmp(key, kw->name) == 0)
			return kw;
	return NULL;
}

/*
 * Is this host one we cannot return?  Then the first such is noted on
 * its list, and refused only if that list is the one asked for.
 */
static int
host_bad(struct conf *c, struct acc *a, const char *v)
{
	const char	*p;

	if (*v == '\0') {
		bad_host(c, a, "lns with no host");
		return 1;
	}
	if (strlen(v) >= XL_STRLEN) {
		bad_host(c, a, "lns host of %zu bytes: xl2tpd keeps 99",
		    strlen(v));
		return 1;
	}
	for (p = v; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f) {
			bad_host(c, a, "lns host '%.40s' is not plain text", v);
			return 1;
		}
	return 0;
}

/* set_lns(): "host[:port]", appended to the section's list. */
static int
lns_add(struct conf *c, char *v)
{
	struct acc	*a = c->cur;
	struct uh_lns	*e;
	char		*port;

	if (a == NULL)
		return 0;
	a->lines++;
	if ((port = strchr(v, ':')) != NULL)
		*port++ = '\0';
	if (host_bad(c, a, v) || a->l.n == UH_LNS_MAX)
		return 0;

	e = &a->l.lns[a->l.n++];
	strcpy(e->host, v);
	/* l2tp_call() does htons(port): the int is cut to 16 bits. */
	e->port = port != NULL ? (unsigned short)xatoi(port) : XL_PORT;
	return 0;
}

/* The tests file.c makes before it looks at the section. */
static int
check_first(struct conf *c, const struct keyword *kw, const char *key,
    const char *v)
{
	switch (kw->check) {
	case CK_BOOL_FIRST:
		if (yesno(v) == -1)
			return refuse(c, "'%s' must be yes or no, not '%.40s'",
			    key, v);
		break;
	case CK_MIN1:
		if (xatoi(v) < 1)
			return refuse(c, "'%s' must be at least 1, not '%.40s'",
			    key, v);
		break;
	case CK_RWS:
		if (xatoi(v) < -1)
			return refuse(c, "'%s' must be at least -1, not "
			    "'%.40s'", key, v);
		break;
	case CK_FILE:
		if (*v == '\0')
			return refuse(c, "'%s' with no file name", key);
		break;
	default:
		break;
	}
	return 0;
}

/* set_rand_source(): "egd" is refused as not implemented. */
static int
check_rand(struct conf *c, const char *key, const char *v)
{
	if (*v == '\0')
		return refuse(c, "'%s' with no source", key);
	if (strncmp(v, "dev", 3) != 0 && strncmp(v, "sys", 3) != 0)
		return refuse(c, "'%s' must be dev or sys, not '%.40s'", key,
		    v);
	return 0;
}

/*
 * set_rws() looks at the first letter as written: only a lower-case
 * "tunnel rws" must end up at least 1.  A negative atoi() leaves the old
 * value: 4 in a new section, but 0 in [lac default], which init_config()
 * makes with calloc(3) where new_lac() would set defaults.
 */
static int
check_rws(struct conf *c, const char *key, const char *v)
{
	int	 n = xatoi(v), deflac = c->ctx == CTX_LAC && c->def;

	if (key[0] != 't')
		return 0;
	if (n == 0 || (n < 0 && deflac && !c->defrws))
		return refuse(c, "'%s' must be at least 1, not '%.40s'", key,
		    v);
	if (n > 0 && deflac)
		c->defrws = 1;
	return 0;
}

/* The tests file.c makes once the section is right. */
static int
check_then(struct conf *c, const struct keyword *kw, const char *key,
    char *v)
{
	switch (kw->check) {
	case CK_BOOL:
		if (yesno(v) == -1)
			return refuse(c, "'%s' must be yes or no, not '%.40s'",
			    key, v);
		return 0;
	case CK_RWS:
		return check_rws(c, key, v);
	case CK_RAND:
		return check_rand(c, key, v);
	case CK_RANGE:
		if (!range_ok(v))
			return refuse(c, "'%s' must be 'host' or 'host - host', "
			    "not '%.40s'", key, v);
		return 0;
	case CK_LNS:
		return lns_add(c, v);
	default:
		return 0;
	}
}

static int
setting(struct conf *c, char *s)
{
	const struct keyword	*kw;
	const char		*hint;
	char			*eq, *end, *v;
	int			 ok;

	hint = *s == '#' ? ": '#' starts no comment, ';' does" : "";
	if (c->ctx == CTX_NONE)
		return refuse(c, "'%.40s' is outside any section%s", s, hint);
	if ((eq = strchr(s, '=')) == NULL)
		return refuse(c, "no '=' in '%.40s'%s", s, hint);
	for (v = eq + 1; blank(*v); v++)
		;
	for (end = eq; end > s && blank(end[-1]); end--)
		;
	*end = '\0';
	if ((kw = keyword(s)) == NULL)
		return refuse(c, "unknown key '%.40s' in %s", s, c->label);

	if (check_first(c, kw, s, v) == -1)
		return -1;
	/* set_rand_source() compares the context whole: no "default". */
	if (kw->check == CK_RAND)
		ok = c->ctx == CTX_GLOBAL && !c->def;
	else
		ok = (kw->where & (1 << c->ctx)) != 0;
	if (!ok)
		return refuse(c, "'%s' is not valid in %s", s, c->label);
	return check_then(c, kw, s, v);
}

/* uh_l2tpconf_lacs(): one name per LAC, merged as xl2tpd merges them. */
static int
name_add(struct conf *c, const char *name)
{
	int	 i;

	for (i = 0; i < c->n; i++)
		if (strcasecmp(c->names[i], name) == 0)
			break;
	if (i == c->n) {
		if (c->n == c->max) {
			snprintf(c->err->msg, sizeof(c->err->msg),
			    "more than %d LACs", c->max);
			return errno = ENOSPC, -1;
		}
		c->n++;
	}
	strcpy(c->names[i], name);
	return 0;
}

static int
lac_section(struct conf *c, const char *name)
{
	if (c->def) {
		c->cur = &c->deflt;
		return 0;
	}
	/* No name, or an empty one: no control command can reach it. */
	if (name == NULL || *name == '\0')
		return 0;
	if (strlen(name) >= XL_STRLEN)
		return refuse(c, "LAC name of %zu bytes: xl2tpd keeps 99",
		    strlen(name));
	if (c->names != NULL)
		return name_add(c, name);
	if (strcasecmp(name, c->lac) == 0) {
		c->found = 1;
		c->cur = &c->own;
	}
	return 0;
}

/* "[type name] rest": type and name split at the first space only. */
static int
section(struct conf *c, char *s)
{
	char	*close, *name;

	if ((close = strchr(s, ']')) == NULL)
		return refuse(c, "no ']' closing the section header");
	*close = '\0';
	s++;
	if ((name = strchr(s, ' ')) != NULL)
		*name++ = '\0';
	c->def = name != NULL && strcasecmp(name, "default") == 0;
	c->cur = NULL;

	if (strcasecmp(s, "global") == 0)
		c->ctx = CTX_GLOBAL;
	else if (strcasecmp(s, "lns") == 0)
		c->ctx = CTX_LNS;
	else if (strcasecmp(s, "lac") == 0)
		c->ctx = CTX_LAC;
	else
		return refuse(c, "unknown section type '%.40s'%s", s,
		    strchr(s, '\t') != NULL ?
		    ": only a space parts type and name" : "");
	snprintf(c->label, sizeof(c->label), "[%s%s%.32s]",
	    c->ctx == CTX_GLOBAL ? "global" : c->ctx == CTX_LNS ? "lns" :
	    "lac", name != NULL ? " " : "", name != NULL ? name : "");
	if (c->ctx == CTX_LAC)
		return lac_section(c, name);
	return 0;
}

/* One piece, as the body of parse_config()'s loop takes it. */
static int
line(struct conf *c, char *s, int has_lf, int *in_comment)
{
	char	*semi, *end;

	if ((semi = strchr(s, ';')) != NULL) {
		*semi = '\0';
		if (!has_lf)
			*in_comment = 1;
	}
	while (blank(*s))
		s++;
	end = s + strlen(s);
	while (end > s && blank(end[-1]))
		*--end = '\0';

	if (*s == '\0')
		return 0;
	if (*s == '[')
		return section(c, s);
	return setting(c, s);
}

static int
parse(struct conf *c)
{
	char	 buf[PIECE_MAX];
	ssize_t	 len;
	int	 in_comment = 0, has_lf, next = 1, cont = 0;

	while ((len = piece(&c->rd, buf)) > 0) {
		c->line = next;
		c->cont = cont;
		has_lf = buf[len - 1] == '\n';
		next += has_lf;
		cont = !has_lf;

		/* xl2tpd would see the line end at the NUL: no text file. */
		if (memchr(buf, '\0', (size_t)len) != NULL)
			return refuse(c, "NUL byte: not a text file");
		if (in_comment) {
			in_comment = !has_lf;
			continue;
		}
		if (line(c, buf, has_lf, &in_comment) == -1)
			return -1;
	}
	return (int)len;
}

/* A FIFO or a device could block or never end: regular files only. */
static int
file_check(struct conf *c)
{
	struct stat	 st;

	if (fstat(c->rd.fd, &st) == -1)
		return -1;
	if (S_ISDIR(st.st_mode))
		return errno = EISDIR, -1;
	if (!S_ISREG(st.st_mode))
		return refuse(c, "not a regular file");
	if (st.st_size > FILE_MAX)
		return errno = EFBIG, -1;
	return 0;
}

static int
conf_read(struct conf *c, const char *path)
{
	int	 rv, save;

	c->err->line = 0;
	c->err->msg[0] = '\0';
	c->rd.fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (c->rd.fd == -1)
		return -1;

	rv = file_check(c) == -1 ? -1 : parse(c);
	save = errno;
	close(c->rd.fd);
	errno = save;
	return rv;
}

int
uh_l2tpconf_lns(const char *path, const char *lac,
    struct uh_lns_list *out, struct uh_conf_error *err)
{
	struct uh_conf_error	 dummy;
	struct conf		 c;
	struct acc		*a;

	memset(out, 0, sizeof(*out));
	memset(&c, 0, sizeof(c));
	c.err = err != NULL ? err : &dummy;
	c.lac = lac != NULL ? lac : "";
	if (conf_read(&c, path) == -1)
		return -1;
	if (!c.found)
		return 0;

	/* magic_lac_tunnel(): the LAC's own list, else the default's. */
	a = c.own.lines > 0 ? &c.own : &c.deflt;
	if (a->bad.line != 0) {
		*c.err = a->bad;
		return errno = EINVAL, -1;
	}
	*out = a->l;
	out->found = 1;
	return 0;
}

int
uh_l2tpconf_lacs(const char *path, char (*names)[UH_LAC_NAMELEN], int max,
    int *n, struct uh_conf_error *err)
{
	struct uh_conf_error	 dummy;
	struct conf		 c;
	int			 rv;

	memset(&c, 0, sizeof(c));
	c.err = err != NULL ? err : &dummy;
	c.names = names;
	c.max = max;
	rv = conf_read(&c, path);
	*n = c.n;
	return rv;
}
