// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_client_sample: the classic rpmsg example client.
 *
 * Binds the "rpmsg-client-sample" channel a remote announces, says
 * "hello world!", and answers each of the remote's messages with the same
 * greeting until it has received @count of them (100 by default, as in
 * seed 002's Demo 1); then it says goodbye and stays quiet. The kernel log
 * lines are those of the in-tree sample, which users' scripts look for.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/rpmsg.h>
#include <linux/slab.h>
#include <linux/string.h>

#define SAMPLE_MSG	"hello world!"

static int sample_count_set(const char *val, const struct kernel_param *kp)
{
	int n, err;

	err = kstrtoint(val, 0, &n);
	if (err)
		return err;
	if (n < 1)
		return -EINVAL;
	*(int *)kp->arg = n;
	return 0;
}

static const struct kernel_param_ops sample_count_ops = {
	.set = sample_count_set,
	.get = param_get_int,
};

static int count = 100;
module_param_cb(count, &sample_count_ops, &count, 0644);
MODULE_PARM_DESC(count, "messages to receive before saying goodbye (>= 1, default 100)");

/**
 * struct sample_state - one bound channel
 * @received: messages received so far
 * @limit: @count when the channel was bound
 */
struct sample_state {
	int received;
	int limit;
};

static int sample_greet(struct rpmsg_device *rpdev)
{
	int err = rpmsg_send(rpdev->ept, SAMPLE_MSG, strlen(SAMPLE_MSG));

	if (err)
		dev_err(&rpdev->dev, "rpmsg_send failed: %d\n", err);
	return err;
}

static int sample_rx(struct rpmsg_device *rpdev, void *data, int len,
		     void *priv, u32 src)
{
	struct sample_state *st = dev_get_drvdata(&rpdev->dev);

	st->received++;
	dev_info(&rpdev->dev, "incoming msg %d (src: 0x%x)\n", st->received, src);
	print_hex_dump_debug(KBUILD_MODNAME ": ", DUMP_PREFIX_NONE, 16, 1,
			     data, len, true);
	if (st->received > st->limit)
		return 0;
	if (st->received == st->limit) {
		dev_info(&rpdev->dev, "goodbye!\n");
		return 0;
	}
	sample_greet(rpdev);
	return 0;
}

static int sample_probe(struct rpmsg_device *rpdev)
{
	struct sample_state *st;

	dev_info(&rpdev->dev, "new channel: 0x%x -> 0x%x!\n", rpdev->src,
		 rpdev->dst);
	st = devm_kzalloc(&rpdev->dev, sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	st->limit = READ_ONCE(count);
	dev_set_drvdata(&rpdev->dev, st);
	return sample_greet(rpdev);
}

static void sample_remove(struct rpmsg_device *rpdev)
{
	dev_info(&rpdev->dev, "rpmsg sample client driver is removed\n");
}

static struct rpmsg_device_id sample_ids[] = {
	{ .name = "rpmsg-client-sample" },
	{ }
};
MODULE_DEVICE_TABLE(rpmsg, sample_ids);

static struct rpmsg_driver sample_driver = {
	.drv.name = KBUILD_MODNAME,
	.id_table = sample_ids,
	.probe = sample_probe,
	.callback = sample_rx,
	.remove = sample_remove,
};
module_rpmsg_driver(sample_driver);

MODULE_DESCRIPTION("rpmsg example client: 100 greetings with the remote");
MODULE_LICENSE("GPL");
MODULE_VERSION(AMP_VERSION);
