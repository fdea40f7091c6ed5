#!/bin/sh
# Install what the build and the tests need, from Debian's packages, and
# only what is missing.  xl2tpd is not installed (its package starts a
# daemon on the host): t/lab/get-xl2tpd.sh unpacks it into build/.
set -eu

pkgs="gcc make pkg-config libmnl-dev busybox jq iproute2 perl
    util-linux procps strace valgrind clang libclang-rt-14-dev mandoc musl-tools
    bsdextrautils"

missing=
for p in $pkgs; do
	dpkg-query -W -f '${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "t/deps.sh: missing packages:$missing (run as root)" >&2
	exit 1
fi
echo "t/deps.sh: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
