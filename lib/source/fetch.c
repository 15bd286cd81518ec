/*
 * fetch.c - the polite libcurl multi fetcher (see fetch.h).
 *
 * Requests live in a pool of slots (individually allocated, so pointers handed to libcurl
 * stay valid); each host keeps a FIFO of its queued slots.  One loop starts whatever the
 * politeness rules allow, lets libcurl work, hands finished transfers to the callback or
 * re-queues them for a retry, and sleeps in curl_multi_poll until the next transfer ends
 * or the next host may be contacted.
 */
#include "source/fetch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/hash.h"
#include "base/hmap.h"
#include "source/robots.h"

#define ROBOTS_TTL (24.0 * 3600)
#define ROBOTS_MAX ((size_t)512 * 1024)
#define MAX_CRAWL_DELAY 60.0

enum { ROBOTS_UNKNOWN = 0, ROBOTS_FETCHING = 1, ROBOTS_READY = 2 };

typedef struct host {
	char *key;        /* scheme://host:port */
	int active;
	double next_start;
	double delay;
	int robots_state;
	double robots_at;
	int deny_all;
	char deny_why[160]; /* why robots.txt could not be read */
	sr_arena arena;   /* the parsed robots.txt */
	sr_robots robots;
	int have_robots;
	int qhead, qtail, queued;
} host;

typedef struct req {
	int in_use;
	int index;         /* its slot */
	char *url, *etag, *lm;
	void *user;
	int64_t tag;
	int host;
	int next;          /* next slot in the host's queue, -1 at the end */
	int attempts;
	double not_before; /* monotonic seconds */
	double t0;
	int is_robots;
	CURL *easy;
	struct curl_slist *hdrs;
	sr_buf body;
	int too_big;
	char resp_etag[256];
	char resp_lm[128];
	double retry_after; /* seconds, < 0 when none */
	char errbuf[CURL_ERROR_SIZE];
} req;

struct sr_fetcher {
	sr_fetch_opts o;
	char ua[512];
	CURLM *multi;
	req **slots;
	size_t n_slots, cap_slots;
	int *free_list;
	size_t n_free;
	host *hosts;
	size_t n_hosts, cap_hosts;
	sr_hmap host_index;
	int active;
	size_t pending;
	sr_fetch_stats stats;
};

static double mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void sr_fetch_opts_init(sr_fetch_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->per_host = 2;
	o->host_delay = 1.0;
	o->max_total = 64;
	o->connect_timeout_ms = 10000;
	o->timeout_ms = 60000;
	o->max_size = (size_t)16 << 20;
	o->max_redirects = 5;
	o->max_retries = 3;
	o->backoff = 1.0;
	o->max_retry_after = 120;
}

sr_fetcher *sr_fetcher_new(const sr_fetch_opts *o)
{
	/* reference-counted and thread-safe since libcurl 7.84; paired in sr_fetcher_free */
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return NULL;
	sr_fetcher *f = calloc(1, sizeof(*f));
	if (!f) {
		curl_global_cleanup();
		return NULL;
	}
	sr_fetch_opts_init(&f->o);
	if (o) {
		f->o = *o;
		if (f->o.per_host <= 0)
			f->o.per_host = 2;
		if (f->o.host_delay < 0)
			f->o.host_delay = 1.0;
		if (f->o.max_total <= 0)
			f->o.max_total = 64;
		if (f->o.connect_timeout_ms <= 0)
			f->o.connect_timeout_ms = 10000;
		if (f->o.timeout_ms <= 0)
			f->o.timeout_ms = 60000;
		if (!f->o.max_size)
			f->o.max_size = (size_t)16 << 20;
		if (f->o.max_redirects < 0)
			f->o.max_redirects = 5;
		if (f->o.max_retries < 0)
			f->o.max_retries = 3;
		if (f->o.backoff <= 0)
			f->o.backoff = 1.0;
		if (f->o.max_retry_after <= 0)
			f->o.max_retry_after = 120;
	}
	snprintf(f->ua, sizeof(f->ua), "sitrep/%s (+%s)", f->o.agent_version ? f->o.agent_version : "0",
		 f->o.contact ? f->o.contact : "https://example.invalid/sitrep");
	f->o.agent_version = NULL;
	f->o.contact = NULL;
	sr_hmap_init(&f->host_index);
	if (!(f->multi = curl_multi_init())) {
		free(f);
		curl_global_cleanup();
		return NULL;
	}
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)f->o.max_total);
	return f;
}

