/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the rpmsg user-space tools: argument parsing, endpoint info. */
#ifndef RPMSG_TOOLS_COMMON_H
#define RPMSG_TOOLS_COMMON_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>
#include <linux/rpmsg.h>
#include <sys/socket.h>
#include <unistd.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* An address as the tools take it: decimal, 0x hex, or -1 for "any". */
static inline int parse_addr(const char *s, __u32 *addr)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 0);
	if (errno || *end || v < -1 || v > 0xffffffffLL)
		return -1;
	*addr = (__u32)v;
	return 0;
}

/* Fill @info from NAME SRC DST arguments; exits with a message on error. */
static inline void parse_ept(const char *prog, char **argv,
			     struct rpmsg_endpoint_info *info)
{
	memset(info, 0, sizeof(*info));
	if (strlen(argv[0]) >= sizeof(info->name)) {
		fprintf(stderr, "%s: name longer than %zu bytes\n", prog,
			sizeof(info->name) - 1);
		exit(2);
	}
	snprintf(info->name, sizeof(info->name), "%s", argv[0]);
	if (parse_addr(argv[1], &info->src) || parse_addr(argv[2], &info->dst)) {
		fprintf(stderr, "%s: bad address\n", prog);
		exit(2);
	}
}

/* The kernel's uevents, as udev receives them: a socket, or -1 (perror). */
static inline int uevent_socket(void)
{
	struct sockaddr_nl addr = { .nl_family = AF_NETLINK, .nl_groups = 1 };
	int fd;

	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT);
	if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		perror("uevent socket");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* The value of "KEY=" among the NUL-separated fields of a uevent, or "?". */
static inline const char *uevent_field(const char *msg, size_t len, const char *key)
{
	size_t klen = strlen(key), off = 0;

	while (off < len) {
		const char *f = msg + off;
		size_t flen = strnlen(f, len - off);

		if (flen > klen && !strncmp(f, key, klen) && f[klen] == '=')
			return f + klen + 1;
		off += flen + 1;
	}
	return "?";
}

#endif
