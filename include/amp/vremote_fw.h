/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The boot header of the virtual remote's firmware images.
 *
 * A Cortex-M boots from the vector table at its boot address: initial
 * stack pointer, then reset handler. The project's firmware images put
 * this header there, so the virtual core, like the real one, finds what
 * to run at a fixed address and nowhere else. Shared by the kernel module
 * and the freestanding firmware build, hence plain C types: unsigned int
 * is 32 bits on every ABI either side uses.
 */
#ifndef AMP_VREMOTE_FW_H
#define AMP_VREMOTE_FW_H

#define VREMOTE_FW_MAGIC	"VREMOTE3"	/* 3: with shm_buf_size */
#define VREMOTE_FW_NAME_LEN	32
#define VREMOTE_FW_HEADER_SIZE	64

/**
 * struct vremote_fw_header - what the virtual core reads at its boot address
 * @initial_sp: the vector table's first word (unused by the emulator)
 * @reset: the vector table's second word (unused by the emulator)
 * @magic: VREMOTE_FW_MAGIC, not NUL-terminated
 * @rsc_da: device address of the resource table
 * @rsc_len: its size in bytes, 0 for an image without one
 * @personality: which firmware behaviour to play, NUL-terminated
 * @shm_da: device address of RPMsg-Lite's shared memory (vring 0 there,
 *	vring 1 0x8000 above), 0 for none; read only when @rsc_len is 0: an
 *	RPMsg-Lite image without a resource table. With both 0 the image
 *	runs without rpmsg.
 * @shm_buf_size: the RPMsg-Lite image's buffer size in bytes, header
 *	included (RL_BUFFER_PAYLOAD_SIZE + 16), 0 for RPMsg-Lite's default
 *	of 512; read with @shm_da
 */
struct vremote_fw_header {
	unsigned int initial_sp;
	unsigned int reset;
	char magic[8];
	unsigned int rsc_da;
	unsigned int rsc_len;
	char personality[VREMOTE_FW_NAME_LEN];
	unsigned int shm_da;
	unsigned int shm_buf_size;
};

#endif /* AMP_VREMOTE_FW_H */
