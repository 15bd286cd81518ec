#include "story/cluster.h"
#include "base/err.h"
#include "base/hash.h"
#include "base/hmap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- term counting (pure) ---- */


typedef struct count_ctx {
	sr_hmap *m;
	float inc;
	int rc;
} count_ctx;

static int on_term(void *ctx, const char *tok, size_t len, size_t start, size_t end, int colocated)
{
	(void)end;
	count_ctx *c = ctx;
	if (colocated || len < 2)
		return 0;
	/* digits-only tokens (years, counts) say little about which story it is */
	size_t digits = 0;
	for (size_t i = 0; i < len; i++)
		digits += tok[i] >= '0' && tok[i] <= '9';
	if (digits == len)
		return 0;
	uint64_t *v = sr_hmap_put(c->m, sr_hash64(tok, len, 0x7e53), NULL);
	if (!v) {
		c->rc = SR_ENOMEM;
		return SR_ENOMEM;
	}
	float f;
	memcpy(&f, v, sizeof(f));
	if (*v == 0)
		f = 0;
	(void)start;
	f += c->inc;
	*v = 0;
	memcpy(v, &f, sizeof(f));
	return 0;
}

int sr_story_terms(sr_tokenizer *t, const char *title, const char *text, const char *lang,
		   sr_arena *arena, sr_terms *out)
{
	sr_hmap m;
	sr_hmap_init(&m);
	count_ctx c = {.m = &m, .inc = 2};
	memset(out, 0, sizeof(*out));
	int rc = SR_OK;
	if (title && (rc = sr_tokenize(t, title, strlen(title), lang, SR_TOK_STEM, on_term, &c)))
		goto out;
	c.inc = 1;
	if (text && (rc = sr_tokenize(t, text, strlen(text), lang, SR_TOK_STEM, on_term, &c)))
		goto out;
	out->english = !lang || !*lang || (lang[0] == 'e' && lang[1] == 'n' && (!lang[2] || lang[2] == '-'));
	out->lang = out->english ? 0 : sr_hash64(lang, strlen(lang) < 2 ? strlen(lang) : 2, 0x1a9);
	out->term = sr_arena_alloc(arena, (m.n ? m.n : 1) * sizeof(uint64_t));
	out->count = sr_arena_alloc(arena, (m.n ? m.n : 1) * sizeof(float));
	if (!out->term || !out->count) {
		rc = SR_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < m.cap; i++) {
		if (!sr_hmap_used(&m, i))
			continue;
		out->term[out->n] = sr_hmap_key(&m, i);
		memcpy(&out->count[out->n], &m.vals[i], sizeof(float));
		out->n++;
	}
out:
	if (rc == SR_OK && c.rc)
		rc = c.rc;
	sr_hmap_release(&m);
	return rc;
}

/* ---- the clusterer (stateful) ---- */

#define CENTROID_MAX 96  /* terms kept in the centroid of a story being fed */
#define DORMANT_TERMS 48  /* terms kept once it has gone quiet */

typedef struct story {
	int64_t id;
	int64_t last;          /* latest article time */
	int live;              /* the slot holds a story */
	int quiet;             /* unfed for quiet_secs: centroid compacted */
	uint32_t size;
	uint32_t n, cap;       /* centroid terms */
	uint64_t *term;
	float *w;              /* sum of member unit vectors */
	double norm2;
	uint64_t visit;
} story;

/* The article vector as a small open-addressing table, so a cosine costs one probe per
 * centroid term. */
#define VTAB 512 /* > 2 * CENTROID_MAX, a power of two */

typedef struct vtab {
	uint64_t term[VTAB];
	float w[VTAB];
} vtab;

#define POSTINGS_MAX 64 /* stories listed under one term */

typedef struct postings {
	uint32_t n, cap;
	uint32_t *story;       /* indices into stories[] */
} postings;

