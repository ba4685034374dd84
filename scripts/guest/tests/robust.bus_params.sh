# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# ours-only: virtio_rpmsg_bus's module parameters. Values out of range are
# refused at load; valid ones take effect (buffer size and count in the
# debugfs counters, the MTU in what an endpoint can send).
amp_is_ours virtio_rpmsg_bus || skip "in-tree virtio_rpmsg_bus has no parameters"
for p in buf_size=100 buf_size=32 buf_size=65552 num_bufs=0 max_channels=-1 \
	tx_timeout_ms=0 buf_size=junk; do
	if amp_load virtio_rpmsg_bus "$p" > /dev/null 2>&1; then
		fail "loaded with $p"
	fi
	grep -q "^virtio_rpmsg_bus " /proc/modules && fail "loaded with $p"
done
amp_load virtio_rpmsg_bus buf_size=1024 num_bufs=8 || fail "cannot load with buf_size=1024 num_bufs=8"
r=$(board_up) || board_fail "$r"
rproc_start "$r" echo || fail "start: $(cat "$r/state")"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
[ "$(bus_stat rx_buf_size) $(bus_stat tx_buf_size)" = "1024 1024" ] ||
	fail "buffer sizes: $(bus_stat rx_buf_size) $(bus_stat tx_buf_size)"
[ "$(bus_stat buffers)" = 8 ] || fail "buffers is $(bus_stat buffers)"
# the emulated remote answers at most 496 bytes, but Linux now sends 1008
rpmsg_echo_test "$dev" 1 496 || fail "echo with 1024-byte buffers failed"
dd if=/dev/zero of="$dev" bs=1008 count=1 2>/dev/null || fail "a 1008-byte message was refused"
dd if=/dev/zero of="$dev" bs=1009 count=1 2>/dev/null && fail "a 1009-byte message was sent"
echo "NOTE: $(grep -E '^(rx_buf_size|tx_buf_size|buffers|tx|rx):' /sys/kernel/debug/virtio_rpmsg_bus/*/stats | tr '\n' ' ')"
