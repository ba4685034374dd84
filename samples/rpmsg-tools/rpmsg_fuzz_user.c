// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_fuzz_user [-s SEED] [-n OPS] [-t SECONDS] [-j THREADS] [-g GRACE] [-d DIR] [-v]
 *
 * User space at its worst against the rpmsg devices, for the robustness
 * tests. THREADS threads (default 4) each rescan /dev for rpmsg_ctrlN,
 * rpmsgN and ttyRPMSGN (they come and go as the firmware is started,
 * stopped or crashed), open them with random flags and call on them, with
 * random and edge arguments: every rpmsg ioctl (the flow-control ones
 * where <linux/rpmsg.h> has them; the unknown numbers drawn from type 0xb5
 * reach them anyway), unknown ioctl numbers, the tty calls, read() and
 * write() of 0 bytes to SIZE_MAX / 2 with bad buffers, poll(), epoll,
 * fcntl() and close(). Open files also pass from one thread to another
 * (dup()), so that two threads work on one file.
 *
 * Bounded: at most OPS calls (default 100000), SECONDS (default 30) or
 * until SIGTERM or SIGINT, whichever comes first; at most 16 endpoints and
 * channels made at a time, each destroyed or released again by the thread
 * that made it. No call waits for long: a call still in the kernel after
 * 250 ms is interrupted with SIGUSR1 (no SA_RESTART), again every 250 ms.
 * GRACE seconds (default 5) after the end, a thread still in a call is
 * reported, "FAILURE: stuck in <call> on <dev>", and the tool exits 1
 * without waiting for it.
 *
 * Reproducible: each thread draws from its own xorshift generator, seeded
 * from SEED (printed first; by default taken from the time) and its index.
 * What a seed does also depends on which devices exist when.
 *
 * Prints the calls per kind and the errno histogram at the end; results
 * are not judged (the kernel log is). Exit 0, or 1 when a thread was stuck
 * or the tool could not run, 2 on bad usage. -v prints every call; -d
 * looks for the nodes in DIR instead of /dev (a trial run on any machine).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

#define MAX_THREADS	16
#define MAX_FILES	8		/* open files per thread */
#define MAX_NODES	64		/* device nodes a scan keeps */
#define MAX_DSTS	16		/* remote addresses a scan keeps */
#define MAX_LIVE	16		/* endpoints and channels made, all threads */
#define MAX_SHARED	8		/* files passed between threads */
#define KICK_MS		250
#define MTU		496
#define NAME_LEN	32		/* struct rpmsg_endpoint_info's name */
#define PATH_LEN	64
#define BIG_LEN		(6u << 20)	/* to write from: 5 MiB and more */
#define RBUF_LEN	(64u << 10)	/* to read into, each thread its own */
#define ERR_SLOTS	160		/* errno values counted one by one */
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

enum kind { K_OPEN, K_CLOSE, K_IOCTL, K_READ, K_WRITE, K_POLL, K_EPOLL,
	    K_FCNTL, K_TTY, K_DUP, K_SYSFS, K_NR };

static const char * const kind_name[K_NR] = {
	"open", "close", "ioctl", "read", "write", "poll", "epoll", "fcntl",
	"tty", "dup", "sysfs",
};

enum cls { C_CTRL, C_EPT, C_TTY };

struct node {
	char path[PATH_LEN];
	enum cls cls;
};

struct ofile {
	int fd;
	enum cls cls;
	char path[PATH_LEN];
};

/* an endpoint (through RPMSG_CREATE_EPT_IOCTL) or a channel this thread made */
struct item {
	int chan;
	char ctrl[PATH_LEN];
	struct rpmsg_endpoint_info info;
};

struct worker {
	pthread_t tid;
	atomic_int ktid;		/* the thread's id, for /proc */
	int idx;
	uint64_t rng;
	atomic_int in_call;		/* a call is in the kernel */
	atomic_uint since;		/* when it began, ms */
	atomic_uint seq;		/* calls begun */
	atomic_int done;
	unsigned int kicked_seq;	/* the main thread's */
	unsigned int kicked_at;
	pthread_mutex_t lock;		/* what, dev, longest* */
	const char *what;
	char dev[PATH_LEN];
	unsigned int longest;
	const char *longest_what;
	char longest_dev[PATH_LEN];
	struct node nodes[MAX_NODES];
	int nnodes;
	uint32_t dsts[MAX_DSTS];
	int ndsts;
	struct ofile files[MAX_FILES];
	int nfiles;
	struct item items[MAX_LIVE];
	int nitems;
	int epfd;
	unsigned int steps;		/* since the start, for the rescans */
	/* two pages read-write, a PROT_NONE page, a read-only page */
	unsigned char *rw, *guard, *ro;
	unsigned char *rbuf;		/* RBUF_LEN, then a PROT_NONE page */
};

static struct worker workers[MAX_THREADS];
static int nthreads = 4;
static unsigned long max_ops = 100000;
static int verbose;
static const char *devdir = "/dev";
static size_t pg;
static unsigned char *big;
static struct timespec t0;
static atomic_int stop;
static atomic_int live;
static atomic_ulong total;
static atomic_ulong nops[K_NR];
static atomic_ulong nerr[ERR_SLOTS];
static atomic_ulong nkicks, ncreated, nremoved, nleft;
static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ofile shared[MAX_SHARED];
static int nshared;

static unsigned int now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (unsigned int)((long long)(t.tv_sec - t0.tv_sec) * 1000 +
			      (t.tv_nsec - t0.tv_nsec) / 1000000);
}

static uint64_t splitmix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* xorshift64* */
static uint64_t rnd(struct worker *w)
{
	uint64_t x = w->rng;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	w->rng = x;
	return x * 0x2545f4914f6cdd1dULL;
}

