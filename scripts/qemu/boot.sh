#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
#   scripts/qemu/boot.sh KDIR INITRD DTB OUTDIR TIMEOUT "APPEND" [live]
#
# Boot the virtual board once (AMP_ARCH=arm: the 32-bit one, see
# common.sh). The kernel console goes to OUTDIR/console.log,
# the guest's results channel (a PCI 16550) to OUTDIR/results.log; with
# `live` the results are also shown as they come. The guest powers off when
# done; a panic or a hang ends the run within TIMEOUT seconds.
#
# Exit: 0 the guest finished; 1 it panicked; 2 it timed out, or finished
# but did not power off; 3 it stopped without finishing. A one-line
# reason is written to OUTDIR/verdict.
set -u
kdir=$1 initrd=$2 dtb=$3 outdir=$4 tmo=$5 append=$6 live=${7:-}
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/scripts/qemu/common.sh"

mkdir -p "$outdir"
con=$outdir/console.log res=$outdir/results.log
: > "$con"
: > "$res"
# shellcheck disable=SC2086
timeout -k 5 "$tmo" $QEMU $QEMU_MACHINE ${QEMU_EXTRA:-} -nographic -no-reboot \
	-kernel "$kdir/$QEMU_IMAGE" -initrd "$initrd" -dtb "$dtb" \
	-append "console=ttyAMA0 panic=-1 log_buf_len=8M $append" \
	-serial "file:$con" -monitor none \
	-chardev "file,id=results,path=$res" \
	-device pci-serial,chardev=results </dev/null >"$outdir/qemu.log" 2>&1 &
qpid=$!
if [ "$live" = live ]; then
	tail -n +1 --pid=$qpid -f "$res" | grep -av '^amp-guest-done$' &
fi
# A guest that says nothing for IDLE seconds is stuck (a deadlocked kernel
# cannot be timed out from inside): stop it well before TIMEOUT.
# A guest that has finished but does not power off (a task deadlocked in
# the kernel holds a device's lock that shutdown waits for) is stopped
# after 30 s: its results are in, but the run has failed.
idle=${GUEST_IDLE:-420} quiet=0 last=-1 stalled= done_for=0 unpowered=
while kill -0 $qpid 2>/dev/null; do
	sleep 5
	if grep -q '^amp-guest-done' "$res"; then
		done_for=$((done_for + 5))
		if [ $done_for -ge 30 ]; then
			unpowered=1
			kill $qpid 2>/dev/null
			break
		fi
		continue
	fi
	size=$(stat -c %s "$res")
	if [ "$size" = "$last" ]; then
		quiet=$((quiet + 5))
	else
		quiet=0 last=$size
	fi
	if [ $quiet -ge "$idle" ]; then
		stalled=1
		kill $qpid 2>/dev/null
		break
	fi
done
wait $qpid
qrc=$?
wait

rc=0
if grep -q '^amp-guest-done' "$res" && [ -n "$unpowered" ]; then
	echo "finished, but did not power off in 30 s (a task stuck in the kernel?)" > "$outdir/verdict"
	rc=2
elif grep -q '^amp-guest-done' "$res"; then
	echo "finished" > "$outdir/verdict"
elif grep -q 'Kernel panic' "$con"; then
	echo "guest kernel panicked: $(grep -m1 'Kernel panic' "$con" | sed 's/^\[[^]]*\] //')" > "$outdir/verdict"
	rc=1
elif [ -n "$stalled" ]; then
	echo "guest stalled: no output for ${idle}s" > "$outdir/verdict"
	rc=2
elif [ $qrc -eq 124 ] || [ $qrc -eq 137 ]; then
	echo "guest timed out after ${tmo}s" > "$outdir/verdict"
	rc=2
else
	echo "guest stopped without finishing (qemu exit $qrc: $(tail -n 1 "$outdir/qemu.log"))" > "$outdir/verdict"
	rc=3
fi
exit $rc
