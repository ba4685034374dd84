// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_ping DEV [MESSAGE]
 *
 * Send MESSAGE (default "ping DEV") on /dev/rpmsgN, wait up to 5 s for one
 * answer and print it as: message for DEV: "<answer>".
 */
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include "common.h"

int main(int argc, char **argv)
{
	char msg[512], reply[513];
	struct pollfd p;
	ssize_t n;
	int fd;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s DEV [MESSAGE]\n", argv[0]);
		return 2;
	}
	snprintf(msg, sizeof(msg), "%s", argc == 3 ? argv[2] : "ping");
	if (argc == 2)
		snprintf(msg, sizeof(msg), "ping %s", argv[1]);
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	if (write(fd, msg, strlen(msg)) < 0) {
		perror("write");
		return 1;
	}
	p.fd = fd;
	p.events = POLLIN;
	if (poll(&p, 1, 5000) != 1) {
		fprintf(stderr, "%s: no answer\n", argv[1]);
		return 1;
	}
	n = read(fd, reply, sizeof(reply) - 1);
	if (n < 0) {
		perror("read");
		return 1;
	}
	reply[n] = '\0';
	printf("message for %s: \"%s\"\n", argv[1], reply);
	close(fd);
	return 0;
}
