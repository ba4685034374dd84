// SPDX-License-Identifier: GPL-2.0
/*
 * The device side of virtio-rpmsg, as the remote's firmware plays it.
 *
 * vring 0 carries messages to Linux: Linux posts empty buffers, the core
 * fills them and returns them as used. vring 1 carries Linux's messages:
 * the core takes each posted buffer, copies the message out and returns
 * the buffer at once. Every index, descriptor and length comes from
 * memory Linux writes and is checked before use.
 *
 * The rings are found in one of two ways. With a resource table (OpenAMP),
 * Linux writes their addresses into the loaded table's vdev and sets its
 * status to DRIVER_OK. Without one (NXP's RPMsg-Lite with Linux's
 * DT-declared rpmsg link), they sit at fixed places in shared memory, and
 * the link is up once Linux kicks vring 0, the remote's transmit ring.
 */
#include <linux/remoteproc.h>
#include <linux/string.h>
#include <linux/virtio_byteorder.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ring.h>

#include "vremote_core.h"

#define VREMOTE_VRING_MAX	1024
#define VREMOTE_F_NS		0
#define VREMOTE_F_BUFSZ		1

/* RPMsg-Lite's layout (rpmsg_lite_remote_init() on i.MX, link 0) */
#define VREMOTE_LITE_VRING1_OFF	0x8000
#define VREMOTE_LITE_VRING_NUM	256
#define VREMOTE_LITE_VRING_ALIGN	0x1000

/* The rpmsg header and name-service message, little endian on the wire. */
struct vremote_hdr {
	__le32 src;
	__le32 dst;
	__le32 reserved;
	__le16 len;
	__le16 flags;
} __packed;

/* The vdev's config space with VREMOTE_F_BUFSZ: mainline's layout. */
struct vremote_config {
	u8 version;
	__le16 size;
	__le32 txbuf_size;
	__le32 rxbuf_size;
} __packed;

struct vremote_ns {
	char name[32];
	__le32 addr;
	__le32 flags;
} __packed;

static inline u16 vr16(__virtio16 v)
{
	return __virtio16_to_cpu(true, v);
}

static inline u32 vr32(__virtio32 v)
{
	return __virtio32_to_cpu(true, v);
}

static inline u64 vr64(__virtio64 v)
{
	return __virtio64_to_cpu(true, v);
}

static void vremote_count(struct vremote_core *core, u64 *field)
{
	mutex_lock(&core->ctl_lock);
	(*field)++;
	mutex_unlock(&core->ctl_lock);
}

/*
 * Has Linux reset the core since this step began? A real core stops at
 * once; the thread, which may have been held up (by Linux's mailbox
 * callback, which runs in its context), stops before it next touches the
 * rings: Linux may have set up new ones there since.
 */
static bool vremote_halting(struct vremote_core *core)
{
	return atomic_read_acquire(&core->halt_seen);
}

static struct fw_rsc_vdev *vremote_vdev(struct vremote_core *core)
{
	return (void *)core->rsc + core->vdev_off;
}

/* Forget the link: Linux's driver went away, or the core stopped. */
void vremote_rpmsg_reset(struct vremote_core *core)
{
	core->linked = false;
	core->out_head = 0;
	core->out_tail = 0;
	core->flood_left = 0;
	core->burst_left = 0;
	core->payload_max = VREMOTE_MAX_PAYLOAD;
	memset(core->ept, 0, sizeof(core->ept));
	memset(core->vr, 0, sizeof(core->vr));
	core->tty_next = 1;
	core->lite_kick = false;
}

/* Set @r up as a split ring of @num entries at @da, used ring @align-ed. */
static int vremote_vring_init(struct vremote_core *core, struct vremote_vring *r,
			      u32 da, u32 num, u32 align, u32 notifyid)
{
	struct vring vr;
	void *base;

	if (!num || num > VREMOTE_VRING_MAX || !is_power_of_2(num) ||
	    !align || !is_power_of_2(align) || align > SZ_64K)
		return -EINVAL;
	base = vremote_da_ptr(core, da, vring_size(num, align));
	if (!base)
		return -ERANGE;
	vring_init(&vr, num, base, align);
	r->da = da;
	r->num = num;
	r->notifyid = notifyid;
	r->desc = vr.desc;
	r->avail = vr.avail;
	r->used = vr.used;
	r->idx = 0;
	r->nheld = 0;
	r->nstale = 0;
	return 0;
}

