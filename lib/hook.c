/*
 * The events.  A hook first reads and checks everything it was given;
 * only then does it change the system, one step at a time, each change
 * logged once.  A failed step is logged and the next one still runs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <linux/rtnetlink.h>
#include <net/if.h>

#include "hook.h"
#include "l2tpconf.h"
#include "lease.h"
#include "log.h"
#include "lookup.h"
#include "nl.h"
#include "resolv.h"
#include "settings.h"
#include "xl2tpctl.h"

struct run {
	const char		*event;
	int			 renew;
	struct uh_settings	 s;
	struct uh_lease		 l;
	struct uh_nl		 nl;
	unsigned int		 ifindex;
	struct in_addr		 old_ip;	/* before this run; 0: none */
	int			 failed;
};

static const char *
getvar(const char *name)
{
	return getenv(name);
}

static uint32_t
mask_of(int prefix)
{
	return prefix == 0 ? 0 : htonl(0xffffffffu << (32 - prefix));
}

static int
in_prefix(struct in_addr a, struct in_addr net, int prefix)
{
	return ((a.s_addr ^ net.s_addr) & mask_of(prefix)) == 0;
}

static int
l2tp_mode(const struct run *r)
{
	return r->s.lac[0] != '\0';
}

static void
step_failed(struct run *r, const char *what)
{
	uh_warn("%s: %s: %s", r->l.ifname, what, strerror(errno));
	r->failed = 1;
}

/* Bring the link up and set the MTU of the lease. */
static void
link_prepare(struct run *r)
{
	unsigned int	 flags, mtu;
	char		 what[64];

	if (uh_link_get(&r->nl, r->ifindex, &flags, &mtu) == -1) {
		step_failed(r, "reading link state");
		return;
	}
	if (!(flags & IFF_UP)) {
		if (uh_link_set_up(&r->nl, r->ifindex) == -1)
			step_failed(r, "setting link up");
		else
			uh_info("%s: link set up", r->l.ifname);
	}
	if (r->l.mtu == 0 || (unsigned int)r->l.mtu == mtu)
		return;
	snprintf(what, sizeof(what), "setting MTU %d", r->l.mtu);
	if (uh_link_set_mtu(&r->nl, r->ifindex, (unsigned int)r->l.mtu) == -1)
		step_failed(r, what);
	else
		uh_info("%s: MTU %u -> %d", r->l.ifname, mtu, r->l.mtu);
}

static void
addr_remove(struct run *r, const struct uh_addr *a)
{
	char	 what[64];

	snprintf(what, sizeof(what), "removing address %s/%d",
	    uh_ntoa(a->local), a->prefix);
	if (uh_addr_del(&r->nl, a) == -1 && errno != EADDRNOTAVAIL)
		step_failed(r, what);
	else
		uh_info("%s: address %s/%d removed", r->l.ifname,
		    uh_ntoa(a->local), a->prefix);
}

static int
addr_same(const struct uh_addr *a, const struct uh_addr *b)
{
	return a->local.s_addr == b->local.s_addr && a->prefix == b->prefix &&
	    a->brd.s_addr == b->brd.s_addr;
}

/*
 * An old address in the new one's subnet goes first: it is the primary
 * there, and deleting a primary takes its secondaries with it unless
 * promote_secondaries is set.  Other old addresses go after the new one
 * is in: deleting the last IPv4 address of a link flushes its routes.
 */
static void
addr_apply(struct run *r)
{
	struct uh_addr	 old[UH_ADDR_MAX], new;
	int		 n, i, have = 0;
	char		 what[80];

	new.ifindex = r->ifindex;
	new.local = r->l.ip;
	new.prefix = r->l.prefix;
	new.brd = r->l.brd;

	if ((n = uh_addr_list(&r->nl, r->ifindex, old, UH_ADDR_MAX)) == -1) {
		step_failed(r, "listing addresses");
		n = 0;
	}
	if (n > 0)
		r->old_ip = old[0].local;
	for (i = 0; i < n; i++) {
		if (addr_same(&old[i], &new))
			have = 1;
		else if (in_prefix(old[i].local, new.local, new.prefix))
			addr_remove(r, &old[i]);
	}

	snprintf(what, sizeof(what), "adding address %s/%d",
	    uh_ntoa(new.local), new.prefix);
	if (!have && uh_addr_replace(&r->nl, &new) == -1)
		step_failed(r, what);
	else if (!have)
		uh_info("%s: address %s/%d%s%s", r->l.ifname,
		    uh_ntoa(new.local), new.prefix,
		    new.brd.s_addr ? " broadcast " : "",
		    new.brd.s_addr ? uh_ntoa(new.brd) : "");

	for (i = 0; i < n; i++)
		if (!addr_same(&old[i], &new) &&
		    !in_prefix(old[i].local, new.local, new.prefix))
			addr_remove(r, &old[i]);
}

