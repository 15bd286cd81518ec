/*
 * api.c - the route table and the handlers of the JSON API.
 *
 * The table is the single source of the routes: the server dispatches from it and
 * /api/openapi.json is generated from it (openapi.c), so the description cannot drift
 * from what answers.  Each handler reads its parameters, borrows a read-only store
 * connection (or, for ingest, runs the pipeline and then writes through the writer),
 * and fills rq->resp.  Answers are written with the JSON writer of base/json.h; SQL lives
 * in lib/store and is parameterised there.
 */
#include "server/server_int.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/gz.h"
#include "base/hash.h"
#include "base/json.h"
#include "extract/charset.h"
#include "extract/extract.h"
#include "pipeline.h"
#include "store/stories.h"
#include "query/query.h"
#include "base/isotime.h"
#include "store/counts.h"
#include "store/entity_store.h"
#include "store/entity_view.h"
#include "analyze/ner.h"
#include "store/search.h"
#include "store/story_query.h"
#include "story/url.h"
#include "store/sources.h"
#include "store/trends.h"
#include "store/watch_store.h"
#include "watch/atom.h"

#include <jansson.h>
#include <stdlib.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define STR_(x) #x
#define STR(x) STR_(x)
#define REF(name) "{\"$ref\":\"#/components/schemas/" name "\"}"
#define ERR REF("Error")
#define BIG_ANSWER ((size_t)1 << 30) /* cap on an article or raw document sent back */

/* ---- small helpers ---- */

/* An integer query parameter in [min, max]; *v keeps its default when absent.  < 0 with a
 * 400 answer when malformed. */
static int int_param(sr_req *rq, const char *name, int64_t min, int64_t max, int64_t *v)
{
	sr_buf b;
	sr_buf_init(&b, 32);
	int rc = sr_req_param(rq, name, &b);
	if (rc == 1 && sr_http_parse_int(b.data ? b.data : "", min, max, v) != SR_OK) {
		sr_resp_error(&rq->resp, 400, "parameter %s: want a whole number from %lld to %lld",
			      name, (long long)min, (long long)max);
		rc = SR_EINVAL;
	}
	sr_buf_release(&b);
	return rc < 0 ? rc : SR_OK;
}

/* The {id} of the path; < 0 with a 404 answer when it is not an id. */
static int path_id(sr_req *rq, int64_t *id)
{
	if (sr_http_cap_id(&rq->caps, "id", id) != SR_OK) {
		sr_resp_error(&rq->resp, 404, "no such article (ids are positive whole numbers)");
		return SR_EINVAL;
	}
	return SR_OK;
}

/* ---- GET /api/health ---- */

static void h_health(sr_server *s, sr_req *rq)
{
	sr_store *st = sr_server_borrow(s, rq);
	if (!st)
		return;
	sr_server_give_back(s, st);
	const sr_server_opts *o = sr_server_options(s);
	sr_resp_json(&rq->resp, 200);
	sr_jw w;
	sr_jw_init(&w, &rq->resp.body);
	sr_jw_obj(&w);
	sr_jw_key(&w, "status"); sr_jw_str(&w, "ok");
	sr_jw_key(&w, "version"); sr_jw_str(&w, o->version);
	sr_jw_key(&w, "schema_version"); sr_jw_int(&w, SR_STORE_SCHEMA_VERSION);
	sr_jw_key(&w, "writable"); sr_jw_bool(&w, o->token != NULL);
	sr_jw_end(&w);
}

/* ---- GET /api/stats ---- */

static void h_stats(sr_server *s, sr_req *rq)
{
	sr_store *st = sr_server_borrow(s, rq);
	if (!st)
		return;
	sr_resp_json(&rq->resp, 200);
	if (sr_store_stats_json(st, &rq->resp.body) != SR_OK)
		sr_resp_db_error(&rq->resp, st);
	sr_server_give_back(s, st);
}

/* ---- GET /api/search ---- */

/* One hit, in the shape `sitrep search --json` writes (sr_hit_json). */
static int on_hit(void *ctx, const sr_hit *h)
{
	return sr_hit_json(ctx, h);
}

/* A UTC day "YYYY-MM-DD" as the unix time of its midnight; -1 when malformed. */
static int64_t parse_day(const char *v)
{
	int64_t t;
	if (strlen(v) != 10 || sr_iso_parse(v, &t) != 0)
		return -1;
	return t;
}

/* The search's filters (source=, lang=, day=) into f, their strings kept in site and
 * lang, and facets= into *facets; < 0 with a 400 answer when malformed. */
static int search_filter(sr_req *rq, sr_buf *site, sr_buf *lang, sr_search_filter *f, int *facets)
{
	sr_buf v;
	sr_buf_init(&v, 64);
	int rc;
	if ((rc = sr_req_param(rq, "source", site)) < 0)
		goto out;
	if (rc == 1)
		f->site = site->data ? site->data : "";
	if ((rc = sr_req_param(rq, "lang", lang)) < 0)
		goto out;
	if (rc == 1)
		f->lang = lang->data ? lang->data : "";
	if ((rc = sr_req_param(rq, "day", &v)) < 0)
		goto out;
	if (rc == 1 && (f->day = parse_day(v.data ? v.data : "")) <= 0) {
		sr_resp_error(&rq->resp, 400, "parameter day: want a date YYYY-MM-DD");
		rc = SR_EINVAL;
		goto out;
	}
	sr_buf_reset(&v);
	if ((rc = sr_req_param(rq, "facets", &v)) < 0)
		goto out;
	if (rc == 1) {
		const char *b = v.data ? v.data : "";
		if (!strcmp(b, "1") || !strcmp(b, "true"))
			*facets = 1;
		else if (strcmp(b, "0") && strcmp(b, "false")) {
			sr_resp_error(&rq->resp, 400, "parameter facets: want true or false");
			rc = SR_EINVAL;
			goto out;
		}
	}
	rc = SR_OK;
out:
	sr_buf_release(&v);
	return rc < 0 ? rc : SR_OK;
}

static void h_search(sr_server *s, sr_req *rq)
{
	sr_resp *r = &rq->resp;
	sr_store *st = NULL;
	sr_buf q, site, lang;
	sr_buf_init(&q, SR_QUERY_MAX);
	sr_buf_init(&site, 1024);
	sr_buf_init(&lang, 64);
	int64_t limit = 10, offset = 0;
	int rc = sr_req_param(rq, "q", &q);
	if (rc < 0)
		goto out;
	if (rc == 0 || !q.len || q.len == strspn(q.data, " \t\r\n")) {
		sr_resp_error(r, 400, "give a query: /api/search?q=WORDS");
		goto out;
	}
	if (int_param(rq, "limit", 1, SR_API_PAGE_MAX, &limit) ||
	    int_param(rq, "offset", 0, SR_API_OFFSET_MAX, &offset))
		goto out;
	sr_search_filter f = {0};
	int facets = 0;
	if (search_filter(rq, &site, &lang, &f, &facets))
		goto out;
	if (!(st = sr_server_borrow(s, rq)))
		goto out;
	sr_resp_json(r, 200);
	r->body.max = (size_t)16 << 20;
	sr_jw w;
	sr_jw_init(&w, &r->body);
	sr_jw_obj(&w);
	sr_jw_key(&w, "query"); sr_jw_str(&w, q.data);
	sr_jw_key(&w, "hits");
	sr_jw_arr(&w);
	sr_search_opts so = {.query = q.data, .limit = (int)limit, .offset = (int)offset, .filter = f};
	sr_query_error qe = {0};
	int64_t total = 0;
	rc = sr_search(st, &so, &total, on_hit, &w, &qe);
	if (w.rc) {
		sr_resp_error(r, 500, "answer too large: %s", sr_strerror(w.rc));
	} else if (rc == SR_EPARSE || rc == SR_ETOOBIG) {
		sr_resp_query_error(r, qe.column, qe.message[0] ? qe.message : "query too complex");
	} else if (rc) {
		sr_resp_db_error(r, st);
	} else {
		sr_jw_end(&w);
		sr_jw_key(&w, "total"); sr_jw_int(&w, total);
		sr_jw_key(&w, "limit"); sr_jw_int(&w, limit);
		sr_jw_key(&w, "offset"); sr_jw_int(&w, offset);
		if (facets) {
			/* facets the store cannot count for this query (SR_EPARSE: a query the
			 * facets do not understand) are null rather than a failed search */
			sr_buf fb;
			sr_buf_init(&fb, (size_t)1 << 20);
			rc = sr_search_facets_json(st, &so, 20, &fb, &qe);
			sr_jw_key(&w, "facets");
			sr_jw_raw(&w, rc ? NULL : fb.data);
			if (rc == SR_EPARSE)
				rc = SR_OK;
			sr_buf_release(&fb);
		}
		sr_jw_end(&w);
		if (rc == SR_EDB)
			sr_resp_db_error(r, st);
		else if (rc || w.rc)
			sr_resp_error(r, 500, "answer too large: %s", sr_strerror(rc ? rc : w.rc));
	}
out:
	sr_server_give_back(s, st);
	sr_buf_release(&q);
	sr_buf_release(&site);
	sr_buf_release(&lang);
}

/* ---- GET /api/articles/{id} and /api/articles/{id}/raw ---- */

/* The article's entity mentions and quotes, added to its JSON object in body (which ends
 * with its closing brace): "entities": [...], "quotes": [...]. */