/* A ring as a resource table's vdev describes it. */
static int vremote_vring_setup(struct vremote_core *core, struct vremote_vring *r,
			       const struct fw_rsc_vdev_vring *rv)
{
	return vremote_vring_init(core, r, READ_ONCE(rv->da), READ_ONCE(rv->num),
				  READ_ONCE(rv->align), READ_ONCE(rv->notifyid));
}

/* RPMsg-Lite's two rings, at the image's shared memory. */
static int vremote_lite_rings(struct vremote_core *core)
{
	u32 da = core->shm_da;
	int i;

	/* the descriptor tables 16-byte aligned, and vring 1 below 4 GiB */
	if (!IS_ALIGNED(da, 16) || da > U32_MAX - VREMOTE_LITE_VRING1_OFF)
		return -EINVAL;
	for (i = 0; i < 2; i++) {
		int ret = vremote_vring_init(core, &core->vr[i],
					     da + i * VREMOTE_LITE_VRING1_OFF,
					     VREMOTE_LITE_VRING_NUM,
					     VREMOTE_LITE_VRING_ALIGN, i);

		if (ret)
			return ret;
	}
	return 0;
}

/*
 * Does the core want Linux's kick when Linux gives vring 0 buffers back?
 * Not while it has some (recent OpenAMP sets the same flag on that ring):
 * it looks when it has a frame to send. Out of buffers with frames
 * waiting, it asks, as TI's IPC firmware does.
 */
static void vremote_want_rx_kick(struct vremote_vring *r, bool want)
{
	WRITE_ONCE(r->used->flags, want ? 0 : __cpu_to_virtio16(true, VRING_USED_F_NO_NOTIFY));
}

/*
 * The payload one of Linux's receive buffers takes: 496 bytes, or, when
 * Linux took VREMOTE_F_BUFSZ, what the firmware's own config space says
 * its send buffers are (as OpenAMP built for other sizes does).
 */
static unsigned int vremote_payload_max(struct vremote_core *core,
					struct fw_rsc_vdev *v)
{
	u32 end = core->vdev_off + sizeof(*v) + 2 * sizeof(v->vring[0]);
	u32 clen = READ_ONCE(v->config_len);
	struct vremote_config cfg;
	u32 tx;

	if (!(core->features & BIT(VREMOTE_F_BUFSZ)) || clen < sizeof(cfg) ||
	    end > core->rsc_len || clen > core->rsc_len - end)
		return VREMOTE_MAX_PAYLOAD;
	memcpy(&cfg, core->rsc + end, sizeof(cfg));
	tx = le32_to_cpu(cfg.txbuf_size);
	if (cfg.version != 1 || tx <= sizeof(struct vremote_hdr) || tx > VREMOTE_BUF_MAX)
		return VREMOTE_MAX_PAYLOAD;
	return tx - sizeof(struct vremote_hdr);
}

static void vremote_link_up(struct vremote_core *core)
{
	struct fw_rsc_vdev *v = vremote_vdev(core);
	int i;

	vremote_rpmsg_reset(core);
	for (i = 0; i < 2; i++) {
		if (vremote_vring_setup(core, &core->vr[i], &v->vring[i])) {
			vremote_hang(core, "bad vring in the resource table");
			return;
		}
	}
	core->features = READ_ONCE(v->gfeatures);
	core->payload_max = vremote_payload_max(core, v);
	vremote_want_rx_kick(&core->vr[0], false);
	core->linked = true;
	vremote_trace(core, "virtio: vrings at %#x and %#x, %u entries", core->vr[0].da,
		      core->vr[1].da, core->vr[0].num);
	vremote_trace(core, "virtio: driver ok, features %#x, payload %u",
		      core->features, core->payload_max);
	core->persona->online(core);
}

/**
 * vremote_lite_boot() - an RPMsg-Lite image without a resource table boots
 * @core: the core
 * @shm_da: its shared memory, from the boot header
 * @buf_size: its buffers' size, header included, from the boot header (0:
 *	512 bytes)
 *
 * As rpmsg_lite_remote_init() does: the rings' places are known, their
 * memory is Linux's to initialise, the link is down. The remote tells
 * Linux it is (again) there with a doorbell, as NXP's firmware does.
 */
