/*
 * checkpoint.h - where an interrupted archive ingest stopped.
 *
 * While `sitrep ingest` reads an archive (WARC, ARC, JSON lines), the writer records, with
 * every commit, the position just after the last record it committed, keyed by the archive's
 * real path, size and modification time.  Run again on the same unchanged file, the reader
 * seeks to that position and goes on; the record is deleted when the archive is read to the
 * end.  A changed file (other size or time) starts from the beginning.
 *
 * Table archive_checkpoints(path TEXT PRIMARY KEY, size, mtime, offset, inner, records),
 * created by schema version 5 (store.c).
 */
#ifndef SR_CHECKPOINT_H
#define SR_CHECKPOINT_H

#include <stdint.h>

#include "store/store.h"

typedef struct sr_checkpoint {
	uint64_t offset, inner; /* the reader's resume position (warc.h / jsonl offsets) */
	uint64_t records;       /* records before it */
} sr_checkpoint;

/* 1 and *ck filled when path (with this size and mtime) has a checkpoint, 0 when not, or
 * SR_EDB. */
int sr_checkpoint_get(sr_store *s, const char *path, int64_t size, int64_t mtime, sr_checkpoint *ck);
int sr_checkpoint_set(sr_store *s, const char *path, int64_t size, int64_t mtime, const sr_checkpoint *ck);
int sr_checkpoint_clear(sr_store *s, const char *path);

#endif
