// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for rpmsg_ctrl's argument checks (include/amp/rpmsg_ctrl_args.h).
 */
#include <kunit/test.h>
#include <linux/module.h>

#include <amp/rpmsg_ctrl_args.h>

static struct rpmsg_endpoint_info ept_info(const char *name, u32 src, u32 dst)
{
	struct rpmsg_endpoint_info info = { .src = src, .dst = dst };

	strscpy(info.name, name, sizeof(info.name));
	return info;
}

static void ctrl_good(struct kunit *test)
{
	struct rpmsg_endpoint_info info = ept_info("my_endpoint100", 100, 1);
	struct rpmsg_channel_info ci;

	KUNIT_ASSERT_EQ(test, amp_rpmsg_ctrl_check(RPMSG_CREATE_EPT_IOCTL, &info, &ci), 0);
	KUNIT_EXPECT_STREQ(test, ci.name, "my_endpoint100");
	KUNIT_EXPECT_EQ(test, ci.src, 100);
	KUNIT_EXPECT_EQ(test, ci.dst, 1);

	/* seed 002 Demo 3: rpmsg-tty 257 -1 */
	info = ept_info("rpmsg-tty", 257, RPMSG_ADDR_ANY);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_ctrl_check(RPMSG_CREATE_DEV_IOCTL, &info, &ci), 0);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_ctrl_check(RPMSG_RELEASE_DEV_IOCTL, &info, &ci), 0);
	KUNIT_EXPECT_EQ(test, ci.dst, RPMSG_ADDR_ANY);

	/* an endpoint may have no name; any address, the reserved range too */
	info = ept_info("", RPMSG_ADDR_ANY, 0x400);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_ctrl_check(RPMSG_CREATE_EPT_IOCTL, &info, &ci), 0);
	info = ept_info("x", 0, 0);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_ctrl_check(RPMSG_CREATE_EPT_IOCTL, &info, &ci), 0);
}

static void ctrl_refused(struct kunit *test)
{
	struct rpmsg_endpoint_info info = ept_info("", 257, RPMSG_ADDR_ANY);
	struct rpmsg_channel_info ci;

	KUNIT_EXPECT_EQ(test, amp_rpmsg_ctrl_check(RPMSG_CREATE_DEV_IOCTL, &info, &ci),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_ctrl_check(RPMSG_RELEASE_DEV_IOCTL, &info, &ci),
			-EINVAL);

	memset(info.name, 'A', sizeof(info.name));
	KUNIT_EXPECT_EQ(test, amp_rpmsg_ctrl_check(RPMSG_CREATE_EPT_IOCTL, &info, &ci),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_ctrl_check(RPMSG_CREATE_DEV_IOCTL, &info, &ci),
			-EINVAL);

	info = ept_info("ns", RPMSG_NS_ADDR, 0x400);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_ctrl_check(RPMSG_CREATE_EPT_IOCTL, &info, &ci),
			-EADDRINUSE);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_ctrl_check(RPMSG_CREATE_DEV_IOCTL, &info, &ci),
			-EADDRINUSE);
	/* releasing names a channel, it creates nothing */
	KUNIT_EXPECT_EQ(test, amp_rpmsg_ctrl_check(RPMSG_RELEASE_DEV_IOCTL, &info, &ci), 0);

	info = ept_info("x", 1, 1);
	KUNIT_EXPECT_EQ(test, amp_rpmsg_ctrl_check(RPMSG_DESTROY_EPT_IOCTL, &info, &ci),
			-EINVAL);
}

static struct kunit_case amp_rpmsg_ctrl_cases[] = {
	KUNIT_CASE(ctrl_good),
	KUNIT_CASE(ctrl_refused),
	{}
};

static struct kunit_suite amp_rpmsg_ctrl_suite = {
	.name = "amp_rpmsg_ctrl",
	.test_cases = amp_rpmsg_ctrl_cases,
};

kunit_test_suite(amp_rpmsg_ctrl_suite);

MODULE_DESCRIPTION("KUnit tests for rpmsg_ctrl's argument checks");
MODULE_LICENSE("GPL");
