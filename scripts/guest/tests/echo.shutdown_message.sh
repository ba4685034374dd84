# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# OpenAMP's echo application ends on its shutdown message (first word
# 0xEF56A55A, as OpenAMP's echo_test sends it last): it answers nothing
# more and destroys its endpoint on its way out, which Linux sees as the
# channel's name-service destroy (mainline behaviour).
r=$(board_up) || board_fail "$r"
rproc_start "$r" echo || fail "start failed"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
out=$(rpmsg_ping "$dev" "before") || fail "no answer before the shutdown message: $out"
# on a descriptor held open for the answer (there must be none)
out=$(rpmsg_ping "$dev" "$(printf '\132\245\126\357')") &&
	fail "the shutdown message was answered: $out"
wait_for 50 rpmsg_gone rpmsg-openamp-demo-channel || fail "the echo channel stayed"
out=$(rpmsg_ping "$dev" "after") && fail "answered after the shutdown message: $out"
rpmsg_destroy_ept "$dev"
rproc_stop "$r" || fail "stop: $(cat "$r/state")"
