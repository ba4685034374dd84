// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of imx_rproc's per-SoC data: every table consistent, each
 * SoC's translation at its edges and aliases, the MU kick word.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/module.h>

#include <amp/mbox_kick.h>
#include <amp/rproc_fw.h>

#include "../drivers/remoteproc/imx_rproc_soc.h"

#define KNOWN_FLAGS	(IMX_ATT_OWN | IMX_ATT_IOMEM | IMX_ATT_CORE_MASK)

static const struct imx_rproc_soc *soc(enum imx_rproc_soc_id id)
{
	return &imx_rproc_socs[id];
}

/* Every SoC entry: what the driver relies on without checking. */
static void soc_tables_consistent(struct kunit *test)
{
	unsigned int s, i;

	for (s = 0; s < IMX_SOC_COUNT; s++) {
		const struct imx_rproc_soc *c = soc(s);
		bool own = false;

		KUNIT_ASSERT_NOT_NULL_MSG(test, c->name, "soc %u", s);
		KUNIT_ASSERT_NOT_NULL_MSG(test, c->att, "%s", c->name);
		KUNIT_EXPECT_GT_MSG(test, c->natt, 0U, "%s", c->name);
		for (i = 0; i < c->natt; i++) {
			const struct amp_xlate_win *w = &c->att[i];
			unsigned int core;
			u64 pa;
			int j;

			KUNIT_EXPECT_GT_MSG(test, w->size, 0ULL, "%s[%u]", c->name, i);
			KUNIT_EXPECT_LE_MSG(test, w->da + w->size, 1ULL << 32,
					    "%s[%u]: da past 4 GiB", c->name, i);
			KUNIT_EXPECT_LE_MSG(test, w->pa + w->size, 1ULL << 32,
					    "%s[%u]: pa past 4 GiB", c->name, i);
			KUNIT_EXPECT_EQ_MSG(test, w->flags & ~KNOWN_FLAGS, 0U,
					    "%s[%u]", c->name, i);
			if (w->flags & IMX_ATT_CORE_MASK)
				KUNIT_EXPECT_EQ_MSG(test, c->ctl, IMX_CTL_SCU,
						    "%s[%u]: per-core window", c->name, i);
			own |= w->flags & IMX_ATT_OWN;
			/* the whole window translates, through it or an alias before it */
			core = w->flags & IMX_ATT_CORE_MASK ?
			       __ffs(w->flags & IMX_ATT_CORE_MASK) : 0;
			j = imx_rproc_soc_da_to_pa(c, core, w->da, w->size, &pa,
						   NULL);
			KUNIT_EXPECT_GE_MSG(test, j, 0, "%s[%u]", c->name, i);
			KUNIT_EXPECT_LE_MSG(test, j, (int)i, "%s[%u]", c->name, i);
		}
		KUNIT_EXPECT_TRUE_MSG(test, own, "%s: no window of its own", c->name);

		if (c->ctl == IMX_CTL_SRC) {
			KUNIT_EXPECT_NE_MSG(test, c->src_mask, 0U, "%s", c->name);
			KUNIT_EXPECT_EQ_MSG(test, (c->src_start | c->src_stop) & ~c->src_mask,
					    0U, "%s: bits outside the mask", c->name);
			KUNIT_EXPECT_NE_MSG(test, c->src_start, c->src_stop, "%s", c->name);
		} else {
			KUNIT_EXPECT_EQ_MSG(test, c->src_mask | c->src_start | c->src_stop,
					    0U, "%s: SRC bits without SRC control", c->name);
		}
		KUNIT_EXPECT_EQ_MSG(test, !c->gpr_reg, !c->gpr_wait, "%s", c->name);
		if (c->gpr_wait)
			KUNIT_EXPECT_EQ_MSG(test, c->ctl, IMX_CTL_SRC, "%s", c->name);
	}
}