static int add_mentions(sr_store *st, int64_t id, sr_buf *body)
{
	sr_buf ents, quotes;
	sr_buf_init(&ents, (size_t)16 << 20);
	sr_buf_init(&quotes, (size_t)16 << 20);
	int rc = SR_EINVAL;
	if (!body->len || body->data[body->len - 1] != '}')
		goto out;
	if ((rc = sr_article_mentions_json(st, id, &ents)) ||
	    (rc = sr_article_quotes_json(st, id, &quotes)))
		goto out;
	sr_buf_truncate(body, body->len - 1);
	rc = sr_buf_appendf(body, "%s\"entities\":%s,\"quotes\":%s}", body->len > 1 ? "," : "",
			    ents.data, quotes.data);
out:
	sr_buf_release(&ents);
	sr_buf_release(&quotes);
	return rc;
}

static void h_article(sr_server *s, sr_req *rq)
{
	int64_t id;
	if (path_id(rq, &id))
		return;
	sr_store *st = sr_server_borrow(s, rq);
	if (!st)
		return;
	sr_resp *r = &rq->resp;
	sr_resp_json(r, 200);
	r->body.max = BIG_ANSWER;
	int rc = sr_store_article_json(st, id, &r->body);
	if (rc == SR_OK)
		rc = add_mentions(st, id, &r->body);
	if (rc == SR_ENOTFOUND)
		sr_resp_error(r, 404, "no article %lld", (long long)id);
	else if (rc == SR_EDB)
		sr_resp_db_error(r, st);
	else if (rc)
		sr_resp_error(r, 500, "cannot send article %lld: %s", (long long)id, sr_strerror(rc));
	sr_server_give_back(s, st);
}

/* The original bytes, never as HTML: text/plain in the charset found in the bytes, or
 * application/octet-stream, always as an attachment and under a sandboxing CSP. */
static void h_raw(sr_server *s, sr_req *rq)
{
	int64_t id;
	if (path_id(rq, &id))
		return;
	sr_store *st = sr_server_borrow(s, rq);
	if (!st)
		return;
	sr_resp *r = &rq->resp;
	sr_resp_json(r, 200);
	r->body.max = BIG_ANSWER;
	int rc = sr_store_article_raw(st, id, &r->body);
	if (rc == SR_ENOTFOUND) {
		sr_resp_error(r, 404, "no article %lld", (long long)id);
	} else if (rc == SR_EDB) {
		sr_resp_db_error(r, st);
	} else if (rc) {
		sr_resp_error(r, 500, "cannot send document %lld: %s", (long long)id, sr_strerror(rc));
	} else {
		const char *b = r->body.data ? r->body.data : "";
		int f = sr_sniff_format(b, r->body.len);
		const char *ext = "bin";
		r->type = "application/octet-stream";
		if (f == 0 || f == 1) {
			size_t bom = 0;
			const char *cs = sr_charset_detect(b, r->body.len, NULL, f == 1, &bom);
			snprintf(r->type_buf, sizeof(r->type_buf), "text/plain; charset=%s", cs);
			r->type = r->type_buf;
			ext = f == 1 ? "html" : "txt";
		}
		r->csp = "default-src 'none'; sandbox";
		sr_resp_header(r, "Content-Disposition", "attachment; filename=\"article-%lld.%s\"",
			       (long long)id, ext);
	}
	sr_server_give_back(s, st);
}

/* ---- GET /api/stories, /api/stories/{id} ---- */

/* since=: a span back from now (24h, 7d) or a date, as a unix time into *since (kept when
 * absent); < 0 with a 400 answer when malformed. */
static int since_param(sr_req *rq, int64_t *since)
{
	sr_buf v;
	sr_buf_init(&v, 64);
	int rc = sr_req_param(rq, "since", &v);
	if (rc == 1) {
		const char *b = v.data ? v.data : "";
		int64_t span = sr_span_parse(b), t;
		if (span >= 0) {
			*since = (int64_t)time(NULL) - span;
		} else if (sr_iso_parse(b, &t) == 0) {
			*since = t;
		} else {
			sr_resp_error(&rq->resp, 400,
				      "parameter since: want a span (24h, 7d) or a date (2026-11-20)");
			rc = SR_EINVAL;
		}
	}
	sr_buf_release(&v);
	return rc < 0 ? rc : SR_OK;
}

static void h_stories(sr_server *s, sr_req *rq)
{
	sr_resp *r = &rq->resp;
	sr_story_list_opts o = {0};
	int64_t limit = 50, min_size = 1;
	sr_buf v;
	sr_buf_init(&v, 64);
	int rc;
	if (since_param(rq, &o.since))
		goto out;
	if (int_param(rq, "limit", 1, SR_API_PAGE_MAX, &limit) ||
	    int_param(rq, "min_size", 1, 100000, &min_size))
		goto out;
	o.limit = (int)limit;
	o.min_size = (int)min_size;
	sr_store *st = sr_server_borrow(s, rq);
	if (!st)
		goto out;
	sr_resp_json(r, 200);
	r->body.max = (size_t)64 << 20;
	rc = sr_story_list_json(st, &o, &r->body);
	if (rc == SR_EDB)
		sr_resp_db_error(r, st);
	else if (rc)
		sr_resp_error(r, 500, "cannot send the stories: %s", sr_strerror(rc));
	sr_server_give_back(s, st);
out:
	sr_buf_release(&v);
}

static void h_story(sr_server *s, sr_req *rq)
{
	int64_t id;
	if (sr_http_cap_id(&rq->caps, "id", &id) != SR_OK) {
		sr_resp_error(&rq->resp, 404, "no such story (ids are positive whole numbers)");
		return;
	}
	sr_store *st = sr_server_borrow(s, rq);
	if (!st)
		return;
	sr_resp *r = &rq->resp;
	sr_resp_json(r, 200);
	r->body.max = BIG_ANSWER;
	int rc = sr_story_json(st, id, &r->body);
	if (rc == SR_ENOTFOUND)
		sr_resp_error(r, 404, "no story %lld", (long long)id);
	else if (rc == SR_EDB)
		sr_resp_db_error(r, st);
	else if (rc)
		sr_resp_error(r, 500, "cannot send story %lld: %s", (long long)id, sr_strerror(rc));
	sr_server_give_back(s, st);
}

/* ---- GET /api/entities, /api/entities/{id}, /api/places ---- */

static void h_entities(sr_server *s, sr_req *rq)
{
	sr_resp *r = &rq->resp;
	sr_entity_list_opts o = {.type = -1};
	int64_t limit = 50;
	sr_buf v;
	sr_buf_init(&v, 64);
	int rc = sr_req_param(rq, "type", &v);
	if (rc < 0)
		goto out;
	if (rc == 1) {
		const char *t = v.data ? v.data : "";
		o.type = !strcasecmp(t, "place") ? SR_NER_LOC : sr_ner_type_parse(t, strlen(t));
		if (o.type < 0) {
			sr_resp_error(r, 400, "parameter type: want PER, ORG, LOC or MISC");
			goto out;
		}
	}
	if (since_param(rq, &o.since) || int_param(rq, "limit", 1, SR_API_PAGE_MAX, &limit))
		goto out;
	o.limit = (int)limit;
	sr_store *st = sr_server_borrow(s, rq);
	if (!st)
		goto out;
	sr_resp_json(r, 200);
	rc = sr_entity_list_json(st, &o, &r->body);
	if (rc == SR_EDB)
		sr_resp_db_error(r, st);
	else if (rc)
		sr_resp_error(r, 500, "cannot send the entities: %s", sr_strerror(rc));
	sr_server_give_back(s, st);
out:
	sr_buf_release(&v);
}

static void h_entity(sr_server *s, sr_req *rq)
{
	int64_t id;
	if (sr_http_cap_id(&rq->caps, "id", &id) != SR_OK) {
		sr_resp_error(&rq->resp, 404, "no such entity (ids are positive whole numbers)");
		return;
	}
	sr_store *st = sr_server_borrow(s, rq);
	if (!st)
		return;
	sr_resp *r = &rq->resp;
	char idstr[24];
	snprintf(idstr, sizeof(idstr), "%lld", (long long)id);
	sr_resp_json(r, 200);
	int rc = sr_entity_json(st, idstr, &r->body);
	if (rc == SR_ENOTFOUND || (rc == SR_OK && !r->body.len))
		sr_resp_error(r, 404, "no entity %lld", (long long)id);
	else if (rc == SR_EDB)
		sr_resp_db_error(r, st);
	else if (rc)
		sr_resp_error(r, 500, "cannot send entity %lld: %s", (long long)id, sr_strerror(rc));
	sr_server_give_back(s, st);
}

static void h_places(sr_server *s, sr_req *rq)
{
	sr_resp *r = &rq->resp;
	int64_t since = 0, limit = 500;
	if (since_param(rq, &since) || int_param(rq, "limit", 1, 2000, &limit))
		return;
	sr_store *st = sr_server_borrow(s, rq);
	if (!st)
		return;
	sr_resp_json(r, 200);
	int rc = sr_places_json(st, since, (int)limit, &r->body);
	if (rc == SR_EDB)
		sr_resp_db_error(r, st);
	else if (rc)
		sr_resp_error(r, 500, "cannot send the places: %s", sr_strerror(rc));
	sr_server_give_back(s, st);
}

/* ---- GET /api/stats/volume ---- */

