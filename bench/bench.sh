#!/usr/bin/env bash
# bench.sh: what a udhcpc event costs with udhook, with the shell hooks
# it replaces and with Debian's udhcpc default.script, on a real lease in
# the lab of t/lab/lab.sh (L2TP mode: a real xl2tpd LAC with its tunnel
# up to a real xl2tpd LNS).  Run as root by `make bench`; takes about
# three minutes and leaves nothing behind (bench_teardown).  Prints the
# table of README "Performance"; a copy goes to $B/bench/report.txt.
#
# Each program runs as udhcpc runs a hook (vfork, exec, wait: see
# bench/timer.c) in the customer namespace, with the environment the real
# udhcpc gave our hook for the lab's lease:
#   ours	$B/script EVENT, the dynamic build of make
#   shell	bench/reference/seed-default.EVENT (the how-to's hooks)
#   debian	/etc/udhcpc/default.script of Debian's udhcpc package
#   floor	an empty main() built as ours is (bench/floor.c); beside it
#		the same with libmnl.so loaded, static glibc, static musl
# interleaved A B C A B C, so that a drift of the machine's speed weighs
# on each alike; medians of wall time.  Peak RSS from a few runs by fork;
# syscalls and child processes from one run under strace -f -c.
#
# Routing table: renew runs interleaved in the lab's namespace, filled
# with BENCH_ROUTES routes, and in a mirror of it (same links, addresses
# and routes) with an empty table; bound, which needs the lab's xl2tpd,
# runs on the empty table, the full one, then the empty one again.
#
# The shell hooks and Debian's script run from copies adapted with sed
# (the report's lab keeps the list in $LAB/adapted): their xl2tpd.conf,
# control FIFO and resolv.conf are the lab's; the LAC "numericable" is
# the lab's "isp"; /sbin/resolvconf becomes a path that does not exist (a
# host's resolvconf must never run); ifconfig and route are net-tools
# unpacked into build/pkg, not installed; /etc/init.d/xl2tpd becomes a
# stand-in that starts the lab's xl2tpd unless its pid is alive (Debian's
# init script would also source /lib/lsb/init-functions and run
# start-stop-daemon: slower).  The shell hooks run directly, without the
# dispatcher udhcpc would need in front of per-event scripts.  Both
# favour them.
#
# BENCH_ROUNDS (renew rounds, 200), BENCH_BOUND_ROUNDS (bound runs of
# ours and Debian's per table state, 30), BENCH_SHELL_BOUND_ROUNDS (3;
# each takes over 3 s) and BENCH_ROUTES (100000) set the sizes;
# LAB_KEEP=1 keeps the lab dir and its logs.  BENCH_RT=1 runs it all
# (the lab's daemons too) under SCHED_FIFO: on a machine busy with other
# jobs a short program otherwise waits milliseconds for a CPU, and the
# wall times measure the scheduler rather than the programs.
set -u

if [ "${BENCH_RT:-}" = 1 ] && [ -z "${BENCH_RT_ON:-}" ]; then
	BENCH_RT_ON=1 exec chrt -f 1 "$0" "$@"
fi

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
# Long enough that udhcpc never renews by itself during the run.
LAB_LEASE=3600
. t/lab/lab.sh

