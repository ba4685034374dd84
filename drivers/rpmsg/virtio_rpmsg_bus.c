// SPDX-License-Identifier: GPL-2.0
/*
 * virtio_rpmsg_bus: the rpmsg bus over a remote processor's virtio device.
 *
 * A drop-in for the kernel's module of the same name, on the kernel's
 * rpmsg core and name-service driver. Linux provides every buffer: one
 * coherent block in the memory of the device remoteproc created, its first
 * half posted on the receive ring (virtqueue 0, "input") before the device
 * is set ready, its second half the transmit pool (virtqueue 1, "output").
 *
 * The remote is untrusted. A frame it hands back reaches an endpoint only
 * when both of its lengths lie inside the buffer, it carries a payload and
 * its destination exists; a name-service message only when it is exactly
 * one well-formed announcement and the device is under its channel limit.
 * Every receive buffer goes back on the ring whatever its fate, and each
 * drop is counted (debugfs) and reported at a limited rate.
 *
 * What differs from mainline, on purpose (Documentation/rpmsg-bus.md):
 * the checks above; a channel created by Linux with no remote address
 * learns it from the first message the remote sends to it; senders that
 * wait for a buffer can be interrupted, time out with -ETIMEDOUT and are
 * woken with -EPIPE when the device goes away; poll() reports room to send;
 * the receive path takes a bounded batch at a time, so that a remote that
 * keeps the ring full cannot hold stop or recovery.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/sizes.h>
#include <linux/poll.h>
#include <linux/rcupdate.h>
#include <linux/rpmsg.h>
#include <linux/rpmsg/byteorder.h>
#include <linux/rpmsg/ns.h>
#include <linux/scatterlist.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/srcu.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ids.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <amp/compat.h>
#include <amp/fault.h>
#include <amp/rpmsg_wire.h>
#include <amp/rx_atomic.h>

#define CREATE_TRACE_POINTS
#include "virtio_rpmsg_trace.h"

/* Bytes of a frame dumped under dynamic debug where interrupts are off */
#define VRB_DBG_ATOMIC_DUMP	64

/* Receive buffers handled in one run; more wait for the next (a work). */
#define VRB_RX_BUDGET		64

/*
 * In atomic context: at most this many buffers a callback, and only
 * payloads up to a page (each is copied into an atomic allocation); the
 * rest waits for the work.
 */
#define VRB_RX_ATOMIC_BUDGET	16
#define VRB_RX_ATOMIC_MAX	PAGE_SIZE

/*
 * Send buffers taken back from the ring at each send while some are free:
 * more than one send gives back, so the ring never fills with them, and
 * no one send pays for a whole ring (a latency mode once in 128 sends).
 */
#define VRB_TX_RECLAIM_STEP	4

/* The most memory the buffers may take (both directions). */
#define VRB_MAX_BUFS_LEN	SZ_1G

/* --- module parameters ---------------------------------------------------- */

/**
 * struct vrb_uint_param - an unsigned module parameter with its bounds
 * @val: the value
 * @min: smallest accepted value
 * @max: largest accepted value
 * @align: the value must be a multiple of this (1: any)
 */
struct vrb_uint_param {
	unsigned int val;
	unsigned int min;
	unsigned int max;
	unsigned int align;
};

static int vrb_param_set(const char *s, const struct kernel_param *kp)
{
	struct vrb_uint_param *p = kp->arg;
	unsigned int v;
	int ret;

	ret = kstrtouint(s, 0, &v);
	if (ret)
		return ret;
	if (v < p->min || v > p->max || v % p->align) {
		pr_err("%s=%u: must be %u..%u%s\n", kp->name, v, p->min, p->max,
		       p->align > 1 ? ", a multiple of 16" : "");
		return -EINVAL;
	}
	p->val = v;
	return 0;
}

static int vrb_param_get(char *buf, const struct kernel_param *kp)
{
	const struct vrb_uint_param *p = kp->arg;

	return sysfs_emit(buf, "%u\n", p->val);
}

static const struct kernel_param_ops vrb_param_ops = {
	.set = vrb_param_set,
	.get = vrb_param_get,
};

static struct vrb_uint_param buf_size = { 512, 64, 65536, 16 };
module_param_cb(buf_size, &vrb_param_ops, &buf_size, 0444);
MODULE_PARM_DESC(buf_size,
		 "bytes per buffer, 16 of them the header (64..65536, multiple of 16; default 512)");

static struct vrb_uint_param num_bufs = { 256, 1, 32768, 1 };
module_param_cb(num_bufs, &vrb_param_ops, &num_bufs, 0444);
MODULE_PARM_DESC(num_bufs,
		 "buffers per direction, at most the vring size (1..32768; default 256)");

static struct vrb_uint_param max_channels = { 1024, 0, 1000000, 1 };
module_param_cb(max_channels, &vrb_param_ops, &max_channels, 0444);
MODULE_PARM_DESC(max_channels,
		 "channels per device, beyond which announcements are dropped (0: no limit; default 1024)");

AMP_FAULT_POINT(rx_deliver, "delay before a received frame reaches its endpoint");
AMP_FAULT_POINT(rx_atomic_lookup,
		"busy wait between an endpoint's lookup and its lock, in atomic context");
AMP_FAULT_POINT(rx_kick, "delay at the start of the receive callback");
AMP_FAULT_POINT(probe_vqs, "delay in probe once the virtqueues exist");

static struct vrb_uint_param tx_timeout_ms = { 15000, 1, 3600000, 1 };
module_param_cb(tx_timeout_ms, &vrb_param_ops, &tx_timeout_ms, 0444);
MODULE_PARM_DESC(tx_timeout_ms,
		 "how long a blocking send waits for a free buffer (1..3600000; default 15000)");

/* --- per-device state ------------------------------------------------------ */

enum vrb_stat {
	VRB_TX,
	VRB_TX_BYTES,
	VRB_TX_WAIT,
	VRB_TX_TIMEOUT,
	VRB_TX_BUSY,
	VRB_TX_ERROR,
	VRB_RX,
	VRB_RX_BYTES,
	VRB_RX_ATOMIC,
	VRB_RX_PARKED,
	VRB_DROP_SHORT,
	VRB_DROP_OVERSIZE,
	VRB_DROP_EMPTY,
	VRB_DROP_NO_EPT,
	VRB_DROP_NS_MALFORMED,
	VRB_DROP_NS_LIMIT,
	VRB_DROP_NS_UNKNOWN,
	VRB_NR_STATS
};

static const char * const vrb_stat_names[VRB_NR_STATS] = {
	[VRB_TX]		= "tx",
	[VRB_TX_BYTES]		= "tx_bytes",
	[VRB_TX_WAIT]		= "tx_wait",
	[VRB_TX_TIMEOUT]	= "tx_timeout",
	[VRB_TX_BUSY]		= "tx_busy",
	[VRB_TX_ERROR]		= "tx_error",
	[VRB_RX]		= "rx",
	[VRB_RX_BYTES]		= "rx_bytes",
	[VRB_RX_ATOMIC]		= "rx_atomic",
	[VRB_RX_PARKED]		= "rx_parked",
	[VRB_DROP_SHORT]	= "rx_drop_short",
	[VRB_DROP_OVERSIZE]	= "rx_drop_oversize",
	[VRB_DROP_EMPTY]	= "rx_drop_empty",
	[VRB_DROP_NO_EPT]	= "rx_drop_no_endpoint",
	[VRB_DROP_NS_MALFORMED]	= "rx_drop_ns_malformed",
	[VRB_DROP_NS_LIMIT]	= "rx_drop_ns_limit",
	[VRB_DROP_NS_UNKNOWN]	= "rx_drop_ns_unknown",
};

