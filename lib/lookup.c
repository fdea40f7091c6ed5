/*
 * A bounded name lookup, made as xl2tpd 1.3 makes it when it dials: by
 * gethostbyname(3), taking the first address.  getaddrinfo(3) would not
 * do: glibc sorts its IPv4 answers by RFC 6724 (longest prefix shared
 * with the source address first), so the route could go to another
 * address than the one xl2tpd dials.
 *
 * The resolver waits as long as its configuration says (timeout times
 * attempts times servers), which can block udhcpc for tens of seconds,
 * and it cannot be cancelled.  It runs in a thread of its own: the
 * caller waits for it at most timeout_ms and then goes on without it; a
 * thread still waiting dies with the process.  A thread, not a child: a
 * renew makes no process.
 */
#include <errno.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "lease.h"
#include "lookup.h"

/*
 * What the caller and the thread share.  It is on the heap and counted:
 * a caller that gave up has returned, so the thread must never write into
 * its frame; the last of the two to let go frees it.
 */
struct lookup {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	int		 refs;
	int		 done;
	int		 error;		/* 0, or the errno to report */
	struct in_addr	 addr;
	char		 host[];
};

static struct lookup *
lookup_new(const char *host)
{
	struct lookup		*lk;
	pthread_condattr_t	 ca;
	size_t			 len = strlen(host) + 1;

	if ((lk = calloc(1, sizeof(*lk) + len)) == NULL)
		return NULL;
	memcpy(lk->host, host, len);
	lk->refs = 2;

	/* A monotonic clock: the hook may run while NTP steps the time. */
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&lk->cv, &ca);
	pthread_condattr_destroy(&ca);
	pthread_mutex_init(&lk->mu, NULL);
	return lk;
}

static void
lookup_free(struct lookup *lk)
{
	pthread_cond_destroy(&lk->cv);
	pthread_mutex_destroy(&lk->mu);
	free(lk);
}

/* Called with lk->mu held; unlocks it, and frees lk if it was the last. */
static void
lookup_release(struct lookup *lk)
{
	int	 last = --lk->refs == 0;

	pthread_mutex_unlock(&lk->mu);
	if (last)
		lookup_free(lk);
}

/* gethostbyname_r(3)'s scratch space: a name with hundreds of addresses. */
#define HOSTBUF_MIN	1024
#define HOSTBUF_MAX	65536

/*
 * gethostbyname_r(3) into a buffer grown while it says ERANGE.  glibc
 * reports a name it cannot resolve by a NULL result, musl by an error
 * number as well: either is "no address".
 */
static int
resolve_first(const char *host, struct in_addr *out, char *buf, size_t len)
{
	struct hostent	 he, *res = NULL;
	int		 rc, herr = 0;

	rc = gethostbyname_r(host, &he, buf, len, &res, &herr);
	if (rc == ERANGE || rc == ENOMEM)
		return rc;
	if (rc != 0 || res == NULL || res->h_addrtype != AF_INET ||
	    res->h_length != 4 || res->h_addr_list[0] == NULL)
		return ENOENT;
	memcpy(out, res->h_addr_list[0], 4);
	return 0;
}

static int
resolve(const char *host, struct in_addr *out)
{
	char	*buf = NULL, *bigger;
	size_t	 len;
	int	 error = ERANGE;

	for (len = HOSTBUF_MIN; error == ERANGE && len <= HOSTBUF_MAX;
	    len *= 2) {
		if ((bigger = realloc(buf, len)) == NULL) {
			error = ENOMEM;
			break;
		}
		buf = bigger;
		error = resolve_first(host, out, buf, len);
	}
	free(buf);
	return error == ERANGE ? ENOMEM : error;
}

static void *
lookup_thread(void *arg)
{
	struct lookup	*lk = arg;
	struct in_addr	 a = { 0 };
	int		 error;

	error = resolve(lk->host, &a);

	pthread_mutex_lock(&lk->mu);
	lk->addr = a;
	lk->error = error;
	lk->done = 1;
	pthread_cond_signal(&lk->cv);
	lookup_release(lk);
	return NULL;
}

/*
 * A detached thread with every signal blocked: the signals of the
 * process (udhcpc's, a timeout's) stay the main thread's affair.
 */
static int
lookup_start(struct lookup *lk)
{
	pthread_attr_t	 attr;
	pthread_t	 tid;
	sigset_t	 all, old;
	int		 rc;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	rc = pthread_create(&tid, &attr, lookup_thread, lk);
	pthread_attr_destroy(&attr);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}

static void
deadline_of(struct timespec *ts, int timeout_ms)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += timeout_ms / 1000;
	ts->tv_nsec += (long)(timeout_ms % 1000) * 1000000;
	if (ts->tv_nsec >= 1000000000) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000;
	}
}

/* Called with lk->mu held: the thread's answer, or ETIMEDOUT. */
static int
lookup_wait(struct lookup *lk, struct in_addr *out, int timeout_ms)
{
	struct timespec	 ts;

	deadline_of(&ts, timeout_ms > 0 ? timeout_ms : 0);
	while (!lk->done)
		if (pthread_cond_timedwait(&lk->cv, &lk->mu, &ts) ==
		    ETIMEDOUT)
			break;
	if (!lk->done)
		return ETIMEDOUT;
	if (lk->error == 0)
		*out = lk->addr;
	return lk->error;
}

int
uh_lookup_ipv4(const char *host, struct in_addr *out, int timeout_ms)
{
	struct lookup	*lk;
	int		 error;

	/* A literal needs no lookup, however little time is left. */
	if (uh_parse_ipv4(host, out) == 0)
		return 0;
	if (timeout_ms <= 0)
		return errno = ETIMEDOUT, -1;
	if ((lk = lookup_new(host)) == NULL)
		return -1;
	if ((error = lookup_start(lk)) != 0) {
		lookup_free(lk);
		return errno = error, -1;
	}

	pthread_mutex_lock(&lk->mu);
	error = lookup_wait(lk, out, timeout_ms);
	lookup_release(lk);
	if (error != 0)
		return errno = error, -1;
	return 0;
}
