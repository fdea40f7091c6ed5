/*
 * libFuzzer harness: the xl2tpd.conf reader (lib/l2tpconf.c).  The input
 * is the file, written to a memfd that the reader opens by its
 * /proc/self/fd path, as it opens any other.  Every LAC that
 * uh_l2tpconf_lacs() names is looked up with uh_l2tpconf_lns(), as
 * t/src/l2tpconf-dump does, and so are "default" and "isp".  Besides the
 * sanitizers' findings, an answer that breaks the promises of
 * lib/l2tpconf.h aborts.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include "l2tpconf.h"

#define NAMES_MAX	16

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char	 path[64];
static int	 fd = -1;

static void
need(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz/l2tpconf: broken promise: %s\n", what);
		abort();
	}
}

static int
terminated(const char *s, size_t size)
{
	return memchr(s, '\0', size) != NULL;
}

static void
check_error(const struct uh_conf_error *err)
{
	const char	*p;

	need(err->line >= 0, "error line");
	need(terminated(err->msg, sizeof(err->msg)), "error text terminated");
	for (p = err->msg; *p != '\0'; p++)
		need((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f,
		    "error text is plain text");
}

static void
check_list(const struct uh_lns_list *l)
{
	const char	*p;
	int		 i;

	need(l->found == 0 || l->found == 1, "found");
	need(l->n >= 0 && l->n <= UH_LNS_MAX, "lns count");
	need(l->found || l->n == 0, "no lns without the LAC");
	for (i = 0; i < l->n; i++) {
		need(terminated(l->lns[i].host, UH_LNS_HOSTLEN) &&
		    strlen(l->lns[i].host) > 0 &&
		    strlen(l->lns[i].host) < 100, "host length");
		for (p = l->lns[i].host; *p != '\0'; p++)
			need((unsigned char)*p > ' ' &&
			    (unsigned char)*p < 0x7f, "host is plain text");
	}
}

static void
lns(const char *lac)
{
	struct uh_lns_list	 l;
	struct uh_conf_error	 err;

	if (uh_l2tpconf_lns(path, lac, &l, &err) == 0)
		check_list(&l);
	else {
		need(errno == EINVAL || errno == EFBIG, "errno of a refusal");
		check_error(&err);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char		 names[NAMES_MAX][UH_LAC_NAMELEN];
	struct uh_conf_error	 err;
	int			 i, j, n, rv;

	if (fd == -1) {
		if ((fd = memfd_create("xl2tpd.conf", MFD_CLOEXEC)) == -1)
			abort();
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) == -1 ||
	    pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();

	rv = uh_l2tpconf_lacs(path, names, NAMES_MAX, &n, &err);
	need(n >= 0 && n <= NAMES_MAX, "LAC count");
	if (rv == -1) {
		need(errno == EINVAL || errno == ENOSPC || errno == EFBIG,
		    "errno of a refusal");
		check_error(&err);
	}
	for (i = 0; i < n; i++) {
		need(terminated(names[i], UH_LAC_NAMELEN) && names[i][0] != '\0'
		    && strcasecmp(names[i], "default") != 0, "LAC name");
		for (j = 0; j < i; j++)
			need(strcasecmp(names[i], names[j]) != 0,
			    "LAC names are merged");
		if (rv == 0)
			lns(names[i]);
	}
	lns("isp");
	lns("default");
	return 0;
}
