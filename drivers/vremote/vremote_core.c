// SPDX-License-Identifier: GPL-2.0
/*
 * The virtual M-core: notices what the platform driver does to start and
 * stop it, boots the image remoteproc loaded into shared memory and runs
 * its firmware personality on a thread of its own.
 *
 * Everything the core reads from shared memory (boot header, resource
 * table, vrings, buffers) was written by someone else and is checked
 * before use; a check that fails makes the core fault and hang, as a
 * real core would, never the kernel.
 */
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/elf.h>
#include <linux/firmware.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/mfd/syscon.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/of_platform.h>
#include <linux/of_reserved_mem.h>
#include <linux/platform_device.h>
#include <linux/remoteproc.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/virtio_ids.h>

#include <amp/vremote_fw.h>

#include "vremote_core.h"

/* i.MX SRC M4 control word: enabled, and not held in reset. */
#define SRC_M4_ENABLE		BIT(3)
#define SRC_M4C_NON_SCLR_RST	BIT(0)
/* what U-Boot's bootaux leaves there, and what stops the core */
#define SRC_M4_RUNNING		SRC_M4_ENABLE
#define SRC_M4_STOP		0xb

/* STM32 reset lines of the core node (#reset-cells = <1>) */
#define VREMOTE_RST_MCU		0
#define VREMOTE_RST_HOLD_BOOT	1
#define VREMOTE_NR_RESETS	2

/* STM32 M4 states, as the platform driver reads them */
#define M4_STATE_OFF		0
#define M4_STATE_CRUN		2
#define M4_STATE_CRASH		5

#define VREMOTE_RSC_MAX		4096
#define VREMOTE_TRACE_MAX	SZ_64K

static struct dentry *vremote_debugfs;

/*
 * The SRC page is memory, so a write to it cannot be noticed as such: a
 * stop followed at once by a start (remoteproc's recovery does that within
 * a millisecond) would look like nothing happened. As the hardware resets
 * the core on every such write, the virtual board provides the syscon's
 * regmap itself, before any driver looks the syscon up, and sees each
 * write as it is made. The same goes for the STM32 RCC's hold-boot bit,
 * which stm32_rproc releases and sets again within microseconds to boot
 * the core. Syscon registrations are forever: so is this module.
 */
enum vremote_trap_kind {
	VREMOTE_TRAP_SRC,	/* i.MX SRC M4 control word */
	VREMOTE_TRAP_HOLDBOOT,	/* STM32 RCC: a set bit releases hold boot */
};

struct vremote_trap {
	struct device_node *np;		/* the syscon node */
	void *va;
	u32 reg;			/* the watched word */
	u32 mask;			/* HOLDBOOT: the bit in it */
	enum vremote_trap_kind kind;
	struct vremote_core *core;	/* set while a core watches it */
	spinlock_t lock;		/* @core */
};

static struct vremote_trap vremote_traps[4];
static unsigned int vremote_ntrap;

/**
 * vremote_da_ptr() - where the core's device address range lives in memory
 * @core: the core
 * @da: device address (the core's view)
 * @len: bytes wanted from @da on, non-zero
 *
 * Return: a kernel pointer to the whole range, or NULL when the range is
 * not entirely inside one block of memory the core can reach.
 */
void *vremote_da_ptr(struct vremote_core *core, u64 da, u64 len)
{
	u64 pa;
	unsigned int i;

	if (core->nmap) {
		if (amp_xlate_da_to_pa(core->map, core->nmap, da, len, 0, 0, &pa) < 0) {
			if (!core->cpu_alias)
				return NULL;
			pa = da;
		}
	} else {
		pa = da;
	}
	for (i = 0; i < core->nwin; i++) {
		struct vremote_win *w = &core->win[i];

		if (amp_xlate_within(w->pa, w->size, pa, len))
			return w->va + (pa - w->pa);
	}
	return NULL;
}

/**
 * vremote_trace() - log a line to the firmware's trace buffer
 * @core: the core
 * @fmt: printf format
 *
 * As firmware does: Linux shows the buffer as remoteproc's traceN file.
 * When the buffer is full it starts again from the top.
 */
void vremote_trace(struct vremote_core *core, const char *fmt, ...)
{
	char line[128];
	va_list args;
	int n;

	va_start(args, fmt);
	n = vscnprintf(line, sizeof(line) - 1, fmt, args);
	va_end(args);
	line[n++] = '\n';
	dev_dbg(core->dev, "trace: %.*s", n, line);
	if (!core->trace || core->trace_len < 2)
		return;
	if (n > core->trace_len - 1)
		n = core->trace_len - 1;
	if (core->trace_pos + n >= core->trace_len)
		core->trace_pos = 0;
	memcpy(core->trace + core->trace_pos, line, n);
	core->trace_pos += n;
	core->trace[core->trace_pos] = '\0';
}

/* Have the core's thread look at its controls (and rings) now. */
void vremote_poke(struct vremote_core *core)
{
	atomic_set(&core->poke, 1);
	wake_up(&core->wq);
}

static void vremote_report_state(struct vremote_core *core, u32 state)
{
	if (core->state_map)
		regmap_update_bits(core->state_map, core->state_reg,
				   core->state_mask, state);
}

/* --- the watchdog's interrupt line (STM32 IWDG) ------------------------ */

/*
 * A line, not a controller: nothing to mask or acknowledge. Waking the
 * system is the platform driver's business (wakeup-source), so the chip
 * accepts irq_set_irq_wake() without doing anything.
 */
static struct irq_chip vremote_irq_chip = {
	.name = "vremote",
	.flags = IRQCHIP_SKIP_SET_WAKE,
};

static int vremote_irq_map(struct irq_domain *d, unsigned int virq,
			   irq_hw_number_t hw)
{
	irq_set_chip_and_handler(virq, &vremote_irq_chip, handle_simple_irq);
	irq_set_chip_data(virq, d->host_data);
	return 0;
}

