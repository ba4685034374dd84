# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# NXP RPMsg-Lite's tty firmware: it announces rpmsg-virtual-tty-channel-1
# at its fixed address 30 and echoes what it gets.
r=$(board_up) || board_fail "$r"
rproc_start "$r" rpmsg-lite-tty || fail "start: $(cat "$r/state")"
d=$(rpmsg_wait rpmsg-virtual-tty-channel-1) || fail "no rpmsg-virtual-tty-channel-1"
[ $(($(cat "$d/dst"))) -eq 30 ] || fail "announced from $(cat "$d/dst"), not 30"
dev=$(ept_to_channel rpmsg-virtual-tty-channel-1) || fail "$dev"
rpmsg_echo_test "$dev" 1 496 || fail "echo test failed"
