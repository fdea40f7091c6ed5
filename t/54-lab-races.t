#!/usr/bin/env bash
# 54-lab-races.t: the hooks against what goes on around them, with the
# real xl2tpd LNS and LAC of the lab (t/lab/lab.sh) and the installed
# dispatcher run directly with hand-made leases:
#   (a) two hooks at once: bound on wan0 and on a second uplink wan1,
#       started at the same moment, round after round, for the same LAC
#       and the same resolv.conf: resolv.conf is always one whole
#       content (after each round, and to a reader running all along),
#       no temporary file is left, and xl2tpd receives the d and c of
#       one hook never interleaved with the other's;
#   (b) the interface vanishes while the hook waits for the LNS's name:
#       the hook ends within its bound, says so, exits 1, leaves nothing;
#   (c) gateways outside the leased prefix (router option, classless
#       routes) are installed onlink, a classless gateway 0.0.0.0 as a
#       link route, and the tunnel comes up through them;
#   (d) a broken xl2tpd.conf in the hook's run: missing, a directory,
#       binary, a line longer than xl2tpd's buffer, too large, a key
#       xl2tpd refuses: named (with its line), exit 1, xl2tpd left alone,
#       and the DHCP part done;
#   (e) the ISP renumbers: the new lease puts the LNS on the link, and
#       the old router is gone.  The host route of the old lease (via
#       that router) would still win over the link; it is removed, and
#       the tunnel comes up straight over the link.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
build=${UH_BUILD:-build}
. t/lab/tap.sh
. t/lab/lab.sh

ROUNDS=${ROUNDS:-30}

lab_test_start 76
lab_lac || { show "$LAB/lac.log"; bail "the LAC xl2tpd did not start"; }
# resolv.conf alone in a directory of its own: whatever else appears
# there is a leftover of the hooks.
mkdir "$LAB/etc" || bail "mkdir $LAB/etc"
export RESOLV_CONF="$LAB/etc/resolv.conf"
conn='Connection established to 203\.0\.113\.7'

# The functions below also run inside the customer namespace (bash -c
# with declare -f): what they use must be in the environment.
export LAB

# run_hook EVENT IFACE ERRFILE VAR=VALUE...: the installed dispatcher with
# only a lease on IFACE (a /24 unless VAR=VALUE says otherwise) and the
# lab's settings, bounded by timeout 15.
run_hook()
{
	local event=$1 iface=$2 err=$3

	shift 3
	env -i PATH="$PATH" interface="$iface" subnet=255.255.255.0 mask=24 \
	    L2TP_LAC="$L2TP_LAC" L2TPCONF_FILE="$L2TPCONF_FILE" \
	    L2TP_CONTROL="$L2TP_CONTROL" L2TP_START="$L2TP_START" \
	    RESOLV_CONF="$RESOLV_CONF" UDHOOK_CONF="$UDHOOK_CONF" "$@" \
	    timeout 15 "$LAB/hooks/script" "$event" 2>"$err"
}

# hook EVENT NAME VAR=VALUE...: run_hook on wan0 in the customer
# namespace; its stderr in $LAB/NAME.err, its status in rc, its run time
# in ms.
hook()
{
	local event=$1 name=$2 t0

	shift 2
	t0=$(date +%s%N)
	lab_exec_cust bash -c "$(declare -f run_hook); run_hook \"\$@\"" \
	    run_hook "$event" wan0 "$LAB/$name.err" "$@"
	rc=$?
	ms=$((($(date +%s%N) - t0) / 1000000))
}

# routes PREFIX: one line per IPv4 route to PREFIX, as `ip -j` reports it.
routes()
{
	lab_exec_cust ip -j -4 route show "$@" | jq -r '.[] |
	    "\(.dst) via \(.gateway // "-") dev \(.dev) proto " +
	    "\(.protocol // "-") scope \(.scope // "global")" +
	    (if (.flags | length) > 0 then " " + (.flags | join(","))
	    else "" end)'
}

addrs()
{
	lab_exec_cust ip -j -4 addr show dev "${1:-wan0}" |
	    jq -r '.[].addr_info[] | "\(.local)/\(.prefixlen)"'
}

