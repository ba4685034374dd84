// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the <phandle offset mask> syscon properties stm32_rproc
 * reads (include/amp/syscon_field.h).
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/module.h>

#include <amp/syscon_field.h>

/* The STM32MP151 dtsi's values, phandles made up. */
static void syscon_dk2(struct kunit *test)
{
	static const struct {
		u32 cells[AMP_SYSCON_FIELD_CELLS];
		u32 reg, mask;
	} ok[] = {
		{ { 0x10, 0x10c, 0x1 }, 0x10c, 0x1 },		/* holdboot (RCC) */
		{ { 0x10, 0x000, 0x1 }, 0x000, 0x1 },		/* tz (RCC_TZCR) */
		{ { 0x11, 0x000, 0x1 }, 0x000, 0x1 },		/* pdds (PWR_MCUCR) */
		{ { 0x12, 0x148, 0xffffffff }, 0x148, 0xffffffff },	/* m4-state */
		{ { 0x12, 0x144, 0xffffffff }, 0x144, 0xffffffff },	/* rsc-tbl */
	};
	struct amp_syscon_field f;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ok); i++) {
		f.reg = 0xdead;
		f.mask = 0;
		KUNIT_EXPECT_EQ_MSG(test, amp_syscon_field_parse(ok[i].cells, 3, &f), 0,
				    "entry %u", i);
		KUNIT_EXPECT_EQ_MSG(test, f.reg, ok[i].reg, "entry %u", i);
		KUNIT_EXPECT_EQ_MSG(test, f.mask, ok[i].mask, "entry %u", i);
	}
}

static void syscon_cell_count(struct kunit *test)
{
	static const u32 cells[] = { 0x10, 0x10c, 0x1 };
	struct amp_syscon_field f = { 0x55, 0x66 };

	KUNIT_EXPECT_EQ(test, amp_syscon_field_parse(cells, 0, &f), -EINVAL);
	KUNIT_EXPECT_EQ(test, amp_syscon_field_parse(cells, 1, &f), -EINVAL);
	/* <&rcc 0x10c>: the mask left out */
	KUNIT_EXPECT_EQ(test, amp_syscon_field_parse(cells, 2, &f), -EINVAL);
	/* two triples, or a fourth cell */
	KUNIT_EXPECT_EQ(test, amp_syscon_field_parse(cells, 4, &f), -EINVAL);
	KUNIT_EXPECT_EQ(test, amp_syscon_field_parse(cells, 6, &f), -EINVAL);
	/* counting failed (not a multiple of 4 bytes): passed on */
	KUNIT_EXPECT_EQ(test, amp_syscon_field_parse(cells, -EOVERFLOW, &f), -EOVERFLOW);
	KUNIT_EXPECT_EQ(test, amp_syscon_field_parse(cells, -ENODATA, &f), -ENODATA);
	/* nothing written on failure */
	KUNIT_EXPECT_EQ(test, f.reg, 0x55U);
	KUNIT_EXPECT_EQ(test, f.mask, 0x66U);
}

static void syscon_bad_cells(struct kunit *test)
{
	static const u32 no_phandle[] = { 0, 0x10c, 0x1 };
	static const u32 unaligned[] = { 0x10, 0x10d, 0x1 };
	static const u32 half[] = { 0x10, 0x10e, 0x1 };
	static const u32 no_bits[] = { 0x10, 0x10c, 0 };
	static const u32 last[] = { 0x10, 0xfffffffc, 0x80000000 };
	struct amp_syscon_field f;

	KUNIT_EXPECT_EQ(test, amp_syscon_field_parse(no_phandle, 3, &f), -EINVAL);
	KUNIT_EXPECT_EQ(test, amp_syscon_field_parse(unaligned, 3, &f), -EINVAL);
	KUNIT_EXPECT_EQ(test, amp_syscon_field_parse(half, 3, &f), -EINVAL);
	KUNIT_EXPECT_EQ(test, amp_syscon_field_parse(no_bits, 3, &f), -EINVAL);
	/* the last word of a 4 GiB syscon: for the regmap to refuse if smaller */
	KUNIT_EXPECT_EQ(test, amp_syscon_field_parse(last, 3, &f), 0);
	KUNIT_EXPECT_EQ(test, f.reg, 0xfffffffcU);
}

static struct kunit_case amp_syscon_cases[] = {
	KUNIT_CASE(syscon_dk2),
	KUNIT_CASE(syscon_cell_count),
	KUNIT_CASE(syscon_bad_cells),
	{}
};

static struct kunit_suite amp_syscon_suite = {
	.name = "amp_syscon",
	.test_cases = amp_syscon_cases,
};

kunit_test_suite(amp_syscon_suite);

MODULE_DESCRIPTION("KUnit: STM32 syscon field properties");
MODULE_LICENSE("GPL");
