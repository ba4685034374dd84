/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The virtio-rpmsg wire format, and the checks a frame from the remote
 * must pass before Linux acts on it. Everything here is pure logic over
 * bytes the caller already holds, so KUnit can drive it with the frames a
 * real (or hostile) firmware sends.
 *
 * Format: a 16-byte header (src u32, dst u32, reserved u32, len u16,
 * flags u16) in the device's byte order, then len bytes of payload, in a
 * buffer Linux provided. Name-service messages (to address 53) carry a
 * 32-byte NUL-terminated name, an address and flags (0 create, 1 destroy).
 */
#ifndef AMP_RPMSG_WIRE_H
#define AMP_RPMSG_WIRE_H

#include <linux/bitmap.h>
#include <linux/build_bug.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/rpmsg.h>
#include <linux/rpmsg/byteorder.h>
#include <linux/rpmsg/ns.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/virtio_types.h>
#include <linux/xarray.h>

/**
 * struct amp_rpmsg_hdr - header of every rpmsg frame
 * @src: sender's address
 * @dst: receiver's address
 * @reserved: zero
 * @len: payload length in bytes
 * @flags: zero
 * @data: the payload
 */
struct amp_rpmsg_hdr {
	__rpmsg32 src;
	__rpmsg32 dst;
	__rpmsg32 reserved;
	__rpmsg16 len;
	__rpmsg16 flags;
	u8 data[];
} __packed;

/* Feature bits of a virtio rpmsg device */
#define AMP_RPMSG_F_NS		0	/* the remote has a name service */
#define AMP_RPMSG_F_BUFSZ	1	/* the remote gives its buffer sizes */

/**
 * struct amp_rpmsg_config - a virtio rpmsg device's config space, with
 * %AMP_RPMSG_F_BUFSZ
 * @version: %AMP_RPMSG_CONFIG_V1
 * @size: bytes of the structure, sizeof(struct amp_rpmsg_config)
 * @txbuf_size: the remote's send buffers, so Linux's receive buffers
 * @rxbuf_size: the remote's receive buffers, so Linux's send buffers
 *
 * The layout of mainline's include/linux/rpmsg/virtio_rpmsg.h (in the
 * remoteproc tree since 2026-09-04, for the release after 7.3): packed,
 * in the device's byte order; sizes include the 16-byte header.
 */
struct amp_rpmsg_config {
	u8 version;
	__virtio16 size;
	__virtio32 txbuf_size;
	__virtio32 rxbuf_size;
} __packed;

#define AMP_RPMSG_CONFIG_V1	1

static_assert(sizeof(struct amp_rpmsg_hdr) == 16);
static_assert(sizeof(struct amp_rpmsg_config) == 11);
static_assert(sizeof(struct rpmsg_ns_msg) == 40);

/* Addresses below this are for fixed, well-known services. */
#define AMP_RPMSG_RESERVED_ADDRS	1024

/* Verdicts on a frame the remote handed back. */
enum amp_rx_verdict {
	AMP_RX_OK,
	AMP_RX_SHORT,		/* used length shorter than a header */
	AMP_RX_OVERSIZE,	/* used length or payload past the buffer */
	AMP_RX_EMPTY,		/* no payload */
};

/**
 * amp_rpmsg_check_frame() - may a received frame be delivered
 * @used_len: length the remote reported in the used ring
 * @buf_size: size of the buffer Linux handed out
 * @payload_len: the header's @len, in CPU order
 *
 * The remote's two lengths are both untrusted: the frame is good only if
 * the used length holds a header and lies within the buffer, and the
 * payload lies within the used length. A frame without payload is refused
 * too: delivered to a character device it would read as end of file.
 *
 * Return: %AMP_RX_OK or the reason to drop the frame.
 */
static inline enum amp_rx_verdict
amp_rpmsg_check_frame(u32 used_len, u32 buf_size, u32 payload_len)
{
	const u32 hdr = sizeof(struct amp_rpmsg_hdr);

	if (used_len < hdr)
		return AMP_RX_SHORT;
	if (used_len > buf_size || payload_len > used_len - hdr)
		return AMP_RX_OVERSIZE;
	if (!payload_len)
		return AMP_RX_EMPTY;
	return AMP_RX_OK;
}

/* Verdicts on a name-service message. */
enum amp_ns_verdict {
	AMP_NS_OK,
	AMP_NS_BAD_SIZE,	/* not exactly one struct rpmsg_ns_msg */
	AMP_NS_BAD_NAME,	/* empty, unterminated, or not a plain name */
	AMP_NS_BAD_FLAGS,	/* neither create nor destroy */
	AMP_NS_BAD_ADDR,	/* the "any" address */
};

/**
 * amp_rpmsg_check_ns() - check a name-service message and decode it
 * @data: the payload (a copy the remote can no longer change)
 * @len: payload length
 * @little_endian: the device's byte order
 * @chinfo: filled with the channel (name, src any, dst = the address)
 * @destroy: set when the message removes the channel
 *
 * A name must be terminated within its 32 bytes, non-empty, and made of
 * printable ASCII without '/', since it becomes part of a device name.
 *
 * Return: %AMP_NS_OK (and @chinfo, @destroy set) or the reason to drop it.
 */
static inline enum amp_ns_verdict
amp_rpmsg_check_ns(const void *data, u32 len, bool little_endian,
		   struct rpmsg_channel_info *chinfo, bool *destroy)
{
	const struct rpmsg_ns_msg *msg = data;
	size_t n, i;
	u32 flags, addr;

