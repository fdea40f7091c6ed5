/*
 * The events.  A hook first reads and checks everything it was given;
 * only then does it change the system, one step at a time, each change
 * logged once.  A failed step is logged and the next one still runs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <net/if.h>
#include <netinet/in.h>

#include "hook.h"
#include "log.h"
#include "run.h"

static const char *
getvar(const char *name)
{
	return getenv(name);
}

int
uh_in_prefix(struct in_addr a, struct in_addr net, int prefix)
{
	uint32_t	 mask;

	mask = prefix == 0 ? 0 : htonl(0xffffffffu << (32 - prefix));
	return ((a.s_addr ^ net.s_addr) & mask) == 0;
}

void
uh_step_failed(struct uh_run *r, const char *what)
{
	if (errno == ENODEV && !r->gone)
		uh_err("%s: the interface is gone; the rest is skipped",
		    r->l.ifname);
	else if (errno != ENODEV)
		uh_warn("%s: %s: %s", r->l.ifname, what, strerror(errno));
	r->gone |= errno == ENODEV;
	r->failed = 1;
}

/*
 * The LNS lookups and the tunnel's lock may have waited seconds, and the
 * uplink may have gone meanwhile: nothing more is done for its lease.
 * One RTM_GETLINK by index; only ENODEV means gone.
 */
int
uh_link_gone(struct uh_run *r)
{
	struct uh_link	 now;

	if (r->gone)
		return 1;
	if (uh_link_get(&r->nl, r->ifindex, &now) == -1)
		uh_step_failed(r, "reading link state");
	return r->gone;
}

