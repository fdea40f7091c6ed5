/*
 * DNS of the lease: resolv.conf written directly, or handed to
 * resolvconf(8) (Debian's or openresolv) where it is installed, since
 * then resolvconf owns resolv.conf and merges what every interface gave.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hook.h"
#include "log.h"
#include "resolv.h"
#include "run.h"
#include "spawn.h"

/*
 * Installed means a regular file we may execute (a symlink to one
 * counts).  access(X_OK) alone passes a directory, for root any
 * directory: resolvconf would then be "used", its exec would fail, and
 * resolv.conf would not be written at all.
 */
static int
resolvconf_used(const struct uh_run *r)
{
	struct stat	 st;

	return r->s.resolvconf[0] != '\0' &&
	    stat(r->s.resolvconf, &st) == 0 && S_ISREG(st.st_mode) &&
	    access(r->s.resolvconf, X_OK) == 0;
}

/* resolvconf -a IFACE.udhcpc with content on stdin, or -d IFACE.udhcpc. */
static void
resolvconf_run(struct uh_run *r, const char *op, const char *content,
    size_t len)
{
	char	 record[IF_NAMESIZE + 8];
	char	*argv[] = { r->s.resolvconf, (char *)op, record, NULL };
	int	 status;

	snprintf(record, sizeof(record), "%s.udhcpc", r->l.ifname);
	if (r->s.dry_run) {
		uh_dry("%s %s %s%s", r->s.resolvconf, op, record,
		    content ? " <<EOF" : "");
		if (content)
			uh_dry("%.*sEOF", (int)len, content);
		return;
	}
	status = uh_spawn(argv, content, len, UH_RESOLVCONF_MS);
	if (status == 0)
		uh_info("%s: %s %s %s", r->l.ifname, r->s.resolvconf, op,
		    record);
	else if (status > 0 && content == NULL)
		/* openresolv fails -d of a record it never had (udhcpc's
		 * first deconfig): nothing is left behind either way. */
		uh_info("%s: %s -d %s: exit status %d (no such record?)",
		    r->l.ifname, r->s.resolvconf, record, status);
	else if (status > 0) {
		uh_warn("%s: %s %s %s: exit status %d", r->l.ifname,
		    r->s.resolvconf, op, record, status);
		r->failed = 1;
	} else {
		uh_warn("%s: %s %s %s: %s", r->l.ifname, r->s.resolvconf, op,
		    record, errno == ETIMEDOUT ? "killed after its time "
		    "bound" : strerror(errno));
		r->failed = 1;
	}
}

static const char *
write_error(int err)
{
	static char	 buf[64];

	if (err == EINVAL)
		return "not a regular file";
	if (err == EACCES)
		return "permission denied (or a symlink in a sticky "
		    "directory owned by someone else)";
	if (err != ETIMEDOUT)
		return strerror(err);
	/* A hook writing it in place is stopped or stuck (bind mount). */
	snprintf(buf, sizeof(buf), "another writer held its lock over %d ms",
	    UH_RESOLV_LOCK_MS);
	return buf;
}

static void
resolv_write(struct uh_run *r, const char *buf, size_t len)
{
	int	 how;

	if (r->s.dry_run && uh_resolv_same(r->s.resolv, buf, len) == 1) {
		uh_debug("%s: %s unchanged", r->l.ifname, r->s.resolv);
		return;
	}
	if (r->s.dry_run) {
		uh_dry("cat > %s <<EOF", r->s.resolv);
		uh_dry("%.*sEOF", (int)len, buf);
		return;
	}
	if ((how = uh_resolv_write(r->s.resolv, buf, len)) == -1) {
		uh_warn("%s: writing %s: %s; old content kept", r->l.ifname,
		    r->s.resolv, write_error(errno));
		r->failed = 1;
	} else if (how == UH_RESOLV_INPLACE)
		uh_info("%s: %s rewritten in place (it cannot be renamed "
		    "over: a bind mount?)", r->l.ifname, r->s.resolv);
	else if (how == UH_RESOLV_RENAMED)
		uh_info("%s: %s written", r->l.ifname, r->s.resolv);
	else
		uh_debug("%s: %s unchanged", r->l.ifname, r->s.resolv);
}

void
uh_dns_apply(struct uh_run *r)
{
	char	 buf[UH_RESOLV_MAX];
	int	 len;

	if (r->s.resolv[0] == '\0')
		return;
	if ((len = uh_resolv_render(&r->l, buf, sizeof(buf))) <= 0) {
		if (len == 0)
			uh_debug("%s: no DNS server in the lease: DNS left "
			    "alone", r->l.ifname);
		else
			uh_step_failed(r, "rendering resolv.conf");
		return;
	}
	if (resolvconf_used(r))
		resolvconf_run(r, "-a", buf, (size_t)len);
	else
		resolv_write(r, buf, (size_t)len);
}

/* deconfig: a plain resolv.conf stays; resolvconf forgets our record. */
void
uh_dns_withdraw(struct uh_run *r)
{
	if (r->s.resolv[0] != '\0' && resolvconf_used(r))
		resolvconf_run(r, "-d", NULL, 0);
}
