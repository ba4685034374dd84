# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# ours-only: blocking writers against a remote that stopped answering.
# Our bus ends a wait for a transmit buffer after tx_timeout_ms with
# ETIMEDOUT, on a signal, and with EPIPE when the device goes away (stop),
# so that stop never waits for a writer. (Mainline's wait cannot be ended
# by a signal: it retries at once until a buffer comes back, and after 15 s
# returns -ERESTARTSYS; see Documentation/rpmsg-bus.md.)
amp_is_ours virtio_rpmsg_bus || skip "in-tree virtio_rpmsg_bus: a signal cannot end its wait"

# A writer that fills the ring, then waits: print its pid once it waits.
blocked_writer() {
	local waits pid
	waits=$(bus_stat tx_wait)
	rpmsg_fill -b "$1" > "$2" 2>&1 &
	pid=$!
	wait_for 100 bus_stat_ge tx_wait $((waits + 1)) || return 1
	echo $pid
}

silent_channel() {
	rproc_start "$r" silent || { echo "start: $(cat "$r/state")"; return 1; }
	ept_to_channel rpmsg-openamp-demo-channel
}

# 1: the wait ends after tx_timeout_ms
amp_load virtio_rpmsg_bus tx_timeout_ms=300 || fail "cannot load the bus"
r=$(board_up) || board_fail "$r"
dev=$(silent_channel) || fail "$dev"
out=$(timeout 120 rpmsg_fill -b "$dev" 2000) || fail "the blocking writer hung: $out"
echo "NOTE: blocking writer, tx_timeout_ms=300: $out"
case $out in *"timed out"*) ;; *) fail "the wait did not time out: $out" ;; esac
bus_stat_ge tx_timeout 1 || fail "tx_timeout not counted"
rpmsg_destroy_ept "$dev"
rproc_stop "$r" || fail "stop: $(cat "$r/state")"
amp_unload_all || fail "cannot unload"

# 2: with a wait of an hour, a signal ends it; then stop ends another
amp_load virtio_rpmsg_bus tx_timeout_ms=3600000 || fail "cannot reload the bus"
r=$(board_up) || board_fail "$r"
dev=$(silent_channel) || fail "$dev"
pid=$(blocked_writer "$dev" /tmp/fill1) || fail "the first writer never waited"
kill "$pid"
wait_for 100 sh -c "! kill -0 $pid 2>/dev/null" || fail "a signal does not end the wait"
pid=$(blocked_writer "$dev" /tmp/fill2) || fail "the second writer never waited"
rproc_stop "$r" || fail "stop with a waiting writer: $(cat "$r/state")"
wait_for 100 sh -c "! kill -0 $pid 2>/dev/null" || fail "stop did not end the wait"
echo "NOTE: writer waiting at stop: $(cat /tmp/fill2)"
grep -q "Broken pipe" /tmp/fill2 || fail "writer at stop: $(cat /tmp/fill2)"
