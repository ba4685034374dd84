// SPDX-License-Identifier: GPL-2.0
/*
 * The i.MX SoCs imx_rproc drives: control method, SRC bits and the
 * Cortex-M core's memory map (device address as the core sees it, system
 * address as Linux sees it). Values from the SoC reference manuals, as
 * the in-tree driver and the boards' device trees use them.
 *
 * Order in a map matters: a device address is translated through the
 * first window that holds it, so each map lists aliases as the SoC
 * decodes them.
 */
#include <linux/kernel.h>
#include <linux/string.h>

#include "imx_rproc_soc.h"

#define OWN	IMX_ATT_OWN
#define IOMEM	IMX_ATT_IOMEM

/* SRC_SCR of i.MX7D and i.MX8M: the M4/M7 enable and reset bits */
#define SCR7_ENABLE		BIT(3)
#define SCR7_PLAT_RST		BIT(2)
#define SCR7_CORE_RST		BIT(1)
#define SCR7_CORE_RST_HOLD	BIT(0)
#define SCR7_MASK		(SCR7_ENABLE | SCR7_PLAT_RST | SCR7_CORE_RST | \
				 SCR7_CORE_RST_HOLD)

/* SRC_SCR of i.MX6SX */
#define SCR6_ENABLE		BIT(22)
#define SCR6_PLAT_RST		BIT(12)
#define SCR6_CORE_RST_HOLD	BIT(4)
#define SCR6_CORE_RST		BIT(3)
#define SCR6_MASK		(SCR6_ENABLE | SCR6_PLAT_RST | SCR6_CORE_RST | \
				 SCR6_CORE_RST_HOLD)

/* i.MX8MN/8MP IOMUXC GPR22: the M7 waits while CPUWAIT is set */
#define GPR22			0x58
#define GPR22_CM7_CPUWAIT	BIT(0)

static const struct amp_xlate_win att_imx6sx[] = {
	{ 0x00000000, 0x007f8000, 0x00008000, IOMEM },	/* TCML, boot alias */
	{ 0x00180000, 0x008f8000, 0x00004000, 0 },	/* OCRAM_S code */
	{ 0x00180000, 0x008fc000, 0x00004000, 0 },	/* OCRAM_S code alias */
	{ 0x1fff8000, 0x007f8000, 0x00008000, OWN | IOMEM },	/* TCML */
	{ 0x10000000, 0x80000000, 0x0fff8000, 0 },	/* DDR, code bus */
	{ 0x20000000, 0x00800000, 0x00008000, OWN | IOMEM },	/* TCMU */
	{ 0x208f8000, 0x008f8000, 0x00004000, 0 },	/* OCRAM_S data */
	{ 0x80000000, 0x80000000, 0x60000000, 0 },	/* DDR */
};

static const struct amp_xlate_win att_imx7d[] = {
	{ 0x00000000, 0x00180000, 0x00008000, 0 },	/* OCRAM_S, boot alias */
	{ 0x00180000, 0x00180000, 0x00008000, OWN },	/* OCRAM_S code */
	{ 0x00900000, 0x00900000, 0x00020000, 0 },	/* OCRAM code */
	{ 0x00920000, 0x00920000, 0x00020000, 0 },	/* OCRAM_EPDC code */
	{ 0x00940000, 0x00940000, 0x00008000, 0 },	/* OCRAM_PXP code */
	{ 0x1fff8000, 0x007f8000, 0x00008000, OWN | IOMEM },	/* TCML */
	{ 0x10000000, 0x80000000, 0x0fff0000, 0 },	/* DDR, code bus */
	{ 0x20000000, 0x00800000, 0x00008000, OWN | IOMEM },	/* TCMU */
	{ 0x20200000, 0x00900000, 0x00020000, 0 },	/* OCRAM data */
	{ 0x20220000, 0x00920000, 0x00020000, 0 },	/* OCRAM_EPDC data */
	{ 0x20240000, 0x00940000, 0x00008000, 0 },	/* OCRAM_PXP data */
	{ 0x80000000, 0x80000000, 0x60000000, 0 },	/* DDR */
};

