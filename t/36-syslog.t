#!/bin/bash
# 36-syslog.t: what the hooks send to syslog, read back from a real
# busybox syslogd.  udhcpc sends a daemonized hook's stderr to /dev/null,
# so syslog is where a router's administrator reads the hooks.  The
# syslogd listens on a /dev/log of its own: the hooks run in a network
# namespace and, under unshare -m, with a private tmpfs on /dev (holding
# only null and that socket), so the host's /dev/log is never used.
cd "$(dirname "$0")/.." || exit 1
build=${UH_BUILD:-build}
. t/lab/tap.sh

[ "$(id -u)" = 0 ] || skip_all "needs root for namespaces"
busybox --list 2>/dev/null | grep -qx syslogd ||
    skip_all "busybox has no syslogd applet"
[ -x "$build/script" ] || bail "$build/script missing: run make"
plan 13

ns=uh-syslog-$$
tmp=$(mktemp -d)
cleanup() { ip netns del "$ns" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
ip netns add "$ns" || bail "cannot create a network namespace"
ip -n "$ns" link set lo up
ip -n "$ns" link add wan0 type veth peer name wan0p
ip -n "$ns" link set wan0p up
: >"$tmp/udhook.conf"
# A name of our own for the dispatcher: the ident must not follow it.
ln -s "$(cd "$build" && pwd)/script" "$tmp/dhcp-hook"

lease="interface=wan0 ip=192.0.2.20 subnet=255.255.255.0 mask=24"
cat >"$tmp/sandbox.sh" <<EOF
set -u
mkdir $tmp/olddev
mount --bind /dev $tmp/olddev &&
mount -t tmpfs -o size=64k tmpfs /dev &&
touch /dev/null &&
mount --bind $tmp/olddev/null /dev/null || exit 1
busybox syslogd -n -O $tmp/messages &
syslogd=\$!
i=0
while [ ! -S /dev/log ] && [ \$i -lt 50 ]; do sleep 0.1; i=\$((i + 1)); done

run()
{
	local name=\$1 event=\$2

	shift 2
	env -i PATH="$PATH" UDHOOK_CONF=$tmp/udhook.conf \
	    RESOLV_CONF=$tmp/resolv.conf "\$@" \
	    $tmp/dhcp-hook "\$event" >/dev/null 2>&1 &
	echo "\$name \$!" >>$tmp/pids
	wait \$!
}
run bound bound $lease router=192.0.2.1 dns=192.0.2.53
run renew renew $lease router=192.0.2.1 dns=192.0.2.53
run verbose renew $lease router=192.0.2.1 dns=192.0.2.53 UDHOOK_VERBOSE=1
run badmtu renew $lease router=192.0.2.1 dns=192.0.2.53 mtu=12
run refused bound interface=wan0 subnet=255.255.255.0 mask=24
run nak nak interface=wan0 "message=no
Dec  4 00:00:00 vm daemon.err forged: line"
run c1 nak interface=wan0 "message=$(printf 'a\233[2Jb\303\251')"
# syslogd writes each message as it comes: once it has read them all
# (a moment), it can go.
sleep 0.3
kill -KILL \$syslogd
EOF
timeout 60 ip netns exec "$ns" unshare -m sh "$tmp/sandbox.sh" ||
    bail "the syslog sandbox failed"

# lines NAME: the syslog lines of the run NAME, as "facility.level msg".
lines()
{
	local pid

	pid=$(awk -v n="$1" '$1 == n { print $2 }' "$tmp/pids")
	grep -F "[$pid]:" "$tmp/messages" |
	    sed -E 's/^[A-Z][a-z]{2} +[0-9]+ [0-9:]+ [^ ]+ //'
}

like "$(lines bound)" "^daemon\.info udhook\[[0-9]+\]: bound: wan0: address 192\.0\.2\.20/24" \
    "a change: daemon.info, ident udhook with the pid, whatever the program's name" ||
    diag "$(cat "$tmp/messages")"
like "$(lines bound)" "daemon\.info udhook\[[0-9]+\]: bound: wan0: route default via 192\.0\.2\.1" \
    "one info line per change: the default route"
is "$(lines bound | grep -vc '^daemon\.info ')" 0 \
    "a bound with a good lease logs at info only"
is "$(lines renew)" "" "a renew that changes nothing logs nothing"
like "$(lines verbose)" "^daemon\.debug udhook\[[0-9]+\]: renew: " \
    "UDHOOK_VERBOSE=1: debug lines, at daemon.debug"
is "$(lines verbose | grep -vc '^daemon\.debug ')" 0 \
    "UDHOOK_VERBOSE=1 and nothing to change: debug lines only"
like "$(lines badmtu)" "^daemon\.warn udhook\[[0-9]+\]: renew: .*mtu" \
    "a refused lease value: daemon.warning, naming the option"
like "$(lines refused)" "^daemon\.err udhook\[[0-9]+\]: bound: lease refused, nothing changed: ip: missing" \
    "a refused lease: daemon.err, saying why"
like "$(lines nak)" "^daemon\.info udhook\[[0-9]+\]: nak: wan0: no\?Dec" \
    "nak: the server's message at info, its newline made '?'"
is "$(lines c1)" "daemon.info udhook[$(awk '$1 == "c1" { print $2 }' "$tmp/pids")]: nak: wan0: a?[2Jb??" \
    "bytes past ASCII (a C1 CSI among them) become '?'"
is "$(lines nak | wc -l)" 1 "a newline in the server's message forges no second line"
is "$(grep -c 'forged' "$tmp/messages")" 1 "the forged text stays inside the nak line"
is "$(grep -c 'udhook' "$tmp/messages")" \
    "$(grep -c 'udhook\[' "$tmp/messages")" "every line of ours has the fixed ident and the pid"

done_testing
