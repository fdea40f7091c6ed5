/*
 * User hooks: the executables of a directory per event (bound.d,
 * renew.d, ...) beside the programs, run after the built-in work, in the
 * order of their names, with udhcpc's environment, no shell, and a time
 * bound each.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hook.h"
#include "log.h"
#include "run.h"
#include "spawn.h"

/* Where the event directories are: UDHOOK_HOOKS, else our own dir. */
static int
hooks_dir(const struct uh_run *r, char *dir, size_t size)
{
	ssize_t	 n;
	char	*slash;

	if (r->s.hooks[0] != '\0')
		return snprintf(dir, size, "%s", r->s.hooks) < (int)size ?
		    0 : -1;
	if ((n = readlink("/proc/self/exe", dir, size - 1)) <= 0)
		return -1;
	dir[n] = '\0';
	if ((slash = strrchr(dir, '/')) == NULL)
		return -1;
	*slash = '\0';
	return 0;
}

static int
runnable(const char *path, const char *name)
{
	struct stat	 st;

	/* Skip dotfiles and editors' backups, as run-parts(8) does. */
	if (name[0] == '.' || name[strlen(name) - 1] == '~')
		return 0;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    access(path, X_OK) == 0;
}

static void
user_hook(struct uh_run *r, const char *path)
{
	char	*argv[] = { (char *)path, (char *)r->event, NULL };
	int	 status;

	if (r->s.dry_run) {
		uh_dry("%s %s", path, r->event);
		return;
	}
	if ((status = uh_spawn(argv, NULL, 0, UH_USERHOOK_MS)) == 0) {
		uh_debug("%s: done", path);
		return;
	}
	if (status == -1)
		uh_warn("%s: %s", path, errno == ETIMEDOUT ?
		    "killed: still running after its time bound" :
		    errno == ENOEXEC ? "not a program (no shell runs it: a "
		    "script needs its #! line)" : strerror(errno));
	else
		uh_warn("%s: exit status %d", path, status);
	r->failed = 1;
}

void
uh_user_hooks(struct uh_run *r)
{
	char		  base[PATH_MAX], dir[PATH_MAX], path[PATH_MAX];
	struct dirent	**ent;
	int		  n, i;

	if (strcmp(r->s.hooks, "no") == 0 ||
	    hooks_dir(r, base, sizeof(base)) == -1)
		return;
	if (snprintf(dir, sizeof(dir), "%s/%s.d", base, r->event) >=
	    (int)sizeof(dir))
		return;
	/* No directory is the usual case: nothing to say. */
	if ((n = scandir(dir, &ent, NULL, alphasort)) == -1) {
		if (errno != ENOENT) {
			uh_warn("%s: %s; its user hooks not run", dir,
			    strerror(errno));
			r->failed = 1;
		}
		return;
	}
	for (i = 0; i < n; i++) {
		if (snprintf(path, sizeof(path), "%s/%s", dir,
		    ent[i]->d_name) < (int)sizeof(path) &&
		    runnable(path, ent[i]->d_name))
			user_hook(r, path);
		free(ent[i]);
	}
	free(ent);
}
