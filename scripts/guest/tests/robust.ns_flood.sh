# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# The remote announces 10,000 channels. The kernel stays whole, the echo
# channel announced before the flood still works, and stop removes every
# channel. How many flood channels Linux created is printed for the record.
r=$(board_up) || board_fail "$r"
rproc_start "$r" ns-flood || fail "start: $(cat "$r/state")"
rpmsg_wait rpmsg-openamp-demo-channel > /dev/null || fail "no echo channel"
flood_sent() {
	vremote_trace_done=$(rproc_trace "$r" | grep -c 'ns-flood: 10000 announcements sent')
	[ "$vremote_trace_done" -gt 0 ]
}
# the kernel's bus takes many minutes for it on the KASAN kernel: wait in
# three slices of a minute (wait_for counts tenths), and after each say how
# far the remote got if it got further
sent=-1 slices=3
until wait_for 600 flood_sent; do
	slices=$((slices - 1))
	[ $slices -gt 0 ] || fail "the flood did not end: $(vcore_stat tx) frames sent"
	if [ "$(vcore_stat tx)" != "$sent" ]; then
		sent=$(vcore_stat tx)
		progress "ns-flood: $sent frames sent"
	fi
done
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "after the flood: $dev"
rpmsg_echo_test "$dev" 1 16 || fail "the link does not work after the flood"
made=$(ls /sys/bus/rpmsg/devices | grep -c flood-)
echo "NOTE: flood channels created by Linux: $made of 10000"
# ours-only: channels up to max_channels (the echo channel is one), the
# rest dropped and counted
if amp_is_ours virtio_rpmsg_bus; then
	max=$(cat /sys/module/virtio_rpmsg_bus/parameters/max_channels)
	echo "NOTE: max_channels $max, rx_drop_ns_limit $(bus_stat rx_drop_ns_limit)"
	[ "$made" -eq $((max - 1)) ] || fail "$made flood channels, not $((max - 1))"
	[ "$(bus_stat rx_drop_ns_limit)" -eq $((10000 - made)) ] ||
		fail "rx_drop_ns_limit is $(bus_stat rx_drop_ns_limit), not $((10000 - made))"
fi
rpmsg_destroy_ept "$dev"
rproc_stop "$r" || fail "stop after the flood: $(cat "$r/state")"
left=$(ls /sys/bus/rpmsg/devices | grep -c 'flood-')
[ "$left" -eq 0 ] || fail "$left flood channels left after stop"
