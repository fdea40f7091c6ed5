# lab.sh: a throwaway network with real peers for the udhook tests.
# Source it (POSIX sh or bash; in a shell other than bash set LAB_TOP to
# the top of the source tree first), then:
#
#	lab_can_run || skip "$LAB_WHY"	 root, tools, namespaces, xl2tpd
#	lab_setup			 work dir, namespaces, veth pair
#	lab_dhcpd			 busybox udhcpd on the ISP side
#	lab_lns				 xl2tpd as LNS on the ISP side
#	lab_lac				 xl2tpd as LAC on the customer side
#	lab_udhcpc HOOK [ARGS...]	 busybox udhcpc -s HOOK, customer side
#
#   ISP namespace $LAB_ISP		customer namespace $LAB_CUST
#   isp0 192.0.2.1/24  <--- veth --->	wan0 (DHCP; 2001:db8::2/64)
#   lo   203.0.113.7/32 (the LNS)	ppp1 (made by the pppd stand-in)
#
# Only documentation prefixes are used, and nothing outside the two
# namespaces and the work dir $LAB is touched: not the host's routes, not
# its /etc/resolv.conf, not its daemons.  lab_setup sets the traps on
# EXIT, INT and TERM (replacing the caller's) so that lab_teardown runs
# whatever the test did.  LAB_KEEP=1 keeps $LAB and its logs.
#
# The kernels we test on have no PPP: each xl2tpd runs in a mount
# namespace of its own where /usr/sbin is overlaid with t/lab/pppd-standin
# as "pppd" (xl2tpd execs /usr/sbin/pppd, a path compiled in).  Every wait
# is bounded.

if [ -z "${LAB_TOP:-}" ]; then
	if [ -n "${BASH_SOURCE:-}" ]; then
		LAB_TOP=$(cd "$(dirname "$BASH_SOURCE")/../.." && pwd)
	else
		LAB_TOP=$(pwd)
	fi
fi

LAB=
LAB_ISP=uh-isp-$$
LAB_CUST=uh-cust-$$
LAB_LNS_ADDR=203.0.113.7
LAB_ROUTER=192.0.2.1
# Long enough that udhcpc never renews on its own (T1 is half the lease)
# during a test: tests force a renew with lab_renew.
LAB_LEASE=${LAB_LEASE:-600}
LAB_PIDS=
LAB_UDHCPC_PID=
LAB_WHY=
LAB_NETNS_ETC=

# lab_can_run: return 0 when the lab can be built here; else set LAB_WHY
# to the reason (a test's skip_all message) and return 1.  Fetches
# xl2tpd into build/pkg when needed and sets LAB_XL2TPD.
lab_can_run()
{
	local c

	if [ "$(id -u)" != 0 ]; then
		LAB_WHY="the lab needs root (network namespaces)"
		return 1
	fi
	for c in ip busybox unshare mount timeout jq mkfifo; do
		if ! command -v "$c" >/dev/null 2>&1; then
			LAB_WHY="$c is not installed"
			return 1
		fi
	done
	for c in udhcpc udhcpd; do
		if ! busybox --list | grep -qx "$c"; then
			LAB_WHY="busybox has no $c applet"
			return 1
		fi
	done
	if ! ip netns add "uh-probe-$$" 2>/dev/null; then
		LAB_WHY="cannot create a network namespace"
		return 1
	fi
	ip netns del "uh-probe-$$"
	if ! LAB_XL2TPD=$("$LAB_TOP/t/lab/get-xl2tpd.sh" 2>/dev/null); then
		LAB_WHY="cannot get xl2tpd (t/lab/get-xl2tpd.sh failed)"
		return 1
	fi
	return 0
}

lab_exec_isp()
{
	ip netns exec "$LAB_ISP" "$@"
}

lab_exec_cust()
{
	ip netns exec "$LAB_CUST" "$@"
}

