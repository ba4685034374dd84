#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
#   scripts/qemu/dtb.sh BOARD OUT.dtb
#
# QEMU's own virt tree (dumped for the exact machine the tests boot) with
# the project's board overlay dts/BOARD-virt.dtso applied.
set -eu
board=$1 out=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/scripts/qemu/common.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC2086
$QEMU $QEMU_MACHINE -machine dumpdtb="$tmp/virt.dtb" -display none >/dev/null 2>&1
dtc -q -@ -I dts -O dtb -o "$tmp/board.dtbo" "$top/dts/$board-virt.dtso"
fdtoverlay -i "$tmp/virt.dtb" -o "$out" "$tmp/board.dtbo"
