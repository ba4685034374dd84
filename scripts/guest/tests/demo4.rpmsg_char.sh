# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# Seed 002 Demo 4: rpmsg_char binds the remote's rpmsg-raw channel as
# /dev/rpmsg0; the remote answers from its own address.
r=$(board_up) || board_fail "$r"
rproc_start "$r" multi-services || fail "start: $(cat "$r/state")"
d=$(rpmsg_wait rpmsg-raw) || fail "no rpmsg-raw channel"
wait_for 50 chrdev_of "$d" || fail "rpmsg_char did not bind rpmsg-raw"
dev=$(chrdev_of "$d")
src=$(printf '0x%04x' "$(cat "$d/dst")")
out=$(rpmsg_ping "$dev") || fail "no answer on $dev"
echo "$out"
[ "$out" = "message for $dev: \"from ept $src: ping $dev\"" ] || fail "answer was: $out"