void vremote_lite_boot(struct vremote_core *core, u32 shm_da, u32 buf_size)
{
	core->mode = VREMOTE_MODE_LITE;
	core->shm_da = shm_da;
	core->shm_payload = VREMOTE_MAX_PAYLOAD;
	if (buf_size) {
		if (buf_size <= sizeof(struct vremote_hdr) || buf_size > VREMOTE_BUF_MAX) {
			vremote_hang(core, "rpmsg-lite buffer size out of range");
			return;
		}
		core->shm_payload = buf_size - sizeof(struct vremote_hdr);
	}
	if (vremote_lite_rings(core)) {
		vremote_hang(core, "rpmsg-lite vrings outside shared memory");
		return;
	}
	if (core->mbox->kind == VREMOTE_MBOX_MU && READ_ONCE(core->lite_doorbell))
		vremote_mbox_to_linux(core->mbox,
				      VREMOTE_MU_CHAN(VREMOTE_MU_RXDB, core->mu_idx), 0);
	vremote_trace(core, "rpmsg-lite: up, waiting for the master");
}

/* Linux kicked vring 0: its receive buffers are posted, RPMsg-Lite links. */
static void vremote_lite_up(struct vremote_core *core)
{
	vremote_rpmsg_reset(core);
	if (vremote_lite_rings(core)) {
		vremote_hang(core, "rpmsg-lite vrings outside shared memory");
		return;
	}
	/* no feature negotiation: RPMsg-Lite announces its endpoints */
	core->features = BIT(VREMOTE_F_NS);
	core->payload_max = core->shm_payload;
	vremote_want_rx_kick(&core->vr[0], false);
	core->linked = true;
	vremote_count(core, &core->stats.lite_links);
	vremote_trace(core, "rpmsg-lite: link up, vrings at %#x and %#x, %u entries, payload %u",
		      core->vr[0].da, core->vr[1].da, core->vr[0].num, core->payload_max);
	core->persona->online(core);
}

/* Has Linux re-created the rings behind our back (only we write used->idx)? */
static bool vremote_ring_reset(struct vremote_vring *r)
{
	return vr16(READ_ONCE(r->used->idx)) != r->idx;
}

/*
 * Is RPMsg-Lite's link up? It comes up with a kick of vring 0, not before.
 * When Linux re-creates the rings, the link goes down until its next kick
 * of vring 0, which may have come in this very step (its words are taken
 * before the rings are looked at): so core->lite_kick is cleared only at
 * link-up and when the rings are seen in place, a kick then being one of
 * the running link's.
 */
static bool vremote_lite_linked(struct vremote_core *core)
{
	if (core->linked) {
		if (!vremote_ring_reset(&core->vr[0]) &&
		    !vremote_ring_reset(&core->vr[1])) {
			core->lite_kick = false;
			return true;
		}
		/*
		 * As RPMsg-Lite, which keeps its ring indexes until it is
		 * initialised again: rings re-made under a linked remote
		 * break the link for good (the remote must restart).
		 */
		vremote_count(core, &core->stats.relinks);
		vremote_hang(core, "rpmsg-lite: rings re-made under a linked remote");
		return false;
	}
	if (!core->lite_kick)
		return false;
	vremote_lite_up(core);
	return core->linked;
}

/* Linux-posted entries waiting in a ring, or -1 when the index is absurd. */
static int vremote_avail(struct vremote_vring *r)
{
	u16 n = vr16(READ_ONCE(r->avail->idx)) - r->idx;

	/* the entries Linux published before this index, not older ones */
	virt_rmb();
	return n > r->num ? -1 : n;
}

/* The buffer id in avail entry @pos of @r. */
static u16 vremote_avail_id(struct vremote_vring *r, u16 pos)
{
	return vr16(READ_ONCE(r->avail->ring[pos % r->num]));
}

/*
 * Buffer @id of @r: returns its pointer and its length, or NULL if the
 * descriptor is not a plain in-range buffer.
 */
static void *vremote_buf(struct vremote_core *core, struct vremote_vring *r,
			 u16 id, u32 *len)
{
	struct vring_desc d;

	*len = 0;
	if (id >= r->num)
		return NULL;
	d.addr = READ_ONCE(r->desc[id].addr);
	d.len = READ_ONCE(r->desc[id].len);
	d.flags = READ_ONCE(r->desc[id].flags);
	*len = vr32(d.len);
	if (vr16(d.flags) & (VRING_DESC_F_NEXT | VRING_DESC_F_INDIRECT) ||
	    *len < sizeof(struct vremote_hdr) || *len > VREMOTE_BUF_MAX)
		return NULL;
	return vremote_da_ptr(core, vr64(d.addr), *len);
}

