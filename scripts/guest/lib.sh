# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the guest's tests. Sourced by run.sh and by every test.
#
# AMP_SET names the module set under test: `ref` takes every module from
# the kernel, `ours` takes each one the project builds from the project,
# and the sets file lists mixes. amp_layout installs the set as a board
# has it after `make modules_install` (the set's project modules under
# updates/, depmod's index for them) and amp_load loads through plain
# modprobe, then checks that each module loaded came from where the set
# says, so a mix really is a mix and the override is proved on every load.

KREL=$(uname -r)
KMODDIR=/lib/modules/$KREL
# the project's modules built for this kernel, and each set's layout
# (scripts/initramfs.sh)
OURSDIR=/lib/modules/amp

# The modules the kernel builds in-tree (the `ref` set), in load order.
REF_MODULES="rpmsg_core rpmsg_ns virtio_rpmsg_bus rpmsg_char rpmsg_ctrl \
rpmsg_tty rpmsg_client_sample imx_rproc stm32_rproc"

. /amp/boards.sh

fail() {
	echo "FAIL: $*"
	exit 1
}

skip() {
	echo "SKIP: $*"
	exit 77
}

# Install the current set's modules as make modules_install and depmod
# leave them on a board: the project's modules the set takes (and those
# the kernel has none of) in updates/, the virtual board's in extra/, the
# index files depmod made for them on the host. Nothing to do when the
# set is installed already.
amp_layout() {
	local d=$OURSDIR/sets/$AMP_SET m
	[ -f "$d/updates" ] || { echo "amp_layout: no module set $AMP_SET"; return 1; }
	[ "$(cat /tmp/amp-layout 2> /dev/null)" = "$AMP_SET" ] && return 0
	rm -rf "$KMODDIR/updates" "$KMODDIR/extra" /tmp/amp-layout
	mkdir -p "$KMODDIR/updates" "$KMODDIR/extra" || return 1
	for m in $(cat "$d/updates"); do
		ln "$OURSDIR/$m.ko" "$KMODDIR/updates/" || return 1
	done
	ln "$OURSDIR/vremote.ko" "$KMODDIR/extra/" || return 1
	cp "$d"/modules.* "$KMODDIR/" || return 1
	echo "$AMP_SET" > /tmp/amp-layout
}

# Is module $1 taken from the project in the current set?
amp_is_ours() {
	local n
	n=$(echo "$1" | tr - _)
	case " $(cat "$OURSDIR/sets/$AMP_SET/updates" 2> /dev/null) " in
	*" $n "*) return 0 ;;
	esac
	return 1
}

# Path of the .ko that modprobe loads for module $1 in the current set.
amp_modpath() {
	local n
	n=$(echo "$1" | tr - _)
	amp_layout > /dev/null || return 1
	sed -n "s|^\(.*/$n\.ko\):.*|$KMODDIR/\1|p" "$KMODDIR/modules.dep"
}

# Did every module loaded come from where the set says? The kernel marks
# a module built outside its tree (the project's) with taint O; one of the
# project's must also be the very file the set installed (its srcversion,
# noted when the image was made).
amp_origin_ok() {
	local m t want
	for m in $(amp_loaded); do
		t=$(cat "/sys/module/$m/taint" 2> /dev/null) ||
			{ echo "amp_load: $m: no /sys/module/$m/taint"; return 1; }
		if ! amp_is_ours "$m"; then
			case $t in *O*)
				echo "amp_load: $m is the project's; set $AMP_SET takes the kernel's"
				return 1
				;;
			esac
			continue
		fi
		case $t in *O*) ;; *)
			echo "amp_load: $m is the kernel's; set $AMP_SET takes the project's"
			return 1
			;;
		esac
		want=$(sed -n "s/^$m //p" "$OURSDIR/sets/$AMP_SET/srcversion")
		[ -n "$want" ] && [ "$(cat "/sys/module/$m/srcversion" 2> /dev/null)" = "$want" ] || {
			echo "amp_load: $m is not updates/$m.ko of set $AMP_SET (srcversion '$(cat "/sys/module/$m/srcversion" 2> /dev/null)', want '$want')"
			return 1
		}
	done
}

