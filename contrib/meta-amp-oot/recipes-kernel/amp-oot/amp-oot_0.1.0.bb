# SPDX-License-Identifier: GPL-2.0
SUMMARY = "remoteproc and rpmsg drivers for the Cortex-M cores of i.MX and STM32MP1"
DESCRIPTION = "Out-of-tree drop-in replacements for imx_rproc, stm32_rproc, \
virtio_rpmsg_bus, rpmsg_char, rpmsg_ctrl, rpmsg_tty and rpmsg_client_sample, \
and rpmsg_link (RPMsg-Lite firmware without remoteproc), installed under \
updates/ where they take precedence over the kernel's modules of the same \
name; udev rules for stable /dev/rpmsg/<remoteproc>/<channel> names; tools."
LICENSE = "GPL-2.0-only"
LIC_FILES_CHKSUM = "file://COPYING;md5=b234ee4d69f5fce4486a80fdaf4a4263"

# By default the repository this layer is part of; a mirror of it with
# AMP_OOT_GIT = "host/path/amp-oot.git" and AMP_OOT_GIT_PROTOCOL = "https".
AMP_OOT_GIT ?= "${@os.path.normpath(d.getVar('AMP_OOT_LAYERDIR') + '/../..')}"
AMP_OOT_GIT_PROTOCOL ?= "file"
AMP_OOT_BRANCH ?= "main"
SRC_URI = "git://${AMP_OOT_GIT};protocol=${AMP_OOT_GIT_PROTOCOL};branch=${AMP_OOT_BRANCH}"
# the branch's head by default: pin SRCREV in local.conf for a release
SRCREV ?= "${AUTOREV}"
PV .= "+git"
S = "${WORKDIR}/git"

inherit module

# Every module the package builds (make check compares it with `make`).
AMP_OOT_MODULES = "imx_rproc stm32_rproc virtio_rpmsg_bus rpmsg_char rpmsg_ctrl \
rpmsg_link rpmsg_tty rpmsg_client_sample"
# Those the kernel has under the same name: these replace them.
AMP_OOT_REPLACES = "imx_rproc stm32_rproc virtio_rpmsg_bus rpmsg_char rpmsg_ctrl \
rpmsg_tty rpmsg_client_sample"

# the top Makefile's KDIR; module.bbclass adds O= for the kernel's build
# directory, and installs with MODLIB= (modules_install: updates/)
EXTRA_OEMAKE += "KDIR=${STAGING_KERNEL_DIR}"
MODULES_INSTALL_TARGET = "modules_install"

# The kernel recipe has packages kernel-module-<name> of its own: these
# are amp-oot-kernel-module-<name>, and say they provide the kernel's.
KERNEL_MODULE_PACKAGE_PREFIX = "amp-oot-"
RPROVIDES:${PN} += "${@' '.join('kernel-module-' + m.replace('_', '-') \
                    for m in d.getVar('AMP_OOT_REPLACES').split())}"

# Loaded at boot (KERNEL_MODULE_AUTOLOAD), per machine family; a machine
# or local.conf may set AMP_OOT_AUTOLOAD itself.
AMP_OOT_AUTOLOAD ?= ""
AMP_OOT_AUTOLOAD:mx8-nxp-bsp = "imx_rproc rpmsg_char rpmsg_ctrl rpmsg_tty"
AMP_OOT_AUTOLOAD:mx7-nxp-bsp = "imx_rproc rpmsg_char rpmsg_ctrl rpmsg_tty"
AMP_OOT_AUTOLOAD:stm32mp1common = "stm32_rproc rpmsg_char rpmsg_ctrl rpmsg_tty"
KERNEL_MODULE_AUTOLOAD += "${AMP_OOT_AUTOLOAD}"

# The udev rule and its helpers (make udev_install), and the tools
# (samples/rpmsg-tools), linked as the distribution links.
PACKAGES =+ "${PN}-udev ${PN}-tools"
do_compile:append() {
	${MAKE} -C ${S}/samples/rpmsg-tools CC="${CC}" CFLAGS="${CFLAGS} -Wall" \
		LDFLAGS="${LDFLAGS}" OUT=${B}/amp-tools
}
do_install:append() {
	${MAKE} -C ${S} udev_install DESTDIR=${D} \
		UDEVDIR=${nonarch_base_libdir}/udev MDEVDIR=${nonarch_base_libdir}/mdev \
		DATADIR=${datadir}
	install -d ${D}${bindir}
	install -m 0755 ${B}/amp-tools/* ${D}${bindir}/
}
FILES:${PN}-udev = "${nonarch_base_libdir}/udev ${nonarch_base_libdir}/mdev ${datadir}/amp-oot"
FILES:${PN}-tools = "${bindir}"