static void expect_da(struct kunit *test, enum imx_rproc_soc_id id,
		      unsigned int core, u64 da, u64 len, int ret, u64 want,
		      u32 flags)
{
	u64 pa = 0;
	u32 f = 0;
	int got;

	got = imx_rproc_soc_da_to_pa(soc(id), core, da, len, &pa, &f);
	if (ret < 0) {
		KUNIT_EXPECT_EQ_MSG(test, got, ret, "%s da %llx+%llx",
				    soc(id)->name, da, len);
		return;
	}
	KUNIT_EXPECT_GE_MSG(test, got, 0, "%s da %llx+%llx", soc(id)->name, da, len);
	KUNIT_EXPECT_EQ_MSG(test, pa, want, "%s da %llx", soc(id)->name, da);
	KUNIT_EXPECT_EQ_MSG(test, f & (IMX_ATT_OWN | IMX_ATT_IOMEM), flags,
			    "%s da %llx", soc(id)->name, da);
}

static void imx8mm_map(struct kunit *test)
{
	/* TCM: boot alias at 0 and its own window, both I/O */
	expect_da(test, IMX_SOC_IMX8MQ, 0, 0x0, 4, 0, 0x7e0000, IMX_ATT_IOMEM);
	expect_da(test, IMX_SOC_IMX8MQ, 0, 0x1ffe0000, 0x40000, 0, 0x7e0000,
		  IMX_ATT_OWN | IMX_ATT_IOMEM);
	expect_da(test, IMX_SOC_IMX8MQ, 0, 0x1fffffff, 1, 0, 0x7fffff,
		  IMX_ATT_OWN | IMX_ATT_IOMEM);
	/* the EVK's M4 DDR, vrings and the last byte of DDR */
	expect_da(test, IMX_SOC_IMX8MQ, 0, 0x80000000, 0x1000000, 0, 0x80000000, 0);
	expect_da(test, IMX_SOC_IMX8MQ, 0, 0xb8000000, 0x8000, 0, 0xb8000000, 0);
	expect_da(test, IMX_SOC_IMX8MQ, 0, 0xbfffffff, 1, 0, 0xbfffffff, 0);
	/* DDR through the code bus */
	expect_da(test, IMX_SOC_IMX8MQ, 0, 0x10000000, 0x100, 0, 0x40000000, 0);
	/* a window's end exactly: in; one byte more: out */
	expect_da(test, IMX_SOC_IMX8MQ, 0, 0x00900000, 0x20000, 0, 0x900000, 0);
	expect_da(test, IMX_SOC_IMX8MQ, 0, 0xbfffffff, 2, -ERANGE, 0, 0);
	expect_da(test, IMX_SOC_IMX8MQ, 0, 0x30000000, 4, -ERANGE, 0, 0);
	expect_da(test, IMX_SOC_IMX8MQ, 0, 0x80000000, 0, -EINVAL, 0, 0);
	expect_da(test, IMX_SOC_IMX8MQ, 0, 0xfffffffffffffff0ULL, 0x20, -ERANGE, 0, 0);
}

static void imx7d_map(struct kunit *test)
{
	u64 da = 0;

	expect_da(test, IMX_SOC_IMX7D, 0, 0x1fff8000, 0x8000, 0, 0x7f8000,
		  IMX_ATT_OWN | IMX_ATT_IOMEM);
	expect_da(test, IMX_SOC_IMX7D, 0, 0x20000000, 0x8000, 0, 0x800000,
		  IMX_ATT_OWN | IMX_ATT_IOMEM);
	/* TCML and TCMU are adjacent in da, not one window */
	expect_da(test, IMX_SOC_IMX7D, 0, 0x1ffff000, 0x2000, -ERANGE, 0, 0);
	expect_da(test, IMX_SOC_IMX7D, 0, 0x00000000, 0x100, 0, 0x180000, 0);
	expect_da(test, IMX_SOC_IMX7D, 0, 0x8ff00000, 0x100000, 0, 0x8ff00000, 0);

	/* Colibri's regions, as the core sees them for carveouts */
	KUNIT_EXPECT_GE(test, imx_rproc_soc_pa_to_da(soc(IMX_SOC_IMX7D), 0,
						     0x7f8000, 0x8000, &da), 0);
	KUNIT_EXPECT_EQ(test, da, 0x1fff8000ULL);
	KUNIT_EXPECT_GE(test, imx_rproc_soc_pa_to_da(soc(IMX_SOC_IMX7D), 0,
						     0x900000, 0x20000, &da), 0);
	KUNIT_EXPECT_EQ(test, da, 0x900000ULL);
	/* DDR: the system-bus address, not the code-bus alias listed first */
	KUNIT_EXPECT_GE(test, imx_rproc_soc_pa_to_da(soc(IMX_SOC_IMX7D), 0,
						     0x8ff00000, 0x100000, &da), 0);
	KUNIT_EXPECT_EQ(test, da, 0x8ff00000ULL);
	KUNIT_EXPECT_EQ(test, imx_rproc_soc_pa_to_da(soc(IMX_SOC_IMX7D), 0,
						     0x01000000, 0x10, &da), -ERANGE);
}