# Load module $1 (arguments after it are module parameters) with modprobe
# from the current set's layout, then check where each loaded module came
# from. A module built into the kernel is no module of a set: refused.
amp_load() {
	local n
	n=$(echo "$1" | tr - _)
	shift
	amp_layout || return 1
	if ! grep -q "^$n " /proc/modules; then
		modprobe "$n" "$@" || return 1
		grep -q "^$n " /proc/modules ||
			{ echo "amp_load: $n is built into the kernel, or modprobe loaded another name"; return 1; }
	fi
	amp_origin_ok
}

# The modules still loaded, but for the virtual board's (it is hardware:
# once loaded it stays).
amp_loaded() {
	cut -d' ' -f1 /proc/modules | grep -vx vremote
}

# Unload every module, dependents first. Fails naming what stays loaded.
amp_unload_all() {
	local pass m left
	for pass in 1 2 3 4 5 6 7 8; do
		left=$(amp_loaded)
		[ -z "$left" ] && return 0
		for m in $left; do
			rmmod "$m" 2>/dev/null
		done
	done
	left=$(amp_loaded | tr '\n' ' ')
	[ -z "$left" ] && return 0
	echo "amp_unload_all: still loaded: $left"
	return 1
}

# The KASAN + kmemleak kernel (make check KASAN=1) runs everything several
# times slower: every wait wait_for grants, and the runner's time per
# test, scale by AMP_SLOW there.
if [ -e /sys/kernel/debug/kmemleak ]; then AMP_SLOW=4; else AMP_SLOW=1; fi

# The race tests run where the stress loops run in full (the default
# configuration, AMP_CYCLES 100); the other kernels and CPUs run the
# mainline-behaviour suite (check.sh's configurations): skip there.
races_here() {
	[ "${AMP_CYCLES:-100}" -ge 100 ] ||
		skip "race tests run on the default configuration (here AMP_CYCLES=$AMP_CYCLES)"
}

