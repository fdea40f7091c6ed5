#!/bin/sh
# xl2tpd.conf as udhook reads it: build/t/l2tpconf-dump over every
# t/data/xl2tpd*/NAME.conf against NAME.ok, direct LAC look-ups, and the
# cases a file in git cannot hold (missing, a directory, too large, ...).

cd "$(dirname "$0")/.." || exit 1
DUMP=${UH_BUILD:-build}/t/l2tpconf-dump
n=0
failed=0

# check WHAT EXPECTED GOT
check() {
	n=$((n + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $n - $1"
		return
	fi
	failed=$((failed + 1))
	echo "not ok $n - $1"
	echo "#   expected: $2"
	echo "#        got: $3"
}

skip() {
	n=$((n + 1))
	echo "ok $n - $1 # skip $2"
}

if [ ! -x "$DUMP" ]; then
	echo "1..0 # skip $DUMP not built"
	exit 0
fi

# Bytes 0x80-0xff count as blanks only where char is signed, as in xl2tpd.
case $(uname -m) in
arm*|aarch64*|ppc*|powerpc*|s390*|riscv*) unsigned_char=1 ;;
*) unsigned_char=0 ;;
esac

for ok in t/data/xl2tpd/*.ok t/data/xl2tpd-bad/*.ok; do
	conf=${ok%.ok}.conf
	case $conf in
	*/signed-char-*)
		if [ $unsigned_char = 1 ]; then
			skip "$conf" "char is unsigned here"
			continue
		fi ;;
	esac
	check "$conf" "$(cat "$ok")" "$("$DUMP" "$conf" 2>&1)"
done

# lac FILE LAC EXPECTED WHY: uh_l2tpconf_lns() for one LAC.
lac() {
	check "$4: $1 [lac $2]" "$3" "$("$DUMP" "t/data/$1" "$2" 2>&1)"
}

lac xl2tpd/s01-crlf.conf isp isp=198.51.100.7 "CR trimmed"
lac xl2tpd/s02-upper-case.conf isp isp=198.51.100.8 "names match in any case"
lac xl2tpd/s02-upper-case.conf ISP ISP=198.51.100.8 "names match in any case"
lac xl2tpd/s03-lac-default-fallback.conf isp isp=198.51.100.9 \
    "lns from [lac default]"
lac xl2tpd/s03-lac-default-fallback.conf default - \
    "[lac default] is no LAC"
lac xl2tpd/s04-host-port.conf isp isp=198.51.100.10:1702 "host:port"
lac xl2tpd/s05-two-lns.conf isp isp=198.51.100.11,198.51.100.12 \
    "lns lines append, in order"
lac xl2tpd/s07-merged-sections.conf isp isp=198.51.100.14 \
    "[lac isp] and [lac ISP] are one"
lac xl2tpd/s10-hostname.conf isp isp=lns.example.net "host name as written"
lac xl2tpd/s10-hostname.conf other other=198.51.100.17 "the other LAC"
lac xl2tpd/s10-hostname.conf missing - "no such LAC: found=0"
lac xl2tpd/s10-hostname.conf "" - "an empty name matches nothing"
lac xl2tpd/s12-no-lns.conf isp isp= "found, with no lns"
lac xl2tpd/08.conf PublicVPN PublicVPN=YOUR_VPN_SERVER_ADD \
    "second of two LACs"
lac xl2tpd/s06-tab-in-header.conf isp \
    "refused: line 1: unknown section type 'lac?isp': only a space parts type and name" \
    "a refused file refuses every LAC"
lac xl2tpd-bad/bad-host.conf other other=198.51.100.11 \
    "a bad host of another LAC does not matter"
lac xl2tpd-bad/bad-host.conf isp \
    "refused: line 2: lns host 'my host' is not plain text" \
    "the LAC's own bad host is refused"
lac xl2tpd-bad/default-after.conf isp isp=198.51.100.29 \
    "[lac default] after the LAC"
lac xl2tpd-bad/own-beats-default.conf isp isp=198.51.100.31 \
    "own lns before the default's"
lac xl2tpd-bad/space-in-name.conf "my isp" "my isp=198.51.100.25" \
    "name after the first space"

# Files that git cannot hold, made here.
tmp=$(mktemp -d) || exit 1
trap 'chmod -R u+rwx "$tmp"; rm -rf "$tmp"' EXIT

check "missing file" "error: No such file or directory" \
    "$("$DUMP" "$tmp/missing.conf" 2>&1)"

mkdir "$tmp/dir.conf"
check "a directory" "error: Is a directory" "$("$DUMP" "$tmp/dir.conf" 2>&1)"

# 1 MiB of 64-byte comment lines is still read; one byte more is not.
line=";$(printf '%062d' 0)"
awk -v l="$line" 'BEGIN { for (i = 0; i < 16384; i++) print l }' \
    > "$tmp/1mib.conf"
check "exactly 1 MiB" "-" "$("$DUMP" "$tmp/1mib.conf" 2>&1)"
printf ';' >> "$tmp/1mib.conf"
check "1 MiB and a byte" "error: File too large" \
    "$("$DUMP" "$tmp/1mib.conf" 2>&1)"

mkfifo "$tmp/fifo.conf"
check "a FIFO is refused, not waited on" "refused: not a regular file" \
    "$(timeout 5 "$DUMP" "$tmp/fifo.conf" 2>&1)"

ln -s "$PWD/t/data/xl2tpd/s04-host-port.conf" "$tmp/link.conf"
check "a symbolic link is followed" "isp=198.51.100.10:1702" \
    "$("$DUMP" "$tmp/link.conf" 2>&1)"

cp t/data/xl2tpd/s04-host-port.conf "$tmp/unreadable.conf"
chmod 000 "$tmp/unreadable.conf"
if [ "$(id -u)" = 0 ]; then
	skip "unreadable file" "root reads any file"
else
	check "unreadable file" "error: Permission denied" \
	    "$("$DUMP" "$tmp/unreadable.conf" 2>&1)"
fi

echo "1..$n"
[ $failed = 0 ]