static const struct irq_domain_ops vremote_irq_ops = {
	.map = vremote_irq_map,
	.xlate = irq_domain_xlate_onecell,
};

static void vremote_irq_remove(void *data)
{
	irq_domain_remove(data);
}

/* With interrupt-controller in its node, the core has a watchdog line 0. */
static int vremote_irq_init(struct vremote_core *core)
{
	struct device_node *np = core->dev->of_node;
	struct irq_domain *d;

	if (!of_property_read_bool(np, "interrupt-controller"))
		return 0;
	d = irq_domain_create_linear(of_fwnode_handle(np), 1, &vremote_irq_ops, core);
	if (!d)
		return -ENOMEM;
	core->irqd = d;
	return devm_add_action_or_reset(core->dev, vremote_irq_remove, d);
}

/*
 * The firmware stopped refreshing its watchdog: raise the line. Called from
 * the core's thread; the handler runs with interrupts off, as from the GIC.
 */
static void vremote_watchdog_fires(struct vremote_core *core)
{
	if (!core->irqd)
		return;
	mutex_lock(&core->ctl_lock);
	core->stats.watchdog_irqs++;
	mutex_unlock(&core->ctl_lock);
	if (generic_handle_domain_irq_safe(core->irqd, 0))
		dev_info(core->dev, "watchdog line: nobody maps it\n");
}

/**
 * vremote_hang() - the firmware stops doing anything at all
 * @core: the core
 * @why: for the kernel log and the statistics
 *
 * Mailbox words are no longer taken, so Linux's sends time out; only
 * stopping the core (reset) ends this state.
 */
void vremote_hang(struct vremote_core *core, const char *why)
{
	dev_info(core->dev, "core hangs: %s\n", why);
	vremote_trace(core, "hang: %s", why);
	core->state = VREMOTE_HUNG;
	mutex_lock(&core->ctl_lock);
	core->stats.faults++;
	mutex_unlock(&core->ctl_lock);
}

/**
 * vremote_crash() - the firmware crashes
 * @core: the core
 * @why: for the kernel log and the statistics
 *
 * Reports the crashed state where the board has a place for it, then
 * hangs like any fault.
 */
void vremote_crash(struct vremote_core *core, const char *why)
{
	vremote_report_state(core, M4_STATE_CRASH);
	vremote_hang(core, why);
	vremote_watchdog_fires(core);
}

static bool vremote_src_runs(unsigned int val)
{
	return (val & SRC_M4_ENABLE) && !(val & SRC_M4C_NON_SCLR_RST);
}

static bool vremote_ctrl_running(struct vremote_core *core)
{
	unsigned int val;

	if (core->ctrl == VREMOTE_CTRL_RESETS)
		return READ_ONCE(core->rst_running);
	if (regmap_read(core->src, core->src_reg, &val))
		return false;
	return vremote_src_runs(val);
}

static int vremote_trap_read(void *ctx, unsigned int reg, unsigned int *val)
{
	struct vremote_trap *t = ctx;

	*val = READ_ONCE(*(u32 *)(t->va + reg));
	return 0;
}

static int vremote_trap_write(void *ctx, unsigned int reg, unsigned int val)
{
	struct vremote_trap *t = ctx;
	struct vremote_core *core;
	unsigned long flags;

	WRITE_ONCE(*(u32 *)(t->va + reg), val);
	if (reg != t->reg)
		return 0;
	spin_lock_irqsave(&t->lock, flags);
	core = t->core;
	if (core && t->kind == VREMOTE_TRAP_SRC) {
		/* the word is in memory before the pulse is seen */
		if (!vremote_src_runs(val))
			atomic_set_release(&core->halt_seen, 1);
		vremote_poke(core);
	} else if (core && (val & t->mask)) {
		/* released: a core out of reset boots; set again, nothing */
		WRITE_ONCE(core->rst_running, true);
		vremote_poke(core);
	}
	spin_unlock_irqrestore(&t->lock, flags);
	return 0;
}

static const struct regmap_config vremote_trap_regmap = {
	.name = "vremote-trap",
	.reg_bits = 32,
	.val_bits = 32,
	.reg_stride = 4,
	.max_register = SZ_4K - 4,
	.fast_io = true,
	.reg_read = vremote_trap_read,
	.reg_write = vremote_trap_write,
};

/* Provide the regmap of the syscon page @prop of core node @np names. */
static void vremote_trap_one(struct device_node *np, const char *prop,
			     enum vremote_trap_kind kind)
{
	unsigned int nargs = kind == VREMOTE_TRAP_SRC ? 1 : 2;
	struct vremote_trap *t = &vremote_traps[vremote_ntrap];
	struct of_phandle_args args;
	struct resource res;
	struct regmap *map;
	int ret;

	if (vremote_ntrap == ARRAY_SIZE(vremote_traps) ||
	    of_parse_phandle_with_fixed_args(np, prop, nargs, 0, &args))
		return;
	if (of_address_to_resource(args.np, 0, &res) ||
	    resource_size(&res) != SZ_4K || args.args[0] > SZ_4K - 4 ||
	    (kind == VREMOTE_TRAP_HOLDBOOT && !args.args[1])) {
		of_node_put(args.np);
		return;
	}
	t->va = memremap(res.start, resource_size(&res), MEMREMAP_WC);
	if (!t->va) {
		of_node_put(args.np);
		return;
	}
	t->np = args.np;
	t->reg = args.args[0];
	t->mask = kind == VREMOTE_TRAP_HOLDBOOT ? args.args[1] : 0;
	t->kind = kind;
	spin_lock_init(&t->lock);
	map = regmap_init(NULL, NULL, t, &vremote_trap_regmap);
	ret = IS_ERR(map) ? PTR_ERR(map) : of_syscon_register_regmap(args.np, map);
	if (ret) {
		/*
		 * Someone looked it up first: the SRC word is still polled, a
		 * hold-boot release is not seen at all (the core will not boot).
		 */
		pr_warn("vremote: %pOF: %s (%d)\n", args.np,
			kind == VREMOTE_TRAP_SRC ? "writes polled only" :
			"hold-boot writes not seen", ret);
		if (!IS_ERR(map))
			regmap_exit(map);
		memunmap(t->va);
		of_node_put(args.np);
		return;
	}
	vremote_ntrap++;
}

