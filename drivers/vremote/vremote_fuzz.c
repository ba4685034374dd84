// SPDX-License-Identifier: GPL-2.0
/*
 * The "fuzz" firmware: seeded random mutations of valid virtio-rpmsg
 * traffic, sent to Linux as fast as it posts buffers.
 *
 * Each frame starts valid: a data message from the echo endpoint to an
 * address where Linux has, or may have, an endpoint (the name service,
 * the first dynamic addresses), or a name-service message. Most get one
 * to three mutations: the header's source, destination, length, reserved
 * and flags fields, or the length reported in the used ring (0, shorter
 * than a header, past the buffer, the whole buffer, exact). Name-service
 * messages take their names from a pool of FUZZ_POOL slots, each created
 * and destroyed again: plain, with a '/', unterminated, at address -1,
 * with odd flags or a wrong size, or the names of the echo channel and of
 * rpmsg-raw at other addresses. Between frames: kicks with nothing new,
 * mailbox words in no known format, and used-ring faults (see
 * vremote_ring_fault()). After the frames comes a destroy for every name
 * and address the run may have made a channel of, so that the echo
 * channel alone remains, and it keeps answering.
 *
 * The frames and faults are a function of fuzz_seed (xorshift64); which
 * frames a ring fault meets depends on Linux's pace.
 */
#include <linux/debugfs.h>
#include <linux/jiffies.h>
#include <linux/string.h>

#include "vremote_core.h"

#define FUZZ_POOL		50	/* name slots */
#define FUZZ_NAME_BASE		0x500	/* + slot: a pool name's address */
#define FUZZ_COLL_BASE		0x600	/* + slot: a colliding name's address */
#define FUZZ_ADDR_ANY		0xffffffff
#define FUZZ_HDR		16	/* the rpmsg header */
#define FUZZ_BUF		(FUZZ_HDR + VREMOTE_MAX_PAYLOAD)	/* Linux's buffers */
#define FUZZ_MARGIN		4	/* queue entries left to the echo's answers */
#define FUZZ_WAIT		HZ	/* how long a ring fault waits for buffers */
#define FUZZ_STALL		(20 * HZ)	/* no frame taken for that long */
#define NS_CREATE		0
#define NS_DESTROY		1

struct fuzz_ns {
	char name[32];
	__le32 addr;
	__le32 flags;
} __packed;

/* the pool's names: slot bits (name << 1 | at address -1) */
enum fuzz_name { FN_PLAIN, FN_SLASH, FN_LONG, FN_ECHO, FN_RAW, FN_NR };

enum fuzz_kind {
	FZ_VALID, FZ_SRC, FZ_DST, FZ_LEN, FZ_RSVD, FZ_USED,
	FZ_NS_OK, FZ_NS_NAME, FZ_NS_ANY, FZ_NS_FLAGS, FZ_NS_SIZE, FZ_CLEAN,
	FZ_KICK, FZ_WORD,
	FZ_SWAP, FZ_OTHER, FZ_DUP, FZ_JUMP,	/* in vremote_ring_fault()'s order */
	FZ_SKIP, FZ_NR
};

enum fuzz_phase { FP_OFF, FP_RUN, FP_CLEAN, FP_BREAK, FP_DONE };

struct fuzz_run {
	enum fuzz_phase phase;
	u64 x;				/* xorshift64 state */
	u32 total;			/* frames to mutate */
	u32 brk;			/* the absurd step at the end, if any */
	u32 sent;			/* frames queued, cleanup included */
	u32 echo;			/* the echo endpoint's address */
	unsigned int clean;		/* next slot bit to destroy */
	bool rf_pending;		/* a ring fault waits for buffers */
	enum vremote_ring_fault rf;
	u32 rf_arg;
	unsigned long rf_until;
	u32 taken;			/* frames out of the queue, as last seen */
	unsigned long moved;		/* when that changed */
	u16 made[FUZZ_POOL];		/* pairs Linux may have a channel of */
	u16 live[FUZZ_POOL];		/* created last, not destroyed since */
	u32 count[FZ_NR];
};

