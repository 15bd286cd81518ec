/*
 * cmd_poll.c - `sitrep poll`: poll the due sources, fetch their new items, store them.
 *
 * One round: every due source is fetched (conditional GET with its stored validators);
 * a feed's items and a sitemap's URLs not listed before are fetched politely (fetch.h);
 * each page goes through the pipeline, is stored and placed in a story.  When an item's
 * page cannot be fetched (error, 4xx/5xx, robots.txt), the item is stored from the
 * feed's own content (documents.content_type 'application/x-feed-item').  A page already
 * in the store is not fetched again unless --refetch.  Everything runs in this thread:
 * libcurl's multi interface keeps many transfers going while the callback extracts.
 * Without --once, rounds repeat, sleeping until the next source is due, until SIGINT or
 * SIGTERM.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/hash.h"
#include "base/hmap.h"
#include "base/isotime.h"
#include "base/json.h"
#include "base/log.h"
#include "cli.h"
#include "pipeline.h"
#include "source/feed.h"
#include "source/fetch.h"
#include "source/sitemap.h"
#include "store/sources.h"
#include "store/stories.h"
#include "story/url.h"

#define FEED_ITEM_TYPE "application/x-feed-item"
#define MAX_CHILD_SITEMAPS 50
#define COMMIT_EVERY 100

static volatile sig_atomic_t interrupted;

static void on_signal(int sig) { interrupted = sig; }

enum { T_SOURCE = 1, T_ITEM = 2, T_CHILD = 3 };

/* An item waiting for its page: what the feed said, kept to store it from the feed when
 * the page cannot be had.  Heap memory, freed when its fetch finishes. */
typedef struct item {
	int type;
	int64_t source_id;
	const char *source_label;
	char *uri;        /* normalised link */
	char *title, *summary, *content, *published, *author, *image;
	char *categories; /* "a, b" */
	int64_t published_t;
} item;

typedef struct counts {
	size_t sources, not_modified, source_errors, items_new, pages, from_feed, known, failed,
		robots;
} counts;

typedef struct poll {
	sr_store *store;
	sr_story_stage *stories;
	sr_analyzer *an;
	sr_fetcher *fetcher;
	sr_arena arena;       /* per document */
	sr_arena parse_arena; /* per source response */
	sr_buf scratch;
	int refetch;
	int64_t now;
	int in_batch;
	int fatal;
	counts cnt;
	sr_source *sources;   /* this round's */
	size_t n_sources;
	sr_hmap queued;       /* hashes of the item URLs queued this round */
} poll;

static char *xdup(const char *s) { return s ? strdup(s) : NULL; }

static void item_free(item *it)
{
	if (!it)
		return;
	free(it->uri);
	free(it->title);
	free(it->summary);
	free(it->content);
	free(it->published);
	free(it->author);
	free(it->image);
	free(it->categories);
	free(it);
}

static sr_source *source_by_id(poll *p, int64_t id)
{
	for (size_t i = 0; i < p->n_sources; i++)
		if (p->sources[i].id == id)
			return &p->sources[i];
	return NULL;
}

static const char *label_of(const sr_source *s) { return s->name ? s->name : s->url; }

static void maybe_commit(poll *p)
{
	if (++p->in_batch < COMMIT_EVERY)
		return;
	if (sr_store_commit(p->store) || sr_store_begin(p->store)) {
		sr_log_error("commit failed: %s", sr_store_errmsg(p->store));
		p->fatal = 1;
	}
	p->in_batch = 0;
}

/* Extract, store and place one document; returns the document id (> 0), 0 when unchanged
 * or not stored, < 0 on a database failure. */