static void vremote_trap_all(void)
{
	struct device_node *np;

	for_each_compatible_node(np, NULL, "virtual,vremote-core") {
		vremote_trap_one(np, "virtual,src", VREMOTE_TRAP_SRC);
		vremote_trap_one(np, "virtual,holdboot", VREMOTE_TRAP_HOLDBOOT);
	}
}

static void vremote_trap_watch(struct device_node *np, struct vremote_core *watcher)
{
	unsigned long flags;
	unsigned int i;

	for (i = 0; i < vremote_ntrap; i++) {
		if (vremote_traps[i].np != np)
			continue;
		spin_lock_irqsave(&vremote_traps[i].lock, flags);
		vremote_traps[i].core = watcher;
		spin_unlock_irqrestore(&vremote_traps[i].lock, flags);
	}
}

/* Do @len bytes at @off lie within the resource table? */
static bool vremote_rsc_fits(struct vremote_core *core, u32 off, size_t len)
{
	return len <= core->rsc_len && off <= core->rsc_len - len;
}

/* Check the resource table at core->rsc; find the vdev and the trace. */
static int vremote_parse_rsc(struct vremote_core *core)
{
	struct resource_table *t = (void *)core->rsc;
	u32 num, i, hdr;

	if (core->rsc_len < sizeof(*t) || READ_ONCE(t->ver) != 1)
		return -EINVAL;
	num = READ_ONCE(t->num);
	if (num > (core->rsc_len - sizeof(*t)) / sizeof(u32))
		return -EINVAL;
	hdr = sizeof(*t) + num * sizeof(u32);
	core->vdev_off = 0;
	core->trace = NULL;
	for (i = 0; i < num; i++) {
		u32 off = READ_ONCE(t->offset[i]);
		struct fw_rsc_hdr *h;

		if (off < hdr || !vremote_rsc_fits(core, off, sizeof(*h)))
			return -EINVAL;
		h = (void *)core->rsc + off;
		off += sizeof(*h);
		switch (READ_ONCE(h->type)) {
		case RSC_VDEV: {
			struct fw_rsc_vdev *v = (void *)core->rsc + off;

			if (!vremote_rsc_fits(core, off, sizeof(*v) + 2 * sizeof(v->vring[0])))
				return -EINVAL;
			if (READ_ONCE(v->id) == VIRTIO_ID_RPMSG && !core->vdev_off &&
			    READ_ONCE(v->num_of_vrings) == 2)
				core->vdev_off = off;
			break;
		}
		case RSC_TRACE: {
			struct fw_rsc_trace *tr = (void *)core->rsc + off;
			u32 len;

			if (!vremote_rsc_fits(core, off, sizeof(*tr)))
				return -EINVAL;
			len = READ_ONCE(tr->len);
			if (core->trace || !len || len > VREMOTE_TRACE_MAX)
				break;
			core->trace = vremote_da_ptr(core, READ_ONCE(tr->da), len);
			core->trace_len = core->trace ? len : 0;
			break;
		}
		default:
			break;
		}
	}
	return core->vdev_off ? 0 : -ENODEV;
}

static void vremote_boot(struct vremote_core *core)
{
	struct vremote_fw_header h, *hp;

	BUILD_BUG_ON(sizeof(h) != VREMOTE_FW_HEADER_SIZE);
	core->state = VREMOTE_RUNNING;
	core->trace = NULL;
	core->trace_pos = 0;
	core->linked = false;
	core->mode = VREMOTE_MODE_NONE;
	vremote_rpmsg_reset(core);
	mutex_lock(&core->ctl_lock);
	core->stats.boots++;
	mutex_unlock(&core->ctl_lock);
	vremote_report_state(core, M4_STATE_CRUN);

	hp = vremote_da_ptr(core, core->boot_da, sizeof(h));
	if (!hp) {
		vremote_hang(core, "boot address outside memory");
		return;
	}
	memcpy(&h, hp, sizeof(h));
	if (memcmp(h.magic, VREMOTE_FW_MAGIC, sizeof(h.magic))) {
		vremote_hang(core, "no firmware at the boot address");
		return;
	}
	h.personality[sizeof(h.personality) - 1] = '\0';
	strscpy(core->persona_name, h.personality, sizeof(core->persona_name));
	core->persona = vremote_persona_find(h.personality);
	if (!core->persona) {
		vremote_hang(core, "unknown personality");
		return;
	}
	if (!h.rsc_len && h.shm_da) {
		/* RPMsg-Lite without a resource table: rings at fixed places */
		dev_info(core->dev, "core boots '%s' (RPMsg-Lite, shared memory at %#x)\n",
			 core->persona_name, h.shm_da);
		vremote_lite_boot(core, h.shm_da, h.shm_buf_size);
		return;
	}
	if (!h.rsc_len) {
		/* firmware without a resource table: it runs, without rpmsg */
		dev_info(core->dev, "core boots '%s' (no resource table)\n",
			 core->persona_name);
		return;
	}
	core->mode = VREMOTE_MODE_RSC;
	if (h.rsc_len < sizeof(struct resource_table) || h.rsc_len > VREMOTE_RSC_MAX) {
		vremote_hang(core, "resource table size out of range");
		return;
	}
	core->rsc = vremote_da_ptr(core, h.rsc_da, h.rsc_len);
	core->rsc_len = h.rsc_len;
	if (!core->rsc || vremote_parse_rsc(core)) {
		core->rsc = NULL;
		vremote_hang(core, "bad resource table");
		return;
	}
	if (core->rsc_map)
		regmap_write(core->rsc_map, core->rsc_reg, h.rsc_da);
	dev_info(core->dev, "core boots '%s'\n", core->persona_name);
	vremote_trace(core, "vremote: %s firmware up", core->persona_name);
}

