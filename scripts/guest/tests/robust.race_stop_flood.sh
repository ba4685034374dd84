# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# ours-only bus: stop, and crash recovery, while the remote floods Linux
# with name-service announcements (10,000 of them, refilled as fast as
# Linux takes them) and with no channel limit (max_channels=0), so that
# every frame costs a channel. The receive path runs a bounded batch at a
# time and stops at once when the device goes: stop and recovery do not
# wait for the flood to end. (The in-tree bus drains the ring for as long
# as the remote refills it: stop waits minutes, see
# Documentation/rpmsg-bus.md.)
races_here
amp_is_ours virtio_rpmsg_bus ||
	skip "in-tree virtio_rpmsg_bus: stop waits for the whole flood (unbudgeted receive)"

amp_load virtio_rpmsg_bus max_channels=0 || fail "cannot load the bus"
r=$(board_up) || board_fail "$r"
# With our platform driver too, a receive callback in flight as the stop
# begins is made to last (a test build's delay point, fault_rx_kick_ms, a
# busy wait: the callback may run in the mailbox's context): the driver
# runs the virtqueues only while the core runs and never while remoteproc
# takes them down (the work of the mailbox words, or, for our bus, the
# mailbox callback, which the bus turns off first).
kick_delay=/sys/module/virtio_rpmsg_bus/parameters/fault_rx_kick_ms
if amp_is_ours "$RPROC_MODULE" && [ -w $kick_delay ]; then
	echo 5 > $kick_delay
	echo "NOTE: delay point set: 5 ms at each receive callback"
fi
flooding() {
	[ "$(ls /sys/bus/rpmsg/devices | grep -c flood-)" -ge 100 ]
}

# 1: stop during the flood
rproc_start "$r" ns-flood || fail "start: $(cat "$r/state")"
wait_for 300 flooding || fail "no flood: $(vcore_stat tx) frames"
echo stop > "$r/state" &
spid=$!
wait_for 300 sh -c "! kill -0 $spid 2>/dev/null" ||
	fail "stop waits for the flood: $(vcore_stat tx) frames sent so far"
wait_for 100 rproc_state_is "$r" offline || fail "state after stop: $(cat "$r/state")"
echo "NOTE: stopped after $(vcore_stat tx) frames of the flood"
left=$(ls /sys/bus/rpmsg/devices | grep -c flood-)
[ "$left" -eq 0 ] || fail "$left flood channels left after stop"

# 2: crash recovery during the flood, then stop during the new one
rproc_start "$r" ns-flood || fail "start: $(cat "$r/state")"
wait_for 300 flooding || fail "no flood: $(vcore_stat tx) frames"
boots=$(vcore_stat boots)
echo 1 > "/sys/kernel/debug/remoteproc/${r##*/}/crash" &
cpid=$!
booted_again() {
	[ "$(vcore_stat boots)" -gt "$boots" ]
}
wait_for 300 booted_again || fail "recovery waits for the flood"
wait_for 100 sh -c "! kill -0 $cpid 2>/dev/null" || fail "the crash report does not return"
wait_for 100 rproc_state_is "$r" running || fail "state after recovery: $(cat "$r/state")"
wait_for 300 flooding || fail "no flood after recovery"
rproc_stop "$r" || fail "stop after recovery: $(cat "$r/state")"
left=$(ls /sys/bus/rpmsg/devices | grep -c flood-)
[ "$left" -eq 0 ] || fail "$left flood channels left after stop"

# the board works
[ -w $kick_delay ] && echo 0 > $kick_delay
rproc_start "$r" echo || fail "start: $(cat "$r/state")"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
rpmsg_echo_test "$dev" 1 16 || fail "the link does not work after the floods"
