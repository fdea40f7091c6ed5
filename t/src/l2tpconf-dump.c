/*
 * l2tpconf-dump FILE [LAC]: what udhook reads in an xl2tpd.conf, one line
 * for the golden files of t/10-l2tpconf.t.
 *
 * With LAC, the answer of uh_l2tpconf_lns() for it: "LAC=host[:port],..."
 * (port shown unless 1701; nothing after '=' when the section has no lns)
 * or "-" when there is no such [lac] section.  Without LAC, every LAC
 * that has an LNS to dial, in file order, as "NAME=host[:port],..."
 * joined by " ; " (the line format of the cases' ANSWERS.md), or "-" when
 * there is none.  A refused file gives "refused: line N: why"; a LAC
 * whose own list is refused gives "NAME: refused: line N: why"; other
 * errors "error: strerror".
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "l2tpconf.h"

#define NAMES_MAX	256

static char	 names[NAMES_MAX][UH_LAC_NAMELEN];

static void
print_error(const struct uh_conf_error *err)
{
	if (errno != EINVAL)
		printf("error: %s", strerror(errno));
	else if (err->line == 0)
		printf("refused: %s", err->msg);
	else
		printf("refused: line %d: %s", err->line, err->msg);
}

static void
print_list(const char *name, const struct uh_lns_list *l)
{
	int	 i;

	printf("%s=", name);
	for (i = 0; i < l->n; i++) {
		printf("%s%s", i > 0 ? "," : "", l->lns[i].host);
		if (l->lns[i].port != 1701)
			printf(":%u", l->lns[i].port);
	}
}

static void
dump_one(const char *path, const char *lac)
{
	struct uh_lns_list	 l;
	struct uh_conf_error	 err;

	if (uh_l2tpconf_lns(path, lac, &l, &err) == -1)
		print_error(&err);
	else if (!l.found)
		printf("-");
	else
		print_list(lac, &l);
	printf("\n");
}

/* Each LAC's own answer, as a hook configured for it would get it. */
static void
dump_all(const char *path)
{
	struct uh_lns_list	 l;
	struct uh_conf_error	 err;
	int			 i, n, rv, save, shown = 0;

	if (uh_l2tpconf_lacs(path, names, NAMES_MAX, &n, &err) == -1) {
		print_error(&err);
		printf("\n");
		return;
	}
	for (i = 0; i < n; i++) {
		rv = uh_l2tpconf_lns(path, names[i], &l, &err);
		save = errno;
		if (rv == 0 && l.n == 0)
			continue;
		printf("%s", shown++ > 0 ? " ; " : "");
		if (rv == 0) {
			print_list(names[i], &l);
			continue;
		}
		printf("%s: ", names[i]);
		errno = save;
		print_error(&err);
	}
	printf("%s\n", shown > 0 ? "" : "-");
}

int
main(int argc, char *argv[])
{
	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: l2tpconf-dump FILE [LAC]\n");
		return 2;
	}
	if (argc == 3)
		dump_one(argv[1], argv[2]);
	else
		dump_all(argv[1]);
	return 0;
}
