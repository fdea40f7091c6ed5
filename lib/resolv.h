/*
 * resolv: resolv.conf from a lease, written so that no reader ever sees
 * it empty or half written where a rename is possible.
 */
#ifndef UH_RESOLV_H
#define UH_RESOLV_H

#include <stddef.h>

#include "lease.h"

#define UH_RESOLV_MAX	4096

/*
 * How long an in-place write waits for another writer's lock.  A holder
 * keeps it for a write and a truncate of a few KiB (microseconds, the
 * fsync is done after): only a stopped or stuck one makes us wait that
 * long.
 */
#define UH_RESOLV_LOCK_MS 1000

enum uh_resolv_how {
	UH_RESOLV_UNCHANGED,	/* already had this content */
	UH_RESOLV_RENAMED,	/* new file renamed over the old one */
	UH_RESOLV_INPLACE,	/* rename refused (bind mount): rewritten */
};

/*
 * Render the resolv.conf of lease l into buf.  Returns the length, 0 when
 * the lease has no DNS server (leave the file alone), or -1 and ENOSPC.
 */
int	uh_resolv_render(const struct uh_lease *l, char *buf, size_t size);

/*
 * Write content to path, following symlinks (a dangling one gets its
 * target created, mode 0644; a file that exists keeps its mode, owner and
 * group).  A file that cannot be renamed over (EBUSY: a bind mount), or
 * whose directory is on a read-only file system, is rewritten in place,
 * under an flock(2) of the file itself that such writers take in turn.
 * Returns an uh_resolv_how, or -1 and errno from the failed step, with
 * the file left as it was: EINVAL when the target is not a regular file,
 * EACCES for a symlink the kernel would not follow (fs.protected_symlinks),
 * ELOOP, ETIMEDOUT when another writer held the lock UH_RESOLV_LOCK_MS,
 * EPERM when the old owner cannot be given to the new file (not root),
 * and open(2), write(2), rename(2) errors.
 */
int	uh_resolv_write(const char *path, const char *content, size_t len);

/*
 * Whether path (followed as uh_resolv_write() follows it) holds content:
 * 1 or 0, or -1 and errno as uh_resolv_write() gives them.
 */
int	uh_resolv_same(const char *path, const char *content, size_t len);

#endif
