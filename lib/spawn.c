/*
 * Running other programs: xl2tpd's start command, resolvconf and the
 * user hooks.  udhcpc waits for its hook with no time limit, so no child
 * may hold the hook up: each gets a deadline and is killed after it.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "spawn.h"

#define EXEC_FAILED	127

/* A signal that would end the hook while a child runs; 0: none. */
static volatile sig_atomic_t	 ending_signal;
static const int		 ending_signals[] = {
	SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGALRM, SIGUSR1, SIGUSR2
};
#define NENDING	(sizeof(ending_signals) / sizeof(ending_signals[0]))

long
uh_now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
uh_split_words(char *cmd, char **argv, int max)
{
	int	 n = 0;
	char	*p, *save;

	for (p = strtok_r(cmd, " \t", &save); p != NULL;
	    p = strtok_r(NULL, " \t", &save)) {
		if (n == max - 1)
			return -1;
		argv[n++] = p;
	}
	argv[n] = NULL;
	return n;
}

/*
 * execvp(3) without its fallback: glibc's runs a file that is no
 * executable (ENOEXEC, a script without "#!") through /bin/sh, and no
 * shell may run here.  A name without a slash is looked up in PATH.
 */
static void
exec_no_shell(char *const argv[])
{
	char		 path[PATH_MAX];
	const char	*dirs, *end;
	int		 saved = ENOENT;

	if (strchr(argv[0], '/') != NULL) {
		execv(argv[0], argv);
		return;
	}
	if ((dirs = getenv("PATH")) == NULL)
		dirs = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:"
		    "/sbin:/bin";
	for (; *dirs != '\0'; dirs = *end ? end + 1 : end) {
		end = strchrnul(dirs, ':');
		if ((size_t)snprintf(path, sizeof(path), "%.*s/%s",
		    (int)(end - dirs), dirs, argv[0]) >= sizeof(path))
			continue;
		execv(path, argv);
		if (errno != ENOENT && errno != ENOTDIR && errno != EACCES)
			return;
		if (errno == EACCES)
			saved = EACCES;
	}
	errno = saved;
}

/*
 * In the child: stdin from the pipe or /dev/null, stdout onto stderr,
 * then exec.
 */
static void
child(char *const argv[], int in_fd, int err_fd, pid_t parent)
{
	int	 null = open("/dev/null", O_RDONLY | O_CLOEXEC);

	/* A hook killed by a signal it cannot catch (SIGKILL) takes its
	 * child along; one already gone is noticed by the pid. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 || getppid() != parent)
		_exit(EXEC_FAILED);

	/*
	 * Never udhcpc's standard input, and never the hook's standard
	 * output, which carries a dry run's plan alone ("Starting xl2tpd"
	 * is a message); a group of its own, so that a kill reaches its
	 * children too.
	 */
	if (dup2(in_fd != -1 ? in_fd : null, 0) != -1 && dup2(2, 1) != -1 &&
	    setpgid(0, 0) != -1)
		exec_no_shell(argv);
	/* Tell the parent why: exit status 127 alone is ambiguous. */
	if (write(err_fd, &errno, sizeof(errno)) != sizeof(errno))
		_exit(EXEC_FAILED);
	_exit(EXEC_FAILED);
}

static void
ending(int sig)
{
	ending_signal = sig;
}

/*
 * The child runs in a group of its own, out of reach of a signal sent
 * to the hook's group (timeout(1), a supervisor): while it runs, such a
 * signal is caught, and the child's group killed before the hook ends.
 */
static void
ending_catch(struct sigaction *saved)
{
	struct sigaction	 sa;
	size_t			 i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ending;
	sigemptyset(&sa.sa_mask);
	ending_signal = 0;
	for (i = 0; i < NENDING; i++) {
		sigaction(ending_signals[i], NULL, &saved[i]);
		/* One the hook was started to ignore stays ignored. */
		if (saved[i].sa_handler != SIG_IGN)
			sigaction(ending_signals[i], &sa, NULL);
	}
}

/* Handlers back; a signal caught meanwhile now ends the hook. */
static void
ending_release(const struct sigaction *saved)
{
	size_t	 i;

	for (i = 0; i < NENDING; i++)
		sigaction(ending_signals[i], &saved[i], NULL);
	if (ending_signal != 0)
		raise(ending_signal);
}

static int
child_wait(pid_t pid, int *status, long deadline)
{
	pid_t	 r;

	for (;;) {
		if ((r = waitpid(pid, status, WNOHANG)) == pid)
			return 0;
		if (r == -1 && errno != EINTR)
			return -1;
		if (ending_signal != 0)
			return errno = EINTR, -1;
		if (uh_now_ms() >= deadline)
			return errno = ETIMEDOUT, -1;
		usleep(5000);
	}
}

/* Kill the child with its group and reap it. */
static void
child_kill(pid_t pid, int *status)
{
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	waitpid(pid, status, 0);
}

/* Feed in to the child; a child that does not read it is its affair. */
static void
feed(int fd, const char *in, size_t len)
{
	ssize_t	 n;

	signal(SIGPIPE, SIG_IGN);
	while (len > 0 && (n = write(fd, in, len)) > 0) {
		in += n;
		len -= (size_t)n;
	}
}

/*
 * Fork and exec argv with in on its standard input; the pid, and in
 * *err_fd the read end of the pipe that carries an exec failure.
 */
static pid_t
child_start(char *const argv[], const char *in, size_t len, int *err_fd)
{
	int	 inp[2] = { -1, -1 }, errp[2];
	pid_t	 pid, parent;

	if (pipe2(errp, O_CLOEXEC) == -1)
		return -1;
	/* Input fits the pipe buffer (64 KiB): the write never blocks. */
	if (in != NULL && pipe2(inp, O_CLOEXEC) == -1) {
		close(errp[0]);
		close(errp[1]);
		return -1;
	}
	parent = getpid();
	if ((pid = fork()) == 0)
		child(argv, inp[0], errp[1], parent);
	close(errp[1]);
	if (inp[0] != -1)
		close(inp[0]);
	if (pid != -1 && inp[1] != -1)
		feed(inp[1], in, len);
	if (inp[1] != -1)
		close(inp[1]);
	if (pid == -1)
		close(errp[0]);
	*err_fd = errp[0];
	return pid;
}

int
uh_spawn(char *const argv[], const char *in, size_t len, int timeout_ms)
{
	struct sigaction	 saved[NENDING];
	long			 deadline = uh_now_ms() + timeout_ms;
	int			 err_fd, status, child_errno, ret = -1, e = 0;
	pid_t			 pid;

	ending_catch(saved);
	if ((pid = child_start(argv, in, len, &err_fd)) == -1)
		e = errno;
	else if (child_wait(pid, &status, deadline) == -1) {
		child_kill(pid, &status);
		e = ETIMEDOUT;
	} else if (read(err_fd, &child_errno, sizeof(child_errno)) ==
	    sizeof(child_errno))
		e = child_errno;
	else if (!WIFEXITED(status))
		e = ECHILD;
	else
		ret = WEXITSTATUS(status);
	if (pid != -1)
		close(err_fd);
	ending_release(saved);
	if (ret == -1)
		errno = e;
	return ret;
}
