// SPDX-License-Identifier: GPL-2.0
/*
 * imx_rproc: the Cortex-M core of i.MX SoCs under the kernel's remoteproc
 * core. Drop-in for the in-tree driver: same compatibles, same binding
 * (fsl,imx-rproc.yaml), same remoteproc name ("imx-rproc").
 *
 * The core is started and stopped through the SRC (syscon), the secure
 * monitor or the SCU firmware, or not at all (attach only), as
 * imx_rproc_soc.c says per SoC. Virtqueue kicks travel as MU words on the
 * "tx" mailbox; words on "rx" (or "rxdb") from the remote run the
 * virtqueues from a workqueue.
 *
 * Where this driver differs from the in-tree one (Documentation/imx-rproc.md):
 * firmware whose resource table the core could not use (a vdev without
 * vrings, an entry cut by the table's end) is refused before loading; a
 * corrupt resource table section is an error, not "no table"; every
 * window is mapped write-combining, so nothing the remoteproc core does
 * to a loaded image can take an alignment fault; a range that ends exactly
 * at a window's end translates; detach is supported wherever Linux does
 * not own the core through the SCU; a resource table read from a running
 * core is checked before use.
 */
#include <dt-bindings/firmware/imx/rsrc.h>
#include <linux/arm-smccc.h>
#include <linux/clk.h>
#include <linux/err.h>
#include <linux/firmware.h>
#include <linux/firmware/imx/sci.h>
#include <linux/idr.h>
#include <linux/io.h>
#include <linux/mailbox_client.h>
#include <linux/mfd/syscon.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/of_reserved_mem.h>
#include <linux/platform_device.h>
#include <linux/regmap.h>
#include <linux/remoteproc.h>
#include <linux/virtio.h>
#include <linux/workqueue.h>

#include <amp/compat.h>
#include <amp/fault.h>
#include <amp/mbox_kick.h>
#include <amp/rproc_event.h>
#include <amp/rproc_fw.h>
#include <amp/rsc_check.h>
#include <amp/rx_atomic.h>

#include "imx_rproc_soc.h"

/* SiP service of the i.MX secure monitor for the M core */
#define IMX_SIP_RPROC		0xc2000005
#define IMX_SIP_RPROC_START	0x00
#define IMX_SIP_RPROC_STARTED	0x01
#define IMX_SIP_RPROC_STOP	0x02

/* SCU interrupt group that reports a partition reboot */
#define IMX_SC_IRQ_GROUP_REBOOTED	5

#define IMX_RPROC_MAX_MAPS	32

/**
 * struct imx_rproc_map - memory of the core mapped for Linux
 * @va: kernel mapping (write-combining)
 * @pa: system address
 * @size: bytes
 * @iomem: reached through I/O accessors by the remoteproc core
 */
struct imx_rproc_map {
	void __iomem *va;
	phys_addr_t pa;
	size_t size;
	bool iomem;
};

/**
 * struct imx_rproc - one remote core
 * @dev: the platform device
 * @rproc: its remoteproc
 * @soc: what the SoC is
 * @src: SRC regmap (%IMX_CTL_SRC)
 * @gpr: IOMUXC GPR regmap with the CPU-wait bit, or NULL
 * @maps: memory mapped at probe: the core's own windows, memory-regions
 * @nmaps: entries used in @maps
 * @rsc_table: the "rsc-table" region, where a running core keeps its table
 * @rsc_table_size: its size
 * @cl: mailbox client
 * @tx: kicks to the remote
 * @rx: words from the remote
 * @rxdb: doorbells from the remote (optional)
 * @wq: runs the virtqueues outside the mailbox's atomic context
 * @rx_work: that work
 * @rx_alock: held across a run of the virtqueues from the mailbox callback
 * @rx_atomic_ids: the notify ids of the virtqueues run so (imx_rproc_rx_atomic())
 * @kick: the kicks, MU words on @tx (include/amp/mbox_kick.h)
 * @ipc: SCU handle (%IMX_CTL_SCU)
 * @rsrc_id: the core's SCU resource
 * @entry: boot address given to the SCU
 * @partition: the SCU partition running the core, when Linux does not own it
 * @core: index of the core on multi-core SoCs
 * @scu_nb: SCU partition-reboot notifier
 * @scu_owned: Linux owns the core in the SCU
 * @events: the transitions told to user space (include/amp/rproc_event.h)
 */
