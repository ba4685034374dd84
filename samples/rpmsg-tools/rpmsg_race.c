// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_race: user space racing the kernel, for the race tests.
 *
 * rpmsg_race hold DEV
 *	Open DEV and hold it the ways a daemon does: in two epoll sets, one
 *	with a thread blocked in epoll_wait(), and with a thread blocked in
 *	poll(). Prints "holding" once both threads wait, then waits for
 *	SIGUSR1 (SIGTERM, SIGINT), closes the epoll sets and the device and
 *	prints what each thread saw. Exit 0 unless a call failed.
 *
 * rpmsg_race blocked DEV
 *	Against a remote that takes no more messages: fill the send ring
 *	through DEV with non-blocking writes, start a thread whose blocking
 *	write waits for a buffer, and then, from another thread on the same
 *	file, poll() without waiting, the flow-control ioctl (where the
 *	kernel has it) and a non-blocking write. None of them may wait for
 *	the blocked writer: each prints a line as it returns; after 30 s
 *	without all three, "stuck behind the blocked writer" and exit 1.
 *	Otherwise waits for the blocked writer to end (stop, signal).
 *
 * rpmsg_race chan CTRL NAME SRC COUNT [PAUSE_US]
 *	COUNT times: create the channel NAME at local address SRC through
 *	/dev/rpmsg_ctrlN (RPMSG_CREATE_DEV_IOCTL, remote address "any") and
 *	release it at once, or PAUSE_US microseconds later (so that the
 *	remote's first frame is on its way), with RPMSG_RELEASE_DEV_IOCTL,
 *	while the remote talks to it. EBUSY/EEXIST on create (the last
 *	release still in progress) is retried. Prints how many rounds ran.
 *
 * rpmsg_race close DEV COUNT
 *	COUNT times: open DEV (an endpoint device towards an echoing remote),
 *	write 8 messages of 16 bytes without waiting and close it at once,
 *	so that the answers arrive while the endpoint is destroyed. Prints
 *	how many rounds ran and how many messages were sent.
 */
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "common.h"

static int dev_fd;
static int epfd_wait;
static atomic_int poll_ready, epoll_ready;
static int poll_revents = -1, epoll_events = -1;

static void *poll_thread(void *arg)
{
	struct pollfd p = { .fd = dev_fd, .events = POLLIN | POLLPRI };

	(void)arg;
	poll_ready = 1;
	if (poll(&p, 1, -1) < 0)
		perror("poll");
	else
		poll_revents = p.revents;
	return NULL;
}

static void *epoll_thread(void *arg)
{
	struct epoll_event ev;

	(void)arg;
	epoll_ready = 1;
	if (epoll_wait(epfd_wait, &ev, 1, -1) < 0)
		perror("epoll_wait");
	else
		epoll_events = ev.events;
	return NULL;
}

static int epoll_add(int epfd, int fd, unsigned int events)
{
	struct epoll_event ev = { .events = events };

	return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
}

static int run_hold(const char *dev)
{
	pthread_t pt, et;
	int epfd_idle, sig;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);

	dev_fd = open(dev, O_RDWR);
	if (dev_fd < 0) {
		perror(dev);
		return 1;
	}
	epfd_wait = epoll_create1(0);
	epfd_idle = epoll_create1(0);
	if (epfd_wait < 0 || epfd_idle < 0 ||
	    epoll_add(epfd_wait, dev_fd, EPOLLIN | EPOLLPRI) ||
	    epoll_add(epfd_idle, dev_fd, EPOLLIN | EPOLLOUT | EPOLLET)) {
		perror("epoll");
		return 1;
	}
	if (pthread_create(&pt, NULL, poll_thread, NULL) ||
	    pthread_create(&et, NULL, epoll_thread, NULL)) {
		fprintf(stderr, "no threads\n");
		return 1;
	}
	while (!poll_ready || !epoll_ready)
		usleep(1000);
	/* both are in the kernel, or about to be: give them a moment */
	usleep(100000);
	printf("holding\n");
	fflush(stdout);

	if (sigwait(&set, &sig))
		return 1;
	close(epfd_idle);
	close(epfd_wait);
	close(dev_fd);
	/* the threads woke when the endpoint went away, or end with the process */
	printf("closed: poll revents 0x%x, epoll events 0x%x\n", poll_revents,
	       epoll_events);
	return 0;
}

static atomic_int others_done;

static void *blocked_writer(void *arg)
{
	char msg[16] = "blocked";
	ssize_t n;

	(void)arg;
	n = write(dev_fd, msg, sizeof(msg));
	printf("blocked writer: %s\n", n < 0 ? strerror(errno) : "sent");
	return NULL;
}