static const char *
route_str(const struct uh_route *rt)
{
	static char	 buf[128];

	if (rt->len == 0)
		snprintf(buf, sizeof(buf), "default");
	else
		snprintf(buf, sizeof(buf), "%s/%d", uh_ntoa(rt->dst),
		    rt->len);
	if (rt->gw.s_addr != 0)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
		    " via %s%s", uh_ntoa(rt->gw), rt->onlink ? " onlink" : "");
	snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), " metric %u",
	    rt->metric);
	return buf;
}

/* Delete our routes with rt's key; the count removed. */
static int
route_purge(struct run *r, const struct uh_route *rt)
{
	struct uh_route	 key = *rt;
	int		 n;

	key.gw.s_addr = 0;
	for (n = 0; n < 16; n++)
		if (uh_route_del(&r->nl, &key) == -1)
			break;
	if (errno != ESRCH)
		step_failed(r, "removing an old route");
	return n;
}

/*
 * Make rt the one route of ours with its key.  The kernel says EEXIST
 * when the very same route is there: nothing changes then.  Otherwise an
 * older route of ours with the key (another gateway) may be there too; it
 * goes, and rt is put back alone.
 */
static void
route_set(struct run *r, struct uh_route *rt)
{
	char	 what[160];

	rt->ifindex = r->ifindex;
	rt->protocol = RTPROT_DHCP;
	rt->onlink = rt->gw.s_addr != 0 &&
	    !in_prefix(rt->gw, r->l.ip, r->l.prefix);
	snprintf(what, sizeof(what), "adding route %s", route_str(rt));

	if (uh_route_add(&r->nl, rt) == -1) {
		if (errno != EEXIST)
			step_failed(r, what);
		return;
	}
	route_purge(r, rt);
	if (uh_route_add(&r->nl, rt) == -1)
		step_failed(r, what);
	else
		uh_info("%s: route %s", r->l.ifname, route_str(rt));
}

static void
route_to(struct run *r, struct in_addr dst, int len, struct in_addr gw,
    unsigned int metric)
{
	struct uh_route	 rt;

	memset(&rt, 0, sizeof(rt));
	rt.dst = dst;
	rt.len = len;
	rt.gw = gw;
	rt.metric = metric;
	route_set(r, &rt);
}

/* Our default routes at metrics this lease no longer uses. */
static void
defaults_purge(struct run *r, const int *used)
{
	struct uh_route	 rt;
	int		 i;

	memset(&rt, 0, sizeof(rt));
	rt.ifindex = r->ifindex;
	rt.protocol = RTPROT_DHCP;
	for (i = 0; i < UH_ROUTER_MAX; i++) {
		if (used[i])
			continue;
		rt.metric = r->s.metric + (unsigned int)i;
		if (route_purge(r, &rt) > 0)
			uh_info("%s: old default route metric %u removed",
			    r->l.ifname, rt.metric);
	}
}

/*
 * Routes of the lease.  With classless routes the router option is
 * ignored (RFC 3442 section 3).  In L2TP mode a renew leaves the default
 * route alone: the tunnel owns it.
 */
static void
routes_apply(struct run *r)
{
	int		 keep_default = l2tp_mode(r) && r->renew;
	int		 used[UH_ROUTER_MAX] = { 0 }, i;
	struct in_addr	 any = { 0 };
	struct uh_sroute *sr;

	for (i = 0; i < r->l.nsroute; i++) {
		sr = &r->l.sroute[i];
		if (sr->len == 0 && keep_default)
			continue;
		used[0] |= sr->len == 0;
		route_to(r, sr->dst, sr->len, sr->gw, r->s.metric);
	}
	for (i = 0; r->l.nsroute == 0 && i < r->l.nrouter; i++) {
		if (keep_default)
			break;
		used[i] = 1;
		route_to(r, any, 0, r->l.router[i],
		    r->s.metric + (unsigned int)i);
	}
	if (r->l.nsroute > 0 && r->l.nrouter > 0)
		uh_debug("%s: router option ignored: classless routes given",
		    r->l.ifname);
	if (!keep_default)
		defaults_purge(r, used);
}