struct imx_rproc {
	struct device *dev;
	struct rproc *rproc;
	const struct imx_rproc_soc *soc;
	struct regmap *src;
	struct regmap *gpr;
	struct imx_rproc_map maps[IMX_RPROC_MAX_MAPS];
	unsigned int nmaps;
	void __iomem *rsc_table;
	size_t rsc_table_size;
	struct mbox_client cl;
	struct mbox_chan *tx;
	struct mbox_chan *rx;
	struct mbox_chan *rxdb;
	struct workqueue_struct *wq;
	struct work_struct rx_work;
	spinlock_t rx_alock;	/* @rx_atomic_ids, runs from the mailbox */
	unsigned long rx_atomic_ids;
	struct amp_kick kick;
	struct imx_sc_ipc *ipc;
	u32 rsrc_id;
	u32 entry;
	u8 partition;
	unsigned int core;
	struct notifier_block scu_nb;
	bool scu_owned;
	struct amp_rproc_events events;
};

/* --- mailboxes ------------------------------------------------------------ */

/*
 * The remote's word names a virtqueue, but it is untrusted and RPMsg-Lite
 * and OpenAMP firmware differ in what they put there: run every queue,
 * which costs an empty check per idle queue. Only while the core runs,
 * and not while remoteproc sets the virtqueues up or takes them down
 * (start, stop, recovery hold its lock): a word can come at any time.
 * Notify ids are allocated from 0 up, and max_notifyid changes under that
 * lock on every path remoteproc takes (boot, attach, shutdown, detach); a
 * lookup by id is cheaper than a walk of the IDR.
 */
static void imx_rproc_rx_work(struct work_struct *work)
{
	struct imx_rproc *priv = container_of(work, struct imx_rproc, rx_work);
	struct rproc *rproc = priv->rproc;
	int id;

	mutex_lock(&rproc->lock);
	if (rproc->state == RPROC_RUNNING || rproc->state == RPROC_ATTACHED)
		for (id = 0; id <= rproc->max_notifyid; id++)
			rproc_vq_interrupt(rproc, id);
	mutex_unlock(&rproc->lock);
}

/*
 * A word from the remote. The virtqueues the project's bus asked for run
 * here, in the mailbox's context, under @rx_alock (the bus turns them off
 * before they go), while the core runs (the state read without the lock
 * the work takes: a word racing a crash is run or left, either is fine);
 * the work runs every virtqueue when there are others, another virtio
 * driver's, or none so asked.
 */
static void imx_rproc_rx(struct mbox_client *cl, void *msg)
{
	struct imx_rproc *priv = container_of(cl, struct imx_rproc, cl);
	struct rproc *rproc = priv->rproc;
	enum rproc_state state = READ_ONCE(rproc->state);
	int max = READ_ONCE(rproc->max_notifyid);
	unsigned long flags, ids = 0;
	unsigned int id;

	spin_lock_irqsave(&priv->rx_alock, flags);
	if (state == RPROC_RUNNING || state == RPROC_ATTACHED)
		ids = priv->rx_atomic_ids;
	for_each_set_bit(id, &ids, BITS_PER_LONG)
		rproc_vq_interrupt(rproc, id);
	spin_unlock_irqrestore(&priv->rx_alock, flags);
	if (!ids || max >= BITS_PER_LONG ||
	    (max >= 0 && (~ids & GENMASK(max, 0))))
		queue_work(priv->wq, &priv->rx_work);
}

static struct platform_driver imx_rproc_driver;