static const struct amp_xlate_win att_imx7ulp[] = {
	{ 0x1ffd0000, 0x1ffd0000, 0x00030000, OWN },	/* TCML */
	{ 0x20000000, 0x20000000, 0x00010000, OWN },	/* TCMU */
	{ 0x2f000000, 0x2f000000, 0x00020000, OWN },	/* OCRAM */
	{ 0x2f020000, 0x2f020000, 0x00020000, OWN },	/* OCRAM */
	{ 0x60000000, 0x60000000, 0x40000000, 0 },	/* DDR */
};

/* i.MX8MQ and i.MX8MM: Cortex-M4 */
static const struct amp_xlate_win att_imx8mq[] = {
	{ 0x00000000, 0x007e0000, 0x00020000, IOMEM },	/* TCML, boot alias */
	{ 0x00180000, 0x00180000, 0x00008000, 0 },	/* OCRAM_S */
	{ 0x00900000, 0x00900000, 0x00020000, 0 },	/* OCRAM */
	{ 0x00920000, 0x00920000, 0x00020000, 0 },	/* OCRAM */
	{ 0x08000000, 0x08000000, 0x08000000, 0 },	/* QSPI */
	{ 0x10000000, 0x40000000, 0x0ffe0000, 0 },	/* DDR, code bus */
	{ 0x1ffe0000, 0x007e0000, 0x00040000, OWN | IOMEM },	/* TCML/U */
	{ 0x20180000, 0x00180000, 0x00008000, OWN },	/* OCRAM_S data */
	{ 0x20200000, 0x00900000, 0x00020000, OWN },	/* OCRAM data */
	{ 0x20220000, 0x00920000, 0x00020000, OWN },	/* OCRAM data */
	{ 0x40000000, 0x40000000, 0x80000000, 0 },	/* DDR */
};

/* i.MX8MN and i.MX8MP: Cortex-M7 */
static const struct amp_xlate_win att_imx8mn[] = {
	{ 0x00000000, 0x007e0000, 0x00020000, OWN | IOMEM },	/* ITCM */
	{ 0x00180000, 0x00180000, 0x00009000, 0 },	/* OCRAM_S */
	{ 0x00900000, 0x00900000, 0x00020000, 0 },	/* OCRAM */
	{ 0x00920000, 0x00920000, 0x00020000, 0 },	/* OCRAM */
	{ 0x00940000, 0x00940000, 0x00050000, 0 },	/* OCRAM */
	{ 0x08000000, 0x08000000, 0x08000000, 0 },	/* QSPI */
	{ 0x10000000, 0x40000000, 0x0ffe0000, 0 },	/* DDR, code alias */
	{ 0x20000000, 0x00800000, 0x00020000, OWN | IOMEM },	/* DTCM */
	{ 0x20180000, 0x00180000, 0x00008000, OWN },	/* OCRAM_S data */
	{ 0x20200000, 0x00900000, 0x00020000, OWN },	/* OCRAM data */
	{ 0x20220000, 0x00920000, 0x00020000, OWN },	/* OCRAM data */
	{ 0x20240000, 0x00940000, 0x00040000, OWN },	/* OCRAM data */
	{ 0x40000000, 0x40000000, 0x80000000, 0 },	/* DDR */
};

/* i.MX8QM: two Cortex-M4, each with its own TCM at the same address */
static const struct amp_xlate_win att_imx8qm[] = {
	{ 0x08000000, 0x08000000, 0x10000000, 0 },	/* FlexSPI */
	{ 0x1ffe0000, 0x34fe0000, 0x00020000, OWN | IOMEM | IMX_ATT_CORE(0) },
	{ 0x1ffe0000, 0x38fe0000, 0x00020000, OWN | IOMEM | IMX_ATT_CORE(1) },
	{ 0x20000000, 0x35000000, 0x00020000, OWN | IOMEM | IMX_ATT_CORE(0) },
	{ 0x20000000, 0x39000000, 0x00020000, OWN | IOMEM | IMX_ATT_CORE(1) },
	{ 0x80000000, 0x80000000, 0x60000000, 0 },	/* DDR */
};

