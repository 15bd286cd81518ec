/*
 * brown.h - Brown word clustering (hierarchical clusters from bigram statistics).
 *
 * Brown et al. (1992) clustering with the bounded-window algorithm of Liang (2005): the C most
 * frequent words start as C clusters; each further word (in frequency order) enters as a
 * cluster of its own and the pair of clusters whose merge loses the least adjacent-cluster
 * mutual information is merged, so C clusters remain.  Finally the C clusters are merged down
 * to one, and the merge tree gives each cluster a bit string: words that share a long prefix
 * are used alike.  The NER tagger uses prefixes of these paths as features (docs/NER.md).
 *
 * Cost: O(V * C^2) after counting (V words), memory O(C^2 + bigrams).  Deterministic: the same
 * input gives the same clusters (ties are broken by slot order).  Single-threaded, no globals.
 */
#ifndef SR_BROWN_H
#define SR_BROWN_H

#include <stddef.h>
#include <stdint.h>

#define SR_BROWN_NONE UINT32_MAX /* in a sequence: a boundary (no bigram across it) */

/* Cluster the words of seq[0..n): ids 0..nwords-1 (any order of frequency is accepted, but
 * words enter in id order, so give the most frequent the smallest ids), SR_BROWN_NONE between
 * sentences or in place of words left out.  nclusters >= 2.  On success path[w] holds word w's
 * bit string (first bit most significant: bit (plen[w]-1-k) of path[w] is the k-th step from
 * the root) and plen[w] its length (0..63; words that never occur get plen 0).
 * progress (may be NULL) is called now and then with the number of words added.
 * SR_EINVAL, SR_ENOMEM. */
int sr_brown_cluster(const uint32_t *seq, size_t n, uint32_t nwords, uint32_t nclusters,
		     uint64_t *path, uint8_t *plen, void (*progress)(void *ctx, uint32_t done),
		     void *ctx);

#endif
