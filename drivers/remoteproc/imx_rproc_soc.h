/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What imx_rproc knows of each i.MX SoC: how its Cortex-M core is started
 * and stopped, and how the core's addresses map to the system's. Data
 * only (imx_rproc_soc.c), so a new SoC is one table entry, and KUnit
 * checks every entry.
 */
#ifndef IMX_RPROC_SOC_H
#define IMX_RPROC_SOC_H

#include <linux/bits.h>
#include <linux/types.h>

#include <amp/xlate.h>

/* Window flags: the low 16 bits select cores, 0 meaning every core. */
#define IMX_ATT_CORE(n)		BIT(n)
#define IMX_ATT_CORE_MASK	GENMASK(15, 0)
/* The core's own memory (TCM, its OCRAM view): mapped at probe. */
#define IMX_ATT_OWN		BIT(30)
/* Reached through I/O accessors by the remoteproc core (TCM). */
#define IMX_ATT_IOMEM		BIT(31)

/**
 * enum imx_rproc_ctl - who starts and stops the core
 * @IMX_CTL_NONE: nobody Linux can ask: attach only
 * @IMX_CTL_SRC: the SRC reset word (and optionally a GPR wait bit),
 *	through a syscon regmap
 * @IMX_CTL_SMC: the SiP service of the secure monitor
 * @IMX_CTL_SCU: the System Controller Unit firmware
 */
enum imx_rproc_ctl {
	IMX_CTL_NONE,
	IMX_CTL_SRC,
	IMX_CTL_SMC,
	IMX_CTL_SCU,
};

/**
 * struct imx_rproc_soc - one SoC's remote core
 * @name: for messages
 * @ctl: how the core is started and stopped
 * @src_reg: SRC register offset (%IMX_CTL_SRC)
 * @src_mask: the bits of @src_reg the driver owns
 * @src_start: their value to run the core
 * @src_stop: their value to hold it
 * @gpr_reg: IOMUXC GPR register with a CPU-wait bit, 0 if none
 * @gpr_wait: that bit
 * @att: the core's memory map, preferred views first
 * @natt: entries in @att
 */
struct imx_rproc_soc {
	const char *name;
	enum imx_rproc_ctl ctl;
	u32 src_reg;
	u32 src_mask;
	u32 src_start;
	u32 src_stop;
	u32 gpr_reg;
	u32 gpr_wait;
	const struct amp_xlate_win *att;
	unsigned int natt;
};

enum imx_rproc_soc_id {
	IMX_SOC_IMX6SX,
	IMX_SOC_IMX7D,
	IMX_SOC_IMX7ULP,
	IMX_SOC_IMX8MQ,
	IMX_SOC_IMX8MN,
	IMX_SOC_IMX8MN_MMIO,
	IMX_SOC_IMX8QM,
	IMX_SOC_IMX8QXP,
	IMX_SOC_IMX8ULP,
	IMX_SOC_IMX93,
	IMX_SOC_COUNT,
};

extern const struct imx_rproc_soc imx_rproc_socs[IMX_SOC_COUNT];

int imx_rproc_soc_da_to_pa(const struct imx_rproc_soc *soc,
			   unsigned int core, u64 da, u64 len, u64 *pa,
			   u32 *flags);
int imx_rproc_soc_pa_to_da(const struct imx_rproc_soc *soc,
			   unsigned int core, u64 pa, u64 len, u64 *da);

#endif /* IMX_RPROC_SOC_H */
