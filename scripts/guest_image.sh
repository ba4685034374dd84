#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
#   scripts/guest_image.sh OUTDIR
#
# For `make demo` and `make bench`: the packages, the test kernel, the
# project's modules, firmware and tools, and OUTDIR/initramfs.cpio.gz
# with all of them. Prints the kernel build directory.
set -eu
out=$1
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/deps.sh" >&2
kdir=$("$top/scripts/kernel/build.sh" 6.12 arm64 full)
make -s -C "$kdir" M="$top" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- AMP_TESTS=1 \
	modules >/dev/null
"$top/scripts/guest_payload.sh" "$top/build/guest" >&2
kos=$(find "$top" -path "$top/build" -prune -o -name '*.ko' -print)
# shellcheck disable=SC2086
"$top/scripts/initramfs.sh" "$kdir" "$out/initramfs.cpio.gz" "$top/build/guest" $kos >&2
echo "$kdir"
