#!/usr/bin/env bash
# 53-lab-dead-daemons.t: bound in L2TP mode when what the hook talks to
# is broken, in the lab of t/lab/lab.sh.  Each time the hook must return
# within its bounds, say what is wrong, apply the rest of the lease
# (address, default route, LNS route, resolv.conf) and create nothing:
#   (a) the control path is a regular file, L2TP_START=/bin/false: the
#       file is left as it was;
#   (b) the control FIFO's directory does not exist: the directory is
#       named, and nothing is created there;
#   (c) L2TP_START hangs: killed at its bound (2 s) with its children;
#   (d) an "xl2tpd" that reads its FIFO and never answers: the hook gives
#       up after the reply bound (1 s); the fake got "@REPLYFIFO d isp";
#   (e) the real LAC and LNS, the ISP's link taken down under an
#       established tunnel: the LNS cannot answer the teardown.  With
#       xl2tpd 1.3.18 the hook's repeated "d" drops the dying tunnel at
#       once, so its "c" is accepted: no "already active" for the hook.
#       "Already active" happens for real after one "d" and two "c" sent
#       by hand; the hook, run in that state, gets through it;
#   (f) the hook's give-up path for "already active", which the real
#       xl2tpd never shows it: a scripted xl2tpd answers every "c" with
#       "already active"; the hook stops after UH_CONNECT_MS (2.5 s) and
#       says so, with xl2tpd's last answer: the last "c" is answered
#       (every command gets 0.2 s at least), and no late answer is left;
#   (g) a scripted xl2tpd that answers a follow-up "d" too late: the hook
#       sends "c" all the same (xl2tpd makes the LAC inactive on "d" and
#       never redials it by itself), and a "c" finally answered "00 OK"
#       after "already active" is success; one that gets no answer is
#       said to leave the LAC disconnected;
#   (h) what killed hooks may leave in the real xl2tpd's run dir, as
#       udhook-reply.PID.N of a dead PID: an 8 GiB (sparse) regular file,
#       a FIFO with a writer that never stops, a late answer, a
#       directory, a symlink; the hook clears what is its own within its
#       bound, leaves the rest, and reconnects.
# The installed dispatcher is run directly with a hand-made lease, each
# run bounded by timeout 15 and timed.  LAB_KEEP=1 keeps the work dir.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
build=${UH_BUILD:-build}
. t/lab/tap.sh
. t/lab/lab.sh

lab_can_run || skip_all "$LAB_WHY"
[ -x "$build/script" ] || bail "$build/script is missing: run make first"
plan 117

lab_setup || bail "lab_setup failed"
./install.sh --dir "$LAB/hooks" --from "$build" >/dev/null ||
    bail "install.sh failed"
lab_lns || { show "$LAB/lns.log"; bail "the LNS xl2tpd did not start"; }
# The LAC's configuration and settings; its xl2tpd only for (e).
lab_lac_config || bail "lab_lac_config failed"
conn='Connection established to 203\.0\.113\.7'
active="Session 'isp' already active"
rundir=$LAB/lac

# hook NAME DNS [VAR=VALUE...]: "script bound" in the customer namespace
# with a lease as udhcpc passes it (DNS its name server) and the lab's
# settings, bounded by timeout 15.  Its stderr in $LAB/NAME.err, its
# status in rc, its run time in ms.
hook()
{
	local name=$1 dns=$2 t0

	shift 2
	t0=$(date +%s%N)
	lab_exec_cust env -i PATH="$PATH" interface=wan0 ip=192.0.2.20 \
	    subnet=255.255.255.0 mask=24 router=192.0.2.1 dns="$dns" \
	    domain=example.net lease=600 serverid=192.0.2.1 \
	    L2TP_LAC="$L2TP_LAC" L2TPCONF_FILE="$L2TPCONF_FILE" \
	    L2TP_CONTROL="$L2TP_CONTROL" L2TP_START="$L2TP_START" \
	    RESOLV_CONF="$RESOLV_CONF" UDHOOK_CONF="$UDHOOK_CONF" "$@" \
	    timeout 15 "$LAB/hooks/script" bound 2>"$LAB/$name.err"
	rc=$?
	ms=$((($(date +%s%N) - t0) / 1000000))
}