struct sr_clusterer {
	sr_cluster_opts o;
	sr_hmap df;            /* term -> documents containing it */
	sr_hmap lang_docs;     /* language key -> documents seen in it */
	uint64_t n_docs;
	story *stories;        /* slots; freed slots are reused */
	size_t n_stories, cap_stories;
	uint32_t *free_slots;
	size_t n_free;
	sr_hmap by_id;         /* story id -> slot */
	sr_hmap post;          /* term -> postings* */
	int64_t now;
	uint64_t visit;
	size_t live, quiet;
	size_t centroid_terms; /* terms held over all centroids, for the memory report */
	vtab vt;               /* the article being clustered */
	const unsigned char *bg; /* background frequencies: rows of {u64 term, u32 df, u32 pad} */
	size_t bg_n;
	double bg_docs;
};

#define BG_PSEUDO_DOCS 1000.0 /* how many documents the background counts as */

int sr_clusterer_set_background(sr_clusterer *c, const void *table, size_t len)
{
	const unsigned char *p = table;
	uint64_t hdr[2];
	if (len < 24 || memcmp(p, "SRDF0001", 8))
		return SR_EPARSE;
	memcpy(hdr, p + 8, sizeof(hdr));
	if (hdr[0] == 0 || hdr[1] > (len - 24) / 16 || len != 24 + hdr[1] * 16)
		return SR_EPARSE;
	c->bg = p + 24;
	c->bg_n = (size_t)hdr[1];
	c->bg_docs = (double)hdr[0];
	return SR_OK;
}

/* Background frequency of term as a share of documents, 0 when unknown. */
static double bg_share(const sr_clusterer *c, uint64_t term)
{
	size_t lo = 0, hi = c->bg_n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint64_t t;
		memcpy(&t, c->bg + mid * 16, 8);
		if (t == term) {
			uint32_t df;
			memcpy(&df, c->bg + mid * 16 + 8, 4);
			return (double)df / c->bg_docs;
		}
		if (t < term)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

sr_clusterer *sr_clusterer_new(const sr_cluster_opts *opts)
{
	sr_clusterer *c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	if (opts)
		c->o = *opts;
	if (c->o.threshold <= 0)
		c->o.threshold = 0.20;
	if (!c->o.grace_secs)
		c->o.grace_secs = 2 * 86400;
	if (!c->o.decay_secs)
		c->o.decay_secs = 5 * 86400;
	if (c->o.floor <= 0)
		c->o.floor = 0.8;
	if (!c->o.quiet_secs)
		c->o.quiet_secs = 7 * 86400;
	if (!c->o.max_stories)
		c->o.max_stories = 100000;
	if (!c->o.top_terms)
		c->o.top_terms = 48;
	if (!c->o.index_terms)
		c->o.index_terms = 12;
	if (c->o.top_terms > CENTROID_MAX)
		c->o.top_terms = CENTROID_MAX;
	if (c->o.index_terms > c->o.top_terms)
		c->o.index_terms = c->o.top_terms;
	sr_hmap_init(&c->df);
	sr_hmap_init(&c->lang_docs);
	sr_hmap_init(&c->by_id);
	sr_hmap_init(&c->post);
	return c;
}

void sr_clusterer_free(sr_clusterer *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->post.cap; i++) {
		if (sr_hmap_used(&c->post, i)) {
			postings *p = (postings *)(uintptr_t)c->post.vals[i];
			free(p->story);
			free(p);
		}
	}
	for (size_t i = 0; i < c->n_stories; i++) {
		free(c->stories[i].term);
		free(c->stories[i].w);
	}
	sr_hmap_release(&c->post);
	sr_hmap_release(&c->df);
	sr_hmap_release(&c->lang_docs);
	sr_hmap_release(&c->by_id);
	free(c->stories);
	free(c->free_slots);
	free(c);
}

size_t sr_clusterer_active(const sr_clusterer *c)
{
	return c->live - c->quiet;
}

