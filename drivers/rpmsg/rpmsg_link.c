// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_link: rpmsg with a remote core that Linux does not manage, over a
 * link the device tree declares: no remoteproc, no resource table.
 *
 * The node gives the shared memory of the vrings (each vdev a 64 KiB slot:
 * vring 0 at its start, vring 1 32 KiB on, as NXP's kernel and RPMsg-Lite
 * place them), optionally a reserved DMA pool for the message buffers, and
 * the MU-style mailboxes: "tx" carries Linux's kicks (notify id << 16),
 * "rx" the remote's, "rxdb" a doorbell by which the remote says it has
 * (re)initialised its side. For each vdev the driver registers a virtio
 * rpmsg device, so that the rpmsg bus (the project's or the kernel's) and
 * every client work as over remoteproc.
 *
 * The link's life (Documentation/rpmsg-only.md): at each sync Linux zeroes
 * the rings, the bus posts its receive buffers and kicks vring 0, which is
 * what RPMsg-Lite waits for (a kick the remote cannot take yet stays in the
 * MU). The link is "waiting" until the remote kicks Linux, "up" after. A
 * doorbell from a remote that was up, or a write to the "resync"
 * attribute, syncs again: the virtio devices go (their channels with them:
 * open file descriptors see the device gone) and come back on fresh rings;
 * a doorbell while the link waits only kicks vring 0 again (the remote
 * came up after Linux: it may have lost the first kick, and rings it may
 * already use must not be re-made). Nothing Linux does waits for the
 * remote.
 *
 * Buffers are 512 bytes, or what the node's "buffer-size" says (the
 * firmware's buffer size, header included): the device offers
 * VIRTIO_RPMSG_F_BUFSZ with that size both ways (a bus that takes it
 * sizes its buffers by the firmware, not by its own settings), and a bus
 * that does not take it is refused unless the size is 512 (its 512-byte
 * buffers would be overrun).
 *
 * Compatibles: "linux,rpmsg-link", and NXP's vendor binding for i.MX7D and
 * i.MX8M ("fsl,imx7d-rpmsg", "fsl,imx8mq-rpmsg", "fsl,imx8mm-rpmsg",
 * "fsl,imx8mp-rpmsg"), whose nodes are taken unchanged.
 */
#include <linux/bitmap.h>
#include <linux/device.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/mailbox_client.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_reserved_mem.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_ring.h>
#include <linux/workqueue.h>

#include <amp/compat.h>
#include <amp/mbox_kick.h>
#include <amp/rpmsg_wire.h>

#define RLINK_MAX_VDEVS		8
#define RLINK_SLOT		SZ_64K	/* one vdev's vrings */
#define RLINK_VRING1		SZ_32K	/* vring 1's offset in the slot */
#define RLINK_VRING_NUM		256
#define RLINK_VRING_ALIGN	SZ_4K
#define RLINK_BUF_SIZE		512	/* what a bus without the feature uses */
#define RLINK_BUF_MIN		64
#define RLINK_BUF_MAX		SZ_64K
/* at most one sync a doorbell asks for per this many ms */
#define RLINK_DOORBELL_MS	100

enum rlink_state {
	RLINK_DOWN,	/* no bus driver ready on the link */
	RLINK_WAITING,	/* rings posted and kicked, nothing from the remote */
	RLINK_UP,	/* the remote has kicked Linux since */
};

static const char * const rlink_state_names[] = {
	[RLINK_DOWN] = "down",
	[RLINK_WAITING] = "waiting",
	[RLINK_UP] = "up",
};

struct rlink;

/**
 * struct rlink_vdev - one virtio rpmsg device of the link
 * @vdev: the virtio device (its release frees this)
 * @link: the link
 * @index: which vdev: notify ids 2 * @index (vring 0) and 2 * @index + 1
 * @status: the virtio status the driver set, under the link's vq_lock
 * @vq: the virtqueues, under the link's vq_lock
 */
struct rlink_vdev {
	struct virtio_device vdev;
	struct rlink *link;
	unsigned int index;
	u8 status;
	struct virtqueue *vq[2];
};