# Poll a command until it succeeds: up to $1 tenths of a second (times
# AMP_SLOW).
wait_for() {
	local n=$(($1 * AMP_SLOW))
	shift
	while [ "$n" -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# Set rproc_alt to the board's remoteproc's other name in the current set:
# RPROC_NODE when the set's platform driver is the kernel's, else empty.
# Cached per set (rproc_find runs in wait_for loops).
rproc_alt_name() {
	[ "${rproc_alt_set:-}" = "$AMP_SET" ] && return 0
	rproc_alt=
	if [ -n "${RPROC_NODE:-}" ] && ! amp_is_ours "$RPROC_MODULE"; then
		rproc_alt=$RPROC_NODE
	fi
	rproc_alt_set=$AMP_SET
}

# Print the sysfs directory of the remote processor named $1 (the board's
# RPROC_NAME also matches RPROC_NODE when the kernel's driver names it).
rproc_find() {
	local r n alt=
	if [ "$1" = "$RPROC_NAME" ]; then
		rproc_alt_name
		alt=${rproc_alt:-}
	fi
	for r in /sys/class/remoteproc/remoteproc*; do
		n=$(cat "$r/name" 2>/dev/null)
		[ "$n" = "$1" ] || { [ -n "$alt" ] && [ "$n" = "$alt" ]; } ||
			continue
		echo "$r"
		return 0
	done
	return 1
}

# Wait for remote processor $1 to exist and print its sysfs directory.
rproc_wait() {
	wait_for 100 rproc_find "$1" && rproc_find "$1"
}

# Write a 32-bit word of physical memory (the RAM-backed syscons).
phys_write32() {
	devmem "$1" 32 "$2"
}

phys_read32() {
	devmem "$1" 32
}

# The virtual board's own module (the simulated MU/IPCC, resets and core):
# not part of any module set, always the project's.
vboard_load() {
	grep -q "^vremote " /proc/modules && return 0
	amp_layout && modprobe vremote
}

# The debugfs directory of the (single) virtual core.
vcore_dir() {
	local d
	for d in /sys/kernel/debug/vremote/*; do
		[ -d "$d" ] && { echo "$d"; return 0; }
	done
	return 1
}

# One statistic of the virtual core ("key: value" lines of its stats).
vcore_stat() {
	sed -n "s/^$1: //p" "$(vcore_dir)/stats"
}

# A long test says it still moves, on the results channel: the runner
# outside takes a guest that says nothing for GUEST_IDLE seconds for a
# hung one. Call it only when something advanced, so that a stuck test
# still goes quiet.
progress() {
	if [ -n "${AMP_RESULTS:-}" ]; then
		echo "# progress: $*" > "$AMP_RESULTS"
	fi
}

# Stable names (make udev_install): busybox mdev, with the project's
# mdev.conf lines, on the kernel's uevents; prints its pid (kill it, and
# mdev_off, when done).
mdev_on() {
	mkdir -p /etc && cp /usr/share/amp-oot/mdev.conf /etc/mdev.conf || return 1
	uevent mdev > /dev/null 2>&1 &
	# its netlink socket open: no event of the test is missed
	wait_for 50 sh -c "ls -l /proc/$!/fd 2> /dev/null | grep -q socket:" || return 1
	echo $!
}

mdev_off() {
	rm -rf /etc/mdev.conf /dev/rpmsg
}

vcore_state_is() {
	[ "$(vcore_stat state)" = "$1" ]
}

# Load firmware $1 (without the board prefix) and start the core before
# Linux's platform driver looks at it, as U-Boot's bootaux does.
vcore_bootaux() {
	echo "$FW_PREFIX$1.elf" > "$(vcore_dir)/bootaux"
}

# Take out of file $1 the report that starts with a line matching the
# extended regular expression $2: up to its end-of-trace line, at most 80
# lines (another report in the same log stays).
drop_report() {
	re=$2 awk '$0 ~ ENVIRON["re"] { s = 80 }
		s > 0 { s--; if (/---\[ end trace/) s = 0; next }
		{ print }' "$1" > "$1.tmp" && mv "$1.tmp" "$1"
}

# On a kmemleak kernel, with the modules still loaded (so that its report
# names them): scan, and take the leaks with a backtrace line matching $1
# as a known mainline defect, to be reported as such by known_defects (its
# description $2 in /tmp/kmemleak.known, with the count) and cleared from
# kmemleak, so that the set's closing scan does not count them again. Any
# other leak since the set began fails (FAIL: and the first such object;
# the caller exits). Nothing on other kernels.
kmemleak_known() {
	local f=/sys/kernel/debug/kmemleak all known
	[ -w $f ] || return 0
	# kmemleak reports nothing younger than 5 s
	sleep 5
	echo scan > $f
	sleep 1
	echo scan > $f
	cat $f > /tmp/kmemleak.now
	all=$(grep -c '^unreferenced object' /tmp/kmemleak.now)
	[ "$all" -gt 0 ] || return 0
	known=$(re=$1 awk '/^unreferenced object/ { n += hit; hit = 0 }
		$0 ~ ENVIRON["re"] { hit = 1 }
		END { print n + hit }' /tmp/kmemleak.now)
	if [ "$known" != "$all" ]; then
		echo "FAIL: kmemleak: $((all - known)) of $all leaks since the set began are not the known defect:"
		re=$1 awk '/^unreferenced object/ {
				if (obj != "" && !hit) { print obj; done = 1; exit }
				obj = ""; hit = 0 }
			$0 ~ ENVIRON["re"] { hit = 1 }
			{ obj = obj $0 "\n" }
			END { if (!done && obj != "" && !hit) print obj }' /tmp/kmemleak.now |
			head -n 25
		return 1
	fi
	echo clear > $f || { echo "FAIL: kmemleak: cannot clear its list"; return 1; }
	echo "$2 ($all objects)" > /tmp/kmemleak.known
}

# Mainline defects that the kernel's debug options report in the `ref`
# modules. Reads kernel log $1, writes to $1.checked the log without the
# report of any defect listed here whose module comes from the kernel in
# the current set, and prints one line per defect found. Each entry is
# documented in Documentation/virtual-board.md.
known_defects() {
	cp "$1" "$1.checked"
	# a leak a test attributed to a mainline module (kmemleak_known): the
	# scan's "new suspected memory leaks" line goes
	if [ -s /tmp/kmemleak.known ]; then
		cat /tmp/kmemleak.known
		rm -f /tmp/kmemleak.known
		grep -vE 'kmemleak: [0-9]+ new suspected memory leaks' "$1.checked" > "$1.tmp" &&
			mv "$1.tmp" "$1.checked"
	fi
	# rpmsg_char: poll() on an endpoint device whose endpoint a stop has
	# just destroyed calls rpmsg_poll() with no endpoint (WARN_ON(!ept)).
	# Only that report goes (to its end-of-trace line, at most 80 lines):
	# another in the same log still fails the test. "WARNING: CPU: 1 PID:
	# 9 at ... rpmsg_poll+0x" up to 6.x, "WARNING: file:line at
	# rpmsg_poll+0x..., CPU#1" in 7.x.
	if ! amp_is_ours rpmsg_char &&
		grep -q 'WARNING: .* rpmsg_poll+0x' "$1"; then
		echo "rpmsg_char: poll() across a stop reaches rpmsg_poll() without an endpoint"
		drop_report "$1.checked" 'WARNING: .* rpmsg_poll\+0x'
	fi
	# rpmsg_char: RPMSG_CREATE_EPT_IOCTL on a /dev/rpmsg_ctrlN whose bus
	# device is gone: cdev_device_add() fails, and the error path puts a
	# device that has no release function yet (device_release warns)
	if ! amp_is_ours rpmsg_char && grep -q 'rpmsg_chrdev_eptdev_add' "$1" &&
		grep -q 'does not have a release() function' "$1"; then
		echo "rpmsg_char: RPMSG_CREATE_EPT_IOCTL on a dead rpmsg_ctrl puts a device without release()"
		drop_report "$1.checked" 'WARNING: .*device_release\+0x'
	fi
	# rpmsg_char: write() allocates the whole length before it checks it
	# against the MTU: past what kmalloc can give, the page allocator
	# warns (its WARN_ON_ONCE: once per boot)
	if ! amp_is_ours rpmsg_char && grep -q 'rpmsg_eptdev_write_iter' "$1" &&
		grep -qE 'WARNING: .*(__alloc_pages|__alloc_frozen_pages|page_alloc)' "$1"; then
		echo "rpmsg_char: write() longer than kmalloc can give warns in the page allocator"
		drop_report "$1.checked" 'WARNING: .*(__alloc_pages|__alloc_frozen_pages|page_alloc)'
	fi
	amp_is_ours virtio_rpmsg_bus && return 0
	# virtio_rpmsg_bus: the name service's callback holds its endpoint's
	# cb_lock while destroying another endpoint, whose cb_lock has the
	# same lock class (lockdep, when the remote destroys a channel)
	if grep -q 'WARNING: possible recursive locking detected' "$1" &&
		grep -q 'virtio_rpmsg_destroy_ept' "$1"; then
		echo "virtio_rpmsg_bus: recursive ept->cb_lock (lockdep)"
		grep -vE 'WARNING: possible recursive locking detected|Call trace:' \
			"$1.checked" > "$1.tmp" && mv "$1.tmp" "$1.checked"
	fi
	# virtio_rpmsg_bus: a blocking send waits for a buffer with a mutex
	# taken inside wait_event's condition (get_a_tx_buf), i.e. after the
	# task stopped running (DEBUG_ATOMIC_SLEEP, when the buffers run out)
	if grep -q 'do not call blocking ops when !TASK_RUNNING' "$1" &&
		grep -q 'get_a_tx_buf' "$1"; then
		echo "virtio_rpmsg_bus: mutex in get_a_tx_buf() inside wait_event (might_sleep)"
		grep -vE 'WARNING: CPU: .* __might_sleep|Call trace:' \
			"$1.checked" > "$1.tmp" && mv "$1.tmp" "$1.checked"
	fi
	# virtio_rpmsg_bus: rpmsg_recv_done() drains the rx ring without a
	# budget; a name-service flood the remote keeps refilling creates
	# thousands of channels in one call (RCU stall on a non-preemptible
	# kernel), with the in-tree imx_rproc (ref) as with ours (mix-rproc).
	# The CPU that reports the stall may be the other one, waiting on the
	# draining one (32-bit ARM: a TLB flush, with no trace of the bus):
	# the kernel's bus creating flood channels is then the sign.
	if grep -q 'rcu_sched self-detected stall' "$1" &&
		grep -qE 'rpmsg_recv_done|creating channel flood-' "$1"; then
		echo "virtio_rpmsg_bus: unbudgeted rx drain under a flood (RCU stall)"
		grep -vE 'Call trace:' "$1.checked" > "$1.tmp" && mv "$1.tmp" "$1.checked"
	fi
}

# Counter $1 of the project's virtio_rpmsg_bus, first device (debugfs).
bus_stat() {
	local f
	for f in /sys/kernel/debug/virtio_rpmsg_bus/*/stats; do
		[ -f "$f" ] && { sed -n "s/^$1: //p" "$f"; return 0; }
	done
	return 1
}

# Has counter $1 of the bus reached $2?
bus_stat_ge() {
	local v
	v=$(bus_stat "$1") && [ -n "$v" ] && [ "$v" -ge "$2" ]
}

# Did the bus take VIRTIO_RPMSG_F_BUFSZ (bit 1 of the rpmsg virtio
# device's negotiated features)? Status 2 when there is no such device.
rpmsg_vdev_bufsz() {
	local v feat=
	for v in /sys/bus/virtio/devices/*; do
		[ "$(cat "$v/device" 2>/dev/null)" = 0x0007 ] && feat=$(cat "$v/features")
	done
	case $feat in
	'') return 2 ;;
	?1*) return 0 ;;
	*) return 1 ;;
	esac
}

# The largest payload of one message: $1 - 16 when the bus took
# VIRTIO_RPMSG_F_BUFSZ ($1: the firmware's receive buffer size), else 496.
rpmsg_vdev_mtu() {
	rpmsg_vdev_bufsz
	case $? in
	0) echo $(($1 - 16)) ;;
	1) echo 496 ;;
	*) return 1 ;;
	esac
}

# Load the virtual board, the platform driver and the rpmsg stack of the
# set with the core stopped; print the remoteproc's sysfs directory.
board_up() {
	local m r
	vboard_load || return 1
	board_core_stopped
	for m in "$RPROC_MODULE" virtio_rpmsg_bus rpmsg_char rpmsg_ctrl "$@"; do
		amp_load "$m" || return 1
	done
	# a kernel whose driver refused the board says so at probe: no wait
	r=$(board_unsupported) && { echo "SKIP: $r"; return 1; }
	r=$(rproc_wait "$RPROC_NAME") || { no_rproc; return 1; }
	echo "$r"
}

# Why no remoteproc appeared: "SKIP: <reason>" where this kernel's driver
# cannot drive the board (board_unsupported), else "no remoteproc <name>".
no_rproc() {
	local why

	why=$(board_unsupported) && { echo "SKIP: $why"; return; }
	echo "no remoteproc $RPROC_NAME"
}

# A board_up (or rproc_wait) that failed, saying $1: fail the test, or skip
# it where the kernel cannot drive the board.
board_fail() {
	case $1 in SKIP:*) skip "${1#SKIP: }" ;; esac
	fail "board: $1"
}

rproc_state_is() {
	[ "$(cat "$1/state")" = "$2" ]
}

# Start firmware $2 (without the board prefix) on remoteproc $1.
rproc_start() {
	echo "$FW_PREFIX$2.elf" > "$1/firmware" || return 1
	echo start > "$1/state" || return 1
	wait_for 100 rproc_state_is "$1" running
}

rproc_stop() {
	echo stop > "$1/state" && wait_for 100 rproc_state_is "$1" offline
}

# The sysfs directory of the rpmsg device of channel $1 (first one). One
# grep over every name: after a name-service flood there are thousands.
rpmsg_dev() {
	local f
	f=$(grep -lxF -- "$1" /sys/bus/rpmsg/devices/*/name 2>/dev/null | head -n 1)
	[ -n "$f" ] && echo "${f%/name}"
}

# Wait for channel $1 to appear (up to $2 tenths of a second, default 100).
rpmsg_wait() {
	wait_for "${2:-100}" rpmsg_dev "$1" && rpmsg_dev "$1"
}

rpmsg_gone() {
	! rpmsg_dev "$1" > /dev/null
}

# The /dev node of the rpmsg char device whose sysfs dir is under $1.
chrdev_of() {
	local c
	for c in "$1"/rpmsg/rpmsg[0-9]*; do
		[ -e "$c" ] && { echo "/dev/${c##*/}"; return 0; }
	done
	return 1
}

# The remote's trace buffer (what the firmware logged), remoteproc's trace0.
rproc_trace() {
	cat /sys/kernel/debug/remoteproc/${1##*/}/trace0 2>/dev/null
}

# Has the firmware of remoteproc $1 logged a line matching $2?
trace_has() {
	rproc_trace "$1" | grep -q "$2"
}

# Does process $1 hold file $2 open?
holds_open() {
	ls -l /proc/"$1"/fd 2>/dev/null | grep -q " $2\$"
}

# Run a reader of tty $1 into file $2 in the background (raw, no echo, so
# nothing the remote sends is sent back); prints its pid once the reader
# holds the tty open (until then an answer could meet a closed tty).
tty_reader() {
	local pid
	stty -F "$1" raw -echo || return 1
	cat "$1" > "$2" &
	pid=$!
	wait_for 50 holds_open $pid "$1" || return 1
	echo $pid
}

# The /dev/rpmsgN nodes not listed in /tmp/chrdevs.before.
chrdevs_new() {
	ls /dev | grep '^rpmsg[0-9]' | grep -vxFf /tmp/chrdevs.before | grep .
}

# Create an endpoint through /dev/rpmsg_ctrl0 to the remote address of
# channel $1 (its dst) and print the /dev/rpmsgN that appears for it.
ept_to_channel() {
	local d
	d=$(rpmsg_wait "$1") || { echo "no channel $1"; return 1; }
	wait_for 50 test -c /dev/rpmsg_ctrl0 || { echo "no /dev/rpmsg_ctrl0"; return 1; }
	# never empty: busybox grep -f takes an empty file as "match all"
	{ echo "-"; ls /dev | grep '^rpmsg[0-9]'; } > /tmp/chrdevs.before
	rpmsg_export_ept /dev/rpmsg_ctrl0 "ept-$1" -1 "$(cat "$d/dst")" ||
		{ echo "cannot create an endpoint to $1"; return 1; }
	wait_for 50 chrdevs_new || { echo "no /dev/rpmsgN for the endpoint"; return 1; }
	echo "/dev/$(chrdevs_new | head -n 1)"
}

# --- RPMsg-only (rpmsg_link; ours-only: mainline has no such mode) ---------

# The sysfs directory of the rpmsg link's platform device.
rlink_dir() {
	local d
	for d in /sys/bus/platform/drivers/rpmsg_link/*/state; do
		[ -e "$d" ] && { echo "${d%/state}"; return 0; }
	done
	return 1
}

rlink_state_is() {
	[ "$(cat "$(rlink_dir)/state" 2>/dev/null)" = "$1" ]
}

# The board as after U-Boot's bootaux of RPMsg-Lite firmware $1 (the image
# vremote-<board>-rpmsg-only-$1.elf, no resource table; "" for a core that
# never comes up), then the set's rpmsg stack (and modules $2...) and
# rpmsg_link, with no platform driver loaded at all: rpmsg_link is always
# the project's (the kernel has none). Prints the link's sysfs directory.
rpmsgonly_up() {
	local fw=$1 m
	shift
	vboard_load || return 1
	board_core_stopped
	echo Y > "$(vcore_dir)/lite_doorbell"
	if [ -n "$fw" ]; then
		vcore_bootaux "rpmsg-only-$fw" || { echo "bootaux $fw failed"; return 1; }
	fi
	for m in virtio_rpmsg_bus rpmsg_char rpmsg_ctrl "$@"; do
		amp_load "$m" || return 1
	done
	amp_load rpmsg_link || { echo "cannot load rpmsg_link"; return 1; }
	wait_for 50 rlink_dir > /dev/null || { echo "rpmsg_link did not bind"; return 1; }
	rlink_dir
}
