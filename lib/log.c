/*
 * Logging for the hooks.  Every message goes to syslog and to stderr; the
 * event name leads each stderr line so that a foreground udhcpc's output
 * says which hook spoke.
 */
#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>

#include "log.h"

static const char	*log_event = "";
static int		 log_verbose;

void
uh_log_open(const char *event, int verbose)
{
	log_event = event;
	log_verbose = verbose;
	openlog(UH_IDENT, LOG_PID, LOG_DAEMON);
}

void
uh_log_close(void)
{
	closelog();
}

static void
log_emit(int prio, const char *fmt, va_list ap)
{
	char	 line[1024];
	char	*p;
	int	 n;

	n = snprintf(line, sizeof(line), "%.16s: ", log_event);
	if (n > 0 && (size_t)n < sizeof(line))
		vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);

	/*
	 * Lease values reach messages: no control byte may forge a line,
	 * and no byte past ASCII (C1 controls among them) reaches a
	 * terminal or a log reader.
	 */
	for (p = line; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			*p = '?';
	syslog(prio, "%s", line);
	fprintf(stderr, "%s %s\n", UH_IDENT, line);
}

#define LOG_FN(name, prio, cond)			\
void							\
name(const char *fmt, ...)				\
{							\
	va_list	 ap;					\
							\
	if (!(cond))					\
		return;					\
	va_start(ap, fmt);				\
	log_emit(prio, fmt, ap);			\
	va_end(ap);					\
}

LOG_FN(uh_err, LOG_ERR, 1)
LOG_FN(uh_warn, LOG_WARNING, 1)
LOG_FN(uh_info, LOG_INFO, 1)
LOG_FN(uh_debug, LOG_DEBUG, log_verbose)
