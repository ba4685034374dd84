# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d
#
# ours-only: the remote restarts by itself (its owner resets it and boots
# it again; Linux does nothing). RPMsg-Lite firmware rings the MU's
# doorbell when it comes up: rpmsg_link syncs again (the channel and its
# /dev/rpmsgN go, a held descriptor sees the device gone, nothing hangs),
# the remote links up on the fresh rings and announces again, and the echo
# works on the new channel. A remote restarted without a doorbell waits
# for a kick Linux does not send (Linux still has the old session) until
# the user writes the link's "resync" attribute.
l=$(rpmsgonly_up echo) || fail "$l"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
out=$(rpmsg_ping "$dev" first) || fail "no answer: $out"
exec 3<> "$dev" || fail "cannot open $dev"
for round in 1 2 3; do
	syncs=$(cat "$l/syncs")
	echo 1 > "$(vcore_dir)/poweroff" || fail "poweroff"
	vcore_bootaux rpmsg-only-echo || fail "bootaux, round $round"
	wait_for 100 sh -c "[ \$(cat $l/syncs) -gt $syncs ]" ||
		fail "round $round: no sync after the remote's doorbell (doorbells $(cat "$l/doorbells"))"
	d=$(rpmsg_wait rpmsg-openamp-demo-channel) || fail "round $round: no channel after the restart"
	wait_for 50 rlink_state_is up || fail "round $round: link $(cat "$l/state")"
	dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "round $round: $dev"
	out=$(rpmsg_ping "$dev" "round $round") || fail "round $round: no answer: $out"
	case $out in *"echo: round $round"*) ;; *) fail "round $round: answer $out" ;; esac
done
# the descriptor held across the first restart: its endpoint is gone
echo stale >&3 2>/dev/null && fail "a write on a descriptor of the old link succeeded"
exec 3>&-
# a restart Linux is not told of: the user resyncs
echo N > "$(vcore_dir)/lite_doorbell"
syncs=$(cat "$l/syncs")
echo 1 > "$(vcore_dir)/poweroff" || fail "poweroff"
vcore_bootaux rpmsg-only-echo || fail "bootaux without a doorbell"
sleep 1
[ "$(cat "$l/syncs")" = "$syncs" ] || fail "a sync without a doorbell"
rpmsg_ping "$dev" lost > /dev/null 2>&1 && fail "the restarted remote answered the old session"
echo 1 > "$l/resync" || fail "resync failed"
echo Y > "$(vcore_dir)/lite_doorbell"
[ "$(cat "$l/syncs")" -gt "$syncs" ] || fail "resync did not sync"
rpmsg_wait rpmsg-openamp-demo-channel > /dev/null || fail "no channel after resync"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "after resync: $dev"
out=$(rpmsg_ping "$dev" resynced) || fail "after resync: no answer: $out"
