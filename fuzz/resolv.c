/*
 * libFuzzer harness: the resolv.conf renderer (lib/resolv.c) on leases
 * the parser would never make.  The input is read as t/src/lease-dump
 * reads its file (fuzz/env.h), but the variables go into struct uh_lease
 * unchecked, within the bounds of its arrays: interface, domain, search
 * (split on blanks) and dns (split on blanks; a word that is no address
 * gives its first bytes).  size=N (modulo UH_RESOLV_MAX + 1) is the
 * buffer rendered into, allocated to the byte; the answer must be the
 * whole rendering when it fits, ENOSPC when it does not.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "env.h"
#include "lease.h"
#include "resolv.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
need(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz/resolv: broken promise: %s\n", what);
		abort();
	}
}

/* The blank-separated words of v, each cut to size - 1 bytes. */
static int
words(const char *v, char *out, size_t size, int max)
{
	size_t	 len;
	int	 n = 0;

	while (v != NULL && *v != '\0' && n < max) {
		v += strspn(v, " \t");
		if (*v == '\0')
			break;
		len = strcspn(v, " \t");
		snprintf(out + (size_t)n * size, size, "%.*s", (int)len, v);
		v += len;
		n++;
	}
	return n;
}

static void
lease_of(struct uh_lease *l)
{
	char	 dns[UH_DNS_MAX][INET_ADDRSTRLEN + 4];
	int	 i;

	memset(l, 0, sizeof(*l));
	snprintf(l->ifname, sizeof(l->ifname), "%s",
	    fz_env_get("interface") ? fz_env_get("interface") : "");
	snprintf(l->domain, sizeof(l->domain), "%s",
	    fz_env_get("domain") ? fz_env_get("domain") : "");
	l->nsearch = words(fz_env_get("search"), l->search[0],
	    sizeof(l->search[0]), UH_SEARCH_MAX);
	l->ndns = words(fz_env_get("dns"), dns[0], sizeof(dns[0]),
	    UH_DNS_MAX);
	for (i = 0; i < l->ndns; i++)
		if (inet_pton(AF_INET, dns[i], &l->dns[i]) != 1)
			memcpy(&l->dns[i], dns[i], sizeof(l->dns[i]));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct uh_lease	 l;
	char		 event[FZ_EVENT_MAX], full[2 * UH_RESOLV_MAX], *buf;
	const char	*v;
	size_t		 bufsize = UH_RESOLV_MAX;
	int		 len, got;

	fz_env_load(data, size, event);
	lease_of(&l);
	if ((v = fz_env_get("size")) != NULL)
		bufsize = strtoul(v, NULL, 10) % (UH_RESOLV_MAX + 1);

	/* Every lease the struct can hold renders in UH_RESOLV_MAX. */
	len = uh_resolv_render(&l, full, UH_RESOLV_MAX);
	need(l.ndns == 0 ? len == 0 : len > 0, "a file when there is a server");
	need((size_t)len == strlen(full) || len == 0, "the length returned");

	if ((buf = malloc(bufsize > 0 ? bufsize : 1)) == NULL)
		abort();
	errno = 0;
	got = uh_resolv_render(&l, buf, bufsize);
	if (len == 0)
		need(got == 0, "no server: 0 whatever the size");
	else if ((size_t)len < bufsize)
		need(got == len && memcmp(buf, full, (size_t)len + 1) == 0,
		    "the whole rendering when it fits");
	else
		need(got == -1 && errno == ENOSPC, "ENOSPC when it does not");
	free(buf);
	fz_env_free();
	return 0;
}