/* 0 .. n - 1 */
static unsigned int pick(struct worker *w, size_t n)
{
	return n ? (unsigned int)((rnd(w) >> 32) % n) : 0;
}

static void on_kick(int sig)
{
	(void)sig;
}

/* A call is about to enter the kernel: what it is, on which device. */
static void begin(struct worker *w, const char *what, const char *dev)
{
	pthread_mutex_lock(&w->lock);
	w->what = what;
	snprintf(w->dev, sizeof(w->dev), "%s", dev);
	pthread_mutex_unlock(&w->lock);
	atomic_store(&w->since, now_ms());
	atomic_fetch_add(&w->seq, 1);
	atomic_store(&w->in_call, 1);
}

/* The call begun is back with @ret (failed: errno): count it. */
static long end(struct worker *w, enum kind k, long ret)
{
	int e = ret < 0 ? errno : 0;
	unsigned int took;

	atomic_store(&w->in_call, 0);
	took = now_ms() - atomic_load(&w->since);
	if (took > w->longest) {
		pthread_mutex_lock(&w->lock);
		w->longest = took;
		w->longest_what = w->what;
		memcpy(w->longest_dev, w->dev, sizeof(w->dev));
		pthread_mutex_unlock(&w->lock);
	}
	atomic_fetch_add(&nops[k], 1);
	atomic_fetch_add(&nerr[e >= 0 && e < ERR_SLOTS - 1 ? e : ERR_SLOTS - 1], 1);
	atomic_fetch_add(&total, 1);
	if (verbose)
		fprintf(stderr, "%d: %s %s: %ld %s\n", w->idx, w->what, w->dev, ret,
			ret < 0 ? strerror(e) : "");
	errno = e;
	return ret;
}

static int x_open(struct worker *w, const char *path, int flags)
{
	begin(w, "open", path);
	return (int)end(w, K_OPEN, open(path, flags));
}

static int x_close(struct worker *w, int fd, const char *path)
{
	begin(w, "close", path);
	return (int)end(w, K_CLOSE, close(fd));
}

static int x_ioctl(struct worker *w, enum kind k, const char *what, int fd,
		   const char *path, unsigned long cmd, void *arg)
{
	begin(w, what, path);
	return (int)end(w, k, ioctl(fd, cmd, arg));
}

/* Read sysfs attribute @path into @buf, without its newline. */
static int read_attr(struct worker *w, const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd;

	fd = x_open(w, path, O_RDONLY);
	if (fd < 0)
		return -1;
	begin(w, "read", path);
	n = end(w, K_SYSFS, read(fd, buf, len - 1));
	x_close(w, fd, path);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return 0;
}

/* The device nodes there are now, and the remote addresses of the channels. */
static void scan(struct worker *w)
{
	char path[300], val[16];
	struct dirent *de;
	enum cls c;
	DIR *d;

	w->nnodes = 0;
	d = opendir(devdir);
	while (d && w->nnodes < MAX_NODES && (de = readdir(d))) {
		if (!strncmp(de->d_name, "rpmsg_ctrl", 10))
			c = C_CTRL;
		else if (!strncmp(de->d_name, "rpmsg", 5) &&
			 de->d_name[5] >= '0' && de->d_name[5] <= '9')
			c = C_EPT;
		else if (!strncmp(de->d_name, "ttyRPMSG", 8))
			c = C_TTY;
		else
			continue;
		if (strlen(de->d_name) > 20)
			continue;
		snprintf(w->nodes[w->nnodes].path, sizeof(w->nodes[0].path),
			 "%.40s/%.20s", devdir, de->d_name);
		w->nodes[w->nnodes++].cls = c;
	}
	if (d)
		closedir(d);

	w->ndsts = 0;
	d = opendir("/sys/bus/rpmsg/devices");
	while (d && w->ndsts < MAX_DSTS && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/bus/rpmsg/devices/%.200s/dst",
			 de->d_name);
		if (!read_attr(w, path, val, sizeof(val)) && strcmp(val, "-1"))
			w->dsts[w->ndsts++] = (uint32_t)strtoul(val, NULL, 0);
	}
	if (d)
		closedir(d);
}

/* --- arguments ------------------------------------------------------------ */

enum { A_WRITES = 1, A_CREATE = 2 };

/*
 * An argument pointer for @len bytes: NULL, into the PROT_NONE page, cut
 * by it, read-only, good (aligned or not), kernel space, a small number,
 * or (where the kernel only reads and makes nothing) any value. *@whole:
 * all @len bytes are ours and readable.
 */
static unsigned char *arg_ptr(struct worker *w, size_t len, int flags, int *whole)
{
	static const uintptr_t low[] = { 1, 0x35, 1024, 4095 };

	*whole = 0;
	switch (pick(w, flags ? 9 : 10)) {
	case 0:
		return NULL;
	case 1:
		return w->guard + pick(w, pg);
	case 2:
		if (len < 2)
			return w->guard;
		return w->guard - 1 - pick(w, len - 1);
	case 3:
		*whole = 1;
		return w->ro + pick(w, pg - len + 1);
	case 4:
	case 5:
		*whole = 1;
		return w->rw + 8 * pick(w, (2 * pg - len) / 8 + 1);
	case 6:
		*whole = 1;
		return w->rw + 1 + pick(w, 2 * pg - len - 1);
	case 7:
		return (unsigned char *)(uintptr_t)(0 - pg * (1 + pick(w, 16)));
	case 8:
		return (unsigned char *)low[pick(w, NELEM(low))];
	default:
		return (unsigned char *)(uintptr_t)rnd(w);
	}
}

/* Put @len bytes of @src at @p, as much of them as is ours and writable. */
static void fill(struct worker *w, unsigned char *p, const void *src, size_t len)
{
	if (p < w->rw || p >= w->guard)
		return;
	if (len > (size_t)(w->guard - p))
		len = w->guard - p;
	memcpy(p, src, len);
}

