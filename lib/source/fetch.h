/*
 * fetch.h - polite HTTP fetching with libcurl's multi interface.
 *
 * A fetcher holds a queue of requests and runs them many hosts at once, while keeping
 * to the rules of a polite crawler:
 *   - per host (scheme + host + port): at most per_host requests in flight, and at least
 *     host_delay seconds between the starts of two requests (a robots.txt Crawl-delay,
 *     capped at 60 s, raises it);
 *   - robots.txt is fetched once per host (cached for the fetcher's life, at most 24 h)
 *     before any other request to it; a disallowed URL is not fetched (res.robots_denied).
 *     A robots.txt answering 4xx allows everything; 5xx or no answer disallows everything
 *     for this run (RFC 9309);
 *   - an honest User-Agent: "sitrep/VERSION (+CONTACT)";
 *   - conditional GET: the caller's ETag / Last-Modified are sent, and a 304 comes back as
 *     not_modified with no body;
 *   - only http and https, also across redirects (at most max_redirects); compressed
 *     responses accepted (gzip, deflate, br, zstd as libcurl supports) and decoded;
 *   - connect and total timeouts; a body over max_size aborts the transfer (SR_ETOOBIG);
 *   - 5xx, 429 and network failures are retried up to max_retries times with exponential
 *     backoff (backoff, 2 backoff, 4 backoff, ... seconds), or after the Retry-After the
 *     server gave (seconds or an HTTP date) when that is longer; a Retry-After beyond
 *     max_retry_after gives up at once, with the wait in the error.
 * Results are handed to the caller's callback, in the thread that runs the fetcher, as
 * transfers finish; the callback may queue more requests.  Memory: one body buffer per
 * transfer in flight plus the queue; nothing grows with the number of finished requests.
 * Not thread-safe: one fetcher per thread.
 */
#ifndef SR_FETCH_H
#define SR_FETCH_H

#include <stddef.h>
#include <stdint.h>

#include "base/flag.h"

#define SR_FETCH_ERR_MAX 256

typedef struct sr_fetch_opts {
	const char *agent_version; /* "0.1.0" (NULL: "0") */
	const char *contact;       /* URL or mail for the User-Agent (NULL: https://example.invalid/sitrep) */
	int per_host;              /* concurrent requests per host (0: 2) */
	double host_delay;         /* seconds between request starts per host (< 0: 1.0) */
	int max_total;             /* concurrent requests in all (0: 64) */
	long connect_timeout_ms;   /* 0: 10000 */
	long timeout_ms;           /* whole transfer (0: 60000) */
	size_t max_size;           /* body cap in bytes after decoding (0: 16 MiB) */
	int max_redirects;         /* < 0: 5 */
	int max_retries;           /* < 0: 3 */
	double backoff;            /* first retry delay in seconds (<= 0: 1.0) */
	double max_retry_after;    /* longest Retry-After honoured (<= 0: 120 s) */
	int ignore_robots;         /* 1: do not fetch or apply robots.txt (tests only) */
} sr_fetch_opts;

/* Defaults as described above. */
void sr_fetch_opts_init(sr_fetch_opts *o);

typedef struct sr_fetch_req {
	const char *url;           /* absolute http(s) URL */
	const char *etag;          /* If-None-Match, or NULL */
	const char *last_modified; /* If-Modified-Since, or NULL */
	void *user;                /* handed back in the result */
	int64_t tag;               /* handed back in the result */
} sr_fetch_req;

typedef struct sr_fetch_res {
	const char *url;           /* as requested */
	void *user;
	int64_t tag;
	int rc;                    /* SR_OK when an HTTP response came (any status), else an
				    * SR_E* code: SR_EIO network/timeout, SR_ETOOBIG size cap,
				    * SR_EINVAL bad URL or robots.txt forbids it */
	long status;               /* final HTTP status, 0 when none */
	int not_modified;          /* 304 */
	int robots_denied;
	const char *final_url;     /* after redirects */
	const char *content_type;  /* or NULL */
	const char *etag;          /* validators of this response, or NULL */
	const char *last_modified;
	const char *body;          /* decoded body (NUL-terminated), body_len bytes */
	size_t body_len;
	int attempts;
	double seconds;            /* from the first start to the end */
	char error[SR_FETCH_ERR_MAX]; /* when rc != SR_OK or status >= 400 */
} sr_fetch_res;

typedef struct sr_fetcher sr_fetcher;

/* The callback: res and its strings are valid during the call only. */
typedef void (*sr_fetch_cb)(void *ctx, const sr_fetch_res *res);

/* NULL when out of memory or libcurl cannot start.  o may be NULL for the defaults. */
sr_fetcher *sr_fetcher_new(const sr_fetch_opts *o);
void sr_fetcher_free(sr_fetcher *f);

/* Queue a request (strings are copied).  SR_OK, SR_ENOMEM, SR_EINVAL (not http/https;
 * the request is then not queued). */
int sr_fetcher_add(sr_fetcher *f, const sr_fetch_req *req);

/* Number of requests queued or in flight. */
size_t sr_fetcher_pending(const sr_fetcher *f);

/* Run until every request has finished (the callback is called once for each), or until
 * *stop becomes non-zero (stop may be NULL): what is in flight is then abandoned without
 * callbacks.  SR_OK, SR_EINTR (stopped), SR_ENOMEM, SR_EIO (libcurl failed). */
int sr_fetcher_run(sr_fetcher *f, sr_fetch_cb cb, void *ctx, const sr_flag *stop);

/* Drop every request still queued or in flight (after a stopped or failed run), calling
 * drop(ctx, user, tag) for each one the caller added, so that it can free what user holds;
 * drop may be NULL.  The fetcher is then empty and can run again. */
void sr_fetcher_cancel(sr_fetcher *f, void (*drop)(void *ctx, void *user, int64_t tag), void *ctx);

/* Counters for benchmarks: requests started, retries, robots.txt fetched, peak number of
 * transfers in flight, peak in flight to one host. */
typedef struct sr_fetch_stats {
	uint64_t started, retries, robots_fetched;
	int peak_active, peak_host_active;
} sr_fetch_stats;
void sr_fetcher_stats(const sr_fetcher *f, sr_fetch_stats *out);

#endif
