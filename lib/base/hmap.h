/*
 * hmap.h - an open-addressing hash map from 64-bit keys to 64-bit values.
 *
 * Keys are already hashes (sr_hash64 of a term, an id mixed by the caller); key 0 is
 * reserved as "empty" and is remapped internally, so any key works.  Linear probing,
 * power-of-two capacity, load factor <= 0.7, deletion by backward shift (no tombstones).
 * Not thread-safe.
 */
#ifndef SR_HMAP_H
#define SR_HMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct sr_hmap {
	uint64_t *keys;
	uint64_t *vals;
	size_t cap;   /* slots, a power of two (0 before the first insert) */
	size_t n;     /* keys present */
} sr_hmap;

void sr_hmap_init(sr_hmap *m);
void sr_hmap_release(sr_hmap *m);
void sr_hmap_clear(sr_hmap *m);
/* Pointer to the value of key, or NULL when absent.  Valid until the next insert. */
uint64_t *sr_hmap_get(const sr_hmap *m, uint64_t key);
/* Pointer to the value of key, inserting it with value 0 when absent (*inserted = 1).
 * NULL when out of memory.  Valid until the next insert. */
uint64_t *sr_hmap_put(sr_hmap *m, uint64_t key, int *inserted);
/* Remove key; 1 when it was present. */
int sr_hmap_del(sr_hmap *m, uint64_t key);

/* Iterate: for (size_t i = 0; i < m->cap; i++) if (sr_hmap_used(m, i)) ... m->keys[i] is
 * the internal key; use sr_hmap_key(m, i) for the caller's key. */
static inline int sr_hmap_used(const sr_hmap *m, size_t i) { return m->keys[i] != 0; }
static inline uint64_t sr_hmap_key(const sr_hmap *m, size_t i)
{
	return m->keys[i] == UINT64_MAX ? 0 : m->keys[i];
}

#endif