static void req_clear(req *r)
{
	free(r->url);
	free(r->etag);
	free(r->lm);
	if (r->hdrs)
		curl_slist_free_all(r->hdrs);
	sr_buf_release(&r->body);
	memset(r, 0, sizeof(*r));
}

void sr_fetcher_free(sr_fetcher *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n_slots; i++) {
		req *r = f->slots[i];
		if (r->easy) {
			curl_multi_remove_handle(f->multi, r->easy);
			curl_easy_cleanup(r->easy);
		}
		req_clear(r);
		free(r);
	}
	free(f->slots);
	free(f->free_list);
	for (size_t i = 0; i < f->n_hosts; i++) {
		free(f->hosts[i].key);
		sr_arena_release(&f->hosts[i].arena);
	}
	free(f->hosts);
	sr_hmap_release(&f->host_index);
	curl_multi_cleanup(f->multi);
	free(f);
	curl_global_cleanup();
}

size_t sr_fetcher_pending(const sr_fetcher *f) { return f->pending; }

void sr_fetcher_stats(const sr_fetcher *f, sr_fetch_stats *out) { *out = f->stats; }

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* The host key "scheme://host:port" of url, into key; SR_EINVAL when not http(s). */
static int host_key(const char *url, char *key, size_t n)
{
	CURLU *u = curl_url();
	if (!u)
		return SR_ENOMEM;
	int rc = SR_EINVAL;
	char *scheme = NULL, *hostname = NULL, *port = NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK)
		goto out;
	if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &hostname, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK)
		goto out;
	if (strcasecmp(scheme, "http") != 0 && strcasecmp(scheme, "https") != 0)
		goto out;
	snprintf(key, n, "%s://%s:%s", scheme, hostname, port);
	for (char *p = key; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	rc = SR_OK;
out:
	curl_free(scheme);
	curl_free(hostname);
	curl_free(port);
	curl_url_cleanup(u);
	return rc;
}

static int host_get(sr_fetcher *f, const char *key)
{
	uint64_t h = sr_hash64(key, strlen(key), 0x5173) | 1;
	uint64_t *v = sr_hmap_get(&f->host_index, h);
	if (v && strcmp(f->hosts[*v].key, key) == 0)
		return (int)*v;
	if (v) {
		/* a 64-bit collision: fall back to a scan */
		for (size_t i = 0; i < f->n_hosts; i++)
			if (strcmp(f->hosts[i].key, key) == 0)
				return (int)i;
	}
	if (f->n_hosts == f->cap_hosts) {
		size_t nc = f->cap_hosts ? f->cap_hosts * 2 : 16;
		host *nh = realloc(f->hosts, nc * sizeof(*nh));
		if (!nh)
			return SR_ENOMEM;
		f->hosts = nh;
		f->cap_hosts = nc;
	}
	host *ho = &f->hosts[f->n_hosts];
	memset(ho, 0, sizeof(*ho));
	if (!(ho->key = strdup(key)))
		return SR_ENOMEM;
	ho->delay = f->o.host_delay;
	ho->qhead = ho->qtail = -1;
	sr_arena_init(&ho->arena, (size_t)4 << 20);
	if (!v) {
		int ins;
		uint64_t *slot = sr_hmap_put(&f->host_index, h, &ins);
		if (!slot) {
			free(ho->key);
			return SR_ENOMEM;
		}
		*slot = f->n_hosts;
	}
	return (int)f->n_hosts++;
}

static int slot_new(sr_fetcher *f)
{
	if (f->n_free)
		return f->free_list[--f->n_free];
	if (f->n_slots == f->cap_slots) {
		size_t nc = f->cap_slots ? f->cap_slots * 2 : 64;
		req **ns = realloc(f->slots, nc * sizeof(*ns));
		if (!ns)
			return SR_ENOMEM;
		f->slots = ns;
		int *nf = realloc(f->free_list, nc * sizeof(*nf));
		if (!nf)
			return SR_ENOMEM;
		f->free_list = nf;
		f->cap_slots = nc;
	}
	req *r = calloc(1, sizeof(*r));
	if (!r)
		return SR_ENOMEM;
	f->slots[f->n_slots] = r;
	r->index = (int)f->n_slots;
	return (int)f->n_slots++;
}

