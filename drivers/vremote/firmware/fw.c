// SPDX-License-Identifier: GPL-2.0
/*
 * Firmware image of the virtual remote: what a Cortex-M4 image carries
 * that Linux and the core look at, and nothing else.
 *
 * The core reads the boot header at its boot address and runs the
 * personality named there (drivers/vremote/vremote_fw.c); remoteproc reads
 * the resource table from the .resource_table section. The BAD_* macros
 * build the corrupt images of the bad-firmware corpus.
 *
 * Build parameters (see scripts/firmware.sh): PERSONALITY, CARVEOUT_NAME,
 * CARVEOUT_DA, CARVEOUT_LEN, VRING_NUM, VRING_ALIGN, and BUFSZ_TX and
 * BUFSZ_RX for an image built for buffers of those sizes (its send and
 * receive buffers, offered to Linux through VIRTIO_RPMSG_F_BUFSZ and the
 * vdev's config space, of version BUFSZ_VERSION, default 1; 512 bytes
 * otherwise). NO_RSC_TABLE builds an image without a resource table; with
 * SHM_DA as well, an RPMsg-Lite image (RPMsg only, as NXP's firmware on
 * i.MX): its vrings at SHM_DA and SHM_DA + 0x8000, named in the boot
 * header, its buffers of SHM_BUF_SIZE bytes if given (512 otherwise).
 */
#include <stdint.h>

#include <amp/vremote_fw.h>

#define __used		__attribute__((used))
#define __section(s)	__attribute__((section(s)))

/* resource table layout (the remoteproc ABI) */
#define RSC_CARVEOUT		0
#define RSC_TRACE		2
#define RSC_VDEV		3
#define VIRTIO_ID_RPMSG		7
#define VIRTIO_RPMSG_F_NS	0
#define VIRTIO_RPMSG_F_BUFSZ	1
#ifndef BUFSZ_VERSION
#define BUFSZ_VERSION		1
#endif
#define FW_RSC_ADDR_ANY		0xffffffffu

#define TRACE_LEN		4096

struct rsc_carveout {
	uint32_t type, da, pa, len, flags, reserved;
	char name[32];
};

struct rsc_trace {
	uint32_t type, da, len, reserved;
	char name[32];
};

struct rsc_vring {
	uint32_t da, align, num, notifyid, pa;
};

/* the config space with VIRTIO_RPMSG_F_BUFSZ (little endian, packed) */
struct rsc_rpmsg_config {
	uint8_t version;
	uint16_t size;
	uint32_t txbuf_size, rxbuf_size;
} __attribute__((packed));

struct rsc_vdev {
	uint32_t type, id, notifyid, dfeatures, gfeatures, config_len;
	uint8_t status, num_of_vrings, reserved[2];
	struct rsc_vring vring[2];
#ifdef BUFSZ_TX
	struct rsc_rpmsg_config config;
	uint8_t pad;			/* the table's entries stay 4-aligned */
#endif
};

#ifdef BAD_OVERLAP
#define NUM_ENTRIES 4
#else
#define NUM_ENTRIES 3
#endif

struct rsc_layout {
	uint32_t ver, num, reserved[2];
	uint32_t offset[NUM_ENTRIES];
	struct rsc_carveout code;
#ifdef BAD_OVERLAP
	struct rsc_carveout code2;
#endif
	struct rsc_trace trace;
	struct rsc_vdev vdev;
};

#define OFF(m)	((uint32_t)__builtin_offsetof(struct rsc_layout, m))

__section(".trace") char trace_buf[TRACE_LEN];

/* NO_RSC_TABLE: an image without one, as seed 000's Zephyr firmware */
#ifndef NO_RSC_TABLE
__section(".resource_table") __used
struct rsc_layout resource_table = {
	.ver = 1,
	.num = NUM_ENTRIES,
#ifdef BAD_RSC_OFFSET
	.offset = { OFF(code), 0x10000, OFF(vdev) },
#elif defined(BAD_OVERLAP)
	.offset = { OFF(code), OFF(code2), OFF(trace), OFF(vdev) },
#else
	.offset = { OFF(code), OFF(trace), OFF(vdev) },
#endif
	.code = {
		.type = RSC_CARVEOUT,
		.da = CARVEOUT_DA,
		.pa = CARVEOUT_DA,
		.len = CARVEOUT_LEN,
		.name = CARVEOUT_NAME,
	},
#ifdef BAD_OVERLAP
	/* the same memory claimed a second time, under the same name */
	.code2 = {
		.type = RSC_CARVEOUT,
		.da = CARVEOUT_DA + 0x1000,
		.pa = CARVEOUT_DA + 0x1000,
		.len = 0x1000,
		.name = CARVEOUT_NAME,
	},
#endif
	.trace = {
		.type = RSC_TRACE,
		.da = (uint32_t)trace_buf,
		.len = TRACE_LEN,
		.name = "vremote trace",
	},
	.vdev = {
		.type = RSC_VDEV,
		.id = VIRTIO_ID_RPMSG,
#ifdef BUFSZ_TX
		.dfeatures = 1u << VIRTIO_RPMSG_F_NS | 1u << VIRTIO_RPMSG_F_BUFSZ,
		.config_len = sizeof(struct rsc_rpmsg_config),
		.config = { BUFSZ_VERSION, sizeof(struct rsc_rpmsg_config), BUFSZ_TX, BUFSZ_RX },
#else
		.dfeatures = 1u << VIRTIO_RPMSG_F_NS,
#endif
#ifdef BAD_NO_VRINGS
		.num_of_vrings = 0,
#else
		.num_of_vrings = 2,
#endif
		.vring = {
			{ FW_RSC_ADDR_ANY, VRING_ALIGN, VRING_NUM, 0, 0 },
			{ FW_RSC_ADDR_ANY, VRING_ALIGN, VRING_NUM, 0, 0 },
		},
	},
};
#endif

/* A real core would run from here; the virtual one plays the personality. */
void reset_handler(void)
{
	for (;;)
		;
}

__section(".vectors") __used
const struct vremote_fw_header boot_header = {
	.initial_sp = CARVEOUT_DA + CARVEOUT_LEN,
	.reset = (uint32_t)reset_handler,
	.magic = VREMOTE_FW_MAGIC,
#ifndef NO_RSC_TABLE
	.rsc_da = (uint32_t)&resource_table,
	.rsc_len = sizeof(resource_table),
#endif
	.personality = PERSONALITY,
#ifdef SHM_DA
	.shm_da = SHM_DA,
#endif
#ifdef SHM_BUF_SIZE
	.shm_buf_size = SHM_BUF_SIZE,
#endif
};
