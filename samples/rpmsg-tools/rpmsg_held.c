// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_held: what a descriptor held across the remote's death sees.
 *
 * rpmsg_held DEV
 *	Open DEV as an application holds it: /dev/rpmsgN and /dev/ttyRPMSGn
 *	with a thread blocked in read() and one in poll() (a tty in a session
 *	of its own, as its controlling terminal, raw), /dev/rpmsg_ctrlN with
 *	a thread in poll() (which returns at once: it has no poll). Prints
 *	"holding", then waits for SIGUSR1 (sent once the remote is gone).
 *	Then prints one line of KEY=VALUE:
 *
 *	  blocked_read, blocked_poll  how the calls that were waiting ended
 *	  read, write, poll, ioctl    each call made once more, afterwards
 *	  sighup                      1 if SIGHUP came (a hung-up tty)
 *
 *	A result is ok:N (N bytes), the errno's name, or for poll the
 *	returned events (IN|OUT|ERR|HUP|...; "none"); "blocked" for a call
 *	still waiting 10 s after SIGUSR1 (or, made afterwards, interrupted
 *	after 10 s). The calls afterwards: a 4-byte write, a
 *	read, poll() without waiting, and an ioctl a user of the node makes
 *	(rpmsg_ctrl: RPMSG_CREATE_EPT_IOCTL; a tty: TIOCOUTQ; /dev/rpmsgN:
 *	FIONREAD, which it does not have). Exit 0 when the line is printed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "common.h"

#define WAIT_S		10

static int fd;
static atomic_int got_usr1, got_hup;
static atomic_int read_done, poll_done, read_ready, poll_ready;
/* each written by its thread only, read once its flag says it is done */
static char read_res[32], poll_res[64];

static void on_signal(int sig)
{
	if (sig == SIGUSR1)
		got_usr1 = 1;
	else if (sig == SIGHUP)
		got_hup = 1;
}

static void result(char *buf, size_t len, long ret)
{
	if (ret < 0)
		snprintf(buf, len, "%s", strerrorname_np(errno) ?: "?");
	else
		snprintf(buf, len, "ok:%ld", ret);
}

static void events(char *buf, size_t len, int ret, short revents)
{
	static const struct { short bit; const char *name; } names[] = {
		{ POLLIN, "IN" }, { POLLPRI, "PRI" }, { POLLOUT, "OUT" },
		{ POLLERR, "ERR" }, { POLLHUP, "HUP" }, { POLLNVAL, "NVAL" },
	};
	size_t i, n = 0;

	if (ret < 0) {
		result(buf, len, -1);
		return;
	}
	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (revents & names[i].bit)
			n += snprintf(buf + n, len - n, "%s%s", n ? "|" : "", names[i].name);
	if (!n)
		snprintf(buf, len, "none");
}

static void *read_thread(void *arg)
{
	char b[512];

	(void)arg;
	read_ready = 1;
	result(read_res, sizeof(read_res), read(fd, b, sizeof(b)));
	read_done = 1;
	return NULL;
}

static void *poll_thread(void *arg)
{
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLPRI };
	int ret;

	(void)arg;
	poll_ready = 1;
	ret = poll(&p, 1, -1);
	events(poll_res, sizeof(poll_res), ret, p.revents);
	poll_done = 1;
	return NULL;
}

/*
 * Up to WAIT_S seconds for @flag: the thread's result, or "blocked" if it
 * never comes (the thread's own buffer is then left to it).
 */
static const char *wait_done(atomic_int *flag, const char *res)
{
	int i;

	for (i = 0; i < WAIT_S * 100 && !*flag; i++)
		usleep(10000);
	return *flag ? res : "blocked";
}

/* The result of a call made after, under an alarm: EINTR means it waited. */
static void after(char *buf, size_t len, long ret)
{
	if (ret < 0 && errno == EINTR)
		snprintf(buf, len, "blocked");
	else
		result(buf, len, ret);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	char rres[32], wres[32], pres[64], ires[32], b[512];
	struct rpmsg_endpoint_info ept = { .name = "held-probe", .src = 0xffffffff,
					   .dst = 0xffffffff };
	const char *rblocked = "none", *pblocked;
	sigset_t sigs, old;
	struct pollfd p;
	pthread_t rt, pt;
	int ret, is_tty, is_ctrl;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DEV\n", argv[0]);
		return 2;
	}
	is_tty = !!strstr(argv[1], "tty");
	is_ctrl = !!strstr(argv[1], "rpmsg_ctrl");
	/* no SA_RESTART: an alarm ends a call that would wait */
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
	/* the threads take none of them: only the main thread's calls end */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGUSR1);
	sigaddset(&sigs, SIGHUP);
	sigaddset(&sigs, SIGALRM);
	pthread_sigmask(SIG_BLOCK, &sigs, &old);
	if (is_tty)
		setsid();
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	if (is_tty) {
		struct termios t;

		if (ioctl(fd, TIOCSCTTY, 0))
			perror("TIOCSCTTY");
		if (!tcgetattr(fd, &t)) {
			cfmakeraw(&t);
			tcsetattr(fd, TCSANOW, &t);
		}
	}
	if (!is_ctrl && pthread_create(&rt, NULL, read_thread, NULL))
		return 1;
	if (pthread_create(&pt, NULL, poll_thread, NULL))
		return 1;
	/* SIGUSR1 stays blocked but in sigsuspend(): none is missed */
	sigdelset(&old, SIGUSR1);
	sigdelset(&sigs, SIGUSR1);
	pthread_sigmask(SIG_UNBLOCK, &sigs, NULL);
	while ((!is_ctrl && !read_ready) || !poll_ready)
		usleep(1000);
	usleep(100000);
	printf("holding\n");
	fflush(stdout);
	while (!got_usr1)
		sigsuspend(&old);

	if (!is_ctrl)
		rblocked = wait_done(&read_done, read_res);
	pblocked = wait_done(&poll_done, poll_res);

	alarm(WAIT_S);
	after(wres, sizeof(wres), write(fd, "held", 4));
	alarm(WAIT_S);
	after(rres, sizeof(rres), read(fd, b, sizeof(b)));
	alarm(0);
	p.fd = fd;
	p.events = POLLIN | POLLOUT | POLLPRI;
	p.revents = 0;
	ret = poll(&p, 1, 0);
	events(pres, sizeof(pres), ret, p.revents);
	alarm(WAIT_S);
	if (is_ctrl) {
		ret = ioctl(fd, RPMSG_CREATE_EPT_IOCTL, &ept);
	} else {
		int n;

		ret = ioctl(fd, is_tty ? TIOCOUTQ : FIONREAD, &n);
	}
	after(ires, sizeof(ires), ret);
	alarm(0);
	printf("blocked_read=%s blocked_poll=%s read=%s write=%s poll=%s ioctl=%s sighup=%d\n",
	       rblocked, pblocked, rres, wres, pres, ires, (int)got_hup);
	fflush(stdout);
	/* a thread still blocked in the kernel: do not wait for it */
	_exit(0);
}
