/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What rpmsg_char exports to rpmsg_ctrl: the same two functions, with the
 * same prototypes, as the kernel's rpmsg_char, so that either control
 * module works with either character module.
 */
#ifndef AMP_RPMSG_CHAR_H
#define AMP_RPMSG_CHAR_H

#include <linux/device.h>
#include <linux/rpmsg.h>

int rpmsg_chrdev_eptdev_create(struct rpmsg_device *rpdev, struct device *parent,
			       struct rpmsg_channel_info chinfo);
int rpmsg_chrdev_eptdev_destroy(struct device *dev, void *data);

#endif /* AMP_RPMSG_CHAR_H */
