# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# Every image of the corrupt corpus is refused: the start fails, the
# state stays offline, nothing is left behind; a good image then starts.
# (The vdev without vrings is lifecycle.bad_firmware_vdev: mainline oopses.)
r=$(board_up) || board_fail "$r"
for b in truncated segment-past-file magic rsc-offset overlap; do
	echo "$FW_PREFIX""bad-$b.elf" > "$r/firmware" || fail "$b: cannot set firmware"
	if echo start > "$r/state" 2>/dev/null; then
		echo "bad-$b: start accepted, state $(cat "$r/state")"
		rproc_stop "$r"
		fail "bad-$b was accepted"
	fi
	rproc_state_is "$r" offline || fail "bad-$b: state is $(cat "$r/state")"
	echo "bad-$b: refused"
done
rproc_start "$r" echo || fail "good image after the corpus: state $(cat "$r/state")"
rpmsg_wait rpmsg-openamp-demo-channel > /dev/null || fail "no channel from the good image"
