# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# A daemon that lives through 20 firmware crashes (samples/rpmsg-tools/
# rpmsg_daemon): it holds the remote's rpmsg-raw endpoint and rpmsg-tty
# tty by their stable names (/dev/rpmsg/<remoteproc>/..., mdev here),
# sends a numbered line on each in turn and waits for the answer. Each
# crash (and recovery) must end its session with an error on a node it
# holds (a message reported failed), after which it waits for uevents,
# reopens the same paths and carries on. Every message must end answered
# or failed: one silently lost leaves the daemon waiting, and the test
# sees it stuck. At the end it finishes its message in flight and counts.
# A reopen may come while the old nodes are still being taken down: the
# open succeeds, the first write fails (EPIPE), and the daemon waits again;
# such sessions are counted in the note, each with its one failure.
# about 90 s a run: the default configuration's ref and ours sets only
[ "${AMP_CYCLES:-100}" -ge 100 ] ||
	skip "runs on the default configuration (6.12 arm64), where the loops are long"
case $AMP_SET in
ref | ours) ;;
*) skip "runs on the sets ref and ours" ;;
esac
case $AMP_BOARD in
imx*)
	amp_is_ours imx_rproc ||
		skip "in-tree imx_rproc: at the 8th recovery under traffic the kernel oopsed (NULL dereference in pipe_release: memory corrupted); its receive work runs the virtqueues with no lock during recovery (channels created before the bus's probe ended)"
	;;
esac
r=$(board_up rpmsg_tty) || board_fail "$r"
top=/dev/rpmsg/$(cat "$r/name")
upid=$(mdev_on) || fail "no mdev.conf installed"
dpid=
trap 'kill -9 $dpid $upid 2> /dev/null; mdev_off' EXIT
log=/tmp/daemon.log
rproc_start "$r" multi-services || fail "start: $(cat "$r/state")"
rpmsg_daemon "$top/rpmsg-raw" "$top/rpmsg-tty" > "$log" 2>&1 &
dpid=$!

booted_again() {
	[ "$(vcore_stat boots)" -gt "$boots" ]
}
count() {
	grep -c "$1" "$log"
}
# in a session, with four answers (two on each node) since $mark
moving() {
	[ "$(count '^answered')" -ge $((mark + 4)) ] &&
		[ "$(grep '^session' "$log" | tail -n 1 | cut -d' ' -f3)" = up ]
}
# a session ended since the crash
seen() {
	[ "$(count '^session [0-9]* down$')" -gt "$downs" ]
}

crashes=20
i=1
while [ "$i" -le "$crashes" ]; do
	mark=$(count '^answered')
	wait_for 100 moving ||
		fail "before crash $i, no session carries messages: $(tail -n 4 "$log" | tr '\n' ';')"
	downs=$(count '^session [0-9]* down$')
	boots=$(vcore_stat boots)
	echo 1 > "/sys/kernel/debug/remoteproc/${r##*/}/crash" || fail "crash $i refused"
	wait_for 100 booted_again || fail "crash $i: the core was not restarted"
	wait_for 100 seen ||
		fail "crash $i: the daemon did not see it: $(tail -n 4 "$log" | tr '\n' ';')"
	progress "crash $i"
	i=$((i + 1))
done
mark=$(count '^answered')
wait_for 100 moving ||
	fail "no session after the last crash: $(tail -n 4 "$log" | tr '\n' ';')"
kill -TERM "$dpid"
wait_for 100 grep -q '^total:' "$log" ||
	fail "the daemon did not finish its message in flight: $(tail -n 4 "$log" | tr '\n' ';')"
wait "$dpid" 2> /dev/null
dpid=
set -- $(sed -n 's/^total: sessions \([0-9]*\) sent \([0-9]*\) answered \([0-9]*\) failed \([0-9]*\)$/\1 \2 \3 \4/p' "$log")
[ $# -eq 4 ] || fail "no totals: $(tail -n 2 "$log")"
echo "NOTE: $1 sessions, $2 messages: $3 answered, $4 reported failed; $(($1 - crashes - 1)) sessions opened on a node being taken down (failed at once); $(count '^stray') stray answers"
[ "$1" -gt "$crashes" ] || fail "$1 sessions for $crashes crashes"
[ "$2" -eq $(($3 + $4)) ] || fail "$2 sent, $3 answered, $4 failed: some were neither"
[ "$4" -eq $(($1 - 1)) ] ||
	fail "$4 failures in $1 sessions: each but the last must end with one: $(grep -E '^(failed|session)' "$log" | head -n 30 | tr '\n' ';')"
[ "$(count '^answered')" -eq "$3" ] || fail "the answers printed are not the ones counted"
rproc_stop "$r" || fail "stop: $(cat "$r/state")"
