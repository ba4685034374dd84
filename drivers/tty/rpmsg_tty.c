// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_tty: /dev/ttyRPMSGn, a raw byte stream over an rpmsg channel.
 *
 * A drop-in for the kernel's module of the same name: it binds the
 * "rpmsg-tty" channels a remote announces (or user space creates) and
 * gives each a tty. It also binds the tty channel names vendor firmware
 * announces, so that their firmware gets a tty without patching (not in
 * mainline): "rpmsg-virtual-tty-channel" and "rpmsg-virtual-tty-channel-1"
 * (NXP RPMsg-Lite), "rpmsg-tty-channel" (older ST firmware).
 *
 * Writes go out as messages of at most the channel's MTU: write_room() is
 * the MTU while the channel exists and 0 after. A write that finds no free
 * send buffer takes nothing, and the tty is woken when the remote gives
 * one back (the bus's poll), so a writer blocks, or gets -EAGAIN with
 * O_NONBLOCK, where mainline's fails with -ENOMEM; write_room() is then 0.
 * When the channel goes away the tty is hung up.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/rpmsg.h>
#include <linux/slab.h>
#include <linux/tty.h>
#include <linux/tty_driver.h>
#include <linux/tty_flip.h>

#include <amp/compat.h>
#include <amp/fault.h>
#include <amp/rpmsg_ept.h>
#include <amp/rx_atomic.h>

#define RTTY_MAX_PORTS	32

static struct tty_driver *rtty_driver;
static DEFINE_XARRAY_ALLOC(rtty_ports);
static DEFINE_MUTEX(rtty_ports_lock);	/* rtty_ports */

AMP_FAULT_POINT(rx_port, "busy wait in the receive callback, the port in hand");

/**
 * struct rtty_port - one /dev/ttyRPMSGn
 * @port: the tty port
 * @id: n
 * @lock: protects @rpdev and @tx_wqh
 * @rpdev: the channel; NULL once it is gone
 * @tx_pt: asks the bus's poll to queue @tx_wait
 * @tx_wait: woken when the bus has a free send buffer again
 * @tx_wqh: the bus's queue @tx_wait is on, NULL if none
 */
struct rtty_port {
	struct tty_port port;
	int id;
	struct mutex lock;		/* @rpdev, @tx_wqh */
	struct rpmsg_device *rpdev;
	poll_table tx_pt;
	wait_queue_entry_t tx_wait;
	wait_queue_head_t *tx_wqh;
};

/* the bus's poll: stay on its queue of writers until the channel goes */
static void rtty_tx_queue(struct file *filp, wait_queue_head_t *wqh,
			  poll_table *pt)
{
	struct rtty_port *p = container_of(pt, struct rtty_port, tx_pt);

	lockdep_assert_held(&p->lock);
	if (p->tx_wqh)
		return;
	p->tx_wqh = wqh;
	add_wait_queue(wqh, &p->tx_wait);
}

/* a send buffer is back (or the bus is going): the writers try again */
static int rtty_tx_wake(wait_queue_entry_t *wait, unsigned int mode, int sync,
			void *key)
{
	struct rtty_port *p = container_of(wait, struct rtty_port, tx_wait);

	if (!key || key_to_poll(key) & (EPOLLOUT | EPOLLHUP))
		tty_port_tty_wakeup(&p->port);
	return 0;
}

static void rtty_tx_unqueue(struct rtty_port *p)
{
	lockdep_assert_held(&p->lock);
	if (p->tx_wqh)
		remove_wait_queue(p->tx_wqh, &p->tx_wait);
	p->tx_wqh = NULL;
}

/*
 * Neither sleeps nor takes a lock held across a sleep (the flip buffer
 * takes atomic allocations; the line discipline runs from its own work):
 * the project's bus may call it in atomic context (include/amp/rx_atomic.h).
 */
static int rtty_rx(struct rpmsg_device *rpdev, void *data, int len, void *priv,
		   u32 src)
{
	struct rtty_port *p = dev_get_drvdata(&rpdev->dev);
	int n;

	if (!p || len <= 0)
		return 0;
	amp_fault_mdelay(rx_port);
	n = tty_insert_flip_string(&p->port, data, len);
	if (n != len)
		dev_warn_ratelimited(&rpdev->dev, "tty buffer full: %d of %d bytes dropped\n",
				     len - n, len);
	tty_flip_buffer_push(&p->port);
	return 0;
}

static int rtty_install(struct tty_driver *driver, struct tty_struct *tty)
{
	struct rtty_port *p;

	mutex_lock(&rtty_ports_lock);
	p = xa_load(&rtty_ports, tty->index);
	/* a port on its way to rtty_destruct() is gone already */
	if (p && !tty_port_get(&p->port))
		p = NULL;
	mutex_unlock(&rtty_ports_lock);
	if (!p)
		return -ENODEV;
	tty->driver_data = p;
	return tty_port_install(&p->port, driver, tty);
}

static void rtty_cleanup(struct tty_struct *tty)
{
	tty_port_put(tty->port);
}

static int rtty_open(struct tty_struct *tty, struct file *filp)
{
	return tty_port_open(tty->port, tty, filp);
}

static void rtty_close(struct tty_struct *tty, struct file *filp)
{
	tty_port_close(tty->port, tty, filp);
}

static ssize_t rtty_write_sized(struct tty_struct *tty, const u8 *buf,
				size_t len)
{
	struct rtty_port *p = tty->driver_data;
	ssize_t mtu;
	int err;

	mutex_lock(&p->lock);
	if (!p->rpdev) {
		err = -EIO;
		goto out;
	}
	mtu = rpmsg_get_mtu(p->rpdev->ept);
	if (mtu <= 0) {
		err = mtu < 0 ? mtu : -EIO;
		goto out;
	}
	len = min_t(size_t, len, mtu);
	err = rpmsg_trysend(p->rpdev->ept, (AMP_RPMSG_DATA *)buf, len);
	/*
	 * No free send buffer: be woken when one is back (the tty layer puts
	 * the writer to sleep until then). The poll that says none is free
	 * is the one that asks for the wake-up: while it finds one (another
	 * sender may take it first), try again. A bus without poll (nothing
	 * queued) leaves -ENOMEM, as mainline's has.
	 */
	while (err == -ENOMEM &&
	       rpmsg_poll(p->rpdev->ept, NULL, &p->tx_pt) & EPOLLOUT)
		err = rpmsg_trysend(p->rpdev->ept, (AMP_RPMSG_DATA *)buf, len);
	if (err == -ENOMEM && p->tx_wqh) {
		err = 0;
		len = 0;
	}
out:
	mutex_unlock(&p->lock);
	return err ? err : len;
}

AMP_TTY_WRITE(rtty_write)

/*
 * The MTU, or 0 while no send buffer is free where the bus says so (its
 * poll, which then wakes the tty when one is back): poll() on the tty and
 * output processing wait for room instead of writing into none.
 */
static unsigned int rtty_write_room(struct tty_struct *tty)
{
	struct rtty_port *p = tty->driver_data;
	ssize_t mtu = 0;
	__poll_t mask;

	mutex_lock(&p->lock);
	if (p->rpdev) {
		mtu = rpmsg_get_mtu(p->rpdev->ept);
		mask = rpmsg_poll(p->rpdev->ept, NULL, &p->tx_pt);
		if (p->tx_wqh && !(mask & EPOLLOUT))
			mtu = 0;
	}
	mutex_unlock(&p->lock);
	return mtu > 0 ? mtu : 0;
}

static void rtty_hangup(struct tty_struct *tty)
{
	tty_port_hangup(tty->port);
}

static const struct tty_operations rtty_ops = {
	.install = rtty_install,
	.open = rtty_open,
	.close = rtty_close,
	.write = rtty_write,
	.write_room = rtty_write_room,
	.hangup = rtty_hangup,
	.cleanup = rtty_cleanup,
};

static void rtty_destruct(struct tty_port *port)
{
	struct rtty_port *p = container_of(port, struct rtty_port, port);

	mutex_lock(&rtty_ports_lock);
	xa_erase(&rtty_ports, p->id);
	mutex_unlock(&rtty_ports_lock);
	kfree(p);
}

static const struct tty_port_operations rtty_port_ops = {
	.destruct = rtty_destruct,
};

static int rtty_probe(struct rpmsg_device *rpdev)
{
	struct device *tty_dev;
	struct rtty_port *p;
	u32 id;
	int ret;

	p = kzalloc_obj(*p, GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->rpdev = rpdev;
	mutex_init(&p->lock);
	init_poll_funcptr(&p->tx_pt, rtty_tx_queue);
	init_waitqueue_func_entry(&p->tx_wait, rtty_tx_wake);
	tty_port_init(&p->port);
	p->port.ops = &rtty_port_ops;
	/* a port that install() can find is a whole one */
	mutex_lock(&rtty_ports_lock);
	ret = xa_alloc(&rtty_ports, &id, p, XA_LIMIT(0, RTTY_MAX_PORTS - 1),
		       GFP_KERNEL);
	mutex_unlock(&rtty_ports_lock);
	if (ret < 0) {
		tty_port_destroy(&p->port);
		kfree(p);
		return dev_err_probe(&rpdev->dev, ret == -EBUSY ? -ENOSPC : ret,
				     "no tty number left\n");
	}
	p->id = id;
	dev_set_drvdata(&rpdev->dev, p);

	tty_dev = tty_port_register_device(&p->port, rtty_driver, id, &rpdev->dev);
	if (IS_ERR(tty_dev)) {
		/* the endpoint exists already: a frame may be using the port */
		amp_ept_cb_lock(rpdev->ept);
		dev_set_drvdata(&rpdev->dev, NULL);
		amp_ept_cb_unlock(rpdev->ept);
		/* the port's destructor gives the number and memory back */
		tty_port_put(&p->port);
		return dev_err_probe(&rpdev->dev, PTR_ERR(tty_dev),
				     "cannot register ttyRPMSG%u\n", id);
	}
	amp_ept_rx_atomic(rpdev->ept, true);
	dev_dbg(&rpdev->dev, "ttyRPMSG%u: 0x%x -> 0x%x\n", id, rpdev->src,
		rpdev->dst);
	return 0;
}

static void rtty_remove(struct rpmsg_device *rpdev)
{
	struct rtty_port *p = dev_get_drvdata(&rpdev->dev);

	/*
	 * The core destroys the channel's endpoint after this: stop its data,
	 * first in atomic context (waits for a delivery in progress), then
	 * from the bus's work.
	 */
	amp_ept_rx_atomic(rpdev->ept, false);
	amp_ept_cb_lock(rpdev->ept);
	dev_set_drvdata(&rpdev->dev, NULL);
	amp_ept_cb_unlock(rpdev->ept);
	mutex_lock(&p->lock);
	p->rpdev = NULL;
	rtty_tx_unqueue(p);
	mutex_unlock(&p->lock);
	tty_port_tty_hangup(&p->port, false);
	tty_unregister_device(rtty_driver, p->id);
	tty_port_put(&p->port);
}

static struct rpmsg_device_id rtty_ids[] = {
	{ .name = "rpmsg-tty" },
	{ .name = "rpmsg-virtual-tty-channel" },
	{ .name = "rpmsg-virtual-tty-channel-1" },
	{ .name = "rpmsg-tty-channel" },
	{ }
};
MODULE_DEVICE_TABLE(rpmsg, rtty_ids);

static struct rpmsg_driver rtty_rpmsg_driver = {
	.drv.name = KBUILD_MODNAME,
	.id_table = rtty_ids,
	.probe = rtty_probe,
	.callback = rtty_rx,
	.remove = rtty_remove,
};

static int __init rtty_init(void)
{
	struct tty_driver *drv;
	int err;

	drv = tty_alloc_driver(RTTY_MAX_PORTS,
			       TTY_DRIVER_REAL_RAW | TTY_DRIVER_DYNAMIC_DEV);
	if (IS_ERR(drv))
		return PTR_ERR(drv);
	drv->driver_name = KBUILD_MODNAME;
	drv->name = "ttyRPMSG";
	drv->type = TTY_DRIVER_TYPE_CONSOLE;
	/* a byte stream: no echo, no line editing, no output processing */
	drv->init_termios = tty_std_termios;
	drv->init_termios.c_lflag &= ~(ECHO | ICANON);
	drv->init_termios.c_oflag &= ~(OPOST | ONLCR);
	tty_set_operations(drv, &rtty_ops);

	err = tty_register_driver(drv);
	if (err) {
		pr_err("cannot register the tty driver: %d\n", err);
		goto put;
	}
	rtty_driver = drv;
	err = register_rpmsg_driver(&rtty_rpmsg_driver);
	if (err) {
		pr_err("cannot register the rpmsg driver: %d\n", err);
		tty_unregister_driver(drv);
		goto put;
	}
	return 0;
put:
	tty_driver_kref_put(drv);
	return err;
}
module_init(rtty_init);

static void __exit rtty_exit(void)
{
	unregister_rpmsg_driver(&rtty_rpmsg_driver);
	tty_unregister_driver(rtty_driver);
	tty_driver_kref_put(rtty_driver);
	xa_destroy(&rtty_ports);
}
module_exit(rtty_exit);

MODULE_DESCRIPTION("ttys over rpmsg channels (/dev/ttyRPMSGn)");
MODULE_LICENSE("GPL");
MODULE_VERSION(AMP_VERSION);