static void h_volume(sr_server *s, sr_req *rq)
{
	sr_resp *r = &rq->resp;
	int64_t days = 30, source = 0;
	sr_buf site;
	sr_buf_init(&site, 1024);
	int rc = sr_req_param(rq, "site", &site);
	if (rc < 0 || int_param(rq, "days", 1, SR_VOLUME_MAX_DAYS, &days) ||
	    int_param(rq, "source", 1, INT64_MAX, &source))
		goto out;
	sr_store *st = sr_server_borrow(s, rq);
	if (!st)
		goto out;
	sr_resp_json(r, 200);
	rc = sr_store_volume_json(st, rc == 1 ? (site.data ? site.data : "") : NULL, source, (int)days,
				  &r->body);
	if (rc == SR_EDB)
		sr_resp_db_error(r, st);
	else if (rc)
		sr_resp_error(r, 500, "cannot send the volume: %s", sr_strerror(rc));
	sr_server_give_back(s, st);
out:
	sr_buf_release(&site);
}

/* ---- POST /api/ingest ---- */

typedef struct ingest_ctx {
	sr_server *s;
	sr_req *rq;
	const sr_doc *doc;
	const sr_article *art;
	const sr_analysis *an;
	int64_t id;
	int outcome;
} ingest_ctx;

static int put_doc(sr_store *st, void *arg)
{
	ingest_ctx *c = arg;
	int rc = sr_store_put(st, c->doc, c->art, &c->id);
	if ((rc == SR_PUT_NEW || rc == SR_PUT_CHANGED) && c->an) {
		/* its place in the stories and its entities, as `sitrep ingest` records them */
		sr_story_stage *stage = sr_server_story_stage(c->s);
		sr_story_outcome so;
		int src = stage ? sr_story_stage_place(stage, c->id, c->art, c->doc->fetched_at, c->an, &so) : SR_EDB;
		if (src < 0)
			rc = src;
	}
	if (rc == SR_EDB)
		sr_resp_db_error(&c->rq->resp, st);
	else if (rc < 0)
		sr_resp_error(&c->rq->resp, 500, "not stored: %s", sr_strerror(rc));
	else
		c->outcome = rc;
	return rc;
}

/* The format from ?format= (or the Content-Type); < 0 with a 400 answer. */
static int ingest_format(sr_req *rq, const char *ctype, sr_format *f)
{
	sr_buf v;
	sr_buf_init(&v, 16);
	int rc = sr_req_param(rq, "format", &v);
	*f = SR_FORMAT_AUTO;
	if (rc == 1) {
		if (!strcmp(v.data ? v.data : "", "html"))
			*f = SR_FORMAT_HTML;
		else if (!strcmp(v.data ? v.data : "", "text"))
			*f = SR_FORMAT_TEXT;
		else if (strcmp(v.data ? v.data : "", "auto")) {
			sr_resp_error(&rq->resp, 400, "parameter format: want auto, html or text");
			rc = SR_EINVAL;
		}
	} else if (rc == 0 && ctype) {
		if (!strncasecmp(ctype, "text/html", 9))
			*f = SR_FORMAT_HTML;
		else if (!strncasecmp(ctype, "text/plain", 10))
			*f = SR_FORMAT_TEXT;
	}
	sr_buf_release(&v);
	return rc < 0 ? rc : SR_OK;
}

static void h_ingest(sr_server *s, sr_req *rq)
{
	sr_resp *r = &rq->resp;
	sr_buf url, uri, inflated;
	sr_arena arena;
	size_t max = sr_server_max_body(s);
	sr_buf_init(&url, 8192);
	sr_buf_init(&uri, 8192 + 64);
	sr_buf_init(&inflated, max);
	sr_arena_init(&arena, max * 8 + ((size_t)64 << 20));
	const char *ctype = sr_req_header(rq, "Content-Type");
	sr_extract_opts xo = {0};
	int rc;

	if ((rc = sr_req_param(rq, "url", &url)) < 0)
		goto out;
	if (rc == 1 && url.len) {
		if (sr_url_normalize(url.data, &uri) != SR_OK ||
		    (strncmp(uri.data, "http://", 7) && strncmp(uri.data, "https://", 8))) {
			sr_resp_error(r, 400, "parameter url: want an absolute http(s) URL");
			goto out;
		}
		xo.url = url.data;
	}
	if (ingest_format(rq, ctype, &xo.format))
		goto out;
	if (ctype && !strncasecmp(ctype, "text/", 5))
		xo.content_type = ctype; /* the charset hint */
	const char *bytes = rq->body.data;
	size_t len = rq->body.len;
	if (len == 0) {
		sr_resp_error(r, 400, "empty body: send the page or the text as the request body");
		goto out;
	}
	if (sr_gz_is_gzip(bytes, len)) {
		rc = sr_gz_inflate(&inflated, bytes, len);
		if (rc == SR_ETOOBIG) {
			sr_resp_error(r, 413, "decompressed body larger than %zu bytes", max);
			goto out;
		}
		if (rc) {
			sr_resp_error(r, 400, "corrupt gzip body: %s", sr_strerror(rc));
			goto out;
		}
		bytes = inflated.data;
		len = inflated.len;
	}
	sr_doc doc = {.raw = bytes, .raw_len = len, .source = "api",
		      .content_type = ctype, .fetched_at = (int64_t)time(NULL)};
	sr_hash128(bytes, len, doc.hash);
	if (!uri.len) {
		char hex[33];
		sr_hash128_hex(doc.hash, hex);
		if (sr_buf_appendf(&uri, "post:%s", hex)) {
			sr_resp_error(r, 500, "out of memory");
			goto out;
		}
	}
	doc.uri = uri.data;

	sr_article art;
	char why[SR_PIPELINE_WHY_MAX];
	rc = sr_pipeline_run(bytes, len, &xo, &arena, &art, why);
	if (rc == SR_ENOMEM) {
		sr_resp_error(r, 500, "out of memory");
		goto out;
	}
	if (rc) {
		sr_resp_error(r, 422, "not ingested: %s", why);
		goto out;
	}
	/* analysis (fingerprint, terms, entities) before taking the write lock */
	sr_analysis an;
	sr_analyzer *az = sr_analyzer_new();
	rc = az ? sr_pipeline_analyze(az, &art, &arena, &an) : SR_ENOMEM;
	sr_analyzer_free(az);
	if (rc) {
		sr_resp_error(r, 500, "analysis failed: %s", sr_strerror(rc));
		goto out;
	}
	ingest_ctx c = {.s = s, .rq = rq, .doc = &doc, .art = &art, .an = &an};
	if (sr_server_write(s, rq, put_doc, &c) < 0)
		goto out; /* answered */
	sr_resp_json(r, c.outcome == SR_PUT_NEW ? 201 : 200);
	if (c.outcome == SR_PUT_NEW)
		sr_resp_header(r, "Location", "/api/articles/%lld", (long long)c.id);
	sr_jw w;
	sr_jw_init(&w, &r->body);
	sr_jw_obj(&w);
	sr_jw_key(&w, "id"); sr_jw_int(&w, c.id);
	sr_jw_key(&w, "outcome");
	sr_jw_str(&w, c.outcome == SR_PUT_NEW ? "new" : c.outcome == SR_PUT_CHANGED ? "changed" : "unchanged");
	sr_jw_key(&w, "uri"); sr_jw_str(&w, doc.uri);
	sr_jw_key(&w, "title"); sr_jw_str(&w, art.title);
	if (why[0]) {
		sr_jw_key(&w, "warning");
		sr_jw_str(&w, why);
	}
	sr_jw_end(&w);
out:
	sr_arena_release(&arena);
	sr_buf_release(&inflated);
	sr_buf_release(&uri);
	sr_buf_release(&url);
}

/* ---- watchlists, alerts, sources, trends: shared helpers ---- */

/* The {name} capture of the path (decoded) as a C string in out; < 0 with a 404 answer
 * when there is none. */
static int path_str(sr_req *rq, const char *name, sr_buf *out)
{
	for (size_t i = 0; i < rq->caps.n; i++) {
		if (rq->caps.c[i].name_len != strlen(name) ||
		    strncmp(rq->caps.c[i].name, name, rq->caps.c[i].name_len))
			continue;
		if (sr_buf_append(out, rq->caps.c[i].v, rq->caps.c[i].len) || sr_buf_putc(out, '\0')) {
			sr_resp_error(&rq->resp, 404, "no such %s (too long)", name);
			return SR_ETOOBIG;
		}
		return SR_OK;
	}
	sr_resp_error(&rq->resp, 404, "no %s in the path", name);
	return SR_ENOTFOUND;
}

/* The request body as a JSON object (the caller frees it), or NULL with the answer set:
 * 415 for a Content-Type other than application/json, 400 for anything but an object. */
static json_t *json_body(sr_req *rq)
{
	const char *ct = sr_req_header(rq, "Content-Type");
	if (!ct || strncasecmp(ct, "application/json", 16) || (ct[16] && ct[16] != ';' && ct[16] != ' ')) {
		sr_resp_error(&rq->resp, 415, "send the body as Content-Type: application/json");
		return NULL;
	}
	json_error_t e;
	json_t *j = rq->body.len ? json_loadb(rq->body.data, rq->body.len, JSON_REJECT_DUPLICATES, &e) : NULL;
	if (!j) {
		sr_resp_error(&rq->resp, 400, "the body is not JSON%s%s", rq->body.len ? ": " : " (it is empty)",
			      rq->body.len ? e.text : "");
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		sr_resp_error(&rq->resp, 400, "the body must be a JSON object");
		return NULL;
	}
	return j;
}

/* Member key of the body as a string: *v NULL when absent or null; < 0 with a 400 answer
 * when required and missing, or not a string. */
