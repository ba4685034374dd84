# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# write() lengths on /dev/rpmsgN: the MTU goes through, one byte more is
# refused with EMSGSIZE, and so is a 5 MiB write (more than kmalloc can
# give): refused by its size before anything is allocated for it, with no
# warning in the kernel log. (The in-tree rpmsg_char allocates the whole
# length first: the page allocator warns, a known mainline defect.)
r=$(board_up) || board_fail "$r"
rproc_start "$r" echo || fail "start: $(cat "$r/state")"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
mtu=496
out=$(dd if=/dev/zero of="$dev" bs=$mtu count=1 2>&1) || fail "a write of the MTU: $out"
out=$(dd if=/dev/zero of="$dev" bs=$((mtu + 1)) count=1 2>&1) &&
	fail "a write of MTU + 1 went through: $out"
case $out in *"too long"*) ;; *) fail "MTU + 1: $out" ;; esac
out=$(dd if=/dev/zero of="$dev" bs=5M count=1 2>&1) && fail "a 5 MiB write went through: $out"
echo "NOTE: 5 MiB write: $(echo "$out" | head -n 1)"
if amp_is_ours rpmsg_char; then
	case $out in *"too long"*) ;; *) fail "5 MiB: $out" ;; esac
fi
rpmsg_echo_test "$dev" 1 16 || fail "the link does not work after the writes"
