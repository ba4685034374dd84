// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_char: /dev/rpmsgN, one character device per rpmsg endpoint.
 *
 * A drop-in for the kernel's module of the same name, with the user ABI of
 * <linux/rpmsg.h>: one message per read() and write(), O_NONBLOCK,
 * poll(), RPMSG_DESTROY_EPT_IOCTL and, where the kernel has them, the
 * flow-control ioctls. Devices come from two places: an rpmsg channel
 * bound to this driver ("rpmsg-raw", or any channel through
 * driver_override), whose own endpoint the device uses; and rpmsg_ctrl's
 * RPMSG_CREATE_EPT_IOCTL, for which an endpoint exists while the device is
 * open. It works on any rpmsg bus.
 *
 * When the endpoint goes away (channel removed, remote stopped), readers,
 * writers and pollers wake: poll() reports EPOLLHUP | EPOLLERR, read()
 * returns what was queued and then EPIPE, write() EPIPE; the file stays
 * safe to use until it is closed.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/poll.h>
#include <linux/rpmsg.h>
#include <linux/rwsem.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <linux/wait.h>
#include <uapi/linux/rpmsg.h>

#include <amp/compat.h>
#include <amp/rpmsg_ept.h>
#include <amp/rx_atomic.h>
#include "rpmsg_char.h"

#define RCHR_MINORS	(MINORMASK + 1)

static dev_t rchr_devt;
static DEFINE_IDA(rchr_minor_ida);
static DEFINE_IDA(rchr_id_ida);

static unsigned int rx_queue_max = 4096;
module_param(rx_queue_max, uint, 0644);
MODULE_PARM_DESC(rx_queue_max,
		 "messages an endpoint keeps for its reader before dropping new ones (0: no limit; default 4096)");

/**
 * struct rchr_eptdev - one /dev/rpmsgN
 * @dev: the device (class rpmsg)
 * @cdev: its character device
 * @chinfo: name and addresses the endpoint is made with
 * @lock: protects @rpdev and @ept: written (open, close, destroy) under the
 *	lock, used (send, poll, flow control) under its read side, so that a
 *	writer waiting for a buffer holds up nobody but a destroy
 * @rpdev: the rpmsg device the endpoint lives on; NULL once destroyed
 * @ept: the endpoint, while the device is open
 * @default_ept: the channel's own endpoint, when bound to a channel
 * @queue: received messages not read yet
 * @dropped: messages dropped because @queue was full
 * @readq: where readers and pollers wait
 * @flow_restricted: the remote asked us to stop sending
 * @flow_updated: @flow_restricted changed since last read
 */
struct rchr_eptdev {
	struct device dev;
	struct cdev cdev;
	struct rpmsg_channel_info chinfo;

	struct rw_semaphore lock;	/* @rpdev and @ept */
	struct rpmsg_device *rpdev;
	struct rpmsg_endpoint *ept;
	struct rpmsg_endpoint *default_ept;

	struct sk_buff_head queue;
	unsigned long dropped;
	wait_queue_head_t readq;

	bool flow_restricted;
	bool flow_updated;
};

static const struct device_type rchr_type = {
	.name = "rpmsg_eptdev",
};

static struct rchr_eptdev *to_eptdev(struct device *dev)
{
	return container_of(dev, struct rchr_eptdev, dev);
}

static bool rchr_gone(struct rchr_eptdev *e)
{
	return !READ_ONCE(e->ept);
}

/* --- messages from the remote ------------------------------------------------ */

static int rchr_rx(struct rpmsg_device *rpdev, void *data, int len, void *priv,
		   u32 src)
{
	struct rchr_eptdev *e = priv;
	unsigned int max = READ_ONCE(rx_queue_max);
	struct sk_buff *skb;

	if (!e || len < 0)
		return 0;
	if (max && skb_queue_len(&e->queue) >= max) {
		e->dropped++;
		dev_warn_ratelimited(&e->dev, "reader too slow: message dropped (%lu so far)\n",
				     e->dropped);
		return 0;
	}
	skb = alloc_skb(len, GFP_ATOMIC);
	if (!skb)
		return -ENOMEM;
	skb_put_data(skb, data, len);
	skb_queue_tail(&e->queue, skb);
	wake_up_interruptible(&e->readq);
	return 0;
}

static int rchr_flow(struct rpmsg_device *rpdev, void *priv, bool enable)
{
	struct rchr_eptdev *e = priv;

	if (!e)
		return 0;
	WRITE_ONCE(e->flow_restricted, enable);
	WRITE_ONCE(e->flow_updated, true);
	wake_up_interruptible(&e->readq);
	return 0;
}

/* --- file operations -------------------------------------------------------- */

