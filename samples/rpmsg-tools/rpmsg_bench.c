// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_bench lat DEV SIZE COUNT     round trips of SIZE-byte messages on
 *                                    /dev/rpmsgN to an echoing remote:
 *                                    prints "p50_us P99_us"
 * rpmsg_bench stream DEV SIZE COUNT  COUNT messages written by one thread
 *                                    while another reads the echoes:
 *                                    prints "MSGS_PER_S MB_PER_S"
 * rpmsg_bench tty DEV SIZE COUNT     COUNT writes of SIZE bytes on a raw
 *                                    tty whose remote answers each one
 *                                    (a write refused for want of a
 *                                    buffer is retried after 0.5 ms);
 *                                    reads until the answers stop growing
 *                                    for 2 s: prints "BYTES_READ MB_PER_S"
 *
 * For `make bench`; times come from CLOCK_MONOTONIC.
 */
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

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

static int latency(void)
{
	double *t = calloc(count, sizeof(*t)), t0;
	char buf[4096];
	unsigned long i;

	if (!t)
		return 1;
	for (i = 0; i < count; i++) {
		t0 = now();
		if (write(fd, msg, size) != (ssize_t)size || read(fd, buf, sizeof(buf)) <= 0) {
			perror("round trip");
			return 1;
		}
		t[i] = (now() - t0) * 1e6;
	}
	qsort(t, count, sizeof(*t), cmp);
	printf("%.1f %.1f\n", t[count / 2], t[(count * 99) / 100]);
	free(t);
	return 0;
}

static void *stream_writer(void *arg)
{
	unsigned long i;

	(void)arg;
	for (i = 0; i < count; i++)
		if (write(fd, msg, size) != (ssize_t)size) {
			perror("write");
			exit(1);
		}
	return NULL;
}

static int stream(void)
{
	unsigned long got = 0;
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char buf[4096];
	pthread_t th;
	double t0, dt;

	t0 = now();
	pthread_create(&th, NULL, stream_writer, NULL);
	while (got < count) {
		if (poll(&p, 1, 5000) <= 0 || read(fd, buf, sizeof(buf)) <= 0) {
			fprintf(stderr, "%s: %lu of %lu back\n", __func__, got, count);
			return 1;
		}
		got++;
	}
	dt = now() - t0;
	pthread_join(th, NULL);
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

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: rpmsg_bench lat|stream|tty DEV SIZE COUNT\n");
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