static int64_t store_doc(poll *p, const char *uri, const char *raw, size_t len,
			 const char *content_type, const char *doc_type, const char *source)
{
	sr_doc doc;
	memset(&doc, 0, sizeof(doc));
	doc.uri = uri;
	doc.raw = raw;
	doc.raw_len = len;
	sr_hash128(raw, len, doc.hash);
	doc.content_type = doc_type;
	doc.source = source;
	doc.fetched_at = p->now;
	int rc = sr_store_check(p->store, &doc);
	if (rc == SR_PUT_UNCHANGED)
		return sr_sources_document(p->store, uri);
	if (rc < 0)
		return rc;
	sr_arena_reset(&p->arena);
	sr_article art;
	sr_analysis an;
	char why[SR_PIPELINE_WHY_MAX];
	sr_extract_opts xo = {.url = uri, .content_type = content_type, .format = SR_FORMAT_AUTO};
	if ((rc = sr_pipeline_run(raw, len, &xo, &p->arena, &art, why))) {
		sr_log_warn("%s: not extracted: %s", uri, why[0] ? why : sr_strerror(rc));
		return 0;
	}
	if ((rc = sr_pipeline_analyze(p->an, &art, &p->arena, &an))) {
		sr_log_warn("%s: analysis failed: %s", uri, sr_strerror(rc));
		return 0;
	}
	int64_t aid = 0;
	rc = sr_store_put(p->store, &doc, &art, &aid);
	if (rc == SR_PUT_NEW || rc == SR_PUT_CHANGED) {
		sr_story_outcome so;
		int src = sr_story_stage_place(p->stories, aid, &art, doc.fetched_at, &an, &so);
		if (src) {
			sr_log_error("%s: story stage failed: %s: %s", uri, sr_strerror(src), sr_store_errmsg(p->store));
			return SR_EDB;
		}
		maybe_commit(p);
	}
	if (rc < 0) {
		sr_log_error("%s: not stored: %s: %s", uri, sr_strerror(rc), sr_store_errmsg(p->store));
		return rc == SR_EDB ? SR_EDB : 0;
	}
	return aid;
}

static void html_escape(sr_buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': sr_buf_puts(b, "&lt;"); break;
		case '>': sr_buf_puts(b, "&gt;"); break;
		case '&': sr_buf_puts(b, "&amp;"); break;
		case '"': sr_buf_puts(b, "&quot;"); break;
		default: sr_buf_putc(b, *s);
		}
	}
}

