// SPDX-License-Identifier: GPL-2.0
/*
 * Firmware personalities of the virtual remote, chosen by the name in the
 * loaded image's boot header.
 *
 *  multi-services  the OpenAMP/Zephyr multi-services demo (seed 002,
 *                  Demos 1-5): rpmsg-client-sample, rpmsg-tty, rpmsg-raw
 *                  and a fixed endpoint at 0x1
 *  echo            OpenAMP's echo demo: rpmsg-openamp-demo-channel, ended
 *                  by the shutdown message as OpenAMP's echo application
 *  rpmsg-lite-tty  NXP RPMsg-Lite's tty channel name, echoing
 *  rpmsg-lite-echo seed 001's RPMsg-Lite remote_echo sample: the echo
 *                  channel at address 30, answering "echo: <message>\r\n"
 *  silent          announces the echo channel, then hangs at the first
 *                  message (stops taking mailbox words)
 *  crash           as silent, but reports a crash where the board can
 *  malformed       sends frames that break the protocol, then echoes
 *  ns-flood        10,000 name-service announcements, then echoes
 *  early-kick      kicks Linux, with a used buffer on each ring, while its
 *                  driver sets the queues up; then the echo channel
 *  fuzz            echo channel, and seeded random mutations of valid
 *                  traffic (vremote_fuzz.c)
 *  burst           echo channel, and at link-up a burst of three rings'
 *                  worth of frames to an address Linux does not have; it
 *                  runs only when Linux's words wake it, so once out of
 *                  receive buffers it depends on Linux's kick
 *
 * Each runs the same whether the image has a resource table or is an
 * RPMsg-Lite image without one (vremote_rpmsg.c), but for early-kick's
 * kicks, which need the resource table's vdev.
 */
#include <linux/kernel.h>
#include <linux/string.h>

#include "vremote_core.h"

#define SAMPLE_MSGS		100
#define FIXED_RAW_ADDR		0x1
#define RPMSG_LITE_EPT_ADDR	30	/* the samples' LOCAL_EPT_ADDR */
#define RPMSG_LITE_MAX_SIZE	256	/* and their RPMSG_MAX_SIZE */
#define NS_CREATE		0
#define NS_DESTROY		1
#define SHUTDOWN_MSG		0xEF56A55A	/* OpenAMP's echo demo */
#define FLOOD_COUNT		10000
#define BURST_FRAMES		768
#define BURST_DST		1000

static struct vremote_ept *fw_service(struct vremote_core *core, const char *name,
				      u32 addr, vremote_rx_fn rx)
{
	struct vremote_ept *e = vremote_ept_add(core, addr, name, rx);

	if (e)
		vremote_announce(core, name, addr, NS_CREATE);
	return e;
}

/* Reply "<prefix><payload>", cut to what one buffer carries. */
static void fw_reply_prefixed(struct vremote_core *core, struct vremote_ept *ept,
			      u32 dst, const char *prefix, const u8 *data,
			      unsigned int len)
{
	u8 buf[VREMOTE_MAX_PAYLOAD];
	unsigned int n = strscpy(buf, prefix, sizeof(buf));

	len = min_t(unsigned int, len, sizeof(buf) - n);
	memcpy(buf + n, data, len);
	vremote_send(core, ept->addr, dst, buf, n + len);
}

static void fw_echo(struct vremote_core *core, struct vremote_ept *ept, u32 src,
		    const u8 *data, unsigned int len)
{
	vremote_send(core, ept->addr, src, data, len);
}

/* --- multi-services ------------------------------------------------------ */

static void ms_sample(struct vremote_core *core, struct vremote_ept *ept, u32 src,
		      const u8 *data, unsigned int len)
{
	vremote_send(core, ept->addr, src, data, len);
	if (++ept->count < SAMPLE_MSGS)
		return;
	vremote_trace(core, "client sample: %u answered, channel destroyed", ept->count);
	vremote_announce(core, ept->name, ept->addr, NS_DESTROY);
	vremote_ept_del(core, ept);
}

static void ms_tty(struct vremote_core *core, struct vremote_ept *ept, u32 src,
		   const u8 *data, unsigned int len)
{
	char prefix[16];

	snprintf(prefix, sizeof(prefix), "TTY %d: ", ept->instance);
	fw_reply_prefixed(core, ept, src, prefix, data, len);
}

static void ms_raw(struct vremote_core *core, struct vremote_ept *ept, u32 src,
		   const u8 *data, unsigned int len)
{
	char prefix[24];

	snprintf(prefix, sizeof(prefix), "from ept 0x%04x: ", ept->addr);
	fw_reply_prefixed(core, ept, src, prefix, data, len);
}

