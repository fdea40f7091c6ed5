/*
 * Settings.  Every value is checked the way the lease is: a bad one is
 * refused and named, and the hook goes on with the default.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "settings.h"

#define FILE_LINE_MAX	1024
#define FILE_SIZE_MAX	65536

enum kind { K_LAC, K_PATH, K_PATH_OR_NO, K_COMMAND, K_NUMBER, K_BOOL };

struct setting {
	const char	*name;
	enum kind	 kind;
	size_t		 off;
	size_t		 size;
};

#define S(n, k, f) { n, k, offsetof(struct uh_settings, f), \
	sizeof(((struct uh_settings *)0)->f) }

static const struct setting settings[] = {
	S("L2TP_LAC", K_LAC, lac),
	S("L2TPCONF_FILE", K_PATH, l2tpconf),
	S("L2TP_CONTROL", K_PATH, control),
	S("L2TP_START", K_COMMAND, start),
	S("RESOLV_CONF", K_PATH_OR_NO, resolv),
	S("IF_METRIC", K_NUMBER, metric),
	S("RESOLVCONF", K_PATH_OR_NO, resolvconf),
	S("SET_HOSTNAME", K_BOOL, set_hostname),
	S("UDHOOK_HOOKS", K_PATH, hooks),
	S("UDHOOK_VERBOSE", K_BOOL, verbose),
	S("UDHOOK_DRY_RUN", K_BOOL, dry_run),
};
#define NSETTINGS	(sizeof(settings) / sizeof(settings[0]))

static void
defaults(struct uh_settings *s)
{
	memset(s, 0, sizeof(*s));
	strcpy(s->l2tpconf, "/etc/xl2tpd/xl2tpd.conf");
	strcpy(s->control, "/var/run/xl2tpd/l2tp-control");
	strcpy(s->start, "/etc/init.d/xl2tpd start");
	strcpy(s->resolv, "/etc/resolv.conf");
	strcpy(s->resolvconf, UH_RESOLVCONF);
}

static void
refuse(struct uh_settings *s, const char *where, const char *name,
    const char *why)
{
	size_t	 n = strlen(s->problem);

	snprintf(s->problem + n, sizeof(s->problem) - n, "%s%s%s: %s",
	    n ? "; " : "", where, name, why);
}

/* Blanks around names and values are no part of them. */
static char *
trim(char *p)
{
	char	*end;

	while (*p == ' ' || *p == '\t')
		p++;
	end = p + strlen(p);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\r'))
		*--end = '\0';
	return p;
}

/* xl2tpd takes the name up to the end of the command line: no blanks. */
static int
lac_ok(const char *v)
{
	for (; *v != '\0'; v++)
		if ((unsigned char)*v <= ' ' || (unsigned char)*v >= 0x7f ||
		    *v == ']' || *v == ';')
			return 0;
	return 1;
}

static int
text_ok(const char *v)
{
	for (; *v != '\0'; v++)
		if ((unsigned char)*v < ' ' || *v == 0x7f)
			return 0;
	return 1;
}

/* The shell hooks took SET_HOSTNAME=yes; the usual synonyms are kept. */
static int
bool_value(const char *v)
{
	static const char *const yes[] = { "1", "yes", "true", "on" };
	static const char *const no[] = { "0", "no", "false", "off", "" };
	size_t	 i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	return -1;
}

static const char *
check(const struct setting *st, const char *v)
{
	char	*end;

	if (st->kind != K_NUMBER && st->kind != K_BOOL &&
	    strlen(v) >= st->size)
		return "too long";
	if (!text_ok(v))
		return "control characters";
	/* A shell-style file is a likely source: say why "x" is wrong. */
	if (*v == '"' || *v == '\'')
		return "quoted: values are taken as they stand, quotes and all";
	switch (st->kind) {
	case K_LAC:
		return lac_ok(v) ? NULL : "not a LAC name xl2tpd can take";
	case K_PATH_OR_NO:
		if (strcmp(v, "no") == 0)
			return NULL;
		/* FALLTHROUGH */
	case K_PATH:
		if (*v == '\0')
			return "empty path";
		/* udhcpc's working directory is no place to name things. */
		return *v == '/' ? NULL : "not an absolute path";
	case K_COMMAND:
		return NULL;
	case K_NUMBER:
		errno = 0;
		if (*v < '0' || *v > '9' || strtoul(v, &end, 10) > 0x7fffffff ||
		    *end != '\0' || errno != 0)
			return "not a number from 0 to 2147483647";
		return NULL;
	case K_BOOL:
		return bool_value(v) == -1 ? "not 1, yes, true, on, 0, no, "
		    "false or off" : NULL;
	}
	return NULL;
}

