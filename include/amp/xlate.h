/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Address translation between what a remote core sees (device addresses)
 * and what Linux sees (system physical addresses).
 *
 * A SoC describes its remote core's memory map as a table of windows. The
 * same physical memory may appear in several windows (aliases, e.g. a TCM
 * seen at two device addresses), so lookups return the first window that
 * holds the whole requested range. Every lookup is range- and
 * overflow-checked: addresses come from firmware images and remote
 * processors, which are untrusted.
 */
#ifndef AMP_XLATE_H
#define AMP_XLATE_H

#include <linux/errno.h>
#include <linux/types.h>

/**
 * struct amp_xlate_win - one window of a remote core's memory map
 * @da: first device address (the remote core's view)
 * @pa: first system physical address (Linux's view)
 * @size: window size in bytes, non-zero
 * @flags: SoC-specific attributes, matched by amp_xlate_da_to_pa()
 */
struct amp_xlate_win {
	u64 da;
	u64 pa;
	u64 size;
	u32 flags;
};

/* True when [addr, addr + len) lies inside [base, base + size). */
static inline bool amp_xlate_within(u64 base, u64 size, u64 addr, u64 len)
{
	return len && len <= size && addr >= base && addr - base <= size - len;
}

/**
 * amp_xlate_da_to_pa() - translate a device address range to a physical one
 * @tbl: the SoC's windows
 * @n: number of windows in @tbl
 * @da: first device address of the range
 * @len: length of the range in bytes, non-zero
 * @mask: which bits of a window's flags to compare
 * @want: the value those bits must have (mask 0 accepts every window)
 * @pa: the translated address, written only on success
 *
 * Return: the index of the window used, -EINVAL for an empty range, or
 * -ERANGE when no window holds the whole range.
 */
static inline int amp_xlate_da_to_pa(const struct amp_xlate_win *tbl,
				     size_t n, u64 da, u64 len, u32 mask,
				     u32 want, u64 *pa)
{
	size_t i;

	if (!len)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		const struct amp_xlate_win *w = &tbl[i];

		if ((w->flags & mask) != want)
			continue;
		if (amp_xlate_within(w->da, w->size, da, len)) {
			*pa = w->pa + (da - w->da);
			return i;
		}
	}
	return -ERANGE;
}

/**
 * amp_xlate_pa_to_da() - translate a physical address range to a device one
 * @tbl: the SoC's windows
 * @n: number of windows in @tbl
 * @pa: first physical address of the range
 * @len: length of the range in bytes, non-zero
 * @da: the translated address, written only on success
 *
 * Where aliases map the same memory twice, the first window in @tbl wins,
 * so a table lists the remote core's preferred view first.
 *
 * Return: the index of the window used, -EINVAL for an empty range, or
 * -ERANGE when no window holds the whole range.
 */
static inline int amp_xlate_pa_to_da(const struct amp_xlate_win *tbl,
				     size_t n, u64 pa, u64 len, u64 *da)
{
	size_t i;

	if (!len)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		const struct amp_xlate_win *w = &tbl[i];

		if (amp_xlate_within(w->pa, w->size, pa, len)) {
			*da = w->da + (pa - w->pa);
			return i;
		}
	}
	return -ERANGE;
}

#endif /* AMP_XLATE_H */