static void ms_online(struct vremote_core *core)
{
	fw_service(core, "rpmsg-client-sample", vremote_ept_free_addr(core), ms_sample);
	fw_service(core, "rpmsg-tty", vremote_ept_free_addr(core), ms_tty);
	fw_service(core, "rpmsg-raw", vremote_ept_free_addr(core), ms_raw);
	vremote_ept_add(core, FIXED_RAW_ADDR, "fixed", ms_raw);
}

/* Linux announced a channel: a tty gets an endpoint of its own. */
static void ms_ns(struct vremote_core *core, const char *name, u32 addr, u32 flags)
{
	static const char bound[] = "bound";
	struct vremote_ept *e;
	int i;

	if (strcmp(name, "rpmsg-tty"))
		return;
	if (flags == NS_DESTROY) {
		for (i = 0; i < VREMOTE_MAX_EPTS; i++) {
			e = &core->ept[i];
			if (e->rx == ms_tty && e->instance && e->peer == addr) {
				vremote_trace(core, "tty %d at %#x released", e->instance,
					      e->addr);
				vremote_ept_del(core, e);
			}
		}
		return;
	}
	if (flags != NS_CREATE)
		return;
	e = vremote_ept_add(core, vremote_ept_free_addr(core), name, ms_tty);
	if (!e)
		return;
	e->instance = core->tty_next++;
	e->peer = addr;
	vremote_trace(core, "tty %d at %#x bound to %#x", e->instance, e->addr, addr);
	vremote_send(core, e->addr, addr, bound, sizeof(bound));
}

/* --- echo and friends ---------------------------------------------------- */

/* OpenAMP's echo demo channel, its messages handled by @rx */
static struct vremote_ept *echo_channel(struct vremote_core *core, vremote_rx_fn rx)
{
	return fw_service(core, "rpmsg-openamp-demo-channel", vremote_ept_free_addr(core), rx);
}

/*
 * As OpenAMP's echo application: a message whose first word is
 * SHUTDOWN_MSG is not answered; it ends the application, which destroys
 * its endpoint (announced) on its way out.
 */
static void echo_rx(struct vremote_core *core, struct vremote_ept *ept, u32 src,
		    const u8 *data, unsigned int len)
{
	__le32 word = 0;

	if (len >= sizeof(word))
		memcpy(&word, data, sizeof(word));
	if (le32_to_cpu(word) == SHUTDOWN_MSG) {
		vremote_trace(core, "echo: shutdown message received, endpoint %#x destroyed",
			      ept->addr);
		vremote_announce(core, ept->name, ept->addr, NS_DESTROY);
		vremote_ept_del(core, ept);
		return;
	}
	fw_echo(core, ept, src, data, len);
}

static void echo_online(struct vremote_core *core)
{
	echo_channel(core, echo_rx);
}

static void lite_online(struct vremote_core *core)
{
	fw_service(core, "rpmsg-virtual-tty-channel-1", RPMSG_LITE_EPT_ADDR, fw_echo);
}

/*
 * As the remote_echo sample: the message read as a C string (it ends at
 * its first NUL), the answer formatted into a buffer of RPMSG_MAX_SIZE
 * bytes, and sent without its NUL.
 */
static void lite_echo_rx(struct vremote_core *core, struct vremote_ept *ept, u32 src,
			 const u8 *data, unsigned int len)
{
	char rsp[RPMSG_LITE_MAX_SIZE];
	int n;

	n = scnprintf(rsp, sizeof(rsp), "echo: %.*s\r\n", (int)len, (const char *)data);
	vremote_send(core, ept->addr, src, rsp, n);
}

static void lite_echo_online(struct vremote_core *core)
{
	fw_service(core, "rpmsg-openamp-demo-channel", RPMSG_LITE_EPT_ADDR, lite_echo_rx);
}

static void silent_rx(struct vremote_core *core, struct vremote_ept *ept, u32 src,
		      const u8 *data, unsigned int len)
{
	vremote_hang(core, "silent personality: first message, no more answers");
}

static void silent_online(struct vremote_core *core)
{
	echo_channel(core, silent_rx);
}

static void crash_rx(struct vremote_core *core, struct vremote_ept *ept, u32 src,
		     const u8 *data, unsigned int len)
{
	vremote_crash(core, "crash personality: first message");
}

static void crash_online(struct vremote_core *core)
{
	echo_channel(core, crash_rx);
}

/* --- protocol faults ----------------------------------------------------- */

