# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm
#
# Firmware built for 4 KiB buffers offers VIRTIO_RPMSG_F_BUFSZ and gives
# its buffer sizes in the vdev's config space. A bus that takes the
# feature (ours; mainline from 7.4) allocates buffers of those sizes, and
# every payload up to 4080 bytes echoes; a bus that does not (the in-tree
# one of 6.12 and 7.3) keeps 512-byte buffers and the firmware falls back
# to them, as OpenAMP's does. Only imx8mm's vdev0buffer holds 2 x 128
# buffers of 4 KiB.
r=$(board_up) || board_fail "$r"
rproc_start "$r" echo-4k || fail "start: $(cat "$r/state")"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
mtu=$(rpmsg_vdev_mtu 4096) || fail "no virtio rpmsg device"
amp_is_ours virtio_rpmsg_bus && [ "$mtu" != 4080 ] &&
	fail "the bus did not take VIRTIO_RPMSG_F_BUFSZ"
if amp_is_ours virtio_rpmsg_bus; then
	s="$(bus_stat rx_buf_size) $(bus_stat tx_buf_size) $(bus_stat mtu)"
	[ "$s" = "4096 4096 4080" ] || fail "rx_buf_size, tx_buf_size, mtu: $s"
fi
rpmsg_echo_test "$dev" 1 300 || fail "echo of 1..300 bytes failed"
rpmsg_echo_test "$dev" $((mtu - 200)) "$mtu" || fail "echo up to $mtu bytes failed"
dd if=/dev/zero of="$dev" bs=$((mtu + 1)) count=1 2>/dev/null &&
	fail "a message of $((mtu + 1)) bytes was sent"
echo "NOTE: largest payload $mtu bytes"
rpmsg_destroy_ept "$dev"
rproc_stop "$r" || fail "stop: $(cat "$r/state")"
