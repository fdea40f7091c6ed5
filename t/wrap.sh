#!/bin/sh
# For make check SAN=1 and VALGRIND=1: the programs of a build, each run
# through a memory checker.
#
#   t/wrap.sh BUILD 'WRAP...' PROG...
#
# For each PROG (a path under the directory BUILD, such as script or
# t/lease-dump), BUILD/wrap/PROG becomes a script that execs WRAP (split
# into words, no quoting) with BUILD/PROG and its arguments.  Being an
# exec, the checked program keeps the script's process: timeout, kill and
# $! reach it.  BUILD/wrap/reports, emptied here, is where WRAP is told to
# write what it finds.  The tests take the programs from BUILD/wrap
# (UH_BUILD), so the hooks that the lab installs for udhcpc are checked
# too; t/99-memcheck.t fails on any report.
set -eu

build=$(cd "${1:?usage: t/wrap.sh BUILD WRAP PROG...}" && pwd)
wrap=${2:?usage: t/wrap.sh BUILD WRAP PROG...}
shift 2

rm -rf "$build/wrap"
mkdir -p "$build/wrap/reports"
# Some tests run a program as another user (nobody): as /tmp.
chmod 1777 "$build/wrap/reports"
for p; do
	mkdir -p "$(dirname "$build/wrap/$p")"
	printf '#!/bin/sh\nexec %s %s "$@"\n' "$wrap" "$build/$p" \
	    >"$build/wrap/$p"
	chmod 0755 "$build/wrap/$p"
done
