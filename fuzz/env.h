/*
 * env: a fuzz input read as t/src/lease-dump reads its FILE (the same
 * code), so that the lease cases seed the harnesses and a crash file
 * replays with lease-dump as a golden test of t/20-lease.t.
 */
#ifndef FZ_ENV_H
#define FZ_ENV_H

#include <stddef.h>
#include <stdint.h>

#define FZ_VARS_MAX	64	/* the variables kept */
#define FZ_EVENT_MAX	32	/* the event name, NUL included */

/*
 * Split data into lines, each up to its first NUL, as fgets(3) and
 * strcspn(3) leave them: "# event: EVENT" names the event (default
 * "bound"), other '#' lines and lines with no '=' are skipped, the rest
 * are NAME=VALUE with \n, \t, \\ and \xHH decoded in VALUE.  The first
 * FZ_VARS_MAX are kept.  fz_env_get() then looks them up; fz_env_free()
 * forgets them.
 */
void		 fz_env_load(const uint8_t *data, size_t size,
		    char event[FZ_EVENT_MAX]);
const char	*fz_env_get(const char *name);
void		 fz_env_free(void);

#endif
