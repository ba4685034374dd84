// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the resource-table and ELF-section checks the platform
 * drivers run on firmware before the remoteproc core uses it.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/module.h>

#include <amp/rsc_check.h>

/* A table as the project's firmware has it: carveout, trace, rpmsg vdev. */
struct test_table {
	struct resource_table t;
	u32 offset[3];
	struct fw_rsc_hdr h_carveout;
	struct fw_rsc_carveout carveout;
	struct fw_rsc_hdr h_trace;
	struct fw_rsc_trace trace;
	struct fw_rsc_hdr h_vdev;
	struct fw_rsc_vdev vdev;
	struct fw_rsc_vdev_vring vring[2];
} __packed;

static void make_table(struct test_table *tt)
{
	memset(tt, 0, sizeof(*tt));
	tt->t.ver = 1;
	tt->t.num = 3;
	tt->offset[0] = offsetof(struct test_table, h_carveout);
	tt->offset[1] = offsetof(struct test_table, h_trace);
	tt->offset[2] = offsetof(struct test_table, h_vdev);
	tt->h_carveout.type = RSC_CARVEOUT;
	tt->carveout.da = 0x80000000;
	tt->carveout.len = 0x1000000;
	tt->h_trace.type = RSC_TRACE;
	tt->trace.len = 0x1000;
	tt->h_vdev.type = RSC_VDEV;
	tt->vdev.id = VIRTIO_ID_RPMSG;
	tt->vdev.num_of_vrings = 2;
	tt->vring[0].num = 128;
	tt->vring[0].align = 0x1000;
	tt->vring[1] = tt->vring[0];
}

static void expect_refused(struct kunit *test, struct test_table *tt,
			   size_t size, const char *why_part)
{
	const char *why = NULL;

	KUNIT_EXPECT_EQ(test, amp_rsc_check(tt, size, &why), -EINVAL);
	KUNIT_ASSERT_NOT_NULL(test, why);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(why, why_part), "why: %s", why);
}

static void rsc_good(struct kunit *test)
{
	struct test_table tt;
	const char *why = "unset";

	make_table(&tt);
	KUNIT_EXPECT_EQ(test, amp_rsc_check(&tt, sizeof(tt), &why), 0);
	KUNIT_EXPECT_NULL(test, why);
	/* room after the table is fine; vendor entries are only bounded */
	tt.h_trace.type = RSC_VENDOR_START;
	KUNIT_EXPECT_EQ(test, amp_rsc_check(&tt, sizeof(tt), &why), 0);
	/* an empty table is a table */
	tt.t.num = 0;
	KUNIT_EXPECT_EQ(test, amp_rsc_check(&tt, sizeof(tt.t), &why), 0);
}

static void rsc_vdev(struct kunit *test)
{
	struct test_table tt;

	make_table(&tt);
	tt.vdev.num_of_vrings = 0;
	expect_refused(test, &tt, sizeof(tt), "without vrings");

	make_table(&tt);
	tt.vdev.num_of_vrings = 1;
	expect_refused(test, &tt, sizeof(tt), "exactly two");
	tt.vdev.id = VIRTIO_ID_CONSOLE;		/* other devices may have one */
	KUNIT_EXPECT_EQ(test, amp_rsc_check(&tt, sizeof(tt), &(const char *){ NULL }), 0);

	make_table(&tt);
	tt.vdev.num_of_vrings = 3;
	expect_refused(test, &tt, sizeof(tt), "more vrings");

	make_table(&tt);
	tt.vring[1].num = 0;
	expect_refused(test, &tt, sizeof(tt), "power of two");
	tt.vring[1].num = 100;
	expect_refused(test, &tt, sizeof(tt), "power of two");
	tt.vring[1].num = 65536;
	expect_refused(test, &tt, sizeof(tt), "power of two");

	make_table(&tt);
	tt.vring[0].align = 0;
	expect_refused(test, &tt, sizeof(tt), "alignment");

	/* config space past the end */
	make_table(&tt);
	tt.vdev.config_len = 1;
	expect_refused(test, &tt, sizeof(tt), "larger than the table");
}