void
uh_dry(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* Set a down link up; deconfig and bound both start with it. */
static void
link_up(struct uh_run *r, unsigned int flags)
{
	if (flags & IFF_UP)
		return;
	if (r->s.dry_run)
		uh_dry("ip link set dev %s up", r->l.ifname);
	else if (uh_link_set_up(&r->nl, r->ifindex) == -1)
		uh_step_failed(r, "setting link up");
	else
		uh_info("%s: link set up", r->l.ifname);
}

/* Bring the link up and set the MTU of the lease. */
static void
link_prepare(struct uh_run *r)
{
	unsigned int	 mtu = r->link.mtu;
	char		 what[64];

	link_up(r, r->link.flags);
	if (r->l.mtu == 0 || (unsigned int)r->l.mtu == mtu)
		return;
	snprintf(what, sizeof(what), "setting MTU %d", r->l.mtu);
	if (r->s.dry_run)
		uh_dry("ip link set dev %s mtu %d", r->l.ifname, r->l.mtu);
	else if (uh_link_set_mtu(&r->nl, r->ifindex,
	    (unsigned int)r->l.mtu) == -1)
		uh_step_failed(r, what);
	else
		uh_info("%s: MTU %u -> %d", r->l.ifname, mtu, r->l.mtu);
}

static void
addr_remove(struct uh_run *r, const struct uh_addr *a)
{
	char	 what[64];

	snprintf(what, sizeof(what), "removing address %s/%d",
	    uh_ntoa(a->local), a->prefix);
	if (r->s.dry_run)
		uh_dry("ip addr del %s/%d dev %s", uh_ntoa(a->local),
		    a->prefix, r->l.ifname);
	else if (uh_addr_del(&r->nl, a) == -1 && errno != EADDRNOTAVAIL)
		uh_step_failed(r, what);
	else
		uh_info("%s: address %s/%d removed", r->l.ifname,
		    uh_ntoa(a->local), a->prefix);
}

static void
addr_add(struct uh_run *r, const struct uh_addr *a)
{
	char	 what[64], brd[32] = "";

	if (a->brd.s_addr != 0)
		snprintf(brd, sizeof(brd), " broadcast %s", uh_ntoa(a->brd));
	snprintf(what, sizeof(what), "adding address %s/%d",
	    uh_ntoa(a->local), a->prefix);
	if (r->s.dry_run)
		uh_dry("ip addr replace %s/%d%s dev %s", uh_ntoa(a->local),
		    a->prefix, brd, r->l.ifname);
	else if (uh_addr_replace(&r->nl, a) == -1)
		uh_step_failed(r, what);
	else
		uh_info("%s: address %s/%d%s", r->l.ifname,
		    uh_ntoa(a->local), a->prefix, brd);
}

static int
addr_key_same(const struct uh_addr *a, const struct uh_addr *b)
{
	return a->local.s_addr == b->local.s_addr && a->prefix == b->prefix;
}

/*
 * A new broadcast for the lease's address, which is there.  Netlink
 * cannot change it in place (a REPLACE updates only the metric and
 * lifetimes), and SIOCSIFBRDADDR is no better: the kernel deletes the
 * address and inserts it again.  Either way, were it the link's last
 * IPv4 address, the kernel would flush every route through the link,
 * and were it the last with its local address, the routes with it as
 * source.  So the same local address as a /32 holds both for the moment:
 * in, the address out and back with its broadcast, the /32 out.
 */
static void
brd_change(struct uh_run *r, const struct uh_addr *old,
    const struct uh_addr *new)
{
	struct uh_addr	 hold = *new;
	const char	*a = uh_ntoa(new->local), *b = uh_ntoa(new->brd);

	hold.prefix = 32;
	hold.brd.s_addr = 0;
	if (r->s.dry_run) {
		uh_dry("ip addr add %s/32 dev %s", a, r->l.ifname);
		uh_dry("ip addr del %s/%d dev %s", a, old->prefix,
		    r->l.ifname);
		uh_dry("ip addr replace %s/%d broadcast %s dev %s", a,
		    new->prefix, b, r->l.ifname);
		uh_dry("ip addr del %s/32 dev %s", a, r->l.ifname);
		return;
	}
	if (uh_addr_replace(&r->nl, &hold) == -1) {
		uh_step_failed(r, "holding the address while its broadcast "
		    "changes");
		return;
	}
	if (uh_addr_del(&r->nl, old) == -1 ||
	    uh_addr_replace(&r->nl, new) == -1)
		uh_step_failed(r, "changing the broadcast address");
	else
		uh_info("%s: broadcast %s", r->l.ifname, b);
	if (uh_addr_del(&r->nl, &hold) == -1)
		uh_step_failed(r, "removing the address held as /32");
}

/* The link's IPv4 addresses; more than we can hold is a failed step. */
static int
addr_list(struct uh_run *r, struct uh_addr *old)
{
	int	 n;

	if ((n = uh_addr_list(&r->nl, r->ifindex, old, UH_ADDR_MAX)) == -1) {
		uh_step_failed(r, "listing addresses");
		return 0;
	}
	if (n > UH_ADDR_MAX) {
		uh_warn("%s: %d IPv4 addresses: only the first %d looked at",
		    r->l.ifname, n, UH_ADDR_MAX);
		r->failed = 1;
		n = UH_ADDR_MAX;
	}
	return n;
}

/*
 * promote_secondaries on for the link while old addresses go: the new
 * one was added as their secondary, and deleting a primary takes its
 * secondaries with it otherwise.  1 when it is on.
 */
static int
promote_on(struct uh_run *r)
{
	if (r->link.promote == 1)
		return 1;
	if (r->s.dry_run) {
		uh_dry("sysctl -w net.ipv4.conf.%s.promote_secondaries=1",
		    r->l.ifname);
		return 1;
	}
	if (uh_link_set_promote(&r->nl, r->ifindex, 1) == -1) {
		uh_debug("%s: promote_secondaries: %s", r->l.ifname,
		    strerror(errno));
		return 0;
	}
	uh_debug("%s: promote_secondaries on while old addresses go",
	    r->l.ifname);
	return 1;
}

/* Back as it was: off, when it was off.  Unknown is left on. */
static void
promote_restore(struct uh_run *r)
{
	if (r->link.promote != 0)
		return;
	if (r->s.dry_run)
		uh_dry("sysctl -w net.ipv4.conf.%s.promote_secondaries=0",
		    r->l.ifname);
	else if (uh_link_set_promote(&r->nl, r->ifindex, 0) == -1)
		uh_warn("%s: promote_secondaries left on: %s", r->l.ifname,
		    strerror(errno));
}

/* The old addresses in the lease's subnet: an earlier lease's. */
static void
addr_remove_stale(struct uh_run *r, const struct uh_addr *old, int n,
    const struct uh_addr *new)
{
	int	 i;

	for (i = 0; i < n; i++)
		if (!addr_key_same(&old[i], new) &&
		    uh_in_prefix(old[i].local, new->local, new->prefix)) {
			addr_remove(r, &old[i]);
			r->addr_changed = 1;
		}
}

/*
 * The lease's address goes in before an old one goes: deleting the last
 * IPv4 address of a link flushes every route through it, the
 * administrator's with ours.  The old ones of its subnet (an earlier
 * lease's: only when the lease's address is not there yet, or on bound)
 * then go under promote_secondaries, as does the lease's own address to
 * change its broadcast; where that cannot be had, they go first, the
 * one order left that keeps the new address (the run puts its own
 * routes back; others are lost, as the kernel flushed them).  On bound,
 * a new lease, the link's other IPv4 addresses go last; a renew leaves
 * them.
 */
static void
addr_apply(struct uh_run *r)
{
	struct uh_addr	 old[UH_ADDR_MAX], new;
	int		 n, i, have = -1, stale = 0, brd = 0, promote = 0;

	new.ifindex = r->ifindex;
	new.local = r->l.ip;
	new.prefix = r->l.prefix;
	new.brd = r->l.brd;
	new.label[0] = '\0';

	n = addr_list(r, old);
	for (i = 0; i < n; i++) {
		r->had_ip |= old[i].local.s_addr == new.local.s_addr;
		if (addr_key_same(&old[i], &new)) {
			have = i;
			brd = old[i].brd.s_addr != new.brd.s_addr &&
			    new.brd.s_addr != 0;
		} else if (uh_in_prefix(old[i].local, new.local, new.prefix))
			stale = 1;
	}
	/* A renew of the address that is there leaves the others. */
	if (r->renew && have != -1)
		stale = 0;
	if ((stale || brd) && !(promote = promote_on(r)) && stale)
		addr_remove_stale(r, old, n, &new);
	if (have == -1) {
		addr_add(r, &new);
		r->addr_changed = 1;
	} else if (brd) {
		snprintf(new.label, sizeof(new.label), "%s", old[have].label);
		brd_change(r, &old[have], &new);
	} else
		uh_debug("%s: address %s/%d kept", r->l.ifname,
		    uh_ntoa(new.local), new.prefix);
	if (promote && stale)
		addr_remove_stale(r, old, n, &new);
	if (promote)
		promote_restore(r);
	for (i = 0; i < n && !r->renew; i++)
		if (!addr_key_same(&old[i], &new) &&
		    !uh_in_prefix(old[i].local, new.local, new.prefix))
			addr_remove(r, &old[i]);
}

/*
 * SET_HOSTNAME: the lease's hostname, only where the system has none yet,
 * as the shell hooks did.
 */
static void
hostname_apply(struct uh_run *r)
{
	char	 cur[256] = "";

	if (!r->s.set_hostname || r->l.hostname[0] == '\0')
		return;
	/* A name that cannot be read is no proof that there is none. */
	if (gethostname(cur, sizeof(cur) - 1) == -1) {
		uh_step_failed(r, "reading the hostname");
		return;
	}
	if (cur[0] != '\0' && strcmp(cur, "(none)") != 0) {
		uh_debug("hostname %s kept (lease offers %s)", cur,
		    r->l.hostname);
		return;
	}
	if (r->s.dry_run)
		uh_dry("hostname %s", r->l.hostname);
	else if (sethostname(r->l.hostname, strlen(r->l.hostname)) == -1)
		uh_step_failed(r, "setting the hostname");
	else
		uh_info("hostname %s", r->l.hostname);
}

static void
lease_apply(struct uh_run *r)
{
	int	 tunnel = 0;

	link_prepare(r);
	addr_apply(r);
	uh_routes_apply(r);
	if (r->gone)
		return;

	/* The LNS route must be in place before xl2tpd dials. */
	if (r->s.lac[0] != '\0' && !r->s.tunnel_off)
		tunnel = uh_tunnel_routes(r) == 0;
	if (r->gone)
		return;
	uh_dns_apply(r);
	hostname_apply(r);

	/* A new lease moves the tunnel's source address: redial. */
	if (tunnel && (!r->renew || !r->had_ip))
		uh_tunnel_reconnect(r);
}

static void
deconfig(struct uh_run *r)
{
	struct uh_addr	 old[UH_ADDR_MAX];
	int		 n, i, round;

	link_up(r, r->link.flags);

	/* IPv4 only: IPv6 addresses are not ours to drop.  A link with
	 * more than a list's worth takes another round, within reason. */
	for (round = 0; round < 16; round++) {
		if ((n = uh_addr_list(&r->nl, r->ifindex, old,
		    UH_ADDR_MAX)) == -1) {
			uh_step_failed(r, "listing addresses");
			break;
		}
		for (i = 0; i < n && i < UH_ADDR_MAX && !r->gone; i++)
			addr_remove(r, &old[i]);
		if (n <= UH_ADDR_MAX || r->failed)
			break;
	}
	uh_dns_withdraw(r);
}

static int
lease_read(struct uh_run *r)
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

/*
 * The link's state, read once for the run.  DHCP never configures a
 * loopback: "interface=lo" is a mistake.
 */
static int
link_check(struct uh_run *r)
{
	if (uh_link_get(&r->nl, r->ifindex, &r->link) == -1) {
		uh_err("%s: reading link state: %s; nothing changed",
		    r->l.ifname, strerror(errno));
		return -1;
	}
	if (r->link.flags & IFF_LOOPBACK) {
		uh_err("%s: a loopback interface; nothing changed",
		    r->l.ifname);
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

/*
 * A program started with stdin, stdout or stderr closed gives the next
 * descriptor it opens that number: a message for stderr would go into
 * the netlink socket, a dry run's plan into resolv.conf's temporary
 * file.  Each closed one becomes /dev/null first.
 */
static int
std_fds_open(void)
{
	int	 fd;

	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 &&
		    open("/dev/null", O_RDWR) != fd)
			return -1;
	return 0;
}

int
uh_hook_run(const char *event)
{
	static struct uh_run	 r;
	const char		*msg = getenv("message");

	/* Nothing may be opened before: nowhere safe to say why. */
	if (std_fds_open() == -1)
		return UH_EXIT_FAILED;
	uh_log_open(event, 0);
	if (!event_known(event)) {
		uh_err("unknown event '%s': not bound, renew, deconfig, nak "
		    "or leasefail", event);
		return UH_EXIT_USAGE;
	}
	r.event = event;
	r.renew = strcmp(event, "renew") == 0;
	/* A refused setting skips its step: the run did not do it all. */
	if (uh_settings_load(&r.s, getvar) == -1) {
		uh_warn("settings: %s%s", r.s.problem, r.s.file_lost ?
		    "; the file is not used: every setting the environment "
		    "does not give is refused" : "");
		r.failed = 1;
	}
	uh_log_open(event, r.s.verbose);

	if (strcmp(event, "nak") == 0 || strcmp(event, "leasefail") == 0) {
		uh_info("%s%s%s", getenv("interface") ? getenv("interface") :
		    "?", msg ? ": " : "", msg ? msg : "");
		uh_user_hooks(&r);
		return r.failed ? UH_EXIT_FAILED : UH_EXIT_OK;
	}
	if (lease_read(&r) == -1)
		return UH_EXIT_REFUSED;
	if (uh_nl_open(&r.nl) == -1) {
		uh_err("rtnetlink: %s", strerror(errno));
		return UH_EXIT_FAILED;
	}
	if (link_check(&r) == -1) {
		uh_nl_close(&r.nl);
		return UH_EXIT_REFUSED;
	}
	if (strcmp(event, "deconfig") == 0)
		deconfig(&r);
	else
		lease_apply(&r);
	uh_nl_close(&r.nl);
	uh_user_hooks(&r);
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
	if (argc > 2) {
		fprintf(stderr, "default.%s: one argument at most, the event; "
		    "settings go in the environment\n", event);
		return UH_EXIT_USAGE;
	}
	if (argc > 1 && strcmp(argv[1], event) != 0) {
		if (std_fds_open() == -1)
			return UH_EXIT_FAILED;
		uh_log_open(event, 0);
		uh_err("started for event '%s': this program is for %s",
		    argv[1], event);
		return UH_EXIT_USAGE;
	}
	return uh_hook_run(event);
}
