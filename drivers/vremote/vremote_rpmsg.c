// SPDX-License-Identifier: GPL-2.0
/*
 * The device side of virtio-rpmsg, as the remote's firmware plays it.
 *
 * vring 0 carries messages to Linux: Linux posts empty buffers, the core
 * fills them and returns them as used. vring 1 carries Linux's messages:
 * the core takes each posted buffer, copies the message out and returns
 * the buffer at once. Every index, descriptor and length comes from
 * memory Linux writes and is checked before use.
 */
#include <linux/remoteproc.h>
#include <linux/string.h>
#include <linux/virtio_byteorder.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ring.h>

#include "vremote_core.h"

#define VREMOTE_VRING_MAX	1024
#define VREMOTE_BUF_MAX		SZ_4K
#define VREMOTE_F_NS		0

/* The rpmsg header and name-service message, little endian on the wire. */
struct vremote_hdr {
	__le32 src;
	__le32 dst;
	__le32 reserved;
	__le16 len;
	__le16 flags;
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
	memset(core->ept, 0, sizeof(core->ept));
	memset(core->vr, 0, sizeof(core->vr));
	core->tty_next = 1;
}

static int vremote_vring_setup(struct vremote_core *core, struct vremote_vring *r,
			       const struct fw_rsc_vdev_vring *rv)
{
	u32 da = READ_ONCE(rv->da), num = READ_ONCE(rv->num);
	u32 align = READ_ONCE(rv->align);
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
	r->notifyid = READ_ONCE(rv->notifyid);
	r->desc = vr.desc;
	r->avail = vr.avail;
	r->used = vr.used;
	r->idx = 0;
	return 0;
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
	core->linked = true;
	vremote_trace(core, "virtio: vrings at %#x and %#x, %u entries", core->vr[0].da,
		      core->vr[1].da, core->vr[0].num);
	vremote_trace(core, "virtio: driver ok, features %#x", core->features);
	core->persona->online(core);
}

/* Has Linux re-created the rings behind our back (only we write used->idx)? */
static bool vremote_ring_reset(struct vremote_vring *r)
{
	return vr16(READ_ONCE(r->used->idx)) != r->idx;
}

/* Linux-posted entries waiting in a ring, or -1 when the index is absurd. */
static int vremote_avail(struct vremote_vring *r)
{
	u16 n = vr16(READ_ONCE(r->avail->idx)) - r->idx;

	/* the entries Linux published before this index, not older ones */
	virt_rmb();
	return n > r->num ? -1 : n;
}

/*
 * Take the next posted buffer of @r: returns its pointer and its length,
 * or NULL if the descriptor is not a plain in-range buffer.
 */
static void *vremote_take(struct vremote_core *core, struct vremote_vring *r,
			  u16 *id, u32 *len)
{
	struct vring_desc d;
	u16 head = vr16(READ_ONCE(r->avail->ring[r->idx % r->num]));

	*id = head;
	if (head >= r->num)
		return NULL;
	d.addr = READ_ONCE(r->desc[head].addr);
	d.len = READ_ONCE(r->desc[head].len);
	d.flags = READ_ONCE(r->desc[head].flags);
	*len = vr32(d.len);
	if (vr16(d.flags) & (VRING_DESC_F_NEXT | VRING_DESC_F_INDIRECT) ||
	    *len < sizeof(struct vremote_hdr) || *len > VREMOTE_BUF_MAX)
		return NULL;
	return vremote_da_ptr(core, vr64(d.addr), *len);
}