static void vremote_halt(struct vremote_core *core)
{
	if (core->state != VREMOTE_HALTED) {
		dev_info(core->dev, "core halted%s\n",
			 core->shutdown_asked ? " after a shutdown request" : "");
		mutex_lock(&core->ctl_lock);
		core->stats.graceful_stops += core->shutdown_asked;
		mutex_unlock(&core->ctl_lock);
	}
	core->shutdown_asked = false;
	core->state = VREMOTE_HALTED;
	core->mode = VREMOTE_MODE_NONE;
	core->rsc = NULL;
	core->trace = NULL;
	core->linked = false;
	vremote_rpmsg_reset(core);
	vremote_report_state(core, M4_STATE_OFF);
}

/* Called by the mailbox, in atomic context, for each word Linux sends. */
void vremote_core_mbox_word(struct vremote_core *core, unsigned int chan, u32 word)
{
	unsigned long flags;
	unsigned int next;

	spin_lock_irqsave(&core->evlock, flags);
	/*
	 * The framework sends a channel's next word only once its last one is
	 * done (taken, or given up on: a blocking send's timeout, the client
	 * gone): a word of that channel left untaken is no longer waited for.
	 */
	__clear_bit(chan, &core->untaken);
	next = (core->in_head + 1) % VREMOTE_INBOX_LEN;
	if (next != core->in_tail) {
		core->inbox[core->in_head].chan = chan;
		core->inbox[core->in_head].word = word;
		core->in_head = next;
	}
	spin_unlock_irqrestore(&core->evlock, flags);
	wake_up(&core->wq);
}

static bool vremote_inbox_pop(struct vremote_core *core, unsigned int *chan, u32 *word)
{
	unsigned long flags;
	bool got = false;

	spin_lock_irqsave(&core->evlock, flags);
	if (core->in_tail != core->in_head) {
		*chan = core->inbox[core->in_tail].chan;
		*word = core->inbox[core->in_tail].word;
		core->in_tail = (core->in_tail + 1) % VREMOTE_INBOX_LEN;
		got = true;
	}
	spin_unlock_irqrestore(&core->evlock, flags);
	return got;
}

/*
 * A core that does not run keeps only the MU's data register: the last
 * word Linux wrote to it (a word of a client gone since, which never saw
 * it taken, is overwritten). A doorbell or an IPCC channel's flag to a
 * core in reset or hung is lost, as before it ran; but Linux's side of
 * that channel stays busy (@untaken) until the core, booted, frees it
 * (vremote_free_untaken()).
 */
static void vremote_inbox_keep_data(struct vremote_core *core)
{
	unsigned int i, tx = VREMOTE_MU_CHAN(VREMOTE_MU_TX, core->mu_idx);
	bool mu = core->mbox->kind == VREMOTE_MBOX_MU;
	unsigned long flags;
	bool found = false;
	u32 word = 0;

	spin_lock_irqsave(&core->evlock, flags);
	for (i = core->in_tail; i != core->in_head; i = (i + 1) % VREMOTE_INBOX_LEN) {
		if (mu && core->inbox[i].chan == tx) {
			word = core->inbox[i].word;
			found = true;
		} else {
			__set_bit(core->inbox[i].chan, &core->untaken);
		}
	}
	core->in_head = core->in_tail;
	if (found) {
		core->inbox[core->in_head].chan = tx;
		core->inbox[core->in_head].word = word;
		core->in_head = (core->in_head + 1) % VREMOTE_INBOX_LEN;
	}
	spin_unlock_irqrestore(&core->evlock, flags);
}

/*
 * The words Linux left for a core that did not take them are gone, and
 * Linux's side of their channels is free again: as when a firmware's
 * mailbox set-up clears what is pending (ST's IPCC init clears every
 * channel's flag, which Linux sees as the channel free), or the board is
 * reset. Linux's client does not wait for them any longer.
 */
static void vremote_free_untaken(struct vremote_core *core)
{
	unsigned long flags, chans;
	unsigned int chan;

	BUILD_BUG_ON(VREMOTE_MBOX_CHANS > BITS_PER_LONG);
	spin_lock_irqsave(&core->evlock, flags);
	chans = core->untaken;
	core->untaken = 0;
	spin_unlock_irqrestore(&core->evlock, flags);
	if (!chans)
		return;
	mutex_lock(&core->ctl_lock);
	core->stats.untaken_freed += hweight_long(chans);
	mutex_unlock(&core->ctl_lock);
	for_each_set_bit(chan, &chans, VREMOTE_MBOX_CHANS)
		vremote_mbox_txdone(core->mbox, chan);
}

static bool vremote_inbox_empty(struct vremote_core *core)
{
	return READ_ONCE(core->in_head) == READ_ONCE(core->in_tail);
}

