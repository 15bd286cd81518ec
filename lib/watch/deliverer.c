/*
 * deliverer.c - webhook delivery in a background thread (see deliverer.h).
 */
#include "watch/deliverer.h"

#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/err.h"
#include "base/log.h"
#include "store/store.h"
#include "store/watch_store.h"
#include "watch/webhook.h"

struct sr_deliverer {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	sr_flag stop; /* read by the transfer's progress callback */
	int poked;
	int interval_ms;
	char *db_path;
	sr_webhook hook;
};

static void deadline_after(struct timespec *ts, int ms)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

static void *run(void *ud)
{
	sr_deliverer *d = ud;
	sr_store *st = NULL;
	char err[512];
	int warned = 0;
	for (;;) {
		pthread_mutex_lock(&d->mu);
		if (!d->stop && !d->poked) {
			struct timespec ts;
			deadline_after(&ts, d->interval_ms);
			while (!d->stop && !d->poked &&
			       pthread_cond_timedwait(&d->cv, &d->mu, &ts) != ETIMEDOUT)
				;
		}
		d->poked = 0;
		int stop = d->stop;
		pthread_mutex_unlock(&d->mu);
		if (stop)
			break;
		if (!st && sr_store_open(&st, d->db_path, 0, err, sizeof(err)) != SR_OK) {
			st = NULL;
			if (!warned++)
				sr_log_warn("webhooks: %s (trying again)", err);
			continue;
		}
		int ok = 0, bad = 0;
		if (sr_watch_deliver(st, (int64_t)time(NULL), sr_webhook_post, &d->hook, &ok, &bad)) {
			sr_log_warn("webhooks: %s (trying again)", sr_store_errmsg(st));
			continue;
		}
		if (ok || bad)
			sr_log_info("webhooks: %d delivered, %d failed (retried later, dead letter after %d tries)",
				    ok, bad, SR_WATCH_MAX_ATTEMPTS);
	}
	sr_store_close(st);
	return NULL;
}

int sr_deliverer_start(sr_deliverer **out, const char *db_path, const sr_deliverer_opts *o)
{
	*out = NULL;
	sr_deliverer *d = calloc(1, sizeof(*d));
	if (!d || !(d->db_path = strdup(db_path))) {
		free(d);
		return SR_ENOMEM;
	}
	d->interval_ms = o && o->interval_ms > 0 ? o->interval_ms : 5000;
	d->hook.timeout_ms = o ? o->timeout_ms : 0;
	d->hook.agent = o ? o->agent : NULL;
	d->hook.stop = &d->stop;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		free(d->db_path);
		free(d);
		return SR_ENOMEM;
	}
	pthread_mutex_init(&d->mu, NULL);
	pthread_cond_init(&d->cv, NULL);
	if (pthread_create(&d->thread, NULL, run, d)) {
		pthread_mutex_destroy(&d->mu);
		pthread_cond_destroy(&d->cv);
		curl_global_cleanup();
		free(d->db_path);
		free(d);
		return SR_EIO;
	}
	*out = d;
	return SR_OK;
}

void sr_deliverer_poke(sr_deliverer *d)
{
	if (!d)
		return;
	pthread_mutex_lock(&d->mu);
	d->poked = 1;
	pthread_cond_signal(&d->cv);
	pthread_mutex_unlock(&d->mu);
}

void sr_deliverer_stop(sr_deliverer *d)
{
	if (!d)
		return;
	pthread_mutex_lock(&d->mu);
	d->stop = 1;
	pthread_cond_signal(&d->cv);
	pthread_mutex_unlock(&d->mu);
	pthread_join(d->thread, NULL);
	pthread_mutex_destroy(&d->mu);
	pthread_cond_destroy(&d->cv);
	curl_global_cleanup();
	free(d->db_path);
	free(d);
}
