/*
 * xl2tpctl: commands to a running xl2tpd through its control FIFO, with
 * its answer read back through a reply FIFO of our own.  Nothing here
 * blocks without a time bound, and the control FIFO is never created.
 */
#ifndef UH_XL2TPCTL_H
#define UH_XL2TPCTL_H

#include <stddef.h>

#define UH_REPLY_MAX	256
#define UH_XL2TP_CLEAN_MS 100	/* the bound of uh_xl2tp_clean() */

/*
 * Is an xl2tpd reading control?  Returns 0 when it is, or -1 and errno:
 * ENOENT (no FIFO: xl2tpd is not running), ENXIO (a FIFO with no reader:
 * xl2tpd died), EINVAL (the path is not a FIFO), other open(2) errors.
 */
int	uh_xl2tp_alive(const char *control);

/*
 * The directory of control, where the reply FIFOs live: "." for a bare
 * name.  Returns 0, or -1 and ENAMETOOLONG.
 */
int	uh_xl2tp_dir(const char *control, char *out, size_t size);

/*
 * Clear what hooks killed while they waited for an answer left beside
 * control, named udhook-reply.PID.N for a PID that is gone: their reply
 * FIFOs, which xl2tpd blocks on, are opened, drained of at most a pipe's
 * worth without blocking, and unlinked; the plain files of late answers
 * (4 KiB at most) are unlinked unread; anything else of such a name is
 * left alone.  The work is done once per process, within
 * UH_XL2TP_CLEAN_MS; uh_xl2tp_command() does it first if nobody did.
 * Returns 0, or -1 and errno: opendir(3) errors, ENAMETOOLONG, ETIMEDOUT
 * (the bound cut it short; the rest is left for the next hook).
 */
int	uh_xl2tp_clean(const char *control);

/*
 * Send one command (such as "c isp") and read xl2tpd's one-line answer
 * into reply ("00 OK", "01 Session 'isp' already active!"), waiting at
 * most timeout_ms from the moment the command is written.  Returns 0,
 * or -1 and errno: the uh_xl2tp_alive errors, ETIMEDOUT when the
 * command was written and xl2tpd did not answer in time, EINVAL for a
 * command or path xl2tpd cannot take (a space in the path, a newline),
 * mkfifo(2) errors.  The late answer to an unanswered command, a plain
 * file when xl2tpd writes it, is unlinked once a later command of the
 * process is answered (xl2tpd answers in order), else by the next
 * process's uh_xl2tp_clean().
 */
int	uh_xl2tp_command(const char *control, const char *cmd,
	    char *reply, size_t size, int timeout_ms);

#endif
