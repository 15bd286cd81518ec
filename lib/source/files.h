/*
 * files.h - reading documents from files, directories and standard input.
 *
 * The I/O edge of the pipeline for local inputs: whole-file reads with a size cap,
 * transparent gzip decoding (recognised by content, not by name), and a sorted
 * recursive directory walk.  Failures come back as an SR_E* code plus a reason for
 * people ("empty file", "larger than the 50 MB limit", "gzip data truncated" ...).
 */
#ifndef SR_FILES_H
#define SR_FILES_H

#include <stddef.h>

#include "base/buf.h"

#define SR_WHY_MAX 256

/* Read all of fd into out (appending) while it stays within out->max: SR_ETOOBIG past the
 * cap, SR_EIO on a read error (errno set). */
int sr_read_fd(int fd, sr_buf *out);

/* Read path (or standard input when path is "-") into out, a buffer created with the size
 * cap, then decode gzip if the bytes are gzip (the decoded size is capped by out->max too).
 * On failure returns an SR_E* code and writes the reason into why. */
int sr_read_input(const char *path, sr_buf *out, char why[SR_WHY_MAX]);

/* A growable list of paths (owned strings). */
typedef struct sr_pathlist {
	char **v;
	size_t n, cap;
} sr_pathlist;

void sr_pathlist_release(sr_pathlist *l);
int sr_pathlist_add(sr_pathlist *l, const char *path);

/* Called for a path that cannot be walked (unreadable directory, dangling link ...). */
typedef void (*sr_walk_err_fn)(void *ctx, const char *path, const char *why);

/* Expand path: a regular file (or "-") is added as is; a directory adds every regular file
 * below it, recursively, in byte order of names, skipping names that start with '.'.
 * Symbolic links to files are followed; links to directories are not (no cycles).
 * Returns SR_OK (problems with single entries go to errfn), or SR_ENOMEM. */
int sr_walk(const char *path, sr_pathlist *out, sr_walk_err_fn errfn, void *ctx);

#endif