/**
 * struct vrb - one remote processor's rpmsg bus
 * @vdev: the virtio device remoteproc created
 * @rvq: receive virtqueue (the remote's messages to Linux)
 * @svq: send virtqueue
 * @bufs: all buffers, receive half first
 * @bufs_dma: their DMA address
 * @bufs_len: their total size
 * @buf_pages: the page of each of their pages when they are in vmalloc
 *	space (looked up once, not per message), else NULL
 * @rbuf_size: size of one receive buffer (a multiple of 16)
 * @sbuf_size: size of one send buffer (a multiple of 16)
 * @mtu: the largest payload the remote takes in one message
 * @nbufs: buffers per direction
 * @rbufs: the receive buffers
 * @sbufs: the send buffers
 * @rx_lock: one batch of @rx_work at a time
 * @rx_slock: protects @rvq, @rx_stopped, @rx_owned, @rx_parked,
 *	@rx_parked_len and @rx_kick: the receive callback, which may run in
 *	atomic context, holds it while it delivers
 * @rx_stopped: leave @rvq alone: not ready yet, or going away (under both
 *	@rx_lock and @rx_slock)
 * @rx_owned: @rx_work owns the ring until it finds it empty: the callback
 *	leaves the frames to it, so that they reach endpoints in order
 * @rx_parked: a frame the callback took but could not deliver there (its
 *	endpoint may sleep), the first for @rx_work
 * @rx_parked_len: its used length
 * @rx_kick: the remote wants a kick for buffers the callback reposted
 * @rx_atomic: the receive callback may run in atomic context: the
 *	platform driver was asked to run the virtqueues from its mailbox
 *	callback (vrb_rx_atomic(); set before the asking, cleared after)
 * @rx_atomic_fn: what was asked, kept to undo it (the platform driver's
 *	module may be going by then, and refuse symbol_get())
 * @rx_work: the receive work, for the frames the callback leaves
 * @tx_lock: protects @svq, @pool, @tx_waiters and @svq_cb
 * @pool: which send buffers are free
 * @tx_waiters: senders waiting for a free buffer
 * @svq_cb: "buffer returned" callbacks are enabled
 * @poll_armed: a poller waits for a buffer: keep the callbacks enabled
 * @sendq: where senders wait for a buffer
 * @dead: the device is going away (set under @tx_lock; channel creation
 *	and release look at it under @chan_lock, which remove takes after)
 * @tx_timeout: how long a blocking send waits, in jiffies
 * @epts_lock: protects @epts
 * @epts: local endpoints by address
 * @chan_lock: serialises channel creation and release
 * @nr_channels: channels created through the device (under @chan_lock)
 * @max_channels: limit for @nr_channels, 0 for none
 * @dbg: the device's debugfs directory
 * @stats: counters, see vrb_stat_names
 */
struct vrb {
	struct virtio_device *vdev;
	struct virtqueue *rvq;
	struct virtqueue *svq;
	void *bufs;
	dma_addr_t bufs_dma;
	size_t bufs_len;
	struct page **buf_pages;
	unsigned int rbuf_size;
	unsigned int sbuf_size;
	unsigned int mtu;
	unsigned int nbufs;
	void *rbufs;
	void *sbufs;

	struct mutex rx_lock;		/* one batch of rx_work at a time */
	spinlock_t rx_slock;		/* rvq, and what follows */
	bool rx_stopped;
	bool rx_owned;
	void *rx_parked;
	unsigned int rx_parked_len;
	bool rx_kick;
	bool rx_atomic;
	int (*rx_atomic_fn)(struct virtqueue *vq, bool on);
	struct work_struct rx_work;

	struct mutex tx_lock;		/* svq, pool, waiters, svq_cb */
	struct amp_bufpool pool;
	unsigned int tx_waiters;
	bool svq_cb;
	bool poll_armed;
	wait_queue_head_t sendq;
	bool dead;
	unsigned long tx_timeout;

	struct mutex epts_lock;		/* epts */
	struct xarray epts;

	struct mutex chan_lock;		/* channel creation, release */
	unsigned int nr_channels;
	unsigned int max_channels;

	struct dentry *dbg;
	atomic64_t stats[VRB_NR_STATS];
};

enum vrb_kind {
	VRB_KIND_CHANNEL,	/* announced by either side, or made by a user */
	VRB_KIND_NS,		/* the name service (rpmsg_ns binds it) */
	VRB_KIND_CTRL,		/* the rpmsg_ctrl device */
};

/**
 * struct vrb_channel - an rpmsg device on this bus
 * @rpdev: the device
 * @vrb: the bus it belongs to
 * @kind: what it is for
 */
struct vrb_channel {
	struct rpmsg_device rpdev;
	struct vrb *vrb;
	enum vrb_kind kind;
};

#define to_vrb_channel(r) container_of(r, struct vrb_channel, rpdev)

/**
 * struct vrb_ept - an endpoint on this bus
 * @ept: the endpoint
 * @vrb: the bus
 * @ns: the name service's own endpoint: its messages are checked first
 * @alock: held while a frame is delivered in atomic context
 * @atomic: the callback may run in atomic context (vrb_ept_rx_atomic());
 *	cleared under @alock when the endpoint is destroyed
 * @rcu: the endpoint is freed after a grace period: the receive callback
 *	looks endpoints up under RCU
 *
 * What the receive path needs to know of an endpoint is decided when it is
 * made: the device it was made on may be gone while a frame for it is on
 * its way (the endpoint's reference keeps the endpoint, not the device).
 */
struct vrb_ept {
	struct rpmsg_endpoint ept;
	struct vrb *vrb;
	bool ns;
	spinlock_t alock;	/* @atomic, deliveries in atomic context */
	bool atomic;
	struct rcu_head rcu;
};

#define to_vrb_ept(e) container_of(e, struct vrb_ept, ept)

static struct dentry *vrb_debugfs;

/*
 * Where poll() and epoll wait for a send buffer, on every device. A poller
 * stays on the queue until its file is closed (epoll) or its call returns
 * (poll, select), which may be long after the device went away: the queue
 * lives as long as the module, which takes everyone off it before it goes
 * (vrb_pollq_release()).
 */
static struct wait_queue_head *vrb_pollq;

/*
 * The name service's callback creates and removes channels, and removing
 * a channel destroys its endpoint: the name-service endpoint's callback
 * lock is legitimately held while another endpoint's is taken. Its own
 * lock class tells lockdep so.
 */
static struct lock_class_key vrb_ns_cb_key;

static const struct rpmsg_device_ops vrb_dev_ops;
static const struct rpmsg_endpoint_ops vrb_ept_ops;

static inline struct vrb *rpdev_to_vrb(struct rpmsg_device *rpdev)
{
	return to_vrb_channel(rpdev)->vrb;
}

static void vrb_count(struct vrb *vrb, enum vrb_stat s, u32 n)
{
	atomic64_add(n, &vrb->stats[s]);
}

/*
 * A buffer (one of vrb->bufs) as one scatterlist entry. The buffers are
 * physically contiguous, but may be mapped in vmalloc space.
 */
static void vrb_sg(struct vrb *vrb, struct scatterlist *sg, void *buf,
		   unsigned int len)
{
	unsigned long i;

	sg_init_table(sg, 1);
	if (vrb->buf_pages) {
		i = ((unsigned long)buf >> PAGE_SHIFT) -
		    ((unsigned long)vrb->bufs >> PAGE_SHIFT);
		sg_set_page(sg, vrb->buf_pages[i], len, offset_in_page(buf));
	} else {
		sg_set_buf(sg, buf, len);
	}
}

/* Look the buffers' pages up once, when they are in vmalloc space. */
static int vrb_buf_pages(struct vrb *vrb)
{
	void *first = PTR_ALIGN_DOWN(vrb->bufs, PAGE_SIZE);
	size_t i, n;

	if (!is_vmalloc_addr(vrb->bufs))
		return 0;
	n = DIV_ROUND_UP(offset_in_page(vrb->bufs) + vrb->bufs_len, PAGE_SIZE);
	vrb->buf_pages = kvmalloc_array(n, sizeof(*vrb->buf_pages), GFP_KERNEL);
	if (!vrb->buf_pages)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		vrb->buf_pages[i] = vmalloc_to_page(first + i * PAGE_SIZE);
		if (!vrb->buf_pages[i])
			return -EINVAL;
	}
	return 0;
}

/* --- endpoints ------------------------------------------------------------ */

static void vrb_ept_free(struct kref *kref)
{
	struct vrb_ept *vept = to_vrb_ept(container_of(kref, struct rpmsg_endpoint,
						       refcount));

	kfree_rcu(vept, rcu);
}

static struct rpmsg_endpoint *vrb_ept_new(struct vrb *vrb,
					  struct rpmsg_device *rpdev,
					  rpmsg_rx_cb_t cb, void *priv, u32 addr)
{
	struct rpmsg_endpoint *ept;
	struct vrb_ept *vept;
	int id;

	vept = kzalloc_obj(*vept, GFP_KERNEL);
	if (!vept)
		return NULL;
	vept->vrb = vrb;
	vept->ns = addr == RPMSG_NS_ADDR &&
		   to_vrb_channel(rpdev)->kind == VRB_KIND_NS;
	spin_lock_init(&vept->alock);
	ept = &vept->ept;
	kref_init(&ept->refcount);
	mutex_init(&ept->cb_lock);
	if (vept->ns)
		lockdep_set_class(&ept->cb_lock, &vrb_ns_cb_key);
	ept->rpdev = rpdev;
	ept->cb = cb;
	ept->priv = priv;
	ept->ops = &vrb_ept_ops;

	mutex_lock(&vrb->epts_lock);
	id = amp_rpmsg_addr_alloc(&vrb->epts, ept, addr, GFP_KERNEL);
	/* a frame for it may come as soon as the lock is dropped */
	if (id >= 0)
		ept->addr = id;
	mutex_unlock(&vrb->epts_lock);
	if (id < 0) {
		dev_err_ratelimited(&rpdev->dev, "no endpoint at address 0x%x: %d\n",
				    addr, id);
		kref_put(&ept->refcount, vrb_ept_free);
		return NULL;
	}
	return ept;
}

