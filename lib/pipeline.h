/*
 * pipeline.h - one document through every stage, from bytes to an annotated article.
 *
 * Pure: no I/O.  Today the stages are extraction (extract/extract.h); analysis stages
 * (entities, quotes, fingerprints) are added here as they land, so every front end
 * (ingest, extract, the server's ingest endpoint) runs the same sequence.
 */
#ifndef SR_PIPELINE_H
#define SR_PIPELINE_H

#include <stddef.h>

#include "analyze/entities.h"
#include "analyze/quotes.h"
#include "analyze/timex.h"
#include "analyze/tokenize.h"
#include "base/arena.h"
#include "extract/extract.h"
#include "story/cluster.h"
#include "story/fingerprint.h"

#define SR_PIPELINE_WHY_MAX 256

/* Run the stages over bytes[0..len) (already gzip-decoded).  On failure returns the
 * SR_E* code of the stage that failed and a reason for people in why ("binary data, not
 * HTML or text", ...).  On success why is empty, or holds a warning worth telling
 * (plain text that was not valid UTF-8 is read in the charset the detector finds, and
 * why says so). */
int sr_pipeline_run(const char *bytes, size_t len, const sr_extract_opts *opts, sr_arena *arena,
		    sr_article *out, char why[SR_PIPELINE_WHY_MAX]);

/* The analysis stages after extraction, with the per-thread resources they need (a
 * tokenizer, an entity tagger).  One analyzer per thread.  The tagger's model is the
 * shipped English one (sr_ner_find_model), opened once per process and shared read-only;
 * when it cannot be found, or $SITREP_NO_ENTITIES is set, articles get no entities. */
typedef struct sr_analyzer sr_analyzer;

typedef struct sr_analysis {
	sr_fingerprint fp;  /* for duplicate detection */
	sr_terms terms;     /* for story clustering (memory from the arena) */
	sr_entities ents;   /* people, organisations, places (English articles) */
	sr_quote *quotes;   /* direct quotes in the text, speakers as entity indexes */
	size_t nquotes;
	sr_timex *dates;    /* dates the text mentions, resolved against publication (English) */
	size_t ndates;
} sr_analysis;

/* NULL when out of memory. */
sr_analyzer *sr_analyzer_new(void);
void sr_analyzer_free(sr_analyzer *an);

/* Analyse an extracted article.  SR_OK or SR_ENOMEM (an article too long for the tagger
 * gets no entities, not an error). */
int sr_pipeline_analyze(sr_analyzer *an, const sr_article *art, sr_arena *arena, sr_analysis *out);

#endif
