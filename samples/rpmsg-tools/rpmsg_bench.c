// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_bench lat DEV SIZE COUNT     round trips of SIZE-byte messages on
 *                                    /dev/rpmsgN to an echoing remote,
 *                                    after WARMUP untimed ones: prints
 *                                    "P50_US P99_US cdf 0:US 5:US ..."
 *                                    (percentile:latency pairs)
 * rpmsg_bench stream DEV SIZE COUNT  COUNT messages written by one thread
 *                                    while another reads the echoes (after
 *                                    an untimed run of COUNT / 10):
 *                                    prints "MSGS_PER_S MB_PER_S"
 * rpmsg_bench tty DEV SIZE COUNT     COUNT writes of SIZE bytes on a raw
 *                                    tty whose remote answers each one
 *                                    (a write refused for want of a
 *                                    buffer is retried after 0.5 ms);
 *                                    reads until the answers stop growing
 *                                    for 2 s: prints "BYTES_READ MB_PER_S"
 * rpmsg_bench start RPROC FIRMWARE CHANNEL
 *                                    loads FIRMWARE into the stopped
 *                                    remoteproc whose sysfs directory is
 *                                    RPROC, starts it, and waits for the
 *                                    uevent that adds rpmsg channel
 *                                    CHANNEL: prints "US" from the write
 *                                    of "start" to that event
 *
 * For `make bench`; times come from CLOCK_MONOTONIC, which in the bench's
 * instruction-count mode counts the instructions the guest ran.
 */
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/netlink.h>

#include "common.h"

#define WARMUP	200

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int fd;
static size_t size;
static unsigned long count;
static char msg[4096];

static int round_trip(void)
{
	char buf[4096];

	if (write(fd, msg, size) != (ssize_t)size || read(fd, buf, sizeof(buf)) <= 0) {
		perror("round trip");
		return -1;
	}
	return 0;
}

/* the percentiles "cdf" prints */
static const double pct[] = {
	0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85,
	90, 95, 98, 99, 99.5, 99.9, 100,
};

static int latency(void)
{
	double *t = calloc(count, sizeof(*t)), t0;
	unsigned long i;
	size_t p;

	if (!t)
		return 1;
	for (i = 0; i < WARMUP; i++)
		if (round_trip())
			goto err;
	for (i = 0; i < count; i++) {
		t0 = now();
		if (round_trip())
			goto err;
		t[i] = (now() - t0) * 1e6;
	}
	qsort(t, count, sizeof(*t), cmp);
	printf("%.2f %.2f cdf", t[count / 2], t[(count * 99) / 100]);
	for (p = 0; p < ARRAY_SIZE(pct); p++) {
		i = (unsigned long)(count * pct[p] / 100);
		printf(" %g:%.2f", pct[p], t[i < count ? i : count - 1]);
	}
	printf("\n");
	free(t);
	return 0;
err:
	free(t);
	return 1;
}

static unsigned long n_stream;

static void *stream_writer(void *arg)
{
	unsigned long i;

	(void)arg;
	for (i = 0; i < n_stream; i++)
		if (write(fd, msg, size) != (ssize_t)size) {
			perror("write");
			exit(1);
		}
	return NULL;
}

/* n messages out and back: the time it took, or a negative value */
static double stream_run(unsigned long n)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	unsigned long got = 0;
	char buf[4096];
	pthread_t th;
	double t0;

	n_stream = n;
	t0 = now();
	if (pthread_create(&th, NULL, stream_writer, NULL))
		return -1;
	while (got < n) {
		if (poll(&p, 1, 5000) <= 0 || read(fd, buf, sizeof(buf)) <= 0) {
			fprintf(stderr, "stream: %lu of %lu back\n", got, n);
			exit(1);
		}
		got++;
	}
	pthread_join(th, NULL);
	return now() - t0;
}