size_t sr_clusterer_stories(const sr_clusterer *c)
{
	return c->live;
}

size_t sr_clusterer_memory(const sr_clusterer *c)
{
	size_t m = sizeof(*c) + c->cap_stories * (sizeof(story) + sizeof(uint32_t));
	m += c->centroid_terms * (sizeof(uint64_t) + sizeof(float));
	m += (c->df.cap + c->by_id.cap + c->post.cap) * 16;
	for (size_t i = 0; i < c->post.cap; i++)
		if (sr_hmap_used(&c->post, i))
			m += sizeof(postings) + ((postings *)(uintptr_t)c->post.vals[i])->cap * sizeof(uint32_t);
	return m;
}

/* A weighted term of an article vector. */
typedef struct wterm {
	uint64_t term;
	float w;
} wterm;

static int by_weight_desc(const void *a, const void *b)
{
	float x = ((const wterm *)a)->w, y = ((const wterm *)b)->w;
	return x < y ? 1 : x > y ? -1 : 0;
}

/* TF-IDF unit vector of the top terms into v (capacity top_terms); returns its length. */
static size_t weigh(sr_clusterer *c, const sr_terms *t, wterm *v, wterm *scratch)
{
	/* IDF over the documents seen, plus (for English) BG_PSEUDO_DOCS documents of
	 * background news, so that common words weigh little from the first article on */
	uint64_t *ld = sr_hmap_get(&c->lang_docs, t->lang);
	double n = ld ? (double)*ld : 0;
	int bg = c->bg && t->english;
	for (size_t i = 0; i < t->n; i++) {
		uint64_t *df = sr_hmap_get(&c->df, t->term[i]);
		double d = df ? (double)*df : 0, nn = n;
		if (bg) {
			d += BG_PSEUDO_DOCS * bg_share(c, t->term[i]);
			nn += BG_PSEUDO_DOCS;
		}
		double idf = log((nn + 1) / (d + 0.5)) + 1;
		if (idf < 0)
			idf = 0;
		scratch[i].term = t->term[i];
		scratch[i].w = (float)((1 + log(t->count[i])) * idf);
	}
	qsort(scratch, t->n, sizeof(wterm), by_weight_desc);
	size_t k = t->n < (size_t)c->o.top_terms ? t->n : (size_t)c->o.top_terms;
	double norm = 0;
	for (size_t i = 0; i < k; i++)
		norm += (double)scratch[i].w * scratch[i].w;
	norm = sqrt(norm);
	for (size_t i = 0; i < k; i++) {
		v[i] = scratch[i];
		v[i].w = norm > 0 ? (float)(v[i].w / norm) : 0;
	}
	return k;
}

static int count_df(sr_clusterer *c, const sr_terms *t)
{
	for (size_t i = 0; i < t->n; i++) {
		uint64_t *df = sr_hmap_put(&c->df, t->term[i], NULL);
		if (!df)
			return SR_ENOMEM;
		(*df)++;
	}
	uint64_t *ld = sr_hmap_put(&c->lang_docs, t->lang, NULL);
	if (!ld)
		return SR_ENOMEM;
	(*ld)++;
	c->n_docs++;
	return SR_OK;
}

static void vtab_fill(vtab *t, const wterm *v, size_t k)
{
	memset(t->term, 0, sizeof(t->term));
	for (size_t i = 0; i < k; i++) {
		uint64_t key = v[i].term ? v[i].term : 1;
		size_t h = (size_t)(key * 0x9e3779b97f4a7c15ULL >> 55) & (VTAB - 1);
		while (t->term[h] && t->term[h] != key)
			h = (h + 1) & (VTAB - 1);
		t->term[h] = key;
		t->w[h] = v[i].w;
	}
}