/*
 * Buffers given back out of turn (vremote_ring_fault()): @held, those the
 * core took from avail and has not given back; @stale, those whose next
 * entry in avail is stale, since Linux had them back before the core got
 * there. Both sets are always the same size.
 */
static bool vremote_set_has(const u16 *set, unsigned int n, u16 id)
{
	while (n--)
		if (set[n] == id)
			return true;
	return false;
}

static bool vremote_set_del(u16 *set, u8 *n, u16 id)
{
	unsigned int i;

	for (i = 0; i < *n; i++) {
		if (set[i] == id) {
			set[i] = set[--*n];
			return true;
		}
	}
	return false;
}

/* The entry at r->idx is consumed, its buffer not given back now. */
static void vremote_hold(struct vremote_vring *r)
{
	u16 id = vremote_avail_id(r, r->idx);

	if (!vremote_set_del(r->stale, &r->nstale, id))
		r->held[r->nheld++] = id;
}

/* Buffer @id goes back to Linux out of turn. */
static void vremote_early(struct vremote_vring *r, u16 id)
{
	if (!vremote_set_del(r->held, &r->nheld, id))
		r->stale[r->nstale++] = id;
}

/* Write the next used entry; Linux sees it once vremote_used_publish() ran. */
static void vremote_used_add(struct vremote_vring *r, u32 id, u32 len)
{
	struct vring_used_elem *e = &r->used->ring[r->idx % r->num];

	WRITE_ONCE(e->id, __cpu_to_virtio32(true, id));
	WRITE_ONCE(e->len, __cpu_to_virtio32(true, len));
	r->idx++;
}

static void vremote_used_publish(struct vremote_vring *r)
{
	/* the elements are in place before Linux can see the new index */
	virt_wmb();
	WRITE_ONCE(r->used->idx, __cpu_to_virtio16(true, r->idx));
}

static void vremote_give_back(struct vremote_vring *r, u16 id, u32 len)
{
	vremote_used_add(r, id, len);
	vremote_used_publish(r);
}

static void vremote_kick(struct vremote_core *core, struct vremote_vring *r)
{
	struct vremote_mbox *mb = core->mbox;

	/* used->idx is out before Linux's "no interrupt" flag is read */
	virt_mb();
	if (vr16(READ_ONCE(r->avail->flags)) & VRING_AVAIL_F_NO_INTERRUPT)
		return;
	vremote_count(core, &core->stats.kicks_out);
	if (mb->kind == VREMOTE_MBOX_MU)
		vremote_mbox_to_linux(mb, VREMOTE_MU_CHAN(VREMOTE_MU_RX, core->mu_idx),
				      r->notifyid << 16);
	else
		vremote_mbox_to_linux(mb, r == &core->vr[0] ? VREMOTE_IPCC_VQ0 :
				      VREMOTE_IPCC_VQ1, 0);
}

/**
 * vremote_stale_kicks() - a remote that kicks before Linux is ready
 * @core: the core
 * @rounds: how many kicks at most
 *
 * As firmware that finds rings of an earlier session (after an attach) or
 * a buggy one does: while Linux's driver sets its queues up, mark one
 * buffer of each ring used and kick Linux for both, again and again (Linux
 * zeroes the rings as it creates them), until the driver is ready.
 */
void vremote_stale_kicks(struct vremote_core *core, unsigned int rounds)
{
	struct fw_rsc_vdev *v;
	struct vremote_vring r;
	unsigned int i, n;

	if (!core->rsc)
		return;
	v = vremote_vdev(core);
	for (n = 0; n < rounds; n++) {
		if (READ_ONCE(v->status) & VIRTIO_CONFIG_S_DRIVER_OK)
			break;
		for (i = 0; i < 2; i++) {
			if (vremote_halting(core))
				return;
			if (vremote_vring_setup(core, &r, &v->vring[i]))
				return;
			WRITE_ONCE(r.used->ring[0].id, 0);
			WRITE_ONCE(r.used->ring[0].len, __cpu_to_virtio32(true, 16));
			/* the element before the index, as a real give-back */
			virt_wmb();
			WRITE_ONCE(r.used->idx, __cpu_to_virtio16(true, 1));
			vremote_count(core, &core->stats.kicks_out);
			if (core->mbox->kind == VREMOTE_MBOX_MU)
				vremote_mbox_to_linux(core->mbox,
						      VREMOTE_MU_CHAN(VREMOTE_MU_RX, core->mu_idx),
						      r.notifyid << 16);
			else
				vremote_mbox_to_linux(core->mbox, i ? VREMOTE_IPCC_VQ1 :
						      VREMOTE_IPCC_VQ0, 0);
		}
		cond_resched();
	}
}