static int body_str(sr_req *rq, json_t *o, const char *key, int required, const char **v)
{
	json_t *m = json_object_get(o, key);
	*v = NULL;
	if (!m || json_is_null(m)) {
		if (!required)
			return SR_OK;
		sr_resp_error(&rq->resp, 400, "the body needs \"%s\"", key);
		return SR_EINVAL;
	}
	if (!json_is_string(m)) {
		sr_resp_error(&rq->resp, 400, "\"%s\" must be a string", key);
		return SR_EINVAL;
	}
	*v = json_string_value(m);
	return SR_OK;
}

/* A number query parameter; *v keeps its default when absent.  < 0 with a 400 answer. */
static int num_param(sr_req *rq, const char *name, double min, double max, double *v)
{
	sr_buf b;
	sr_buf_init(&b, 32);
	int rc = sr_req_param(rq, name, &b);
	if (rc == 1) {
		char *end;
		double d = strtod(b.data ? b.data : "", &end);
		if (!b.len || *end || !(d >= min && d <= max)) {
			sr_resp_error(&rq->resp, 400, "parameter %s: want a number from %g to %g", name, min, max);
			rc = SR_EINVAL;
		} else {
			*v = d;
		}
	}
	sr_buf_release(&b);
	return rc < 0 ? rc : SR_OK;
}

/* ---- GET /api/watchlists ---- */

static void h_watchlists(sr_server *s, sr_req *rq)
{
	sr_store *st = sr_server_borrow(s, rq);
	if (!st)
		return;
	sr_resp_json(&rq->resp, 200);
	rq->resp.body.max = (size_t)64 << 20;
	int rc = sr_watch_list_json(st, &rq->resp.body);
	if (rc == SR_EDB)
		sr_resp_db_error(&rq->resp, st);
	else if (rc)
		sr_resp_error(&rq->resp, 500, "cannot send the watchlists: %s", sr_strerror(rc));
	sr_server_give_back(s, st);
}

/* ---- POST /api/watchlists ---- */

typedef struct watch_add_ctx {
	sr_req *rq;
	const char *name, *query, *webhook;
	sr_query_error qe;
	int rc;
	int64_t id;
} watch_add_ctx;

static int do_watch_add(sr_store *st, void *arg)
{
	watch_add_ctx *c = arg;
	c->rc = sr_watch_add(st, c->name, c->query, c->webhook, &c->qe);
	if (c->rc == SR_OK)
		c->id = sqlite3_last_insert_rowid(sr_store_db(st));
	else if (c->rc == SR_EDB)
		sr_resp_db_error(&c->rq->resp, st);
	return c->rc;
}

static void h_watch_add(sr_server *s, sr_req *rq)
{
	sr_resp *r = &rq->resp;
	json_t *j = json_body(rq);
	if (!j)
		return;
	watch_add_ctx c = {.rq = rq};
	if (body_str(rq, j, "name", 1, &c.name) || body_str(rq, j, "query", 1, &c.query) ||
	    body_str(rq, j, "webhook", 0, &c.webhook))
		goto out;
	if (strlen(c.query) > SR_QUERY_MAX) {
		sr_resp_error(r, 400, "\"query\": longer than %d bytes", SR_QUERY_MAX);
		goto out;
	}
	int64_t now = (int64_t)time(NULL);
	int rc = sr_server_write(s, rq, do_watch_add, &c);
	if (rc >= 0) {
		sr_resp_json(r, 201);
		sr_buf loc;
		sr_buf_init(&loc, sizeof(r->hdr[0].value) - 1);
		if (!sr_buf_puts(&loc, "/api/watchlists/") && !sr_buf_put_pct(&loc, c.name) && !sr_buf_putc(&loc, '\0'))
			sr_resp_header(r, "Location", "%s", loc.data);
		sr_buf_release(&loc);
		sr_jw w;
		sr_jw_init(&w, &r->body);
		sr_jw_obj(&w);
		sr_jw_key(&w, "id"); sr_jw_int(&w, c.id);
		sr_jw_key(&w, "name"); sr_jw_str(&w, c.name);
		sr_jw_key(&w, "query"); sr_jw_str(&w, c.query);
		sr_jw_key(&w, "webhook"); sr_jw_str(&w, c.webhook && *c.webhook ? c.webhook : NULL);
		sr_jw_key(&w, "created"); sr_jw_int(&w, now);
		sr_jw_key(&w, "alerts"); sr_jw_int(&w, 0);
		sr_jw_key(&w, "last_alert"); sr_jw_null(&w);
		sr_jw_end(&w);
	} else if ((c.rc == SR_EPARSE || c.rc == SR_ETOOBIG) && c.qe.column > 0) {
		sr_resp_query_error(r, c.qe.column, c.qe.message);
	} else if (c.rc == SR_EPARSE) {
		sr_resp_error(r, 409, "%s", c.qe.message[0] ? c.qe.message : "that name is taken");
	} else if (c.rc == SR_ETOOBIG) {
		sr_resp_error(r, 400, "the query is too complex");
	} else if (c.rc == SR_EINVAL) {
		sr_resp_error(r, 400, "a name is 1-%d printable characters and a webhook an http:// or "
			      "https:// URL", SR_WATCH_NAME_MAX);
	} else if (c.rc == SR_ENOMEM) {
		sr_resp_error(r, 500, "out of memory");
	} /* else answered by sr_server_write or do_watch_add */
out:
	json_decref(j);
}

/* ---- DELETE /api/watchlists/{name} ---- */

typedef struct rm_ctx {
	sr_req *rq;
	const char *key;
	int rc;
	int (*fn)(sr_store *st, const char *key);
} rm_ctx;

static int do_remove(sr_store *st, void *arg)
{
	rm_ctx *c = arg;
	c->rc = c->fn(st, c->key);
	if (c->rc == SR_EDB)
		sr_resp_db_error(&c->rq->resp, st);
	return c->rc;
}

static void h_watch_rm(sr_server *s, sr_req *rq)
{
	sr_buf name;
	sr_buf_init(&name, 4096);
	if (path_str(rq, "name", &name))
		goto out;
	rm_ctx c = {.rq = rq, .key = name.data, .fn = sr_watch_remove};
	if (sr_server_write(s, rq, do_remove, &c) >= 0) {
		sr_resp_json(&rq->resp, 200);
		sr_jw w;
		sr_jw_init(&w, &rq->resp.body);
		sr_jw_obj(&w);
		sr_jw_key(&w, "removed"); sr_jw_str(&w, name.data);
		sr_jw_end(&w);
	} else if (c.rc == SR_ENOTFOUND) {
		sr_resp_error(&rq->resp, 404, "no watchlist named '%.200s'", name.data);
	}
out:
	sr_buf_release(&name);
}

/* ---- GET /api/watchlists/{name}/test ---- */

static int test_hit(void *ctx, const sr_hit *h)
{
	sr_jw *w = ctx;
	sr_jw_obj(w);
	sr_jw_key(w, "id"); sr_jw_int(w, h->id);
	sr_jw_key(w, "title"); sr_jw_str(w, h->title);
	sr_jw_key(w, "url"); sr_jw_str(w, h->url);
	sr_jw_key(w, "site_name"); sr_jw_str(w, h->site_name);
	sr_jw_key(w, "published"); sr_jw_str(w, h->published);
	sr_jw_end(w);
	return 0;
}

static void h_watch_test(sr_server *s, sr_req *rq)
{
	sr_resp *r = &rq->resp;
	sr_store *st = NULL;
	sr_buf name, q;
	sr_buf_init(&name, 4096);
	sr_buf_init(&q, SR_QUERY_MAX + 1);
	int64_t limit = 20;
	if (path_str(rq, "name", &name) || int_param(rq, "limit", 1, SR_API_PAGE_MAX, &limit))
		goto out;
	if (!(st = sr_server_borrow(s, rq)))
		goto out;
	int rc = sr_watch_query(st, name.data, &q);
	if (rc == SR_ENOTFOUND) {
		sr_resp_error(r, 404, "no watchlist named '%.200s'", name.data);
		goto out;
	} else if (rc) {
		sr_resp_db_error(r, st);
		goto out;
	}
	sr_buf_putc(&q, '\0');
	sr_resp_json(r, 200);
	r->body.max = (size_t)16 << 20;
	sr_jw w;
	sr_jw_init(&w, &r->body);
	sr_jw_obj(&w);
	sr_jw_key(&w, "query"); sr_jw_str(&w, q.data);
	sr_jw_key(&w, "hits");
	sr_jw_arr(&w);
	sr_search_opts so = {.query = q.data, .limit = (int)limit};
	sr_query_error qe = {0};
	int64_t total = 0;
	rc = sr_search(st, &so, &total, test_hit, &w, &qe);
	if (w.rc) {
		sr_resp_error(r, 500, "answer too large: %s", sr_strerror(w.rc));
	} else if (rc == SR_EPARSE || rc == SR_ETOOBIG) {
		sr_resp_query_error(r, qe.column, qe.message[0] ? qe.message : "query too complex");
	} else if (rc) {
		sr_resp_db_error(r, st);
	} else {
		sr_jw_end(&w);
		sr_jw_key(&w, "total"); sr_jw_int(&w, total);
		sr_jw_end(&w);
	}
out:
	sr_server_give_back(s, st);
	sr_buf_release(&q);
	sr_buf_release(&name);
}

/* ---- GET /api/alerts ---- */

