# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# Seed 002 Demo 2: /dev/ttyRPMSG0 on the remote's rpmsg-tty channel; what
# is written comes back prefixed "TTY 0: ".
r=$(board_up rpmsg_tty) || board_fail "$r"
rproc_start "$r" multi-services || fail "start: $(cat "$r/state")"
wait_for 100 test -c /dev/ttyRPMSG0 || fail "no /dev/ttyRPMSG0"
pid=$(tty_reader /dev/ttyRPMSG0 /tmp/tty0) || fail "cannot read /dev/ttyRPMSG0"
echo " hello Zephyr" > /dev/ttyRPMSG0 || fail "write failed"
wait_for 50 grep -q "TTY 0:  hello Zephyr" /tmp/tty0 || fail "no answer: '$(cat /tmp/tty0)'"
echo " goodbye Zephyr" > /dev/ttyRPMSG0 || fail "second write failed"
wait_for 50 grep -q "TTY 0:  goodbye Zephyr" /tmp/tty0 || fail "no second answer"
kill "$pid"
