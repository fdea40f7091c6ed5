#!/usr/bin/env bash
# musl-check.sh: the static musl build, as far as Debian 12 allows (TAP;
# run by make musl-check and by t/60-musl.t).
#
# Every object of lib/, event/, hooks/, t/src/ and bench/floor.c is compiled with
# musl-gcc -Os through the Makefile's own rules (make STATIC=1
# CC=musl-gcc), and must compile without a warning.  Debian's musl-gcc
# sees neither the kernel headers nor /usr/include/libmnl: it is given
# $B/musl/include, a directory of links to them.  No musl-built libmnl can
# be had on Debian 12, so each program is linked static only when it
# needs no libmnl; one that does must lack nothing but mnl_* symbols.
#
# Sizes (stripped, static): a program that needs libmnl is also linked
# with its mnl_* references left unresolved, for its size without
# libmnl; libmnl.so.0's whole text and data, added to that, bound the
# size of the real static program from above.  The table goes to
# $B/musl/sizes.txt as well (bench.sh prints it).
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
. t/lab/tap.sh

command -v musl-gcc >/dev/null 2>&1 ||
    skip_all "musl-gcc is not installed (Debian: musl-tools)"
[ -r /usr/include/libmnl/libmnl.h ] ||
    skip_all "no /usr/include/libmnl/libmnl.h (Debian: libmnl-dev)"

b=${B:-build}/musl
inc=$b/include
multiarch=$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)

rm -rf "$b"
mkdir -p "$inc" || bail "cannot make $inc"
ln -s /usr/include/linux "$inc/linux"
ln -s /usr/include/asm-generic "$inc/asm-generic"
ln -s "/usr/include/$multiarch/asm" "$inc/asm"
ln -s /usr/include/libmnl "$inc/libmnl"

# mk TARGET [VAR=VALUE...]: the Makefile's rule for TARGET, with musl.
# The caller's make variables (make check SAN=1, say) must not leak in.
mk()
{
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s --no-print-directory \
	    B="$b" CC=musl-gcc STATIC=1 SAN= CFLAGS=-Os \
	    CPPFLAGS="-I$inc" MNL_CFLAGS= MNL_LIBS= "$@" 2>&1
}

# stripped PROG: its size in bytes, stripped.
stripped()
{
	strip -o "$1.stripped" "$1" && stat -c %s "$1.stripped" &&
	    rm -f "$1.stripped"
}

objs=
progs=
for f in lib/*.c event/*.c hooks/*.c; do
	objs="$objs $f:$b/${f%.c}.o"
done
for f in t/src/*.c; do
	objs="$objs $f:$b/t/$(basename "$f" .c).o"
done
for f in hooks/*.c; do
	n=$(basename "$f" .c)
	[ "$n" = script ] || n=default.$n
	progs="$progs $b/$n"
done
for f in t/src/*.c; do
	progs="$progs $b/t/$(basename "$f" .c)"
done
progs="$progs $b/bench/floor"

set -- $objs
plan $(($# + $(wc -w <<<"$progs")))

for pair in $objs; do
	src=${pair%%:*}
	obj=${pair#*:}
	out=$(mk "$obj")
	rc=$?
	if [ $rc -eq 0 ] && [ -z "$out" ]; then
		pass "$src compiles with musl-gcc -Os, no warning"
	else
		fail "$src compiles with musl-gcc -Os, no warning"
		diag "make $obj: exit $rc"
		diag "$out"
	fi
done

mnl_size=$(size /usr/lib/"$multiarch"/libmnl.so.0 2>/dev/null |
    awk 'NR == 2 { print $1 + $2 }')
sizes=$b/sizes.txt
printf '%-28s %8s %8s %8s  %s\n' program text data bss \
    'stripped bytes' >"$sizes"

for p in $progs; do
	name=${p#"$b"/}
	out=$(mk "$p")
	if [ $? -eq 0 ]; then
		pass "$name links static with musl"
		read -r text data bss _ < <(size "$p" | sed 1d)
		printf '%-28s %8s %8s %8s  %s\n' "$name" "$text" "$data" \
		    "$bss" "$(stripped "$p")" >>"$sizes"
		continue
	fi
	skip=" # SKIP no musl-built libmnl here"
	missing=$(grep -o "undefined reference to \`[^']*'" <<<"$out" |
	    sed "s/.*\`//; s/'//" | sort -u)
	if [ -z "$missing" ] || grep -qv '^mnl_' <<<"$missing"; then
		fail "$name links static with musl"
		diag "$out"
		continue
	fi
	n=$(wc -l <<<"$missing")
	pass "$name needs only libmnl ($n mnl_* symbols)$skip"
	if mk "$p" LDFLAGS=-Wl,--unresolved-symbols=ignore-all >/dev/null
	then
		read -r text data bss _ < <(size "$p" | sed 1d)
		bytes=$(stripped "$p")
		printf '%-28s %8s %8s %8s  %s + libmnl <= %s\n' \
		    "$name (no libmnl)" "$text" "$data" "$bss" "$bytes" \
		    "$((bytes + mnl_size))" >>"$sizes"
		# No program that would crash is left where one is looked for.
		rm -f "$p"
	fi
done

echo "libmnl.so.0 (glibc build) text + data: $mnl_size bytes" >>"$sizes"
diag "$(cat "$sizes")"
done_testing
