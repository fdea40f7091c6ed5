/*
 * memcheck-canary: a program with two memory faults on purpose, a read
 * past the end of a heap block and a leak.  t/99-memcheck.t runs it
 * through the same wrapper as the hooks, to prove that a fault there
 * would have been reported: a memory check that cannot fail proves
 * nothing.
 */
#include <stdio.h>
#include <stdlib.h>

int
main(void)
{
	volatile size_t	 past = 16;
	char		*block;

	if ((block = malloc(16)) == NULL)
		return 1;
	block[0] = 'x';
	/* The index is volatile so that no compiler sees the fault. */
	printf("%d\n", block[past]);
	block = NULL;
	return 0;
}