# fresh: no IPv4 address on wan0 (which takes its routes with it) and no
# resolv.conf, so that each case shows the lease applied by its own run.
fresh()
{
	lab_exec_cust ip -4 addr flush dev wan0 &&
	rm -f "$RESOLV_CONF" || bail "cannot reset wan0 and resolv.conf"
	[ -z "$(lab_exec_cust ip -4 route show dev wan0)" ] ||
	    bail "routes left on wan0 after the flush"
}

routes()
{
	lab_exec_cust ip -j -4 route show "$1" |
	    jq -r '.[] | "\(.dst) via \(.gateway // "-") dev \(.dev)"'
}

# in_time CASE MAX_MS [MIN_MS]: the hook returned (not killed by timeout
# 15) within MAX_MS, and, when given, not before MIN_MS: it did wait.
in_time()
{
	local what="($1) the hook returns within $(($2 / 1000)) s"

	[ -n "${3:-}" ] && what="$what, after at least $3 ms"
	if [ "$rc" -ne 124 ] && [ "$rc" -ne 137 ] && [ "$ms" -lt "$2" ] &&
	    [ "$ms" -ge "${3:-0}" ]; then
		pass "$what (took $ms ms)"
	else
		fail "$what"
		diag "  actual: $ms ms, exit $rc"
		show "$LAB/$1.err"
	fi
}

# applied CASE DNS: the rest of the lease is there.
applied()
{
	is "$(lab_exec_cust ip -j -4 addr show dev wan0 |
	    jq -r '.[].addr_info[] | "\(.local)/\(.prefixlen)"')" \
	    "192.0.2.20/24" "($1) the address is set on wan0" ||
	    show "$LAB/$1.err"
	is "$(routes default)" "default via 192.0.2.1 dev wan0" \
	    "($1) the default route is set via 192.0.2.1"
	is "$(routes 203.0.113.7/32)" "203.0.113.7 via 192.0.2.1 dev wan0" \
	    "($1) the LNS route is set via 192.0.2.1"
	is "$(cat "$RESOLV_CONF" 2>&1)" "# Generated by udhook for wan0
domain example.net
nameserver $2" "($1) resolv.conf is written"
}

# no_reply_left CASE: nothing of the hook's in the run dir: neither a
# reply FIFO nor the plain file that an answer written after the hook
# unlinked its FIFO makes (xl2tpd fopen()s the path for writing).
no_reply_left()
{
	local left

	left=$(cd "$rundir" && ls -A | grep udhook-reply)
	is "$left" "" "($1) no reply FIFO or late-answer file is left in the run dir" ||
	    diag "$(cd "$rundir" && ls -l $left && head -c 200 $left)"
}

# cust_pids: the processes in the customer namespace (none but what a
# case started itself: the hook's children must all be gone).
cust_pids()
{
	ip netns pids "$LAB_CUST" 2>/dev/null | tr '\n' ' ' | sed 's/ $//'
}

# ctl COMMAND: send COMMAND to the LAC xl2tpd as xl2tpd-control does,
# with a reply FIFO of our own; print the answer's first line.
ctl()
{
	local r=$LAB/ctl-reply.$RANDOM line=

	mkfifo "$r" || return 1
	exec 4<>"$r"
	timeout 3 sh -c 'printf "@%s %s\n" "$1" "$2" >"$3"' sh \
	    "$r" "$1" "$L2TP_CONTROL" &&
	    IFS= read -r -t 3 line <&4
	exec 4<&-
	rm -f "$r"
	printf '%s\n' "$line"
}

# --- (a) the control path is a regular file ------------------------------

