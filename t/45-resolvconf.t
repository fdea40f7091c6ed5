#!/usr/bin/env bash
# 45-resolvconf.t: the hooks against the real resolvconf programs of
# Debian 12, Debian's own `resolvconf` package and `openresolv`, each
# unpacked into build/pkg by t/lab/get-deb.sh and never installed:
# installing either rewrites the host's /etc/resolv.conf.
#
# Each package runs in a sandbox: a network namespace of the test's own
# (with wan0, for the hook's netlink work) and, under unshare -m, a
# writable overlay of /etc whose upper layer is a private tmpfs, a private
# tmpfs on /run, and read-only overlays that put the package's /lib and
# /sbin in front of the system's, where its scripts look for their
# helpers.  The package's etc/ is copied into the private /etc, and what
# its maintainer scripts and its boot service do is done there (Debian's
# resolvconf: /etc/resolv.conf a link to /run/resolvconf/resolv.conf,
# updates enabled).  The sandbox (this file, run with --sandbox) runs the
# hook for each step and leaves what it saw in files; this side checks
# them.  The host's /etc/resolv.conf is compared byte for byte at the end.
#
# Without either package, two parts still run in the test's network
# namespace: what counts as resolvconf being installed (RESOLVCONF a
# directory, a FIFO, a symlink...), and the hook against a bind-mounted
# resolv.conf whose lock another writer holds.
#
# LAB_KEEP=1 keeps the work dir.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
# The programs under test (make check sets UH_BUILD, absolute).
build=${UH_BUILD:-$top/build}
case $build in
/*) ;;
*) build=$top/$build ;;
esac
. t/lab/tap.sh

LEASE=(interface=wan0 ip=192.0.2.20 subnet=255.255.255.0 mask=24 router=192.0.2.1)

# ------------------------------------------------------------------------
# The sandbox side: $0 --sandbox PKG PKGDIR SBDIR OUT, already inside the
# test's network namespace and a mount namespace of its own.

# sb_mounts PKGDIR SBDIR: the private /run, /etc, /lib and /sbin.
sb_mounts()
{
	local pkgdir=$1 sb=$2 d real

	mount -t tmpfs -o mode=0755 tmpfs /run || return 1
	mount -t tmpfs -o mode=0700 tmpfs "$sb" || return 1
	mkdir "$sb/upper" "$sb/work" || return 1
	mount -t overlay overlay \
	    -o "lowerdir=/etc,upperdir=$sb/upper,workdir=$sb/work" /etc ||
	    return 1
	# /lib and /sbin are links into /usr on a merged-/usr system: the
	# overlay goes on the directory they lead to.
	for d in lib sbin; do
		[ -d "$pkgdir/$d" ] || continue
		real=$(readlink -f "/$d")
		mount -t overlay overlay -o "lowerdir=$pkgdir/$d:$real" \
		    "$real" || return 1
	done
	# Whatever resolvconf the host has, its configuration is not ours.
	rm -rf /etc/resolvconf /etc/resolvconf.conf /etc/default/resolvconf \
	    /etc/resolv.conf.bak || return 1
	cp -a "$pkgdir/etc/." /etc/
}

# sb_boot PKG PKGDIR: what installing the package and booting with it
# would have done, in the private /etc and /run.
sb_boot()
{
	case $1 in
	resolvconf)
		# tmpfiles.d/resolvconf.conf, then the postinst's linkify
		# (with debconf's defaults: tail empty, not linked to the
		# original; the original's record lived in /run and is gone
		# after a reboot), then resolvconf.service.
		mkdir -p /run/resolvconf/interface &&
		: >/etc/resolvconf/resolv.conf.d/tail &&
		ln -nsf ../run/resolvconf/resolv.conf /etc/resolv.conf &&
		: >/run/resolvconf/postponed-update &&
		"$2/sbin/resolvconf" --enable-updates
		;;
	openresolv)
		# No service: openresolv writes /etc/resolv.conf itself
		# (resolv_conf in /etc/resolvconf.conf) and keeps the one it
		# found as /etc/resolv.conf.bak.  That one is a plain file
		# here, whatever the host's is (a link into the host's /run
		# would dangle in the private /run).
		rm -f /etc/resolv.conf &&
		printf '# before openresolv\nnameserver 198.51.100.53\n' \
		    >/etc/resolv.conf
		;;
	esac
}

# sb_snap OUT NAME PROG: what resolvconf made of it after a step.
sb_snap()
{
	local out=$1 name=$2 prog=$3

	if [ -e /etc/resolv.conf ]; then
		cat /etc/resolv.conf >"$out/$name.resolv"
	else
		echo "(no /etc/resolv.conf)" >"$out/$name.resolv"
	fi
	"$prog" -i >"$out/$name.records" 2>&1
	"$prog" -l >"$out/$name.list" 2>&1
}

# sb_hook OUT NAME RESOLVCONF EVENT VAR=VALUE...: run the hook as udhcpc
# would, with these variables only; its exit status, stderr and run time
# (ms) go to OUT/NAME.{rc,err,ms}.
sb_hook()
{
	local out=$1 name=$2 rc=$3 event=$4 t0 t1

	shift 4
	t0=$(date +%s%N)
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin UDHOOK_CONF="${out%/*}/udhook.conf" \
	    RESOLVCONF="$rc" "$@" \
	    timeout -s KILL 30 "$build/script" "$event" \
	    >"$out/$name.out" 2>"$out/$name.err" </dev/null
	echo $? >"$out/$name.rc"
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000000)) >"$out/$name.ms"
}

# sb_lock_hold PKG: hold the package's own lock, as a resolvconf run that
# is stuck would; prints the holder's pid.
sb_lock_hold()
{
	case $1 in
	resolvconf)
		# /sbin/resolvconf: flock -w 10 on /run/resolvconf/run-lock.
		# The holder is the sleep itself, so that killing it frees
		# the lock.
		(exec 9>/run/resolvconf/run-lock && flock 9 &&
		    exec sleep 60) </dev/null >/dev/null 2>&1 &
		echo $!
		# Return once the lock is taken (at most 2 s).
		for _ in $(seq 20); do
			flock -n /run/resolvconf/run-lock true || break
			sleep 0.1
		done
		;;
	openresolv)
		# mkdir /run/resolvconf/lock, the owner's pid inside; it
		# waits lock_timeout=10 s for a live owner.
		sleep 60 >/dev/null 2>&1 &
		mkdir -p /run/resolvconf/lock &&
		echo $! >/run/resolvconf/lock/pid
		echo $!
		;;
	esac
}

sb_lock_release()
{
	kill "$2" 2>/dev/null
	wait "$2" 2>/dev/null
	[ "$1" = openresolv ] && rm -rf /run/resolvconf/lock
	# The killed resolvconf's own children (flock, sleep) may still
	# wait for the lock: give them a moment to give up.
	sleep 0.2
}

sandbox()
{
	local pkg=$1 pkgdir=$2 sb=$3 out=$4 prog holder

	prog=$pkgdir/sbin/resolvconf
	sb_mounts "$pkgdir" "$sb" || { echo "mounts failed" >"$out/setup"; return 1; }
	sb_boot "$pkg" "$pkgdir" 2>"$out/boot.err" ||
	    { echo "boot failed" >"$out/setup"; return 1; }
	echo ok >"$out/setup"
	# A tell-tale: the private /etc must never show through to the host.
	echo sandbox >/etc/udhook-45-sandbox
	sb_snap "$out" boot "$prog"

	# udhcpc starts with a deconfig, before any lease.
	sb_hook "$out" deconfig0 "$prog" deconfig interface=wan0
	sb_snap "$out" deconfig0 "$prog"

	sb_hook "$out" bound "$prog" bound "${LEASE[@]}" dns=192.0.2.53 \
	    domain=example.net
	sb_snap "$out" bound "$prog"
	cp "/run/resolvconf/interface/wan0.udhcpc" "$out/bound.record" 2>/dev/null ||
	    cp "/run/resolvconf/interfaces/wan0.udhcpc" "$out/bound.record" 2>/dev/null

	sb_hook "$out" renew "$prog" renew "${LEASE[@]}" \
	    "dns=192.0.2.54 192.0.2.55" "search=example.org example.net"
	sb_snap "$out" renew "$prog"

	sb_hook "$out" deconfig "$prog" deconfig interface=wan0
	sb_snap "$out" deconfig "$prog"

	# A resolvconf that fails, one that hangs, and the real one stuck
	# behind its own lock.  resolv.conf must not change meanwhile.
	sb_hook "$out" bound-again "$prog" bound "${LEASE[@]}" dns=192.0.2.53
	sb_snap "$out" bound-again "$prog"
	sb_hook "$out" fail "${out%/*}/resolvconf-fail" bound "${LEASE[@]}" dns=192.0.2.99
	sb_snap "$out" fail "$prog"
	sb_hook "$out" hang "${out%/*}/resolvconf-hang" bound "${LEASE[@]}" dns=192.0.2.99
	sb_snap "$out" hang "$prog"
	holder=$(sb_lock_hold "$pkg")
	sb_hook "$out" locked "$prog" bound "${LEASE[@]}" dns=192.0.2.99
	sb_lock_release "$pkg" "$holder"
	sb_snap "$out" locked "$prog"
	sb_hook "$out" locked-deconfig "$prog" deconfig interface=wan0
	sb_snap "$out" locked-deconfig "$prog"
	return 0
}

if [ "${1:-}" = --sandbox ]; then
	shift
	sandbox "$@"
	exit
fi

# ------------------------------------------------------------------------
# The test side.

[ "$(id -u)" = 0 ] || skip_all "needs root (network and mount namespaces)"
for c in ip unshare mount flock timeout apt-get dpkg-deb; do
	command -v "$c" >/dev/null || skip_all "$c is not installed"
done
[ -x "$build/script" ] || bail "$build/script missing: run make"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/udhook-45.XXXXXX") || bail "mktemp failed"
ns=uh-rc-$$
cleanup()
{
	local pids

	trap - EXIT INT TERM
	# Whatever a killed resolvconf left behind runs in the namespace.
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		[ -e "/run/netns/$ns" ] || break
		pids=$(ip netns pids "$ns" 2>/dev/null)
		[ -z "$pids" ] && break
		# shellcheck disable=SC2086
		kill -KILL $pids 2>/dev/null
		sleep 0.1
	done
	[ -e "/run/netns/$ns" ] && ip netns del "$ns"
	if [ -n "${LAB_KEEP:-}" ]; then
		diag "kept $tmp (LAB_KEEP is set)"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

# The host's resolv.conf and the places the packages would write, as
# they are before the test.
host_state()
{
	local f

	for f in /etc/resolv.conf /etc/resolv.conf.bak /etc/resolvconf \
	    /etc/resolvconf.conf /run/resolvconf /etc/udhook-45-sandbox; do
		if [ -L "$f" ]; then
			echo "$f -> $(readlink "$f")"
		elif [ -e "$f" ]; then
			echo "$f $(stat -c %F "$f")"
		else
			echo "$f absent"
		fi
	done
}
host_before=$(host_state)
if [ -e /etc/resolv.conf ]; then
	cat /etc/resolv.conf >"$tmp/host-resolv.before"
else
	: >"$tmp/host-resolv.before"
fi

# Which packages can be had; a download failure is a skip, with why.
declare -A pkgdir=() why=()
for p in resolvconf openresolv; do
	if d=$(t/lab/get-deb.sh "$p" 2>"$tmp/get-$p.err"); then
		pkgdir[$p]=$d
	else
		why[$p]=$(tail -n 1 "$tmp/get-$p.err")
	fi
done
# Without either package, the tests of what counts as installed still run.

ip netns add "$ns" || bail "cannot create a network namespace"
ip -n "$ns" link set lo up
ip -n "$ns" link add wan0 type veth peer name wan0p
ip -n "$ns" link set wan0 up
ip -n "$ns" link set wan0p up

printf '#!/bin/sh\necho "resolvconf-fail: refusing $*" >&2\nexit 1\n' \
    >"$tmp/resolvconf-fail"
# Hangs as a shell script does when what it runs hangs: the shell waits
# for its child.
printf '#!/bin/sh\ncat >/dev/null\nsleep 60\n' >"$tmp/resolvconf-hang"
chmod 0755 "$tmp/resolvconf-fail" "$tmp/resolvconf-hang"
# The hooks' settings file: empty, so that a host's /etc/udhook.conf
# never leaks in.
: >"$tmp/udhook.conf"

# nonblank FILE: the lines that are neither empty nor comments.
nonblank()
{
	grep -v -e '^[[:space:]]*$' -e '^[[:space:]]*#' "$1" 2>/dev/null
}

for p in resolvconf openresolv; do
	if [ -z "${pkgdir[$p]:-}" ]; then
		pass "$p # SKIP cannot download $p: ${why[$p]}"
		continue
	fi
	pdir=${pkgdir[$p]}
	out=$tmp/$p
	mkdir "$out" "$tmp/sb-$p"
	ip netns exec "$ns" unshare -m --propagation private \
	    "$top/t/45-resolvconf.t" --sandbox "$p" "$pdir" "$tmp/sb-$p" "$out" \
	    >"$out/sandbox.log" 2>&1
	if ! is "$(cat "$out/setup" 2>/dev/null)" ok "$p: the sandbox is set up"; then
		show "$out/sandbox.log" "$out/boot.err"
		continue
	fi
	prog="$pdir/sbin/resolvconf"
	prog_re=$(sed 's/[][\.*^$+?(){}|]/\\&/g' <<<"$prog")

	# --- the deconfig udhcpc starts with, before any lease
	# openresolv fails -d of a record it does not have; the hook
	# takes that as "nothing to withdraw".
	is "$(cat "$out/deconfig0.rc")" 0 "$p: first deconfig (no record yet) exits 0" ||
	    show "$out/deconfig0.err"

	# --- bound
	is "$(cat "$out/bound.rc")" 0 "$p: bound exits 0" || show "$out/bound.err"
	like "$(cat "$out/bound.err")" "wan0: $prog_re -a wan0\.udhcpc" \
	    "$p: the hook's log names resolvconf -a wan0.udhcpc"
	like "$(cat "$out/bound.record" 2>/dev/null)" '^nameserver 192\.0\.2\.53$' \
	    "$p: resolvconf holds the record wan0.udhcpc" ||
	    show "$out/bound.records" "$out/bound.list"
	case $p in
	resolvconf)
		# Debian's merges every record's domain and search into
		# one search line, after the nameservers.
		want=$'nameserver 192.0.2.53\nsearch example.net'
		;;
	openresolv)
		want=$'domain example.net\nnameserver 192.0.2.53'
		;;
	esac
	is "$(nonblank "$out/bound.resolv")" "$want" \
	    "$p: bound: /etc/resolv.conf has the lease's nameserver and domain" ||
	    show "$out/bound.resolv" "$out/bound.err"

	# --- renew with other servers and a search list
	is "$(cat "$out/renew.rc")" 0 "$p: renew exits 0" || show "$out/renew.err"
	case $p in
	resolvconf)
		want=$'nameserver 192.0.2.54\nnameserver 192.0.2.55\nsearch example.org example.net'
		;;
	openresolv)
		want=$'search example.org example.net\nnameserver 192.0.2.54\nnameserver 192.0.2.55'
		;;
	esac
	is "$(nonblank "$out/renew.resolv")" "$want" \
	    "$p: renew: the new nameservers and search list replace the old" ||
	    show "$out/renew.resolv" "$out/renew.err"

	# --- deconfig
	is "$(cat "$out/deconfig.rc")" 0 "$p: deconfig exits 0" ||
	    show "$out/deconfig.err"
	like "$(cat "$out/deconfig.err")" "wan0: $prog_re -d wan0\.udhcpc" \
	    "$p: the hook's log names resolvconf -d wan0.udhcpc"
	is "$(grep -c 'wan0\.udhcpc' "$out/deconfig.records")" 0 \
	    "$p: deconfig: the record wan0.udhcpc is gone" ||
	    show "$out/deconfig.records"
	is "$(grep -cE '192\.0\.2\.5[345]|example\.(net|org)' "$out/deconfig.resolv")" 0 \
	    "$p: deconfig: /etc/resolv.conf no longer has the lease's DNS" ||
	    show "$out/deconfig.resolv"
	if [ "$p" = openresolv ]; then
		# With no record left openresolv puts back the resolv.conf
		# it found (kept as resolv.conf.bak).
		same_file "$out/deconfig.resolv" "$out/boot.resolv" \
		    "$p: deconfig: the resolv.conf from before is back"
	fi

	# --- resolvconf failing
	is "$(cat "$out/bound-again.rc")" 0 "$p: bound again exits 0" ||
	    show "$out/bound-again.err"
	is "$(cat "$out/fail.rc")" 1 "$p: a resolvconf that exits 1: hook exit status 1"
	like "$(cat "$out/fail.err")" \
	    "wan0: .*resolvconf-fail -a wan0\.udhcpc: exit status 1" \
	    "$p: a resolvconf that exits 1: the warning names it and its status" ||
	    show "$out/fail.err"
	same_file "$out/fail.resolv" "$out/bound-again.resolv" \
	    "$p: a failing resolvconf: resolv.conf left as it was (no direct write)"

	# --- resolvconf hanging
	is "$(cat "$out/hang.rc")" 1 "$p: a hanging resolvconf: hook exit status 1"
	ms=$(cat "$out/hang.ms")
	ok "$p: a hanging resolvconf is killed: the hook returns in ${ms} ms (< 10 s)" \
	    test "$ms" -lt 10000
	like "$(cat "$out/hang.err")" \
	    "wan0: .*resolvconf-hang -a wan0\.udhcpc: .*(timed out|killed)" \
	    "$p: a hanging resolvconf: the warning says it timed out" ||
	    show "$out/hang.err"
	same_file "$out/hang.resolv" "$out/bound-again.resolv" \
	    "$p: a hanging resolvconf: resolv.conf left as it was"

	# --- the real one stuck behind its lock (another run that hangs)
	is "$(cat "$out/locked.rc")" 1 "$p: resolvconf stuck on its lock: hook exit status 1" ||
	    show "$out/locked.err"
	ms=$(cat "$out/locked.ms")
	ok "$p: resolvconf stuck on its lock: the hook returns in ${ms} ms (< 10 s)" \
	    test "$ms" -lt 10000
	like "$(cat "$out/locked.err")" "wan0: $prog_re -a wan0\.udhcpc: " \
	    "$p: resolvconf stuck on its lock: the warning names it" ||
	    show "$out/locked.err"
	is "$(cat "$out/locked-deconfig.rc")" 0 \
	    "$p: once the lock is free, deconfig works again" ||
	    show "$out/locked-deconfig.err"
	is "$(grep -c '192\.0\.2\.' "$out/locked-deconfig.resolv")" 0 \
	    "$p: ... and withdraws the record" ||
	    show "$out/locked-deconfig.resolv" "$out/locked-deconfig.err"
done

# --- what counts as resolvconf being installed: a regular file we may
# execute, or a symlink to one.  A directory passes access(X_OK) (for
# root, any directory): it was taken for resolvconf, its exec failed and
# resolv.conf was not written.  Each case runs bound then deconfig.
mkdir "$tmp/kinds" "$tmp/kinds/dir"
printf '#!/bin/sh\necho "$*" >>%s/kinds/stub.args\ncat >>%s/kinds/stub.in\n' \
    "$tmp" "$tmp" >"$tmp/kinds/stub"
chmod 0755 "$tmp/kinds/stub"
printf '#!/bin/sh\nexit 0\n' >"$tmp/kinds/noexec"
chmod 0644 "$tmp/kinds/noexec"
ln -s dir "$tmp/kinds/link-dir"
ln -s gone "$tmp/kinds/dangling"
ln -s stub "$tmp/kinds/link-stub"
mkfifo -m 0755 "$tmp/kinds/fifo"
for kind in dir link-dir noexec dangling fifo link-stub; do
	rc=$tmp/kinds/$kind
	conf=$tmp/kinds/$kind.resolv.conf
	rm -f "$tmp/kinds/stub.args"
	for ev in bound deconfig; do
		ip netns exec "$ns" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		    UDHOOK_CONF="$tmp/udhook.conf" RESOLVCONF="$rc" \
		    RESOLV_CONF="$conf" "${LEASE[@]}" dns=192.0.2.53 \
		    timeout -s KILL 30 "$build/script" $ev \
		    >"$tmp/kinds/$kind.$ev.out" 2>"$tmp/kinds/$kind.$ev.err" </dev/null
		echo $? >"$tmp/kinds/$kind.$ev.rc"
	done
	got="bound=$(cat "$tmp/kinds/$kind.bound.rc")"
	got="$got deconfig=$(cat "$tmp/kinds/$kind.deconfig.rc")"
	got="$got resolv.conf=$(grep -c '^nameserver 192\.0\.2\.53$' "$conf" 2>/dev/null)"
	got="$got resolvconf=$(tr '\n' , 2>/dev/null <"$tmp/kinds/stub.args")"
	if [ $kind = link-stub ]; then
		is "$got" "bound=0 deconfig=0 resolv.conf= resolvconf=-a wan0.udhcpc,-d wan0.udhcpc," \
		    "RESOLVCONF a symlink to an executable file: used (-a, -d), resolv.conf not written" ||
		    show "$tmp/kinds/$kind.bound.err" "$tmp/kinds/$kind.deconfig.err"
	else
		is "$got" "bound=0 deconfig=0 resolv.conf=1 resolvconf=" \
		    "RESOLVCONF $kind: not resolvconf; resolv.conf written, both events exit 0" ||
		    show "$tmp/kinds/$kind.bound.err" "$tmp/kinds/$kind.deconfig.err"
	fi
done

# --- the hook's side of the lock of an in-place rewrite (the library's
# is t/40-resolv.t): RESOLV_CONF a bind mount whose lock another writer
# holds, then the same once it is free.
mkdir "$tmp/lock"
printf '# old\nnameserver 198.51.100.1\n' >"$tmp/lock/src"
cp "$tmp/lock/src" "$tmp/lock/before"
: >"$tmp/lock/resolv.conf"
ip netns exec "$ns" unshare -m --propagation private bash -c '
	l=$1/lock build=$2; shift 2
	mount --bind "$l/src" "$l/resolv.conf" || exit 1
	(exec 9<"$l/resolv.conf" && flock 9 && exec sleep 10) & h=$!
	while flock -n "$l/resolv.conf" true; do sleep 0.01; done
	for step in held free; do
		[ $step = free ] && { kill $h; wait $h; }
		t0=$(date +%s%N)
		env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin RESOLVCONF=no \
		    UDHOOK_CONF="$l/../udhook.conf" RESOLV_CONF="$l/resolv.conf" \
		    "$@" dns=192.0.2.53 timeout -s KILL 30 "$build/script" bound \
		    >/dev/null 2>"$l/$step.err" </dev/null
		echo $? >"$l/$step.rc"
		echo $((($(date +%s%N) - t0) / 1000000)) >"$l/$step.ms"
		cp "$l/src" "$l/$step.resolv"
	done' _ "$tmp" "$build" "${LEASE[@]}" >"$tmp/lock/log" 2>&1
ms=$(cat "$tmp/lock/held.ms" 2>/dev/null)
is "$(cat "$tmp/lock/held.rc" 2>/dev/null)" 1 \
    "resolv.conf in place, its lock held by another: hook exit status 1" ||
    show "$tmp/lock/log" "$tmp/lock/held.err"
ok "resolv.conf in place, its lock held by another: the hook waits 1 s, then goes on (${ms} ms, < 5 s)" \
    test "${ms:-0}" -ge 1000 -a "${ms:-0}" -lt 5000
like "$(cat "$tmp/lock/held.err")" \
    "wan0: writing $tmp/lock/resolv\.conf: another writer held its lock over 1000 ms; old content kept" \
    "resolv.conf in place, its lock held by another: the warning says so" ||
    show "$tmp/lock/held.err"
same_file "$tmp/lock/held.resolv" "$tmp/lock/before" \
    "resolv.conf in place, its lock held by another: left as it was"
is "$(cat "$tmp/lock/free.rc" 2>/dev/null) $(grep -c '^nameserver 192\.0\.2\.53$' "$tmp/lock/free.resolv")" "0 1" \
    "resolv.conf in place, the lock free again: written, exit 0" ||
    show "$tmp/lock/log" "$tmp/lock/free.err"
like "$(cat "$tmp/lock/free.err")" "wan0: $tmp/lock/resolv\.conf rewritten in place" \
    "resolv.conf in place: the info line says in place" ||
    show "$tmp/lock/free.err"

# --- the host
if [ -e /etc/resolv.conf ]; then
	cat /etc/resolv.conf >"$tmp/host-resolv.after"
else
	: >"$tmp/host-resolv.after"
fi
same_file "$tmp/host-resolv.after" "$tmp/host-resolv.before" \
    "the host's /etc/resolv.conf is byte-identical before and after"
is "$(host_state)" "$host_before" \
    "the host's /etc/resolv.conf, resolv.conf.bak, resolvconf dirs unchanged"

echo "1..$tap_n"
done_testing
