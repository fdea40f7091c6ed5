#!/usr/bin/env bash
# 57-lab-lns-name.t: an LNS given by name in xl2tpd.conf (the shell hooks
# ignored it silently), against the real xl2tpd of the lab (t/lab/lab.sh).
# The names live in the customer namespace's own /etc/hosts and
# resolv.conf (/etc/netns/NS/, bind-mounted by `ip netns exec`):
#   (a) bound: the name is resolved to its first IPv4 address, as xl2tpd
#       does; the host route goes to that address and the tunnel comes up;
#   (b) renew with that lease: the lookup makes no child process;
#   (c) a name with no IPv4 address: named in a warning, exit 1, the rest
#       of the lease applied;
#   (d) a name whose DNS server never answers: the lookup gives up at its
#       bound (2 s) and the rest of the lease is applied;
#   (e) that name, then a literal address as a second lns: the literal
#       needs no lookup and is routed although the name used up the 2 s;
#   (f) a name with two addresses that getaddrinfo(3) orders otherwise
#       than the hosts file (glibc sorts them by RFC 6724: the one on the
#       lease's subnet first): the route goes to the first in file order,
#       the one xl2tpd 1.3 dials (it takes gethostbyname()'s first).
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
build=${UH_BUILD:-build}
. t/lab/tap.sh
. t/lab/lab.sh

command -v strace >/dev/null || skip_all "strace is not installed"
lab_test_start 31
lab_lac_config || bail "lab_lac_config failed"

# Two addresses for the name: xl2tpd dials the first, and so must the
# route.  The IPv6 line must not be taken.  192.0.2.1 answers no DNS
# (no server there: the port is closed, so a query fails at once).
lab_netns_file "$LAB_CUST" hosts "127.0.0.1 localhost
2001:db8::7 lns.example.net
203.0.113.7 lns.example.net
203.0.113.8 lns.example.net
2001:db8::9 lns6.example.net" || bail "cannot write the namespace's hosts"
lab_netns_file "$LAB_CUST" resolv.conf "nameserver 192.0.2.1" ||
    bail "cannot write the namespace's resolv.conf"
set_lns()
{
	printf '[lac isp]\nlns = %s\nautodial = no\n' "$1" >"$L2TPCONF_FILE"
}
set_lns lns.example.net
"$LAB/start-lac" || { show "$LAB/lac.log"; bail "the LAC xl2tpd did not start"; }
conn='Connection established to 203\.0\.113\.7'

# hook EVENT NAME VAR=VALUE...: the installed dispatcher in the customer
# namespace with a lease on wan0 and the lab's settings; its stderr in
# $LAB/NAME.err, its status in rc, its run time in ms.
hook()
{
	local event=$1 name=$2 t0

	shift 2
	t0=$(date +%s%N)
	lab_exec_cust env -i PATH="$PATH" interface=wan0 ip=192.0.2.20 \
	    subnet=255.255.255.0 mask=24 router=192.0.2.1 \
	    L2TP_LAC="$L2TP_LAC" L2TPCONF_FILE="$L2TPCONF_FILE" \
	    L2TP_CONTROL="$L2TP_CONTROL" L2TP_START="$L2TP_START" \
	    RESOLV_CONF="$RESOLV_CONF" UDHOOK_CONF="$UDHOOK_CONF" "$@" \
	    timeout 15 ${wrap:-} "$LAB/hooks/script" "$event" \
	    2>"$LAB/$name.err"
	rc=$?
	ms=$((($(date +%s%N) - t0) / 1000000))
}

routes()
{
	lab_exec_cust ip -j -4 route show "$1" |
	    jq -r '.[] | "\(.dst) via \(.gateway // "-") dev \(.dev)"'
}

# --- (a) bound: the name resolved, routed and dialled --------------------

hook bound a dns=192.0.2.53
is "$rc" 0 "(a) bound with an LNS given by name exits 0" || show "$LAB/a.err"
is "$(routes 203.0.113.7/32)" "203.0.113.7 via 192.0.2.1 dev wan0" \
    "(a) host route to the first IPv4 address of the name, via the router"
is "$(routes 203.0.113.8/32)" "" "(a) no route to the name's second address"
like "$(cat "$LAB/a.err")" "wan0: route 203\.0\.113\.7/32 via 192\.0\.2\.1 metric 0" \
    "(a) the route is logged" || show "$LAB/a.err"
ok "(a) xl2tpd dials the name and the tunnel comes up" \
    lab_wait_count "$conn" "$LAB/lac.log" 1 10 || show "$LAB/lac.log"

# --- (b) renew: no child process for the lookup --------------------------

# Under make check SAN=1 or VALGRIND=1 the hook is a wrapper script, and
# the checker's own threads and processes (LeakSanitizer's tracer, which
# does not work under ptrace at all) would be counted: strace the hook
# only when it is the program itself.
traced=
[ "$(head -c 2 "$build/script")" != "#!" ] && traced=1
[ -n "$traced" ] &&
    wrap="strace -f -qq -e trace=clone,clone3,fork,vfork -o $LAB/renew.strace"
hook renew b dns=192.0.2.53
wrap=
is "$rc" 0 "(b) renew with the unchanged lease exits 0" || show "$LAB/b.err"
is "$(routes 203.0.113.7/32)" "203.0.113.7 via 192.0.2.1 dev wan0" \
    "(b) the LNS route stays"
