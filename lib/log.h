/*
 * log: messages to syslog (daemon facility) and to stderr.  udhcpc sends
 * a daemonized hook's stderr to /dev/null, so syslog is the record.
 */
#ifndef UH_LOG_H
#define UH_LOG_H

#define UH_IDENT	"udhook"

void	uh_log_open(const char *event, int verbose);
void	uh_log_close(void);

/* One line each; no trailing newline needed. */
void	uh_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	uh_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	uh_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	uh_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