/* One alert, the object of `sitrep alerts --json`. */
static int alert_json(void *ctx, const sr_alert *a)
{
	sr_jw *w = ctx;
	char when[21];
	sr_iso_format(a->created, when);
	sr_jw_obj(w);
	sr_jw_key(w, "id"); sr_jw_int(w, a->id);
	sr_jw_key(w, "watchlist"); sr_jw_str(w, a->watchlist);
	sr_jw_key(w, "created"); sr_jw_str(w, when);
	sr_jw_key(w, "article"); sr_jw_int(w, a->article_id);
	sr_jw_key(w, "title"); sr_jw_str(w, a->title);
	sr_jw_key(w, "url"); sr_jw_str(w, a->url);
	sr_jw_key(w, "site_name"); sr_jw_str(w, a->site_name);
	sr_jw_key(w, "published"); sr_jw_str(w, a->published);
	sr_jw_key(w, "delivery");
	sr_jw_str(w, a->delivery == 1 ? "pending" : a->delivery == 2 ? "delivered" :
		  a->delivery == 3 ? "dead" : "none");
	sr_jw_key(w, "attempts"); sr_jw_int(w, a->attempts);
	sr_jw_end(w);
	return w->rc;
}

static void h_alerts(sr_server *s, sr_req *rq)
{
	sr_resp *r = &rq->resp;
	sr_buf watch;
	sr_buf_init(&watch, 4096);
	sr_alert_opts o = {0};
	int64_t limit = 50;
	int rc = sr_req_param(rq, "watch", &watch);
	if (rc < 0 || since_param(rq, &o.since) || int_param(rq, "limit", 1, SR_API_PAGE_MAX, &limit))
		goto out;
	if (rc == 1)
		o.watch = watch.data ? watch.data : "";
	o.limit = (int)limit;
	sr_store *st = sr_server_borrow(s, rq);
	if (!st)
		goto out;
	sr_resp_json(r, 200);
	r->body.max = (size_t)16 << 20;
	sr_jw w;
	sr_jw_init(&w, &r->body);
	sr_jw_obj(&w);
	sr_jw_key(&w, "alerts");
	sr_jw_arr(&w);
	rc = sr_alerts_each(st, &o, alert_json, &w);
	if (rc == SR_ENOTFOUND)
		sr_resp_error(r, 404, "no watchlist named '%.200s'", o.watch);
	else if (rc == SR_EDB)
		sr_resp_db_error(r, st);
	else if (rc)
		sr_resp_error(r, 500, "cannot send the alerts: %s", sr_strerror(rc));
	else {
		sr_jw_end(&w);
		sr_jw_end(&w);
	}
	sr_server_give_back(s, st);
out:
	sr_buf_release(&watch);
}

/* ---- GET /api/watchlists/{name}/atom ---- */

static int atom_add(void *ctx, const sr_alert *a)
{
	return sr_atom_add(ctx, a);
}

static void h_watch_atom(sr_server *s, sr_req *rq)
{
	sr_resp *r = &rq->resp;
	sr_store *st = NULL;
	sr_buf name, self;
	sr_buf_init(&name, 4096);
	sr_buf_init(&self, 16384);
	sr_atom f;
	sr_atom_init(&f, (size_t)16 << 20);
	int64_t limit = 50;
	if (path_str(rq, "name", &name) || int_param(rq, "limit", 1, SR_API_PAGE_MAX, &limit))
		goto out;
	if (!(st = sr_server_borrow(s, rq)))
		goto out;
	sr_alert_opts o = {.watch = name.data, .limit = (int)limit};
	int rc = sr_alerts_each(st, &o, atom_add, &f);
	if (rc == SR_ENOTFOUND) {
		sr_resp_error(r, 404, "no watchlist named '%.200s'", name.data);
		goto out;
	} else if (rc == SR_EDB) {
		sr_resp_db_error(r, st);
		goto out;
	}
	sr_buf_puts(&self, sr_server_url(s));
	sr_buf_puts(&self, "api/watchlists/");
	sr_buf_put_pct(&self, name.data);
	sr_buf_puts(&self, "/atom");
	sr_buf_putc(&self, '\0');
	sr_atom_head head = {.watch = name.data, .self = self.data, .now = (int64_t)time(NULL)};
	sr_resp_json(r, 200);
	r->body.max = (size_t)20 << 20;
	if ((rc = sr_atom_finish(&f, &head, &r->body))) {
		sr_resp_error(r, 500, "cannot write the feed: %s", sr_strerror(rc));
		goto out;
	}
	r->type = "application/atom+xml; charset=utf-8";
out:
	sr_server_give_back(s, st);
	sr_atom_release(&f);
	sr_buf_release(&self);
	sr_buf_release(&name);
}

/* ---- GET /api/sources ---- */

static void h_sources(sr_server *s, sr_req *rq)
{
	sr_resp *r = &rq->resp;
	sr_store *st = sr_server_borrow(s, rq);
	if (!st)
		return;
	sr_resp_json(r, 200);
	r->body.max = (size_t)64 << 20;
	int rc = sr_buf_puts(&r->body, "{\"sources\":");
	if (!rc)
		rc = sr_sources_health_json(st, (int64_t)time(NULL), &r->body);
	if (!rc)
		rc = sr_buf_putc(&r->body, '}');
	if (rc == SR_EDB)
		sr_resp_db_error(r, st);
	else if (rc)
		sr_resp_error(r, 500, "cannot send the sources: %s", sr_strerror(rc));
	sr_server_give_back(s, st);
}

/* ---- POST /api/sources ---- */

/* What a source URL is, from its shape alone (the server does not fetch it to find out;
 * `sitrep source add` does): "sitemap" when its last path segment names a sitemap,
 * "feed" when it looks like RSS or Atom, else NULL. */
static const char *kind_by_shape(const char *url)
{
	const char *p = strstr(url, "://");
	p = p ? strchr(p + 3, '/') : NULL;
	if (!p)
		return NULL;
	size_t plen = strcspn(p, "?#");
	const char *q = p[plen] == '?' ? p + plen + 1 : "";
	char path[1024];
	if (plen >= sizeof(path))
		return NULL;
	for (size_t i = 0; i < plen; i++)
		path[i] = (char)((p[i] >= 'A' && p[i] <= 'Z') ? p[i] + 32 : p[i]);
	path[plen] = '\0';
	while (plen > 1 && path[plen - 1] == '/')
		path[--plen] = '\0';
	const char *last = strrchr(path, '/');
	last = last ? last + 1 : path;
	size_t ln = strlen(last);
#define ENDS(x) (ln >= sizeof(x) - 1 && !strcmp(last + ln - (sizeof(x) - 1), x))
	if (strstr(last, "sitemap"))
		return "sitemap";
	if (ENDS(".rss") || ENDS(".atom") || ENDS(".rdf") || ENDS(".xml") || !strcmp(last, "rss") ||
	    !strcmp(last, "feed") || !strcmp(last, "atom") || !strcmp(last, "feeds") ||
	    strstr(path, "/feed/") || strstr(path, "/rss/") || strstr(q, "feed=") ||
	    strstr(q, "format=rss") || strstr(q, "format=atom"))
		return "feed";
#undef ENDS
	return NULL;
}

typedef struct source_add_ctx {
	sr_req *rq;
	const char *url, *kind, *name;
	int64_t every, id;
	int rc;
} source_add_ctx;

static int do_source_add(sr_store *st, void *arg)
{
	source_add_ctx *c = arg;
	c->rc = sr_sources_add(st, c->url, c->kind, c->name, c->every, NULL, (int64_t)time(NULL), &c->id);
	if (c->rc == SR_EDB)
		sr_resp_db_error(&c->rq->resp, st);
	return c->rc;
}

static void h_source_add(sr_server *s, sr_req *rq)
{
	sr_resp *r = &rq->resp;
	sr_buf url;
	sr_buf_init(&url, 8192);
	json_t *j = json_body(rq);
	if (!j)
		goto out;
	source_add_ctx c = {.rq = rq, .every = 900};
	const char *raw, *every;
	if (body_str(rq, j, "url", 1, &raw) || body_str(rq, j, "name", 0, &c.name) ||
	    body_str(rq, j, "kind", 0, &c.kind))
		goto out;
	json_t *ev = json_object_get(j, "every");
	if (json_is_integer(ev)) {
		c.every = json_integer_value(ev);
	} else if (ev && !json_is_null(ev)) {
		if (body_str(rq, j, "every", 0, &every))
			goto out;
		c.every = sr_span_parse(every);
	}
	if (c.every < 60 || c.every > 30 * 86400) {
		sr_resp_error(r, 400, "\"every\": want a span from 1m to 30d (15m, 1h) or seconds");
		goto out;
	}
	if (c.name && (!*c.name || strlen(c.name) > 200)) {
		sr_resp_error(r, 400, "\"name\": 1 to 200 bytes");
		goto out;
	}
	if (sr_url_normalize(raw, &url) != SR_OK || !url.data ||
	    (strncmp(url.data, "http://", 7) && strncmp(url.data, "https://", 8))) {
		sr_resp_error(r, 400, "\"url\": want an absolute http(s) URL");
		goto out;
	}
	c.url = url.data;
	if (c.kind && strcmp(c.kind, "feed") && strcmp(c.kind, "sitemap") && strcmp(c.kind, "page")) {
		sr_resp_error(r, 400, "\"kind\": feed, sitemap or page");
		goto out;
	}
	if (!c.kind && !(c.kind = kind_by_shape(c.url))) {
		sr_resp_error(r, 400, "cannot tell from the URL whether it is a feed or a sitemap: give "
			      "\"kind\" (feed, sitemap, or page to follow the page itself), or add it with "
			      "`sitrep source add`, which fetches it to find out");
		goto out;
	}
	if (sr_server_write(s, rq, do_source_add, &c) >= 0) {
		sr_resp_json(r, 201);
		sr_resp_header(r, "Location", "/api/sources/%lld", (long long)c.id);
		sr_jw w;
		sr_jw_init(&w, &r->body);
		sr_jw_obj(&w);
		sr_jw_key(&w, "id"); sr_jw_int(&w, c.id);
		sr_jw_key(&w, "url"); sr_jw_str(&w, c.url);
		sr_jw_key(&w, "kind"); sr_jw_str(&w, c.kind);
		sr_jw_key(&w, "name"); sr_jw_str(&w, c.name);
		sr_jw_key(&w, "every_secs"); sr_jw_int(&w, c.every);
		sr_jw_key(&w, "via"); sr_jw_null(&w);
		sr_jw_end(&w);
	} else if (c.rc == SR_EINVAL) {
		sr_resp_error(r, 409, "already a source (id %lld)", (long long)c.id);
	}
out:
	json_decref(j);
	sr_buf_release(&url);
}

