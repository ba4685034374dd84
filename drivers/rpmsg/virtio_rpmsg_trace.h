/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Trace events of virtio_rpmsg_bus (tracefs events/rpmsg/): each message
 * sent and received, each frame dropped and why, each kick of the remote.
 * Fixed-size records (no dynamic strings): the same on every kernel, and
 * readable by trace-cmd and perf from the format files alone.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM rpmsg

#if !defined(AMP_VIRTIO_RPMSG_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define AMP_VIRTIO_RPMSG_TRACE_H

#include <linux/tracepoint.h>

DECLARE_EVENT_CLASS(rpmsg_msg,
		    TP_PROTO(int vdev, u32 src, u32 dst, unsigned int len),
		    TP_ARGS(vdev, src, dst, len),
		    TP_STRUCT__entry(__field(int, vdev)
				     __field(u32, src)
				     __field(u32, dst)
				     __field(unsigned int, len)),
		    TP_fast_assign(__entry->vdev = vdev;
				   __entry->src = src;
				   __entry->dst = dst;
				   __entry->len = len;),
		    TP_printk("virtio%d src=0x%x dst=0x%x len=%u", __entry->vdev,
			      __entry->src, __entry->dst, __entry->len)
);

/* a message handed to the remote (in its send buffer, before the kick) */
DEFINE_EVENT(rpmsg_msg, rpmsg_send,
	     TP_PROTO(int vdev, u32 src, u32 dst, unsigned int len),
	     TP_ARGS(vdev, src, dst, len)
);

/* a checked frame about to reach its endpoint's callback */
DEFINE_EVENT(rpmsg_msg, rpmsg_recv,
	     TP_PROTO(int vdev, u32 src, u32 dst, unsigned int len),
	     TP_ARGS(vdev, src, dst, len)
);

/* a frame from the remote that no endpoint gets; @why: the counter's name */
TRACE_EVENT(rpmsg_drop,
	    TP_PROTO(int vdev, u32 src, u32 dst, u32 used, u32 len, const char *why),
	    TP_ARGS(vdev, src, dst, used, len, why),
	    TP_STRUCT__entry(__field(int, vdev)
			     __field(u32, src)
			     __field(u32, dst)
			     __field(u32, used)
			     __field(u32, len)
			     __array(char, why, 24)),
	    TP_fast_assign(__entry->vdev = vdev;
			   __entry->src = src;
			   __entry->dst = dst;
			   __entry->used = used;
			   __entry->len = len;
			   strscpy_pad(__entry->why, why, sizeof(__entry->why));),
	    TP_printk("virtio%d src=0x%x dst=0x%x used=%u len=%u why=%s",
		      __entry->vdev, __entry->src, __entry->dst, __entry->used,
		      __entry->len, __entry->why)
);

/* Linux notifies the remote: @vq 0 (buffers given back) or 1 (messages) */
TRACE_EVENT(rpmsg_kick,
	    TP_PROTO(int vdev, int vq),
	    TP_ARGS(vdev, vq),
	    TP_STRUCT__entry(__field(int, vdev)
			     __field(int, vq)),
	    TP_fast_assign(__entry->vdev = vdev;
			   __entry->vq = vq;),
	    TP_printk("virtio%d vq%d (%s)", __entry->vdev, __entry->vq,
		      __entry->vq ? "messages" : "buffers")
);

#endif /* AMP_VIRTIO_RPMSG_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE virtio_rpmsg_trace
#include <trace/define_trace.h>
