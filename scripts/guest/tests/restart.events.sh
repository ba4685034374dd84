# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# ours-only (mainline's platform drivers tell user space nothing): each
# transition of the remote processor is a uevent, a change of the
# remoteproc device with RPROC_STATE and RPROC_NAME, as udev receives it
# (rproc_events listens on the same netlink socket): start "running"; a
# crash and its recovery "crashed" then "running"; stop "offline"; and
# with recovery disabled, the crash is told at the stop that follows,
# then "offline". Each state once the core has settled on it.
amp_is_ours "$RPROC_MODULE" || skip "ours-only: the in-tree $RPROC_MODULE sends no uevent"
r=$(board_up) || board_fail "$r"
name=$(cat "$r/name")
rproc_events > /tmp/events 2>&1 &
listener=$!
trap 'kill $listener 2> /dev/null' EXIT
wait_for 50 grep -q listening /tmp/events || fail "no listener: $(cat /tmp/events)"

# expect STATE...: the next events, in order, are these (and no others)
seen=1
expect() {
	local want got s
	for s in "$@"; do
		seen=$((seen + 1))
		want="$name $s"
		wait_for 100 sh -c "[ \$(wc -l < /tmp/events) -ge $seen ]" ||
			fail "no event '$want' (events: $(tail -n +2 /tmp/events | tr '\n' ','))"
		got=$(sed -n "${seen}p" /tmp/events)
		[ "$got" = "$want" ] || fail "event '$got', not '$want'"
	done
}

rproc_start "$r" echo || fail "start: $(cat "$r/state")"
expect running
echo 1 > "/sys/kernel/debug/remoteproc/${r##*/}/crash" || fail "cannot report a crash"
expect crashed running
rproc_state_is "$r" running || fail "told running, state $(cat "$r/state")"
rproc_stop "$r" || fail "stop: $(cat "$r/state")"
expect offline
echo disabled > "$r/recovery" || fail "cannot disable recovery"
rproc_start "$r" echo || fail "second start: $(cat "$r/state")"
expect running
echo 1 > "/sys/kernel/debug/remoteproc/${r##*/}/crash" || fail "cannot report a crash"
wait_for 100 rproc_state_is "$r" crashed || fail "state: $(cat "$r/state"), not crashed"
echo stop > "$r/state" || fail "stop after the crash refused"
expect crashed offline
echo enabled > "$r/recovery"
sleep 1
n=$(wc -l < /tmp/events)
[ "$n" = "$seen" ] || fail "more events than expected: $(tail -n +$((seen + 1)) /tmp/events | tr '\n' ',')"
echo "NOTE: $(tail -n +2 /tmp/events | tr '\n' ',')"
