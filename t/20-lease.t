#!/bin/sh
# Lease parsing and resolv.conf rendering: every t/data/lease/NN.env
# through build/t/lease-dump, compared with NN.ok byte for byte.  The
# hostile cases of the shared set are here with their source line.
cd "$(dirname "$0")/.." || exit 1
tool=${UH_BUILD:-build}/t/lease-dump
set -- t/data/lease/*.env
echo "1..$#"
n=0
for env; do
	n=$((n + 1))
	ok=${env%.env}.ok
	what=$(sed -n 's/^# expect: //p' "$env")
	if out=$("$tool" "$env" 2>&1) && [ "$out" = "$(cat "$ok")" ]; then
		echo "ok $n - ${env##*/}: $what"
	else
		echo "not ok $n - ${env##*/}: $what"
		printf '%s\n' "$out" | diff -u "$ok" - | sed 's/^/# /'
	fi
done
