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

static struct kunit_case amp_xlate_cases[] = {
	KUNIT_CASE(xlate_inside),
	KUNIT_CASE(xlate_edges),
	KUNIT_CASE(xlate_straddle),
	KUNIT_CASE(xlate_empty),
	KUNIT_CASE(xlate_overflow),
	KUNIT_CASE(xlate_flags),
	KUNIT_CASE(xlate_reverse_alias),
	{}
};

static struct kunit_suite amp_xlate_suite = {
	.name = "amp_xlate",
	.test_cases = amp_xlate_cases,
};

kunit_test_suite(amp_xlate_suite);

MODULE_DESCRIPTION("KUnit tests for the remote core address translation helper");
MODULE_LICENSE("GPL");