static int stream(void)
{
	double dt;

	if (stream_run(count / 10 ? count / 10 : 1) < 0)
		return 1;
	dt = stream_run(count);
	if (dt <= 0)
		return 1;
	printf("%.0f %.3f\n", count / dt, count * size / dt / 1e6);
	return 0;
}

static int tty(void)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	unsigned long i, got = 0;
	double t0, tlast;
	char buf[4096];
	ssize_t n;

	t0 = now();
	tlast = t0;
	/* the tty takes what fits in free buffers: wait and retry the rest */
	for (i = 0; i < count; i++)
		while (write(fd, msg, size) != (ssize_t)size) {
			if (errno != ENOMEM && errno != EAGAIN) {
				perror("write");
				return 1;
			}
			usleep(500);
		}
	while (poll(&p, 1, 2000) > 0) {
		n = read(fd, buf, sizeof(buf));
		if (n <= 0)
			break;
		got += n;
		tlast = now();
	}
	if (!got || tlast <= t0) {
		fprintf(stderr, "%s: no answer\n", __func__);
		return 1;
	}
	printf("%lu %.3f\n", got, got / (tlast - t0) / 1e6);
	return 0;
}

static int write_attr(const char *dir, const char *attr, const char *val)
{
	char path[512];
	int f, ok;

	snprintf(path, sizeof(path), "%s/%s", dir, attr);
	f = open(path, O_WRONLY);
	if (f < 0) {
		perror(path);
		return -1;
	}
	ok = write(f, val, strlen(val)) == (ssize_t)strlen(val);
	if (!ok)
		perror(path);
	close(f);
	return ok ? 0 : -1;
}

/* Does uevent @ev (@len bytes of NUL-separated strings) add @alias? */
static int adds(const char *ev, size_t len, const char *alias)
{
	size_t off;

	if (strncmp(ev, "add@", 4))
		return 0;
	for (off = 0; off < len; off += strlen(ev + off) + 1)
		if (!strcmp(ev + off, alias))
			return 1;
	return 0;
}

static int start(const char *rproc, const char *firmware, const char *channel)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = 1 };
	struct pollfd p = { .events = POLLIN };
	char ev[8192], alias[128];
	double t0, deadline;
	ssize_t n;
	int s;

	snprintf(alias, sizeof(alias), "MODALIAS=rpmsg:%s", channel);
	s = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT);
	if (s < 0 || bind(s, (struct sockaddr *)&sa, sizeof(sa))) {
		perror("uevent socket");
		return 1;
	}
	if (write_attr(rproc, "firmware", firmware))
		return 1;
	t0 = now();
	if (write_attr(rproc, "state", "start"))
		return 1;
	p.fd = s;
	deadline = t0 + 20;
	while (now() < deadline) {
		if (poll(&p, 1, 1000) <= 0)
			continue;
		n = recv(s, ev, sizeof(ev) - 1, 0);
		if (n <= 0)
			continue;
		ev[n] = 0;
		if (adds(ev, n, alias)) {
			printf("%.1f\n", (now() - t0) * 1e6);
			close(s);
			return 0;
		}
	}
	fprintf(stderr, "%s: no channel %s\n", __func__, channel);
	close(s);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "start"))
		return start(argv[2], argv[3], argv[4]);
	if (argc != 5) {
		fprintf(stderr, "usage: rpmsg_bench lat|stream|tty DEV SIZE COUNT\n"
			"       rpmsg_bench start RPROC FIRMWARE CHANNEL\n");
		return 2;
	}
	size = strtoul(argv[3], NULL, 0);
	count = strtoul(argv[4], NULL, 0);
	if (!size || size > sizeof(msg) || !count)
		return 2;
	memset(msg, 'b', size);
	fd = open(argv[2], O_RDWR);
	if (fd < 0) {
		perror(argv[2]);
		return 1;
	}
	if (!strcmp(argv[1], "lat"))
		return latency();
	if (!strcmp(argv[1], "stream"))
		return stream();
	if (!strcmp(argv[1], "tty"))
		return tty();
	return 2;
}
