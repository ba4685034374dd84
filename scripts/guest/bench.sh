# SPDX-License-Identifier: GPL-2.0
#
# `make bench`, in the guest: for each module set, in this one boot, the
# echo firmware's round trips through /dev/rpmsgN (16 and 496 bytes),
# streaming through /dev/rpmsgN, and the multi-services tty's throughput
# through /dev/ttyRPMSG0. AMP_ROUNDS rounds, the order of the sets
# reversed every other round (the emulator's speed drifts). One line per
# measurement:
#   bench <set> <metric> <value>...
order=$AMP_SETS
reversed=$(echo "$AMP_SETS" | tr ' ' '\n' | sed '1!G;h;$!d' | tr '\n' ' ')
round=0
while [ $round -lt "${AMP_ROUNDS:-3}" ]; do
round=$((round + 1))
[ $((round % 2)) = 0 ] && order=$reversed || order=$AMP_SETS
for AMP_SET in $order; do
	export AMP_SET
	r=$(board_up rpmsg_tty) || { echo "bench $AMP_SET error board: $r"; continue; }
	rproc_start "$r" echo || { echo "bench $AMP_SET error start"; continue; }
	dev=$(ept_to_channel rpmsg-openamp-demo-channel) ||
		{ echo "bench $AMP_SET error $dev"; continue; }
	echo "bench $AMP_SET lat16 $(rpmsg_bench lat "$dev" 16 2000)"
	echo "bench $AMP_SET lat496 $(rpmsg_bench lat "$dev" 496 2000)"
	echo "bench $AMP_SET stream $(rpmsg_bench stream "$dev" 496 5000)"
	rpmsg_destroy_ept "$dev"
	rproc_stop "$r"
	rproc_start "$r" multi-services || { echo "bench $AMP_SET error start"; continue; }
	wait_for 100 test -c /dev/ttyRPMSG0 || { echo "bench $AMP_SET error no tty"; continue; }
	stty -F /dev/ttyRPMSG0 raw -echo
	echo "bench $AMP_SET tty $(rpmsg_bench tty /dev/ttyRPMSG0 256 2000)"
	rproc_stop "$r"
	amp_unload_all > /dev/null
done
done
