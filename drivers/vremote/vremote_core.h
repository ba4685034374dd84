/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The virtual core and the firmware it runs: state shared by the core
 * (vremote_core.c), its virtio-rpmsg device side (vremote_rpmsg.c) and the
 * firmware personalities (vremote_fw.c).
 */
#ifndef VREMOTE_CORE_H
#define VREMOTE_CORE_H

#include <linux/kthread.h>
#include <linux/regmap.h>
#include <linux/reset-controller.h>
#include <linux/sizes.h>
#include <linux/wait.h>

#include <amp/xlate.h>

#include "vremote.h"

#define VREMOTE_MAX_WINS	12
#define VREMOTE_MAX_EPTS	64
#define VREMOTE_OUTQ_LEN	64
#define VREMOTE_INBOX_LEN	64
#define VREMOTE_MAX_PAYLOAD	496	/* in Linux's 512-byte buffers */
#define VREMOTE_BUF_MAX		SZ_4K	/* the largest buffer the core takes */
#define VREMOTE_MSG_MAX		(VREMOTE_BUF_MAX - 16)	/* its payload */
#define VREMOTE_NS_ADDR		53
#define VREMOTE_ADDR_DYN	1024

/* A block of shared memory the core can reach, mapped once at probe. */
struct vremote_win {
	phys_addr_t pa;
	size_t size;
	void *va;
};

#define VREMOTE_OUT_OF_TURN	16

/* The device side of one split virtqueue. */
struct vremote_vring {
	u32 da;
	u32 num;
	u32 notifyid;
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	u16 idx;		/* next avail entry to take == next used slot */
	/* buffers given back out of turn, see vremote_ring_fault() */
	u16 held[VREMOTE_OUT_OF_TURN];	/* taken, not given back yet */
	u16 stale[VREMOTE_OUT_OF_TURN];	/* their next avail entry is stale */
	u8 nheld;
	u8 nstale;
};

struct vremote_ept;
typedef void (*vremote_rx_fn)(struct vremote_core *core,
			      struct vremote_ept *ept, u32 src,
			      const u8 *data, unsigned int len);

/* A firmware endpoint. */
struct vremote_ept {
	u32 addr;
	u32 peer;		/* the Linux address it answers (bound tty) */
	int instance;		/* tty number, for the "TTY n: " prefix */
	unsigned int count;	/* messages answered */
	char name[32];
	vremote_rx_fn rx;
};

/* A message waiting for a Linux rx buffer. */
struct vremote_msg {
	u32 src;
	u32 dst;
	u32 reserved;		/* the header's reserved and flags fields */
	u16 flags;
	u16 hdr_len;		/* the header's len field */
	u16 len;		/* payload bytes written */
	bool used_raw;		/* report used_len as it is, 0 or past the buffer */
	u32 used_len;		/* 0: header + payload; else as given, at most the buffer */
	u8 data[VREMOTE_MSG_MAX];
};

struct vremote_stats {
	u64 boots;
	u64 faults;
	u64 rx;
	u64 tx;
	u64 kicks_in;
	u64 kicks_vq[2];	/* kicks naming vring 0 / 1 */
	u64 bad_kick_words;	/* MU words not in the vqid << 16 format */
	u64 kicks_out;
	u64 rx_kick_asks;	/* out of vring 0 buffers with frames queued */
	u64 untaken_freed;	/* Linux's words to a stopped core, freed at its boot */
	u64 dropped;
	u64 ns_in;
	u64 shutdown_requests;
	u64 graceful_stops;	/* halts with a shutdown request before them */
	u64 detach_requests;
	u64 relinks;		/* rings re-created by Linux, either mode */
	u64 lite_links;		/* RPMsg-Lite link-ups */
	u64 watchdog_irqs;
};

enum vremote_state {
	VREMOTE_HALTED,		/* in reset */
	VREMOTE_RUNNING,
	VREMOTE_HUNG,		/* running but doing nothing: fault or fault personality */
};