static void vrb_destroy_ept(struct rpmsg_endpoint *ept)
{
	struct vrb *vrb = to_vrb_ept(ept)->vrb;
	unsigned long flags;

	/* no new frame finds it ... */
	mutex_lock(&vrb->epts_lock);
	xa_erase(&vrb->epts, ept->addr);
	mutex_unlock(&vrb->epts_lock);

	/* ... and one being delivered has finished, in atomic context ... */
	spin_lock_irqsave(&to_vrb_ept(ept)->alock, flags);
	to_vrb_ept(ept)->atomic = false;
	spin_unlock_irqrestore(&to_vrb_ept(ept)->alock, flags);

	/* ... or not */
	mutex_lock(&ept->cb_lock);
	ept->cb = NULL;
	mutex_unlock(&ept->cb_lock);

	kref_put(&ept->refcount, vrb_ept_free);
}

/**
 * vrb_ept_rx_atomic() - deliver to an endpoint in atomic context, or not
 * @ept: an endpoint, of this bus or another
 * @on: deliver in atomic context from now on, or no more
 *
 * For a client whose callback neither sleeps nor takes a lock held across
 * a sleep (include/amp/rx_atomic.h): frames for @ept are then delivered
 * by the receive callback itself, which may run in the mailbox's atomic
 * context, without the receive work. Destroying @ept waits for such a
 * delivery in progress, and so does turning it off: once this returns
 * with @on false, later frames reach the callback from the work, under
 * the endpoint's cb_lock. Not after rpmsg_destroy_ept().
 *
 * Return: true if @ept is this bus's (and is delivered to as asked).
 */
bool vrb_ept_rx_atomic(struct rpmsg_endpoint *ept, bool on)
{
	struct vrb_ept *vept;
	unsigned long flags;

	if (!ept || ept->ops != &vrb_ept_ops)
		return false;
	vept = to_vrb_ept(ept);
	spin_lock_irqsave(&vept->alock, flags);
	vept->atomic = on;
	spin_unlock_irqrestore(&vept->alock, flags);
	return true;
}
EXPORT_SYMBOL_GPL(vrb_ept_rx_atomic);

/* --- sending ---------------------------------------------------------------- */

/*
 * Give back up to @max of the send buffers the remote has finished with.
 * Whoever waits for one is woken: the "buffer returned" callback does not
 * come for buffers taken back here (a poller, or a sender, found them
 * first).
 */
static void vrb_tx_reclaim(struct vrb *vrb, unsigned int max)
{
	unsigned int len, n = 0, seen = 0;
	void *buf;
	int i;

	lockdep_assert_held(&vrb->tx_lock);
	while (seen++ < max && (buf = virtqueue_get_buf(vrb->svq, &len))) {
		i = amp_buf_index(vrb->sbufs, vrb->sbuf_size, vrb->nbufs, buf);
		if (i < 0 || amp_bufpool_put(&vrb->pool, i))
			dev_WARN_ONCE(&vrb->vdev->dev, 1,
				      "send ring returned %p, not ours\n", buf);
		else
			n++;
	}
	if (!n)
		return;
	if (vrb->tx_waiters)
		wake_up_interruptible_all(&vrb->sendq);
	if (xchg(&vrb->poll_armed, false))
		wake_up_interruptible_poll(vrb_pollq, EPOLLOUT | EPOLLWRNORM);
}

/* A free send buffer, -ENOBUFS if none, -EPIPE if the device is going. */
static int vrb_tx_get(struct vrb *vrb, void **buf)
{
	int i;

	lockdep_assert_held(&vrb->tx_lock);
	if (vrb->dead)
		return -EPIPE;
	vrb_tx_reclaim(vrb, vrb->pool.nfree ? VRB_TX_RECLAIM_STEP : UINT_MAX);
	i = amp_bufpool_get(&vrb->pool);
	if (i < 0)
		return i;
	*buf = vrb->sbufs + (size_t)i * vrb->sbuf_size;
	return 0;
}

static void vrb_tx_put(struct vrb *vrb, void *buf)
{
	lockdep_assert_held(&vrb->tx_lock);
	amp_bufpool_put(&vrb->pool,
			amp_buf_index(vrb->sbufs, vrb->sbuf_size, vrb->nbufs, buf));
}

/*
 * Ask for a callback when the remote returns a send buffer. False when
 * some are already back (the caller looks again instead of sleeping).
 */
static bool vrb_tx_arm(struct vrb *vrb)
{
	lockdep_assert_held(&vrb->tx_lock);
	vrb->svq_cb = true;
	return virtqueue_enable_cb(vrb->svq);
}

/* Nobody needs the callbacks any more: the common, fast case. */
static void vrb_tx_disarm(struct vrb *vrb)
{
	lockdep_assert_held(&vrb->tx_lock);
	if (vrb->svq_cb && !vrb->tx_waiters && !READ_ONCE(vrb->poll_armed)) {
		virtqueue_disable_cb(vrb->svq);
		vrb->svq_cb = false;
	}
}

/* Wait for a free send buffer: interruptible, bounded, woken on removal. */
static int vrb_tx_wait(struct vrb *vrb, struct device *dev, void **buf)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	long left = vrb->tx_timeout;
	int err;

	vrb_count(vrb, VRB_TX_WAIT, 1);
	add_wait_queue(&vrb->sendq, &wait);
	mutex_lock(&vrb->tx_lock);
	vrb->tx_waiters++;
	for (;;) {
		err = vrb_tx_get(vrb, buf);
		if (err != -ENOBUFS)
			break;
		if (!vrb_tx_arm(vrb))
			continue;
		if (signal_pending(current)) {
			err = -ERESTARTSYS;
			break;
		}
		if (!left) {
			vrb_count(vrb, VRB_TX_TIMEOUT, 1);
			dev_warn_ratelimited(dev, "no send buffer for %u ms: the remote does not take messages\n",
					     jiffies_to_msecs(vrb->tx_timeout));
			err = -ETIMEDOUT;
			break;
		}
		mutex_unlock(&vrb->tx_lock);
		left = wait_woken(&wait, TASK_INTERRUPTIBLE, left);
		mutex_lock(&vrb->tx_lock);
	}
	vrb->tx_waiters--;
	mutex_unlock(&vrb->tx_lock);
	remove_wait_queue(&vrb->sendq, &wait);
	return err;
}

/**
 * vrb_send() - send one message
 * @ept: the sending endpoint (its device says which bus)
 * @src: source address
 * @dst: destination address
 * @data: payload
 * @len: payload length, at most the MTU
 * @wait: wait for a free buffer rather than fail with -ENOMEM
 *
 * Return: 0; -EINVAL for an "any" address; -EMSGSIZE; -ENOMEM (not
 * waiting, no buffer); -ERESTARTSYS (signal), -ETIMEDOUT (no buffer in
 * time), -EPIPE (the device is going away) when waiting; -EIO when the
 * ring refused the buffer.
 */
static int vrb_send(struct rpmsg_endpoint *ept, u32 src, u32 dst,
		    const void *data, int len, bool wait)
{
	struct rpmsg_device *rpdev = ept->rpdev;
	struct vrb *vrb = to_vrb_ept(ept)->vrb;
	bool le = rpdev->little_endian;
	struct amp_rpmsg_hdr *msg;
	struct scatterlist sg;
	void *buf;
	int err;

	if (src == RPMSG_ADDR_ANY || dst == RPMSG_ADDR_ANY) {
		dev_dbg(&rpdev->dev, "no address to send from 0x%x to 0x%x\n",
			src, dst);
		return -EINVAL;
	}
	if (len < 0 || (size_t)len > vrb->mtu)
		return -EMSGSIZE;
	if (len && !data)
		return -EINVAL;

	mutex_lock(&vrb->tx_lock);
	err = vrb_tx_get(vrb, &buf);
	if (!err)
		vrb_tx_disarm(vrb);
	mutex_unlock(&vrb->tx_lock);
	if (err == -ENOBUFS) {
		if (!wait) {
			vrb_count(vrb, VRB_TX_BUSY, 1);
			return -ENOMEM;
		}
		err = vrb_tx_wait(vrb, &rpdev->dev, &buf);
	}
	if (err)
		return err;

	msg = buf;
	msg->src = __cpu_to_rpmsg32(le, src);
	msg->dst = __cpu_to_rpmsg32(le, dst);
	msg->reserved = 0;
	msg->len = __cpu_to_rpmsg16(le, len);
	msg->flags = 0;
	if (len)
		memcpy(msg->data, data, len);
	/* under dynamic debug, as mainline's bus says it */
	dev_dbg(&rpdev->dev, "TX From 0x%x, To 0x%x, Len %d, Flags 0, Reserved 0\n",
		src, dst, len);
	print_hex_dump_debug("rpmsg_virtio TX: ", DUMP_PREFIX_NONE, 16, 1, msg,
			     sizeof(*msg) + len, true);
	vrb_sg(vrb, &sg, msg, sizeof(*msg) + len);

	mutex_lock(&vrb->tx_lock);
	err = vrb->dead ? -EPIPE :
	      virtqueue_add_outbuf(vrb->svq, &sg, 1, msg, GFP_KERNEL);
	if (err) {
		vrb_tx_put(vrb, msg);
		mutex_unlock(&vrb->tx_lock);
		if (err != -EPIPE) {
			vrb_count(vrb, VRB_TX_ERROR, 1);
			dev_err_ratelimited(&rpdev->dev, "send ring refused a buffer: %d\n",
					    err);
			err = -EIO;
		}
		return err;
	}
	trace_rpmsg_send(vrb->vdev->index, src, dst, len);
	if (virtqueue_kick_prepare(vrb->svq)) {
		trace_rpmsg_kick(vrb->vdev->index, 1);
		virtqueue_notify(vrb->svq);
	}
	mutex_unlock(&vrb->tx_lock);

	vrb_count(vrb, VRB_TX, 1);
	vrb_count(vrb, VRB_TX_BYTES, len);
	return 0;
}

