/*
 * stories.h - the writer's story stage: duplicates and stories, kept in the store.
 *
 * After an article is stored (sr_store_put), the single writer hands it here with its
 * fingerprint and term counts (computed by the pure stages in any thread).  The stage
 *   - finds the earliest copy: the same normalised words or a near duplicate
 *     (story/dedup.h), or the same normalised canonical URL (AMP and mobile copies name the
 *     canonical page), and records articles.dup_of;
 *   - assigns the story (story/cluster.h): a copy follows its original's story;
 *   - records articles.time (publication time, else fetch time), articles.story_id,
 *     articles.canon, the fingerprint, and the stories row (first and last seen, size, and
 *     its label: the member closest to the centroid when it joined, copies excluded).
 * The in-memory indexes are restored from the store on first use (the articles of the
 * last 14 days, at most 50,000), so an ingest after a restart continues the same stories.
 * Not thread-safe: the writer's thread only, inside the writer's transaction.
 */
#ifndef SR_STORIES_H
#define SR_STORIES_H

#include <stdint.h>

#include "extract/article.h"
#include "story/cluster.h"
#include "story/fingerprint.h"
#include "store/store.h"

typedef struct sr_story_stage sr_story_stage;

/* opts may be NULL for the defaults.  SR_OK, SR_ENOMEM or SR_EDB. */
int sr_story_stage_open(sr_story_stage **out, sr_store *store, const sr_cluster_opts *opts);
void sr_story_stage_close(sr_story_stage *st);

typedef struct sr_story_outcome {
	int64_t dup_of;     /* the earliest copy, or 0 */
	int64_t story;      /* the story it joined or started */
	int new_story;
	double similarity;
	int64_t time;       /* the time the article was placed at (publication, else fetch) */
} sr_story_outcome;

/* Place stored article id.  fetched_at stands in for a missing or unparsable publication
 * date.  SR_OK, SR_ENOMEM or SR_EDB. */
int sr_story_stage_add(sr_story_stage *st, int64_t id, const sr_article *art, int64_t fetched_at,
		       const sr_fingerprint *fp, const sr_terms *terms, sr_story_outcome *out);

/* Everything the writer records about a stored article from its analysis: its place in
 * the stories (sr_story_stage_add) and its entities (store/entity_store.h).  The one call
 * for every writer (ingest, poll, the API).  SR_OK, SR_ENOMEM or SR_EDB. */
struct sr_analysis;
int sr_story_stage_place(sr_story_stage *st, int64_t id, const sr_article *art, int64_t fetched_at,
			 const struct sr_analysis *an, sr_story_outcome *out);

#endif
