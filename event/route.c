/*
 * The routes of a lease.  Every route the hooks add is tagged proto dhcp
 * and added behind any route with the same key (prefix, metric) on
 * another link; only proto dhcp routes on the lease's own link are ever
 * deleted.  The routing table is never dumped: its size does not matter.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/rtnetlink.h>

#include "log.h"
#include "run.h"

#define PURGE_MAX	16	/* routes of ours with one key, at most */

static const char *
route_str(const struct uh_route *rt)
{
	static char	 buf[128];
	size_t		 n;

	if (rt->len == 0)
		n = (size_t)snprintf(buf, sizeof(buf), "default");
	else
		n = (size_t)snprintf(buf, sizeof(buf), "%s/%d",
		    uh_ntoa(rt->dst), rt->len);
	if (rt->gw.s_addr != 0)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, " via %s",
		    uh_ntoa(rt->gw));
	snprintf(buf + n, sizeof(buf) - n, " metric %u%s", rt->metric,
	    rt->onlink ? " onlink" : "");
	return buf;
}

/* What a purge of rt's key matches: metric 0 is any metric. */
static const char *
route_purge_str(const struct uh_route *rt)
{
	static char	 buf[64];
	int		 n;

	n = rt->len == 0 ? snprintf(buf, sizeof(buf), "default") :
	    snprintf(buf, sizeof(buf), "%s/%d", uh_ntoa(rt->dst), rt->len);
	if (rt->metric != 0)
		snprintf(buf + n, sizeof(buf) - (size_t)n, " metric %u",
		    rt->metric);
	else
		snprintf(buf + n, sizeof(buf) - (size_t)n, " (any metric)");
	return buf;
}

/*
 * Delete our routes with rt's key; returns how many, or -1 (logged).
 * The kernel reads metric 0 in a delete as "any metric", so at metric 0
 * our routes of every metric with this prefix go: the callers put back
 * what they want.
 */
int
uh_route_purge(struct uh_run *r, const struct uh_route *rt)
{
	struct uh_route	 key = *rt;
	char		 what[160];
	int		 n;

	key.gw.s_addr = 0;
	key.onlink = 0;
	for (n = 0; n < PURGE_MAX; n++)
		if (uh_route_del(&r->nl, &key) == -1)
			break;
	if (n < PURGE_MAX && errno != ESRCH) {
		snprintf(what, sizeof(what), "removing old route %s",
		    route_str(&key));
		uh_step_failed(r, what);
		return -1;
	}
	return n;
}

/*
 * A dry run asks the kernel whether the very same route is there, which
 * changes nothing.  An older route of ours with the key and another
 * gateway cannot be seen that way: its removal is not shown.
 */
static void
route_dry(struct uh_run *r, const struct uh_route *rt)
{
	/* An error is a gateway not reachable before the lease's address
	 * is in: the hook would add the route all the same. */
	if (uh_route_exists(&r->nl, rt) == 1)
		uh_debug("%s: route %s kept", r->l.ifname, route_str(rt));
	else
		uh_dry("ip route append %s dev %s proto dhcp", route_str(rt),
		    r->l.ifname);
}

/*
 * Make rt the one route of ours with its key.  The kernel says EEXIST
 * when the very same route is there: nothing changes then.  Otherwise an
 * older route of ours with the key (another gateway) may be there too; it
 * goes, and rt is put back alone.
 */
static void
route_set(struct uh_run *r, struct uh_route *rt)
{
	char	 what[160];
	int	 n;

	if (r->s.dry_run) {
		route_dry(r, rt);
		return;
	}
	snprintf(what, sizeof(what), "adding route %s", route_str(rt));
	if (uh_route_add(&r->nl, rt) == -1) {
		if (errno != EEXIST)
			uh_step_failed(r, what);
		else
			uh_debug("%s: route %s kept", r->l.ifname,
			    route_str(rt));
		return;
	}
	/* n counts the route just added as well. */
	if ((n = uh_route_purge(r, rt)) > 1)
		uh_info("%s: %d older route%s %s removed", r->l.ifname, n - 1,
		    n > 2 ? "s" : "", route_purge_str(rt));
	if (uh_route_add(&r->nl, rt) == -1)
		uh_step_failed(r, what);
	else
		uh_info("%s: route %s", r->l.ifname, route_str(rt));
}

