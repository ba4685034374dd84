// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the rpmsg wire checks of include/amp/rpmsg_wire.h that
 * the virtio_rpmsg_bus module runs on every frame from the remote: frame
 * lengths, name-service messages, local address allocation and the
 * accounting of send buffers.
 */
#include <kunit/test.h>
#include <linux/xarray.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/stddef.h>

#include <amp/rpmsg_wire.h>

#define HDR	sizeof(struct amp_rpmsg_hdr)

/*
 * Seed 002, Demo 3: the name-service frame Linux sends when user space
 * creates "rpmsg-tty" at address 257, as dumped byte for byte: header src
 * 0x101, dst 0x35, len 40, then name, addr 0x101, flags 0.
 */
static const u8 seed_ns_frame[HDR + 40] = {
	0x01, 0x01, 0x00, 0x00, 0x35, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x28, 0x00, 0x00, 0x00,
	'r', 'p', 'm', 's', 'g', '-', 't', 't', 'y', 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static void wire_header_layout(struct kunit *test)
{
	const struct amp_rpmsg_hdr *h = (const void *)seed_ns_frame;

	KUNIT_EXPECT_EQ(test, HDR, 16);
	KUNIT_EXPECT_EQ(test, offsetof(struct amp_rpmsg_hdr, dst), 4);
	KUNIT_EXPECT_EQ(test, offsetof(struct amp_rpmsg_hdr, reserved), 8);
	KUNIT_EXPECT_EQ(test, offsetof(struct amp_rpmsg_hdr, len), 12);
	KUNIT_EXPECT_EQ(test, offsetof(struct amp_rpmsg_hdr, flags), 14);
	KUNIT_EXPECT_EQ(test, __rpmsg32_to_cpu(true, h->src), 0x101);
	KUNIT_EXPECT_EQ(test, __rpmsg32_to_cpu(true, h->dst), RPMSG_NS_ADDR);
	KUNIT_EXPECT_EQ(test, __rpmsg16_to_cpu(true, h->len), 40);
	KUNIT_EXPECT_EQ(test, __rpmsg16_to_cpu(true, h->flags), 0);
}

static void frame_lengths(struct kunit *test)
{
	/* what OpenAMP reports (header + payload) and a whole buffer */
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_frame(HDR + 40, 512, 40), AMP_RX_OK);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_frame(512, 512, 40), AMP_RX_OK);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_frame(512, 512, 496), AMP_RX_OK);
	/* payload one past the used length, or past the buffer */
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_frame(HDR + 40, 512, 41),
			AMP_RX_OVERSIZE);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_frame(512, 512, 497), AMP_RX_OVERSIZE);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_frame(512, 512, 1000), AMP_RX_OVERSIZE);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_frame(513, 512, 16), AMP_RX_OVERSIZE);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_frame(U32_MAX, 512, 16),
			AMP_RX_OVERSIZE);
	/* shorter than a header: mainline's len - 16 wraps here */
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_frame(8, 512, 0), AMP_RX_SHORT);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_frame(0, 512, 0), AMP_RX_SHORT);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_frame(HDR - 1, 512, 0xffff),
			AMP_RX_SHORT);
	/* nothing to deliver */
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_frame(HDR, 512, 0), AMP_RX_EMPTY);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_frame(512, 512, 0), AMP_RX_EMPTY);
}

static void ns_seed_vector(struct kunit *test)
{
	struct rpmsg_channel_info ci;
	bool destroy = true;

	KUNIT_ASSERT_EQ(test, amp_rpmsg_check_ns(seed_ns_frame + HDR, 40, true,
						 &ci, &destroy), AMP_NS_OK);
	KUNIT_EXPECT_STREQ(test, ci.name, "rpmsg-tty");
	KUNIT_EXPECT_EQ(test, ci.src, RPMSG_ADDR_ANY);
	KUNIT_EXPECT_EQ(test, ci.dst, 0x101);
	KUNIT_EXPECT_FALSE(test, destroy);

	/* the same bytes from a big-endian device */
	KUNIT_ASSERT_EQ(test, amp_rpmsg_check_ns(seed_ns_frame + HDR, 40, false,
						 &ci, &destroy), AMP_NS_OK);
	KUNIT_EXPECT_EQ(test, ci.dst, 0x01010000);
}

