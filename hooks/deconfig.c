/*
 * default.deconfig: the deconfig event of udhcpc.  The work is in lib/hook.c,
 * shared with the other events.
 */
#include "hook.h"

int
main(void)
{
	return uh_hook_run("deconfig");
}
