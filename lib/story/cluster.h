/*
 * cluster.h - streaming story clustering: each new article joins the story it reports, or
 * starts one.
 *
 * Two stages.  sr_story_terms (pure, any thread) turns an article into term counts: the
 * tokenizer's stemmed words of title (counted twice) and body, as 64-bit term hashes.
 * sr_clusterer_add (stateful, one thread) weighs them by TF-IDF (IDF over the documents
 * seen so far in the article's language, plus background frequencies for English, see
 * sr_clusterer_set_background), keeps the top terms as the article's unit vector, and
 * compares it with the centroids of the stories that share one of its top terms (an
 * inverted index over the stories' terms, so an article is never compared with every
 * story).  Similarity is the cosine to the centroid, discounted by the time since the
 * story was last fed: no discount within `grace_secs`, then exp(-(dt - grace) / decay_secs),
 * but never below `floor`, so a close follow-up weeks later still finds its story.  The
 * best story at or above `threshold` takes the article; else the article starts a story
 * whose id is its own id.  A story not fed for `quiet_secs` goes quiet: its centroid
 * shrinks to its heaviest terms.  Over `max_stories`, the least recently fed are
 * forgotten (they stay in the store and searchable): memory is bounded by those two
 * settings, not by the corpus.
 */
#ifndef SR_CLUSTER_H
#define SR_CLUSTER_H

#include <stddef.h>
#include <stdint.h>

#include "analyze/tokenize.h"
#include "base/arena.h"

typedef struct sr_terms {
	size_t n;
	uint64_t *term;  /* term hashes, distinct */
	float *count;    /* occurrences (title words count twice) */
	int english;     /* stemmed as English: the background frequencies apply */
	uint64_t lang;   /* a key for the language (0 for English): document counts for the
			  * IDF are kept per language */
} sr_terms;

/* Count the terms of an article (memory from arena).  lang picks the stemmer. */
int sr_story_terms(sr_tokenizer *t, const char *title, const char *text, const char *lang,
		   sr_arena *arena, sr_terms *out);

typedef struct sr_cluster_opts {
	double threshold;    /* discounted cosine to join a story; 0 = default (0.20) */
	int64_t grace_secs;  /* no time discount within this; 0 = 2 days */
	int64_t decay_secs;  /* discount scale after the grace; 0 = 5 days */
	double floor;        /* the discount never goes below this; 0 = 0.8 */
	int64_t quiet_secs;  /* a story unfed this long is compacted; 0 = 7 days */
	size_t max_stories;  /* stories held in memory; 0 = 100000 */
	int top_terms;       /* terms kept per article vector; 0 = 48 */
	int index_terms;     /* of those, indexed for candidate lookup; 0 = 12 */
} sr_cluster_opts;

typedef struct sr_clusterer sr_clusterer;

sr_clusterer *sr_clusterer_new(const sr_cluster_opts *opts);
void sr_clusterer_free(sr_clusterer *c);

typedef struct sr_cluster_result {
	int64_t story;       /* the story's id (the id of its first article) */
	int is_new;          /* the article started the story */
	double similarity;   /* discounted cosine to the story joined (0 when new) */
} sr_cluster_result;

/* Assign article id (unix time `time`) with terms to a story.  force_story, when non-zero,
 * puts it in that story without comparing (a duplicate follows its original), if that
 * story is still active; else it is clustered normally.  SR_OK or SR_ENOMEM. */
int sr_clusterer_add(sr_clusterer *c, int64_t id, int64_t time, const sr_terms *terms,
		     int64_t force_story, sr_cluster_result *res);

/* Give the clusterer background document frequencies for English terms (the format
 * written by data/df/build-df.c; the table must outlive the clusterer).  With them, the
 * weight of an English word does not depend on the few documents seen so far only: a
 * word common in general news weighs little from the first article on.  SR_EPARSE when
 * the table is malformed. */
int sr_clusterer_set_background(sr_clusterer *c, const void *table, size_t len);

/* Re-load a story from the store at start-up: its id, last time seen and the terms of
 * its articles (call once per article, oldest first).  The document frequencies are
 * restored too. */
int sr_clusterer_restore(sr_clusterer *c, int64_t story, int64_t time, const sr_terms *terms);

/* Stories being fed (not quiet), and all held in memory. */
size_t sr_clusterer_active(const sr_clusterer *c);
size_t sr_clusterer_stories(const sr_clusterer *c);
size_t sr_clusterer_memory(const sr_clusterer *c);

#endif