static int vrb_ept_send(struct rpmsg_endpoint *ept, AMP_RPMSG_DATA *data,
			int len)
{
	return vrb_send(ept, ept->addr, READ_ONCE(ept->rpdev->dst), data, len,
			true);
}

static int vrb_ept_sendto(struct rpmsg_endpoint *ept, AMP_RPMSG_DATA *data,
			  int len, u32 dst)
{
	return vrb_send(ept, ept->addr, dst, data, len, true);
}

/* The offchannel pair: only where the kernel still has it (< 6.16). */
static int __maybe_unused vrb_ept_send_offchannel(struct rpmsg_endpoint *ept,
						  u32 src, u32 dst,
						  void *data, int len)
{
	return vrb_send(ept, src, dst, data, len, true);
}

static int vrb_ept_trysend(struct rpmsg_endpoint *ept, AMP_RPMSG_DATA *data,
			   int len)
{
	return vrb_send(ept, ept->addr, READ_ONCE(ept->rpdev->dst), data, len,
			false);
}

static int vrb_ept_trysendto(struct rpmsg_endpoint *ept, AMP_RPMSG_DATA *data,
			     int len, u32 dst)
{
	return vrb_send(ept, ept->addr, dst, data, len, false);
}

static int __maybe_unused vrb_ept_trysend_offchannel(struct rpmsg_endpoint *ept,
						     u32 src, u32 dst,
						     void *data, int len)
{
	return vrb_send(ept, src, dst, data, len, false);
}

/* Room to send: EPOLLOUT when a buffer is free, EPOLLHUP | EPOLLERR once going. */
static __poll_t vrb_ept_poll(struct rpmsg_endpoint *ept, struct file *filp,
			     poll_table *wait)
{
	struct vrb *vrb = to_vrb_ept(ept)->vrb;
	__poll_t mask = 0;

	poll_wait(filp, vrb_pollq, wait);

	mutex_lock(&vrb->tx_lock);
	if (vrb->dead) {
		/* a send would fail (EPIPE): the restart contract's HUP | ERR */
		mask = EPOLLHUP | EPOLLERR;
	} else {
		if (!vrb->pool.nfree)
			vrb_tx_reclaim(vrb, UINT_MAX);
		if (!vrb->pool.nfree) {
			WRITE_ONCE(vrb->poll_armed, true);
			if (!vrb_tx_arm(vrb))
				vrb_tx_reclaim(vrb, UINT_MAX);
		}
		if (vrb->pool.nfree)
			mask = EPOLLOUT | EPOLLWRNORM;
	}
	mutex_unlock(&vrb->tx_lock);
	return mask;
}

static ssize_t vrb_ept_get_mtu(struct rpmsg_endpoint *ept)
{
	return to_vrb_ept(ept)->vrb->mtu;
}

static const struct rpmsg_endpoint_ops vrb_ept_ops = {
	.destroy_ept = vrb_destroy_ept,
	.send = vrb_ept_send,
	.sendto = vrb_ept_sendto,
	.trysend = vrb_ept_trysend,
	.trysendto = vrb_ept_trysendto,
	AMP_EPT_OFFCHANNEL_OPS(vrb_ept_send_offchannel,
			       vrb_ept_trysend_offchannel)
	.poll = vrb_ept_poll,
	.get_mtu = vrb_ept_get_mtu,
};

/* The remote gave send buffers back: wake whoever waits for one. */
/*
 * The virtqueue callbacks find the device's state in vdev->priv inside
 * this SRCU's read side: remove (and a failed probe) clears it and waits
 * for the callbacks that may have read it before it frees the state. A
 * platform driver need not keep its callbacks from racing the reset (the
 * kernel's imx_rproc runs them from a work that nothing flushes).
 */
DEFINE_STATIC_SRCU(vrb_cb_srcu);

/* Clear vdev->priv; once this returns, no callback uses what it held. */
static void vrb_unpublish(struct virtio_device *vdev)
{
	WRITE_ONCE(vdev->priv, NULL);
	synchronize_srcu(&vrb_cb_srcu);
}

static void __vrb_tx_done(struct vrb *vrb)
{
	wake_up_interruptible_all(&vrb->sendq);
	/* pollers only when one found no buffer (they armed the callback) */
	if (xchg(&vrb->poll_armed, false))
		wake_up_interruptible_poll(vrb_pollq, EPOLLOUT | EPOLLWRNORM);
}

static void vrb_tx_done(struct virtqueue *svq)
{
	struct vrb *vrb;
	int idx;

	idx = srcu_read_lock(&vrb_cb_srcu);
	/* NULL: before probe has set it, after remove, for a late kick */
	vrb = READ_ONCE(svq->vdev->priv);
	if (vrb)
		__vrb_tx_done(vrb);
	srcu_read_unlock(&vrb_cb_srcu, idx);
}

static bool vrb_pollq_busy(void)
{
	bool busy;

	spin_lock_irq(&vrb_pollq->lock);
	busy = !list_empty(&vrb_pollq->head);
	spin_unlock_irq(&vrb_pollq->lock);
	return busy;
}

/*
 * The module goes: take every poller off vrb_pollq. epoll's entries go
 * with the POLLFREE wake-up (epoll lets go of the queue under RCU; not
 * wake_up_pollfree(), which warns when poll()'s entries are still there).
 * Those of poll() and select() go as their callers return, woken when
 * their device went; a caller that waits on for events a gone device
 * never reports (select()'s exceptfds) may stay: then the queue is left
 * allocated rather than freed under it, and unloading does not wait.
 */
static void vrb_pollq_release(void)
{
	int i;

	__wake_up(vrb_pollq, TASK_NORMAL, 0, poll_to_key(EPOLLHUP | POLLFREE));
	for (i = 0; i < 50 && vrb_pollq_busy(); i++)
		msleep(20);
	synchronize_rcu();
	if (vrb_pollq_busy()) {
		pr_warn("pollers still wait on a device gone: their queue stays allocated\n");
		return;
	}
	kfree(vrb_pollq);
}

/* --- receiving ---------------------------------------------------------- */

static void vrb_drop(struct vrb *vrb, enum vrb_stat why, u32 src, u32 dst,
		     u32 used, u32 len)
{
	vrb_count(vrb, why, 1);
	trace_rpmsg_drop(vrb->vdev->index, src, dst, used, len, vrb_stat_names[why]);
	dev_warn_ratelimited(&vrb->vdev->dev,
			     "dropped a frame from 0x%x to 0x%x (used %u, len %u): %s\n",
			     src, dst, used, len, vrb_stat_names[why]);
}

/*
 * A name-service message, before rpmsg_ns sees it: checked on a copy the
 * remote cannot change any more, and refused once the device has as many
 * channels as it may, or when it destroys a channel the device does not
 * have. Returns the stat to drop it under, or VRB_NR_STATS.
 */
static enum vrb_stat vrb_ns_check(struct vrb *vrb, const void *data, u32 len,
				  struct rpmsg_ns_msg *copy)
{
	struct rpmsg_channel_info chinfo;
	enum vrb_kind kind;
	struct device *dev;
	bool destroy;

	if (len != sizeof(*copy))
		return VRB_DROP_NS_MALFORMED;
	memcpy(copy, data, sizeof(*copy));
	if (amp_rpmsg_check_ns(copy, len, virtio_is_little_endian(vrb->vdev),
			       &chinfo, &destroy) != AMP_NS_OK)
		return VRB_DROP_NS_MALFORMED;
	if (!destroy && vrb->max_channels &&
	    READ_ONCE(vrb->nr_channels) >= vrb->max_channels)
		return VRB_DROP_NS_LIMIT;
	if (destroy) {
		/*
		 * rpmsg_ns would log each one it cannot release, unlimited:
		 * a channel the device does not have, or its name service
		 * or control device.
		 */
		dev = rpmsg_find_device(&vrb->vdev->dev, &chinfo);
		if (!dev)
			return VRB_DROP_NS_UNKNOWN;
		kind = to_vrb_channel(container_of(dev, struct rpmsg_device, dev))->kind;
		put_device(dev);
		if (kind != VRB_KIND_CHANNEL)
			return VRB_DROP_NS_UNKNOWN;
	}
	return VRB_NR_STATS;
}