static float vtab_get(const vtab *t, uint64_t key)
{
	key = key ? key : 1;
	size_t h = (size_t)(key * 0x9e3779b97f4a7c15ULL >> 55) & (VTAB - 1);
	while (t->term[h]) {
		if (t->term[h] == key)
			return t->w[h];
		h = (h + 1) & (VTAB - 1);
	}
	return 0;
}

static double cosine(const story *s, const vtab *t)
{
	if (s->norm2 <= 0)
		return 0;
	double dot = 0;
	for (uint32_t j = 0; j < s->n; j++)
		dot += (double)s->w[j] * vtab_get(t, s->term[j]);
	return dot / sqrt(s->norm2);
}

static int post_add(sr_clusterer *c, uint64_t term, uint32_t slot)
{
	int ins;
	uint64_t *pv = sr_hmap_put(&c->post, term, &ins);
	if (!pv)
		return SR_ENOMEM;
	postings *p = (postings *)(uintptr_t)*pv;
	if (ins) {
		p = calloc(1, sizeof(*p));
		if (!p) {
			sr_hmap_del(&c->post, term);
			return SR_ENOMEM;
		}
		*pv = (uint64_t)(uintptr_t)p;
	}
	for (uint32_t i = 0; i < p->n; i++)
		if (p->story[i] == slot)
			return SR_OK;
	if (p->n == POSTINGS_MAX) {
		/* a term in this many stories says little about which one an article belongs
		 * to: keep the most recently added stories only (the list is in order) */
		memmove(p->story, p->story + 1, (p->n - 1) * sizeof(uint32_t));
		p->n--;
	}
	if (p->n == p->cap) {
		uint32_t cap = p->cap ? p->cap * 2 : 4;
		uint32_t *st = realloc(p->story, cap * sizeof(uint32_t));
		if (!st)
			return SR_ENOMEM;
		p->story = st;
		p->cap = cap;
	}
	p->story[p->n++] = slot;
	return SR_OK;
}

static int centroid_reserve(sr_clusterer *c, story *s, uint32_t cap)
{
	if (s->cap >= cap)
		return SR_OK;
	uint64_t *t = realloc(s->term, cap * sizeof(uint64_t));
	if (!t)
		return SR_ENOMEM;
	s->term = t;
	float *w = realloc(s->w, cap * sizeof(float));
	if (!w)
		return SR_ENOMEM;
	s->w = w;
	c->centroid_terms += cap - s->cap;
	s->cap = cap;
	return SR_OK;
}

static void centroid_norm(story *s)
{
	double n2 = 0;
	for (uint32_t j = 0; j < s->n; j++)
		n2 += (double)s->w[j] * s->w[j];
	s->norm2 = n2;
}

/* Add unit vector v to story s's centroid, keeping the CENTROID_MAX heaviest terms. */
static int centroid_add(sr_clusterer *c, story *s, const wterm *v, size_t k)
{
	int rc = centroid_reserve(c, s, s->n + (uint32_t)k < CENTROID_MAX ? s->n + (uint32_t)k : CENTROID_MAX);
	if (rc)
		return rc;
	for (size_t i = 0; i < k; i++) {
		uint32_t j;
		for (j = 0; j < s->n; j++)
			if (s->term[j] == v[i].term)
				break;
		if (j < s->n) {
			s->w[j] += v[i].w;
			continue;
		}
		if (s->n < s->cap) {
			s->term[s->n] = v[i].term;
			s->w[s->n++] = v[i].w;
			continue;
		}
		/* full: replace the lightest term when the new one is heavier */
		uint32_t min = 0;
		for (j = 1; j < s->n; j++)
			if (s->w[j] < s->w[min])
				min = j;
		if (v[i].w > s->w[min]) {
			s->term[min] = v[i].term;
			s->w[min] = v[i].w;
		}
	}
	centroid_norm(s);
	return SR_OK;
}

/* A story unfed for quiet_secs keeps only its heaviest terms (it can still be joined by a
 * close enough article, at the floor of the time discount). */