static void vremote_mbox_word(struct vremote_core *core, unsigned int chan, u32 word)
{
	bool ipcc = core->mbox->kind == VREMOTE_MBOX_IPCC;
	bool shutdown = ipcc && chan == VREMOTE_IPCC_SHUTDOWN;

	mutex_lock(&core->ctl_lock);
	core->stats.kicks_in++;
	/*
	 * An MU word names the vring in its upper half, as RPMsg-Lite and
	 * OpenAMP firmware decode it; an IPCC channel is the vring itself.
	 */
	if (!ipcc && chan / 4 == VREMOTE_MU_TX) {
		if ((word & 0xffff) || word >> 16 >= ARRAY_SIZE(core->stats.kicks_vq))
			core->stats.bad_kick_words++;
		else
			core->stats.kicks_vq[word >> 16]++;
	} else if (ipcc && chan < ARRAY_SIZE(core->stats.kicks_vq)) {
		core->stats.kicks_vq[chan]++;
	}
	if (shutdown) {
		core->stats.shutdown_requests++;
		core->shutdown_asked = core->state == VREMOTE_RUNNING;
	} else if (ipcc && chan == VREMOTE_IPCC_DETACH) {
		core->stats.detach_requests++;
	}
	mutex_unlock(&core->ctl_lock);
	/* RPMsg-Lite's link comes up with a kick of vring 0 (its transmit ring) */
	if (core->mode == VREMOTE_MODE_LITE &&
	    (ipcc ? chan == VREMOTE_IPCC_VQ0 :
	     (chan == VREMOTE_MU_CHAN(VREMOTE_MU_TX, core->mu_idx) && !word)))
		core->lite_kick = true;
	if (shutdown)
		vremote_trace(core, "shutdown requested");
	/*
	 * The word is taken: Linux's send completes, as when a core reads the
	 * register. The rings are looked at in the same step.
	 */
	vremote_mbox_txdone(core->mbox, chan);
}

/*
 * Released, the core boots at once, or boot_delay_ms later (debugfs): a
 * firmware's start-up before it looks at its mailbox, which Linux's first
 * kicks may come before.
 */
static bool vremote_boot_due(struct vremote_core *core)
{
	u32 ms;

	if (!core->boot_wait) {
		ms = READ_ONCE(core->boot_delay_ms);
		if (!ms)
			return true;
		core->boot_wait = true;
		core->boot_at = jiffies + msecs_to_jiffies(ms);
	}
	if (time_before(jiffies, core->boot_at))
		return false;
	core->boot_wait = false;
	return true;
}

/*
 * @woken: a word or a poke woke the thread, not its periodic look (which a
 * wait_kicks personality, once linked, does not use for its rings)
 */
static void vremote_step(struct vremote_core *core, bool woken)
{
	unsigned int chan;
	bool run;
	u32 word;

	/* words to a core that does not run: only the MU's data word stays */
	if (core->state != VREMOTE_RUNNING)
		vremote_inbox_keep_data(core);
	/* a reset pulse since the last look halts the core, however short */
	if (atomic_xchg(&core->halt_seen, 0) && core->state != VREMOTE_HALTED)
		vremote_halt(core);
	/*
	 * Read after the pulse is taken: read before, a stop written in
	 * between would halt the core and then boot it on the stale "runs".
	 */
	run = vremote_ctrl_running(core);
	if (!run)
		core->boot_wait = false;
	if (core->state == VREMOTE_HALTED && run && vremote_boot_due(core)) {
		vremote_free_untaken(core);
		vremote_boot(core);
	} else if (core->state != VREMOTE_HALTED && !run) {
		vremote_halt(core);
	}

	/*
	 * Only a running core takes Linux's words (and Linux's send then
	 * completes). The MU's data register holds a word until the core
	 * reads it: a core in reset, or hung, leaves those where Linux put
	 * them, and takes a word sent while it was held in reset once it
	 * runs (vremote_inbox_keep_data()).
	 */
	while (core->state == VREMOTE_RUNNING && vremote_inbox_pop(core, &chan, &word))
		vremote_mbox_word(core, chan, word);
	if (core->state == VREMOTE_RUNNING &&
	    (woken || !core->persona->wait_kicks || !core->linked))
		vremote_rpmsg_step(core);
}

static int vremote_thread(void *data)
{
	struct vremote_core *core = data;

	while (!kthread_should_stop()) {
		long tmo = MAX_SCHEDULE_TIMEOUT, woken;

		/* the SRC word, and the vdev status, are memory: looked at */
		if ((core->state == VREMOTE_RUNNING &&
		     (!core->persona->wait_kicks || !core->linked)) ||
		    core->ctrl == VREMOTE_CTRL_SRC || core->boot_wait)
			tmo = 1;
		/* words wake only a core that takes them (vremote_step()) */
		woken = wait_event_interruptible_timeout(core->wq,
							 atomic_read(&core->poke) ||
							 (core->state == VREMOTE_RUNNING &&
							  !vremote_inbox_empty(core)) ||
							 kthread_should_stop(), tmo);
		atomic_set(&core->poke, 0);
		vremote_step(core, woken != 0);
		wake_up_all(&core->stepped);
	}
	vremote_halt(core);
	return 0;
}

/* --- reset lines (STM32 mcu_rst, hold_boot) ------------------------------ */

static struct vremote_core *rcdev_to_core(struct reset_controller_dev *rc)
{
	return container_of(rc, struct vremote_core, rcdev);
}

/*
 * As on the SoC: mcu_rst is a pulse (the RCC bit clears itself), which
 * resets the core; out of reset, the core is kept from booting only by
 * hold_boot. Releasing hold_boot boots it; asserting hold_boot again
 * (stm32_rproc does, right after the start, to catch a crash) leaves a
 * running core alone.
 */
static int vremote_reset_assert(struct reset_controller_dev *rc, unsigned long id)
{
	struct vremote_core *core = rcdev_to_core(rc);

	if (id == VREMOTE_RST_MCU) {
		WRITE_ONCE(core->rst_running, false);
		atomic_set_release(&core->halt_seen, 1);
	} else {
		set_bit(id, &core->resets);
	}
	vremote_poke(core);
	return 0;
}

