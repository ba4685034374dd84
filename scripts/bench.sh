#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# `make bench` (not part of `make check`): on the virtual board (BOARD,
# default imx8mm) with the echo and multi-services firmware, the module
# sets (MODULES, default "ours ref") measured in the same boot: the time
# from `echo start` to the first channel, round-trip latency through
# /dev/rpmsgN at 16, 128 and 496 bytes and at 16 bytes under CPU load (p50,
# p99), streaming throughput (messages/s, MB/s), and /dev/ttyRPMSG0
# throughput. ROUNDS (default 5) rounds, the sets' order alternating.
# Prints each metric's median over the rounds with its spread (min and
# max), then one line per metric with the ours/ref ratio of the medians;
# writes the numbers to a JSON file and a picture to a PNG (paths printed).
#
# BENCH_CLOCK=icount (default): the guest's clock counts its instructions
# (QEMU -icount shift=0: 1 ns each; idle time skipped), so a "µs" is a
# thousand instructions of work, whatever else the host runs: the figures
# repeat from run to run. The guest then has one CPU (BENCH_CPUS, default
# 1): QEMU runs the vCPUs of an instruction-counted guest in turn on one
# host thread, each for a slice of up to the next timer's deadline, so
# with two a wake-up sent to the other CPU waits for the slice to end, and
# a stream's rate followed QEMU's slicing (32,500 or 58,000 messages/s
# for the same modules, by boot), not the drivers.
# BENCH_CLOCK=host: the guest's clock is the host's, with two CPUs (the
# emulator's speed, and the machine's load, then count).
#
# PROFILE=<workload>:<count> (lat<size>, stream or tty, e.g. lat16:20000):
# instead of the table, where each set's instructions go, counted by a
# QEMU plugin (scripts/qemu/insn_profile.c): per set, one boot running the
# workload and one without it; their difference per operation, by
# component and by function (OUTDIR/profile.txt).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
board=${BOARD:-imx8mm}
sets=${MODULES:-ours ref}
clock=${BENCH_CLOCK:-icount}
out=$top/build/bench
rm -rf "$out"
mkdir -p "$out"

case $clock in
icount) export QEMU_EXTRA="-icount shift=0,sleep=off,align=off" QEMU_SMP=${BENCH_CPUS:-1} ;;
host) export QEMU_EXTRA= QEMU_SMP=${BENCH_CPUS:-2} ;;
*) echo "BENCH_CLOCK is icount or host" >&2; exit 2 ;;
esac
"$top/scripts/deps.sh" bench
kdir=$("$top/scripts/guest_image.sh" "$out")
"$top/scripts/qemu/dtb.sh" "$board" "$out/$board.dtb"

# PROFILE=<workload>:<count>: where the instructions go (see the top)
if [ -n "${PROFILE:-}" ]; then
	[ "$clock" = icount ] && [ "$QEMU_SMP" = 1 ] ||
		{ echo "bench: PROFILE needs BENCH_CLOCK=icount and one CPU" >&2; exit 2; }
	w=${PROFILE%%:*} n=${PROFILE#*:}
	case $w in
	lat*) ops=$((n + 200)) ;;
	stream) ops=$((n + n / 10)) ;;
	tty) ops=$n ;;
	*) echo "bench: PROFILE is lat16:N, lat496:N, stream:N or tty:N" >&2; exit 2 ;;
	esac
	gcc -shared -fPIC -O2 -fvisibility=hidden -o "$out/insn_profile.so" \
		"$top/scripts/qemu/insn_profile.c"
	extra=$QEMU_EXTRA
	for s in $sets; do
		for b in run base; do
			d=$out/profile/$s/$b
			mkdir -p "$d"
			[ $b = run ] && c=$n || c=0
			echo "bench: profile of $s, $w, $c messages"
			QEMU_EXTRA="$extra -plugin $out/insn_profile.so,out=$d/insns.txt" \
				"$top/scripts/qemu/boot.sh" "$kdir" "$out/initramfs.cpio.gz" \
				"$out/$board.dtb" "$d" "${GUEST_TIMEOUT:-1200}" \
				"amp.mode=bench amp.sets=$s amp.board=$board amp.profile=$w:$c" ||
				{ echo "bench: the guest $(cat "$d/verdict")" >&2; exit 1; }
			grep -a '^profile' "$d/results.log" || true
		done
	done
	# shellcheck disable=SC2046
	python3 "$top/scripts/bench_profile.py" "$kdir/System.map" "$ops" \
		$(for s in $sets; do echo "$out/profile/$s"; done) | tee "$out/profile.txt"
	exit 0
fi
echo "bench: $board, sets: $sets, clock: $clock, CPUs: $QEMU_SMP (kernel console: $out/guest/console.log)"
"$top/scripts/qemu/boot.sh" "$kdir" "$out/initramfs.cpio.gz" "$out/$board.dtb" \
	"$out/guest" "${GUEST_TIMEOUT:-1200}" \
	"amp.mode=bench amp.sets=$(echo $sets | tr ' ' ,) amp.board=$board amp.rounds=${ROUNDS:-5}" ||
	echo "bench: the guest $(cat "$out/guest/verdict")"
grep -a '^bench ' "$out/guest/results.log" | tr -d '\r' > "$out/raw.txt" || true
# shellcheck disable=SC2086
python3 "$top/scripts/bench_report.py" "$out" "$board" "$clock" $sets
