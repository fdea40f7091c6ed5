/*
 * script: the program udhcpc runs as "script EVENT".  It execs the
 * program of the event, default.EVENT, from its own directory, keeping
 * udhcpc's environment; nak and leasefail it only logs.  It links no
 * netlink code, so its own start costs as little as a program can.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#define IDENT	"udhook"

static void
say(int prio, const char *event, const char *what, const char *why)
{
	char		 line[256];
	char		*p;

	snprintf(line, sizeof(line), "%s%s%s", what, why ? ": " : "",
	    why ? why : "");
	/* The nak message comes from the server: no control bytes. */
	for (p = line; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	openlog(IDENT, LOG_PID, LOG_DAEMON);
	syslog(prio, "%s: %s", event, line);
	fprintf(stderr, "%s %s: %s\n", IDENT, event, line);
}

/* The directory this program was started from, with a trailing '/'. */
static int
own_dir(const char *argv0, char *dir, size_t size)
{
	ssize_t	 n;
	char	*slash;

	n = readlink("/proc/self/exe", dir, size - 1);
	if (n > 0)
		dir[n] = '\0';
	else if (strlen(argv0) < size)
		strcpy(dir, argv0);
	else
		return -1;
	if ((slash = strrchr(dir, '/')) == NULL)
		return -1;
	slash[1] = '\0';
	return 0;
}

int
main(int argc, char *argv[])
{
	char		 path[PATH_MAX];
	const char	*event = argc > 1 ? argv[1] : "";
	const char	*ifname = getenv("interface");

	if (strcmp(event, "--help") == 0 || strcmp(event, "-h") == 0) {
		printf("usage: script bound|renew|deconfig|nak|leasefail\n"
		    "Run by udhcpc -s; execs default.EVENT from its own "
		    "directory; see udhook(8).\n");
		return 0;
	}
	if (strcmp(event, "nak") == 0 || strcmp(event, "leasefail") == 0) {
		say(LOG_INFO, event, ifname ? ifname : "?",
		    getenv("message"));
		return 0;
	}
	if (strcmp(event, "bound") != 0 && strcmp(event, "renew") != 0 &&
	    strcmp(event, "deconfig") != 0) {
		say(LOG_ERR, "script", "usage: script bound|renew|deconfig|"
		    "nak|leasefail", NULL);
		return 64;
	}
	if (own_dir(argv[0], path, sizeof(path) - 16) == -1) {
		say(LOG_ERR, event, "cannot find my own directory", NULL);
		return 1;
	}
	strcat(path, "default.");
	strcat(path, event);
	execv(path, argv + 1);
	say(LOG_ERR, event, path, strerror(errno));
	return 1;
}