struct vremote_fuzz {
	u64 seed;			/* debugfs fuzz_seed */
	u32 frames;			/* debugfs fuzz_frames */
	u32 brk;			/* debugfs fuzz_break */
	struct fuzz_run run;		/* the core's thread alone */
};

static u32 fuzz_rand(struct fuzz_run *f)
{
	f->x ^= f->x << 13;
	f->x ^= f->x >> 7;
	f->x ^= f->x << 17;
	return f->x >> 32;
}

/* In [0, n), without a division (32-bit ARM has no 64-bit one). */
static u32 fuzz_below(struct fuzz_run *f, u32 n)
{
	return ((u64)fuzz_rand(f) * n) >> 32;
}

static void fuzz_bytes(struct fuzz_run *f, u8 *p, unsigned int len)
{
	unsigned int i;
	u32 v;

	for (i = 0; i < len; i += sizeof(v)) {
		v = fuzz_rand(f);
		memcpy(p + i, &v, min_t(unsigned int, sizeof(v), len - i));
	}
}

/* The name Linux would give a channel of slot @s in form @n. */
static void fuzz_name(char name[32], unsigned int s, unsigned int n)
{
	int len;

	switch (n) {
	case FN_PLAIN:
		snprintf(name, 32, "fuzz-%02u", s);
		break;
	case FN_SLASH:
		snprintf(name, 32, "fuzz/%02u", s);
		break;
	case FN_LONG:
		/* sent unterminated: Linux keeps the first 31 bytes, if any */
		len = snprintf(name, 32, "fuzz-%02u-", s);
		memset(name + len, 'x', 31 - len);
		name[31] = '\0';
		break;
	case FN_ECHO:
		strscpy(name, "rpmsg-openamp-demo-channel", 32);
		break;
	default:
		strscpy(name, "rpmsg-raw", 32);
		break;
	}
}

static u32 fuzz_ns_addr(unsigned int s, unsigned int bit)
{
	if (bit & 1)
		return FUZZ_ADDR_ANY;
	return (bit >> 1 >= FN_ECHO ? FUZZ_COLL_BASE : FUZZ_NAME_BASE) + s;
}

static void fuzz_ns_put(struct vremote_msg *m, unsigned int s, unsigned int bit,
			u32 flags, bool unterminated)
{
	struct fuzz_ns *ns = (void *)m->data;

	memset(ns, 0, sizeof(*ns));
	fuzz_name(ns->name, s, bit >> 1);
	if (unterminated)
		ns->name[31] = 'x';
	ns->addr = cpu_to_le32(fuzz_ns_addr(s, bit));
	ns->flags = cpu_to_le32(flags);
	m->src = fuzz_ns_addr(s, bit);
	m->dst = VREMOTE_NS_ADDR;
	m->len = sizeof(*ns);
	m->hdr_len = sizeof(*ns);
}

/* A name-service message about a pool slot: create it, or destroy it. */
static void fuzz_ns(struct fuzz_run *f, struct vremote_msg *m)
{
	unsigned int s = fuzz_below(f, FUZZ_POOL), n = fuzz_below(f, FN_NR);
	unsigned int bit = n << 1 | (n < FN_ECHO && !fuzz_below(f, 4));
	u32 flags = f->live[s] & BIT(bit) ? NS_DESTROY : NS_CREATE;
	unsigned int r = fuzz_below(f, 10), kind;

	f->live[s] ^= BIT(bit);
	f->made[s] |= BIT(bit);
	kind = bit & 1 ? FZ_NS_ANY : n == FN_PLAIN ? FZ_NS_OK : FZ_NS_NAME;
	if (!r) {
		/* what mainline takes as a create, or as a destroy (bit 0) */
		flags |= BIT(1 + fuzz_below(f, 31));
		kind = FZ_NS_FLAGS;
	}
	fuzz_ns_put(m, s, bit, flags, n == FN_LONG);
	if (r == 1) {
		m->len = fuzz_below(f, 2) ? fuzz_below(f, sizeof(struct fuzz_ns)) :
			 sizeof(struct fuzz_ns) + 1 + fuzz_below(f, 64);
		fuzz_bytes(f, m->data + sizeof(struct fuzz_ns),
			   m->len - min_t(u16, m->len, sizeof(struct fuzz_ns)));
		m->hdr_len = m->len;
		kind = FZ_NS_SIZE;
	}
	f->count[kind]++;
}

