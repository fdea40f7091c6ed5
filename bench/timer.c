/*
 * timer: run programs the way busybox udhcpc runs its hook (vfork and
 * exec, then wait) and print, for each run, the wall time from the spawn
 * to the reaping, the peak RSS, the exit status and the CPU time.  Used
 * by bench.sh.
 *
 *   timer [-F] [-n ROUNDS] [-o DIR] [-w FILE -p TEXT [-t MS]] \
 *	-- LABEL [@NETNS] PROG [ARG...] [-- LABEL [@NETNS] PROG [ARG...]]...
 *
 * The commands run interleaved, A B C A B C ..., so that a drift of the
 * machine's speed weighs on each alike.  Each line of output is
 *
 *   LABEL ROUND MICROSECONDS MAXRSS_KIB STATUS WAIT_MICROSECONDS CPU_US
 *
 * WAIT is, with -w, the time from the spawn until FILE gained a line
 * holding TEXT (-1: not within -t MS, default 10000), else -1.  CPU is
 * user plus system time of the program and the children it waited for.
 *
 * MAXRSS is ru_maxrss, which also counts the memory of the process that
 * was replaced by the exec: with vfork that is the timer itself, so -F
 * forks instead, as /usr/bin/time does (a fork copies only the parent's
 * anonymous pages: a few hundred KiB, the floor programs show how many).
 *
 * @NETNS (a file such as /run/netns/NAME) runs that command in that
 * network namespace (setns(2) between the fork and the exec).  The
 * programs get the timer's environment; their stdout and stderr go to
 * DIR/LABEL.out (default /dev/null), stdin is /dev/null.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CMD_MAX	32

struct cmd {
	const char	*label;
	char		**argv;
	int		 out;		/* its stdout and stderr */
	int		 netns;		/* -1: the timer's */
};

struct watch {
	const char	*file;
	const char	*text;
	long		 timeout_us;
	off_t		 from;		/* the file's size at the spawn */
};

struct result {
	long		 us;
	long		 rss;
	int		 status;
	long		 wait_us;
	long		 cpu_us;
};

extern char **environ;

static int	 use_fork;

static long
now_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

static off_t
file_size(const char *path)
{
	struct stat	 st;

	return stat(path, &st) == -1 ? 0 : st.st_size;
}

