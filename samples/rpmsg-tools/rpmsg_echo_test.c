// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_echo_test DEV MIN MAX
 *
 * Against an echoing remote: send one message of every size from MIN to
 * MAX bytes on /dev/rpmsgN, each filled with a pattern that depends on the
 * size and the offset, and check that the answer is the same size and
 * every byte matches. Prints one line at the end; exit 1 on the first
 * difference, naming it.
 */
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include "common.h"

static unsigned char pattern(unsigned int size, unsigned int i)
{
	return (unsigned char)(size * 7 + i * 13 + (i >> 8));
}

int main(int argc, char **argv)
{
	unsigned char out[4096], in[4096];
	unsigned int min, max, size, i;
	struct pollfd p;
	ssize_t n;
	int fd;

	if (argc != 4) {
		fprintf(stderr, "usage: %s DEV MIN MAX\n", argv[0]);
		return 2;
	}
	min = strtoul(argv[2], NULL, 0);
	max = strtoul(argv[3], NULL, 0);
	if (!min || max < min || max > sizeof(out)) {
		fprintf(stderr, "%s: bad size range\n", argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	for (size = min; size <= max; size++) {
		for (i = 0; i < size; i++)
			out[i] = pattern(size, i);
		n = write(fd, out, size);
		if (n != (ssize_t)size) {
			fprintf(stderr, "size %u: write returned %zd: %s\n", size, n,
				n < 0 ? strerror(errno) : "short");
			return 1;
		}
		p.fd = fd;
		p.events = POLLIN;
		if (poll(&p, 1, 5000) != 1) {
			fprintf(stderr, "size %u: no answer\n", size);
			return 1;
		}
		n = read(fd, in, sizeof(in));
		if (n != (ssize_t)size) {
			fprintf(stderr, "size %u: answer of %zd bytes\n", size, n);
			return 1;
		}
		for (i = 0; i < size; i++) {
			if (in[i] != out[i]) {
				fprintf(stderr, "size %u: byte %u is %#x, sent %#x\n",
					size, i, in[i], out[i]);
				return 1;
			}
		}
	}
	printf("%u messages of %u..%u bytes echoed intact\n", max - min + 1, min, max);
	close(fd);
	return 0;
}
