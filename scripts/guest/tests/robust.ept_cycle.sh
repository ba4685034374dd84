# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# 1,000 endpoints created through rpmsg_ctrl, opened, destroyed with
# RPMSG_DESTROY_EPT_IOCTL and closed: every one is released (the device
# numbers come back, so the last has the first one's name), and the link
# still works. On the KASAN kernel the set's kmemleak scan follows.
r=$(board_up) || board_fail "$r"
rproc_start "$r" echo || fail "start: $(cat "$r/state")"
d=$(rpmsg_wait rpmsg-openamp-demo-channel) || fail "no echo channel"
wait_for 50 test -c /dev/rpmsg_ctrl0 || fail "no /dev/rpmsg_ctrl0"
out=$(rpmsg_ept_cycle /dev/rpmsg_ctrl0 1000 "$(cat "$d/dst")") || fail "$out"
echo "NOTE: $out"
case $out in *"first rpmsg"*) ;; *) fail "$out" ;; esac
first=${out#*first }
first=${first%%,*}
last=${out##*last }
[ "$first" = "$last" ] || fail "device numbers not reused: first $first, last $last"
ls /dev | grep -q '^rpmsg[0-9]' && fail "endpoint devices left: $(ls /dev | grep '^rpmsg[0-9]')"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
rpmsg_echo_test "$dev" 1 16 || fail "the link does not work after the cycles"
