# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# ours-only: an image whose rpmsg vdev declares no vrings is refused and
# the kernel stays whole. Mainline 6.12 (in-tree imx_rproc, remoteproc and
# virtio_rpmsg_bus) starts it and oopses in vring_alloc_desc_extra() from
# rproc_virtio_find_vqs(): run only where the platform driver is ours.
amp_is_ours "$RPROC_MODULE" || skip "in-tree $RPROC_MODULE: mainline oopses on this image"
r=$(board_up) || board_fail "$r"
echo "${FW_PREFIX}bad-no-vrings.elf" > "$r/firmware" || fail "cannot set firmware"
echo start > "$r/state" 2>/dev/null && { rproc_stop "$r"; fail "bad-no-vrings was accepted"; }
rproc_state_is "$r" offline || fail "state is $(cat "$r/state")"
rproc_start "$r" echo || fail "good image after it: state $(cat "$r/state")"
