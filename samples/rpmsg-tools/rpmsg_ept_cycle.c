// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_ept_cycle CTRL COUNT DST
 *
 * COUNT times: create an endpoint to remote address DST through CTRL
 * (RPMSG_CREATE_EPT_IOCTL, a name unique to the round), find its
 * /dev/rpmsgN by name in /sys/class/rpmsg, open it, destroy it
 * (RPMSG_DESTROY_EPT_IOCTL) and close it. Prints the first and the last
 * device name: when nothing leaks, the device numbers are reused and both
 * are the same.
 */
#include <dirent.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "common.h"

/* The rpmsgN of /sys/class/rpmsg whose name attribute is @name. */
static int find_dev(const char *name, char *out, size_t len)
{
	char path[300], buf[64];
	struct dirent *d;
	int found = -1;
	DIR *dir;
	FILE *f;

	dir = opendir("/sys/class/rpmsg");
	if (!dir)
		return -1;
	while (found && (d = readdir(dir))) {
		if (strncmp(d->d_name, "rpmsg", 5) || !strncmp(d->d_name, "rpmsg_ctrl", 10))
			continue;
		snprintf(path, sizeof(path), "/sys/class/rpmsg/%s/name", d->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(buf, sizeof(buf), f)) {
			buf[strcspn(buf, "\n")] = 0;
			if (!strcmp(buf, name)) {
				snprintf(out, len, "%.60s", d->d_name);
				found = 0;
			}
		}
		fclose(f);
	}
	closedir(dir);
	return found;
}

int main(int argc, char **argv)
{
	struct rpmsg_endpoint_info info;
	char dev[64], first[64] = "", path[80];
	unsigned long i, count;
	int ctrl, fd;
	__u32 dst;

	if (argc != 4 || parse_addr(argv[3], &dst)) {
		fprintf(stderr, "usage: rpmsg_ept_cycle CTRL COUNT DST\n");
		return 2;
	}
	count = strtoul(argv[2], NULL, 0);
	ctrl = open(argv[1], O_RDWR);
	if (ctrl < 0) {
		perror(argv[1]);
		return 1;
	}
	for (i = 0; i < count; i++) {
		memset(&info, 0, sizeof(info));
		snprintf(info.name, sizeof(info.name), "cycle-%lu", i);
		info.src = RPMSG_ADDR_ANY;
		info.dst = dst;
		if (ioctl(ctrl, RPMSG_CREATE_EPT_IOCTL, &info) < 0) {
			fprintf(stderr, "round %lu: create: %s\n", i, strerror(errno));
			return 1;
		}
		if (find_dev(info.name, dev, sizeof(dev))) {
			fprintf(stderr, "round %lu: no device named %s\n", i, info.name);
			return 1;
		}
		if (!first[0])
			snprintf(first, sizeof(first), "%s", dev);
		snprintf(path, sizeof(path), "/dev/%s", dev);
		fd = open(path, O_RDWR);
		if (fd < 0) {
			fprintf(stderr, "round %lu: %s: %s\n", i, path, strerror(errno));
			return 1;
		}
		if (ioctl(fd, RPMSG_DESTROY_EPT_IOCTL) < 0) {
			fprintf(stderr, "round %lu: destroy: %s\n", i, strerror(errno));
			return 1;
		}
		close(fd);
	}
	printf("%lu endpoints created and destroyed: first %s, last %s\n", count,
	       first, dev);
	close(ctrl);
	return 0;
}
