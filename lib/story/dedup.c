#include "story/dedup.h"
#include "base/err.h"
#include "base/hash.h"
#include "base/hmap.h"

#include <stdlib.h>
#include <string.h>

#define BANDS 32
#define ROWS (SR_MINHASH_K / BANDS)
#define NONE UINT64_MAX

/* Entry seq lives in ring[seq % capacity].  Band chains link from newer to older seqs, so
 * a walk stops at the first seq that has left the window. */
typedef struct entry {
	int64_t id, time, root;
	uint64_t next[BANDS]; /* older entry with the same band key, or NONE */
	uint64_t visit;       /* the add() that last looked at it */
	sr_fingerprint fp;
} entry;

struct sr_dedup {
	sr_dedup_opts o;
	entry *ring;      /* ring_cap entries; grows up to o.capacity while filling */
	size_t ring_cap;
	uint64_t head;    /* next seq */
	uint64_t tail;    /* oldest live seq */
	int64_t newest;   /* latest time seen */
	sr_hmap bands;    /* band key -> newest seq with it */
	sr_hmap exact;    /* words hash -> newest seq with it */
};

sr_dedup *sr_dedup_new(const sr_dedup_opts *opts)
{
	sr_dedup *d = calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	if (opts)
		d->o = *opts;
	if (d->o.threshold <= 0)
		d->o.threshold = 0.8;
	if (!d->o.capacity)
		d->o.capacity = 200000;
	if (!d->o.window_secs)
		d->o.window_secs = 14 * 86400;
	sr_hmap_init(&d->bands);
	sr_hmap_init(&d->exact);
	return d;
}

void sr_dedup_free(sr_dedup *d)
{
	if (!d)
		return;
	sr_hmap_release(&d->bands);
	sr_hmap_release(&d->exact);
	free(d->ring);
	free(d);
}

size_t sr_dedup_size(const sr_dedup *d)
{
	return (size_t)(d->head - d->tail);
}

size_t sr_dedup_memory(const sr_dedup *d)
{
	return sizeof(*d) + d->ring_cap * sizeof(entry) + (d->bands.cap + d->exact.cap) * 16;
}

static uint64_t band_key(const sr_fingerprint *fp, int b)
{
	return sr_hash64(&fp->minhash[b * ROWS], ROWS * sizeof(uint32_t), 0xba9d0000ULL + (uint64_t)b);
}

static int live(const sr_dedup *d, uint64_t seq)
{
	return seq != NONE && seq >= d->tail && seq < d->head;
}

/* Drop what left the window; rebuild the maps when stale keys dominate. */
static int expire(sr_dedup *d, int64_t now)
{
	while (d->tail < d->head) {
		entry *e = &d->ring[d->tail % d->ring_cap];
		int full = d->head - d->tail >= d->o.capacity;
		if (!full && e->time >= now - d->o.window_secs)
			break;
		d->tail++;
	}
	size_t alive = (size_t)(d->head - d->tail);
	if (d->bands.n > 4 * (alive + 1024) * BANDS / 2) {
		/* keys whose newest seq is gone: all their chain is gone too */
		sr_hmap fresh;
		sr_hmap_init(&fresh);
		for (size_t i = 0; i < d->bands.cap; i++) {
			if (!sr_hmap_used(&d->bands, i) || !live(d, d->bands.vals[i]))
				continue;
			uint64_t *v = sr_hmap_put(&fresh, sr_hmap_key(&d->bands, i), NULL);
			if (!v) {
				sr_hmap_release(&fresh);
				return SR_ENOMEM;
			}
			*v = d->bands.vals[i];
		}
		sr_hmap_release(&d->bands);
		d->bands = fresh;
	}
	if (d->exact.n > 4 * (alive + 1024)) {
		sr_hmap fresh;
		sr_hmap_init(&fresh);
		for (size_t i = 0; i < d->exact.cap; i++) {
			if (!sr_hmap_used(&d->exact, i) || !live(d, d->exact.vals[i]))
				continue;
			uint64_t *v = sr_hmap_put(&fresh, sr_hmap_key(&d->exact, i), NULL);
			if (!v) {
				sr_hmap_release(&fresh);
				return SR_ENOMEM;
			}
			*v = d->exact.vals[i];
		}
		sr_hmap_release(&d->exact);
		d->exact = fresh;
	}
	return SR_OK;
}

