// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_ctrl: /dev/rpmsg_ctrlN, one per rpmsg bus device, to create
 * endpoints (RPMSG_CREATE_EPT_IOCTL: a /dev/rpmsgN through rpmsg_char) and
 * channels (RPMSG_CREATE_DEV_IOCTL, RPMSG_RELEASE_DEV_IOCTL) from user
 * space. A drop-in for the kernel's module of the same name: it binds the
 * "rpmsg_ctrl" device a bus registers.
 *
 * Every argument is checked before anything changes: a name must be
 * terminated within its 32 bytes (and not be empty for a channel), the
 * name service's address is refused as a local address, and a channel
 * that exists already is refused with EEXIST.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rpmsg.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <uapi/linux/rpmsg.h>

#include <amp/compat.h>
#include <amp/rpmsg_ctrl_args.h>
#include "rpmsg_char.h"

#define RCTL_MINORS	(MINORMASK + 1)

static dev_t rctl_devt;
static DEFINE_IDA(rctl_minor_ida);
static DEFINE_IDA(rctl_id_ida);

/**
 * struct rctl_dev - one /dev/rpmsg_ctrlN
 * @dev: the device (class rpmsg)
 * @cdev: its character device
 * @rpdev: the bus's control rpmsg device
 * @lock: one ioctl at a time, and none once the device is removed
 * @gone: the control device was removed (under @lock)
 */
struct rctl_dev {
	struct device dev;
	struct cdev cdev;
	struct rpmsg_device *rpdev;
	struct mutex lock;		/* ioctls, @gone */
	bool gone;
};

static int rctl_open(struct inode *inode, struct file *filp)
{
	struct rctl_dev *c = container_of(inode->i_cdev, struct rctl_dev, cdev);

	get_device(&c->dev);
	filp->private_data = c;
	return 0;
}

static int rctl_release(struct inode *inode, struct file *filp)
{
	struct rctl_dev *c = filp->private_data;

	put_device(&c->dev);
	return 0;
}

/*
 * Release the channel @chinfo names, under @c->lock. The control device
 * itself and the name service's device are not channels: the first would
 * wait for this very ioctl in its remove and never end (the kernel's bus
 * lets it be released), so both are EPERM, as our bus says. The release is
 * then narrowed to the addresses of the device found, so that it cannot
 * reach another device than the one checked.
 */
static int rctl_release_channel(struct rctl_dev *c,
				struct rpmsg_channel_info *chinfo)
{
	struct rpmsg_device *rpdev;
	struct device *dev;
	int err = 0;

	lockdep_assert_held(&c->lock);
	dev = rpmsg_find_device(c->rpdev->dev.parent, chinfo);
	if (!dev)
		return -EINVAL;
	rpdev = container_of(dev, struct rpmsg_device, dev);
	chinfo->src = READ_ONCE(rpdev->src);
	chinfo->dst = READ_ONCE(rpdev->dst);
	if (rpdev == c->rpdev || chinfo->src == RPMSG_NS_ADDR)
		err = -EPERM;
	put_device(dev);
	if (err)
		return err;
	return rpmsg_release_channel(c->rpdev, chinfo);
}

static long rctl_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct rctl_dev *c = filp->private_data;
	struct rpmsg_endpoint_info info;
	struct rpmsg_channel_info chinfo;
	struct device *old;
	int err;

	/* an unknown ioctl is EINVAL before its argument is read */
	if (!amp_rpmsg_ctrl_known(cmd))
		return -EINVAL;
	if (copy_from_user(&info, (void __user *)arg, sizeof(info)))
		return -EFAULT;
	err = amp_rpmsg_ctrl_check(cmd, &info, &chinfo);
	if (err)
		return err;

	mutex_lock(&c->lock);
	if (c->gone) {
		err = -ENODEV;
		goto out;
	}
	switch (cmd) {
	case RPMSG_CREATE_EPT_IOCTL:
		err = rpmsg_chrdev_eptdev_create(c->rpdev, &c->dev, chinfo);
		break;
	case RPMSG_CREATE_DEV_IOCTL:
		old = rpmsg_find_device(c->rpdev->dev.parent, &chinfo);
		if (old) {
			put_device(old);
			err = -EEXIST;
			break;
		}
		if (!rpmsg_create_channel(c->rpdev, &chinfo))
			err = -ENXIO;
		break;
	default:
		err = rctl_release_channel(c, &chinfo);
		break;
	}