/* Where Linux has, or may have, an endpoint. */
static u32 fuzz_linux_addr(struct fuzz_run *f)
{
	u32 r = fuzz_below(f, 8);

	if (r < 3)
		return VREMOTE_NS_ADDR;
	if (r < 7)
		return VREMOTE_ADDR_DYN + fuzz_below(f, 16);
	return fuzz_rand(f);
}

static void fuzz_data(struct fuzz_run *f, struct vremote_msg *m)
{
	u32 r = fuzz_below(f, 10);

	m->src = f->echo;
	m->dst = fuzz_linux_addr(f);
	if (r < 6)
		m->len = fuzz_below(f, 65);
	else if (r < 9)
		m->len = fuzz_below(f, VREMOTE_MAX_PAYLOAD + 1);
	else
		m->len = VREMOTE_MAX_PAYLOAD;
	m->hdr_len = m->len;
	fuzz_bytes(f, m->data, m->len);
}

static void fuzz_mutate(struct fuzz_run *f, struct vremote_msg *m)
{
	static const u32 addrs[] = { 0, VREMOTE_NS_ADDR, VREMOTE_ADDR_DYN - 1,
				     VREMOTE_ADDR_DYN, FUZZ_ADDR_ANY };
	unsigned int k = FZ_SRC + fuzz_below(f, FZ_USED - FZ_SRC + 1);

	switch (k) {
	case FZ_SRC:
		m->src = fuzz_below(f, 2) ? addrs[fuzz_below(f, ARRAY_SIZE(addrs))] :
			 fuzz_rand(f);
		break;
	case FZ_DST:
		m->dst = fuzz_below(f, 2) ? addrs[fuzz_below(f, ARRAY_SIZE(addrs))] :
			 fuzz_linux_addr(f);
		break;
	case FZ_LEN:
		switch (fuzz_below(f, 6)) {
		case 0:
			m->hdr_len = 0;
			break;
		case 1:
			m->hdr_len = m->len - 1 - fuzz_below(f, 8);
			break;
		case 2:
			m->hdr_len = m->len + 1 + fuzz_below(f, 8);
			break;
		case 3:
			m->hdr_len = VREMOTE_MAX_PAYLOAD + fuzz_below(f, 2);
			break;
		case 4:
			m->hdr_len = U16_MAX;
			break;
		default:
			m->hdr_len = fuzz_rand(f);
			break;
		}
		break;
	case FZ_RSVD:
		m->reserved = fuzz_rand(f);
		m->flags = fuzz_rand(f);
		break;
	default:
		m->used_raw = true;
		switch (fuzz_below(f, 5)) {
		case 0:
			m->used_len = 0;
			break;
		case 1:
			m->used_len = 1 + fuzz_below(f, FUZZ_HDR - 1);
			break;
		case 2:
			m->used_len = fuzz_below(f, 2) ? FUZZ_BUF + 1 + fuzz_below(f, 8) :
				      U32_MAX - fuzz_below(f, 16);
			break;
		case 3:
			m->used_len = FUZZ_HDR + m->len;
			break;
		default:
			/* the whole buffer, whatever its size */
			m->used_raw = false;
			m->used_len = U32_MAX;
			break;
		}
		break;
	}
	f->count[k]++;
}

