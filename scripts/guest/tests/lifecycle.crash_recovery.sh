# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# The firmware crashes at its first message; remoteproc's crash path
# (reported here through its debugfs, as a watchdog would) recovers it:
# the core is restarted with the same image and the channel comes back.
r=$(board_up) || board_fail "$r"
rproc_start "$r" crash || fail "start: $(cat "$r/state")"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
rpmsg_ping "$dev" > /dev/null 2>&1 && fail "the crash firmware answered"
wait_for 50 vcore_state_is hung || fail "the core did not crash"
boots=$(vcore_stat boots)
rpmsg_destroy_ept "$dev"
echo 1 > "/sys/kernel/debug/remoteproc/${r##*/}/crash" || fail "cannot report the crash"
booted_again() {
	[ "$(vcore_stat boots)" -gt "$boots" ]
}
wait_for 100 booted_again || fail "the core was not restarted"
wait_for 100 rproc_state_is "$r" running || fail "state after recovery: $(cat "$r/state")"
rpmsg_wait rpmsg-openamp-demo-channel > /dev/null || fail "channel not back after recovery"
[ "$(vcore_stat state)" = running ] || fail "core is $(vcore_stat state) after recovery"
