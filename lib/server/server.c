/*
 * server.c - the daemon: listening, the life of a request, limits, the token, answers
 * and their headers, the store connections (see server.h).
 *
 * A request's life (libmicrohttpd calls us back at each step):
 *   1. on_uri: the raw request-target arrives; an sr_req is created for it.
 *   2. on_request, first call (headers read): the path is decoded and matched against the
 *      route table; the token is checked for write routes and the announced body size
 *      against the route's cap.  A refusal is answered at once, before any body is read.
 *   3. on_request, body calls: the body is appended to a capped buffer (past the cap the
 *      rest is read and dropped, then answered 413).
 *   4. on_request, last call: the handler runs and its answer is queued with the headers.
 *   5. on_done: the access log line (with -v) and the sr_req is freed.
 */
#include "server/server_int.h"
#include "store/stories.h"
#include "base/err.h"
#include "base/json.h"
#include "base/log.h"

#include <arpa/inet.h>
#include <libxml/parser.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define CSP_DEFAULT "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; " \
		    "frame-ancestors 'none'"
#define JSON_TYPE "application/json; charset=utf-8"

struct sr_server {
	struct MHD_Daemon *d;
	sr_server_opts o;
	size_t max_body;
	char url[160];
	/* read-only connections: up to max open, the idle ones in idle[] */
	pthread_mutex_t pool_mu;
	pthread_cond_t pool_cv;
	sr_store **idle;
	size_t n_idle, n_open, max_open;
	/* the writer */
	pthread_mutex_t write_mu;
	sr_store *writer;
	sr_story_stage *stories; /* over the writer, opened on first use, under write_mu */
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

const sr_server_opts *sr_server_options(const sr_server *s) { return &s->o; }
size_t sr_server_max_body(const sr_server *s) { return s->max_body; }
const char *sr_server_url(const sr_server *s) { return s->url; }

/* ---- answers ---- */

void sr_resp_json(sr_resp *r, int status)
{
	r->status = status;
	r->type = JSON_TYPE;
	r->data = NULL;
	sr_buf_reset(&r->body);
}

__attribute__((format(printf, 4, 0)))
static void error_v(sr_resp *r, int status, int column, const char *fmt, va_list ap)
{
	char msg[512];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	sr_resp_json(r, status);
	sr_jw w;
	sr_jw_init(&w, &r->body);
	sr_jw_obj(&w);
	sr_jw_key(&w, "error");
	sr_jw_obj(&w);
	sr_jw_key(&w, "status");
	sr_jw_int(&w, status);
	sr_jw_key(&w, "message");
	sr_jw_str(&w, msg);
	if (column > 0) {
		sr_jw_key(&w, "column");
		sr_jw_int(&w, column);
	}
	sr_jw_end(&w);
	sr_jw_end(&w);
}

void sr_resp_error(sr_resp *r, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	error_v(r, status, 0, fmt, ap);
	va_end(ap);
}

static void query_error(sr_resp *r, int column, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void query_error(sr_resp *r, int column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	error_v(r, 400, column, fmt, ap);
	va_end(ap);
}

void sr_resp_query_error(sr_resp *r, int column, const char *message)
{
	query_error(r, column, "bad query at column %d: %s", column, message);
}

void sr_resp_db_error(sr_resp *r, sr_store *st)
{
	int code = st ? sqlite3_errcode(sr_store_db(st)) & 0xff : SQLITE_ERROR;
	const char *msg = st ? sr_store_errmsg(st) : "no connection";
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
		sr_resp_error(r, 503, "database busy, try again: %s", msg);
		sr_resp_header(r, "Retry-After", "1");
		return;
	}
	sr_log_error("database error: %s", msg);
	sr_resp_error(r, 500, "database error: %s", msg);
}

void sr_resp_header(sr_resp *r, const char *name, const char *fmt, ...)
{
	if (r->n_hdr >= SR_RESP_MAX_HEADERS)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->hdr[r->n_hdr].value, sizeof(r->hdr[r->n_hdr].value), fmt, ap);
	va_end(ap);
	r->hdr[r->n_hdr++].name = name;
}

