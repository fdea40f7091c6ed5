#!/bin/sh
# Unpack Debian's xl2tpd into build/pkg/xl2tpd without installing it:
# installing the package would start an xl2tpd on the host that owns
# /var/run/xl2tpd/l2tp-control.  The binary needs only libc.
#
#   t/lab/get-xl2tpd.sh        prints the path of the xl2tpd binary
#
# Idempotent, and safe when two tests run it at once: each works in a
# directory of its own and the first to finish puts the result in place.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
pkg=$top/build/pkg
bin=$pkg/xl2tpd/usr/sbin/xl2tpd

if [ -x "$bin" ]; then
	echo "$bin"
	exit 0
fi

mkdir -p "$pkg"
tmp=$(mktemp -d "$pkg/.get-xl2tpd.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

# The download runs as root (the _apt user cannot write here).  The
# package lists may be missing (a fresh container): refresh them only
# when the download fails, so that a warm machine never touches them.
get()
{
	apt-get -q -o APT::Sandbox::User=root download xl2tpd >&2
}
if ! get; then
	apt-get -q update >&2
	get
fi

dpkg-deb -x xl2tpd_*.deb root
# mv -T fails when another run got there first; its result is as good.
mv -T root "$pkg/xl2tpd" 2>/dev/null || [ -x "$bin" ]
echo "$bin"
