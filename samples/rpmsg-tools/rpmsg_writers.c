// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_writers DEV WRITERS COUNT
 *
 * WRITERS threads write COUNT messages each ("w<writer> <seq>") on one
 * open /dev/rpmsgN whose remote echoes, while one reader takes the
 * answers. Checks that every message comes back once and, per writer, in
 * order. Prints what it received; exits 1 on a loss, a duplicate, a
 * message out of order, or no answer for 10 s.
 */
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <unistd.h>

#include "common.h"

#define MAX_WRITERS	64

static int fd;
static unsigned long count;

static void *writer(void *arg)
{
	unsigned long id = (unsigned long)arg, i;
	char msg[32];
	int n;

	for (i = 0; i < count; i++) {
		n = snprintf(msg, sizeof(msg), "w%lu %lu", id, i);
		if (write(fd, msg, n) != n) {
			fprintf(stderr, "thread %lu, message %lu: %s\n", id, i,
				strerror(errno));
			exit(1);
		}
	}
	return NULL;
}

int main(int argc, char **argv)
{
	unsigned long writers, next[MAX_WRITERS] = { 0 }, got = 0, id, seq;
	pthread_t th[MAX_WRITERS];
	struct pollfd p;
	char buf[600];
	ssize_t n;

	if (argc != 4) {
		fprintf(stderr, "usage: rpmsg_writers DEV WRITERS COUNT\n");
		return 2;
	}
	writers = strtoul(argv[2], NULL, 0);
	count = strtoul(argv[3], NULL, 0);
	if (!writers || writers > MAX_WRITERS) {
		fprintf(stderr, "1..%d writers\n", MAX_WRITERS);
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	for (id = 0; id < writers; id++)
		pthread_create(&th[id], NULL, writer, (void *)id);
	p.fd = fd;
	p.events = POLLIN;
	while (got < writers * count) {
		if (poll(&p, 1, 10000) <= 0) {
			fprintf(stderr, "no answer for 10 s after %lu\n", got);
			return 1;
		}
		n = read(fd, buf, sizeof(buf) - 1);
		if (n < 0) {
			perror("read");
			return 1;
		}
		buf[n] = 0;
		if (sscanf(buf, "w%lu %lu", &id, &seq) != 2 || id >= writers) {
			fprintf(stderr, "unexpected message \"%s\"\n", buf);
			return 1;
		}
		if (seq != next[id]) {
			fprintf(stderr, "writer %lu: got %lu, expected %lu\n", id,
				seq, next[id]);
			return 1;
		}
		next[id]++;
		got++;
	}
	for (id = 0; id < writers; id++)
		pthread_join(th[id], NULL);
	printf("%lu writers x %lu messages: all back, in order per writer\n",
	       writers, count);
	close(fd);
	return 0;
}
