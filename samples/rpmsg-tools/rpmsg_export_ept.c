// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_export_ept CTRL NAME SRC DST
 *
 * Create an endpoint through /dev/rpmsg_ctrlN (RPMSG_CREATE_EPT_IOCTL):
 * a new /dev/rpmsgN then talks from local address SRC to remote DST.
 * Addresses: decimal, 0x hex, or -1 for "any".
 */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "common.h"

int main(int argc, char **argv)
{
	struct rpmsg_endpoint_info info;
	int fd;

	if (argc != 5) {
		fprintf(stderr, "usage: %s CTRL NAME SRC DST\n", argv[0]);
		return 2;
	}
	parse_ept(argv[0], argv + 2, &info);
	fd = open(argv[1], O_RDWR);
	if (fd < 0 || ioctl(fd, RPMSG_CREATE_EPT_IOCTL, &info) < 0) {
		perror(argv[1]);
		return 1;
	}
	close(fd);
	return 0;
}
