/*
 * server_int.h - what the server's modules share (private to lib/server).
 *
 *   server.c   the daemon: listening, the request life cycle, limits, the token, answers
 *              with their headers, the store connections
 *   api.c      the route table and the /api handlers
 *   openapi.c  /api/openapi.json, generated from the route table
 *   static.c   the embedded static files
 *   http.c     parsing of paths, queries, ids and tokens (pure)
 */
#ifndef SR_SERVER_INT_H
#define SR_SERVER_INT_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "server/http.h"
#include "server/server.h"
#include "store/store.h"

#define SR_API_PAGE_MAX 100        /* most search hits per page */
#define SR_API_OFFSET_MAX 100000   /* deepest search offset */
#define SR_SERVER_SMALL_BODY 65536 /* body bytes a route without a body tolerates */
#define SR_RESP_MAX_HEADERS 4

/* One answer being built by a handler.  The body is JSON unless type says otherwise. */
typedef struct sr_resp {
	int status;                 /* 0 until a handler answers */
	const char *type;           /* Content-Type (static string, or type_buf) */
	char type_buf[96];
	sr_buf body;                /* owned; or */
	const unsigned char *data;  /* persistent bytes (embedded files), len bytes */
	size_t len;
	const char *csp;            /* Content-Security-Policy override, or NULL */
	const char *cache;          /* Cache-Control (static string) */
	size_t n_hdr;
	struct {
		const char *name;
		char value[200];
	} hdr[SR_RESP_MAX_HEADERS];
} sr_resp;

typedef struct sr_route sr_route;

/* One request, from its first byte to the answer. */
typedef struct sr_req {
	struct MHD_Connection *conn;
	char *target;               /* the raw request-target, or NULL when over the cap */
	size_t target_len;
	const char *method;
	const char *query;          /* raw query string (into target), or NULL */
	size_t query_len;
	sr_buf path;                /* the decoded path */
	const sr_route *route;      /* NULL: a static file or an early answer */
	sr_http_caps caps;
	sr_buf body;                /* capped at the route's limit */
	int started, body_too_big;
	double t0;                  /* monotonic seconds, for the access log */
	sr_resp resp;
} sr_req;

enum {
	SR_ROUTE_WRITE = 1, /* needs the write token */
	SR_ROUTE_BODY = 2,  /* reads a request body (up to the server's max_body) */
	SR_ROUTE_JSON = 4,  /* reads a JSON object as its body (up to SR_SERVER_SMALL_BODY);
	                     * body_schema describes it */
};

typedef struct sr_route_param {
	const char *name;
	const char *in;          /* "query" or "path" */
	int required;
	const char *schema;      /* JSON Schema (OpenAPI 3.0 subset), verbatim */
	const char *description;
} sr_route_param;

typedef struct sr_route_resp {
	int status;
	const char *type;        /* media type, or NULL for no body */
	const char *schema;      /* JSON Schema, verbatim, or NULL */
	const char *description;
} sr_route_resp;

struct sr_route {
	const char *method;      /* "GET" (HEAD is served too), "POST" or "DELETE"; NULL ends
	                          * the table */
	const char *pattern;     /* "/api/articles/{id}" (see sr_http_match) */
	void (*fn)(sr_server *s, sr_req *rq);
	unsigned flags;
	const char *op_id;       /* OpenAPI operationId */
	const char *summary;
	const char *body_types;  /* for SR_ROUTE_BODY: accepted media types, comma-separated */
	const sr_route_param *params;    /* terminated by a NULL name; may be NULL */
	const sr_route_resp *responses;  /* terminated by status 0 */
	const char *body_schema; /* for SR_ROUTE_JSON: the body's JSON Schema, with an example */
};

/* The route table (api.c). */
extern const sr_route sr_routes[];

/* server.c: the server's state the handlers read. */
const sr_server_opts *sr_server_options(const sr_server *s);
size_t sr_server_max_body(const sr_server *s);

/* A read-only store connection for this request (give it back before answering), or NULL
 * with a 503 answer in rq->resp. */
sr_store *sr_server_borrow(sr_server *s, sr_req *rq);
void sr_server_give_back(sr_server *s, sr_store *st);

/* Run fn(store, ctx) on the writer connection inside one transaction, holding the write
 * lock; commits when fn returns >= 0, rolls back otherwise.  Returns fn's result, or an
 * SR_E* code with an answer in rq->resp (503 when the database stayed busy). */
int sr_server_write(sr_server *s, sr_req *rq, int (*fn)(sr_store *st, void *ctx), void *ctx);

/* The writer's story stage (store/stories.h), for fn of sr_server_write only (it runs
 * under the write lock); NULL when it cannot be opened. */
struct sr_story_stage;
struct sr_story_stage *sr_server_story_stage(sr_server *s);

/* A request header's value, or NULL. */
const char *sr_req_header(sr_req *rq, const char *name);

/* Decode query parameter name into out (see sr_http_query_get): 1 found, 0 absent; on a
 * malformed or too long value, a 400 answer is set and a negative code returned. */
int sr_req_param(sr_req *rq, const char *name, sr_buf *out);

/* Answers.  sr_resp_json starts a JSON answer: body is empty and ready for sr_jw. */
void sr_resp_json(sr_resp *r, int status);
void sr_resp_error(sr_resp *r, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A 400 for a malformed query: the error object also holds the column. */
void sr_resp_query_error(sr_resp *r, int column, const char *message);
/* 500, or 503 with Retry-After when the database was busy or locked. */
void sr_resp_db_error(sr_resp *r, sr_store *st);
/* Add a header (at most SR_RESP_MAX_HEADERS; the value is truncated to fit). */
void sr_resp_header(sr_resp *r, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* openapi.c: the OpenAPI 3.0 description of sr_routes as JSON into out. */
int sr_openapi_json(const sr_route *routes, const char *version, sr_buf *out);

#endif
