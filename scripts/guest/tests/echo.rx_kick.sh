# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# The virtual core, as OpenAMP firmware does, sets VRING_USED_F_NO_NOTIFY
# on vring 0 (it looks for buffers when it has a frame to send), and clears
# it when it runs out of buffers with frames waiting: from then on it needs
# Linux's kick. The burst personality sends three rings' worth of frames
# and runs only when Linux's mailbox words wake it, so a bus that gives the
# buffers back without the kick the core asked for (virtio: the driver
# MUST notify unless the device suppresses it) stops the burst, and the
# echo queued behind it never comes.
#
# The core starts 100 ms after its release, as a firmware's start-up
# takes time: the bus's first kick (at its probe) comes before, into a
# mailbox the core does not look at yet. The word is lost, but the
# channel must not stay busy (a board's firmware clears the IPCC flags
# as it starts), else every later kick on it waits behind that one.
r=$(board_up) || board_fail "$r"
asks=$(vcore_stat rx_kick_asks)
tx=$(vcore_stat tx)
freed=$(vcore_stat untaken_freed)
# (board_up's board_core_stopped puts it back to 0)
echo 100 > "$(vcore_dir)/boot_delay_ms"
rproc_start "$r" burst || fail "start: $(cat "$r/state")"
# the channel's announcement and the 768 frames, all in Linux's buffers
burst_sent() {
	[ "$(vcore_stat tx)" -ge $((tx + 769)) ]
}
wait_for 100 burst_sent ||
	fail "the burst stopped after $(($(vcore_stat tx) - tx)) frames: $(rproc_trace "$r" | tail -n 3 | tr '\n' ';')"
echo 0 > "$(vcore_dir)/boot_delay_ms"
case $AMP_BOARD in
stm32*)
	# the IPCC flag of the probe's kick came before the core: freed at its boot
	[ "$(vcore_stat untaken_freed)" -gt "$freed" ] ||
		fail "the probe's kick did not come before the core booted: nothing was tested"
	;;
esac
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
rpmsg_echo_test "$dev" 1 64 || fail "no echo after the burst"
n=$(($(vcore_stat rx_kick_asks) - asks))
echo "NOTE: the core ran out of receive buffers and asked for a kick $n times"
[ "$n" -gt 0 ] || fail "the core never ran out of receive buffers: nothing was tested"
rpmsg_destroy_ept "$dev"
rproc_stop "$r" || fail "stop: $(cat "$r/state")"