b=${B:-build}
case $b in /*) ;; *) b=$top/$b ;; esac
ROUNDS=${BENCH_ROUNDS:-200}
BOUND_ROUNDS=${BENCH_BOUND_ROUNDS:-30}
SHELL_BOUND_ROUNDS=${BENCH_SHELL_BOUND_ROUNDS:-3}
ROUTES=${BENCH_ROUTES:-100000}
CONN='Connection established'

die()
{
	echo "bench: $*" >&2
	exit 1
}

say()
{
	echo "bench: $*" >&2
}

# --- What is needed --------------------------------------------------------

lab_can_run || die "$LAB_WHY"
command -v strace >/dev/null || die "strace is not installed"
for p in script bench/floor bench/timer; do
	[ -x "$b/$p" ] || die "$b/$p is missing: run make bench"
done
ours=$b/script
timer=$b/bench/timer
ref=$top/bench/reference
[ -r "$ref/seed-default.bound" ] && [ -r "$ref/seed-default.renew" ] ||
    die "$ref/seed-default.bound and .renew (the shell hooks) are missing"
nettools=$(t/lab/get-deb.sh net-tools) || die "cannot get net-tools"
udhcpc_pkg=$(t/lab/get-deb.sh udhcpc) || die "cannot get udhcpc"

# The floors: the empty program as make builds ours; then with libmnl.so
# loaded as ours loads it (gcc passes --as-needed on Debian, so the plain
# floor has libc only); then static glibc and static musl, what a static
# build of ours could save.
floors="floor $b/bench/floor"
say "building the floors"
make -s B="$b/bench/mnl" LDFLAGS="${LDFLAGS:-} -Wl,--no-as-needed" \
    "$b/bench/mnl/bench/floor" >&2 &&
    floors="$floors floor+libmnl $b/bench/mnl/bench/floor"
make -s B="$b/bench/static" STATIC=1 MNL_LIBS= \
    "$b/bench/static/bench/floor" >&2 &&
    floors="$floors floor-static $b/bench/static/bench/floor"
if B=$b bench/musl-check.sh >"$b/bench/musl-check.tap" 2>&1; then
	floors="$floors floor-musl $b/musl/bench/floor"
else
	say "bench/musl-check.sh failed: see $b/bench/musl-check.tap"
fi

# --- The lab and a real lease ----------------------------------------------

say "building the lab"
lab_setup || die "lab_setup failed"
# A third namespace, for renew on an empty table beside the full one.
EMPTY=uh-empty-$$
bench_teardown()
{
	[ -e "/run/netns/$EMPTY" ] && ip netns del "$EMPTY"
	lab_teardown
}
trap bench_teardown EXIT
trap 'bench_teardown; exit 130' INT
trap 'bench_teardown; exit 143' TERM
lab_dhcpd || die "udhcpd did not start"
lab_lns || die "the LNS xl2tpd did not start"
# The pppd stand-in takes the default route once the call is up, as pppd
# does: "the tunnel up" is that state.
LAB_PPP_DEFAULT=1 lab_lac || die "the LAC xl2tpd did not start"
lac=$LAB/lac.log
ppp=$LAB/ppp-lac.log
mkdir "$LAB/out" "$LAB/shell" "$LAB/debian"

# The first bound comes from the real udhcpc, through a hook that keeps
# the environment udhcpc gave it and then runs ours.
cat >"$LAB/capture" <<EOF
#!/bin/sh
env -0 >"$LAB/env.\$1"
exec "$ours" "\$@"
EOF
chmod 0755 "$LAB/capture"
lab_udhcpc "$LAB/capture"
lab_wait_for 'lease of [0-9.]+ obtained' "$LAB/udhcpc.log" 15 ||
    die "no lease from udhcpd: see $LAB/udhcpc.log"
lab_hook_idle 10 || die "the first bound did not finish"
lab_wait_for 'default route on ppp1' "$ppp" 10 ||
    die "the tunnel did not come up: see $lac"
# From here on the events are the benchmark's: udhcpc goes (TERM: no
# release, the lease stays configured).
kill "$LAB_UDHCPC_PID"
wait "$LAB_UDHCPC_PID" 2>/dev/null

# The environment of every run: the lease's variables (udhcpc's, the
# lower-case names this shell does not have itself), the settings
# lab_lac exported, and a PATH where net-tools comes first.
declare -A inherited
for v in $(compgen -e); do
	inherited[$v]=1
done
envv=()
while IFS= read -r -d '' kv; do
	name=${kv%%=*}
	case $name in
	*[!a-z0-9_]*) continue ;;
	esac
	[ -n "${inherited[$name]:-}" ] || envv+=("$kv")
done <"$LAB/env.bound"
lease_vars=${#envv[@]}
[ "$lease_vars" -ge 5 ] || die "no lease captured from udhcpc"
for v in L2TP_LAC L2TPCONF_FILE L2TP_CONTROL L2TP_START RESOLV_CONF \
    UDHOOK_CONF; do
	envv+=("$v=${!v}")
done
path=$nettools/sbin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin
envv+=("PATH=$path:/sbin:/bin")

# incust CMD...: CMD in the customer namespace with that environment.
incust()
{
	ip netns exec "$LAB_CUST" env -i "${envv[@]}" "$@"
}

# --- The other hooks, adapted to the lab ----------------------------------

# adapt SRC DEST SED-EXPR...: copy SRC with each substitution, each of
# which must change something (a reference that moved must not go
# unnoticed).
adapt()
{
	local src=$1 dest=$2 e

	shift 2
	[ "$src" -ef "$dest" ] || cp "$src" "$dest" || die "cannot copy $src"
	for e in "$@"; do
		if cmp -s "$dest" <(sed -e "$e" "$dest"); then
			die "$src: '$e' changes nothing"
		fi
		sed -i -e "$e" "$dest"
		echo "$(basename "$dest"): $e" >>"$LAB/adapted"
	done
	chmod 0755 "$dest"
}

cat >"$LAB/init-xl2tpd" <<EOF
#!/bin/sh
# /etc/init.d/xl2tpd for the shell hooks: start unless it runs.
[ "\$1" = start ] || exit 0
kill -0 "\$(cat $LAB/lac/xl2tpd.pid 2>/dev/null)" 2>/dev/null && exit 0
exec $LAB/start-lac
EOF
chmod 0755 "$LAB/init-xl2tpd"

for ev in bound renew; do
	adapt "$ref/seed-default.$ev" "$LAB/shell/default.$ev" \
	    "s|/etc/xl2tpd/xl2tpd.conf|$LAB/lac/xl2tpd.conf|g" \
	    "s|numericable|isp|g" \
	    "s|/etc/resolv.conf|$LAB/resolv.shell|g" \
	    "s|/sbin/resolvconf|$LAB/no-resolvconf|g" \
	    "s|/sbin/ifconfig|$nettools/sbin/ifconfig|g"
done
adapt "$LAB/shell/default.bound" "$LAB/shell/default.bound" \
    "s|/sbin/route|$nettools/sbin/route|g" \
    "s|/var/run/xl2tpd/l2tp-control|$LAB/lac/l2tp-control|g" \
    "s|/etc/init.d/xl2tpd|$LAB/init-xl2tpd|g"
adapt "$udhcpc_pkg/etc/udhcpc/default.script" "$LAB/debian/default.script" \
    "s|^RESOLV_CONF=.*|RESOLV_CONF=$LAB/resolv.debian|" \
    "s|/sbin/resolvconf|$LAB/no-resolvconf|g"
shell=$LAB/shell
debian=$LAB/debian/default.script

# --- Measuring -----------------------------------------------------------

# stats FILE LABEL [COL]: "median max_rss failed runs" of LABEL's runs in
# a timer output file: the median of column COL over the runs that
# exited 0 (a failed one is counted, not timed): 3 (wall time, the
# default), 6 (the wait for xl2tpd; runs that saw none are left out) or
# 7 (CPU time).
stats()
{
	awk -v l="$2" -v c="${3:-3}" '
		$1 != l { next }
		{ runs++; if ($4 > rss) rss = $4 }
		$5 != 0 { bad++; next }
		c == 6 && $6 == -1 { next }
		{
			for (i = n++; i > 0 && v[i - 1] > $c + 0; i--)
				v[i] = v[i - 1]
			v[i] = $c + 0
		}
		END {
			if (n == 0) m = "-"
			else if (n % 2) m = v[(n - 1) / 2]
			else m = int((v[n / 2 - 1] + v[n / 2]) / 2)
			print m, (runs ? rss : "-"), bad + 0, runs + 0
		}' "$1"
}

# median FILE LABEL [COL]
median()
{
	set -- $(stats "$@")
	echo "$1"
}

# floor_args: the timer's commands for the floors, one word a line.
floor_args()
{
	set -- $floors
	while [ $# -ge 2 ]; do
		printf '%s\n' -- "$1" "$2" renew
		shift 2
	done
}

# settle: the tunnel up, the stand-in holding the default route, and no
# default route left on wan0 (a shell bound adds one beside the tunnel's):
# the state every bound starts from.
settle()
{
	local n

	n=$(lab_count "$CONN" "$lac")
	lab_wait_count 'default route on ppp1' "$ppp" "$n" 10 ||
	    die "the tunnel did not come back: see $lac, $ppp"
	while ip -n "$LAB_CUST" route del default dev wan0 2>/dev/null; do
		:
	done
	sleep 0.1
}

# bound_one TAG LABEL PROG: one bound, timed until xl2tpd logs its new
# connection (ours and the shell hook reconnect the tunnel; Debian's
# script does not).  -F: a fork, for a peak RSS without the timer's.
bound_one()
{
	local tag=$1 label=$2 prog=$3 watch=()

	[ "$label" = debian ] || watch=(-w "$lac" -p "$CONN" -t 6000)
	settle
	incust "$timer" -F -o "$LAB/out" "${watch[@]}" -- "$label" "$prog" \
	    bound >>"$LAB/bound.$tag" || die "timer failed"
}

# bound_rounds TAG N_OURS N_SHELL N_DEBIAN: interleaved.
bound_rounds()
{
	local tag=$1 i

	say "bound, $tag: $2 + $3 + $4 runs"
	: >"$LAB/bound.$tag"
	for ((i = 0; i < $2 || i < $3 || i < $4; i++)); do
		[ "$i" -lt "$2" ] && bound_one "$tag" ours "$ours"
		[ "$i" -lt "$3" ] &&
		    bound_one "$tag" shell "$shell/default.bound"
		[ "$i" -lt "$4" ] && bound_one "$tag" debian "$debian"
	done
}

# straced EVENT LABEL PROG: "syscalls children" of one run of PROG EVENT
# under strace -f -c, every process of it counted.
straced()
{
	local out=$LAB/strace.$2.$1.$TAG

	[ "$1" = bound ] && settle
	incust strace -f -c -o "$out" "$3" "$1" >/dev/null 2>&1
	awk '
		$NF == "total" { total = $4 }
		$NF ~ /^(clone|clone3|fork|vfork)$/ {
			kids += $4 - (NF == 6 ? $5 : 0)
		}
		END { print total + 0, kids + 0 }' "$out"
}

# mirror NS: a namespace with the customer's wan0 and ppp1 (veth pairs),
# their addresses and its routes: the same renew does the same work there.
mirror()
{
	local dev line

	ip netns add "$1" || return 1
	ip -n "$1" link set lo up || return 1
	for dev in wan0 ppp1; do
		ip -n "$1" link add "$dev" type veth peer name "${dev}p" &&
		    ip -n "$1" link set "${dev}p" up &&
		    ip -n "$1" link set "$dev" up || return 1
		ip -n "$LAB_CUST" -4 -o addr show dev "$dev" |
		    sed 's/.* inet \([^ ]*\)\( brd [^ ]*\)\{0,1\} .*/\1\2/' |
		    while read -r line; do
			ip -n "$1" addr add $line dev "$dev" || exit 1
		done || return 1
	done
	ip -n "$LAB_CUST" -4 route show table main | grep -v 'proto kernel' |
	    while read -r line; do
		ip -n "$1" route append $line || exit 1
	done
}