/* Queue rq's answer with the headers every answer carries. */
static enum MHD_Result send_answer(sr_req *rq)
{
	sr_resp *r = &rq->resp;
	struct MHD_Response *mr;
	if (r->data) {
		mr = MHD_create_response_from_buffer(r->len, (void *)r->data, MHD_RESPMEM_PERSISTENT);
	} else {
		if (r->body.len == 0 && r->status >= 400)
			sr_resp_error(r, r->status, "error");
		size_t n;
		char *p = sr_buf_detach(&r->body, &n);
		if (!p)
			return MHD_NO;
		mr = MHD_create_response_from_buffer(n, p, MHD_RESPMEM_MUST_FREE);
		if (!mr)
			free(p);
	}
	if (!mr)
		return MHD_NO;
	int ok = 1;
	ok &= MHD_add_response_header(mr, "Content-Type", r->type ? r->type : JSON_TYPE) == MHD_YES;
	ok &= MHD_add_response_header(mr, "Content-Security-Policy", r->csp ? r->csp : CSP_DEFAULT) == MHD_YES;
	ok &= MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff") == MHD_YES;
	ok &= MHD_add_response_header(mr, "Referrer-Policy", "no-referrer") == MHD_YES;
	ok &= MHD_add_response_header(mr, "X-Frame-Options", "DENY") == MHD_YES;
	ok &= MHD_add_response_header(mr, "Cache-Control", r->cache ? r->cache : "no-store") == MHD_YES;
	for (size_t i = 0; i < r->n_hdr; i++)
		ok &= MHD_add_response_header(mr, r->hdr[i].name, r->hdr[i].value) == MHD_YES;
	enum MHD_Result ret = ok ? MHD_queue_response(rq->conn, (unsigned)r->status, mr) : MHD_NO;
	MHD_destroy_response(mr);
	return ret;
}

/* ---- store connections ---- */

sr_store *sr_server_borrow(sr_server *s, sr_req *rq)
{
	sr_store *st = NULL;
	pthread_mutex_lock(&s->pool_mu);
	while (s->n_idle == 0 && s->n_open >= s->max_open)
		pthread_cond_wait(&s->pool_cv, &s->pool_mu);
	if (s->n_idle) {
		st = s->idle[--s->n_idle];
		pthread_mutex_unlock(&s->pool_mu);
		return st;
	}
	s->n_open++;
	pthread_mutex_unlock(&s->pool_mu);
	char err[512];
	if (sr_store_open(&st, s->o.db_path, SR_STORE_READONLY, err, sizeof(err)) != SR_OK) {
		sr_log_error("%s", err);
		pthread_mutex_lock(&s->pool_mu);
		s->n_open--;
		pthread_cond_signal(&s->pool_cv);
		pthread_mutex_unlock(&s->pool_mu);
		sr_resp_error(&rq->resp, 503, "the database cannot be opened");
		return NULL;
	}
	return st;
}

void sr_server_give_back(sr_server *s, sr_store *st)
{
	if (!st)
		return;
	pthread_mutex_lock(&s->pool_mu);
	s->idle[s->n_idle++] = st; /* n_idle < n_open <= max_open: idle has room */
	pthread_cond_signal(&s->pool_cv);
	pthread_mutex_unlock(&s->pool_mu);
}

sr_story_stage *sr_server_story_stage(sr_server *s)
{
	if (!s->stories && s->writer && sr_story_stage_open(&s->stories, s->writer, NULL) != SR_OK)
		s->stories = NULL;
	return s->stories;
}

int sr_server_lock_writer(void *server, sr_store **st, sr_story_stage **stories)
{
	sr_server *s = server;
	pthread_mutex_lock(&s->write_mu);
	sr_story_stage *sg = sr_server_story_stage(s);
	if (!s->writer || !sg || sr_store_begin(s->writer) != SR_OK) {
		pthread_mutex_unlock(&s->write_mu);
		return SR_EDB;
	}
	*st = s->writer;
	*stories = sg;
	return SR_OK;
}

int sr_server_unlock_writer(void *server, int commit)
{
	sr_server *s = server;
	int rc = SR_OK;
	if (commit && sr_store_commit(s->writer) != SR_OK)
		rc = SR_EDB;
	if (!commit || rc)
		sr_store_rollback(s->writer);
	pthread_mutex_unlock(&s->write_mu);
	return rc;
}

