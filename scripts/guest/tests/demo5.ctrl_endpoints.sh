# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# Seed 002 Demo 5: three endpoints created through rpmsg_ctrl towards the
# remote's fixed endpoint 0x1 (no channel), each answered from 0x0001,
# next to the rpmsg-raw channel's /dev/rpmsgN; then destroyed.
r=$(board_up) || board_fail "$r"
rproc_start "$r" multi-services || fail "start: $(cat "$r/state")"
d=$(rpmsg_wait rpmsg-raw) || fail "no rpmsg-raw channel"
wait_for 50 chrdev_of "$d" || fail "rpmsg_char did not bind rpmsg-raw"
raw=$(chrdev_of "$d")
wait_for 50 test -c /dev/rpmsg_ctrl0 || fail "no /dev/rpmsg_ctrl0"
before=$(ls /dev | grep -c '^rpmsg[0-9]')
for a in 100 101 103; do
	rpmsg_export_ept /dev/rpmsg_ctrl0 my_endpoint$a $a 1 || fail "cannot create endpoint $a"
done
wait_for 50 sh -c "[ \$(ls /dev | grep -c '^rpmsg[0-9]') -eq $((before + 3)) ]" ||
	fail "expected $((before + 3)) /dev/rpmsgN, have $(ls /dev | grep -c '^rpmsg[0-9]')"
for dev in /dev/rpmsg[0-9]*; do
	out=$(rpmsg_ping "$dev") || fail "no answer on $dev"
	echo "$out"
	if [ "$dev" = "$raw" ]; then
		echo "$out" | grep -q "from ept 0x$(printf '%04x' "$(cat "$d/dst")"): ping $dev" ||
			fail "raw channel answered: $out"
	else
		[ "$out" = "message for $dev: \"from ept 0x0001: ping $dev\"" ] ||
			fail "answer was: $out"
		rpmsg_destroy_ept "$dev" || fail "cannot destroy $dev"
	fi
done
wait_for 50 sh -c "[ \$(ls /dev | grep -c '^rpmsg[0-9]') -eq $before ]" ||
	fail "endpoints left after RPMSG_DESTROY_EPT_IOCTL"
