# SPDX-License-Identifier: GPL-2.0
# boards: stm32mp1-autoboot
#
# st,auto-boot: probe loads and starts the default firmware (rproc-m4-fw)
# without a `start`, and the channel comes up; stop works as usual. After
# the boot loader started the core (bootaux), a new probe attaches to it
# at once ("attached", the core not booted again).
vboard_load || fail "cannot load the virtual board"
board_core_stopped
cp "/lib/firmware/${FW_PREFIX}echo.elf" /lib/firmware/rproc-m4-fw || fail "no echo image"
boots=$(vcore_stat boots)
r=$(board_up) || board_fail "$r"
wait_for 100 rproc_state_is "$r" running ||
	fail "state $(cat "$r/state") after probe, expected running (auto-boot)"
rpmsg_wait rpmsg-openamp-demo-channel > /dev/null || fail "no channel after auto-boot"
[ "$(vcore_stat boots)" -eq $((boots + 1)) ] ||
	fail "the core booted $(($(vcore_stat boots) - boots)) times at probe, not once"
[ "$(vcore_stat firmware)" = echo ] || fail "the core runs '$(vcore_stat firmware)'"
rproc_stop "$r" || fail "stop after auto-boot: $(cat "$r/state")"

pdev=$(basename "$(readlink -f "$r/device")")
drv=$(readlink -f "$r/device/driver") || fail "no driver for $pdev"
echo "$pdev" > "$drv/unbind" || fail "unbind refused"
rm -f /lib/firmware/rproc-m4-fw
vcore_bootaux echo || fail "bootaux failed"
boots=$(vcore_stat boots)
echo "$pdev" > "$drv/bind" || fail "bind refused"
r=$(rproc_wait "$RPROC_NAME") || fail "no remoteproc after bind"
wait_for 100 rproc_state_is "$r" attached ||
	fail "state $(cat "$r/state") with a running core, expected attached (auto-boot)"
[ "$(vcore_stat boots)" -eq "$boots" ] || fail "the core was booted again instead of attached to"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "attached: $dev"
rpmsg_echo_test "$dev" 1 32 || fail "no echo from the attached core"
rpmsg_destroy_ept "$dev"
rproc_stop "$r" || fail "stop after attach: $(cat "$r/state")"
