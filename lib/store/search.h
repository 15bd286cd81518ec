/*
 * search.h - ranked full-text search over the store.
 *
 * Ranking is FTS5's BM25 with the title weighted 10x the body.  Each hit carries a snippet
 * of the body around the matches: plain text plus the byte ranges of the matched terms, so
 * a front end highlights without ever interpreting article text as markup.
 *
 * Copies of one text (articles.dup_of) come back once: the best-ranked copy stands for its
 * group, with the number of other copies and the outlets that carried them.
 */
#ifndef SR_SEARCH_H
#define SR_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "query/query.h"
#include "store/store.h"

#define SR_SEARCH_MAX_MARKS 32
#define SR_SEARCH_MAX_LIMIT 1000

/* Restrictions of the matching set (the dashboard's facet filters); each NULL/0 = any. */
typedef struct sr_search_filter {
	const char *site;   /* articles.site_name equal to this */
	const char *lang;   /* articles.lang equal to this */
	int64_t day;        /* articles.time in [day, day + 86400): a UTC day's midnight; 0 = any */
} sr_search_filter;

typedef struct sr_search_opts {
	const char *query;  /* the query language of query/query.h */
	int limit;          /* 1..SR_SEARCH_MAX_LIMIT */
	int offset;
	sr_search_filter filter;
} sr_search_opts;

/* Append the SQL of filter f to sql: " AND TAB.site_name = ?21 AND ..." with the parameters
 * ?21 (site), ?22 (lang), ?23 (day); nothing when f restricts nothing.  The statement's own
 * parameters must be numbered below 21.  TAB is the name (or alias) of the caller's
 * articles table, whose row the conditions test.  Returns SR_OK or SR_ETOOBIG. */
int sr_search_filter_sql(const sr_search_filter *f, const char *tab, sr_buf *sql);

/* Bind the parameters of sr_search_filter_sql in st (for the filters that are set). */
void sr_search_filter_bind(sqlite3_stmt *st, const sr_search_filter *f);

typedef struct sr_hit {
	int64_t id;
	double score;              /* BM25, higher is better */
	const char *title, *url, *site_name, *published, *lang;
	const char *snippet;       /* plain text */
	int64_t story;             /* its story, or 0 */
	int64_t copies;            /* other copies of the same text */
	const char **outlets;      /* n_outlets outlets that carried the other copies */
	size_t n_outlets;
	size_t n_marks;
	uint32_t marks[SR_SEARCH_MAX_MARKS][2]; /* [start, end) byte ranges in snippet */
} sr_hit;

/* Called for each hit in rank order; the strings live until the callback returns.  A
 * non-zero return stops the search and is returned. */
typedef int (*sr_hit_fn)(void *ctx, const sr_hit *hit);

/* Append hit h as one JSON object: {id, score, title, url, site_name, published, lang, story,
 * copies, outlets, snippet, highlights: [[start, end], ...]}; the one shape of a hit for the
 * CLI's --json and the API. */
struct sr_jw;
int sr_hit_json(struct sr_jw *w, const sr_hit *h);

/* Run a search.  *total receives the number of matching groups of copies (may be NULL).
 * SR_EPARSE with qerr filled for a malformed query; SR_EDB on database errors. */
int sr_search(sr_store *s, const sr_search_opts *o, int64_t *total, sr_hit_fn fn, void *ctx,
	      sr_query_error *qerr);

#endif
