# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# ours-only bus: a remote that marks a buffer used on each ring and kicks
# Linux while its virtio driver is still creating the queues (stale rings
# after an attach, a buggy firmware; on i.MX any MU word runs every queue).
# The remote kicks from the moment Linux has placed the rings until its
# driver is ready. The bus is unloaded and loaded again while the core
# runs, so that its probe runs without the remoteproc lock around it (as
# when the module comes after the core), and a test build's delay point
# (fault_probe_vqs_ms) makes the probe last once the queues exist. The
# bus's callbacks find their device from the moment the queues exist and
# leave the rings alone until the buffers are posted; the link comes up
# and works; a stop while the remote kicks on is clean. (The in-tree bus
# sets its device's data after creating the queues: a kick in between
# dereferences NULL, see Documentation/rpmsg-bus.md.)
races_here
amp_is_ours virtio_rpmsg_bus ||
	skip "in-tree virtio_rpmsg_bus: a kick before the probe ends is a NULL dereference"
r=$(board_up) || board_fail "$r"
rproc_start "$r" early-kick || fail "start: $(cat "$r/state")"
wait_for 50 trace_has "$r" 'early-kick: linked' || fail "the remote did not link"
rmmod virtio_rpmsg_bus || fail "cannot unload the bus"
kicks=$(vcore_stat kicks_out)
kicking() {
	[ "$(vcore_stat kicks_out)" -gt $((kicks + 100)) ]
}
wait_for 50 kicking || fail "the remote does not kick: $(vcore_stat kicks_out) kicks"
amp_load virtio_rpmsg_bus fault_probe_vqs_ms=200 || fail "cannot load the bus"
echo 0 > /sys/module/virtio_rpmsg_bus/parameters/fault_probe_vqs_ms
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
wait_for 50 trace_has "$r" 'early-kick: linked' || fail "the remote did not link"
echo "NOTE: $(vcore_stat kicks_out) kicks from the remote, $(bus_stat rx_drop_empty) stale frames dropped"
rpmsg_echo_test "$dev" 1 16 || fail "the link does not work after the early kicks"
rpmsg_destroy_ept "$dev"
# The remote kicks again as soon as stop resets the device. With our
# platform driver, a receive callback is made to last (a test build's
# delay point, a busy wait): the driver must not run one while remoteproc
# takes the virtqueues down (the work of the mailbox words, or, for our
# bus, the mailbox callback, which the bus turns off first).
kick_delay=/sys/module/virtio_rpmsg_bus/parameters/fault_rx_kick_ms
if amp_is_ours "$RPROC_MODULE" && [ -w $kick_delay ]; then
	echo 20 > $kick_delay
	echo "NOTE: delay point set: 20 ms at each receive callback"
fi
rproc_stop "$r" || fail "stop: $(cat "$r/state")"
[ -w $kick_delay ] && echo 0 > $kick_delay
rproc_start "$r" echo || fail "start after the stop: $(cat "$r/state")"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
rpmsg_echo_test "$dev" 1 16 || fail "the link does not work after the restart"