/**
 * imx_rproc_rx_atomic() - run a virtqueue from the mailbox callback
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
int imx_rproc_rx_atomic(struct virtqueue *vq, bool on)
{
	struct rproc *rproc = rproc_get_by_child(&vq->vdev->dev);
	struct imx_rproc *priv;

	if (!rproc || !rproc->dev.parent ||
	    rproc->dev.parent->driver != &imx_rproc_driver.driver)
		return -ENODEV;
	priv = rproc->priv;
	return amp_rx_atomic_mark(vq, on, &imx_rproc_driver.driver, &priv->rx_alock,
				  &priv->rx_atomic_ids);
}
EXPORT_SYMBOL_GPL(imx_rproc_rx_atomic);

static void imx_rproc_mbox_free(struct imx_rproc *priv)
{
	amp_kick_stop(&priv->kick);
	if (priv->tx)
		mbox_free_channel(priv->tx);
	if (priv->rx)
		mbox_free_channel(priv->rx);
	if (priv->rxdb)
		mbox_free_channel(priv->rxdb);
	priv->tx = NULL;
	priv->rx = NULL;
	priv->rxdb = NULL;
}

static struct mbox_chan *imx_rproc_mbox_get(struct imx_rproc *priv,
					    const char *name, bool optional)
{
	struct mbox_chan *ch;

	if (optional && of_property_match_string(priv->dev->of_node,
						 "mbox-names", name) < 0)
		return NULL;
	ch = mbox_request_channel_byname(&priv->cl, name);
	if (IS_ERR(ch))
		dev_err_probe(priv->dev, PTR_ERR(ch),
			      "cannot get the \"%s\" mailbox\n", name);
	return ch;
}

static void imx_rproc_kick_taken(struct mbox_client *cl, void *msg, int r);

/*
 * Take the mailboxes the DT names (none is fine: the binding makes them
 * optional, the core then runs without rpmsg). Kicks never wait for the
 * MU (imx_rproc_kick()).
 */
static int imx_rproc_mbox_request(struct imx_rproc *priv)
{
	struct mbox_client *cl = &priv->cl;
	struct mbox_chan *ch;

	if (priv->tx || !of_property_present(priv->dev->of_node, "mbox-names"))
		return 0;

	cl->dev = priv->dev;
	cl->tx_block = false;
	cl->knows_txdone = false;
	cl->rx_callback = imx_rproc_rx;
	cl->tx_done = imx_rproc_kick_taken;

	ch = imx_rproc_mbox_get(priv, "tx", false);
	if (IS_ERR(ch))
		return PTR_ERR(ch);
	priv->tx = ch;
	amp_kick_start(&priv->kick, ch);
	ch = imx_rproc_mbox_get(priv, "rx", false);
	if (IS_ERR(ch))
		goto err;
	priv->rx = ch;
	ch = imx_rproc_mbox_get(priv, "rxdb", true);
	if (IS_ERR(ch))
		goto err;
	priv->rxdb = ch;
	return 0;
err:
	imx_rproc_mbox_free(priv);
	return PTR_ERR(ch);
}

/* Kicks never wait for the MU: see include/amp/mbox_kick.h. */
static void imx_rproc_kick(struct rproc *rproc, int vqid)
{
	struct imx_rproc *priv = rproc->priv;

	amp_kick(&priv->kick, vqid);
}

/* The MU's tx_done: the remote took the word. */
static void imx_rproc_kick_taken(struct mbox_client *cl, void *msg, int r)
{
	struct imx_rproc *priv = container_of(cl, struct imx_rproc, cl);

	amp_kick_taken(&priv->kick);
}

/* --- start, stop, attach, detach -------------------------------------------- */

static int imx_rproc_smc(u32 fn, unsigned long *a1)
{
	struct arm_smccc_res res;

	arm_smccc_smc(IMX_SIP_RPROC, fn, 0, 0, 0, 0, 0, 0, &res);
	if (a1)
		*a1 = res.a1;
	return res.a0 ? -EIO : 0;
}

