#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
#   scripts/install_check.sh KDIR ARCH CROSS_COMPILE
#
# `make modules_install` as the README gives it, into a root file system
# that already holds the kernel's own modules (KDIR's modules_install):
# the build of a copy of this tree (what a user has: no test-only module)
# must install under /lib/modules/<release>/updates/ exactly the eight
# modules the project ships (Documentation/shipping.md), each with the
# package's version, and the kernel's depmod run by it must make each
# module name the project shares with the kernel resolve to updates/.
# Everything happens in a temporary directory.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
kdir=$1 arch=$2 cross=$3
PATH=$PATH:/sbin:/usr/sbin
want="imx_rproc rpmsg_char rpmsg_client_sample rpmsg_ctrl rpmsg_link rpmsg_tty stm32_rproc virtio_rpmsg_bus"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
kver=$(cat "$kdir/include/config/kernel.release")
root=$tmp/rootfs
mods=$root/lib/modules/$kver
mkdir -p "$mods" "$tmp/src"
cp -a "$kdir/_modinst/lib/modules/$kver/." "$mods/"
rm -f "$mods/build" "$mods/source"
(cd "$top" && git ls-files -co --exclude-standard | tar -cf - -T -) > "$tmp/src.tar" ||
	{ echo "FAIL: cannot copy the tree"; exit 1; }
tar -xf "$tmp/src.tar" -C "$tmp/src"

echo "+ make KDIR=$kdir ARCH=$arch CROSS_COMPILE=$cross INSTALL_MOD_PATH=$root modules_install"
if ! make -C "$tmp/src" KDIR="$kdir" ARCH="$arch" CROSS_COMPILE="$cross" \
	INSTALL_MOD_PATH="$root" modules_install > "$tmp/make.log" 2>&1; then
	tail -n 20 "$tmp/make.log"
	echo "FAIL: make modules_install"
	exit 1
fi

installed=$(find "$mods/updates" -name '*.ko*' 2> /dev/null | sed 's|.*/||; s|\.ko.*||' | sort)
echo "shipped:" $want
echo "installed under updates/:" $installed
[ "$(echo "$installed" | tr '\n' ' ')" = "$want " ] ||
	{ echo "FAIL: installed other modules than the eight shipped"; exit 1; }
left=$(find "$mods" -name '*.ko*' ! -path "$mods/updates/*" ! -path "$mods/kernel/*")
[ -z "$left" ] || { echo "FAIL: installed outside updates/: $left"; exit 1; }

ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$top/dkms.conf")
for m in $want; do
	f=$(find "$mods/updates" -name "$m.ko*")
	v=$(modinfo -F version "$f")
	[ "$v" = "$ver" ] || { echo "FAIL: $m has version '$v', not $ver"; exit 1; }
	# modules.dep: written by the depmod modules_install ran
	p=$(sed -n "s|^\(.*/$m\.ko[.a-z]*\):.*|\1|p" "$mods/modules.dep")
	[ "$p" = "${f#"$mods/"}" ] ||
		{ echo "FAIL: modules.dep gives $m as '$p', not ${f#"$mods/"}"; exit 1; }
done
shared=$(for m in $want; do
	find "$mods/kernel" -name "$m.ko*" | sed 's|.*/||; s|\.ko.*||'
done)
[ -n "$shared" ] || { echo "FAIL: no module shared with the kernel: nothing proved"; exit 1; }
echo "ok: $(echo $want | wc -w) modules under updates/ for $kver, in front of the kernel's" $shared
