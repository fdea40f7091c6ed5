#!/bin/bash
# The documentation against the code: the man page lints clean, its
# SYNOPSIS matches each program's --help, and every setting and every
# udhcpc variable the code reads is documented in udhook(8) and README.md.
cd "$(dirname "$0")/.." || exit 1
build=${UH_BUILD:-build}
. t/lab/tap.sh

command -v mandoc >/dev/null || skip_all "mandoc is not installed"
[ -x "$build/script" ] || bail "$build/script missing: run make"

is "$(mandoc -T lint -W warning udhook.8 2>&1)" "" "udhook.8 lints clean (mandoc -T lint -W warning)"

synopsis=$(mandoc -T ascii udhook.8 | col -b |
    sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed 's/^ *//')
for p in script default.bound default.renew default.deconfig; do
	usage=$("$build/$p" --help | sed -n 's/^usage: //p')
	# Each word of the usage line must be in the program's SYNOPSIS.
	line=$(grep "^$p " <<<"$synopsis")
	miss=
	for w in $(tr '[]|' '   ' <<<"$usage"); do
		grep -qw -- "$w" <<<"$line" || miss="$miss $w"
	done
	is "$miss" "" "$p --help ('$usage') matches the SYNOPSIS ('$line')"
done

man=$(mandoc -T ascii udhook.8 | col -b)
settings=$(sed -n 's/^\tS("\([A-Z_0-9]*\)".*/\1/p' lib/settings.c)
vars=$(grep -o 'get("[a-z]*")' lib/lease.c | sed 's/get("\(.*\)")/\1/' | sort -u)
miss=
for v in $settings UDHOOK_CONF; do
	grep -qw -- "$v" <<<"$man" || miss="$miss $v"
done
is "$miss" "" "every setting of lib/settings.c is in udhook(8) ENVIRONMENT"
miss=
for v in $settings UDHOOK_CONF; do
	grep -qw -- "$v" README.md || miss="$miss $v"
done
is "$miss" "" "every setting of lib/settings.c is in README.md"
miss=
for v in $vars message; do
	grep -qw -- "$v" <<<"$man" || miss="$miss $v"
done
is "$miss" "" "every udhcpc variable lib/lease.c reads is in udhook(8)"
like "$(sed -n '/^EXIT STATUS/,/^[A-Z]/p' <<<"$man")" "64" "EXIT STATUS lists 64"

echo "1..$tap_n"
done_testing