fresh
printf 'not a FIFO: left by someone else\n' >"$rundir/l2tp-control"
cp -p "$rundir/l2tp-control" "$LAB/a.before"
before=$(stat -c '%i %s %Y' "$rundir/l2tp-control")
L2TP_START=/bin/false
hook a 192.0.2.51
in_time a 10000
is "$rc" 1 "(a) exit 1: the tunnel step failed"
like "$(cat "$LAB/a.err")" \
    "$rundir/l2tp-control: not a FIFO; refusing to write to it" \
    "(a) the message says the control path is not a FIFO" || show "$LAB/a.err"
same_file "$rundir/l2tp-control" "$LAB/a.before" \
    "(a) the regular file keeps its content"
is "$(stat -c '%i %s %Y' "$rundir/l2tp-control")" "$before" \
    "(a) ... and is the same file, never written (inode, size, mtime)"
applied a 192.0.2.51
no_reply_left a
rm -f "$rundir/l2tp-control"

# --- (b) the control FIFO's directory does not exist ---------------------

fresh
nodir=$LAB/no-such-run-dir
L2TP_CONTROL=$nodir/l2tp-control
L2TP_START=/bin/false
hook b 192.0.2.52
in_time b 10000
is "$rc" 1 "(b) exit 1: xl2tpd could not be started"
like "$(cat "$LAB/b.err")" "no directory $nodir, so no FIFO in it" \
    "(b) the message names the missing directory" || show "$LAB/b.err"
like "$(cat "$LAB/b.err")" "/bin/false: exit status 1" \
    "(b) the message says the start command failed" || show "$LAB/b.err"
ok "(b) nothing is created: $nodir does not exist" test ! -e "$nodir"
applied b 192.0.2.52

# The start command succeeds but makes no FIFO there: the hook waits
# for it (1.5 s) and names the directory again.
fresh
L2TP_START=/bin/true
hook b2 192.0.2.52
in_time b2 10000 1400
is "$rc" 1 "(b2) exit 1 when L2TP_START succeeds but no FIFO appears"
like "$(cat "$LAB/b2.err")" \
    "$nodir/l2tp-control: no xl2tpd after /bin/true: no directory $nodir, so no FIFO in it" \
    "(b2) the message names the missing directory" || show "$LAB/b2.err"
ok "(b2) nothing is created: $nodir does not exist" test ! -e "$nodir"
L2TP_CONTROL=$rundir/l2tp-control

# --- (c) L2TP_START hangs --------------------------------------------------

# A start command that never returns, with a child of its own in the
# background, as an init script that forks a daemon would have.
cat >"$LAB/start-hang" <<EOF
#!/bin/sh
echo "start-hang ran" >>$LAB/start-hang.log
sleep 60 &
sleep 60
EOF
chmod 0755 "$LAB/start-hang"
fresh
is "$(cust_pids)" "" "(c) nothing runs in the customer namespace before"
L2TP_START=$LAB/start-hang
hook c 192.0.2.53
in_time c 10000 1900
is "$rc" 1 "(c) exit 1: the start command was killed"
is "$(cat "$LAB/start-hang.log" 2>/dev/null)" "start-hang ran" \
    "(c) the start command ran, once"
like "$(cat "$LAB/c.err")" \
    "$LAB/start-hang: killed: still running after 2 s" \
    "(c) the message says it was killed at its bound" || show "$LAB/c.err"
# SIGKILL is immediate, but let the kernel finish the exits.
i=0
while [ -n "$(cust_pids)" ] && [ $i -lt 10 ]; do
	sleep 0.1
	i=$((i + 1))