static void
store(struct uh_settings *s, const struct setting *st, const char *v)
{
	char	*field = (char *)s + st->off;

	if (st->kind == K_NUMBER)
		*(unsigned int *)field = (unsigned int)strtoul(v, NULL, 10);
	else if (st->kind == K_BOOL)
		*(int *)field = bool_value(v);
	else if (st->kind == K_PATH_OR_NO && strcmp(v, "no") == 0)
		*field = '\0';
	else
		memcpy(field, v, strlen(v) + 1);
}

/*
 * A step whose setting was refused is skipped rather than run on a
 * default the administrator did not choose: a mistyped RESOLV_CONF must
 * not mean /etc/resolv.conf.  The other settings keep their defaults.
 */
static void
skip_step(struct uh_settings *s, size_t off)
{
	if (off == offsetof(struct uh_settings, dry_run))
		s->dry_run = 1;
	else if (off == offsetof(struct uh_settings, resolv) ||
	    off == offsetof(struct uh_settings, resolvconf))
		s->resolv[0] = s->resolvconf[0] = '\0';
	else if (off == offsetof(struct uh_settings, hooks))
		strcpy(s->hooks, "no");
	else if (off == offsetof(struct uh_settings, l2tpconf) ||
	    off == offsetof(struct uh_settings, control) ||
	    off == offsetof(struct uh_settings, start) ||
	    off == offsetof(struct uh_settings, lac))
		s->tunnel_off = 1;
}

static void	file_lost(struct uh_settings *, const char *, const char *,
		    const char *);

static void
set(struct uh_settings *s, const char *where, const char *name,
    const char *v)
{
	const char	*why;
	size_t		 i;

	for (i = 0; i < NSETTINGS; i++) {
		if (strcmp(settings[i].name, name) != 0)
			continue;
		if ((why = check(&settings[i], v)) == NULL) {
			store(s, &settings[i], v);
			return;
		}
		refuse(s, where, name, why);
		skip_step(s, settings[i].off);
		return;
	}
	/* Only the file names unknown settings.  Which step the line was
	 * meant for is not known: the file is not taken as meant. */
	file_lost(s, where, name, strncmp(name, "export ", 7) == 0 ?
	    "unknown setting (no shell syntax: NAME=value alone)" :
	    "unknown setting");
}

/*
 * A settings file that cannot be read whole may have said anything: every
 * step a setting governs is skipped, as for a refused value, unless the
 * environment gives that setting (see uh_settings_load).
 */
static void
file_lost(struct uh_settings *s, const char *where, const char *name,
    const char *why)
{
	refuse(s, where, name, why);
	s->file_lost = 1;
}

/*
 * The whole file in buf, NUL-terminated: its length, or -1 when it
 * cannot be read whole.  Read with read(2), not stdio: a run then needs
 * no heap at all.
 */
static ssize_t
file_read(struct uh_settings *s, int named, char *buf, size_t size)
{
	struct stat	 st;
	const char	*why = NULL;
	size_t		 len = 0;
	ssize_t		 n;
	int		 fd;

	/* The default file is optional; one named by UDHOOK_CONF is not. */
	fd = open(s->file, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1) {
		if (errno != ENOENT || named)
			file_lost(s, s->file, "", strerror(errno));
		return -1;
	}
	/* Not a FIFO, which would block the hook, nor a device. */
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode))
		why = "not a regular file";
	else if (st.st_size > FILE_SIZE_MAX)
		why = "bigger than 64 KiB: not a settings file";
	/* size - 1 leaves room for the NUL, and one byte more than the
	 * bound tells a file that grew past it. */
	while (why == NULL && len < size - 1 &&
	    (n = read(fd, buf + len, size - 1 - len)) != 0) {
		if (n == -1 && errno != EINTR)
			why = strerror(errno);
		else if (n > 0)
			len += (size_t)n;
	}
	close(fd);
	if (why == NULL && len > FILE_SIZE_MAX)
		why = "bigger than 64 KiB: not a settings file";
	if (why != NULL) {
		file_lost(s, s->file, "", why);
		return -1;
	}
	buf[len] = '\0';
	return (ssize_t)len;
}

