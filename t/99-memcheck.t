#!/bin/sh
# The memory checkers' findings over the whole run, last.  Under make
# check SAN=1 or VALGRIND=1 every program the tests ran (the hooks that
# udhcpc ran in the lab too) went through t/wrap.sh, which tells ASan,
# LeakSanitizer, UBSan or valgrind to write what they find to
# $UH_BUILD/reports.  Any report there fails, and is shown.  Then a
# program with a fault on purpose goes through the same wrapper: its
# report proves that a fault in a hook would have been seen.
cd "$(dirname "$0")/.." || exit 1
build=${UH_BUILD:-build}
reports=$build/reports

if [ ! -d "$reports" ]; then
	echo "1..0 # skip no memory checker: make check SAN=1 or VALGRIND=1"
	exit 0
fi

echo "1..3"
# valgrind opens a log file in every process, with findings or without:
# their number shows that it ran.
found=$(find "$reports" -type f -size +0 | sort)
ran=$(find "$reports" -type f | wc -l)
if [ -z "$found" ]; then
	echo "ok 1 - no sanitizer or valgrind report ($ran log files)"
else
	echo "not ok 1 - no sanitizer or valgrind report ($ran log files)"
	for f in $found; do
		echo "# --- $f"
		sed 's/^/# /' "$f"
	done
fi

canary=$(mktemp -d) || exit 1
trap 'rm -rf "$canary"' EXIT
find "$reports" -type f | sort >"$canary/before"
"$build/t/memcheck-canary" >/dev/null 2>"$canary/err"
rc=$?
if [ "$rc" -eq 99 ]; then
	echo "ok 2 - a read past a heap block fails its program (exit 99)"
else
	echo "not ok 2 - a read past a heap block fails its program" \
	    "(exit $rc, not 99)"
	sed 's/^/# /' "$canary/err"
fi
new=$(find "$reports" -type f -size +0 | sort | comm -13 "$canary/before" -)
# ASan, UBSan (its object-size check sees it first) or valgrind.
if [ -n "$new" ] && grep -q -i -e heap-buffer-overflow \
    -e 'insufficient space' -e 'invalid read' $new; then
	echo "ok 3 - the checker's report names the fault"
else
	echo "not ok 3 - the checker's report names the fault"
	echo "# new reports: ${new:-none}"
fi
# What the canary left is not a finding of the next run.
rm -f $new
[ -z "$found" ] && [ "$rc" -eq 99 ] && [ -n "$new" ]