if [ -n "$traced" ]; then
	like "$(cat "$LAB/renew.strace")" "CLONE_THREAD" \
	    "(b) the lookup ran (in a thread of the hook)" || show "$LAB/renew.strace"
	is "$(grep -E 'clone|fork' "$LAB/renew.strace" | grep -vc CLONE_THREAD)" 0 \
	    "(b) renew makes no child process" || show "$LAB/renew.strace"
else
	pass "(b) the lookup's thread # SKIP not counted under a memory checker"
	pass "(b) no child process # SKIP not counted under a memory checker"
fi

# --- (c) a name with no IPv4 address -------------------------------------

set_lns lns6.example.net
hook renew c dns=192.0.2.54
is "$rc" 1 "(c) renew with an LNS name without IPv4 address exits 1"
like "$(cat "$LAB/c.err")" "LNS lns6\.example\.net: no IPv4 address for this name" \
    "(c) the name is named in a warning" || show "$LAB/c.err"
is "$(cat "$RESOLV_CONF")" "# Generated by udhook for wan0
nameserver 192.0.2.54" "(c) resolv.conf is updated all the same"
is "$(routes default)" "default via 192.0.2.1 dev wan0" \
    "(c) the default route is kept"

# --- (d) a DNS server that never answers ---------------------------------

# 192.0.2.99 is on the link but nobody has it: the query goes out and
# no answer ever comes.  The resolver alone would wait 2 x 5 s.
lab_netns_file "$LAB_CUST" resolv.conf "nameserver 192.0.2.99
options timeout:5 attempts:2" || bail "cannot rewrite the namespace's resolv.conf"
lab_exec_cust ip -4 addr flush dev wan0
set_lns lns-slow.example.net
hook bound d dns=192.0.2.55
is "$rc" 1 "(d) bound with an LNS name the DNS never answers exits 1"
like "$(cat "$LAB/d.err")" "LNS lns-slow\.example\.net: no answer from DNS in time" \
    "(d) the lookup's timeout is named" || show "$LAB/d.err"
ok "(d) the hook returns within 5 s (it took $ms ms; the bound is 2 s)" \
    test "$ms" -lt 5000
ok "(d) ... and not before the bound: it did wait for the name ($ms ms)" \
    test "$ms" -ge 1900
is "$(lab_exec_cust ip -j -4 addr show dev wan0 |
    jq -r '.[].addr_info[] | "\(.local)/\(.prefixlen)"')" "192.0.2.20/24" \
    "(d) the address is set"
is "$(routes default)" "default via 192.0.2.1 dev wan0" \
    "(d) the default route is set"
is "$(cat "$RESOLV_CONF")" "# Generated by udhook for wan0
nameserver 192.0.2.55" "(d) resolv.conf is written"

# --- (e) a literal lns after a name that used up the lookup bound --------

lab_exec_cust ip -4 addr flush dev wan0
printf '[lac isp]\nlns = lns-slow.example.net\nlns = 203.0.113.7\nautodial = no\n' \
    >"$L2TPCONF_FILE"
hook bound e dns=192.0.2.56
is "$rc" 1 "(e) bound with a slow name, then a literal lns: exit 1 (the name failed)"
like "$(cat "$LAB/e.err")" "LNS lns-slow\.example\.net: no answer from DNS in time" \
    "(e) the name's timeout is named" || show "$LAB/e.err"
is "$(grep -c 'LNS 203\.0\.113\.7' "$LAB/e.err")" 0 \
    "(e) no warning about the literal 203.0.113.7" || show "$LAB/e.err"
is "$(routes 203.0.113.7/32)" "203.0.113.7 via 192.0.2.1 dev wan0" \
    "(e) the literal is routed although the lookup bound was used up" ||
    show "$LAB/e.err"
ok "(e) the hook waited for the name ($ms ms, the bound is 2 s) and not much more" \
    test "$ms" -ge 1900 -a "$ms" -lt 5000

# --- (f) two addresses: the route follows the hosts file's order ---------

# On a 192.0.2.20/24 lease getaddrinfo() puts 192.0.2.77 (on the
# lease's subnet) first; gethostbyname() keeps the file's order.  The
# LAC xl2tpd still dials lns.example.net, which it resolves before it
# answers "c": that name stays in the file (the DNS never answers).
lab_netns_file "$LAB_CUST" hosts "127.0.0.1 localhost
203.0.113.7 lns.example.net
198.51.100.50 lns2.example.net
192.0.2.77 lns2.example.net" || bail "cannot write the namespace's hosts"
set_lns lns2.example.net
lab_exec_cust ip -4 addr flush dev wan0
hook bound f dns=192.0.2.57
is "$rc" 0 "(f) bound with an LNS name of two addresses exits 0" ||
    show "$LAB/f.err"
is "$(lab_exec_cust getent ahostsv4 lns2.example.net | head -n 1 | cut -d' ' -f1)" \
    192.0.2.77 \
    "(f) here getaddrinfo() gives 192.0.2.77 first (the case tells the two orders apart)"
is "$(lab_exec_cust getent hosts lns2.example.net | head -n 1 | cut -d' ' -f1)" \
    198.51.100.50 "(f) gethostbyname() gives 198.51.100.50 first, as the file"
is "$(routes 198.51.100.50/32)" "198.51.100.50 via 192.0.2.1 dev wan0" \
    "(f) the host route goes to 198.51.100.50, the first in file order" ||
    show "$LAB/f.err"
like "$(cat "$LAB/f.err")" "wan0: route 198\.51\.100\.50/32 via 192\.0\.2\.1 metric 0" \
    "(f) the route is logged" || show "$LAB/f.err"
is "$(routes 192.0.2.77/32)" "" "(f) no route to the second address"

done_testing
