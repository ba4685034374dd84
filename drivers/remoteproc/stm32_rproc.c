// SPDX-License-Identifier: GPL-2.0
/*
 * stm32_rproc: the Cortex-M4 of the STM32MP15 under the kernel's
 * remoteproc core. Drop-in for the in-tree driver: compatible
 * "st,stm32mp1-m4", the same binding (st,stm32-rproc.yaml), the
 * remoteproc named after the DT node ("m4").
 *
 * The M4 runs when its hold-boot is released (a reset line, or a syscon
 * bit in RCC) and is stopped by the MCU reset; the IPCC carries one
 * mailbox channel per virtqueue plus "shutdown" and "detach" requests; a
 * TAMP backup register tells whether the boot loader started it and where
 * its resource table is; the IWDG's interrupt reports its crashes.
 *
 * Where this driver differs from the in-tree one
 * (Documentation/stm32-rproc.md): the firmware checks of imx_rproc
 * (rproc_fw.h); a core reserved to the secure world (st,syscfg-tz) is
 * refused with a message instead of driven through a deprecated SMC; the
 * M4's view of memory comes from its bus's dma-ranges with any cell
 * sizes; a running core without a resource table can be attached to; the
 * table of an attached core is checked before use and mapped again when
 * it moves.
 */
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/mailbox_client.h>
#include <linux/mfd/syscon.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/of_reserved_mem.h>
#include <linux/platform_device.h>
#include <linux/pm_wakeirq.h>
#include <linux/regmap.h>
#include <linux/remoteproc.h>
#include <linux/reset.h>
#include <linux/virtio.h>
#include <linux/workqueue.h>

#include <amp/compat.h>
#include <amp/fault.h>
#include <amp/rproc_event.h>
#include <amp/rproc_fw.h>
#include <amp/rsc_check.h>
#include <amp/rx_atomic.h>
#include <amp/syscon_field.h>
#include <amp/xlate.h>

/* M4 states in the TAMP backup register (what the boot loader wrote) */
#define M4_STATE_OFF		0
#define M4_STATE_CRUN		2

/* the resource table's room in the M4's memory, as ST's firmware has it */
#define STM32_RSC_TABLE_SIZE	1024
#define STM32_MAX_RANGES	8

enum stm32_mbox_id { MB_VQ0, MB_VQ1, MB_SHUTDOWN, MB_DETACH, MB_COUNT };

static const char * const stm32_mbox_names[MB_COUNT] = {
	"vq0", "vq1", "shutdown", "detach",
};

/* bounded waits of the requests the firmware acknowledges */
static const unsigned long stm32_mbox_tout_ms[MB_COUNT] = { 0, 0, 500, 200 };

/**
 * struct stm32_syscon - a <phandle offset mask> DT property
 * @map: the syscon, NULL when the property is absent
 * @reg: register offset
 * @mask: the bits
 */
struct stm32_syscon {
	struct regmap *map;
	u32 reg;
	u32 mask;
};

struct stm32_rproc;

/**
 * struct stm32_mbox - one IPCC channel
 * @priv: the driver
 * @id: which (enum stm32_mbox_id)
 * @chan: the channel, NULL when the DT has none
 * @cl: its client
 * @work: runs the channel's virtqueue outside the mailbox's context
 */
struct stm32_mbox {
	struct stm32_rproc *priv;
	enum stm32_mbox_id id;
	struct mbox_chan *chan;
	struct mbox_client cl;
	struct work_struct work;
};

/**
 * struct stm32_rproc - the M4
 * @dev: the platform device
 * @rproc: its remoteproc
 * @mcu_rst: the MCU reset (a pulse on the SoC)
 * @hold_boot_rst: hold-boot as a reset line (SCMI), or NULL
 * @hold_boot: hold-boot as an RCC syscon bit, when not a reset line
 * @pdds: the M4's deep-sleep permission (optional)
 * @m4_state: TAMP register with the M4's state (optional)
 * @rsctbl: TAMP register with the resource table's address (optional)
 * @wdg_irq: the IWDG's early-wakeup interrupt, 0 if none
 * @win: the M4's memory map from its bus's dma-ranges
 * @nwin: entries in @win
 * @mb: the IPCC channels
 * @wq: the virtqueue work
 * @rx_alock: held across a run of a virtqueue from the mailbox callback
 * @rx_atomic_ids: the notify ids of the virtqueues run so (stm32_rproc_rx_atomic())
 * @rsc_va: mapping of an attached core's resource table
 * @rsc_pa: where it is
 * @events: the transitions told to user space (include/amp/rproc_event.h)
 */
