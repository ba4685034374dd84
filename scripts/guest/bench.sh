# SPDX-License-Identifier: GPL-2.0
#
# `make bench`, in the guest: for each module set, in this one boot, the
# echo firmware's time from `echo start` to its channel, its round trips
# through /dev/rpmsgN (16, 128 and 496 bytes; 16 bytes again while two
# CPU hogs run), streaming through /dev/rpmsgN, and the multi-services
# tty's throughput through /dev/ttyRPMSG0, and streaming again with the
# firmware built for 4 KiB buffers (imx8mm only; the largest payload the
# bus takes: 4080 bytes where it negotiates their size, 496 where not).
# AMP_ROUNDS rounds after a warm-up round, the order of the sets reversed
# every other round. One line per measurement:
#   bench <set> <metric> <value>...

# two shell loops that never sleep, one per CPU; prints their pids (their
# output goes elsewhere: the caller's $(...) reads until it ends)
hogs_start() {
	local i
	for i in 1 2; do
		sh -c 'while :; do :; done' > /dev/null 2>&1 &
		echo $!
	done
}

# streaming with the firmware built for 4 KiB buffers, on remoteproc $1
bench_stream4k() {
	local dev
	rproc_start "$1" echo-4k || { echo "$tag $AMP_SET error start echo-4k"; return; }
	dev=$(ept_to_channel rpmsg-openamp-demo-channel) ||
		{ echo "$tag $AMP_SET error $dev"; return; }
	echo "$tag $AMP_SET stream4k $(rpmsg_bench stream "$dev" "$(rpmsg_vdev_mtu 4096)" 2000)"
	rpmsg_destroy_ept "$dev"
}

bench_set() {
	local r dev hogs i
	r=$(board_up rpmsg_tty) || { echo "$tag $AMP_SET error board: $r"; return; }
	# three starts (the one kept running last): each is one value
	for i in 1 2 3; do
		[ $i = 1 ] || rproc_stop "$r"
		echo "$tag $AMP_SET start_us $(rpmsg_bench start "$r" "${FW_PREFIX}echo.elf" \
			rpmsg-openamp-demo-channel)"
		wait_for 100 rproc_state_is "$r" running ||
			{ echo "$tag $AMP_SET error start"; return; }
	done
	dev=$(ept_to_channel rpmsg-openamp-demo-channel) ||
		{ echo "$tag $AMP_SET error $dev"; return; }
	for s in 16 128 496; do
		echo "$tag $AMP_SET lat$s $(rpmsg_bench lat "$dev" $s 10000)"
	done
	hogs=$(hogs_start)
	echo "$tag $AMP_SET lat16load $(rpmsg_bench lat "$dev" 16 10000)"
	# shellcheck disable=SC2086
	kill $hogs
	echo "$tag $AMP_SET stream $(rpmsg_bench stream "$dev" 496 5000)"
	rpmsg_destroy_ept "$dev"
	rproc_stop "$r"
	# 2 x 128 buffers of 4 KiB fill imx8mm's vdev0buffer; the others' are smaller
	if [ "$AMP_BOARD" = imx8mm ]; then
		bench_stream4k "$r"
		rproc_stop "$r"
	fi
	rproc_start "$r" multi-services || { echo "$tag $AMP_SET error start"; return; }
	wait_for 100 test -c /dev/ttyRPMSG0 || { echo "$tag $AMP_SET error no tty"; return; }
	stty -F /dev/ttyRPMSG0 raw -echo
	echo "$tag $AMP_SET tty $(rpmsg_bench tty /dev/ttyRPMSG0 256 2000)"
	rproc_stop "$r"
}

# AMP_PROFILE=<workload>:<count> (`make bench PROFILE=...`): the first set
# only, one run of the workload (lat16, lat496, stream or tty, with
# <count> messages; none with 0), then the modules' symbols for the profile
# ("ksym <address> <type> <name> [<module>]"), the modules left loaded
bench_profile() {
	local r dev w=${AMP_PROFILE%%:*} c=${AMP_PROFILE#*:}
	AMP_SET=${AMP_SETS%% *}
	export AMP_SET
	r=$(board_up rpmsg_tty) || { echo "profile error board: $r"; return; }
	if [ "$w" = tty ]; then
		rproc_start "$r" multi-services || { echo "profile error start"; return; }
		wait_for 100 test -c /dev/ttyRPMSG0 || { echo "profile error no tty"; return; }
		stty -F /dev/ttyRPMSG0 raw -echo
		[ "$c" = 0 ] || echo "profile $w $(rpmsg_bench tty /dev/ttyRPMSG0 256 "$c")"
	else
		rproc_start "$r" echo || { echo "profile error start"; return; }
		dev=$(ept_to_channel rpmsg-openamp-demo-channel) ||
			{ echo "profile error $dev"; return; }
		case $w:$c in
		*:0) ;;
		lat*) echo "profile $w $(rpmsg_bench lat "$dev" "${w#lat}" "$c")" ;;
		stream:*) echo "profile $w $(rpmsg_bench stream "$dev" 496 "$c")" ;;
		*) echo "profile error workload $w" ;;
		esac
	fi
	grep '\[' /proc/kallsyms | sed 's/^/ksym /'
}

if [ -n "${AMP_PROFILE:-}" ]; then
	bench_profile
	return 0
fi

order=$AMP_SETS
reversed=$(echo "$AMP_SETS" | tr ' ' '\n' | sed '1!G;h;$!d' | tr '\n' ' ')
# round 0 warms up (the first load of each module and firmware, the first
# run of each tool): its lines say "warmup", not "bench"
round=-1
while [ $round -lt "${AMP_ROUNDS:-3}" ]; do
	round=$((round + 1))
	[ $round = 0 ] && tag=warmup || tag=bench
	[ $((round % 2)) = 0 ] && order=$reversed || order=$AMP_SETS
	for AMP_SET in $order; do
		export AMP_SET
		bench_set
		amp_unload_all > /dev/null
	done
done
