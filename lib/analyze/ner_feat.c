/*
 * ner_feat.c - what the NER tagger sees of a token: hashed sparse features.
 *
 * Every feature is a (template, value) pair hashed to a row of the weight table (feature
 * hashing: no feature dictionary, the table size is fixed, a collision only adds a little
 * noise).  The templates, for token i of a sentence:
 *   bias; the word lowercased and as written; the words at i-2, i-1, i+1, i+2 (lowercased)
 *   and at i-1, i+1 as written; the word shape (X/x/d runs collapsed: "Xx", "X.X.", "d-d") at
 *   i-1, i, i+1 and the shape bigrams; prefixes and suffixes of 1 to 4 characters; the word
 *   bigrams (i-1, i) and (i, i+1); the capitalisation class with "first word" and "headline"
 *   flags; the word within a headline; Brown cluster path prefixes of length 4, 6, 10, 20 and
 *   the full cluster at i (also joined with the capitalisation class), cluster features at
 *   i-2 .. i+2 and the 6-bit prefix bigram (i-1, i); the word's share of lowercase occurrences
 *   in unlabelled news with its capitalisation; the capitalisation classes of i-1, i, i+1;
 *   gazetteer matches (type and position in the matched name, every type and the most frequent
 *   one); document features (how the first stage labelled the other occurrences of the word
 *   in the document, and whether it is also written in lowercase there).
 * Template numbers, value encodings and hashes are part of the model format (ner_model.c).
 */
#include "analyze/ner_int.h"
#include "base/err.h"
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum {
	T_BIAS = 1, T_HL0, T_HW0, T_HLm1, T_HLp1, T_HLm2, T_HLp2, T_SH0, T_SHm1, T_SHp1, T_SHm10,
	T_SH0p1, T_PRE1, T_PRE2, T_PRE3, T_PRE4, T_SUF1, T_SUF2, T_SUF3, T_SUF4, T_BIm1, T_BIp1,
	T_CAP, T_HEADW, T_CL0_4, T_CL0_6, T_CL0_10, T_CL0_20, T_CL0_F, T_CLm1_6, T_CLm1_F,
	T_CLp1_6, T_CLp1_F, T_CLm2_10, T_CLp2_10, T_LCSH, T_CAP3, T_GAZ, T_DOC, T_CL0_W, T_HWm1,
	T_HWp1, T_CLBI,
};

static inline uint32_t frow(uint64_t tmpl, uint64_t v, unsigned bits)
{
	return (uint32_t)(ner_mix(v ^ (tmpl * 0xc2b2ae3d27d4eb4fULL)) >> (64 - bits));
}

static inline uint64_t fconj(uint64_t a, uint64_t b)
{
	return ner_mix(a) ^ (b * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL);
}

/* Character class of code point cp: 'X', 'x', 'd', ASCII punctuation as itself, or 'o'. */
static char cls(int32_t cp)
{
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			return 'X';
		if (cp >= 'a' && cp <= 'z')
			return 'x';
		if (cp >= '0' && cp <= '9')
			return 'd';
		if (cp > ' ' && cp < 0x7f)
			return (char)cp;
		return 'o';
	}
	if (cp < 0)
		return 'o';
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		return 'X';
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return 'x';
	case UTF8PROC_CATEGORY_ND:
		return 'd';
	default:
		return 'o';
	}
}

#define MAXW 255

void ner_tok_pad(ner_tok *t, int after)
{
	memset(t, 0, sizeof *t);
	uint64_t v = after ? 0x5e05e05e05e05e05ULL : 0xb05b05b05b05b05bULL;
	t->hw = t->hl = t->hshape = v;
	for (int k = 0; k < 4; k++)
		t->pre[k] = t->suf[k] = v;
	for (int k = 0; k < 5; k++)
		t->cl[k] = after ? 0xfffffffeu : 0xffffffffu;
	t->cap = NER_CAP_OTHER;
}

static const ner_word *lookup(const ner_words *w, const char *s, size_t n)
{
	return ner_words_get(w, ner_word_key(s, n));
}

