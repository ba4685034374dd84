# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# ours-only bus: a remote that stopped taking messages, writers blocked for
# a send buffer and a channel creation whose announcement waits for one,
# across stop. With a wait of an hour (tx_timeout_ms), stop must end every
# wait itself: the writers get EPIPE, the creation fails, stop completes.
# On the same file, poll(), the flow-control ioctl and a non-blocking
# write never wait behind the blocked writer (our rpmsg_char).
races_here
amp_is_ours virtio_rpmsg_bus ||
	skip "in-tree virtio_rpmsg_bus: its wait for a buffer cannot be ended by stop (up to 15 s)"

# few buffers: each message the hung core does not take costs a kick timeout
amp_load virtio_rpmsg_bus tx_timeout_ms=3600000 num_bufs=32 || fail "cannot load the bus"
r=$(board_up rpmsg_tty) || board_fail "$r"
rproc_start "$r" silent || fail "start: $(cat "$r/state")"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
# the first message hangs the silent remote: nothing is taken after it.
# Sent and taken before the ring is filled, so that the buffer it gives
# back cannot reach the writer that must stay blocked.
rpmsg_fill "$dev" 1 > /dev/null 2>&1
wait_for 100 vcore_state_is hung || fail "the silent remote does not hang"
rpmsg_race blocked "$dev" > /tmp/blocked 2>&1 &
bpid=$!
fpid= cpid=
# on a failure, no waiter of an hour is left behind for the next test
trap 'kill $bpid $fpid $cpid 2>/dev/null' EXIT
wait_for 100 grep -q "non-blocking write" /tmp/blocked ||
	wait_for 300 grep -q "stuck" /tmp/blocked
echo "NOTE: $(tr '\n' ';' < /tmp/blocked)"
if amp_is_ours rpmsg_char; then
	grep -q "stuck behind" /tmp/blocked && fail "rpmsg_char: $(tr '\n' ';' < /tmp/blocked)"
	grep -q "non-blocking write: Resource temporarily unavailable" /tmp/blocked ||
		fail "non-blocking write: $(tr '\n' ';' < /tmp/blocked)"
fi
# a second writer on another endpoint, and a channel whose announcement
# waits for a buffer (under the bus's channel lock)
dev2=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev2"
waits=$(bus_stat tx_wait)
rpmsg_fill -b "$dev2" 1 > /tmp/fill2 2>&1 &
fpid=$!
rpmsg_export_dev /dev/rpmsg_ctrl0 rpmsg-tty 257 -1 > /tmp/create 2>&1 &
cpid=$!
wait_for 100 bus_stat_ge tx_wait $((waits + 2)) ||
	fail "the writer and the announcement do not wait: tx_wait $(bus_stat tx_wait)"
echo stop > "$r/state" &
spid=$!
wait_for 300 sh -c "! kill -0 $spid 2>/dev/null" ||
	fail "stop does not end with blocked writers (tx_wait $(bus_stat tx_wait))"
wait_for 100 rproc_state_is "$r" offline || fail "state after stop: $(cat "$r/state")"
for p in $bpid $fpid $cpid; do
	wait_for 100 sh -c "! kill -0 $p 2>/dev/null" || fail "a waiter (pid $p) still waits after stop"
done
echo "NOTE: second writer: $(cat /tmp/fill2); creation: $(cat /tmp/create)"
grep -q "Broken pipe" /tmp/fill2 || fail "writer at stop: $(cat /tmp/fill2)"
# the in-tree rpmsg_char's writer holds its lock across the wait (the
# others stay stuck behind it): the tool gave up on them and exited
if amp_is_ours rpmsg_char; then
	grep -q "blocked writer: Broken pipe" /tmp/blocked ||
		fail "blocked writer at stop: $(tr '\n' ';' < /tmp/blocked)"
else
	echo "NOTE: in-tree rpmsg_char: poll() and other writers wait behind a blocked writer (mainline)"
fi
