# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# OpenAMP echo demo: an endpoint created through rpmsg_ctrl towards the
# remote's echo endpoint gets every payload of 1..496 bytes back intact.
r=$(board_up) || board_fail "$r"
rproc_start "$r" echo || fail "start failed"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
rpmsg_echo_test "$dev" 1 496 || fail "echo test failed"
