# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# The remote sends seeded random mutations of valid traffic (the fuzz
# firmware, drivers/vremote/vremote_fuzz.c): header fields (source,
# destination, length, reserved and flags), used lengths (0, shorter than a
# header, past the buffer), name-service messages from a pool of 50 names
# created and destroyed again (unterminated, with '/', address -1, odd
# flags, wrong sizes, the echo channel's name at other addresses), stray
# kicks and mailbox words, and used entries given back out of turn,
# duplicated or jumped over. Linux keeps taking frames to the end of the
# run, the kernel stays whole (the runner reads its log), the echo channel
# still answers, and stop works and leaves no channel behind. A short run
# then ends with an absurd ring step (a used id past the ring, or used->idx
# past every posted buffer): stop still works, and the echo firmware after
# it. The bus's drop counters are printed for the record (ours).
#
# AMP_FUZZ_SEED (default: the clock) and AMP_FUZZ_FRAMES (default 100000)
# set the run; `make check FUZZ_SEED=... FUZZ_FRAMES=...` passes them. The
# seed is printed as a note, to replay a failure with it.
#
# Where the bus is the kernel's, the test is skipped: it does not repost
# a receive buffer whose frame it refuses (rpmsg_recv_single() returns
# before), so the remote runs out of buffers within a few hundred frames
# and stalls.
amp_is_ours virtio_rpmsg_bus ||
	skip "in-tree virtio_rpmsg_bus: a refused frame's buffer is not reposted, the remote stalls"
races_here
seed=${AMP_FUZZ_SEED:-$(date +%s)}
frames=${AMP_FUZZ_FRAMES:-100000}
echo "NOTE: fuzz seed $seed, $frames frames (make check FUZZ_SEED=$seed FUZZ_FRAMES=$frames)"
r=$(board_up) || board_fail "$r"
d=$(vcore_dir) || fail "no virtual core in debugfs"

fuzz_ended() {
	rproc_trace "$r" | grep -qE 'fuzz: (done|stalled)'
}

# Run the fuzz firmware for $1 frames, absurd step $2 (0: none) at the end,
# until the remote says it is done; fail if it stalls.
fuzz_run() {
	echo "$seed" > "$d/fuzz_seed" && echo "$1" > "$d/fuzz_frames" &&
		echo "$2" > "$d/fuzz_break" || fail "cannot set the fuzz run"
	rproc_start "$r" fuzz || fail "start: $(cat "$r/state")"
	# slices of 30 s (wait_for counts tenths): each must see frames taken
	sent=-1 slices=0
	until wait_for 300 fuzz_ended; do
		now=$(vcore_stat tx)
		vcore_state_is running ||
			fail "the remote $(vcore_stat state) after $now frames: $(rproc_trace "$r" | grep 'hang:' | tail -n 1)"
		[ "$now" != "$sent" ] || fail "no frame taken in 30 s, $now sent"
		slices=$((slices + 1))
		[ $slices -lt 8 ] || fail "the fuzz did not end: $now frames sent"
		sent=$now
		progress "fuzz: $sent frames sent"
	done
	rproc_trace "$r" | sed -n 's/^\(fuzz: .*\)/NOTE: \1/p'
	if amp_is_ours virtio_rpmsg_bus; then
		s=
		for c in rx rx_drop_short rx_drop_oversize rx_drop_empty rx_drop_no_endpoint \
			rx_drop_ns_malformed rx_drop_ns_limit rx_drop_ns_unknown; do
			s="$s $c $(bus_stat $c)"
		done
		echo "NOTE: bus:$s"
		# the remote's destroys of channels that are not there are counted,
		# not each logged by rpmsg_ns
		! dmesg | grep -q 'rpmsg_destroy_channel failed' ||
			fail "$(dmesg | grep -c 'rpmsg_destroy_channel failed') destroys of unknown channels logged"
	fi
	! trace_has "$r" 'fuzz: stalled' || fail "$(rproc_trace "$r" | grep 'fuzz: stalled')"
}

fuzz_run "$frames" 0
vcore_state_is running || fail "the remote $(vcore_stat state) after the fuzz"
# Linux may still be reading the last destroys the remote gave it
echo_channels() {
	grep -lxF rpmsg-openamp-demo-channel /sys/bus/rpmsg/devices/*/name | wc -l
}
one_echo_channel() {
	[ "$(echo_channels)" -eq 1 ]
}
if ! wait_for 100 one_echo_channel; then
	for c in $(grep -lxF rpmsg-openamp-demo-channel /sys/bus/rpmsg/devices/*/name); do
		c=${c%/name}
		echo "# echo channel ${c##*/}: src $(cat "$c/src") dst $(cat "$c/dst")"
	done
	fail "$(echo_channels) echo channels after the fuzz destroyed its own"
fi
# and no other channel it made: a destroy dropped that should not be
fuzz_channels() {
	ls /sys/bus/rpmsg/devices | grep -cE 'fuzz|rpmsg-raw'
}
no_fuzz_channel() {
	[ "$(fuzz_channels)" -eq 0 ]
}
wait_for 100 no_fuzz_channel ||
	fail "$(fuzz_channels) channels left after the fuzz destroyed them: $(ls /sys/bus/rpmsg/devices | grep -E 'fuzz|rpmsg-raw' | head -n 3 | tr '\n' ' ')"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "after the fuzz: $dev"
rpmsg_echo_test "$dev" 1 16 || fail "the echo channel does not answer after the fuzz"
rpmsg_destroy_ept "$dev"
rproc_stop "$r" || fail "stop after the fuzz: $(cat "$r/state")"
left=$(ls /sys/bus/rpmsg/devices | grep -cE 'fuzz|rpmsg-raw|openamp')
[ "$left" -eq 0 ] || fail "$left channels left after stop"

# the absurd step: 1, a used id past the ring; 2, used->idx past the posted
brk=$((${seed#"${seed%?}"} % 2 + 1))
fuzz_run 2000 $brk
echo "NOTE: absurd step $brk, the remote $(vcore_stat state)"
rproc_stop "$r" || fail "stop after the absurd step: $(cat "$r/state")"
rproc_start "$r" echo || fail "echo firmware: $(cat "$r/state")"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "echo firmware: $dev"
rpmsg_echo_test "$dev" 1 16 || fail "the echo firmware does not answer"
rpmsg_destroy_ept "$dev"
rproc_stop "$r" || fail "stop: $(cat "$r/state")"
# Mainline rpmsg_char never frees what is still queued on a channel's own
# endpoint when the channel goes (received while no file held it open):
# rpmsg_eptdev_release_device() frees the device without purging its
# queue. Fuzz frames to the rpmsg-raw channels the fuzzer announces are
# such. Where rpmsg_char is the kernel's, those leaks are a known defect
# (counted while the modules are loaded); any other leak fails the test.
amp_is_ours rpmsg_char ||
	kmemleak_known '^ +rpmsg_ept_cb\+0x[0-9a-f]+/0x[0-9a-f]+ \[rpmsg_char\]' \
		"rpmsg_char: messages queued on a channel's endpoint with no file open leak when the channel goes (kmemleak)" ||
	exit 1
