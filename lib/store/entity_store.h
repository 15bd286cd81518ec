/*
 * entity_store.h - entities and their mentions in the store, and reading them back.
 *
 * Writing (the writer's thread, inside its transaction): sr_entity_stage_add stores the
 * entities of one article (analyze/entities.h): each is found or created by its key (the
 * same folded name and type across articles is one entity), and a person named by one word
 * only ("Stoltenberg") joins the one known person whose name ends with that word, when
 * exactly one does.  The article's previous mentions are replaced, and the counts
 * (mentions, articles, first and last seen) kept exact.
 *
 * Reading: the most mentioned entities of a period, and one entity with its mentions over
 * time, the entities it appears with, and its latest articles, as JSON.
 */
#ifndef SR_ENTITY_STORE_H
#define SR_ENTITY_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "analyze/entities.h"
#include "base/buf.h"
#include "store/store.h"

/* Store the entities of article id (its story time t) and its quotes (spans in text, the
 * article's body; speakers as indexes into ents).  SR_OK, SR_ENOMEM or SR_EDB. */
struct sr_quote;
int sr_entity_stage_add(sr_store *s, int64_t id, int64_t t, const sr_entities *ents,
			const char *text, const struct sr_quote *quotes, size_t nquotes);

/* Store the dates article id's text mentions (replacing those stored before).  SR_OK or
 * SR_EDB. */
struct sr_timex;
int sr_dates_stage_add(sr_store *s, int64_t id, const struct sr_timex *d, size_t n);

/* Quotes as JSON: {"quotes": [{id, article_id, title, published, speaker, entity_id, text}]},
 * newest first; query (the quote's words, FTS) and speaker (an entity's name, as
 * sr_entity_json finds it) may be NULL.  SR_EPARSE for a malformed query. */
int sr_quotes_json(sr_store *s, const char *query, const char *speaker, int64_t since, int limit,
		   sr_buf *out);

typedef struct sr_entity_list_opts {
	int type;        /* SR_NER_PER..SR_NER_MISC, or -1 for all */
	int64_t since;   /* mentions in articles at or after this time; 0 = all */
	int limit;       /* 0 = 50 */
} sr_entity_list_opts;

/* {"entities": [{id, type, name, articles, mentions, first_seen, last_seen}]} ranked by
 * articles in the period. */
int sr_entity_list_json(sr_store *s, const sr_entity_list_opts *o, sr_buf *out);

/* One entity, found by id (digits) or by name (its key, or the one person whose name ends
 * with it): {id, type, name, articles, mentions, first_seen, last_seen, lat, lon, country,
 * days: [{day, articles}], with: [{id, type, name, articles}], quotes: [{article_id,
 * published, text}], latest: [{id, title, published, site_name}]}.  SR_ENOTFOUND when there is none. */
int sr_entity_json(sr_store *s, const char *name_or_id, sr_buf *out);

#endif
