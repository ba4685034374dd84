// SPDX-License-Identifier: GPL-2.0
/*
 * rproc_events: the remote processors' state changes, as the kernel tells
 * user space (uevents, as udev receives them).
 *
 * rproc_events
 *	Listens on the kernel's uevent netlink socket and prints, for each
 *	change event of a remoteproc device, one line "<RPROC_NAME>
 *	<RPROC_STATE>" ("? ?" for a field the event lacks). Prints
 *	"listening" first; runs until killed.
 */
#include <linux/netlink.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common.h"

/* The value of "KEY=" among the NUL-separated fields of @msg, or "?". */
static const char *field(const char *msg, size_t len, const char *key)
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

int main(void)
{
	struct sockaddr_nl addr = { .nl_family = AF_NETLINK, .nl_groups = 1 };
	char buf[8192];
	ssize_t n;
	int fd;

	fd = socket(AF_NETLINK, SOCK_DGRAM, NETLINK_KOBJECT_UEVENT);
	if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		perror("uevent socket");
		return 1;
	}
	printf("listening\n");
	fflush(stdout);
	for (;;) {
		n = recv(fd, buf, sizeof(buf) - 1, 0);
		if (n <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			perror("recv");
			return 1;
		}
		buf[n] = '\0';
		if (strcmp(field(buf, n, "SUBSYSTEM"), "remoteproc") ||
		    strcmp(field(buf, n, "ACTION"), "change"))
			continue;
		printf("%s %s\n", field(buf, n, "RPROC_NAME"), field(buf, n, "RPROC_STATE"));
		fflush(stdout);
	}
}
