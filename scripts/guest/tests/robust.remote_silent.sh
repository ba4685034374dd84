# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# The remote stops answering (and taking mailbox words) at its first
# message. Non-blocking writers are refused once the transmit buffers are
# gone, never hang; stop still stops the core and removes the channel.
r=$(board_up) || board_fail "$r"
rproc_start "$r" silent || fail "start: $(cat "$r/state")"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
# the first message hangs the core; the kicks of the next ones come after
# (else the core may take every word before it looks at the ring)
rpmsg_fill "$dev" 1 > /dev/null || fail "the first message was refused"
wait_for 50 vcore_state_is hung || fail "the core is $(vcore_stat state), not hung"
out=$(timeout 120 rpmsg_fill "$dev" 2000) || fail "the non-blocking writer hung or failed: $out"
echo "NOTE: non-blocking writer: $out"
case $out in *"none refused"*) fail "2000 messages taken by a silent remote" ;; esac
# past the 100 ms after which a kick word the MU still holds is reported
sleep 1
rpmsg_destroy_ept "$dev"
rproc_stop "$r" || fail "stop with a silent remote: $(cat "$r/state")"
wait_for 50 rpmsg_gone rpmsg-openamp-demo-channel || fail "channel left after stop"
# The MU never takes the kick words, and the platform driver says so
# (i.MX, -ETIME: the kernel's driver when each blocking send times out
# after 100 ms; ours, whose kicks do not wait, when the MU has held a word
# over 100 ms, at the next kick or at stop).
if [ "$RPROC_MODULE" = imx_rproc ]; then
	dmesg | grep -qE 'kick.*-62' || fail "no failed kick reported in the kernel log"
fi
