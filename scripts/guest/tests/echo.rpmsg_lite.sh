# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm stm32mp1
#
# NXP RPMsg-Lite's tty firmware: it announces rpmsg-virtual-tty-channel-1
# at its fixed address 30 and echoes what it gets.
r=$(board_up) || fail "board: $r"
rproc_start "$r" rpmsg-lite-tty || fail "start: $(cat "$r/state")"
d=$(rpmsg_wait rpmsg-virtual-tty-channel-1) || fail "no rpmsg-virtual-tty-channel-1"
[ $(($(cat "$d/dst"))) -eq 30 ] || fail "announced from $(cat "$d/dst"), not 30"
wait_for 50 test -c /dev/rpmsg_ctrl0 || fail "no /dev/rpmsg_ctrl0"
rpmsg_export_ept /dev/rpmsg_ctrl0 lite-test -1 30 || fail "cannot create endpoint"
wait_for 50 test -c /dev/rpmsg0 || fail "no /dev/rpmsg0"
rpmsg_echo_test /dev/rpmsg0 1 496 || fail "echo test failed"
