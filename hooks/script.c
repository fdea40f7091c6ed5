/*
 * script: the program udhcpc runs as "script EVENT".  It does the work of
 * the event itself, with the same code as default.EVENT: starting a
 * program is nearly all a hook costs, so udhcpc's one exec goes straight
 * to the work instead of to a second exec.
 */
#include <stdio.h>
#include <string.h>

#include "hook.h"

int
main(int argc, char *argv[])
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		printf("usage: script bound|renew|deconfig|nak|leasefail\n"
		    "Run by udhcpc -s with the lease in the environment; "
		    "see udhook(8).\n");
		return argc < 2 ? UH_EXIT_USAGE : UH_EXIT_OK;
	}
	/* udhcpc passes the event alone: anything more is a mistake,
	 * such as a setting typed as an argument, and must not be run. */
	if (argc > 2) {
		fprintf(stderr, "script: one argument, the event; "
		    "settings go in the environment\n");
		return UH_EXIT_USAGE;
	}
	return uh_hook_run(argv[1]);
}
