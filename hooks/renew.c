/*
 * default.renew: the renew event of udhcpc.  The work is in event/hook.c,
 * shared with the other events.
 */
#include "hook.h"

int
main(int argc, char *argv[])
{
	return uh_hook_main("renew", argc, argv);
}
