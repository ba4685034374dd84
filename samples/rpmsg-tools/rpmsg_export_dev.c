// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_export_dev CTRL [-d] NAME SRC DST
 *
 * Create (or with -d release) an rpmsg channel device through
 * /dev/rpmsg_ctrlN: RPMSG_CREATE_DEV_IOCTL / RPMSG_RELEASE_DEV_IOCTL. The
 * driver that matches NAME binds it (rpmsg-tty gives a /dev/ttyRPMSGn) and
 * the remote is told through the name service when it supports it.
 */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "common.h"

int main(int argc, char **argv)
{
	struct rpmsg_endpoint_info info;
	int release = argc == 6 && !strcmp(argv[2], "-d");
	int fd;

	if (argc != 5 + release) {
		fprintf(stderr, "usage: %s CTRL [-d] NAME SRC DST\n", argv[0]);
		return 2;
	}
	parse_ept(argv[0], argv + 2 + release, &info);
	fd = open(argv[1], O_RDWR);
	if (fd < 0 || ioctl(fd, release ? RPMSG_RELEASE_DEV_IOCTL :
			    RPMSG_CREATE_DEV_IOCTL, &info) < 0) {
		perror(argv[1]);
		return 1;
	}
	close(fd);
	return 0;
}