static void slot_free(sr_fetcher *f, int i)
{
	req_clear(f->slots[i]);
	f->slots[i]->index = i;
	f->free_list[f->n_free++] = i;
}

static void enqueue(sr_fetcher *f, int i, int front)
{
	req *r = f->slots[i];
	host *h = &f->hosts[r->host];
	r->next = -1;
	if (h->qhead < 0) {
		h->qhead = h->qtail = i;
	} else if (front) {
		r->next = h->qhead;
		h->qhead = i;
	} else {
		f->slots[h->qtail]->next = i;
		h->qtail = i;
	}
	h->queued++;
}

static int add(sr_fetcher *f, const sr_fetch_req *q, int is_robots, int host_idx)
{
	char key[1024];
	int rc;
	if (!q->url || (rc = host_key(q->url, key, sizeof(key))))
		return SR_EINVAL;
	int hi = host_idx >= 0 ? host_idx : host_get(f, key);
	if (hi < 0)
		return hi;
	int i = slot_new(f);
	if (i < 0)
		return i;
	req *r = f->slots[i];
	r->in_use = 1;
	r->url = strdup(q->url);
	r->etag = dup_or_null(q->etag);
	r->lm = dup_or_null(q->last_modified);
	r->user = q->user;
	r->tag = q->tag;
	r->host = hi;
	r->is_robots = is_robots;
	r->retry_after = -1;
	sr_buf_init(&r->body, is_robots ? ROBOTS_MAX : f->o.max_size);
	if (!r->url || (q->etag && !r->etag) || (q->last_modified && !r->lm)) {
		slot_free(f, i);
		return SR_ENOMEM;
	}
	enqueue(f, i, is_robots);
	f->pending++;
	return SR_OK;
}

int sr_fetcher_add(sr_fetcher *f, const sr_fetch_req *q)
{
	return add(f, q, 0, -1);
}

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	req *r = ud;
	size_t len = size * n;
	if (sr_buf_append(&r->body, p, len) != SR_OK) {
		r->too_big = 1;
		return 0;
	}
	return len;
}

static void copy_value(char *dst, size_t cap, const char *v, size_t n)
{
	while (n && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' '))
		n--;
	while (n && (*v == ' ' || *v == '\t')) {
		v++;
		n--;
	}
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, v, n);
	dst[n] = '\0';
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
	req *r = ud;
	size_t len = size * n;
	if (len >= 5 && memcmp(p, "HTTP/", 5) == 0) {
		/* a new response (after a redirect or a 100): forget the previous one's */
		r->resp_etag[0] = r->resp_lm[0] = '\0';
		r->retry_after = -1;
		return len;
	}
	const char *colon = memchr(p, ':', len);
	if (!colon)
		return len;
	size_t kl = (size_t)(colon - p);
	const char *v = colon + 1;
	size_t vl = len - kl - 1;
	if (kl == 4 && strncasecmp(p, "etag", 4) == 0) {
		copy_value(r->resp_etag, sizeof(r->resp_etag), v, vl);
	} else if (kl == 13 && strncasecmp(p, "last-modified", 13) == 0) {
		copy_value(r->resp_lm, sizeof(r->resp_lm), v, vl);
	} else if (kl == 11 && strncasecmp(p, "retry-after", 11) == 0) {
		char tmp[128];
		copy_value(tmp, sizeof(tmp), v, vl);
		char *end;
		double s = strtod(tmp, &end);
		if (end != tmp && *end == '\0' && s >= 0) {
			r->retry_after = s;
		} else {
			time_t t = curl_getdate(tmp, NULL);
			if (t != (time_t)-1) {
				double d = difftime(t, time(NULL));
				r->retry_after = d > 0 ? d : 0;
			}
		}
	}
	return len;
}