static int rchr_open(struct inode *inode, struct file *filp)
{
	struct rchr_eptdev *e = container_of(inode->i_cdev, struct rchr_eptdev, cdev);
	struct rpmsg_endpoint *ept;
	int err = 0;

	down_write(&e->lock);
	if (e->ept) {
		err = -EBUSY;
		goto out;
	}
	if (!e->rpdev) {
		err = -ENETRESET;
		goto out;
	}
	ept = e->default_ept;
	if (!ept) {
		/*
		 * rchr_rx() neither sleeps nor takes a lock held across a
		 * sleep: the project's bus may deliver to it in atomic context
		 * (include/amp/rx_atomic.h). Our own endpoint's destruction
		 * at release waits for such a delivery in progress.
		 */
		ept = rpmsg_create_ept(e->rpdev, rchr_rx, e, e->chinfo);
		if (ept)
			amp_ept_rx_atomic(ept, true);
	}
	if (!ept) {
		dev_err_ratelimited(&e->dev, "no endpoint for %s at 0x%x\n",
				    e->chinfo.name, e->chinfo.src);
		err = -EINVAL;
		goto out;
	}
	amp_ept_set_flow_cb(ept, rchr_flow);
	get_device(&e->dev);
	WRITE_ONCE(e->ept, ept);
	filp->private_data = e;
out:
	up_write(&e->lock);
	return err;
}

static int rchr_release(struct inode *inode, struct file *filp)
{
	struct rchr_eptdev *e = filp->private_data;

	down_write(&e->lock);
	if (e->ept && !e->default_ept)
		rpmsg_destroy_ept(e->ept);
	WRITE_ONCE(e->ept, NULL);
	up_write(&e->lock);
	WRITE_ONCE(e->flow_updated, false);
	skb_queue_purge(&e->queue);
	put_device(&e->dev);
	return 0;
}

static ssize_t rchr_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct rchr_eptdev *e = iocb->ki_filp->private_data;
	struct sk_buff *skb;
	size_t n;

	/* what was queued is still delivered after the endpoint went away */
	while (!(skb = skb_dequeue(&e->queue))) {
		if (rchr_gone(e))
			return -EPIPE;
		if (iocb->ki_filp->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(e->readq,
					     !skb_queue_empty(&e->queue) ||
					     rchr_gone(e)))
			return -ERESTARTSYS;
	}
	n = min_t(size_t, iov_iter_count(to), skb->len);
	if (copy_to_iter(skb->data, n, to) != n) {
		kfree_skb(skb);
		return -EFAULT;
	}
	kfree_skb(skb);
	return n;
}

static ssize_t rchr_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct file *filp = iocb->ki_filp;
	struct rchr_eptdev *e = filp->private_data;
	size_t len = iov_iter_count(from);
	ssize_t mtu;
	void *buf;
	int err;

	/* the size first: a length from user space is never allocated as is */
	if (down_read_interruptible(&e->lock))
		return -ERESTARTSYS;
	if (!e->ept) {
		up_read(&e->lock);
		return -EPIPE;
	}
	mtu = rpmsg_get_mtu(e->ept);
	up_read(&e->lock);
	if ((mtu >= 0 && len > mtu) || len > INT_MAX || len > KMALLOC_MAX_SIZE)
		return -EMSGSIZE;

	/* a bus without an MTU: a length kmalloc cannot give is -ENOMEM */
	buf = kmalloc(max_t(size_t, len, 1), GFP_KERNEL | __GFP_NOWARN);
	if (!buf)
		return -ENOMEM;
	if (!copy_from_iter_full(buf, len, from)) {
		err = -EFAULT;
		goto free;
	}
	if (down_read_interruptible(&e->lock)) {
		err = -ERESTARTSYS;
		goto free;
	}
	if (!e->ept) {
		err = -EPIPE;
		goto unlock;
	}
	if (filp->f_flags & O_NONBLOCK) {
		err = rpmsg_trysendto(e->ept, buf, len, e->chinfo.dst);
		if (err == -ENOMEM)
			err = -EAGAIN;
	} else {
		err = rpmsg_sendto(e->ept, buf, len, e->chinfo.dst);
	}
unlock:
	up_read(&e->lock);
free:
	kfree(buf);
	return err ? err : len;
}

static __poll_t rchr_poll(struct file *filp, poll_table *wait)
{
	struct rchr_eptdev *e = filp->private_data;
	__poll_t mask = 0;

	poll_wait(filp, &e->readq, wait);
	if (!skb_queue_empty(&e->queue))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (READ_ONCE(e->flow_updated))
		mask |= EPOLLPRI;

	down_read(&e->lock);
	if (e->ept)
		mask |= rpmsg_poll(e->ept, filp, wait);
	else
		mask |= EPOLLHUP | EPOLLERR;
	up_read(&e->lock);
	return mask;
}