static void rsc_bounds(struct kunit *test)
{
	struct test_table tt;
	u8 big[sizeof(tt) + 8] = {};

	make_table(&tt);
	expect_refused(test, &tt, sizeof(tt.t) - 1, "shorter than its header");

	make_table(&tt);
	tt.t.ver = 2;
	expect_refused(test, &tt, sizeof(tt), "version");

	make_table(&tt);
	tt.t.num = 0x40000000;
	expect_refused(test, &tt, sizeof(tt), "offsets past");

	make_table(&tt);
	tt.offset[1] = sizeof(tt);
	expect_refused(test, &tt, sizeof(tt), "outside");
	tt.offset[1] = 4;			/* inside the header */
	expect_refused(test, &tt, sizeof(tt), "outside");
	tt.offset[1] = 0xfffffffc;
	expect_refused(test, &tt, sizeof(tt), "outside");

	/* the vdev's vrings cut by the end of the bytes given */
	make_table(&tt);
	expect_refused(test, &tt, sizeof(tt) - 1, "larger than the table");
	/* an entry header fits, its carveout does not */
	make_table(&tt);
	tt.offset[0] = sizeof(tt) - sizeof(struct fw_rsc_hdr) - 4;
	expect_refused(test, &tt, sizeof(tt), "cut");

	/* the same table with slack after it */
	make_table(&tt);
	memcpy(big, &tt, sizeof(tt));
	KUNIT_EXPECT_EQ(test, amp_rsc_check(big, sizeof(big), &(const char *){ NULL }), 0);
}

/* A minimal ELF image: null, .shstrtab, .text, .resource_table sections. */
#define IMG_STR		"\0.shstrtab\0.text\0.resource_table\0"
#define IMG_RSC_OFF	0x200
#define IMG_RSC_LEN	0x40

static size_t make_elf(u8 *img, size_t size, bool is64)
{
	static const char str[] = IMG_STR;
	const u32 names[4] = { 0, 1, 11, 17 };
	const u64 offs[4] = { 0, 0x100, 0x180, IMG_RSC_OFF };
	const u64 lens[4] = { 0, sizeof(str), 0x80, IMG_RSC_LEN };
	size_t shoff = 0x300;
	unsigned int i;

	memset(img, 0, size);
	memcpy(img, ELFMAG, SELFMAG);
	img[EI_CLASS] = is64 ? ELFCLASS64 : ELFCLASS32;
	img[EI_DATA] = ELFDATA2LSB;
	memcpy(img + 0x100, str, sizeof(str));
	if (is64) {
		struct elf64_hdr *eh = (void *)img;
		struct elf64_shdr *sh = (void *)(img + shoff);

		eh->e_shoff = shoff;
		eh->e_shentsize = sizeof(*sh);
		eh->e_shnum = 4;
		eh->e_shstrndx = 1;
		for (i = 0; i < 4; i++) {
			sh[i].sh_name = names[i];
			sh[i].sh_offset = offs[i];
			sh[i].sh_size = lens[i];
		}
		return shoff + 4 * sizeof(*sh);
	}
	{
		struct elf32_hdr *eh = (void *)img;
		struct elf32_shdr *sh = (void *)(img + shoff);

		eh->e_shoff = shoff;
		eh->e_shentsize = sizeof(*sh);
		eh->e_shnum = 4;
		eh->e_shstrndx = 1;
		for (i = 0; i < 4; i++) {
			sh[i].sh_name = names[i];
			sh[i].sh_offset = offs[i];
			sh[i].sh_size = lens[i];
		}
		return shoff + 4 * sizeof(*sh);
	}
}

