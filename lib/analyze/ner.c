/*
 * ner.c - tagging with a model: features, scores, Viterbi, the two stages; finding the model.
 *
 * Stage 1 tags each sentence from local features.  With a two-stage model, stage 2 then tags
 * every sentence again with the same features plus document features: how stage 1 labelled
 * the other occurrences of each capitalised word in the document ("Stoltenberg" after "Jens
 * Stoltenberg" was tagged PER; "REUTERS" in a headline like "Reuters" in the body).
 */
#include "analyze/ner_int.h"
#include "base/err.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- Label transitions ------------------------------------------------------------------- */

int ner_allowed(unsigned a, unsigned b)
{
	/* a closed position: start, O, L-x, U-x; an open one: B-x, I-x */
	int a_open = a >= 1 && a < SR_NER_NLABELS &&
		     (sr_ner_label_part((uint8_t)a) == SR_NER_B ||
		      sr_ner_label_part((uint8_t)a) == SR_NER_I);
	if (b >= SR_NER_NLABELS) /* end */
		return !a_open;
	int b_cont = b >= 1 && (sr_ner_label_part((uint8_t)b) == SR_NER_I ||
				sr_ner_label_part((uint8_t)b) == SR_NER_L);
	if (!a_open)
		return !b_cont;
	return b_cont && sr_ner_label_type((uint8_t)a) == sr_ner_label_type((uint8_t)b);
}

/* Predecessors allowed for each label, built once into a constant table by hand:
 * O, B-x, U-x follow start/O/L-y/U-y; I-x, L-x follow B-x/I-x. */
static const uint8_t closed_prev[9] = { 0, 3, 4, 7, 8, 11, 12, 15, 16 };

void ner_viterbi(const float *emit, size_t n, const float *trans, const float *final,
		 uint8_t *bp, uint8_t *labels)
{
	float d[SR_NER_NLABELS], nd[SR_NER_NLABELS];
	if (n == 0)
		return;
	for (unsigned b = 0; b < SR_NER_NLABELS; b++)
		d[b] = ner_allowed(17, b) ? trans[17 * 17 + b] + emit[b] : -INFINITY;
	for (size_t i = 1; i < n; i++) {
		const float *e = emit + i * SR_NER_NLABELS;
		uint8_t *bpi = bp + i * SR_NER_NLABELS;
		for (unsigned b = 0; b < SR_NER_NLABELS; b++) {
			float best = -INFINITY;
			unsigned arg = 0;
			int cont = b >= 1 && (sr_ner_label_part((uint8_t)b) == SR_NER_I ||
					      sr_ner_label_part((uint8_t)b) == SR_NER_L);
			if (cont) {
				unsigned base = 1 + 4 * (unsigned)sr_ner_label_type((uint8_t)b);
				for (unsigned a = base; a < base + 2; a++) {
					float v = d[a] + trans[a * 17 + b];
					if (v > best) {
						best = v;
						arg = a;
					}
				}
			} else {
				for (unsigned k = 0; k < 9; k++) {
					unsigned a = closed_prev[k];
					float v = d[a] + trans[a * 17 + b];
					if (v > best) {
						best = v;
						arg = a;
					}
				}
			}
			nd[b] = best + e[b];
			bpi[b] = (uint8_t)arg;
		}
		memcpy(d, nd, sizeof d);
	}
	float best = -INFINITY;
	unsigned arg = 0;
	for (unsigned k = 0; k < 9; k++) {
		unsigned a = closed_prev[k];
		float v = d[a] + final[a];
		if (v > best) {
			best = v;
			arg = a;
		}
	}
	labels[n - 1] = (uint8_t)arg;
	for (size_t i = n - 1; i > 0; i--)
		labels[i - 1] = bp[i * SR_NER_NLABELS + labels[i]];
}

/* ---- Tagger ------------------------------------------------------------------------------ */

#define MAXDOC ((size_t)1 << 18)