/*
 * Linked after stale kicks: the receive ring goes on from the stale entry
 * (Linux takes it, or has, as a used buffer); the send ring's is taken back
 * before Linux sent anything, or its first message would count as used.
 */
void vremote_resync(struct vremote_core *core)
{
	core->vr[0].idx = vr16(READ_ONCE(core->vr[0].used->idx));
	WRITE_ONCE(core->vr[1].used->idx, 0);
	core->vr[1].idx = 0;
}

unsigned int vremote_outq_space(struct vremote_core *core)
{
	return VREMOTE_OUTQ_LEN - 1 -
	       (core->out_head - core->out_tail + VREMOTE_OUTQ_LEN) % VREMOTE_OUTQ_LEN;
}

/* The queue's next free slot for the caller to fill, or NULL when full. */
struct vremote_msg *vremote_outq_next(struct vremote_core *core)
{
	struct vremote_msg *m;

	if (!vremote_outq_space(core))
		return NULL;
	m = &core->outq[core->out_head];
	m->reserved = 0;
	m->flags = 0;
	m->used_raw = false;
	m->used_len = 0;
	return m;
}

/* Queue the slot vremote_outq_next() gave, filled. */
void vremote_outq_push(struct vremote_core *core)
{
	struct vremote_msg *m = &core->outq[core->out_head];

	m->len = min_t(u16, m->len, VREMOTE_MSG_MAX);
	core->out_head = (core->out_head + 1) % VREMOTE_OUTQ_LEN;
}

/**
 * vremote_send_raw() - queue a frame for Linux, header fields as given
 * @core: the core
 * @src: header source address
 * @dst: header destination address
 * @hdr_len: header length field (may lie: the fault personalities do)
 * @data: payload
 * @len: payload bytes to write, at most VREMOTE_MSG_MAX
 * @used_len: length to report in the used ring; 0 for header + @len
 *
 * Return: 0, or -EAGAIN when the queue is full.
 */
int vremote_send_raw(struct vremote_core *core, u32 src, u32 dst, u16 hdr_len,
		     const void *data, unsigned int len, u32 used_len)
{
	struct vremote_msg *m = vremote_outq_next(core);

	if (!m)
		return -EAGAIN;
	len = min_t(unsigned int, len, VREMOTE_MSG_MAX);
	m->src = src;
	m->dst = dst;
	m->hdr_len = hdr_len;
	m->len = len;
	m->used_len = used_len;
	memcpy(m->data, data, len);
	vremote_outq_push(core);
	return 0;
}

int vremote_send(struct vremote_core *core, u32 src, u32 dst,
		 const void *data, unsigned int len)
{
	len = min(len, core->payload_max);
	return vremote_send_raw(core, src, dst, len, data, len, 0);
}

/* Name-service message from endpoint @addr; only when Linux took F_NS. */
int vremote_announce(struct vremote_core *core, const char *name, u32 addr, u32 flags)
{
	struct vremote_ns ns = {};

	if (!(core->features & BIT(VREMOTE_F_NS)))
		return 0;
	strscpy_pad(ns.name, name, sizeof(ns.name));
	ns.addr = cpu_to_le32(addr);
	ns.flags = cpu_to_le32(flags);
	return vremote_send(core, addr, VREMOTE_NS_ADDR, &ns, sizeof(ns));
}

/*
 * Write the oldest queued frame into buffer @id of @r (vring 0) and take
 * it off the queue; the length to report. A buffer the core cannot use
 * hangs it, as a bus fault would (handing it back empty would only have
 * Linux post it again, for ever).
 */