static void ns_fields(struct kunit *test)
{
	struct rpmsg_channel_info ci;
	struct rpmsg_ns_msg m;
	bool destroy = false;

	memset(&m, 0, sizeof(m));
	strscpy(m.name, "rpmsg-virtual-tty-channel-1", sizeof(m.name));
	m.addr = __cpu_to_rpmsg32(true, 30);
	m.flags = __cpu_to_rpmsg32(true, RPMSG_NS_DESTROY);
	KUNIT_ASSERT_EQ(test, amp_rpmsg_check_ns(&m, sizeof(m), true, &ci, &destroy),
			AMP_NS_OK);
	KUNIT_EXPECT_TRUE(test, destroy);
	KUNIT_EXPECT_STREQ(test, ci.name, "rpmsg-virtual-tty-channel-1");
	KUNIT_EXPECT_EQ(test, ci.dst, 30);

	/* a name of 31 characters still has its NUL: fine */
	memset(m.name, 'a', sizeof(m.name) - 1);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_ns(&m, sizeof(m), true, &ci, &destroy),
			AMP_NS_OK);
	KUNIT_EXPECT_EQ(test, strlen(ci.name), 31);
	/* 32 without a NUL: mainline cuts it to 31 and makes a channel */
	m.name[31] = 'a';
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_ns(&m, sizeof(m), true, &ci, &destroy),
			AMP_NS_BAD_NAME);
	memset(m.name, 0, sizeof(m.name));
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_ns(&m, sizeof(m), true, &ci, &destroy),
			AMP_NS_BAD_NAME);
	strscpy(m.name, "a/b", sizeof(m.name));
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_ns(&m, sizeof(m), true, &ci, &destroy),
			AMP_NS_BAD_NAME);
	strscpy(m.name, "tab\there", sizeof(m.name));
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_ns(&m, sizeof(m), true, &ci, &destroy),
			AMP_NS_BAD_NAME);
	m.name[3] = 0xc3;
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_ns(&m, sizeof(m), true, &ci, &destroy),
			AMP_NS_BAD_NAME);

	strscpy(m.name, "bad-flags", sizeof(m.name));
	m.flags = __cpu_to_rpmsg32(true, 7);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_ns(&m, sizeof(m), true, &ci, &destroy),
			AMP_NS_BAD_FLAGS);
	m.flags = __cpu_to_rpmsg32(true, 2);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_ns(&m, sizeof(m), true, &ci, &destroy),
			AMP_NS_BAD_FLAGS);

	m.flags = __cpu_to_rpmsg32(true, RPMSG_NS_CREATE);
	m.addr = __cpu_to_rpmsg32(true, RPMSG_ADDR_ANY);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_ns(&m, sizeof(m), true, &ci, &destroy),
			AMP_NS_BAD_ADDR);

	m.addr = __cpu_to_rpmsg32(true, 0x502);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_ns(&m, 20, true, &ci, &destroy),
			AMP_NS_BAD_SIZE);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_ns(&m, 41, true, &ci, &destroy),
			AMP_NS_BAD_SIZE);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_check_ns(&m, 0, true, &ci, &destroy),
			AMP_NS_BAD_SIZE);
}

static void addr_alloc(struct kunit *test)
{
	struct xarray xa;
	int a, b;

	xa_init_flags(&xa, XA_FLAGS_ALLOC);
	a = amp_rpmsg_addr_alloc(&xa, test, RPMSG_ADDR_ANY, GFP_KERNEL);
	b = amp_rpmsg_addr_alloc(&xa, test, RPMSG_ADDR_ANY, GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, a, AMP_RPMSG_RESERVED_ADDRS);
	KUNIT_EXPECT_EQ(test, b, AMP_RPMSG_RESERVED_ADDRS + 1);

	/* fixed addresses, reserved range included; each one once */
	KUNIT_EXPECT_EQ(test, amp_rpmsg_addr_alloc(&xa, test, RPMSG_NS_ADDR,
						   GFP_KERNEL), RPMSG_NS_ADDR);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_addr_alloc(&xa, test, RPMSG_NS_ADDR,
						   GFP_KERNEL), -ENOSPC);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_addr_alloc(&xa, test, 0, GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_addr_alloc(&xa, test, 0x400, GFP_KERNEL),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_addr_alloc(&xa, test, INT_MAX - 1,
						   GFP_KERNEL), INT_MAX - 1);
	/* not representable as an endpoint address */
	KUNIT_EXPECT_EQ(test, amp_rpmsg_addr_alloc(&xa, test, INT_MAX,
						   GFP_KERNEL), -EINVAL);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_addr_alloc(&xa, test, 0x80000000,
						   GFP_KERNEL), -EINVAL);

	/* a freed dynamic address is the next one handed out */
	xa_erase(&xa, a);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_addr_alloc(&xa, test, RPMSG_ADDR_ANY,
						   GFP_KERNEL), a);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_addr_alloc(&xa, test, RPMSG_ADDR_ANY,
						   GFP_KERNEL), b + 1);
	xa_destroy(&xa);
}