/* How the running image speaks rpmsg, as its boot header says. */
enum vremote_mode {
	VREMOTE_MODE_NONE,	/* not at all (or no image running) */
	VREMOTE_MODE_RSC,	/* virtio-rpmsg set up through the resource table */
	VREMOTE_MODE_LITE,	/* RPMsg-Lite: fixed vrings, no resource table */
};

enum vremote_ctrl {
	VREMOTE_CTRL_SRC,	/* i.MX: the SRC's M4 control word */
	VREMOTE_CTRL_RESETS,	/* STM32: mcu_rst and hold_boot lines */
};

struct vremote_persona;
struct vremote_fuzz;

/* What vremote_ring_fault() does to vring 0 (see there). */
enum vremote_ring_fault {
	VREMOTE_RF_SWAP,
	VREMOTE_RF_OTHER_ID,
	VREMOTE_RF_DUP,
	VREMOTE_RF_JUMP,
	VREMOTE_RF_BAD_ID,
	VREMOTE_RF_PAST,
	VREMOTE_RF_KICK,
	VREMOTE_RF_KICK_WORD,
};

/**
 * struct vremote_core - the virtual M-core
 *
 * Fields under "firmware" belong to the core's thread alone.
 */
struct vremote_core {
	struct device *dev;
	struct vremote_mbox *mbox;
	unsigned int mu_idx;
	enum vremote_ctrl ctrl;
	struct regmap *src;
	u32 src_reg;
	struct device_node *trap_np;	/* the syscon whose writes it watches */
	struct regmap *hb_map;		/* optional: RCC hold-boot bit (STM32) */
	u32 hb_reg;
	u32 hb_mask;
	struct irq_domain *irqd;	/* optional: the watchdog's interrupt line */
	atomic_t halt_seen;		/* a reset since the thread last looked */
	atomic_t poke;			/* something for the thread to look at */
	struct reset_controller_dev rcdev;
	unsigned long resets;		/* bit set: line asserted */
	bool rst_running;		/* booted out of reset, not reset since */
	struct regmap *state_map;	/* optional: where the core reports its state */
	u32 state_reg;
	u32 state_mask;
	struct regmap *rsc_map;		/* optional: where the boot chain leaves */
	u32 rsc_reg;			/* the resource table's address */
	u32 boot_da;

	struct amp_xlate_win map[VREMOTE_MAX_WINS];	/* da -> pa */
	unsigned int nmap;
	bool cpu_alias;		/* memory also seen at its CPU address */
	struct vremote_win win[VREMOTE_MAX_WINS];	/* pa -> va */
	unsigned int nwin;

	struct task_struct *thread;
	wait_queue_head_t wq;
	wait_queue_head_t stepped;	/* woken after each step of the thread */
	spinlock_t evlock;		/* the inbox, @untaken */
	struct { u8 chan; u32 word; } inbox[VREMOTE_INBOX_LEN];
	unsigned int in_head, in_tail;
	unsigned long untaken;		/* channels of words dropped untaken */
	struct mutex ctl_lock;		/* stats and debugfs */
	struct vremote_stats stats;
	struct dentry *dbg;

	/* firmware */
	enum vremote_state state;
	const struct vremote_persona *persona;
	char persona_name[32];
	enum vremote_mode mode;
	u8 *rsc;
	u32 rsc_len;
	u32 shm_da;		/* RPMsg-Lite's shared memory */
	u32 shm_payload;	/* and the payload of its buffers */
	bool lite_kick;		/* a vq-0 word since the link was last seen up */
	bool lite_doorbell;	/* debugfs: ring the doorbell at an RPMsg-Lite boot */
	u32 boot_delay_ms;	/* debugfs: from the release to the firmware's start */
	bool boot_wait;		/* released, waiting for @boot_at */
	unsigned long boot_at;
	u32 vdev_off;
	u8 *trace;
	u32 trace_len;
	u32 trace_pos;
	bool linked;
	bool shutdown_asked;	/* since the last boot */
	u32 features;
	struct vremote_vring vr[2];
	unsigned int payload_max;	/* what one of Linux's rx buffers takes */
	u8 *rxmsg;		/* VREMOTE_BUF_MAX: Linux's message, copied out */
	struct vremote_msg *outq;
	unsigned int out_head, out_tail;
	struct vremote_ept ept[VREMOTE_MAX_EPTS];
	int tty_next;
	unsigned int flood_left;
	u32 flood_next;
	unsigned int burst_left;
	struct vremote_fuzz *fuzz;	/* settings from debugfs, and the run */
};

