/*
 * store.h - the SQLite store: documents, articles and the full-text index.
 *
 * One SQLite file in WAL mode (readers never block the writer), schema versioned by
 * PRAGMA user_version with migrations applied on open (see the top of store.c for the
 * schema, which is the on-disk format).  The writer batches documents in transactions:
 * sr_store_begin / sr_store_put ... / sr_store_commit.  A kill at any moment leaves the
 * last committed batch; re-running the same ingest completes it with no duplicates,
 * because a document is identified by its URI (normalised URL, or file:// + real path)
 * and its content hash.
 *
 * Not thread-safe: one sr_store per thread (each has its own connection).
 */
#ifndef SR_STORE_H
#define SR_STORE_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "base/buf.h"
#include "extract/article.h"

typedef struct sr_store sr_store;

enum {
	SR_STORE_CREATE = 1,   /* create the file when missing (else SR_ENOTFOUND) */
	SR_STORE_READONLY = 2, /* open read-only; no migrations (the schema must be current) */
};

#define SR_STORE_SCHEMA_VERSION 8

/* Open (and migrate) the database at path.  On failure returns an SR_E* code and writes
 * a one-line reason naming the file into err (errlen bytes). */
int sr_store_open(sr_store **out, const char *path, unsigned flags, char *err, size_t errlen);
void sr_store_close(sr_store *s);
sqlite3 *sr_store_db(sr_store *s);
/* The last SQLite error message of this store's connection. */
const char *sr_store_errmsg(sr_store *s);

int sr_store_begin(sr_store *s);
int sr_store_commit(sr_store *s);
void sr_store_rollback(sr_store *s);

/* A document as it came from its source. */
typedef struct sr_doc {
	const char *uri;          /* identity: normalised URL, or file:// + real path */
	const void *raw;          /* the original bytes (after gzip decoding) */
	size_t raw_len;
	uint64_t hash[2];         /* sr_hash128 of raw */
	const char *content_type; /* or NULL */
	const char *source;       /* where it came from: a path, a feed name; or NULL */
	int64_t fetched_at;       /* unix seconds */
	int captured;             /* fetched_at is an archive's capture time: a capture no newer
				   * than the stored one changes nothing */
} sr_doc;

enum sr_put_outcome {
	SR_PUT_NEW = 1,       /* a new document and article were stored */
	SR_PUT_CHANGED = 2,   /* the document existed with other content: updated */
	SR_PUT_UNCHANGED = 3, /* the same URI with the same content, or (doc.captured) a
			       * capture no newer than the stored one: nothing written */
};

/* What storing doc would do, without writing: SR_PUT_NEW, _CHANGED or _UNCHANGED
 * (lets the caller skip extracting unchanged documents).  Returns the outcome or an
 * SR_E* code (< 0). */
int sr_store_check(sr_store *s, const sr_doc *doc);

/* Store doc and its article (inside the caller's transaction), keeping the FTS index in
 * step.  *article_id receives the article's id (may be NULL).  Returns an outcome
 * (> 0) or an SR_E* code (< 0). */
int sr_store_put(sr_store *s, const sr_doc *doc, const sr_article *art, int64_t *article_id);

/* Verify the database: SQLite's integrity check, the FTS index against the articles, and
 * that every article has its document.  Appends one line per problem to report (nothing
 * when all is well).  Returns SR_OK when sound, SR_EPARSE when problems were found,
 * SR_EDB when the checks could not run. */
int sr_store_verify(sr_store *s, sr_buf *report);

/* Counts for `sitrep stats`, written as one JSON object into out. */
int sr_store_stats_json(sr_store *s, sr_buf *out);

/* Article id as JSON (all article keys plus id, uri, fetched_at, ingested_at, source);
 * SR_ENOTFOUND when there is none. */
int sr_store_article_json(sr_store *s, int64_t id, sr_buf *out);

/* The original bytes of the article's document (decompressed) into out. */
int sr_store_article_raw(sr_store *s, int64_t id, sr_buf *out);

#endif
