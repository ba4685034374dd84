# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# Channels created and released from user space (rpmsg_ctrl's
# RPMSG_CREATE_DEV_IOCTL / RPMSG_RELEASE_DEV_IOCTL, "rpmsg-tty") while the
# remote sends to each one as soon as it hears of it ("bound"): a frame
# being delivered races the release of its channel. In test builds our bus
# has a delay point in that window (fault_rx_deliver_ms), set here so that
# a frame is still on its way when the channel is freed; frames our bus
# delivers in atomic context reach our rpmsg_tty, whose receive callback
# has a busy-wait point with the port in hand (fault_rx_port_ms): its
# remove() must wait for it (without, KASAN: use-after-free in
# __tty_buffer_request_room on stm32mp1). The kernel log stays clean
# (KASAN), and the link works afterwards.
races_here
# The in-tree rpmsg_tty frees its port in remove(), before the core
# destroys the endpoint: a frame in that window oopses (rpmsg_tty_cb ->
# __tty_buffer_request_room, seen once in 300 rounds on stm32mp1).
amp_is_ours rpmsg_tty ||
	skip "in-tree rpmsg_tty: a frame arriving while its channel is removed reaches the freed tty port (oops)"
r=$(board_up rpmsg_tty) || board_fail "$r"
rproc_start "$r" multi-services || fail "start: $(cat "$r/state")"
wait_for 100 test -c /dev/ttyRPMSG0 || fail "no /dev/ttyRPMSG0"
wait_for 50 test -c /dev/rpmsg_ctrl0 || fail "no /dev/rpmsg_ctrl0"
delay=/sys/module/virtio_rpmsg_bus/parameters/fault_rx_deliver_ms
port=/sys/module/rpmsg_tty/parameters/fault_rx_port_ms
rounds=300
pause=
if [ -w $delay ]; then
	echo 20 > $delay
	rounds=100
	echo "NOTE: delay point set: 20 ms before each delivery"
fi
if [ -w $port ]; then
	echo 20 > $port
	# released 3 ms after it is made: the remote's first frame is then in
	# the callback's busy wait when the release comes
	pause=3000
	echo "NOTE: delay point set: 20 ms in the tty's receive callback; release after 3 ms"
fi
out=$(rpmsg_race chan /dev/rpmsg_ctrl0 rpmsg-tty 257 $rounds $pause 2>&1)
rc=$?
[ -w $delay ] && echo 0 > $delay
[ -w $port ] && echo 0 > $port
[ $rc -eq 0 ] || fail "$out"
echo "NOTE: $out; remote: $(rproc_trace "$r" | grep -c 'bound to 0x101') binds"
pid=$(tty_reader /dev/ttyRPMSG0 /tmp/tty0) || fail "cannot read /dev/ttyRPMSG0"
echo "after the race" > /dev/ttyRPMSG0
wait_for 50 grep -q "TTY 0: after the race" /tmp/tty0 || fail "tty 0 does not answer"
kill "$pid"
rproc_stop "$r" || fail "stop: $(cat "$r/state")"
