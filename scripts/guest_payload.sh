#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
#   scripts/guest_payload.sh OUTDIR [ARCH]
#
# What the guest needs besides modules and scripts: the virtual remote's
# firmware images (OUTDIR/lib/firmware) and the rpmsg user-space tools,
# cross-built static for ARCH, arm64 (default) or arm (OUTDIR/usr/bin).
set -eu
out=$1 arch=${2:-arm64}
top=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$out"
mkdir -p "$out/lib/firmware" "$out/usr/bin"
"$top/scripts/firmware.sh" "$out/lib/firmware"
case $arch in
arm64) cc=aarch64-linux-gnu-gcc ;;
arm) cc=arm-linux-gnueabihf-gcc ;;
*) echo "guest_payload.sh: unknown arch $arch" >&2; exit 2 ;;
esac
make -s -C "$top/samples/rpmsg-tools" CC=$cc OUT="$out/usr/bin"
# the stable-name rules, installed as on a board
make -s -C "$top" udev_install DESTDIR="$out"
