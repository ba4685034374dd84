# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# Eight threads write 200 messages each on one /dev/rpmsgN to the echo
# firmware while one reads: every message comes back once, and each
# writer's in the order it wrote them.
r=$(board_up) || board_fail "$r"
rproc_start "$r" echo || fail "start: $(cat "$r/state")"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
out=$(rpmsg_writers "$dev" 8 200 2>&1) || fail "$out"
echo "NOTE: $out"