static int vremote_reset_deassert(struct reset_controller_dev *rc, unsigned long id)
{
	struct vremote_core *core = rcdev_to_core(rc);

	if (id == VREMOTE_RST_HOLD_BOOT) {
		clear_bit(id, &core->resets);
		WRITE_ONCE(core->rst_running, true);
	}
	vremote_poke(core);
	return 0;
}

static int vremote_reset_status(struct reset_controller_dev *rc, unsigned long id)
{
	return test_bit(id, &rcdev_to_core(rc)->resets);
}

static const struct reset_control_ops vremote_reset_ops = {
	.assert = vremote_reset_assert,
	.deassert = vremote_reset_deassert,
	.status = vremote_reset_status,
};

/* --- U-Boot's bootaux: load an image and start the core before Linux ---- */

static int vremote_load_elf(struct vremote_core *core, const struct firmware *fw)
{
	const struct elf32_hdr *eh = (const void *)fw->data;
	unsigned int i;

	if (fw->size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS32 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_phentsize != sizeof(struct elf32_phdr) ||
	    eh->e_phoff > fw->size ||
	    eh->e_phnum > (fw->size - eh->e_phoff) / sizeof(struct elf32_phdr))
		return -EINVAL;
	for (i = 0; i < eh->e_phnum; i++) {
		const struct elf32_phdr *ph = (const void *)fw->data + eh->e_phoff +
					      i * sizeof(*ph);
		void *dst;

		if (ph->p_type != PT_LOAD || !ph->p_memsz)
			continue;
		if (ph->p_filesz > ph->p_memsz || ph->p_offset > fw->size ||
		    ph->p_filesz > fw->size - ph->p_offset)
			return -EINVAL;
		dst = vremote_da_ptr(core, ph->p_paddr, ph->p_memsz);
		if (!dst)
			return -ERANGE;
		memcpy(dst, fw->data + ph->p_offset, ph->p_filesz);
		memset(dst + ph->p_filesz, 0, ph->p_memsz - ph->p_filesz);
	}
	return 0;
}

static ssize_t vremote_bootaux_write(struct file *file, const char __user *ubuf,
				     size_t count, loff_t *ppos)
{
	struct vremote_core *core = file->private_data;
	const struct firmware *fw;
	char name[64];
	int ret;

	if (count >= sizeof(name))
		return -EINVAL;
	if (copy_from_user(name, ubuf, count))
		return -EFAULT;
	name[count] = '\0';
	strim(name);
	if (core->state != VREMOTE_HALTED || vremote_ctrl_running(core))
		return -EBUSY;
	ret = request_firmware(&fw, name, core->dev);
	if (ret)
		return ret;
	ret = vremote_load_elf(core, fw);
	release_firmware(fw);
	if (ret)
		return ret;
	if (core->ctrl == VREMOTE_CTRL_SRC) {
		ret = regmap_write(core->src, core->src_reg, SRC_M4_RUNNING);
		if (ret)
			return ret;
	} else {
		WRITE_ONCE(core->resets, 0);
		WRITE_ONCE(core->rst_running, true);
		if (core->hb_map)
			regmap_update_bits(core->hb_map, core->hb_reg, core->hb_mask,
					   core->hb_mask);
	}
	vremote_poke(core);
	/* as after U-Boot's bootaux: the core has booted when Linux looks */
	wait_event_timeout(core->stepped, READ_ONCE(core->state) != VREMOTE_HALTED, HZ);
	return count;
}

/* Power-on reset of the board: the core held stopped, whatever it did. */
static ssize_t vremote_poweroff_write(struct file *file, const char __user *ubuf,
				      size_t count, loff_t *ppos)
{
	struct vremote_core *core = file->private_data;
	unsigned int chan;
	int ret = 0;
	u32 word;

	/*
	 * The MU is reset with the board: the words Linux left are gone, and
	 * Linux's side sees its register empty (a kick it held back is sent
	 * then, and kept for the next boot).
	 */
	while (vremote_inbox_pop(core, &chan, &word))
		vremote_mbox_txdone(core->mbox, chan);
	vremote_free_untaken(core);
	if (core->ctrl == VREMOTE_CTRL_SRC)
		ret = regmap_write(core->src, core->src_reg, SRC_M4_STOP);
	else
		WRITE_ONCE(core->resets, BIT(VREMOTE_RST_HOLD_BOOT));
	if (core->hb_map && !ret)
		ret = regmap_update_bits(core->hb_map, core->hb_reg, core->hb_mask, 0);
	WRITE_ONCE(core->rst_running, false);
	atomic_set_release(&core->halt_seen, 1);
	vremote_poke(core);
	if (ret)
		return ret;
	wait_event_timeout(core->stepped, READ_ONCE(core->state) == VREMOTE_HALTED &&
			   !atomic_read(&core->halt_seen), HZ);
	return count;
}

static const struct file_operations vremote_poweroff_fops = {
	.open = simple_open,
	.write = vremote_poweroff_write,
};

static const struct file_operations vremote_bootaux_fops = {
	.open = simple_open,
	.write = vremote_bootaux_write,
};