static const struct amp_xlate_win att_imx8qxp[] = {
	{ 0x08000000, 0x08000000, 0x10000000, 0 },	/* FlexSPI */
	{ 0x1ffe0000, 0x34fe0000, 0x00040000, OWN | IOMEM },	/* TCML/U */
	{ 0x21000000, 0x00100000, 0x00018000, 0 },	/* OCRAM, low 96 KiB */
	{ 0x21100000, 0x00100000, 0x00040000, 0 },	/* OCRAM */
	{ 0x80000000, 0x80000000, 0x60000000, 0 },	/* DDR */
};

static const struct amp_xlate_win att_imx8ulp[] = {
	{ 0x1ffc0000, 0x1ffc0000, 0x000c0000, OWN },	/* TCM */
	{ 0x21000000, 0x21000000, 0x00010000, OWN },	/* SSRAM */
	{ 0x80000000, 0x80000000, 0x60000000, 0 },	/* DDR */
};

/* i.MX93: Cortex-M33, secure and non-secure aliases */
static const struct amp_xlate_win att_imx93[] = {
	{ 0x0ffc0000, 0x201c0000, 0x00040000, OWN | IOMEM },	/* TCM code */
	{ 0x1ffc0000, 0x201c0000, 0x00040000, OWN | IOMEM },	/* secure */
	{ 0x20000000, 0x20200000, 0x00040000, OWN | IOMEM },	/* TCM sys */
	{ 0x30000000, 0x20200000, 0x00040000, OWN | IOMEM },	/* secure */
	{ 0x80000000, 0x80000000, 0x10000000, 0 },	/* DDR */
	{ 0x90000000, 0x80000000, 0x10000000, 0 },	/* secure */
	{ 0xc0000000, 0xc0000000, 0x10000000, 0 },	/* DDR */
	{ 0xd0000000, 0xc0000000, 0x10000000, 0 },	/* secure */
};

const struct imx_rproc_soc imx_rproc_socs[IMX_SOC_COUNT] = {
	[IMX_SOC_IMX6SX] = {
		.name = "i.MX6SX", .ctl = IMX_CTL_SRC,
		.att = att_imx6sx, .natt = ARRAY_SIZE(att_imx6sx),
		.src_reg = 0x00, .src_mask = SCR6_MASK,
		.src_start = SCR6_ENABLE | SCR6_PLAT_RST | SCR6_CORE_RST,
		.src_stop = SCR6_ENABLE | SCR6_CORE_RST | SCR6_CORE_RST_HOLD,
	},
	[IMX_SOC_IMX7D] = {
		.name = "i.MX7D", .ctl = IMX_CTL_SRC,
		.att = att_imx7d, .natt = ARRAY_SIZE(att_imx7d),
		.src_reg = 0x0c, .src_mask = SCR7_MASK,
		.src_start = SCR7_ENABLE | SCR7_PLAT_RST | SCR7_CORE_RST,
		.src_stop = SCR7_ENABLE | SCR7_CORE_RST | SCR7_CORE_RST_HOLD,
	},
	[IMX_SOC_IMX7ULP] = {
		.name = "i.MX7ULP", .ctl = IMX_CTL_NONE,
		.att = att_imx7ulp, .natt = ARRAY_SIZE(att_imx7ulp),
	},
	[IMX_SOC_IMX8MQ] = {
		.name = "i.MX8MQ/8MM", .ctl = IMX_CTL_SRC,
		.att = att_imx8mq, .natt = ARRAY_SIZE(att_imx8mq),
		.src_reg = 0x0c, .src_mask = SCR7_MASK,
		.src_start = SCR7_ENABLE | SCR7_PLAT_RST | SCR7_CORE_RST,
		.src_stop = SCR7_ENABLE | SCR7_CORE_RST | SCR7_CORE_RST_HOLD,
	},
	[IMX_SOC_IMX8MN] = {
		.name = "i.MX8MN/8MP", .ctl = IMX_CTL_SMC,
		.att = att_imx8mn, .natt = ARRAY_SIZE(att_imx8mn),
	},
	[IMX_SOC_IMX8MN_MMIO] = {
		.name = "i.MX8MN/8MP", .ctl = IMX_CTL_SRC,
		.att = att_imx8mn, .natt = ARRAY_SIZE(att_imx8mn),
		.src_reg = 0x0c, .src_mask = SCR7_MASK,
		.src_start = SCR7_ENABLE | SCR7_PLAT_RST | SCR7_CORE_RST,
		.src_stop = SCR7_ENABLE | SCR7_CORE_RST,
		.gpr_reg = GPR22, .gpr_wait = GPR22_CM7_CPUWAIT,
	},
	[IMX_SOC_IMX8QM] = {
		.name = "i.MX8QM", .ctl = IMX_CTL_SCU,
		.att = att_imx8qm, .natt = ARRAY_SIZE(att_imx8qm),
	},
	[IMX_SOC_IMX8QXP] = {
		.name = "i.MX8QXP", .ctl = IMX_CTL_SCU,
		.att = att_imx8qxp, .natt = ARRAY_SIZE(att_imx8qxp),
	},
	[IMX_SOC_IMX8ULP] = {
		.name = "i.MX8ULP", .ctl = IMX_CTL_NONE,
		.att = att_imx8ulp, .natt = ARRAY_SIZE(att_imx8ulp),
	},
	[IMX_SOC_IMX93] = {
		.name = "i.MX93", .ctl = IMX_CTL_SMC,
		.att = att_imx93, .natt = ARRAY_SIZE(att_imx93),
	},
};