struct sr_ner_tagger {
	const sr_ner_model *m;
	ner_tok *tok;     /* [cap_tok + 4]: the document's tokens, with 2 pads at each end */
	uint8_t *s1;      /* [cap_tok] stage-1 labels */
	size_t cap_tok;
	float *emit;      /* [cap_sent * 17] */
	uint8_t *bp;      /* [cap_sent * 17] */
	ner_tok *sent;    /* [cap_sent + 4] one sentence, padded */
	size_t cap_sent;
	ner_docmap dm;
};

sr_ner_tagger *sr_ner_tagger_new(const sr_ner_model *m)
{
	if (!m)
		return NULL;
	sr_ner_tagger *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->m = m;
	return t;
}

void sr_ner_tagger_free(sr_ner_tagger *t)
{
	if (!t)
		return;
	free(t->tok);
	free(t->s1);
	free(t->emit);
	free(t->bp);
	free(t->sent);
	ner_docmap_release(&t->dm);
	free(t);
}

static int reserve(sr_ner_tagger *t, size_t ntok, size_t maxsent)
{
	if (ntok > t->cap_tok) {
		size_t c = t->cap_tok ? t->cap_tok : 256;
		while (c < ntok)
			c *= 2;
		ner_tok *a = realloc(t->tok, (c + 4) * sizeof *a);
		if (!a)
			return SR_ENOMEM;
		t->tok = a;
		uint8_t *b = realloc(t->s1, c);
		if (!b)
			return SR_ENOMEM;
		t->s1 = b;
		t->cap_tok = c;
	}
	if (maxsent > t->cap_sent) {
		size_t c = t->cap_sent ? t->cap_sent : 64;
		while (c < maxsent)
			c *= 2;
		float *e = realloc(t->emit, c * SR_NER_NLABELS * sizeof *e);
		if (!e)
			return SR_ENOMEM;
		t->emit = e;
		uint8_t *b = realloc(t->bp, c * SR_NER_NLABELS);
		if (!b)
			return SR_ENOMEM;
		t->bp = b;
		ner_tok *s = realloc(t->sent, (c + 4) * sizeof *s);
		if (!s)
			return SR_ENOMEM;
		t->sent = s;
		t->cap_sent = c;
	}
	return SR_OK;
}

/* Scores of tokens tk[0..n) (padded) with stage st into emit. */
static void score(const ner_stage *st, const ner_tok *tk, size_t n, float *emit)
{
	ner_sent s = ner_sent_info(tk, n);
	uint32_t rows[NER_MAXF];
	for (size_t i = 0; i < n; i++) {
		size_t nf = ner_features(tk, i, n, s, st->bits, rows);
		for (size_t f = 0; f < nf; f++)
			__builtin_prefetch(st->w + (size_t)rows[f] * 16);
		int32_t acc[16] = { 0 };
		for (size_t f = 0; f < nf; f++) {
			const int16_t *w = st->w + (size_t)rows[f] * 16;
			for (int l = 0; l < 16; l++)
				acc[l] += w[l];
		}
		float *e = emit + i * SR_NER_NLABELS;
		e[0] = 0;
		for (int l = 0; l < 16; l++)
			e[l + 1] = (float)acc[l] * st->scale;
	}
}

