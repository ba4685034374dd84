#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
#   scripts/firmware.sh OUTDIR
#
# Build the virtual remote's firmware images from drivers/vremote/firmware:
# ELF32 Cortex-M4 images (Debian's arm-linux-gnueabihf-gcc, freestanding),
# one per board and personality, vremote-<board>-<personality>.elf, and the
# corrupt-image corpus, vremote-<board>-bad-<kind>.elf, an image without a
# resource table (-no-rsc-table), the echo image as ELF64 (-echo-elf64),
# built for 4 KiB buffers (-echo-4k), for 1000-byte send and 1500-byte
# receive buffers (-echo-bufsz-odd), and with a config space of an unknown
# version (-echo-bufsz-v2); on the i.MX boards, RPMsg-Lite images without a
# resource table, their vrings at the board's RPMsg-Lite shared memory
# (-rpmsg-only-echo: seed 001's remote_echo, -rpmsg-only-tty: the
# rpmsg-lite-tty personality, -rpmsg-only-tty-1k: the same with 1 KiB
# buffers).
set -eu
out=$1
top=$(cd "$(dirname "$0")/.." && pwd)
src=$top/drivers/vremote/firmware
cc=arm-linux-gnueabihf-gcc
personalities="multi-services echo rpmsg-lite-tty silent crash malformed ns-flood early-kick fuzz burst"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

# board: CODE_BASE CODE_LEN RSC_BASE CARVEOUT_NAME VRING_NUM VRING_ALIGN
# (the code region is a carveout of that name in the board's DT; the vrings
# fit the board's vdev0vringN regions and its vdev0buffer)
board_params() {
	case $1 in
	imx8mm) echo "0x80000000 0x1000000 0xb80ff000 m4 128 0x1000" ;;
	imx7d) echo "0x8fe00000 0x100000 0x8ffff000 m4 128 0x1000" ;;
	stm32mp1) echo "0x00000000 0x10000 0x1003f000 retram 16 16" ;;
	*) echo "firmware.sh: unknown board $1" >&2; return 1 ;;
	esac
}

# board: RPMsg-Lite's shared memory (RPMSG_LITE_SHMEM_BASE: vring 0 there,
# vring 1 at 0x8000 above), empty where the board has no i.MX MU
board_shm() {
	case $1 in
	imx8mm) echo 0xb8000000 ;;
	imx7d) echo 0x8ff00000 ;;
	esac
}

build() { # board name personality [cflags...]
	b=$1 name=$2 p=$3
	shift 3
	set -- $(board_params "$b") "$@"
	base=$1 len=$2 rsc=$3 cname=$4 vnum=$5 valign=$6
	shift 6
	$cc -E -P -x c -DCODE_BASE="$base" -DCODE_LEN="$len" -DRSC_BASE="$rsc" \
		"$src/fw.ld.S" -o "$tmp/$b.ld"
	$cc -mcpu=cortex-m4 -mthumb -mfloat-abi=soft -Os -ffreestanding -nostdlib \
		-nostartfiles -static -fno-asynchronous-unwind-tables -Wall -Wextra \
		-Werror -I"$top/include" -DPERSONALITY="\"$p\"" \
		-DCARVEOUT_NAME="\"$cname\"" -DCARVEOUT_DA="$base" -DCARVEOUT_LEN="$len" \
		-DVRING_NUM="$vnum" -DVRING_ALIGN="$valign" \
		"$@" -Wl,-T,"$tmp/$b.ld" -Wl,--build-id=none -Wl,--no-warn-rwx-segments \
		"$src/fw.c" -o "$out/vremote-$b-$name.elf"
}

for b in ${FW_BOARDS:-imx8mm imx7d stm32mp1}; do
	for p in $personalities; do
		build "$b" "$p" "$p"
	done
	build "$b" bad-rsc-offset echo -DBAD_RSC_OFFSET
	build "$b" bad-no-vrings echo -DBAD_NO_VRINGS
	build "$b" bad-overlap echo -DBAD_OVERLAP
	build "$b" no-rsc-table echo -DNO_RSC_TABLE
	shm=$(board_shm "$b")
	if [ -n "$shm" ]; then
		build "$b" rpmsg-only-echo rpmsg-lite-echo -DNO_RSC_TABLE -DSHM_DA="$shm"
		build "$b" rpmsg-only-tty rpmsg-lite-tty -DNO_RSC_TABLE -DSHM_DA="$shm"
		build "$b" rpmsg-only-tty-1k rpmsg-lite-tty -DNO_RSC_TABLE -DSHM_DA="$shm" \
			-DSHM_BUF_SIZE=1024
	fi
	build "$b" echo-4k echo -DBUFSZ_TX=4096 -DBUFSZ_RX=4096
	build "$b" echo-bufsz-odd echo -DBUFSZ_TX=1000 -DBUFSZ_RX=1500
	build "$b" echo-bufsz-v2 echo -DBUFSZ_TX=4096 -DBUFSZ_RX=4096 -DBUFSZ_VERSION=2
	python3 "$top/scripts/fw_elf64.py" "$out/vremote-$b-echo.elf" "$out/vremote-$b-echo-elf64.elf"
	python3 "$top/scripts/fw_corrupt.py" "$out/vremote-$b-echo.elf" "$out/vremote-$b"
done