int sr_server_write(sr_server *s, sr_req *rq, int (*fn)(sr_store *st, void *ctx), void *ctx)
{
	int rc;
	pthread_mutex_lock(&s->write_mu);
	if (!s->writer) {
		sr_resp_error(&rq->resp, 403, "this server is read-only");
		rc = SR_EINVAL;
		goto out;
	}
	if (sr_store_begin(s->writer) != SR_OK) {
		sr_resp_db_error(&rq->resp, s->writer);
		rc = SR_EDB;
		goto out;
	}
	rc = fn(s->writer, ctx);
	if (rc >= 0 && sr_store_commit(s->writer) != SR_OK) {
		sr_resp_db_error(&rq->resp, s->writer);
		rc = SR_EDB;
	}
	if (rc < 0)
		sr_store_rollback(s->writer);
out:
	pthread_mutex_unlock(&s->write_mu);
	return rc;
}

/* ---- requests ---- */

const char *sr_req_header(sr_req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

int sr_req_param(sr_req *rq, const char *name, sr_buf *out)
{
	int rc = sr_http_query_get(rq->query, rq->query_len, name, out);
	if (rc == SR_ETOOBIG)
		sr_resp_error(&rq->resp, 400, "parameter %s: longer than %zu bytes", name,
			      out->max);
	else if (rc < 0)
		sr_resp_error(&rq->resp, 400,
			      "parameter %s: malformed (bad %%-escape, NUL, or not UTF-8)", name);
	return rc;
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	sr_req *rq = calloc(1, sizeof(*rq));
	if (!rq)
		return NULL;
	rq->conn = c;
	rq->t0 = now();
	rq->target_len = strlen(uri);
	if (rq->target_len <= SR_HTTP_TARGET_MAX)
		rq->target = strdup(uri); /* NULL: answered 414 (or out of memory) */
	sr_buf_init(&rq->path, SR_HTTP_TARGET_MAX);
	sr_buf_init(&rq->body, 0);
	sr_buf_init(&rq->resp.body, 1 << 20);
	return rq;
}

static void on_done(void *cls, struct MHD_Connection *c, void **req_cls,
		    enum MHD_RequestTerminationCode toe)
{
	sr_req *rq = *req_cls;
	if (!rq)
		return;
	sr_log_info("%s %s %d %.1f ms", rq->method ? rq->method : "-",
		    rq->path.data ? rq->path.data : "-", rq->resp.status, (now() - rq->t0) * 1e3);
	free(rq->target);
	sr_buf_release(&rq->path);
	sr_buf_release(&rq->body);
	sr_buf_release(&rq->resp.body);
	free(rq);
	*req_cls = NULL;
}

static int is_get(const char *m) { return !strcmp(m, "GET") || !strcmp(m, "HEAD"); }

/* Step 2: decide what answers this request, refusing what must be refused early. */
static void route_request(sr_server *s, sr_req *rq)
{
	sr_resp *r = &rq->resp;
	const char *why;
	if (!rq->target) {
		sr_resp_error(r, 414, "request-target longer than %d bytes", SR_HTTP_TARGET_MAX);
		return;
	}
	size_t plen;
	sr_http_split_target(rq->target, rq->target_len, &plen, &rq->query, &rq->query_len);
	int rc = sr_http_path_decode(rq->target, plen, &rq->path, &why);
	if (rc) {
		sr_resp_error(r, 400, "bad path: %s", rc == SR_EINVAL ? why : sr_strerror(rc));
		return;
	}
	const char *path = rq->path.data;
	char allow[64] = "";
	for (const sr_route *rt = sr_routes; rt->method; rt++) {
		sr_http_caps caps;
		if (!sr_http_match(rt->pattern, path, &caps))
			continue;
		if (!strcmp(rt->method, rq->method) || (!strcmp(rt->method, "GET") && is_get(rq->method))) {
			rq->route = rt;
			rq->caps = caps;
			break;
		}
		size_t n = strlen(allow);
		snprintf(allow + n, sizeof(allow) - n, "%s%s%s", n ? ", " : "", rt->method,
			 strcmp(rt->method, "GET") ? "" : ", HEAD");
	}
	if (!rq->route) {
		if (allow[0]) {
			sr_resp_error(r, 405, "%s is not allowed here (allowed: %s)", rq->method, allow);
			sr_resp_header(r, "Allow", "%s", allow);
		} else if (!strncmp(path, "/api/", 5) || !strcmp(path, "/api")) {
			sr_resp_error(r, 404, "no such API route (see /api/openapi.json)");
		} else if (!is_get(rq->method)) {
			sr_resp_error(r, 405, "%s is not allowed here (allowed: GET, HEAD)", rq->method);
			sr_resp_header(r, "Allow", "GET, HEAD");
		}
		/* else a static file, answered once the request is read */
	} else if (rq->route->flags & SR_ROUTE_WRITE) {
		size_t n;
		const char *tok = sr_http_bearer(sr_req_header(rq, "Authorization"), &n);
		if (!s->o.token) {
			sr_resp_error(r, 403, "this server is read-only: start it with --token (or "
				      "$SITREP_TOKEN) to allow writes");
		} else if (!tok) {
			sr_resp_error(r, 401, "this route needs the header Authorization: Bearer TOKEN");
			sr_resp_header(r, "WWW-Authenticate", "Bearer realm=\"sitrep\"");
		} else if (!sr_http_token_equal(tok, n, s->o.token)) {
			sr_resp_error(r, 401, "wrong token");
			sr_resp_header(r, "WWW-Authenticate", "Bearer realm=\"sitrep\", error=\"invalid_token\"");
		}
	}
	if (r->status)
		return;
	size_t max = rq->route && (rq->route->flags & SR_ROUTE_BODY) ? s->max_body : SR_SERVER_SMALL_BODY;
	const char *cl = sr_req_header(rq, "Content-Length");
	int64_t len;
	if (cl && sr_http_parse_int(cl, 0, INT64_MAX / 2, &len) == SR_OK && (uint64_t)len > max) {
		sr_resp_error(r, 413, "request body larger than %zu bytes", max);
		return;
	}
	sr_buf_init(&rq->body, max);
}

/* Step 4 for a path that no route matched: an embedded file. */
static void serve_static(sr_server *s, sr_req *rq)
{
	const sr_asset *a = sr_asset_find(s->o.assets, rq->path.data);
	if (!a) {
		sr_resp_error(&rq->resp, 404, "not found");
		return;
	}
	rq->resp.status = 200;
	rq->resp.type = a->type;
	rq->resp.data = a->data;
	rq->resp.len = a->len;
	rq->resp.cache = "no-cache";
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **req_cls)
{
	sr_server *s = cls;
	sr_req *rq = *req_cls;
	if (!rq)
		return MHD_NO; /* out of memory in on_uri: drop the connection */
	if (!rq->started) {
		rq->started = 1;
		rq->method = method;
		route_request(s, rq);
		/* a refusal goes out before the body is read (the connection is then closed);
		 * without a body it waits for the last call, which keeps the connection */
		if (rq->resp.status && (sr_req_header(rq, "Transfer-Encoding") ||
					(sr_req_header(rq, "Content-Length") &&
					 strcmp(sr_req_header(rq, "Content-Length"), "0"))))
			return send_answer(rq);
		return MHD_YES;
	}
	if (*upload_size) {
		if (!rq->resp.status && !rq->body_too_big &&
		    sr_buf_append(&rq->body, upload, *upload_size) != SR_OK)
			rq->body_too_big = 1; /* keep reading, answer 413 at the end */
		*upload_size = 0;
		return MHD_YES;
	}
	if (rq->resp.status)
		return send_answer(rq); /* refused in route_request */
	if (rq->body_too_big)
		sr_resp_error(&rq->resp, 413, "request body larger than %zu bytes", rq->body.max);
	else if (rq->route)
		rq->route->fn(s, rq);
	else
		serve_static(s, rq);
	if (!rq->resp.status)
		sr_resp_error(&rq->resp, 500, "no answer");
	return send_answer(rq);
}

__attribute__((format(printf, 2, 0)))
static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char line[512];
	vsnprintf(line, sizeof(line), fmt, ap);
	size_t n = strlen(line);
	while (n && (line[n - 1] == '\n' || line[n - 1] == ' '))
		line[--n] = '\0';
	sr_log_warn("http: %s", line);
}

