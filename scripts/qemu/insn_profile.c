// SPDX-License-Identifier: GPL-2.0
/*
 * A QEMU TCG plugin for `make bench PROFILE=...`: counts the instructions
 * the guest executes in each translated block, and the block's runs, and
 * when QEMU exits writes "<block start address, hex> <instructions> <runs>"
 * lines to the file its "out" argument names (one line per address, the
 * blocks translated more than once summed). scripts/bench_profile.py maps
 * the addresses to functions.
 *
 *   qemu-system-aarch64 -plugin insn_profile.so,out=FILE ...
 *
 * Built against QEMU's plugin API version 1 (QEMU 4.2 to 8.x), the few
 * declarations of it that it needs in qemu_plugin_api.h: Debian ships no
 * plugin header.
 * Counts are exact on a guest with one vCPU (the bench's); with more,
 * concurrent blocks may lose increments.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu_plugin_api.h"

EXPORT int qemu_plugin_version = 1;

struct block {
	uint64_t vaddr;
	uint64_t insns;		/* executed, added to by the block itself */
	uint64_t runs;
};

#define CHUNK	65536

/* the blocks, in chunks that never move (the translated code points in) */
static struct block **chunks;
static size_t nchunks, used = CHUNK;
static const char *out_path;

static struct block *new_block(void)
{
	struct block **c;

	if (used == CHUNK) {
		c = realloc(chunks, (nchunks + 1) * sizeof(*chunks));
		if (!c)
			return NULL;
		chunks = c;
		chunks[nchunks] = calloc(CHUNK, sizeof(struct block));
		if (!chunks[nchunks])
			return NULL;
		nchunks++;
		used = 0;
	}
	return &chunks[nchunks - 1][used++];
}

static void translated(uint64_t id, struct qemu_plugin_tb *tb)
{
	struct block *b = new_block();

	(void)id;
	if (!b)
		return;
	b->vaddr = qemu_plugin_tb_vaddr(tb);
	qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64,
						 &b->insns,
						 qemu_plugin_tb_n_insns(tb));
	qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64,
						 &b->runs, 1);
}

static int by_vaddr(const void *a, const void *b)
{
	const struct block *x = a, *y = b;

	return x->vaddr < y->vaddr ? -1 : x->vaddr > y->vaddr;
}

static void done(uint64_t id, void *userdata)
{
	size_t i, n = 0, total = nchunks ? (nchunks - 1) * CHUNK + used : 0;
	struct block *all = malloc((total + 1) * sizeof(*all));
	FILE *f;

	(void)id;
	(void)userdata;
	if (!all)
		return;
	for (i = 0; i < total; i++)
		if (chunks[i / CHUNK][i % CHUNK].insns)
			all[n++] = chunks[i / CHUNK][i % CHUNK];
	qsort(all, n, sizeof(*all), by_vaddr);
	f = fopen(out_path, "w");
	if (!f) {
		perror(out_path);
		free(all);
		return;
	}
	for (i = 0; i < n; i++) {
		if (i + 1 < n && all[i + 1].vaddr == all[i].vaddr) {
			all[i + 1].insns += all[i].insns;
			all[i + 1].runs += all[i].runs;
			continue;
		}
		fprintf(f, "%llx %llu %llu\n", (unsigned long long)all[i].vaddr,
			(unsigned long long)all[i].insns,
			(unsigned long long)all[i].runs);
	}
	fclose(f);
	free(all);
}

int qemu_plugin_install(uint64_t id, const struct qemu_info_t *info,
			int argc, char **argv)
{
	int i;

	(void)info;
	for (i = 0; i < argc; i++)
		if (!strncmp(argv[i], "out=", 4))
			out_path = argv[i] + 4;
	if (!out_path) {
		fprintf(stderr, "insn_profile: out=FILE is needed\n");
		return 1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, translated);
	qemu_plugin_register_atexit_cb(id, done, NULL);
	return 0;
}
