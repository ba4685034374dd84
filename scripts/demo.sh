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

kdir=$("$top/scripts/guest_image.sh" "$out")
for board in $boards; do
	"$top/scripts/qemu/dtb.sh" "$board" "$out/$board.dtb"
	echo
	echo "######## Booting the virtual $board board (kernel console: $out/$board/console.log)"
	"$top/scripts/qemu/boot.sh" "$kdir" "$out/initramfs.cpio.gz" "$out/$board.dtb" \
		"$out/$board" "${GUEST_TIMEOUT:-600}" \
		"amp.mode=demo amp.sets=${MODULES:-ours} amp.board=$board" live ||
		{ echo "demo: $(cat "$out/$board/verdict")"; exit 1; }
done
