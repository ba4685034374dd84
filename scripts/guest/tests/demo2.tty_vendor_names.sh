# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# ours-only: NXP RPMsg-Lite firmware announces its tty as
# "rpmsg-virtual-tty-channel-1" (address 30). Our rpmsg_tty binds that name
# (and "rpmsg-virtual-tty-channel", "rpmsg-tty-channel"), so the firmware
# gets /dev/ttyRPMSG0 without patching; mainline's binds "rpmsg-tty" only.
amp_is_ours rpmsg_tty || skip "in-tree rpmsg_tty binds rpmsg-tty only"
r=$(board_up rpmsg_tty) || board_fail "$r"
rproc_start "$r" rpmsg-lite-tty || fail "start: $(cat "$r/state")"
d=$(rpmsg_wait rpmsg-virtual-tty-channel-1) || fail "no rpmsg-virtual-tty-channel-1"
wait_for 50 test -c /dev/ttyRPMSG0 || fail "no /dev/ttyRPMSG0 for the RPMsg-Lite channel"
[ "$(basename "$(readlink "$d/driver")")" = rpmsg_tty ] ||
	fail "the channel is bound to $(readlink "$d/driver")"
pid=$(tty_reader /dev/ttyRPMSG0 /tmp/lite) || fail "cannot read /dev/ttyRPMSG0"
printf 'hello lite' > /dev/ttyRPMSG0 || fail "cannot write /dev/ttyRPMSG0"
wait_for 50 grep -q "hello lite" /tmp/lite || fail "no echo: $(cat /tmp/lite)"
kill "$pid"
