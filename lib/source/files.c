#include "source/files.h"
#include "base/err.h"
#include "base/gz.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int sr_read_fd(int fd, sr_buf *out)
{
	for (;;) {
		char probe;
		char *dst;
		size_t room;
		if (out->len == out->max) {
			/* at the cap: any further byte means the input is too big */
			dst = &probe;
			room = 1;
		} else {
			size_t want = out->max - out->len < (1 << 16) ? out->max - out->len : (1 << 16);
			int rc = sr_buf_grow(out, want);
			if (rc)
				return rc;
			dst = out->data + out->len;
			room = out->cap - 1 - out->len;
			if (room > out->max - out->len)
				room = out->max - out->len;
		}
		ssize_t k = read(fd, dst, room);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return SR_EIO;
		if (k == 0)
			return SR_OK;
		if (dst == &probe)
			return SR_ETOOBIG;
		out->len += (size_t)k;
		out->data[out->len] = '\0';
	}
}

static void human_size(char *s, size_t n, double bytes)
{
	if (bytes >= 1e6)
		snprintf(s, n, "%.1f MB", bytes / 1e6);
	else if (bytes >= 1e3)
		snprintf(s, n, "%.1f KB", bytes / 1e3);
	else
		snprintf(s, n, "%.0f bytes", bytes);
}

int sr_read_input(const char *path, sr_buf *out, char why[SR_WHY_MAX])
{
	int fd = -1, rc = SR_OK;
	char lim[32];
	human_size(lim, sizeof(lim), (double)out->max);
	why[0] = '\0';
	if (strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
	} else {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			snprintf(why, SR_WHY_MAX, "cannot open: %s", strerror(errno));
			return SR_EIO;
		}
		struct stat st;
		if (fstat(fd, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				snprintf(why, SR_WHY_MAX, "is a directory");
				rc = SR_EINVAL;
				goto out;
			}
			if (S_ISREG(st.st_mode) && (size_t)st.st_size > out->max) {
				char sz[32];
				human_size(sz, sizeof(sz), (double)st.st_size);
				snprintf(why, SR_WHY_MAX, "too large: %s, over the %s limit (--max-size)", sz, lim);
				rc = SR_ETOOBIG;
				goto out;
			}
		}
	}
	rc = sr_read_fd(fd, out);
	if (rc == SR_ETOOBIG) {
		snprintf(why, SR_WHY_MAX, "too large: over the %s limit (--max-size)", lim);
		goto out;
	}
	if (rc) {
		snprintf(why, SR_WHY_MAX, "read error: %s", strerror(errno));
		goto out;
	}
	if (out->len == 0) {
		snprintf(why, SR_WHY_MAX, "empty file");
		rc = SR_EEMPTY;
		goto out;
	}
	if (sr_gz_is_gzip(out->data, out->len)) {
		sr_buf plain;
		sr_buf_init(&plain, out->max);
		rc = sr_gz_inflate(&plain, out->data, out->len);
		if (rc) {
			if (rc == SR_ETOOBIG)
				snprintf(why, SR_WHY_MAX, "too large: gzip content over the %s limit (--max-size)", lim);
			else if (rc == SR_EPARSE)
				snprintf(why, SR_WHY_MAX, "gzip data corrupt or truncated");
			else
				snprintf(why, SR_WHY_MAX, "%s", sr_strerror(rc));
			sr_buf_release(&plain);
			goto out;
		}
		sr_buf_release(out);
		*out = plain;
		if (out->len == 0) {
			snprintf(why, SR_WHY_MAX, "empty file (after gzip decoding)");
			rc = SR_EEMPTY;
			goto out;
		}
	}
out:
	if (fd > STDIN_FILENO)
		close(fd);
	return rc;
}

void sr_pathlist_release(sr_pathlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

int sr_pathlist_add(sr_pathlist *l, const char *path)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		char **v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return SR_ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	char *p = strdup(path);
	if (!p)
		return SR_ENOMEM;
	l->v[l->n++] = p;
	return SR_OK;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_dir(const char *dir, sr_pathlist *out, sr_walk_err_fn errfn, void *ctx, int depth)
{
	if (depth > 64) {
		errfn(ctx, dir, "directories nested too deeply");
		return SR_OK;
	}
	DIR *d = opendir(dir);
	if (!d) {
		errfn(ctx, dir, strerror(errno));
		return SR_OK;
	}
	sr_pathlist names = {0};
	int rc = SR_OK;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if ((rc = sr_pathlist_add(&names, e->d_name)))
			goto out;
	}
	qsort(names.v, names.n, sizeof(char *), cmp_str);
	for (size_t i = 0; i < names.n; i++) {
		size_t n = strlen(dir) + strlen(names.v[i]) + 2;
		char *p = malloc(n);
		if (!p) {
			rc = SR_ENOMEM;
			goto out;
		}
		snprintf(p, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names.v[i]);
		struct stat lst, st;
		if (lstat(p, &lst) != 0) {
			errfn(ctx, p, strerror(errno));
		} else if (S_ISDIR(lst.st_mode)) {
			rc = walk_dir(p, out, errfn, ctx, depth + 1);
		} else if (S_ISREG(lst.st_mode)) {
			rc = sr_pathlist_add(out, p);
		} else if (S_ISLNK(lst.st_mode)) {
			if (stat(p, &st) != 0)
				errfn(ctx, p, "dangling symbolic link");
			else if (S_ISREG(st.st_mode))
				rc = sr_pathlist_add(out, p);
			/* links to directories are not followed */
		}
		free(p);
		if (rc)
			goto out;
	}
out:
	closedir(d);
	sr_pathlist_release(&names);
	return rc;
}

int sr_walk(const char *path, sr_pathlist *out, sr_walk_err_fn errfn, void *ctx)
{
	if (strcmp(path, "-") == 0)
		return sr_pathlist_add(out, path);
	struct stat st;
	if (stat(path, &st) != 0) {
		errfn(ctx, path, strerror(errno));
		return SR_OK;
	}
	if (S_ISDIR(st.st_mode))
		return walk_dir(path, out, errfn, ctx, 0);
	return sr_pathlist_add(out, path);
}
