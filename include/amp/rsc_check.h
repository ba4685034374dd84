/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Checks of what a firmware image and a remote processor hand to Linux
 * before the remoteproc core acts on it: where an ELF image keeps its
 * resource table, and whether that table holds together.
 *
 * The remoteproc core checks each entry's size against the table, but it
 * accepts a virtio device without vrings (or an rpmsg device with one),
 * and mainline then dereferences the vring that is not there when the
 * virtio driver asks for its queues. The platform drivers refuse such an
 * image before the core sees it. Both helpers are pure: the image and the
 * table are untrusted bytes, read only inside the bounds given.
 */
#ifndef AMP_RSC_CHECK_H
#define AMP_RSC_CHECK_H

#include <linux/elf.h>
#include <linux/errno.h>
#include <linux/log2.h>
#include <linux/overflow.h>
#include <linux/remoteproc.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/virtio_ids.h>

/* The most vrings one vdev may have: the remoteproc core's own limit. */
#define AMP_RSC_MAX_VRINGS	2

/* Is [off, off + len) inside a buffer of @size bytes? */
static inline bool amp_rsc_fits(size_t size, u64 off, u64 len)
{
	return off <= size && len <= size - off;
}

/**
 * amp_elf_find_section() - find a named section of an ELF32/ELF64 image
 * @data: the image
 * @size: its size in bytes
 * @name: the section name, e.g. ".resource_table"
 * @off: on success, the section's offset in @data
 * @len: on success, its size
 *
 * The section headers, the section-name table and the section found are
 * all checked to lie inside the image.
 *
 * Return: 0, -ENOENT when the image has no such section, -EINVAL when it
 * is not an ELF image or its section headers point outside it.
 */
static inline int amp_elf_find_section(const u8 *data, size_t size,
				       const char *name, size_t *off,
				       size_t *len)
{
	u64 shoff, str_off, str_len, s_off, s_len;
	unsigned int shentsize, shnum, shstrndx, i, s_name;
	bool is64;

	if (size < EI_NIDENT || memcmp(data, ELFMAG, SELFMAG))
		return -EINVAL;
	is64 = data[EI_CLASS] == ELFCLASS64;
	if (!is64 && data[EI_CLASS] != ELFCLASS32)
		return -EINVAL;
	if (is64) {
		struct elf64_hdr eh;

		if (size < sizeof(eh))
			return -EINVAL;
		memcpy(&eh, data, sizeof(eh));
		shoff = eh.e_shoff;
		shentsize = eh.e_shentsize;
		shnum = eh.e_shnum;
		shstrndx = eh.e_shstrndx;
		if (shnum && shentsize < sizeof(struct elf64_shdr))
			return -EINVAL;
	} else {
		struct elf32_hdr eh;

		if (size < sizeof(eh))
			return -EINVAL;
		memcpy(&eh, data, sizeof(eh));
		shoff = eh.e_shoff;
		shentsize = eh.e_shentsize;
		shnum = eh.e_shnum;
		shstrndx = eh.e_shstrndx;
		if (shnum && shentsize < sizeof(struct elf32_shdr))
			return -EINVAL;
	}
	if (!shnum)
		return -ENOENT;
	if (!amp_rsc_fits(size, shoff, (u64)shnum * shentsize) ||
	    shstrndx >= shnum)
		return -EINVAL;

	for (i = 0; i <= shnum; i++) {
		/* pass 0 reads the name table, passes 1.. the sections */
		unsigned int idx = i ? i - 1 : shstrndx;
		const u8 *sh = data + shoff + (u64)idx * shentsize;

		if (is64) {
			struct elf64_shdr h;

			memcpy(&h, sh, sizeof(h));
			s_name = h.sh_name;
			s_off = h.sh_offset;
			s_len = h.sh_size;
		} else {
			struct elf32_shdr h;

			memcpy(&h, sh, sizeof(h));
			s_name = h.sh_name;
			s_off = h.sh_offset;
			s_len = h.sh_size;
		}
		if (!i) {
			if (!amp_rsc_fits(size, s_off, s_len))
				return -EINVAL;
			str_off = s_off;
			str_len = s_len;
			continue;
		}
		/* the name must end inside the name table */
		if (s_name >= str_len ||
		    !memchr(data + str_off + s_name, 0, str_len - s_name))
			continue;
		if (strcmp((const char *)data + str_off + s_name, name))
			continue;
		if (!amp_rsc_fits(size, s_off, s_len))
			return -EINVAL;
		*off = s_off;
		*len = s_len;
		return 0;
	}
	return -ENOENT;
}

