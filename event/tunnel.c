/*
 * The L2TP tunnel: host routes to the LNS of our LAC, then the LAC's
 * reconnection through xl2tpd's control FIFO.  Every wait is bounded
 * (event/hook.h); udhcpc waits for the hook with no limit of its own.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/rtnetlink.h>

#include "hook.h"
#include "l2tpconf.h"
#include "log.h"
#include "lookup.h"
#include "run.h"
#include "spawn.h"
#include "xl2tpctl.h"

#define ANSWER_MIN_MS	200	/* the least wait for an answer */

/*
 * The LNS is on the lease's link, so the kernel's link route reaches it.
 * A host route of ours to it, left by an earlier lease via that lease's
 * router, would still win (a /32 beats the link's prefix) and send the
 * tunnel to a router that may be gone.  Such a route can only come from
 * another address, so it is looked for only when the address changed.
 * A dry run does not show it: seeing it needs a dump.
 */
static void
lns_unroute(struct uh_run *r, const struct uh_lns *lns, struct in_addr addr)
{
	struct uh_route	 rt;

	memset(&rt, 0, sizeof(rt));
	rt.ifindex = r->ifindex;
	rt.protocol = RTPROT_DHCP;
	rt.dst = addr;
	rt.len = 32;
	if (r->addr_changed && !r->s.dry_run && uh_route_purge(r, &rt) > 0)
		uh_info("%s: LNS %s (%s) is on the link: old route %s/32 "
		    "removed", r->l.ifname, lns->host, uh_ntoa(addr),
		    uh_ntoa(addr));
	else
		uh_debug("%s: LNS %s (%s) is on the link: no route needed",
		    r->l.ifname, lns->host, uh_ntoa(addr));
}

/*
 * deadline: one bound for the lookups of all the LNS of the LAC.  A
 * literal address needs no lookup: it is routed whatever is left.
 */
static void
lns_route(struct uh_run *r, const struct uh_lns *lns, long deadline)
{
	struct in_addr	 addr, gw;
	long		 left = deadline - uh_now_ms();

	if (uh_lookup_ipv4(lns->host, &addr, left > 0 ? (int)left : 0) ==
	    -1) {
		uh_warn("%s: LNS %s: %s", r->l.ifname, lns->host,
		    errno == ETIMEDOUT ? "no answer from DNS in time" :
		    errno == ENOENT ? "no IPv4 address for this name" :
		    strerror(errno));
		r->failed = 1;
		return;
	}
	if (uh_check_unicast(addr) == -1) {
		uh_warn("%s: LNS %s: %s is no unicast address, no route for it",
		    r->l.ifname, lns->host, uh_ntoa(addr));
		r->failed = 1;
		return;
	}
	if (uh_in_prefix(addr, r->l.ip, r->l.prefix)) {
		lns_unroute(r, lns, addr);
		return;
	}
	if (uh_gateway_for(r, addr, &gw) == -1) {
		uh_warn("%s: LNS %s (%s): no route of the lease reaches it",
		    r->l.ifname, lns->host, uh_ntoa(addr));
		r->failed = 1;
		return;
	}
	uh_route_to(r, addr, 32, gw);
}

