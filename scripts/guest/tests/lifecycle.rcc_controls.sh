# SPDX-License-Identifier: GPL-2.0
# boards: stm32mp1-rcc
#
# Without a hold_boot reset line the M4 is held by RCC_MP_GCR's BOOT_MCU
# bit: start releases it (the core boots; the platform driver may set it
# again at once, which a running M4 ignores) and stop leaves it held.
# PWR_MCUCR's PDDS (deep sleep allowed) is clear while the M4 runs and set
# after stop.
r=$(board_up) || board_fail "$r"
bit() { # address -> bit 0 of the word
	echo $(($(phys_read32 "$1") & 1))
}
[ "$(bit "$RCC_TZCR")" = 0 ] || fail "TZEN set at power-on"
[ "$(bit "$RCC_MP_GCR")" = 0 ] || fail "BOOT_MCU set at power-on"
boots=$(vcore_stat boots)
i=0
while [ $i -lt 3 ]; do
	rproc_start "$r" echo || fail "start $i: $(cat "$r/state")"
	rpmsg_wait rpmsg-openamp-demo-channel > /dev/null || fail "start $i: no channel"
	[ "$(vcore_stat state)" = running ] || fail "start $i: core $(vcore_stat state)"
	[ "$(bit "$PWR_MCUCR")" = 0 ] || fail "start $i: PDDS set while the M4 runs"
	rproc_stop "$r" || fail "stop $i: $(cat "$r/state")"
	[ "$(vcore_stat state)" = halted ] || fail "stop $i: core $(vcore_stat state)"
	[ "$(bit "$RCC_MP_GCR")" = 0 ] || fail "stop $i: BOOT_MCU left set"
	[ "$(bit "$PWR_MCUCR")" = 1 ] || fail "stop $i: PDDS not set"
	i=$((i + 1))
done
[ "$(vcore_stat boots)" -eq $((boots + 3)) ] ||
	fail "the core booted $(($(vcore_stat boots) - boots)) times, not 3"