static long rchr_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct rchr_eptdev *e = filp->private_data;
	int err;

	if (cmd == RPMSG_DESTROY_EPT_IOCTL) {
		/* a channel's own endpoint goes with the channel */
		if (e->default_ept)
			return -EINVAL;
		return rpmsg_chrdev_eptdev_destroy(&e->dev, NULL);
	}
	if (amp_is_flow_get_ioctl(cmd)) {
		WRITE_ONCE(e->flow_updated, false);
		return put_user((int)READ_ONCE(e->flow_restricted),
				(int __user *)arg);
	}
	if (amp_is_flow_set_ioctl(cmd)) {
		if (arg > 1)
			return -EINVAL;
		down_read(&e->lock);
		err = e->ept ? rpmsg_set_flow_control(e->ept, arg, e->chinfo.dst) :
			       -EPIPE;
		up_read(&e->lock);
		return err;
	}
	return -EINVAL;
}

static const struct file_operations rchr_fops = {
	.owner = THIS_MODULE,
	.open = rchr_open,
	.release = rchr_release,
	.read_iter = rchr_read_iter,
	.write_iter = rchr_write_iter,
	.poll = rchr_poll,
	.unlocked_ioctl = rchr_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

/* --- sysfs: /sys/class/rpmsg/rpmsgN/{name,src,dst} --------------------------- */

static ssize_t name_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", to_eptdev(dev)->chinfo.name);
}
static DEVICE_ATTR_RO(name);

static ssize_t src_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	return sysfs_emit(buf, "%d\n", to_eptdev(dev)->chinfo.src);
}
static DEVICE_ATTR_RO(src);

static ssize_t dst_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	return sysfs_emit(buf, "%d\n", to_eptdev(dev)->chinfo.dst);
}
static DEVICE_ATTR_RO(dst);

static struct attribute *rchr_attrs[] = {
	&dev_attr_name.attr,
	&dev_attr_src.attr,
	&dev_attr_dst.attr,
	NULL
};
ATTRIBUTE_GROUPS(rchr);

/* --- endpoint devices ------------------------------------------------------ */

static void rchr_dev_release(struct device *dev)
{
	struct rchr_eptdev *e = to_eptdev(dev);

	ida_free(&rchr_id_ida, dev->id);
	ida_free(&rchr_minor_ida, MINOR(dev->devt));
	skb_queue_purge(&e->queue);
	kfree(e);
}

/*
 * Create and register /dev/rpmsgN for @chinfo on @rpdev, under @parent;
 * @default_ept is the channel's own endpoint, or NULL for one per open.
 */
static struct rchr_eptdev *rchr_add(struct rpmsg_device *rpdev,
				    struct device *parent,
				    const struct rpmsg_channel_info *chinfo,
				    struct rpmsg_endpoint *default_ept)
{
	struct rchr_eptdev *e;
	int minor, id, err;

	e = kzalloc_obj(*e, GFP_KERNEL);
	if (!e)
		return ERR_PTR(-ENOMEM);
	minor = ida_alloc_max(&rchr_minor_ida, RCHR_MINORS - 1, GFP_KERNEL);
	if (minor < 0) {
		kfree(e);
		return ERR_PTR(minor);
	}
	id = ida_alloc(&rchr_id_ida, GFP_KERNEL);
	if (id < 0) {
		ida_free(&rchr_minor_ida, minor);
		kfree(e);
		return ERR_PTR(id);
	}

	e->chinfo = *chinfo;
	e->rpdev = rpdev;
	e->default_ept = default_ept;
	init_rwsem(&e->lock);
	skb_queue_head_init(&e->queue);
	init_waitqueue_head(&e->readq);

	device_initialize(&e->dev);
	e->dev.class = amp_rpmsg_class();
	e->dev.type = &rchr_type;
	e->dev.parent = parent;
	e->dev.groups = rchr_groups;
	e->dev.devt = MKDEV(MAJOR(rchr_devt), minor);
	e->dev.id = id;
	e->dev.release = rchr_dev_release;
	dev_set_drvdata(&e->dev, e);
	err = dev_set_name(&e->dev, "rpmsg%d", id);
	if (err)
		goto put;

	cdev_init(&e->cdev, &rchr_fops);
	e->cdev.owner = THIS_MODULE;
	/*
	 * The node can be opened (by its number) before device_add() has
	 * finished, and a destroy must not device_del() a device half
	 * added: open and destroy wait for the lock. Its own lockdep
	 * subclass: a channel's probe comes here under the kernel bus's
	 * name-service cb_lock, whose class every endpoint shares, while
	 * release and destroy take an endpoint's cb_lock under this lock;
	 * nobody can hold this new lock and wait for that cb_lock.
	 */
	down_write_nested(&e->lock, SINGLE_DEPTH_NESTING);
	err = cdev_device_add(&e->cdev, &e->dev);
	if (err)
		e->rpdev = NULL;
	up_write(&e->lock);
	if (err)
		goto put;
	return e;
put:
	/* the release callback gives the ids and the memory back */
	put_device(&e->dev);
	return ERR_PTR(err);
}

