#!/bin/sh
# Run libFuzzer harnesses built by `make fuzz`, each for a while, one
# after the other:
#
#   fuzz/run.sh DIR SECONDS NAME...	(make fuzz-run FUZZ_SECONDS=N)
#
# DIR/fuzz-NAME is the harness.  Its corpus grows in DIR/corpus/NAME,
# seeded each run from the test cases (t/data, and fuzz/seeds for what
# libFuzzer seldom makes by itself); its log is
# DIR/log/NAME.log and a crash goes to DIR/crash/NAME-crash-SHA1.  One
# line per harness says runs, time, corpus and findings; the exit status
# is 1 when anything was found.  FUZZ_ARGS adds libFuzzer options.
set -u

cd "$(dirname "$0")/.." || exit 1
dir=${1:?usage: fuzz/run.sh DIR SECONDS NAME...}
secs=${2:?usage: fuzz/run.sh DIR SECONDS NAME...}
shift 2

# seeds NAME: the cases a harness starts from, and its dictionary.
seeds()
{
	case $1 in
	l2tpconf)	echo "t/data/xl2tpd/*.conf t/data/xl2tpd-bad/*.conf" ;;
	lease|resolv)	echo "t/data/lease/*.env fuzz/seeds/*.env" ;;
	*)		return 1 ;;
	esac
}
dict()
{
	case $1 in
	l2tpconf)	echo fuzz/l2tpconf.dict ;;
	*)		echo fuzz/lease.dict ;;
	esac
}

found=0
for name; do
	bin=$dir/fuzz-$name
	if [ ! -x "$bin" ] || ! seeds "$name" >/dev/null; then
		echo "fuzz/run.sh: no harness $bin: run make fuzz" >&2
		exit 2
	fi
	rm -rf "$dir/seed/$name"
	mkdir -p "$dir/seed/$name" "$dir/corpus/$name" "$dir/log" \
	    "$dir/crash"
	# shellcheck disable=SC2046
	cp $(seeds "$name") "$dir/seed/$name/"
	before=$(find "$dir/crash" -name "$name-*" | wc -l)
	t0=$(date +%s)

	# -max_len: past xl2tpd's 1023-byte pieces and lease.c's 4096-byte
	# lists, short of lease-dump's 8192-byte lines.
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$secs" -max_len=8000 -timeout=10 \
	    -dict="$(dict "$name")" -print_final_stats=1 \
	    -artifact_prefix="$dir/crash/$name-" ${FUZZ_ARGS:-} \
	    "$dir/corpus/$name" "$dir/seed/$name" >"$dir/log/$name.log" 2>&1
	rc=$?
	time=$(($(date +%s) - t0))

	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
	    "$dir/log/$name.log" | tail -n 1)
	# libFuzzer's own count: the directory keeps inputs it replaced.
	corpus=$(sed -n 's/^#[0-9].* corp: \([0-9]*\)\/.*/\1/p' \
	    "$dir/log/$name.log" | tail -n 1)
	crashes=$(($(find "$dir/crash" -name "$name-*" | wc -l) - before))
	echo "fuzz-$name: ${runs:-?} runs in $time s, corpus" \
	    "${corpus:-?} inputs, $crashes new findings (exit $rc)"
	if [ "$rc" -ne 0 ] || [ "$crashes" -gt 0 ]; then
		found=1
		grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz/[a-z0-9]+: )' \
		    "$dir/log/$name.log" | sed 's/^/    /'
		find "$dir/crash" -name "$name-*" -newer "$dir/seed/$name" |
		    sed 's/^/    input: /'
	fi
done
exit $found
