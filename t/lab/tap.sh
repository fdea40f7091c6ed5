# tap.sh: the few TAP helpers the lab tests use (bash).  Every failed
# check prints what was expected and what was found.

tap_n=0
tap_failed=0

plan()
{
	echo "1..$1"
}

skip_all()
{
	echo "1..0 # SKIP $*"
	exit 0
}

bail()
{
	echo "Bail out! $*"
	exit 255
}

diag()
{
	local line

	while IFS= read -r line; do
		echo "# $line" >&2
	done <<<"$*"
}

# pass DESC / fail DESC: report one check.
pass()
{
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1"
}

fail()
{
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
}

# is ACTUAL EXPECTED DESC
is()
{
	if [ "$1" = "$2" ]; then
		pass "$3"
		return 0
	fi
	fail "$3"
	diag "expected: '$2'"
	diag "  actual: '$1'"
	return 1
}

# like ACTUAL ERE DESC
like()
{
	if grep -qE -- "$2" <<<"$1"; then
		pass "$3"
		return 0
	fi
	fail "$3"
	diag "expected to match: $2"
	diag "  actual: '$1'"
	return 1
}

# ok DESC CMD...: the check passes when CMD succeeds.
ok()
{
	local desc=$1

	shift
	if "$@"; then
		pass "$desc"
		return 0
	fi
	fail "$desc"
	diag "failed: $*"
	return 1
}

# same_file ACTUAL EXPECTED DESC: byte for byte.
same_file()
{
	if cmp -s -- "$1" "$2"; then
		pass "$3"
		return 0
	fi
	fail "$3"
	diag "expected bytes of $1:"
	diag "$(od -c -- "$2")"
	diag "actual bytes:"
	diag "$(od -c -- "$1" 2>&1)"
	return 1
}

# show FILE...: the tail of the lab's logs, for a failed check.
show()
{
	local f

	for f in "$@"; do
		diag "--- $f"
		diag "$(tail -n 30 -- "$f" 2>&1)"
	done
}

done_testing()
{
	[ "$tap_failed" -eq 0 ]
}

# lab_test_start PLAN: how a lab test starts (t/lab/lab.sh sourced, $build
# set): skip where the lab cannot run, plan, then the lab with the hooks
# installed in $LAB/hooks and the LNS up; bail out on any failure.
lab_test_start()
{
	lab_can_run || skip_all "$LAB_WHY"
	[ -x "$build/script" ] ||
	    bail "$build/script is missing: run make first"
	plan "$1"
	lab_setup || bail "lab_setup failed"
	./install.sh --dir "$LAB/hooks" --from "$build" >/dev/null ||
	    bail "install.sh failed"
	lab_lns || { show "$LAB/lns.log"; bail "the LNS xl2tpd did not start"; }
}