/**
 * rpmsg_chrdev_eptdev_create() - create /dev/rpmsgN for an endpoint
 * @rpdev: the rpmsg device the endpoint will live on (rpmsg_ctrl's)
 * @parent: the parent of the new device
 * @chinfo: name, local and remote address of the endpoint
 *
 * The endpoint itself is created when the device is opened.
 *
 * Return: 0 or a negative errno.
 */
int rpmsg_chrdev_eptdev_create(struct rpmsg_device *rpdev, struct device *parent,
			       struct rpmsg_channel_info chinfo)
{
	return PTR_ERR_OR_ZERO(rchr_add(rpdev, parent, &chinfo, NULL));
}
EXPORT_SYMBOL(rpmsg_chrdev_eptdev_create);

/**
 * rpmsg_chrdev_eptdev_destroy() - remove an endpoint device
 * @dev: the device (children of other types are left alone)
 * @data: unused, for device_for_each_child()
 *
 * Destroys the endpoint, wakes everyone waiting on the device and
 * unregisters it; open files keep it until they are closed. Destroying a
 * device twice is harmless.
 *
 * Return: 0.
 */
int rpmsg_chrdev_eptdev_destroy(struct device *dev, void *data)
{
	struct rchr_eptdev *e;

	if (dev->type != &rchr_type)
		return 0;
	e = to_eptdev(dev);

	down_write(&e->lock);
	if (!e->rpdev) {
		up_write(&e->lock);
		return 0;
	}
	e->rpdev = NULL;
	if (e->ept && !e->default_ept)
		rpmsg_destroy_ept(e->ept);
	WRITE_ONCE(e->ept, NULL);
	up_write(&e->lock);

	wake_up_interruptible_all(&e->readq);
	cdev_device_del(&e->cdev, &e->dev);
	put_device(&e->dev);
	return 0;
}
EXPORT_SYMBOL(rpmsg_chrdev_eptdev_destroy);

/* --- the rpmsg driver: channels named rpmsg-raw, or bound by override ------- */

static int rchr_probe(struct rpmsg_device *rpdev)
{
	struct rpmsg_channel_info chinfo = {
		.src = rpdev->src,
		.dst = rpdev->dst,
	};
	struct rchr_eptdev *e;

	strscpy(chinfo.name, rpdev->id.name, sizeof(chinfo.name));
	e = rchr_add(rpdev, &rpdev->dev, &chinfo, rpdev->ept);
	if (IS_ERR(e))
		return PTR_ERR(e);
	/* from now on the channel's messages reach the device */
	amp_ept_cb_lock(rpdev->ept);
	rpdev->ept->priv = e;
	amp_ept_cb_unlock(rpdev->ept);
	return 0;
}

static void rchr_remove(struct rpmsg_device *rpdev)
{
	/*
	 * The core destroys the channel's endpoint after this: until then no
	 * message may reach the device (the bus calls back under cb_lock).
	 */
	amp_ept_cb_lock(rpdev->ept);
	rpdev->ept->priv = NULL;
	amp_ept_cb_unlock(rpdev->ept);
	device_for_each_child(&rpdev->dev, NULL, rpmsg_chrdev_eptdev_destroy);
}

static struct rpmsg_device_id rchr_ids[] = {
	{ .name = "rpmsg-raw" },
	{ .name = "rpmsg_chrdev" },
	{ }
};
MODULE_DEVICE_TABLE(rpmsg, rchr_ids);

static struct rpmsg_driver rchr_driver = {
	.drv.name = "rpmsg_chrdev",
	.id_table = rchr_ids,
	.probe = rchr_probe,
	.remove = rchr_remove,
	.callback = rchr_rx,
};

static int __init rchr_init(void)
{
	int err;

	err = alloc_chrdev_region(&rchr_devt, 0, RCHR_MINORS, KBUILD_MODNAME);
	if (err) {
		pr_err("no character device numbers: %d\n", err);
		return err;
	}
	err = register_rpmsg_driver(&rchr_driver);
	if (err) {
		pr_err("cannot register: %d\n", err);
		unregister_chrdev_region(rchr_devt, RCHR_MINORS);
	}
	return err;
}
module_init(rchr_init);

static void __exit rchr_exit(void)
{
	unregister_rpmsg_driver(&rchr_driver);
	unregister_chrdev_region(rchr_devt, RCHR_MINORS);
}
module_exit(rchr_exit);

MODULE_DESCRIPTION("rpmsg endpoints as character devices (/dev/rpmsgN)");
MODULE_LICENSE("GPL");
MODULE_VERSION(AMP_VERSION);
