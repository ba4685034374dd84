/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Everything that differs between the kernels the project builds against
 * (6.1 LTS, 6.12 LTS, the newest mainline and the stable or vendor kernels
 * between them) is decided here, so that the drivers carry no version
 * checks.
 *
 * The decisions rest on AMP_HAVE_* macros that the top-level Kbuild sets by
 * looking at the target kernel's own headers: a feature test, not a version
 * number, because BSP and stable kernels backport.
 *
 *   AMP_HAVE_VIRTQUEUE_INFO       virtio_find_vqs() takes struct virtqueue_info
 *   AMP_HAVE_RPMSG_FLOW_CONTROL   the rpmsg core has rpmsg_set_flow_control()
 *   AMP_HAVE_RPDEV_DRIVER_OVERRIDE struct rpmsg_device owns a driver_override
 *                                 string its bus driver must free
 *   AMP_HAVE_CONST_RPMSG_CLASS    rpmsg_core's device class is a structure,
 *                                 not a pointer
 *   AMP_HAVE_TTY_WRITE_SIZE_T     tty_operations.write takes a size_t length
 *   AMP_HAVE_RPMSG_OFFCHANNEL     the rpmsg core has the offchannel sends
 *                                 (rpmsg_send_offchannel(), and the two
 *                                 endpoint ops behind it; gone in 6.16)
 *   AMP_HAVE_RPMSG_CONST_DATA     rpmsg_send() and the endpoint ops take
 *                                 const data (7.1)
 *   AMP_HAVE_WQ_PERCPU            alloc_workqueue() takes WQ_PERCPU, and
 *                                 warns (7.x) when a workqueue names
 *                                 neither WQ_PERCPU nor WQ_UNBOUND
 *
 * and on the preprocessor's own test: kzalloc_obj() (7.0; Debian's 6.12
 * has it too, from stable) where the kernel's <linux/slab.h> has none.
 *
 * Where the target tree has the rpmsg core's and the remoteproc core's
 * internal headers (a full source tree), compat/layout_check.c compares
 * every layout and prototype redeclared here with them, and the build
 * stops on a difference.
 */
#ifndef AMP_COMPAT_H
#define AMP_COMPAT_H

#include <linux/device.h>
#include <linux/errno.h>
#include <linux/irqreturn.h>
#include <linux/poll.h>
#include <linux/remoteproc.h>
#include <linux/rpmsg.h>
#include <linux/slab.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>

/*
 * The rpmsg core's operation tables. The kernel declares them only in
 * drivers/rpmsg/rpmsg_internal.h, which is not installed with its headers;
 * a bus driver built out of tree must describe them with the same layout
 * as the running core.
 */

/**
 * struct rpmsg_device_ops - what a bus does for an rpmsg device
 * @create_channel: create a channel on the device's bus (optional)
 * @release_channel: remove a channel (optional)
 * @create_ept: create an endpoint bound to the device (required)
 * @announce_create: tell the remote a local channel exists (optional)
 * @announce_destroy: tell the remote a local channel is gone (optional)
 */
struct rpmsg_device_ops {
	struct rpmsg_device *(*create_channel)(struct rpmsg_device *rpdev,
					       struct rpmsg_channel_info *chinfo);
	int (*release_channel)(struct rpmsg_device *rpdev,
			       struct rpmsg_channel_info *chinfo);
	struct rpmsg_endpoint *(*create_ept)(struct rpmsg_device *rpdev,
					     rpmsg_rx_cb_t cb, void *priv,
					     struct rpmsg_channel_info chinfo);
	int (*announce_create)(struct rpmsg_device *rpdev);
	int (*announce_destroy)(struct rpmsg_device *rpdev);
};

/*
 * The payload an endpoint op sends: `AMP_RPMSG_DATA *data` is a
 * `const void *` where the kernel's ops take one, a `void *` before.
 */
#ifdef AMP_HAVE_RPMSG_CONST_DATA
#define AMP_RPMSG_DATA	const void
#else
#define AMP_RPMSG_DATA	void
#endif