/*
 * A channel Linux created without a remote address (one user space made
 * and announced) takes the address of the first remote endpoint that
 * writes to it, so that it can answer. Called with the endpoint's cb_lock
 * or, in atomic context, its alock held, and its callback still set (or
 * atomic): its device is not gone yet.
 */
static void vrb_learn_dst(struct rpmsg_endpoint *ept, u32 src)
{
	struct rpmsg_device *rpdev = ept->rpdev;

	lockdep_assert(lockdep_is_held(&ept->cb_lock) ||
		       lockdep_is_held(&to_vrb_ept(ept)->alock));
	if (!rpdev || rpdev->ept != ept ||
	    to_vrb_channel(rpdev)->kind != VRB_KIND_CHANNEL ||
	    READ_ONCE(rpdev->dst) != RPMSG_ADDR_ANY)
		return;
	/* the receive path is the only writer (one delivery at a time) */
	WRITE_ONCE(rpdev->dst, src);
	dev_info(&rpdev->dev, "remote address 0x%x learned\n", src);
}

/*
 * A frame under dynamic debug, in mainline's bus's words: the header as
 * read once, and @dump bytes of the buffer (at most the checked frame; at
 * most VRB_DBG_ATOMIC_DUMP where interrupts are off), before delivery.
 */
static void vrb_rx_dbg(struct vrb *vrb, const struct amp_rpmsg_hdr *hdr, bool le,
		       const void *buf, size_t dump)
{
	dev_dbg(&vrb->vdev->dev, "From: 0x%x, To: 0x%x, Len: %u, Flags: %u, Reserved: %u\n",
		__rpmsg32_to_cpu(le, hdr->src), __rpmsg32_to_cpu(le, hdr->dst),
		__rpmsg16_to_cpu(le, hdr->len), __rpmsg16_to_cpu(le, hdr->flags),
		__rpmsg32_to_cpu(le, hdr->reserved));
	if (dump)
		print_hex_dump_debug("rpmsg_virtio RX: ", DUMP_PREFIX_NONE, 16, 1, buf,
				     dump, true);
}

/*
 * In atomic context: deliver to @dst if its endpoint takes frames there.
 * The endpoint is looked up under RCU (it is freed after a grace period)
 * and its callback runs under its @alock, which destroy takes to clear
 * @atomic. False: the frame must wait for the work.
 */
static bool vrb_rx_atomic_one(struct vrb *vrb, const struct amp_rpmsg_hdr *hdr,
			      bool le, u32 src, u32 dst, void *data, u32 len, u32 used)
{
	size_t dump = min_t(size_t, sizeof(*hdr) + len, VRB_DBG_ATOMIC_DUMP);

	struct rpmsg_endpoint *ept;
	struct vrb_ept *vept;
	unsigned long flags;
	bool done = true;

	rcu_read_lock();
	ept = xa_load(&vrb->epts, dst);
	if (!ept) {
		vrb_rx_dbg(vrb, hdr, le, data - sizeof(*hdr), dump);
		vrb_drop(vrb, VRB_DROP_NO_EPT, src, dst, used, len);
		goto out;
	}
	vept = to_vrb_ept(ept);
	amp_fault_mdelay(rx_atomic_lookup);
	spin_lock_irqsave(&vept->alock, flags);
	if (vept->atomic && READ_ONCE(ept->cb)) {
		vrb_count(vrb, VRB_RX, 1);
		vrb_count(vrb, VRB_RX_BYTES, len);
		vrb_count(vrb, VRB_RX_ATOMIC, 1);
		vrb_rx_dbg(vrb, hdr, le, data - sizeof(*hdr), dump);
		vrb_learn_dst(ept, src);
		trace_rpmsg_recv(vrb->vdev->index, src, dst, len);
		ept->cb(ept->rpdev, data, len, ept->priv, src);
	} else {
		done = false;
	}
	spin_unlock_irqrestore(&vept->alock, flags);
out:
	rcu_read_unlock();
	return done;
}

/*
 * One frame: checked, then delivered (@atomic: only to an endpoint that
 * takes frames in atomic context). False if it must wait for the work.
 */
static bool vrb_rx_one(struct vrb *vrb, void *buf, u32 used, bool atomic)
{
	bool le = virtio_is_little_endian(vrb->vdev);
	struct amp_rpmsg_hdr hdr;
	struct rpmsg_endpoint *ept;
	struct rpmsg_ns_msg ns;
	enum vrb_stat why;
	u32 src, dst, len;
	void *data;

	/* one read of the header: the remote may rewrite it meanwhile */
	memcpy(&hdr, buf, sizeof(hdr));
	src = __rpmsg32_to_cpu(le, hdr.src);
	dst = __rpmsg32_to_cpu(le, hdr.dst);
	len = __rpmsg16_to_cpu(le, hdr.len);

	switch (amp_rpmsg_check_frame(used, vrb->rbuf_size, len)) {
	case AMP_RX_OK:
		break;
	case AMP_RX_SHORT:
		why = VRB_DROP_SHORT;
		goto drop;
	case AMP_RX_OVERSIZE:
		why = VRB_DROP_OVERSIZE;
		goto drop;
	default:
		why = VRB_DROP_EMPTY;
		goto drop;
	}
	if (atomic)
		return len <= VRB_RX_ATOMIC_MAX &&
		       vrb_rx_atomic_one(vrb, &hdr, le, src, dst, buf + sizeof(hdr), len, used);
	vrb_rx_dbg(vrb, &hdr, le, buf, sizeof(hdr) + len);

	mutex_lock(&vrb->epts_lock);
	ept = xa_load(&vrb->epts, dst);
	if (ept)
		kref_get(&ept->refcount);
	mutex_unlock(&vrb->epts_lock);
	if (!ept) {
		vrb_drop(vrb, VRB_DROP_NO_EPT, src, dst, used, len);
		return true;
	}

	data = buf + sizeof(hdr);
	if (to_vrb_ept(ept)->ns) {
		why = vrb_ns_check(vrb, data, len, &ns);
		if (why != VRB_NR_STATS) {
			vrb_drop(vrb, why, src, dst, used, len);
			goto out;
		}
		data = &ns;
	}

	vrb_count(vrb, VRB_RX, 1);
	vrb_count(vrb, VRB_RX_BYTES, len);
	amp_fault_delay(rx_deliver);
	/* a destroyed endpoint's device may be gone: cb tells, under cb_lock */
	mutex_lock(&ept->cb_lock);
	if (ept->cb) {
		vrb_learn_dst(ept, src);
		trace_rpmsg_recv(vrb->vdev->index, src, dst, len);
		ept->cb(ept->rpdev, data, len, ept->priv, src);
	}
	mutex_unlock(&ept->cb_lock);
out:
	kref_put(&ept->refcount, vrb_ept_free);
	return true;
drop:
	vrb_rx_dbg(vrb, &hdr, le, buf, 0);
	vrb_drop(vrb, why, src, dst, used, len);
	return true;
}

/*
 * Put a receive buffer (back) on the ring, whole. One entry, no indirect
 * descriptor: nothing is allocated, whatever @gfp says.
 */
static int vrb_rx_post(struct vrb *vrb, void *buf, gfp_t gfp)
{
	struct scatterlist sg;
	int err;

	vrb_sg(vrb, &sg, buf, vrb->rbuf_size);
	err = virtqueue_add_inbuf(vrb->rvq, &sg, 1, buf, gfp);
	if (err)
		dev_err_ratelimited(&vrb->vdev->dev,
				    "receive ring refused a buffer: %d\n", err);
	return err;
}

/*
 * The receive work: deliver what the remote filled, in order, from the
 * frame the callback parked on, and repost each buffer; at most
 * VRB_RX_BUDGET buffers a run, then the work runs again, so that a remote
 * that refills the ring as fast as Linux empties it holds neither a CPU
 * nor stop. It owns the ring (@rx_owned) until it finds it empty, under
 * @rx_slock, so the callback delivers nothing meanwhile. Nothing once the
 * device is going.
 */
