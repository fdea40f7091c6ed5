/*
 * Talking to xl2tpd.  Facts from xl2tpd 1.3's control code that shape
 * this file:
 * - it reads one command per read(2), so each command is one write on
 *   its own open of the FIFO;
 * - "@/path cmd" makes it fopen(3) /path for writing and put its answer
 *   there; that open blocks until somebody reads /path, so the reply FIFO
 *   is opened for reading before the command is sent, and unlinked
 *   before it is closed so that a late xl2tpd creates a plain file
 *   instead of hanging;
 * - after answering, xl2tpd unlinks /path itself, at a moment of its
 *   own: a name used twice could lose the second FIFO to the first
 *   answer's unlink, so every command gets a name of its own;
 * - a crashed xl2tpd leaves a FIFO with no reader: a blocking open would
 *   hang for ever, a non-blocking one fails with ENXIO.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spawn.h"
#include "xl2tpctl.h"

#define ENXIO_GRACE_MS	200

/*
 * Open control for writing without blocking and without creating it.
 * xl2tpd closes and reopens its end after each command it reads, so a
 * live xl2tpd can leave the FIFO without a reader for an instant: ENXIO
 * counts only when it lasts.
 */
static int
control_open(const char *control)
{
	struct stat	 st;
	long		 deadline = uh_now_ms() + ENXIO_GRACE_MS;
	int		 fd;

	while ((fd = open(control, O_WRONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		if (errno != ENXIO || uh_now_ms() >= deadline)
			return -1;
		usleep(10000);
	}
	if (fstat(fd, &st) == -1 || !S_ISFIFO(st.st_mode)) {
		close(fd);
		return errno = EINVAL, -1;
	}
	return fd;
}

int
uh_xl2tp_alive(const char *control)
{
	int	 fd;

	if ((fd = control_open(control)) == -1)
		return -1;
	close(fd);
	return 0;
}

/*
 * A hook killed while waiting for an answer leaves its reply FIFO with
 * no reader, and xl2tpd blocks for ever in its open of it: open it for
 * reading (which lets xl2tpd's open through), drain it and unlink it.
 * A late answer that found the FIFO gone left a plain file: unlink it.
 */
static void
reply_stale_clean(const char *dir)
{
	char		 path[PATH_MAX], junk[256], *end;
	struct dirent	*de;
	DIR		*d;
	long		 pid;
	int		 fd;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "udhook-reply.", 13) != 0)
			continue;
		pid = strtol(de->d_name + 13, &end, 10);
		if ((*end != '\0' && *end != '.') || pid <= 0 ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW |
		    O_CLOEXEC);
		if (fd != -1) {
			while (read(fd, junk, sizeof(junk)) > 0)
				;
			close(fd);
		}
		unlink(path);
	}
	closedir(d);
}

/*
 * The reply FIFO lives beside the control FIFO, in xl2tpd's run dir,
 * named for this process and numbered for each command.
 */
static int
reply_path(const char *control, char *out, size_t size)
{
	static unsigned int	 seq;
	const char		*slash = strrchr(control, '/');
	int			 dirlen = slash ? (int)(slash - control) : 1;
	int			 n;

	n = snprintf(out, size, "%.*s/udhook-reply.%ld.%u", dirlen,
	    slash ? control : ".", (long)getpid(), ++seq);
	if (n < 0 || (size_t)n >= size)
		return errno = ENAMETOOLONG, -1;
	return 0;
}

/* Read the first line of the answer, until EOF or the deadline. */
static int
reply_read(int fd, char *reply, size_t size, long deadline)
{
	struct pollfd	 pfd = { fd, POLLIN, 0 };
	size_t		 len = 0;
	ssize_t		 n;
	long		 left;

	while (len + 1 < size && memchr(reply, '\n', len) == NULL) {
		if ((left = deadline - uh_now_ms()) <= 0)
			return errno = ETIMEDOUT, -1;
		if (poll(&pfd, 1, (int)left) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (pfd.revents == 0)
			continue;
		if ((n = read(fd, reply + len, size - 1 - len)) == -1) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	reply[len] = '\0';
	reply[strcspn(reply, "\n")] = '\0';
	if (len == 0)
		return errno = ETIMEDOUT, -1;
	return 0;
}

static int
command_send(const char *control, const char *path, const char *cmd)
{
	char	 line[PATH_MAX + 128];
	int	 fd, n, saved;

	n = snprintf(line, sizeof(line), "@%s %s\n", path, cmd);
	if (n < 0 || (size_t)n >= sizeof(line))
		return errno = EINVAL, -1;
	if ((fd = control_open(control)) == -1)
		return -1;
	/* Under PIPE_BUF, so the write is whole or fails. */
	if (write(fd, line, (size_t)n) != n) {
		saved = errno;
		close(fd);
		return errno = saved ? saved : EIO, -1;
	}
	return close(fd);
}

int
uh_xl2tp_command(const char *control, const char *cmd, char *reply,
    size_t size, int timeout_ms)
{
	char	 path[PATH_MAX];
	long	 deadline = uh_now_ms() + timeout_ms;
	int	 fd, hold, ret, saved;

	if (strpbrk(cmd, "\n\r") != NULL || strchr(control, ' ') != NULL)
		return errno = EINVAL, -1;
	if (reply_path(control, path, sizeof(path)) == -1)
		return -1;

	*strrchr(path, '/') = '\0';
	reply_stale_clean(path);
	path[strlen(path)] = '/';
	unlink(path);
	if (mkfifo(path, 0600) == -1)
		return -1;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		saved = errno;
		unlink(path);
		return errno = saved, -1;
	}

	/*
	 * After each command xl2tpd reads end-of-file, closes the FIFO and
	 * opens it again.  A command written in that gap sits in a pipe
	 * with no reader, and the kernel drops it when the last writer
	 * closes.  A reader of our own keeps the pipe, and the command in
	 * it, until xl2tpd's end is back.
	 */
	hold = open(control, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	ret = command_send(control, path, cmd);
	if (ret == 0)
		ret = reply_read(fd, reply, size, deadline);
	saved = errno;
	unlink(path);
	close(fd);
	if (hold != -1)
		close(hold);
	errno = saved;
	return ret;
}
