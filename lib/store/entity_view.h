/*
 * entity_view.h - entity reads for the API and the dashboard: one article's entity
 * mentions and quotes, and the places with coordinates (the map).
 *
 * Read-only; each call runs on the caller's connection and writes JSON into out (which the
 * caller owns; its cap bounds the answer).  SQL is parameterised.  Returns SR_OK, SR_EDB on
 * a database error, or the buffer's error (SR_ETOOBIG, SR_ENOMEM).
 */
#ifndef SR_ENTITY_VIEW_H
#define SR_ENTITY_VIEW_H

#include <stdint.h>

#include "base/buf.h"
#include "store/store.h"

/* The mentions of article id as a JSON array, title mentions first, then by position:
 * [{id, type, name, start, end, in_title}], start/end the [start, end) byte span in the
 * article's title (in_title true) or text.  [] when it has none (or no such article). */
int sr_article_mentions_json(sr_store *s, int64_t id, sr_buf *out);

/* The quotes of article id as a JSON array in text order: [{id, text, speaker, entity_id,
 * start, end}] (speaker and entity_id null when unknown; start/end a byte span in the
 * text).  [] when none. */
int sr_article_quotes_json(sr_store *s, int64_t id, sr_buf *out);

/* Places with coordinates, most written about first: {"places": [{id, name, country, lat,
 * lon, articles, mentions}]}; articles counts articles at or after since (0: all time, from
 * the stored totals); places with none in the period are left out.  limit 0 = 500. */
int sr_places_json(sr_store *s, int64_t since, int limit, sr_buf *out);

#endif
