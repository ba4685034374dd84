# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# The restart contract (Documentation/restarts.md): what a descriptor held
# on /dev/rpmsgN (rpmsg_char on the rpmsg-raw channel), /dev/ttyRPMSG0 and
# /dev/rpmsg_ctrl0 sees when the remote goes: stopped, crashed (and
# recovered), its bus module unloaded, or (STM32MP1) detached from the
# firmware the boot loader started. rpmsg_held holds each with a
# read() and a poll() waiting, then calls read, write, poll and an ioctl
# once more; every result is a note (on ref: mainline's column of the
# table). Ours must keep the contract: nothing still waiting, /dev/rpmsgN
# EPIPE for read and write and POLLHUP|POLLERR, the tty hung up (EOF or
# EIO, SIGHUP to its session, POLLHUP), rpmsg_ctrl's ioctls refused; and
# the held descriptors stay dead when the remote comes back.
r=$(board_up rpmsg_tty) || board_fail "$r"
ours=
amp_is_ours virtio_rpmsg_bus && amp_is_ours rpmsg_char && amp_is_ours rpmsg_tty &&
	amp_is_ours rpmsg_ctrl && ours=1

# the holders go with the test, whatever its end (their descriptors would
# keep the modules loaded for the next test)
holders=
trap 'kill -9 $holders 2> /dev/null' EXIT

booted_again() {
	[ "$(vcore_stat boots)" -gt "$boots" ]
}

# The firmware started by the boot loader (bootaux) and attached to:
# the platform driver loaded again so that it finds the core running.
attached_or_detached() {
	rproc_state_is "$r" attached || rproc_state_is "$r" detached
}
attach_multi() {
	rproc_state_is "$r" offline || rproc_stop "$r" || return 1
	rmmod "$RPROC_MODULE" || return 1
	vcore_bootaux multi-services || return 1
	amp_load "$RPROC_MODULE" || return 1
	r=$(rproc_wait "$RPROC_NAME") || return 1
	wait_for 50 attached_or_detached || return 1
	rproc_state_is "$r" attached && return 0
	echo start > "$r/state" && wait_for 50 rproc_state_is "$r" attached
}

# contract_case EVENT: hold the three nodes, make EVENT happen, collect
contract_case() {
	local ev=$1 d raw pids= f n line
	if [ "$ev" = detach ]; then
		attach_multi || fail "detach: cannot attach: $(cat "$r/state" 2>&1)"
	else
		rproc_start "$r" multi-services || fail "$ev: start: $(cat "$r/state")"
	fi
	d=$(rpmsg_wait rpmsg-raw) || fail "$ev: no rpmsg-raw channel"
	wait_for 50 chrdev_of "$d" > /dev/null || fail "$ev: no /dev/rpmsgN for rpmsg-raw"
	raw=$(chrdev_of "$d")
	wait_for 100 test -c /dev/ttyRPMSG0 || fail "$ev: no /dev/ttyRPMSG0"
	wait_for 50 test -c /dev/rpmsg_ctrl0 || fail "$ev: no /dev/rpmsg_ctrl0"
	for n in raw:$raw tty:/dev/ttyRPMSG0 ctrl:/dev/rpmsg_ctrl0; do
		rpmsg_held "${n#*:}" > "/tmp/held.${n%%:*}" 2>&1 &
		pids="$pids $!"
		holders="$holders $!"
	done
	for f in raw tty ctrl; do
		wait_for 50 grep -q holding "/tmp/held.$f" ||
			fail "$ev: $f not held: $(cat "/tmp/held.$f")"
	done
	boots=$(vcore_stat boots)
	case $ev in
	stop) echo stop > "$r/state" || fail "stop refused" ;;
	crash) echo 1 > "/sys/kernel/debug/remoteproc/${r##*/}/crash" || fail "no crash" ;;
	unload) rmmod virtio_rpmsg_bus || fail "cannot unload virtio_rpmsg_bus" ;;
	detach) echo detach > "$r/state" || fail "detach refused" ;;
	esac
	# the channel gone (a recovery may make one of the same name at once);
	# then the remote back: the held descriptors must not come back with it
	case $ev in
	crash)
		wait_for 100 booted_again || fail "crash: the core was not restarted"
		wait_for 100 rproc_state_is "$r" running || fail "crash: not recovered"
		;;
	*) wait_for 100 sh -c "! test -e '$d'" || fail "$ev: the channel stayed" ;;
	esac
	[ "$ev" = unload ] && { amp_load virtio_rpmsg_bus || fail "cannot reload virtio_rpmsg_bus"; }
	if [ "$ev" = detach ]; then
		wait_for 50 rproc_state_is "$r" detached || fail "detach: state $(cat "$r/state")"
		echo start > "$r/state" && wait_for 50 rproc_state_is "$r" attached ||
			fail "detach: attach again: $(cat "$r/state")"
	fi
	[ "$ev" = stop ] || rpmsg_wait rpmsg-raw > /dev/null || fail "$ev: rpmsg-raw not back"
	# shellcheck disable=SC2086
	kill -USR1 $pids
	for f in raw tty ctrl; do
		wait_for 300 grep -q blocked_read= "/tmp/held.$f" ||
			fail "$ev: $f: no result: $(cat "/tmp/held.$f")"
		line=$(grep blocked_read= "/tmp/held.$f")
		echo "NOTE: $ev $f: $line"
		case $line in *=blocked*) [ -n "$ours" ] && fail "$ev $f: a call waits: $line" ;; esac
		[ -n "$ours" ] || continue
		case $f in
		raw)
			case $line in
			*"blocked_read=EPIPE blocked_poll="*ERR*HUP*" read=EPIPE write=EPIPE poll="*ERR*HUP*) ;;
			*) fail "$ev rpmsgN: $line" ;;
			esac ;;
		tty)
			case $line in
			*"blocked_read=ok:0 blocked_poll="*HUP* | *"blocked_read=EIO blocked_poll="*HUP*) ;;
			*) fail "$ev tty (the calls waiting): $line" ;;
			esac
			case $line in
			*" read=ok:0 write=EIO poll="*HUP*" sighup=1" | \
				*" read=EIO write=EIO poll="*HUP*" sighup=1") ;;
			*) fail "$ev tty: $line" ;;
			esac ;;
		ctrl)
			case $line in
			*" ioctl=ENODEV "*) ;;
			*) fail "$ev rpmsg_ctrl: RPMSG_CREATE_EPT_IOCTL on a dead bus: $line" ;;
			esac ;;
		esac
	done
	wait
	rproc_state_is "$r" offline || rproc_stop "$r" || fail "$ev: stop: $(cat "$r/state")"
}

# detach: where the SoC can (STM32MP1's IPCC; i.MX8MM and i.MX7D over the
# SRC cannot, lifecycle.attach_detach)
evs="stop crash unload"
[ "$RPROC_MODULE" = stm32_rproc ] && evs="$evs detach"
for ev in $evs; do
	contract_case "$ev"
done