/* The LNS list of our LAC; -1 (logged) when the tunnel is out of reach. */
static int
lns_read(struct uh_run *r, struct uh_lns_list *list)
{
	struct uh_conf_error	 err;

	if (uh_l2tpconf_lns(r->s.l2tpconf, r->s.lac, list, &err) == -1) {
		if (errno == EINVAL)
			uh_warn("%s:%d: %s; tunnel left alone",
			    r->s.l2tpconf, err.line, err.msg);
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

int
uh_tunnel_routes(struct uh_run *r)
{
	struct uh_lns_list	 list;
	struct in_addr		 literal;
	long			 deadline = uh_now_ms() + UH_LOOKUP_MS;
	int			 i, named = 0;

	if (lns_read(r, &list) == -1)
		return -1;
	for (i = 0; i < list.n; i++) {
		named |= uh_parse_ipv4(list.lns[i].host, &literal) == -1;
		lns_route(r, &list.lns[i], deadline);
	}
	/* A name lookup may have waited seconds: is the link still there? */
	if (named && uh_link_gone(r))
		return -1;
	return 0;
}

/*
 * Why there is no control FIFO.  xl2tpd makes the FIFO but not its
 * directory: when that is missing (a mistyped L2TP_CONTROL, a run dir
 * nobody made), "no such FIFO" would send the reader after xl2tpd.
 */
static const char *
fifo_missing_why(const char *control, int err, char *buf, size_t size)
{
	struct stat	 st;
	char		 dir[PATH_MAX];

	if (err != ENOENT)
		return strerror(err);
	if (uh_xl2tp_dir(control, dir, sizeof(dir)) == -1 ||
	    stat(dir, &st) == 0 || errno != ENOENT)
		return "no such FIFO (xl2tpd not running)";
	snprintf(buf, size, "no directory %s, so no FIFO in it", dir);
	return buf;
}

static void
start_failed(struct uh_run *r, int status, int err)
{
	if (status == -1 && err == ETIMEDOUT)
		uh_warn("%s: killed: still running after %g s", r->s.start,
		    UH_START_MS / 1000.0);
	else if (status == -1)
		uh_warn("%s: %s", r->s.start, strerror(err));
	else
		uh_warn("%s: exit status %d", r->s.start, status);
}

static int
xl2tpd_start(struct uh_run *r)
{
	char	 cmd[sizeof(r->s.start)], *argv[16], why[PATH_MAX + 32];
	int	 status;
	long	 deadline;

	memcpy(cmd, r->s.start, sizeof(cmd));
	if (uh_split_words(cmd, argv, 16) <= 0) {
		uh_warn("L2TP_START '%s': not a command", r->s.start);
		return -1;
	}
	uh_info("starting xl2tpd: %s", r->s.start);
	if ((status = uh_spawn(argv, NULL, 0, UH_START_MS)) != 0) {
		start_failed(r, status, errno);
		return -1;
	}

	/* xl2tpd forks before it makes its FIFO: give it a moment. */
	deadline = uh_now_ms() + UH_APPEAR_MS;
	while (uh_xl2tp_alive(r->s.control) == -1) {
		if (uh_now_ms() >= deadline) {
			uh_warn("%s: no xl2tpd after %s: %s", r->s.control,
			    r->s.start, fifo_missing_why(r->s.control, errno,
			    why, sizeof(why)));
			return -1;
		}
		usleep(20000);
	}
	return 0;
}

static int
xl2tpd_ready(struct uh_run *r)
{
	char	 why[PATH_MAX + 32];

	if (uh_xl2tp_alive(r->s.control) == 0)
		return 0;
	switch (errno) {
	case ENOENT:
	case ENXIO:
		/* Init scripts make the run dir: start even without it. */
		uh_info("%s: %s", r->s.control, errno == ENXIO ?
		    "the FIFO has no reader (xl2tpd died?)" :
		    fifo_missing_why(r->s.control, errno, why, sizeof(why)));
		if (r->s.dry_run) {
			uh_dry("%s", r->s.start);
			return 0;
		}
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

/*
 * One command and its answer, which may take what is left until
 * deadline, at most UH_REPLY_MS, and never less than ANSWER_MIN_MS after
 * the command is written: a command sent just before the deadline is
 * still answered, and a phase ends at most ANSWER_MIN_MS after it.
 */
static int
xl2tpd_say(struct uh_run *r, const char *verb, char *reply, size_t size,
    long deadline)
{
	char	 cmd[UH_LAC_MAX + 4];
	long	 left = deadline - uh_now_ms();

	if (left > UH_REPLY_MS)
		left = UH_REPLY_MS;
	if (left < ANSWER_MIN_MS)
		left = ANSWER_MIN_MS;
	snprintf(cmd, sizeof(cmd), "%s %s", verb, r->s.lac);
	return uh_xl2tp_command(r->s.control, cmd, reply, size, (int)left);
}

/* A command that got no answer; then says what follows from it. */
static void
say_failed(struct uh_run *r, const char *verb, const char *then)
{
	if (errno == EINVAL && strchr(r->s.control, ' ') != NULL)
		uh_warn("%s: a path with a space: xl2tpd's answer channel "
		    "cannot name a reply FIFO beside it", r->s.control);
	else
		uh_warn("%s: '%s %s': %s%s", r->s.control, verb, r->s.lac,
		    errno == ETIMEDOUT ? "xl2tpd did not answer in time" :
		    strerror(errno), then);
}

/*
 * Take the LAC's tunnel down.  "d" only starts the teardown: xl2tpd keeps
 * the tunnel until the LNS acknowledges its StopCCN, and a "c" meanwhile
 * is queued on that dying tunnel and dies with it.  A "d" on a tunnel
 * that is already closing makes xl2tpd drop it at once, so "d" is sent
 * until xl2tpd answers that the session is not up, for UH_REPLY_MS.
 * Returns -1 (logged) when the first "d" got no answer: xl2tpd is not
 * answering, and no "c" is sent after it.  Once a "d" is answered, the
 * LAC is inactive (xl2tpd never dials it again by itself): the caller
 * must send "c", whatever became of a later "d".
 */
static int
tunnel_down(struct uh_run *r)
{
	char	 reply[UH_REPLY_MAX];
	long	 deadline = uh_now_ms() + UH_REPLY_MS;
	int	 i;

	if (xl2tpd_say(r, "d", reply, sizeof(reply), deadline) == -1) {
		say_failed(r, "d", errno != ETIMEDOUT ? "" : "; no 'c' sent: "
		    "if xl2tpd acts on the 'd' late, the LAC stays down");
		return -1;
	}
	uh_debug("xl2tpd: d %s: %s", r->s.lac, reply);
	for (i = 1; i < 4 && strncmp(reply, "00", 2) == 0; i++) {
		if (uh_now_ms() >= deadline)
			return 0;
		if (xl2tpd_say(r, "d", reply, sizeof(reply), deadline) == -1) {
			uh_debug("xl2tpd: d %s: %s; c all the same", r->s.lac,
			    errno == ETIMEDOUT ? "no answer in time" :
			    strerror(errno));
			return 0;
		}
		uh_debug("xl2tpd: d %s: %s", r->s.lac, reply);
	}
	/* "No such tunnel": xl2tpd knows no such LAC, "c" will say so. */
	if (strstr(reply, "not up") == NULL)
		uh_debug("xl2tpd: d %s: %s; trying c all the same", r->s.lac,
		    reply);
	return 0;
}

/*
 * "c" failed after "d" made the LAC inactive.  last is xl2tpd's last
 * real answer to "c" (empty: none), err why a later "c" got none (0:
 * none was sent).  Unless xl2tpd said why itself ("No such tunnel"),
 * say plainly that the tunnel stays down: xl2tpd dials again only when
 * told to (or with "redial = yes", after the old call dies).
 */
static void
up_failed(struct uh_run *r, const char *last, int err)
{
	char	 then[UH_LAC_MAX + 40] = "";

	/* A "c" that got no answer may yet be acted on. */
	if (err != 0)
		snprintf(then, sizeof(then), "; LAC %s may be left "
		    "disconnected", r->s.lac);
	else if (strstr(last, "already active") != NULL)
		snprintf(then, sizeof(then), "; LAC %s is left disconnected",
		    r->s.lac);
	errno = err;
	if (last[0] == '\0')
		say_failed(r, "c", then);
	else
		uh_warn("xl2tpd: c %s: %s%s%s", r->s.lac, last,
		    err == 0 ? "" : err == ETIMEDOUT ? " (then no answer in "
		    "time)" : " (then no answer)", then);
	r->failed = 1;
}

/*
 * "c", retried for UH_CONNECT_MS while xl2tpd says "already active" (the
 * old call is still dying).  "00 OK" to any "c" is success: the call is
 * queued.
 */
static void
tunnel_up(struct uh_run *r)
{
	char	 reply[UH_REPLY_MAX], last[UH_REPLY_MAX] = "";
	long	 deadline = uh_now_ms() + UH_CONNECT_MS;

	do {
		if (xl2tpd_say(r, "c", reply, sizeof(reply), deadline) == -1) {
			up_failed(r, last, errno);
			return;
		}
		if (strncmp(reply, "00", 2) == 0) {
			uh_info("xl2tpd: LAC %s reconnecting", r->s.lac);
			return;
		}
		memcpy(last, reply, sizeof(last));
		if (strstr(reply, "already active") == NULL)
			break;
		usleep(50000);
	} while (uh_now_ms() < deadline);
	up_failed(r, last, 0);
}

/*
 * Hooks of two interfaces may reconnect the same LAC at once; their "d"
 * and "c" must not interleave.  An exclusive lock on xl2tpd.conf, which
 * every such hook has open, serialises them without a lock file.
 */
static int
tunnel_lock(struct uh_run *r)
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

/* xl2tpd running, what killed hooks left cleared, then "d" and "c". */
static void
tunnel_redial(struct uh_run *r)
{
	if (xl2tpd_ready(r) == -1) {
		r->failed = 1;
		return;
	}
	/* Before the answer deadlines start. */
	uh_xl2tp_clean(r->s.control);
	if (tunnel_down(r) == -1)
		r->failed = 1;
	else
		tunnel_up(r);
}

void
uh_tunnel_reconnect(struct uh_run *r)
{
	int	 fd;

	if (r->s.dry_run) {
		if (!uh_link_gone(r) && xl2tpd_ready(r) == 0)
			uh_dry("echo 'd %s' > %s; echo 'c %s' > %s", r->s.lac,
			    r->s.control, r->s.lac, r->s.control);
		return;
	}
	fd = tunnel_lock(r);
	if (!uh_link_gone(r))
		tunnel_redial(r);
	if (fd != -1)
		close(fd);
}
