#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# `make demo`: build what is needed (packages, test kernel, modules) and
# boot the virtual board, showing what the guest does as it does it.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
boards=${BOARD:-imx8mm stm32mp1}
out=$top/build/demo
mkdir -p "$out"

"$top/scripts/deps.sh"
kdir=$("$top/scripts/kernel/build.sh" 6.12 arm64 full)
make -s -C "$kdir" M="$top" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- AMP_TESTS=1 modules >/dev/null
"$top/scripts/guest_payload.sh" "$top/build/guest"
kos=$(find "$top" -path "$top/build" -prune -o -name '*.ko' -print)
# shellcheck disable=SC2086
"$top/scripts/initramfs.sh" "$kdir" "$out/initramfs.cpio.gz" $kos
for board in $boards; do
	"$top/scripts/qemu/dtb.sh" "$board" "$out/$board.dtb"
	echo
	echo "######## Booting the virtual $board board (kernel console: $out/$board/console.log)"
	"$top/scripts/qemu/boot.sh" "$kdir" "$out/initramfs.cpio.gz" "$out/$board.dtb" \
		"$out/$board" "${GUEST_TIMEOUT:-600}" \
		"amp.mode=demo amp.sets=${MODULES:-ours} amp.board=$board" live ||
		{ echo "demo: $(cat "$out/$board/verdict")"; exit 1; }
done
