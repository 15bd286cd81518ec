/*
 * counts.h - counts over the store for the dashboard: the facets of a search (how the
 * matching set splits by outlet, language and day) and the volume of articles per day.
 *
 * Days are UTC days of articles.time (the publication time, or the fetch time when the
 * page gave none or an implausible one: see store/stories.c).  Counts of a search count
 * what its total counts: groups of copies (one text carried by several outlets counts
 * once per value it has).
 */
#ifndef SR_COUNTS_H
#define SR_COUNTS_H

#include <stdint.h>

#include "base/buf.h"
#include "query/query.h"
#include "store/search.h"
#include "store/store.h"

#define SR_FACET_MAX_VALUES 100
#define SR_VOLUME_MAX_DAYS 366

/* Append the facets of the search o (its query and filter; limit and offset are ignored)
 * to out, as one JSON object whose keys are facet names and whose values are arrays of
 * {"value": V, "count": N}, largest count first (days: newest first), at most max_values
 * (1..SR_FACET_MAX_VALUES) each:
 *   {"sources": [...], "languages": [...], "days": [...], "people": [...],
 *    "organizations": [...], "places": [...]}
 * A value is null for articles without one (no site name, no language).  The entity
 * facets "people", "organizations" and "places" (the entities the matching articles
 * mention, most articles first) have the same shape, each value with its entity's "id".
 * SR_EPARSE with qerr filled for a malformed query; SR_EDB; SR_ETOOBIG when out is full. */
int sr_search_facets_json(sr_store *s, const sr_search_opts *o, int max_values, sr_buf *out,
			  sr_query_error *qerr);

/* Append the articles per day to out, for the days (1..SR_VOLUME_MAX_DAYS) that end with
 * the last day holding an article (today's date when the store is empty), optionally
 * only those whose site_name is site (NULL: all) and only those that the followed source
 * with id source listed (its items' documents; 0: all):
 *   {"site": S|null, "source": ID|null, "from": "YYYY-MM-DD", "to": "YYYY-MM-DD",
 *    "total": N, "days": [{"day": "YYYY-MM-DD", "articles": N}, ...]}
 * Every day of the range is listed, oldest first, zeros included.  SR_EDB, SR_ETOOBIG. */
int sr_store_volume_json(sr_store *s, const char *site, int64_t source, int days, sr_buf *out);

#endif
