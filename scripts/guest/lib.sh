# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the guest's tests. Sourced by run.sh and by every test.
#
# AMP_SET names the module set under test: `ref` takes every module from
# the kernel, `ours` takes each one the project builds from the project,
# and the sets file lists mixes. amp_load resolves each module (and, one by
# one, its dependencies) through the set, so a mix really is a mix.

KREL=$(uname -r)
KMODDIR=/lib/modules/$KREL
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

# Which modules does the current set take from the project? Prints a
# space-separated list, or `*` for every module the project has.
amp_set_modules() {
	sed -n "s/^$AMP_SET:[[:space:]]*//p" /amp/sets
}

# Path of the .ko that implements module $1 in the current set.
amp_modpath() {
	local n ours
	n=$(echo "$1" | tr - _)
	ours=$(amp_set_modules)
	if [ -f "$OURSDIR/$n.ko" ]; then
		case " $ours " in
		*" * "* | *" $n "*) echo "$OURSDIR/$n.ko"; return 0 ;;
		esac
	fi
	sed -n "s|^\(.*/$n\.ko\):.*|$KMODDIR/\1|p" "$KMODDIR/modules.dep"
}

# Load module $1 (arguments after it are module parameters) from the
# current set, dependencies first, each through the set too.
amp_load() {
	local n path d
	n=$(echo "$1" | tr - _)
	shift
	grep -q "^$n " /proc/modules && return 0
	path=$(amp_modpath "$n")
	[ -n "$path" ] || { echo "amp_load: no module $n"; return 1; }
	for d in $(modinfo -F depends "$path" | tr , ' '); do
		amp_load "$d" || return 1
	done
	insmod "$path" "$@"
}

# Unload every module, dependents first. Fails naming what stays loaded.
amp_unload_all() {
	local pass m left
	for pass in 1 2 3 4 5 6 7 8; do
		left=$(cut -d' ' -f1 /proc/modules)
		[ -z "$left" ] && return 0
		for m in $left; do
			rmmod "$m" 2>/dev/null
		done
	done
	left=$(cut -d' ' -f1 /proc/modules | tr '\n' ' ')
	[ -z "$left" ] && return 0
	echo "amp_unload_all: still loaded: $left"
	return 1
}

# Poll a command until it succeeds: up to $1 tenths of a second.
wait_for() {
	local n=$1
	shift
	while [ "$n" -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# Print the sysfs directory of the remote processor named $1.
rproc_find() {
	local r
	for r in /sys/class/remoteproc/remoteproc*; do
		[ "$(cat "$r/name" 2>/dev/null)" = "$1" ] && { echo "$r"; return 0; }
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