static void bufpool_accounting(struct kunit *test)
{
	struct amp_bufpool pool;
	int got[4], i;

	KUNIT_EXPECT_EQ(test, amp_bufpool_init(&pool, 0, GFP_KERNEL), -EINVAL);
	KUNIT_ASSERT_EQ(test, amp_bufpool_init(&pool, 4, GFP_KERNEL), 0);
	for (i = 0; i < 4; i++) {
		got[i] = amp_bufpool_get(&pool);
		KUNIT_EXPECT_EQ(test, got[i], i);
	}
	KUNIT_EXPECT_EQ(test, pool.nfree, 0);
	KUNIT_EXPECT_EQ(test, amp_bufpool_get(&pool), -ENOBUFS);

	KUNIT_EXPECT_EQ(test, amp_bufpool_put(&pool, 2), 0);
	/* twice, out of range, never handed out: refused, count unchanged */
	KUNIT_EXPECT_EQ(test, amp_bufpool_put(&pool, 2), -EINVAL);
	KUNIT_EXPECT_EQ(test, amp_bufpool_put(&pool, 4), -EINVAL);
	KUNIT_EXPECT_EQ(test, amp_bufpool_put(&pool, UINT_MAX), -EINVAL);
	KUNIT_EXPECT_EQ(test, pool.nfree, 1);
	KUNIT_EXPECT_EQ(test, amp_bufpool_get(&pool), 2);
	KUNIT_EXPECT_EQ(test, amp_bufpool_get(&pool), -ENOBUFS);

	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, amp_bufpool_put(&pool, got[i]), 0);
	KUNIT_EXPECT_EQ(test, pool.nfree, 4);
	KUNIT_EXPECT_EQ(test, amp_bufpool_put(&pool, 0), -EINVAL);
	amp_bufpool_destroy(&pool);
}

static void buf_index(struct kunit *test)
{
	static u8 bufs[4 * 512];

	KUNIT_EXPECT_EQ(test, amp_buf_index(bufs, 512, 4, bufs), 0);
	KUNIT_EXPECT_EQ(test, amp_buf_index(bufs, 512, 4, bufs + 3 * 512), 3);
	KUNIT_EXPECT_EQ(test, amp_buf_index(bufs, 512, 4, bufs + 4 * 512), -EINVAL);
	KUNIT_EXPECT_EQ(test, amp_buf_index(bufs, 512, 4, bufs + 16), -EINVAL);
	KUNIT_EXPECT_EQ(test, amp_buf_index(bufs + 512, 512, 3, bufs), -EINVAL);
	KUNIT_EXPECT_EQ(test, amp_buf_index(bufs, 0, 4, bufs), -EINVAL);
}

static struct kunit_case amp_rpmsg_cases[] = {
	KUNIT_CASE(wire_header_layout),
	KUNIT_CASE(frame_lengths),
	KUNIT_CASE(ns_seed_vector),
	KUNIT_CASE(ns_fields),
	KUNIT_CASE(addr_alloc),
	KUNIT_CASE(bufpool_accounting),
	KUNIT_CASE(buf_index),
	{}
};

static struct kunit_suite amp_rpmsg_suite = {
	.name = "amp_rpmsg",
	.test_cases = amp_rpmsg_cases,
};

kunit_test_suite(amp_rpmsg_suite);

MODULE_DESCRIPTION("KUnit tests for the rpmsg wire checks");
MODULE_LICENSE("GPL");
