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
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "spawn.h"

#define EXEC_FAILED	127

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
child(char *const argv[], int in_fd, int err_fd)
{
	int	 null = open("/dev/null", O_RDONLY | O_CLOEXEC);

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

static int
child_wait(pid_t pid, int *status, long deadline)
{
	pid_t	 r;

	for (;;) {
		if ((r = waitpid(pid, status, WNOHANG)) == pid)
			return 0;
		if (r == -1 && errno != EINTR)
			return -1;
		if (uh_now_ms() >= deadline)
			return errno = ETIMEDOUT, -1;
		usleep(5000);
	}
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

int
uh_spawn(char *const argv[], const char *in, size_t len, int timeout_ms)
{
	long	 deadline = uh_now_ms() + timeout_ms;
	int	 inp[2] = { -1, -1 }, errp[2], status, child_errno;
	pid_t	 pid;

	if (pipe2(errp, O_CLOEXEC) == -1)
		return -1;
	/* Input fits the pipe buffer (64 KiB): the write never blocks. */
	if (in != NULL && pipe2(inp, O_CLOEXEC) == -1) {
		close(errp[0]);
		close(errp[1]);
		return -1;
	}
	if ((pid = fork()) == 0)
		child(argv, inp[0], errp[1]);
	close(errp[1]);
	if (inp[0] != -1)
		close(inp[0]);
	if (pid != -1 && inp[1] != -1)
		feed(inp[1], in, len);
	if (inp[1] != -1)
		close(inp[1]);
	if (pid == -1) {
		close(errp[0]);
		return -1;
	}

	if (child_wait(pid, &status, deadline) == -1) {
		kill(-pid, SIGKILL);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		close(errp[0]);
		return errno = ETIMEDOUT, -1;
	}
	if (read(errp[0], &child_errno, sizeof(child_errno)) ==
	    sizeof(child_errno)) {
		close(errp[0]);
		return errno = child_errno, -1;
	}
	close(errp[0]);
	if (!WIFEXITED(status))
		return errno = ECHILD, -1;
	return WEXITSTATUS(status);
}