/* ---- DELETE /api/sources/{id} ---- */

static void h_source_rm(sr_server *s, sr_req *rq)
{
	int64_t id;
	if (sr_http_cap_id(&rq->caps, "id", &id) != SR_OK) {
		sr_resp_error(&rq->resp, 404, "no such source (ids are positive whole numbers)");
		return;
	}
	char key[24];
	snprintf(key, sizeof(key), "%lld", (long long)id);
	rm_ctx c = {.rq = rq, .key = key, .fn = sr_sources_remove};
	if (sr_server_write(s, rq, do_remove, &c) >= 0) {
		sr_resp_json(&rq->resp, 200);
		sr_buf_appendf(&rq->resp.body, "{\"removed\":%lld}", (long long)id);
	} else if (c.rc == SR_ENOTFOUND) {
		sr_resp_error(&rq->resp, 404, "no source %lld", (long long)id);
	}
}

/* ---- GET /api/trends ---- */

static void h_trends(sr_server *s, sr_req *rq)
{
	sr_resp *r = &rq->resp;
	sr_trends_opts o = {.at = (int64_t)time(NULL), .window_hours = 24, .min_z = 3, .min_count = 3,
			    .limit = 20};
	sr_buf v;
	sr_buf_init(&v, 64);
	int64_t min_count = 3, limit = 20;
	int rc = sr_req_param(rq, "since", &v);
	if (rc < 0)
		goto out;
	if (rc == 1) {
		int64_t span = sr_span_parse(v.data ? v.data : "");
		if (span < 3600 || span > 168 * 3600) {
			sr_resp_error(r, 400, "parameter since: want a span from 1h to 7d (6h, 24h, 7d)");
			goto out;
		}
		o.window_hours = (int)(span / 3600);
	}
	sr_buf_reset(&v);
	if ((rc = sr_req_param(rq, "at", &v)) < 0)
		goto out;
	if (rc == 1 && sr_iso_parse(v.data ? v.data : "", &o.at) != 0) {
		sr_resp_error(r, 400, "parameter at: want a date or time (2026-11-25, 2026-11-25T12:00:00Z)");
		goto out;
	}
	if (num_param(rq, "min_z", -1000, 1000, &o.min_z) ||
	    int_param(rq, "min_count", 0, 1000000, &min_count) ||
	    int_param(rq, "limit", 1, SR_API_PAGE_MAX, &limit))
		goto out;
	o.min_count = (int)min_count;
	o.limit = (int)limit;
	sr_store *st = sr_server_borrow(s, rq);
	if (!st)
		goto out;
	sr_resp_json(r, 200);
	rc = sr_trends_json(st, &o, &r->body);
	if (rc == SR_EDB)
		sr_resp_db_error(r, st);
	else if (rc)
		sr_resp_error(r, 500, "cannot send the trends: %s", sr_strerror(rc));
	sr_server_give_back(s, st);
out:
	sr_buf_release(&v);
}

/* ---- GET /api/openapi.json and GET / ---- */

static void h_openapi(sr_server *s, sr_req *rq)
{
	sr_resp_json(&rq->resp, 200);
	if (sr_openapi_json(sr_routes, sr_server_options(s)->version, &rq->resp.body))
		sr_resp_error(&rq->resp, 500, "cannot write the description");
}

static void h_index(sr_server *s, sr_req *rq)
{
	const sr_asset *a = sr_asset_find(sr_server_options(s)->assets, "/index.html");
	if (!a) {
		sr_resp_error(&rq->resp, 404, "no dashboard in this build (see /api/openapi.json)");
		return;
	}
	rq->resp.status = 200;
	rq->resp.type = a->type;
	rq->resp.data = a->data;
	rq->resp.len = a->len;
	rq->resp.cache = "no-cache";
}

/* ---- the table ---- */

static const sr_route_param search_params[] = {
	{"q", "query", 1, "{\"type\":\"string\",\"minLength\":1,\"maxLength\":" STR(SR_QUERY_MAX) "}",
	 "the query: words (AND implied), \"phrases\", OR, NOT, -exclusion, prefix*, "
	 "title: and body: (the language of `sitrep search --help`)"},
	{"limit", "query", 0,
	 "{\"type\":\"integer\",\"minimum\":1,\"maximum\":" STR(SR_API_PAGE_MAX) ",\"default\":10}",
	 "hits per page"},
	{"offset", "query", 0,
	 "{\"type\":\"integer\",\"minimum\":0,\"maximum\":" STR(SR_API_OFFSET_MAX) ",\"default\":0}",
	 "hits to skip (paging)"},
	{"source", "query", 0, "{\"type\":\"string\"}",
	 "filter: only articles of this outlet (a value of the sources facet)"},
	{"lang", "query", 0, "{\"type\":\"string\"}",
	 "filter: only articles in this language (a value of the languages facet)"},
	{"day", "query", 0, "{\"type\":\"string\",\"format\":\"date\"}",
	 "filter: only articles of this UTC day, YYYY-MM-DD (a value of the days facet)"},
	{"facets", "query", 0, "{\"type\":\"boolean\",\"default\":false}",
	 "add the facets of the matching set: how it splits by source, language and day"},
	{NULL, NULL, 0, NULL, NULL},
};

static const sr_route_param stories_params[] = {
	{"since", "query", 0, "{\"type\":\"string\"}",
	 "only stories active since then: a span back from now (24h, 7d) or a date (2026-11-20)"},
	{"limit", "query", 0,
	 "{\"type\":\"integer\",\"minimum\":1,\"maximum\":" STR(SR_API_PAGE_MAX) ",\"default\":50}",
	 "stories per answer, newest activity first"},
	{"min_size", "query", 0, "{\"type\":\"integer\",\"minimum\":1,\"default\":1}",
	 "only stories of at least this many articles"},
	{NULL, NULL, 0, NULL, NULL},
};

static const sr_route_param story_params[] = {
	{"id", "path", 1, "{\"type\":\"integer\",\"minimum\":1}", "the story id (as stories and search give)"},
	{NULL, NULL, 0, NULL, NULL},
};

static const sr_route_param entities_params[] = {
	{"type", "query", 0, "{\"type\":\"string\",\"enum\":[\"PER\",\"ORG\",\"LOC\",\"MISC\"]}",
	 "only entities of this type (person, org, place and misc are understood too)"},
	{"since", "query", 0, "{\"type\":\"string\"}",
	 "count only articles since then: a span back from now (24h, 7d) or a date (2026-11-20)"},
	{"limit", "query", 0,
	 "{\"type\":\"integer\",\"minimum\":1,\"maximum\":" STR(SR_API_PAGE_MAX) ",\"default\":50}",
	 "entities per answer, most written about first"},
	{NULL, NULL, 0, NULL, NULL},
};

static const sr_route_param entity_params[] = {
	{"id", "path", 1, "{\"type\":\"integer\",\"minimum\":1}",
	 "the entity id (as entities, places and an article's entities give)"},
	{NULL, NULL, 0, NULL, NULL},
};

static const sr_route_param places_params[] = {
	{"since", "query", 0, "{\"type\":\"string\"}",
	 "count only articles since then: a span back from now (24h, 7d) or a date (2026-11-20)"},
	{"limit", "query", 0, "{\"type\":\"integer\",\"minimum\":1,\"maximum\":2000,\"default\":500}",
	 "places per answer, most written about first"},
	{NULL, NULL, 0, NULL, NULL},
};

static const sr_route_param volume_params[] = {
	{"days", "query", 0,
	 "{\"type\":\"integer\",\"minimum\":1,\"maximum\":" STR(SR_VOLUME_MAX_DAYS) ",\"default\":30}",
	 "how many days, ending with the day of the newest article"},
	{"site", "query", 0, "{\"type\":\"string\"}", "only the articles of this site (its site name)"},
	{"source", "query", 0, "{\"type\":\"integer\",\"minimum\":1}",
	 "only the articles that this followed source listed (its id, as /api/sources gives)"},
	{NULL, NULL, 0, NULL, NULL},
};

static const sr_route_param id_params[] = {
	{"id", "path", 1, "{\"type\":\"integer\",\"minimum\":1}", "the article id (as search gives)"},
	{NULL, NULL, 0, NULL, NULL},
};