static uint32_t gen_addr(struct worker *w)
{
	switch (pick(w, 10)) {
	case 0:
		return 0;
	case 1:
	case 2:
		return RPMSG_ADDR_ANY;
	case 3:
		return 0x35;
	case 4:
		return 1024;
	case 5:
		return 1;
	case 6:
		return 0x400 + pick(w, 16);
	case 7:
	case 8:
		if (w->ndsts)
			return w->dsts[pick(w, w->ndsts)];
		return 0x400;
	default:
		return (uint32_t)rnd(w);
	}
}

/* Names that bind drivers, bad ones, unterminated, empty, any bytes. */
static void gen_name(struct worker *w, char *name)
{
	static const char * const pool[] = {
		"rpmsg-raw", "rpmsg-tty", "rpmsg-openamp-demo-channel",
		"rpmsg-client-sample", "rpmsg_chrdev", "rpmsg_ctrl", "fixed",
		"fz/x", "/", "..", "", "fz\n", "fz x",
	};
	unsigned int i, n;

	memset(name, 0, NAME_LEN);
	switch (pick(w, 5)) {
	case 0:
	case 1:
		snprintf(name, NAME_LEN, "%s", pool[pick(w, NELEM(pool))]);
		break;
	case 2:
		snprintf(name, NAME_LEN, "fz-%u", pick(w, 1000));
		break;
	case 3:
		/* no NUL in the 32 bytes */
		memset(name, 'A' + pick(w, 26), NAME_LEN);
		memcpy(name, "fz-", 3);
		break;
	default:
		n = 1 + pick(w, NAME_LEN - 1);
		for (i = 0; i < n; i++)
			name[i] = (char)(1 + pick(w, 255));
		break;
	}
}

static void gen_info(struct worker *w, struct rpmsg_endpoint_info *info)
{
	gen_name(w, info->name);
	info->src = gen_addr(w);
	info->dst = gen_addr(w);
}

static size_t io_size(struct worker *w)
{
	static const size_t sizes[] = {
		0, 1, MTU - 1, MTU, MTU + 1, 4096, 65536, 5u << 20, SIZE_MAX / 2,
	};

	if (!pick(w, 4))
		return pick(w, 8192);
	return sizes[pick(w, NELEM(sizes))];
}

/*
 * A read() or write() buffer for @len bytes (the kernel fills it: @writes).
 * A good one to read into is RBUF_LEN long at most: no message is longer.
 */
static void *io_buf(struct worker *w, size_t len, int writes)
{
	switch (pick(w, writes ? 8 : 9)) {
	case 0:
		return NULL;
	case 1:
		return w->guard + pick(w, pg);
	case 2:
		return w->ro;
	case 3:
		return w->guard - 1 - pick(w, len < pg ? len + 1 : pg);
	case 4:
		return (unsigned char *)(uintptr_t)(0 - pg);
	case 5:
	case 6:
	case 7:
		if (writes && len >= RBUF_LEN)
			return w->rbuf;
		if (writes)
			return w->rbuf + pick(w, RBUF_LEN - len + 1);
		if (len >= BIG_LEN)
			return big;
		return big + pick(w, BIG_LEN - len + 1);
	default:
		return (void *)(uintptr_t)rnd(w);
	}
}

/* --- files ---------------------------------------------------------------- */

static struct ofile *any_file(struct worker *w)
{
	return w->nfiles ? &w->files[pick(w, w->nfiles)] : NULL;
}

/* One of class @c if there is one and a coin says so, else any. */
static struct ofile *file_of(struct worker *w, enum cls c)
{
	int i, n = 0, idx[MAX_FILES];

	for (i = 0; i < w->nfiles; i++)
		if (w->files[i].cls == c)
			idx[n++] = i;
	if (n && pick(w, 5))
		return &w->files[idx[pick(w, n)]];
	return any_file(w);
}

static void close_file(struct worker *w, int i)
{
	x_close(w, w->files[i].fd, w->files[i].path);
	w->files[i] = w->files[--w->nfiles];
}

static void tty_quiet(struct worker *w, struct ofile *f);

static void do_open(struct worker *w)
{
	static const int acc[] = { O_RDWR, O_RDWR, O_RDONLY, O_WRONLY };
	struct node *n;
	int flags, fd;

	if (!w->nnodes)
		return;
	if (w->nfiles == MAX_FILES)
		close_file(w, pick(w, w->nfiles));
	n = &w->nodes[pick(w, w->nnodes)];
	flags = acc[pick(w, NELEM(acc))] | O_NOCTTY;
	if (pick(w, 2))
		flags |= O_NONBLOCK;
	if (pick(w, 2))
		flags |= O_CLOEXEC;
	fd = x_open(w, n->path, flags);
	if (fd < 0)
		return;
	w->files[w->nfiles].fd = fd;
	w->files[w->nfiles].cls = n->cls;
	memcpy(w->files[w->nfiles].path, n->path, sizeof(n->path));
	/* mostly no echo: else each answer of the remote's tty goes back to it */
	if (n->cls == C_TTY && pick(w, 4))
		tty_quiet(w, &w->files[w->nfiles]);
	w->nfiles++;
}

/* Pass a copy of one of ours to the others, or take one of theirs. */
static void do_share(struct worker *w)
{
	struct ofile *f;
	int fd, i;

	pthread_mutex_lock(&shared_lock);
	if (pick(w, 2) && w->nfiles && nshared < MAX_SHARED) {
		f = any_file(w);
		begin(w, "dup", f->path);
		fd = (int)end(w, K_DUP, dup(f->fd));
		if (fd >= 0) {
			shared[nshared] = *f;
			shared[nshared++].fd = fd;
		}
	} else if (nshared && w->nfiles < MAX_FILES) {
		i = pick(w, nshared);
		w->files[w->nfiles++] = shared[i];
		shared[i] = shared[--nshared];
	}
	pthread_mutex_unlock(&shared_lock);
}