# commands FROM: what xl2tpd (the LAC) did with the control commands it
# received after line FROM of its log, one letter each.  It logs no
# command as such (Debian's build has no DEBUG_CONTROL), but each has a
# line of its own (xl2tpd.c, control_handle_lac_*):
#   X  "d" on a tunnel that exists: "Disconnecting from ..."
#   N  "d" with no tunnel: "Session 'isp' not up"
#   A  "c" while a call exists: "Session 'isp' already active!"
#   K  "c" with no tunnel: "Connecting to host ..."
#   C  "c" on a tunnel without call: "Calling on tunnel T" that does not
#      follow T's "Connection established" (that one xl2tpd makes itself)
#   U  "No such tunnel ...": a command for a LAC or a tunnel xl2tpd does
#      not know (seen only when two hooks' commands interleave)
commands()
{
	tail -n +"$(($1 + 1))" "$LAB/lac.log" | awk '
	/Connection established to .*Local: [0-9]+/ {
		match($0, /Local: [0-9]+/)
		est[substr($0, RSTART + 7, RLENGTH - 7)] = 1
		next
	}
	/Calling on tunnel [0-9]+/ {
		match($0, /tunnel [0-9]+/)
		t = substr($0, RSTART + 7, RLENGTH - 7)
		if (t in est) delete est[t]; else printf "C"
		next
	}
	/Disconnecting from / { printf "X"; next }
	/Session .* not up/ { printf "N"; next }
	/Session .* already active/ { printf "A"; next }
	/Connecting to host / { printf "K"; next }
	/No such tunnel/ { printf "U"; next }
	END { print "" }'
}

lines()
{
	wc -l <"$1"
}

# --- (a) two hooks at once ------------------------------------------------

# A second uplink: isp1 198.51.100.1/24 on the ISP side, wan1 here.
ip link add isp1 netns "$LAB_ISP" type veth peer name wan1 netns "$LAB_CUST" &&
ip -n "$LAB_ISP" link set isp1 up &&
ip -n "$LAB_ISP" addr add 198.51.100.1/24 dev isp1 &&
ip -n "$LAB_CUST" link set wan1 up || bail "cannot make the second veth pair"

# The contents each round may leave: round i gives wan0 the server
# 192.0.2.(100+i) and wan1 198.51.100.(100+i), so that every round
# rewrites the file and both hooks write in every round.
want()
{
	if [ "$1" = wan0 ]; then
		printf '# Generated by udhook for wan0\ndomain example.net\nnameserver 192.0.2.%d\n' $((100 + $2))
	else
		printf '# Generated by udhook for wan1\ndomain example.org\nnameserver 198.51.100.%d\n' $((100 + $2))
	fi
}
printf '# before the rounds\nnameserver 192.0.2.53\n' >"$RESOLV_CONF"
mkdir "$LAB/race" || bail "mkdir $LAB/race"
# whole FILE: its bytes (there is no NUL) into $c, without a fork.
whole()
{
	c=
	IFS= read -r -d '' c <"$1"
}
declare -A valid
whole "$RESOLV_CONF"; valid["k$c"]=1
for ((i = 1; i <= ROUNDS; i++)); do
	want wan0 $i >"$LAB/race/want.$i.wan0"
	want wan1 $i >"$LAB/race/want.$i.wan1"
	whole "$LAB/race/want.$i.wan0"; valid["k$c"]=1
	whole "$LAB/race/want.$i.wan1"; valid["k$c"]=1
done

# The reader: reads resolv.conf whole, again and again, until
# $LAB/race/stop appears; every content that is none of the valid ones
# is kept in $LAB/race/bad.N.
reader()
{
	local n=0 bad=0 c

	while [ ! -e "$LAB/race/stop" ]; do
		whole "$RESOLV_CONF" 2>/dev/null
		if [ -z "${valid["k$c"]+set}" ]; then
			bad=$((bad + 1))
			[ $bad -le 5 ] && printf '%s' "$c" >"$LAB/race/bad.$bad"
		fi
		n=$((n + 1))
	done
	echo "$n $bad" >"$LAB/race/reader"
}

