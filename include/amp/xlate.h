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
#include <linux/limits.h>
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

/**
 * amp_xlate_from_ranges() - windows from a "dma-ranges" property
 * @cells: the property's cells, in CPU order
 * @ncells: how many
 * @acells: address cells of the child bus (the remote core's view, 1 or 2)
 * @pcells: address cells of the parent bus (the system's view, 1 or 2)
 * @scells: size cells (1 or 2)
 * @win: filled with one window per entry, flags 0
 * @max: room in @win
 *
 * Return: the number of windows, -EINVAL for a malformed property (cell
 * counts out of range, a partial entry, an empty or wrapping window) or
 * -E2BIG when it has more than @max entries.
 */
static inline int amp_xlate_from_ranges(const u32 *cells, size_t ncells,
					unsigned int acells,
					unsigned int pcells,
					unsigned int scells,
					struct amp_xlate_win *win, size_t max)
{
	unsigned int per = acells + pcells + scells, i, k;
	size_t n;

	if (acells < 1 || acells > 2 || pcells < 1 || pcells > 2 ||
	    scells < 1 || scells > 2 || !ncells || ncells % per)
		return -EINVAL;
	n = ncells / per;
	if (n > max)
		return -E2BIG;
	for (i = 0; i < n; i++, cells += per) {
		u64 v[3] = { 0, 0, 0 };
		const unsigned int w[3] = { acells, pcells, scells };
		const u32 *c = cells;

		for (k = 0; k < 3; k++) {
			v[k] = *c++;
			if (w[k] == 2)
				v[k] = v[k] << 32 | *c++;
		}
		/* a window ends inside its address space (32 bits for 1 cell) */
		if (!v[2] ||
		    v[2] - 1 > (acells == 1 ? U32_MAX : U64_MAX) - v[0] ||
		    v[2] - 1 > (pcells == 1 ? U32_MAX : U64_MAX) - v[1])
			return -EINVAL;
		win[i].da = v[0];
		win[i].pa = v[1];
		win[i].size = v[2];
		win[i].flags = 0;
	}
	return n;
}

#endif /* AMP_XLATE_H */
