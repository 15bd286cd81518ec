/*
 * deliverer.h - webhook delivery in a background thread, for the long-running processes
 * (`sitrep serve`, `sitrep poll` without --once).
 *
 * The thread opens its own connection to the store, and every interval (or at once when
 * poked, as after a poll round) posts the pending alerts (sr_watch_deliver with
 * sr_webhook_post): outside any transaction, one claim per alert, so ingestion and the
 * API never wait on a webhook, and two processes never post one alert twice.  Failures
 * are retried with backoff and end as dead letters (store/watch_store.h).
 */
#ifndef SR_DELIVERER_H
#define SR_DELIVERER_H

typedef struct sr_deliverer sr_deliverer;

typedef struct sr_deliverer_opts {
	int interval_ms;         /* between rounds (0: 5000) */
	long timeout_ms;         /* per post (0: 10000) */
	const char *agent;       /* User-Agent (NULL: "sitrep (webhook)") */
} sr_deliverer_opts;

/* Start the thread over the store at db_path (which must exist).  o may be NULL.  SR_OK,
 * SR_ENOMEM, or SR_EIO when the thread cannot start. */
int sr_deliverer_start(sr_deliverer **out, const char *db_path, const sr_deliverer_opts *o);

/* Run a round now (new alerts were stored).  NULL is a no-op. */
void sr_deliverer_poke(sr_deliverer *d);

/* Stop: a post in flight is abandoned (its alert stays due), the thread joined, the
 * connection closed.  NULL is a no-op. */
void sr_deliverer_stop(sr_deliverer *d);

#endif
