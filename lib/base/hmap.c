#include "base/hmap.h"

#include <stdlib.h>
#include <string.h>

/* the caller's key 0 is stored as UINT64_MAX (and UINT64_MAX as itself: both map to the
 * same slot key, so a map may not hold both 0 and UINT64_MAX; callers use hashes, where
 * that collision is as likely as any other 64-bit collision) */
static inline uint64_t ikey(uint64_t k) { return k ? k : UINT64_MAX; }

static inline size_t slot_of(uint64_t k, size_t cap)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return (size_t)k & (cap - 1);
}

void sr_hmap_init(sr_hmap *m)
{
	memset(m, 0, sizeof(*m));
}

void sr_hmap_release(sr_hmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

void sr_hmap_clear(sr_hmap *m)
{
	if (m->keys)
		memset(m->keys, 0, m->cap * sizeof(uint64_t));
	m->n = 0;
}

uint64_t *sr_hmap_get(const sr_hmap *m, uint64_t key)
{
	if (!m->cap)
		return NULL;
	uint64_t k = ikey(key);
	for (size_t i = slot_of(k, m->cap);; i = (i + 1) & (m->cap - 1)) {
		if (m->keys[i] == k)
			return &m->vals[i];
		if (m->keys[i] == 0)
			return NULL;
	}
}

static int grow(sr_hmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 16;
	uint64_t *keys = calloc(cap, sizeof(uint64_t)), *vals = malloc(cap * sizeof(uint64_t));
	if (!keys || !vals) {
		free(keys);
		free(vals);
		return -1;
	}
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		size_t j = slot_of(m->keys[i], cap);
		while (keys[j])
			j = (j + 1) & (cap - 1);
		keys[j] = m->keys[i];
		vals[j] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	m->keys = keys;
	m->vals = vals;
	m->cap = cap;
	return 0;
}

uint64_t *sr_hmap_put(sr_hmap *m, uint64_t key, int *inserted)
{
	if (inserted)
		*inserted = 0;
	if ((m->n + 1) * 10 > m->cap * 7 && grow(m))
		return NULL;
	uint64_t k = ikey(key);
	size_t i = slot_of(k, m->cap);
	while (m->keys[i] && m->keys[i] != k)
		i = (i + 1) & (m->cap - 1);
	if (!m->keys[i]) {
		m->keys[i] = k;
		m->vals[i] = 0;
		m->n++;
		if (inserted)
			*inserted = 1;
	}
	return &m->vals[i];
}

int sr_hmap_del(sr_hmap *m, uint64_t key)
{
	if (!m->cap)
		return 0;
	uint64_t k = ikey(key);
	size_t i = slot_of(k, m->cap), mask = m->cap - 1;
	while (m->keys[i] != k) {
		if (!m->keys[i])
			return 0;
		i = (i + 1) & mask;
	}
	/* backward-shift deletion */
	size_t j = i;
	for (;;) {
		j = (j + 1) & mask;
		if (!m->keys[j])
			break;
		size_t home = slot_of(m->keys[j], m->cap);
		/* move j to i when its home is not in (i, j] cyclically */
		if ((j > i && (home <= i || home > j)) || (j < i && (home <= i && home > j))) {
			m->keys[i] = m->keys[j];
			m->vals[i] = m->vals[j];
			i = j;
		}
	}
	m->keys[i] = 0;
	m->n--;
	return 1;
}
