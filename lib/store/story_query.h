/*
 * story_query.h - reading stories from the store, as JSON.
 *
 * A story as JSON: {id, label, label_id, first_seen, last_seen (ISO 8601 UTC), size,
 * outlets: [names], people, organisations, places: [{id, name, articles}] (the five its
 * articles name most), articles: [{id, title, url, outlet, published, dup_of}]}.  An
 * article's outlet is its site name, else the host of its canonical URL.
 */
#ifndef SR_STORY_QUERY_H
#define SR_STORY_QUERY_H

#include <stdint.h>

#include "base/buf.h"
#include "store/store.h"

typedef struct sr_story_list_opts {
	int64_t since;      /* stories last seen at or after this unix time; 0 = all */
	int limit;          /* at most this many, newest activity first; 0 = 50 */
	int min_size;       /* only stories with at least this many articles; 0 = 1 */
	int max_articles;   /* articles listed per story; 0 = 100 */
} sr_story_list_opts;

/* Append {"stories": [...], "total": N} to out. */
int sr_story_list_json(sr_store *s, const sr_story_list_opts *o, sr_buf *out);

/* Append one story (all its articles) to out; SR_ENOTFOUND when there is none. */
int sr_story_json(sr_store *s, int64_t id, sr_buf *out);

#endif
