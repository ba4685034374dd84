# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# User space at its worst while the firmware comes and goes: rpmsg_fuzz_user
# (three threads, a fixed seed) opens whatever /dev/rpmsg_ctrlN, /dev/rpmsgN
# and /dev/ttyRPMSGN there are and calls everything on them with random and
# bad arguments (the rpmsg and tty ioctls and unknown ones, read() and
# write() of 0 bytes to SIZE_MAX / 2, bad buffers, poll, epoll), making and
# destroying endpoints and channels, while the shell stops and starts the
# multi-services firmware and crashes and recovers the crash firmware, three
# rounds. What the calls return is not judged: the kernel log is (the
# runner's check), no call of the fuzzer may stay stuck in the kernel, and
# the board works afterwards.
#
# Where rpmsg_char or rpmsg_ctrl is the kernel's, the test is skipped:
# stopping the firmware while the fuzzer holds the nodes oopses in the
# in-tree rpmsg_chrdev_eptdev_destroy() (from rpmsg_ctrldev_remove()).
SEED=1515

amp_is_ours rpmsg_char && amp_is_ours rpmsg_ctrl ||
	skip "in-tree rpmsg_char/rpmsg_ctrl: stop with the nodes held by the fuzzer oopses"

races_here
r=$(board_up rpmsg_tty) || board_fail "$r"
rproc_start "$r" multi-services || fail "start: $(cat "$r/state")"
wait_for 100 test -c /dev/ttyRPMSG0 || fail "no /dev/ttyRPMSG0"
rpmsg_wait rpmsg-raw > /dev/null || fail "no rpmsg-raw channel"

# Bounded in calls and in time; stopped with SIGTERM after the rounds. A
# call still in the kernel $grace s after that is reported, exit 1.
secs=$((60 * AMP_SLOW))
grace=$((5 * AMP_SLOW))
echo "NOTE: rpmsg_fuzz_user -s $SEED -n 1000000 -t $secs -j 3 -g $grace"
rpmsg_fuzz_user -s $SEED -n 1000000 -t $secs -j 3 -g $grace > /tmp/fuzz.out 2>&1 &
fz=$!

fuzzing() {
	kill -0 "$fz" 2>/dev/null
}

# SIGTERM, and wait for the fuzzer to end (within its grace), on every way
# out of the test too: it holds the devices open, and the next test's log
# is not its.
fuzz_stop() {
	kill -TERM "$fz" 2>/dev/null
	wait_for 150 sh -c "! kill -0 $fz 2>/dev/null"
}
trap fuzz_stop EXIT

booted_again() {
	[ "$(vcore_stat boots)" -gt "$boots" ]
}

# Best effort: one message of our own to the crash firmware's channel (the
# fuzzer may get there first, or take the endpoint's node).
poke() {
	local d ctrl c
	d=$(rpmsg_dev rpmsg-openamp-demo-channel) || return 1
	for ctrl in /dev/rpmsg_ctrl*; do
		[ -c "$ctrl" ] && break
	done
	rpmsg_export_ept "$ctrl" fuzz-poke -1 "$(cat "$d/dst")" 2>/dev/null ||
		return 1
	for c in /sys/class/rpmsg/rpmsg[0-9]*; do
		[ "$(cat "$c/name" 2>/dev/null)" = fuzz-poke ] || continue
		# non-blocking: the fuzzer's writes may have taken every buffer
		rpmsg_fill "/dev/${c##*/}" 1 2>/dev/null | grep -q 'none refused' &&
			return 0
	done
	return 1
}

# the fuzzer alone on the running firmware first
sleep 2
rounds=0 crashed=0
while [ $rounds -lt 3 ] && fuzzing; do
	rounds=$((rounds + 1))
	rproc_stop "$r" || fail "round $rounds: stop: $(cat "$r/state")"
	rproc_start "$r" multi-services ||
		fail "round $rounds: start: $(cat "$r/state")"
	sleep 1
	rproc_stop "$r" || fail "round $rounds: stop: $(cat "$r/state")"
	rproc_start "$r" crash || fail "round $rounds: start crash: $(cat "$r/state")"
	boots=$(vcore_stat boots)
	rpmsg_wait rpmsg-openamp-demo-channel 50 > /dev/null && poke
	wait_for 20 vcore_state_is hung && crashed=$((crashed + 1))
	echo 1 > "/sys/kernel/debug/remoteproc/${r##*/}/crash" ||
		fail "round $rounds: cannot report the crash"
	wait_for 100 booted_again || fail "round $rounds: the core was not restarted"
	wait_for 100 rproc_state_is "$r" running ||
		fail "round $rounds: state after recovery: $(cat "$r/state")"
	sleep 1
	rproc_stop "$r" || fail "round $rounds: stop after recovery: $(cat "$r/state")"
	rproc_start "$r" multi-services ||
		fail "round $rounds: start: $(cat "$r/state")"
	progress "fuzz round $rounds"
	sleep 1
done
echo "NOTE: $rounds rounds while fuzzing, the core crashed before the report in $crashed"

if ! fuzz_stop; then
	tail -n 20 /tmp/fuzz.out
	fail "rpmsg_fuzz_user does not end: $(grep '^FAILURE' /tmp/fuzz.out | head -n 1)"
fi
trap - EXIT
wait "$fz"
rc=$?
grep -E '^(ops|errno|longest call):' /tmp/fuzz.out | sed 's/^/NOTE: /'
sed -n '/^FAILURE/,/^longest call/p' /tmp/fuzz.out | sed 's/^/# /'
grep -q '^FAILURE' /tmp/fuzz.out && fail "$(grep '^FAILURE' /tmp/fuzz.out | head -n 1)"
[ $rc -eq 0 ] || fail "rpmsg_fuzz_user: exit status $rc: $(tail -n 1 /tmp/fuzz.out)"
grep -q 'ended by' /tmp/fuzz.out || fail "rpmsg_fuzz_user: no summary: $(tail -n 1 /tmp/fuzz.out)"
# it did something: rounds of stop and start, and endpoints and channels made
[ $rounds -gt 0 ] || fail "no round of stop and start while fuzzing"
grep -qE 'made [1-9]' /tmp/fuzz.out || fail "the fuzzer made no endpoint: $(grep '^ops:' /tmp/fuzz.out)"

# the board still works
rproc_stop "$r" || fail "stop: $(cat "$r/state")"
rproc_start "$r" echo || fail "start: $(cat "$r/state")"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
rpmsg_echo_test "$dev" 1 16 || fail "the link does not work after the fuzzing"