# race_round I: in the customer namespace, bound on wan0 and wan1 at the
# same moment: both processes are made first and wait on a flag, then
# go together.  Their statuses in $LAB/race/rc.I.IFACE.
race_round()
{
	local i=$1 iface pids=

	for iface in wan0 wan1; do
		(
			touch "$LAB/race/ready.$iface"
			until [ -e "$LAB/race/go.$i" ]; do :; done
			t0=$EPOCHREALTIME
			if [ $iface = wan0 ]; then
				run_hook bound wan0 "$LAB/race/err.$i.wan0" \
				    ip=192.0.2.20 router=192.0.2.1 \
				    dns=192.0.2.$((100 + i)) domain=example.net
			else
				run_hook bound wan1 "$LAB/race/err.$i.wan1" \
				    ip=198.51.100.20 router=198.51.100.1 \
				    dns=198.51.100.$((100 + i)) domain=example.org
			fi
			echo $? "${t0/./}" "${EPOCHREALTIME/./}" \
			    >"$LAB/race/rc.$i.$iface"
		) &
		pids="$pids $!"
	done
	until [ -e "$LAB/race/ready.wan0" ] && [ -e "$LAB/race/ready.wan1" ]; do
		:
	done
	rm -f "$LAB/race/ready.wan0" "$LAB/race/ready.wan1"
	touch "$LAB/race/go.$i"
	wait $pids
}

mark=$(lines "$LAB/lac.log")
reader &
reader_pid=$!
LAB_PIDS="$LAB_PIDS $reader_pid"
bad_content= leftover= bad_rc= slowest=0 overlap=0 skew=0
for ((i = 1; i <= ROUNDS; i++)); do
	t0=$(date +%s%N)
	lab_exec_cust bash -c "$(declare -f run_hook race_round); race_round $i" \
	    2>>"$LAB/race/round.err"
	t=$((($(date +%s%N) - t0) / 1000000))
	[ $t -gt $slowest ] && slowest=$t
	read -r r0 s0 e0 <"$LAB/race/rc.$i.wan0"
	read -r r1 s1 e1 <"$LAB/race/rc.$i.wan1"
	# Did the two runs overlap in time?  How far apart did they start?
	[ "$s0" -lt "$e1" ] && [ "$s1" -lt "$e0" ] && overlap=$((overlap + 1))
	d=$((s0 > s1 ? s0 - s1 : s1 - s0))
	[ $d -gt $skew ] && skew=$d
	for iface in wan0 wan1; do
		read -r r _ <"$LAB/race/rc.$i.$iface"
		if [ "$r" != 0 ]; then
			bad_rc="$bad_rc round $i $iface: status '$r';"
			diag "round $i, $iface exited '$r':
$(cat "$LAB/race/err.$i.$iface")"
		fi
	done
	if ! cmp -s "$RESOLV_CONF" "$LAB/race/want.$i.wan0" &&
	    ! cmp -s "$RESOLV_CONF" "$LAB/race/want.$i.wan1"; then
		bad_content="$bad_content $i"
		diag "round $i: resolv.conf is neither whole content:
$(od -c "$RESOLV_CONF" 2>&1)"
	fi
	left=$(ls -A "$LAB/etc")
	if [ "$left" != resolv.conf ]; then
		leftover="$leftover round $i: $(echo $left);"
	fi
done
touch "$LAB/race/stop"
wait "$reader_pid"
LAB_PIDS=${LAB_PIDS% $reader_pid}
read -r nread nbad <"$LAB/race/reader"
seq=$(commands "$mark")

is "$bad_rc" "" "(a) all $((2 * ROUNDS)) hooks of $ROUNDS rounds exit 0 (slowest round $slowest ms)"
is "$bad_content" "" "(a) after every round resolv.conf is one of the two contents, byte for byte"
is "$leftover" "" "(a) no temporary file is ever left beside resolv.conf"
ok "(a) the reader read resolv.conf $nread times during the rounds" \
    test "$nread" -ge "$ROUNDS"
is "$nbad" 0 "(a) ... and never saw it missing, empty or partial" ||
    for f in "$LAB"/race/bad.*; do diag "$(od -c "$f")"; done
