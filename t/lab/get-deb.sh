#!/bin/sh
# Unpack a Debian package into build/pkg/NAME without installing it, for
# tests that run a real program whose package would change the host when
# installed: resolvconf and openresolv rewrite /etc/resolv.conf, ifupdown
# takes over the host's interfaces, xl2tpd starts a daemon.  Nothing of
# the package runs here: no maintainer script, no service.
#
#   t/lab/get-deb.sh NAME      prints the directory the package is in
#                              (build/pkg/NAME, laid out as on /)
#
# Idempotent, and safe when two tests run it at once: each works in a
# directory of its own and the first to finish puts the result in place.
# A failure says why on stderr (its last line) and exits non-zero.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 NAME" >&2
	exit 64
fi
name=$1
case $name in
[a-z0-9]*) ;;
*)
	echo "get-deb.sh: not a package name: $name" >&2
	exit 64
	;;
esac
case $name in
*[!a-z0-9.+-]*)
	echo "get-deb.sh: not a package name: $name" >&2
	exit 64
	;;
esac

top=$(cd "$(dirname "$0")/../.." && pwd)
pkg=$top/build/pkg
dir=$pkg/$name

# The directory appears whole (a rename) or not at all.
if [ -d "$dir" ]; then
	echo "$dir"
	exit 0
fi

mkdir -p "$pkg"
tmp=$(mktemp -d "$pkg/.get-$name.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

# The download runs as root (the _apt user cannot write here).  The
# package lists may be missing (a fresh container): refresh them only
# when the download fails, so that a warm machine never touches them.
# apt's messages go to stderr as they come, and to a file for the reason.
get()
{
	apt-get -q -o APT::Sandbox::User=root download "$name" 2>apt.err >&2
	st=$?
	cat apt.err >&2
	return $st
}
if ! get; then
	apt-get -q update >&2 || :
	if ! get; then
		why=$(grep '^E:' apt.err | tail -n 1)
		echo "get-deb.sh: apt-get download $name failed${why:+: $why}" >&2
		exit 1
	fi
fi

set -- "$name"_*.deb
if [ ! -f "$1" ]; then
	echo "get-deb.sh: apt-get download $name left no ${name}_*.deb" >&2
	exit 1
fi
dpkg-deb -x "$1" root
# mv -T fails when another run got there first; its result is as good.
mv -T root "$dir" 2>/dev/null || [ -d "$dir" ]
echo "$dir"
