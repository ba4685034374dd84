# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm stm32mp1
#
# The remote announces 10,000 channels. The kernel stays whole, the echo
# channel announced before the flood still works, and stop removes every
# channel. How many flood channels Linux created is printed for the record.
r=$(board_up) || fail "board: $r"
rproc_start "$r" ns-flood || fail "start: $(cat "$r/state")"
rpmsg_wait rpmsg-openamp-demo-channel > /dev/null || fail "no echo channel"
flood_sent() {
	vremote_trace_done=$(rproc_trace "$r" | grep -c 'ns-flood: 10000 announcements sent')
	[ "$vremote_trace_done" -gt 0 ]
}
wait_for 1800 flood_sent || fail "the flood did not end: $(vcore_stat tx) frames sent"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "after the flood: $dev"
rpmsg_echo_test "$dev" 1 16 || fail "the link does not work after the flood"
echo "NOTE: flood channels created by Linux: $(ls /sys/bus/rpmsg/devices | grep -c flood-) of 10000"
rpmsg_destroy_ept "$dev"
rproc_stop "$r" || fail "stop after the flood: $(cat "$r/state")"
left=$(ls /sys/bus/rpmsg/devices | grep -c 'flood-')
[ "$left" -eq 0 ] || fail "$left flood channels left after stop"
