# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm
#
# Firmware built for other buffer sizes offers VIRTIO_RPMSG_F_BUFSZ and
# gives its send and receive buffer sizes in the vdev's config space. A bus
# that takes the feature (ours; mainline's from the release after 7.3)
# sizes its receive buffers by the first and its messages by the second; a
# bus that does not (the in-tree one of 6.12 and 7.3) keeps 512-byte
# buffers and the firmware falls back to them, as OpenAMP's does. A config
# space of a version the bus does not know gets the feature refused: 512
# bytes again. Only imx8mm's vdev0buffer holds 2 x 128 buffers of 4 KiB.
r=$(board_up) || board_fail "$r"
ours=
amp_is_ours virtio_rpmsg_bus && ours=1

# start firmware $1 and check: largest payload sent $2 (ours), answered $3
# (the firmware's send buffers), debugfs sizes "$4" (ours)
buf_case() {
	local fw=$1 mtu=$2 back=$3 sizes=$4 dev s err taken want
	rproc_start "$r" "$fw" || fail "$fw: start: $(cat "$r/state")"
	dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$fw: $dev"
	rpmsg_vdev_bufsz
	taken=$?
	[ $taken = 2 ] && fail "$fw: no virtio rpmsg device"
	if [ -z "$ours" ]; then
		[ $taken = 1 ] || fail "$fw: the in-tree bus took VIRTIO_RPMSG_F_BUFSZ"
		mtu=496 back=496
	else
		want=0
		[ "$fw" = echo-bufsz-v2 ] && want=1
		[ $taken = $want ] || fail "$fw: VIRTIO_RPMSG_F_BUFSZ taken: $taken, not $want"
		s="$(bus_stat rx_buf_size) $(bus_stat tx_buf_size) $(bus_stat mtu)"
		[ "$s" = "$sizes" ] || fail "$fw: rx_buf_size, tx_buf_size, mtu: $s, not $sizes"
	fi
	rpmsg_echo_test "$dev" 1 200 || fail "$fw: echo of 1..200 bytes failed"
	rpmsg_echo_test "$dev" $((back - 100)) "$back" || fail "$fw: echo up to $back bytes failed"
	dd if=/dev/zero of="$dev" bs="$mtu" count=1 2>/dev/null ||
		fail "$fw: a message of $mtu bytes was refused"
	err=$(dd if=/dev/zero of="$dev" bs=$((mtu + 1)) count=1 2>&1) &&
		fail "$fw: a message of $((mtu + 1)) bytes was sent"
	case $err in
	*"too long"*) ;;
	*) fail "$fw: a message of $((mtu + 1)) bytes: $err, not EMSGSIZE" ;;
	esac
	echo "NOTE: $fw: largest payload $mtu bytes, answers up to $back"
	rpmsg_destroy_ept "$dev"
	rproc_stop "$r" || fail "$fw: stop: $(cat "$r/state")"
}

buf_case echo-4k 4080 4080 "4096 4096 4080"
# sizes not a multiple of 16: receive buffers rounded up, messages not
buf_case echo-bufsz-odd 1484 984 "1008 1504 1484"
buf_case echo-bufsz-v2 496 496 "512 512 496"
if [ -n "$ours" ]; then
	dmesg | grep -q "VIRTIO_RPMSG_F_BUFSZ refused" ||
		fail "no warning for the config space of version 2"
fi