static int vremote_fill(struct vremote_core *core, struct vremote_vring *r,
			u16 id, u32 *used)
{
	struct vremote_msg *m = &core->outq[core->out_tail];
	struct vremote_hdr h;
	u32 blen;
	u8 *buf = vremote_buf(core, r, id, &blen);

	if (!buf || blen < sizeof(h) + m->len) {
		vremote_trace(core, "rx buffer %u at %#llx unusable (len %u)", id,
			      id < r->num ? vr64(READ_ONCE(r->desc[id].addr)) : 0, blen);
		vremote_hang(core, "rx buffer outside shared memory");
		return -EFAULT;
	}
	h.src = cpu_to_le32(m->src);
	h.dst = cpu_to_le32(m->dst);
	h.reserved = cpu_to_le32(m->reserved);
	h.len = cpu_to_le16(m->hdr_len);
	h.flags = cpu_to_le16(m->flags);
	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), m->data, m->len);
	if (m->used_raw)
		*used = m->used_len;
	else
		*used = m->used_len ? min(m->used_len, blen) : sizeof(h) + m->len;
	core->out_tail = (core->out_tail + 1) % VREMOTE_OUTQ_LEN;
	vremote_count(core, &core->stats.tx);
	return 0;
}

/*
 * The oldest queued frame into the buffer of avail entry @pos: its own,
 * or one the core holds if the entry is stale.
 */
static int vremote_put_frame(struct vremote_core *core, struct vremote_vring *r,
			     u16 pos, u16 *id, u32 *used)
{
	*id = vremote_avail_id(r, pos);
	if (r->nheld && vremote_set_del(r->stale, &r->nstale, *id))
		*id = r->held[--r->nheld];
	return vremote_fill(core, r, *id, used);
}

/* Move queued frames into the buffers Linux posted on vring 0. */
static void vremote_flush(struct vremote_core *core)
{
	struct vremote_vring *r = &core->vr[0];
	bool sent = false, asked = false;
	u32 used;
	int n;
	u16 id;

again:
	if (vremote_halting(core))
		return;
	n = vremote_avail(r);
	if (n < 0) {
		vremote_hang(core, "rx ring index out of range");
		return;
	}
	while (n-- > 0 && core->out_tail != core->out_head) {
		if (vremote_put_frame(core, r, r->idx, &id, &used))
			return;
		vremote_give_back(r, id, used);
		sent = true;
	}
	if (core->out_tail == core->out_head) {
		vremote_want_rx_kick(r, false);
	} else if (!asked) {
		/* a buffer Linux posted before it saw the flag brings no kick */
		vremote_want_rx_kick(r, true);
		vremote_count(core, &core->stats.rx_kick_asks);
		/* the flag is out before avail->idx is read again */
		virt_mb();
		asked = true;
		goto again;
	}
	if (sent && (!core->persona->wait_kicks || asked || !core->burst_left))
		vremote_kick(core, r);
}

/**
 * vremote_ring_fault() - fill or kick vring 0 as a hostile remote may
 * @core: the core
 * @f: what to do
 * @arg: a random number for the details
 *
 * Only what the device may write: used entries, used->idx, mailbox words.
 * The faults Linux can live with consume one avail entry per used entry,
 * and keep every buffer Linux posted either in avail or held by the core:
 * a buffer given back out of turn (a later entry's, the last one again,
 * the stale ones a jump passes over) leaves a stale entry behind, and the
 * buffer of the entry consumed in its place is held, to carry the frame
 * of that stale entry when the core gets there. VREMOTE_RF_BAD_ID and
 * VREMOTE_RF_PAST are absurd: the virtio core stops the queue, or the
 * core finds the ring out of range at its next step and hangs.
 *
 * Return: 0 when done, -EAGAIN when too few buffers are posted, frames
 * queued, or out-of-turn buffers free for it now.
 */