/* --- what this thread made ------------------------------------------------ */

static int reserve(void)
{
	if (atomic_fetch_add(&live, 1) < MAX_LIVE)
		return 1;
	atomic_fetch_sub(&live, 1);
	return 0;
}

/* Does the sysfs directory @dir show endpoint @info (cut to 31 characters)? */
static int ept_matches(struct worker *w, const char *dir,
		       const struct rpmsg_endpoint_info *info)
{
	char path[96], val[NAME_LEN + 8];
	size_t len = strnlen(info->name, NAME_LEN - 1);

	snprintf(path, sizeof(path), "%s/name", dir);
	if (read_attr(w, path, val, sizeof(val)) || strlen(val) != len ||
	    memcmp(val, info->name, len))
		return 0;
	snprintf(path, sizeof(path), "%s/src", dir);
	if (read_attr(w, path, val, sizeof(val)) ||
	    strtol(val, NULL, 0) != (int32_t)info->src)
		return 0;
	snprintf(path, sizeof(path), "%s/dst", dir);
	return !read_attr(w, path, val, sizeof(val)) &&
	       strtol(val, NULL, 0) == (int32_t)info->dst;
}

/* Destroy endpoint @it: 0 while someone holds its device open, else 1. */
static int destroy_ept(struct worker *w, struct item *it)
{
	char dir[64], dev[PATH_LEN];
	struct dirent *de;
	int fd, found = 0;
	DIR *d;

	d = opendir("/sys/class/rpmsg");
	while (d && !found && (de = readdir(d))) {
		if (strncmp(de->d_name, "rpmsg", 5) || de->d_name[5] < '0' ||
		    de->d_name[5] > '9' || strlen(de->d_name) > 20)
			continue;
		snprintf(dir, sizeof(dir), "/sys/class/rpmsg/%.20s", de->d_name);
		if (ept_matches(w, dir, &it->info)) {
			snprintf(dev, sizeof(dev), "%.40s/%.20s", devdir, de->d_name);
			found = 1;
		}
	}
	if (d)
		closedir(d);
	if (!found)
		return 1;	/* gone with its bus, or destroyed by another call */
	fd = x_open(w, dev, O_RDWR | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return errno != EBUSY;
	if (!x_ioctl(w, K_IOCTL, "RPMSG_DESTROY_EPT_IOCTL", fd, dev,
		     RPMSG_DESTROY_EPT_IOCTL, NULL))
		atomic_fetch_add(&nremoved, 1);
	x_close(w, fd, dev);
	return 1;
}

static void release_chan(struct worker *w, struct item *it)
{
	int fd;

	fd = x_open(w, it->ctrl, O_RDWR | O_NOCTTY);
	if (fd < 0)
		return;		/* gone with its bus */
	if (!x_ioctl(w, K_IOCTL, "RPMSG_RELEASE_DEV_IOCTL", fd, it->ctrl,
		     RPMSG_RELEASE_DEV_IOCTL, &it->info))
		atomic_fetch_add(&nremoved, 1);
	x_close(w, fd, it->ctrl);
}

/* Undo item @i: 1 done (or gone already), 0 to try again later. */
static int remove_item(struct worker *w, int i)
{
	if (w->items[i].chan)
		release_chan(w, &w->items[i]);
	else if (!destroy_ept(w, &w->items[i]))
		return 0;
	w->items[i] = w->items[--w->nitems];
	atomic_fetch_sub(&live, 1);
	return 1;
}

/* --- the calls ------------------------------------------------------------ */

static void do_create(struct worker *w, struct ofile *f, int chan)
{
	unsigned long cmd = chan ? RPMSG_CREATE_DEV_IOCTL : RPMSG_CREATE_EPT_IOCTL;
	const char *what = chan ? "RPMSG_CREATE_DEV_IOCTL" : "RPMSG_CREATE_EPT_IOCTL";
	struct rpmsg_endpoint_info info;
	int whole, reserved = 0;
	unsigned char *p;
	struct item *it;

	p = arg_ptr(w, sizeof(info), A_CREATE, &whole);
	gen_info(w, &info);
	fill(w, p, &info, sizeof(info));
	if (whole && f->cls == C_CTRL) {
		/* it can succeed: within the limit only */
		reserved = reserve();
		if (!reserved && w->nitems) {
			remove_item(w, pick(w, w->nitems));
			return;
		}
		if (!reserved)
			p = w->guard;
	}
	if (x_ioctl(w, K_IOCTL, what, f->fd, f->path, cmd, p) < 0) {
		if (reserved)
			atomic_fetch_sub(&live, 1);
		return;
	}
	if (!reserved)
		return;
	it = &w->items[w->nitems++];
	it->chan = chan;
	memcpy(it->ctrl, f->path, sizeof(it->ctrl));
	memcpy(&it->info, p, sizeof(it->info));
	atomic_fetch_add(&ncreated, 1);
}

static unsigned long unknown_cmd(struct worker *w)
{
	static const unsigned long fixed[] = {
		0, 0xdeadbeef, _IO(0xb5, 0xff),
		_IOWR(0xb5, 0x80, struct rpmsg_endpoint_info),
	};
	static const unsigned int dirs[] = {
		_IOC_NONE, _IOC_READ, _IOC_WRITE, _IOC_READ | _IOC_WRITE,
	};
	static const unsigned int sizes[] = { 0, 1, 4, 4, 8, 40, 41, 4096 };
	unsigned int nr;

	if (!pick(w, 4))
		return fixed[pick(w, NELEM(fixed))];
	/* mostly the numbers rpmsg uses, 1 to 6, and their neighbours */
	nr = pick(w, 4) ? pick(w, 8) : pick(w, 256);
	return _IOC(dirs[pick(w, NELEM(dirs))], 0xb5, nr, sizes[pick(w, NELEM(sizes))]);
}

/* An integer argument passed by value. */
static void *int_arg(struct worker *w)
{
	static const long vals[] = { 0, 1, 2, -1, 0x35, 1024 };

	if (!pick(w, 4))
		return (void *)(uintptr_t)rnd(w);
	return (void *)vals[pick(w, NELEM(vals))];
}

static void do_ioctl(struct worker *w)
{
	struct rpmsg_endpoint_info info;
	struct ofile *f = any_file(w);
	unsigned long cmd;
	unsigned char *p;
	int whole;

	switch (pick(w, 10)) {
	case 0:
	case 1:
		do_create(w, file_of(w, C_CTRL), 0);
		return;
	case 2:
		do_create(w, file_of(w, C_CTRL), 1);
		return;
	case 3:
		x_ioctl(w, K_IOCTL, "RPMSG_DESTROY_EPT_IOCTL", f->fd, f->path,
			RPMSG_DESTROY_EPT_IOCTL, int_arg(w));
		return;
	case 4:
		f = file_of(w, C_CTRL);
		p = arg_ptr(w, sizeof(info), 0, &whole);
		gen_info(w, &info);
		fill(w, p, &info, sizeof(info));
		x_ioctl(w, K_IOCTL, "RPMSG_RELEASE_DEV_IOCTL", f->fd, f->path,
			RPMSG_RELEASE_DEV_IOCTL, p);
		return;
#ifdef RPMSG_GET_OUTGOING_FLOWCONTROL
	case 5:
		f = file_of(w, C_EPT);
		x_ioctl(w, K_IOCTL, "RPMSG_GET_OUTGOING_FLOWCONTROL", f->fd, f->path,
			RPMSG_GET_OUTGOING_FLOWCONTROL,
			arg_ptr(w, sizeof(int), A_WRITES, &whole));
		return;
#endif
#ifdef RPMSG_SET_INCOMING_FLOWCONTROL
	case 6:
		f = file_of(w, C_EPT);
		x_ioctl(w, K_IOCTL, "RPMSG_SET_INCOMING_FLOWCONTROL", f->fd, f->path,
			RPMSG_SET_INCOMING_FLOWCONTROL, int_arg(w));
		return;
#endif
	default:
		break;
	}
	cmd = unknown_cmd(w);
	/* one of the creating ones after all: within the limit */
	if (cmd == RPMSG_CREATE_EPT_IOCTL || cmd == RPMSG_CREATE_DEV_IOCTL) {
		do_create(w, f, cmd == RPMSG_CREATE_DEV_IOCTL);
		return;
	}
	if (pick(w, 4))
		p = arg_ptr(w, 64, A_WRITES, &whole);
	else
		p = int_arg(w);
	x_ioctl(w, K_IOCTL, "an unknown ioctl", f->fd, f->path, cmd, p);
}

static void do_read(struct worker *w)
{
	struct ofile *f = any_file(w);
	size_t len = io_size(w);
	void *buf = io_buf(w, len, 1);

	begin(w, "read", f->path);
	end(w, K_READ, read(f->fd, buf, len));
}

static void do_write(struct worker *w)
{
	struct ofile *f = any_file(w);
	size_t len = io_size(w);
	void *buf = io_buf(w, len, 0);

	begin(w, "write", f->path);
	end(w, K_WRITE, write(f->fd, buf, len));
}

static short poll_events(struct worker *w)
{
	static const short bits[] = {
		POLLIN, POLLPRI, POLLOUT, POLLRDNORM, POLLRDBAND, POLLWRNORM,
		POLLWRBAND, POLLMSG, POLLRDHUP, POLLERR, POLLHUP, POLLNVAL,
	};
	unsigned int i;
	short ev = 0;

	for (i = 0; i < NELEM(bits); i++)
		if (!pick(w, 3) || !pick(w, 4))
			ev |= bits[i];
	return ev;
}

static void do_poll(struct worker *w)
{
	struct pollfd p[MAX_FILES];
	int i, n, first;

	n = pick(w, 2) ? 1 : w->nfiles;
	first = pick(w, w->nfiles);
	for (i = 0; i < n; i++) {
		p[i].fd = w->files[(first + i) % w->nfiles].fd;
		p[i].events = poll_events(w);
	}
	begin(w, "poll", w->files[first].path);
	end(w, K_POLL, poll(p, n, pick(w, 2) ? 0 : 1 + pick(w, 5)));
}

static void do_epoll(struct worker *w)
{
	static const uint32_t bits[] = {
		EPOLLIN, EPOLLPRI, EPOLLOUT, EPOLLRDNORM, EPOLLRDBAND, EPOLLWRNORM,
		EPOLLWRBAND, EPOLLMSG, EPOLLERR, EPOLLHUP, EPOLLRDHUP, EPOLLET,
		EPOLLONESHOT,
	};
	static const int ops[] = { EPOLL_CTL_ADD, EPOLL_CTL_MOD, EPOLL_CTL_DEL };
	struct ofile *f = any_file(w);
	struct epoll_event ev[4];
	unsigned int i;

	memset(ev, 0, sizeof(ev));
	for (i = 0; i < NELEM(bits); i++)
		if (!pick(w, 3))
			ev[0].events |= bits[i];
	if (pick(w, 3)) {
		begin(w, "epoll_ctl", f->path);
		end(w, K_EPOLL, epoll_ctl(w->epfd, ops[pick(w, NELEM(ops))], f->fd, ev));
		return;
	}
	begin(w, "epoll_wait", f->path);
	end(w, K_EPOLL, epoll_wait(w->epfd, ev, NELEM(ev), pick(w, 4)));
}

static void do_fcntl(struct worker *w)
{
	struct ofile *f = any_file(w);
	int fl;

	begin(w, "fcntl", f->path);
	fl = (int)end(w, K_FCNTL, fcntl(f->fd, F_GETFL));
	if (fl < 0)
		return;
	fl ^= pick(w, 4) ? O_NONBLOCK : O_APPEND;
	begin(w, "fcntl", f->path);
	end(w, K_FCNTL, fcntl(f->fd, F_SETFL, fl));
}

static int x_tcgetattr(struct worker *w, struct ofile *f, struct termios *t)
{
	begin(w, "tcgetattr", f->path);
	return (int)end(w, K_TTY, tcgetattr(f->fd, t));
}

static int x_tcsetattr(struct worker *w, struct ofile *f, int act,
		       const struct termios *t)
{
	begin(w, "tcsetattr", f->path);
	return (int)end(w, K_TTY, tcsetattr(f->fd, act, t));
}

static void tty_quiet(struct worker *w, struct ofile *f)
{
	struct termios t;

	if (x_tcgetattr(w, f, &t))
		return;
	cfmakeraw(&t);
	t.c_lflag &= ~(ECHO | ECHONL);
	x_tcsetattr(w, f, TCSANOW, &t);
}

static void tty_mangle(struct worker *w, struct ofile *f)
{
	static const speed_t speeds[] = { B0, B50, B9600, B115200, B4000000 };
	static const int acts[] = { TCSANOW, TCSADRAIN, TCSAFLUSH };
	struct termios t;

	if (x_tcgetattr(w, f, &t))
		memset(&t, 0, sizeof(t));
	switch (pick(w, 5)) {
	case 0:
		cfmakeraw(&t);
		break;
	case 1:
		t.c_iflag ^= 1u << pick(w, 16);
		break;
	case 2:
		t.c_oflag ^= 1u << pick(w, 16);
		break;
	case 3:
		t.c_cflag ^= 1u << pick(w, 16);
		break;
	default:
		t.c_lflag ^= 1u << pick(w, 16);
		break;
	}
	t.c_cc[pick(w, NCCS)] = (cc_t)pick(w, 256);
	if (pick(w, 4))
		t.c_lflag &= ~(ECHO | ECHONL);
	if (!pick(w, 3)) {
		cfsetospeed(&t, speeds[pick(w, NELEM(speeds))]);
		cfsetispeed(&t, speeds[pick(w, NELEM(speeds))]);
	}
	x_tcsetattr(w, f, acts[pick(w, NELEM(acts))], &t);
}

static void do_tty(struct worker *w)
{
	static const int queues[] = { TCIFLUSH, TCOFLUSH, TCIOFLUSH, 7 };
	struct ofile *f = file_of(w, C_TTY);
	struct termios t;
	int whole;

	switch (pick(w, 8)) {
	case 0:
		x_tcgetattr(w, f, &t);
		break;
	case 1:
	case 2:
		tty_mangle(w, f);
		break;
	case 3:
		x_ioctl(w, K_TTY, "TIOCOUTQ", f->fd, f->path, TIOCOUTQ,
			arg_ptr(w, sizeof(int), A_WRITES, &whole));
		break;
	case 4:
		x_ioctl(w, K_TTY, "FIONREAD", f->fd, f->path, FIONREAD,
			arg_ptr(w, sizeof(int), A_WRITES, &whole));
		break;
	case 5:
		begin(w, "tcflush", f->path);
		end(w, K_TTY, tcflush(f->fd, queues[pick(w, NELEM(queues))]));
		break;
	case 6:
		begin(w, "tcdrain", f->path);
		end(w, K_TTY, tcdrain(f->fd));
		break;
	default:
		x_ioctl(w, K_TTY, "TIOCGWINSZ", f->fd, f->path, TIOCGWINSZ,
			arg_ptr(w, sizeof(struct winsize), A_WRITES, &whole));
		break;
	}
}

/* The attributes of a device node, as a daemon looking for its device would. */
static void do_sysfs(struct worker *w)
{
	static const char * const attrs[] = { "name", "src", "dst", "dev" };
	char path[96], val[64];
	const char *n;

	if (!w->nnodes)
		return;
	n = strrchr(w->nodes[pick(w, w->nnodes)].path, '/') + 1;
	snprintf(path, sizeof(path), "/sys/class/%s/%s/%s",
		 strncmp(n, "tty", 3) ? "rpmsg" : "tty", n,
		 attrs[pick(w, NELEM(attrs))]);
	read_attr(w, path, val, sizeof(val));
}

static void step(struct worker *w)
{
	unsigned int r = pick(w, 100);

	if (!w->nfiles) {
		if (r < 90)
			do_open(w);
		else
			do_share(w);
	} else if (r < 14) {
		do_open(w);
	} else if (r < 20) {
		close_file(w, pick(w, w->nfiles));
	} else if (r < 44) {
		do_ioctl(w);
	} else if (r < 54) {
		do_read(w);
	} else if (r < 65) {
		do_write(w);
	} else if (r < 72) {
		do_poll(w);
	} else if (r < 77) {
		do_epoll(w);
	} else if (r < 81) {
		do_fcntl(w);
	} else if (r < 91) {
		do_tty(w);
	} else if (r < 94) {
		do_share(w);
	} else if (r < 97 && w->nitems) {
		remove_item(w, pick(w, w->nitems));
	} else {
		do_sysfs(w);
	}
}

/* Close what is open, the files passed around too, and undo what was made. */
static void cleanup(struct worker *w)
{
	struct ofile taken[MAX_SHARED];
	int i, n, tries;

	while (w->nfiles)
		close_file(w, 0);
	pthread_mutex_lock(&shared_lock);
	n = nshared;
	memcpy(taken, shared, sizeof(taken));
	nshared = 0;
	pthread_mutex_unlock(&shared_lock);
	for (i = 0; i < n; i++)
		x_close(w, taken[i].fd, taken[i].path);
	close(w->epfd);
	/* an endpoint another thread still holds open waits for its close */
	for (tries = 0; w->nitems && tries < 50; tries++) {
		for (i = w->nitems - 1; i >= 0; i--)
			remove_item(w, i);
		if (w->nitems)
			usleep(20000);
	}
	atomic_fetch_add(&nleft, w->nitems);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;

	atomic_store(&w->ktid, (int)syscall(SYS_gettid));
	while (!atomic_load(&stop) && atomic_load(&total) < max_ops) {
		if (!w->nnodes || !(w->steps++ % 16))
			scan(w);
		if (!w->nnodes && !w->nfiles) {
			/* nothing to work on yet: a file passed on, or wait a bit */
			do_share(w);
			if (!w->nfiles)
				usleep(5000);
			continue;
		}
		step(w);
	}
	cleanup(w);
	atomic_store(&w->done, 1);
	return NULL;
}

/* --- the main thread -------------------------------------------------------- */

/* Interrupt every call that has been in the kernel for KICK_MS. */
static void kick(void)
{
	unsigned int now, seq, since;
	struct worker *w;
	int i;

	for (i = 0; i < nthreads; i++) {
		w = &workers[i];
		if (atomic_load(&w->done) || !atomic_load(&w->in_call))
			continue;
		seq = atomic_load(&w->seq);
		since = atomic_load(&w->since);
		/* signed: the call may have begun after now */
		now = now_ms();
		if ((int)(now - since) < KICK_MS)
			continue;
		if (seq == w->kicked_seq && (int)(now - w->kicked_at) < KICK_MS)
			continue;
		w->kicked_seq = seq;
		w->kicked_at = now;
		pthread_kill(w->tid, SIGUSR1);
		atomic_fetch_add(&nkicks, 1);
	}
}

static int all_done(void)
{
	int i;

	for (i = 0; i < nthreads; i++)
		if (!atomic_load(&workers[i].done))
			return 0;
	return 1;
}

/* Until @until ms, kicking: 1 on SIGTERM/SIGINT, else 0 (time, or all done). */
static int watch(unsigned int until, const sigset_t *set)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };

	while (now_ms() < until && !all_done()) {
		if (sigtimedwait(set, NULL, &ts) > 0)
			return 1;
		kick();
	}
	return 0;
}