static void *others(void *arg)
{
	struct pollfd p = { .fd = dev_fd, .events = POLLIN | POLLOUT };
	char msg[16] = "other";
	int fl, n;

	(void)arg;
	n = poll(&p, 1, 0);
	printf("poll: %d, revents 0x%x\n", n, n > 0 ? p.revents : 0);
#ifdef RPMSG_SET_INCOMING_FLOWCONTROL
	n = ioctl(dev_fd, RPMSG_SET_INCOMING_FLOWCONTROL, 1);
	printf("flow-control ioctl: %s\n", n < 0 ? strerror(errno) : "done");
#endif
	fl = fcntl(dev_fd, F_GETFL);
	fcntl(dev_fd, F_SETFL, fl | O_NONBLOCK);
	n = write(dev_fd, msg, sizeof(msg));
	printf("non-blocking write: %s\n", n < 0 ? strerror(errno) : "sent");
	fcntl(dev_fd, F_SETFL, fl);
	fflush(stdout);
	others_done = 1;
	return NULL;
}

static int run_blocked(const char *dev)
{
	char msg[16] = "fill";
	pthread_t wt, ot;
	int n = 0, i;

	dev_fd = open(dev, O_RDWR | O_NONBLOCK);
	if (dev_fd < 0) {
		perror(dev);
		return 1;
	}
	while (write(dev_fd, msg, sizeof(msg)) > 0)
		n++;
	if (errno != EAGAIN) {
		perror("fill");
		return 1;
	}
	printf("ring full after %d messages\n", n);
	fcntl(dev_fd, F_SETFL, O_RDWR);
	if (pthread_create(&wt, NULL, blocked_writer, NULL))
		return 1;
	/* let the writer reach its wait */
	usleep(300000);
	if (pthread_create(&ot, NULL, others, NULL))
		return 1;
	for (i = 0; i < 300 && !others_done; i++)
		usleep(100000);
	fflush(stdout);
	if (!others_done) {
		printf("stuck behind the blocked writer\n");
		fflush(stdout);
		return 1;
	}
	/* the blocked writer ends when the endpoint goes */
	pthread_join(wt, NULL);
	return 0;
}

static int run_chan(const char *ctrl, const char *name, const char *src,
		    unsigned long count, unsigned long pause_us)
{
	struct rpmsg_endpoint_info info;
	unsigned long i, retries = 0;
	int fd;

	memset(&info, 0, sizeof(info));
	snprintf(info.name, sizeof(info.name), "%s", name);
	if (parse_addr(src, &info.src)) {
		fprintf(stderr, "bad address %s\n", src);
		return 2;
	}
	info.dst = RPMSG_ADDR_ANY;
	fd = open(ctrl, O_RDWR);
	if (fd < 0) {
		perror(ctrl);
		return 1;
	}
	for (i = 0; i < count; i++) {
		while (ioctl(fd, RPMSG_CREATE_DEV_IOCTL, &info) < 0) {
			if ((errno != EBUSY && errno != EEXIST) || ++retries > 1000) {
				fprintf(stderr, "round %lu: create: %s\n", i, strerror(errno));
				return 1;
			}
			usleep(1000);
		}
		if (pause_us)
			usleep(pause_us);
		if (ioctl(fd, RPMSG_RELEASE_DEV_IOCTL, &info) < 0) {
			fprintf(stderr, "round %lu: release: %s\n", i, strerror(errno));
			return 1;
		}
	}
	close(fd);
	printf("%lu channels created and released (%lu retries)\n", count, retries);
	return 0;
}

static int run_close(const char *dev, unsigned long count)
{
	char msg[16] = "close race";
	unsigned long i, sent = 0;
	int fd, j;

	for (i = 0; i < count; i++) {
		fd = open(dev, O_RDWR | O_NONBLOCK);
		if (fd < 0) {
			fprintf(stderr, "round %lu: %s: %s\n", i, dev, strerror(errno));
			return 1;
		}
		for (j = 0; j < 8; j++)
			if (write(fd, msg, sizeof(msg)) == sizeof(msg))
				sent++;
		if (close(fd) < 0) {
			fprintf(stderr, "round %lu: close: %s\n", i, strerror(errno));
			return 1;
		}
	}
	printf("%lu rounds, %lu messages sent\n", count, sent);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "hold"))
		return run_hold(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "blocked"))
		return run_blocked(argv[2]);
	if ((argc == 6 || argc == 7) && !strcmp(argv[1], "chan"))
		return run_chan(argv[2], argv[3], argv[4], strtoul(argv[5], NULL, 0),
				argc == 7 ? strtoul(argv[6], NULL, 0) : 0);
	if (argc == 4 && !strcmp(argv[1], "close"))
		return run_close(argv[2], strtoul(argv[3], NULL, 0));
	fprintf(stderr,
		"usage: rpmsg_race hold DEV | blocked DEV | chan CTRL NAME SRC COUNT [PAUSE_US] | close DEV COUNT\n");
	return 2;
}