# fill NS: ROUTES routes in the main table of NS, on a link of their own
# (a veth pair: the kernel may lack dummy), as a full view would not be
# on the DHCP uplink; any prefix will do, no packet goes there.
fill()
{
	ip -n "$1" link add full0 type veth peer name full0p &&
	    ip -n "$1" link set full0p up &&
	    ip -n "$1" link set full0 up || return 1
	awk -v n="$ROUTES" 'BEGIN {
		for (i = 0; i < n; i++)
			printf "route add 10.%d.%d.%d/32 dev full0\n",
			    int(i / 65536), int(i / 256) % 256, i % 256
	}' >"$LAB/routes.batch"
	ip -n "$1" -batch "$LAB/routes.batch"
}

# --- The runs ------------------------------------------------------------

declare -A sys

# 1. renew on the lab's empty table: every program, interleaved; then a
# few runs with fork for the peak RSS, and one each under strace.
TAG=empty
say "renew: $ROUNDS rounds"
mapfile -t fl < <(floor_args)
incust "$timer" -n "$ROUNDS" -o "$LAB/out" -- ours "$ours" renew \
    -- shell "$shell/default.renew" renew -- debian "$debian" renew \
    "${fl[@]}" >"$LAB/renew.empty" || die "timer failed"
incust "$timer" -F -n 5 -- ours "$ours" renew \
    -- shell "$shell/default.renew" renew -- debian "$debian" renew \
    "${fl[@]}" >"$LAB/renew.rss" || die "timer failed"
