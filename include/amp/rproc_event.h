/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The remote processor's transitions, told to user space as uevents: a
 * KOBJ_CHANGE on the remoteproc device (SUBSYSTEM=remoteproc) with
 * RPROC_STATE (the state as sysfs names it: running, offline, crashed,
 * attached, detached) and RPROC_NAME. The remoteproc core tells nobody;
 * the platform drivers do, at the end of their start, stop, attach and
 * detach operations, which the core calls, with rproc->lock held, at each
 * transition (a recovery: stop, then start). See Documentation/restarts.md.
 */
#ifndef AMP_RPROC_EVENT_H
#define AMP_RPROC_EVENT_H

#include <linux/kobject.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>

/**
 * amp_rproc_event() - tell user space of the transition an operation makes
 * @rproc: the remote processor
 * @ret: the operation's result: a transition that failed is not told
 * @state: where the core goes when the operation succeeds: %RPROC_RUNNING
 *	(start), %RPROC_OFFLINE (stop), %RPROC_ATTACHED, %RPROC_DETACHED
 *
 * A stop of a core the remoteproc core found crashed (the first step of
 * its recovery, or of a stop after a crash left unrecovered) is told as
 * "crashed".
 *
 * Return: @ret, for the operation to return.
 */
static inline int amp_rproc_event(struct rproc *rproc, int ret, enum rproc_state state)
{
	const char *name;
	char *env[3] = { NULL, NULL, NULL };

	if (ret)
		return ret;
	switch (state) {
	case RPROC_RUNNING:
		name = "running";
		break;
	case RPROC_OFFLINE:
		name = rproc->state == RPROC_CRASHED ? "crashed" : "offline";
		break;
	case RPROC_ATTACHED:
		name = "attached";
		break;
	case RPROC_DETACHED:
		name = "detached";
		break;
	default:
		return ret;
	}
	env[0] = kasprintf(GFP_KERNEL, "RPROC_STATE=%s", name);
	env[1] = kasprintf(GFP_KERNEL, "RPROC_NAME=%s", rproc->name);
	if (env[0] && env[1])
		kobject_uevent_env(&rproc->dev.kobj, KOBJ_CHANGE, env);
	else
		dev_warn_ratelimited(&rproc->dev, "no memory to tell user space of '%s'\n", name);
	kfree(env[1]);
	kfree(env[0]);
	return ret;
}

#endif /* AMP_RPROC_EVENT_H */
