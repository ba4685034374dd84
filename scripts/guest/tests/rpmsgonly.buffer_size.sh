# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm-buf1k
#
# ours-only (mainline has no RPMsg-only mode): RPMsg-Lite firmware built
# for 1 KiB buffers (RL_BUFFER_PAYLOAD_SIZE 1008), over a link whose node
# says so (buffer-size = <1024>). The link offers VIRTIO_RPMSG_F_BUFSZ
# with that size both ways: a bus that takes it (ours) posts 1 KiB receive
# buffers and sends up to 1008 bytes; a bus that does not (the kernel's,
# up to 7.3) would post 512-byte buffers the firmware overruns: the link
# refuses it, says why, and stays down.
l=$(rpmsgonly_up tty-1k) || fail "$l"
if ! amp_is_ours virtio_rpmsg_bus; then
	wait_for 50 sh -c "dmesg | grep -q 'buffer-size 1024: the bus .* does not take VIRTIO_RPMSG_F_BUFSZ'" ||
		fail "the kernel's bus was not refused (link $(cat "$l/state"))"
	[ "$(cat "$l/state")" = down ] || fail "link $(cat "$l/state"), not down"
	rpmsg_dev rpmsg-virtual-tty-channel-1 > /dev/null && fail "a channel over 512-byte buffers"
	echo "NOTE: the kernel's bus refused: no VIRTIO_RPMSG_F_BUFSZ"
	exit 0
fi
d=$(rpmsg_wait rpmsg-virtual-tty-channel-1) ||
	fail "no rpmsg-virtual-tty-channel-1 (link $(cat "$l/state"))"
wait_for 50 rlink_state_is up || fail "link $(cat "$l/state"), not up"
rpmsg_vdev_bufsz || fail "VIRTIO_RPMSG_F_BUFSZ not taken"
s="$(bus_stat rx_buf_size) $(bus_stat tx_buf_size) $(bus_stat mtu)"
[ "$s" = "1024 1024 1008" ] || fail "rx_buf_size, tx_buf_size, mtu: $s, not 1024 1024 1008"
dev=$(ept_to_channel rpmsg-virtual-tty-channel-1) || fail "$dev"
rpmsg_echo_test "$dev" 1 100 || fail "echo of 1..100 bytes failed"
rpmsg_echo_test "$dev" 900 1008 || fail "echo of 900..1008 bytes failed"
err=$(dd if=/dev/zero of="$dev" bs=1009 count=1 2>&1) && fail "a message of 1009 bytes was sent"
case $err in
*"too long"*) ;;
*) fail "a message of 1009 bytes: $err, not EMSGSIZE" ;;
esac
rpmsg_destroy_ept "$dev"
