#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
#   scripts/udev_check.sh
#
# udev/60-amp-rpmsg.rules and udev/amp-rpmsg-name under the host's own
# udev (`udevadm test`), on a made-up sysfs of one remote processor "m4":
# /dev/rpmsg0 (rpmsg_char on rpmsg-raw at 0x402), two ttys on rpmsg-tty
# channels (0x401, 0x403), /dev/rpmsg_ctrl0, endpoints made through it
# named ".." and "ctrl", and an rpmsg1 whose virtio device belongs to no
# remoteproc. Each node's DEVLINKS must be what the
# rule promises. Runs in a mount namespace of its own (root): the fake
# /sys, and the /dev, /run and rules udevadm writes to or reads, are
# tmpfs there, so the host is left alone. SYSTEMD_DEVICE_VERIFY_SYSFS=0
# lets udevadm take a sysfs that is not one.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)

if [ "${1:-}" != inner ]; then
	command -v udevadm > /dev/null || { echo "no udevadm (package udev)"; exit 1; }
	exec unshare -m --propagation private "$0" inner
fi

# never on the host's own mounts
[ "$(readlink /proc/self/ns/mnt)" != "$(readlink /proc/1/ns/mnt)" ] ||
	{ echo "not in a mount namespace of its own: refusing"; exit 1; }
for m in /sys /dev /run /usr/lib/udev /etc/udev; do
	mount -t tmpfs amp-udev "$m"
done
mknod -m 666 /dev/null c 1 3
mkdir -p /usr/lib/udev/rules.d /run/udev
cp "$top/udev/60-amp-rpmsg.rules" /usr/lib/udev/rules.d/
cp "$top/udev/amp-rpmsg-name" /usr/lib/udev/

# node DIR SUBSYSTEM MAJOR:MINOR NAME [FILE=VALUE...]: a device directory
node() {
	local d=/sys/$1 sub=$2 dev=$3 n=$4 kv
	shift 4
	mkdir -p "$d" "/sys/class/$sub"
	ln -s "/sys/class/$sub" "$d/subsystem"
	printf 'MAJOR=%s\nMINOR=%s\nDEVNAME=%s\n' "${dev%:*}" "${dev#*:}" "$n" > "$d/uevent"
	for kv in "$@"; do
		echo "${kv#*=}" > "$d/${kv%%=*}"
	done
}
# chan DIR NAME DST: an rpmsg channel device
chan() {
	mkdir -p "/sys/$1" /sys/bus/rpmsg
	ln -s /sys/bus/rpmsg "/sys/$1/subsystem"
	echo "$2" > "/sys/$1/name"
	echo "$3" > "/sys/$1/dst"
}

rp=devices/platform/soc/10000000.m4/remoteproc/remoteproc0
mkdir -p /sys/$rp /sys/class/remoteproc
ln -s /sys/class/remoteproc /sys/$rp/subsystem
echo m4 > /sys/$rp/name
v=$rp/rproc-virtio.0.auto/virtio0
chan "$v/virtio0.rpmsg-raw.-1.1026" rpmsg-raw 0x402
node "$v/virtio0.rpmsg-raw.-1.1026/rpmsg/rpmsg0" rpmsg 241:0 rpmsg0 \
	name=rpmsg-raw src=1024 dst=1026
for t in 0:1025 1:1027; do
	c=$v/virtio0.rpmsg-tty.-1.${t#*:}
	chan "$c" rpmsg-tty "$(printf '0x%x' "${t#*:}")"
	node "$c/tty/ttyRPMSG${t%:*}" tty "240:${t%:*}" "ttyRPMSG${t%:*}"
	ln -s ../.. "/sys/$c/tty/ttyRPMSG${t%:*}/device"
done
chan "$v/virtio0.rpmsg_ctrl.0.0" rpmsg_ctrl 0x0
node "$v/virtio0.rpmsg_ctrl.0.0/rpmsg/rpmsg_ctrl0" rpmsg 241:9 rpmsg_ctrl0
# names an endpoint made through rpmsg_ctrl may have
node "$v/virtio0.rpmsg_ctrl.0.0/rpmsg/rpmsg_ctrl0/rpmsg2" rpmsg 241:2 rpmsg2 \
	name=.. src=1040 dst=1041
node "$v/virtio0.rpmsg_ctrl.0.0/rpmsg/rpmsg_ctrl0/rpmsg3" rpmsg 241:3 rpmsg3 \
	name=ctrl src=1042 dst=1043
w=devices/platform/vdev/virtio3
chan "$w/virtio3.my-ept.-1.1030" my-ept 0x406
node "$w/virtio3.my-ept.-1.1030/rpmsg/rpmsg1" rpmsg 241:1 rpmsg1 \
	name='my ept/1' src=1024 dst=-1

fails=0
# expect DEVICE LINKS...: udevadm test's DEVLINKS for DEVICE, in any order
expect() {
	local got want
	got=$(SYSTEMD_DEVICE_VERIFY_SYSFS=0 udevadm test --action=add "/sys/$1" 2> /dev/null |
		sed -n 's/^DEVLINKS=//p' | tr ' ' '\n' | grep '^/dev/rpmsg/' | sort | tr '\n' ' ')
	shift
	want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
	if [ "$got" = "$want" ]; then
		echo "ok: ${want% }"
	else
		echo "FAIL: got '${got% }', want '${want% }'"
		fails=$((fails + 1))
	fi
}
expect "$v/virtio0.rpmsg-raw.-1.1026/rpmsg/rpmsg0" \
	/dev/rpmsg/m4/rpmsg-raw /dev/rpmsg/m4/rpmsg-raw.0x402
expect "$v/virtio0.rpmsg-tty.-1.1025/tty/ttyRPMSG0" \
	/dev/rpmsg/m4/rpmsg-tty /dev/rpmsg/m4/rpmsg-tty.0x401
expect "$v/virtio0.rpmsg-tty.-1.1027/tty/ttyRPMSG1" \
	/dev/rpmsg/m4/rpmsg-tty /dev/rpmsg/m4/rpmsg-tty.0x403
expect "$v/virtio0.rpmsg_ctrl.0.0/rpmsg/rpmsg_ctrl0" /dev/rpmsg/m4/ctrl
expect "$v/virtio0.rpmsg_ctrl.0.0/rpmsg/rpmsg_ctrl0/rpmsg2" \
	/dev/rpmsg/m4/_. /dev/rpmsg/m4/_..0x411
expect "$v/virtio0.rpmsg_ctrl.0.0/rpmsg/rpmsg_ctrl0/rpmsg3" \
	/dev/rpmsg/m4/_ctrl /dev/rpmsg/m4/_ctrl.0x413
expect "$w/virtio3.my-ept.-1.1030/rpmsg/rpmsg1" \
	/dev/rpmsg/virtio3/my_ept_1 /dev/rpmsg/virtio3/my_ept_1.0xffffffff
[ "$fails" -eq 0 ]
