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
 * - it answers the commands one at a time, in the order they came;
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
#define STALE_READ_MAX	65536	/* a pipe's worth, from a stale FIFO */
#define LATE_ANSWER_MAX	4096	/* a late answer: one short line */

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
 * The pid in a name of ours, "udhook-reply.PID.SEQ", or -1 for any
 * other name.
 */
static long
reply_name_pid(const char *name)
{
	char	*end;
	long	 pid;

	if (strncmp(name, "udhook-reply.", 13) != 0)
		return -1;
	pid = strtol(name + 13, &end, 10);
	if (pid <= 0 || pid > INT_MAX || *end != '.' || end[1] < '0' ||
	    end[1] > '9')
		return -1;
	strtoul(end + 1, &end, 10);
	return *end == '\0' ? pid : -1;
}

/*
 * A killed hook's reply FIFO has no reader, and xl2tpd blocks for ever
 * in its open of it: open it for reading (which lets xl2tpd's open
 * through), take what a pipe holds at most, unlink it.  Never more: a
 * writer that keeps writing must not keep us.  The fstat makes sure the
 * FIFO that was opened is the one lstat saw.
 */
static void
stale_fifo_clean(const char *path, const struct stat *st)
{
	struct stat	 fst;
	char		 junk[512];
	size_t		 total = 0;
	ssize_t		 n;
	int		 fd;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1)
		return;
	if (fstat(fd, &fst) == 0 && S_ISFIFO(fst.st_mode) &&
	    fst.st_ino == st->st_ino && fst.st_dev == st->st_dev) {
		while (total < STALE_READ_MAX &&
		    (n = read(fd, junk, sizeof(junk))) > 0)
			total += (size_t)n;
		unlink(path);
	}
	close(fd);
}

/*
 * One leftover of a dead hook.  A late answer that found the FIFO gone
 * is a plain file of one line (xl2tpd fopen(3)s the path): unlinked
 * unread.  Whatever else bears such a name (a big file, a directory, a
 * link) is no reply of ours and is left alone.
 */
static void
stale_clean(const char *path)
{
	struct stat	 st;

	if (lstat(path, &st) == -1)
		return;
	if (S_ISFIFO(st.st_mode))
		stale_fifo_clean(path, &st);
	else if (S_ISREG(st.st_mode) && st.st_size <= LATE_ANSWER_MAX)
		unlink(path);
}

int
uh_xl2tp_dir(const char *control, char *out, size_t size)
{
	const char	*slash = strrchr(control, '/');
	int		 n;

	if (slash == NULL)
		n = snprintf(out, size, ".");
	else
		n = snprintf(out, size, "%.*s", slash == control ? 1 :
		    (int)(slash - control), control);
	if (n < 0 || (size_t)n >= size)
		return errno = ENAMETOOLONG, -1;
	return 0;
}

/*
 * Our own reply names are unique while we live: one with our pid was
 * left by a dead process that had it before us.
 */
static int
pid_dead(long pid)
{
	return pid == (long)getpid() || (kill((pid_t)pid, 0) == -1 &&
	    errno == ESRCH);
}

int
uh_xl2tp_clean(const char *control)
{
	static int	 done;
	char		 dir[PATH_MAX], path[PATH_MAX];
	struct dirent	*de;
	DIR		*d;
	long		 pid, deadline = uh_now_ms() + UH_XL2TP_CLEAN_MS;
	int		 ret = 0;

	if (done++)
		return 0;
	if (uh_xl2tp_dir(control, dir, sizeof(dir)) == -1 ||
	    (d = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (uh_now_ms() >= deadline) {
			ret = -1;
			break;
		}
		if ((pid = reply_name_pid(de->d_name)) == -1 || !pid_dead(pid))
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) <
		    (int)sizeof(path))
			stale_clean(path);
	}
	closedir(d);
	return ret == -1 ? (errno = ETIMEDOUT, -1) : 0;
}

/* The reply FIFO of command seq, named for this process. */
static int
reply_path(const char *control, unsigned int seq, char *out, size_t size)
{
	char	 dir[PATH_MAX];
	int	 n;

	if (uh_xl2tp_dir(control, dir, sizeof(dir)) == -1)
		return -1;
	n = snprintf(out, size, "%s/udhook-reply.%ld.%u",
	    strcmp(dir, "/") == 0 ? "" : dir, (long)getpid(), seq);
	if (n < 0 || (size_t)n >= size)
		return errno = ENAMETOOLONG, -1;
	return 0;
}

/*
 * Our commands that went unanswered, from late_first on.  xl2tpd
 * answers in order: once a later command is answered, the late answers
 * to those (plain files, when it found the FIFO gone) are written, and
 * their names can go.  One that comes after we exit is the next hook's.
 */
static unsigned int	 late_first;

static void
late_note(const char *control, unsigned int seq, int answered)
{
	char	 path[PATH_MAX];

	if (!answered) {
		if (late_first == 0)
			late_first = seq;
		return;
	}
	for (; late_first != 0 && late_first < seq; late_first++)
		if (reply_path(control, late_first, path, sizeof(path)) == 0)
			unlink(path);
	late_first = 0;
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

/*
 * A fresh FIFO at path, open for reading before the command names it:
 * xl2tpd's open of it for writing must never block.
 */
static int
reply_open(const char *path)
{
	int	 fd, saved;

	unlink(path);
	if (mkfifo(path, 0600) == -1)
		return -1;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		saved = errno;
		unlink(path);
		return errno = saved, -1;
	}
	return fd;
}

int
uh_xl2tp_command(const char *control, const char *cmd, char *reply,
    size_t size, int timeout_ms)
{
	static unsigned int	 seq;
	char			 path[PATH_MAX];
	int			 fd, hold, ret, saved;

	if (strpbrk(cmd, "\n\r") != NULL || strchr(control, ' ') != NULL)
		return errno = EINVAL, -1;
	uh_xl2tp_clean(control);
	if (reply_path(control, ++seq, path, sizeof(path)) == -1)
		return -1;
	if ((fd = reply_open(path)) == -1)
		return -1;

	/*
	 * After each command xl2tpd reads end-of-file, closes the FIFO and
	 * opens it again.  A command written in that gap sits in a pipe
	 * with no reader, and the kernel drops it when the last writer
	 * closes.  A reader of our own keeps the pipe, and the command in
	 * it, until xl2tpd's end is back.
	 */
	hold = open(control, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	/* The answer's time starts once the command is written. */
	ret = command_send(control, path, cmd);
	if (ret == 0)
		ret = reply_read(fd, reply, size, uh_now_ms() + timeout_ms);
	saved = errno;
	unlink(path);
	close(fd);
	if (hold != -1)
		close(hold);
	late_note(control, seq, ret == 0);
	errno = saved;
	return ret;
}