int vremote_ring_fault(struct vremote_core *core, enum vremote_ring_fault f, u32 arg)
{
	struct vremote_vring *r = &core->vr[0];
	unsigned int queued = VREMOTE_OUTQ_LEN - 1 - vremote_outq_space(core);
	unsigned int room = VREMOTE_OUT_OF_TURN - max(r->nheld, r->nstale);
	struct vremote_mbox *mb = core->mbox;
	struct vring_used_elem *e;
	int i, n = vremote_avail(r);
	u32 la, lb;
	u16 a, b;

	if (!core->linked || core->state != VREMOTE_RUNNING || n < 0 ||
	    vremote_halting(core))
		return -EAGAIN;
	switch (f) {
	case VREMOTE_RF_SWAP:
		/* two frames, given back in the reverse order of their entries */
		if (n < 2 || queued < 2)
			return -EAGAIN;
		if (vremote_put_frame(core, r, r->idx, &a, &la) ||
		    vremote_put_frame(core, r, r->idx + 1, &b, &lb))
			return 0;
		vremote_used_add(r, b, lb);
		vremote_used_add(r, a, la);
		break;
	case VREMOTE_RF_OTHER_ID:
		/* a frame in the buffer of a later entry, given back first */
		if (n < 2 || !queued || !room)
			return -EAGAIN;
		a = vremote_avail_id(r, r->idx + n / 2 + arg % (n - n / 2));
		if (vremote_set_has(r->stale, r->nstale, a))
			return -EAGAIN;
		if (vremote_fill(core, r, a, &la))
			return 0;
		vremote_hold(r);
		vremote_early(r, a);
		vremote_used_add(r, a, la);
		break;
	case VREMOTE_RF_DUP:
		/* the last used entry again */
		if (!n || !room)
			return -EAGAIN;
		e = &r->used->ring[(u16)(r->idx - 1) % r->num];
		a = vr32(READ_ONCE(e->id));
		la = vr32(READ_ONCE(e->len));
		vremote_hold(r);
		vremote_early(r, a);
		vremote_used_add(r, a, la);
		break;
	case VREMOTE_RF_JUMP:
		/* used->idx over stale entries, none written */
		n = min_t(int, n, room);
		if (n < 2)
			return -EAGAIN;
		for (i = 2 + arg % (n - 1); i > 0; i--) {
			e = &r->used->ring[r->idx % r->num];
			vremote_hold(r);
			vremote_early(r, vr32(READ_ONCE(e->id)));
			r->idx++;
		}
		break;
	case VREMOTE_RF_BAD_ID:
		/* absurd: a frame under an id past the ring */
		if (!n || !queued)
			return -EAGAIN;
		if (vremote_put_frame(core, r, r->idx, &a, &la))
			return 0;
		vremote_used_add(r, r->num + arg % (U16_MAX - r->num), la);
		break;
	case VREMOTE_RF_PAST:
		/* absurd: used->idx past every buffer Linux posted */
		r->idx += n + 1 + arg % r->num;
		break;
	case VREMOTE_RF_KICK:
		/* a kick for either ring, nothing new in it */
		vremote_kick(core, &core->vr[arg & 1]);
		return 0;
	case VREMOTE_RF_KICK_WORD:
		/* MU: a word not in the vqid << 16 format; IPCC: a non-vring channel */
		vremote_count(core, &core->stats.kicks_out);
		if (mb->kind == VREMOTE_MBOX_IPCC) {
			vremote_mbox_to_linux(mb, VREMOTE_IPCC_SHUTDOWN + (arg & 1), 0);
			return 0;
		}
		if (!(arg & 0xffff) && arg >> 16 < ARRAY_SIZE(core->vr))
			arg |= BIT(arg >> 16);
		vremote_mbox_to_linux(mb, VREMOTE_MU_CHAN(VREMOTE_MU_RX, core->mu_idx), arg);
		return 0;
	default:
		return -EINVAL;
	}
	vremote_used_publish(r);
	vremote_kick(core, r);
	return 0;
}

static void vremote_ns_in(struct vremote_core *core, u32 src, const u8 *data,
			  unsigned int len)
{
	struct vremote_ns ns;

	vremote_count(core, &core->stats.ns_in);
	if (len != sizeof(ns)) {
		vremote_count(core, &core->stats.dropped);
		return;
	}
	memcpy(&ns, data, sizeof(ns));
	if (!memchr(ns.name, '\0', sizeof(ns.name))) {
		vremote_count(core, &core->stats.dropped);
		return;
	}
	vremote_trace(core, "ns from linux: src %#x len %u name %s addr %#x flags %u",
		      src, len, ns.name, le32_to_cpu(ns.addr), le32_to_cpu(ns.flags));
	if (core->persona->ns)
		core->persona->ns(core, ns.name, le32_to_cpu(ns.addr),
				  le32_to_cpu(ns.flags));
}

