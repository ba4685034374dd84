/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The remote processor's transitions, told to user space as uevents: a
 * KOBJ_CHANGE on the remoteproc device (SUBSYSTEM=remoteproc) with
 * RPROC_STATE (the state as sysfs names it: running, offline, crashed,
 * attached, detached) and RPROC_NAME. The remoteproc core tells nobody.
 *
 * The platform drivers call amp_rproc_event() at the end of their start,
 * stop, attach and detach operations, which the core calls with
 * rproc->lock held, before it has finished the transition (subdevices,
 * the new state). So the state is told by a work that takes the lock
 * after the core has let it go: the final state, once, whatever the steps
 * (a recovery's stop and start, a start undone). One state is told at
 * once, from the operation: "crashed", when the core found the remote
 * crashed (a recovery's first step, or a stop after a crash left
 * unrecovered), which the state reads only then. See
 * Documentation/restarts.md.
 */
#ifndef AMP_RPROC_EVENT_H
#define AMP_RPROC_EVENT_H

#include <linux/device.h>
#include <linux/kobject.h>
#include <linux/mutex.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

/**
 * struct amp_rproc_events - what a platform driver keeps to tell them
 * @rproc: the remote processor
 * @work: tells the state the core settled on
 * @told: the last state told, under rproc->lock
 */
struct amp_rproc_events {
	struct rproc *rproc;
	struct work_struct work;
	enum rproc_state told;
};

/* Send @state's uevent. With rproc->lock held. */
static inline void amp_rproc_tell(struct amp_rproc_events *ev, enum rproc_state state)
{
	struct rproc *rproc = ev->rproc;
	char *env[3] = { NULL, NULL, NULL };
	const char *name;

	switch (state) {
	case RPROC_RUNNING:
		name = "running";
		break;
	case RPROC_OFFLINE:
		name = "offline";
		break;
	case RPROC_CRASHED:
		name = "crashed";
		break;
	case RPROC_ATTACHED:
		name = "attached";
		break;
	case RPROC_DETACHED:
		name = "detached";
		break;
	default:
		return;
	}
	ev->told = state;
	/* not before rproc_add() has shown the device, nor after rproc_del() */
	if (!device_is_registered(&rproc->dev))
		return;
	env[0] = kasprintf(GFP_KERNEL, "RPROC_STATE=%s", name);
	env[1] = kasprintf(GFP_KERNEL, "RPROC_NAME=%s", rproc->name);
	if (env[0] && env[1])
		kobject_uevent_env(&rproc->dev.kobj, KOBJ_CHANGE, env);
	else
		dev_warn_ratelimited(&rproc->dev, "no memory to tell user space of '%s'\n", name);
	kfree(env[1]);
	kfree(env[0]);
}

static inline void amp_rproc_events_work(struct work_struct *work)
{
	struct amp_rproc_events *ev = container_of(work, struct amp_rproc_events, work);
	struct rproc *rproc = ev->rproc;

	mutex_lock(&rproc->lock);
	if (rproc->state != ev->told)
		amp_rproc_tell(ev, rproc->state);
	mutex_unlock(&rproc->lock);
}

static inline void amp_rproc_events_cancel(void *data)
{
	struct amp_rproc_events *ev = data;

	cancel_work_sync(&ev->work);
}

/**
 * amp_rproc_events_init() - tell @rproc's transitions from now on
 * @dev: the platform device
 * @ev: what to keep them in
 * @rproc: the remote processor, its initial state set, not added yet
 *
 * Before devm_rproc_add(): the work is cancelled after the remoteproc is
 * deleted (its last stop told, if the device was still shown), before it
 * is freed.
 *
 * Return: 0 or -ENOMEM.
 */
static inline int amp_rproc_events_init(struct device *dev, struct amp_rproc_events *ev,
					struct rproc *rproc)
{
	ev->rproc = rproc;
	ev->told = rproc->state;
	INIT_WORK(&ev->work, amp_rproc_events_work);
	return devm_add_action_or_reset(dev, amp_rproc_events_cancel, ev);
}

/**
 * amp_rproc_event() - an operation ends: tell the transition
 * @ev: the driver's events
 * @ret: the operation's result: nothing is told of one that failed (the
 *	core stays where it was, or undoes the steps before, which the work
 *	then tells)
 *
 * With rproc->lock held (the core calls the operations so).
 *
 * Return: @ret, for the operation to return.
 */
static inline int amp_rproc_event(struct amp_rproc_events *ev, int ret)
{
	if (ret)
		return ret;
	if (ev->rproc->state == RPROC_CRASHED && ev->told != RPROC_CRASHED)
		amp_rproc_tell(ev, RPROC_CRASHED);
	schedule_work(&ev->work);
	return ret;
}

#endif /* AMP_RPROC_EVENT_H */