	if (len != sizeof(*msg))
		return AMP_NS_BAD_SIZE;
	n = strnlen(msg->name, sizeof(msg->name));
	if (!n || n == sizeof(msg->name))
		return AMP_NS_BAD_NAME;
	for (i = 0; i < n; i++) {
		u8 c = msg->name[i];

		if (c < 0x20 || c > 0x7e || c == '/')
			return AMP_NS_BAD_NAME;
	}
	flags = __rpmsg32_to_cpu(little_endian, msg->flags);
	if (flags != RPMSG_NS_CREATE && flags != RPMSG_NS_DESTROY)
		return AMP_NS_BAD_FLAGS;
	addr = __rpmsg32_to_cpu(little_endian, msg->addr);
	if (addr == RPMSG_ADDR_ANY)
		return AMP_NS_BAD_ADDR;

	memset(chinfo, 0, sizeof(*chinfo));
	memcpy(chinfo->name, msg->name, n);
	chinfo->src = RPMSG_ADDR_ANY;
	chinfo->dst = addr;
	*destroy = flags == RPMSG_NS_DESTROY;
	return AMP_NS_OK;
}

/**
 * amp_rpmsg_addr_alloc() - bind @ptr to a local rpmsg address
 * @xa: the device's address space, an allocating XArray (XA_FLAGS_ALLOC)
 * @ptr: what the address refers to (an endpoint), not NULL
 * @addr: the address asked for, or %RPMSG_ADDR_ANY for the lowest free one
 *	  at or above %AMP_RPMSG_RESERVED_ADDRS
 * @gfp: allocation flags
 *
 * Addresses are below %INT_MAX: an endpoint's address is an int in the
 * rpmsg core's ABI.
 *
 * Return: the address, or -ENOSPC when it is taken (or none is left),
 * -EINVAL when it is not one an endpoint can have, -ENOMEM.
 */
static inline int amp_rpmsg_addr_alloc(struct xarray *xa, void *ptr, u32 addr,
				       gfp_t gfp)
{
	u32 id = addr;
	int ret;

	if (addr != RPMSG_ADDR_ANY && addr >= INT_MAX)
		return -EINVAL;
	if (addr == RPMSG_ADDR_ANY)
		ret = xa_alloc(xa, &id, ptr,
			       XA_LIMIT(AMP_RPMSG_RESERVED_ADDRS, INT_MAX - 1), gfp);
	else
		ret = xa_insert(xa, addr, ptr, gfp);
	if (ret == -EBUSY)
		return -ENOSPC;
	return ret < 0 ? ret : id;
}

/**
 * struct amp_bufpool - accounting of a fixed set of equal buffers
 * @nr: number of buffers
 * @nfree: how many are free
 * @stack: indices of the free buffers, the last one handed out first
 * @busy: which buffers are handed out
 *
 * Only the indices are kept; the caller maps an index to its buffer. A
 * buffer given back twice, or one that is not in the pool, is refused
 * instead of corrupting the count.
 */
struct amp_bufpool {
	unsigned int nr;
	unsigned int nfree;
	unsigned int *stack;
	unsigned long *busy;
};

/**
 * amp_bufpool_init() - a pool of @nr free buffers, index 0 handed out first
 * @pool: the pool
 * @nr: number of buffers, non-zero
 * @gfp: allocation flags
 *
 * Return: 0 or -ENOMEM/-EINVAL.
 */
static inline int amp_bufpool_init(struct amp_bufpool *pool, unsigned int nr,
				   gfp_t gfp)
{
	unsigned int i;

	if (!nr)
		return -EINVAL;
	pool->stack = kcalloc(nr, sizeof(*pool->stack), gfp);
	pool->busy = bitmap_zalloc(nr, gfp);
	if (!pool->stack || !pool->busy) {
		kfree(pool->stack);
		bitmap_free(pool->busy);
		pool->stack = NULL;
		pool->busy = NULL;
		return -ENOMEM;
	}
	for (i = 0; i < nr; i++)
		pool->stack[i] = nr - 1 - i;
	pool->nr = nr;
	pool->nfree = nr;
	return 0;
}

static inline void amp_bufpool_destroy(struct amp_bufpool *pool)
{
	kfree(pool->stack);
	bitmap_free(pool->busy);
	pool->stack = NULL;
	pool->busy = NULL;
	pool->nr = 0;
	pool->nfree = 0;
}

/* Take a free buffer: its index, or -ENOBUFS when none is free. */
static inline int amp_bufpool_get(struct amp_bufpool *pool)
{
	unsigned int i;

	if (!pool->nfree)
		return -ENOBUFS;
	i = pool->stack[--pool->nfree];
	__set_bit(i, pool->busy);
	return i;
}

/* Give buffer @i back: 0, or -EINVAL if it is not a handed-out buffer. */
static inline int amp_bufpool_put(struct amp_bufpool *pool, unsigned int i)
{
	if (i >= pool->nr || !test_bit(i, pool->busy))
		return -EINVAL;
	__clear_bit(i, pool->busy);
	pool->stack[pool->nfree++] = i;
	return 0;
}

/**
 * amp_buf_index() - which buffer of an array starts at @addr
 * @base: the first buffer
 * @size: size of each buffer
 * @nr: number of buffers
 * @addr: the address to look up
 *
 * Return: the index, or -EINVAL if @addr is not the start of one of them.
 */
static inline int amp_buf_index(const void *base, size_t size,
				unsigned int nr, const void *addr)
{
	size_t off;

	if (!size || addr < base)
		return -EINVAL;
	off = addr - base;
	if (off % size || off / size >= nr)
		return -EINVAL;
	return off / size;
}

#endif /* AMP_RPMSG_WIRE_H */
