/*
 * entities.h - the people, organisations, places and other names of one article.
 *
 * Pure stage: title and body text in, mentions and document entities out.
 *   1. tokens as the tagger was trained on them (sr_ner_tokenize); sentences end at . ! ?
 *      before a capital or a quote, and at block boundaries (blank lines); the title is a
 *      sentence of its own;
 *   2. the whole article tagged in one call (so document-level features see every sentence);
 *   3. mentions linked within the article: the same words are one entity; a person named
 *      by a part of a longer name ("Stoltenberg" after "Jens Stoltenberg") is that person
 *      when only one longer name fits; an acronym is the organisation whose capitalised
 *      words it spells ("NATO" and "the North Atlantic Treaty Organization");
 *   4. each entity gets its display name (its longest form) and a key for the store:
 *      type letter, ':' and the name case- and accent-folded ("P:jens stoltenberg");
 *   5. places are resolved in the gazetteer (analyze/gazetteer.h), in order of first
 *      mention, each with the places before it (and the countries named by demonyms) as
 *      context: a resolved place is keyed "G:CC" (a country) or "G:CC:name", named by the
 *      gazetteer, and carries its coordinates.  Guesses by spelling skeleton are kept only
 *      when their country is already in context.
 * Memory comes from the caller's arena.  Thread-safe with one tagger per thread.
 */
#ifndef SR_ENTITIES_H
#define SR_ENTITIES_H

#include <stddef.h>
#include <stdint.h>

#include "analyze/gazetteer.h"
#include "analyze/ner.h"
#include "base/arena.h"

typedef struct sr_mention {
	uint32_t start, end; /* byte span in the title (in_title) or the body text */
	uint8_t type;        /* SR_NER_PER .. SR_NER_MISC */
	uint8_t in_title;
	uint32_t entity;     /* index into the entities */
} sr_mention;

typedef struct sr_doc_entity {
	const char *name;    /* the longest form seen; a place's gazetteer name */
	const char *key;     /* "P:jens stoltenberg", "O:nato", "G:JO:amman" ...: the store's
			      * identity */
	const char *alias;   /* another key that names it ("L:amman" for a place), or NULL */
	uint8_t type;
	uint32_t mentions;
	int geo;             /* a place resolved in the gazetteer: */
	double lat, lon;
	char country[3];     /* ISO 3166-1 alpha-2 */
} sr_doc_entity;

typedef struct sr_entities {
	sr_mention *m;
	size_t nm;
	sr_doc_entity *e;
	size_t ne;
} sr_entities;

/* Find the entities of an article (title and text may be NULL; gz may be NULL: no
 * geocoding).  SR_OK (out filled, maybe
 * empty), SR_ENOMEM, or SR_ETOOBIG when the article has more tokens than the tagger takes
 * (the caller may go on without entities). */
int sr_entities_find(sr_ner_tagger *t, const sr_gazetteer *gz, const char *title, const char *text,
		     sr_arena *arena, sr_entities *out);

/* The key for a name of a type into out (NUL-terminated, at most cap bytes). */
void sr_entity_key(int type, const char *name, size_t len, char *out, size_t cap);

#endif
