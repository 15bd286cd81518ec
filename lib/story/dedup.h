/*
 * dedup.h - finding the earlier copy of a text: exact and near duplicates, streaming.
 *
 * Texts arrive one by one (sr_dedup_add).  Each is compared with the texts of the active
 * window: an exact match of normalised words, or a near duplicate whose estimated Jaccard
 * similarity of word 5-shingles reaches the threshold (default 0.8), found through
 * locality-sensitive hashing: the 128 minhashes form 32 bands of 4, and two texts are
 * candidates when any band agrees (for J = 0.8 the chance of being a candidate is
 * 1 - (1 - 0.8^4)^32 > 0.9999; for J = 0.3, 0.23).  Candidates are then checked on the
 * whole signature.  A duplicate points at the root of its group: the earliest copy.
 *
 * Memory is bounded by the window: at most `capacity` texts (oldest dropped first), and
 * texts older than `window_secs` before the newest are dropped too.
 */
#ifndef SR_DEDUP_H
#define SR_DEDUP_H

#include <stddef.h>
#include <stdint.h>

#include "story/fingerprint.h"

typedef struct sr_dedup sr_dedup;

typedef struct sr_dedup_opts {
	double threshold;     /* estimated Jaccard to call a near duplicate; 0 = 0.8 */
	size_t capacity;      /* texts kept; 0 = 200000 */
	int64_t window_secs;  /* 0 = 14 days */
} sr_dedup_opts;

/* NULL when out of memory.  opts may be NULL for the defaults. */
sr_dedup *sr_dedup_new(const sr_dedup_opts *opts);
void sr_dedup_free(sr_dedup *d);

typedef struct sr_dedup_match {
	int64_t dup_of;   /* root (earliest copy) of the group, or 0 when the text is new */
	int exact;        /* 1 when the words are identical */
	double jaccard;   /* estimated similarity with the closest copy */
} sr_dedup_match;

/* Compare fp (text id, time in unix seconds) with the window, then add it.  Ids must be
 * non-zero.  SR_OK or SR_ENOMEM. */
int sr_dedup_add(sr_dedup *d, int64_t id, int64_t time, const sr_fingerprint *fp,
		 sr_dedup_match *m);

/* Put a text back into the window as it was stored (root = the earliest copy of its
 * group, or id itself), without comparing: for restoring the window at start-up. */
int sr_dedup_restore(sr_dedup *d, int64_t id, int64_t root, int64_t time, const sr_fingerprint *fp);

/* Texts currently held (for tests and memory reports). */
size_t sr_dedup_size(const sr_dedup *d);
/* Approximate bytes held. */
size_t sr_dedup_memory(const sr_dedup *d);

#endif
