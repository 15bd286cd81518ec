/*
 * ner_int.h - the NER tagger's private interfaces, shared by ner*.c (not for other modules).
 *
 * Sections: hashing; the word table (clusters) and the gazetteer, laid out the same in memory
 * and in the model file; per-token information and feature extraction (ner_feat.c); the
 * model (ner_model.c); decoding (ner.c).
 */
#ifndef SR_NER_INT_H
#define SR_NER_INT_H

#include <stddef.h>
#include <stdint.h>

#include "analyze/ner.h"

/* ---- Hashing (part of the model format: changing it invalidates every model) ------------ */

/* FNV-1a 64 over bytes. */
static inline uint64_t ner_fnv(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3ULL;
	return h;
}

/* A strong 64-bit finaliser (splitmix64). */
static inline uint64_t ner_mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* Key of a word form in the word table (never 0). */
static inline uint64_t ner_word_key(const char *s, size_t n)
{
	uint64_t h = ner_mix(ner_fnv(s, n));
	return h ? h : 1;
}

/* ---- Word table: clusters and capitalisation statistics ---------------------------------- */

/* One word form (digits written as 0) of the cluster file.  16 bytes, stored as is. */
typedef struct ner_word {
	uint64_t key;     /* ner_word_key of the form; 0 = empty slot */
	uint32_t path;    /* the first min(plen, 32) bits of the cluster path, right-aligned */
	uint16_t cluster; /* cluster number + 1 (0: none) */
	uint8_t plen;     /* full path length */
	uint8_t lcshare;  /* 1 + share of lowercase occurrences of the word in 0..4 (0: none) */
} ner_word;

/* Open-addressing table of 2^bits slots, linear probing. */
typedef struct ner_words {
	const ner_word *e;
	uint32_t mask; /* slots - 1 */
} ner_words;

static inline const ner_word *ner_words_get(const ner_words *t, uint64_t key)
{
	if (!t->e)
		return NULL;
	uint32_t i = (uint32_t)key & t->mask;
	for (uint32_t probes = 0; probes <= t->mask; probes++, i = (i + 1) & t->mask) {
		if (t->e[i].key == key)
			return &t->e[i];
		if (t->e[i].key == 0)
			return NULL;
	}
	return NULL;
}

/* ---- Gazetteer: entity names seen in the training data ----------------------------------- */

/* A name (lowercased token sequence) or a proper prefix of one.  16 bytes. */
typedef struct ner_gazent {
	uint64_t key;  /* ner_gaz_step chain over the tokens' lowercase hashes; 0 = empty */
	uint8_t mask;  /* bit t: seen as an entity of type t (0: only a prefix of longer names) */
	uint8_t dom;   /* most frequent type + 1 (0: prefix only) */
	uint8_t pad[6];
} ner_gazent;

typedef struct ner_gaz {
	const ner_gazent *e;
	uint32_t mask;
	uint32_t maxlen; /* longest name in tokens */
} ner_gaz;

static inline uint64_t ner_gaz_step(uint64_t h, uint64_t tok_lower_hash)
{
	h = ner_mix(h ^ (tok_lower_hash * 0x9e3779b97f4a7c15ULL));
	return h ? h : 1;
}

static inline const ner_gazent *ner_gaz_get(const ner_gaz *g, uint64_t key)
{
	if (!g->e)
		return NULL;
	uint32_t i = (uint32_t)key & g->mask;
	for (uint32_t probes = 0; probes <= g->mask; probes++, i = (i + 1) & g->mask) {
		if (g->e[i].key == key)
			return &g->e[i];
		if (g->e[i].key == 0)
			return NULL;
	}
	return NULL;
}

/* ---- Per-token information and features (ner_feat.c) ------------------------------------- */

enum {
	NER_CAP_LOWER, NER_CAP_INIT, NER_CAP_ALL, NER_CAP_ONE, NER_CAP_MIXED, NER_CAP_DIGIT,
	NER_CAP_ALNUM, NER_CAP_PUNCT, NER_CAP_OTHER,
};

#define NER_MAXGAZ 4  /* gazetteer feature codes per token */
#define NER_MAXDOC 6  /* document feature codes per token */
#define NER_MAXF 64   /* features per token */
#define NER_MAXSENT 4096

