# SPDX-License-Identifier: GPL-2.0
#
# The demo the guest walks for `make demo`: each command as a user types it
# on the board, then what it printed. Seed 000's session on the i.MX board,
# then seed 002's Demos 1-5 (multi-services firmware) on either board.

run() {
	echo "root@$AMP_BOARD:~# $*"
	sh -c ". /amp/lib.sh; $*" 2>&1 | sed 's/^/  /'
}

say() {
	echo
	echo "== $*"
}

klog() {
	dmesg -c | sed 's/^\[[^]]*\] //' | grep -E "$1" | sed 's/^/  [kernel] /'
}

R=/sys/class/remoteproc/remoteproc0
dmesg -c > /dev/null
vboard_load
for m in "$RPROC_MODULE" virtio_rpmsg_bus rpmsg_char rpmsg_ctrl rpmsg_tty rpmsg_client_sample; do
	amp_load $m || echo "cannot load $m"
done
dmesg -c > /dev/null
if amp_is_ours virtio_rpmsg_bus; then
	echo "(modules: the project's, set $AMP_SET; \`make demo MODULES=ref\` runs the kernel's own)"
else
	echo "(modules: set $AMP_SET; \`make demo\` runs the project's)"
fi
for m in "$RPROC_MODULE" virtio_rpmsg_bus rpmsg_char rpmsg_ctrl rpmsg_tty rpmsg_client_sample; do
	echo "  $m: $(amp_modpath $m)"
done

if [ "$AMP_BOARD" = imx8mm ]; then
	rmmod imx_rproc
	say "Seed 000: U-Boot's bootaux started the M4 before Linux"
	echo "(U-Boot: bootaux of ${FW_PREFIX}echo.elf)"
	vcore_bootaux echo
	run "modprobe imx_rproc"
	amp_load imx_rproc
	rproc_wait "$RPROC_NAME" > /dev/null
	wait_for 50 rproc_state_is $R attached
	run "cat $R/state"
	say "Stop it, give it new firmware, start it"
	run "echo stop > $R/state"
	run "cat $R/state"
	dmesg -c > /dev/null
else
	board_core_stopped
fi

say "Seed 002: start the Cortex-M4 firmware (multi-services)"
run "echo ${FW_PREFIX}multi-services.elf > $R/firmware"
run "echo start > $R/state"
wait_for 300 sh -c 'dmesg | grep -q goodbye'
klog 'rpmsg host is online|creating channel|new channel|incoming msg (1|2|99|100) |goodbye'

say "Demo 2: rpmsg-tty"
run "ls /dev/ttyRPMSG*"
tty0=$(tty_reader /dev/ttyRPMSG0 /tmp/tty0)
echo "root@$AMP_BOARD:~# cat /dev/ttyRPMSG0 &"
for m in ' hello Zephyr' ' goodbye Zephyr'; do
	seen=$(wc -c < /tmp/tty0)
	run "echo '$m' > /dev/ttyRPMSG0"
	wait_for 30 grep -q "TTY 0: $m" /tmp/tty0
	tail -c +$((seen + 1)) /tmp/tty0 | sed 's/^/  /'
done

say "Demo 3: a second tty, created from user space"
run "rpmsg_export_dev /dev/rpmsg_ctrl0 rpmsg-tty 257 -1"
wait_for 50 test -c /dev/ttyRPMSG1
wait_for 50 trace_has $R 'bound to 0x101'
run "ls /dev/ttyRPMSG*"
echo "  (what the firmware saw: remoteproc's trace0)"
rproc_trace $R | grep -E 'ns from linux|bound' | sed 's/^/  [firmware] /'
echo "  (the bus's messages in the kernel log, as seed 002 shows them)"
run "echo -n 'file virtio_rpmsg_bus.c +p' > /sys/kernel/debug/dynamic_debug/control"
tty1=$(tty_reader /dev/ttyRPMSG1 /tmp/tty1)
echo "root@$AMP_BOARD:~# cat /dev/ttyRPMSG1 &"
dmesg -c > /dev/null
run "echo hello dev1 > /dev/ttyRPMSG1"
if amp_is_ours virtio_rpmsg_bus; then
	wait_for 30 grep -q "TTY 1: hello dev1" /tmp/tty1
	sed 's/^/  /' /tmp/tty1
	wait_for 30 sh -c 'dmesg | grep -q "Received [0-9]* messages"'
else
	echo "  (no answer: the kernel's virtio_rpmsg_bus does not learn the remote's"
	echo "   address from its 'bound' message, and sends nothing to address -1)"
fi
klog 'TX From|rpmsg_virtio|From: |Received [0-9]* messages|rpmsg_tty'
run "echo -n 'file virtio_rpmsg_bus.c -p' > /sys/kernel/debug/dynamic_debug/control"
kill $tty1 2>/dev/null
run "rpmsg_export_dev /dev/rpmsg_ctrl0 -d rpmsg-tty 257 -1"
run "ls /dev/ttyRPMSG*"

say "Demo 4: rpmsg-char on the rpmsg-raw channel"
run "ls /dev/rpmsg?"
run "rpmsg_ping /dev/rpmsg0"

say "Demo 5: endpoints to the firmware's fixed endpoint 0x1, through rpmsg_ctrl"
run "rpmsg_export_ept /dev/rpmsg_ctrl0 my_endpoint1 100 1"
run "rpmsg_export_ept /dev/rpmsg_ctrl0 my_endpoint2 101 1"
run "rpmsg_export_ept /dev/rpmsg_ctrl0 my_endpoint2 103 1"
sleep 0.3
run "ls /dev/rpmsg?"
for d in /dev/rpmsg[0-9]; do
	run "rpmsg_ping $d"
done
kill $tty0 2>/dev/null

say "Stop the firmware"
run "echo stop > $R/state"
run "cat $R/state"