static void vremote_give_back(struct vremote_vring *r, u16 id, u32 len)
{
	struct vring_used_elem *e = &r->used->ring[r->idx % r->num];

	WRITE_ONCE(e->id, __cpu_to_virtio32(true, id));
	WRITE_ONCE(e->len, __cpu_to_virtio32(true, len));
	r->idx++;
	/* the element is in place before Linux can see the new index */
	virt_wmb();
	WRITE_ONCE(r->used->idx, __cpu_to_virtio16(true, r->idx));
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
	struct fw_rsc_vdev *v = vremote_vdev(core);
	struct vremote_vring r;
	unsigned int i, n;

	for (n = 0; n < rounds; n++) {
		if (READ_ONCE(v->status) & VIRTIO_CONFIG_S_DRIVER_OK)
			break;
		for (i = 0; i < 2; i++) {
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

/**
 * vremote_send_raw() - queue a frame for Linux, header fields as given
 * @core: the core
 * @src: header source address
 * @dst: header destination address
 * @hdr_len: header length field (may lie: the fault personalities do)
 * @data: payload
 * @len: payload bytes to write, at most VREMOTE_MAX_PAYLOAD
 * @used_len: length to report in the used ring; 0 for header + @len
 *
 * Return: 0, or -EAGAIN when the queue is full.
 */
int vremote_send_raw(struct vremote_core *core, u32 src, u32 dst, u16 hdr_len,
		     const void *data, unsigned int len, u32 used_len)
{
	struct vremote_msg *m;

	if (!vremote_outq_space(core))
		return -EAGAIN;
	len = min_t(unsigned int, len, VREMOTE_MAX_PAYLOAD);
	m = &core->outq[core->out_head];
	m->src = src;
	m->dst = dst;
	m->hdr_len = hdr_len;
	m->len = len;
	m->used_len = used_len;
	memcpy(m->data, data, len);
	core->out_head = (core->out_head + 1) % VREMOTE_OUTQ_LEN;
	return 0;
}

int vremote_send(struct vremote_core *core, u32 src, u32 dst,
		 const void *data, unsigned int len)
{
	len = min_t(unsigned int, len, VREMOTE_MAX_PAYLOAD);
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

/* Move queued frames into the buffers Linux posted on vring 0. */
static void vremote_flush(struct vremote_core *core)
{
	struct vremote_vring *r = &core->vr[0];
	bool sent = false;
	int n = vremote_avail(r);

	if (n < 0) {
		vremote_hang(core, "rx ring index out of range");
		return;
	}
	while (n-- > 0 && core->out_tail != core->out_head) {
		struct vremote_msg *m = &core->outq[core->out_tail];
		struct vremote_hdr h;
		u32 blen;
		u16 id;
		u8 *buf = vremote_take(core, r, &id, &blen);

		if (!buf || blen < sizeof(h) + m->len) {
			/*
			 * A buffer outside the core's reach: a real core takes a
			 * bus fault. (Handing it back empty would only have Linux
			 * post it again, for ever.)
			 */
			vremote_trace(core, "rx buffer %u at %#llx unusable (len %u)", id,
				      id < r->num ? vr64(READ_ONCE(r->desc[id].addr)) : 0, blen);
			vremote_hang(core, "rx buffer outside shared memory");
			return;
		}
		h.src = cpu_to_le32(m->src);
		h.dst = cpu_to_le32(m->dst);
		h.reserved = 0;
		h.len = cpu_to_le16(m->hdr_len);
		h.flags = 0;
		memcpy(buf, &h, sizeof(h));
		memcpy(buf + sizeof(h), m->data, m->len);
		vremote_give_back(r, id, m->used_len ? min(m->used_len, blen) :
				  sizeof(h) + m->len);
		core->out_tail = (core->out_tail + 1) % VREMOTE_OUTQ_LEN;
		vremote_count(core, &core->stats.tx);
		sent = true;
	}
	if (sent)
		vremote_kick(core, r);
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
	while (n-- > 0 && vremote_outq_space(core) >= 2 && core->state == VREMOTE_RUNNING) {
		u8 msg[sizeof(struct vremote_hdr) + VREMOTE_MAX_PAYLOAD];
		struct vremote_hdr h;
		struct vremote_ept *ept;
		unsigned int plen;
		u32 blen, src, dst;
		u16 id;
		u8 *buf = vremote_take(core, r, &id, &blen);

		if (!buf) {
			vremote_trace(core, "tx buffer %u at %#llx unusable", id,
				      id < r->num ? vr64(READ_ONCE(r->desc[id].addr)) : 0);
			vremote_hang(core, "tx buffer outside shared memory");
			break;
		}
		/* one copy out of shared memory, then only the copy is read */
		blen = min_t(u32, blen, sizeof(msg));
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
	if (returned)
		vremote_kick(core, r);
}

void vremote_rpmsg_step(struct vremote_core *core)
{
	u8 status;

	if (!core->rsc)
		return;
	status = READ_ONCE(vremote_vdev(core)->status);
	if (!(status & VIRTIO_CONFIG_S_DRIVER_OK)) {
		if (core->linked)
			vremote_trace(core, "virtio: driver gone");
		core->linked = false;
		if (core->persona->prelink)
			core->persona->prelink(core);
		return;
	}
	if (core->linked && (vremote_ring_reset(&core->vr[0]) ||
			     vremote_ring_reset(&core->vr[1]))) {
		vremote_count(core, &core->stats.relinks);
		core->linked = false;
	}
	if (!core->linked) {
		vremote_link_up(core);
		if (!core->linked)
			return;
	}
	vremote_receive(core);
	if (core->state == VREMOTE_RUNNING && core->persona->tick)
		core->persona->tick(core);
	if (core->state == VREMOTE_RUNNING)
		vremote_flush(core);
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
