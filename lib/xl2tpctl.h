/*
 * xl2tpctl: commands to a running xl2tpd through its control FIFO, with
 * its answer read back through a reply FIFO of our own.  Nothing here
 * blocks without a time bound, and the control FIFO is never created.
 */
#ifndef UH_XL2TPCTL_H
#define UH_XL2TPCTL_H

#include <stddef.h>

#define UH_REPLY_MAX	256

/*
 * Is an xl2tpd reading control?  Returns 0 when it is, or -1 and errno:
 * ENOENT (no FIFO: xl2tpd is not running), ENXIO (a FIFO with no reader:
 * xl2tpd died), EINVAL (the path is not a FIFO), other open(2) errors.
 */
int	uh_xl2tp_alive(const char *control);

/*
 * Send one command (such as "c isp") and read xl2tpd's one-line answer
 * into reply ("00 OK", "01 Session 'isp' already active!"), waiting at
 * most timeout_ms.  Returns 0, or -1 and errno: the uh_xl2tp_alive
 * errors, ETIMEDOUT when xl2tpd did not answer in time, EINVAL for a
 * command or path xl2tpd cannot take (a space in the path, a newline).
 */
int	uh_xl2tp_command(const char *control, const char *cmd,
	    char *reply, size_t size, int timeout_ms);

#endif