static void vrb_rx_run(struct vrb *vrb)
{
	unsigned int used, n = 0;
	bool kick;
	void *buf;

	mutex_lock(&vrb->rx_lock);
	if (vrb->rx_stopped)
		goto out;
	while (n < VRB_RX_BUDGET && !READ_ONCE(vrb->dead)) {
		spin_lock_irq(&vrb->rx_slock);
		buf = vrb->rx_parked;
		used = vrb->rx_parked_len;
		vrb->rx_parked = NULL;
		if (!buf)
			buf = virtqueue_get_buf(vrb->rvq, &used);
		vrb->rx_owned = !!buf;
		spin_unlock_irq(&vrb->rx_slock);
		if (!buf)
			break;
		vrb_rx_one(vrb, buf, used, false);
		spin_lock_irq(&vrb->rx_slock);
		vrb_rx_post(vrb, buf, GFP_ATOMIC);
		spin_unlock_irq(&vrb->rx_slock);
		n++;
		cond_resched();
	}
	if (n)
		dev_dbg(&vrb->vdev->dev, "Received %u messages\n", n);
	spin_lock_irq(&vrb->rx_slock);
	if (n && virtqueue_kick_prepare(vrb->rvq))
		vrb->rx_kick = true;
	kick = vrb->rx_kick;
	vrb->rx_kick = false;
	spin_unlock_irq(&vrb->rx_slock);
	if (kick) {
		trace_rpmsg_kick(vrb->vdev->index, 0);
		virtqueue_notify(vrb->rvq);
	}
	/* a full batch: there may be more; queued under rx_lock (see remove) */
	if (n == VRB_RX_BUDGET && !READ_ONCE(vrb->dead))
		schedule_work(&vrb->rx_work);
out:
	mutex_unlock(&vrb->rx_lock);
}

/*
 * The remote filled receive buffers (a kick). Where the platform driver
 * was not asked to run the virtqueues from its mailbox callback, it runs
 * them from a work, in process context, as mainline's do: the batch runs
 * here. Else (vrb_rx_atomic()) this may be atomic context: frames for
 * endpoints that take them there are delivered here, under @rx_slock, and
 * their buffers reposted; the first frame for any other endpoint is
 * parked for the work, which delivers everything after it. At most
 * VRB_RX_ATOMIC_BUDGET buffers; a kick the remote wants
 * (virtqueue_kick_prepare()) is left to the work too, since a platform
 * driver's kick may sleep.
 */
static void __vrb_rx_done(struct vrb *vrb, struct virtqueue *rvq)
{
	unsigned int used, n = 0;
	unsigned long flags;
	bool work = false;
	void *buf;

	if (!READ_ONCE(vrb->rx_atomic)) {
		vrb_rx_run(vrb);
		return;
	}
	spin_lock_irqsave(&vrb->rx_slock, flags);
	if (vrb->rx_stopped || READ_ONCE(vrb->dead))
		goto out;
	if (vrb->rx_owned) {
		/* the work may be past its last look at the ring */
		work = true;
		goto out;
	}
	while (n < VRB_RX_ATOMIC_BUDGET && (buf = virtqueue_get_buf(rvq, &used))) {
		if (!vrb_rx_one(vrb, buf, used, true)) {
			vrb->rx_parked = buf;
			vrb->rx_parked_len = used;
			vrb->rx_owned = true;
			vrb_count(vrb, VRB_RX_PARKED, 1);
			break;
		}
		vrb_rx_post(vrb, buf, GFP_ATOMIC);
		n++;
	}
	if (n)
		dev_dbg(&vrb->vdev->dev, "Received %u messages\n", n);
	if (n == VRB_RX_ATOMIC_BUDGET)
		vrb->rx_owned = true;
	if (n && virtqueue_kick_prepare(rvq))
		vrb->rx_kick = true;
	work = vrb->rx_owned || vrb->rx_kick;
out:
	spin_unlock_irqrestore(&vrb->rx_slock, flags);
	if (work)
		schedule_work(&vrb->rx_work);
}

static void vrb_rx_done(struct virtqueue *rvq)
{
	struct vrb *vrb;
	int idx;

	idx = srcu_read_lock(&vrb_cb_srcu);
	/* NULL: before probe has set it, after remove, for a late kick */
	vrb = READ_ONCE(rvq->vdev->priv);
	if (vrb) {
		/* a test build's delay point: a callback in flight made to last */
		amp_fault_mdelay(rx_kick);
		__vrb_rx_done(vrb, rvq);
	}
	srcu_read_unlock(&vrb_cb_srcu, idx);
}

static void vrb_rx_stop(struct vrb *vrb, bool stop)
{
	mutex_lock(&vrb->rx_lock);
	spin_lock_irq(&vrb->rx_slock);
	vrb->rx_stopped = stop;
	spin_unlock_irq(&vrb->rx_slock);
	mutex_unlock(&vrb->rx_lock);
}

/* Ask @fn, a platform driver's, to run both virtqueues; keep it if it does. */
static bool vrb_rx_atomic_ask(struct vrb *vrb, int (*fn)(struct virtqueue *vq, bool on))
{
	bool done;

	if (!fn)
		return false;
	done = !fn(vrb->rvq, true);
	done |= !fn(vrb->svq, true);
	if (done)
		vrb->rx_atomic_fn = fn;
	return done;
}

/*
 * Ask the platform driver, if it is one of the project's, to run both
 * virtqueues from its mailbox callback (@on), or to stop doing so: once
 * it returns, none of those runs is in progress. Its function is looked up
 * by name, so that this module loads without the project's platform
 * drivers, and they without it; it is kept to undo what it did (by then
 * the driver's module may be going, and refuse symbol_get()).
 */
static void vrb_rx_atomic(struct vrb *vrb, bool on)
{
	int (*fn)(struct virtqueue *vq, bool on);
	bool done;

	if (!on) {
		fn = vrb->rx_atomic_fn;
		if (fn) {
			fn(vrb->rvq, false);
			fn(vrb->svq, false);
		}
		vrb->rx_atomic_fn = NULL;
		WRITE_ONCE(vrb->rx_atomic, false);
		return;
	}
	/* before the platform driver may call back in atomic context */
	WRITE_ONCE(vrb->rx_atomic, true);
	fn = symbol_get(imx_rproc_rx_atomic);
	done = vrb_rx_atomic_ask(vrb, fn);
	if (fn)
		symbol_put(imx_rproc_rx_atomic);
	if (!done) {
		fn = symbol_get(stm32_rproc_rx_atomic);
		done = vrb_rx_atomic_ask(vrb, fn);
		if (fn)
			symbol_put(stm32_rproc_rx_atomic);
	}
	WRITE_ONCE(vrb->rx_atomic, done);
	/* what came before, and what the platform's work may have skipped */
	if (done)
		schedule_work(&vrb->rx_work);
}

static void vrb_rx_work(struct work_struct *work)
{
	vrb_rx_run(container_of(work, struct vrb, rx_work));
}

/* --- channels ------------------------------------------------------------- */

static void vrb_channel_release(struct device *dev)
{
	struct rpmsg_device *rpdev = container_of(dev, struct rpmsg_device, dev);

	amp_rpdev_free_override(rpdev);
	kfree(to_vrb_channel(rpdev));
}

/*
 * Register an rpmsg device of @kind on the bus: a channel named by
 * @chinfo, the name service or the control device.
 */
static struct rpmsg_device *vrb_channel_add(struct vrb *vrb, enum vrb_kind kind,
					    const struct rpmsg_channel_info *chinfo)
{
	struct vrb_channel *vch;
	struct rpmsg_device *rpdev;
	int err;

	vch = kzalloc_obj(*vch, GFP_KERNEL);
	if (!vch)
		return ERR_PTR(-ENOMEM);
	vch->vrb = vrb;
	vch->kind = kind;
	rpdev = &vch->rpdev;
	rpdev->ops = &vrb_dev_ops;
	rpdev->little_endian = virtio_is_little_endian(vrb->vdev);
	rpdev->dev.parent = &vrb->vdev->dev;
	rpdev->dev.release = vrb_channel_release;

	switch (kind) {
	case VRB_KIND_CHANNEL:
		strscpy(rpdev->id.name, chinfo->name, sizeof(rpdev->id.name));
		rpdev->src = chinfo->src;
		rpdev->dst = chinfo->dst;
		/* a channel with a local address of its own is announced */
		rpdev->announce = rpdev->src != RPMSG_ADDR_ANY;
		err = rpmsg_register_device(rpdev);
		break;
	case VRB_KIND_NS:
		err = rpmsg_ns_register_device(rpdev);
		break;
	default:
		err = amp_rpmsg_ctrldev_register(rpdev);
		break;
	}
	/* on error the core has put the device, which freed vch */
	return err ? ERR_PTR(err) : rpdev;
}

static struct rpmsg_device *vrb_create_channel(struct rpmsg_device *rpdev,
					       struct rpmsg_channel_info *chinfo)
{
	struct vrb *vrb = rpdev_to_vrb(rpdev);
	struct device *parent = &vrb->vdev->dev;
	struct rpmsg_device *ch = NULL;
	struct device *old;

	if (!chinfo->name[0] || !memchr(chinfo->name, 0, sizeof(chinfo->name)))
		return NULL;

