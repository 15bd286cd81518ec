#include "story/fingerprint.h"
#include "base/err.h"
#include "base/hash.h"

#include <string.h>

/* the k hash functions, made once from a fixed seed (splitmix64) */
static uint32_t mh_a[SR_MINHASH_K], mh_b[SR_MINHASH_K];
static int mh_ready;

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void mh_init(void)
{
	/* idempotent and deterministic: a race between threads writes the same values */
	if (mh_ready)
		return;
	uint64_t s = 0x5173726570ULL; /* "sitrep" */
	for (int i = 0; i < SR_MINHASH_K; i++) {
		mh_a[i] = (uint32_t)splitmix(&s) | 1;
		mh_b[i] = (uint32_t)splitmix(&s);
	}
	__atomic_store_n(&mh_ready, 1, __ATOMIC_RELEASE);
}

typedef struct fp_ctx {
	sr_fingerprint *fp;
	uint64_t ring[SR_SHINGLE_WORDS]; /* hashes of the last words */
	uint64_t words_h0, words_h1;
	uint32_t n;
} fp_ctx;

/* h_i(x) = mix(a_i * x + b_i mod 2^32), mix an xorshift-multiply finaliser: 32-bit lanes,
 * so the loop vectorises (8 lanes with AVX2, chosen at run time where the CPU has it) */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default"), optimize("tree-vectorize")))
#endif
static void add_shingle(uint32_t *restrict mh, const uint32_t *restrict a, const uint32_t *restrict b,
			uint64_t x)
{
	uint32_t x32 = (uint32_t)(x ^ (x >> 32));
	for (int i = 0; i < SR_MINHASH_K; i++) {
		uint32_t h = a[i] * x32 + b[i];
		h ^= h >> 16;
		h *= 0x85ebca6bu;
		h ^= h >> 13;
		mh[i] = h < mh[i] ? h : mh[i];
	}
}

static uint64_t shingle_hash(const fp_ctx *c)
{
	/* the ring holds the last SR_SHINGLE_WORDS word hashes; combine them in order */
	uint64_t h = 0x84222325cbf29ce4ULL;
	for (uint32_t k = 0; k < SR_SHINGLE_WORDS; k++) {
		uint64_t w = c->ring[(c->n - SR_SHINGLE_WORDS + k) % SR_SHINGLE_WORDS];
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 29;
	}
	return h;
}

static int on_word(void *ctx, const char *tok, size_t len, size_t start, size_t end, int colocated)
{
	(void)start;
	(void)end;
	fp_ctx *c = ctx;
	if (colocated)
		return 0;
	uint64_t w = sr_hash64(tok, len, 0x77);
	c->words_h0 = (c->words_h0 ^ w) * 0x100000001b3ULL + 0x9e3779b97f4a7c15ULL;
	c->words_h1 = ((c->words_h1 << 7) | (c->words_h1 >> 57)) ^ (w * 0xc2b2ae3d27d4eb4fULL);
	c->ring[c->n % SR_SHINGLE_WORDS] = w;
	c->n++;
	if (c->n >= SR_SHINGLE_WORDS)
		add_shingle(c->fp->minhash, mh_a, mh_b, shingle_hash(c));
	return 0;
}

int sr_fingerprint_text(sr_tokenizer *t, const char *text, size_t len, sr_fingerprint *fp)
{
	mh_init();
	fp_ctx c;
	memset(&c, 0, sizeof(c));
	memset(fp, 0, sizeof(*fp));
	memset(fp->minhash, 0xff, sizeof(fp->minhash));
	c.fp = fp;
	int rc = sr_tokenize(t, text, len, NULL, 0, on_word, &c);
	if (rc)
		return rc < 0 ? rc : SR_ENOMEM;
	if (c.n > 0 && c.n < SR_SHINGLE_WORDS) {
		uint64_t h = 0x84222325cbf29ce4ULL;
		for (uint32_t k = 0; k < c.n; k++)
			h = (h ^ c.ring[k]) * 0x100000001b3ULL;
		add_shingle(fp->minhash, mh_a, mh_b, h);
	}
	fp->n_words = c.n;
	fp->words_hash[0] = c.words_h0 ^ ((uint64_t)c.n << 40);
	fp->words_hash[1] = c.words_h1 ^ c.n;
	return SR_OK;
}

double sr_fingerprint_jaccard(const sr_fingerprint *a, const sr_fingerprint *b)
{
	if (!a->n_words || !b->n_words)
		return 0;
	int same = 0;
	for (int i = 0; i < SR_MINHASH_K; i++)
		same += a->minhash[i] == b->minhash[i];
	return (double)same / SR_MINHASH_K;
}