/**
 * struct rlink - one DT-declared rpmsg link
 * @dev: the platform device
 * @shm: the vrings' memory, mapped
 * @nvdevs: vdevs on the link (vdev-nums)
 * @vring_num: entries per vring
 * @vring_align: vring alignment
 * @buf_size: the message buffers' size, header included (buffer-size)
 * @cl: the client of "tx" and "rx"
 * @cl_db: the client of "rxdb"
 * @tx: kicks to the remote
 * @rx: kicks from the remote
 * @rxdb: the remote's doorbell, or NULL
 * @kick: kicks as MU words on @tx (include/amp/mbox_kick.h)
 * @wq: runs the virtqueues for words from the remote
 * @rx_work: that work
 * @resync_work: a sync asked for by the doorbell
 * @last_sync: when the last sync began, in jiffies
 * @rx_lock: @rx_pending, @dying and the counters
 * @rx_pending: vdevs whose queues a word asked to run
 * @dying: the link is going: no work is queued any more
 * @remote_seen: a word came from the remote since the last sync, or since
 *	the first bus driver became ready
 * @ready: vdevs whose bus driver is ready (DRIVER_OK), a bitmap
 * @doorbells: doorbells from the remote
 * @syncs: syncs so far
 * @sync_lock: serializes syncs and the link's teardown
 * @vq_lock: @vdevs, their queues and status, @state's changes; held across
 *	a run of the queues
 * @state: see enum rlink_state (read without the lock)
 * @vdevs: the registered vdevs
 */
struct rlink {
	struct device *dev;
	void *shm;
	unsigned int nvdevs;
	u32 vring_num;
	u32 vring_align;
	u32 buf_size;
	struct mbox_client cl;
	struct mbox_client cl_db;
	struct mbox_chan *tx;
	struct mbox_chan *rx;
	struct mbox_chan *rxdb;
	struct amp_kick kick;
	struct workqueue_struct *wq;
	struct work_struct rx_work;
	struct delayed_work resync_work;
	unsigned long last_sync;
	spinlock_t rx_lock;	/* see above */
	unsigned long rx_pending;
	bool dying;
	bool remote_seen;
	unsigned long ready;
	u64 doorbells;
	u64 syncs;
	struct mutex sync_lock;	/* see above */
	struct mutex vq_lock;	/* see above */
	enum rlink_state state;
	struct rlink_vdev *vdevs[RLINK_MAX_VDEVS];
};

static struct rlink_vdev *to_rlink_vdev(struct virtio_device *vdev)
{
	return container_of(vdev, struct rlink_vdev, vdev);
}

/* --- the virtio transport ------------------------------------------------ */

static u64 rlink_get_features(struct virtio_device *vdev)
{
	return BIT_ULL(AMP_RPMSG_F_NS) | BIT_ULL(AMP_RPMSG_F_BUFSZ);
}

/*
 * Nowhere to write the features: the remote assumes the name service, and
 * buffers of its size. A bus that did not take %AMP_RPMSG_F_BUFSZ posts
 * buffers of 512 bytes, which the messages of a remote with larger ones
 * overrun (and a remote with smaller ones cannot take Linux's): refused.
 */
static int rlink_finalize_features(struct virtio_device *vdev)
{
	struct rlink *link = to_rlink_vdev(vdev)->link;

	vring_transport_features(vdev);
	if (link->buf_size != RLINK_BUF_SIZE && !__virtio_test_bit(vdev, AMP_RPMSG_F_BUFSZ)) {
		dev_err(link->dev,
			"buffer-size %u: the bus %s does not take VIRTIO_RPMSG_F_BUFSZ (its buffers are %u bytes)\n",
			link->buf_size, vdev->dev.driver ? vdev->dev.driver->name : "?",
			RLINK_BUF_SIZE);
		return -EINVAL;
	}
	return 0;
}