/**
 * struct vremote_persona - a firmware behaviour
 * @name: as named in the image's boot header
 * @prelink: each step while Linux's virtio driver is not ready yet
 *	(resource table images only)
 * @online: Linux's virtio driver is ready (DRIVER_OK; RPMsg-Lite: its first
 *	kick of vring 0): create endpoints
 * @ns: a name-service message from Linux
 * @tick: called each time the core runs, for work of its own
 * @wait_kicks: the core runs only when a mailbox word wakes it (no
 *	periodic look at the rings), and kicks Linux for frames it sends
 *	only once it has nothing more to send or runs out of buffers
 */
struct vremote_persona {
	const char *name;
	void (*prelink)(struct vremote_core *core);
	void (*online)(struct vremote_core *core);
	void (*ns)(struct vremote_core *core, const char *name, u32 addr,
		   u32 flags);
	void (*tick)(struct vremote_core *core);
	bool wait_kicks;
};

/* vremote_core.c */
void *vremote_da_ptr(struct vremote_core *core, u64 da, u64 len);
void vremote_trace(struct vremote_core *core, const char *fmt, ...) __printf(2, 3);
void vremote_hang(struct vremote_core *core, const char *why);
void vremote_crash(struct vremote_core *core, const char *why);
void vremote_poke(struct vremote_core *core);

/* vremote_rpmsg.c */
void vremote_rpmsg_step(struct vremote_core *core);
void vremote_rpmsg_reset(struct vremote_core *core);
void vremote_lite_boot(struct vremote_core *core, u32 shm_da, u32 buf_size);
int vremote_send(struct vremote_core *core, u32 src, u32 dst,
		 const void *data, unsigned int len);
int vremote_send_raw(struct vremote_core *core, u32 src, u32 dst,
		     u16 hdr_len, const void *data, unsigned int len,
		     u32 used_len);
int vremote_announce(struct vremote_core *core, const char *name, u32 addr,
		     u32 flags);
unsigned int vremote_outq_space(struct vremote_core *core);
struct vremote_msg *vremote_outq_next(struct vremote_core *core);
void vremote_outq_push(struct vremote_core *core);
int vremote_ring_fault(struct vremote_core *core, enum vremote_ring_fault f, u32 arg);
void vremote_stale_kicks(struct vremote_core *core, unsigned int rounds);
void vremote_resync(struct vremote_core *core);
struct vremote_ept *vremote_ept_add(struct vremote_core *core, u32 addr,
				    const char *name, vremote_rx_fn rx);
struct vremote_ept *vremote_ept_find(struct vremote_core *core, u32 addr);
void vremote_ept_del(struct vremote_core *core, struct vremote_ept *ept);
u32 vremote_ept_free_addr(struct vremote_core *core);

/* vremote_fuzz.c */
int vremote_fuzz_init(struct vremote_core *core);
void vremote_fuzz_debugfs(struct vremote_core *core);
void vremote_fuzz_start(struct vremote_core *core, u32 echo_addr);
void vremote_fuzz_tick(struct vremote_core *core);

/* vremote_fw.c */
const struct vremote_persona *vremote_persona_find(const char *name);

#endif /* VREMOTE_CORE_H */
