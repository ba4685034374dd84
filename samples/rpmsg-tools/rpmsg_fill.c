// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_fill DEV [MAX]
 *
 * Write 16-byte messages on /dev/rpmsgN with O_NONBLOCK until a write
 * fails (or MAX, default 10000, went through) and print how many were
 * taken and how the first refused one failed: against a remote that no
 * longer answers, that is when Linux runs out of transmit buffers.
 */
#include <fcntl.h>
#include <unistd.h>

#include "common.h"

int main(int argc, char **argv)
{
	static const char msg[16] = "0123456789abcde";
	unsigned long max = argc > 2 ? strtoul(argv[2], NULL, 0) : 10000;
	unsigned long n = 0;
	int fd;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s DEV [MAX]\n", argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDWR | O_NONBLOCK);
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
	close(fd);
	return 0;
}
