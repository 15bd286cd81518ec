/*
 * percolate.h - watchlists matched against one article at a time (percolation).
 *
 * A watchlist is a query of the query language (query/query.h).  Each is compiled with
 * sr_query_compile, and the FTS5 expression it gives, the one `sitrep search` runs, is
 * parsed back into a tree of phrases, AND, OR and NOT, with column restrictions ({title},
 * {body}).  So a watchlist means exactly what the same search means: phrases are matched
 * on the tokens of analyze/tokenize.h as the FTS5 tokenizer (store/fts_tok.c) makes them:
 * the article's title and body tokenized and stemmed by the article's language, a query
 * word matching any of its stems in every supported language (colocated forms), a prefix
 * (word*) the unstemmed form of its last word against the start of stored tokens.  The
 * filters (source:, lang:, since:, until:, story:, tag:, person:, org:, place:) are
 * checked as store/search.c's SQL checks them.
 *
 * The index (Lucene Monitor's idea): for each query a set of key terms, one of which must
 * occur in any article it matches (a phrase: its longest word, all its stems; AND: the
 * child with the fewest keys; OR: the union; a NOT: its left side; a prefix of 3 bytes or
 * more: its first 3 bytes).  An article is checked only against the queries one of whose
 * keys it contains, and against the queries that have no key (filters only, short
 * prefixes), which are checked always.  Tokens are compared by their 64-bit hash
 * (sr_hash64); a collision could only make an extra candidate for the index, and would
 * need two distinct tokens of one article and query to collide for a wrong match.
 *
 * Not thread-safe: one percolator per thread (it holds a tokenizer and scratch space).
 */
#ifndef SR_PERCOLATE_H
#define SR_PERCOLATE_H

#include <stddef.h>
#include <stdint.h>

#include "query/query.h"

typedef struct sr_percolator sr_percolator;

/* One article as the percolator sees it (what the store holds for it). */
typedef struct sr_watch_article {
	const char *title;             /* or NULL */
	const char *text;              /* or NULL */
	const char *lang;              /* or NULL (English) */
	const char *site_name;         /* or NULL */
	const char *canon;             /* the normalised canonical URL, or NULL */
	const char *const *tags;
	size_t n_tags;
	/* entity keys (analyze/entities.h) of the entities it mentions, and their aliases:
	 * pairs [key, alias or NULL] */
	const char *const *ent_keys;
	const char *const *ent_aliases;
	size_t n_ents;
	int64_t story;                 /* 0 when none */
	int64_t time;                  /* unix seconds (publication, else fetch) */
} sr_watch_article;

/* NULL when out of memory. */
sr_percolator *sr_percolator_new(void);
void sr_percolator_free(sr_percolator *p);

/* Add query q under the caller's id (any value; ids need not be unique).  now anchors
 * relative spans (since:24h).  SR_OK, SR_EPARSE / SR_ETOOBIG with err filled (as
 * sr_query_compile), or SR_ENOMEM. */
int sr_percolator_add(sr_percolator *p, int64_t id, const char *q, int64_t now, sr_query_error *err);

/* Queries added. */
size_t sr_percolator_count(const sr_percolator *p);
/* 1 when some query has a person:, org: or place: filter (the caller then fills ent_*). */
int sr_percolator_needs_entities(const sr_percolator *p);
/* Bytes held by the queries and the index (not the per-article scratch space). */
size_t sr_percolator_memory(const sr_percolator *p);

enum {
	SR_PERC_NAIVE = 1, /* check every query (no index): the reference the index must equal */
};

typedef int (*sr_percolate_fn)(void *ctx, int64_t id);

/* Call fn(ctx, id) once for each query that matches article a, in the order they were
 * added.  *checked (may be NULL) receives how many queries were fully evaluated.
 * SR_OK, SR_ENOMEM, or fn's non-zero return (which stops the matching). */
int sr_percolate(sr_percolator *p, const sr_watch_article *a, unsigned flags, sr_percolate_fn fn,
		 void *ctx, size_t *checked);

#endif
