/*
 * hook: the work of each udhcpc event, shared by the hook programs.
 */
#ifndef UH_HOOK_H
#define UH_HOOK_H

/* Exit status of every hook program. */
#define UH_EXIT_OK	0	/* everything done */
#define UH_EXIT_FAILED	1	/* a step failed; the others were done */
#define UH_EXIT_REFUSED	2	/* lease or interface refused: no change */
#define UH_EXIT_USAGE	64	/* no or unknown event */

/*
 * Time bounds, in milliseconds.  The worst case of a hook is their sum,
 * plus UH_XL2TP_CLEAN_MS and 0.2 s each for the teardown and the connect
 * (a command sent just before its phase's bound is still given 0.2 s).
 */
#define UH_LOOKUP_MS	2000	/* the LNS name lookup */
#define UH_START_MS	2000	/* xl2tpd's start command */
#define UH_APPEAR_MS	1500	/* its control FIFO after the start */
#define UH_REPLY_MS	1000	/* xl2tpd's answer to one command */
#define UH_CONNECT_MS	2500	/* "c" retried while the old call dies */
#define UH_LOCK_MS	2000	/* another hook reconnecting the LAC */
#define UH_RESOLVCONF_MS 2000	/* resolvconf -a or -d */
/* and UH_RESOLV_LOCK_MS (lib/resolv.h): a bind-mounted resolv.conf that
 * another hook is rewriting */
#define UH_USERHOOK_MS	3000	/* each user hook */

/*
 * Run event ("bound", "renew", "deconfig", "nak", "leasefail") with the
 * udhcpc variables and the settings taken from the environment.  Returns
 * an UH_EXIT_* status.
 */
int	uh_hook_run(const char *event);

/*
 * main() of default.EVENT: --help prints the usage; any other argument
 * is udhcpc's event name, which must be event.
 */
int	uh_hook_main(const char *event, int argc, char *argv[]);

#endif
