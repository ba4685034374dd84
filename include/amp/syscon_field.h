/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A register field named in the device tree as <&syscon offset mask>
 * (st,syscfg-holdboot, st,syscfg-tz, st,syscfg-pdds, st,syscfg-m4-state,
 * st,syscfg-rsc-tbl on the STM32MP1).
 */
#ifndef AMP_SYSCON_FIELD_H
#define AMP_SYSCON_FIELD_H

#include <linux/errno.h>
#include <linux/types.h>

/**
 * struct amp_syscon_field - where a field is, once its property is checked
 * @reg: register offset inside the syscon
 * @mask: the field's bits, non-zero
 */
struct amp_syscon_field {
	u32 reg;
	u32 mask;
};

#define AMP_SYSCON_FIELD_CELLS	3

/**
 * amp_syscon_field_parse() - check a <phandle offset mask> property
 * @cells: its first cells as read (up to AMP_SYSCON_FIELD_CELLS)
 * @n: how many cells the property has, or a negative errno from counting
 * @f: filled in on success
 *
 * The property is one phandle and two cells: syscons are 32-bit regmaps,
 * so the offset is 4-byte aligned, and a zero mask names no bit at all.
 * A mistake found here would otherwise be a regmap error at the first
 * start, or a silent no-op (zero mask).
 *
 * Return: 0, @n when negative, or -EINVAL.
 */
static inline int amp_syscon_field_parse(const u32 *cells, int n,
					 struct amp_syscon_field *f)
{
	if (n < 0)
		return n;
	if (n != AMP_SYSCON_FIELD_CELLS || !cells[0] || cells[1] % 4 || !cells[2])
		return -EINVAL;
	f->reg = cells[1];
	f->mask = cells[2];
	return 0;
}

#endif /* AMP_SYSCON_FIELD_H */