/* The config space: the buffer sizes; past its end, zeroes. */
static void rlink_get(struct virtio_device *vdev, unsigned int offset,
		      void *buf, unsigned int len)
{
	struct rlink *link = to_rlink_vdev(vdev)->link;
	struct amp_rpmsg_config cfg = {
		.version = AMP_RPMSG_CONFIG_V1,
		.size = cpu_to_virtio16(vdev, sizeof(cfg)),
		.txbuf_size = cpu_to_virtio32(vdev, link->buf_size),
		.rxbuf_size = cpu_to_virtio32(vdev, link->buf_size),
	};
	unsigned int n = 0;

	if (offset < sizeof(cfg)) {
		n = min_t(unsigned int, len, sizeof(cfg) - offset);
		memcpy(buf, (u8 *)&cfg + offset, n);
	}
	memset(buf + n, 0, len - n);
}

static void rlink_set(struct virtio_device *vdev, unsigned int offset,
		      const void *buf, unsigned int len)
{
}

static u8 rlink_get_status(struct virtio_device *vdev)
{
	struct rlink_vdev *rv = to_rlink_vdev(vdev);
	u8 status;

	mutex_lock(&rv->link->vq_lock);
	status = rv->status;
	mutex_unlock(&rv->link->vq_lock);
	return status;
}

/* Is a bus driver ready on any vdev? With vq_lock held. */
static bool rlink_any_ready(struct rlink *link)
{
	unsigned int i;

	for (i = 0; i < link->nvdevs; i++)
		if (link->vdevs[i] && (link->vdevs[i]->status & VIRTIO_CONFIG_S_DRIVER_OK))
			return true;
	return false;
}

static void rlink_set_status(struct virtio_device *vdev, u8 status)
{
	struct rlink_vdev *rv = to_rlink_vdev(vdev);
	struct rlink *link = rv->link;
	unsigned long flags;

	mutex_lock(&link->vq_lock);
	rv->status = status;
	/* with the doorbell's view of both: it reads them under rx_lock */
	spin_lock_irqsave(&link->rx_lock, flags);
	if (status & VIRTIO_CONFIG_S_DRIVER_OK) {
		/* the first bus ready, before its first kick: the words from now on */
		if (!link->ready)
			link->remote_seen = false;
		set_bit(rv->index, &link->ready);
	} else {
		clear_bit(rv->index, &link->ready);
	}
	spin_unlock_irqrestore(&link->rx_lock, flags);
	if (link->state == RLINK_DOWN && rlink_any_ready(link))
		WRITE_ONCE(link->state, RLINK_WAITING);
	else if (!rlink_any_ready(link))
		WRITE_ONCE(link->state, RLINK_DOWN);
	mutex_unlock(&link->vq_lock);
}

/* Once this returns, no run of the queues is in progress or starts. */
static void rlink_reset(struct virtio_device *vdev)
{
	rlink_set_status(vdev, 0);
}

/* Once this returns, no run of the queues started before is in progress. */
static void rlink_synchronize_cbs(struct virtio_device *vdev)
{
	struct rlink *link = to_rlink_vdev(vdev)->link;

	mutex_lock(&link->vq_lock);
	mutex_unlock(&link->vq_lock);
}

/* A kick: the notify id as an MU word, never waiting for the remote. */
static bool rlink_notify(struct virtqueue *vq)
{
	struct rlink_vdev *rv = to_rlink_vdev(vq->vdev);

	amp_kick(&rv->link->kick, rv->index * 2 + vq->index);
	return true;
}

static void rlink_del_vqs(struct virtio_device *vdev)
{
	struct rlink_vdev *rv = to_rlink_vdev(vdev);
	struct virtqueue *vq[2];
	unsigned int i;

	mutex_lock(&rv->link->vq_lock);
	for (i = 0; i < ARRAY_SIZE(rv->vq); i++) {
		vq[i] = rv->vq[i];
		rv->vq[i] = NULL;
	}
	mutex_unlock(&rv->link->vq_lock);
	for (i = 0; i < ARRAY_SIZE(vq); i++)
		if (vq[i])
			vring_del_virtqueue(vq[i]);
}

