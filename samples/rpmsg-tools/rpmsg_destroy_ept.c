// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_destroy_ept DEV
 *
 * Destroy the endpoint behind /dev/rpmsgN (RPMSG_DESTROY_EPT_IOCTL).
 */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "common.h"

int main(int argc, char **argv)
{
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DEV\n", argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0 || ioctl(fd, RPMSG_DESTROY_EPT_IOCTL) < 0) {
		perror(argv[1]);
		return 1;
	}
	close(fd);
	return 0;
}