static int vremote_stats_show(struct seq_file *s, void *unused)
{
	static const char * const names[] = { "halted", "running", "hung" };
	static const char * const modes[] = { "none", "rsc", "rpmsg-lite" };
	struct vremote_core *core = s->private;
	struct vremote_stats st;

	mutex_lock(&core->ctl_lock);
	st = core->stats;
	mutex_unlock(&core->ctl_lock);
	seq_printf(s, "state: %s\n", names[READ_ONCE(core->state)]);
	seq_printf(s, "firmware: %s\n", core->persona_name);
	seq_printf(s, "mode: %s\n", modes[READ_ONCE(core->mode)]);
	seq_printf(s, "boots: %llu\nfaults: %llu\n", st.boots, st.faults);
	seq_printf(s, "rx: %llu\ntx: %llu\ndropped: %llu\nns_in: %llu\n",
		   st.rx, st.tx, st.dropped, st.ns_in);
	seq_printf(s, "kicks_in: %llu\nkicks_out: %llu\nrelinks: %llu\n",
		   st.kicks_in, st.kicks_out, st.relinks);
	seq_printf(s, "kicks_vq0: %llu\nkicks_vq1: %llu\nbad_kick_words: %llu\n",
		   st.kicks_vq[0], st.kicks_vq[1], st.bad_kick_words);
	seq_printf(s, "rx_kick_asks: %llu\n", st.rx_kick_asks);
	seq_printf(s, "untaken_freed: %llu\n", st.untaken_freed);
	seq_printf(s, "lite_links: %llu\n", st.lite_links);
	seq_printf(s, "shutdown_requests: %llu\ndetach_requests: %llu\n",
		   st.shutdown_requests, st.detach_requests);
	seq_printf(s, "graceful_stops: %llu\n", st.graceful_stops);
	seq_printf(s, "watchdog_irqs: %llu\n", st.watchdog_irqs);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vremote_stats);

/* STM32 without a hold_boot reset line: the RCC bit, trapped at init. */
static int vremote_get_holdboot(struct vremote_core *core)
{
	struct device_node *np = core->dev->of_node;
	unsigned int args[2];
	int ret;

	if (!of_property_present(np, "virtual,holdboot"))
		return 0;
	core->hb_map = syscon_regmap_lookup_by_phandle_args(np, "virtual,holdboot",
							    2, args);
	if (IS_ERR(core->hb_map))
		return dev_err_probe(core->dev, PTR_ERR(core->hb_map),
				     "no hold-boot syscon\n");
	core->hb_reg = args[0];
	core->hb_mask = args[1];
	/* power-on: held */
	ret = regmap_update_bits(core->hb_map, core->hb_reg, core->hb_mask, 0);
	if (!ret)
		core->trap_np = of_parse_phandle(np, "virtual,holdboot", 0);
	return ret;
}

/* --- probe ----------------------------------------------------------------- */

/* The M-core's view of memory: its bus's dma-ranges, or identity. */
static int vremote_parse_map(struct vremote_core *core, struct device_node *rproc)
{
	struct device_node *bus = of_get_parent(rproc);
	struct of_pci_range_parser parser;
	struct of_range range;
	int ret = 0;

	if (!bus)
		return 0;
	if (!of_property_present(bus, "dma-ranges") ||
	    of_pci_dma_range_parser_init(&parser, bus)) {
		of_node_put(bus);
		return 0;
	}
	for_each_of_range(&parser, &range) {
		if (core->nmap == VREMOTE_MAX_WINS || !range.size) {
			ret = -EINVAL;
			break;
		}
		core->map[core->nmap].da = range.bus_addr;
		core->map[core->nmap].pa = range.cpu_addr;
		core->map[core->nmap].size = range.size;
		core->nmap++;
	}
	of_node_put(bus);
	return ret;
}

/* Map every reserved-memory region of the platform device's node. */
static int vremote_map_memory(struct vremote_core *core, struct device_node *rproc)
{
	struct of_phandle_iterator it;
	int err;

	of_for_each_phandle(&it, err, rproc, "memory-region", NULL, 0) {
		struct reserved_mem *rmem = of_reserved_mem_lookup(it.node);
		struct vremote_win *w;

		if (!rmem || core->nwin == VREMOTE_MAX_WINS) {
			of_node_put(it.node);
			return -EINVAL;
		}
		w = &core->win[core->nwin];
		w->va = devm_memremap(core->dev, rmem->base, rmem->size, MEMREMAP_WC);
		if (IS_ERR(w->va)) {
			of_node_put(it.node);
			return PTR_ERR(w->va);
		}
		w->pa = rmem->base;
		w->size = rmem->size;
		core->nwin++;
	}
	return core->nwin ? 0 : -ENODEV;
}

static int vremote_get_mbox(struct vremote_core *core)
{
	struct device_node *np;
	struct platform_device *pdev;
	struct vremote_mbox *mb;

	np = of_parse_phandle(core->dev->of_node, "virtual,mailbox", 0);
	if (!np)
		return -ENODEV;
	pdev = of_find_device_by_node(np);
	of_node_put(np);
	if (!pdev)
		return -EPROBE_DEFER;
	mb = platform_get_drvdata(pdev);
	if (!mb || !device_link_add(core->dev, &pdev->dev, DL_FLAG_AUTOREMOVE_CONSUMER)) {
		put_device(&pdev->dev);
		return -EPROBE_DEFER;
	}
	put_device(&pdev->dev);
	core->mbox = mb;
	return 0;
}

static void vremote_stop_thread(void *data)
{
	struct vremote_core *core = data;

	if (core->trap_np) {
		vremote_trap_watch(core->trap_np, NULL);
		of_node_put(core->trap_np);
	}
	vremote_mbox_bind(core->mbox, NULL);
	kthread_stop(core->thread);
	debugfs_remove_recursive(core->dbg);
}

static void vremote_vfree(void *p)
{
	vfree(p);
}

