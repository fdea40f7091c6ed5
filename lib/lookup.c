/*
 * A bounded name lookup.  getaddrinfo(3) waits as long as the resolver
 * configuration says (timeout times attempts times servers), which can
 * block udhcpc for tens of seconds; the lookup runs in a child that is
 * killed when the bound passes.
 */
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lease.h"
#include "lookup.h"
#include "spawn.h"

static void
child_lookup(const char *host, int fd)
{
	struct addrinfo	 hints, *res;
	struct in_addr	 a = { 0 };

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_DGRAM;
	if (getaddrinfo(host, NULL, &hints, &res) == 0) {
		a = ((struct sockaddr_in *)res->ai_addr)->sin_addr;
		freeaddrinfo(res);
	}
	if (write(fd, &a, sizeof(a)) != sizeof(a))
		_exit(1);
	_exit(0);
}

static int
read_answer(int fd, struct in_addr *out, int timeout_ms)
{
	struct pollfd	 pfd = { fd, POLLIN, 0 };
	long		 deadline = uh_now_ms() + timeout_ms;
	long		 left;

	while ((left = deadline - uh_now_ms()) > 0) {
		if (poll(&pfd, 1, (int)left) == -1 && errno != EINTR)
			return -1;
		if (pfd.revents == 0)
			continue;
		if (read(fd, out, sizeof(*out)) != sizeof(*out))
			return errno = ENOENT, -1;
		return out->s_addr == 0 ? (errno = ENOENT, -1) : 0;
	}
	return errno = ETIMEDOUT, -1;
}

int
uh_lookup_ipv4(const char *host, struct in_addr *out, int timeout_ms)
{
	int	 fd[2], ret, saved;
	pid_t	 pid;

	if (uh_parse_ipv4(host, out) == 0)
		return 0;
	if (pipe(fd) == -1)
		return -1;
	if ((pid = fork()) == -1) {
		saved = errno;
		close(fd[0]);
		close(fd[1]);
		return errno = saved, -1;
	}
	if (pid == 0) {
		close(fd[0]);
		child_lookup(host, fd[1]);
	}
	close(fd[1]);
	ret = read_answer(fd[0], out, timeout_ms);
	saved = errno;
	close(fd[0]);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	errno = saved;
	return ret;
}