static const sr_route_param ingest_params[] = {
	{"url", "query", 0, "{\"type\":\"string\",\"format\":\"uri\"}",
	 "the page's URL: its identity (normalised) and the base of its links; without it the "
	 "document is identified by its content"},
	{"format", "query", 0, "{\"type\":\"string\",\"enum\":[\"auto\",\"html\",\"text\"],\"default\":\"auto\"}",
	 "how to read the body (default: from Content-Type text/html or text/plain, else by content)"},
	{NULL, NULL, 0, NULL, NULL},
};

#define DB_ERRORS \
	{500, "application/json", ERR, "database error"}, \
	{503, "application/json", ERR, "database busy or cannot be opened"}
#define WRITE_ERRORS \
	{401, "application/json", ERR, "missing or wrong bearer token"}, \
	{403, "application/json", ERR, "the server is read-only (started without a token)"}, \
	{413, "application/json", ERR, "body over 64 KiB"}, \
	{415, "application/json", ERR, "the body is not sent as application/json"}

static const sr_route_param watch_name_params[] = {
	{"name", "path", 1, "{\"type\":\"string\",\"minLength\":1,\"maxLength\":" STR(SR_WATCH_NAME_MAX) "}",
	 "the watchlist's name (percent-encoded; a name with a '/' cannot be given in a path)"},
	{NULL, NULL, 0, NULL, NULL},
};

static const sr_route_param watch_test_params[] = {
	{"name", "path", 1, "{\"type\":\"string\",\"minLength\":1,\"maxLength\":" STR(SR_WATCH_NAME_MAX) "}",
	 "the watchlist's name (percent-encoded)"},
	{"limit", "query", 0,
	 "{\"type\":\"integer\",\"minimum\":1,\"maximum\":" STR(SR_API_PAGE_MAX) ",\"default\":20}",
	 "hits listed (total counts them all)"},
	{NULL, NULL, 0, NULL, NULL},
};

static const sr_route_param watch_atom_params[] = {
	{"name", "path", 1, "{\"type\":\"string\",\"minLength\":1,\"maxLength\":" STR(SR_WATCH_NAME_MAX) "}",
	 "the watchlist's name (percent-encoded)"},
	{"limit", "query", 0,
	 "{\"type\":\"integer\",\"minimum\":1,\"maximum\":" STR(SR_API_PAGE_MAX) ",\"default\":50}",
	 "entries, newest alerts first"},
	{NULL, NULL, 0, NULL, NULL},
};

static const sr_route_param alerts_params[] = {
	{"watch", "query", 0, "{\"type\":\"string\"}", "only the alerts of this watchlist (its name)"},
	{"since", "query", 0, "{\"type\":\"string\"}",
	 "only alerts made since then: a span back from now (24h, 7d) or a date (2026-11-20)"},
	{"limit", "query", 0,
	 "{\"type\":\"integer\",\"minimum\":1,\"maximum\":" STR(SR_API_PAGE_MAX) ",\"default\":50}",
	 "alerts per answer, newest first"},
	{NULL, NULL, 0, NULL, NULL},
};

static const sr_route_param source_id_params[] = {
	{"id", "path", 1, "{\"type\":\"integer\",\"minimum\":1}", "the source id (as /api/sources gives)"},
	{NULL, NULL, 0, NULL, NULL},
};

static const sr_route_param trends_params[] = {
	{"since", "query", 0, "{\"type\":\"string\",\"default\":\"24h\"}",
	 "the window: a span of whole hours from 1h to 7d, ending at at"},
	{"at", "query", 0, "{\"type\":\"string\"}",
	 "the end of the window: a date or time (default: now)"},
	{"min_z", "query", 0, "{\"type\":\"number\",\"default\":3}",
	 "only names at least this many standard deviations above their baseline"},
	{"min_count", "query", 0, "{\"type\":\"integer\",\"minimum\":0,\"default\":3}",
	 "only names in at least this many articles of the window"},
	{"limit", "query", 0,
	 "{\"type\":\"integer\",\"minimum\":1,\"maximum\":" STR(SR_API_PAGE_MAX) ",\"default\":20}",
	 "names listed, highest z first"},
	{NULL, NULL, 0, NULL, NULL},
};

static const sr_route_resp watchlists_resp[] = {
	{200, "application/json", REF("WatchlistList"), "every watchlist with its alert count, by name, "
	 "as `sitrep watch list --json`"},
	DB_ERRORS,
	{0, NULL, NULL, NULL},
};

static const sr_route_resp watch_add_resp[] = {
	{201, "application/json", REF("Watchlist"), "added: new articles matching the query are alerted"},
	{400, "application/json", ERR, "a missing or malformed field, a bad name or webhook, or a query "
	 "that does not parse (the error has the column)"},
	WRITE_ERRORS,
	{409, "application/json", ERR, "a watchlist of that name exists"},
	DB_ERRORS,
	{0, NULL, NULL, NULL},
};

static const sr_route_resp watch_rm_resp[] = {
	{200, "application/json", "{\"type\":\"object\",\"properties\":{\"removed\":{\"type\":\"string\"}}}",
	 "removed with its alerts"},
	{404, "application/json", ERR, "no such watchlist"},
	{401, "application/json", ERR, "missing or wrong bearer token"},
	{403, "application/json", ERR, "the server is read-only (started without a token)"},
	DB_ERRORS,
	{0, NULL, NULL, NULL},
};

static const sr_route_resp watch_test_resp[] = {
	{200, "application/json", REF("WatchTest"), "the stored articles the watchlist's query finds "
	 "(copies counted once), as `sitrep watch test NAME --json`"},
	{400, "application/json", ERR, "malformed parameter, or a stored query that no longer parses"},
	{404, "application/json", ERR, "no such watchlist"},
	DB_ERRORS,
	{0, NULL, NULL, NULL},
};

static const sr_route_resp alerts_resp[] = {
	{200, "application/json", REF("AlertList"), "alerts, newest first, as `sitrep alerts --json`"},
	{400, "application/json", ERR, "malformed parameter"},
	{404, "application/json", ERR, "no such watchlist"},
	DB_ERRORS,
	{0, NULL, NULL, NULL},
};

static const sr_route_resp watch_atom_resp[] = {
	{200, "application/atom+xml", "{\"type\":\"string\"}", "the watchlist's alerts as an Atom "
	 "feed (RFC 4287), newest first, as `sitrep alerts --watch NAME --atom`"},
	{400, "application/json", ERR, "malformed parameter"},
	{404, "application/json", ERR, "no such watchlist"},
	DB_ERRORS,
	{0, NULL, NULL, NULL},
};

static const sr_route_resp sources_resp[] = {
	{200, "application/json", REF("SourceList"), "the sources `sitrep poll` follows, with their "
	 "health, as `sitrep source list --json`"},
	DB_ERRORS,
	{0, NULL, NULL, NULL},
};

static const sr_route_resp source_add_resp[] = {
	{201, "application/json", REF("SourceAdded"), "added; polled from the next `sitrep poll`"},
	{400, "application/json", ERR, "a missing or malformed field, or a URL whose kind its shape "
	 "does not tell (give kind)"},
	WRITE_ERRORS,
	{409, "application/json", ERR, "a source with that URL exists"},
	DB_ERRORS,
	{0, NULL, NULL, NULL},
};

static const sr_route_resp source_rm_resp[] = {
	{200, "application/json", "{\"type\":\"object\",\"properties\":{\"removed\":{\"type\":\"integer\"}}}",
	 "removed (its stored articles stay)"},
	{404, "application/json", ERR, "no such source"},
	{401, "application/json", ERR, "missing or wrong bearer token"},
	{403, "application/json", ERR, "the server is read-only (started without a token)"},
	DB_ERRORS,
	{0, NULL, NULL, NULL},
};

static const sr_route_resp trends_resp[] = {
	{200, "application/json", REF("Trends"), "rising names, as `sitrep trends --json`"},
	{400, "application/json", ERR, "malformed parameter"},
	DB_ERRORS,
	{0, NULL, NULL, NULL},
};

#define WATCH_BODY \
	"{\"type\":\"object\",\"required\":[\"name\",\"query\"],\"properties\":{" \
	"\"name\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":" STR(SR_WATCH_NAME_MAX) "}," \
	"\"query\":{\"type\":\"string\",\"maxLength\":" STR(SR_QUERY_MAX) ",\"description\":" \
	"\"the query language of /api/search\"},\"webhook\":{\"type\":\"string\",\"nullable\":true," \
	"\"description\":\"an http(s) URL that gets a JSON POST per alert\"}}," \
	"\"example\":{\"name\":\"amman-water\",\"query\":\"amman water\"}}"
#define SOURCE_BODY \
	"{\"type\":\"object\",\"required\":[\"url\"],\"properties\":{" \
	"\"url\":{\"type\":\"string\",\"format\":\"uri\"}," \
	"\"name\":{\"type\":\"string\",\"nullable\":true}," \
	"\"kind\":{\"type\":\"string\",\"enum\":[\"feed\",\"sitemap\",\"page\"],\"description\":" \
	"\"without it, told from the URL's shape (the server does not fetch it)\"}," \
	"\"every\":{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}],\"default\":\"15m\"," \
	"\"description\":\"polling interval: a span (15m, 1h) or seconds, 1m to 30d\"}}," \
	"\"example\":{\"url\":\"https://news.example.org/feed.xml\",\"every\":\"30m\"}}"

static const sr_route_resp health_resp[] = {
	{200, "application/json", REF("Health"), "the server and its database answer"},
	{503, "application/json", ERR, "the database cannot be opened"},
	{0, NULL, NULL, NULL},
};

