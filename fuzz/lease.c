/*
 * libFuzzer harness: the lease parser (lib/lease.c) and the resolv.conf
 * it renders (lib/resolv.c), on an input read as t/src/lease-dump reads
 * its file (fuzz/env.h).  Besides the sanitizers' findings, a parsed
 * lease that breaks the promises of lib/lease.h, or a resolv.conf with
 * a line the lease did not ask for, aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "env.h"
#include "lease.h"
#include "resolv.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
need(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz/lease: broken promise: %s\n", what);
		abort();
	}
}

static int
terminated(const char *s, size_t size)
{
	return memchr(s, '\0', size) != NULL;
}

static void
check_notes(const struct uh_lease *l)
{
	const char	*p;
	int		 i;

	need(l->nnote >= 0 && l->nnote <= UH_NOTE_MAX, "note count");
	for (i = 0; i < l->nnote; i++) {
		need(l->note[i].var != NULL, "note names its variable");
		need(terminated(l->note[i].why, sizeof(l->note[i].why)),
		    "note text terminated");
		for (p = l->note[i].why; *p != '\0'; p++)
			need((unsigned char)*p >= 0x20 && *p != 0x7f,
			    "note text holds no control byte");
	}
}

static void
check_lease(const struct uh_lease *l, const char *event)
{
	uint32_t	 mask;
	int		 i;

	need(terminated(l->ifname, sizeof(l->ifname)) &&
	    uh_check_ifname(l->ifname) == 0, "interface name");
	if (strcmp(event, "bound") != 0 && strcmp(event, "renew") != 0)
		return;
	need(l->ip.s_addr != 0, "address");
	need(l->prefix >= 0 && l->prefix <= 32, "prefix");
	need(l->nrouter >= 0 && l->nrouter <= UH_ROUTER_MAX, "router count");
	for (i = 0; i < l->nrouter; i++)
		need(l->router[i].s_addr != 0, "router not 0.0.0.0");
	need(l->ndns >= 0 && l->ndns <= UH_DNS_MAX, "dns count");
	for (i = 0; i < l->ndns; i++)
		need(l->dns[i].s_addr != 0, "dns not 0.0.0.0");
	need(terminated(l->domain, sizeof(l->domain)) &&
	    (l->domain[0] == '\0' || uh_check_name(l->domain) == 0),
	    "domain is a DNS name");
	need(l->nsearch >= 0 && l->nsearch <= UH_SEARCH_MAX, "search count");
	for (i = 0; i < l->nsearch; i++)
		need(terminated(l->search[i], sizeof(l->search[i])) &&
		    uh_check_name(l->search[i]) == 0, "search is DNS names");
	need(l->nsroute >= 0 && l->nsroute <= UH_SROUTE_MAX, "route count");
	for (i = 0; i < l->nsroute; i++) {
		need(l->sroute[i].len >= 0 && l->sroute[i].len <= 32,
		    "route prefix length");
		mask = l->sroute[i].len == 0 ? 0 :
		    0xffffffffu << (32 - l->sroute[i].len);
		need((ntohl(l->sroute[i].dst.s_addr) & ~mask) == 0,
		    "route with no host bits");
	}
	need(l->mtu == 0 || (l->mtu >= UH_MTU_FLOOR && l->mtu <= 65535),
	    "mtu");
	need(terminated(l->hostname, sizeof(l->hostname)) &&
	    (l->hostname[0] == '\0' || uh_check_name(l->hostname) == 0),
	    "hostname is a DNS name");
}

/*
 * One line for the header, one for search or domain, one per server;
 * none over the 255 bytes that musl reads of a line.
 */
#define LINE_MAX_MUSL	255

static void
check_resolv(const struct uh_lease *l)
{
	char	 buf[UH_RESOLV_MAX];
	int	 len, lines = 0, i, start = 0;

	len = uh_resolv_render(l, buf, sizeof(buf));
	if (l->ndns == 0) {
		need(len == 0, "no resolv.conf without a server");
		return;
	}
	need(len > 0 && len < (int)sizeof(buf), "resolv.conf fits");
	need(buf[len] == '\0' && strlen(buf) == (size_t)len,
	    "resolv.conf is text");
	need(buf[len - 1] == '\n', "resolv.conf ends its last line");
	for (i = 0; i < len; i++) {
		if (buf[i] != '\n')
			continue;
		need(i - start <= LINE_MAX_MUSL, "resolv.conf lines musl reads");
		lines++;
		start = i + 1;
	}
	need(lines == 1 + (l->nsearch > 0 || l->domain[0] != '\0') + l->ndns,
	    "resolv.conf has only the lines of the lease");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct uh_lease	 l;
	char		 event[FZ_EVENT_MAX];

	fz_env_load(data, size, event);
	if (uh_lease_parse(&l, event, fz_env_get) == 0) {
		check_lease(&l, event);
		if (strcmp(event, "bound") == 0 || strcmp(event, "renew") == 0)
			check_resolv(&l);
	} else
		need(l.nnote > 0, "a refusal says why");
	check_notes(&l);
	fz_env_free();
	return 0;
}