int sr_ner_tag(sr_ner_tagger *t, const char *const *tok, const size_t *len, size_t ntok,
	       const uint32_t *sent_len, size_t nsent, uint8_t *labels)
{
	if (!t || (!tok && ntok) || (!labels && ntok))
		return SR_EINVAL;
	if (ntok == 0)
		return SR_OK;
	uint32_t one = (uint32_t)ntok;
	if (!sent_len) {
		if (ntok > NER_MAXSENT)
			return SR_ETOOBIG;
		sent_len = &one;
		nsent = 1;
	}
	size_t sum = 0, maxs = 0;
	for (size_t s = 0; s < nsent; s++) {
		sum += sent_len[s];
		if (sent_len[s] > maxs)
			maxs = sent_len[s];
	}
	if (sum != ntok)
		return SR_EINVAL;
	if (maxs > NER_MAXSENT || ntok > MAXDOC)
		return SR_ETOOBIG;
	int rc = reserve(t, ntok, maxs);
	if (rc < 0)
		return rc;
	const sr_ner_model *m = t->m;
	ner_tok *dt = t->tok + 2;
	/* Tokens, gazetteer, stage 1. */
	size_t at = 0;
	for (size_t s = 0; s < nsent; s++) {
		size_t n = sent_len[s];
		ner_tok *tk = t->sent + 2;
		ner_tok_pad(&tk[-2], 0);
		ner_tok_pad(&tk[-1], 0);
		for (size_t i = 0; i < n; i++) {
			const char *w = tok[at + i];
			size_t l = w ? (len ? len[at + i] : strlen(w)) : 0;
			ner_tok_init(&tk[i], w ? w : "", l, &m->words);
		}
		ner_tok_pad(&tk[n], 1);
		ner_tok_pad(&tk[n + 1], 1);
		ner_gaz_mark(&m->gaz, tk, n);
		score(&m->st[0], tk, n, t->emit);
		ner_viterbi(t->emit, n, m->st[0].trans, m->st[0].final, t->bp, labels + at);
		if (m->nstages > 1)
			memcpy(dt + at, tk, n * sizeof *tk);
		at += n;
	}
	/* a lone sentence has no document to learn from: stage 1 is its best reading */
	if (m->nstages < 2 || nsent < 2)
		return SR_OK;
	/* Stage 2: document features from stage 1. */
	memcpy(t->s1, labels, ntok);
	if ((rc = ner_docmap_reset(&t->dm, ntok)) < 0)
		return rc;
	for (size_t i = 0; i < ntok; i++)
		ner_docmap_add(&t->dm, &dt[i], t->s1[i]);
	at = 0;
	for (size_t s = 0; s < nsent; s++) {
		size_t n = sent_len[s];
		ner_tok *tk = t->sent + 2;
		memcpy(tk, dt + at, n * sizeof *tk);
		ner_tok_pad(&tk[-2], 0);
		ner_tok_pad(&tk[-1], 0);
		ner_tok_pad(&tk[n], 1);
		ner_tok_pad(&tk[n + 1], 1);
		for (size_t i = 0; i < n; i++)
			ner_doc_mark(&t->dm, &tk[i], t->s1[at + i]);
		score(&m->st[1], tk, n, t->emit);
		ner_viterbi(t->emit, n, m->st[1].trans, m->st[1].final, t->bp, labels + at);
		at += n;
	}
	return SR_OK;
}

int sr_ner_tag_sentence(const sr_ner_model *m, const char *const *tok, size_t n,
			uint8_t *labels)
{
	sr_ner_tagger *t = sr_ner_tagger_new(m);
	if (!t)
		return m ? SR_ENOMEM : SR_EINVAL;
	int rc = sr_ner_tag(t, tok, NULL, n, NULL, 0, labels);
	sr_ner_tagger_free(t);
	return rc;
}

/* ---- Finding the shipped model ----------------------------------------------------------- */

static int file_exists(const char *p)
{
	return access(p, R_OK) == 0;
}

int sr_ner_find_model(sr_buf *out)
{
	int rc;
	const char *e = getenv("SITREP_NER_MODEL");
	if (e && *e) {
		sr_buf_reset(out);
		if ((rc = sr_buf_puts(out, e)) < 0)
			return rc;
		if (file_exists(out->data))
			return SR_OK;
	}
	e = getenv("SITREP_DATA_DIR");
	if (e && *e) {
		sr_buf_reset(out);
		if ((rc = sr_buf_appendf(out, "%s/ner-en.model", e)) < 0)
			return rc;
		if (file_exists(out->data))
			return SR_OK;
	}
	char exe[4096];
	ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (k > 0) {
		exe[k] = 0;
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = 0;
			static const char *const rel[] = { "/data/ner-en.model",
							   "/../data/ner-en.model",
							   "/../share/sitrep/ner-en.model", NULL };
			for (int i = 0; rel[i]; i++) {
				sr_buf_reset(out);
				if ((rc = sr_buf_appendf(out, "%s%s", exe, rel[i])) < 0)
					return rc;
				if (file_exists(out->data))
					return SR_OK;
			}
		}
	}
	sr_buf_reset(out);
	if ((rc = sr_buf_puts(out, "data/ner-en.model")) < 0)
		return rc;
	return file_exists(out->data) ? SR_OK : SR_ENOTFOUND;
}