done
left=$(cust_pids)
is "$left" "" "(c) no process of the start command is left (nor its child)" ||
    diag "$(ps -o pid,ppid,pgid,args -p "${left// /,}" 2>&1)"
ok "(c) no process runs $LAB/start-hang any more" \
    test -z "$(pgrep -f "$LAB/start-hang")"
ok "(c) the control FIFO is not created" test ! -e "$L2TP_CONTROL"
applied c 192.0.2.53

# --- (d) an xl2tpd that never answers ------------------------------------

# It holds the FIFO open for reading and writing (so it never reads
# end-of-file) and logs what it reads; it never opens a reply FIFO.
fresh
mkfifo "$L2TP_CONTROL" || bail "mkfifo $L2TP_CONTROL failed"
: >"$LAB/mute.log"
lab_bg "$LAB/mute.out" ip netns exec "$LAB_CUST" sh -c \
    'exec 3<>"$1"; exec cat <&3 >"$2"' sh "$L2TP_CONTROL" "$LAB/mute.log"
mute=${LAB_PIDS##* }
i=0
while [ "$(readlink "/proc/$mute/fd/0" 2>/dev/null)" != "$L2TP_CONTROL" ]; do
	[ $i -ge 50 ] && bail "the mute reader did not open $L2TP_CONTROL"
	sleep 0.1
	i=$((i + 1))
done
L2TP_START=/bin/false
hook d 192.0.2.54
in_time d 10000 900
is "$rc" 1 "(d) exit 1: xl2tpd did not answer"
like "$(cat "$LAB/d.err")" \
    "$L2TP_CONTROL: 'd isp': xl2tpd did not answer in time" \
    "(d) the message says xl2tpd did not answer the teardown" ||
    show "$LAB/d.err"
sleep 0.1
like "$(cat "$LAB/mute.log")" \
    "^@$rundir/udhook-reply\.[0-9]+\.[0-9]+ d isp\$" \
    "(d) the fake read '@$rundir/udhook-reply.PID.N d isp'" ||
    show "$LAB/mute.log"
is "$(wc -l <"$LAB/mute.log")" 1 \
    "(d) ... and nothing else: no 'c' after an unanswered 'd'" ||
    show "$LAB/mute.log"
ok "(d) the control FIFO is still a FIFO" test -p "$L2TP_CONTROL"
no_reply_left d
applied d 192.0.2.54
kill "$mute" 2>/dev/null
wait "$mute" 2>/dev/null
rm -f "$L2TP_CONTROL"

# --- (e) the real LAC and LNS, the ISP's link down -----------------------

"$LAB/start-lac" || { show "$LAB/lac.log"; bail "the LAC xl2tpd did not start"; }
L2TP_START=$LAB/start-lac
fresh
hook e1 192.0.2.55
is "$rc" 0 "(e1) the first bound exits 0 (took $ms ms)" || show "$LAB/e1.err"
ok "(e1) the tunnel comes up: '${conn//\\/}'" \
    lab_wait_count "$conn" "$LAB/lac.log" 1 10 || show "$LAB/e1.err" "$LAB/lac.log"

# (e2) The LNS is cut off under the established tunnel: it can neither
# acknowledge the teardown's StopCCN nor answer the new dial.
ip -n "$LAB_ISP" link set isp0 down || bail "cannot take isp0 down"
fresh
n_conn=$(lab_count "$conn" "$LAB/lac.log")
n_dial=$(lab_count 'Connecting to host 203\.0\.113\.7' "$LAB/lac.log")
n_active=$(lab_count "$active" "$LAB/lac.log")
hook e2 192.0.2.56 UDHOOK_VERBOSE=1
in_time e2 10000
is "$rc" 0 "(e2) with the LNS cut off, bound exits 0: xl2tpd accepted the 'c'" ||
    show "$LAB/e2.err" "$LAB/lac.log"
like "$(cat "$LAB/e2.err")" "xl2tpd: d isp: 01 Session 'isp' not up" \
    "(e2) xl2tpd said the old session is gone (the repeated 'd' dropped it)" ||
    show "$LAB/e2.err"
like "$(cat "$LAB/e2.err")" "xl2tpd: LAC isp reconnecting" \
    "(e2) the hook says the LAC is reconnecting (not that it is up)" ||
    show "$LAB/e2.err"
is "$(grep -c 'already active' "$LAB/e2.err")/$(lab_count "$active" "$LAB/lac.log")" \
    "0/$n_active" \
    "(e2) xl2tpd never answered the hook 'already active' (hook's log/xl2tpd's log)" ||
    show "$LAB/e2.err" "$LAB/lac.log"
ok "(e2) xl2tpd dials the LNS again" \
    lab_wait_count 'Connecting to host 203\.0\.113\.7' "$LAB/lac.log" \
    $((n_dial + 1)) 5 || show "$LAB/lac.log"
sleep 1
is "$(lab_count "$conn" "$LAB/lac.log")" "$n_conn" \
    "(e2) ... and no tunnel comes up: the LNS really is cut off" ||
    show "$LAB/lac.log"
applied e2 192.0.2.56

# (e3) "Already active" for real: the link back, the tunnel up, the
# link down again; then by hand one "d" (its StopCCN is never
# acknowledged, so the tunnel stays, dying) and two "c": the first is
# queued on the dying tunnel, the second is refused.
ip -n "$LAB_ISP" link set isp0 up || bail "cannot take isp0 up"
n_conn=$(lab_count "$conn" "$LAB/lac.log")
hook e3 192.0.2.56
is "$rc" 0 "(e3) with the link back, bound exits 0 (took $ms ms)" ||
    show "$LAB/e3.err"
ok "(e3) ... and the tunnel comes up again" \
    lab_wait_count "$conn" "$LAB/lac.log" $((n_conn + 1)) 10 ||
    show "$LAB/e3.err" "$LAB/lac.log"
ip -n "$LAB_ISP" link set isp0 down || bail "cannot take isp0 down"
r_d=$(ctl "d isp")
r_c1=$(ctl "c isp")
r_c2=$(ctl "c isp")
is "$r_d / $r_c1" "00 OK / 00 OK" \
    "(e3) by hand: 'd isp' and then 'c isp' are accepted" ||
    show "$LAB/lac.log"
is "$r_c2" "01 $active!" \
    "(e3) by hand: a second 'c isp' is refused '$active!'" ||
    show "$LAB/lac.log"
ok "(e3) xl2tpd logs '$active!'" \
    lab_wait_for "$active" "$LAB/lac.log" 2 || show "$LAB/lac.log"

# (e4) The hook in that state: its "d" drops the dying tunnel, its "c"
# dials.
fresh
n_active=$(lab_count "$active" "$LAB/lac.log")
hook e4 192.0.2.57 UDHOOK_VERBOSE=1
in_time e4 10000
is "$rc" 0 "(e4) bound while xl2tpd says '$active' exits 0: it got through" ||
    show "$LAB/e4.err" "$LAB/lac.log"
like "$(cat "$LAB/e4.err")" "xl2tpd: LAC isp reconnecting" \
    "(e4) the hook says the LAC is reconnecting" || show "$LAB/e4.err"
is "$(grep -c 'already active' "$LAB/e4.err")/$(lab_count "$active" "$LAB/lac.log")" \
    "0/$n_active" \
    "(e4) the hook's 'c' was not refused (hook's log/xl2tpd's log)" ||
    show "$LAB/e4.err" "$LAB/lac.log"
applied e4 192.0.2.57
no_reply_left e4

# --- (f) "already active" for ever: the hook gives up ---------------------

# A scripted xl2tpd, since the real one never refuses the hook's "c"
# (above).  It answers as xl2tpd 1.3.18 words it, "d" with "not up",
# "c" with "already active", each 5 ms after reading it (a busy router;
# the hook allows 1 s for an answer); like xl2tpd it fopen()s the reply
# path for writing, which makes a plain file when the hook has already
# unlinked its FIFO.
mkdir "$LAB/busy" || bail "mkdir $LAB/busy failed"
L2TP_CONTROL=$LAB/busy/l2tp-control
mkfifo "$L2TP_CONTROL" "$LAB/busy-never" || bail "mkfifo in $LAB failed"
cat >"$LAB/busy-xl2tpd" <<'EOS'
#!/bin/bash
# busy-xl2tpd FIFO LOG NEVER: answer "already active" to every "c".
exec 3<>"$1" 4<>"$3"
while IFS= read -r line <&3; do
	printf '%s\n' "$line" >>"$2"
	case $line in
	@*\ *) reply=${line%% *}; reply=${reply#@}; cmd=${line#* } ;;
	*) continue ;;
	esac
	# 5 ms without a child: nothing is ever written to NEVER.
	read -r -t 0.005 -u 4 _
	case $cmd in
	"d "*) printf "01 Session '%s' not up\n" "${cmd#d }" ;;
	"c "*) printf "01 Session '%s' already active!\n" "${cmd#c }" ;;
	*) printf '01 Unknown command %s\n' "${cmd%% *}" ;;
	esac >"$reply"
