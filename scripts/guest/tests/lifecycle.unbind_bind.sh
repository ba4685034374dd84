# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1 stm32mp1-rcc
#
# 100 unbind/bind cycles (AMP_CYCLES: fewer on the kernels and CPUs
# besides the default one) of the platform driver through sysfs, every
# tenth with the core running the echo firmware: each bind brings the
# remoteproc back, offline, and a start after the last one works. On the
# KASAN kernel the boot's kmemleak scan checks that nothing leaked.
cycles=${AMP_CYCLES:-100}
r=$(board_up) || board_fail "$r"
pdev=$(basename "$(readlink -f "$r/device")")
drv=$(readlink -f "$r/device/driver") || fail "no driver for $pdev"
i=1
while [ $i -le "$cycles" ]; do
	if [ $((i % 10)) = 0 ]; then
		rproc_start "$r" echo || fail "cycle $i: start: $(cat "$r/state")"
		rpmsg_wait rpmsg-openamp-demo-channel > /dev/null || fail "cycle $i: no channel"
	fi
	echo "$pdev" > "$drv/unbind" || fail "cycle $i: unbind refused"
	[ -e "$r" ] && fail "cycle $i: $r still there after unbind"
	echo "$pdev" > "$drv/bind" || fail "cycle $i: bind refused"
	r=$(rproc_wait "$RPROC_NAME") || fail "cycle $i: no remoteproc after bind"
	rproc_state_is "$r" offline || fail "cycle $i: state $(cat "$r/state") after bind"
	i=$((i + 1))
done
rpmsg_gone rpmsg-openamp-demo-channel || fail "a channel survived the unbinds"
rproc_start "$r" echo || fail "start after $cycles cycles: $(cat "$r/state")"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
rpmsg_echo_test "$dev" 1 32 || fail "no echo after $cycles cycles"
