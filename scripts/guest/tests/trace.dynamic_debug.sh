# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# Mainline behaviour, as seed 002's demos use it: with
# `file virtio_rpmsg_bus.c +p` in dynamic debug, the bus logs each message
# it sends ("TX From 0x<src>, To 0x<dst>, Len <n>, Flags 0, Reserved 0" and
# a hex dump, "rpmsg_virtio TX: ...") and each it receives ("From: 0x<src>,
# To: 0x<dst>, Len: <n>, Flags: 0, Reserved: 0", "rpmsg_virtio RX: ...",
# "Received <n> messages"); nothing once it is turned off again.
ctl=/sys/kernel/debug/dynamic_debug/control
r=$(board_up) || board_fail "$r"
rproc_start "$r" echo || fail "start failed"
d=$(rpmsg_wait rpmsg-openamp-demo-channel) || fail "no echo channel"
rem=$(printf '0x%x' "$(cat "$d/dst")")
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
[ -w "$ctl" ] || fail "no $ctl"

# the log from marker $1 on
log_since() {
	dmesg | sed -n "/amp-trace-mark $1\$/,\$p"
}

echo -n 'file virtio_rpmsg_bus.c +p' > "$ctl" || fail "cannot enable dynamic debug"
echo "amp-trace-mark on" > /dev/kmsg
out=$(rpmsg_ping "$dev" "dyndbg-hello") || fail "no answer: $out"
wait_for 50 sh -c "dmesg | grep -q 'Received [0-9]* messages'" || true
echo -n 'file virtio_rpmsg_bus.c -p' > "$ctl" || fail "cannot disable dynamic debug"
log_since on > /tmp/dyndbg.log
echo "amp-trace-mark off" > /dev/kmsg
for re in "TX From 0x[0-9a-f]*, To $rem, Len 12, Flags 0, Reserved 0" \
	'rpmsg_virtio TX: .*64 79 6e 64 62 67' \
	"From: $rem, To: 0x[0-9a-f]*, Len: 12, Flags: 0, Reserved: 0" \
	'rpmsg_virtio RX: .*64 79 6e 64 62 67' \
	'Received [0-9]* messages'; do
	grep -q "$re" /tmp/dyndbg.log || fail "no line '$re' in the log: $(tail -n 5 /tmp/dyndbg.log)"
done
# once, and no more than the frame: its 28 bytes are two dump lines
n=$(grep -c "From: $rem, To: " /tmp/dyndbg.log)
[ "$n" = 1 ] || fail "the answer logged $n times"
n=$(grep -c 'rpmsg_virtio RX: ' /tmp/dyndbg.log)
[ "$n" = 2 ] || fail "$n lines of received dump, not 2: $(grep 'rpmsg_virtio RX: ' /tmp/dyndbg.log)"
grep -m 2 -E 'TX From|From: ' /tmp/dyndbg.log | sed 's/^/NOTE: /'
out=$(rpmsg_ping "$dev" "dyndbg-quiet") || fail "no answer: $out"
log_since off | grep -qE 'TX From|From: 0x|rpmsg_virtio|Received [0-9]* messages' &&
	fail "logged with dynamic debug off"
exit 0
