/*
 * lease: the environment udhcpc hands a hook, checked and typed.  Nothing
 * here touches the system, so the parser runs the same in tests.
 */
#ifndef UH_LEASE_H
#define UH_LEASE_H

#include <net/if.h>
#include <netinet/in.h>

#define UH_ROUTER_MAX	4
#define UH_DNS_MAX	3	/* glibc and musl read no more */
#define UH_SEARCH_MAX	6
#define UH_SROUTE_MAX	32
#define UH_NOTE_MAX	16
#define UH_NAME_MAX	253
#define UH_MTU_FLOOR	576	/* RFC 791: every host takes 576 bytes */
#define UH_PREFIX_MIN	8	/* no DHCP lease is shorter than a /8 */

struct uh_sroute {
	struct in_addr	 dst;
	int		 len;
	struct in_addr	 gw;		/* 0.0.0.0: on the link */
};

/* One rejected value: which variable, and why. */
struct uh_note {
	const char	*var;
	char		 why[160];
};

struct uh_lease {
	char		 ifname[IF_NAMESIZE];
	struct in_addr	 ip;
	int		 prefix;
	struct in_addr	 brd;
	struct in_addr	 router[UH_ROUTER_MAX];
	int		 nrouter;
	struct in_addr	 dns[UH_DNS_MAX];
	int		 ndns;
	char		 domain[UH_NAME_MAX + 1];
	char		 search[UH_SEARCH_MAX][UH_NAME_MAX + 1];
	int		 nsearch;
	struct uh_sroute sroute[UH_SROUTE_MAX];
	int		 nsroute;	/* option 121, else 249 */
	int		 mtu;		/* 0: none or refused */
	char		 hostname[65];	/* HOST_NAME_MAX 64 */
	unsigned long	 lease_time;

	struct uh_note	 note[UH_NOTE_MAX];
	int		 nnote;
};

/* A getenv(3) look-alike, so that tests can feed their own variables. */
typedef const char *(*uh_getvar)(const char *name);

/*
 * Read the variables of event from get.  Values that fail their check are
 * left out and noted in l->note.  Returns 0, or -1 when the lease cannot
 * be applied safely (interface, ip, subnet): the reason is the last note.
 * For deconfig, nak and leasefail only the interface is required.
 */
int	uh_lease_parse(struct uh_lease *l, const char *event, uh_getvar get);

/* Strict parsers, also used for settings and xl2tpd.conf values. */
int	uh_parse_ipv4(const char *s, struct in_addr *out);
int	uh_check_name(const char *s);
int	uh_check_hostname(const char *s);
int	uh_check_ifname(const char *s);
/* 0 for a unicast address a host may use or reach, else -1. */
int	uh_check_unicast(struct in_addr a);

/* Dotted quad of a, in a static buffer of four: up to four per call. */
const char *uh_ntoa(struct in_addr a);

#endif
