# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d
#
# ours-only: a remote that is not running when the link comes up, and one
# that never does. rpmsg_link binds, the bus posts its buffers and kicks
# vring 0; nobody takes the word, the link stays "waiting", no channel
# appears. When the core is started later, it takes the kick the MU kept,
# links up and announces; its doorbell does not resync (that would re-make
# rings a linked RPMsg-Lite remote uses). If the kick was lost (the MU
# reset with the board), the doorbell makes Linux kick again. A remote that
# never comes up: unbinding the link and unloading the stack do not hang.
l=$(rpmsgonly_up "") || fail "$l"
sleep 1
rlink_state_is waiting || fail "link $(cat "$l/state"), not waiting"
rpmsg_gone rpmsg-openamp-demo-channel || fail "a channel with no remote"
vcore_state_is halted || fail "core $(vcore_stat state)"
# 1: the remote comes up late: the word the MU kept links it
vcore_bootaux rpmsg-only-echo || fail "bootaux"
rpmsg_wait rpmsg-openamp-demo-channel > /dev/null || fail "no channel once the remote came up"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
out=$(rpmsg_ping "$dev" late) || fail "no answer: $out"
[ "$(cat "$l/doorbells")" -ge 1 ] || fail "no doorbell from the late remote"
[ "$(cat "$l/syncs")" = 1 ] || fail "$(cat "$l/syncs") syncs for a late remote, not 1"
# 2: the kick lost with the MU's reset: the doorbell asks for another
echo 1 > "$(vcore_dir)/poweroff" || fail "poweroff"
echo 1 > "$l/resync" || fail "resync with the core off"
syncs=$(cat "$l/syncs")
echo 1 > "$(vcore_dir)/poweroff" || fail "second poweroff"
vcore_bootaux rpmsg-only-echo || fail "second bootaux"
rpmsg_wait rpmsg-openamp-demo-channel > /dev/null ||
	fail "no channel after a lost kick (link $(cat "$l/state"), doorbells $(cat "$l/doorbells"))"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
out=$(rpmsg_ping "$dev" again) || fail "no answer after a lost kick: $out"
[ "$(cat "$l/syncs")" = "$syncs" ] || fail "the doorbell of a remote that was not up resynced"
# 3: never comes up: unbind with the kick still with the MU
echo 1 > "$(vcore_dir)/poweroff" || fail "poweroff"
echo 1 > "$l/resync" || fail "resync"
sleep 1
rlink_state_is waiting || fail "link $(cat "$l/state") with the core off"
echo "${l##*/}" > /sys/bus/platform/drivers/rpmsg_link/unbind || fail "unbind failed"
[ -e "$l" ] && fail "still bound"
rmmod rpmsg_link || fail "rmmod rpmsg_link"
amp_unload_all || fail "modules stay loaded"