static int start(sr_fetcher *f, int i, double now)
{
	req *r = f->slots[i];
	host *h = &f->hosts[r->host];
	CURL *e = curl_easy_init();
	if (!e)
		return SR_ENOMEM;
	r->easy = e;
	r->attempts++;
	if (r->attempts == 1)
		r->t0 = now;
	r->too_big = 0;
	r->resp_etag[0] = r->resp_lm[0] = r->errbuf[0] = '\0';
	r->retry_after = -1;
	sr_buf_reset(&r->body);
	curl_easy_setopt(e, CURLOPT_URL, r->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, (void *)r);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, (void *)r);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, (void *)r);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, r->errbuf);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)f->o.max_redirects);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(e, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_USERAGENT, f->ua);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, f->o.connect_timeout_ms);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, f->o.timeout_ms);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
			 (curl_off_t)(r->is_robots ? ROBOTS_MAX : f->o.max_size));
	if (!r->hdrs) {
		char line[600];
		if (r->etag) {
			snprintf(line, sizeof(line), "If-None-Match: %s", r->etag);
			r->hdrs = curl_slist_append(r->hdrs, line);
		}
		if (r->lm) {
			snprintf(line, sizeof(line), "If-Modified-Since: %s", r->lm);
			struct curl_slist *n = curl_slist_append(r->hdrs, line);
			if (n)
				r->hdrs = n;
		}
	}
	if (r->hdrs)
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, r->hdrs);
	if (curl_multi_add_handle(f->multi, e) != CURLM_OK) {
		curl_easy_cleanup(e);
		r->easy = NULL;
		return SR_EIO;
	}
	h->active++;
	h->next_start = now + h->delay;
	f->active++;
	f->stats.started++;
	if (f->active > f->stats.peak_active)
		f->stats.peak_active = f->active;
	if (h->active > f->stats.peak_host_active)
		f->stats.peak_host_active = h->active;
	return SR_OK;
}

static void finish(sr_fetcher *f, int i, sr_fetch_cb cb, void *ctx, sr_fetch_res *res)
{
	req *r = f->slots[i];
	res->url = r->url;
	res->user = r->user;
	res->tag = r->tag;
	res->attempts = r->attempts;
	res->seconds = r->t0 > 0 ? mono() - r->t0 : 0;
	f->pending--;
	if (cb)
		cb(ctx, res);
	slot_free(f, i);
}

static void robots_done(sr_fetcher *f, req *r, long status, int ok, CURLcode code)
{
	host *h = &f->hosts[r->host];
	h->robots_state = ROBOTS_READY;
	h->robots_at = mono();
	h->have_robots = 0;
	h->deny_all = 0;
	sr_arena_reset(&h->arena);
	f->stats.robots_fetched++;
	if (ok && status >= 200 && status < 300) {
		if (sr_robots_parse(r->body.data ? r->body.data : "", r->body.len, "sitrep", r->url,
				    &h->arena, &h->robots) == SR_OK) {
			h->have_robots = 1;
			if (h->robots.crawl_delay > h->delay)
				h->delay = h->robots.crawl_delay < MAX_CRAWL_DELAY ? h->robots.crawl_delay
										   : MAX_CRAWL_DELAY;
		}
	} else if (ok && status >= 400 && status < 500) {
		/* no robots.txt: everything allowed */
	} else {
		h->deny_all = 1;
		if (ok)
			snprintf(h->deny_why, sizeof(h->deny_why), "HTTP %ld", status);
		else
			snprintf(h->deny_why, sizeof(h->deny_why), "%.150s",
				 r->errbuf[0] ? r->errbuf : curl_easy_strerror(code));
	}
}

static int transient(CURLcode c)
{
	return c == CURLE_COULDNT_CONNECT || c == CURLE_OPERATION_TIMEDOUT || c == CURLE_RECV_ERROR ||
	       c == CURLE_SEND_ERROR || c == CURLE_GOT_NOTHING || c == CURLE_PARTIAL_FILE ||
	       c == CURLE_COULDNT_RESOLVE_HOST;
}