/* Does w->file hold w->text after offset w->from? */
static int
watch_seen(const struct watch *w)
{
	static char	 buf[1 << 16];
	ssize_t		 n;
	int		 fd;

	if ((fd = open(w->file, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	n = pread(fd, buf, sizeof(buf) - 1, w->from);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return strstr(buf, w->text) != NULL;
}

/*
 * As busybox's spawn(): vfork, so that the parent's memory is not
 * copied (with -F: fork).
 */
static pid_t
spawn(const struct cmd *c, int devnull)
{
	pid_t	 pid;

	pid = use_fork ? fork() : vfork();
	if (pid == 0) {
		if (c->netns != -1 && setns(c->netns, CLONE_NEWNET) == -1)
			_exit(126);
		dup2(devnull, 0);
		dup2(c->out, 1);
		dup2(c->out, 2);
		execve(c->argv[0], c->argv, environ);
		_exit(127);
	}
	return pid;
}

static long
tv_us(struct timeval tv)
{
	return tv.tv_sec * 1000000L + tv.tv_usec;
}

/*
 * Spawn c, reap it, and with w watch its file meanwhile.  The polling
 * period (200 us) bounds the error of the wait.
 */
static int
run_one(const struct cmd *c, struct watch *w, struct result *res)
{
	struct rusage	 ru;
	pid_t		 pid;
	long		 t0, t;
	int		 done = 0, devnull;

	if ((devnull = open("/dev/null", O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	res->wait_us = -1;
	if (w != NULL)
		w->from = file_size(w->file);

	t0 = now_us();
	pid = spawn(c, devnull);
	close(devnull);
	if (pid == -1)
		return -1;
	while (w != NULL && (res->wait_us == -1 || !done)) {
		t = now_us();
		if (!done && wait4(pid, &res->status, WNOHANG, &ru) == pid) {
			done = 1;
			res->us = t - t0;
		}
		if (res->wait_us == -1 && watch_seen(w))
			res->wait_us = now_us() - t0;
		if (res->wait_us == -1 && t - t0 > w->timeout_us)
			break;
		usleep(200);
	}
	if (!done) {
		if (wait4(pid, &res->status, 0, &ru) == -1)
			return -1;
		res->us = now_us() - t0;
	}
	res->rss = ru.ru_maxrss;
	res->cpu_us = tv_us(ru.ru_utime) + tv_us(ru.ru_stime);
	return 0;
}

static int
usage(void)
{
	fprintf(stderr, "usage: timer [-F] [-n ROUNDS] [-o DIR] "
	    "[-w FILE -p TEXT [-t MS]] -- LABEL [@NETNS] PROG [ARG...] "
	    "[-- LABEL [@NETNS] PROG [ARG...]]...\n");
	return 64;
}

/* Open the files of one command; -1 (reported) on failure. */
static int
cmd_open(struct cmd *c, const char *dir, const char *netns)
{
	char	 path[4096];

	if (dir != NULL)
		snprintf(path, sizeof(path), "%s/%s.out", dir, c->label);
	c->out = open(dir ? path : "/dev/null",
	    O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (c->out == -1) {
		perror(dir ? path : "/dev/null");
		return -1;
	}
	c->netns = -1;
	if (netns != NULL &&
	    (c->netns = open(netns, O_RDONLY | O_CLOEXEC)) == -1) {
		perror(netns);
		return -1;
	}
	return 0;
}

/* Split argv at each "--" into commands; the count, or -1. */
static int
parse_cmds(int argc, char **argv, const char *dir, struct cmd *cmds)
{
	const char	*netns;
	int		 n = 0, i = 0, j, k;

	while (i < argc) {
		for (j = i; j < argc && strcmp(argv[j], "--") != 0; j++)
			;
		k = i + 1;
		netns = k < j && argv[k][0] == '@' ? argv[k++] + 1 : NULL;
		if (k >= j || n == CMD_MAX)
			return -1;
		argv[j] = NULL;
		cmds[n].label = argv[i];
		cmds[n].argv = &argv[k];
		if (cmd_open(&cmds[n], dir, netns) == -1)
			return -1;
		n++;
		i = j + 1;
	}
	return n;
}

int
main(int argc, char *argv[])
{
	struct cmd	 cmds[CMD_MAX];
	struct watch	 w = { NULL, NULL, 10000000L, 0 };
	struct result	 res;
	const char	*dir = NULL;
	int		 rounds = 1, ncmd, opt, r, i;

	while ((opt = getopt(argc, argv, "Fn:o:w:p:t:")) != -1) {
		switch (opt) {
		case 'F':
			use_fork = 1;
			break;
		case 'n':
			rounds = atoi(optarg);
			break;
		case 'o':
			dir = optarg;
			break;
		case 'w':
			w.file = optarg;
			break;
		case 'p':
			w.text = optarg;
			break;
		case 't':
			w.timeout_us = atol(optarg) * 1000L;
			break;
		default:
			return usage();
		}
	}
	if ((w.file == NULL) != (w.text == NULL) || rounds < 1)
		return usage();
	ncmd = parse_cmds(argc - optind, argv + optind, dir, cmds);
	if (ncmd <= 0)
		return usage();

	for (r = 0; r < rounds; r++) {
		for (i = 0; i < ncmd; i++) {
			if (run_one(&cmds[i], w.file ? &w : NULL, &res) == -1) {
				fprintf(stderr, "timer: %s: %s\n",
				    cmds[i].argv[0], strerror(errno));
				return 1;
			}
			printf("%s %d %ld %ld %d %ld %ld\n", cmds[i].label, r,
			    res.us, res.rss, WIFEXITED(res.status) ?
			    WEXITSTATUS(res.status) :
			    128 + WTERMSIG(res.status), res.wait_us,
			    res.cpu_us);
		}
	}
	return 0;
}
