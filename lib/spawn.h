/*
 * spawn: run another program without a shell and never wait for it
 * longer than a bound.
 */
#ifndef UH_SPAWN_H
#define UH_SPAWN_H

#include <stddef.h>

/*
 * Run argv (argv[0] looked up in PATH; a file that is no executable is
 * refused with ENOEXEC, never handed to a shell) with in (len bytes,
 * may be NULL: then /dev/null) on its standard input and its standard
 * output joined to our standard error, and wait at most
 * timeout_ms; after that it is killed, with its process group.  Returns
 * its exit status (0..255), or -1 and errno: ETIMEDOUT (killed), ECHILD
 * (died of a signal), ENOENT (no such program), fork(2) and pipe(2)
 * errors.
 */
int	uh_spawn(char *const argv[], const char *in, size_t len,
	    int timeout_ms);

/* Split cmd in place into at most max - 1 words; -1 when too many. */
int	uh_split_words(char *cmd, char **argv, int max);

/* Monotonic milliseconds, for deadlines. */
long	uh_now_ms(void);

#endif