/**
 * struct rpmsg_endpoint_ops - what a bus does for an endpoint
 * @destroy_ept: destroy the endpoint (required)
 * @send: send to the channel's remote address, may wait for a buffer
 * @sendto: send to an explicit remote address, may wait
 * @send_offchannel: send with explicit source and destination, may wait
 *	(kernels that have it)
 * @trysend: as @send, but never waits
 * @trysendto: as @sendto, but never waits
 * @trysend_offchannel: as @send_offchannel, but never waits (kernels that
 *	have it)
 * @poll: poll for room to send
 * @set_flow_control: ask the remote to pause or resume (kernels that have it)
 * @get_mtu: largest payload one message carries
 *
 * A bus fills the offchannel pair with AMP_EPT_OFFCHANNEL_OPS(), which
 * leaves them out where the kernel has none.
 */
struct rpmsg_endpoint_ops {
	void (*destroy_ept)(struct rpmsg_endpoint *ept);
	int (*send)(struct rpmsg_endpoint *ept, AMP_RPMSG_DATA *data, int len);
	int (*sendto)(struct rpmsg_endpoint *ept, AMP_RPMSG_DATA *data, int len,
		      u32 dst);
#ifdef AMP_HAVE_RPMSG_OFFCHANNEL
	int (*send_offchannel)(struct rpmsg_endpoint *ept, u32 src, u32 dst,
			       void *data, int len);
#endif
	int (*trysend)(struct rpmsg_endpoint *ept, AMP_RPMSG_DATA *data,
		       int len);
	int (*trysendto)(struct rpmsg_endpoint *ept, AMP_RPMSG_DATA *data,
			 int len, u32 dst);
#ifdef AMP_HAVE_RPMSG_OFFCHANNEL
	int (*trysend_offchannel)(struct rpmsg_endpoint *ept, u32 src, u32 dst,
				  void *data, int len);
#endif
	__poll_t (*poll)(struct rpmsg_endpoint *ept, struct file *filp,
			 struct poll_table_struct *wait);
#ifdef AMP_HAVE_RPMSG_FLOW_CONTROL
	int (*set_flow_control)(struct rpmsg_endpoint *ept, bool pause, u32 dst);
#endif
	ssize_t (*get_mtu)(struct rpmsg_endpoint *ept);
};

#ifdef AMP_HAVE_RPMSG_OFFCHANNEL
#define AMP_EPT_OFFCHANNEL_OPS(send_fn, trysend_fn)			\
	.send_offchannel = (send_fn),					\
	.trysend_offchannel = (trysend_fn),
#else
#define AMP_EPT_OFFCHANNEL_OPS(send_fn, trysend_fn) AMP_NO_OPS(send_fn, trysend_fn)
#endif
/* what a kernel without such ops does with them: nothing */
#define AMP_NO_OPS(...)

/* Exported by rpmsg_core, declared only in its internal header. */
struct device *rpmsg_find_device(struct device *parent,
				 struct rpmsg_channel_info *chinfo);
struct rpmsg_device *rpmsg_create_channel(struct rpmsg_device *rpdev,
					  struct rpmsg_channel_info *chinfo);
int rpmsg_release_channel(struct rpmsg_device *rpdev,
			  struct rpmsg_channel_info *chinfo);

/**
 * amp_rpmsg_ctrldev_register() - register a bus's rpmsg_ctrl device
 * @rpdev: prepared device (parent, ops, release set)
 *
 * Return: 0 or a negative errno; on error @rpdev has been released.
 */
static inline int amp_rpmsg_ctrldev_register(struct rpmsg_device *rpdev)
{
	return rpmsg_register_device_override(rpdev, "rpmsg_ctrl");
}

/**
 * amp_rpdev_free_override() - free what a bus driver owns of an rpmsg
 *	device's driver_override, from its release callback
 * @rpdev: the device being released
 *
 * Older kernels keep the string in struct rpmsg_device and leave freeing
 * it to the bus driver; newer ones keep it in struct device and free it
 * themselves.
 */
static inline void amp_rpdev_free_override(struct rpmsg_device *rpdev)
{
#ifdef AMP_HAVE_RPDEV_DRIVER_OVERRIDE
	kfree(rpdev->driver_override);
	rpdev->driver_override = NULL;
#endif
}

