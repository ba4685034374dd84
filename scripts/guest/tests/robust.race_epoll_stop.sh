# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# An endpoint device held the way a daemon holds it (two epoll sets, a
# thread in epoll_wait(), a thread in poll()) while the endpoint's bus goes
# away: at stop, at crash recovery and at `rmmod virtio_rpmsg_bus`. The
# waiters wake, and closing everything afterwards touches nothing that was
# freed (on the KASAN kernel a use-after-free is a report; on the plain one
# a write into freed memory can corrupt or hang). After each round the
# board works again.
races_here

# Start holding /dev node $1: sets holder (pid), output in /tmp/hold.
# The previous round's file goes first: the shell truncates it only once
# the child runs, and its "holding" must not pass for this holder's.
hold_start() {
	rm -f /tmp/hold
	rpmsg_race hold "$1" > /tmp/hold 2>&1 &
	holder=$!
	wait_for 100 grep -q holding /tmp/hold ||
		fail "the holder did not start: $(cat /tmp/hold)"
}

# The bus went away: the holder closes everything and must end cleanly.
hold_end() {
	kill -USR1 "$holder"
	wait_for 100 sh -c "! kill -0 $holder 2>/dev/null" ||
		fail "$1: the holder does not end: $(cat /tmp/hold)"
	wait "$holder" || fail "$1: the holder failed: $(cat /tmp/hold)"
	echo "NOTE: $1: $(tail -n 1 /tmp/hold)"
}

# 1: stop
r=$(board_up) || board_fail "$r"
rproc_start "$r" echo || fail "start: $(cat "$r/state")"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
hold_start "$dev"
rproc_stop "$r" || fail "stop while held: $(cat "$r/state")"
hold_end stop

# 2: crash recovery (the firmware crashes at its first message)
rproc_start "$r" crash || fail "start: $(cat "$r/state")"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
hold_start "$dev"
boots=$(vcore_stat boots)
# the holder has the device open (one open at a time): another endpoint
dev2=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev2"
echo crash > "$dev2"
wait_for 50 vcore_state_is hung || fail "the core did not crash"
echo 1 > "/sys/kernel/debug/remoteproc/${r##*/}/crash" || fail "cannot report the crash"
booted_again() {
	[ "$(vcore_stat boots)" -gt "$boots" ]
}
wait_for 100 booted_again || fail "the core was not restarted"
wait_for 100 rproc_state_is "$r" running || fail "state after recovery: $(cat "$r/state")"
hold_end "crash recovery"
rproc_stop "$r" || fail "stop after recovery: $(cat "$r/state")"

# 3: the bus module unloaded under the holder
rproc_start "$r" echo || fail "start: $(cat "$r/state")"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
hold_start "$dev"
rmmod virtio_rpmsg_bus || fail "cannot unload the bus"
hold_end "rmmod virtio_rpmsg_bus"
amp_load virtio_rpmsg_bus || fail "cannot reload the bus"
rpmsg_wait rpmsg-openamp-demo-channel > /dev/null || fail "no channel after the reload"
rproc_stop "$r" || fail "stop: $(cat "$r/state")"

# the board still works
rproc_start "$r" echo || fail "start: $(cat "$r/state")"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
rpmsg_echo_test "$dev" 1 16 || fail "the link does not work after the rounds"
