# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# Seed 000's session: the boot loader started the core (bootaux) before
# Linux; the platform driver attaches ("attached"; stm32_rproc without
# st,auto-boot, as on this board, leaves it "detached" until `start`
# attaches, lifecycle.auto_boot has the other case), the channel
# works, detach is refused where the SoC cannot do it (i.MX8MM over the
# SRC), stop leaves it offline, and a new firmware starts, which cannot
# be detached (only an attached core can).
vboard_load || fail "cannot load the virtual board"
vcore_bootaux echo || fail "bootaux failed"
boots=$(vcore_stat boots)
for m in "$RPROC_MODULE" virtio_rpmsg_bus rpmsg_char rpmsg_ctrl; do
	amp_load $m || fail "cannot load $m"
done
r=$(rproc_wait "$RPROC_NAME") || board_fail "$(no_rproc)"
attached_or_detached() {
	rproc_state_is "$r" attached || rproc_state_is "$r" detached
}
wait_for 50 attached_or_detached || fail "state is $(cat "$r/state"), expected attached"
if [ "$RPROC_MODULE" = stm32_rproc ]; then
	rproc_state_is "$r" detached ||
		fail "state is $(cat "$r/state") without st,auto-boot, expected detached"
fi
if rproc_state_is "$r" detached; then
	echo start > "$r/state" || fail "start (attach) refused"
	wait_for 50 rproc_state_is "$r" attached || fail "after start: $(cat "$r/state")"
fi
[ "$(vcore_stat boots)" = "$boots" ] || fail "the core was booted again instead of attached to"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "attached firmware: $dev"
rpmsg_echo_test "$dev" 1 32 || fail "no echo from the attached firmware"
if echo detach > "$r/state" 2>/dev/null; then
	wait_for 50 rproc_state_is "$r" detached || fail "detach accepted but state is $(cat "$r/state")"
	echo "detach supported"
else
	rproc_state_is "$r" attached || fail "refused detach left state $(cat "$r/state")"
fi
if rproc_state_is "$r" detached; then
	echo start > "$r/state" && wait_for 50 rproc_state_is "$r" attached ||
		fail "re-attach: state is $(cat "$r/state")"
fi
rproc_stop "$r" || fail "stop after attach: state is $(cat "$r/state")"
[ "$(vcore_stat state)" = halted ] || fail "core is $(vcore_stat state) after stop"
rproc_start "$r" multi-services || fail "new firmware: state is $(cat "$r/state")"
rpmsg_wait rpmsg-raw > /dev/null || fail "no channel from the new firmware"
# a core Linux started cannot be detached (Documentation/imx-rproc.md)
echo detach > "$r/state" 2>/dev/null && fail "detach of a core Linux started was accepted"
rproc_state_is "$r" running || fail "a refused detach left state $(cat "$r/state")"