/*
 * The vrings at their fixed places in the vdev's slot, zeroed: whatever
 * the remote or an earlier session left there is not Linux's.
 */
static int rlink_find_vqs_impl(struct virtio_device *vdev, unsigned int nvqs,
			       struct virtqueue *vqs[], vq_callback_t *callbacks[],
			       const char * const names[])
{
	struct rlink_vdev *rv = to_rlink_vdev(vdev);
	struct rlink *link = rv->link;
	struct virtqueue *vq;
	unsigned int i;
	void *ring;

	if (nvqs > ARRAY_SIZE(rv->vq))
		return -EINVAL;
	for (i = 0; i < nvqs; i++) {
		vqs[i] = NULL;
		if (!names[i])
			continue;
		ring = link->shm + rv->index * RLINK_SLOT + i * RLINK_VRING1;
		memset(ring, 0, vring_size(link->vring_num, link->vring_align));
		vq = vring_new_virtqueue(i, link->vring_num, link->vring_align, vdev,
					 false, false, ring, rlink_notify, callbacks[i],
					 names[i]);
		if (!vq) {
			rlink_del_vqs(vdev);
			return -ENOMEM;
		}
		mutex_lock(&link->vq_lock);
		rv->vq[i] = vq;
		mutex_unlock(&link->vq_lock);
		vqs[i] = vq;
	}
	return 0;
}

static int rlink_find_vqs(AMP_FIND_VQS_ARGS)
{
	return AMP_FIND_VQS_CALL(rlink_find_vqs_impl);
}

static const char *rlink_bus_name(struct virtio_device *vdev)
{
	return dev_name(to_rlink_vdev(vdev)->link->dev);
}

static const struct virtio_config_ops rlink_config_ops = {
	.get = rlink_get,
	.set = rlink_set,
	.get_status = rlink_get_status,
	.set_status = rlink_set_status,
	.reset = rlink_reset,
	.find_vqs = rlink_find_vqs,
	.del_vqs = rlink_del_vqs,
	.synchronize_cbs = rlink_synchronize_cbs,
	.get_features = rlink_get_features,
	.finalize_features = rlink_finalize_features,
	.bus_name = rlink_bus_name,
};

/* --- words from the remote -------------------------------------------------- */

/* Run the queues of the vdevs words named, while their driver is ready. */
static void rlink_rx_work(struct work_struct *work)
{
	struct rlink *link = container_of(work, struct rlink, rx_work);
	unsigned long pending, flags;
	unsigned int i, q;

	spin_lock_irqsave(&link->rx_lock, flags);
	pending = link->rx_pending;
	link->rx_pending = 0;
	spin_unlock_irqrestore(&link->rx_lock, flags);

	mutex_lock(&link->vq_lock);
	for_each_set_bit(i, &pending, link->nvdevs) {
		struct rlink_vdev *rv = link->vdevs[i];

		if (!rv || !(rv->status & VIRTIO_CONFIG_S_DRIVER_OK))
			continue;
		WRITE_ONCE(link->state, RLINK_UP);
		for (q = 0; q < ARRAY_SIZE(rv->vq); q++)
			if (rv->vq[q])
				vring_interrupt(0, rv->vq[q]);
	}
	mutex_unlock(&link->vq_lock);
}

/*
 * A word from the remote (in the mailbox's atomic context). It names a
 * queue in its upper half; it is untrusted, and a word that names none of
 * the link's (or none at all) runs them all, which costs an empty look.
 */
static void rlink_rx(struct mbox_client *cl, void *msg)
{
	struct rlink *link = container_of(cl, struct rlink, cl);
	unsigned long flags;
	unsigned int id = UINT_MAX;

	if (msg)
		id = amp_kick_mu_id(*(u32 *)msg);
	spin_lock_irqsave(&link->rx_lock, flags);
	if (id < link->nvdevs * 2)
		__set_bit(id / 2, &link->rx_pending);
	else
		bitmap_fill(&link->rx_pending, link->nvdevs);
	link->remote_seen = true;
	if (!link->dying)
		queue_work(link->wq, &link->rx_work);
	spin_unlock_irqrestore(&link->rx_lock, flags);
}

