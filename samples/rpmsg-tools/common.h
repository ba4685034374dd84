/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the rpmsg user-space tools: argument parsing, endpoint info. */
#ifndef RPMSG_TOOLS_COMMON_H
#define RPMSG_TOOLS_COMMON_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/rpmsg.h>

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

#endif