diag "(a) the two hooks of a round overlapped in time in $overlap of $ROUNDS rounds; their starts were at most $skew us apart"
ok "(a) the two hooks did run at the same time ($overlap rounds of $ROUNDS)" \
    test "$overlap" -ge 1
is "$(grep -c 'xl2tpd: LAC isp reconnecting' "$LAB"/race/err.* | grep -v ':1$')" "" \
    "(a) every hook says it reconnected the LAC, once"
like "$seq" '^(X*NA*K)+$' \
    "(a) xl2tpd got each hook's d... then c... as one block, never interleaved" ||
    diag "X: d, tunnel up; N: d, not up; A: c, already active; K: c, dialled; C: c on a live tunnel"
is "$(grep -o 'X*NA*K' <<<"$seq" | wc -l)" $((2 * ROUNDS)) \
    "(a) ... $((2 * ROUNDS)) blocks, one per hook" || diag "$seq"
is "$(grep -c 'another hook holds the tunnel lock' "$LAB"/race/err.* |
    grep -vc ':0$')" 0 "(a) no hook waited out the lock (2 s)"
is "$(routes default | sort)" "default via 192.0.2.1 dev wan0 proto dhcp scope global
default via 198.51.100.1 dev wan1 proto dhcp scope global" \
    "(a) a default route on each uplink"
is "$(routes 203.0.113.7/32 | sort)" "203.0.113.7 via 192.0.2.1 dev wan0 proto dhcp scope global
203.0.113.7 via 198.51.100.1 dev wan1 proto dhcp scope global" \
    "(a) an LNS route on each uplink"
last=$(grep -n 'Connecting to host' "$LAB/lac.log" | tail -n 1 | cut -d: -f1)
up_after_last()
{
	tail -n +"$last" "$LAB/lac.log" | grep -qE "$conn"
}
i=0
until up_after_last || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
ok "(a) after the last round the tunnel comes up (xl2tpd: '${conn//\\/}')" \
    up_after_last || show "$LAB/lac.log"
diag "(a) commands xl2tpd received: $seq"

ip -n "$LAB_CUST" link del wan1 || bail "cannot delete wan1"

# --- (b) the interface vanishes during the run ----------------------------

# The LNS by a name whose DNS server never answers (192.0.2.99 is on
# the link, nobody has it): the hook waits its 2 s lookup bound after
# the address and the default route are set.  wan0 goes meanwhile.
lab_netns_file "$LAB_CUST" hosts "127.0.0.1 localhost" &&
lab_netns_file "$LAB_CUST" resolv.conf "nameserver 192.0.2.99
options timeout:5 attempts:2" || bail "cannot write the namespace's files"
mkdir "$LAB/b" && printf '[lac isp]\nlns = lns-slow.example.net\nautodial = no\n' \
    >"$LAB/b/xl2tpd.conf" || bail "cannot write $LAB/b/xl2tpd.conf"

# Processes of the customer namespace that are not xl2tpd or its
# children (the pppd stand-ins): "PID PPID COMMAND LINE" each.
strays()
{
	local xl pid p

	xl=$(cat "$LAB/lac/xl2tpd.pid" 2>/dev/null)
	for pid in $(ip netns pids "$LAB_CUST"); do
		p=$pid
		while [ -n "$p" ] && [ "$p" -gt 1 ] && [ "$p" != "$xl" ]; do
			p=$(awk '/^PPid:/ { print $2 }' /proc/$p/status 2>/dev/null)
		done
		[ "$p" = "$xl" ] && [ -n "$xl" ] && continue
		[ -e /proc/$pid ] || continue
		echo "$pid $(awk '/^PPid:/ { print $2 }' /proc/$pid/status) $(tr '\0' ' ' </proc/$pid/cmdline)"
	done
}
before=$(strays)
[ -z "$before" ] || diag "(b) before the hook, besides xl2tpd: $before"
lab_exec_cust ip -4 addr flush dev wan0
mark=$(lines "$LAB/lac.log")

