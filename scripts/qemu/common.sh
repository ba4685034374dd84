# SPDX-License-Identifier: GPL-2.0
#
# The one QEMU machine every script boots, so that the tree QEMU dumps for
# the DTB is the tree of the machine that then runs it. AMP_ARCH picks the
# CPU: arm64 (default, a Cortex-A53) or arm (32-bit, a Cortex-A7, as on
# the i.MX7D and the STM32MP15).
case ${AMP_ARCH:-arm64} in
arm)
	QEMU=qemu-system-arm
	# highmem=off: every device and all RAM below 4 GiB, where a kernel
	# without LPAE reaches them. thread=single: both vCPUs take turns on
	# one host thread. With a thread each, every broadcast TLB invalidation
	# the 32-bit kernel issues (after each module load, each exec) stops
	# both vCPUs to run alone: the suite took 2.2 times as long.
	QEMU_MACHINE="-M virt,highmem=off -cpu cortex-a7 -smp ${QEMU_SMP:-2} -accel tcg,thread=single -m 2G -nic none"
	QEMU_IMAGE=arch/arm/boot/zImage
	;;
arm64)
	QEMU=qemu-system-aarch64
	QEMU_MACHINE="-M virt -cpu cortex-a53 -smp ${QEMU_SMP:-2} -m 2G -nic none"
	QEMU_IMAGE=arch/arm64/boot/Image
	;;
*)
	echo "unknown AMP_ARCH ${AMP_ARCH}" >&2
	exit 2
	;;
esac
