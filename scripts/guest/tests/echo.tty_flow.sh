# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# A writer faster than the remote on /dev/ttyRPMSG0: 600 writes of 256
# bytes in a row, more than the 128 send buffers hold. Where both
# rpmsg_tty and the bus are ours, a write that finds no free buffer waits
# for one (the bus's poll wakes the tty), so every write is taken and
# every byte comes back; the kernel's rpmsg_tty fails such a write with
# ENOMEM (documented in rpmsg-clients.md).
amp_is_ours rpmsg_tty && amp_is_ours virtio_rpmsg_bus ||
	skip "in-tree rpmsg_tty or bus: a write without a free buffer fails with ENOMEM"
r=$(board_up rpmsg_tty) || board_fail "$r"
rproc_start "$r" multi-services || fail "start: $(cat "$r/state")"
wait_for 100 test -c /dev/ttyRPMSG0 || fail "no /dev/ttyRPMSG0"
pid=$(tty_reader /dev/ttyRPMSG0 /tmp/tty0) || fail "cannot read /dev/ttyRPMSG0"
head -c 256 /dev/zero | tr '\0' x > /tmp/msg
i=0
while [ $i -lt 600 ]; do cat /tmp/msg; i=$((i + 1)); done > /tmp/msgs
out=$(dd if=/tmp/msgs of=/dev/ttyRPMSG0 bs=256 2>&1) || fail "the writer failed: $out"
case $out in *"600+0 records out"*) ;; *) fail "not all written: $out" ;; esac
# each message comes back as "TTY 0: " and its bytes
wait_for 100 sh -c 'test "$(tr -cd x < /tmp/tty0 | wc -c)" -ge 153600' ||
	fail "$(tr -cd x < /tmp/tty0 | wc -c) of 153600 bytes came back"
kill "$pid"
rproc_stop "$r" || fail "stop: $(cat "$r/state")"