t0=$(date +%s%N)
L2TPCONF_FILE="$LAB/b/xl2tpd.conf" lab_exec_cust bash -c \
    "$(declare -f run_hook); run_hook \"\$@\"" run_hook bound wan0 \
    "$LAB/b.err" ip=192.0.2.20 router=192.0.2.1 dns=192.0.2.56 &
bpid=$!
LAB_PIDS="$LAB_PIDS $bpid"
sleep 0.5
ip -n "$LAB_CUST" link del wan0
gone=$((($(date +%s%N) - t0) / 1000000))
wait "$bpid"
rc=$?
ms=$((($(date +%s%N) - t0) / 1000000))
LAB_PIDS=${LAB_PIDS% $bpid}
diag "(b) wan0 deleted after $gone ms, the hook ended after $ms ms"
like "$(cat "$LAB/b.err")" "wan0: route default via 192\.0\.2\.1" \
    "(b) the hook had set the address and default route before wan0 went" ||
    show "$LAB/b.err"
ok "(b) the hook ends within its bound: $ms ms (11 s at worst; here 2 s of lookup)" \
    test "$ms" -lt 11000
is "$rc" 1 "(b) it exits 1 (a step failed)" || show "$LAB/b.err"
like "$(cat "$LAB/b.err")" "wan0: the interface is gone; the rest is skipped" \
    "(b) it says the interface vanished" || show "$LAB/b.err"
# New ones, once what is still exiting has had a moment.
new_strays()
{
	comm -13 <(echo "$before") <(strays)
}
i=0
while [ -n "$(new_strays)" ] && [ $i -lt 10 ]; do sleep 0.1; i=$((i + 1)); done
is "$(new_strays)" "" "(b) no process is left"
is "$(commands "$mark")" "" \
    "(b) the rest is skipped: xl2tpd got no command over the vanished wan0"
ok "(b) ... and resolv.conf does not get the vanished lease's server" \
    sh -c "! grep -q 192.0.2.56 '$RESOLV_CONF'"
ok "(b) wan0 is gone" test -z "$(lab_exec_cust ip -j link show wan0 2>/dev/null |
    jq -r '.[].ifname')"

# wan0 back, as lab_setup made it; the ISP side also answers as
# 198.51.100.1 there, the gateway outside the lease of (c).
rm -f "/etc/netns/$LAB_CUST/resolv.conf" "/etc/netns/$LAB_CUST/hosts"
ip link add isp0 netns "$LAB_ISP" type veth peer name wan0 netns "$LAB_CUST" &&
ip -n "$LAB_ISP" link set isp0 up &&
ip -n "$LAB_ISP" addr add "$LAB_ROUTER/24" dev isp0 &&
ip -n "$LAB_ISP" addr add 198.51.100.1/24 dev isp0 &&
ip -n "$LAB_CUST" link set wan0 up || bail "cannot make wan0 again"

# --- (c) gateways outside the leased prefix -------------------------------

n=$(lab_count "$conn" "$LAB/lac.log")
hook bound c1 ip=192.0.2.20 router=198.51.100.1 dns=192.0.2.57
is "$rc" 0 "(c) bound, router 198.51.100.1 outside 192.0.2.0/24: exit 0" ||
    show "$LAB/c1.err"
is "$(addrs)" "192.0.2.20/24" "(c) the address is set"
is "$(routes default)" "default via 198.51.100.1 dev wan0 proto dhcp scope global onlink" \
    "(c) the default route is onlink"
is "$(routes 203.0.113.7/32)" "203.0.113.7 via 198.51.100.1 dev wan0 proto dhcp scope global onlink" \
    "(c) so is the LNS route"
ok "(c) the tunnel comes up through it" \
    lab_wait_count "$conn" "$LAB/lac.log" $((n + 1)) 10 ||
    show "$LAB/c1.err" "$LAB/lac.log"

n=$(lab_count "$conn" "$LAB/lac.log")
hook bound c2 ip=192.0.2.20 router=192.0.2.1 dns=192.0.2.57 \
    "staticroutes=0.0.0.0/0 198.51.100.1 203.0.113.0/24 198.51.100.1"