static void done(sr_fetcher *f, CURL *e, CURLcode code, sr_fetch_cb cb, void *ctx)
{
	req *r = NULL;
	curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&r);
	int i = r->index;
	long status = 0;
	curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
	host *h = &f->hosts[r->host];
	h->active--;
	f->active--;
	double now = mono();
	sr_fetch_res res;
	memset(&res, 0, sizeof(res));
	if (r->is_robots) {
		robots_done(f, r, status, code == CURLE_OK, code);
		curl_multi_remove_handle(f->multi, e);
		curl_easy_cleanup(e);
		r->easy = NULL;
		f->pending--;
		slot_free(f, i);
		return;
	}
	int retry = (code != CURLE_OK && transient(code)) ||
		    (code == CURLE_OK && (status >= 500 || status == 429));
	if (retry && r->attempts <= f->o.max_retries) {
		double wait = f->o.backoff;
		for (int k = 1; k < r->attempts; k++)
			wait *= 2;
		int give_up = 0;
		if (r->retry_after >= 0) {
			if (r->retry_after > f->o.max_retry_after)
				give_up = 1;
			else if (r->retry_after > wait)
				wait = r->retry_after;
		}
		if (!give_up) {
			curl_multi_remove_handle(f->multi, e);
			curl_easy_cleanup(e);
			r->easy = NULL;
			r->not_before = now + wait;
			f->stats.retries++;
			enqueue(f, i, 0);
			return;
		}
	}
	char *ct = NULL, *eff = NULL;
	curl_easy_getinfo(e, CURLINFO_CONTENT_TYPE, &ct);
	curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &eff);
	res.status = status;
	res.content_type = ct;
	res.final_url = eff ? eff : r->url;
	res.etag = r->resp_etag[0] ? r->resp_etag : NULL;
	res.last_modified = r->resp_lm[0] ? r->resp_lm : NULL;
	if (code == CURLE_OK) {
		res.rc = SR_OK;
		res.not_modified = status == 304;
		res.body = r->body.data ? r->body.data : "";
		res.body_len = r->body.len;
		if (status >= 400) {
			if (status == 429 && r->retry_after > f->o.max_retry_after)
				snprintf(res.error, sizeof(res.error),
					 "HTTP 429: Retry-After %.0f s is beyond the %.0f s limit", r->retry_after,
					 f->o.max_retry_after);
			else if (r->attempts > 1)
				snprintf(res.error, sizeof(res.error), "HTTP %ld after %d attempts", status,
					 r->attempts);
			else
				snprintf(res.error, sizeof(res.error), "HTTP %ld", status);
		}
	} else if (r->too_big || code == CURLE_FILESIZE_EXCEEDED) {
		res.rc = SR_ETOOBIG;
		snprintf(res.error, sizeof(res.error), "response larger than the %zu-byte cap", f->o.max_size);
	} else if (code == CURLE_UNSUPPORTED_PROTOCOL || code == CURLE_TOO_MANY_REDIRECTS) {
		res.rc = SR_EINVAL;
		snprintf(res.error, sizeof(res.error), "%s", r->errbuf[0] ? r->errbuf : curl_easy_strerror(code));
	} else {
		res.rc = SR_EIO;
		snprintf(res.error, sizeof(res.error), "%.200s%s", r->errbuf[0] ? r->errbuf : curl_easy_strerror(code),
			 r->attempts > 1 ? " (after retries)" : "");
	}
	finish(f, i, cb, ctx, &res);
	/* finish() freed the slot; the easy handle is ours to drop */
	curl_multi_remove_handle(f->multi, e);
	curl_easy_cleanup(e);
}

/* The path and query of url, for robots.txt. */
static const char *path_of(const char *url)
{
	const char *p = strstr(url, "://");
	p = p ? strchr(p + 3, '/') : NULL;
	return p ? p : "/";
}

