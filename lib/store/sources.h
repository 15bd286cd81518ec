/*
 * sources.h - the source registry and polling bookkeeping, in the store.
 *
 * ON-DISK FORMAT (schema version 4, see store.c's migration 4)
 *
 *   sources       one row per followed source
 *     id INTEGER PRIMARY KEY
 *     url TEXT UNIQUE NOT NULL     normalised URL of the feed, sitemap or page
 *     kind TEXT NOT NULL           'feed', 'sitemap' or 'page'
 *     name TEXT                    a label (--name), else NULL
 *     every_secs INTEGER NOT NULL  polling interval
 *     added_at INTEGER NOT NULL    unix seconds
 *     etag, last_modified TEXT     validators of the last 200 response (conditional GET)
 *     last_polled INTEGER          last attempt (unix seconds)
 *     last_ok INTEGER              last success (200 or 304)
 *     last_error TEXT              the last failure's reason (NULL after a success)
 *     last_error_at INTEGER
 *     failures INTEGER             consecutive failures (back-off)
 *     next_due INTEGER NOT NULL    when to poll next
 *     via TEXT                     the page or robots.txt it was discovered from, or NULL
 *
 *   source_items  one row per item URL a source listed, so an item is fetched once
 *     source_id INTEGER            REFERENCES sources(id) ON DELETE CASCADE
 *     url TEXT                     normalised item URL
 *     published INTEGER            publication time the source gave (unix seconds) or NULL
 *     first_seen INTEGER NOT NULL  when a poll first listed it
 *     fetched_at INTEGER           when it was stored (NULL: not yet / failed)
 *     doc_id INTEGER               documents.id of what was stored, or NULL
 *     status TEXT NOT NULL         'page' (its page was fetched), 'feed' (stored from the
 *                                  feed's own content: the page could not be fetched),
 *                                  'known' (the page was already stored), 'robots'
 *                                  (disallowed), 'failed'
 *     attempts INTEGER NOT NULL    polls that tried it; a 'failed' item is tried again by
 *                                  later polls until SR_SOURCES_MAX_ATTEMPTS
 *     PRIMARY KEY (source_id, url)
 *
 * Not thread-safe: one sr_store per thread.  Strings returned come from the caller's arena.
 */
#ifndef SR_SOURCES_H
#define SR_SOURCES_H

#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "store/store.h"

#define SR_SOURCES_MAX_ATTEMPTS 3
#define SR_SOURCES_MAX_ATTEMPTS_S "3"

/* The SQL of migration 4 (store.c runs it). */
extern const char sr_sources_schema_sql[];

typedef struct sr_source {
	int64_t id;
	const char *url;
	const char *kind;
	const char *name;
	int64_t every_secs;
	const char *etag;
	const char *last_modified;
	int64_t last_polled, last_ok, next_due; /* 0 when never */
	const char *last_error;
	int failures;
	const char *via;
} sr_source;

/* Add a source (url already normalised).  SR_OK and *id, or SR_EINVAL when a source with
 * that URL exists (*id is then its id), SR_EDB. */
int sr_sources_add(sr_store *s, const char *url, const char *kind, const char *name,
		   int64_t every_secs, const char *via, int64_t now, int64_t *id);

/* Remove the source whose id or URL is key (its item bookkeeping goes with it; stored
 * documents stay).  SR_OK, SR_ENOTFOUND, SR_EDB. */
int sr_sources_remove(sr_store *s, const char *key);

/* The sources with next_due <= due (due = INT64_MAX: all), by next_due.  Arena memory.
 * SR_OK, SR_ENOMEM, SR_EDB. */
int sr_sources_list(sr_store *s, int64_t due, sr_arena *a, sr_source **v, size_t *n);

/* The earliest next_due of all sources; SR_ENOTFOUND when there are none. */
int sr_sources_next_due(sr_store *s, int64_t *t);

/* Record a poll: ok = 1 (etag and last_modified replace the stored ones when not NULL),
 * or ok = 0 with error (failures counted).  next_due is set as given.  SR_OK, SR_EDB. */
int sr_sources_record(sr_store *s, int64_t id, int64_t now, int ok, const char *error,
		      const char *etag, const char *last_modified, int64_t next_due);

/* 1 when source id already listed url (and it needs no new attempt: a 'failed' item is
 * tried up to SR_SOURCES_MAX_ATTEMPTS times), 0 when not, < 0 on error. */
int sr_sources_item_known(sr_store *s, int64_t id, const char *url);

/* The id of the stored document with uri, 0 when none, < 0 on error. */
int64_t sr_sources_document(sr_store *s, const char *uri);

/* Record item url of source id (insert or update).  published/fetched_at/doc_id 0 = NULL. */
int sr_sources_item_put(sr_store *s, int64_t id, const char *url, int64_t published,
			int64_t now, int64_t fetched_at, int64_t doc_id, const char *status);

/* The sources with their health as a JSON array: every column above plus items_24h,
 * items_7d (items first seen in those windows), stored_7d, delay_median_secs (median of
 * fetch time minus publication time over the last 7 days' items, or null).  SR_OK, SR_EDB,
 * SR_ENOMEM. */
int sr_sources_health_json(sr_store *s, int64_t now, sr_buf *out);

#endif
