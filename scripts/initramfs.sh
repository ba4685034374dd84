#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build the virtual board's initramfs:
#
#   scripts/initramfs.sh KDIR OUT.cpio.gz PAYLOAD [KO...]
#
# Contents: Debian's busybox-static for KDIR's architecture (arm64, or
# armhf for a 32-bit ARM kernel), the in-tree modules of KDIR
# (the `ref` set, installed under KDIR/_modinst by scripts/kernel/build.sh),
# the project's modules given as KO arguments (under /lib/modules/amp), the
# guest scripts and tests (/amp) and PAYLOAD, a directory copied to /
# (firmware and test programs, scripts/guest_payload.sh). Uses the kernel's own gen_init_cpio, so
# no root is needed and the archive does not depend on the host's umask.
set -eu

kdir=$1 out=$2 payload=$3
shift 3
top=$(cd "$(dirname "$0")/.." && pwd)
cache=${AMP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/amp-oot}

# busybox-static for the kernel's architecture, from Debian through
# multiarch, cached.
if grep -q '^CONFIG_ARM64=y' "$kdir/.config"; then deb_arch=arm64; else deb_arch=armhf; fi
bbdir=$cache/busybox-$deb_arch
if [ ! -x "$bbdir/bin/busybox" ]; then
	rm -rf "$bbdir.tmp" && mkdir -p "$bbdir.tmp"
	(cd "$bbdir.tmp" && apt-get download -q -o APT::Sandbox::User=root busybox-static:$deb_arch >/dev/null)
	dpkg-deb -x "$bbdir.tmp"/busybox-static_*_$deb_arch.deb "$bbdir.tmp/x"
	rm -rf "$bbdir" && mv "$bbdir.tmp/x" "$bbdir" && rm -rf "$bbdir.tmp"
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage" "$stage.list"' EXIT
mkdir -p "$stage/bin" "$stage/lib/modules/amp" "$stage/amp/tests" "$stage/lib/firmware"
cp "$bbdir/bin/busybox" "$stage/bin/busybox"
cp "$top/scripts/guest/init" "$stage/init"
cp "$top/scripts/guest/run.sh" "$top/scripts/guest/lib.sh" \
	"$top/scripts/guest/boards.sh" "$top/scripts/guest/sets" "$stage/amp/"
cp "$top/scripts/guest/demo.sh" "$top/scripts/guest/bench.sh" "$stage/amp/"
cp "$top"/scripts/guest/tests/*.sh "$stage/amp/tests/"
cp -a "$kdir/_modinst/lib/modules/." "$stage/lib/modules/"
# The kernel's own build/source links point at the host's tree.
rm -f "$stage"/lib/modules/*/build "$stage"/lib/modules/*/source
for ko in "$@"; do
	cp "$ko" "$stage/lib/modules/amp/"
done
cp -a "$payload/." "$stage/"

list=$stage.list
{
	echo "dir /dev 0755 0 0"
	echo "nod /dev/console 0600 0 0 c 5 1"
	(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort) | while read -r p; do
		p=${p#./}
		f=$stage/$p
		if [ -L "$f" ]; then
			echo "slink /$p $(readlink "$f") 0777 0 0"
		elif [ -d "$f" ]; then
			echo "dir /$p 0755 0 0"
		elif [ -x "$f" ]; then
			echo "file /$p $f 0755 0 0"
		else
			echo "file /$p $f 0644 0 0"
		fi
	done
} > "$list"
"$kdir/usr/gen_init_cpio" "$list" | gzip -n -1 > "$out.tmp"
rm -f "$list"
mv "$out.tmp" "$out"