static int imx_rproc_start(struct rproc *rproc)
{
	struct imx_rproc *priv = rproc->priv;
	const struct imx_rproc_soc *soc = priv->soc;
	int ret;

	ret = imx_rproc_mbox_request(priv);
	if (ret)
		return ret;

	switch (soc->ctl) {
	case IMX_CTL_SRC:
		if (priv->gpr)
			ret = regmap_clear_bits(priv->gpr, soc->gpr_reg,
						soc->gpr_wait);
		else
			ret = regmap_update_bits(priv->src, soc->src_reg,
						 soc->src_mask, soc->src_start);
		break;
	case IMX_CTL_SMC:
		ret = imx_rproc_smc(IMX_SIP_RPROC_START, NULL);
		break;
	case IMX_CTL_SCU:
		ret = imx_sc_pm_cpu_start(priv->ipc, priv->rsrc_id, true,
					  priv->entry);
		break;
	default:
		ret = -EOPNOTSUPP;
		break;
	}
	if (ret)
		dev_err(priv->dev, "cannot start the %s core: %d\n", soc->name, ret);
	return amp_rproc_event(&priv->events, ret);
}

/* Put the core in reset; the mailboxes stay with the caller. */
static int imx_rproc_halt(struct imx_rproc *priv)
{
	const struct imx_rproc_soc *soc = priv->soc;
	unsigned long busy = 0;
	int ret;

	switch (soc->ctl) {
	case IMX_CTL_SRC:
		if (priv->gpr) {
			ret = regmap_set_bits(priv->gpr, soc->gpr_reg,
					      soc->gpr_wait);
			if (ret)
				return ret;
		}
		return regmap_update_bits(priv->src, soc->src_reg,
					  soc->src_mask, soc->src_stop);
	case IMX_CTL_SMC:
		ret = imx_rproc_smc(IMX_SIP_RPROC_STOP, &busy);
		if (!ret && busy)
			dev_info(priv->dev, "the core was not in WFI: stopped by force\n");
		return ret;
	case IMX_CTL_SCU:
		return imx_sc_pm_cpu_start(priv->ipc, priv->rsrc_id, false,
					   priv->entry);
	default:
		return -EOPNOTSUPP;
	}
}

static int imx_rproc_stop(struct rproc *rproc)
{
	struct imx_rproc *priv = rproc->priv;
	int ret;

	ret = imx_rproc_halt(priv);
	if (ret) {
		dev_err(priv->dev, "cannot stop the %s core: %d\n",
			priv->soc->name, ret);
		return ret;
	}
	imx_rproc_mbox_free(priv);
	return amp_rproc_event(&priv->events, 0);
}

static int imx_rproc_attach(struct rproc *rproc)
{
	struct imx_rproc *priv = rproc->priv;

	return amp_rproc_event(&priv->events, imx_rproc_mbox_request(priv));
}

/*
 * Leave the core running on its own. Only a core Linux owns through the
 * SCU cannot be left: the SCU would take it down with Linux's partition.
 */
static int imx_rproc_detach(struct rproc *rproc)
{
	struct imx_rproc *priv = rproc->priv;

	if (priv->soc->ctl == IMX_CTL_SCU && priv->scu_owned)
		return -EOPNOTSUPP;
	imx_rproc_mbox_free(priv);
	return amp_rproc_event(&priv->events, 0);
}

/* --- memory ------------------------------------------------------------------ */

static void *imx_rproc_da_to_va(struct rproc *rproc, u64 da, size_t len,
				bool *is_iomem)
{
	struct imx_rproc *priv = rproc->priv;
	unsigned int i;
	u64 pa;

	if (imx_rproc_soc_da_to_pa(priv->soc, priv->core, da, len, &pa,
				   NULL) < 0)
		return NULL;
	for (i = 0; i < priv->nmaps; i++) {
		const struct imx_rproc_map *m = &priv->maps[i];

		if (!amp_xlate_within(m->pa, m->size, pa, len))
			continue;
		if (is_iomem)
			*is_iomem = m->iomem;
		return (__force void *)(m->va + (pa - m->pa));
	}
	return NULL;
}

AMP_FAULT_FAIL_POINT(prepare, "fail prepare() after its carveouts are added");

/*
 * Each boot: the memory-regions become carveouts the resource table can
 * name, at the address the core sees them. The vdev buffer pools and the
 * resource-table region are not firmware memory.
 */
