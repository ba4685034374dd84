# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# ours-only: rpmsg_ctrl checks every argument and changes nothing when it
# refuses one: a name without NUL (EINVAL; mainline cuts it to 31
# characters), an empty channel name (EINVAL), the name service's address
# as a local address (EADDRINUSE; mainline makes a device whose open
# fails), a local address past INT_MAX (EINVAL; mainline creates the
# device, and the kernel's bus warns in idr_alloc() when it makes the
# endpoint), a channel that exists (EEXIST; mainline ENXIO), a release of
# the control device or the name service's device, which are not channels
# (EPERM; mainline, on the kernel's bus, releases them: for the control
# device the ioctl then waits for itself forever from 6.12 on, and on 6.1
# the device goes and later ioctls use it freed).
amp_is_ours rpmsg_ctrl || skip "in-tree rpmsg_ctrl takes these arguments"
r=$(board_up) || board_fail "$r"
rproc_start "$r" echo || fail "start: $(cat "$r/state")"
rpmsg_wait rpmsg-openamp-demo-channel > /dev/null || fail "no echo channel"
wait_for 50 test -c /dev/rpmsg_ctrl0 || fail "no /dev/rpmsg_ctrl0"
state() {
	echo "$(ls /dev | grep -c '^rpmsg[0-9]') $(ls /sys/bus/rpmsg/devices | tr '\n' ' ')"
}
before=$(state)
expect() {
	local want=$1 got
	shift
	got=$(rpmsg_ctrl_try /dev/rpmsg_ctrl0 "$@")
	[ "$got" = "$want" ] || fail "$*: $got, not $want"
	[ "$(state)" = "$before" ] || fail "$*: changed $before into $(state)"
}
expect EINVAL ept @32 -1 1024
expect EINVAL dev @32 -1 1024
expect EINVAL dev "" 257 -1
expect EADDRINUSE ept ns-addr 53 1024
expect EADDRINUSE dev ns-addr 53 -1
expect EINVAL ept high 2147483648 1024
expect EINVAL dev high 4294967294 -1
expect EINVAL release no-such-channel 257 -1
expect EPERM release rpmsg_ctrl -1 -1
expect EPERM release rpmsg_ns -1 -1
[ "$(rpmsg_ctrl_try /dev/rpmsg_ctrl0 dev twice 257 -1)" = ok ] || fail "cannot create a channel"
before=$(state)
expect EEXIST dev twice 257 -1
[ "$(rpmsg_ctrl_try /dev/rpmsg_ctrl0 release twice 257 -1)" = ok ] || fail "cannot release the channel"
