// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_ctrl_try CTRL ept|dev|release NAME SRC DST
 *
 * Issue one rpmsg_ctrl ioctl (RPMSG_CREATE_EPT_IOCTL, RPMSG_CREATE_DEV_IOCTL
 * or RPMSG_RELEASE_DEV_IOCTL) and print "ok" or the error's name (EINVAL,
 * EEXIST, ...), for tests of what the driver refuses. NAME "@32" stands for
 * 32 bytes of 'A' without a terminating NUL, which the shell cannot pass.
 */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "common.h"

static const char *errname(int e)
{
	switch (e) {
	case EINVAL: return "EINVAL";
	case EEXIST: return "EEXIST";
	case EADDRINUSE: return "EADDRINUSE";
	case ENXIO: return "ENXIO";
	case ENOENT: return "ENOENT";
	case EPERM: return "EPERM";
	case ENODEV: return "ENODEV";
	default: return strerror(e);
	}
}

int main(int argc, char **argv)
{
	struct rpmsg_endpoint_info info;
	unsigned long cmd;
	int fd;

	if (argc != 6) {
		fprintf(stderr, "usage: rpmsg_ctrl_try CTRL ept|dev|release NAME SRC DST\n");
		return 2;
	}
	if (!strcmp(argv[2], "ept"))
		cmd = RPMSG_CREATE_EPT_IOCTL;
	else if (!strcmp(argv[2], "dev"))
		cmd = RPMSG_CREATE_DEV_IOCTL;
	else if (!strcmp(argv[2], "release"))
		cmd = RPMSG_RELEASE_DEV_IOCTL;
	else
		return 2;
	if (!strcmp(argv[3], "@32")) {
		memset(&info, 0, sizeof(info));
		memset(info.name, 'A', sizeof(info.name));
		if (parse_addr(argv[4], &info.src) || parse_addr(argv[5], &info.dst))
			return 2;
	} else {
		parse_ept(argv[0], argv + 3, &info);
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	if (ioctl(fd, cmd, &info) < 0)
		printf("%s\n", errname(errno));
	else
		printf("ok\n");
	close(fd);
	return 0;
}