static void imx8qm_cores(struct kunit *test)
{
	expect_da(test, IMX_SOC_IMX8QM, 0, 0x1ffe0000, 0x20000, 0, 0x34fe0000,
		  IMX_ATT_OWN | IMX_ATT_IOMEM);
	expect_da(test, IMX_SOC_IMX8QM, 1, 0x1ffe0000, 0x20000, 0, 0x38fe0000,
		  IMX_ATT_OWN | IMX_ATT_IOMEM);
	expect_da(test, IMX_SOC_IMX8QM, 1, 0x20000000, 0x10, 0, 0x39000000,
		  IMX_ATT_OWN | IMX_ATT_IOMEM);
	/* shared windows serve both */
	expect_da(test, IMX_SOC_IMX8QM, 1, 0x80000000, 0x10, 0, 0x80000000, 0);
	/* a core the SoC does not have sees only the shared windows */
	expect_da(test, IMX_SOC_IMX8QM, 2, 0x1ffe0000, 0x10, -ERANGE, 0, 0);
}

static void imx93_secure_alias(struct kunit *test)
{
	expect_da(test, IMX_SOC_IMX93, 0, 0x0ffc0000, 0x40000, 0, 0x201c0000,
		  IMX_ATT_OWN | IMX_ATT_IOMEM);
	expect_da(test, IMX_SOC_IMX93, 0, 0x1ffc0000, 0x40000, 0, 0x201c0000,
		  IMX_ATT_OWN | IMX_ATT_IOMEM);
	expect_da(test, IMX_SOC_IMX93, 0, 0x90000010, 0x10, 0, 0x80000010, 0);
}

static void mu_word(struct kunit *test)
{
	unsigned int vq;

	KUNIT_EXPECT_EQ(test, amp_kick_mu_word(0), 0U);
	KUNIT_EXPECT_EQ(test, amp_kick_mu_word(1), 0x10000U);
	KUNIT_EXPECT_EQ(test, amp_kick_mu_word(0xffff), 0xffff0000U);
	for (vq = 0; vq < 0x10000; vq += 0x1111)
		KUNIT_EXPECT_EQ(test, amp_kick_mu_id(amp_kick_mu_word(vq)), vq);
	/* the lower half carries nothing */
	KUNIT_EXPECT_EQ(test, amp_kick_mu_id(0x1ffff), 1U);
}

static void vdev_buffer_names(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, amp_rproc_is_vdev_buffer("vdev0buffer"));
	KUNIT_EXPECT_TRUE(test, amp_rproc_is_vdev_buffer("vdev12buffer"));
	KUNIT_EXPECT_FALSE(test, amp_rproc_is_vdev_buffer("vdevbuffer"));
	KUNIT_EXPECT_FALSE(test, amp_rproc_is_vdev_buffer("vdev0vring0"));
	KUNIT_EXPECT_FALSE(test, amp_rproc_is_vdev_buffer("vdev0buffer1"));
	KUNIT_EXPECT_FALSE(test, amp_rproc_is_vdev_buffer("rsc-table"));
	KUNIT_EXPECT_FALSE(test, amp_rproc_is_vdev_buffer(""));
}

static struct kunit_case amp_imx_rproc_cases[] = {
	KUNIT_CASE(soc_tables_consistent),
	KUNIT_CASE(imx8mm_map),
	KUNIT_CASE(imx7d_map),
	KUNIT_CASE(imx8qm_cores),
	KUNIT_CASE(imx93_secure_alias),
	KUNIT_CASE(mu_word),
	KUNIT_CASE(vdev_buffer_names),
	{}
};

static struct kunit_suite amp_imx_rproc_suite = {
	.name = "amp_imx_rproc",
	.test_cases = amp_imx_rproc_cases,
};

kunit_test_suite(amp_imx_rproc_suite);

MODULE_DESCRIPTION("KUnit: imx_rproc SoC data");
MODULE_LICENSE("GPL");
