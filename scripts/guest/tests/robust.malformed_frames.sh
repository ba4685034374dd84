# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# The remote sends frames that break the protocol (length past the buffer,
# zero length, unknown destination, used length shorter than a header,
# name service with an unterminated name, unknown flags, a short message),
# then behaves. The kernel stays whole and the link still works. What
# Linux made of each frame is printed for the record.
r=$(board_up) || board_fail "$r"
rproc_start "$r" malformed || fail "start: $(cat "$r/state")"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
rpmsg_echo_test "$dev" 1 64 || fail "the link does not work after the bad frames"
echo "NOTE: channels: $(ls /sys/bus/rpmsg/devices | tr '\n' ' ')"
dmesg | grep -E 'rpmsg|virtio' | grep -vE 'creating channel rpmsg-openamp|host is online|registered virtio' |
	sed 's/^\[[^]]*\] /NOTE: /' | sort | uniq -c | sed 's/^ *\([0-9]*\) NOTE: /NOTE: \1x /'
# ours-only: each bad frame dropped and counted, no channel made of one
if amp_is_ours virtio_rpmsg_bus; then
	echo "NOTE: counters: $(cat /sys/kernel/debug/virtio_rpmsg_bus/*/stats | grep -E '^rx' | tr '\n' ' ')"
	for c in rx_drop_oversize:1 rx_drop_empty:1 rx_drop_short:1 rx_drop_no_endpoint:1 \
		rx_drop_ns_malformed:3; do
		[ "$(bus_stat "${c%:*}")" = "${c#*:}" ] || fail "${c%:*} is $(bus_stat "${c%:*}"), not ${c#*:}"
	done
	if ls /sys/bus/rpmsg/devices | grep -qE 'AAAA|bad-flags'; then
		fail "a malformed announcement made a channel"
	fi
fi