static void elf_sections(struct kunit *test)
{
	static u8 img[0x600];
	size_t off = 0, len = 0, n;
	int is64;

	for (is64 = 0; is64 < 2; is64++) {
		n = make_elf(img, sizeof(img), is64);
		KUNIT_EXPECT_EQ(test, amp_elf_find_section(img, n, ".resource_table",
							   &off, &len), 0);
		KUNIT_EXPECT_EQ(test, off, (size_t)IMG_RSC_OFF);
		KUNIT_EXPECT_EQ(test, len, (size_t)IMG_RSC_LEN);
		KUNIT_EXPECT_EQ(test, amp_elf_find_section(img, n, ".text", &off, &len), 0);
		KUNIT_EXPECT_EQ(test, off, (size_t)0x180);
		KUNIT_EXPECT_EQ(test, amp_elf_find_section(img, n, ".data", &off, &len),
				-ENOENT);
		/* a prefix of a name is not the name */
		KUNIT_EXPECT_EQ(test, amp_elf_find_section(img, n, ".resource", &off, &len),
				-ENOENT);
		/* section headers cut by the end of the image */
		KUNIT_EXPECT_EQ(test, amp_elf_find_section(img, n - 1, ".text", &off, &len),
				-EINVAL);
	}
}

static void elf_hostile(struct kunit *test)
{
	static u8 img[0x600];
	struct elf32_shdr *sh = (void *)(img + 0x300);
	struct elf32_hdr *eh = (void *)img;
	size_t off, len, n;

	n = make_elf(img, sizeof(img), false);
	sh[3].sh_size = 0x1000;			/* the table's bytes past the end */
	KUNIT_EXPECT_EQ(test, amp_elf_find_section(img, n, ".resource_table", &off, &len),
			-EINVAL);
	sh[3].sh_size = IMG_RSC_LEN;
	sh[3].sh_name = 0x7fffffff;		/* its name outside the names */
	KUNIT_EXPECT_EQ(test, amp_elf_find_section(img, n, ".resource_table", &off, &len),
			-ENOENT);
	sh[3].sh_name = 17;
	sh[1].sh_size = 20;			/* names cut inside ".resource_table" */
	KUNIT_EXPECT_EQ(test, amp_elf_find_section(img, n, ".resource_table", &off, &len),
			-ENOENT);
	sh[1].sh_offset = 0xffffff00;		/* the name table outside */
	KUNIT_EXPECT_EQ(test, amp_elf_find_section(img, n, ".text", &off, &len), -EINVAL);

	n = make_elf(img, sizeof(img), false);
	eh->e_shstrndx = 4;
	KUNIT_EXPECT_EQ(test, amp_elf_find_section(img, n, ".text", &off, &len), -EINVAL);
	eh->e_shstrndx = 1;
	eh->e_shentsize = 8;
	KUNIT_EXPECT_EQ(test, amp_elf_find_section(img, n, ".text", &off, &len), -EINVAL);
	eh->e_shentsize = sizeof(*sh);
	eh->e_shoff = 0xfffffff0;
	KUNIT_EXPECT_EQ(test, amp_elf_find_section(img, n, ".text", &off, &len), -EINVAL);
	eh->e_shnum = 0;
	KUNIT_EXPECT_EQ(test, amp_elf_find_section(img, n, ".text", &off, &len), -ENOENT);

	n = make_elf(img, sizeof(img), false);
	img[EI_CLASS] = 3;
	KUNIT_EXPECT_EQ(test, amp_elf_find_section(img, n, ".text", &off, &len), -EINVAL);
	img[EI_CLASS] = ELFCLASS32;
	img[1] = 'X';
	KUNIT_EXPECT_EQ(test, amp_elf_find_section(img, n, ".text", &off, &len), -EINVAL);
	KUNIT_EXPECT_EQ(test, amp_elf_find_section(img, 10, ".text", &off, &len), -EINVAL);
}

static struct kunit_case amp_rsc_cases[] = {
	KUNIT_CASE(rsc_good),
	KUNIT_CASE(rsc_vdev),
	KUNIT_CASE(rsc_bounds),
	KUNIT_CASE(elf_sections),
	KUNIT_CASE(elf_hostile),
	{}
};

static struct kunit_suite amp_rsc_suite = {
	.name = "amp_rsc",
	.test_cases = amp_rsc_cases,
};

kunit_test_suite(amp_rsc_suite);

MODULE_DESCRIPTION("KUnit: resource table and ELF section checks");
MODULE_LICENSE("GPL");