sys[ours.renew]=$(straced renew ours "$ours")
sys[shell.renew]=$(straced renew shell "$shell/default.renew")
sys[debian.renew]=$(straced renew debian "$debian")
set -- $floors
while [ $# -ge 2 ]; do
	sys[$1.renew]=$(straced renew "$1" "$2")
	shift 2
done

# 2. bound with the tunnel up, empty table.
bound_rounds empty "$BOUND_ROUNDS" "$SHELL_BOUND_ROUNDS" "$BOUND_ROUNDS"
sys[ours.bound]=$(straced bound ours "$ours")
sys[shell.bound]=$(straced bound shell "$shell/default.bound")
sys[debian.bound]=$(straced bound debian "$debian")

# 3. The lab's table filled; renew there against renew in a mirror
# namespace with an empty table, interleaved (no drift between them).
settle
mirror "$EMPTY" || die "cannot make the mirror namespace $EMPTY"
say "filling the customer's main table with $ROUTES routes"
t0=$EPOCHREALTIME
fill "$LAB_CUST" || die "cannot fill the table"
fill_s=$(awk -v a="$t0" -v b="$EPOCHREALTIME" \
    'BEGIN { printf "%.1f", b - a }')
nroutes=$(ip -n "$LAB_CUST" -4 route show table main | wc -l)
TAG=full
say "renew, $nroutes routes against none: $ROUNDS rounds"
m=@/run/netns/$EMPTY
incust "$timer" -n "$ROUNDS" -o "$LAB/out" \
    -- ours "$ours" renew -- ours@empty "$m" "$ours" renew \
    -- shell "$shell/default.renew" renew \
    -- shell@empty "$m" "$shell/default.renew" renew \
    -- debian "$debian" renew -- debian@empty "$m" "$debian" renew \
    -- floor "$b/bench/floor" -- floor@empty "$m" "$b/bench/floor" \
    >"$LAB/renew.full" || die "timer failed"
sys[ours.renew.full]=$(straced renew ours "$ours")
sys[shell.renew.full]=$(straced renew shell "$shell/default.renew")
sys[debian.renew.full]=$(straced renew debian "$debian")

# 4. bound on the full table, then on the emptied one again: the full
# runs are compared with both empty ones (A B A).
bound_rounds full "$BOUND_ROUNDS" 2 "$BOUND_ROUNDS"
sys[ours.bound.full]=$(straced bound ours "$ours")
sys[shell.bound.full]=$(straced bound shell "$shell/default.bound")
sys[debian.bound.full]=$(straced bound debian "$debian")
# Deleting the link takes its routes with it.
ip -n "$LAB_CUST" link del full0
bound_rounds empty2 "$BOUND_ROUNDS" 0 "$BOUND_ROUNDS"
settle
cat "$LAB/bound.empty" "$LAB/bound.empty2" >"$LAB/bound.empties"

# --- The report ----------------------------------------------------------

report=$b/bench/report.txt

# ratio A B: A / B to 2 decimals.
ratio()
{
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "-" || b == "-" || b <= 0) print "-"
		else printf "%.2f\n", a / b }'
}

