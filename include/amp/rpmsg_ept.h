/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The clients' hold on their channel endpoint's callback lock.
 *
 * A channel's probe and remove run inside the bus's name-service callback
 * when the remote announces or destroys the channel, with the
 * name-service endpoint's cb_lock held. The kernel's virtio_rpmsg_bus
 * gives every endpoint's cb_lock one lockdep class, so taking the channel
 * endpoint's lock there reads to lockdep as recursion ("possible recursive
 * locking"); it is another lock, one level below. Said so, it is quiet on
 * every bus; the project's bus gives the name-service lock its own class.
 */
#ifndef AMP_RPMSG_EPT_H
#define AMP_RPMSG_EPT_H

#include <linux/mutex.h>
#include <linux/rpmsg.h>

static inline void amp_ept_cb_lock(struct rpmsg_endpoint *ept)
{
	mutex_lock_nested(&ept->cb_lock, SINGLE_DEPTH_NESTING);
}

static inline void amp_ept_cb_unlock(struct rpmsg_endpoint *ept)
{
	mutex_unlock(&ept->cb_lock);
}

#endif /* AMP_RPMSG_EPT_H */