struct stm32_rproc {
	struct device *dev;
	struct rproc *rproc;
	struct reset_control *mcu_rst;
	struct reset_control *hold_boot_rst;
	struct stm32_syscon hold_boot;
	struct stm32_syscon pdds;
	struct stm32_syscon m4_state;
	struct stm32_syscon rsctbl;
	int wdg_irq;
	struct amp_xlate_win win[STM32_MAX_RANGES];
	unsigned int nwin;
	struct stm32_mbox mb[MB_COUNT];
	struct workqueue_struct *wq;
	spinlock_t rx_alock;	/* @rx_atomic_ids, runs from the mailbox */
	unsigned long rx_atomic_ids;
	void __iomem *rsc_va;
	phys_addr_t rsc_pa;
	struct amp_rproc_events events;
};

/* --- syscon fields and the M4's controls -------------------------------- */

/*
 * Read <phandle offset mask> (amp_syscon_field_parse() says what is
 * accepted); -ENOENT when the DT has no such property.
 */
static int stm32_get_syscon(struct device_node *np, const char *prop,
			    struct stm32_syscon *sc)
{
	u32 cells[AMP_SYSCON_FIELD_CELLS] = { 0 };
	struct amp_syscon_field f;
	struct regmap *map;
	int n, ret;

	sc->map = NULL;
	if (!of_property_present(np, prop))
		return -ENOENT;
	n = of_property_count_u32_elems(np, prop);
	if (n > 0)
		of_property_read_u32_array(np, prop, cells,
					   min_t(int, n, AMP_SYSCON_FIELD_CELLS));
	ret = amp_syscon_field_parse(cells, n, &f);
	if (ret)
		return ret;
	map = syscon_regmap_lookup_by_phandle(np, prop);
	if (IS_ERR(map))
		return PTR_ERR(map);
	sc->map = map;
	sc->reg = f.reg;
	sc->mask = f.mask;
	return 0;
}

static int stm32_syscon_write(struct stm32_syscon *sc, bool set)
{
	if (!sc->map)
		return 0;
	return regmap_update_bits(sc->map, sc->reg, sc->mask, set ? sc->mask : 0);
}

/* Hold the M4 at its boot (true), or let it run (false). */
static int stm32_rproc_hold_boot(struct stm32_rproc *priv, bool hold)
{
	int ret;

	if (priv->hold_boot_rst)
		ret = hold ? reset_control_assert(priv->hold_boot_rst) :
			     reset_control_deassert(priv->hold_boot_rst);
	else
		/* the RCC bit is "boot": set runs, clear holds */
		ret = stm32_syscon_write(&priv->hold_boot, !hold);
	if (ret)
		dev_err(priv->dev, "cannot %s the M4's boot: %d\n",
			hold ? "hold" : "release", ret);
	return ret;
}

/* --- mailboxes -------------------------------------------------------------- */

static void stm32_rproc_vq_work(struct work_struct *work)
{
	struct stm32_mbox *mb = container_of(work, struct stm32_mbox, work);
	struct rproc *rproc = mb->priv->rproc;

	/* not while remoteproc sets up or takes down the virtqueues */
	mutex_lock(&rproc->lock);
	if (rproc->state == RPROC_RUNNING || rproc->state == RPROC_ATTACHED)
		rproc_vq_interrupt(rproc, mb->id);
	mutex_unlock(&rproc->lock);
}

/*
 * A virtqueue's channel: where the project's bus asked for it, the
 * virtqueue runs here, in the mailbox's context (the IPCC's threaded
 * interrupt), under @rx_alock (the bus turns this off before the
 * virtqueue goes), while the core runs (the state read without the lock
 * the work takes); else the work runs it.
 */
static void stm32_rproc_mbox_rx(struct mbox_client *cl, void *msg)
{
	struct stm32_mbox *mb = container_of(cl, struct stm32_mbox, cl);
	struct stm32_rproc *priv = mb->priv;
	enum rproc_state state = READ_ONCE(priv->rproc->state);
	unsigned long flags;
	bool done = false;

	if (mb->id != MB_VQ0 && mb->id != MB_VQ1)
		return;
	spin_lock_irqsave(&priv->rx_alock, flags);
	if ((state == RPROC_RUNNING || state == RPROC_ATTACHED) &&
	    test_bit(mb->id, &priv->rx_atomic_ids)) {
		rproc_vq_interrupt(priv->rproc, mb->id);
		done = true;
	}
	spin_unlock_irqrestore(&priv->rx_alock, flags);
	if (!done)
		queue_work(priv->wq, &mb->work);
}

