// SPDX-License-Identifier: GPL-2.0
/*
 * amp-status: the remote processors and their rpmsg channels, in one screen.
 *
 * amp-status [--json]
 *	For each remote processor (/sys/class/remoteproc): its name, state,
 *	firmware, whether Linux started it or found it running (attached),
 *	crash recovery (debugfs), its virtio devices with the bus's counters
 *	(debugfs virtio_rpmsg_bus/<virtioN>/stats: the project's bus; the
 *	kernel's has none, shown as absent), and its rpmsg channels (name,
 *	source and destination addresses, the driver that holds it, its
 *	/dev nodes). Channels of a bus no remote processor owns (rpmsg_link)
 *	come last. --json: the same as one JSON object.
 *	Exit: 0 every remote processor runs (running or attached), 1 one does
 *	not, 2 there is none, 64 bad usage.
 */
#define _GNU_SOURCE		/* strverscmp */
#include <dirent.h>
#include <limits.h>
#include <unistd.h>

#include "common.h"

#define RPROC_DIR	"/sys/class/remoteproc"
#define RPMSG_DIR	"/sys/bus/rpmsg/devices"
#define VIRTIO_DIR	"/sys/bus/virtio/devices"
#define STATS_DIR	"/sys/kernel/debug/virtio_rpmsg_bus"
#define RPROC_DBG	"/sys/kernel/debug/remoteproc"

static int json;

