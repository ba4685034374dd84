# SPDX-License-Identifier: GPL-2.0
#
# The demo the guest walks for `make demo`: each command as a user would
# type it on the board, then what it printed.

run() {
	echo "# $*"
	sh -c "$*" 2>&1 | sed 's/^/  /'
}

say() {
	echo
	echo "== $*"
}

say "The virtual board: QEMU virt + an i.MX8MM-like Cortex-M4 ($AMP_BOARD)"
run "uname -r"
run "tr '\\0' ' ' < /proc/device-tree/imx8mm-cm4/compatible; echo"

say "U-Boot's bootaux left the M4 running (the SRC word reads 0): imx_rproc attaches"
run "devmem $SRC_SCR 32"
run "modprobe imx_rproc"
r=$(rproc_wait imx-rproc)
run "ls /sys/class/remoteproc/"
run "cat $r/name $r/state"

say "Stop it from Linux: imx_rproc writes the stop value into the SRC"
run "echo stop > $r/state"
run "cat $r/state"
run "devmem $SRC_SCR 32"

say "Probe again with the M4 held stopped: it comes up offline"
run "rmmod imx_rproc"
run "modprobe imx_rproc"
r=$(rproc_wait imx-rproc)
run "cat $r/state"

say "The rpmsg stack loads"
run "modprobe -a virtio_rpmsg_bus rpmsg_char rpmsg_ctrl rpmsg_tty rpmsg_client_sample"
run "lsmod"
echo
echo "Not here yet: the virtual M-core that boots firmware and answers over rpmsg."