/* The gateway the lease uses for dst: longest classless match first. */
static int
gateway_for(const struct run *r, struct in_addr dst, struct in_addr *gw)
{
	const struct uh_sroute	*sr, *best = NULL;
	int			 i;

	for (i = 0; i < r->l.nsroute; i++) {
		sr = &r->l.sroute[i];
		if (in_prefix(dst, sr->dst, sr->len) &&
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

static void
lns_route(struct run *r, const struct uh_lns *lns)
{
	struct in_addr	 addr, gw;

	if (uh_lookup_ipv4(lns->host, &addr, UH_LOOKUP_MS) == -1) {
		uh_warn("%s: LNS %s: %s", r->l.ifname, lns->host,
		    errno == ENOENT ? "no IPv4 address for this name" :
		    strerror(errno));
		r->failed = 1;
		return;
	}
	if (addr.s_addr == 0 || in_prefix(addr, r->l.ip, r->l.prefix)) {
		uh_info("%s: LNS %s (%s) is on the link: no route needed",
		    r->l.ifname, lns->host, uh_ntoa(addr));
		return;
	}
	if (gateway_for(r, addr, &gw) == -1) {
		uh_warn("%s: LNS %s (%s): no route in the lease reaches it",
		    r->l.ifname, lns->host, uh_ntoa(addr));
		r->failed = 1;
		return;
	}
	route_to(r, addr, 32, gw, r->s.metric);
}

/* The LNS list of our LAC; -1 (logged) when the tunnel is out of reach. */
static int
lns_read(struct run *r, struct uh_lns_list *list)
{
	struct uh_conf_error	 err;

	if (uh_l2tpconf_lns(r->s.l2tpconf, r->s.lac, list, &err) == -1) {
		if (errno == EINVAL)
			uh_warn("%s:%d: %s; "
			    "tunnel left alone", r->s.l2tpconf, err.line,
			    err.msg);
		else
			uh_warn("%s: %s; tunnel left alone", r->s.l2tpconf,
			    strerror(errno));
		r->failed = 1;
		return -1;
	}
	if (!list->found || list->n == 0) {
		uh_warn("%s: %s for LAC %s; tunnel left alone",
		    r->s.l2tpconf, list->found ? "no lns" : "no [lac] section",
		    r->s.lac);
		r->failed = 1;
		return -1;
	}
	return 0;
}

static void
resolv_apply(struct run *r)
{
	char	 buf[UH_RESOLV_MAX];
	int	 len, how;

	if (r->s.resolv[0] == '\0')
		return;
	if ((len = uh_resolv_render(&r->l, buf, sizeof(buf))) <= 0) {
		if (len == 0)
			uh_debug("%s: no DNS server in the lease: %s left "
			    "alone", r->l.ifname, r->s.resolv);
		else
			step_failed(r, "rendering resolv.conf");
		return;
	}
	if ((how = uh_resolv_write(r->s.resolv, buf, (size_t)len)) == -1) {
		uh_warn("%s: writing %s: %s; old content kept", r->l.ifname,
		    r->s.resolv, strerror(errno));
		r->failed = 1;
	} else if (how == UH_RESOLV_INPLACE)
		uh_info("%s: %s rewritten in place (it cannot be renamed "
		    "over: a bind mount?)", r->l.ifname, r->s.resolv);
	else if (how == UH_RESOLV_RENAMED)
		uh_info("%s: %s written", r->l.ifname, r->s.resolv);
}

/* Split the start command into words; no shell ever sees it. */
static int
split_command(char *cmd, char **argv, int max)
{
	int	 n = 0;
	char	*p;

	for (p = strtok(cmd, " \t"); p != NULL; p = strtok(NULL, " \t")) {
		if (n == max - 1)
			return -1;
		argv[n++] = p;
	}
	argv[n] = NULL;
	return n;
}

static int
xl2tpd_start(struct run *r)
{
	char	 cmd[sizeof(r->s.start)], *argv[16];
	int	 status;
	long	 deadline;

	memcpy(cmd, r->s.start, sizeof(cmd));
	if (split_command(cmd, argv, 16) <= 0) {
		uh_warn("L2TP_START '%s': not a command", r->s.start);
		return -1;
	}
	uh_info("starting xl2tpd: %s", r->s.start);
	if ((status = uh_run(argv, UH_START_MS)) != 0) {
		if (status == -1)
			uh_warn("%s: %s", r->s.start, strerror(errno));
		else
			uh_warn("%s: exit status %d", r->s.start, status);
		return -1;
	}
	deadline = uh_now_ms() + UH_APPEAR_MS;
	while (uh_xl2tp_alive(r->s.control) == -1) {
		if (uh_now_ms() >= deadline) {
			uh_warn("%s: no xl2tpd after %s: %s", r->s.control,
			    r->s.start, strerror(errno));
			return -1;
		}
		usleep(20000);
	}
	return 0;
}

static int
xl2tpd_ready(struct run *r)
{
	if (uh_xl2tp_alive(r->s.control) == 0)
		return 0;
	switch (errno) {
	case ENOENT:
	case ENXIO:
		uh_info("%s: %s", r->s.control, errno == ENXIO ?
		    "the FIFO has no reader (xl2tpd died?)" :
		    "no such FIFO (xl2tpd not running)");
		return xl2tpd_start(r);
	case EINVAL:
		uh_warn("%s: not a FIFO; refusing to write to it",
		    r->s.control);
		return -1;
	default:
		uh_warn("%s: %s", r->s.control, strerror(errno));
		return -1;
	}
}

static int
xl2tpd_say(struct run *r, const char *verb, char *reply, size_t size,
    long deadline)
{
	char	 cmd[UH_LAC_MAX + 4];
	long	 left = deadline - uh_now_ms();

	if (left > UH_REPLY_MS)
		left = UH_REPLY_MS;
	if (left < 1)
		left = 1;
	snprintf(cmd, sizeof(cmd), "%s %s", verb, r->s.lac);
	if (uh_xl2tp_command(r->s.control, cmd, reply, size, (int)left) == 0)
		return 0;
	uh_warn("%s: '%s': %s", r->s.control, cmd, errno == ETIMEDOUT ?
	    "xl2tpd did not answer" : strerror(errno));
	return -1;
}

/*
 * Take the LAC's tunnel down.  "d" only starts the teardown: xl2tpd keeps
 * the tunnel until the LNS acknowledges its StopCCN, and a "c" meanwhile
 * is queued on that dying tunnel and dies with it.  A "d" on a tunnel
 * that is already closing makes xl2tpd drop it at once, so "d" is sent
 * until xl2tpd answers that the session is not up.
 */
static int
tunnel_down(struct run *r)
{
	char	 reply[UH_REPLY_MAX];
	long	 deadline = uh_now_ms() + UH_REPLY_MS;
	int	 i;

	for (i = 0; i < 4; i++) {
		if (xl2tpd_say(r, "d", reply, sizeof(reply), deadline) == -1)
			return -1;
		uh_debug("xl2tpd: d %s: %s", r->s.lac, reply);
		if (strncmp(reply, "00", 2) != 0)
			break;
	}
	if (strstr(reply, "not up") == NULL) {
		uh_warn("xl2tpd: d %s: %s", r->s.lac, reply);
		return -1;
	}
	return 0;
}

/*
 * Reconnect the LAC: down, then "c".  "c" is retried for a bounded time
 * while xl2tpd still answers "already active".
 */
static void
tunnel_reconnect(struct run *r)
{
	char	 reply[UH_REPLY_MAX];
	long	 deadline;

	if (xl2tpd_ready(r) == -1 || tunnel_down(r) == -1) {
		r->failed = 1;
		return;
	}
	deadline = uh_now_ms() + UH_CONNECT_MS;
	for (;;) {
		if (xl2tpd_say(r, "c", reply, sizeof(reply), deadline) == -1)
			break;
		if (strncmp(reply, "00", 2) == 0) {
			uh_info("xl2tpd: LAC %s reconnecting", r->s.lac);
			return;
		}
		if (strstr(reply, "already active") == NULL ||
		    uh_now_ms() >= deadline) {
			uh_warn("xl2tpd: c %s: %s", r->s.lac, reply);
			break;
		}
		usleep(50000);
	}
	r->failed = 1;
}

/*
 * Hooks of two interfaces may reconnect the same LAC at once; their "d"
 * and "c" must not interleave.  An exclusive lock on xl2tpd.conf, which
 * every such hook has open, serialises them without a lock file.
 */
static int
tunnel_lock(struct run *r)
{
	long	 deadline = uh_now_ms() + UH_LOCK_MS;
	int	 fd;

	if ((fd = open(r->s.l2tpconf, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	while (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		if (errno != EWOULDBLOCK || uh_now_ms() >= deadline) {
			uh_warn("%s: another hook holds the tunnel lock; "
			    "reconnecting anyway", r->s.l2tpconf);
			break;
		}
		usleep(20000);
	}
	return fd;
}

static void
tunnel_reconnect_locked(struct run *r)
{
	int	 fd = tunnel_lock(r);

	tunnel_reconnect(r);
	if (fd != -1)
		close(fd);
}

static void
lease_apply(struct run *r)
{
	struct uh_lns_list	 list;
	int			 i, tunnel = 0;

	link_prepare(r);
	addr_apply(r);
	routes_apply(r);

	/* The LNS route must be in place before xl2tpd dials. */
	if (l2tp_mode(r) && lns_read(r, &list) == 0) {
		for (i = 0; i < list.n; i++)
			lns_route(r, &list.lns[i]);
		tunnel = 1;
	}
	resolv_apply(r);

	if (!tunnel)
		return;
	if (!r->renew || r->old_ip.s_addr != r->l.ip.s_addr)
		tunnel_reconnect_locked(r);
}

static void
deconfig(struct run *r)
{
	struct uh_addr	 old[UH_ADDR_MAX];
	unsigned int	 flags, mtu;
	int		 n, i;

	if (uh_link_get(&r->nl, r->ifindex, &flags, &mtu) == -1)
		step_failed(r, "reading link state");
	else if (!(flags & IFF_UP) && uh_link_set_up(&r->nl, r->ifindex) == -1)
		step_failed(r, "setting link up");
	else if (!(flags & IFF_UP))
		uh_info("%s: link set up", r->l.ifname);

	/* IPv4 only: IPv6 addresses are not ours to drop. */
	if ((n = uh_addr_list(&r->nl, r->ifindex, old, UH_ADDR_MAX)) == -1)
		step_failed(r, "listing addresses");
	for (i = 0; i < n; i++)
		addr_remove(r, &old[i]);
}

static int
lease_read(struct run *r)
{
	int	 i, ret;

	ret = uh_lease_parse(&r->l, r->event, getvar);
	for (i = 0; i < r->l.nnote - (ret == -1); i++)
		uh_warn("%s: %s: %s", r->l.ifname[0] ? r->l.ifname : "?",
		    r->l.note[i].var, r->l.note[i].why);
	if (ret == -1) {
		uh_err("lease refused, nothing changed: %s: %s",
		    r->l.note[r->l.nnote - 1].var,
		    r->l.note[r->l.nnote - 1].why);
		return -1;
	}
	if ((r->ifindex = if_nametoindex(r->l.ifname)) == 0) {
		uh_err("%s: no such interface; nothing changed", r->l.ifname);
		return -1;
	}
	return 0;
}

static int
event_known(const char *event)
{
	static const char *const events[] = {
		"bound", "renew", "deconfig", "nak", "leasefail", NULL
	};
	int	 i;

	for (i = 0; events[i] != NULL; i++)
		if (strcmp(event, events[i]) == 0)
			return 1;
	return 0;
}

int
uh_hook_run(const char *event)
{
	static struct run	 r;
	const char		*msg = getenv("message");

	uh_log_open(event, 0);
	if (!event_known(event)) {
		uh_err("unknown event '%s'", event);
		return UH_EXIT_USAGE;
	}
	r.event = event;
	r.renew = strcmp(event, "renew") == 0;
	if (uh_settings_load(&r.s, getvar) == -1)
		uh_warn("settings: %s", r.s.problem);
	uh_log_open(event, r.s.verbose);

	if (strcmp(event, "nak") == 0 || strcmp(event, "leasefail") == 0) {
		uh_info("%s%s%s", getenv("interface") ? getenv("interface") :
		    "?", msg ? ": " : "", msg ? msg : "");
		return UH_EXIT_OK;
	}
	if (lease_read(&r) == -1)
		return UH_EXIT_REFUSED;
	if (uh_nl_open(&r.nl) == -1) {
		uh_err("rtnetlink: %s", strerror(errno));
		return UH_EXIT_FAILED;
	}
	if (strcmp(event, "deconfig") == 0)
		deconfig(&r);
	else
		lease_apply(&r);
	uh_nl_close(&r.nl);
	return r.failed ? UH_EXIT_FAILED : UH_EXIT_OK;
}

int
uh_hook_main(const char *event, int argc, char *argv[])
{
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		printf("usage: default.%s [%s]\n"
		    "The %s event of udhcpc, with the lease in the "
		    "environment; see udhook(8).\n", event, event, event);
		return UH_EXIT_OK;
	}
	if (argc > 1 && strcmp(argv[1], event) != 0) {
		uh_log_open(event, 0);
		uh_err("started for event '%s': this program is for %s",
		    argv[1], event);
		return UH_EXIT_USAGE;
	}
	return uh_hook_run(event);
}