static const sr_route_resp stats_resp[] = {
	{200, "application/json", REF("Stats"), "counts of what the database holds"},
	{500, "application/json", ERR, "database error"},
	{503, "application/json", ERR, "database busy or cannot be opened"},
	{0, NULL, NULL, NULL},
};

static const sr_route_resp search_resp[] = {
	{200, "application/json", REF("SearchResult"), "ranked hits with plain-text snippets and "
	 "highlight ranges (byte offsets into the snippet)"},
	{400, "application/json", ERR, "missing or malformed parameter, or a query that does not parse "
	 "(the error has the column)"},
	{500, "application/json", ERR, "database error"},
	{503, "application/json", ERR, "database busy or cannot be opened"},
	{0, NULL, NULL, NULL},
};

static const sr_route_resp article_resp[] = {
	{200, "application/json", REF("Article"), "every stored field of the article, with its "
	 "entity mentions and quotes"},
	{404, "application/json", ERR, "no such article"},
	{500, "application/json", ERR, "database error"},
	{503, "application/json", ERR, "database busy or cannot be opened"},
	{0, NULL, NULL, NULL},
};

static const sr_route_resp stories_resp[] = {
	{200, "application/json", REF("StoryList"), "the stories, newest activity first, as "
	 "`sitrep stories --json`"},
	{400, "application/json", ERR, "malformed parameter"},
	{500, "application/json", ERR, "database error"},
	{503, "application/json", ERR, "database busy or cannot be opened"},
	{0, NULL, NULL, NULL},
};

static const sr_route_resp story_resp[] = {
	{200, "application/json", REF("Story"), "the story with all its articles, as "
	 "`sitrep story --json ID`"},
	{404, "application/json", ERR, "no such story"},
	{500, "application/json", ERR, "database error"},
	{503, "application/json", ERR, "database busy or cannot be opened"},
	{0, NULL, NULL, NULL},
};

static const sr_route_resp volume_resp[] = {
	{200, "application/json", REF("Volume"), "articles per UTC day, every day of the range"},
	{400, "application/json", ERR, "malformed parameter"},
	{500, "application/json", ERR, "database error"},
	{503, "application/json", ERR, "database busy or cannot be opened"},
	{0, NULL, NULL, NULL},
};

static const sr_route_resp entities_resp[] = {
	{200, "application/json", REF("EntityList"), "the entities most written about, as "
	 "`sitrep entities --json`"},
	{400, "application/json", ERR, "malformed parameter"},
	{500, "application/json", ERR, "database error"},
	{503, "application/json", ERR, "database busy or cannot be opened"},
	{0, NULL, NULL, NULL},
};

static const sr_route_resp entity_resp[] = {
	{200, "application/json", REF("Entity"), "the entity with its mentions per day, the "
	 "entities it appears with and its latest articles, as `sitrep entity --json ID`"},
	{404, "application/json", ERR, "no such entity"},
	{500, "application/json", ERR, "database error"},
	{503, "application/json", ERR, "database busy or cannot be opened"},
	{0, NULL, NULL, NULL},
};

static const sr_route_resp places_resp[] = {
	{200, "application/json", REF("Places"), "places with coordinates and their article counts"},
	{400, "application/json", ERR, "malformed parameter"},
	{500, "application/json", ERR, "database error"},
	{503, "application/json", ERR, "database busy or cannot be opened"},
	{0, NULL, NULL, NULL},
};

static const sr_route_resp raw_resp[] = {
	{200, "text/plain,application/octet-stream", "{\"type\":\"string\",\"format\":\"binary\"}",
	 "the original bytes as ingested, as an attachment: text/plain with the charset found in "
	 "the bytes, or application/octet-stream (never text/html)"},
	{404, "application/json", ERR, "no such article"},
	{500, "application/json", ERR, "database error"},
	{503, "application/json", ERR, "database busy or cannot be opened"},
	{0, NULL, NULL, NULL},
};

static const sr_route_resp ingest_resp[] = {
	{201, "application/json", REF("IngestResult"), "stored as a new article"},
	{200, "application/json", REF("IngestResult"), "the document was known: updated (changed) "
	 "or left as it was (unchanged)"},
	{400, "application/json", ERR, "empty body, bad parameter, or corrupt gzip"},
	{401, "application/json", ERR, "missing or wrong bearer token"},
	{403, "application/json", ERR, "the server is read-only (started without a token)"},
	{413, "application/json", ERR, "body larger than the limit (10 MB by default)"},
	{422, "application/json", ERR, "no article could be extracted (binary, no text, bad encoding)"},
	{500, "application/json", ERR, "database error"},
	{503, "application/json", ERR, "database busy, try again (Retry-After)"},
	{0, NULL, NULL, NULL},
};

static const sr_route_resp openapi_resp[] = {
	{200, "application/json", "{\"type\":\"object\"}", "this description (OpenAPI 3.0)"},
	{0, NULL, NULL, NULL},
};

static const sr_route_resp index_resp[] = {
	{200, "text/html", "{\"type\":\"string\"}", "the dashboard"},
	{404, "application/json", ERR, "no dashboard in this build"},
	{0, NULL, NULL, NULL},
};

const sr_route sr_routes[] = {
	{"GET", "/api/health", h_health, 0, "health", "is the server up and its database readable",
	 NULL, NULL, health_resp, NULL},
	{"GET", "/api/stats", h_stats, 0, "stats", "counts: articles, documents, bytes, languages, "
	 "sites, publication dates", NULL, NULL, stats_resp, NULL},
	{"GET", "/api/stats/volume", h_volume, 0, "volume", "articles per day (all, or one site's)",
	 NULL, volume_params, volume_resp, NULL},
	{"GET", "/api/search", h_search, 0, "search", "ranked full-text search", NULL, search_params,
	 search_resp, NULL},
	{"GET", "/api/articles/{id}", h_article, 0, "getArticle", "one article, every stored field, its entities and quotes",
	 NULL, id_params, article_resp, NULL},
	{"GET", "/api/articles/{id}/raw", h_raw, 0, "getArticleRaw",
	 "the original bytes of the article's document", NULL, id_params, raw_resp, NULL},
	{"GET", "/api/stories", h_stories, 0, "stories", "the recent stories with their outlets",
	 NULL, stories_params, stories_resp, NULL},
	{"GET", "/api/stories/{id}", h_story, 0, "getStory", "one story and its articles", NULL,
	 story_params, story_resp, NULL},
	{"GET", "/api/entities", h_entities, 0, "entities", "the people, organisations and places "
	 "most written about", NULL, entities_params, entities_resp, NULL},
	{"GET", "/api/entities/{id}", h_entity, 0, "getEntity", "one entity: mentions over time, "
	 "co-mentions, latest articles", NULL, entity_params, entity_resp, NULL},
	{"GET", "/api/places", h_places, 0, "places", "places with coordinates and article counts "
	 "(the map)", NULL, places_params, places_resp, NULL},
	{"POST", "/api/ingest", h_ingest, SR_ROUTE_WRITE | SR_ROUTE_BODY, "ingest",
	 "extract and store one page or text (the body; gzip accepted)",
	 "text/html,text/plain,application/octet-stream", ingest_params, ingest_resp, NULL},
	{"GET", "/api/watchlists", h_watchlists, 0, "watchlists", "the watchlists with their alert "
	 "counts", NULL, NULL, watchlists_resp, NULL},
	{"POST", "/api/watchlists", h_watch_add, SR_ROUTE_WRITE | SR_ROUTE_JSON, "addWatchlist",
	 "add a watchlist: new articles matching its query are alerted", NULL, NULL, watch_add_resp,
	 WATCH_BODY},
	{"DELETE", "/api/watchlists/{name}", h_watch_rm, SR_ROUTE_WRITE, "removeWatchlist",
	 "remove a watchlist and its alerts", NULL, watch_name_params, watch_rm_resp, NULL},
	{"GET", "/api/watchlists/{name}/test", h_watch_test, 0, "testWatchlist",
	 "run a watchlist's query over what is stored", NULL, watch_test_params, watch_test_resp, NULL},
	{"GET", "/api/watchlists/{name}/atom", h_watch_atom, 0, "watchlistAtom",
	 "a watchlist's alerts as an Atom feed", NULL, watch_atom_params, watch_atom_resp, NULL},
	{"GET", "/api/alerts", h_alerts, 0, "alerts", "the alerts, newest first", NULL, alerts_params,
	 alerts_resp, NULL},
	{"GET", "/api/sources", h_sources, 0, "sources", "the followed sources with their health",
	 NULL, NULL, sources_resp, NULL},
	{"POST", "/api/sources", h_source_add, SR_ROUTE_WRITE | SR_ROUTE_JSON, "addSource",
	 "follow a feed, sitemap or page", NULL, NULL, source_add_resp, SOURCE_BODY},
	{"DELETE", "/api/sources/{id}", h_source_rm, SR_ROUTE_WRITE, "removeSource",
	 "stop following a source", NULL, source_id_params, source_rm_resp, NULL},
	{"GET", "/api/trends", h_trends, 0, "trends", "rising names: mentions far above their own "
	 "trailing-week baseline", NULL, trends_params, trends_resp, NULL},
	{"GET", "/api/openapi.json", h_openapi, 0, "openapi", "this description", NULL, NULL,
	 openapi_resp, NULL},
	{"GET", "/", h_index, 0, "dashboard", "the dashboard (static files are served beside it)",
	 NULL, NULL, index_resp, NULL},
	{NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL},
};
