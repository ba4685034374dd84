# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# The bus's trace events (ours-only: the kernel's bus has none), as
# trace-cmd and perf read them from tracefs: rpmsg:rpmsg_drop for each of
# the burst firmware's 768 frames to an address no endpoint has
# (why=rx_drop_no_endpoint), rpmsg:rpmsg_kick of vq0 when the core asks
# for its buffers back, then one echo: rpmsg:rpmsg_send of 64 bytes, the
# kick of vq1, rpmsg:rpmsg_recv of the 64-byte answer. Nothing once the
# events are off again.
amp_is_ours virtio_rpmsg_bus || skip "ours-only: the kernel's virtio_rpmsg_bus has no trace events"
t=/sys/kernel/tracing
[ -d "$t/events" ] || mount -t tracefs nodev "$t" || fail "no tracefs"
r=$(board_up) || board_fail "$r"
[ -d "$t/events/rpmsg" ] || fail "no rpmsg events in $t/events"
trap 'echo 0 > "$t/events/rpmsg/enable"; echo 1 > "$t/tracing_on"' EXIT
echo 0 > "$t/tracing_on"
: > "$t/trace"
echo 1 > "$t/events/rpmsg/enable" || fail "cannot enable events/rpmsg"
echo 1 > "$t/tracing_on"
tx=$(vcore_stat tx)
asks=$(vcore_stat rx_kick_asks)
rproc_start "$r" burst || fail "start: $(cat "$r/state")"
burst_sent() {
	[ "$(vcore_stat tx)" -ge $((tx + 769)) ]
}
wait_for 100 burst_sent || fail "the burst stopped after $(($(vcore_stat tx) - tx)) frames"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
rpmsg_echo_test "$dev" 1 64 || fail "no echo"
echo 0 > "$t/events/rpmsg/enable"
cat "$t/trace" > /tmp/trace.events
n=$(grep -c 'rpmsg_drop: virtio[0-9]* src=0x3ff dst=0x3e8 used=32 len=16 why=rx_drop_no_endpoint$' /tmp/trace.events)
[ "$n" -eq 768 ] || fail "$n rpmsg_drop events of the burst's 768 frames: $(grep -m1 rpmsg_drop /tmp/trace.events)"
# the core asked for its buffers back (it may ask again before the kick
# comes): kicks of vq0 from the receive path, besides the probe's one
asks=$(($(vcore_stat rx_kick_asks) - asks))
k=$(grep -c 'rpmsg_kick: virtio[0-9]* vq0 (buffers)$' /tmp/trace.events)
[ "$asks" -gt 0 ] && [ "$k" -ge 2 ] ||
	fail "$k rpmsg_kick of vq0 (the probe's and the receive path's) for the core's $asks asks for buffers"
for re in 'rpmsg_send: virtio[0-9]* src=0x[0-9a-f]* dst=0x[0-9a-f]* len=64$' \
	'rpmsg_kick: virtio[0-9]* vq1 (messages)$' \
	'rpmsg_recv: virtio[0-9]* src=0x[0-9a-f]* dst=0x[0-9a-f]* len=64$'; do
	grep -q "$re" /tmp/trace.events || fail "no '$re' in the trace: $(grep -v '^#' /tmp/trace.events | tail -n 3 | tr '\n' ';')"
done
echo "NOTE: $(grep -c ' rpmsg_' /tmp/trace.events) rpmsg events; the echo: $(grep -E 'rpmsg_(send|recv).*len=64' /tmp/trace.events | sed 's/.*\(rpmsg_[a-z]*\):/\1/' | tr '\n' ';')"
# off: nothing more
: > "$t/trace"
rpmsg_echo_test "$dev" 1 64 || fail "no echo"
! grep -q ' rpmsg_' "$t/trace" || fail "events with rpmsg events off: $(grep -m1 ' rpmsg_' "$t/trace")"
rpmsg_destroy_ept "$dev"
rproc_stop "$r" || fail "stop: $(cat "$r/state")"