# lab_log MESSAGE: progress lines for the reader of a failed test, kept
# out of the TAP stream.
lab_log()
{
	echo "# lab: $*" >&2
}

lab_setup()
{
	LAB=$(mktemp -d "${TMPDIR:-/tmp}/udhook-lab.XXXXXX") || return 1
	trap lab_teardown EXIT
	trap 'lab_teardown; exit 130' INT
	trap 'lab_teardown; exit 143' TERM

	ip netns add "$LAB_ISP" || return 1
	ip netns add "$LAB_CUST" || return 1

	# Both ends are created inside their namespaces: a host that has
	# its own wan0 is never disturbed, not even for an instant.
	ip link add isp0 netns "$LAB_ISP" type veth \
	    peer name wan0 netns "$LAB_CUST" || return 1

	ip -n "$LAB_ISP" link set lo up &&
	ip -n "$LAB_ISP" link set isp0 up &&
	ip -n "$LAB_ISP" addr add "$LAB_ROUTER/24" dev isp0 &&
	ip -n "$LAB_ISP" addr add "$LAB_LNS_ADDR/32" dev lo || return 1

	# The IPv6 address is there to show that deconfig leaves IPv6
	# alone; nodad makes it usable at once.
	ip -n "$LAB_CUST" link set lo up &&
	ip -n "$LAB_CUST" link set wan0 up &&
	ip -n "$LAB_CUST" addr add 2001:db8::2/64 dev wan0 nodad || return 1

	mkdir "$LAB/standin" "$LAB/lns" "$LAB/lac" || return 1
	cp "$LAB_TOP/t/lab/pppd-standin" "$LAB/standin/pppd" &&
	chmod 0755 "$LAB/standin/pppd" || return 1

	# The hooks' settings file, so that a host's /etc/udhook.conf never
	# leaks into the lab; RESOLVCONF=no: a host's resolvconf writes the
	# host's resolv.conf (ip netns exec does not isolate /run).
	export UDHOOK_CONF="$LAB/udhook.conf"
	printf 'RESOLVCONF=no\n' >"$UDHOOK_CONF"
}

# lab_bg LOG CMD...: run CMD in the background, output to LOG, and
# remember it for lab_teardown (last in LAB_PIDS).
lab_bg()
{
	local log="$1"

	shift
	"$@" >>"$log" 2>&1 </dev/null &
	LAB_PIDS="$LAB_PIDS $!"
}

lab_dhcpd()
{
	: >"$LAB/udhcpd.leases"
	cat >"$LAB/udhcpd.conf" <<EOF || return 1
interface	isp0
start		192.0.2.100
end		192.0.2.150
max_leases	51
lease_file	$LAB/udhcpd.leases
pidfile		$LAB/udhcpd.pid
option	subnet	255.255.255.0
option	router	$LAB_ROUTER
option	dns	192.0.2.53
option	domain	example.net
option	lease	$LAB_LEASE
EOF
	# -a: udhcpd ARP-pings an address before offering it and, as nobody
	# answers on a fresh veth, waits the whole timeout (2 s by default).
	lab_bg "$LAB/udhcpd.log" \
	    ip netns exec "$LAB_ISP" busybox udhcpd -f -a 100 "$LAB/udhcpd.conf"
	lab_wait_for 'udhcpd: started' "$LAB/udhcpd.log" 5
}