void ner_tok_init(ner_tok *t, const char *s, size_t n, const ner_words *words)
{
	char low[MAXW + 1], dig[MAXW + 1], shape[16];
	size_t cpos[MAXW + 1]; /* byte offset of each character */
	size_t nch = 0, ns = 0;
	int up = 0, lo = 0, dg = 0, other = 0, alpha_other = 0, first_up = 0;
	memset(t, 0, sizeof *t);
	if (n > MAXW)
		n = 0; /* an absurd token: read as unknown */
	for (size_t i = 0; i < n;) {
		int32_t cp;
		size_t k = sr_utf8_decode(s + i, n - i, &cp);
		char c = cls(cp);
		cpos[nch++] = i;
		if (c == 'X') {
			up++;
			if (nch == 1)
				first_up = 1;
		} else if (c == 'x') {
			lo++;
		} else if (c == 'd') {
			dg++;
		} else if (c == 'o' && cp >= 0x80) {
			alpha_other++;
		} else {
			other++;
		}
		if (ns == 0 || shape[ns - 1] != c) {
			if (ns < sizeof shape)
				shape[ns++] = c;
		}
		for (size_t j = 0; j < k; j++) {
			unsigned char b = (unsigned char)s[i + j];
			low[i + j] = (char)((b >= 'A' && b <= 'Z') ? b + 32 : b);
			dig[i + j] = (char)((b >= '0' && b <= '9') ? '0' : b);
		}
		i += k;
	}
	cpos[nch] = n;
	t->hw = ner_fnv(s, n);
	t->hl = ner_fnv(low, n);
	t->hshape = ner_fnv(shape, ns);
	for (size_t k = 0; k < 4; k++) {
		size_t c = k + 1 < nch ? k + 1 : nch;
		t->pre[k] = ner_fnv(low, cpos[c]);
		t->suf[k] = ner_fnv(low + cpos[nch - c], n - cpos[nch - c]);
	}
	if (n == 0)
		t->cap = NER_CAP_OTHER;
	else if (up + lo + dg == 0)
		t->cap = alpha_other ? NER_CAP_OTHER : NER_CAP_PUNCT;
	else if (up + lo == 0)
		t->cap = NER_CAP_DIGIT;
	else if (dg > 0 && up + lo > 0)
		t->cap = NER_CAP_ALNUM;
	else if (up && !lo)
		t->cap = up == 1 ? NER_CAP_ONE : NER_CAP_ALL;
	else if (first_up)
		t->cap = NER_CAP_INIT;
	else if (up)
		t->cap = NER_CAP_MIXED;
	else
		t->cap = NER_CAP_LOWER;

	/* Clusters: the form as written (digits as 0); a word in capitals as Title case, then
	 * lowercase; a Title-case word not found as lowercase. */
	const ner_word *w = NULL;
	if (n && words && words->e) {
		w = lookup(words, dig, n);
		int caps = t->cap == NER_CAP_ALL || t->cap == NER_CAP_ONE ||
			   t->cap == NER_CAP_ALNUM;
		if (!w && caps) {
			char tc[MAXW + 1];
			for (size_t i = 0; i < n; i++) {
				unsigned char b = (unsigned char)dig[i];
				tc[i] = (char)((i > 0 && b >= 'A' && b <= 'Z') ? b + 32 : b);
			}
			w = lookup(words, tc, n);
		}
		if (!w && t->cap != NER_CAP_LOWER) {
			char lc[MAXW + 1];
			for (size_t i = 0; i < n; i++) {
				unsigned char b = (unsigned char)dig[i];
				lc[i] = (char)((b >= 'A' && b <= 'Z') ? b + 32 : b);
			}
			w = lookup(words, lc, n);
		}
	}
	if (w && w->plen) {
		static const unsigned pl[4] = { 4, 6, 10, 20 };
		unsigned have = w->plen < 32 ? w->plen : 32;
		for (int k = 0; k < 4; k++) {
			unsigned l = pl[k] < have ? pl[k] : have;
			t->cl[k] = (l << 24) | (w->path >> (have - l));
		}
		t->cl[4] = 0x80000000u | w->cluster;
	}
	t->lcshare = w ? w->lcshare : 0;
}

ner_sent ner_sent_info(const ner_tok *t, size_t n)
{
	ner_sent s = { 1 };
	int letters = 0;
	for (size_t i = 0; i < n; i++) {
		if (t[i].cap == NER_CAP_LOWER || t[i].cap == NER_CAP_INIT ||
		    t[i].cap == NER_CAP_MIXED)
			s.allcaps = 0;
		if (t[i].cap == NER_CAP_ALL || t[i].cap == NER_CAP_ONE || t[i].cap == NER_CAP_ALNUM)
			letters++;
	}
	if (letters == 0)
		s.allcaps = 0;
	return s;
}

static int gaz_start(uint8_t cap)
{
	return cap == NER_CAP_INIT || cap == NER_CAP_ALL || cap == NER_CAP_ONE ||
	       cap == NER_CAP_MIXED || cap == NER_CAP_ALNUM;
}

