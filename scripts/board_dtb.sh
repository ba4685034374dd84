#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
#   scripts/board_dtb.sh KSRC OVERLAY.dtso OUT.dtb [OUT.dts]
#
# A real board's device tree with one of the project's overlays applied:
# the board's own DTS from the kernel source KSRC (named on the overlay's
# " * base: " line) compiled with symbols, the overlay compiled against the
# same dt-bindings headers, fdtoverlay to merge them. OUT.dts, if given,
# receives the preprocessed overlay (for the list of nodes it defines);
# the board's own DTB is left next to OUT as OUT minus .dtb plus .base.dtb.
set -eu
ksrc=$1 ovl=$2 out=$3 ovl_dts=${4:-}
base=$(sed -n 's|^ \* base: ||p' "$ovl")
[ -n "$base" ] || { echo "board_dtb.sh: $ovl names no base" >&2; exit 1; }
[ -f "$ksrc/$base" ] || { echo "board_dtb.sh: no $ksrc/$base" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pp() {
	cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp -P \
		-I "$ksrc/include" -I "$ksrc/scripts/dtc/include-prefixes" \
		-I "$(dirname "$ksrc/$base")" "$1" -o "$2"
}
pp "$ksrc/$base" "$tmp/base.dts"
pp "$ovl" "$tmp/ovl.dts"
dtc -q -@ -I dts -O dtb -i "$(dirname "$ksrc/$base")" -o "$tmp/base.dtb" "$tmp/base.dts"
dtc -q -@ -I dts -O dtb -o "$tmp/ovl.dtbo" "$tmp/ovl.dts"
fdtoverlay -i "$tmp/base.dtb" -o "$out" "$tmp/ovl.dtbo"
cp "$tmp/base.dtb" "${out%.dtb}.base.dtb"
[ -z "$ovl_dts" ] || cp "$tmp/ovl.dts" "$ovl_dts"
