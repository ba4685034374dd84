# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1 stm32mp1-rcc
#
# offline -> firmware -> start: running, the core boots it and its channel
# appears; stop: offline, the core is halted and the channel is gone.
r=$(board_up) || board_fail "$r"
rproc_state_is "$r" offline || fail "state at probe is $(cat "$r/state"), expected offline"
rproc_start "$r" echo || fail "start: state is $(cat "$r/state")"
rpmsg_wait rpmsg-openamp-demo-channel > /dev/null || fail "no rpmsg-openamp-demo-channel after start"
[ "$(vcore_stat state)" = running ] || fail "core is $(vcore_stat state) after start"
[ "$(vcore_stat firmware)" = echo ] || fail "core runs '$(vcore_stat firmware)'"
rproc_stop "$r" || fail "stop: state is $(cat "$r/state")"
wait_for 50 rpmsg_gone rpmsg-openamp-demo-channel || fail "channel still there after stop"
[ "$(vcore_stat state)" = halted ] || fail "core is $(vcore_stat state) after stop"
