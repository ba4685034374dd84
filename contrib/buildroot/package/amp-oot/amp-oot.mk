################################################################################
#
# amp-oot
#
################################################################################

# The repository this external tree sits in (contrib/buildroot).
AMP_OOT_VERSION = 0.1.0
AMP_OOT_SITE = $(BR2_EXTERNAL_AMP_OOT_PATH)/../..
AMP_OOT_SITE_METHOD = local
# not what a build left in the tree
AMP_OOT_OVERRIDE_SRCDIR_RSYNC_EXCLUSIONS = --exclude build --exclude '*.o' \
	--exclude '*.ko' --exclude '.*.cmd' --exclude '*.mod*' --exclude modules.order
AMP_OOT_LICENSE = GPL-2.0
AMP_OOT_LICENSE_FILES = COPYING

# kernel-module: kbuild (M=) against the kernel Buildroot builds, the
# modules installed under updates/
AMP_OOT_MODULE_MAKE_OPTS = INSTALL_MOD_DIR=updates

ifeq ($(BR2_PACKAGE_AMP_OOT_TOOLS),y)
define AMP_OOT_BUILD_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C $(@D)/samples/rpmsg-tools \
		CC="$(TARGET_CC)" CFLAGS="$(TARGET_CFLAGS) -Wall" \
		LDFLAGS="$(TARGET_LDFLAGS)" OUT=$(@D)/amp-tools
endef
define AMP_OOT_INSTALL_TOOLS
	$(INSTALL) -d $(TARGET_DIR)/usr/bin
	$(INSTALL) -m 0755 $(@D)/amp-tools/* $(TARGET_DIR)/usr/bin/
endef
endif

define AMP_OOT_INSTALL_TARGET_CMDS
	$(MAKE) -C $(@D) udev_install DESTDIR=$(TARGET_DIR)
	$(AMP_OOT_INSTALL_TOOLS)
endef

$(eval $(kernel-module))
$(eval $(generic-package))
