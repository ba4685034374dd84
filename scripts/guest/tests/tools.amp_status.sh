# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# amp-status (samples/rpmsg-tools/amp_status.c) against the kernel's
# modules and ours: the remote processor offline (exit 1), then running
# (exit 0) with its channels (rpmsg-raw held by rpmsg_chrdev with its
# /dev/rpmsgN, rpmsg-tty by rpmsg_tty with /dev/ttyRPMSG0, rpmsg_ctrl's
# node), the bus's counters (ours; the kernel's bus has none: shown as
# absent, not an error), the same in --json; offline again after a stop.
r=$(board_up rpmsg_tty) || board_fail "$r"
rp=${r##*/}
name=$(cat "$r/name")
st=/tmp/amp-status

amp-status > $st.0 2>&1
rc=$?
[ $rc -eq 1 ] || fail "offline: exit $rc, not 1: $(head -n 3 $st.0 | tr '\n' ';')"
grep -qx "$rp $name: offline" $st.0 || fail "offline: $(head -n 1 $st.0)"

rproc_start "$r" multi-services || fail "start: $(cat "$r/state")"
d=$(rpmsg_wait rpmsg-raw) || fail "no rpmsg-raw channel"
wait_for 50 chrdev_of "$d" > /dev/null || fail "no /dev/rpmsgN for rpmsg-raw"
raw=$(chrdev_of "$d")
wait_for 100 test -c /dev/ttyRPMSG0 || fail "no /dev/ttyRPMSG0"
amp-status > $st.1 2>&1
rc=$?
[ $rc -eq 0 ] || fail "running: exit $rc: $(head -n 3 $st.1 | tr '\n' ';')"
for re in "^$rp $name: running (started by Linux)\$" \
	"^  firmware ${FW_PREFIX}multi-services.elf, recovery enabled\$" \
	"^  rpmsg-raw  *$(cat "$d/src")  *$(cat "$d/dst")  *$raw  *rpmsg_chrdev\$" \
	"^  rpmsg-tty  *0x[0-9a-f]*  *0x[0-9a-f]*  */dev/ttyRPMSG0  *rpmsg_tty\$" \
	"^  rpmsg_ctrl .* /dev/rpmsg_ctrl0  *rpmsg_ctrl\$"; do
	grep -q "$re" $st.1 || fail "no line '$re': $(tr '\n' ';' < $st.1)"
done
if amp_is_ours virtio_rpmsg_bus; then
	grep -q "^  virtio[0-9]*: driver virtio_rpmsg_bus, counters: .*, tx [0-9]*, .*, rx [1-9]" $st.1 ||
		fail "no counters: $(grep virtio $st.1)"
	counters='"counters": {"[a-z_]*": [0-9]*'
else
	grep -q "^  virtio[0-9]*: driver virtio_rpmsg_bus, counters: absent" $st.1 ||
		fail "the kernel's bus: $(grep virtio $st.1)"
	counters='"counters": null'
fi
amp-status --json > $st.2 2>&1 || fail "--json: exit $?"
for re in "^{\"remoteprocs\": \\[{\"id\": \"$rp\", \"name\": \"$name\", \"state\": \"running\", \"attached\": false, " \
	"\"virtio\": \\[{\"device\": \"virtio[0-9]*\", \"driver\": \"virtio_rpmsg_bus\", $counters" \
	"{\"device\": \"[^\"]*\", \"name\": \"rpmsg-raw\", \"src\": \"$(cat "$d/src")\", \"dst\": \"$(cat "$d/dst")\", \"driver\": \"rpmsg_chrdev\", \"nodes\": \"$raw\"}" \
	'}}$'; do
	grep -q "$re" $st.2 || fail "--json: no '$re' in $(cat $st.2)"
done
echo "NOTE: $(grep virtio $st.1)"
rproc_stop "$r" || fail "stop: $(cat "$r/state")"
amp-status > $st.3 2>&1
rc=$?
[ $rc -eq 1 ] || fail "stopped: exit $rc, not 1"
! grep -q rpmsg-raw $st.3 || fail "channels after the stop: $(tr '\n' ';' < $st.3)"
