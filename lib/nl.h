/*
 * nl: the rtnetlink requests the hooks make, on libmnl.  Every change asks
 * for an acknowledgement; a kernel error comes back as errno.  Nothing
 * here dumps the routing table: routes are added and deleted by key.
 */
#ifndef UH_NL_H
#define UH_NL_H

#include <net/if.h>
#include <netinet/in.h>

struct mnl_socket;

struct uh_nl {
	struct mnl_socket	*sock;
	unsigned int		 portid;
	unsigned int		 seq;
};

struct uh_addr {
	unsigned int	 ifindex;
	struct in_addr	 local;
	int		 prefix;
	struct in_addr	 brd;		/* 0.0.0.0: none */
	char		 label[IF_NAMESIZE];	/* "": the link's name */
};

struct uh_link {
	unsigned int	 flags;		/* IFF_* */
	unsigned int	 mtu;
	int		 promote;	/* promote_secondaries; -1: unknown */
};

struct uh_route {
	unsigned int	 ifindex;
	struct in_addr	 dst;
	int		 len;
	struct in_addr	 gw;		/* 0.0.0.0: on the link */
	unsigned int	 metric;
	int		 onlink;	/* gw need not be in a prefix */
	unsigned char	 protocol;	/* RTPROT_*; 0 matches any on del */
};

#define UH_ADDR_MAX	64

/* Returns 0, or -1 and errno from socket(2) or bind(2). */
int	uh_nl_open(struct uh_nl *nl);
void	uh_nl_close(struct uh_nl *nl);

/* Flags (IFF_*), MTU and promote_secondaries of a link.  -1 and ENODEV
 * when it is gone. */
int	uh_link_get(struct uh_nl *nl, unsigned int ifindex,
	    struct uh_link *out);
int	uh_link_set_up(struct uh_nl *nl, unsigned int ifindex);
/* The link's own net.ipv4.conf.IF.promote_secondaries. */
int	uh_link_set_promote(struct uh_nl *nl, unsigned int ifindex, int on);
int	uh_link_set_mtu(struct uh_nl *nl, unsigned int ifindex,
	    unsigned int mtu);

/*
 * The IPv4 addresses of one link, at most max of them stored.  Returns
 * how many the link has (more than max: the rest were not stored), or -1
 * and errno.
 */
int	uh_addr_list(struct uh_nl *nl, unsigned int ifindex,
	    struct uh_addr *out, int max);
/* Add, or update in place when the same address and prefix exist. */
int	uh_addr_replace(struct uh_nl *nl, const struct uh_addr *a);
/* -1 and EADDRNOTAVAIL when it is not there. */
int	uh_addr_del(struct uh_nl *nl, const struct uh_addr *a);

/*
 * Add r after any route of the same key (prefix, metric) on another link,
 * so that route keeps its place.  -1 and EEXIST when the very same route
 * is there already.
 */
int	uh_route_add(struct uh_nl *nl, const struct uh_route *r);
/*
 * Whether the very same route is there, changing nothing: 1 or 0, or -1
 * and errno (ENETUNREACH: its gateway cannot be reached).
 */
int	uh_route_exists(struct uh_nl *nl, const struct uh_route *r);
/*
 * Delete one route with r's prefix, metric, link and, when set, gateway
 * and protocol.  -1 and ESRCH when none matches.
 */
int	uh_route_del(struct uh_nl *nl, const struct uh_route *r);

#endif
