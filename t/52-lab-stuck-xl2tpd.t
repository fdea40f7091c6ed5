#!/usr/bin/env bash
# 52-lab-stuck-xl2tpd.t: a hook killed while it waited for xl2tpd's
# answer leaves a reply FIFO nobody reads, and the real xl2tpd blocks in
# its open of it, answering nothing more.  The next hook must free it
# and bring the tunnel back up, within its time bound.  Then reconnects
# back to back on a loaded machine, where a command written while xl2tpd
# closes and reopens its FIFO used to be lost.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
build=${UH_BUILD:-build}
. t/lab/tap.sh
. t/lab/lab.sh

lab_test_start 8
lab_lac || { show "$LAB/lac.log"; bail "the LAC xl2tpd did not start"; }
conn='Connection established to 203\.0\.113\.7'

bound()
{
	lab_exec_cust env -i PATH="$PATH" \
	    interface=wan0 ip=192.0.2.20 subnet=255.255.255.0 mask=24 \
	    router=192.0.2.1 dns=192.0.2.53 \
	    L2TP_LAC="$L2TP_LAC" L2TPCONF_FILE="$L2TPCONF_FILE" \
	    L2TP_CONTROL="$L2TP_CONTROL" L2TP_START="$L2TP_START" \
	    RESOLV_CONF="$RESOLV_CONF" UDHOOK_CONF="$UDHOOK_CONF" \
	    timeout 10 "$LAB/hooks/script" bound 2>>"$LAB/hook.err"
}

bound
ok "the first bound brings the tunnel up" \
    lab_wait_count "$conn" "$LAB/lac.log" 1 10 || show "$LAB/hook.err" "$LAB/lac.log"

# What a hook killed after sending its command leaves: a reply FIFO of a
# dead process, named in a command xl2tpd has read.  xl2tpd now blocks.
dir=$(dirname "$L2TP_CONTROL")
stale=$dir/udhook-reply.4194999.1
mkfifo "$stale"
printf '@%s d isp\n' "$stale" >"$L2TP_CONTROL"
sleep 0.3

t0=$(date +%s%N)
bound
rc=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
is "$rc" 0 "the next bound exits 0 (took ${ms} ms)" || show "$LAB/hook.err"
ok "the stale reply FIFO is gone" test ! -e "$stale"
ok "xl2tpd answers again: the tunnel comes up a second time" \
    lab_wait_count "$conn" "$LAB/lac.log" 2 10 || show "$LAB/hook.err" "$LAB/lac.log"
ok "no reply FIFO of ours is left in xl2tpd's run dir" \
    test -z "$(ls "$dir" | grep udhook-reply)"

# Back-to-back reconnects with both CPUs busy: xl2tpd must act on every
# command (without a reader of our own on the FIFO, about 1 in 20 was
# lost in xl2tpd's close and reopen).  A tunnel still being set up when
# the next hook's "d" arrives is rightly torn down before it is
# established, so what is counted is xl2tpd starting each connection
# (no redial is configured: every such line answers one of our "c"),
# and that the last one comes up.
calls='Connecting to host 203\.0\.113\.7'
hogs=
for i in 1 2; do
	timeout 60 sh -c 'while :; do :; done' &
	hogs="$hogs $!"
done
before=$(lab_count "$calls" "$LAB/lac.log")
failed=0
for i in $(seq 20); do
	bound || failed=$((failed + 1))
done
kill $hogs 2>/dev/null
wait $hogs 2>/dev/null
is "$failed" 0 "20 reconnects under load: every hook exits 0" ||
    show "$LAB/hook.err"
ok "20 reconnects under load: xl2tpd started 20 new connections" \
    lab_wait_count "$calls" "$LAB/lac.log" $((before + 20)) 10 ||
    show "$LAB/lac.log"

# last_connection_up: the last connection xl2tpd started is established.
last_connection_up()
{
	grep -E -- "$calls|$conn" "$LAB/lac.log" | tail -n 1 |
	    grep -qE -- "$conn"
}
waited=0
until last_connection_up || [ $waited -ge 100 ]; do
	sleep 0.1
	waited=$((waited + 1))
done
ok "after them the last connection is established" last_connection_up ||
    show "$LAB/lac.log"
