/*
 * poller.c - polling the registered sources (see poller.h).
 *
 * One round: the due sources are listed (one unit), each is queued on the fetcher with its
 * validators, and libcurl's multi interface runs them; every finished transfer is handled
 * as one unit of store work (lock ... unlock): a feed's new items and a sitemap's new URLs
 * are queued in turn, a page is extracted, analysed, stored and placed in a story, and an
 * item whose page cannot be had is stored from the feed's own content.
 */
#include "poller.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/hash.h"
#include "base/hmap.h"
#include "base/isotime.h"
#include "base/log.h"
#include "pipeline.h"
#include "source/feed.h"
#include "source/sitemap.h"
#include "store/sources.h"
#include "story/url.h"

#define MAX_CHILD_SITEMAPS 50

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

struct sr_poller {
	sr_poller_opts o;
	sr_store *store;         /* the unit's (between lock and unlock) */
	sr_story_stage *stories; /* likewise */
	sr_analyzer *an;
	sr_fetcher *fetcher;
	sr_arena arena;       /* per document */
	sr_arena parse_arena; /* per source response */
	sr_arena list_arena;  /* the round's sources */
	sr_buf scratch;
	int refetch;
	int64_t now;
	int fatal;
	sr_poll_counts cnt;
	sr_source *sources;   /* this round's */
	size_t n_sources;
	sr_hmap queued;       /* hashes of the item URLs queued this round */
};
typedef struct sr_poller poll;

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
					       "text/html; charset=utf-8", SR_POLL_FEED_ITEM, it->source_label);
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

/* Begin a unit of store work; 0 when the store cannot be had (the result is dropped). */
static int unit_begin(poll *p)
{
	int rc = p->o.lock(p->o.ctx, &p->store, &p->stories);
	if (rc) {
		sr_log_error("polling: cannot write to the store: %s", sr_strerror(rc));
		p->fatal = 1;
		return 0;
	}
	return 1;
}

static void unit_end(poll *p)
{
	sr_store *st = p->store;
	if (p->o.unlock(p->o.ctx, !p->fatal)) {
		sr_log_error("polling: commit failed: %s", st ? sr_store_errmsg(st) : "no store");
		p->fatal = 1;
	}
	p->store = NULL;
	p->stories = NULL;
}

static void on_result(void *ctx, const sr_fetch_res *res)
{
	poll *p = ctx;
	int type = (int)(res->tag & 3);
	item *it = type == T_SOURCE ? NULL : res->user;
	if (p->fatal || !unit_begin(p)) {
		item_free(it);
		return;
	}
	p->now = (int64_t)time(NULL);
	if (type == T_SOURCE)
		source_done(p, res);
	else if (type == T_ITEM)
		item_done(p, it, res);
	else
		child_done(p, it, res);
	item_free(it);
	unit_end(p);
}

/* A request the fetcher dropped (sr_fetcher_cancel): its item is freed. */
static void drop_item(void *ctx, void *user, int64_t tag)
{
	(void)ctx;
	if ((tag & 3) != T_SOURCE)
		item_free(user);
}

int sr_poller_new(sr_poller **out, const sr_poller_opts *o)
{
	*out = NULL;
	if (!o->lock || !o->unlock)
		return SR_EINVAL;
	sr_poller *p = calloc(1, sizeof(*p));
	if (!p)
		return SR_ENOMEM;
	p->o = *o;
	p->refetch = o->refetch;
	sr_arena_init(&p->list_arena, 0);
	sr_arena_init(&p->arena, (size_t)512 << 20);
	sr_arena_init(&p->parse_arena, (size_t)512 << 20);
	sr_buf_init(&p->scratch, (size_t)64 << 20);
	sr_hmap_init(&p->queued);
	if (!(p->an = sr_analyzer_new()) || !(p->fetcher = sr_fetcher_new(&o->fetch))) {
		sr_poller_free(p);
		return SR_ENOMEM;
	}
	*out = p;
	return SR_OK;
}

void sr_poller_free(sr_poller *p)
{
	if (!p)
		return;
	sr_fetcher_free(p->fetcher);
	sr_analyzer_free(p->an);
	sr_arena_release(&p->arena);
	sr_arena_release(&p->parse_arena);
	sr_arena_release(&p->list_arena);
	sr_buf_release(&p->scratch);
	sr_hmap_release(&p->queued);
	free(p);
}

int sr_poller_round(sr_poller *p, const sr_flag *stop, sr_poll_counts *c)
{
	memset(&p->cnt, 0, sizeof(p->cnt));
	*c = p->cnt; /* zeroed also when the round fails at once */
	p->fatal = 0;
	sr_arena_reset(&p->list_arena);
	sr_hmap_clear(&p->queued);
	if (!unit_begin(p))
		return SR_EDB;
	p->now = (int64_t)time(NULL);
	int rc = sr_sources_list(p->store, p->now, &p->list_arena, &p->sources, &p->n_sources);
	for (size_t i = 0; !rc && i < p->n_sources; i++) {
		sr_source *s = &p->sources[i];
		sr_fetch_req q = {.url = s->url,
				  .etag = p->refetch ? NULL : s->etag,
				  .last_modified = p->refetch ? NULL : s->last_modified,
				  .tag = (s->id << 2) | T_SOURCE};
		if (sr_fetcher_add(p->fetcher, &q)) {
			sr_log_error("%s: not an http(s) URL", s->url);
			if (sr_sources_record(p->store, s->id, p->now, 0, "not an http(s) URL", NULL, NULL,
					      p->now + 86400))
				rc = SR_EDB;
		}
	}
	if (rc)
		p->fatal = 1;
	unit_end(p);
	if (!p->fatal)
		rc = sr_fetcher_run(p->fetcher, on_result, p, stop);
	if (rc || p->fatal) /* stopped or failed: what is left of the round goes */
		sr_fetcher_cancel(p->fetcher, drop_item, p);
	*c = p->cnt;
	if (p->fatal)
		return SR_EDB;
	return rc;
}

int sr_poller_next_due(sr_poller *p, int64_t *due)
{
	if (!unit_begin(p))
		return SR_EDB;
	int rc = sr_sources_next_due(p->store, due);
	unit_end(p);
	return rc;
}

int sr_poll_own_lock(void *ctx, sr_store **st, sr_story_stage **stories)
{
	sr_poll_own *o = ctx;
	int rc = sr_store_begin(o->store);
	if (rc)
		return rc;
	*st = o->store;
	*stories = o->stories;
	return SR_OK;
}

int sr_poll_own_unlock(void *ctx, int commit)
{
	sr_poll_own *o = ctx;
	if (commit)
		return sr_store_commit(o->store);
	sr_store_rollback(o->store);
	return SR_OK;
}
