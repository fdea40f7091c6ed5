/*
 * settings: what the administrator chose, from the environment or from
 * the settings file (the environment wins).  The file holds NAME=value
 * lines and '#' comment lines; no quoting, no expansion.
 */
#ifndef UH_SETTINGS_H
#define UH_SETTINGS_H

#include <limits.h>

#include "lease.h"

#define UH_SETTINGS_FILE	"/etc/udhook.conf"
#define UH_LAC_MAX		64
#define UH_RESOLVCONF		"/sbin/resolvconf"

struct uh_settings {
	char		 file[PATH_MAX];	/* where they were read */
	char		 lac[UH_LAC_MAX];	/* empty: plain mode */
	char		 l2tpconf[PATH_MAX];
	char		 control[PATH_MAX];
	char		 start[512];
	char		 resolv[PATH_MAX];	/* empty: leave DNS alone */
	unsigned int	 metric;
	char		 resolvconf[PATH_MAX];	/* empty: never */
	int		 set_hostname;
	char		 hooks[PATH_MAX];	/* empty: beside the program;
						   "no": none */
	int		 verbose;
	int		 dry_run;
	int		 tunnel_off;	/* an L2TP setting was refused */
	int		 file_lost;	/* the settings file was not read
					   whole: its steps are skipped */

	char		 problem[512];	/* the values refused */
};

/*
 * Fill s from the file named by UDHOOK_CONF (default UH_SETTINGS_FILE,
 * which may be missing) and then from get.  Blanks around names and
 * values are dropped.  A refused value keeps its default and the step it
 * is for is skipped (a refused UDHOOK_DRY_RUN means a dry run); a file
 * that exists but cannot be read whole counts as refusing every setting
 * the environment does not give.  s->problem describes each refusal.
 * Returns 0, or -1 when something was refused.
 */
int	uh_settings_load(struct uh_settings *s, uh_getvar get);

#endif