is "$rc" 0 "(c) bound, classless routes via 198.51.100.1: exit 0" ||
    show "$LAB/c2.err"
is "$(routes default)" "default via 198.51.100.1 dev wan0 proto dhcp scope global onlink" \
    "(c) the classless default route is onlink (the router option ignored)"
is "$(routes 203.0.113.0/24)" "203.0.113.0/24 via 198.51.100.1 dev wan0 proto dhcp scope global onlink" \
    "(c) the classless route 203.0.113.0/24 is onlink"
is "$(routes 203.0.113.7/32)" "203.0.113.7 via 198.51.100.1 dev wan0 proto dhcp scope global onlink" \
    "(c) the LNS route follows it, onlink"
ok "(c) the tunnel comes up through it" \
    lab_wait_count "$conn" "$LAB/lac.log" $((n + 1)) 10 ||
    show "$LAB/c2.err" "$LAB/lac.log"

n=$(lab_count "$conn" "$LAB/lac.log")
hook bound c3 ip=192.0.2.20 router=192.0.2.1 dns=192.0.2.57 \
    "staticroutes=0.0.0.0/0 198.51.100.1 203.0.113.0/24 0.0.0.0"
is "$rc" 0 "(c) bound, classless route 203.0.113.0/24 with gateway 0.0.0.0: exit 0" ||
    show "$LAB/c3.err"
is "$(routes 203.0.113.0/24)" "203.0.113.0/24 via - dev wan0 proto dhcp scope link" \
    "(c) it is a link route: no gateway, scope link, the old one gone"
is "$(routes 203.0.113.7/32)" "203.0.113.7 via - dev wan0 proto dhcp scope link" \
    "(c) the LNS route follows it: no gateway, scope link"
is "$(routes default)" "default via 198.51.100.1 dev wan0 proto dhcp scope global onlink" \
    "(c) the default route stays onlink"
ok "(c) the tunnel comes up straight over the link" \
    lab_wait_count "$conn" "$LAB/lac.log" $((n + 1)) 10 ||
    show "$LAB/c3.err" "$LAB/lac.log"

# --- (d) a broken xl2tpd.conf ---------------------------------------------

mkdir "$LAB/d" || bail "mkdir $LAB/d"
good='[lac isp]
lns = 203.0.113.7
autodial = no
'
# $LAB/d/NAME.conf for each case below; "missing" is not made.  The
# binary file is a good one with random bytes after it (its newlines
# made NULs, a NUL first): a write cut short and filled with garbage.
printf '%s' "$good" >"$LAB/d/binary.conf" &&
{ printf '\0'; head -c 4096 /dev/urandom | tr '\n' '\0'; } >>"$LAB/d/binary.conf"
mkdir "$LAB/d/directory.conf"
{ printf '%s' "$good"; printf 'name = '; head -c 1100 /dev/zero | tr '\0' a
    echo; } >"$LAB/d/long-line.conf"
{ printf '%s' "$good"; head -c $((1024 * 1024)) /dev/zero | tr '\0' ';'; } \
    >"$LAB/d/too-large.conf"
printf '%sredial timout = 5\n' "$good" >"$LAB/d/unknown-key.conf"

# NAME MESSAGE: the ERE of the hook's warning after the file's path
# (xl2tpd reads with fgets() into 1024 bytes: a longer line is read as
# pieces, and the second piece of line 4 is "aaa..." with no "=").
dcase=0
while read -r name msg; do
	dcase=$((dcase + 1))
	f=$LAB/d/$name.conf
	dns=192.0.2.$((60 + dcase))
	lab_exec_cust ip -4 addr flush dev wan0
	rm -f "$RESOLV_CONF"
	mark=$(lines "$LAB/lac.log")
	L2TPCONF_FILE=$f hook bound "d-$name" ip=192.0.2.20 router=192.0.2.1 \
	    dns=$dns
	is "$rc" 1 "(d) $name: exit 1" || show "$LAB/d-$name.err"
	case $msg in
	:[0-9]*) what="the file, line ${msg:1:1}, and why" ;;
	*) what="the file and why" ;;
	esac
	like "$(cat "$LAB/d-$name.err")" "^udhook bound: ${f//./\\.}$msg; tunnel left alone\$" \
	    "(d) $name: the warning names $what" ||
	    show "$LAB/d-$name.err"
	is "$(addrs):$(routes default)" \
	    "192.0.2.20/24:default via 192.0.2.1 dev wan0 proto dhcp scope global" \
	    "(d) $name: the address and the default route are set"
	printf '# Generated by udhook for wan0\nnameserver %s\n' "$dns" \
	    >"$LAB/d/want"
	same_file "$RESOLV_CONF" "$LAB/d/want" "(d) $name: resolv.conf is written"
	sleep 0.2
	is "$(commands "$mark")" "" "(d) $name: xl2tpd got no command"