static int imx_rproc_prepare(struct rproc *rproc)
{
	struct list_head *carveouts = rproc->carveouts.prev;
	struct list_head *segments = rproc->dump_segments.prev;
	struct imx_rproc *priv = rproc->priv;
	struct device_node *np = priv->dev->of_node;
	struct of_phandle_iterator it;
	struct rproc_mem_entry *mem;
	struct reserved_mem *rmem;
	int err;
	u64 da;

	of_for_each_phandle(&it, err, np, "memory-region", NULL, 0) {
		if (amp_rproc_is_vdev_buffer(it.node->name) ||
		    !strcmp(it.node->name, "rsc-table"))
			continue;
		rmem = of_reserved_mem_lookup(it.node);
		if (!rmem) {
			dev_err(priv->dev, "%pOF is not reserved memory\n", it.node);
			of_node_put(it.node);
			err = -EINVAL;
			goto undo;
		}
		if (imx_rproc_soc_pa_to_da(priv->soc, priv->core, rmem->base,
					   rmem->size, &da) < 0)
			da = rmem->base;
		mem = rproc_mem_entry_init(priv->dev, NULL, rmem->base,
					   rmem->size, da,
					   amp_rproc_carveout_map,
					   amp_rproc_carveout_unmap,
					   it.node->name);
		if (!mem) {
			of_node_put(it.node);
			err = -ENOMEM;
			goto undo;
		}
		rproc_coredump_add_segment(rproc, da, rmem->size);
		rproc_add_carveout(rproc, mem);
	}
	if (!amp_fault_fail(prepare))
		return 0;
	err = -EIO;
undo:
	amp_rproc_prepare_undo(rproc, carveouts, segments);
	return err;
}

static int imx_rproc_map(struct imx_rproc *priv, phys_addr_t pa, size_t size,
			 bool iomem)
{
	struct imx_rproc_map *m;

	if (priv->nmaps >= IMX_RPROC_MAX_MAPS) {
		dev_err(priv->dev, "more than %d memory windows\n",
			IMX_RPROC_MAX_MAPS);
		return -E2BIG;
	}
	m = &priv->maps[priv->nmaps];
	/*
	 * Write-combining (Normal non-cacheable on arm64) for TCM too: the
	 * remoteproc core copies the resource table into the image with
	 * memcpy() and virtio stores into it directly; on Device memory an
	 * unaligned access of those would fault.
	 */
	m->va = devm_ioremap_wc(priv->dev, pa, size);
	if (!m->va) {
		dev_err(priv->dev, "cannot map %pa+%zx\n", &pa, size);
		return -ENOMEM;
	}
	m->pa = pa;
	m->size = size;
	m->iomem = iomem;
	priv->nmaps++;
	return 0;
}

/* Map the core's own windows and the memory-regions other than vdevs'. */
static int imx_rproc_map_memory(struct imx_rproc *priv)
{
	struct device_node *np = priv->dev->of_node;
	const struct imx_rproc_soc *soc = priv->soc;
	struct of_phandle_iterator it;
	unsigned int i;
	int ret, err;

	for (i = 0; i < soc->natt; i++) {
		const struct amp_xlate_win *w = &soc->att[i];
		u32 cores = w->flags & IMX_ATT_CORE_MASK;

		if (!(w->flags & IMX_ATT_OWN) ||
		    (cores && !(cores & BIT(priv->core))))
			continue;
		ret = imx_rproc_map(priv, w->pa, w->size,
				    w->flags & IMX_ATT_IOMEM);
		if (ret)
			return ret;
	}

	of_for_each_phandle(&it, err, np, "memory-region", NULL, 0) {
		struct resource res;

		if (!strncmp(it.node->name, "vdev", 4))
			continue;
		ret = of_address_to_resource(it.node, 0, &res);
		if (!ret)
			ret = imx_rproc_map(priv, res.start, resource_size(&res),
					    false);
		if (ret) {
			dev_err(priv->dev, "memory-region %pOF: %d\n", it.node, ret);
			of_node_put(it.node);
			return ret;
		}
		if (!strcmp(it.node->name, "rsc-table")) {
			priv->rsc_table = priv->maps[priv->nmaps - 1].va;
			priv->rsc_table_size = resource_size(&res);
		}
	}
	return 0;
}

/* --- firmware -------------------------------------------------------------- */