	mutex_lock(&vrb->chan_lock);
	if (READ_ONCE(vrb->dead))
		goto out;
	if (vrb->max_channels && vrb->nr_channels >= vrb->max_channels) {
		dev_warn_ratelimited(parent, "channel %s refused: %u channels is the limit\n",
				     chinfo->name, vrb->max_channels);
		goto out;
	}
	old = rpmsg_find_device(parent, chinfo);
	if (old) {
		put_device(old);
		dev_err_ratelimited(parent, "channel %s:0x%x:0x%x exists already\n",
				    chinfo->name, chinfo->src, chinfo->dst);
		goto out;
	}
	ch = vrb_channel_add(vrb, VRB_KIND_CHANNEL, chinfo);
	if (IS_ERR(ch))
		ch = NULL;
	else
		WRITE_ONCE(vrb->nr_channels, vrb->nr_channels + 1);
out:
	mutex_unlock(&vrb->chan_lock);
	return ch;
}

/* Remove a channel; the name service and control devices stay. */
static int vrb_release_channel(struct rpmsg_device *rpdev,
			       struct rpmsg_channel_info *chinfo)
{
	struct vrb *vrb = rpdev_to_vrb(rpdev);
	struct device *dev;
	int err = 0;

	mutex_lock(&vrb->chan_lock);
	if (READ_ONCE(vrb->dead)) {
		err = -ENODEV;
		goto out;
	}
	dev = rpmsg_find_device(&vrb->vdev->dev, chinfo);
	if (!dev) {
		err = -EINVAL;
		goto out;
	}
	if (to_vrb_channel(container_of(dev, struct rpmsg_device, dev))->kind !=
	    VRB_KIND_CHANNEL) {
		err = -EPERM;
	} else {
		device_unregister(dev);
		WRITE_ONCE(vrb->nr_channels, vrb->nr_channels - 1);
	}
	put_device(dev);
out:
	mutex_unlock(&vrb->chan_lock);
	return err;
}

static struct rpmsg_endpoint *vrb_create_ept(struct rpmsg_device *rpdev,
					     rpmsg_rx_cb_t cb, void *priv,
					     struct rpmsg_channel_info chinfo)
{
	return vrb_ept_new(rpdev_to_vrb(rpdev), rpdev, cb, priv, chinfo.src);
}

/* Tell the remote's name service about a channel Linux serves. */
static int vrb_announce(struct rpmsg_device *rpdev, u32 flags)
{
	struct vrb *vrb = rpdev_to_vrb(rpdev);
	struct rpmsg_ns_msg nsm = {};
	int err;

	if (!rpdev->announce || !rpdev->ept ||
	    !virtio_has_feature(vrb->vdev, AMP_RPMSG_F_NS))
		return 0;

	strscpy_pad(nsm.name, rpdev->id.name, sizeof(nsm.name));
	nsm.addr = cpu_to_rpmsg32(rpdev, rpdev->ept->addr);
	nsm.flags = cpu_to_rpmsg32(rpdev, flags);
	err = vrb_send(rpdev->ept, rpdev->ept->addr, RPMSG_NS_ADDR, &nsm,
		       sizeof(nsm), true);
	if (err && err != -EPIPE)
		dev_err(&rpdev->dev, "cannot announce the channel: %d\n", err);
	return err;
}

static int vrb_announce_create(struct rpmsg_device *rpdev)
{
	return vrb_announce(rpdev, RPMSG_NS_CREATE);
}

static int vrb_announce_destroy(struct rpmsg_device *rpdev)
{
	return vrb_announce(rpdev, RPMSG_NS_DESTROY);
}

static const struct rpmsg_device_ops vrb_dev_ops = {
	.create_channel = vrb_create_channel,
	.release_channel = vrb_release_channel,
	.create_ept = vrb_create_ept,
	.announce_create = vrb_announce_create,
	.announce_destroy = vrb_announce_destroy,
};

/* --- debugfs ----------------------------------------------------------------- */

static int vrb_stats_show(struct seq_file *s, void *unused)
{
	struct vrb *vrb = s->private;
	unsigned int i, nfree;

	mutex_lock(&vrb->tx_lock);
	nfree = vrb->pool.nfree;
	mutex_unlock(&vrb->tx_lock);

	seq_printf(s, "rx_buf_size: %u\n", vrb->rbuf_size);
	seq_printf(s, "tx_buf_size: %u\n", vrb->sbuf_size);
	seq_printf(s, "mtu: %u\n", vrb->mtu);
	seq_printf(s, "buffers: %u\n", vrb->nbufs);
	seq_printf(s, "tx_free: %u\n", nfree);
	seq_printf(s, "channels: %u\n", READ_ONCE(vrb->nr_channels));
	for (i = 0; i < VRB_NR_STATS; i++)
		seq_printf(s, "%s: %llu\n", vrb_stat_names[i],
			   (u64)atomic64_read(&vrb->stats[i]));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vrb_stats);

/* --- the virtio driver ------------------------------------------------------ */

static void vrb_free(struct vrb *vrb)
{
	amp_bufpool_destroy(&vrb->pool);
	xa_destroy(&vrb->epts);
	kvfree(vrb->buf_pages);
	kfree(vrb);
}

static int vrb_unregister_child(struct device *dev, void *unused)
{
	device_unregister(dev);
	return 0;
}

/*
 * The remote's buffer sizes from its config space, read once: false if
 * they are not of a layout and range this driver takes. A config space
 * shorter than the structure leaves the bytes past its end zero (and the
 * remoteproc core logs each of them).
 */
static bool vrb_config_sizes(struct virtio_device *vdev, u32 *tx, u32 *rx)
{
	struct amp_rpmsg_config cfg = {};

	virtio_cread_bytes(vdev, 0, &cfg, sizeof(cfg));
	*tx = virtio32_to_cpu(vdev, cfg.txbuf_size);
	*rx = virtio32_to_cpu(vdev, cfg.rxbuf_size);
	if (cfg.version == AMP_RPMSG_CONFIG_V1 &&
	    virtio16_to_cpu(vdev, cfg.size) == sizeof(cfg) &&
	    *tx >= buf_size.min && *tx <= buf_size.max &&
	    *rx >= buf_size.min && *rx <= buf_size.max)
		return true;
	dev_warn(&vdev->dev,
		 "bad buffer sizes in the config space: version %u, size %u, tx %u, rx %u\n",
		 cfg.version, virtio16_to_cpu(vdev, cfg.size), *tx, *rx);
	return false;
}

/*
 * Before the features are settled: a remote that offers
 * %AMP_RPMSG_F_BUFSZ with a config space this driver does not take
 * (another layout under the same bit, as some firmware has) gets it
 * refused, and the module's buffer size instead.
 */
static int vrb_validate(struct virtio_device *vdev)
{
	u32 tx, rx;

	if (virtio_has_feature(vdev, AMP_RPMSG_F_BUFSZ) &&
	    !vrb_config_sizes(vdev, &tx, &rx)) {
		dev_warn(&vdev->dev, "VIRTIO_RPMSG_F_BUFSZ refused: buffers of %u bytes\n",
			 buf_size.val);
		__virtio_clear_bit(vdev, AMP_RPMSG_F_BUFSZ);
	}
	return 0;
}

/*
 * The buffer sizes: the module's, or, with %AMP_RPMSG_F_BUFSZ, the
 * remote's (read again: the remote may have rewritten them since
 * vrb_validate()). A receive buffer is at least what the remote sends in
 * one (rounded up to 16 bytes); the payload Linux sends is at most what
 * the remote's receive buffer takes.
 */
static int vrb_buf_sizes(struct vrb *vrb)
{
	struct virtio_device *vdev = vrb->vdev;
	u32 tx, rx;

	vrb->rbuf_size = buf_size.val;
	vrb->sbuf_size = buf_size.val;
	vrb->mtu = buf_size.val - sizeof(struct amp_rpmsg_hdr);
	if (!virtio_has_feature(vdev, AMP_RPMSG_F_BUFSZ))
		return 0;
	if (!vrb_config_sizes(vdev, &tx, &rx))
		return -EINVAL;
	vrb->rbuf_size = ALIGN(tx, 16);
	vrb->sbuf_size = ALIGN(rx, 16);
	vrb->mtu = rx - sizeof(struct amp_rpmsg_hdr);
	dev_info(&vdev->dev, "buffers of the remote's sizes: receive %u, send %u bytes\n",
		 tx, rx);
	return 0;
}

