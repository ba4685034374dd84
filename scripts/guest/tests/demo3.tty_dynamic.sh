# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# Seed 002 Demo 3: a second tty created from user space through
# rpmsg_ctrl (RPMSG_CREATE_DEV_IOCTL, "rpmsg-tty", 257, -1). Linux
# announces it: the remote sees the seed's byte-exact name-service message
# (src 0x101, len 40, name rpmsg-tty, addr 0x101, flags 0), binds a tty
# endpoint of its own and answers "bound"; releasing the device tells the
# remote too. (Answering on the new tty needs a bus that learns the
# remote's address from its first message: mainline's refuses to send to
# address -1, so that part is ours-only: our bus learns it.)
r=$(board_up rpmsg_tty) || board_fail "$r"
rproc_start "$r" multi-services || fail "start: $(cat "$r/state")"
wait_for 100 test -c /dev/ttyRPMSG0 || fail "no /dev/ttyRPMSG0"
pid=$(tty_reader /dev/ttyRPMSG0 /tmp/tty0) || fail "cannot read /dev/ttyRPMSG0"
# the remote learns Linux's tty address from this first message
echo " hello Zephyr" > /dev/ttyRPMSG0
wait_for 50 grep -q "TTY 0:  hello Zephyr" /tmp/tty0 || fail "tty 0 does not answer"
wait_for 50 test -c /dev/rpmsg_ctrl0 || fail "no /dev/rpmsg_ctrl0"
rpmsg_export_dev /dev/rpmsg_ctrl0 rpmsg-tty 257 -1 || fail "RPMSG_CREATE_DEV_IOCTL failed"
wait_for 50 test -c /dev/ttyRPMSG1 || fail "no /dev/ttyRPMSG1"
wait_for 50 trace_has "$r" 'ns from linux: src 0x101 len 40 name rpmsg-tty addr 0x101 flags 0' ||
	fail "the remote did not see the announcement: $(rproc_trace "$r" | tail -n 3)"
wait_for 50 trace_has "$r" 'tty 1 at 0x[0-9a-f]* bound to 0x101' ||
	fail "the remote did not bind a tty endpoint"
echo "hello dev0" > /dev/ttyRPMSG0
wait_for 50 grep -q "TTY 0: hello dev0" /tmp/tty0 || fail "tty 0 stopped answering"
kill "$pid"
# ours-only: the bus learned the remote's address from "bound"
if amp_is_ours virtio_rpmsg_bus; then
	pid=$(tty_reader /dev/ttyRPMSG1 /tmp/tty1) || fail "cannot read /dev/ttyRPMSG1"
	echo "hello dev1" > /dev/ttyRPMSG1 || fail "cannot write /dev/ttyRPMSG1"
	wait_for 50 grep -q "TTY 1: hello dev1" /tmp/tty1 ||
		fail "tty 1 does not answer: $(cat /tmp/tty1)"
	kill "$pid"
fi
rpmsg_export_dev /dev/rpmsg_ctrl0 -d rpmsg-tty 257 -1 || fail "RPMSG_RELEASE_DEV_IOCTL failed"
wait_for 50 sh -c '! test -e /dev/ttyRPMSG1' || fail "/dev/ttyRPMSG1 still there"
wait_for 50 trace_has "$r" 'ns from linux: src 0x101 len 40 name rpmsg-tty addr 0x101 flags 1' ||
	fail "the remote was not told of the release"
