# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# The set installed as a board has it after `make modules_install` and
# depmod (amp_layout), and its modules found the two ways a board finds
# them: by name, and by the modalias of each device that appears (the
# remote processor's platform device, the virtio device of its firmware,
# each rpmsg channel), as udev's or mdev's coldplug asks modprobe. Each
# module loaded must be the set's (the project's from updates/, the
# kernel's from its tree), and the stack loaded this way must work: a line
# through /dev/ttyRPMSG0.
amp_layout || fail "cannot lay out set $AMP_SET"
for m in $REF_MODULES rpmsg_link; do
	p=$(amp_modpath "$m")
	if amp_is_ours "$m"; then
		[ "$p" = "$KMODDIR/updates/$m.ko" ] ||
			fail "modules.dep gives $m as '$p', not the project's in updates/"
	else
		case $p in
		"" | "$KMODDIR/kernel/"*) ;;
		*) fail "modules.dep gives $m as '$p', not the kernel's" ;;
		esac
	fi
done

# What coldplug does: modprobe the modalias of each device of bus $1 that
# no driver holds and whose modalias matches the extended regex $2.
coldplug() {
	local d a
	for d in /sys/bus/"$1"/devices/*; do
		[ -e "$d/driver" ] && continue
		a=$(cat "$d/modalias" 2> /dev/null) || continue
		echo "$a" | grep -qE "$2" && modprobe -q "$a"
	done
}

[ -z "$(amp_loaded)" ] || fail "loaded before the test: $(amp_loaded | tr '\n' ' ')"
vboard_load || fail "cannot load the virtual board"
board_core_stopped
# the remote processor's node: fsl,imx8mm-cm4, fsl,imx7d-cm4, st,stm32mp1-m4
coldplug platform 'C(fsl,imx[0-9a-z]+-cm4|st,stm32mp1-m4)(C|$)'
grep -q "^$RPROC_MODULE " /proc/modules ||
	fail "no $RPROC_MODULE from the remote processor's modalias"
r=$(rproc_wait "$RPROC_NAME") || board_fail "$(no_rproc)"
amp_origin_ok || fail "$(amp_origin_ok)"
rproc_start "$r" multi-services || fail "start: $(cat "$r/state")"

# the virtio device, then the channels the firmware and the bus create,
# each with its client (rpmsg_char comes as rpmsg_ctrl's dependency too:
# the rpmsg-raw and rpmsg-tty channels bound say their aliases were found;
# the client sample's channel goes once the sample has talked)
want="$RPROC_MODULE virtio_rpmsg_bus rpmsg_ctrl rpmsg_tty rpmsg_char rpmsg_client_sample"
stack_up() {
	local m c d
	coldplug virtio '^virtio:d00000007v'
	coldplug rpmsg '^rpmsg:'
	for m in $want; do
		grep -q "^$m " /proc/modules || return 1
	done
	for c in rpmsg-tty rpmsg-raw; do
		d=$(rpmsg_dev "$c") && [ -e "$d/driver" ] || return 1
	done
}
if ! wait_for 100 stack_up; then
	for m in $want; do
		grep -q "^$m " /proc/modules || fail "$m not loaded through a modalias"
	done
	fail "a channel of the firmware has no driver: $(ls /sys/bus/rpmsg/devices | tr '\n' ' ')"
fi
amp_origin_ok || fail "$(amp_origin_ok)"
for m in $want; do
	amp_is_ours "$m" || continue
	[ "$(cat "/sys/module/$m/version" 2> /dev/null)" = \
		"$(modinfo -F version "$OURSDIR/$m.ko")" ] ||
		fail "$m: version '$(cat "/sys/module/$m/version" 2> /dev/null)' is not the package's"
done

wait_for 100 test -c /dev/ttyRPMSG0 || fail "no /dev/ttyRPMSG0"
pid=$(tty_reader /dev/ttyRPMSG0 /tmp/tty0) || fail "cannot read /dev/ttyRPMSG0"
echo " hello" > /dev/ttyRPMSG0 || fail "write failed"
wait_for 50 grep -q "TTY 0:  hello" /tmp/tty0 || fail "no answer: '$(cat /tmp/tty0)'"
kill "$pid"
echo "NOTE: loaded through modprobe: $(amp_loaded | tr '\n' ' ')"
