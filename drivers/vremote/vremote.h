/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vremote: the virtual board's remote processor.
 *
 * Stands in for the Cortex-M core of an i.MX8M or STM32MP1 and for the SoC
 * blocks Linux drives it through: a mailbox controller (i.MX MU or STM32
 * IPCC flavour), the core's reset lines and the firmware the core runs.
 * The firmware side speaks virtio-rpmsg as the device, exactly as OpenAMP
 * firmware does: its only contact with Linux is shared memory, mailbox
 * words and the resource table of the image remoteproc loaded.
 */
#ifndef VREMOTE_H
#define VREMOTE_H

#include <linux/mailbox_controller.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct vremote_core;

/* Linux-side channel ids of the MU flavour: type * 4 + index. */
#define VREMOTE_MU_TX		0
#define VREMOTE_MU_RX		1
#define VREMOTE_MU_TXDB		2
#define VREMOTE_MU_RXDB		3
#define VREMOTE_MU_CHAN(type, idx)	((type) * 4 + (idx))

/* STM32 IPCC flavour: channel numbers as the stm32mp1 DT uses them. */
#define VREMOTE_IPCC_VQ0	0
#define VREMOTE_IPCC_VQ1	1
#define VREMOTE_IPCC_SHUTDOWN	2
#define VREMOTE_IPCC_DETACH	3

#define VREMOTE_MBOX_CHANS	16

enum vremote_mbox_kind {
	VREMOTE_MBOX_MU,
	VREMOTE_MBOX_IPCC,
};

/**
 * struct vremote_mbox - the Linux-facing mailbox controller
 * @dev: its platform device
 * @ctrl: what the mailbox framework knows of it
 * @chans: the framework's channels
 * @kind: MU (two cells: type, index) or IPCC (one cell: channel)
 * @lock: guards @active, @core and deliveries to Linux
 * @active: channels a Linux client holds (between startup and shutdown)
 * @core: the core on the other side, or NULL while none is bound
 */
struct vremote_mbox {
	struct device *dev;
	struct mbox_controller ctrl;
	struct mbox_chan chans[VREMOTE_MBOX_CHANS];
	enum vremote_mbox_kind kind;
	spinlock_t lock;	/* @core, words Linux sends */
	spinlock_t rx_lock;	/* @active, deliveries and txdone to Linux */
	bool active[VREMOTE_MBOX_CHANS];
	struct vremote_core *core;
};

/* mailbox <-> core */
int vremote_mbox_to_linux(struct vremote_mbox *mb, unsigned int chan, u32 word);
void vremote_mbox_txdone(struct vremote_mbox *mb, unsigned int chan);
void vremote_mbox_bind(struct vremote_mbox *mb, struct vremote_core *core);
void vremote_core_mbox_word(struct vremote_core *core, unsigned int chan, u32 word);

extern struct platform_driver vremote_mbox_driver;
extern struct platform_driver vremote_core_driver;

#endif /* VREMOTE_H */