/* rpmsg_core's device class (/sys/class/rpmsg), for the character devices */
#ifdef AMP_HAVE_CONST_RPMSG_CLASS
extern const struct class rpmsg_class;
#define amp_rpmsg_class()	(&rpmsg_class)
#else
extern struct class *rpmsg_class;
#define amp_rpmsg_class()	(rpmsg_class)
#endif

/*
 * Flow control (6.2 and later): the endpoint's callback for the remote's
 * requests, and the two ioctls of the uapi header. Without it, nothing.
 */
#ifdef AMP_HAVE_RPMSG_FLOW_CONTROL
static inline void amp_ept_set_flow_cb(struct rpmsg_endpoint *ept,
				       int (*cb)(struct rpmsg_device *rpdev,
						 void *priv, bool enable))
{
	ept->flow_cb = cb;
}

static inline bool amp_is_flow_get_ioctl(unsigned int cmd)
{
	return cmd == RPMSG_GET_OUTGOING_FLOWCONTROL;
}

static inline bool amp_is_flow_set_ioctl(unsigned int cmd)
{
	return cmd == RPMSG_SET_INCOMING_FLOWCONTROL;
}
#else
static inline void amp_ept_set_flow_cb(struct rpmsg_endpoint *ept,
				       int (*cb)(struct rpmsg_device *rpdev,
						 void *priv, bool enable))
{
}

static inline bool amp_is_flow_get_ioctl(unsigned int cmd)
{
	return false;
}

static inline bool amp_is_flow_set_ioctl(unsigned int cmd)
{
	return false;
}

static inline int rpmsg_set_flow_control(struct rpmsg_endpoint *ept,
					 bool pause, u32 dst)
{
	return -EOPNOTSUPP;
}
#endif

/*
 * The tty layer's write callback takes an int length before 6.6 and a
 * size_t since. AMP_TTY_WRITE(fn) defines fn, with the prototype the
 * kernel wants, on top of the driver's
 *	ssize_t fn_sized(struct tty_struct *tty, const u8 *buf, size_t len)
 */
#ifdef AMP_HAVE_TTY_WRITE_SIZE_T
#define AMP_TTY_WRITE(fn)						\
static ssize_t fn(struct tty_struct *tty, const u8 *buf, size_t len)	\
{									\
	return fn##_sized(tty, buf, len);				\
}
#else
#define AMP_TTY_WRITE(fn)						\
static int fn(struct tty_struct *tty, const u8 *buf, int len)		\
{									\
	return fn##_sized(tty, buf, len < 0 ? 0 : len);			\
}
#endif

/*
 * kzalloc_obj(obj, gfp): a zeroed allocation sized and typed by what it is
 * for, the form the newest kernels (and their checkpatch) want; on older
 * kernels the same thing by hand.
 */
#ifndef kzalloc_obj
#define kzalloc_obj(obj, gfp)	({ typeof(obj) *__p = kzalloc(sizeof(obj), gfp); __p; })
#endif

/*
 * AMP_WQ_PERCPU: the flag for a workqueue whose work runs on the CPU that
 * queued it. Kernels that know WQ_PERCPU want it said; on the others a
 * workqueue without WQ_UNBOUND is per-CPU already.
 */
#ifdef AMP_HAVE_WQ_PERCPU
#define AMP_WQ_PERCPU	WQ_PERCPU
#else
#define AMP_WQ_PERCPU	0
#endif

#define AMP_MAX_VQS	4

/**
 * amp_virtio_find_vqs() - find a virtio device's virtqueues
 * @vdev: the device
 * @nvqs: how many, at most %AMP_MAX_VQS
 * @vqs: filled with the virtqueues
 * @callbacks: one callback per virtqueue
 * @names: one name per virtqueue
 *
 * Return: 0 or a negative errno.
 */
