/*
 * fingerprint.h - what makes two texts the same story copy: exact and near duplicates.
 *
 * A fingerprint of a body text holds
 *   - words_hash: a 128-bit hash of its normalised words (the tokenizer's, unstemmed),
 *     equal for texts that differ only in case, accents, punctuation or spacing;
 *   - minhash: SR_MINHASH_K minimum hashes over the word 5-shingles, whose agreement
 *     estimates the Jaccard similarity of the two shingle sets (Broder 1997).  The k
 *     hash functions are h_i(x) = mix32(a_i * x + b_i mod 2^32) over the shingle hash
 *     folded to 32 bits, with fixed odd a_i from a seeded generator and mix32 a murmur3-style
 *     finaliser: fingerprints are stable across runs and are stored, so the constants
 *     must not change without a migration.
 * Texts shorter than 5 words get one shingle (all their words).
 */
#ifndef SR_FINGERPRINT_H
#define SR_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

#include "analyze/tokenize.h"

#define SR_MINHASH_K 128
#define SR_SHINGLE_WORDS 5

typedef struct sr_fingerprint {
	uint64_t words_hash[2];
	uint32_t n_words;
	uint32_t minhash[SR_MINHASH_K];
} sr_fingerprint;

/* Fingerprint text[0..len) with tokenizer t.  SR_OK, or SR_ENOMEM.  An empty text gets
 * n_words == 0 and a fingerprint that matches nothing. */
int sr_fingerprint_text(sr_tokenizer *t, const char *text, size_t len, sr_fingerprint *fp);

/* Estimated Jaccard similarity of the two texts' shingle sets, 0..1 (0 when either is
 * empty). */
double sr_fingerprint_jaccard(const sr_fingerprint *a, const sr_fingerprint *b);

#endif