/*
 * One vdev entry of @avail bytes: its vrings and config space. Each field
 * is read once: an attached core's table is its own memory, which it can
 * rewrite while Linux looks.
 */
static inline const char *amp_rsc_check_vdev(const struct fw_rsc_vdev *v,
					     size_t avail)
{
	u32 id = READ_ONCE(v->id), config_len = READ_ONCE(v->config_len);
	u8 nvrings = READ_ONCE(v->num_of_vrings);
	unsigned int i;

	if (!nvrings)
		return "a vdev without vrings";
	if (nvrings > AMP_RSC_MAX_VRINGS)
		return "a vdev with more vrings than remoteproc handles";
	if (id == VIRTIO_ID_RPMSG && nvrings != 2)
		return "an rpmsg vdev without exactly two vrings";
	if (struct_size(v, vring, nvrings) + (u64)config_len > avail)
		return "a vdev larger than the table";
	for (i = 0; i < nvrings; i++) {
		u32 num = READ_ONCE(v->vring[i].num);
		u32 align = READ_ONCE(v->vring[i].align);

		if (!num || !is_power_of_2(num) || num > 32768)
			return "a vring whose size is not a power of two up to 32768";
		if (!align || !is_power_of_2(align))
			return "a vring whose alignment is not a power of two";
	}
	return NULL;
}

/**
 * amp_rsc_check() - check a resource table before remoteproc uses it
 * @buf: the table (a copy, or the remote's memory)
 * @size: the bytes available at @buf
 * @why: on failure, what is wrong, for the log
 *
 * Every entry must lie inside @size with its whole structure, and every
 * vdev must have vrings the core can set up (rpmsg: exactly two), each of
 * a non-zero power-of-two size. Entry types the core ignores (vendor
 * types) are only bounds-checked. Each field is read once, so that a table
 * rewritten during the check cannot take it outside @size; what the
 * remoteproc core later reads in place is what the remote leaves there.
 *
 * Return: 0 or -EINVAL.
 */
static inline int amp_rsc_check(const void *buf, size_t size,
				const char **why)
{
	const struct resource_table *t = buf;
	size_t head, need;
	unsigned int i;
	u32 num;

	*why = NULL;
	if (size < sizeof(*t)) {
		*why = "a table shorter than its header";
		return -EINVAL;
	}
	num = READ_ONCE(t->num);
	if (READ_ONCE(t->ver) != 1)
		*why = "a table whose version is not 1";
	else if (num > (size - sizeof(*t)) / sizeof(t->offset[0]))
		*why = "entry offsets past the table's end";
	if (*why)
		return -EINVAL;

	head = sizeof(*t) + (size_t)num * sizeof(t->offset[0]);
	for (i = 0; i < num; i++) {
		u32 off = READ_ONCE(t->offset[i]);
		const struct fw_rsc_hdr *hdr = buf + off;
		size_t avail;
		u32 type;

		if (off < head || !amp_rsc_fits(size, off, sizeof(*hdr))) {
			*why = "an entry outside the table";
			return -EINVAL;
		}
		avail = size - off - sizeof(*hdr);
		type = READ_ONCE(hdr->type);
		switch (type) {
		case RSC_CARVEOUT:
			need = sizeof(struct fw_rsc_carveout);
			break;
		case RSC_DEVMEM:
			need = sizeof(struct fw_rsc_devmem);
			break;
		case RSC_TRACE:
			need = sizeof(struct fw_rsc_trace);
			break;
		case RSC_VDEV:
			need = sizeof(struct fw_rsc_vdev);
			break;
		default:
			need = 0;
			break;
		}
		if (need > avail) {
			*why = "an entry cut by the table's end";
			return -EINVAL;
		}
		if (type == RSC_VDEV) {
			*why = amp_rsc_check_vdev((const void *)hdr->data,
						  avail);
			if (*why)
				return -EINVAL;
		}
	}
	return 0;
}

#endif /* AMP_RSC_CHECK_H */
