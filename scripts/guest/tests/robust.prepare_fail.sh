# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# ours-only platform driver: a start whose prepare() fails after it added
# the firmware's carveouts (a test build's fail point, fault_prepare) takes
# them back: the next start has each carveout once, as a first start has,
# and runs. (The remoteproc core cleans carveouts up only after a boot
# that got past prepare().)
amp_is_ours "$RPROC_MODULE" ||
	skip "the kernel's $RPROC_MODULE has no fail point for prepare()"
r=$(board_up) || board_fail "$r"
fail_point=/sys/module/$RPROC_MODULE/parameters/fault_prepare
[ -w "$fail_point" ] || fail "no $fail_point: not a test build"
carveouts() {
	grep -c 'Name:' "/sys/kernel/debug/remoteproc/${r##*/}/carveout_memories"
}
rproc_start "$r" echo || fail "start: $(cat "$r/state")"
clean=$(carveouts)
rproc_stop "$r" || fail "stop: $(cat "$r/state")"
echo 2 > "$fail_point"
echo start > "$r/state" 2>/dev/null && fail "a start with a failing prepare() went through"
echo start > "$r/state" 2>/dev/null && fail "the second failing start went through"
[ "$(cat "$fail_point")" = 0 ] || fail "prepare() was not called twice: $(cat "$fail_point") left"
rproc_start "$r" echo || fail "start after the failures: $(cat "$r/state")"
now=$(carveouts)
echo "NOTE: carveouts: $clean on a first start, $now after two failed prepares"
[ "$now" -eq "$clean" ] || fail "$now carveouts after two failed prepares, $clean on a clean start"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
rpmsg_echo_test "$dev" 1 16 || fail "the link does not work"
