// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_daemon: an application that lives through the remote's restarts,
 * as Documentation/restarts.md says one can.
 *
 * rpmsg_daemon RAW TTY
 *	RAW is an rpmsg endpoint's node and TTY a tty on the remote's
 *	rpmsg-tty channel, both best named by their stable links
 *	(/dev/rpmsg/<remoteproc>/rpmsg-raw, .../rpmsg-tty: make
 *	udev_install). In turn, it sends a numbered line on each and waits
 *	for the answer (the multi-services firmware's echo: the line back,
 *	after a prefix), and prints "answered <seq>". An error on either
 *	node (a write, poll or read that fails: EPIPE, EIO, end of file,
 *	POLLHUP, POLLERR) is the remote going: the message is reported
 *	("failed <seq> <what>: <error>"), the session ends, both nodes are
 *	closed. Then it waits for the kernel's uevents (the remote running
 *	again, its channels and nodes coming back) and opens both paths
 *	again, looking every 250 ms too, since udev or mdev makes the
 *	links after the event. Every message ends answered or failed: one
 *	that would be lost keeps it waiting, which a test sees.
 *	SIGTERM or SIGINT: the message in flight still ends, then the
 *	totals ("total: sessions S sent N answered A failed F"), exit 0.
 *	Output is line-buffered: "session N up", "session N down".
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include "common.h"

/* set by the signal handler: an atomic store is async-signal-safe */
static int stopping;

static void on_stop(int sig)
{
	(void)sig;
	__atomic_store_n(&stopping, 1, __ATOMIC_RELAXED);
}

static int stop_asked(void)
{
	return __atomic_load_n(&stopping, __ATOMIC_RELAXED);
}

struct session {
	int raw;
	int tty;
	char line[512];		/* the tty's input not yet matched */
	size_t fill;
};

static unsigned long sessions, sent, answered, failed;

/* A uevent, or 250 ms gone: the moment to look for the nodes again. */
static void wait_uevent(int nl)
{
	struct pollfd p = { .fd = nl, .events = POLLIN };
	char buf[8192];

	if (poll(&p, 1, 250) > 0)
		while (recv(nl, buf, sizeof(buf), MSG_DONTWAIT) > 0)
			;
}

static int open_session(struct session *s, const char *raw, const char *tty)
{
	struct termios t;

	s->fill = 0;
	s->raw = open(raw, O_RDWR | O_CLOEXEC);
	if (s->raw < 0)
		return -1;
	s->tty = open(tty, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (s->tty < 0)
		goto err;
	/* raw, no echo: what the remote sends is not sent back */
	if (tcgetattr(s->tty, &t))
		goto err_tty;
	cfmakeraw(&t);
	if (tcsetattr(s->tty, TCSANOW, &t))
		goto err_tty;
	return 0;

err_tty:
	close(s->tty);
err:
	close(s->raw);
	return -1;
}

static void close_session(struct session *s)
{
	close(s->raw);
	close(s->tty);
}

/*
 * Wait for @fd to be readable. 0, or -1 with errno: EPIPE for POLLERR or
 * POLLHUP without data (the node is dead), or poll's own.
 */
static int wait_readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	for (;;) {
		if (poll(&p, 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (p.revents & POLLIN)
			return 0;
		if (p.revents & (POLLERR | POLLHUP | POLLNVAL)) {
			errno = EPIPE;
			return -1;
		}
	}
}

static int report(unsigned long seq, const char *what, int err)
{
	printf("failed %lu %s: %s\n", seq, what, err ? strerror(err) : "end of file");
	failed++;
	return -1;
}

/* One message on the raw endpoint: its answer holds @msg. */
static int raw_exchange(struct session *s, unsigned long seq)
{
	char msg[64], ans[512];
	ssize_t n;
	int len;

	len = snprintf(msg, sizeof(msg), "raw %lu", seq);
	sent++;
	n = write(s->raw, msg, len);
	if (n != len)
		return report(seq, "raw write", n < 0 ? errno : EIO);
	for (;;) {
		if (wait_readable(s->raw))
			return report(seq, "raw poll", errno);
		n = read(s->raw, ans, sizeof(ans) - 1);
		if (n <= 0)
			return report(seq, "raw read", n ? errno : 0);
		ans[n] = '\0';
		/* "from ept 0x....: raw <seq>" */
		n = strlen(ans);
		if ((size_t)n >= (size_t)len && !strcmp(ans + n - len, msg))
			break;
		printf("stray %s\n", ans);
	}
	printf("answered %lu\n", seq);
	answered++;
	return 0;
}

/* One line on the tty: an answer line that ends with it. */
static int tty_exchange(struct session *s, unsigned long seq)
{
	char msg[64], *nl;
	size_t len;
	ssize_t n;

	snprintf(msg, sizeof(msg), "tty %lu\n", seq);
	len = strlen(msg);
	sent++;
	n = write(s->tty, msg, len);
	if (n != (ssize_t)len)
		return report(seq, "tty write", n < 0 ? errno : EIO);
	msg[--len] = '\0';
	for (;;) {
		nl = memchr(s->line, '\n', s->fill);
		if (nl) {
			*nl = '\0';
			if ((size_t)(nl - s->line) >= len && !strcmp(nl - len, msg))
				break;
			printf("stray %s\n", s->line);
			s->fill -= nl + 1 - s->line;
			memmove(s->line, nl + 1, s->fill);
			continue;
		}
		if (s->fill == sizeof(s->line))
			s->fill = 0;	/* a line too long for anything we sent */
		if (wait_readable(s->tty))
			return report(seq, "tty poll", errno);
		n = read(s->tty, s->line + s->fill, sizeof(s->line) - s->fill);
		if (n <= 0)
			return report(seq, "tty read", n ? errno : 0);
		s->fill += n;
	}
	s->fill -= nl + 1 - s->line;
	memmove(s->line, nl + 1, s->fill);
	printf("answered %lu\n", seq);
	answered++;
	return 0;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_stop, .sa_flags = SA_RESTART };
	unsigned long seq = 0;
	struct session s;
	int nl;

	if (argc != 3) {
		fprintf(stderr, "usage: %s RAW TTY\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGHUP, SIG_IGN);
	/* before the first look: no event is missed between a look and a wait */
	nl = uevent_socket();
	if (nl < 0)
		return 1;
	while (!stop_asked()) {
		if (open_session(&s, argv[1], argv[2])) {
			wait_uevent(nl);
			continue;
		}
		printf("session %lu up\n", ++sessions);
		while (!stop_asked() && !raw_exchange(&s, ++seq) &&
		       !stop_asked() && !tty_exchange(&s, ++seq))
			;
		close_session(&s);
		printf("session %lu down\n", sessions);
	}
	printf("total: sessions %lu sent %lu answered %lu failed %lu\n", sessions, sent,
	       answered, failed);
	return 0;
}
