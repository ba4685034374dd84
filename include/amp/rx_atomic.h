/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Receiving in the mailbox's own context, between the project's modules.
 *
 * The i.MX MU calls its client in hardirq context, the STM32 IPCC from
 * its threaded interrupt; the kernel's platform drivers defer every word
 * to a workqueue, because the kernel's bus and clients may sleep on
 * receive. When the project's
 * virtio_rpmsg_bus is the one bound, its receive path and the callbacks
 * of the endpoints it runs there do not sleep: it asks the platform
 * driver to run the virtqueues straight from the mailbox callback, and
 * the project's rpmsg_char and rpmsg_tty ask the bus to deliver to their
 * endpoints there.
 *
 * Each side reaches the other with symbol_get(), never through a module
 * dependency, so that every module still loads and works beside the
 * kernel's own counterpart (which has none of these symbols).
 */
#ifndef AMP_RX_ATOMIC_H
#define AMP_RX_ATOMIC_H

#include <linux/bitops.h>
#include <linux/module.h>
#include <linux/remoteproc.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/virtio.h>

struct rpmsg_endpoint;

/*
 * imx_rproc_rx_atomic(), stm32_rproc_rx_atomic() - run virtqueue @vq, one
 * of a remoteproc vdev's, from the mailbox callback (@on), or from the
 * driver's work again. Return -ENODEV for a virtqueue of a remote
 * processor the driver does not own, -ERANGE for a notify id it cannot
 * track. Once "off" returns, no run of @vq from the mailbox callback is
 * in progress: the caller may then take it down. Virtqueues not asked for
 * (another virtio driver's) stay with the work.
 */
int imx_rproc_rx_atomic(struct virtqueue *vq, bool on);
int stm32_rproc_rx_atomic(struct virtqueue *vq, bool on);

/**
 * amp_rx_atomic_mark() - what imx_rproc_rx_atomic() and
 *	stm32_rproc_rx_atomic() share
 * @vq: the virtqueue
 * @on: run from the mailbox callback, or not
 * @drv: the caller's platform driver
 * @lock: held by the caller's mailbox callback across its runs
 * @ids: the notify ids the mailbox callback runs, under @lock
 *
 * @vq must be a virtqueue of the remoteproc core (its private data is its
 * vring) of a remote processor bound to @drv.
 *
 * Return: 0, -ENODEV if @vq is not such a virtqueue, -ERANGE for a
 * notify id past @ids.
 */
static inline int amp_rx_atomic_mark(struct virtqueue *vq, bool on,
				     struct device_driver *drv,
				     spinlock_t *lock, unsigned long *ids)
{
	struct rproc *rproc = rproc_get_by_child(&vq->vdev->dev);
	struct rproc_vring *rvring = vq->priv;
	unsigned long flags;

	if (!rproc || !rproc->dev.parent || rproc->dev.parent->driver != drv ||
	    !rvring || rvring->vq != vq)
		return -ENODEV;
	if (rvring->notifyid < 0 || rvring->notifyid >= BITS_PER_LONG)
		return -ERANGE;
	spin_lock_irqsave(lock, flags);
	if (on)
		__set_bit(rvring->notifyid, ids);
	else
		__clear_bit(rvring->notifyid, ids);
	spin_unlock_irqrestore(lock, flags);
	return 0;
}

bool vrb_ept_rx_atomic(struct rpmsg_endpoint *ept, bool on);

/**
 * amp_ept_rx_atomic() - ask the project's bus to deliver to @ept in atomic
 *	context (@on), or no more
 * @ept: an endpoint; its callback neither sleeps nor takes a lock held
 *	across a sleep
 * @on: from now on, or no more
 *
 * The bus's vrb_ept_rx_atomic(), when that module is loaded. Once "off"
 * returns, no delivery in atomic context is in progress. If the bus
 * module is on its way out, the symbol is gone: its devices' removal has
 * stopped every delivery in atomic context already.
 *
 * Return: true if @ept is the project's bus's endpoint and was set so.
 */
static inline bool amp_ept_rx_atomic(struct rpmsg_endpoint *ept, bool on)
{
	bool (*fn)(struct rpmsg_endpoint *ept, bool on) = symbol_get(vrb_ept_rx_atomic);
	bool done = false;

	if (fn) {
		done = fn(ept, on);
		symbol_put(vrb_ept_rx_atomic);
	}
	return done;
}

#endif /* AMP_RX_ATOMIC_H */
