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
 * the project's rpmsg_char asks the bus to deliver to its endpoints there.
 *
 * Each side reaches the other with symbol_get(), never through a module
 * dependency, so that every module still loads and works beside the
 * kernel's own counterpart (which has none of these symbols).
 */
#ifndef AMP_RX_ATOMIC_H
#define AMP_RX_ATOMIC_H

#include <linux/types.h>

struct rpmsg_endpoint;
struct virtqueue;

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

/*
 * vrb_ept_rx_atomic() - the endpoint's callback may run in atomic context
 * (it neither sleeps nor takes a lock that is held across a sleep): the
 * bus may deliver to it from the mailbox's context. False for an endpoint
 * of another bus.
 */
bool vrb_ept_rx_atomic(struct rpmsg_endpoint *ept);

#endif /* AMP_RX_ATOMIC_H */