static struct platform_driver stm32_rproc_driver;

/**
 * stm32_rproc_rx_atomic() - run a virtqueue from the mailbox callback
 * @vq: a virtqueue of a vdev of one of this driver's remote processors
 * @on: from the mailbox callback (true) or from the work (false)
 *
 * For the project's virtio_rpmsg_bus (include/amp/rx_atomic.h), whose
 * virtqueue callbacks do not sleep: it turns this on for its virtqueues
 * once they are ready, and off before it takes them down. Once off
 * returns, no run of @vq from the mailbox callback is in progress.
 *
 * Return: 0, -ENODEV if @vq is not of one of this driver's remote
 * processors, -ERANGE for a notify id past what the driver tracks.
 */
int stm32_rproc_rx_atomic(struct virtqueue *vq, bool on)
{
	struct rproc *rproc = rproc_get_by_child(&vq->vdev->dev);
	struct stm32_rproc *priv;

	if (!rproc || !rproc->dev.parent ||
	    rproc->dev.parent->driver != &stm32_rproc_driver.driver)
		return -ENODEV;
	priv = rproc->priv;
	return amp_rx_atomic_mark(vq, on, &stm32_rproc_driver.driver, &priv->rx_alock,
				  &priv->rx_atomic_ids);
}
EXPORT_SYMBOL_GPL(stm32_rproc_rx_atomic);

static void stm32_rproc_mbox_free(void *data)
{
	struct stm32_rproc *priv = data;
	unsigned int i;

	for (i = 0; i < MB_COUNT; i++) {
		if (priv->mb[i].chan)
			mbox_free_channel(priv->mb[i].chan);
		priv->mb[i].chan = NULL;
	}
}

/* Every channel is optional (the binding's degraded modes) but a deferral. */
static int stm32_rproc_mbox_request(struct stm32_rproc *priv)
{
	struct device *dev = priv->dev;
	unsigned int i;

	for (i = 0; i < MB_COUNT; i++) {
		struct stm32_mbox *mb = &priv->mb[i];
		struct mbox_chan *ch;

		mb->priv = priv;
		mb->id = i;
		mb->cl.dev = dev;
		mb->cl.rx_callback = stm32_rproc_mbox_rx;
		mb->cl.tx_block = stm32_mbox_tout_ms[i] != 0;
		mb->cl.tx_tout = stm32_mbox_tout_ms[i];
		INIT_WORK(&mb->work, stm32_rproc_vq_work);
		if (of_property_match_string(dev->of_node, "mbox-names",
					     stm32_mbox_names[i]) < 0) {
			dev_info(dev, "no \"%s\" mailbox\n", stm32_mbox_names[i]);
			continue;
		}
		ch = mbox_request_channel_byname(&mb->cl, stm32_mbox_names[i]);
		if (IS_ERR(ch)) {
			if (PTR_ERR(ch) == -EPROBE_DEFER) {
				stm32_rproc_mbox_free(priv);
				return dev_err_probe(dev, -EPROBE_DEFER,
						     "mailbox %s not ready\n",
						     stm32_mbox_names[i]);
			}
			dev_warn(dev, "cannot get the \"%s\" mailbox: %ld\n",
				 stm32_mbox_names[i], PTR_ERR(ch));
			continue;
		}
		mb->chan = ch;
	}
	return devm_add_action_or_reset(dev, stm32_rproc_mbox_free, priv);
}

/* A request the firmware acknowledges by reading it, waited for boundedly. */
static void stm32_rproc_request(struct stm32_rproc *priv,
				enum stm32_mbox_id id, const char *what)
{
	int ret;

	if (!priv->mb[id].chan)
		return;
	ret = mbox_send_message(priv->mb[id].chan, (void *)what);
	if (ret < 0)
		dev_warn(&priv->rproc->dev, "%s request not acknowledged by the firmware: %d\n",
			 what, ret);
}