/* Start what may start now; returns the earliest time something else may (or 0). */
static double dispatch(sr_fetcher *f, double now, sr_fetch_cb cb, void *ctx, int *rc)
{
	double next = 0;
	for (size_t hi = 0; hi < f->n_hosts; hi++) {
		for (;;) {
			/* re-read each time: a callback may have grown f->hosts */
			host *h = &f->hosts[hi];
			if (!h->queued || f->active >= f->o.max_total)
				break;
			if (!f->o.ignore_robots &&
			    (h->robots_state == ROBOTS_UNKNOWN ||
			     (h->robots_state == ROBOTS_READY && now - h->robots_at > ROBOTS_TTL))) {
				char url[1100];
				snprintf(url, sizeof(url), "%s/robots.txt", h->key);
				sr_fetch_req q = {.url = url};
				h->robots_state = ROBOTS_FETCHING;
				if ((*rc = add(f, &q, 1, (int)hi)))
					return 0;
			}
			/* the first queued request that may start */
			int prev = -1, i = h->qhead;
			while (i >= 0 && f->slots[i]->not_before > now) {
				prev = i;
				i = f->slots[i]->next;
			}
			if (i < 0) {
				/* all waiting for a retry: wake at the earliest */
				for (int k = h->qhead; k >= 0; k = f->slots[k]->next)
					if (!next || f->slots[k]->not_before < next)
						next = f->slots[k]->not_before;
				break;
			}
			req *r = f->slots[i];
			if (h->robots_state == ROBOTS_FETCHING && !r->is_robots)
				break;
			int denied = !r->is_robots && h->robots_state == ROBOTS_READY &&
				     (h->deny_all || (h->have_robots && !sr_robots_allowed(&h->robots, path_of(r->url))));
			if (!denied && (h->active >= f->o.per_host || now < h->next_start)) {
				if (h->active < f->o.per_host && (!next || h->next_start < next))
					next = h->next_start;
				break;
			}
			/* unlink */
			if (prev < 0)
				h->qhead = r->next;
			else
				f->slots[prev]->next = r->next;
			if (h->qtail == i)
				h->qtail = prev;
			h->queued--;
			if (denied) {
				sr_fetch_res res;
				memset(&res, 0, sizeof(res));
				res.rc = SR_EINVAL;
				res.robots_denied = 1;
				if (h->deny_all)
					snprintf(res.error, sizeof(res.error),
						 "not fetched: the host's robots.txt could not be read (%s)", h->deny_why);
				else
					snprintf(res.error, sizeof(res.error), "disallowed by robots.txt");
				finish(f, i, cb, ctx, &res);
				continue;
			}
			if ((*rc = start(f, i, now)))
				return 0;
		}
	}
	return next;
}

void sr_fetcher_cancel(sr_fetcher *f, void (*drop)(void *ctx, void *user, int64_t tag), void *ctx)
{
	for (size_t i = 0; i < f->n_slots; i++) {
		req *r = f->slots[i];
		if (!r->in_use)
			continue;
		if (r->easy) {
			curl_multi_remove_handle(f->multi, r->easy);
			curl_easy_cleanup(r->easy);
			r->easy = NULL;
		}
		if (r->is_robots)
			f->hosts[r->host].robots_state = ROBOTS_UNKNOWN; /* fetched again next time */
		else if (drop)
			drop(ctx, r->user, r->tag);
		slot_free(f, (int)i);
	}
	for (size_t k = 0; k < f->n_hosts; k++) {
		host *h = &f->hosts[k];
		h->qhead = h->qtail = -1;
		h->queued = 0;
		h->active = 0;
	}
	f->active = 0;
	f->pending = 0;
}

int sr_fetcher_run(sr_fetcher *f, sr_fetch_cb cb, void *ctx, const sr_flag *stop)
{
	int rc = SR_OK;
	while (!(stop && *stop)) {
		double now = mono();
		double next = dispatch(f, now, cb, ctx, &rc);
		if (rc)
			return rc;
		int running = 0;
		if (curl_multi_perform(f->multi, &running) != CURLM_OK)
			return SR_EIO;
		CURLMsg *m;
		int left;
		while ((m = curl_multi_info_read(f->multi, &left))) {
			if (m->msg == CURLMSG_DONE)
				done(f, m->easy_handle, m->data.result, cb, ctx);
		}
		if (!f->pending)
			return SR_OK;
		int wait_ms = 1000;
		if (next > 0) {
			double d = (next - mono()) * 1000.0;
			wait_ms = d < 0 ? 0 : d > 1000 ? 1000 : (int)d + 1;
		}
		if (f->active == 0 && next <= 0 && f->pending) {
			/* queued work that dispatch could start at once (it was just freed) */
			wait_ms = 0;
		}
		if (curl_multi_poll(f->multi, NULL, 0, wait_ms, NULL) != CURLM_OK)
			return SR_EIO;
	}
	return SR_EINTR;
}
