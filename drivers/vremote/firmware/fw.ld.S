/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Firmware memory map, preprocessed per board: CODE_BASE/CODE_LEN is where
 * the image runs (the boot address first), RSC_BASE the board's rsc-table
 * region (where the boot loader and Linux expect the resource table).
 */
ENTRY(reset_handler)

MEMORY
{
	CODE (rwx) : ORIGIN = CODE_BASE, LENGTH = CODE_LEN
	RSC (rw) : ORIGIN = RSC_BASE, LENGTH = 0x1000
}

SECTIONS
{
	.vectors : { KEEP(*(.vectors)) } > CODE
	.text : { *(.text*) *(.rodata*) } > CODE
	.data : { *(.data*) } > CODE
	.trace (NOLOAD) : { *(.trace) } > CODE
	.resource_table : { KEEP(*(.resource_table)) } > RSC
	/DISCARD/ : { *(.comment) *(.ARM.attributes) *(.note*) *(.ARM.exidx*) }
}
