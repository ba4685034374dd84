/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kicks as i.MX MU words, one at a time with the mailbox, never waiting.
 *
 * A kick tells the remote to look at its rings. One word at a time is with
 * the MU: a kick while one is there is remembered and sent once the remote
 * has taken that one (it may have looked at the rings before this kick's
 * buffer was there). So the kicker never waits for the remote, and a burst
 * of messages costs a word each time the remote looks, not each. A word
 * the MU has held over AMP_KICK_LATE_MS is reported, at most once until the
 * MU takes it: the kicks wait with it (the mailbox framework sends nothing
 * past a word it has not seen taken), and a remote that no longer reads the
 * MU needs to be started again, as it needs anyway to answer again.
 *
 * Used by imx_rproc and rpmsg_link, whose mailbox client is non-blocking
 * (tx_block false) and calls amp_kick_taken() from its tx_done.
 */
#ifndef AMP_MBOX_KICK_H
#define AMP_MBOX_KICK_H

#include <linux/bitmap.h>
#include <linux/device.h>
#include <linux/jiffies.h>
#include <linux/mailbox_client.h>
#include <linux/spinlock.h>
#include <linux/types.h>

/* notify ids a kick can carry */
#define AMP_KICK_MAX_IDS	64
/* how long the MU may hold a kick word before a kick reports it */
#define AMP_KICK_LATE_MS	100

/**
 * struct amp_kick - the kick words of one mailbox channel
 * @dev: reports go to this device
 * @tx: the channel, while @live
 * @lock: held across a word's send; protects the fields below
 * @live: the channel takes kicks (false while it is freed)
 * @busy: a word is with the MU and not taken yet
 * @late: that it is late was reported
 * @since: when it was sent, in jiffies
 * @again: the notify ids kicked meanwhile, sent when the MU takes it
 * @words: each notify id's word (a word the MU has not taken points here)
 */
struct amp_kick {
	struct device *dev;
	struct mbox_chan *tx;
	spinlock_t lock;	/* see above */
	bool live;
	bool busy;
	bool late;
	unsigned long since;
	DECLARE_BITMAP(again, AMP_KICK_MAX_IDS);
	u32 words[AMP_KICK_MAX_IDS];
};

/* The MU word of notify id @id: the id in the upper half (seed 001). */
static inline u32 amp_kick_mu_word(unsigned int id)
{
	return (u32)id << 16;
}

/* The notify id an MU word names. */
static inline unsigned int amp_kick_mu_id(u32 word)
{
	return word >> 16;
}

static inline void amp_kick_init(struct amp_kick *k, struct device *dev)
{
	unsigned int i;

	k->dev = dev;
	spin_lock_init(&k->lock);
	for (i = 0; i < AMP_KICK_MAX_IDS; i++)
		k->words[i] = amp_kick_mu_word(i);
}

/* From now on kicks go to @tx. */
static inline void amp_kick_start(struct amp_kick *k, struct mbox_chan *tx)
{
	unsigned long flags;

	spin_lock_irqsave(&k->lock, flags);
	k->tx = tx;
	k->live = true;
	k->busy = false;
	bitmap_zero(k->again, AMP_KICK_MAX_IDS);
	spin_unlock_irqrestore(&k->lock, flags);
}

/*
 * No more kicks: the caller frees the channel next (a word the MU takes
 * from now on sends no other). Says so if the MU never took the last word.
 */
static inline void amp_kick_stop(struct amp_kick *k)
{
	unsigned long flags;
	bool stuck;

	spin_lock_irqsave(&k->lock, flags);
	stuck = k->live && k->busy &&
		time_after(jiffies, k->since + msecs_to_jiffies(AMP_KICK_LATE_MS));
	k->live = false;
	k->busy = false;
	k->tx = NULL;
	bitmap_zero(k->again, AMP_KICK_MAX_IDS);
	spin_unlock_irqrestore(&k->lock, flags);
	if (stuck)
		dev_warn(k->dev, "kick: the MU never took the last word: %d\n", -ETIME);
}

/*
 * Hand @id's word to the MU, with the lock held (so that the channel is not
 * freed meanwhile; the MU reports the word taken from its interrupt, never
 * from within the send). False if it failed: nothing is with the MU.
 */
static inline bool amp_kick_send(struct amp_kick *k, unsigned int id)
{
	int ret;

	lockdep_assert_held(&k->lock);
	k->since = jiffies;
	k->late = false;
	ret = mbox_send_message(k->tx, &k->words[id]);
	if (ret >= 0)
		return true;
	dev_err_ratelimited(k->dev, "kick vq %u: mailbox send failed: %d\n", id, ret);
	return false;
}

/**
 * amp_kick() - kick notify id @id
 * @k: the kicks
 * @id: the notify id; one past AMP_KICK_MAX_IDS is reported and dropped
 *
 * Never waits; callable in any context.
 */
static inline void amp_kick(struct amp_kick *k, int id)
{
	unsigned long flags;
	bool late = false;

	if (id < 0 || id >= AMP_KICK_MAX_IDS) {
		dev_err_ratelimited(k->dev, "kick: vq %d out of range\n", id);
		return;
	}
	spin_lock_irqsave(&k->lock, flags);
	if (!k->live) {
		spin_unlock_irqrestore(&k->lock, flags);
		dev_err_ratelimited(k->dev, "kick vq %d: no tx mailbox\n", id);
		return;
	}
	if (k->busy) {
		__set_bit(id, k->again);
		late = !k->late &&
		       time_after(jiffies, k->since + msecs_to_jiffies(AMP_KICK_LATE_MS));
		k->late |= late;
	} else {
		k->busy = amp_kick_send(k, id);
	}
	spin_unlock_irqrestore(&k->lock, flags);
	if (late)
		dev_err_ratelimited(k->dev, "kick vq %d: the MU has not taken the last word in %u ms: %d\n",
				    id, AMP_KICK_LATE_MS, -ETIME);
}

/* The MU's tx_done: the remote took the word; send one kicked meanwhile. */
static inline void amp_kick_taken(struct amp_kick *k)
{
	unsigned long flags;
	unsigned int id;

	spin_lock_irqsave(&k->lock, flags);
	if (k->live && k->busy) {
		id = find_first_bit(k->again, AMP_KICK_MAX_IDS);
		k->busy = false;
		if (id < AMP_KICK_MAX_IDS) {
			__clear_bit(id, k->again);
			k->busy = amp_kick_send(k, id);
		}
	}
	spin_unlock_irqrestore(&k->lock, flags);
}

#endif /* AMP_MBOX_KICK_H */