/*
 * When a call is stuck: this process's threads, and every task of the
 * system that sleeps uninterruptibly or runs, with where it waits and its
 * kernel stack where the kernel shows them. A thread missing from the
 * list died in its call (an oops in the kernel log).
 */
static void dump_blocked(void)
{
	static const char * const files[] = { "wchan", "syscall", "stack" };
	char path[640], buf[4096], state, *end;
	struct dirent *p, *t;
	int f;
	DIR *pd, *td;
	ssize_t n;
	int fd;

	pd = opendir("/proc");
	if (!pd)
		return;
	while ((p = readdir(pd))) {
		if (p->d_name[0] < '0' || p->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/task", p->d_name);
		td = opendir(path);
		if (!td)
			continue;
		while ((t = readdir(td))) {
			if (t->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "/proc/%s/task/%s/stat",
				 p->d_name, t->d_name);
			fd = open(path, O_RDONLY);
			if (fd < 0)
				continue;
			n = read(fd, buf, sizeof(buf) - 1);
			close(fd);
			if (n <= 0)
				continue;
			buf[n] = '\0';
			/* "pid (comm) S ...": the state after the last ')' */
			end = strrchr(buf, ')');
			if (!end || !strchr(buf, '(') || strlen(end) < 3)
				continue;
			state = end[2];
			if (state != 'D' && state != 'R' && atoi(p->d_name) != getpid())
				continue;
			*end = '\0';
			printf("blocked: task %s %s) %c\n", t->d_name, strchr(buf, '('), state);
			for (f = 0; f < 3; f++) {
				snprintf(path, sizeof(path), "/proc/%s/task/%s/%s",
					 p->d_name, t->d_name, files[f]);
				fd = open(path, O_RDONLY);
				if (fd < 0)
					continue;
				n = read(fd, buf, sizeof(buf) - 1);
				close(fd);
				if (n > 0) {
					buf[n] = '\0';
					printf("%s: %s%s", files[f], buf,
					       buf[n - 1] == '\n' ? "" : "\n");
				}
			}
		}
		closedir(td);
	}
	closedir(pd);
}

static void report(void)
{
	char buf[32];
	const char *n;
	unsigned long v;
	int i;

	printf("ops:");
	for (i = 0; i < K_NR; i++)
		printf(" %s %lu", kind_name[i], atomic_load(&nops[i]));
	printf("; kicked %lu, made %lu, undone %lu, left %lu\n",
	       atomic_load(&nkicks), atomic_load(&ncreated),
	       atomic_load(&nremoved), atomic_load(&nleft));
	printf("errno: ok %lu", atomic_load(&nerr[0]));
	for (i = 1; i < ERR_SLOTS; i++) {
		v = atomic_load(&nerr[i]);
		if (!v)
			continue;
		n = i < ERR_SLOTS - 1 ? strerrorname_np(i) : "other";
		if (!n) {
			snprintf(buf, sizeof(buf), "E%d", i);
			n = buf;
		}
		printf(" %s %lu", n, v);
	}
	printf("\n");
}

static void bad_usage(void)
{
	fprintf(stderr, "usage: rpmsg_fuzz_user [-s SEED] [-n OPS] [-t SECONDS] [-j THREADS]\n"
		"                       [-g GRACE] [-d DIR] [-v]\n");
	exit(2);
}

static long num(const char *s, long min, long max)
{
	char *e;
	long v;

	errno = 0;
	v = strtol(s, &e, 0);
	if (errno || *e || v < min || v > max)
		bad_usage();
	return v;
}

int main(int argc, char **argv)
{
	unsigned long long seed;
	long secs = 30, grace = 5;
	unsigned int end_at;
	struct sigaction sa;
	struct worker *w;
	int i, c, stuck = 0, slow = 0;
	const char *why;
	sigset_t set;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	seed = (unsigned long long)time(NULL) ^ ((unsigned long long)getpid() << 32);
	while ((c = getopt(argc, argv, "s:n:t:j:g:d:v")) != -1) {
		switch (c) {
		case 's':
			errno = 0;
			seed = strtoull(optarg, NULL, 0);
			if (errno)
				bad_usage();
			break;
		case 'n':
			max_ops = (unsigned long)num(optarg, 1, LONG_MAX);
			break;
		case 't':
			secs = num(optarg, 1, 86400);
			break;
		case 'j':
			nthreads = (int)num(optarg, 1, MAX_THREADS);
			break;
		case 'g':
			grace = num(optarg, 1, 3600);
			break;
		case 'd':
			devdir = optarg;
			if (strlen(devdir) > 40)
				bad_usage();
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			bad_usage();
		}
	}
	if (optind != argc)
		bad_usage();
	printf("rpmsg_fuzz_user: seed %llu, %d threads, at most %lu calls in %ld s\n",
	       seed, nthreads, max_ops, secs);
	fflush(stdout);

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_kick;	/* no SA_RESTART: a blocked call returns */
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTTOU, &sa, NULL);
	sigaction(SIGTTIN, &sa, NULL);
	sigaction(SIGIO, &sa, NULL);
	/* the main thread takes these, with sigtimedwait() */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);

	pg = (size_t)sysconf(_SC_PAGESIZE);
	big = mmap(NULL, BIG_LEN + pg, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (big == MAP_FAILED || mprotect(big + BIG_LEN, pg, PROT_NONE)) {
		perror("rpmsg_fuzz_user: mmap");
		return 1;
	}
	memset(big, 'f', BIG_LEN);
	for (i = 0; i < nthreads; i++) {
		w = &workers[i];
		w->idx = i;
		w->rng = splitmix(seed ^ splitmix((uint64_t)i + 1)) | 1;
		pthread_mutex_init(&w->lock, NULL);
		w->what = "nothing";
		w->longest_what = "nothing";
		w->rw = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (w->rw == MAP_FAILED) {
			perror("rpmsg_fuzz_user: mmap");
			return 1;
		}
		w->guard = w->rw + 2 * pg;
		w->ro = w->guard + pg;
		w->rbuf = mmap(NULL, RBUF_LEN + pg, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		w->epfd = epoll_create1(EPOLL_CLOEXEC);
		if (mprotect(w->guard, pg, PROT_NONE) || mprotect(w->ro, pg, PROT_READ) ||
		    w->rbuf == MAP_FAILED || mprotect(w->rbuf + RBUF_LEN, pg, PROT_NONE) ||
		    w->epfd < 0) {
			perror("rpmsg_fuzz_user: setup");
			return 1;
		}
		if (pthread_create(&w->tid, NULL, worker_main, w)) {
			fprintf(stderr, "rpmsg_fuzz_user: no threads\n");
			return 1;
		}
	}

	if (watch((unsigned int)secs * 1000, &set))
		why = "a signal";
	else if (atomic_load(&total) >= max_ops)
		why = "the count";
	else
		why = "the time";
	atomic_store(&stop, 1);
	/* the grace: another signal does not cut it short */
	end_at = now_ms() + (unsigned int)grace * 1000;
	while (watch(end_at, &set))
		;

	for (i = 0; i < nthreads; i++) {
		w = &workers[i];
		pthread_mutex_lock(&w->lock);
		if (w->longest >= workers[slow].longest)
			slow = i;
		if (!atomic_load(&w->done)) {
			stuck++;
			if (atomic_load(&w->in_call))
				printf("FAILURE: stuck in %s on %s (thread %d, for %u ms)\n",
				       w->what, w->dev, i,
				       now_ms() - atomic_load(&w->since));
			else
				printf("FAILURE: thread %d does not end (last call: %s on %s)\n",
				       i, w->what, w->dev);
		}
		pthread_mutex_unlock(&w->lock);
	}
	if (stuck)
		dump_blocked();
	/* what the others do, when one is stuck: who holds what it waits for */
	for (i = 0; stuck && i < nthreads; i++) {
		w = &workers[i];
		if (atomic_load(&w->done) || !atomic_load(&w->in_call))
			continue;
		pthread_mutex_lock(&w->lock);
		printf("thread %d (task %d): in %s on %s for %u ms\n", i,
		       atomic_load(&w->ktid), w->what, w->dev,
		       now_ms() - atomic_load(&w->since));
		pthread_mutex_unlock(&w->lock);
	}
	w = &workers[slow];
	pthread_mutex_lock(&w->lock);
	printf("longest call: %s on %s, %u ms\n", w->longest_what, w->longest_dev,
	       w->longest);
	pthread_mutex_unlock(&w->lock);
	report();
	printf("rpmsg_fuzz_user: seed %llu, %lu calls, ended by %s after %u ms%s\n",
	       seed, atomic_load(&total), why, now_ms(),
	       stuck ? ", threads stuck" : "");
	fflush(stdout);
	if (stuck)
		_exit(1);
	for (i = 0; i < nthreads; i++)
		pthread_join(workers[i].tid, NULL);
	return 0;
}
