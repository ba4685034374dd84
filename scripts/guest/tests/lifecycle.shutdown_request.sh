# SPDX-License-Identifier: GPL-2.0
# boards: stm32mp1
#
# stop asks the firmware to shut down (IPCC "shutdown") and resets the M4
# only after the firmware took the request; a firmware that no longer
# takes mailbox words (crashed) delays the stop by the bounded wait only,
# and is reset all the same.
r=$(board_up) || board_fail "$r"
rproc_start "$r" echo || fail "start: $(cat "$r/state")"
rpmsg_wait rpmsg-openamp-demo-channel > /dev/null || fail "no channel"
req=$(vcore_stat shutdown_requests)
graceful=$(vcore_stat graceful_stops)
rproc_stop "$r" || fail "stop: $(cat "$r/state")"
[ "$(vcore_stat shutdown_requests)" -eq $((req + 1)) ] ||
	fail "the firmware got $(($(vcore_stat shutdown_requests) - req)) shutdown requests, not 1"
[ "$(vcore_stat graceful_stops)" -eq $((graceful + 1)) ] ||
	fail "the M4 was reset before it had the shutdown request"

rproc_start "$r" crash || fail "start crash: $(cat "$r/state")"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
rpmsg_ping "$dev" > /dev/null 2>&1
wait_for 50 vcore_state_is hung || fail "the core did not crash"
rpmsg_destroy_ept "$dev"
graceful=$(vcore_stat graceful_stops)
rproc_stop "$r" || fail "stop of a crashed firmware: $(cat "$r/state")"
[ "$(vcore_stat state)" = halted ] || fail "crashed core is $(vcore_stat state) after stop"
[ "$(vcore_stat graceful_stops)" -eq "$graceful" ] || fail "a crashed core took the request"
