/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The checks rpmsg_ctrl makes on what user space passes to its ioctls,
 * before anything changes. Pure logic, for KUnit.
 */
#ifndef AMP_RPMSG_CTRL_ARGS_H
#define AMP_RPMSG_CTRL_ARGS_H

#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/rpmsg.h>
#include <linux/rpmsg/ns.h>
#include <linux/string.h>
#include <uapi/linux/rpmsg.h>

/* Is @cmd one of rpmsg_ctrl's ioctls? */
static inline bool amp_rpmsg_ctrl_known(unsigned int cmd)
{
	return cmd == RPMSG_CREATE_EPT_IOCTL || cmd == RPMSG_CREATE_DEV_IOCTL ||
	       cmd == RPMSG_RELEASE_DEV_IOCTL;
}

/**
 * amp_rpmsg_ctrl_check() - check an rpmsg_ctrl ioctl's argument
 * @cmd: RPMSG_CREATE_EPT_IOCTL, RPMSG_CREATE_DEV_IOCTL or
 *	 RPMSG_RELEASE_DEV_IOCTL
 * @info: what user space passed
 * @chinfo: filled with the endpoint or channel when the argument is good
 *
 * A name must be terminated within its 32 bytes, and not be empty for a
 * channel; the name service's address is not a local address to create,
 * nor is one past INT_MAX (the kernel's bus warns on it).
 *
 * Return: 0, -EINVAL (name, address past INT_MAX, or an unknown @cmd) or
 * -EADDRINUSE.
 */
static inline int amp_rpmsg_ctrl_check(unsigned int cmd,
				       const struct rpmsg_endpoint_info *info,
				       struct rpmsg_channel_info *chinfo)
{
	size_t n = strnlen(info->name, sizeof(info->name));

	if (!amp_rpmsg_ctrl_known(cmd))
		return -EINVAL;
	if (n == sizeof(info->name))
		return -EINVAL;
	if (!n && cmd != RPMSG_CREATE_EPT_IOCTL)
		return -EINVAL;
	if (cmd != RPMSG_RELEASE_DEV_IOCTL && info->src == RPMSG_NS_ADDR)
		return -EADDRINUSE;
	/* an endpoint's address is an int in the rpmsg core: -1 is "any" */
	if (cmd != RPMSG_RELEASE_DEV_IOCTL && info->src != RPMSG_ADDR_ANY &&
	    info->src > INT_MAX)
		return -EINVAL;
	memset(chinfo, 0, sizeof(*chinfo));
	memcpy(chinfo->name, info->name, n);
	chinfo->src = info->src;
	chinfo->dst = info->dst;
	return 0;
}

#endif /* AMP_RPMSG_CTRL_ARGS_H */