# lab_xl2tpd_script NAME NS CONF [ENV...]: write $LAB/start-NAME, which
# starts the xl2tpd of that side in the background and returns once its
# control FIFO exists (as an init script would), or fails after 5 s.
# It works from the host and from inside NS alike.
lab_xl2tpd_script()
{
	local name="$1" ns="$2" conf="$3" dir

	shift 3
	dir=$LAB/$name
	cat >"$LAB/start-$name" <<EOF || return 1
#!/bin/sh
# Start the lab's $name xl2tpd (written by t/lab/lab.sh).
ip netns exec $ns unshare -m sh -c '
	mount -t overlay overlay -o lowerdir=$LAB/standin:/usr/sbin /usr/sbin &&
	exec env $* LAB_PPP_LOG=$LAB/ppp-$name.log $LAB_XL2TPD -D \\
	    -c $conf -p $dir/xl2tpd.pid -C $dir/l2tp-control' \\
	    >>$LAB/$name.log 2>&1 </dev/null &
pid=\$!
i=0
while [ ! -p $dir/l2tp-control ]; do
	if ! kill -0 \$pid 2>/dev/null || [ \$i -ge 50 ]; then
		echo "start-$name: xl2tpd did not start, see $LAB/$name.log" >&2
		exit 1
	fi
	sleep 0.1
	i=\$((i + 1))
done
EOF
	chmod 0755 "$LAB/start-$name"
}

lab_lns()
{
	cat >"$LAB/lns/xl2tpd.conf" <<EOF || return 1
[global]
listen-addr = $LAB_LNS_ADDR

[lns default]
ip range = 198.51.100.10-198.51.100.20
local ip = 198.51.100.1
require authentication = no
EOF
	lab_xl2tpd_script lns "$LAB_ISP" "$LAB/lns/xl2tpd.conf" || return 1
	"$LAB/start-lns" &&
	lab_wait_for "Listening on IP address $LAB_LNS_ADDR" "$LAB/lns.log" 5
}

# lab_lac: start the LAC xl2tpd and export the settings the hooks read.
# LAB_PPP_DEFAULT=1 in the caller's environment makes its pppd stand-in
# take the default route, as the real pppd does once the call is up.
lab_lac()
{
	lab_lac_config || return 1
	"$LAB/start-lac"
}

# lab_lac_config: write the LAC's configuration and start script and
# export the hooks' settings, without starting it (a test of a hook that
# starts xl2tpd itself through L2TP_START).
lab_lac_config()
{
	cat >"$LAB/lac/xl2tpd.conf" <<EOF || return 1
[lac isp]
lns = $LAB_LNS_ADDR
autodial = no
EOF
	lab_xl2tpd_script lac "$LAB_CUST" "$LAB/lac/xl2tpd.conf" \
	    "LAB_PPP_DEFAULT=${LAB_PPP_DEFAULT:-0}" || return 1

	export L2TP_LAC=isp
	export L2TPCONF_FILE="$LAB/lac/xl2tpd.conf"
	export L2TP_CONTROL="$LAB/lac/l2tp-control"
	export L2TP_START="$LAB/start-lac"
	export RESOLV_CONF="$LAB/resolv.conf"
}