/* The item as a small HTML page built from the feed's own fields. */
static void feed_page(sr_buf *b, const item *it)
{
	sr_buf_reset(b);
	sr_buf_puts(b, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>");
	html_escape(b, it->title);
	sr_buf_puts(b, "</title>\n");
	if (it->published) {
		sr_buf_puts(b, "<meta property=\"article:published_time\" content=\"");
		html_escape(b, it->published);
		sr_buf_puts(b, "\">\n");
	}
	if (it->author) {
		sr_buf_puts(b, "<meta name=\"author\" content=\"");
		html_escape(b, it->author);
		sr_buf_puts(b, "\">\n");
	}
	if (it->image) {
		sr_buf_puts(b, "<meta property=\"og:image\" content=\"");
		html_escape(b, it->image);
		sr_buf_puts(b, "\">\n");
	}
	if (it->categories) {
		sr_buf_puts(b, "<meta name=\"keywords\" content=\"");
		html_escape(b, it->categories);
		sr_buf_puts(b, "\">\n");
	}
	sr_buf_puts(b, "<meta name=\"generator\" content=\"sitrep feed item\">\n");
	sr_buf_puts(b, "<link rel=\"canonical\" href=\"");
	html_escape(b, it->uri);
	sr_buf_puts(b, "\"></head><body><article><h1>");
	html_escape(b, it->title);
	sr_buf_puts(b, "</h1>\n");
	/* the feed's HTML is untrusted but only ever extracted, never served as is */
	const char *body = it->content ? it->content : it->summary;
	if (body) {
		if (strchr(body, '<'))
			sr_buf_puts(b, body);
		else {
			sr_buf_puts(b, "<p>");
			html_escape(b, body);
			sr_buf_puts(b, "</p>");
		}
	}
	sr_buf_puts(b, "</article></body></html>\n");
}

static void item_record(poll *p, const item *it, int64_t doc_id, const char *status)
{
	if (sr_sources_item_put(p->store, it->source_id, it->uri, it->published_t, p->now,
				doc_id > 0 ? p->now : 0, doc_id > 0 ? doc_id : 0, status))
		p->fatal = 1;
}

static void item_done(poll *p, item *it, const sr_fetch_res *res)
{
	int ok = res->rc == SR_OK && res->status >= 200 && res->status < 300 && res->body_len;
	if (ok) {
		int64_t id = store_doc(p, it->uri, res->body, res->body_len, res->content_type,
				       res->content_type, it->source_label);
		if (id < 0) {
			p->fatal = 1;
			return;
		}
		if (id > 0) {
			p->cnt.pages++;
			item_record(p, it, id, "page");
			return;
		}
	}
	if (res->robots_denied)
		p->cnt.robots++;
	/* the page could not be had: the feed's own content stands in */
	if (it->title || it->summary || it->content) {
		feed_page(&p->scratch, it);
		if (p->scratch.data) {
			int64_t id = store_doc(p, it->uri, p->scratch.data, p->scratch.len,
					       "text/html; charset=utf-8", FEED_ITEM_TYPE, it->source_label);
			if (id < 0) {
				p->fatal = 1;
				return;
			}
			if (id > 0) {
				sr_log_warn("%s: %s; stored from the feed's content", it->uri,
					    res->error[0] ? res->error : "no page");
				p->cnt.from_feed++;
				item_record(p, it, id, "feed");
				return;
			}
		}
	}
	sr_log_warn("%s: %s", it->uri, res->error[0] ? res->error : "no page and no content");
	p->cnt.failed++;
	item_record(p, it, 0, res->robots_denied ? "robots" : "failed");
}

/* Queue the page of a listed item unless it is known.  Fields may be NULL. */
static void offer_item(poll *p, const sr_source *src, const char *link, const char *title,
		       const char *summary, const char *content, const char *published,
		       const char *author, const char *image, const char *cats)
{
	if (!link)
		return;
	sr_buf_reset(&p->scratch);
	if (sr_url_normalize(link, &p->scratch) || !p->scratch.data)
		return;
	const char *uri = p->scratch.data;
	int known = sr_sources_item_known(p->store, src->id, uri);
	if (known < 0) {
		p->fatal = 1;
		return;
	}
	if (known && !p->refetch)
		return;
	int64_t pt = 0;
	if (published && sr_iso_parse(published, &pt))
		pt = 0;
	p->cnt.items_new += !known;
	int64_t doc = sr_sources_document(p->store, uri);
	if (doc > 0 && !p->refetch) {
		/* stored before (another source, an ingest): never fetched again */
		p->cnt.known++;
		if (sr_sources_item_put(p->store, src->id, uri, pt, p->now, 0, doc, "known"))
			p->fatal = 1;
		return;
	}
	/* listed by two sources in one round: fetched once */
	int inserted = 0;
	uint64_t h = sr_hash64(uri, strlen(uri), 0) | 1;
	if (!sr_hmap_put(&p->queued, h, &inserted)) {
		p->fatal = 1;
		return;
	}
	if (!inserted) {
		p->cnt.known++;
		if (sr_sources_item_put(p->store, src->id, uri, pt, p->now, 0, 0, "known"))
			p->fatal = 1;
		return;
	}
	item *it = calloc(1, sizeof(*it));
	if (!it) {
		p->fatal = 1;
		return;
	}
	it->type = T_ITEM;
	it->source_id = src->id;
	it->source_label = label_of(src);
	it->uri = strdup(uri);
	it->title = xdup(title);
	it->summary = xdup(summary);
	it->content = xdup(content);
	it->published = xdup(published);
	it->author = xdup(author);
	it->image = xdup(image);
	it->categories = xdup(cats);
	it->published_t = pt;
	sr_fetch_req q = {.url = it->uri, .user = it, .tag = T_ITEM};
	if (!it->uri || sr_fetcher_add(p->fetcher, &q)) {
		item_free(it);
		p->cnt.failed++;
	}
}

static void feed_items(poll *p, const sr_source *src, const sr_feed *f)
{
	char cats[1024];
	for (size_t i = 0; i < f->n_items && !p->fatal; i++) {
		const sr_feed_item *it = &f->items[i];
		size_t o = 0;
		cats[0] = '\0';
		for (size_t k = 0; k < it->n_categories && o < sizeof(cats) - 2; k++)
			o += (size_t)snprintf(cats + o, sizeof(cats) - o, "%s%s", k ? ", " : "", it->categories[k]);
		if (o >= sizeof(cats))
			cats[sizeof(cats) - 1] = '\0';
		offer_item(p, src, it->link, it->title, it->summary, it->content, it->published,
			   it->n_authors ? it->authors[0] : NULL, it->image, cats[0] ? cats : NULL);
	}
}

static void sitemap_urls(poll *p, const sr_source *src, const sr_sitemap *sm, int depth)
{
	if (sm->is_index) {
		if (depth > 0)
			return; /* an index of indexes: one level only */
		size_t n = sm->n_urls < MAX_CHILD_SITEMAPS ? sm->n_urls : MAX_CHILD_SITEMAPS;
		for (size_t i = 0; i < n; i++) {
			item *it = calloc(1, sizeof(*it));
			if (!it || !(it->uri = xdup(sm->urls[i].loc))) {
				item_free(it);
				p->fatal = 1;
				return;
			}
			it->type = T_CHILD;
			it->source_id = src->id;
			it->source_label = label_of(src);
			sr_fetch_req q = {.url = it->uri, .user = it, .tag = T_CHILD};
			if (sr_fetcher_add(p->fetcher, &q))
				item_free(it);
		}
		return;
	}
	for (size_t i = 0; i < sm->n_urls && !p->fatal; i++) {
		const sr_sitemap_url *u = &sm->urls[i];
		offer_item(p, src, u->loc, u->news_title, NULL, NULL, u->news_date ? u->news_date : u->lastmod,
			   NULL, NULL, NULL);
	}
}

static int64_t next_due_after_failure(const sr_source *s, int64_t now)
{
	int64_t wait = s->every_secs;
	for (int k = 0; k < s->failures && k < 4; k++)
		wait *= 2;
	if (wait > 86400)
		wait = 86400;
	return now + wait;
}

static void source_done(poll *p, const sr_fetch_res *res)
{
	sr_source *src = source_by_id(p, res->tag >> 2);
	if (!src)
		return;
	p->cnt.sources++;
	char why[SR_FEED_WHY_MAX] = "";
	if (res->rc != SR_OK || res->status >= 400 || (res->status != 304 && res->status >= 300)) {
		snprintf(why, sizeof(why), "%.200s", res->error[0] ? res->error : "no response");
		goto fail;
	}
	if (res->not_modified) {
		p->cnt.not_modified++;
		if (sr_sources_record(p->store, src->id, p->now, 1, NULL, NULL, NULL, p->now + src->every_secs))
			p->fatal = 1;
		return;
	}
	sr_arena_reset(&p->parse_arena);
	int rc;
	if (!strcmp(src->kind, "feed")) {
		sr_feed f;
		rc = sr_feed_parse(res->body, res->body_len, res->final_url, res->content_type, &p->parse_arena,
				   &f, why);
		if (rc)
			goto fail;
		if (f.recovered)
			sr_log_warn("%s: %s", src->url, why);
		feed_items(p, src, &f);
	} else if (!strcmp(src->kind, "sitemap")) {
		sr_sitemap sm;
		rc = sr_sitemap_parse(res->body, res->body_len, res->final_url, &p->parse_arena, &sm, why);
		if (rc)
			goto fail;
		sitemap_urls(p, src, &sm, 0);
	} else {
		/* a page followed as such: stored when it changes */
		int64_t id = store_doc(p, src->url, res->body, res->body_len, res->content_type,
				       res->content_type, label_of(src));
		if (id < 0) {
			p->fatal = 1;
			return;
		}
		if (id > 0) {
			p->cnt.pages++;
			if (sr_sources_item_put(p->store, src->id, src->url, 0, p->now, p->now, id, "page"))
				p->fatal = 1;
		}
	}
	if (sr_sources_record(p->store, src->id, p->now, 1, NULL, res->etag, res->last_modified,
			      p->now + src->every_secs))
		p->fatal = 1;
	return;
fail:
	p->cnt.source_errors++;
	sr_log_error("%s: %s", src->url, why);
	if (sr_sources_record(p->store, src->id, p->now, 0, why, NULL, NULL, next_due_after_failure(src, p->now)))
		p->fatal = 1;
}

static void child_done(poll *p, item *it, const sr_fetch_res *res)
{
	sr_source *src = source_by_id(p, it->source_id);
	if (!src)
		return;
	if (res->rc != SR_OK || res->status != 200) {
		sr_log_warn("%s: %s", it->uri, res->error[0] ? res->error : "not fetched");
		return;
	}
	sr_arena_reset(&p->parse_arena);
	sr_sitemap sm;
	char why[SR_SITEMAP_WHY_MAX];
	if (sr_sitemap_parse(res->body, res->body_len, res->final_url, &p->parse_arena, &sm, why)) {
		sr_log_warn("%s: %s", it->uri, why);
		return;
	}
	sitemap_urls(p, src, &sm, 1);
}

static void on_result(void *ctx, const sr_fetch_res *res)
{
	poll *p = ctx;
	if (p->fatal)
		return;
	p->now = (int64_t)time(NULL);
	int type = (int)(res->tag & 3);
	if (type == T_SOURCE) {
		source_done(p, res);
		return;
	}
	item *it = res->user;
	if (type == T_ITEM)
		item_done(p, it, res);
	else
		child_done(p, it, res);
	item_free(it);
}

static void print_summary(const counts *c, double secs, int json)
{
	if (json) {
		sr_buf o;
		sr_buf_init(&o, 4096);
		sr_jw w;
		sr_jw_init(&w, &o);
		sr_jw_obj(&w);
		sr_jw_key(&w, "sources"); sr_jw_int(&w, (int64_t)c->sources);
		sr_jw_key(&w, "not_modified"); sr_jw_int(&w, (int64_t)c->not_modified);
		sr_jw_key(&w, "source_errors"); sr_jw_int(&w, (int64_t)c->source_errors);
		sr_jw_key(&w, "items_new"); sr_jw_int(&w, (int64_t)c->items_new);
		sr_jw_key(&w, "pages"); sr_jw_int(&w, (int64_t)c->pages);
		sr_jw_key(&w, "from_feed"); sr_jw_int(&w, (int64_t)c->from_feed);
		sr_jw_key(&w, "known"); sr_jw_int(&w, (int64_t)c->known);
		sr_jw_key(&w, "robots_denied"); sr_jw_int(&w, (int64_t)c->robots);
		sr_jw_key(&w, "failed"); sr_jw_int(&w, (int64_t)c->failed);
		sr_jw_key(&w, "seconds"); sr_jw_double(&w, secs);
		sr_jw_end(&w);
		sr_buf_putc(&o, '\n');
		if (o.data)
			sr_cli_write(o.data, o.len);
		sr_buf_release(&o);
	} else {
		fprintf(stderr,
			"polled %zu sources (%zu not modified, %zu failed): %zu new items, %zu pages stored, "
			"%zu from feed content, %zu already stored, %zu denied by robots.txt, %zu not stored, "
			"%.1f s\n",
			c->sources, c->not_modified, c->source_errors, c->items_new, c->pages, c->from_feed,
			c->known, c->robots, c->failed, secs);
	}
}

static double mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One round over the due sources. */
static int round_once(poll *p, sr_arena *list_arena)
{
	sr_arena_reset(list_arena);
	sr_hmap_clear(&p->queued);
	p->now = (int64_t)time(NULL);
	int rc = sr_sources_list(p->store, p->now, list_arena, &p->sources, &p->n_sources);
	if (rc)
		return rc;
	for (size_t i = 0; i < p->n_sources; i++) {
		sr_source *s = &p->sources[i];
		sr_fetch_req q = {.url = s->url,
				  .etag = p->refetch ? NULL : s->etag,
				  .last_modified = p->refetch ? NULL : s->last_modified,
				  .tag = (s->id << 2) | T_SOURCE};
		if (sr_fetcher_add(p->fetcher, &q)) {
			sr_log_error("%s: not an http(s) URL", s->url);
			sr_sources_record(p->store, s->id, p->now, 0, "not an http(s) URL", NULL, NULL,
					  p->now + 86400);
		}
	}
	if ((rc = sr_store_begin(p->store)))
		return rc;
	p->in_batch = 0;
	rc = sr_fetcher_run(p->fetcher, on_result, p, &interrupted);
	if (sr_store_commit(p->store)) {
		sr_log_error("commit failed: %s", sr_store_errmsg(p->store));
		return SR_EDB;
	}
	if (p->fatal)
		return SR_EDB;
	return rc;
}

int cmd_poll(int argc, char **argv, sr_cli *cli)
{
	static const struct option longopts[] = {
		{"once", no_argument, NULL, 'o'},
		{"refetch", no_argument, NULL, 'r'},
		{"json", no_argument, NULL, 'j'},
		{"per-host", required_argument, NULL, 'p'},
		{"delay", required_argument, NULL, 'd'},
		{"timeout", required_argument, NULL, 't'},
		{"retries", required_argument, NULL, 'R'},
		{"max-size", required_argument, NULL, 'm'},
		{"contact", required_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int once = 0, json = 0, refetch = 0;
	sr_fetch_opts fo;
	sr_fetch_opts_init(&fo);
	fo.agent_version = SITREP_VERSION;
	fo.contact = getenv("SITREP_CONTACT");
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		char *end;
		switch (c) {
		case 'o': once = 1; break;
		case 'r': refetch = 1; break;
		case 'j': json = 1; break;
		case 'p':
			if ((fo.per_host = sr_cli_parse_int(optarg)) < 1)
				goto usage;
			break;
		case 'd':
			fo.host_delay = strtod(optarg, &end);
			if (end == optarg || *end || fo.host_delay < 0)
				goto usage;
			break;
		case 't': {
			double t = strtod(optarg, &end);
			if (end == optarg || *end || t <= 0)
				goto usage;
			fo.timeout_ms = (long)(t * 1000);
			fo.connect_timeout_ms = fo.timeout_ms < 10000 ? fo.timeout_ms : 10000;
			break;
		}
		case 'R':
			if ((fo.max_retries = sr_cli_parse_int(optarg)) < 0)
				goto usage;
			break;
		case 'm': {
			long long m = sr_cli_parse_size(optarg);
			if (m <= 0)
				goto usage;
			fo.max_size = (size_t)m;
			break;
		}
		case 'c': fo.contact = optarg; break;
		case 'h': sr_cli_usage("poll", stdout); return SR_EXIT_OK;
		default: goto usage;
		}
	}
	if (optind != argc)
		goto usage;

	int status = SR_EXIT_OK;
	poll p;
	memset(&p, 0, sizeof(p));
	p.refetch = refetch;
	sr_arena list_arena;
	sr_arena_init(&list_arena, 0);
	sr_arena_init(&p.arena, (size_t)512 << 20);
	sr_arena_init(&p.parse_arena, (size_t)512 << 20);
	sr_buf_init(&p.scratch, (size_t)64 << 20);
	sr_hmap_init(&p.queued);
	interrupted = 0;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	if (!(p.store = sr_cli_open_store(cli, SR_STORE_CREATE))) {
		status = SR_EXIT_FAIL;
		goto out;
	}
	int rc;
	if ((rc = sr_story_stage_open(&p.stories, p.store, NULL)) || !(p.an = sr_analyzer_new()) ||
	    !(p.fetcher = sr_fetcher_new(&fo))) {
		sr_log_error("cannot start polling: %s", sr_strerror(rc ? rc : SR_ENOMEM));
		status = SR_EXIT_FAIL;
		goto out;
	}
	for (;;) {
		double t0 = mono();
		memset(&p.cnt, 0, sizeof(p.cnt));
		rc = round_once(&p, &list_arena);
		if (rc == SR_EDB || rc == SR_ENOMEM || rc == SR_EIO) {
			sr_log_error("%s: polling failed: %s: %s", cli->db_path, sr_strerror(rc),
				     sr_store_errmsg(p.store));
			status = SR_EXIT_FAIL;
			break;
		}
		if (p.cnt.sources || once || json)
			print_summary(&p.cnt, mono() - t0, json);
		if (p.cnt.source_errors || p.cnt.failed)
			status = SR_EXIT_PARTIAL;
		if (once || interrupted)
			break;
		int64_t due;
		if (sr_sources_next_due(p.store, &due) == SR_ENOTFOUND)
			due = (int64_t)time(NULL) + 60;
		while (!interrupted && (int64_t)time(NULL) < due)
			sleep(1);
		if (interrupted)
			break;
		status = SR_EXIT_OK;
	}
	if (interrupted && !once) {
		status = status == SR_EXIT_FAIL ? status : SR_EXIT_OK;
	} else if (interrupted) {
		sr_log_error("interrupted: what was stored is kept");
		status = 128 + (int)interrupted;
	}
out:
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	sr_fetcher_free(p.fetcher);
	sr_analyzer_free(p.an);
	sr_story_stage_close(p.stories);
	sr_store_close(p.store);
	sr_arena_release(&p.arena);
	sr_arena_release(&p.parse_arena);
	sr_arena_release(&list_arena);
	sr_buf_release(&p.scratch);
	sr_hmap_release(&p.queued);
	return status;
usage:
	sr_cli_usage("poll", stderr);
	return SR_EXIT_USAGE;
}