out:
	mutex_unlock(&c->lock);
	return err;
}

static const struct file_operations rctl_fops = {
	.owner = THIS_MODULE,
	.open = rctl_open,
	.release = rctl_release,
	.unlocked_ioctl = rctl_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static void rctl_dev_release(struct device *dev)
{
	struct rctl_dev *c = container_of(dev, struct rctl_dev, dev);

	ida_free(&rctl_id_ida, dev->id);
	ida_free(&rctl_minor_ida, MINOR(dev->devt));
	kfree(c);
}

static int rctl_probe(struct rpmsg_device *rpdev)
{
	struct rctl_dev *c;
	int minor, id, err;

	c = kzalloc_obj(*c, GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	minor = ida_alloc_max(&rctl_minor_ida, RCTL_MINORS - 1, GFP_KERNEL);
	if (minor < 0) {
		kfree(c);
		return minor;
	}
	id = ida_alloc(&rctl_id_ida, GFP_KERNEL);
	if (id < 0) {
		ida_free(&rctl_minor_ida, minor);
		kfree(c);
		return id;
	}
	c->rpdev = rpdev;
	mutex_init(&c->lock);

	device_initialize(&c->dev);
	c->dev.class = amp_rpmsg_class();
	c->dev.parent = &rpdev->dev;
	c->dev.devt = MKDEV(MAJOR(rctl_devt), minor);
	c->dev.id = id;
	c->dev.release = rctl_dev_release;
	err = dev_set_name(&c->dev, "rpmsg_ctrl%d", id);
	if (err)
		goto put;
	cdev_init(&c->cdev, &rctl_fops);
	c->cdev.owner = THIS_MODULE;
	err = cdev_device_add(&c->cdev, &c->dev);
	if (err)
		goto put;
	dev_set_drvdata(&rpdev->dev, c);
	return 0;
put:
	put_device(&c->dev);
	return err;
}

static void rctl_remove(struct rpmsg_device *rpdev)
{
	struct rctl_dev *c = dev_get_drvdata(&rpdev->dev);

	mutex_lock(&c->lock);
	c->gone = true;
	device_for_each_child(&c->dev, NULL, rpmsg_chrdev_eptdev_destroy);
	mutex_unlock(&c->lock);
	cdev_device_del(&c->cdev, &c->dev);
	put_device(&c->dev);
}

static struct rpmsg_driver rctl_driver = {
	.drv.name = "rpmsg_ctrl",
	.probe = rctl_probe,
	.remove = rctl_remove,
};

static int __init rctl_init(void)
{
	int err;

	err = alloc_chrdev_region(&rctl_devt, 0, RCTL_MINORS, KBUILD_MODNAME);
	if (err) {
		pr_err("no character device numbers: %d\n", err);
		return err;
	}
	err = register_rpmsg_driver(&rctl_driver);
	if (err) {
		pr_err("cannot register: %d\n", err);
		unregister_chrdev_region(rctl_devt, RCTL_MINORS);
	}
	return err;
}
module_init(rctl_init);

static void __exit rctl_exit(void)
{
	unregister_rpmsg_driver(&rctl_driver);
	unregister_chrdev_region(rctl_devt, RCTL_MINORS);
}
module_exit(rctl_exit);

MODULE_DESCRIPTION("rpmsg control devices (/dev/rpmsg_ctrlN)");
MODULE_ALIAS("rpmsg:rpmsg_ctrl");
MODULE_LICENSE("GPL");
MODULE_VERSION(AMP_VERSION);
