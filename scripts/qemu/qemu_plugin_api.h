/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The part of QEMU's TCG plugin API (version 1) that insn_profile.c uses,
 * declared from its documented interface: Debian's QEMU ships no header.
 * A plugin's id is a uint64_t; the tb and info structures are opaque.
 */
#ifndef AMP_QEMU_PLUGIN_API_H
#define AMP_QEMU_PLUGIN_API_H

#include <stddef.h>
#include <stdint.h>

#define EXPORT __attribute__((visibility("default")))

struct qemu_plugin_tb;
struct qemu_info_t;

enum qemu_plugin_op {
	QEMU_PLUGIN_INLINE_ADD_U64,
};

void qemu_plugin_register_vcpu_tb_trans_cb(uint64_t id,
					   void (*cb)(uint64_t id,
						      struct qemu_plugin_tb *tb));
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb,
					      enum qemu_plugin_op op,
					      void *ptr, uint64_t imm);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
void qemu_plugin_register_atexit_cb(uint64_t id,
				    void (*cb)(uint64_t id, void *userdata),
				    void *userdata);

/* what the plugin itself provides */
EXPORT extern int qemu_plugin_version;
EXPORT int qemu_plugin_install(uint64_t id, const struct qemu_info_t *info,
			       int argc, char **argv);

#endif