/* Take Linux's messages from vring 1 while replies still fit the queue. */
static void vremote_receive(struct vremote_core *core)
{
	struct vremote_vring *r = &core->vr[1];
	bool returned = false;
	int n = vremote_avail(r);

	if (n < 0) {
		vremote_hang(core, "tx ring index out of range");
		return;
	}
	while (n-- > 0 && vremote_outq_space(core) >= 2 && core->state == VREMOTE_RUNNING &&
	       !vremote_halting(core)) {
		u8 *msg = core->rxmsg;
		struct vremote_hdr h;
		struct vremote_ept *ept;
		unsigned int plen;
		u32 blen, src, dst;
		u16 id = vremote_avail_id(r, r->idx);
		u8 *buf = vremote_buf(core, r, id, &blen);

		if (!buf) {
			vremote_trace(core, "tx buffer %u at %#llx unusable", id,
				      id < r->num ? vr64(READ_ONCE(r->desc[id].addr)) : 0);
			vremote_hang(core, "tx buffer outside shared memory");
			break;
		}
		/* one copy out of shared memory, then only the copy is read */
		blen = min_t(u32, blen, VREMOTE_BUF_MAX);
		memcpy(msg, buf, blen);
		vremote_give_back(r, id, blen);
		returned = true;

		memcpy(&h, msg, sizeof(h));
		plen = le16_to_cpu(h.len);
		src = le32_to_cpu(h.src);
		dst = le32_to_cpu(h.dst);
		if (plen > blen - sizeof(h)) {
			vremote_count(core, &core->stats.dropped);
			continue;
		}
		vremote_count(core, &core->stats.rx);
		if (dst == VREMOTE_NS_ADDR) {
			vremote_ns_in(core, src, msg + sizeof(h), plen);
			continue;
		}
		ept = vremote_ept_find(core, dst);
		if (!ept || !ept->rx) {
			vremote_count(core, &core->stats.dropped);
			continue;
		}
		ept->rx(core, ept, src, msg + sizeof(h), plen);
	}
	if (returned && !vremote_halting(core))
		vremote_kick(core, r);
}

/* Is the link through the resource table's vdev up? */
static bool vremote_rsc_linked(struct vremote_core *core)
{
	u8 status;

	if (!core->rsc)
		return false;
	status = READ_ONCE(vremote_vdev(core)->status);
	if (!(status & VIRTIO_CONFIG_S_DRIVER_OK)) {
		if (core->linked)
			vremote_trace(core, "virtio: driver gone");
		core->linked = false;
		if (core->persona->prelink)
			core->persona->prelink(core);
		return false;
	}
	if (core->linked && (vremote_ring_reset(&core->vr[0]) ||
			     vremote_ring_reset(&core->vr[1]))) {
		vremote_count(core, &core->stats.relinks);
		core->linked = false;
	}
	if (!core->linked)
		vremote_link_up(core);
	return core->linked;
}

void vremote_rpmsg_step(struct vremote_core *core)
{
	if (vremote_halting(core))
		return;
	if (core->mode == VREMOTE_MODE_LITE ? !vremote_lite_linked(core) :
	    !vremote_rsc_linked(core))
		return;
	vremote_receive(core);
	if (core->state == VREMOTE_RUNNING && core->persona->tick)
		core->persona->tick(core);
	if (core->state == VREMOTE_RUNNING)
		vremote_flush(core);
	/*
	 * More to send, or Linux's messages left on vring 1 for want of room
	 * (Linux kicked for them once), and room now: run again, as a main
	 * loop does.
	 */
	if (core->persona->wait_kicks && core->state == VREMOTE_RUNNING &&
	    ((core->burst_left && vremote_outq_space(core)) ||
	     (vremote_avail(&core->vr[1]) > 0 && vremote_outq_space(core) >= 2)))
		vremote_poke(core);
}

/* --- endpoints ------------------------------------------------------------- */

struct vremote_ept *vremote_ept_find(struct vremote_core *core, u32 addr)
{
	int i;

	for (i = 0; i < VREMOTE_MAX_EPTS; i++)
		if (core->ept[i].rx && core->ept[i].addr == addr)
			return &core->ept[i];
	return NULL;
}

struct vremote_ept *vremote_ept_add(struct vremote_core *core, u32 addr,
				    const char *name, vremote_rx_fn rx)
{
	int i;

	if (vremote_ept_find(core, addr))
		return NULL;
	for (i = 0; i < VREMOTE_MAX_EPTS; i++) {
		struct vremote_ept *e = &core->ept[i];

		if (e->rx)
			continue;
		memset(e, 0, sizeof(*e));
		e->addr = addr;
		e->rx = rx;
		strscpy(e->name, name, sizeof(e->name));
		return e;
	}
	return NULL;
}

void vremote_ept_del(struct vremote_core *core, struct vremote_ept *ept)
{
	memset(ept, 0, sizeof(*ept));
}

/* The lowest dynamic address no endpoint uses, as OpenAMP allocates. */
u32 vremote_ept_free_addr(struct vremote_core *core)
{
	u32 a = VREMOTE_ADDR_DYN;

	while (vremote_ept_find(core, a))
		a++;
	return a;
}
