/*
 * lease-dump FILE: parse the udhcpc environment in FILE (one NAME=VALUE a
 * line; \n, \t, \\ and \xHH stand for their byte; "# event: EVENT" names
 * the event) and print the typed lease, its notes and the resolv.conf it
 * renders: the golden output of t/20-lease.t.  FILE is read as the
 * fuzzers read their inputs (fuzz/env.c), so that a fuzzer's find
 * replays here as a golden case.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "env.h"
#include "lease.h"
#include "resolv.h"

#define FILE_MAX	(1 << 20)

static void
print_lease(const struct uh_lease *l)
{
	int	 i;

	printf("interface %s\n", l->ifname);
	if (l->ip.s_addr != 0)
		printf("address %s/%d broadcast %s\n", uh_ntoa(l->ip),
		    l->prefix, uh_ntoa(l->brd));
	for (i = 0; i < l->nrouter; i++)
		printf("router %s\n", uh_ntoa(l->router[i]));
	for (i = 0; i < l->nsroute; i++)
		printf("route %s/%d via %s\n", uh_ntoa(l->sroute[i].dst),
		    l->sroute[i].len, uh_ntoa(l->sroute[i].gw));
	if (l->mtu)
		printf("mtu %d\n", l->mtu);
	if (l->hostname[0])
		printf("hostname %s\n", l->hostname);
}

int
main(int argc, char *argv[])
{
	static uint8_t	 data[FILE_MAX];
	char		 event[FZ_EVENT_MAX], rbuf[UH_RESOLV_MAX];
	struct uh_lease	 l;
	FILE		*f;
	size_t		 size;
	int		 i, ret, len;

	if (argc != 2 || (f = fopen(argv[1], "r")) == NULL) {
		fprintf(stderr, "usage: lease-dump FILE\n");
		return 64;
	}
	size = fread(data, 1, sizeof(data), f);
	fclose(f);
	fz_env_load(data, size, event);

	ret = uh_lease_parse(&l, event, fz_env_get);
	printf("event %s: %s\n", event, ret == 0 ? "accepted" : "refused");
	for (i = 0; i < l.nnote; i++)
		printf("note %s: %s\n", l.note[i].var, l.note[i].why);
	if (ret == 0) {
		print_lease(&l);
		if ((len = uh_resolv_render(&l, rbuf, sizeof(rbuf))) > 0)
			printf("--- resolv.conf\n%.*s", len, rbuf);
		else
			printf("--- resolv.conf left alone\n");
	}
	fz_env_free();
	return 0;
}
