# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# Stable names (udev/60-amp-rpmsg.rules; here busybox mdev with the same
# rules, udev/mdev.conf, installed by `make udev_install`):
# /dev/rpmsg/<remoteproc name>/<name> and <name>.<remote address> for
# /dev/rpmsgN (rpmsg-raw) and /dev/ttyRPMSGn (rpmsg-tty), .../ctrl for
# /dev/rpmsg_ctrlN. After a crash and recovery during which the old nodes
# are still held open, so that the kernel numbers the new ones otherwise,
# the same paths lead to the new nodes and carry traffic; after a stop,
# no link is left. Nothing here is the project's own: the rules work with
# the kernel's modules (ref) as with ours.
r=$(board_up rpmsg_tty) || board_fail "$r"
rp=$(cat "$r/name")
top=/dev/rpmsg/$rp
holders=
upid=$(mdev_on) || fail "no mdev.conf installed"
trap 'kill -9 $holders $upid 2> /dev/null; mdev_off' EXIT

booted_again() {
	[ "$(vcore_stat boots)" -gt "$boots" ]
}

# link_is LINK NODE: LINK leads to the character device NODE
link_is() {
	[ -L "$1" ] && [ -c "$2" ] && [ "$(readlink -f "$1")" = "$2" ]
}

# the current nodes: raw (rpmsg-raw's /dev/rpmsgN), tty
nodes() {
	local d
	d=$(rpmsg_wait rpmsg-raw) || fail "$1: no rpmsg-raw channel"
	wait_for 50 chrdev_of "$d" > /dev/null || fail "$1: no /dev/rpmsgN for rpmsg-raw"
	raw=$(chrdev_of "$d")
	rawaddr=$(printf '0x%x' "$(cat "$d/dst")")
	wait_for 100 sh -c 'ls /sys/class/tty | grep -q ^ttyRPMSG' || fail "$1: no ttyRPMSG"
	tty=/dev/$(ls /sys/class/tty | grep ^ttyRPMSG | tail -n 1)
	ttyaddr=$(cat "/sys/class/tty/${tty#/dev/}/device/dst")
}

# the links, then a line through the tty's
check_links() {
	local pid
	wait_for 100 link_is "$top/rpmsg-raw" "$raw" ||
		fail "$1: $top/rpmsg-raw: $(ls -l "$top" 2>&1 | tr '\n' ';') (want $raw)"
	# (mdev makes a node's links one after the other)
	wait_for 50 link_is "$top/rpmsg-raw.$rawaddr" "$raw" || fail "$1: no $top/rpmsg-raw.$rawaddr"
	wait_for 100 link_is "$top/rpmsg-tty" "$tty" ||
		fail "$1: $top/rpmsg-tty: $(ls -l "$top" 2>&1 | tr '\n' ';') (want $tty)"
	wait_for 50 link_is "$top/rpmsg-tty.$ttyaddr" "$tty" || fail "$1: no $top/rpmsg-tty.$ttyaddr"
	wait_for 100 link_is "$top/ctrl" /dev/rpmsg_ctrl0 ||
		fail "$1: $top/ctrl: $(ls -l "$top" 2>&1 | tr '\n' ';')"
	stty -F "$top/rpmsg-tty" raw -echo || fail "$1: cannot set up $top/rpmsg-tty"
	cat "$top/rpmsg-tty" > /tmp/stable.tty &
	pid=$!
	wait_for 50 holds_open $pid "$tty" || fail "$1: cannot open $top/rpmsg-tty"
	echo " by name" > "$top/rpmsg-tty" || fail "$1: write to $top/rpmsg-tty failed"
	wait_for 50 grep -q "TTY 0:  by name" /tmp/stable.tty ||
		fail "$1: no answer on $top/rpmsg-tty: '$(cat /tmp/stable.tty)'"
	kill "$pid"
	wait "$pid" 2> /dev/null
}

rproc_start "$r" multi-services || fail "start: $(cat "$r/state")"
nodes first
check_links first
oldraw=$raw oldtty=$tty
# held across the crash: the kernel cannot give the new nodes these numbers
for n in "$top/rpmsg-raw" "$top/rpmsg-tty"; do
	rpmsg_held "$n" > /dev/null 2>&1 &
	holders="$holders $!"
done
wait_for 50 holds_open "${holders##* }" "$tty" || fail "the tty not held"
boots=$(vcore_stat boots)
echo 1 > "/sys/kernel/debug/remoteproc/${r##*/}/crash" || fail "no crash"
wait_for 100 booted_again || fail "the core was not restarted"
wait_for 100 rproc_state_is "$r" running || fail "not recovered"
nodes "after the crash"
[ "$raw" != "$oldraw" ] && [ "$tty" != "$oldtty" ] ||
	fail "the new nodes took the held numbers ($raw $tty): nothing was tested"
echo "NOTE: after the crash $top/rpmsg-raw is $raw (was $oldraw), $top/rpmsg-tty is $tty (was $oldtty)"
check_links "after the crash"
kill -9 $holders 2> /dev/null
wait $holders 2> /dev/null
holders=
rproc_stop "$r" || fail "stop: $(cat "$r/state")"
# (a dangling link is still a link)
no_links() {
	local l
	for l in "$top"/*; do
		{ [ -L "$l" ] || [ -e "$l" ]; } && return 1
	done
	return 0
}
wait_for 100 no_links || fail "links left after the stop: $(ls -l "$top" | tr '\n' ';')"