/*
 * The remote (re)initialised its side. With no bus driver ready, nothing
 * to do: the next to bind makes fresh rings. If it had kicked Linux since
 * the last sync (or since the first bus driver became ready), it lost that
 * session: sync again, at most once per RLINK_DOORBELL_MS (a flood of
 * doorbells costs that many syncs, one at a time). If not, it came up
 * after Linux: kick vring 0 of each vdev whose driver is ready again, in
 * case it lost the first kick (never rings that are being made: the
 * remote would link on them and see them zeroed).
 */
static void rlink_doorbell(struct mbox_client *cl, void *msg)
{
	struct rlink *link = container_of(cl, struct rlink, cl_db);
	unsigned long flags, now = jiffies, next, ready = 0, delay = 0;
	unsigned int i;

	/* queued under the lock: teardown cancels it after it sets @dying */
	spin_lock_irqsave(&link->rx_lock, flags);
	link->doorbells++;
	if (!link->dying && link->remote_seen && READ_ONCE(link->ready)) {
		next = link->last_sync + msecs_to_jiffies(RLINK_DOORBELL_MS);
		if (time_before(now, next))
			delay = next - now;
		queue_delayed_work(system_wq, &link->resync_work, delay);
	} else if (!link->dying && READ_ONCE(link->state) == RLINK_WAITING) {
		ready = READ_ONCE(link->ready);
	}
	spin_unlock_irqrestore(&link->rx_lock, flags);
	for_each_set_bit(i, &ready, link->nvdevs)
		amp_kick(&link->kick, i * 2);
}

static void rlink_kick_taken(struct mbox_client *cl, void *msg, int r)
{
	amp_kick_taken(&container_of(cl, struct rlink, cl)->kick);
}

/* --- syncs ------------------------------------------------------------------ */

static void rlink_vdev_release(struct device *dev)
{
	kfree(to_rlink_vdev(dev_to_virtio(dev)));
}

/* Unregister every vdev (their channels go with them). With sync_lock. */
static void rlink_del_vdevs(struct rlink *link)
{
	struct rlink_vdev *rv;
	unsigned int i;

	lockdep_assert_held(&link->sync_lock);
	for (i = 0; i < link->nvdevs; i++) {
		mutex_lock(&link->vq_lock);
		rv = link->vdevs[i];
		link->vdevs[i] = NULL;
		mutex_unlock(&link->vq_lock);
		if (rv)
			unregister_virtio_device(&rv->vdev);
	}
	mutex_lock(&link->vq_lock);
	WRITE_ONCE(link->state, RLINK_DOWN);
	mutex_unlock(&link->vq_lock);
}

static int rlink_add_vdev(struct rlink *link, unsigned int i)
{
	struct rlink_vdev *rv;
	int ret;

	rv = kzalloc_obj(*rv, GFP_KERNEL);
	if (!rv)
		return -ENOMEM;
	rv->link = link;
	rv->index = i;
	rv->vdev.id.device = VIRTIO_ID_RPMSG;
	rv->vdev.config = &rlink_config_ops;
	rv->vdev.dev.parent = link->dev;
	rv->vdev.dev.release = rlink_vdev_release;
	/* in place first: the remote may answer the bus's first kick at once */
	mutex_lock(&link->vq_lock);
	link->vdevs[i] = rv;
	mutex_unlock(&link->vq_lock);
	ret = register_virtio_device(&rv->vdev);
	if (ret) {
		mutex_lock(&link->vq_lock);
		link->vdevs[i] = NULL;
		mutex_unlock(&link->vq_lock);
		put_device(&rv->vdev.dev);
	}
	return ret;
}

/**
 * rlink_sync() - (re)make the link's virtio devices on fresh rings
 * @link: the link
 *
 * Every vdev goes, with its channels, then comes back: its bus driver
 * zeroes the rings, posts its receive buffers and kicks vring 0.
 *
 * Return: 0, or the error of a vdev that could not be registered (the
 * others stay).
 */
