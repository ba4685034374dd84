# SPDX-License-Identifier: GPL-2.0
# boards: stm32mp1-rcc
#
# The firmware crashes at its first message and its watchdog fires (the
# interrupt of the M4 node): the platform driver reports a watchdog crash
# and remoteproc recovers on its own, nobody writes to debugfs. The core
# boots again and the channel comes back; after two such crashes the core
# can still be stopped. The line is a wakeup source (wakeup-source).
r=$(board_up) || board_fail "$r"
wake=$(cat "$r/device/power/wakeup" 2>/dev/null)
[ "$wake" = enabled ] || fail "power/wakeup of the M4 is '$wake', not enabled"
rproc_start "$r" crash || fail "start: $(cat "$r/state")"
crashes=0
while [ $crashes -lt 2 ]; do
	dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "crash $crashes: $dev"
	boots=$(vcore_stat boots)
	rpmsg_ping "$dev" > /dev/null 2>&1 && fail "the crash firmware answered"
	booted_again() {
		[ "$(vcore_stat boots)" -gt "$boots" ]
	}
	wait_for 100 booted_again ||
		fail "crash $crashes: not restarted (watchdog interrupts: $(vcore_stat watchdog_irqs))"
	wait_for 100 rproc_state_is "$r" running ||
		fail "state after recovery: $(cat "$r/state")"
	crashes=$((crashes + 1))
done
[ "$(vcore_stat watchdog_irqs)" -eq 2 ] ||
	fail "$(vcore_stat watchdog_irqs) watchdog interrupts, not 2"
n_wdg=$(dmesg | grep -c 'crash detected in .*: type watchdog')
[ "$n_wdg" -eq 2 ] || fail "$n_wdg watchdog crashes in the kernel log, not 2"
rpmsg_wait rpmsg-openamp-demo-channel > /dev/null || fail "channel not back after recovery"
rproc_stop "$r" || fail "stop after recovery: $(cat "$r/state")"
