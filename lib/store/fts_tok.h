/*
 * fts_tok.h - the "sitrep" FTS5 tokenizer: sitrep's tokenizer (analyze/tokenize.h) inside
 * SQLite full-text search.
 *
 * Language marker.  A column value may start with "\x01" LANG "\x02", LANG an ISO 639-1
 * code of at most 16 bytes ("ar", "fr", "pt-BR"): the value is stemmed by that language
 * (unknown or absent: English).  The marker yields no token; token offsets are byte
 * offsets into the whole value, marker included, so highlight() and snippet() stay right
 * (their output still holds the marker bytes: strip them for display).
 *
 * Documents (FTS5_TOKENIZE_DOCUMENT, _AUX): every word stemmed by the value's language.
 * Queries (FTS5_TOKENIZE_QUERY): each word stemmed by English, plus, as colocated
 * synonyms, its distinct stems by every other installed language, so that one query finds
 * articles indexed in any language.  A query string that starts with a marker is stemmed
 * by that language only.  Prefix queries ("jord*", FTS5_TOKENIZE_PREFIX): the last word
 * (the one the '*' applies to) is normalised but not stemmed: a stemmer would cut a
 * partial word shorter and widen the prefix; the words before it are handled as above.
 *
 * Tokenizer arguments: none ("tokenize='sitrep'").  docs/TOKENIZER.md has the details.
 */
#ifndef SR_FTS_TOK_H
#define SR_FTS_TOK_H

#include <sqlite3.h>

/* Register the FTS5 tokenizer "sitrep" with db (once per connection, before any FTS5
 * table that uses it is read or written).  SR_OK, or SR_EDB when this SQLite has no FTS5
 * or registration fails. */
int sr_fts_register(sqlite3 *db);

/* Write into out the marker to prepend to a value in language lang: "\x01" lang "\x02"
 * and a NUL, or "" for NULL, "" or "en".  lang must be 1..5 bytes of [A-Za-z0-9_-].
 * Returns the marker's length (0..7), or SR_EINVAL (out set to "") for a malformed
 * code. */
int sr_fts_lang_marker(char out[8], const char *lang);

#endif