static int insert(sr_dedup *d, int64_t id, int64_t root, int64_t time, const sr_fingerprint *fp,
		  const uint64_t keys[BANDS]);

static void band_keys(const sr_fingerprint *fp, uint64_t keys[BANDS])
{
	for (int b = 0; b < BANDS; b++)
		keys[b] = band_key(fp, b);
}

int sr_dedup_restore(sr_dedup *d, int64_t id, int64_t root, int64_t time, const sr_fingerprint *fp)
{
	if (time > d->newest)
		d->newest = time;
	int rc = expire(d, d->newest);
	if (rc)
		return rc;
	uint64_t keys[BANDS];
	band_keys(fp, keys);
	return insert(d, id, root ? root : id, time, fp, keys);
}

int sr_dedup_add(sr_dedup *d, int64_t id, int64_t time, const sr_fingerprint *fp, sr_dedup_match *m)
{
	memset(m, 0, sizeof(*m));
	if (time > d->newest)
		d->newest = time;
	int rc = expire(d, d->newest);
	if (rc)
		return rc;
	uint64_t seq = d->head;
	uint64_t keys[BANDS];
	int64_t root = 0;
	band_keys(fp, keys);
	if (fp->n_words) {
		uint64_t wkey = fp->words_hash[0] ^ (fp->words_hash[1] * 0x9e3779b97f4a7c15ULL);
		uint64_t *ex = sr_hmap_get(&d->exact, wkey);
		if (ex && live(d, *ex)) {
			entry *e = &d->ring[*ex % d->ring_cap];
			root = e->root;
			m->exact = 1;
			m->jaccard = 1;
		}
		double best = 0;
		for (int b = 0; b < BANDS && !m->exact; b++) {
			uint64_t *h = sr_hmap_get(&d->bands, keys[b]);
			for (uint64_t s = h ? *h : NONE; live(d, s);) {
				entry *e = &d->ring[s % d->ring_cap];
				if (e->visit != seq + 1) {
					e->visit = seq + 1;
					double j = sr_fingerprint_jaccard(fp, &e->fp);
					/* prefer the closest copy; among equals, the earliest group */
					if (j >= d->o.threshold && (j > best || (j == best && e->root < root))) {
						best = j;
						root = e->root;
					}
				}
				s = e->next[b];
			}
		}
		if (!m->exact && root)
			m->jaccard = best;
	}
	m->dup_of = root;
	return insert(d, id, root ? root : id, time, fp, keys);
}

static int insert(sr_dedup *d, int64_t id, int64_t root, int64_t time, const sr_fingerprint *fp,
		  const uint64_t keys[BANDS])
{
	uint64_t seq = d->head;
	/* add it: grow the ring while it is smaller than the capacity (it is only ever
	 * grown before it first wraps, so seq % ring_cap stays seq % capacity's prefix);
	 * when it is full, the oldest goes */
	if (d->head >= d->ring_cap && d->ring_cap < d->o.capacity) {
		size_t cap = d->ring_cap ? d->ring_cap * 2 : 1024;
		if (cap > d->o.capacity)
			cap = d->o.capacity;
		entry *r = realloc(d->ring, cap * sizeof(entry));
		if (!r)
			return SR_ENOMEM;
		d->ring = r;
		d->ring_cap = cap;
	}
	if (d->head - d->tail >= d->o.capacity)
		d->tail++;
	entry *e = &d->ring[seq % d->ring_cap];
	e->id = id;
	e->time = time;
	e->root = root;
	e->visit = 0;
	e->fp = *fp;
	d->head++;
	if (!fp->n_words) {
		for (int b = 0; b < BANDS; b++)
			e->next[b] = NONE;
		return SR_OK;
	}
	for (int b = 0; b < BANDS; b++) {
		int ins;
		uint64_t *h = sr_hmap_put(&d->bands, keys[b], &ins);
		if (!h)
			return SR_ENOMEM;
		int was = !ins && live(d, *h) && *h != seq;
		e->next[b] = was ? *h : NONE;
		*h = seq;
	}
	uint64_t wkey = fp->words_hash[0] ^ (fp->words_hash[1] * 0x9e3779b97f4a7c15ULL);
	uint64_t *ex = sr_hmap_put(&d->exact, wkey, NULL);
	if (!ex)
		return SR_ENOMEM;
	*ex = seq;
	return SR_OK;
}
