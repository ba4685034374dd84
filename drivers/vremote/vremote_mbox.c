// SPDX-License-Identifier: GPL-2.0
/*
 * vremote mailbox controller: the Linux side of an i.MX MU or an STM32
 * IPCC, whose other side is the virtual core.
 *
 * A word Linux sends is handed to the core; like a hardware TX register it
 * counts as sent (txdone) only when the core has taken it, so a core that
 * is stopped or hung lets Linux's client time out as on a board. Words the
 * core sends reach the channel's client only while one holds the channel.
 */
#include <linux/device.h>
#include <linux/mailbox_controller.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>

#include "vremote.h"

static unsigned int vremote_chan_id(struct vremote_mbox *mb,
				    struct mbox_chan *chan)
{
	return chan - mb->chans;
}

static int vremote_mbox_send_data(struct mbox_chan *chan, void *data)
{
	struct vremote_mbox *mb = dev_get_drvdata(chan->mbox->dev);
	unsigned int id = vremote_chan_id(mb, chan);
	unsigned long flags;
	u32 word = 0;

	/* The MU carries a 32-bit word; IPCC and doorbells carry nothing. */
	if (mb->kind == VREMOTE_MBOX_MU && id < VREMOTE_MU_CHAN(1, 0) && data)
		word = *(u32 *)data;

	spin_lock_irqsave(&mb->lock, flags);
	if (mb->core)
		vremote_core_mbox_word(mb->core, id, word);
	spin_unlock_irqrestore(&mb->lock, flags);
	return 0;
}

/*
 * Once a channel is inactive, the core delivers nothing more on it (and a
 * delivery in progress has ended, as a controller's shutdown frees its
 * interrupt).
 */
static void vremote_mbox_set_active(struct mbox_chan *chan, bool active)
{
	struct vremote_mbox *mb = dev_get_drvdata(chan->mbox->dev);
	unsigned long flags;

	spin_lock_irqsave(&mb->rx_lock, flags);
	mb->active[vremote_chan_id(mb, chan)] = active;
	spin_unlock_irqrestore(&mb->rx_lock, flags);
}

static int vremote_mbox_startup(struct mbox_chan *chan)
{
	vremote_mbox_set_active(chan, true);
	return 0;
}

static void vremote_mbox_shutdown(struct mbox_chan *chan)
{
	vremote_mbox_set_active(chan, false);
}

static const struct mbox_chan_ops vremote_mbox_ops = {
	.send_data = vremote_mbox_send_data,
	.startup = vremote_mbox_startup,
	.shutdown = vremote_mbox_shutdown,
};

static struct mbox_chan *vremote_mbox_xlate(struct mbox_controller *ctrl,
					    const struct of_phandle_args *sp)
{
	struct vremote_mbox *mb = dev_get_drvdata(ctrl->dev);
	unsigned int id;

	if (mb->kind == VREMOTE_MBOX_MU) {
		if (sp->args_count != 2 || sp->args[0] > VREMOTE_MU_RXDB ||
		    sp->args[1] > 3)
			return ERR_PTR(-EINVAL);
		id = VREMOTE_MU_CHAN(sp->args[0], sp->args[1]);
	} else {
		if (sp->args_count != 1 || sp->args[0] >= VREMOTE_MBOX_CHANS)
			return ERR_PTR(-EINVAL);
		id = sp->args[0];
	}
	return &mb->chans[id];
}

/**
 * vremote_mbox_to_linux() - deliver a word from the core to Linux
 * @mb: the mailbox
 * @chan: Linux-side channel id
 * @word: what the remote writes (the MU word; ignored by IPCC clients)
 *
 * The client's callback runs with interrupts off, as from a controller's
 * interrupt handler, and holds up nothing but other deliveries and
 * txdones: Linux sends meanwhile, as another CPU may on a board.
 *
 * Return: 0, or -ENODEV when no Linux client holds the channel (the word
 * is lost, as an interrupt nobody enabled would be).
 */
int vremote_mbox_to_linux(struct vremote_mbox *mb, unsigned int chan, u32 word)
{
	unsigned long flags;
	int ret = -ENODEV;

	if (chan >= VREMOTE_MBOX_CHANS)
		return -EINVAL;
	spin_lock_irqsave(&mb->rx_lock, flags);
	if (mb->active[chan]) {
		mbox_chan_received_data(&mb->chans[chan], &word);
		ret = 0;
	}
	spin_unlock_irqrestore(&mb->rx_lock, flags);
	return ret;
}

/**
 * vremote_mbox_txdone() - the core has taken the word Linux sent on @chan
 * @mb: the mailbox
 * @chan: Linux-side channel id
 *
 * Called from the core's thread, never from send_data. Under rx_lock, as
 * the interrupt a controller frees at shutdown: the client's tx_done does
 * not run once its channel is freed.
 */
void vremote_mbox_txdone(struct vremote_mbox *mb, unsigned int chan)
{
	unsigned long flags;

	if (chan >= VREMOTE_MBOX_CHANS)
		return;
	spin_lock_irqsave(&mb->rx_lock, flags);
	if (mb->active[chan])
		mbox_chan_txdone(&mb->chans[chan], 0);
	spin_unlock_irqrestore(&mb->rx_lock, flags);
}

/**
 * vremote_mbox_bind() - attach the core on the remote side, or detach it
 * @mb: the mailbox
 * @core: the core, or NULL
 */
void vremote_mbox_bind(struct vremote_mbox *mb, struct vremote_core *core)
{
	unsigned long flags;

	spin_lock_irqsave(&mb->lock, flags);
	mb->core = core;
	spin_unlock_irqrestore(&mb->lock, flags);
}

static int vremote_mbox_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct vremote_mbox *mb;

	mb = devm_kzalloc(dev, sizeof(*mb), GFP_KERNEL);
	if (!mb)
		return -ENOMEM;
	mb->dev = dev;
	mb->kind = (uintptr_t)of_device_get_match_data(dev);
	spin_lock_init(&mb->lock);
	spin_lock_init(&mb->rx_lock);
	platform_set_drvdata(pdev, mb);

	mb->ctrl.dev = dev;
	mb->ctrl.ops = &vremote_mbox_ops;
	mb->ctrl.chans = mb->chans;
	mb->ctrl.num_chans = VREMOTE_MBOX_CHANS;
	mb->ctrl.of_xlate = vremote_mbox_xlate;
	mb->ctrl.txdone_irq = true;
	return devm_mbox_controller_register(dev, &mb->ctrl);
}

static const struct of_device_id vremote_mbox_of_match[] = {
	{ .compatible = "virtual,vremote-mu", .data = (void *)VREMOTE_MBOX_MU },
	{ .compatible = "virtual,vremote-ipcc", .data = (void *)VREMOTE_MBOX_IPCC },
	{}
};
MODULE_DEVICE_TABLE(of, vremote_mbox_of_match);

struct platform_driver vremote_mbox_driver = {
	.probe = vremote_mbox_probe,
	.driver = {
		.name = "vremote-mbox",
		.of_match_table = vremote_mbox_of_match,
		.suppress_bind_attrs = true,
	},
};