static inline int amp_virtio_find_vqs(struct virtio_device *vdev,
				      unsigned int nvqs, struct virtqueue *vqs[],
				      vq_callback_t *callbacks[],
				      const char * const names[])
{
#ifdef AMP_HAVE_VIRTQUEUE_INFO
	struct virtqueue_info info[AMP_MAX_VQS] = {};
	unsigned int i;

	if (nvqs > AMP_MAX_VQS)
		return -EINVAL;
	for (i = 0; i < nvqs; i++) {
		info[i].name = names[i];
		info[i].callback = callbacks[i];
	}
	return virtio_find_vqs(vdev, nvqs, vqs, info, NULL);
#else
	if (nvqs > AMP_MAX_VQS)
		return -EINVAL;
	return virtio_find_vqs(vdev, nvqs, vqs, callbacks, names, NULL);
#endif
}

/*
 * A virtio transport's find_vqs operation, whose queues' names and
 * callbacks come as struct virtqueue_info since 6.11, as two arrays
 * before: the transport defines it as
 *
 *	static int op(AMP_FIND_VQS_ARGS)
 *	{
 *		return AMP_FIND_VQS_CALL(impl);
 *	}
 *
 * with impl an amp_find_vqs_fn, for at most %AMP_MAX_VQS queues (a NULL
 * name: the queue is not wanted).
 */
typedef int (*amp_find_vqs_fn)(struct virtio_device *vdev, unsigned int nvqs,
			       struct virtqueue *vqs[], vq_callback_t *callbacks[],
			       const char * const names[]);

#ifdef AMP_HAVE_VIRTQUEUE_INFO
static inline int amp_find_vqs_call(amp_find_vqs_fn impl, struct virtio_device *vdev,
				    unsigned int nvqs, struct virtqueue *vqs[],
				    struct virtqueue_info info[])
{
	vq_callback_t *cbs[AMP_MAX_VQS];
	const char *names[AMP_MAX_VQS];
	unsigned int i;

	if (nvqs > AMP_MAX_VQS)
		return -EINVAL;
	for (i = 0; i < nvqs; i++) {
		cbs[i] = info[i].callback;
		names[i] = info[i].name;
	}
	return impl(vdev, nvqs, vqs, cbs, names);
}

#define AMP_FIND_VQS_ARGS						\
	struct virtio_device *vdev, unsigned int nvqs,			\
	struct virtqueue *vqs[], struct virtqueue_info info[],		\
	struct irq_affinity *desc
#define AMP_FIND_VQS_CALL(impl)	amp_find_vqs_call(impl, vdev, nvqs, vqs, info)
#else
static inline int amp_find_vqs_call(amp_find_vqs_fn impl, struct virtio_device *vdev,
				    unsigned int nvqs, struct virtqueue *vqs[],
				    vq_callback_t *callbacks[], const char * const names[])
{
	if (nvqs > AMP_MAX_VQS)
		return -EINVAL;
	return impl(vdev, nvqs, vqs, callbacks, names);
}

#define AMP_FIND_VQS_ARGS						\
	struct virtio_device *vdev, unsigned int nvqs,			\
	struct virtqueue *vqs[], vq_callback_t *callbacks[],		\
	const char * const names[], const bool *ctx,			\
	struct irq_affinity *desc
#define AMP_FIND_VQS_CALL(impl)	amp_find_vqs_call(impl, vdev, nvqs, vqs, callbacks, names)
#endif

/*
 * The remoteproc core's ELF loader and virtqueue entry point. The kernel
 * exports them but declares them only in drivers/remoteproc/
 * remoteproc_internal.h, which is not installed with its headers; the
 * prototypes are the same in every kernel the project supports.
 */
struct firmware;
int rproc_elf_sanity_check(struct rproc *rproc, const struct firmware *fw);
u64 rproc_elf_get_boot_addr(struct rproc *rproc, const struct firmware *fw);
int rproc_elf_load_segments(struct rproc *rproc, const struct firmware *fw);
int rproc_elf_load_rsc_table(struct rproc *rproc, const struct firmware *fw);
struct resource_table *rproc_elf_find_loaded_rsc_table(struct rproc *rproc,
						       const struct firmware *fw);
irqreturn_t rproc_vq_interrupt(struct rproc *rproc, int vq_id);

#endif /* AMP_COMPAT_H */