static int rlink_sync(struct rlink *link)
{
	unsigned long flags;
	unsigned int i;
	int ret = 0, err;

	mutex_lock(&link->sync_lock);
	if (link->dying) {
		mutex_unlock(&link->sync_lock);
		return -ENODEV;
	}
	rlink_del_vdevs(link);
	spin_lock_irqsave(&link->rx_lock, flags);
	link->syncs++;
	link->last_sync = jiffies;
	link->remote_seen = false;
	spin_unlock_irqrestore(&link->rx_lock, flags);
	for (i = 0; i < link->nvdevs; i++) {
		err = rlink_add_vdev(link, i);
		if (err) {
			dev_err(link->dev, "vdev %u: cannot register: %d\n", i, err);
			ret = ret ?: err;
		}
	}
	mutex_unlock(&link->sync_lock);
	return ret;
}

static void rlink_resync_work(struct work_struct *work)
{
	struct rlink *link = container_of(to_delayed_work(work), struct rlink,
					  resync_work);

	dev_info_ratelimited(link->dev, "the remote says it restarted: syncing the link\n");
	rlink_sync(link);
}

/* --- sysfs ------------------------------------------------------------------ */

static ssize_t state_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct rlink *link = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%s\n", rlink_state_names[READ_ONCE(link->state)]);
}
static DEVICE_ATTR_RO(state);

static u64 rlink_count(struct rlink *link, const u64 *counter)
{
	unsigned long flags;
	u64 v;

	spin_lock_irqsave(&link->rx_lock, flags);
	v = *counter;
	spin_unlock_irqrestore(&link->rx_lock, flags);
	return v;
}

static ssize_t syncs_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct rlink *link = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%llu\n", rlink_count(link, &link->syncs));
}
static DEVICE_ATTR_RO(syncs);

static ssize_t doorbells_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct rlink *link = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%llu\n", rlink_count(link, &link->doorbells));
}
static DEVICE_ATTR_RO(doorbells);

/* Any write: sync the link now (the remote restarted without a doorbell). */
static ssize_t resync_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct rlink *link = dev_get_drvdata(dev);
	int ret;

	ret = rlink_sync(link);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(resync);

static struct attribute *rlink_attrs[] = {
	&dev_attr_state.attr,
	&dev_attr_syncs.attr,
	&dev_attr_doorbells.attr,
	&dev_attr_resync.attr,
	NULL
};
ATTRIBUTE_GROUPS(rlink);

/* --- probe and teardown ------------------------------------------------------ */

static void rlink_release_mem(void *dev)
{
	of_reserved_mem_device_release(dev);
}

static void rlink_destroy_wq(void *wq)
{
	destroy_workqueue(wq);
}

/* No more kicks, and no more words: the channels go. */
static void rlink_mbox_free(void *data)
{
	struct rlink *link = data;

	amp_kick_stop(&link->kick);
	if (link->rxdb)
		mbox_free_channel(link->rxdb);
	if (link->rx)
		mbox_free_channel(link->rx);
	if (link->tx)
		mbox_free_channel(link->tx);
}

/* The vdevs go; no sync starts or runs after this. */
static void rlink_teardown(void *data)
{
	struct rlink *link = data;
	unsigned long flags;

	spin_lock_irqsave(&link->rx_lock, flags);
	link->dying = true;
	spin_unlock_irqrestore(&link->rx_lock, flags);
	cancel_delayed_work_sync(&link->resync_work);
	mutex_lock(&link->sync_lock);
	rlink_del_vdevs(link);
	mutex_unlock(&link->sync_lock);
}

