# SPDX-License-Identifier: GPL-2.0
#
# User entry points (see README.md):
#
#   make                   build every module against KDIR
#                          (AMP_TESTS=1: the test-only modules too)
#   make modules_install   install into /lib/modules/<release>/updates
#   make udev_install      the udev rule (and mdev lines) for stable names
#                          /dev/rpmsg/<remoteproc>/<channel> (DESTDIR=...)
#   make check             the whole test suite (installs what it needs)
#   make demo              boot the virtual board and walk the demos
#   make bench             ours vs ref: rpmsg latency and throughput
#   make clean
#
# On a board:  make KDIR=/lib/modules/$(uname -r)/build
# Cross:       make KDIR=<tree> ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
# Without KDIR the project's own arm64 test kernel is used (built and cached
# on first use, see scripts/kernel/build.sh).

TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))

ifeq ($(origin KDIR),undefined)
KDIR = $(shell $(TOP)/scripts/deps.sh >&2 && $(TOP)/scripts/kernel/build.sh 6.12 arm64 full)
ARCH ?= arm64
CROSS_COMPILE ?= aarch64-linux-gnu-
endif

KBUILD_ARGS = -C $(KDIR) M=$(TOP) $(if $(ARCH),ARCH=$(ARCH)) \
	$(if $(CROSS_COMPILE),CROSS_COMPILE=$(CROSS_COMPILE)) \
	$(if $(AMP_TESTS),AMP_TESTS=$(AMP_TESTS))

.PHONY: all modules modules_install udev_install clean check demo bench kernel help

all: modules

modules:
	$(MAKE) $(KBUILD_ARGS) modules

# Built again first: what a test build (AMP_TESTS=1) left in modules.order
# must not reach a board.
modules_install: modules
	$(MAKE) $(KBUILD_ARGS) INSTALL_MOD_DIR=updates modules_install

# Needs no kernel tree (udev/: what each file is for). The directories
# may be moved (a usrmerge image: MDEVDIR=/usr/lib/mdev); the helpers name
# each other by the default paths, which such an image also has.
UDEVDIR ?= /usr/lib/udev
MDEVDIR ?= /lib/mdev
DATADIR ?= /usr/share
udev_install:
	install -D -m 0644 $(TOP)/udev/60-amp-rpmsg.rules $(DESTDIR)$(UDEVDIR)/rules.d/60-amp-rpmsg.rules
	install -D -m 0755 $(TOP)/udev/amp-rpmsg-name $(DESTDIR)$(UDEVDIR)/amp-rpmsg-name
	install -D -m 0755 $(TOP)/udev/amp-rpmsg-mdev $(DESTDIR)$(MDEVDIR)/amp-rpmsg-mdev
	install -D -m 0644 $(TOP)/udev/mdev.conf $(DESTDIR)$(DATADIR)/amp-oot/mdev.conf

# Needs no kernel tree: removes what kbuild and the scripts left here.
clean:
	find $(TOP) -path $(TOP)/.git -prune -o \( -name '*.o' -o -name '*.ko' \
		-o -name '*.mod' -o -name '*.mod.c' -o -name '.*.cmd' \
		-o -name modules.order -o -name Module.symvers \) -exec rm -f {} +
	rm -rf $(TOP)/build

# The test machine: MODULES=ref|ours|all (default all), KASAN=1.
check:
	@$(TOP)/scripts/check.sh

demo:
	@$(TOP)/scripts/demo.sh

# Not part of check: ours vs ref on the virtual board (scripts/bench.sh).
bench:
	@$(TOP)/scripts/bench.sh

kernel:
	@$(TOP)/scripts/deps.sh && $(TOP)/scripts/kernel/build.sh 6.12 arm64 full