/* The next frame, and maybe a kick or a ring fault after it. */
static void fuzz_frame(struct vremote_core *core, struct fuzz_run *f)
{
	struct vremote_msg *m = vremote_outq_next(core);
	bool ns = fuzz_below(f, 100) < 2;
	unsigned int i, n, r;

	if (ns)
		fuzz_ns(f, m);
	else
		fuzz_data(f, m);
	r = fuzz_below(f, 20);
	if (ns)
		n = r < 5;
	else
		n = r < 5 ? 0 : r < 13 ? 1 : r < 18 ? 2 : 3;
	for (i = 0; i < n; i++)
		fuzz_mutate(f, m);
	if (!n)
		f->count[FZ_VALID]++;
	/* only the pool's names reach the name service in a well-formed message */
	if (!ns && m->dst == VREMOTE_NS_ADDR && m->hdr_len == sizeof(struct fuzz_ns))
		m->hdr_len++;
	vremote_outq_push(core);
	f->sent++;

	r = fuzz_below(f, 1000);
	if (r < 20) {
		vremote_ring_fault(core, r < 10 ? VREMOTE_RF_KICK : VREMOTE_RF_KICK_WORD,
				   fuzz_rand(f));
		f->count[r < 10 ? FZ_KICK : FZ_WORD]++;
	} else if (r < 40) {
		f->rf = VREMOTE_RF_SWAP + (r - 20) / 5;
		f->rf_arg = fuzz_rand(f);
		f->rf_until = jiffies + FUZZ_WAIT;
		f->rf_pending = true;
	}
}

/* The pending ring fault: false while it still waits for buffers. */
static bool fuzz_ring(struct vremote_core *core, struct fuzz_run *f)
{
	if (vremote_ring_fault(core, f->rf, f->rf_arg) == -EAGAIN) {
		if (time_before(jiffies, f->rf_until))
			return false;
		f->count[FZ_SKIP]++;
	} else {
		f->count[FZ_SWAP + f->rf - VREMOTE_RF_SWAP]++;
	}
	f->rf_pending = false;
	return true;
}

/* A destroy for the next pair Linux may have a channel of, if any is left. */
static bool fuzz_clean(struct vremote_core *core, struct fuzz_run *f)
{
	unsigned int s, bit;

	/* in each slot the pairs at an address first, then those at -1 */
	for (; f->clean < FUZZ_POOL * 2 * FN_NR; f->clean++) {
		s = f->clean / (2 * FN_NR);
		bit = f->clean % (2 * FN_NR);
		if (!(f->made[s] & BIT(bit)))
			continue;
		fuzz_ns_put(vremote_outq_next(core), s, bit, NS_DESTROY, false);
		vremote_outq_push(core);
		f->clean++;
		f->sent++;
		f->count[FZ_CLEAN]++;
		return true;
	}
	return false;
}

static void fuzz_report(struct vremote_core *core, struct fuzz_run *f)
{
	u32 *c = f->count;

	vremote_trace(core, "fuzz: valid %u src %u dst %u len %u rsvd %u used %u",
		      c[FZ_VALID], c[FZ_SRC], c[FZ_DST], c[FZ_LEN], c[FZ_RSVD], c[FZ_USED]);
	vremote_trace(core, "fuzz: ns ok %u name %u addr-1 %u flags %u size %u cleanup %u",
		      c[FZ_NS_OK], c[FZ_NS_NAME], c[FZ_NS_ANY], c[FZ_NS_FLAGS],
		      c[FZ_NS_SIZE], c[FZ_CLEAN]);
	vremote_trace(core, "fuzz: kick %u word %u swap %u other-id %u dup %u jump %u skipped %u",
		      c[FZ_KICK], c[FZ_WORD], c[FZ_SWAP], c[FZ_OTHER], c[FZ_DUP],
		      c[FZ_JUMP], c[FZ_SKIP]);
}

/* Has Linux taken no frame for FUZZ_STALL while some wait? Then stop. */
static bool fuzz_stalled(struct vremote_core *core, struct fuzz_run *f)
{
	u32 taken = f->sent - (VREMOTE_OUTQ_LEN - 1 - vremote_outq_space(core));

	if (taken != f->taken || core->out_head == core->out_tail) {
		f->taken = taken;
		f->moved = jiffies;
		return false;
	}
	if (time_before(jiffies, f->moved + FUZZ_STALL))
		return false;
	fuzz_report(core, f);
	vremote_trace(core, "fuzz: stalled after %u frames: Linux posts no buffers", taken);
	f->phase = FP_OFF;
	return true;
}

