/*
 * poller.h - polling the registered sources: one round fetches every due source
 * (conditional GET with its stored validators), offers a feed's items and a sitemap's URLs
 * not listed before, fetches their pages politely (source/fetch.h), and runs each page
 * through the pipeline into the store and its story.  When an item's page cannot be had
 * (error, 4xx/5xx, robots.txt), the item is stored from the feed's own content
 * (documents.content_type SR_POLL_FEED_ITEM).  A page already in the store is not fetched
 * again unless refetch.
 *
 * The store is reached through a lock: every fetch result is handled as one unit, inside
 * lock() ... unlock(), which hand out the store (with a transaction begun) and the story
 * stage to use.  `sitrep poll` locks its own connection; `sitrep serve --poll` locks the
 * server's one writer, so that polling and the API's ingest share one transaction order
 * and one story clusterer, and the write lock is never held across network waits.
 *
 * Threads: a poller is used by one thread at a time; libcurl's multi interface keeps many
 * transfers in flight from that thread.
 */
#ifndef SR_POLLER_H
#define SR_POLLER_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "source/fetch.h"
#include "store/store.h"
#include "store/stories.h"

#define SR_POLL_FEED_ITEM "application/x-feed-item"

typedef struct sr_poll_counts {
	size_t sources, not_modified, source_errors, items_new, pages, from_feed, known, failed,
		robots;
} sr_poll_counts;

typedef struct sr_poller_opts {
	sr_fetch_opts fetch;
	int refetch;  /* fetch listed pages again even when stored */
	/* Begin a unit: *st and *stories to use until unlock (a transaction begun on *st).
	 * SR_OK or an SR_E* code (the unit is then skipped). */
	int (*lock)(void *ctx, sr_store **st, sr_story_stage **stories);
	/* End a unit: commit when commit, else roll back.  SR_OK or SR_EDB. */
	int (*unlock)(void *ctx, int commit);
	void *ctx;
} sr_poller_opts;

typedef struct sr_poller sr_poller;

/* A poller over the lock in o (copied; its strings must outlive the poller).  SR_OK,
 * SR_EINVAL (no lock/unlock), SR_ENOMEM. */
int sr_poller_new(sr_poller **out, const sr_poller_opts *o);
void sr_poller_free(sr_poller *p);

/* One round over the sources due now; returns when every transfer has finished or *stop
 * becomes non-zero.  Counts into *c (zeroed first).  SR_OK (source and page failures are
 * counted, not returned), SR_EDB / SR_ENOMEM / SR_EIO when the store or the fetcher fails. */
int sr_poller_round(sr_poller *p, const sr_flag *stop, sr_poll_counts *c);

/* When the next source falls due (unix seconds).  SR_OK, SR_ENOTFOUND (no sources),
 * SR_EDB. */
int sr_poller_next_due(sr_poller *p, int64_t *due);

/* A lock over one store connection and story stage that the caller owns: a transaction
 * per unit.  Pass sr_poll_own_lock / sr_poll_own_unlock with a sr_poll_own as ctx. */
typedef struct sr_poll_own {
	sr_store *store;
	sr_story_stage *stories;
} sr_poll_own;
int sr_poll_own_lock(void *ctx, sr_store **st, sr_story_stage **stories);
int sr_poll_own_unlock(void *ctx, int commit);

#endif