static int vremote_core_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct device_node *np = dev->of_node, *rproc;
	struct vremote_core *core;
	unsigned int args[2];
	int ret;

	core = devm_kzalloc(dev, sizeof(*core), GFP_KERNEL);
	if (!core)
		return -ENOMEM;
	core->dev = dev;
	init_waitqueue_head(&core->wq);
	init_waitqueue_head(&core->stepped);
	spin_lock_init(&core->evlock);
	mutex_init(&core->ctl_lock);
	core->outq = vcalloc(VREMOTE_OUTQ_LEN, sizeof(*core->outq));
	if (!core->outq)
		return -ENOMEM;
	ret = devm_add_action_or_reset(dev, vremote_vfree, core->outq);
	if (ret)
		return ret;
	core->rxmsg = devm_kmalloc(dev, VREMOTE_BUF_MAX, GFP_KERNEL);
	if (!core->rxmsg)
		return -ENOMEM;
	core->payload_max = VREMOTE_MAX_PAYLOAD;
	ret = vremote_fuzz_init(core);
	if (ret)
		return ret;

	ret = vremote_get_mbox(core);
	if (ret)
		return dev_err_probe(dev, ret, "no mailbox\n");
	core->cpu_alias = of_property_read_bool(np, "virtual,cpu-alias");
	core->mu_idx = 1;
	of_property_read_u32(np, "virtual,mu-index", &core->mu_idx);
	if (core->mu_idx > 3)
		return dev_err_probe(dev, -EINVAL, "bad virtual,mu-index\n");
	if (of_property_read_u32(np, "virtual,boot-address", &core->boot_da))
		return dev_err_probe(dev, -EINVAL, "no virtual,boot-address\n");

	rproc = of_parse_phandle(np, "virtual,rproc", 0);
	if (!rproc)
		return dev_err_probe(dev, -EINVAL, "no virtual,rproc\n");
	ret = vremote_parse_map(core, rproc);
	if (!ret)
		ret = vremote_map_memory(core, rproc);
	of_node_put(rproc);
	if (ret)
		return dev_err_probe(dev, ret, "cannot map the core's memory\n");

	core->state_map = syscon_regmap_lookup_by_phandle_args(np, "virtual,state",
							       2, args);
	if (IS_ERR(core->state_map)) {
		core->state_map = NULL;
	} else {
		core->state_reg = args[0];
		core->state_mask = args[1];
	}

	core->rsc_map = syscon_regmap_lookup_by_phandle_args(np, "virtual,rsc-addr",
							     1, args);
	if (IS_ERR(core->rsc_map))
		core->rsc_map = NULL;
	else
		core->rsc_reg = args[0];

	if (of_property_present(np, "virtual,src")) {
		struct device_node *src_np = of_parse_phandle(np, "virtual,src", 0);

		core->ctrl = VREMOTE_CTRL_SRC;
		core->src = syscon_regmap_lookup_by_phandle_args(np, "virtual,src", 1, args);
		if (IS_ERR(core->src)) {
			of_node_put(src_np);
			return dev_err_probe(dev, PTR_ERR(core->src), "no SRC syscon\n");
		}
		core->src_reg = args[0];
		core->trap_np = src_np;
	} else {
		core->ctrl = VREMOTE_CTRL_RESETS;
		core->resets = BIT(VREMOTE_RST_HOLD_BOOT);
		core->rcdev.owner = THIS_MODULE;
		core->rcdev.ops = &vremote_reset_ops;
		core->rcdev.of_node = np;
		core->rcdev.nr_resets = VREMOTE_NR_RESETS;
		ret = devm_reset_controller_register(dev, &core->rcdev);
		if (ret)
			return ret;
		ret = vremote_get_holdboot(core);
		if (ret)
			return ret;
	}
	ret = vremote_irq_init(core);
	if (ret) {
		of_node_put(core->trap_np);
		return dev_err_probe(dev, ret, "cannot make the watchdog line\n");
	}

	platform_set_drvdata(pdev, core);
	core->dbg = debugfs_create_dir(dev_name(dev), vremote_debugfs);
	debugfs_create_file("stats", 0400, core->dbg, core, &vremote_stats_fops);
	debugfs_create_file("bootaux", 0200, core->dbg, core, &vremote_bootaux_fops);
	debugfs_create_file("poweroff", 0200, core->dbg, core, &vremote_poweroff_fops);
	core->lite_doorbell = true;
	debugfs_create_bool("lite_doorbell", 0600, core->dbg, &core->lite_doorbell);
	debugfs_create_u32("boot_delay_ms", 0600, core->dbg, &core->boot_delay_ms);
	vremote_fuzz_debugfs(core);

	core->thread = kthread_run(vremote_thread, core, "vremote-core");
	if (IS_ERR(core->thread)) {
		debugfs_remove_recursive(core->dbg);
		of_node_put(core->trap_np);
		return PTR_ERR(core->thread);
	}
	vremote_mbox_bind(core->mbox, core);
	if (core->trap_np)
		vremote_trap_watch(core->trap_np, core);
	return devm_add_action_or_reset(dev, vremote_stop_thread, core);
}

static const struct of_device_id vremote_core_of_match[] = {
	{ .compatible = "virtual,vremote-core" },
	{}
};
MODULE_DEVICE_TABLE(of, vremote_core_of_match);

struct platform_driver vremote_core_driver = {
	.probe = vremote_core_probe,
	.driver = {
		.name = "vremote-core",
		.of_match_table = vremote_core_of_match,
		.suppress_bind_attrs = true,
	},
};

static struct platform_driver * const vremote_drivers[] = {
	&vremote_mbox_driver,
	&vremote_core_driver,
};

/*
 * No module_exit: the virtual board is hardware, and the SRC regmaps it
 * gave the syscon layer cannot be taken back. Its devices cannot be
 * unbound either (suppress_bind_attrs).
 */
static int __init vremote_init(void)
{
	int ret;

	vremote_debugfs = debugfs_create_dir("vremote", NULL);
	vremote_trap_all();
	ret = platform_register_drivers(vremote_drivers, ARRAY_SIZE(vremote_drivers));
	if (ret)
		debugfs_remove_recursive(vremote_debugfs);
	return ret;
}
module_init(vremote_init);

MODULE_DESCRIPTION("Virtual remote processor: simulated MU/IPCC, resets and an OpenAMP firmware");
MODULE_LICENSE("GPL");