done <<'EOF'
missing : No such file or directory
directory : Is a directory
binary :4: NUL byte: not a text file
long-line :4: no '=' in 'a{40}' \(past byte 1023 of the line, which xl2tpd reads as a line of its own\)
too-large : File too large
unknown-key :4: unknown key 'redial timout' in \[lac isp\]
EOF

# --- (e) the LNS on the link of the new lease -----------------------------

n=$(lab_count "$conn" "$LAB/lac.log")
lab_exec_cust ip -4 addr flush dev wan0
hook bound e1 ip=192.0.2.20 router=192.0.2.1 dns=192.0.2.58
is "$rc" 0 "(e) bound on 192.0.2.0/24: exit 0" || show "$LAB/e1.err"
is "$(routes 203.0.113.7/32)" "203.0.113.7 via 192.0.2.1 dev wan0 proto dhcp scope global" \
    "(e) the LNS route goes via the router 192.0.2.1"
ok "(e) the tunnel comes up through it" \
    lab_wait_count "$conn" "$LAB/lac.log" $((n + 1)) 10 ||
    show "$LAB/e1.err" "$LAB/lac.log"

# The ISP's new network 203.0.113.0/24 holds the LNS (its 203.0.113.7
# answers ARP on isp0); its old router address goes away.
# The customer forgets the old router's MAC address, as it would once
# its ARP entry expires: a packet sent via 192.0.2.1 now goes nowhere.
ip -n "$LAB_ISP" addr add 203.0.113.1/24 dev isp0 &&
ip -n "$LAB_ISP" addr del "$LAB_ROUTER/24" dev isp0 &&
ip -n "$LAB_CUST" neigh flush dev wan0 ||
    bail "cannot renumber the ISP side"
n=$(lab_count "$conn" "$LAB/lac.log")
hook bound e2 ip=203.0.113.20 router=203.0.113.1 dns=203.0.113.53
is "$rc" 0 "(e) bound on 203.0.113.0/24, the LNS's own subnet: exit 0" ||
    show "$LAB/e2.err"
is "$(addrs)" "203.0.113.20/24" "(e) the new address replaced the old one"
is "$(routes 203.0.113.7/32)" "" \
    "(e) the old lease's route to the LNS via 192.0.2.1 is removed" ||
    show "$LAB/e2.err"
like "$(cat "$LAB/e2.err")" \
    "wan0: LNS 203\.0\.113\.7 \(203\.0\.113\.7\) is on the link: old route 203\.0\.113\.7/32 removed" \
    "(e) the removal is logged" || show "$LAB/e2.err"
is "$(lab_exec_cust ip -j -4 route get 203.0.113.7 | jq -r '.[] |
    "\(.gateway // "-") \(.dev) \(.prefsrc)"')" "- wan0 203.0.113.20" \
    "(e) the kernel now sends to the LNS straight over the link, from the new address"
ok "(e) the tunnel comes up straight over the link" \
    lab_wait_count "$conn" "$LAB/lac.log" $((n + 1)) 10 ||
    show "$LAB/e2.err" "$LAB/lac.log"

# The same lease again: nothing of ours to remove, nothing said.
hook renew e3 ip=203.0.113.20 router=203.0.113.1 dns=203.0.113.53
is "$rc:$(grep -c 'LNS' "$LAB/e3.err")" "0:0" \
    "(e) a renew of that lease: exit 0, no LNS line" || show "$LAB/e3.err"

done_testing
