#!/usr/bin/env bash
# demo.sh: run the main job for real, as root, from a fresh clone.
#
#   t/lab/demo.sh
#
# Builds the hooks, then in two throwaway network namespaces runs a real
# DHCP server (busybox udhcpd) and a real L2TP server (xl2tpd as LNS) on
# the "ISP" side, and on the "customer" side a real xl2tpd as LAC and
# real busybox udhcpc with the installed hooks.  It prints what the
# hooks configured after the lease, and again after a renew, then removes
# everything.  Only documentation addresses are used; the host's routes,
# resolv.conf and daemons are not touched.
#
# Installs what is missing with apt-get (busybox libmnl-dev pkg-config
# make gcc jq iproute2).  xl2tpd is unpacked into build/pkg, never
# installed: the package would start a daemon on the host.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1

say()
{
	printf '%s\n' "$*"
}

die()
{
	say "demo: $*" >&2
	exit 1
}

# indent: the output of a command, set off from the narration.
indent()
{
	sed 's/^/    /'
}

[ "$(id -u)" = 0 ] || die "run me as root: the lab needs network namespaces"

# --- what the demo needs --------------------------------------------------

missing=
command -v busybox >/dev/null || missing="$missing busybox"
command -v pkg-config >/dev/null || missing="$missing pkg-config"
pkg-config --exists libmnl 2>/dev/null || missing="$missing libmnl-dev"
command -v make >/dev/null || missing="$missing make"
command -v gcc >/dev/null || missing="$missing gcc"
command -v jq >/dev/null || missing="$missing jq"
command -v ip >/dev/null || missing="$missing iproute2"
if [ -n "$missing" ]; then
	say "Installing:$missing"
	apt-get update -qq && apt-get install -y -qq $missing >/dev/null ||
	    die "apt-get install$missing failed"
fi
t/lab/get-xl2tpd.sh >/dev/null || die "cannot get xl2tpd (t/lab/get-xl2tpd.sh)"
# UDHOOK_LAB_HOOK=PATH runs another hook (t/lab/shell-hook.sh checks the
# lab itself) and skips the build.
if [ -z "${UDHOOK_LAB_HOOK:-}" ]; then
	make -s || die "make failed"
fi

# --- the lab ------------------------------------------------------------------

. t/lab/lab.sh
lab_can_run || die "$LAB_WHY"
lab_setup || die "lab_setup failed"
if [ -n "${UDHOOK_LAB_HOOK:-}" ]; then
	hook=$(cd "$(dirname "$UDHOOK_LAB_HOOK")" && pwd)/${UDHOOK_LAB_HOOK##*/}
else
	./install.sh --dir "$LAB/hooks" --from build >/dev/null ||
	    die "install.sh failed"
	hook=$LAB/hooks/script
fi
lab_dhcpd || die "udhcpd did not start: $(cat "$LAB/udhcpd.log")"
lab_lns || die "the LNS xl2tpd did not start: $(cat "$LAB/lns.log")"
LAB_PPP_DEFAULT=1 lab_lac ||
    die "the LAC xl2tpd did not start: $(cat "$LAB/lac.log")"

ulog=$LAB/udhcpc.log
conn='Connection established to 203\.0\.113\.7'

say "Lab: ISP namespace $LAB_ISP (udhcpd; xl2tpd LNS on 203.0.113.7),"
say "customer namespace $LAB_CUST (xl2tpd LAC \"isp\"; udhcpc on wan0)."
say "The lab uses no PPP: a stand-in for pppd (t/lab/pppd-standin) plays"
say "its part on the routes, with a link ppp1 and the default route on it."
say
say "Running: busybox udhcpc -f -i wan0 -s $hook"
say "  with L2TP_LAC=$L2TP_LAC L2TPCONF_FILE=$L2TPCONF_FILE"
say "       L2TP_CONTROL=$L2TP_CONTROL RESOLV_CONF=$RESOLV_CONF"
lab_udhcpc "$hook"

lab_wait_for 'lease of' "$ulog" 15 || die "no lease: $(cat "$ulog")"
lab_hook_idle 10 || die "the bound hook did not finish within 10 s"
say
say "udhcpc: $(grep -m 1 'lease of' "$ulog" | sed 's/^udhcpc: //')"
say "Address of wan0:"
lab_exec_cust ip -4 -o addr show dev wan0 |
    awk '{ print $4, $5, $6 }' | indent
say "resolv.conf ($RESOLV_CONF):"
indent <"$RESOLV_CONF"

if lab_wait_for 'default route on ppp1' "$LAB/ppp-lac.log" 10; then
	say "Routes when the tunnel came up (as the hook left them):"
	sed -n 's/.*routes before: //p' "$LAB/ppp-lac.log" | head -n 1 |
	    tr ';' '\n' | sed '/^$/d' | indent
else
	say "The tunnel did not come up within 10 s."
fi
if grep -qE "$conn" "$LAB/lac.log"; then
	say "xl2tpd (LAC) said:"
	grep -E 'Connection established|Call established' "$LAB/lac.log" |
	    sed 's/^xl2tpd\[[0-9]*\]: //' | indent
else
	say "xl2tpd (LAC) made no connection; the end of its log:"
	tail -n 5 "$LAB/lac.log" | sed 's/^xl2tpd\[[0-9]*\]: //' | indent
fi
say "Routes now (pppd's stand-in took the default route):"
lab_exec_cust ip -4 route | indent

# --- renew ----------------------------------------------------------------------

nconn=$(lab_count "$conn" "$LAB/lac.log")
nlease=$(lab_count 'lease of' "$ulog")
say
say "Renewing the lease (SIGUSR1 to udhcpc)..."
lab_renew
lab_wait_count 'lease of' "$ulog" $((nlease + 1)) 10 &&
    lab_hook_idle 10 || die "the renew hook did not run or finish"
sleep 1
say "Routes after the renew (the default route must stay on ppp1):"
lab_exec_cust ip -4 route | indent
say "Tunnel connections: $(lab_count "$conn" "$LAB/lac.log") (were $nconn:" \
    "a renew with the same address does not reconnect)"

say
say "What udhcpc and the hooks logged (one line per change: the first"
say "deconfig and the renew found nothing to change, so they say nothing;"
say "the tunnel's coming up is xl2tpd's to say, above):"
indent <"$ulog"

say
say "Removing the lab."
lab_teardown
