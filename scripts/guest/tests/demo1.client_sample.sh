# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# Seed 002 Demo 1: the client sample exchanges 100 messages with the
# remote, says goodbye, and the remote then destroys the channel.
r=$(board_up rpmsg_client_sample) || board_fail "$r"
rproc_start "$r" multi-services || fail "start: $(cat "$r/state")"
wait_for 300 sh -c 'dmesg | grep -q "goodbye!"' || fail "no goodbye from the client sample"
dmesg | grep -q "incoming msg 100 " || fail "message 100 never arrived"
dmesg | grep -q "incoming msg 101 " && fail "more than 100 messages"
wait_for 50 rpmsg_gone rpmsg-client-sample || fail "the remote did not destroy the channel"
