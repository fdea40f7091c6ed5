#!/bin/sh
# Install the udhcpc hooks: the dispatcher as DIR/script and the event
# programs as DIR/default.bound, DIR/default.renew, DIR/default.deconfig.
#
#   ./install.sh [--dir DIR] [--from BUILDDIR] [--man MANDIR] [--strip]
#
# DESTDIR is honoured, as for make install.  The default DIR is
# /usr/local/lib/udhook.  --strip strips the installed programs with
# $STRIP (default strip), as firmware wants.
set -eu

dir=/usr/local/lib/udhook
from=build
man=
strip=
while [ $# -gt 0 ]; do
	case $1 in
	--dir|--from|--man)
		if [ $# -lt 2 ] || [ -z "$2" ]; then
			echo "install.sh: $1 needs a directory" >&2
			exit 64
		fi
		case $1 in
		--dir)	dir=$2 ;;
		--from)	from=$2 ;;
		--man)	man=$2 ;;
		esac
		shift 2 ;;
	--strip) strip=${STRIP:-strip}; shift ;;
	-h|--help)
		sed -n '2,9s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*)	echo "install.sh: unknown argument: $1" >&2; exit 64 ;;
	esac
done
case $dir in
/*)	;;
*)	echo "install.sh: --dir must be an absolute path: $dir" >&2; exit 64 ;;
esac

if [ ! -d "$from" ]; then
	echo "install.sh: --from $from: no such directory" >&2
	exit 1
fi
for p in script default.bound default.renew default.deconfig; do
	if [ ! -x "$from/$p" ]; then
		echo "install.sh: $from/$p is missing: run make first" >&2
		exit 1
	fi
done

dest=${DESTDIR:-}$dir
mkdir -p "$dest"
for p in script default.bound default.renew default.deconfig; do
	# Install under a temporary name and rename: a udhcpc running the
	# old program meanwhile never sees a half-copied file.
	cp "$from/$p" "$dest/.$p.new"
	[ -z "$strip" ] || "$strip" "$dest/.$p.new"
	chmod 0755 "$dest/.$p.new"
	mv -f "$dest/.$p.new" "$dest/$p"
done
if [ -n "$man" ]; then
	mkdir -p "${DESTDIR:-}$man/man8"
	cp "$(dirname "$0")/udhook.8" "${DESTDIR:-}$man/man8/udhook.8"
fi

cat <<MSG
Installed in $dest${strip:+ (stripped)}${man:+, and udhook(8) in ${DESTDIR:-}$man/man8}.

Run udhcpc with it (on Debian: apt-get install udhcpc, or write
"busybox udhcpc"):
	udhcpc -i eth0 -s $dir/script

or, in /etc/network/interfaces:
	auto eth0
	iface eth0 inet manual
		metric 10
		pre-up udhcpc -b -i eth0 -p /run/udhcpc.eth0.pid -s $dir/script
		post-down kill \$(cat /run/udhcpc.eth0.pid) || true

("metric 10" reaches the hooks as IF_METRIC: drop it for metric 0.)
For an L2TP tunnel, set L2TP_LAC (and the other settings of udhook(8))
in /etc/udhook.conf.
MSG
