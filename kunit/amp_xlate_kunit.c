// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the device <-> physical address translation helper that
 * the platform drivers and the virtual remote processor share.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/module.h>

#include <amp/xlate.h>

#define OWN	BIT(0)

/* An i.MX8M-like map: a TCM seen through an alias and its own window. */
static const struct amp_xlate_win tbl[] = {
	{ 0x00000000, 0x007e0000, 0x00020000, 0 },	/* TCML alias */
	{ 0x1ffe0000, 0x007e0000, 0x00040000, OWN },	/* TCML/U */
	{ 0x40000000, 0x40000000, 0x80000000, 0 },	/* DDR */
	{ U64_MAX - 0xfff, 0x1000, 0x1000, 0 },		/* top of space */
};

static void xlate_inside(struct kunit *test)
{
	u64 pa = 0;

	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(tbl, ARRAY_SIZE(tbl),
						 0x1ffe0010, 4, 0, 0, &pa), 1);
	KUNIT_EXPECT_EQ(test, pa, 0x007e0010ULL);
	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(tbl, ARRAY_SIZE(tbl),
						 0x80000000, 0x1000, 0, 0, &pa), 2);
	KUNIT_EXPECT_EQ(test, pa, 0x80000000ULL);
}

static void xlate_edges(struct kunit *test)
{
	u64 pa = 0;

	/* first and last byte of a window, and the whole window */
	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(tbl, ARRAY_SIZE(tbl),
						 0x40000000, 1, 0, 0, &pa), 2);
	KUNIT_EXPECT_EQ(test, pa, 0x40000000ULL);
	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(tbl, ARRAY_SIZE(tbl),
						 0xbfffffff, 1, 0, 0, &pa), 2);
	KUNIT_EXPECT_EQ(test, pa, 0xbfffffffULL);
	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(tbl, ARRAY_SIZE(tbl),
						 0x40000000, 0x80000000, 0, 0,
						 &pa), 2);
	/* one byte past either end */
	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(tbl, ARRAY_SIZE(tbl),
						 0xc0000000, 1, 0, 0, &pa),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(tbl, ARRAY_SIZE(tbl),
						 0x3fffffff, 1, 0, 0, &pa),
			-ERANGE);
}

static void xlate_straddle(struct kunit *test)
{
	u64 pa = 0x1234;

	/* a range that begins inside a window but ends past it */
	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(tbl, ARRAY_SIZE(tbl),
						 0xbffffff0, 0x20, 0, 0, &pa),
			-ERANGE);
	/* longer than any window */
	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(tbl, ARRAY_SIZE(tbl),
						 0x40000000, 0x80000001, 0, 0,
						 &pa), -ERANGE);
	/* failures leave the output alone */
	KUNIT_EXPECT_EQ(test, pa, 0x1234ULL);
}

static void xlate_empty(struct kunit *test)
{
	u64 pa = 0, da = 0;

	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(tbl, ARRAY_SIZE(tbl),
						 0x40000000, 0, 0, 0, &pa),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, amp_xlate_pa_to_da(tbl, ARRAY_SIZE(tbl),
						 0x40000000, 0, &da), -EINVAL);
	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(tbl, 0, 0x40000000, 1, 0, 0,
						 &pa), -ERANGE);
}

static void xlate_overflow(struct kunit *test)
{
	u64 pa = 0;

	/* the window at the very top of the address space */
	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(tbl, ARRAY_SIZE(tbl),
						 U64_MAX, 1, 0, 0, &pa), 3);
	KUNIT_EXPECT_EQ(test, pa, 0x1fffULL);
	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(tbl, ARRAY_SIZE(tbl),
						 U64_MAX - 0xfff, 0x1000, 0, 0,
						 &pa), 3);
	/* da + len wraps around: must not be taken for a small range */
	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(tbl, ARRAY_SIZE(tbl),
						 U64_MAX, 2, 0, 0, &pa),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(tbl, ARRAY_SIZE(tbl),
						 0x40000000, U64_MAX, 0, 0,
						 &pa), -ERANGE);
}

static void xlate_flags(struct kunit *test)
{
	u64 pa = 0;

	/* the alias at 0 is not the core's own window */
	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(tbl, ARRAY_SIZE(tbl),
						 0x100, 4, OWN, OWN, &pa),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(tbl, ARRAY_SIZE(tbl),
						 0x100, 4, OWN, 0, &pa), 0);
	KUNIT_EXPECT_EQ(test, pa, 0x007e0100ULL);
	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(tbl, ARRAY_SIZE(tbl),
						 0x1ffe0100, 4, OWN, OWN, &pa),
			1);
}