static void gaz_put(ner_tok *t, uint8_t code)
{
	for (unsigned k = 0; k < t->ngaz; k++)
		if (t->gaz[k] == code)
			return;
	if (t->ngaz < NER_MAXGAZ)
		t->gaz[t->ngaz++] = code;
}

void ner_gaz_mark(const ner_gaz *g, ner_tok *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		t[i].ngaz = 0;
	if (!g || !g->e)
		return;
	for (size_t i = 0; i < n; i++) {
		if (!gaz_start(t[i].cap))
			continue;
		uint64_t h = 0;
		const ner_gazent *best = NULL;
		size_t blen = 0;
		for (size_t l = 1; l <= g->maxlen && i + l <= n; l++) {
			h = ner_gaz_step(h, t[i + l - 1].hl);
			const ner_gazent *e = ner_gaz_get(g, h);
			if (!e)
				break;
			if (e->mask) {
				best = e;
				blen = l;
			}
		}
		if (!best)
			continue;
		for (size_t k = 0; k < blen; k++) {
			int part = blen == 1 ? SR_NER_U : k == 0 ? SR_NER_B :
				   k + 1 == blen ? SR_NER_L : SR_NER_I;
			for (int ty = 0; ty < SR_NER_NTYPES; ty++)
				if (best->mask & (1u << ty))
					gaz_put(&t[i + k], (uint8_t)(1 + 4 * ty + part));
			if (best->dom)
				gaz_put(&t[i + k], (uint8_t)(1 + 16 + 4 * (best->dom - 1) + part));
		}
	}
}

size_t ner_features(const ner_tok *t, size_t i, size_t n, ner_sent s, unsigned bits,
		    uint32_t *r)
{
	const ner_tok *w = &t[i], *m1 = &t[(ptrdiff_t)i - 1], *p1 = &t[i + 1];
	const ner_tok *m2 = &t[(ptrdiff_t)i - 2], *p2 = &t[i + 2];
	size_t k = 0;
	(void)n;
	r[k++] = frow(T_BIAS, 0, bits);
	r[k++] = frow(T_HL0, w->hl, bits);
	r[k++] = frow(T_HW0, w->hw, bits);
	r[k++] = frow(T_HLm1, m1->hl, bits);
	r[k++] = frow(T_HLp1, p1->hl, bits);
	r[k++] = frow(T_HLm2, m2->hl, bits);
	r[k++] = frow(T_HLp2, p2->hl, bits);
	r[k++] = frow(T_SH0, w->hshape, bits);
	r[k++] = frow(T_SHm1, m1->hshape, bits);
	r[k++] = frow(T_SHp1, p1->hshape, bits);
	r[k++] = frow(T_SHm10, fconj(m1->hshape, w->hshape), bits);
	r[k++] = frow(T_SH0p1, fconj(w->hshape, p1->hshape), bits);
	for (int a = 0; a < 4; a++) {
		r[k++] = frow(T_PRE1 + (uint64_t)a, w->pre[a], bits);
		r[k++] = frow(T_SUF1 + (uint64_t)a, w->suf[a], bits);
	}
	r[k++] = frow(T_BIm1, fconj(m1->hl, w->hl), bits);
	r[k++] = frow(T_BIp1, fconj(w->hl, p1->hl), bits);
	uint64_t first = i == 0 || m1->cap == NER_CAP_PUNCT;
	r[k++] = frow(T_CAP, (uint64_t)w->cap | first << 8 | (uint64_t)s.allcaps << 9, bits);
	if (s.allcaps)
		r[k++] = frow(T_HEADW, w->hl, bits);
	r[k++] = frow(T_CL0_4, w->cl[0], bits);
	r[k++] = frow(T_CL0_6, w->cl[1], bits);
	r[k++] = frow(T_CL0_10, w->cl[2], bits);
	r[k++] = frow(T_CL0_20, w->cl[3], bits);
	r[k++] = frow(T_CL0_F, w->cl[4], bits);
	r[k++] = frow(T_CL0_W, fconj(w->cl[4], w->cap), bits);
	r[k++] = frow(T_CLm1_6, m1->cl[1], bits);
	r[k++] = frow(T_CLm1_F, m1->cl[4], bits);
	r[k++] = frow(T_CLp1_6, p1->cl[1], bits);
	r[k++] = frow(T_CLp1_F, p1->cl[4], bits);
	r[k++] = frow(T_CLm2_10, m2->cl[2], bits);
	r[k++] = frow(T_CLp2_10, p2->cl[2], bits);
	r[k++] = frow(T_LCSH, (uint64_t)w->lcshare | (uint64_t)w->cap << 8 | first << 16, bits);
	r[k++] = frow(T_CAP3, (uint64_t)m1->cap | (uint64_t)w->cap << 8 | (uint64_t)p1->cap << 16,
		      bits);
	r[k++] = frow(T_HWm1, m1->hw, bits);
	r[k++] = frow(T_HWp1, p1->hw, bits);
	r[k++] = frow(T_CLBI, fconj(m1->cl[1], w->cl[1]), bits);
	for (unsigned g = 0; g < w->ngaz; g++)
		r[k++] = frow(T_GAZ, w->gaz[g], bits);
	for (unsigned d = 0; d < w->ndoc; d++)
		r[k++] = frow(T_DOC, w->doc[d], bits);
	return k;
}

