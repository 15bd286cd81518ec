/*
 * watch_store.h - watchlists and their alerts in the store (docs/WATCH.md).
 *
 * Tables (schema version 6, sr_watch_schema_sql):
 *   watchlists(id, name UNIQUE, query, webhook, created)
 *   alerts(id, watchlist_id, article_id, created, delivery, attempts, next_try, last_error),
 *     UNIQUE(watchlist_id, article_id); delivery: 0 no webhook, 1 pending, 2 delivered,
 *     3 dead letter (given up after SR_WATCH_MAX_ATTEMPTS failures; last_error says why)
 *   watch_meta(version): bumped by triggers on every change to watchlists, so a writer
 *     knows when to reload its percolator with one cheap read per article.
 *
 * Writer side: sr_watch_stage_article percolates one placed article (watch/percolate.h)
 * against every watchlist and records the alerts, inside the writer's transaction.  The
 * stage is opened lazily (*ws NULL at first) and reloads the watchlists when watch_meta
 * changes.  Not thread-safe: the writer's thread only.
 */
#ifndef SR_WATCH_STORE_H
#define SR_WATCH_STORE_H

#include <stdint.h>

#include "base/buf.h"
#include "query/query.h"
#include "store/store.h"

extern const char sr_watch_schema_sql[];

#define SR_WATCH_MAX_ATTEMPTS 5 /* webhook tries before the dead letter */
#define SR_WATCH_NAME_MAX 100

typedef struct sr_watch_stage sr_watch_stage;

/* Percolate stored article id against the watchlists; insert an alert per match (an
 * article already alerted for a watchlist is not alerted again).  *ws is opened on first
 * use and must be released with sr_watch_stage_close.  SR_OK, SR_ENOMEM or SR_EDB. */
int sr_watch_stage_article(sr_watch_stage **ws, sr_store *s, int64_t id);
void sr_watch_stage_close(sr_watch_stage *ws);
/* Alerts inserted by this stage so far. */
int64_t sr_watch_stage_alerts(const sr_watch_stage *ws);

/* Add a watchlist.  The query is compiled first, as the percolator compiles it (watch/
 * percolate.h): SR_EPARSE / SR_ETOOBIG with err filled;
 * SR_EINVAL for a bad name (empty, too long, control characters) or a webhook that is not
 * http(s)://; SR_EPARSE with err->column 0 and a message when the name is taken. */
int sr_watch_add(sr_store *s, const char *name, const char *query, const char *webhook,
		 sr_query_error *err);
/* Remove a watchlist and its alerts.  SR_ENOTFOUND when there is none. */
int sr_watch_remove(sr_store *s, const char *name);
/* The query of watchlist name into out.  SR_ENOTFOUND when there is none. */
int sr_watch_query(sr_store *s, const char *name, sr_buf *out);
/* {"watchlists":[{id,name,query,webhook,created,alerts,last_alert}]} by name. */
int sr_watch_list_json(sr_store *s, sr_buf *out);

typedef struct sr_alert {
	int64_t id, watchlist_id, article_id, created, time;
	const char *watchlist, *title, *url, *site_name, *published;
	int delivery, attempts;
} sr_alert;

typedef struct sr_alert_opts {
	const char *watch;  /* one watchlist by name, or NULL for all */
	int64_t since;      /* alerts created at or after (unix seconds), 0 = all */
	int64_t after_id;   /* alerts with a greater id (for --follow), 0 = all */
	int limit;          /* 0 = 100 */
} sr_alert_opts;

/* Alerts newest first (oldest first when after_id > 0), fn called for each (the strings
 * live until fn returns).  SR_OK, SR_ENOTFOUND (no such watchlist), SR_EDB, or fn's
 * non-zero return. */
int sr_alerts_each(sr_store *s, const sr_alert_opts *o, int (*fn)(void *ctx, const sr_alert *a),
		   void *ctx);

/* Deliver the pending webhook alerts due at now: post(ctx, url, json body, err, errlen)
 * returns 0 on success (a 2xx answer), < 0 on failure, > 0 when it gave up without an
 * outcome (the process is stopping: the alert stays due, no attempt counted, and this
 * call returns).  A failure is retried with backoff (1 min, 5 min, 25 min...) and after
 * SR_WATCH_MAX_ATTEMPTS becomes a dead letter.  Each alert is claimed (for 5 minutes)
 * before its post, so that processes delivering at once never post one alert twice.
 * Counts into *delivered and *failed.  SR_OK or SR_EDB. */
typedef int (*sr_watch_post_fn)(void *ctx, const char *url, const char *body, char *err, size_t errlen);
int sr_watch_deliver(sr_store *s, int64_t now, sr_watch_post_fn post, void *ctx, int *delivered,
		     int *failed);

#endif