static void xlate_reverse_alias(struct kunit *test)
{
	u64 da = 0;

	/* the same TCM byte: the first window listed wins */
	KUNIT_EXPECT_EQ(test, amp_xlate_pa_to_da(tbl, ARRAY_SIZE(tbl),
						 0x007e0004, 4, &da), 0);
	KUNIT_EXPECT_EQ(test, da, 0x4ULL);
	/* past the alias, only the wider own window holds it */
	KUNIT_EXPECT_EQ(test, amp_xlate_pa_to_da(tbl, ARRAY_SIZE(tbl),
						 0x00800000, 4, &da), 1);
	KUNIT_EXPECT_EQ(test, da, 0x1ffe0000ULL + 0x20000);
	KUNIT_EXPECT_EQ(test, amp_xlate_pa_to_da(tbl, ARRAY_SIZE(tbl),
						 0x00820000, 1, &da), -ERANGE);
}

/* The STM32MP157 M4's mlahb dma-ranges: RETRAM, MCU SRAM twice. */
static const u32 stm32_ranges[] = {
	0x00000000, 0x38000000, 0x10000,
	0x10000000, 0x10000000, 0x60000,
	0x30000000, 0x10000000, 0x60000,
};

static void ranges_stm32(struct kunit *test)
{
	struct amp_xlate_win w[4];
	u64 pa = 0;

	KUNIT_ASSERT_EQ(test, amp_xlate_from_ranges(stm32_ranges, ARRAY_SIZE(stm32_ranges),
						    1, 1, 1, w, ARRAY_SIZE(w)), 3);
	/* edges of RETRAM */
	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(w, 3, 0x0, 0x10000, 0, 0, &pa), 0);
	KUNIT_EXPECT_EQ(test, pa, 0x38000000ULL);
	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(w, 3, 0xffff, 1, 0, 0, &pa), 0);
	KUNIT_EXPECT_EQ(test, pa, 0x3800ffffULL);
	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(w, 3, 0xffff, 2, 0, 0, &pa), -ERANGE);
	/* the hole between RETRAM and MCU SRAM, and past MCU SRAM */
	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(w, 3, 0x10000, 4, 0, 0, &pa), -ERANGE);
	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(w, 3, 0x10060000, 4, 0, 0, &pa), -ERANGE);
	/* the SRAM's two views, and back to the first */
	KUNIT_EXPECT_EQ(test, amp_xlate_da_to_pa(w, 3, 0x30040000, 0x100, 0, 0, &pa), 2);
	KUNIT_EXPECT_EQ(test, pa, 0x10040000ULL);
	KUNIT_EXPECT_EQ(test, amp_xlate_pa_to_da(w, 3, 0x10040000, 0x100, &pa), 1);
	KUNIT_EXPECT_EQ(test, pa, 0x10040000ULL);
	KUNIT_EXPECT_EQ(test, amp_xlate_pa_to_da(w, 3, 0x20000000, 4, &pa), -ERANGE);
}

static void ranges_malformed(struct kunit *test)
{
	static const u32 two_cells[] = { 0, 0x10, 0x00000001, 0, 0x1000 };
	static const u32 empty[] = { 0x1000, 0x2000, 0 };
	static const u32 wraps[] = { 0xfffff000, 0x2000, 0x2000 };
	struct amp_xlate_win w[2];

	KUNIT_EXPECT_EQ(test, amp_xlate_from_ranges(stm32_ranges, 8, 1, 1, 1, w, 2),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, amp_xlate_from_ranges(stm32_ranges, 9, 1, 1, 1, w, 2),
			-E2BIG);
	KUNIT_EXPECT_EQ(test, amp_xlate_from_ranges(stm32_ranges, 0, 1, 1, 1, w, 2),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, amp_xlate_from_ranges(stm32_ranges, 9, 3, 1, 1, w, 2),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, amp_xlate_from_ranges(empty, 3, 1, 1, 1, w, 2), -EINVAL);
	KUNIT_EXPECT_EQ(test, amp_xlate_from_ranges(wraps, 3, 1, 1, 1, w, 2), -EINVAL);
	/* 64-bit parent address and size */
	KUNIT_ASSERT_EQ(test, amp_xlate_from_ranges(two_cells, 5, 1, 2, 2, w, 2), 1);
	KUNIT_EXPECT_EQ(test, w[0].da, 0ULL);
	KUNIT_EXPECT_EQ(test, w[0].pa, 0x1000000001ULL);
	KUNIT_EXPECT_EQ(test, w[0].size, 0x1000ULL);
}

static struct kunit_case amp_xlate_cases[] = {
	KUNIT_CASE(xlate_inside),
	KUNIT_CASE(xlate_edges),
	KUNIT_CASE(xlate_straddle),
	KUNIT_CASE(xlate_empty),
	KUNIT_CASE(xlate_overflow),
	KUNIT_CASE(xlate_flags),
	KUNIT_CASE(xlate_reverse_alias),
	KUNIT_CASE(ranges_stm32),
	KUNIT_CASE(ranges_malformed),
	{}
};

static struct kunit_suite amp_xlate_suite = {
	.name = "amp_xlate",
	.test_cases = amp_xlate_cases,
};

kunit_test_suite(amp_xlate_suite);

MODULE_DESCRIPTION("KUnit tests for the remote core address translation helper");
MODULE_LICENSE("GPL");