static void make_quiet(sr_clusterer *c, story *s)
{
	if (s->n > DORMANT_TERMS) {
		wterm tmp[CENTROID_MAX];
		for (uint32_t j = 0; j < s->n; j++)
			tmp[j] = (wterm){s->term[j], s->w[j]};
		qsort(tmp, s->n, sizeof(wterm), by_weight_desc);
		for (uint32_t j = 0; j < DORMANT_TERMS; j++) {
			s->term[j] = tmp[j].term;
			s->w[j] = tmp[j].w;
		}
		s->n = DORMANT_TERMS;
		uint64_t *t = realloc(s->term, DORMANT_TERMS * sizeof(uint64_t));
		float *w = realloc(s->w, DORMANT_TERMS * sizeof(float));
		if (t)
			s->term = t;
		if (w)
			s->w = w;
		if (t && w) {
			c->centroid_terms -= s->cap - DORMANT_TERMS;
			s->cap = DORMANT_TERMS;
		}
		centroid_norm(s);
	}
	s->quiet = 1;
	c->quiet++;
}

static void drop_story(sr_clusterer *c, uint32_t slot)
{
	story *s = &c->stories[slot];
	sr_hmap_del(&c->by_id, (uint64_t)s->id);
	c->centroid_terms -= s->cap;
	free(s->term);
	free(s->w);
	if (s->quiet)
		c->quiet--;
	memset(s, 0, sizeof(*s));
	c->free_slots[c->n_free++] = slot;
	c->live--; /* its postings are dropped lazily */
}

static int by_last(const void *a, const void *b, void *arg)
{
	const story *st = arg;
	int64_t x = st[*(const uint32_t *)a].last, y = st[*(const uint32_t *)b].last;
	return x < y ? -1 : x > y;
}

/* Quiet what went quiet; over max_stories, forget the least recently fed tenth. */
static void housekeeping(sr_clusterer *c)
{
	for (uint32_t i = 0; i < c->n_stories; i++) {
		story *s = &c->stories[i];
		if (s->live && !s->quiet && c->now - s->last > c->o.quiet_secs)
			make_quiet(c, s);
	}
	if (c->live <= c->o.max_stories)
		return;
	uint32_t *order = malloc(c->live * sizeof(uint32_t));
	if (!order)
		return;
	size_t n = 0;
	for (uint32_t i = 0; i < c->n_stories; i++)
		if (c->stories[i].live)
			order[n++] = i;
	qsort_r(order, n, sizeof(uint32_t), by_last, c->stories);
	size_t drop = c->live - c->o.max_stories + c->o.max_stories / 10;
	for (size_t i = 0; i < drop && i < n; i++)
		drop_story(c, order[i]);
	free(order);
}

static int new_story(sr_clusterer *c, int64_t id, uint32_t *slot_out)
{
	uint32_t slot;
	if (c->n_free) {
		slot = c->free_slots[--c->n_free];
	} else {
		if (c->n_stories == c->cap_stories) {
			size_t cap = c->cap_stories ? c->cap_stories * 2 : 256;
			story *st = realloc(c->stories, cap * sizeof(story));
			if (!st)
				return SR_ENOMEM;
			c->stories = st;
			uint32_t *f = realloc(c->free_slots, cap * sizeof(uint32_t));
			if (!f)
				return SR_ENOMEM;
			c->free_slots = f;
			c->cap_stories = cap;
		}
		slot = (uint32_t)c->n_stories++;
	}
	story *s = &c->stories[slot];
	memset(s, 0, sizeof(*s));
	s->id = id;
	s->live = 1;
	uint64_t *v = sr_hmap_put(&c->by_id, (uint64_t)id, NULL);
	if (!v)
		return SR_ENOMEM;
	*v = slot;
	c->live++;
	*slot_out = slot;
	return SR_OK;
}

