# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# Unloading the rpmsg modules while user space holds /dev/rpmsgN,
# /dev/rpmsg_ctrl0 and /dev/ttyRPMSG0 open: the clients refuse to go
# (in use); the bus may go, and then the open files fail cleanly. After
# the files are closed everything unloads, loads again and works.
r=$(board_up rpmsg_tty) || board_fail "$r"
rproc_start "$r" multi-services || fail "start: $(cat "$r/state")"
d=$(rpmsg_wait rpmsg-raw) || fail "no rpmsg-raw channel"
wait_for 50 chrdev_of "$d" || fail "rpmsg_char did not bind rpmsg-raw"
raw=$(chrdev_of "$d")
wait_for 50 test -c /dev/ttyRPMSG0 || fail "no /dev/ttyRPMSG0"
wait_for 50 test -c /dev/rpmsg_ctrl0 || fail "no /dev/rpmsg_ctrl0"
exec 3<> "$raw" 4<> /dev/rpmsg_ctrl0 5<> /dev/ttyRPMSG0
refused() {
	rmmod "$1" 2>/dev/null && fail "$1 unloaded while $2 is open"
	grep -q "^$1 " /proc/modules || fail "$1 is gone"
}
refused rpmsg_ctrl /dev/rpmsg_ctrl0
refused rpmsg_tty /dev/ttyRPMSG0
# with the control device closed it goes; rpmsg_char stays for $raw
exec 4>&-
rmmod rpmsg_ctrl || fail "rpmsg_ctrl does not unload once closed"
refused rpmsg_char "$raw"
echo "still here" >&3 || fail "$raw does not work any more"
if rmmod virtio_rpmsg_bus 2>/dev/null; then
	echo "NOTE: virtio_rpmsg_bus unloaded with the files open"
	echo x >&3 2>/dev/null && fail "write on $raw worked without a bus"
else
	echo "NOTE: virtio_rpmsg_bus refused to unload"
fi
exec 3>&- 5>&-
rproc_stop "$r" || fail "stop: $(cat "$r/state")"
amp_unload_all || fail "cannot unload after closing"
r=$(board_up) || fail "reload: $r"
rproc_start "$r" multi-services || fail "start after reload: $(cat "$r/state")"
d=$(rpmsg_wait rpmsg-raw) || fail "no rpmsg-raw channel after reload"
wait_for 50 chrdev_of "$d" || fail "rpmsg_char did not bind rpmsg-raw after reload"
rpmsg_ping "$(chrdev_of "$d")" > /dev/null || fail "no answer after reload"
