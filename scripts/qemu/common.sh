# SPDX-License-Identifier: GPL-2.0
#
# The one QEMU machine every script boots, so that the tree QEMU dumps for
# the DTB is the tree of the machine that then runs it.
QEMU=qemu-system-aarch64
QEMU_MACHINE="-M virt -cpu cortex-a53 -smp 2 -m 2G -nic none"
