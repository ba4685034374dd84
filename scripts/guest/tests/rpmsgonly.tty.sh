# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d
#
# ours-only: NXP RPMsg-Lite's tty firmware over the RPMsg-only link
# (no resource table, no platform driver): its channel, named as NXP's
# firmware names it (rpmsg-virtual-tty-channel-1, address 30), becomes
# /dev/ttyRPMSG0, and what is written there comes back.
amp_is_ours rpmsg_tty || skip "in-tree rpmsg_tty binds rpmsg-tty only"
l=$(rpmsgonly_up tty rpmsg_tty) || fail "$l"
d=$(rpmsg_wait rpmsg-virtual-tty-channel-1) ||
	fail "no rpmsg-virtual-tty-channel-1 (link $(cat "$l/state"))"
[ $(($(cat "$d/dst"))) -eq 30 ] || fail "announced from $(cat "$d/dst"), not 30"
wait_for 50 test -c /dev/ttyRPMSG0 || fail "no /dev/ttyRPMSG0"
pid=$(tty_reader /dev/ttyRPMSG0 /tmp/lite) || fail "cannot read /dev/ttyRPMSG0"
printf 'hello rpmsg-only' > /dev/ttyRPMSG0 || fail "cannot write /dev/ttyRPMSG0"
wait_for 50 grep -q "hello rpmsg-only" /tmp/lite || fail "no echo: '$(cat /tmp/lite)'"
kill "$pid"