static int imx_rproc_sanity_check(struct rproc *rproc,
				  const struct firmware *fw)
{
	struct imx_rproc *priv = rproc->priv;

	return amp_rproc_fw_check(rproc, fw, priv->rsc_table_size);
}

/* Where the started core reads its table: the rsc-table region if any. */
static struct resource_table *
imx_rproc_find_loaded_rsc_table(struct rproc *rproc, const struct firmware *fw)
{
	struct imx_rproc *priv = rproc->priv;

	if (!rproc->table_ptr)
		return NULL;
	if (priv->rsc_table)
		return (__force struct resource_table *)priv->rsc_table;
	return rproc_elf_find_loaded_rsc_table(rproc, fw);
}

/* The table of a core Linux attaches to: untrusted, checked in place. */
static struct resource_table *
imx_rproc_get_loaded_rsc_table(struct rproc *rproc, size_t *size)
{
	struct imx_rproc *priv = rproc->priv;
	struct resource_table *t;
	const char *why;

	if (!priv->rsc_table)
		return NULL;
	t = (__force struct resource_table *)priv->rsc_table;
	if (READ_ONCE(t->ver) != 1) {
		dev_info(&rproc->dev, "no resource table in rsc-table: attaching without one\n");
		return NULL;
	}
	if (amp_rsc_check(t, priv->rsc_table_size, &why)) {
		dev_err(&rproc->dev, "resource table of the running core refused: %s\n",
			why);
		return ERR_PTR(-EINVAL);
	}
	*size = priv->rsc_table_size;
	return t;
}

static const struct rproc_ops imx_rproc_ops = {
	.prepare = imx_rproc_prepare,
	.start = imx_rproc_start,
	.stop = imx_rproc_stop,
	.attach = imx_rproc_attach,
	.detach = imx_rproc_detach,
	.kick = imx_rproc_kick,
	.da_to_va = imx_rproc_da_to_va,
	.load = rproc_elf_load_segments,
	.parse_fw = amp_rproc_parse_fw,
	.find_loaded_rsc_table = imx_rproc_find_loaded_rsc_table,
	.get_loaded_rsc_table = imx_rproc_get_loaded_rsc_table,
	.sanity_check = imx_rproc_sanity_check,
	.get_boot_addr = rproc_elf_get_boot_addr,
};

/* --- probe ----------------------------------------------------------------- */

static int imx_rproc_scu_notify(struct notifier_block *nb,
				unsigned long event, void *group)
{
	struct imx_rproc *priv = container_of(nb, struct imx_rproc, scu_nb);

	if (*(u8 *)group != IMX_SC_IRQ_GROUP_REBOOTED ||
	    !(event & BIT(priv->partition)))
		return NOTIFY_DONE;
	dev_info(priv->dev, "partition %u rebooted\n", priv->partition);
	rproc_report_crash(priv->rproc, RPROC_WATCHDOG);
	return NOTIFY_OK;
}

static void imx_rproc_scu_release(void *data)
{
	struct imx_rproc *priv = data;

	imx_scu_irq_group_enable(IMX_SC_IRQ_GROUP_REBOOTED,
				 BIT(priv->partition), false);
	imx_scu_irq_unregister_notifier(&priv->scu_nb);
}

/*
 * A core Linux owns starts and stops through the SCU. Otherwise another
 * partition runs it: Linux attaches, and the SCU's partition-reboot
 * interrupt is the crash report.
 */