static bool imx_rproc_win_is_core(const struct amp_xlate_win *w,
				  unsigned int core)
{
	u32 cores = w->flags & IMX_ATT_CORE_MASK;

	return !cores || (core < 16 && (cores & BIT(core)));
}

/**
 * imx_rproc_soc_da_to_pa() - where the core's address range is for Linux
 * @soc: the SoC
 * @core: which of its remote cores (0 on single-core parts)
 * @da: first device address
 * @len: bytes, non-zero
 * @pa: the system address, on success
 * @flags: the window's flags, on success (may be NULL)
 *
 * The whole range must lie in one window: firmware segments and resource
 * table entries are untrusted and may name any address.
 *
 * Return: the window's index, -EINVAL for an empty range, -ERANGE if no
 * window of @core holds the range.
 */
int imx_rproc_soc_da_to_pa(const struct imx_rproc_soc *soc,
			   unsigned int core, u64 da, u64 len, u64 *pa,
			   u32 *flags)
{
	unsigned int i;

	if (!len)
		return -EINVAL;
	for (i = 0; i < soc->natt; i++) {
		const struct amp_xlate_win *w = &soc->att[i];

		if (!imx_rproc_win_is_core(w, core) ||
		    !amp_xlate_within(w->da, w->size, da, len))
			continue;
		*pa = w->pa + (da - w->da);
		if (flags)
			*flags = w->flags;
		return i;
	}
	return -ERANGE;
}

/**
 * imx_rproc_soc_pa_to_da() - the core's address of a system range
 * @soc: the SoC
 * @core: which of its remote cores
 * @pa: first system address
 * @len: bytes, non-zero
 * @da: the device address, on success
 *
 * Memory the core sees at several addresses gets, in this order: the
 * same address (DDR through the system bus, not a code-bus alias the
 * core may cache), the core's own window, any window.
 *
 * Return: the window's index, -EINVAL for an empty range, -ERANGE if the
 * core cannot see the whole range.
 */
int imx_rproc_soc_pa_to_da(const struct imx_rproc_soc *soc,
			   unsigned int core, u64 pa, u64 len, u64 *da)
{
	unsigned int pass, i;

	if (!len)
		return -EINVAL;
	for (pass = 0; pass < 3; pass++) {
		for (i = 0; i < soc->natt; i++) {
			const struct amp_xlate_win *w = &soc->att[i];

			if (!imx_rproc_win_is_core(w, core) ||
			    !amp_xlate_within(w->pa, w->size, pa, len))
				continue;
			if ((pass == 0 && w->da != w->pa) ||
			    (pass == 1 && !(w->flags & IMX_ATT_OWN)))
				continue;
			*da = w->da + (pa - w->pa);
			return i;
		}
	}
	return -ERANGE;
}
