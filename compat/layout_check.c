// SPDX-License-Identifier: GPL-2.0
/*
 * Build-time check of include/amp/compat.h against the target kernel's
 * own internal headers (built only where the tree has them, see Kbuild):
 * the operation tables the rpmsg core keeps in drivers/rpmsg/
 * rpmsg_internal.h, and the prototypes compat.h redeclares from there and
 * from drivers/remoteproc/remoteproc_internal.h.
 *
 * compat.h is read first with its two structures renamed, then the
 * kernel's headers: a prototype that differs is a "conflicting types"
 * error naming it, and a structure whose members differ in order or type,
 * or that has members compat.h lacks, fails a static_assert that says
 * which. This object carries no code: the build stops here rather than
 * produce a bus driver whose ops table the running core would misread.
 */
#include <linux/build_bug.h>
#include <linux/device.h>
#include <linux/poll.h>
#include <linux/remoteproc.h>
#include <linux/rpmsg.h>
#include <linux/stddef.h>

#define rpmsg_device_ops amp_compat_rpmsg_device_ops
#define rpmsg_endpoint_ops amp_compat_rpmsg_endpoint_ops
#include <amp/compat.h>
#undef rpmsg_device_ops
#undef rpmsg_endpoint_ops

#include "rpmsg_internal.h"
#include "remoteproc_internal.h"

/* each structure st: compat.h's, and the kernel's */
#define AMP_OURS_rpmsg_device_ops	struct amp_compat_rpmsg_device_ops
#define AMP_KERNEL_rpmsg_device_ops	struct rpmsg_device_ops
#define AMP_OURS_rpmsg_endpoint_ops	struct amp_compat_rpmsg_endpoint_ops
#define AMP_KERNEL_rpmsg_endpoint_ops	struct rpmsg_endpoint_ops

/*
 * The member (any offsetof() member designator, passed through as
 * __VA_ARGS__) of compat.h's struct st sits where the kernel's does and
 * has the same type.
 */
#define AMP_SAME_MEMBER(st, ...)					\
	static_assert(offsetof(AMP_OURS_##st, __VA_ARGS__) ==		\
		      offsetof(AMP_KERNEL_##st, __VA_ARGS__) &&		\
		      __same_type(((AMP_OURS_##st *)NULL)->__VA_ARGS__,	\
				  ((AMP_KERNEL_##st *)NULL)->__VA_ARGS__), \
		      "include/amp/compat.h: struct " #st "." #__VA_ARGS__ \
		      " differs from drivers/rpmsg/rpmsg_internal.h")

/* ... and the kernel's has nothing else (every member is a pointer). */
#define AMP_SAME_SIZE(st)						\
	static_assert(sizeof(AMP_OURS_##st) == sizeof(AMP_KERNEL_##st),	\
		      "include/amp/compat.h: struct " #st			\
		      " lacks members of drivers/rpmsg/rpmsg_internal.h")

AMP_SAME_MEMBER(rpmsg_device_ops, create_channel);
AMP_SAME_MEMBER(rpmsg_device_ops, release_channel);
AMP_SAME_MEMBER(rpmsg_device_ops, create_ept);
AMP_SAME_MEMBER(rpmsg_device_ops, announce_create);
AMP_SAME_MEMBER(rpmsg_device_ops, announce_destroy);
AMP_SAME_SIZE(rpmsg_device_ops);

AMP_SAME_MEMBER(rpmsg_endpoint_ops, destroy_ept);
AMP_SAME_MEMBER(rpmsg_endpoint_ops, send);
AMP_SAME_MEMBER(rpmsg_endpoint_ops, sendto);
#ifdef AMP_HAVE_RPMSG_OFFCHANNEL
AMP_SAME_MEMBER(rpmsg_endpoint_ops, send_offchannel);
AMP_SAME_MEMBER(rpmsg_endpoint_ops, trysend_offchannel);
#endif
AMP_SAME_MEMBER(rpmsg_endpoint_ops, trysend);
AMP_SAME_MEMBER(rpmsg_endpoint_ops, trysendto);
AMP_SAME_MEMBER(rpmsg_endpoint_ops, poll);
#ifdef AMP_HAVE_RPMSG_FLOW_CONTROL
AMP_SAME_MEMBER(rpmsg_endpoint_ops, set_flow_control);
#endif
AMP_SAME_MEMBER(rpmsg_endpoint_ops, get_mtu);
AMP_SAME_SIZE(rpmsg_endpoint_ops);

/*
 * compat.h's declaration of rpmsg_class (a structure, or a pointer before
 * 6.10) needs no assertion: one that differs from the kernel's is a
 * "conflicting types for 'rpmsg_class'" error above.
 */
