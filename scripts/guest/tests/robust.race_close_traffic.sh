# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# /dev/rpmsgN opened, written to and closed at once, over and over, while
# the echo remote answers: the answers arrive as the endpoint is destroyed.
# With the project's bus and platform driver they are delivered straight
# from the mailbox callback, the endpoint found under RCU and called under
# its own lock; a test build's delay point holds the callback between the
# lookup and that lock, so that a release runs in between. The kernel log
# stays clean (KASAN), and the link works afterwards.
races_here
r=$(board_up) || board_fail "$r"
rproc_start "$r" echo || fail "start: $(cat "$r/state")"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
atomic0=$(bus_stat rx_atomic)
parked0=$(bus_stat rx_parked)
delay=/sys/module/virtio_rpmsg_bus/parameters/fault_rx_atomic_lookup_ms
rounds=2000
if [ -w $delay ]; then
	echo 2 > $delay
	rounds=300
	echo "NOTE: delay point set: 2 ms between an endpoint's lookup and its lock"
fi
out=$(rpmsg_race close "$dev" $rounds 2>&1)
rc=$?
[ -w $delay ] && echo 0 > $delay
[ $rc -eq 0 ] || fail "$out"
# the last round's answers may still be on their way to its address,
# which the next open takes again: let them land first
settled() {
	local a
	a=$(vcore_stat tx)
	sleep 1
	[ "$(vcore_stat tx)" = "$a" ]
}
wait_for 100 settled || fail "the remote does not settle: $(vcore_stat tx) frames sent"
rpmsg_echo_test "$dev" 1 64 || fail "no echo after the race"
if [ -n "$atomic0" ]; then
	n=$(($(bus_stat rx_atomic) - atomic0))
	p=$(($(bus_stat rx_parked) - parked0))
	echo "NOTE: $out; $n delivered from the receive callback, $p left to the work"
	if amp_is_ours "$RPROC_MODULE" && amp_is_ours rpmsg_char; then
		[ "$n" -gt 0 ] || fail "nothing delivered from the receive callback: nothing was tested"
		# an endpoint released during the delay: its frame went to the work
		[ -w $delay ] && [ "$p" -eq 0 ] &&
			fail "no release during the delay: the window was not hit"
	fi
else
	echo "NOTE: $out"
fi
rpmsg_destroy_ept "$dev"
rproc_stop "$r" || fail "stop: $(cat "$r/state")"
