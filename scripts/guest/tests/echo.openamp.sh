# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm stm32mp1
#
# OpenAMP echo demo: an endpoint created through rpmsg_ctrl towards the
# remote's echo endpoint gets every payload of 1..496 bytes back intact.
r=$(board_up) || fail "board: $r"
rproc_start "$r" echo || fail "start failed"
d=$(rpmsg_wait rpmsg-openamp-demo-channel) || fail "no echo channel"
dst=$(cat "$d/dst")
wait_for 50 test -c /dev/rpmsg_ctrl0 || fail "no /dev/rpmsg_ctrl0"
rpmsg_export_ept /dev/rpmsg_ctrl0 echo-test -1 "$dst" || fail "cannot create endpoint to $dst"
wait_for 50 test -c /dev/rpmsg0 || fail "no /dev/rpmsg0 after RPMSG_CREATE_EPT_IOCTL"
rpmsg_echo_test /dev/rpmsg0 1 496 || fail "echo test failed"