static int rlink_get_mbox(struct rlink *link)
{
	struct device *dev = link->dev;
	struct mbox_chan *ch;

	link->cl.dev = dev;
	link->cl.tx_block = false;
	link->cl.knows_txdone = false;
	link->cl.rx_callback = rlink_rx;
	link->cl.tx_done = rlink_kick_taken;
	link->cl_db.dev = dev;
	link->cl_db.rx_callback = rlink_doorbell;

	ch = mbox_request_channel_byname(&link->cl, "tx");
	if (IS_ERR(ch))
		return dev_err_probe(dev, PTR_ERR(ch), "no \"tx\" mailbox\n");
	link->tx = ch;
	amp_kick_start(&link->kick, ch);
	ch = mbox_request_channel_byname(&link->cl, "rx");
	if (IS_ERR(ch))
		return dev_err_probe(dev, PTR_ERR(ch), "no \"rx\" mailbox\n");
	link->rx = ch;
	if (of_property_match_string(dev->of_node, "mbox-names", "rxdb") < 0)
		return 0;
	ch = mbox_request_channel_byname(&link->cl_db, "rxdb");
	if (IS_ERR(ch))
		return dev_err_probe(dev, PTR_ERR(ch), "no \"rxdb\" mailbox\n");
	link->rxdb = ch;
	return 0;
}