/* The absurd step: a used id past the ring, or used->idx past the posted. */
static void fuzz_break(struct vremote_core *core, struct fuzz_run *f)
{
	bool past = f->brk % 2 == 0;
	int ret;

	ret = vremote_ring_fault(core, past ? VREMOTE_RF_PAST : VREMOTE_RF_BAD_ID, f->rf_arg);
	if (ret == -EAGAIN && time_before(jiffies, f->rf_until))
		return;
	vremote_trace(core, "fuzz: absurd step%s: %s", ret ? " not done" : "",
		      past ? "used->idx past the posted buffers" : "a used id past the ring");
	f->phase = FP_DONE;
}

static void fuzz_finish(struct vremote_core *core, struct fuzz_run *f)
{
	struct vremote_msg *m;

	fuzz_report(core, f);
	if (!f->brk) {
		f->phase = FP_DONE;
		vremote_trace(core, "fuzz: done, %u frames sent", f->sent);
		return;
	}
	/* one valid frame for the absurd step to report (to no one) */
	m = vremote_outq_next(core);
	m->src = f->echo;
	m->dst = FUZZ_COLL_BASE + FUZZ_POOL;
	m->len = 0;
	m->hdr_len = 0;
	vremote_outq_push(core);
	f->sent++;
	f->rf_arg = fuzz_rand(f);
	f->rf_until = jiffies + FUZZ_WAIT;
	f->phase = FP_BREAK;
}

void vremote_fuzz_tick(struct vremote_core *core)
{
	struct fuzz_run *f = &core->fuzz->run;

	if (f->phase == FP_OFF || f->phase == FP_DONE || fuzz_stalled(core, f))
		return;
	while (f->phase != FP_DONE) {
		if (f->phase == FP_BREAK) {
			fuzz_break(core, f);
			if (f->phase == FP_DONE)
				vremote_trace(core, "fuzz: done, %u frames sent", f->sent);
			return;
		}
		if (f->rf_pending && !fuzz_ring(core, f))
			return;
		if (vremote_outq_space(core) <= FUZZ_MARGIN)
			return;
		if (f->phase == FP_RUN && f->sent < f->total) {
			fuzz_frame(core, f);
		} else if (f->phase == FP_RUN) {
			f->phase = FP_CLEAN;
		} else if (!fuzz_clean(core, f)) {
			/* every destroy taken before the end is told */
			if (core->out_head != core->out_tail)
				return;
			fuzz_finish(core, f);
		}
	}
}

/* The fuzz personality is online: a new run from the debugfs settings. */
void vremote_fuzz_start(struct vremote_core *core, u32 echo_addr)
{
	struct vremote_fuzz *fz = core->fuzz;
	struct fuzz_run *f = &fz->run;
	u64 seed = READ_ONCE(fz->seed), x = seed;

	memset(f, 0, sizeof(*f));
	/* splitmix64's finaliser: neighbouring seeds, unrelated streams */
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	x ^= x >> 31;
	f->x = x ?: 1;
	f->total = READ_ONCE(fz->frames);
	f->brk = READ_ONCE(fz->brk);
	f->echo = echo_addr;
	f->moved = jiffies;
	f->phase = FP_RUN;
	vremote_trace(core, "fuzz: seed %llu, %u frames", seed, f->total);
}

int vremote_fuzz_init(struct vremote_core *core)
{
	core->fuzz = devm_kzalloc(core->dev, sizeof(*core->fuzz), GFP_KERNEL);
	if (!core->fuzz)
		return -ENOMEM;
	core->fuzz->seed = 1;
	core->fuzz->frames = 100000;
	return 0;
}

/* Read when the fuzz firmware comes online: set them before starting it. */
void vremote_fuzz_debugfs(struct vremote_core *core)
{
	debugfs_create_u64("fuzz_seed", 0600, core->dbg, &core->fuzz->seed);
	debugfs_create_u32("fuzz_frames", 0600, core->dbg, &core->fuzz->frames);
	debugfs_create_u32("fuzz_break", 0600, core->dbg, &core->fuzz->brk);
}