static void stm32_rproc_kick(struct rproc *rproc, int vqid)
{
	struct stm32_rproc *priv = rproc->priv;
	int ret;

	if (vqid != MB_VQ0 && vqid != MB_VQ1) {
		dev_err_ratelimited(priv->dev, "kick: no mailbox for vq %d\n", vqid);
		return;
	}
	if (!priv->mb[vqid].chan)
		return;
	ret = mbox_send_message(priv->mb[vqid].chan, "kick");
	if (ret < 0)
		dev_err_ratelimited(priv->dev, "kick vq %d: mailbox send failed: %d\n",
				    vqid, ret);
}

/* --- start, stop, attach, detach -------------------------------------------- */

static int stm32_rproc_start(struct rproc *rproc)
{
	struct stm32_rproc *priv = rproc->priv;
	int ret;

	ret = stm32_syscon_write(&priv->pdds, false);
	if (ret) {
		dev_err(priv->dev, "cannot clear PDDS: %d\n", ret);
		return ret;
	}
	ret = stm32_rproc_hold_boot(priv, false);
	if (ret)
		return ret;
	/*
	 * Held again at once: a running M4 is not affected, and if it resets
	 * (watchdog) it waits there instead of rebooting behind Linux's back.
	 */
	return amp_rproc_event(&priv->events, stm32_rproc_hold_boot(priv, true));
}

static int stm32_rproc_attach(struct rproc *rproc)
{
	struct stm32_rproc *priv = rproc->priv;

	return amp_rproc_event(&priv->events, stm32_rproc_hold_boot(priv, true));
}

static int stm32_rproc_detach(struct rproc *rproc)
{
	struct stm32_rproc *priv = rproc->priv;

	stm32_rproc_request(priv, MB_DETACH, "detach");
	/* on its own from now on, it may reboot itself */
	return amp_rproc_event(&priv->events, stm32_rproc_hold_boot(priv, false));
}

static int stm32_rproc_stop(struct rproc *rproc)
{
	struct stm32_rproc *priv = rproc->priv;
	int ret;

	/* a firmware that runs gets the chance to stop cleanly first */
	if (rproc->state != RPROC_OFFLINE && rproc->state != RPROC_CRASHED)
		stm32_rproc_request(priv, MB_SHUTDOWN, "shutdown");

	ret = stm32_rproc_hold_boot(priv, true);
	if (ret)
		return ret;
	ret = reset_control_assert(priv->mcu_rst);
	if (ret) {
		dev_err(priv->dev, "cannot reset the M4: %d\n", ret);
		return ret;
	}
	/* let the platform reach Standby without the M4 */
	ret = stm32_syscon_write(&priv->pdds, true);
	if (ret) {
		dev_err(priv->dev, "cannot set PDDS: %d\n", ret);
		return ret;
	}
	if (priv->m4_state.map) {
		ret = regmap_update_bits(priv->m4_state.map, priv->m4_state.reg,
					 priv->m4_state.mask, M4_STATE_OFF);
		if (ret) {
			dev_err(priv->dev, "cannot record the M4's state: %d\n", ret);
			return ret;
		}
	}
	return amp_rproc_event(&priv->events, 0);
}

/* --- memory ------------------------------------------------------------------ */

AMP_FAULT_FAIL_POINT(prepare, "fail prepare() after its carveouts are added");

/*
 * Each boot: every memory-region becomes a carveout at the address the M4
 * sees it; a vdev's buffer pool stays a reserved-memory device of its own.
 */
static int stm32_rproc_prepare(struct rproc *rproc)
{
	struct list_head *carveouts = rproc->carveouts.prev;
	struct list_head *segments = rproc->dump_segments.prev;
	struct stm32_rproc *priv = rproc->priv;
	struct device *dev = priv->dev;
	struct of_phandle_iterator it;
	struct rproc_mem_entry *mem;
	struct reserved_mem *rmem;
	int index = 0, err;
	u64 da;

	of_for_each_phandle(&it, err, dev->of_node, "memory-region", NULL, 0) {
		rmem = of_reserved_mem_lookup(it.node);
		if (!rmem || amp_xlate_pa_to_da(priv->win, priv->nwin, rmem->base,
						rmem->size, &da) < 0) {
			dev_err(dev, "%pOF: not memory the M4 sees\n", it.node);
			of_node_put(it.node);
			err = -EINVAL;
			goto undo;
		}
		if (amp_rproc_is_vdev_buffer(it.node->name))
			/* the core's vdev lookup takes it by index */
			mem = rproc_of_resm_mem_entry_init(dev, index, rmem->size,
							   rmem->base,
							   it.node->name);
		else
			mem = rproc_mem_entry_init(dev, NULL, rmem->base,
						   rmem->size, da,
						   amp_rproc_carveout_map,
						   amp_rproc_carveout_unmap,
						   it.node->name);
		if (!mem) {
			of_node_put(it.node);
			err = -ENOMEM;
			goto undo;
		}
		if (mem->of_resm_idx < 0)
			rproc_coredump_add_segment(rproc, da, rmem->size);
		rproc_add_carveout(rproc, mem);
		index++;
	}
	if (!amp_fault_fail(prepare))
		return 0;
	err = -EIO;
undo:
	amp_rproc_prepare_undo(rproc, carveouts, segments);
	return err;
}