static int join(sr_clusterer *c, uint32_t slot, int64_t time, const wterm *v, size_t k)
{
	story *s = &c->stories[slot];
	if (s->quiet) { /* woken up */
		s->quiet = 0;
		c->quiet--;
	}
	int rc = centroid_add(c, s, v, k);
	if (rc)
		return rc;
	s->size++;
	if (time > s->last)
		s->last = time;
	size_t idx = k < (size_t)c->o.index_terms ? k : (size_t)c->o.index_terms;
	for (size_t i = 0; i < idx; i++)
		if ((rc = post_add(c, v[i].term, slot)))
			return rc;
	return SR_OK;
}

/* The time discount: none within the grace, then exponential, never below the floor. */
static double discount(const sr_clusterer *c, int64_t dt)
{
	if (dt <= c->o.grace_secs)
		return 1;
	double d = exp(-(double)(dt - c->o.grace_secs) / (double)c->o.decay_secs);
	return d > c->o.floor ? d : c->o.floor;
}

static int add(sr_clusterer *c, int64_t id, int64_t time, const sr_terms *t, int64_t force,
	       int restore, sr_cluster_result *res)
{
	int rc = SR_OK;
	memset(res, 0, sizeof(*res));
	if (time > c->now)
		c->now = time;
	wterm *v = malloc((t->n + 1) * sizeof(wterm) * 2);
	if (!v)
		return SR_ENOMEM;
	wterm *scratch = v + t->n + 1;
	if ((rc = count_df(c, t)))
		goto out;
	size_t k = weigh(c, t, v, scratch);
	uint32_t best_slot = UINT32_MAX;
	double best = 0;
	uint64_t *fs = force ? sr_hmap_get(&c->by_id, (uint64_t)force) : NULL;
	if (fs) {
		best_slot = (uint32_t)*fs;
	} else if (!restore) {
		vtab_fill(&c->vt, v, k);
		c->visit++;
		size_t idx = k < (size_t)c->o.index_terms ? k : (size_t)c->o.index_terms;
		for (size_t i = 0; i < idx; i++) {
			uint64_t *pv = sr_hmap_get(&c->post, v[i].term);
			if (!pv)
				continue;
			postings *p = (postings *)(uintptr_t)*pv;
			for (uint32_t j = 0; j < p->n;) {
				uint32_t slot = p->story[j];
				story *s = &c->stories[slot];
				if (!s->live) {
					/* a forgotten story, dropped lazily (keeping the order) */
					memmove(p->story + j, p->story + j + 1, (p->n - j - 1) * sizeof(uint32_t));
					p->n--;
					continue;
				}
				j++;
				if (s->visit == c->visit)
					continue;
				s->visit = c->visit;
				double sim = cosine(s, &c->vt) * discount(c, time - s->last);
				if (sim > best || (sim == best && best_slot != UINT32_MAX &&
						   s->id < c->stories[best_slot].id)) {
					best = sim;
					best_slot = slot;
				}
			}
		}
		if (best < c->o.threshold)
			best_slot = UINT32_MAX;
	}
	if (best_slot == UINT32_MAX) {
		if ((rc = new_story(c, restore ? force : id, &best_slot)))
			goto out;
		res->is_new = 1;
		best = 0;
	}
	if ((rc = join(c, best_slot, time, v, k)))
		goto out;
	res->story = c->stories[best_slot].id;
	res->similarity = best;
	if ((c->n_docs & 255) == 0)
		housekeeping(c); /* a linear pass, every 256 articles */
out:
	free(v);
	return rc;
}

int sr_clusterer_add(sr_clusterer *c, int64_t id, int64_t time, const sr_terms *terms,
		     int64_t force_story, sr_cluster_result *res)
{
	return add(c, id, time, terms, force_story, 0, res);
}

int sr_clusterer_restore(sr_clusterer *c, int64_t story_id, int64_t time, const sr_terms *terms)
{
	sr_cluster_result r;
	return add(c, story_id, time, terms, story_id, 1, &r);
}