static void malformed_online(struct vremote_core *core)
{
	struct {
		char name[32];
		__le32 addr;
		__le32 flags;
	} __packed ns;
	static const u8 x[16] = "0123456789abcdef";

	echo_online(core);
	/*
	 * Data frames go to addresses no Linux endpoint has (a test's own
	 * endpoint must not get them): a length field past the end of the
	 * buffer, a zero-length message, a plain one, and a used length
	 * shorter than a header.
	 */
	vremote_send_raw(core, 0x400, 0x7000, 1000, x, sizeof(x), 512);
	vremote_send_raw(core, 0x400, 0x7001, 0, x, 0, 0);
	vremote_send(core, 0x400, 0x7777, x, sizeof(x));
	vremote_send_raw(core, 0x400, 0x7002, 0, x, 0, 8);
	/* name service: unterminated name, unknown flags, short message */
	memset(ns.name, 'A', sizeof(ns.name));
	ns.addr = cpu_to_le32(0x500);
	ns.flags = cpu_to_le32(NS_CREATE);
	vremote_send(core, 0x500, VREMOTE_NS_ADDR, &ns, sizeof(ns));
	strscpy_pad(ns.name, "bad-flags", sizeof(ns.name));
	ns.addr = cpu_to_le32(0x501);
	ns.flags = cpu_to_le32(7);
	vremote_send(core, 0x501, VREMOTE_NS_ADDR, &ns, sizeof(ns));
	vremote_send(core, 0x502, VREMOTE_NS_ADDR, &ns, 20);
	vremote_trace(core, "malformed: 7 bad frames queued");
}

static void flood_online(struct vremote_core *core)
{
	echo_online(core);
	core->flood_left = FLOOD_COUNT;
	core->flood_next = VREMOTE_ADDR_DYN + 1;
}

static void flood_tick(struct vremote_core *core)
{
	char name[32];

	while (core->flood_left && vremote_outq_space(core) > 4) {
		snprintf(name, sizeof(name), "flood-%05u", FLOOD_COUNT - core->flood_left);
		vremote_announce(core, name, core->flood_next++, NS_CREATE);
		if (!--core->flood_left)
			vremote_trace(core, "ns-flood: %u announcements sent", FLOOD_COUNT);
	}
}

/* Bounded per step, so that the core still notices a reset. */
#define EARLY_KICKS		2000

static void early_prelink(struct vremote_core *core)
{
	vremote_stale_kicks(core, EARLY_KICKS);
}

static void early_online(struct vremote_core *core)
{
	vremote_resync(core);
	vremote_trace(core, "early-kick: linked after stale kicks");
	echo_online(core);
}

static void fuzz_online(struct vremote_core *core)
{
	struct vremote_ept *e = echo_channel(core, fw_echo);

	vremote_fuzz_start(core, e ? e->addr : VREMOTE_ADDR_DYN);
}

static void burst_online(struct vremote_core *core)
{
	echo_channel(core, fw_echo);
	core->burst_left = BURST_FRAMES;
}

static void burst_tick(struct vremote_core *core)
{
	char msg[16];

	while (core->burst_left && vremote_outq_space(core)) {
		snprintf(msg, sizeof(msg), "burst %u", BURST_FRAMES - core->burst_left);
		vremote_send(core, VREMOTE_ADDR_DYN - 1, BURST_DST, msg, sizeof(msg));
		if (!--core->burst_left)
			vremote_trace(core, "burst: %u frames queued", BURST_FRAMES);
	}
}

static const struct vremote_persona vremote_personas[] = {
	{ .name = "multi-services", .online = ms_online, .ns = ms_ns },
	{ .name = "echo", .online = echo_online },
	{ .name = "rpmsg-lite-tty", .online = lite_online },
	{ .name = "rpmsg-lite-echo", .online = lite_echo_online },
	{ .name = "silent", .online = silent_online },
	{ .name = "crash", .online = crash_online },
	{ .name = "malformed", .online = malformed_online },
	{ .name = "ns-flood", .online = flood_online, .tick = flood_tick },
	{ .name = "early-kick", .prelink = early_prelink, .online = early_online },
	{ .name = "fuzz", .online = fuzz_online, .tick = vremote_fuzz_tick },
	{ .name = "burst", .online = burst_online, .tick = burst_tick, .wait_kicks = true },
};

const struct vremote_persona *vremote_persona_find(const char *name)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(vremote_personas); i++)
		if (!strcmp(vremote_personas[i].name, name))
			return &vremote_personas[i];
	return NULL;
}