static int stm32_rproc_sanity_check(struct rproc *rproc,
				    const struct firmware *fw)
{
	return amp_rproc_fw_check(rproc, fw, 0);
}

static void stm32_rproc_rsc_unmap(void *data)
{
	struct stm32_rproc *priv = data;

	if (priv->rsc_va)
		iounmap(priv->rsc_va);
	priv->rsc_va = NULL;
}

/*
 * The table of a core the boot loader started: its address from TAMP,
 * untrusted like the table itself.
 */
static struct resource_table *
stm32_rproc_get_loaded_rsc_table(struct rproc *rproc, size_t *size)
{
	struct stm32_rproc *priv = rproc->priv;
	struct resource_table *t;
	const char *why;
	u64 pa;
	u32 da;
	int ret;

	if (!priv->rsctbl.map)
		return NULL;
	ret = regmap_read(priv->rsctbl.map, priv->rsctbl.reg, &da);
	if (ret)
		return ERR_PTR(ret);
	da &= priv->rsctbl.mask;
	if (!da) {
		dev_info(&rproc->dev, "the running M4 has no resource table\n");
		return NULL;
	}
	if (amp_xlate_da_to_pa(priv->win, priv->nwin, da, STM32_RSC_TABLE_SIZE,
			       0, 0, &pa) < 0) {
		dev_err(&rproc->dev, "resource table at %#x: not memory the M4 has\n", da);
		return ERR_PTR(-EINVAL);
	}
	if (priv->rsc_va && priv->rsc_pa != pa)
		stm32_rproc_rsc_unmap(priv);
	if (!priv->rsc_va) {
		priv->rsc_va = ioremap_wc(pa, STM32_RSC_TABLE_SIZE);
		if (!priv->rsc_va)
			return ERR_PTR(-ENOMEM);
		priv->rsc_pa = pa;
	}
	t = (__force struct resource_table *)priv->rsc_va;
	if (amp_rsc_check(t, STM32_RSC_TABLE_SIZE, &why)) {
		dev_err(&rproc->dev, "resource table of the running M4 refused: %s\n", why);
		return ERR_PTR(-EINVAL);
	}
	*size = STM32_RSC_TABLE_SIZE;
	return t;
}

static const struct rproc_ops stm32_rproc_ops = {
	.prepare = stm32_rproc_prepare,
	.start = stm32_rproc_start,
	.stop = stm32_rproc_stop,
	.attach = stm32_rproc_attach,
	.detach = stm32_rproc_detach,
	.kick = stm32_rproc_kick,
	.load = rproc_elf_load_segments,
	.parse_fw = amp_rproc_parse_fw,
	.find_loaded_rsc_table = rproc_elf_find_loaded_rsc_table,
	.get_loaded_rsc_table = stm32_rproc_get_loaded_rsc_table,
	.sanity_check = stm32_rproc_sanity_check,
	.get_boot_addr = rproc_elf_get_boot_addr,
};

/* --- probe ------------------------------------------------------------------ */

static irqreturn_t stm32_rproc_wdg(int irq, void *data)
{
	struct stm32_rproc *priv = data;

	dev_err(priv->dev, "M4 watchdog\n");
	rproc_report_crash(priv->rproc, RPROC_WATCHDOG);
	return IRQ_HANDLED;
}

static void stm32_rproc_wake_release(void *data)
{
	struct device *dev = data;

	dev_pm_clear_wake_irq(dev);
	device_init_wakeup(dev, false);
}