/* ---- start and stop ---- */

static int is_loopback(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;
		return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	}
	if (sa->sa_family == AF_INET6) {
		const struct in6_addr *a = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
		if (IN6_IS_ADDR_LOOPBACK(a))
			return 1;
		return IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127;
	}
	return 0;
}

static int valid_token(const char *t)
{
	if (!*t)
		return 0;
	for (const char *p = t; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      strchr("-._~+/=", *p)))
			return 0;
	return 1;
}

int sr_server_start(sr_server **out, const sr_server_opts *o, char *err, size_t errlen)
{
	int rc = SR_OK;
	struct addrinfo *ai = NULL;
	*out = NULL;
	err[0] = '\0';
	sr_server *s = calloc(1, sizeof(*s));
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return SR_ENOMEM;
	}
	pthread_mutex_init(&s->pool_mu, NULL);
	pthread_cond_init(&s->pool_cv, NULL);
	pthread_mutex_init(&s->write_mu, NULL);
	s->o = *o;
	if (!s->o.listen)
		s->o.listen = SR_SERVER_LISTEN;
	if (!s->o.version)
		s->o.version = "0";
	s->max_body = o->max_body ? o->max_body : SR_SERVER_BODY_MAX;
	if (s->o.token && !valid_token(s->o.token)) {
		snprintf(err, errlen, "the token must be letters, digits and -._~+/= only");
		rc = SR_EINVAL;
		goto out;
	}
	int threads = o->threads;
	if (threads <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		/* two per CPU: a search waits on page faults of the mapped file as well as
		 * computing (bench/bench_load.sh: 4 threads on 2 CPUs gave 36% more requests
		 * per second than 2, the ingest beside them no slower) */
		threads = n < 2 ? 4 : n > 8 ? 16 : (int)(2 * n);
	}
	s->max_open = (size_t)threads;
	s->idle = calloc((size_t)threads, sizeof(*s->idle));
	if (!s->idle) {
		snprintf(err, errlen, "out of memory");
		rc = SR_ENOMEM;
		goto out;
	}

	char host[256], portstr[8];
	int port;
	if (sr_http_parse_hostport(s->o.listen, host, sizeof(host), &port) != SR_OK) {
		snprintf(err, errlen, "--listen %s: want HOST:PORT or [IPV6]:PORT", s->o.listen);
		rc = SR_EINVAL;
		goto out;
	}
	snprintf(portstr, sizeof(portstr), "%d", port);
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
				 .ai_flags = AI_NUMERICSERV | AI_PASSIVE};
	int gr = getaddrinfo(host, portstr, &hints, &ai);
	if (gr != 0 || !ai) {
		snprintf(err, errlen, "--listen %s: %s", s->o.listen, gai_strerror(gr));
		rc = SR_EINVAL;
		goto out;
	}
	if (!is_loopback(ai->ai_addr) && !s->o.allow_public) {
		snprintf(err, errlen, "--listen %s is not a loopback address: add --public to serve "
			 "other machines (and set a token to protect writes)", s->o.listen);
		rc = SR_EINVAL;
		goto out;
	}

	/* the store: created when writes are allowed, else it must exist; migrated either
	 * way.  The connection stays open (the writer; it also keeps the WAL files present
	 * for the read-only connections). */
	if ((rc = sr_store_open(&s->writer, s->o.db_path, s->o.token ? SR_STORE_CREATE : 0, err,
				errlen)) != SR_OK)
		goto out;

	xmlInitParser(); /* once, before the threads (ingest extracts HTML) */
	unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
	if (ai->ai_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	s->d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
				MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, s, /* first, to catch all */
				MHD_OPTION_SOCK_ADDR, ai->ai_addr,
				MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
				MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
				MHD_OPTION_NOTIFY_COMPLETED, on_done, s,
				MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
				MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)65536,
				MHD_OPTION_END);
	if (!s->d) {
		snprintf(err, errlen, "cannot listen on %s (in use, or not an address of this machine)",
			 s->o.listen);
		rc = SR_EIO;
		goto out;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	if (di && di->port)
		port = di->port;
	char ip[INET6_ADDRSTRLEN] = "";
	if (ai->ai_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)(void *)ai->ai_addr)->sin6_addr, ip, sizeof(ip));
	else
		inet_ntop(AF_INET, &((struct sockaddr_in *)(void *)ai->ai_addr)->sin_addr, ip, sizeof(ip));
	snprintf(s->url, sizeof(s->url), ai->ai_family == AF_INET6 ? "http://[%s]:%d/" : "http://%s:%d/",
		 ip, port);
out:
	if (ai)
		freeaddrinfo(ai);
	if (rc != SR_OK) {
		sr_server_stop(s);
		return rc;
	}
	*out = s;
	return SR_OK;
}

void sr_server_stop(sr_server *s)
{
	if (!s)
		return;
	if (s->d)
		MHD_stop_daemon(s->d); /* joins the threads: no request is in flight after this */
	for (size_t i = 0; i < s->n_idle; i++)
		sr_store_close(s->idle[i]);
	free(s->idle);
	sr_story_stage_close(s->stories);
	sr_store_close(s->writer);
	pthread_mutex_destroy(&s->pool_mu);
	pthread_cond_destroy(&s->pool_cv);
	pthread_mutex_destroy(&s->write_mu);
	free(s);
}
