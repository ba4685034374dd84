# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d
#
# ours-only: racing user space on an RPMsg-only link. While a daemon holds
# an endpoint device as robust.race_epoll_stop's does (two epoll sets, a
# thread in epoll_wait(), one in poll()), three writers of the link's
# "resync" attribute and an unbind/bind loop race each other. Nothing
# hangs, the holder wakes and ends cleanly, nothing is reported (on the
# KASAN kernel: no use-after-free), one virtio device is left. The remote, linked when Linux re-made
# its rings, cannot follow (as RPMsg-Lite): restarted, it works again.
races_here
l=$(rpmsgonly_up echo) || fail "$l"
name=${l##*/}
drv=/sys/bus/platform/drivers/rpmsg_link
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
rm -f /tmp/hold
rpmsg_race hold "$dev" > /tmp/hold 2>&1 &
holder=$!
wait_for 100 grep -q holding /tmp/hold || fail "the holder did not start: $(cat /tmp/hold)"
pids=
for w in 1 2 3; do
	sh -c "for i in \$(seq 20); do echo 1 > $l/resync; done" 2>/dev/null &
	pids="$pids $!"
done
sh -c "for i in \$(seq 10); do echo $name > $drv/unbind; echo $name > $drv/bind; done" \
	2>/dev/null &
pids="$pids $!"
for p in $pids; do
	wait "$p"
done
[ -e "$l" ] || echo "$name" > "$drv/bind" || fail "cannot bind the link again"
progress "resyncs and rebinds done"
n=$(ls -d "$l"/virtio* 2>/dev/null | wc -l)
[ "$n" = 1 ] || fail "$n virtio devices on the link after the races, not 1"
kill -USR1 "$holder"
wait_for 100 sh -c "! kill -0 $holder 2>/dev/null" ||
	fail "the holder does not end: $(cat /tmp/hold)"
wait "$holder" || fail "the holder failed: $(cat /tmp/hold)"
echo "NOTE: $(tail -n 1 /tmp/hold); syncs $(cat "$l/syncs")"
echo 1 > "$(vcore_dir)/poweroff" || fail "poweroff"
vcore_bootaux rpmsg-only-echo || fail "bootaux"
rpmsg_wait rpmsg-openamp-demo-channel > /dev/null || fail "no channel after the restart"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "after the races: $dev"
out=$(rpmsg_ping "$dev" after) || fail "no answer after the races: $out"