/* The M4's memory map: the dma-ranges of the bus it sits on (mlahb). */
static int stm32_rproc_parse_ranges(struct stm32_rproc *priv)
{
	struct device_node *bus = priv->dev->parent->of_node;
	u32 cells[STM32_MAX_RANGES * 6];
	unsigned int ac, pc, sc;
	int n;

	n = of_property_count_u32_elems(bus, "dma-ranges");
	if (n <= 0 || n > ARRAY_SIZE(cells))
		return dev_err_probe(priv->dev, -EINVAL,
				     "%pOF: no usable dma-ranges\n", bus);
	if (of_property_read_u32_array(bus, "dma-ranges", cells, n))
		return -EINVAL;
	/* child cells: the bus's own; parent cells: those of the bus's parent */
	ac = of_n_addr_cells(priv->dev->of_node);
	sc = of_n_size_cells(priv->dev->of_node);
	pc = of_n_addr_cells(bus);
	n = amp_xlate_from_ranges(cells, n, ac, pc, sc, priv->win,
				  ARRAY_SIZE(priv->win));
	if (n < 0)
		return dev_err_probe(priv->dev, n, "%pOF: malformed dma-ranges\n", bus);
	priv->nwin = n;
	return 0;
}

static int stm32_rproc_parse_dt(struct platform_device *pdev,
				struct stm32_rproc *priv)
{
	struct device *dev = &pdev->dev;
	struct device_node *np = dev->of_node;
	struct stm32_syscon tz;
	u32 val;
	int ret, irq;

	irq = platform_get_irq_optional(pdev, 0);
	if (irq == -EPROBE_DEFER)
		return irq;
	if (irq > 0) {
		ret = devm_request_irq(dev, irq, stm32_rproc_wdg, 0,
				       dev_name(dev), priv);
		if (ret)
			return dev_err_probe(dev, ret, "cannot take the watchdog interrupt\n");
		priv->wdg_irq = irq;
		if (of_property_read_bool(np, "wakeup-source")) {
			device_init_wakeup(dev, true);
			ret = dev_pm_set_wake_irq(dev, irq);
			if (!ret)
				ret = devm_add_action_or_reset(dev, stm32_rproc_wake_release,
							       dev);
			else
				device_init_wakeup(dev, false);
			if (ret)
				return dev_err_probe(dev, ret, "cannot wake on the watchdog\n");
		}
	}

	priv->mcu_rst = devm_reset_control_get_optional_exclusive(dev, "mcu_rst");
	if (!priv->mcu_rst)
		priv->mcu_rst = devm_reset_control_get_exclusive_by_index(dev, 0);
	if (IS_ERR(priv->mcu_rst))
		return dev_err_probe(dev, PTR_ERR(priv->mcu_rst), "no mcu_rst reset\n");

	priv->hold_boot_rst = devm_reset_control_get_optional_exclusive(dev, "hold_boot");
	if (IS_ERR(priv->hold_boot_rst))
		return dev_err_probe(dev, PTR_ERR(priv->hold_boot_rst),
				     "bad hold_boot reset\n");
	if (!priv->hold_boot_rst) {
		/*
		 * Without a hold-boot reset line (which the secure world's SCMI
		 * server provides when it shares the M4), an M4 that TZEN gives
		 * to the secure world is not Linux's to start or stop.
		 */
		ret = stm32_get_syscon(np, "st,syscfg-tz", &tz);
		if (!ret) {
			ret = regmap_read(tz.map, tz.reg, &val);
			if (ret)
				return dev_err_probe(dev, ret, "cannot read st,syscfg-tz\n");
			if (val & tz.mask)
				return dev_err_probe(dev, -EPERM,
						     "the M4 is reserved to the secure world (st,syscfg-tz): use the TEE's remoteproc\n");
		} else if (ret != -ENOENT) {
			return dev_err_probe(dev, ret, "bad st,syscfg-tz\n");
		}
		ret = stm32_get_syscon(np, "st,syscfg-holdboot", &priv->hold_boot);
		if (ret)
			return dev_err_probe(dev, ret,
					     "no hold boot (hold_boot reset or st,syscfg-holdboot)\n");
	}