# le A B: A <= B, both numbers.
le()
{
	awk -v a="$1" -v b="$2" 'BEGIN {
		exit !(a != "-" && a != "" && a + 0 <= b + 0) }'
}

# verdict MET TEXT...: one line of the targets.
verdict()
{
	local met=$1

	shift
	if [ "$met" = 1 ]; then
		echo "  met     $*"
	else
		echo "  MISSED  $*"
	fi
}

# mean A B: their mean, or A when B is "-".
mean()
{
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (b == "-") print a; else print int((a + b) / 2) }'
}

describe()
{
	case $1 in
	ours) echo "ours: script EVENT (dynamic glibc)" ;;
	shell) echo "shell: seed-default.EVENT" ;;
	debian) echo "Debian default.script EVENT" ;;
	floor) echo "floor: empty main (as ours)" ;;
	floor+libmnl) echo "floor + libmnl.so loaded" ;;
	floor-static) echo "floor, static glibc" ;;
	floor-musl) echo "floor, static musl" ;;
	esac
}

failed()
{
	[ "$1" != 0 ] && echo "  ($1 of $2 failed)"
}

{
	cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
	echo "udhook benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "machine: $(nproc) CPUs, ${cpu:-unknown CPU}, Linux $(uname -r)," \
	    "Debian $(cat /etc/debian_version 2>/dev/null)," \
	    "$(busybox 2>&1 | head -n 1 | cut -d' ' -f1,2)," \
	    "$(${CC:-cc} --version | head -n 1)"
	echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg);" \
	    "scheduling: $([ -n "${BENCH_RT_ON:-}" ] &&
	    echo "SCHED_FIFO 1 (BENCH_RT=1)" || echo normal)"
	echo "lease: $lease_vars udhcpc variables; L2TP mode, xl2tpd LAC" \
	    "with its tunnel up to the LNS"
	echo

	echo "renew (unchanged lease), $ROUNDS rounds interleaved, empty table"
	printf '  %-34s %9s %7s %8s %9s %9s %9s\n' program "median us" \
	    "x ours" "CPU us" "peak KiB" syscalls children
	ours_renew=$(median "$LAB/renew.empty" ours)
	for l in ours shell debian $(set -- $floors; while [ $# -ge 2 ]; do
	    echo "$1"; shift 2; done); do
		set -- $(stats "$LAB/renew.empty" "$l")
		printf '  %-34s %9s %7s %8s %9s %9s %9s%s\n' \
		    "$(describe "$l")" "$1" "$(ratio "$1" "$ours_renew")" \
		    "$(median "$LAB/renew.empty" "$l" 7)" \
		    "$(stats "$LAB/renew.rss" "$l" | cut -d' ' -f2)" \
		    ${sys[$l.renew]:-- -} "$(failed "$3" "$4")"
	done
	echo "  ours, static glibc: not built (Debian 12 has no libmnl.a)"
	echo "  (peak KiB: ru_maxrss of 5 runs by fork, as /usr/bin/time" \
	    "reports it; it includes the forking process's copied pages," \
	    "see the floors)"
	echo

	echo "bound (tunnel up; ours and the shell hook reconnect it)," \
	    "empty table"
	printf '  %-34s %4s %10s %12s %7s %8s %9s %9s %9s\n' program runs \
	    "median us" "to xl2tpd us" "x ours" "CPU us" "peak KiB" \
	    syscalls children
	ours_bound=$(median "$LAB/bound.empty" ours)
	for l in ours shell debian; do
		set -- $(stats "$LAB/bound.empty" "$l")
		conn=$(median "$LAB/bound.empty" "$l" 6)
		[ "$conn" = -1 ] && conn="-"
		printf '  %-34s %4s %10s %12s %7s %8s %9s %9s %9s%s\n' \
		    "$(describe "$l")" "$4" "$1" "$conn" \
		    "$(ratio "$1" "$ours_bound")" \
		    "$(median "$LAB/bound.empty" "$l" 7)" "$2" \
		    ${sys[$l.bound]:-- -} "$(failed "$3" "$4")"
	done
	echo "  (to xl2tpd: from the hook's start to xl2tpd logging" \
	    "\"$CONN\"; Debian's script does not reconnect)"
	echo

	echo "routing table: $nroutes routes ($ROUTES added with ip -batch" \
	    "in ${fill_s}s) against an empty one"
	echo "  renew: in the lab's namespace (full) and in a mirror of it" \
	    "(empty), interleaved"
	printf '  %-34s %10s %10s %7s %7s %9s %9s\n' "program" "empty us" \
	    "full us" "x empty" "x CPU" "syscalls" "(empty)"
	for l in ours shell debian floor; do
		e=$(median "$LAB/renew.full" "$l@empty")
		f=$(median "$LAB/renew.full" "$l")
		s=${sys[$l.renew.full]:-}
		s0=${sys[$l.renew]:-}
		xc=$(ratio "$(median "$LAB/renew.full" "$l" 7)" \
		    "$(median "$LAB/renew.full" "$l@empty" 7)")
		printf '  %-34s %10s %10s %7s %7s %9s %9s\n' "$l renew" "$e" \
		    "$f" "$(ratio "$f" "$e")" "$xc" "${s%% *}" "${s0%% *}"
		eval "x_${l}_renew=$(ratio "$f" "$e") xc_${l}_renew=$xc"
	done
	echo "  bound: on the empty table before and after the full one" \
	    "(A B A): x empty is full against all the empty runs"
	printf '  %-34s %10s %10s %10s %7s %9s %9s %7s\n' "program" \
	    "empty us" "full us" "empty2 us" "x empty" "syscalls" "(empty)" \
	    failed
	for l in ours shell debian; do
		for col in 3 7; do
			e1=$(median "$LAB/bound.empty" "$l" $col)
			f=$(median "$LAB/bound.full" "$l" $col)
			e2=$(median "$LAB/bound.empty2" "$l" $col)
			e=$(median "$LAB/bound.empties" "$l" $col)
			x=$(ratio "$f" "$e")
			s=${sys[$l.bound.full]:-}
			s0=${sys[$l.bound]:-}
			bad=
			if [ $col = 3 ]; then
				what="$l bound"
				eval "x_${l}_bound=$x"
				bad=$(for t in empty full empty2; do
				    set -- $(stats "$LAB/bound.$t" "$l")
				    echo "$3/$4"; done | paste -sd' ')
			else
				what="$l bound, CPU"
				eval "xc_${l}_bound=$x"
				s='' s0=''
			fi
			printf '  %-34s %10s %10s %10s %7s %9s %9s %7s\n' \
			    "$what" "$e1" "$f" "$e2" "$x" "${s%% *}" \
			    "${s0%% *}" "$bad"
		done
	done
	echo "  ours bound, to xl2tpd: empty $(median "$LAB/bound.empty" \
	    ours 6) us, full $(median "$LAB/bound.full" ours 6) us," \
	    "empty2 $(median "$LAB/bound.empty2" ours 6) us"
	echo

	echo "size (dynamic build, as make builds it)"
	size "$ours" "$b"/default.* | sed "s|$b/||; s/^/  /"
	for p in "$ours" "$b"/default.*; do
		strip -o "$LAB/stripped" "$p"
		printf '  %-28s %8s bytes stripped\n' "${p#"$b"/}" \
		    "$(stat -c %s "$LAB/stripped")"
	done
	if [ -r "$b/musl/sizes.txt" ]; then
		echo "size, static musl (bench/musl-check.sh; no musl libmnl" \
		    "here, see README)"
		sed 's/^/  /' "$b/musl/sizes.txt"
	fi
	echo

	echo "targets (judged on wall time; CPU time beside it)"
	e=$LAB/renew.empty
	sr=$(ratio "$(median "$e" shell)" "$ours_renew")
	src=$(ratio "$(median "$e" shell 7)" "$(median "$e" ours 7)")
	fr=$(ratio "$ours_renew" "$(median "$e" floor)")
	frc=$(ratio "$(median "$e" ours 7)" "$(median "$e" floor 7)")
	verdict "$(le 6 "$sr" && echo 1)" \
	    "renew: shell / ours = $sr (CPU $src), at least 6"
	verdict "$(le "$fr" 1.3 && echo 1)" \
	    "renew: ours / floor = $fr (CPU $frc), at most 1.3"
	conn=$(median "$LAB/bound.empty" ours 6)
	shconn=$(median "$LAB/bound.empty" shell 6)
	verdict "$(le "$conn" 300000 && echo 1)" \
	    "bound: hook start to \"$CONN\" = $conn us, at most 300000" \
	    "(shell: $shconn us)"
	verdict "$(le "$x_ours_renew" 1.1 && echo 1)" \
	    "renew with $nroutes routes: x $x_ours_renew" \
	    "(CPU $xc_ours_renew), at most 1.1"
	verdict "$(le "$x_ours_bound" 1.1 && echo 1)" \
	    "bound with $nroutes routes: x $x_ours_bound" \
	    "(CPU $xc_ours_bound), at most 1.1"
	kids=${sys[ours.renew]#* }
	verdict "$([ "$kids" = 0 ] && echo 1)" \
	    "renew: $kids child processes, none"
	set -- $(stats "$LAB/bound.empties" ours) \
	    $(stats "$LAB/bound.full" ours)
	verdict "$([ "$3" = 0 ] && [ "$7" = 0 ] && echo 1)" \
	    "bound: every reconnect answered by xl2tpd" \
	    "($(($3 + $7)) of $(($4 + $8)) failed)"
	if [ -r "$b/musl/sizes.txt" ]; then
		big=$(awk '$2 == "(no" { if ($NF > m) m = $NF } END {
			print m + 0 }' "$b/musl/sizes.txt")
		verdict "$(le "$big" 98304 && echo 1)" \
		    "static musl program, stripped: at most $big bytes" \
		    "with libmnl, at most 96 KiB = 98304"
		echo "  MISSED  dispatcher at most 24 KiB: by design, script" \
		    "does the event's work itself (one exec per event) and" \
		    "is as big as a hook program"
	fi
	load=$(cut -d' ' -f1 /proc/loadavg)
	if [ -z "${BENCH_RT_ON:-}" ] &&
	    awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'
	then
		echo "  WARNING the machine was busy (load $load on $(nproc)" \
		    "CPUs): wall times include waits for a CPU; the CPU" \
		    "ratios are the ones to trust, or run again on an idle" \
		    "machine or with BENCH_RT=1"
	fi
} | tee "$report"

bench_teardown