static int imx_rproc_scu_init(struct imx_rproc *priv)
{
	struct device *dev = priv->dev;
	struct rproc *rproc = priv->rproc;
	int ret;

	ret = imx_scu_get_handle(&priv->ipc);
	if (ret)
		return dev_err_probe(dev, ret, "no SCU\n");
	if (of_property_read_u32(dev->of_node, "fsl,resource-id", &priv->rsrc_id))
		return dev_err_probe(dev, -EINVAL, "no fsl,resource-id\n");
	priv->core = priv->rsrc_id == IMX_SC_R_M4_1_PID0;

	priv->scu_owned = imx_sc_rm_is_resource_owned(priv->ipc, priv->rsrc_id);
	if (priv->scu_owned) {
		if (of_property_read_u32(dev->of_node, "fsl,entry-address",
					 &priv->entry))
			return dev_err_probe(dev, -EINVAL, "no fsl,entry-address\n");
		return 0;
	}

	rproc->state = RPROC_DETACHED;
	rproc->recovery_disabled = false;
	__set_bit(RPROC_FEAT_ATTACH_ON_RECOVERY, rproc->features);
	ret = imx_sc_rm_get_resource_owner(priv->ipc, priv->rsrc_id,
					   &priv->partition);
	if (ret)
		return dev_err_probe(dev, ret, "no owner of the core's resource\n");
	priv->scu_nb.notifier_call = imx_rproc_scu_notify;
	ret = imx_scu_irq_register_notifier(&priv->scu_nb);
	if (ret)
		return dev_err_probe(dev, ret, "cannot watch the SCU\n");
	ret = imx_scu_irq_group_enable(IMX_SC_IRQ_GROUP_REBOOTED,
				       BIT(priv->partition), true);
	if (ret) {
		imx_scu_irq_unregister_notifier(&priv->scu_nb);
		return dev_err_probe(dev, ret, "cannot enable SCU reboot events\n");
	}
	return devm_add_action_or_reset(dev, imx_rproc_scu_release, priv);
}

/* Is the core running already (the boot loader started it)? */
static int imx_rproc_src_init(struct imx_rproc *priv)
{
	const struct imx_rproc_soc *soc = priv->soc;
	struct device *dev = priv->dev;
	u32 val;
	int ret;

	priv->src = syscon_regmap_lookup_by_phandle(dev->of_node, "syscon");
	if (IS_ERR(priv->src))
		return dev_err_probe(dev, PTR_ERR(priv->src), "no SRC syscon\n");

	if (soc->gpr_wait) {
		priv->gpr = syscon_regmap_lookup_by_phandle(dev->of_node,
							    "fsl,iomuxc-gpr");
		if (IS_ERR(priv->gpr))
			priv->gpr = NULL;
	}
	if (priv->gpr) {
		ret = regmap_read(priv->gpr, soc->gpr_reg, &val);
		if (ret)
			return dev_err_probe(dev, ret, "cannot read the GPR\n");
		/* waiting after a cold boot, not stopped: stop it for a load */
		if (val & soc->gpr_wait)
			return imx_rproc_halt(priv);
	}

	ret = regmap_read(priv->src, soc->src_reg, &val);
	if (ret)
		return dev_err_probe(dev, ret, "cannot read the SRC\n");
	if ((val & soc->src_mask) != soc->src_stop)
		priv->rproc->state = RPROC_DETACHED;
	return 0;
}

static int imx_rproc_detect(struct imx_rproc *priv)
{
	switch (priv->soc->ctl) {
	case IMX_CTL_NONE:
		priv->rproc->state = RPROC_DETACHED;
		return 0;
	case IMX_CTL_SMC:
		if (imx_rproc_smc(IMX_SIP_RPROC_STARTED, NULL))
			priv->rproc->state = RPROC_DETACHED;
		return 0;
	case IMX_CTL_SCU:
		return imx_rproc_scu_init(priv);
	default:
		return imx_rproc_src_init(priv);
	}
}

static void imx_rproc_release_mbox(void *data)
{
	imx_rproc_mbox_free(data);
}

static void imx_rproc_release_wq(void *data)
{
	destroy_workqueue(data);
}