/* @out = A/B; -1 (and @out empty) when it does not fit */
static int join(char *out, size_t len, const char *a, const char *b)
{
	int n = snprintf(out, len, "%s/%s", a, b);

	if (n < 0 || (size_t)n >= len) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

/* The first line of file DIR/NAME into @buf, without its newline; "" if none. */
static const char *attr(const char *dir, const char *name, char *buf, size_t len)
{
	char path[PATH_MAX], *s;
	FILE *f;

	buf[0] = '\0';
	if (join(path, sizeof(path), dir, name))
		return buf;
	f = fopen(path, "r");
	if (!f)
		return buf;
	if (!fgets(buf, len, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	/* on a terminal, what a firmware named cannot be an escape sequence */
	for (s = buf; !json && *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s == 0x7f)
			*s = '?';
	return buf;
}

/* The last component of the link DIR/NAME ("" when there is none). */
static const char *link_name(const char *dir, const char *name, char *buf, size_t len)
{
	char path[PATH_MAX], target[PATH_MAX];
	ssize_t n;
	char *s;

	buf[0] = '\0';
	if (join(path, sizeof(path), dir, name))
		return buf;
	n = readlink(path, target, sizeof(target) - 1);
	if (n <= 0)
		return buf;
	target[n] = '\0';
	s = strrchr(target, '/');
	s = s ? s + 1 : target;
	if (strlen(s) < len)
		memcpy(buf, s, strlen(s) + 1);
	return buf;
}

/* A JSON string, or null for "". */
static void jstr(const char *s)
{
	if (!*s) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* , "KEY": VALUE (a JSON string, or null) */
static void jfield(const char *key, const char *val)
{
	printf(", \"%s\": ", key);
	jstr(val);
}

static int sort_names(const struct dirent **a, const struct dirent **b)
{
	return strverscmp((*a)->d_name, (*b)->d_name);
}

static int not_dot(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* Does the device at sysfs path @dev sit under @owner (both resolved)? */
static int under(const char *dev, const char *owner)
{
	size_t n = strlen(owner);

	return !strncmp(dev, owner, n) && dev[n] == '/';
}

/* Append " /dev/@node" (no space first) to @out, if it fits. */
static void add_node(char *out, size_t len, size_t *used, const char *node)
{
	int n = snprintf(out + *used, len - *used, "%s/dev/%s", *used ? " " : "", node);

	if (n < 0 || (size_t)n >= len - *used)
		out[*used] = '\0';	/* the list stops at what fits */
	else
		*used += n;
}

/*
 * The /dev nodes of channel @dir: rpmsg/<node>, tty/<node>, and endpoints
 * made through an rpmsg_ctrl node (rpmsg/rpmsg_ctrlN/<node>).
 */
static void nodes(const char *dir, char *out, size_t len)
{
	static const char * const sub[] = { "rpmsg", "tty" };
	struct dirent **e, **f;
	char path[PATH_MAX];
	size_t used = 0;
	unsigned int i;
	int n, m, j, k;

	out[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(sub); i++) {
		if (join(path, sizeof(path), dir, sub[i]))
			continue;
		n = scandir(path, &e, not_dot, sort_names);
		for (j = 0; j < n; j++) {
			add_node(out, len, &used, e[j]->d_name);
			if (!strncmp(e[j]->d_name, "rpmsg_ctrl", 10)) {
				char cpath[PATH_MAX];

				m = join(cpath, sizeof(cpath), path, e[j]->d_name) ? -1 :
				    scandir(cpath, &f, not_dot, sort_names);
				for (k = 0; k < m; k++) {
					if (!strncmp(f[k]->d_name, "rpmsg", 5) &&
					    f[k]->d_name[5] >= '0' && f[k]->d_name[5] <= '9')
						add_node(out, len, &used, f[k]->d_name);
					free(f[k]);
				}
				if (m >= 0)
					free(f);
			}
			free(e[j]);
		}
		if (n >= 0)
			free(e);
	}
}

/* The channels under @owner (a resolved path), or (NULL) under none of @owners. */
static void list_channels(const char *owner, const char * const *owners, int nowners)
{
	char real[PATH_MAX], dir[PATH_MAX], name[64], src[16], dst[16], drv[64], nd[256];
	struct dirent **e;
	int n, i, j, first = 1, mine;

	n = scandir(RPMSG_DIR, &e, not_dot, sort_names);
	if (json)
		fputs("\"channels\": [", stdout);
	for (i = 0; i < n; i++) {
		if (join(dir, sizeof(dir), RPMSG_DIR, e[i]->d_name) || !realpath(dir, real))
			goto next;
		if (owner) {
			mine = under(real, owner);
		} else {
			mine = 1;
			for (j = 0; j < nowners; j++)
				if (under(real, owners[j]))
					mine = 0;
		}
		if (!mine)
			goto next;
		attr(dir, "name", name, sizeof(name));
		attr(dir, "src", src, sizeof(src));
		attr(dir, "dst", dst, sizeof(dst));
		link_name(dir, "driver", drv, sizeof(drv));
		nodes(dir, nd, sizeof(nd));
		if (json) {
			printf("%s{\"device\": ", first ? "" : ", ");
			jstr(e[i]->d_name);
			jfield("name", name);
			jfield("src", src);
			jfield("dst", dst);
			jfield("driver", drv);
			jfield("nodes", nd);
			putchar('}');
		} else {
			if (first)
				printf("  %-30s %-10s %-10s %-18s %s\n", "channel", "src", "dst",
				       "node", "driver");
			printf("  %-30s %-10s %-10s %-18s %s\n", name, src, dst, *nd ? nd : "-",
			       *drv ? drv : "(none)");
		}
		first = 0;
next:
		free(e[i]);
	}
	if (n >= 0)
		free(e);
	if (json)
		putchar(']');
}

/* The bus's counters of virtio device @vdev: "name value" pairs, or none. */
static void counters(const char *vdev)
{
	char path[PATH_MAX], line[128], key[64];
	unsigned long long v;
	int first = 1, len;
	FILE *f = NULL;

	len = snprintf(path, sizeof(path), "%s/%s/stats", STATS_DIR, vdev);
	if (len > 0 && (size_t)len < sizeof(path))
		f = fopen(path, "r");
	if (!f) {
		fputs(json ? "null" :
		      "absent (the kernel's bus has none, or debugfs is not mounted)", stdout);
		return;
	}
	if (json)
		putchar('{');
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63[^:]: %llu", key, &v) != 2)
			continue;
		if (json) {
			printf("%s", first ? "" : ", ");
			jstr(key);
			printf(": %llu", v);
		} else {
			printf("%s%s %llu", first ? "" : ", ", key, v);
		}
		first = 0;
	}
	fclose(f);
	if (json)
		putchar('}');
}

/* The virtio devices under @owner, with the driver and its counters. */
static void vdevs(const char *owner)
{
	char dir[PATH_MAX], real[PATH_MAX], drv[64];
	struct dirent **e;
	int n, i, first = 1;

	n = scandir(VIRTIO_DIR, &e, not_dot, sort_names);
	if (json)
		fputs("\"virtio\": [", stdout);
	for (i = 0; i < n; i++) {
		if (!join(dir, sizeof(dir), VIRTIO_DIR, e[i]->d_name) && realpath(dir, real) &&
		    under(real, owner)) {
			link_name(dir, "driver", drv, sizeof(drv));
			if (json) {
				printf("%s{\"device\": ", first ? "" : ", ");
				jstr(e[i]->d_name);
				jfield("driver", drv);
				fputs(", \"counters\": ", stdout);
				counters(e[i]->d_name);
				putchar('}');
			} else {
				printf("  %s: driver %s, counters: ", e[i]->d_name,
				       *drv ? drv : "(none)");
				counters(e[i]->d_name);
				putchar('\n');
			}
			first = 0;
		}
		free(e[i]);
	}
	if (n >= 0)
		free(e);
	if (json)
		putchar(']');
}

int main(int argc, char **argv)
{
	char dir[PATH_MAX], name[64], state[32], fw[256], rec[32], dbg[PATH_MAX];
	struct dirent **e = NULL;
	char *owners[64];
	int n, i, down = 0;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "--json"))) {
		fprintf(stderr, "usage: %s [--json]\n", argv[0]);
		return 64;
	}
	json = argc == 2;
	n = scandir(RPROC_DIR, &e, not_dot, sort_names);
	if (n < 0)
		n = 0;
	if (n > (int)ARRAY_SIZE(owners))
		n = ARRAY_SIZE(owners);
	for (i = 0; i < n; i++) {
		owners[i] = join(dir, sizeof(dir), RPROC_DIR, e[i]->d_name) ? NULL :
			    realpath(dir, NULL);
		if (!owners[i])
			owners[i] = strdup("/nonexistent");
	}
	if (json)
		fputs("{\"remoteprocs\": [", stdout);
	for (i = 0; i < n; i++) {
		join(dir, sizeof(dir), RPROC_DIR, e[i]->d_name);
		join(dbg, sizeof(dbg), RPROC_DBG, e[i]->d_name);
		attr(dir, "name", name, sizeof(name));
		attr(dir, "state", state, sizeof(state));
		attr(dir, "firmware", fw, sizeof(fw));
		attr(dbg, "recovery", rec, sizeof(rec));
		if (strcmp(state, "running") && strcmp(state, "attached"))
			down = 1;
		if (json) {
			printf("%s{\"id\": ", i ? ", " : "");
			jstr(e[i]->d_name);
			jfield("name", name);
			jfield("state", state);
			printf(", \"attached\": %s", !strcmp(state, "attached") ? "true" : "false");
			jfield("firmware", fw);
			jfield("recovery", rec);
			fputs(", ", stdout);
		} else {
			printf("%s %s: %s%s\n", e[i]->d_name, name, state,
			       !strcmp(state, "attached") ? " (started before Linux, attached)" :
			       !strcmp(state, "running") ? " (started by Linux)" : "");
			printf("  firmware %s, recovery %s\n", *fw ? fw : "-",
			       *rec ? rec : "unknown (debugfs not mounted)");
		}
		vdevs(owners[i]);
		if (json)
			fputs(", ", stdout);
		list_channels(owners[i], NULL, 0);
		if (json)
			putchar('}');
	}
	if (json) {
		fputs("], \"other\": {", stdout);
	} else {
		printf("%s\n", n ? "" : "no remote processor");
		printf("rpmsg without a remote processor (rpmsg_link, or none):\n");
	}
	list_channels(NULL, (const char * const *)owners, n);
	if (json)
		puts("}}");
	for (i = 0; i < n; i++) {
		free(owners[i]);
		free(e[i]);
	}
	free(e);
	if (!n)
		return 2;
	return down;
}