typedef struct ner_tok {
	uint64_t hw, hl, hshape; /* exact form, lowercase, compressed shape */
	uint64_t pre[4], suf[4]; /* lowercase prefixes / suffixes of 1..4 characters */
	uint32_t cl[5];          /* cluster path prefixes 4, 6, 10, 20 and the full cluster;
				  * 0 = no cluster */
	uint8_t cap;             /* NER_CAP_* */
	uint8_t lcshare;         /* from the word table (0: unknown word) */
	uint8_t ngaz, ndoc;
	uint8_t gaz[NER_MAXGAZ]; /* codes 1 + 16 * kind + 4 * type + part */
	uint8_t doc[NER_MAXDOC]; /* document feature codes */
} ner_tok;

/* What a sentence contributes to every token's features. */
typedef struct ner_sent {
	int allcaps; /* no lowercase letter in the sentence (a headline) */
} ner_sent;

/* Fill t from token s[0..n) (n may be 0 for a missing token) using the word table. */
void ner_tok_init(ner_tok *t, const char *s, size_t n, const ner_words *words);
/* The padding token before the first / after the last token. */
void ner_tok_pad(ner_tok *t, int after);
/* Sentence flags of tokens t[0..n). */
ner_sent ner_sent_info(const ner_tok *t, size_t n);
/* Gazetteer codes for tokens t[0..n) (ngaz/gaz of each token). */
void ner_gaz_mark(const ner_gaz *g, ner_tok *t, size_t n);
/* The feature rows of token i of t[0..n) (t[-2] .. t[n+1] must be valid, padding included)
 * into rows[]; returns the count (<= NER_MAXF).  bits: log2 of the table rows. */
size_t ner_features(const ner_tok *t, size_t i, size_t n, ner_sent s, unsigned bits,
		    uint32_t *rows);

/* ---- Document features ------------------------------------------------------------------- */

/* Per document: for each (lowercase) token of capitalised occurrences, how the first stage
 * labelled its occurrences.  A small open-addressing map owned by the caller. */
typedef struct ner_docent {
	uint64_t key;
	uint16_t n[SR_NER_NTYPES + 1]; /* occurrences labelled PER, ORG, LOC, MISC, O */
	uint16_t first;                /* type + 1 of the earliest labelled occurrence */
	uint16_t lower;                /* occurrences written in lowercase */
} ner_docent;

typedef struct ner_docmap {
	ner_docent *e;
	uint32_t mask;
	uint32_t used;
} ner_docmap;

/* Empty the map and size it for ntok tokens.  SR_ENOMEM. */
int ner_docmap_reset(ner_docmap *m, size_t ntok);
void ner_docmap_release(ner_docmap *m);
/* Count token t labelled l (first-stage label) at document position pos. */
void ner_docmap_add(ner_docmap *m, const ner_tok *t, uint8_t l);
/* Set t->doc codes from the map (t itself labelled self_l by the first stage). */
void ner_doc_mark(const ner_docmap *m, ner_tok *t, uint8_t self_l);

/* ---- Model (ner_model.c) ----------------------------------------------------------------- */

#define NER_MAXSTAGES 2

/* The weights of one stage: rows x 16 int16 (label 1..16; O is 0), times scale. */
typedef struct ner_stage {
	const int16_t *w;
	unsigned bits;
	float scale;
	const float *trans; /* [18][17]: from label a (17 = start) to label b */
	const float *final; /* [17]: from label a to the end */
} ner_stage;

struct sr_ner_model {
	void *map;      /* mmap base (NULL when from memory) */
	size_t map_len;
	const char *info;
	unsigned nstages;
	ner_stage st[NER_MAXSTAGES];
	ner_words words;
	ner_gaz gaz;
};

/* What the trainer hands the writer (weights already quantised). */
typedef struct ner_model_out {
	const char *info;
	unsigned nstages;
	struct {
		const int16_t *w;
		unsigned bits;
		float scale;
		const float *trans, *final;
	} st[NER_MAXSTAGES];
	const ner_word *words;
	uint32_t words_slots;
	const ner_gazent *gaz;
	uint32_t gaz_slots, gaz_maxlen;
} ner_model_out;

/* Write a model file.  SR_EIO, SR_ENOMEM. */
int ner_model_write(const char *path, const ner_model_out *m);

/* ---- Decoding (ner.c) -------------------------------------------------------------------- */

/* Viterbi over n tokens: emit[i*17 + l] scores, trans/final of a stage; writes labels.
 * Transitions that make a malformed sequence are never taken. bp: n*17 scratch. */
void ner_viterbi(const float *emit, size_t n, const float *trans, const float *final,
		 uint8_t *bp, uint8_t *labels);
/* 1 when label b may follow label a (a == 17: sentence start; b == 17: sentence end). */
int ner_allowed(unsigned a, unsigned b);

#endif
