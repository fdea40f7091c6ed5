/*
 * resolv-write PATH TEXT: write TEXT to PATH as the hooks write
 * resolv.conf, and print how (unchanged, renamed, in place) or the error.
 * resolv-write -loop PATH TEXT1 TEXT2: alternate for ever (t/40-resolv.t
 * kills it at random points).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "resolv.h"

static const char *const how[] = { "unchanged", "renamed", "in place" };

int
main(int argc, char *argv[])
{
	int	 ret, i;

	if (argc == 5 && strcmp(argv[1], "-loop") == 0) {
		for (i = 0;; i++)
			if (uh_resolv_write(argv[2], argv[3 + i % 2],
			    strlen(argv[3 + i % 2])) == -1)
				return 1;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: resolv-write [-loop] PATH TEXT...\n");
		return 64;
	}
	if ((ret = uh_resolv_write(argv[1], argv[2], strlen(argv[2]))) == -1) {
		printf("error: %s\n", strerror(errno));
		return 1;
	}
	printf("%s\n", how[ret]);
	return 0;
}
