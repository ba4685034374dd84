#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
#   scripts/guest_payload.sh OUTDIR
#
# What the guest needs besides modules and scripts: the virtual remote's
# firmware images (OUTDIR/lib/firmware) and the rpmsg user-space tools,
# cross-built static for arm64 (OUTDIR/usr/bin).
set -eu
out=$1
top=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$out"
mkdir -p "$out/lib/firmware" "$out/usr/bin"
"$top/scripts/firmware.sh" "$out/lib/firmware"
make -s -C "$top/samples/rpmsg-tools" CC=aarch64-linux-gnu-gcc OUT="$out/usr/bin"