/* ---- Document map ------------------------------------------------------------------------ */

int ner_docmap_reset(ner_docmap *m, size_t ntok)
{
	size_t want = 64;
	while (want < ntok * 2)
		want *= 2;
	if (want > (size_t)1 << 22)
		want = (size_t)1 << 22;
	if (!m->e || m->mask + 1 < want || m->mask + 1 > want * 8) {
		ner_docent *e = malloc(want * sizeof *e);
		if (!e)
			return SR_ENOMEM;
		free(m->e);
		m->e = e;
		m->mask = (uint32_t)want - 1;
	}
	memset(m->e, 0, ((size_t)m->mask + 1) * sizeof *m->e);
	m->used = 0;
	return SR_OK;
}

void ner_docmap_release(ner_docmap *m)
{
	free(m->e);
	m->e = NULL;
	m->mask = m->used = 0;
}

static int doc_token(const ner_tok *t)
{
	return gaz_start(t->cap);
}

void ner_docmap_add(ner_docmap *m, const ner_tok *t, uint8_t l)
{
	int lower = t->cap == NER_CAP_LOWER;
	if (!doc_token(t) && !lower)
		return;
	uint64_t key = t->hl ? t->hl : 1;
	uint32_t i = (uint32_t)ner_mix(key) & m->mask;
	while (m->e[i].key && m->e[i].key != key)
		i = (i + 1) & m->mask;
	if (!m->e[i].key) {
		if (m->used * 4 >= (m->mask + 1) * 3)
			return; /* full: later words get no document features */
		m->e[i].key = key;
		m->used++;
	}
	if (lower) {
		if (m->e[i].lower < UINT16_MAX)
			m->e[i].lower++;
		return;
	}
	int ty = sr_ner_label_type(l);
	int slot = ty < 0 ? SR_NER_NTYPES : ty;
	if (m->e[i].n[slot] < UINT16_MAX)
		m->e[i].n[slot]++;
	if (!m->e[i].first)
		m->e[i].first = (uint16_t)(slot + 1);
}

void ner_doc_mark(const ner_docmap *m, ner_tok *t, uint8_t self_l)
{
	t->ndoc = 0;
	if (!doc_token(t) || !m->e)
		return;
	uint64_t key = t->hl ? t->hl : 1;
	uint32_t i = (uint32_t)ner_mix(key) & m->mask;
	while (m->e[i].key && m->e[i].key != key)
		i = (i + 1) & m->mask;
	unsigned n[SR_NER_NTYPES + 1] = { 0 };
	unsigned total = 0;
	if (m->e[i].key == key) {
		for (int k = 0; k <= SR_NER_NTYPES; k++)
			n[k] = m->e[i].n[k];
		if (m->e[i].lower)
			t->doc[t->ndoc++] = 64; /* also written in lowercase in the document */
	}
	int ty = sr_ner_label_type(self_l);
	int self = ty < 0 ? SR_NER_NTYPES : ty;
	if (n[self])
		n[self]--;
	for (int k = 0; k <= SR_NER_NTYPES; k++)
		total += n[k];
	if (total == 0) {
		t->doc[t->ndoc++] = 1;
		return;
	}
	if (t->ndoc + 4 > NER_MAXDOC)
		return;
	int maj = 0;
	for (int k = 1; k <= SR_NER_NTYPES; k++)
		if (n[k] > n[maj])
			maj = k;
	t->doc[t->ndoc++] = (uint8_t)(2 + maj);
	if (n[maj] == total)
		t->doc[t->ndoc++] = (uint8_t)(8 + maj);
	for (int k = 0; k < SR_NER_NTYPES && t->ndoc < NER_MAXDOC; k++)
		if (n[k] && k != maj)
			t->doc[t->ndoc++] = (uint8_t)(16 + k);
	/* the majority joined with the token's own first-stage type */
	if (t->ndoc < NER_MAXDOC)
		t->doc[t->ndoc++] = (uint8_t)(32 + 8 * maj + self);
}