done
EOS
chmod 0755 "$LAB/busy-xl2tpd"
: >"$LAB/busy.log"
lab_bg "$LAB/busy.out" ip netns exec "$LAB_CUST" \
    "$LAB/busy-xl2tpd" "$L2TP_CONTROL" "$LAB/busy.log" "$LAB/busy-never"
busy=${LAB_PIDS##* }
i=0
until ls -l "/proc/$busy/fd" 2>/dev/null | grep -q -- "-> $L2TP_CONTROL\$"; do
	[ $i -ge 50 ] && bail "the busy xl2tpd did not open $L2TP_CONTROL"
	sleep 0.1
	i=$((i + 1))
done
rundir=$LAB/busy
L2TP_START=/bin/false
fresh
hook f 192.0.2.58
in_time f 10000 2400
is "$rc" 1 "(f) exit 1: the LAC could not be dialled"
like "$(cat "$LAB/f.err")" "xl2tpd: c isp: 01 $active!" \
    "(f) the message says xl2tpd kept answering '$active'" ||
    show "$LAB/f.err"
n=$(grep -c ' c isp$' "$LAB/busy.log")
is "$(grep -c ' d isp$' "$LAB/busy.log") $((n >= 10))" "1 1" \
    "(f) one 'd', answered 'not up'; 'c' retried while refused ($n times)" ||
    show "$LAB/busy.log"
sleep 0.1
no_reply_left f
applied f 192.0.2.58
kill "$busy" 2>/dev/null
wait "$busy" 2>/dev/null

# --- (g) a late answer to a follow-up "d" ----------------------------------

# A scripted xl2tpd that follows a plan: "VERB DELAY ANSWER" lines, taken
# in order for each verb, the last one of a verb repeated; DELAY
# "never" reads the command and answers nothing.  Like xl2tpd it
# answers one command at a time, in order, and fopen()s the reply path
# (a plain file when the hook has unlinked its FIFO); it logs each
# command it reads, with the time in ms since it started.
cat >"$LAB/plan-xl2tpd" <<'EOS'
#!/bin/bash
# plan-xl2tpd FIFO LOG NEVER PLAN
exec 3<>"$1" 4<>"$3"
declare -A n
t0=${EPOCHREALTIME/./}
mapfile -t plan <"$4"
while IFS= read -r line <&3; do
	printf '%s %s\n' $(((${EPOCHREALTIME/./} - t0) / 1000)) "$line" >>"$2"
	case $line in
	@*\ *) reply=${line%% *}; reply=${reply#@}; cmd=${line#* } ;;
	*) continue ;;
	esac
	verb=${cmd%% *}
	mine=()
	for p in "${plan[@]}"; do
		[ "${p%% *}" = "$verb" ] && mine+=("$p")
	done
	i=${n[$verb]:-0}
	[ $i -ge ${#mine[@]} ] && i=$((${#mine[@]} - 1))
	n[$verb]=$((i + 1))
	step=${mine[$i]#* }
	delay=${step%% *}
	[ "$delay" = never ] && continue
	read -r -t "$delay" -u 4 _
	printf '%s\n' "${step#* }" >"$reply"
done
EOS
chmod 0755 "$LAB/plan-xl2tpd"

# plan_start NAME: the scripted xl2tpd on $LAB/NAME/l2tp-control with
# the plan $LAB/NAME.plan, its log $LAB/NAME.log; L2TP_CONTROL and
# rundir point at it.
plan_start()
{
	local i=0

	mkdir "$LAB/$1" || bail "mkdir $LAB/$1 failed"
	L2TP_CONTROL=$LAB/$1/l2tp-control
	rundir=$LAB/$1
	mkfifo "$L2TP_CONTROL" "$LAB/$1.never" || bail "mkfifo in $LAB failed"
	: >"$LAB/$1.log"
	lab_bg "$LAB/$1.out" ip netns exec "$LAB_CUST" "$LAB/plan-xl2tpd" \
	    "$L2TP_CONTROL" "$LAB/$1.log" "$LAB/$1.never" "$LAB/$1.plan"
	plan_pid=${LAB_PIDS##* }
	until ls -l "/proc/$plan_pid/fd" 2>/dev/null |
	    grep -q -- "-> $L2TP_CONTROL\$"; do
		[ $i -ge 50 ] && bail "the scripted xl2tpd did not open $L2TP_CONTROL"
		sleep 0.1
		i=$((i + 1))
	done
}

plan_stop()
{
	kill "$plan_pid" 2>/dev/null
	wait "$plan_pid" 2>/dev/null
	LAB_PIDS=${LAB_PIDS% $plan_pid}
}

# The verbs the scripted xl2tpd read, in order ("d d c c").
plan_verbs()
{
	sed -n 's/^[0-9]* @[^ ]* \([a-z]\) .*/\1/p' "$LAB/$1.log" | tr '\n' ' ' |
	    sed 's/ $//'
}

# (g1) The first "d" is answered at once; the second 1.3 s late, after
# the hook gave up waiting for it (the teardown's 1 s); then "c" is
# refused once as "already active", and accepted.
cat >"$LAB/g1.plan" <<EOF
d 0.005 00 OK
d 1.3 00 OK
c 0.005 01 $active!
c 0.005 00 OK
EOF
plan_start g1
L2TP_START=/bin/false
fresh
hook g1 192.0.2.59 UDHOOK_VERBOSE=1
in_time g1 10000 1000
is "$rc" 0 "(g1) exit 0: the 'c' after the late 'd' was accepted" ||
    show "$LAB/g1.err" "$LAB/g1.log"
is "$(plan_verbs g1)" "d d c c" \
    "(g1) xl2tpd got d, d (answered late), then c twice" ||
    show "$LAB/g1.log"
like "$(cat "$LAB/g1.err")" "xl2tpd: d isp: no answer in time; c all the same" \
    "(g1) the late 'd' is logged (debug), and 'c' follows" || show "$LAB/g1.err"
like "$(cat "$LAB/g1.err")" "xl2tpd: LAC isp reconnecting" \
    "(g1) 'c' answered '00 OK' after '$active' is success" || show "$LAB/g1.err"
is "$(grep -c "did not answer\|disconnected\|xl2tpd: c isp:" "$LAB/g1.err")" 0 \
    "(g1) no warning: everything got done" || show "$LAB/g1.err"
sleep 0.1
no_reply_left g1
applied g1 192.0.2.59
plan_stop

# (g2) "d" answered, then "c" never: the LAC is left disconnected, and
# the hook says so.
cat >"$LAB/g2.plan" <<EOF
d 0.005 00 OK
d 0.005 01 Session 'isp' not up
c never
EOF
plan_start g2
fresh
hook g2 192.0.2.60
in_time g2 10000 900
is "$rc" 1 "(g2) exit 1: 'c' got no answer"
is "$(plan_verbs g2)" "d d c" "(g2) xl2tpd got d, d, then c" ||
    show "$LAB/g2.log"
like "$(cat "$LAB/g2.err")" \
    "$L2TP_CONTROL: 'c isp': xl2tpd did not answer in time; LAC isp may be left disconnected" \
    "(g2) the message says the LAC may be left disconnected" || show "$LAB/g2.err"
applied g2 192.0.2.60
plan_stop

# --- (h) leftovers in the real xl2tpd's run dir ---------------------------

# PID 4000000 must not be a live process (pid_max is 4194304 at most).
dead=4000000
kill -0 $dead 2>/dev/null && bail "pid $dead is alive: pick another one for (h)"
rundir=$LAB/lac
L2TP_CONTROL=$rundir/l2tp-control
L2TP_START=$LAB/start-lac
ip -n "$LAB_ISP" link set isp0 up || bail "cannot take isp0 up"
big=$rundir/udhook-reply.$dead.1
truncate -s 8G "$big" || bail "cannot make the 8 GiB sparse file"
printf "01 Session 'isp' already active!\n" >"$rundir/udhook-reply.$dead.2"
mkfifo "$rundir/udhook-reply.$dead.3" || bail "mkfifo failed"
# A writer that never stops: it waits in its open until someone reads.
lab_bg "$LAB/yes.out" sh -c 'exec yes stale >"$1"' sh "$rundir/udhook-reply.$dead.3"
yes_pid=${LAB_PIDS##* }
mkdir "$rundir/udhook-reply.$dead.4"
printf 'keep me\n' >"$LAB/victim"
ln -s "$LAB/victim" "$rundir/udhook-reply.$dead.5"
# A reply FIFO of a live process (this shell): not stale.
mkfifo "$rundir/udhook-reply.$$.1"
n_conn=$(lab_count "$conn" "$LAB/lac.log")
fresh
hook h 192.0.2.61
in_time h 5000
is "$rc" 0 "(h) exit 0: the tunnel is reconnected" || show "$LAB/h.err"
ok "(h) ... and comes up" \
    lab_wait_count "$conn" "$LAB/lac.log" $((n_conn + 1)) 10 ||
    show "$LAB/h.err" "$LAB/lac.log"
is "$(stat -c '%F %s' "$big" 2>&1)" "regular file $((8 << 30))" \
    "(h) the 8 GiB regular file is left alone, unread (it is no late answer)"
ok "(h) the late-answer file (one line) is gone" \
    test ! -e "$rundir/udhook-reply.$dead.2"
ok "(h) the stale FIFO is gone" test ! -e "$rundir/udhook-reply.$dead.3"
i=0
while kill -0 "$yes_pid" 2>/dev/null && [ $i -lt 20 ]; do
	sleep 0.1
	i=$((i + 1))
done
ok "(h) its writer, which never stops, has ended (SIGPIPE): the hook read a bounded amount" \
    test ! -e "/proc/$yes_pid"
# Without the hook's read it would wait in its open for ever.
kill -KILL "$yes_pid" 2>/dev/null
wait "$yes_pid" 2>/dev/null
LAB_PIDS=${LAB_PIDS% $yes_pid}
ok "(h) the directory of that name is left alone" \
    test -d "$rundir/udhook-reply.$dead.4"
ok "(h) the symlink of that name is left alone" \
    test -L "$rundir/udhook-reply.$dead.5"
is "$(cat "$LAB/victim")" "keep me" "(h) ... and its target untouched"
ok "(h) the FIFO of a live process is left alone" \
    test -p "$rundir/udhook-reply.$$.1"
is "$(cd "$rundir" && ls -A | grep udhook-reply | grep -v "\.$dead\.\|\.$$\.1\$")" "" \
    "(h) nothing of the hook's own is left"
applied h 192.0.2.61
rm -rf "$big" "$rundir/udhook-reply.$dead."* "$rundir/udhook-reply.$$.1"

done_testing
