# SPDX-License-Identifier: GPL-2.0
#
# Facts of the virtual boards the tests need (dts/<board>-virt.dtso).
case $AMP_BOARD in
imx8mm | imx7d | imx8mm-buf1k)
	# The page standing in for the i.MX SRC; SCR (M4RCR on the i.MX7D) is
	# its word at 0x0c.
	SRC_SCR=0xbff0000c
	# ENABLE_M4 | SW_M4C_RST | SW_M4C_NON_SCLR_RST: the M4 held in reset.
	SRC_SCR_M4_STOP=0x0000000B
	RPROC_MODULE=imx_rproc
	RPROC_NAME=imx-rproc
	# the kernel's imx_rproc names the remoteproc after its DT node in
	# 7.x (6.12 and before: imx-rproc, as the project's driver does)
	RPROC_NODE=${AMP_BOARD%%-*}-cm4
	;;
stm32mp1 | stm32mp1-rcc | stm32mp1-autoboot)
	RPROC_MODULE=stm32_rproc
	RPROC_NAME=m4
	# stm32mp1-rcc (no SCMI): RCC_TZCR, RCC_MP_GCR, PWR_MCUCR pages
	RCC_TZCR=0xbff02000
	RCC_MP_GCR=0xbff0210c
	PWR_MCUCR=0xbff03014
	;;
esac
# the same M4 and memory map: the same firmware images
FW_PREFIX=vremote-${AMP_BOARD%%-*}-

# Why the set's platform driver cannot drive this board on the running
# kernel (mainline behaviour that changed between versions), or false.
board_unsupported() {
	case $AMP_BOARD in
	stm32mp1 | stm32mp1-autoboot)
		# Before hold boot through a reset line (SCMI) came, after 6.1,
		# stm32_rproc required the RCC syscon wiring at probe.
		amp_is_ours stm32_rproc && return 1
		dmesg | grep -q 'stm32-rproc .*failed to get tz syscfg' || return 1
		echo "the kernel's stm32_rproc needs st,syscfg-tz and st,syscfg-holdboot (hold boot through an SCMI reset line came after 6.1); this board is the SCMI wiring, stm32mp1-rcc the RCC one"
		;;
	*) return 1 ;;
	esac
}

# Power-on state of a board whose boot loader did not start the core.
board_core_stopped() {
	echo 1 > "$(vcore_dir)/poweroff"
	echo 0 > "$(vcore_dir)/boot_delay_ms"
}
