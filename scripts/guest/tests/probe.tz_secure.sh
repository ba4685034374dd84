# SPDX-License-Identifier: GPL-2.0
# boards: stm32mp1-rcc
#
# ours-only: RCC_TZCR's TZEN set and no hold_boot reset line (no SCMI):
# the M4 is the secure world's. stm32_rproc refuses to probe, saying why,
# instead of trying a secure-monitor call as mainline does (which faults
# where no secure monitor implements it). With TZEN clear it probes.
amp_is_ours stm32_rproc || skip "mainline uses the deprecated SMC interface here"
vboard_load || fail "cannot load the virtual board"
board_core_stopped
phys_write32 "$RCC_TZCR" 1
amp_load stm32_rproc || fail "cannot load stm32_rproc"
refused() {
	dmesg | grep -q 'reserved to the secure world'
}
wait_for 50 refused || fail "no reason in the kernel log"
[ -z "$(ls /sys/class/remoteproc 2>/dev/null)" ] ||
	fail "a remoteproc appeared with TZEN set: $(ls /sys/class/remoteproc)"
pdev=$(basename "$(grep -l '^OF_COMPATIBLE_0=st,stm32mp1-m4$' /sys/bus/platform/devices/*/uevent |
	head -n 1 | xargs dirname)")
phys_write32 "$RCC_TZCR" 0
echo "$pdev" > /sys/bus/platform/drivers/stm32-rproc/bind ||
	fail "bind refused with TZEN clear"
r=$(rproc_wait m4) || fail "no remoteproc with TZEN clear"
rproc_state_is "$r" offline || fail "state $(cat "$r/state") with TZEN clear"
