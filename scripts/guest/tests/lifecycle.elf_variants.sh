# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# The images remoteproc takes besides ELF32 with a resource table: the echo
# firmware as ELF64 boots and echoes; an image without a resource table
# (seed 000's Zephyr firmware: "No resource table in elf") boots, runs,
# has no virtio device, and stops.
r=$(board_up) || board_fail "$r"
boots=$(vcore_stat boots)
rproc_start "$r" echo-elf64 || fail "ELF64: state $(cat "$r/state")"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "ELF64: $dev"
rpmsg_echo_test "$dev" 1 64 || fail "ELF64: no echo"
rpmsg_destroy_ept "$dev"
rproc_stop "$r" || fail "ELF64: stop: $(cat "$r/state")"

rproc_start "$r" no-rsc-table || fail "no table: state $(cat "$r/state")"
[ "$(vcore_stat state)" = running ] || fail "no table: the core is $(vcore_stat state)"
[ "$(vcore_stat firmware)" = echo ] || fail "no table: the core runs '$(vcore_stat firmware)'"
[ $(($(vcore_stat boots) - boots)) -eq 2 ] || fail "the core booted $(($(vcore_stat boots) - boots)) times, not 2"
for v in "$r"/rproc-virtio.*; do
	[ -e "$v" ] && fail "no table, but a virtio device: $v"
done
rproc_stop "$r" || fail "no table: stop: $(cat "$r/state")"
[ "$(vcore_stat state)" = halted ] || fail "no table: core is $(vcore_stat state) after stop"
