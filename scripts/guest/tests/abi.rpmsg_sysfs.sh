# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# The rpmsg devices the bus registers, as user space and udev rules see
# them: names virtio0.<name>.<src>.<dst>, the sysfs attributes and
# modalias, and a channel handed to another driver through
# driver_override (the client sample's channel to rpmsg_char).
r=$(board_up) || board_fail "$r"
rproc_start "$r" multi-services || fail "start: $(cat "$r/state")"
c=$(rpmsg_wait rpmsg-client-sample) || fail "no client sample channel"
d=/sys/bus/rpmsg/devices
echo "NOTE: $(ls $d | tr '\n' ' ')"
for n in virtio0.rpmsg_ctrl.0.0 virtio0.rpmsg_ns.53.53; do
	[ -e "$d/$n" ] || fail "no $n"
done
attr() {
	cat "$1/$2" 2>/dev/null || echo "(unreadable)"
}
check() {
	[ "$(attr "$1" "$2")" = "$3" ] || fail "${1##*/} $2 is '$(attr "$1" "$2")', not '$3'"
}
dst=$(attr "$c" dst)
[ "${c##*/}" = "virtio0.rpmsg-client-sample.-1.$((dst))" ] ||
	fail "channel ${c##*/}, dst $dst"
check "$c" name rpmsg-client-sample
check "$c" src 0xffffffff
check "$c" modalias rpmsg:rpmsg-client-sample
check "$c" announce false
check "$d/virtio0.rpmsg_ns.53.53" driver_override rpmsg_ns
check "$d/virtio0.rpmsg_ns.53.53" src 0x35
check "$d/virtio0.rpmsg_ctrl.0.0" driver_override rpmsg_ctrl
[ -e "$c/driver" ] && fail "the channel is bound without its driver loaded"
echo rpmsg_chrdev > "$c/driver_override" || fail "cannot write driver_override"
check "$c" driver_override rpmsg_chrdev
echo "${c##*/}" > /sys/bus/rpmsg/drivers/rpmsg_chrdev/bind || fail "bind to rpmsg_chrdev failed"
wait_for 50 chrdev_of "$c" || fail "no /dev/rpmsgN for the channel"
out=$(rpmsg_ping "$(chrdev_of "$c")" "sysfs") || fail "ping: $out"
case $out in *'"sysfs"'*) ;; *) fail "the sample did not answer: $out" ;; esac