/*
 * An overlong line is skipped; the setting it names, if any, is refused
 * so that its step is not run on the default.  One that names none may
 * have been meant as any: the file is not taken as meant.
 */
static void
line_too_long(struct uh_settings *s, const char *where, char *line)
{
	const char	*why = "longer than 1024 bytes, skipped";
	char		*eq;
	size_t		 i;

	line = trim(line);
	if (line[0] == '#') {
		refuse(s, where, "line", why);
		return;
	}
	if ((eq = strchr(line, '=')) != NULL) {
		*eq = '\0';
		line = trim(line);
		for (i = 0; i < NSETTINGS; i++)
			if (strcmp(settings[i].name, line) == 0) {
				refuse(s, where, settings[i].name, why);
				skip_step(s, settings[i].off);
				return;
			}
	}
	file_lost(s, where, "line", "longer than 1024 bytes, and names no "
	    "setting");
}

/* A line's length, a CR before its newline not counted. */
static size_t
line_length(const char *line)
{
	size_t	 len = strlen(line);

	return len > 0 && line[len - 1] == '\r' ? len - 1 : len;
}

static void
read_file(struct uh_settings *s, int named)
{
	static char	 buf[FILE_SIZE_MAX + 2];
	char		 where[PATH_MAX + 32], *p, *end, *nl, *line, *eq;
	ssize_t		 len;
	size_t		 n;
	int		 lineno = 0;

	if ((len = file_read(s, named, buf, sizeof(buf))) == -1)
		return;
	end = buf + len;
	/* A UTF-8 byte order mark, as some editors write: no text. */
	p = strncmp(buf, "\xef\xbb\xbf", 3) == 0 ? buf + 3 : buf;
	for (; p < end; p = line + n) {
		line = p;
		nl = memchr(p, '\n', (size_t)(end - p));
		n = (size_t)((nl != NULL ? nl : end) - p);
		lineno++;
		snprintf(where, sizeof(where), "%s:%d: ", s->file, lineno);
		if (memchr(line, '\0', n) != NULL) {
			file_lost(s, where, "line",
			    "a NUL byte: not a text file");
			break;
		}
		if (nl != NULL)
			*nl = '\0';
		n += nl != NULL;
		if (line_length(line) > FILE_LINE_MAX) {
			line_too_long(s, where, line);
			continue;
		}
		p = trim(line);
		if (p[0] == '#' || p[0] == '\0')
			continue;
		if ((eq = strchr(p, '=')) == NULL) {
			file_lost(s, where, p, "not NAME=value");
			continue;
		}
		*eq = '\0';
		set(s, where, trim(p), trim(eq + 1));
	}
}

/* UDHOOK_CONF is a path like the others: never relative, never cut. */
static int
file_name(struct uh_settings *s, const char *v)
{
	const char	*why = NULL;

	if (!text_ok(v))
		why = "control characters";
	else if (*v != '/')
		why = "not an absolute path";
	else if (strlen(v) >= sizeof(s->file))
		why = "too long";
	if (why != NULL) {
		strcpy(s->file, "(refused)");
		file_lost(s, "environment: ", "UDHOOK_CONF", why);
		return -1;
	}
	memcpy(s->file, v, strlen(v) + 1);
	return 0;
}

int
uh_settings_load(struct uh_settings *s, uh_getvar get)
{
	const char	*v;
	size_t		 i;

	defaults(s);
	if ((v = get("UDHOOK_CONF")) == NULL)
		strcpy(s->file, UH_SETTINGS_FILE);
	if (v == NULL || file_name(s, v) == 0)
		read_file(s, v != NULL);
	for (i = 0; i < NSETTINGS; i++) {
		if ((v = get(settings[i].name)) != NULL)
			set(s, "environment: ", settings[i].name, v);
		else if (s->file_lost)
			skip_step(s, settings[i].off);
	}
	return s->problem[0] == '\0' ? 0 : -1;
}