static int imx_rproc_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct imx_rproc *priv;
	struct rproc *rproc;
	struct clk *clk;
	int ret;

	rproc = devm_rproc_alloc(dev, "imx-rproc", &imx_rproc_ops, NULL,
				 sizeof(*priv));
	if (!rproc)
		return -ENOMEM;
	priv = rproc->priv;
	priv->dev = dev;
	priv->rproc = rproc;
	priv->soc = of_device_get_match_data(dev);
	if (!priv->soc)
		return -ENODEV;
	amp_kick_init(&priv->kick, dev);
	platform_set_drvdata(pdev, rproc);

	priv->wq = alloc_workqueue("imx_rproc-%s", WQ_MEM_RECLAIM | AMP_WQ_PERCPU, 1,
				   dev_name(dev));
	if (!priv->wq)
		return -ENOMEM;
	ret = devm_add_action_or_reset(dev, imx_rproc_release_wq, priv->wq);
	if (ret)
		return ret;
	INIT_WORK(&priv->rx_work, imx_rproc_rx_work);
	spin_lock_init(&priv->rx_alock);

	/* here, where a missing mailbox controller can still defer */
	ret = imx_rproc_mbox_request(priv);
	if (ret)
		return ret;
	ret = devm_add_action_or_reset(dev, imx_rproc_release_mbox, priv);
	if (ret)
		return ret;

	ret = imx_rproc_map_memory(priv);
	if (ret)
		return ret;
	ret = imx_rproc_detect(priv);
	if (ret)
		return ret;

	/* the core's clock also feeds its memory: on before any load */
	if (priv->soc->ctl == IMX_CTL_SRC || priv->soc->ctl == IMX_CTL_SMC) {
		clk = devm_clk_get_enabled(dev, NULL);
		if (IS_ERR(clk))
			return dev_err_probe(dev, PTR_ERR(clk), "no core clock\n");
	}

	/* a running core is attached to at once; a stopped one on request */
	if (rproc->state != RPROC_DETACHED)
		rproc->auto_boot = of_property_read_bool(dev->of_node,
							 "fsl,auto-boot");

	ret = amp_rproc_events_init(dev, &priv->events, rproc);
	if (ret)
		return ret;
	ret = devm_rproc_add(dev, rproc);
	if (ret)
		return dev_err_probe(dev, ret, "cannot register the remoteproc\n");
	return 0;
}

static const struct of_device_id imx_rproc_of_match[] = {
	{ .compatible = "fsl,imx7ulp-cm4", .data = &imx_rproc_socs[IMX_SOC_IMX7ULP] },
	{ .compatible = "fsl,imx7d-cm4", .data = &imx_rproc_socs[IMX_SOC_IMX7D] },
	{ .compatible = "fsl,imx6sx-cm4", .data = &imx_rproc_socs[IMX_SOC_IMX6SX] },
	{ .compatible = "fsl,imx8mq-cm4", .data = &imx_rproc_socs[IMX_SOC_IMX8MQ] },
	{ .compatible = "fsl,imx8mm-cm4", .data = &imx_rproc_socs[IMX_SOC_IMX8MQ] },
	{ .compatible = "fsl,imx8mn-cm7", .data = &imx_rproc_socs[IMX_SOC_IMX8MN] },
	{ .compatible = "fsl,imx8mp-cm7", .data = &imx_rproc_socs[IMX_SOC_IMX8MN] },
	{ .compatible = "fsl,imx8mn-cm7-mmio", .data = &imx_rproc_socs[IMX_SOC_IMX8MN_MMIO] },
	{ .compatible = "fsl,imx8mp-cm7-mmio", .data = &imx_rproc_socs[IMX_SOC_IMX8MN_MMIO] },
	{ .compatible = "fsl,imx8qxp-cm4", .data = &imx_rproc_socs[IMX_SOC_IMX8QXP] },
	{ .compatible = "fsl,imx8qm-cm4", .data = &imx_rproc_socs[IMX_SOC_IMX8QM] },
	{ .compatible = "fsl,imx8ulp-cm33", .data = &imx_rproc_socs[IMX_SOC_IMX8ULP] },
	{ .compatible = "fsl,imx93-cm33", .data = &imx_rproc_socs[IMX_SOC_IMX93] },
	{ }
};
MODULE_DEVICE_TABLE(of, imx_rproc_of_match);

static struct platform_driver imx_rproc_driver = {
	.probe = imx_rproc_probe,
	.driver = {
		.name = "imx-rproc",
		.of_match_table = imx_rproc_of_match,
	},
};
module_platform_driver(imx_rproc_driver);

MODULE_DESCRIPTION("i.MX Cortex-M remote processor (drop-in for the in-tree imx_rproc)");
MODULE_LICENSE("GPL");
MODULE_VERSION(AMP_VERSION);