	ret = stm32_get_syscon(np, "st,syscfg-pdds", &priv->pdds);
	if (ret && ret != -ENOENT)
		return dev_err_probe(dev, ret, "bad st,syscfg-pdds\n");
	ret = stm32_get_syscon(np, "st,syscfg-m4-state", &priv->m4_state);
	if (ret && ret != -ENOENT)
		return dev_err_probe(dev, ret, "bad st,syscfg-m4-state\n");
	ret = stm32_get_syscon(np, "st,syscfg-rsc-tbl", &priv->rsctbl);
	if (ret && ret != -ENOENT)
		return dev_err_probe(dev, ret, "bad st,syscfg-rsc-tbl\n");
	return 0;
}

static void stm32_rproc_release_wq(void *data)
{
	destroy_workqueue(data);
}

static int stm32_rproc_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct stm32_rproc *priv;
	struct rproc *rproc;
	u32 state = M4_STATE_OFF;
	int ret;

	ret = dma_coerce_mask_and_coherent(dev, DMA_BIT_MASK(32));
	if (ret)
		return ret;
	rproc = devm_rproc_alloc(dev, dev->of_node->name, &stm32_rproc_ops,
				 NULL, sizeof(*priv));
	if (!rproc)
		return -ENOMEM;
	priv = rproc->priv;
	priv->dev = dev;
	priv->rproc = rproc;
	platform_set_drvdata(pdev, rproc);
	rproc_coredump_set_elf_info(rproc, ELFCLASS32, EM_NONE);
	rproc->has_iommu = false;

	ret = stm32_rproc_parse_dt(pdev, priv);
	if (ret)
		return ret;
	ret = stm32_rproc_parse_ranges(priv);
	if (ret)
		return ret;
	ret = devm_add_action_or_reset(dev, stm32_rproc_rsc_unmap, priv);
	if (ret)
		return ret;

	if (priv->m4_state.map) {
		ret = regmap_read(priv->m4_state.map, priv->m4_state.reg, &state);
		if (ret)
			return dev_err_probe(dev, ret, "cannot read the M4's state\n");
		state &= priv->m4_state.mask;
	}
	/*
	 * st,auto-boot: load and start the default firmware at probe, or, for
	 * a core the boot loader started, attach to it at once; without it,
	 * such a core waits "detached" for a `start`, as with mainline.
	 */
	rproc->auto_boot = of_property_read_bool(dev->of_node, "st,auto-boot");
	if (state == M4_STATE_CRUN)
		rproc->state = RPROC_DETACHED;

	spin_lock_init(&priv->rx_alock);
	priv->wq = alloc_ordered_workqueue("stm32_rproc-%s", 0, dev_name(dev));
	if (!priv->wq)
		return -ENOMEM;
	ret = devm_add_action_or_reset(dev, stm32_rproc_release_wq, priv->wq);
	if (ret)
		return ret;
	ret = stm32_rproc_mbox_request(priv);
	if (ret)
		return ret;
	ret = amp_rproc_events_init(dev, &priv->events, rproc);
	if (ret)
		return ret;

	ret = devm_rproc_add(dev, rproc);
	if (ret)
		return dev_err_probe(dev, ret, "cannot register the remoteproc\n");
	return 0;
}

static int stm32_rproc_suspend(struct device *dev)
{
	struct rproc *rproc = dev_get_drvdata(dev);
	struct stm32_rproc *priv = rproc->priv;

	return device_may_wakeup(dev) ? enable_irq_wake(priv->wdg_irq) : 0;
}

static int stm32_rproc_resume(struct device *dev)
{
	struct rproc *rproc = dev_get_drvdata(dev);
	struct stm32_rproc *priv = rproc->priv;

	return device_may_wakeup(dev) ? disable_irq_wake(priv->wdg_irq) : 0;
}

static DEFINE_SIMPLE_DEV_PM_OPS(stm32_rproc_pm, stm32_rproc_suspend,
				stm32_rproc_resume);

static const struct of_device_id stm32_rproc_of_match[] = {
	{ .compatible = "st,stm32mp1-m4" },
	{ }
};
MODULE_DEVICE_TABLE(of, stm32_rproc_of_match);

static struct platform_driver stm32_rproc_driver = {
	.probe = stm32_rproc_probe,
	.driver = {
		.name = "stm32-rproc",
		.pm = pm_sleep_ptr(&stm32_rproc_pm),
		.of_match_table = stm32_rproc_of_match,
	},
};
module_platform_driver(stm32_rproc_driver);

MODULE_DESCRIPTION("STM32MP15 Cortex-M4 remote processor (drop-in for the in-tree stm32_rproc)");
MODULE_LICENSE("GPL");
MODULE_VERSION(AMP_VERSION);