static void
route_at(struct uh_run *r, struct in_addr dst, int len, struct in_addr gw,
    unsigned int metric)
{
	struct uh_route	 rt;

	memset(&rt, 0, sizeof(rt));
	rt.ifindex = r->ifindex;
	rt.protocol = RTPROT_DHCP;
	rt.dst = dst;
	rt.len = len;
	rt.gw = gw;
	rt.metric = metric;
	/* A gateway outside the leased prefix (a /32 lease) is on-link. */
	rt.onlink = gw.s_addr != 0 && !uh_in_prefix(gw, r->l.ip, r->l.prefix);
	route_set(r, &rt);
}

void
uh_route_to(struct uh_run *r, struct in_addr dst, int len,
    struct in_addr gw)
{
	route_at(r, dst, len, gw, r->s.metric);
}

/* Our default routes at metrics this lease no longer uses. */
static void
defaults_purge(struct uh_run *r, const int *used)
{
	struct uh_route	 rt;
	int		 i, n;

	memset(&rt, 0, sizeof(rt));
	rt.ifindex = r->ifindex;
	rt.protocol = RTPROT_DHCP;
	for (i = 0; i < UH_ROUTER_MAX && !r->s.dry_run; i++) {
		if (used[i])
			continue;
		rt.metric = r->s.metric + (unsigned int)i;
		if ((n = uh_route_purge(r, &rt)) == -1)
			break;
		if (n > 0)
			uh_info("%s: old default route metric %u removed",
			    r->l.ifname, rt.metric);
	}
}

/*
 * Routes of the lease.  With classless routes the router option is
 * ignored (RFC 3442 section 3).  In L2TP mode a renew leaves the default
 * route alone: the tunnel owns it.  Unless the address changed: the
 * tunnel is about to be redialled, and until it is up ours is the only
 * way out.
 */
void
uh_routes_apply(struct uh_run *r)
{
	int		 keep_default = r->s.lac[0] != '\0' && r->renew &&
			    !r->addr_changed;
	int		 used[UH_ROUTER_MAX] = { 0 }, i;
	struct in_addr	 any = { 0 };
	struct uh_sroute *sr;

	for (i = 0; i < r->l.nsroute; i++) {
		sr = &r->l.sroute[i];
		if (sr->len == 0 && keep_default)
			continue;
		used[0] |= sr->len == 0;
		uh_route_to(r, sr->dst, sr->len, sr->gw);
	}
	for (i = 0; r->l.nsroute == 0 && i < r->l.nrouter; i++) {
		if (keep_default)
			break;
		used[i] = 1;
		route_at(r, any, 0, r->l.router[i],
		    r->s.metric + (unsigned int)i);
	}
	if (r->l.nsroute > 0 && r->l.nrouter > 0)
		uh_debug("%s: router option ignored: classless routes given",
		    r->l.ifname);
	if (!keep_default)
		defaults_purge(r, used);
}

/* The gateway the lease uses for dst: the longest classless match. */
int
uh_gateway_for(const struct uh_run *r, struct in_addr dst,
    struct in_addr *gw)
{
	const struct uh_sroute	*sr, *best = NULL;
	int			 i;

	for (i = 0; i < r->l.nsroute; i++) {
		sr = &r->l.sroute[i];
		if (uh_in_prefix(dst, sr->dst, sr->len) &&
		    (best == NULL || sr->len > best->len))
			best = sr;
	}
	if (best != NULL) {
		*gw = best->gw;
		return 0;
	}
	if (r->l.nsroute > 0 || r->l.nrouter == 0)
		return -1;
	*gw = r->l.router[0];
	return 0;
}