static int vrb_probe(struct virtio_device *vdev)
{
	vq_callback_t *callbacks[] = { vrb_rx_done, vrb_tx_done };
	static const char * const names[] = { "input", "output" };
	struct device *dma_dev = vdev->dev.parent;
	struct rpmsg_device *ctrl, *ns;
	struct virtqueue *vqs[2];
	unsigned int i;
	struct vrb *vrb;
	bool notify;
	u64 len;
	int err;

	vrb = kzalloc_obj(*vrb, GFP_KERNEL);
	if (!vrb)
		return -ENOMEM;
	vrb->vdev = vdev;
	mutex_init(&vrb->rx_lock);
	spin_lock_init(&vrb->rx_slock);
	/* a kick before the buffers are posted finds nothing to do */
	vrb->rx_stopped = true;
	INIT_WORK(&vrb->rx_work, vrb_rx_work);
	mutex_init(&vrb->tx_lock);
	mutex_init(&vrb->epts_lock);
	mutex_init(&vrb->chan_lock);
	xa_init_flags(&vrb->epts, XA_FLAGS_ALLOC);
	init_waitqueue_head(&vrb->sendq);
	vrb->max_channels = max_channels.val;
	vrb->tx_timeout = msecs_to_jiffies(tx_timeout_ms.val);
	/* the callbacks may run as soon as the queues exist (an early kick) */
	/* published once initialised: the callbacks' loads depend on it */
	smp_store_release(&vdev->priv, vrb);

	err = vrb_buf_sizes(vrb);
	if (err)
		goto free_vrb;

	err = amp_virtio_find_vqs(vdev, 2, vqs, callbacks, names);
	if (err) {
		dev_err(&vdev->dev, "no virtqueues: %d\n", err);
		goto free_vrb;
	}
	amp_fault_delay(probe_vqs);
	vrb->rvq = vqs[0];
	vrb->svq = vqs[1];
	vrb->nbufs = min3(num_bufs.val, virtqueue_get_vring_size(vrb->rvq),
			  virtqueue_get_vring_size(vrb->svq));
	if (!vrb->nbufs) {
		err = -EINVAL;
		goto del_vqs;
	}
	err = amp_bufpool_init(&vrb->pool, vrb->nbufs, GFP_KERNEL);
	if (err)
		goto del_vqs;

	/* at most 2 x 32768 x 64 KiB: refused before the DMA API sees it */
	len = (u64)vrb->nbufs * (vrb->rbuf_size + vrb->sbuf_size);
	if (len > VRB_MAX_BUFS_LEN) {
		err = -EINVAL;
		dev_err(&vdev->dev, "2 x %u buffers of %u and %u bytes: more than %u MiB\n",
			vrb->nbufs, vrb->rbuf_size, vrb->sbuf_size,
			VRB_MAX_BUFS_LEN >> 20);
		goto del_vqs;
	}
	vrb->bufs_len = len;
	vrb->bufs = dma_alloc_coherent(dma_dev, vrb->bufs_len, &vrb->bufs_dma,
				       GFP_KERNEL);
	if (!vrb->bufs) {
		/* the vdev's memory region may be too small for the buffers */
		err = -ENOMEM;
		dev_err(&vdev->dev, "no DMA memory for 2 x %u buffers of %u and %u bytes\n",
			vrb->nbufs, vrb->rbuf_size, vrb->sbuf_size);
		goto del_vqs;
	}
	vrb->rbufs = vrb->bufs;
	vrb->sbufs = vrb->bufs + (size_t)vrb->nbufs * vrb->rbuf_size;
	err = vrb_buf_pages(vrb);
	if (err)
		goto free_bufs;

	for (i = 0; i < vrb->nbufs; i++) {
		err = vrb_rx_post(vrb, vrb->rbufs + (size_t)i * vrb->rbuf_size,
				  GFP_KERNEL);
		if (err) {
			dev_err(&vdev->dev, "cannot post receive buffers: %d\n", err);
			goto free_bufs;
		}
	}
	virtqueue_disable_cb(vrb->svq);

	vrb->dbg = debugfs_create_dir(dev_name(&vdev->dev), vrb_debugfs);
	debugfs_create_file("stats", 0400, vrb->dbg, vrb, &vrb_stats_fops);

	ctrl = vrb_channel_add(vrb, VRB_KIND_CTRL, NULL);
	if (IS_ERR(ctrl)) {
		err = PTR_ERR(ctrl);
		goto remove_debugfs;
	}
	if (virtio_has_feature(vdev, AMP_RPMSG_F_NS)) {
		ns = vrb_channel_add(vrb, VRB_KIND_NS, NULL);
		if (IS_ERR(ns)) {
			err = PTR_ERR(ns);
			goto remove_ctrl;
		}
	}

	/*
	 * The remote may send once the device is ready: then tell it. The
	 * receive work may run from then on, and run once for what a kick
	 * that came before was not allowed to start.
	 */
	notify = virtqueue_kick_prepare(vrb->rvq);
	virtio_device_ready(vdev);
	if (notify) {
		trace_rpmsg_kick(vrb->vdev->index, 0);
		virtqueue_notify(vrb->rvq);
	}
	vrb_rx_stop(vrb, false);
	schedule_work(&vrb->rx_work);
	vrb_rx_atomic(vrb, true);

	dev_info(&vdev->dev, "rpmsg host is online\n");
	return 0;

remove_ctrl:
	device_unregister(&ctrl->dev);
remove_debugfs:
	debugfs_remove_recursive(vrb->dbg);
free_bufs:
	/* the buffers are still on the receive ring until the rings go */
	vrb_unpublish(vdev);
	vdev->config->del_vqs(vdev);
	dma_free_coherent(dma_dev, vrb->bufs_len, vrb->bufs, vrb->bufs_dma);
	goto free_vrb;
del_vqs:
	vrb_unpublish(vdev);
	vdev->config->del_vqs(vdev);
free_vrb:
	/* a find_vqs() that failed may have made a queue, kicked, and freed it */
	vrb_unpublish(vdev);
	vrb_free(vrb);
	return err;
}

static void vrb_remove(struct virtio_device *vdev)
{
	struct vrb *vrb = vdev->priv;

	/* first: from now on the virtqueues run from the platform's work */
	vrb_rx_atomic(vrb, false);

	/*
	 * Every sender waiting for a buffer wakes with -EPIPE, and no send
	 * waits from now on: not the clients' remove callbacks below, not a
	 * channel creation or release that announces under chan_lock. Those
	 * in progress end; none starts after them (they look at @dead under
	 * chan_lock). Receiving stops after the batch in progress.
	 */
	mutex_lock(&vrb->tx_lock);
	WRITE_ONCE(vrb->dead, true);
	mutex_unlock(&vrb->tx_lock);
	wake_up_interruptible_all(&vrb->sendq);
	wake_up_interruptible_all(vrb_pollq);
	mutex_lock(&vrb->chan_lock);
	mutex_unlock(&vrb->chan_lock);

	virtio_reset_device(vdev);
	device_for_each_child(&vdev->dev, NULL, vrb_unregister_child);

	/*
	 * No batch runs or is queued after this; a callback that had found
	 * the state may still queue the work, and is waited for before the
	 * cancel; none finds it after.
	 */
	vrb_rx_stop(vrb, true);
	vrb_unpublish(vdev);
	cancel_work_sync(&vrb->rx_work);
	vdev->config->del_vqs(vdev);
	debugfs_remove_recursive(vrb->dbg);
	dma_free_coherent(vdev->dev.parent, vrb->bufs_len, vrb->bufs,
			  vrb->bufs_dma);
	vrb_free(vrb);
}

static const struct virtio_device_id vrb_id_table[] = {
	{ VIRTIO_ID_RPMSG, VIRTIO_DEV_ANY_ID },
	{ }
};
MODULE_DEVICE_TABLE(virtio, vrb_id_table);

static unsigned int vrb_features[] = {
	AMP_RPMSG_F_NS,
	AMP_RPMSG_F_BUFSZ,
};

static struct virtio_driver vrb_driver = {
	.feature_table = vrb_features,
	.feature_table_size = ARRAY_SIZE(vrb_features),
	.driver.name = KBUILD_MODNAME,
	.driver.owner = THIS_MODULE,
	.id_table = vrb_id_table,
	.validate = vrb_validate,
	.probe = vrb_probe,
	.remove = vrb_remove,
};

static int __init vrb_init(void)
{
	int err;

	vrb_pollq = kzalloc_obj(*vrb_pollq, GFP_KERNEL);
	if (!vrb_pollq)
		return -ENOMEM;
	init_waitqueue_head(vrb_pollq);
	vrb_debugfs = debugfs_create_dir(KBUILD_MODNAME, NULL);
	err = register_virtio_driver(&vrb_driver);
	if (err) {
		pr_err("cannot register: %d\n", err);
		debugfs_remove_recursive(vrb_debugfs);
		kfree(vrb_pollq);
	}
	return err;
}
module_init(vrb_init);

static void __exit vrb_exit(void)
{
	unregister_virtio_driver(&vrb_driver);
	vrb_pollq_release();
	debugfs_remove_recursive(vrb_debugfs);
}
module_exit(vrb_exit);

MODULE_DESCRIPTION("rpmsg bus over a remote processor's virtio device");
MODULE_LICENSE("GPL");
MODULE_VERSION(AMP_VERSION);
