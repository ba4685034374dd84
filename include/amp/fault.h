/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Delay and failure points for the tests, in test builds only.
 *
 * Some races need a stalled CPU to show: a test widens the window by
 * setting a delay, in milliseconds, through a module parameter named
 * fault_<point>_ms. Some error paths need a failure to run: a test sets
 * how many times the point fails, parameter fault_<point>. The points
 * exist only when the project is built with AMP_TESTS=1 (as `make check`
 * does, which defines AMP_FAULT_INJECT); in what `make` and `make
 * modules_install` build they are empty and the parameters do not exist.
 */
#ifndef AMP_FAULT_H
#define AMP_FAULT_H

#ifdef AMP_FAULT_INJECT
#include <linux/delay.h>
#include <linux/moduleparam.h>

#define AMP_FAULT_POINT(point, desc)					\
	static unsigned int fault_##point##_ms;				\
	module_param(fault_##point##_ms, uint, 0600);			\
	MODULE_PARM_DESC(fault_##point##_ms,				\
			 desc " (ms; test builds only)")

#define amp_fault_delay(point)						\
	do {								\
		unsigned int __ms = READ_ONCE(fault_##point##_ms);	\
									\
		if (__ms)						\
			msleep(__ms);					\
	} while (0)

/*
 * The same where the caller may not sleep: a busy wait (the variable's
 * name differs from the one inside mdelay(), which would shadow it)
 */
#define amp_fault_mdelay(point)						\
	do {								\
		unsigned int __amp_ms = READ_ONCE(fault_##point##_ms);	\
									\
		if (__amp_ms)						\
			mdelay(__amp_ms);				\
	} while (0)

#define AMP_FAULT_FAIL_POINT(point, desc)				\
	static unsigned int fault_##point;				\
	module_param(fault_##point, uint, 0600);			\
	MODULE_PARM_DESC(fault_##point,					\
			 desc " (how many times; test builds only)")

/* Fail this time? Counts the failures set down (tests run one at a time). */
static inline bool amp_fault_take(unsigned int *left)
{
	unsigned int n = READ_ONCE(*left);

	if (!n)
		return false;
	WRITE_ONCE(*left, n - 1);
	return true;
}

#define amp_fault_fail(point)	amp_fault_take(&fault_##point)
#else
/* nothing, but for the semicolon after the point */
#define AMP_FAULT_POINT(point, desc)	static_assert(sizeof(#point desc))
#define amp_fault_delay(point)	((void)sizeof(#point))
#define amp_fault_mdelay(point)	((void)sizeof(#point))
#define AMP_FAULT_FAIL_POINT(point, desc)	static_assert(sizeof(#point desc))
#define amp_fault_fail(point)	(!sizeof(#point))
#endif

#endif /* AMP_FAULT_H */
