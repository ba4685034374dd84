# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d
#
# ours-only (mainline has no RPMsg-only mode): seed 001's RPMsg-Lite
# remote echo, started by the boot loader before Linux, with no resource
# table, and no platform driver loaded at all. rpmsg_link takes NXP's
# vendor DT node unchanged; the remote links up at the bus's first kick of
# vring 0, announces rpmsg-openamp-demo-channel at its address 30 and
# answers each message with "echo: <message>\r\n". rpmsg_link is the
# project's in every set (the kernel has none); the set's bus and clients
# run on it, so `ref` shows the kernel's own rpmsg stack working over it.
l=$(rpmsgonly_up echo) || fail "$l"
grep -q '^imx_rproc ' /proc/modules && fail "the platform driver is loaded"
d=$(rpmsg_wait rpmsg-openamp-demo-channel) ||
	fail "no rpmsg-openamp-demo-channel (link $(cat "$l/state"))"
[ $(($(cat "$d/dst"))) -eq 30 ] || fail "announced from $(cat "$d/dst"), not 30"
wait_for 50 rlink_state_is up || fail "link $(cat "$l/state"), not up"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
for i in 1 2 3; do
	out=$(rpmsg_ping "$dev" "hello $i") || fail "no answer: $out"
	case $out in *"echo: hello $i"*) ;; *) fail "answer: $out" ;; esac
done
[ "$(cat "$l/syncs")" = 1 ] || fail "$(cat "$l/syncs") syncs, not 1"
