/*
 * lease-dump FILE: parse the udhcpc environment in FILE (one NAME=VALUE a
 * line; \n, \t, \\ and \xHH stand for their byte; "# event: EVENT" names
 * the event) and print the typed lease, its notes and the resolv.conf it
 * renders: the golden output of t/20-lease.t.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lease.h"
#include "resolv.h"

#define VARS_MAX	64

static char	*names[VARS_MAX], *values[VARS_MAX];
static int	 nvars;

static const char *
getvar(const char *name)
{
	int	 i;

	for (i = 0; i < nvars; i++)
		if (strcmp(names[i], name) == 0)
			return values[i];
	return NULL;
}

static void
unescape(char *s)
{
	char	*out = s;
	unsigned int	 byte;

	while (*s != '\0') {
		if (s[0] == '\\' && s[1] == 'n')
			*out++ = '\n', s += 2;
		else if (s[0] == '\\' && s[1] == 't')
			*out++ = '\t', s += 2;
		else if (s[0] == '\\' && s[1] == '\\')
			*out++ = '\\', s += 2;
		else if (s[0] == '\\' && s[1] == 'x' &&
		    sscanf(s + 2, "%2x", &byte) == 1)
			*out++ = (char)byte, s += 4;
		else
			*out++ = *s++;
	}
	*out = '\0';
}

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
	char		 line[8192], event[32] = "bound", rbuf[UH_RESOLV_MAX];
	struct uh_lease	 l;
	FILE		*f;
	int		 i, ret, len;

	if (argc != 2 || (f = fopen(argv[1], "r")) == NULL) {
		fprintf(stderr, "usage: lease-dump FILE\n");
		return 64;
	}
	while (fgets(line, sizeof(line), f) != NULL && nvars < VARS_MAX) {
		line[strcspn(line, "\n")] = '\0';
		if (sscanf(line, "# event: %31s", event) == 1 ||
		    line[0] == '#' || strchr(line, '=') == NULL)
			continue;
		*strchr(line, '=') = '\0';
		names[nvars] = strdup(line);
		values[nvars] = strdup(line + strlen(line) + 1);
		unescape(values[nvars++]);
	}
	fclose(f);

	ret = uh_lease_parse(&l, event, getvar);
	printf("event %s: %s\n", event, ret == 0 ? "accepted" : "refused");
	for (i = 0; i < l.nnote; i++)
		printf("note %s: %s\n", l.note[i].var, l.note[i].why);
	if (ret == -1)
		return 0;
	print_lease(&l);
	if ((len = uh_resolv_render(&l, rbuf, sizeof(rbuf))) > 0)
		printf("--- resolv.conf\n%.*s", len, rbuf);
	else
		printf("--- resolv.conf left alone\n");
	return 0;
}