/* The DT's link geometry: vdev-nums, and ours' vring-num, vring-align, buffer-size. */
static int rlink_parse(struct rlink *link, const struct resource *res)
{
	resource_size_t size = resource_size(res);
	struct device_node *np = link->dev->of_node;
	u32 n = 1;

	of_property_read_u32(np, "vdev-nums", &n);
	if (!n || n > RLINK_MAX_VDEVS)
		return dev_err_probe(link->dev, -EINVAL, "vdev-nums %u: 1 to %u\n",
				     n, RLINK_MAX_VDEVS);
	link->nvdevs = n;
	link->vring_num = RLINK_VRING_NUM;
	link->vring_align = RLINK_VRING_ALIGN;
	of_property_read_u32(np, "vring-num", &link->vring_num);
	of_property_read_u32(np, "vring-align", &link->vring_align);
	link->buf_size = RLINK_BUF_SIZE;
	of_property_read_u32(np, "buffer-size", &link->buf_size);
	if (link->buf_size < RLINK_BUF_MIN || link->buf_size > RLINK_BUF_MAX ||
	    !IS_ALIGNED(link->buf_size, 16))
		return dev_err_probe(link->dev, -EINVAL,
				     "buffer-size %u: a multiple of 16 from %u to %u\n",
				     link->buf_size, RLINK_BUF_MIN, RLINK_BUF_MAX);
	/* vring_init() aligns the used ring in Linux's mapping: at most a page */
	if (!link->vring_num || link->vring_num > 32768 ||
	    !is_power_of_2(link->vring_num) || link->vring_align < 16 ||
	    link->vring_align > PAGE_SIZE || !is_power_of_2(link->vring_align) ||
	    vring_size(link->vring_num, link->vring_align) > RLINK_VRING1)
		return dev_err_probe(link->dev, -EINVAL,
				     "vring-num %u, vring-align %u: no vring of 32 KiB\n",
				     link->vring_num, link->vring_align);
	if (size < (resource_size_t)n * RLINK_SLOT)
		return dev_err_probe(link->dev, -EINVAL,
				     "reg: %pa bytes, %u vdevs need %#x each\n",
				     &size, n, RLINK_SLOT);
	if (!IS_ALIGNED(res->start, PAGE_SIZE))
		return dev_err_probe(link->dev, -EINVAL, "reg at %pa: not page-aligned\n",
				     &res->start);
	/* mapped RAM would alias the kernel's own mapping: no-map memory only */
	if (region_intersects(res->start, (size_t)n * RLINK_SLOT, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT)
		return dev_err_probe(link->dev, -EINVAL,
				     "reg at %pa is System RAM: make it a no-map reserved-memory region\n",
				     &res->start);
	/* the virtio core takes one child node for its device, at most */
	if (of_get_available_child_count(np) > 1)
		return dev_err_probe(link->dev, -EINVAL, "more than one child node\n");
	return 0;
}

/* The buffers' pool: a no-map region (a reusable one lends its pages out). */
static int rlink_check_pool(struct rlink *link)
{
	struct device_node *np = of_parse_phandle(link->dev->of_node, "memory-region", 0);
	bool ok;

	if (!np)
		return dev_err_probe(link->dev, -EINVAL, "no memory-region for the buffers\n");
	ok = of_device_is_available(np) && of_property_read_bool(np, "no-map");
	of_node_put(np);
	if (!ok)
		return dev_err_probe(link->dev, -EINVAL,
				     "memory-region: not an available no-map region\n");
	return 0;
}

static int rlink_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct resource *res;
	struct rlink *link;
	int ret;

	link = devm_kzalloc(dev, sizeof(*link), GFP_KERNEL);
	if (!link)
		return -ENOMEM;
	link->dev = dev;
	spin_lock_init(&link->rx_lock);
	mutex_init(&link->sync_lock);
	mutex_init(&link->vq_lock);
	INIT_WORK(&link->rx_work, rlink_rx_work);
	INIT_DELAYED_WORK(&link->resync_work, rlink_resync_work);
	amp_kick_init(&link->kick, dev);
	platform_set_drvdata(pdev, link);

	res = platform_get_resource(pdev, IORESOURCE_MEM, 0);
	if (!res)
		return dev_err_probe(dev, -EINVAL, "no reg: where are the vrings?\n");
	ret = rlink_parse(link, res);
	if (ret)
		return ret;
	link->shm = devm_memremap(dev, res->start, (size_t)link->nvdevs * RLINK_SLOT,
				  MEMREMAP_WC);
	if (IS_ERR(link->shm))
		return dev_err_probe(dev, PTR_ERR(link->shm), "cannot map the vrings\n");

	/*
	 * The buffers: from the node's DMA pool. Required: the remote is not
	 * stopped when the link goes, and may write into the buffers of a
	 * session Linux has ended; they must never be the kernel's pages.
	 */
	ret = rlink_check_pool(link);
	if (ret)
		return ret;
	ret = of_reserved_mem_device_init(dev);
	if (ret)
		return dev_err_probe(dev, ret, "memory-region: no reserved DMA pool\n");
	ret = devm_add_action_or_reset(dev, rlink_release_mem, dev);
	if (ret)
		return ret;

	link->wq = alloc_workqueue("rpmsg_link-%s", WQ_MEM_RECLAIM | AMP_WQ_PERCPU, 1,
				   dev_name(dev));
	if (!link->wq)
		return -ENOMEM;
	ret = devm_add_action_or_reset(dev, rlink_destroy_wq, link->wq);
	if (ret)
		return ret;
	ret = devm_add_action_or_reset(dev, rlink_mbox_free, link);
	if (ret)
		return ret;
	ret = rlink_get_mbox(link);
	if (ret)
		return ret;
	ret = devm_add_action_or_reset(dev, rlink_teardown, link);
	if (ret)
		return ret;
	ret = rlink_sync(link);
	if (ret)
		return ret;
	dev_info(dev, "rpmsg link: %u vdev(s), vrings of %u at %pa, %u-byte buffers\n",
		 link->nvdevs, link->vring_num, &res->start, link->buf_size);
	return 0;
}

static const struct of_device_id rlink_of_match[] = {
	{ .compatible = "linux,rpmsg-link" },
	{ .compatible = "fsl,imx7d-rpmsg" },
	{ .compatible = "fsl,imx8mq-rpmsg" },
	{ .compatible = "fsl,imx8mm-rpmsg" },
	{ .compatible = "fsl,imx8mp-rpmsg" },
	{ }
};
MODULE_DEVICE_TABLE(of, rlink_of_match);

static struct platform_driver rlink_driver = {
	.probe = rlink_probe,
	.driver = {
		.name = "rpmsg_link",
		.of_match_table = rlink_of_match,
		.dev_groups = rlink_groups,
	},
};
module_platform_driver(rlink_driver);

MODULE_DESCRIPTION("rpmsg over a DT-declared link, without remoteproc");
MODULE_LICENSE("GPL");
MODULE_VERSION(AMP_VERSION);
