/*
 * run: the state of one hook run, shared by the modules that do the
 * steps of an event (hook.c, route.c, tunnel.c, dns.c, userhook.c).
 * Private to event/.
 */
#ifndef UH_RUN_H
#define UH_RUN_H

#include <netinet/in.h>

#include "lease.h"
#include "nl.h"
#include "settings.h"

struct uh_run {
	const char		*event;
	int			 renew;
	struct uh_settings	 s;
	struct uh_lease		 l;
	struct uh_nl		 nl;
	unsigned int		 ifindex;
	struct uh_link		 link;	/* as it was at the start */
	int			 had_ip;	/* the address was there */
	int			 addr_changed;	/* another address now */
	int			 gone;	/* the interface vanished */
	int			 failed;	/* a step failed */
};

/* Log "IFACE: what: strerror(errno)" and mark the run failed. */
void	uh_step_failed(struct uh_run *r, const char *what);
/* Whether the interface has vanished (said once, and the run failed). */
int	uh_link_gone(struct uh_run *r);
/* Under UDHOOK_DRY_RUN: print a change instead of making it. */
void	uh_dry(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int	uh_in_prefix(struct in_addr a, struct in_addr net, int prefix);

/* route.c */
void	uh_routes_apply(struct uh_run *r);
/* Delete our routes with rt's key (metric 0: any); how many, or -1. */
int	uh_route_purge(struct uh_run *r, const struct uh_route *rt);
void	uh_route_to(struct uh_run *r, struct in_addr dst, int len,
	    struct in_addr gw);
int	uh_gateway_for(const struct uh_run *r, struct in_addr dst,
	    struct in_addr *gw);

/*
 * tunnel.c: LNS routes, then the reconnect; -1 when out of reach (the
 * link gone during the name lookups among the reasons: r->gone).
 */
int	uh_tunnel_routes(struct uh_run *r);
void	uh_tunnel_reconnect(struct uh_run *r);

/* dns.c */
void	uh_dns_apply(struct uh_run *r);
void	uh_dns_withdraw(struct uh_run *r);

/* userhook.c */
void	uh_user_hooks(struct uh_run *r);

#endif
