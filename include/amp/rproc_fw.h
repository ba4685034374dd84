/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the platform drivers share on the remoteproc core: the firmware
 * checks (the image is refused before loading if its resource table could
 * not be used, see rsc_check.h, and a table section that cannot be read is
 * an error, not "no resource table"), and the mapping of carveouts.
 */
#ifndef AMP_RPROC_FW_H
#define AMP_RPROC_FW_H

#include <linux/device.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/remoteproc.h>
#include <linux/string.h>

#include <amp/compat.h>
#include <amp/rsc_check.h>

/**
 * amp_rproc_fw_check() - the sanity_check operation of the platform drivers
 * @rproc: the remote processor
 * @fw: the image
 * @max_table: largest resource table the board holds (0: no limit)
 *
 * Return: 0 or a negative errno, the reason logged.
 */
static inline int amp_rproc_fw_check(struct rproc *rproc,
				     const struct firmware *fw,
				     size_t max_table)
{
	const char *why;
	size_t off, len;
	int ret;

	ret = rproc_elf_sanity_check(rproc, fw);
	if (ret)
		return ret;
	ret = amp_elf_find_section(fw->data, fw->size, ".resource_table",
				   &off, &len);
	if (ret == -ENOENT)
		return 0;
	if (ret) {
		dev_err(&rproc->dev, "section headers outside the image\n");
		return ret;
	}
	ret = amp_rsc_check(fw->data + off, len, &why);
	if (ret) {
		dev_err(&rproc->dev, "resource table refused: %s\n", why);
		return ret;
	}
	if (max_table && len > max_table) {
		dev_err(&rproc->dev, "resource table (%zu bytes) larger than its place (%zu)\n",
			len, max_table);
		return -E2BIG;
	}
	return 0;
}

/**
 * amp_rproc_parse_fw() - the parse_fw operation of the platform drivers
 * @rproc: the remote processor
 * @fw: the image, checked by amp_rproc_fw_check()
 *
 * Return: 0 (also for an image without a resource table) or a negative errno.
 */
static inline int amp_rproc_parse_fw(struct rproc *rproc,
				     const struct firmware *fw)
{
	size_t off, len;

	if (amp_elf_find_section(fw->data, fw->size, ".resource_table",
				 &off, &len) == -ENOENT) {
		dev_info(&rproc->dev, "No resource table in elf\n");
		return 0;
	}
	return rproc_elf_load_rsc_table(rproc, fw);
}

/**
 * amp_rproc_is_vdev_buffer() - is a memory-region a vdev's buffer pool?
 * @name: the reserved-memory node's name, without unit address
 *
 * "vdev<N>buffer" regions are the virtio devices' DMA pools, found by the
 * remoteproc core itself; they are not carveouts of the firmware.
 *
 * Return: true for "vdev" + decimal digits + "buffer".
 */
static inline bool amp_rproc_is_vdev_buffer(const char *name)
{
	const char *p;

	if (strncmp(name, "vdev", 4))
		return false;
	for (p = name + 4; *p >= '0' && *p <= '9'; p++)
		;
	return p > name + 4 && !strcmp(p, "buffer");
}

/*
 * A carveout's alloc/release: reserved memory mapped write-combining
 * (Normal non-cacheable on arm64), where the core's plain copies are safe.
 */
static inline int amp_rproc_carveout_map(struct rproc *rproc,
					 struct rproc_mem_entry *mem)
{
	void __iomem *va = ioremap_wc(mem->dma, mem->len);

	if (!va) {
		dev_err(&rproc->dev, "cannot map %pad+%zx\n", &mem->dma, mem->len);
		return -ENOMEM;
	}
	mem->va = (__force void *)va;
	return 0;
}

static inline int amp_rproc_carveout_unmap(struct rproc *rproc,
					   struct rproc_mem_entry *mem)
{
	iounmap((__force void __iomem *)mem->va);
	return 0;
}

/**
 * amp_rproc_prepare_undo() - take back what a failed prepare() added
 * @rproc: the remote processor
 * @carveouts: the last carveout before prepare() began (or the list head)
 * @segments: the last coredump segment before it began (or the list head)
 *
 * The remoteproc core does not clean carveouts and coredump segments up
 * when prepare() fails (nor when the image is refused right after it): what
 * a failed prepare() added would still be there when the next boot adds
 * the same again. (The second case is left to the core.)
 */
static inline void amp_rproc_prepare_undo(struct rproc *rproc,
					  struct list_head *carveouts,
					  struct list_head *segments)
{
	struct rproc_mem_entry *mem, *mem_next;
	struct rproc_dump_segment *seg, *seg_next;

	mem = list_entry(carveouts->next, struct rproc_mem_entry, node);
	list_for_each_entry_safe_from(mem, mem_next, &rproc->carveouts, node) {
		list_del(&mem->node);
		kfree(mem);
	}
	seg = list_entry(segments->next, struct rproc_dump_segment, node);
	list_for_each_entry_safe_from(seg, seg_next, &rproc->dump_segments, node) {
		list_del(&seg->node);
		kfree(seg);
	}
}

#endif /* AMP_RPROC_FW_H */
