// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_fill [-b] DEV [MAX]
 *
 * Write 16-byte messages on /dev/rpmsgN until a write fails (or MAX,
 * default 10000, went through) and print how many were taken and how the
 * first refused one failed: against a remote that no longer answers, that
 * is when Linux runs out of transmit buffers. By default the writes are
 * non-blocking (O_NONBLOCK); with -b they block, so the last one shows how
 * the bus ends a wait for a buffer (timeout, device gone, signal).
 */
#include <fcntl.h>
#include <unistd.h>

#include "common.h"

int main(int argc, char **argv)
{
	static const char msg[16] = "0123456789abcde";
	int flags = O_RDWR | O_NONBLOCK;
	unsigned long max = 10000;
	unsigned long n = 0;
	int fd;

	if (argc > 1 && !strcmp(argv[1], "-b")) {
		flags &= ~O_NONBLOCK;
		argv++;
		argc--;
	}
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: rpmsg_fill [-b] DEV [MAX]\n");
		return 2;
	}
	if (argc > 2)
		max = strtoul(argv[2], NULL, 0);
	fd = open(argv[1], flags);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	while (n < max && write(fd, msg, sizeof(msg)) == (ssize_t)sizeof(msg))
		n++;
	if (n == max)
		printf("%lu messages taken, none refused\n", n);
	else
		printf("%lu messages taken, then %s\n", n, strerror(errno));
	fflush(stdout);
	close(fd);
	return 0;
}