# lab_udhcpc HOOK [ARGS...]: real busybox udhcpc on wan0, in the
# foreground (-f) so that the hook's stdout and stderr reach
# $LAB/udhcpc.log; the hook inherits udhcpc's environment, hence the
# settings lab_lac exported.
lab_udhcpc()
{
	local hook="$1"

	shift
	: >"$LAB/udhcpc.log"
	lab_bg "$LAB/udhcpc.log" ip netns exec "$LAB_CUST" \
	    busybox udhcpc -f -i wan0 -s "$hook" -p "$LAB/udhcpc.pid" \
	    -t 5 -T 1 -A 1 "$@"
	# ip netns exec and busybox exec in turn: the job is udhcpc itself.
	LAB_UDHCPC_PID=${LAB_PIDS##* }
}

lab_renew()
{
	kill -USR1 "$LAB_UDHCPC_PID"
}

# lab_release: udhcpc sends a DHCPRELEASE and runs the deconfig event.
lab_release()
{
	kill -USR2 "$LAB_UDHCPC_PID"
}

# lab_wait_for ERE FILE SECONDS: wait until a line of FILE matches.
lab_wait_for()
{
	lab_wait_count "$1" "$2" 1 "$3"
}

# lab_count ERE FILE: how many lines of FILE match.
lab_count()
{
	local n

	# grep -c prints nothing when FILE does not exist (yet).
	n=$(grep -cE -- "$1" "$2" 2>/dev/null)
	echo "${n:-0}"
}

# lab_wait_count ERE FILE N SECONDS: wait until N lines of FILE match.
lab_wait_count()
{
	local i=0 n=$(($4 * 10))

	while [ "$(lab_count "$1" "$2")" -lt "$3" ]; do
		if [ $i -ge $n ]; then
			lab_log "timeout: no $3 lines matching '$1' in $2"
			return 1
		fi
		sleep 0.1
		i=$((i + 1))
	done
}

# lab_hook_idle SECONDS: wait until udhcpc runs no hook.  udhcpc logs
# "lease of ... obtained" just before it forks the hook and logs nothing
# after it, so "no child, twice 0.2 s apart" is the sign that the hook
# it ran has finished.
lab_hook_idle()
{
	local i=0 n=$(($1 * 10)) quiet=0 f

	f=/proc/$LAB_UDHCPC_PID/task/$LAB_UDHCPC_PID/children
	while [ $quiet -lt 2 ]; do
		if [ ! -e "$f" ]; then
			lab_log "udhcpc ($LAB_UDHCPC_PID) is gone"
			return 1
		fi
		if [ -z "$(cat "$f")" ]; then
			quiet=$((quiet + 1))
		else
			quiet=0
		fi
		if [ $i -ge $n ]; then
			lab_log "timeout: udhcpc still runs its hook"
			return 1
		fi
		sleep 0.1
		i=$((i + 1))
	done
}

# lab_netns_file NS NAME TEXT: write TEXT to /etc/netns/NS/NAME, which
# `ip netns exec NS` bind-mounts over /etc/NAME (hosts, resolv.conf) for
# what it runs from then on; lab_teardown removes it again.
lab_netns_file()
{
	if [ ! -d /etc/netns ]; then
		mkdir /etc/netns || return 1
		LAB_NETNS_ETC=made
	fi
	mkdir -p "/etc/netns/$1" &&
	printf '%s\n' "$3" >"/etc/netns/$1/$2"
}

# lab_teardown: stop every process of the lab, delete the namespaces
# and the work dir.  Safe to call twice.
lab_teardown()
{
	local ns pids sig=TERM i=0

	trap - EXIT INT TERM
	# Everything the lab started runs in one of its namespaces, even
	# what was reparented (xl2tpd started by a hook, the stand-ins and
	# their sleep): ip netns pids finds them all.  TERM first, so that
	# xl2tpd stops its stand-ins; KILL after 2 s.
	while [ $i -le 20 ]; do
		pids=
		for ns in "$LAB_ISP" "$LAB_CUST"; do
			[ -e "/run/netns/$ns" ] &&
			    pids="$pids $(ip netns pids "$ns" 2>/dev/null)"
		done
		case $pids in
		*[0-9]*) ;;
		*) break ;;
		esac
		[ $i -eq 20 ] && sig=KILL
		kill -s $sig $pids 2>/dev/null
		sleep 0.1
		i=$((i + 1))
	done
	# Reap the background jobs of this shell.
	for i in $LAB_PIDS; do
		kill -KILL "$i" 2>/dev/null
		wait "$i" 2>/dev/null
	done
	LAB_PIDS=
	for ns in "$LAB_ISP" "$LAB_CUST"; do
		[ -e "/run/netns/$ns" ] && ip netns del "$ns"
		rm -rf "/etc/netns/$ns"
	done
	[ -n "$LAB_NETNS_ETC" ] && rmdir /etc/netns 2>/dev/null
	LAB_NETNS_ETC=
	if [ -n "$LAB" ] && [ -d "$LAB" ]; then
		if [ -n "${LAB_KEEP:-}" ]; then
			lab_log "kept $LAB (LAB_KEEP is set)"
		else
			rm -rf "$LAB"
		fi
	fi
	LAB=
}
