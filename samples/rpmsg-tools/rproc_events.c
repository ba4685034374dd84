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
#include <unistd.h>

#include "common.h"

int main(void)
{
	char buf[8192];
	ssize_t n;
	int fd;

	fd = uevent_socket();
	if (fd < 0)
		return 1;
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
		if (strcmp(uevent_field(buf, n, "SUBSYSTEM"), "remoteproc") ||
		    strcmp(uevent_field(buf, n, "ACTION"), "change"))
			continue;
		printf("%s %s\n", uevent_field(buf, n, "RPROC_NAME"),
		       uevent_field(buf, n, "RPROC_STATE"));
		fflush(stdout);
	}
}
