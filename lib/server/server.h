/*
 * server.h - `sitrep serve`: the HTTP JSON API and the embedded static files, on
 * libmicrohttpd.  The routes, their parameters and their answers are listed once, in the
 * table of api.c, from which the server dispatches and /api/openapi.json is generated;
 * docs/API.md describes them for people.
 *
 * Threads: libmicrohttpd's internal polling threads in a fixed pool (MHD thread pool
 * mode); each request is handled start to end on one of them.  Reads go through a pool
 * of read-only store connections, one per thread at most, opened on first use, so a
 * request never shares a connection and never waits for another request's read.  Writes
 * (POST /api/ingest) go through the one read-write connection, serialised by a mutex;
 * extraction runs before the mutex is taken.  The store is in WAL mode, so readers never
 * block the writer and the writer never blocks readers; SQLITE_BUSY between writers
 * (another `sitrep ingest` process) is waited out by the store's 10 s busy timeout and
 * answered 503 with Retry-After when it persists.
 *
 * Safety: listens on loopback unless allow_public; without a token every write route
 * answers 403; with one, writes need "Authorization: Bearer TOKEN" (compared in constant
 * time); every answer of ours carries the security headers (CSP without inline scripts,
 * nosniff, no referrer, no framing); request-targets, bodies, queries and pages have caps.
 */
#ifndef SR_SERVER_H
#define SR_SERVER_H

#include <stddef.h>

#include "server/static.h"

#define SR_SERVER_LISTEN "127.0.0.1:8080"
#define SR_SERVER_BODY_MAX ((size_t)10 * 1000 * 1000) /* default cap on an ingest body */

typedef struct sr_server sr_server;

typedef struct sr_server_opts {
	const char *db_path;       /* the store (must exist unless token is set) */
	const char *listen;        /* "HOST:PORT" or "[V6]:PORT"; NULL: SR_SERVER_LISTEN; port 0
	                            * picks a free port (see sr_server_url) */
	int allow_public;          /* 1: may listen on an address other than loopback */
	const char *token;         /* write token, or NULL: read-only server */
	int threads;               /* worker threads; 0: two per CPU (4..16) */
	size_t max_body;           /* cap on a POST body (0: SR_SERVER_BODY_MAX) */
	const sr_asset *assets;    /* static files (terminated by a NULL path), or NULL */
	const char *version;       /* reported by /api/health and the OpenAPI info */
} sr_server_opts;

/* Open the store, bind and start serving in background threads.  The strings in o must
 * outlive the server.  On failure returns SR_EINVAL (bad listen address, or not loopback
 * without allow_public, or a bad token), SR_EIO (cannot bind), SR_EDB / SR_ENOTFOUND
 * (store), SR_ENOMEM, and writes a one-line reason into err. */
int sr_server_start(sr_server **out, const sr_server_opts *o, char *err, size_t errlen);

/* The base URL it serves, with the port actually bound: "http://127.0.0.1:8080/". */
const char *sr_server_url(const sr_server *s);

/* The writer for work outside requests (`serve --poll`): sr_server_lock_writer takes the
 * write mutex, begins a transaction on the one read-write connection and hands it out with
 * its story stage; sr_server_unlock_writer commits (commit) or rolls back and lets go.  The
 * signatures fit sr_poller_opts (poller.h) with the server as ctx.  SR_OK or SR_EDB (the
 * mutex is not held after a failed lock). */
struct sr_store;
struct sr_story_stage;
int sr_server_lock_writer(void *server, struct sr_store **st, struct sr_story_stage **stories);
int sr_server_unlock_writer(void *server, int commit);

/* Stop accepting, let the requests in flight finish, close the store connections and
 * free the server.  NULL is a no-op. */
void sr_server_stop(sr_server *s);

#endif
