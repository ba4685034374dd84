# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# 100 start/stop cycles of the multi-services firmware (AMP_CYCLES: fewer
# on the kernels and CPUs besides the default one): every time, the core
# boots it again and all three channels come back.
cycles=${AMP_CYCLES:-100}
r=$(board_up) || board_fail "$r"
boots=$(vcore_stat boots)
i=1
while [ $i -le "$cycles" ]; do
	rproc_start "$r" multi-services || fail "cycle $i: start: $(cat "$r/state")"
	for c in rpmsg-client-sample rpmsg-tty rpmsg-raw; do
		rpmsg_wait $c > /dev/null || fail "cycle $i: no channel $c"
	done
	rproc_stop "$r" || fail "cycle $i: stop: $(cat "$r/state")"
	wait_for 50 rpmsg_gone rpmsg-raw || fail "cycle $i: channels left after stop"
	i=$((i + 1))
done
[ $(($(vcore_stat boots) - boots)) -eq "$cycles" ] ||
	fail "the core booted $(($(vcore_stat boots) - boots)) times, not $cycles"
