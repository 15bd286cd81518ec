/*
 * ner_train.c - training the NER tagger: averaged structured perceptron (Collins 2002).
 *
 * Why a perceptron and not a CRF: with Viterbi decoding it learns the same kind of linear
 * sequence model, trains in a few passes with sparse updates (no gradient over the whole
 * feature table, no normalisation), and needs no step-size tuning; averaging the weights gives
 * the regularisation.  Each epoch visits the sentences in an order drawn from the seed.
 *
 * The training set is split by document into F folds (jackknifing), so that features derived
 * from the training labels look the same on training text as on new text:
 *   - the gazetteer features of a sentence come from the names of the other folds only;
 *   - the document features used to train stage 2 come from stage-1 models that did not see
 *     the sentence's fold.
 * The shipped model holds the gazetteer of all folds and stage-1/stage-2 models trained on all
 * the data.
 */
#include "analyze/ner_int.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/gz.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NL SR_NER_NLABELS

/* ---- Random numbers (splitmix64) --------------------------------------------------------- */

static uint64_t rnd(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* ---- Word table from the cluster file ---------------------------------------------------- */

typedef struct lex {
	ner_word *e;
	uint32_t slots;
} lex;

static int read_all(const char *path, sr_buf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return SR_EIO;
	sr_buf raw;
	sr_buf_init(&raw, (size_t)1 << 30);
	char tmp[65536];
	size_t k;
	int rc = SR_OK;
	while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
		if ((rc = sr_buf_append(&raw, tmp, k)) < 0)
			break;
	if (rc == SR_OK && ferror(f))
		rc = SR_EIO;
	fclose(f);
	if (rc == SR_OK) {
		if (sr_gz_is_gzip(raw.data, raw.len))
			rc = sr_gz_inflate(out, raw.data, raw.len);
		else
			rc = sr_buf_append(out, raw.data ? raw.data : "", raw.len);
	}
	sr_buf_release(&raw);
	return rc;
}

static uint8_t share_bucket(double s)
{
	return (uint8_t)(1 + (s <= 0 ? 0 : s < 0.1 ? 1 : s < 0.5 ? 2 : s < 0.9 ? 3 : 4));
}

typedef struct lcacc {
	uint64_t key;
	uint64_t total, lower;
} lcacc;

/* Load "PATH<TAB>WORD<TAB>COUNT" lines.  SR_EIO, SR_EPARSE, SR_ENOMEM. */
static int lex_load(const char *path, lex *lx)
{
	int rc;
	sr_buf b;
	sr_buf_init(&b, (size_t)1 << 30);
	lcacc *acc = NULL;
	uint64_t *paths = NULL;
	size_t npaths = 0;
	uint32_t amask = 0;
	memset(lx, 0, sizeof *lx);
	if ((rc = read_all(path, &b)) < 0)
		goto out;
	size_t nlines = 0;
	for (size_t i = 0; i < b.len; i++)
		nlines += b.data[i] == '\n';
	uint32_t slots = 1024;
	while (slots < nlines * 2 + 2)
		slots *= 2;
	lx->e = calloc(slots, sizeof *lx->e);
	acc = calloc(slots, sizeof *acc);
	paths = malloc((nlines + 1) * sizeof *paths);
	if (!lx->e || !acc || !paths) {
		rc = SR_ENOMEM;
		goto out;
	}
	lx->slots = slots;
	amask = slots - 1;
	/* two passes: lowercase shares, then entries */
	for (int pass = 0; pass < 2; pass++) {
		size_t i = 0;
		while (i < b.len) {
			size_t e = i;
			while (e < b.len && b.data[e] != '\n')
				e++;
			const char *l = b.data + i;
			size_t n = e - i;
			i = e + 1;
			if (n == 0)
				continue;
			const char *t1 = memchr(l, '\t', n);
			const char *t2 = t1 ? memchr(t1 + 1, '\t', n - (size_t)(t1 + 1 - l)) : NULL;
			if (!t1 || !t2) {
				rc = SR_EPARSE;
				goto out;
			}
			const char *w = t1 + 1;
			size_t wl = (size_t)(t2 - w);
			uint64_t cnt = strtoull(t2 + 1, NULL, 10);
			char low[256];
			if (wl == 0 || wl > 255)
				continue;
			int is_lower = 1;
			for (size_t k = 0; k < wl; k++) {
				unsigned char c = (unsigned char)w[k];
				low[k] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
				if (c >= 'A' && c <= 'Z')
					is_lower = 0;
			}
			uint64_t lk = ner_word_key(low, wl);
			uint32_t a = (uint32_t)lk & amask;
			while (acc[a].key && acc[a].key != lk)
				a = (a + 1) & amask;
			if (pass == 0) {
				acc[a].key = lk;
				acc[a].total += cnt;
				if (is_lower)
					acc[a].lower += cnt;
				continue;
			}
			/* path bits */
			size_t pl = (size_t)(t1 - l);
			if (pl > 63) {
				rc = SR_EPARSE;
				goto out;
			}
			uint64_t bits = 0;
			for (size_t k = 0; k < pl; k++) {
				if (l[k] != '0' && l[k] != '1') {
					rc = SR_EPARSE;
					goto out;
				}
				bits = bits << 1 | (uint64_t)(l[k] - '0');
			}
			uint64_t pkey = bits | (uint64_t)pl << 56;
			size_t ci = 0;
			/* clusters are few (hundreds): the last one found is the likeliest */
			for (ci = npaths; ci > 0 && paths[ci - 1] != pkey; ci--)
				;
			if (ci == 0) {
				paths[npaths++] = pkey;
				ci = npaths;
			}
			uint64_t key = ner_word_key(w, wl);
			uint32_t s = (uint32_t)key & (slots - 1);
			while (lx->e[s].key && lx->e[s].key != key)
				s = (s + 1) & (slots - 1);
			if (lx->e[s].key)
				continue; /* duplicate line */
			lx->e[s].key = key;
			unsigned have = pl < 32 ? (unsigned)pl : 32;
			lx->e[s].path = (uint32_t)(bits >> (pl - have));
			lx->e[s].plen = (uint8_t)pl;
			lx->e[s].cluster = (uint16_t)(ci > 65535 ? 65535 : ci);
			lx->e[s].lcshare = acc[a].total ? share_bucket((double)acc[a].lower /
								       (double)acc[a].total)
							: 0;
		}
	}
	rc = SR_OK;
out:
	if (rc < 0) {
		free(lx->e);
		memset(lx, 0, sizeof *lx);
	}
	free(acc);
	free(paths);
	sr_buf_release(&b);
	return rc;
}

/* ---- Gazetteer from training names ------------------------------------------------------- */

typedef struct gname {
	uint64_t key;
	uint32_t len;
	uint32_t *cnt; /* [folds * 4] */
} gname;

typedef struct gazb {
	gname *e;
	uint32_t slots, used;
	uint32_t *cnt; /* backing store of the counts */
	size_t ncnt, capcnt;
	int folds;
	uint32_t maxlen;
} gazb;

static gname *gazb_slot(gazb *g, uint64_t key)
{
	uint32_t s = (uint32_t)key & (g->slots - 1);
	while (g->e[s].key && g->e[s].key != key)
		s = (s + 1) & (g->slots - 1);
	return &g->e[s];
}

/* 1 when label l starts a name (B or U). */
static int name_start(uint8_t l)
{
	return l && (sr_ner_label_part(l) == SR_NER_B || sr_ner_label_part(l) == SR_NER_U);
}

/* End (exclusive) of the gold name starting at token i of sentence s. */
static uint32_t name_end(const sr_ner_corpus *c, size_t s, uint32_t i)
{
	uint32_t e = i + 1;
	if (sr_ner_label_part(c->gold[i]) == SR_NER_B)
		while (e < c->sent[s + 1] && sr_ner_label_part(c->gold[e - 1]) != SR_NER_L)
			e++;
	return e;
}

/* Build the name table of a corpus (tokens tk; fold of each sentence). */
static int gazb_build(gazb *g, const sr_ner_corpus *c, const ner_tok *tk, const int *sfold,
		      int folds)
{
	memset(g, 0, sizeof *g);
	g->folds = folds;
	size_t nn = 0;
	for (size_t i = 0; i < c->ntok; i++)
		nn += name_start(c->gold[i]);
	g->slots = 1024;
	while (g->slots < nn * 2 + 2)
		g->slots *= 2;
	g->e = calloc(g->slots, sizeof *g->e);
	g->capcnt = (nn + 1) * (size_t)folds * 4;
	g->cnt = calloc(g->capcnt, sizeof *g->cnt);
	if (!g->e || !g->cnt)
		return SR_ENOMEM;
	for (size_t s = 0; s < c->nsent; s++) {
		for (uint32_t i = c->sent[s]; i < c->sent[s + 1]; i++) {
			uint8_t l = c->gold[i];
			if (!name_start(l))
				continue;
			uint32_t e = name_end(c, s, i);
			uint64_t h = 0;
			for (uint32_t k = i; k < e; k++)
				h = ner_gaz_step(h, tk[k].hl);
			gname *n = gazb_slot(g, h);
			if (!n->key) {
				if (g->ncnt + (size_t)folds * 4 > g->capcnt)
					return SR_ENOMEM;
				n->key = h;
				n->len = e - i;
				n->cnt = g->cnt + g->ncnt;
				g->ncnt += (size_t)folds * 4;
				g->used++;
				if (n->len > g->maxlen)
					g->maxlen = n->len;
			}
			n->cnt[sfold[s] * 4 + sr_ner_label_type(l)]++;
		}
	}
	return SR_OK;
}

static void gazb_release(gazb *g)
{
	free(g->e);
	free(g->cnt);
	memset(g, 0, sizeof *g);
}

static int gaz_insert(ner_gazent *t, uint32_t slots, uint64_t key, uint8_t mask, uint8_t dom)
{
	uint32_t s = (uint32_t)key & (slots - 1);
	while (t[s].key && t[s].key != key)
		s = (s + 1) & (slots - 1);
	if (t[s].key) {
		if (mask) {
			t[s].mask = mask;
			t[s].dom = dom;
		}
		return 0;
	}
	t[s].key = key;
	t[s].mask = mask;
	t[s].dom = dom;
	return 1;
}

/* The gazetteer without fold `skip` (-1: all folds), with the prefixes of every name.  The
 * prefixes need the names' tokens, so the corpus is walked again. */
static int gaz_table(const gazb *g, const sr_ner_corpus *c, const ner_tok *tk, int skip,
		     ner_gazent **out, uint32_t *slots_out)
{
	uint32_t slots = 1024;
	while (slots < (g->used * 3 + 2) * 2)
		slots *= 2;
	ner_gazent *t = calloc(slots, sizeof *t);
	if (!t)
		return SR_ENOMEM;
	for (size_t s = 0; s < c->nsent; s++) {
		for (uint32_t i = c->sent[s]; i < c->sent[s + 1]; i++) {
			uint8_t l = c->gold[i];
			if (!name_start(l))
				continue;
			uint32_t e = name_end(c, s, i);
			uint64_t h = 0, hp[64];
			uint32_t len = e - i;
			if (len > 64)
				continue;
			for (uint32_t k = i; k < e; k++) {
				h = ner_gaz_step(h, tk[k].hl);
				hp[k - i] = h;
			}
			const gname *n = gazb_slot((gazb *)g, h);
			uint32_t tc[4] = { 0 };
			for (int f = 0; f < g->folds; f++)
				if (f != skip)
					for (int ty = 0; ty < 4; ty++)
						tc[ty] += n->cnt[f * 4 + ty];
			uint8_t mask = 0, dom = 0;
			uint32_t best = 0;
			for (int ty = 0; ty < 4; ty++) {
				if (tc[ty])
					mask |= (uint8_t)(1u << ty);
				if (tc[ty] > best) {
					best = tc[ty];
					dom = (uint8_t)(ty + 1);
				}
			}
			if (!mask)
				continue;
			for (uint32_t k = 0; k + 1 < len; k++)
				gaz_insert(t, slots, hp[k], 0, 0);
			gaz_insert(t, slots, h, mask, dom);
		}
	}
	*out = t;
	*slots_out = slots;
	return SR_OK;
}

/* ---- Features of a corpus ---------------------------------------------------------------- */

typedef struct fset {
	uint32_t *rows; /* features of token i: rows[off[i] .. off[i+1]) */
	uint32_t *off;  /* [ntok + 1] */
	size_t n, cap;
} fset;

static void fset_release(fset *f)
{
	free(f->rows);
	free(f->off);
	memset(f, 0, sizeof *f);
}

/* Features of every token of c (tk: its tokens, gazetteer and document codes set). */
static int fset_build(fset *f, const sr_ner_corpus *c, ner_tok *tk, unsigned bits)
{
	memset(f, 0, sizeof *f);
	f->off = malloc((c->ntok + 1) * sizeof *f->off);
	f->cap = c->ntok * 40 + 64;
	f->rows = malloc(f->cap * sizeof *f->rows);
	if (!f->off || !f->rows)
		return SR_ENOMEM;
	ner_tok *pad = malloc((NER_MAXSENT + 4) * sizeof *pad);
	if (!pad)
		return SR_ENOMEM;
	for (size_t s = 0; s < c->nsent; s++) {
		uint32_t a = c->sent[s], n = c->sent[s + 1] - a;
		if (n > NER_MAXSENT)
			n = NER_MAXSENT; /* never in practice: longer sentences are cut */
		ner_tok *p = pad + 2;
		ner_tok_pad(&p[-2], 0);
		ner_tok_pad(&p[-1], 0);
		memcpy(p, tk + a, n * sizeof *p);
		ner_tok_pad(&p[n], 1);
		ner_tok_pad(&p[n + 1], 1);
		ner_sent si = ner_sent_info(p, n);
		for (uint32_t i = 0; i < c->sent[s + 1] - a; i++) {
			f->off[a + i] = (uint32_t)f->n;
			if (i >= n)
				continue;
			if (f->n + NER_MAXF > f->cap) {
				size_t nc = f->cap * 2;
				uint32_t *r = realloc(f->rows, nc * sizeof *r);
				if (!r) {
					free(pad);
					return SR_ENOMEM;
				}
				f->rows = r;
				f->cap = nc;
			}
			f->n += ner_features(p, i, n, si, bits, f->rows + f->n);
		}
	}
	f->off[c->ntok] = (uint32_t)f->n;
	free(pad);
	return SR_OK;
}

/* ---- Perceptron -------------------------------------------------------------------------- */

typedef struct percep {
	unsigned bits;
	float *w, *u;                 /* [rows * 17] weights and their time-weighted sums */
	float tw[18 * NL], tu[18 * NL]; /* transitions from a (17: start) to b */
	float fw[NL], fu[NL];         /* to the end */
	double c;                     /* updates clock (sentences seen + 1) */
} percep;

static int percep_init(percep *p, unsigned bits)
{
	memset(p, 0, sizeof *p);
	p->bits = bits;
	size_t n = ((size_t)1 << bits) * NL;
	p->w = calloc(n, sizeof *p->w);
	p->u = calloc(n, sizeof *p->u);
	p->c = 1;
	return p->w && p->u ? SR_OK : SR_ENOMEM;
}

static void percep_release(percep *p)
{
	free(p->w);
	free(p->u);
	memset(p, 0, sizeof *p);
}

/* Averaged weights into avg (rows * 17), atr (18 * 17), afi (17). */
static void percep_average(const percep *p, float *avg, float *atr, float *afi)
{
	size_t n = ((size_t)1 << p->bits) * NL;
	float ic = (float)(1.0 / p->c);
	for (size_t i = 0; i < n; i++)
		avg[i] = p->w[i] - p->u[i] * ic;
	for (size_t i = 0; i < 18 * NL; i++)
		atr[i] = p->tw[i] - p->tu[i] * ic;
	for (size_t i = 0; i < NL; i++)
		afi[i] = p->fw[i] - p->fu[i] * ic;
}

static void emissions(const float *w, const fset *f, uint32_t a, uint32_t n, float *emit)
{
	for (uint32_t i = 0; i < n; i++) {
		float *e = emit + (size_t)i * NL;
		for (int l = 0; l < NL; l++)
			e[l] = 0;
		for (uint32_t k = f->off[a + i]; k < f->off[a + i + 1]; k++) {
			const float *r = w + (size_t)f->rows[k] * NL;
			for (int l = 0; l < NL; l++)
				e[l] += r[l];
		}
	}
}

static void upd(float *w, float *u, size_t i, float d, double c)
{
	w[i] += d;
	u[i] += (float)(d * c);
}

/* One sentence: decode with the current weights, update where it is wrong.  Returns the
 * number of wrong tokens. */
static size_t percep_learn(percep *p, const fset *f, const uint8_t *gold, uint32_t a, uint32_t n,
			   float *emit, uint8_t *bp, uint8_t *pred)
{
	emissions(p->w, f, a, n, emit);
	ner_viterbi(emit, n, p->tw, p->fw, bp, pred);
	size_t wrong = 0;
	for (uint32_t i = 0; i < n; i++)
		wrong += pred[i] != gold[a + i];
	if (wrong) {
		for (uint32_t i = 0; i < n; i++) {
			uint8_t g = gold[a + i], q = pred[i];
			if (g != q) {
				for (uint32_t k = f->off[a + i]; k < f->off[a + i + 1]; k++) {
					size_t r = (size_t)f->rows[k] * NL;
					upd(p->w, p->u, r + g, 1, p->c);
					upd(p->w, p->u, r + q, -1, p->c);
				}
			}
			unsigned gp = i ? gold[a + i - 1] : 17, qp = i ? pred[i - 1] : 17;
			if (gp != qp || g != q) {
				upd(p->tw, p->tu, gp * NL + g, 1, p->c);
				upd(p->tw, p->tu, qp * NL + q, -1, p->c);
			}
		}
		uint8_t gl = gold[a + n - 1], ql = pred[n - 1];
		if (gl != ql) {
			upd(p->fw, p->fu, gl, 1, p->c);
			upd(p->fw, p->fu, ql, -1, p->c);
		}
	}
	p->c += 1;
	return wrong;
}

/* Tag sentences of c with averaged weights (avg, atr, afi) into out. */
static void predict(const float *avg, const float *atr, const float *afi, const fset *f,
		    const sr_ner_corpus *c, const unsigned char *use, float *emit, uint8_t *bp,
		    uint8_t *out)
{
	for (size_t s = 0; s < c->nsent; s++) {
		if (use && !use[s])
			continue;
		uint32_t a = c->sent[s], n = c->sent[s + 1] - a;
		if (n == 0)
			continue;
		if (n > NER_MAXSENT) {
			memset(out + a, 0, n);
			n = NER_MAXSENT;
		}
		emissions(avg, f, a, n, emit);
		ner_viterbi(emit, n, atr, afi, bp, out + a);
	}
}

static double corpus_f1(const sr_ner_corpus *c, const uint8_t *pred)
{
	sr_ner_counts k;
	memset(&k, 0, sizeof k);
	for (size_t s = 0; s < c->nsent; s++) {
		uint32_t a = c->sent[s], n = c->sent[s + 1] - a;
		if (sr_ner_counts_add(&k, c->gold + a, pred + a, n, 0) < 0)
			return -1;
	}
	double f1;
	sr_ner_prf(&k, SR_NER_NTYPES, NULL, NULL, &f1);
	return f1;
}

typedef struct trainer {
	const sr_ner_train_opts *o;
	int epochs;
	uint64_t seed;
	unsigned bits;
	float *emit;
	uint8_t *bp, *pred;
	float *avg, atr[18 * NL], afi[NL];
} trainer;

/* Train p on the sentences of c with use[s] set (NULL: all).  dev / devf for progress. */
static int train_one(trainer *t, percep *p, const sr_ner_corpus *c, const fset *f,
		     const unsigned char *use, int stage, const sr_ner_corpus *dev,
		     const fset *devf, uint8_t *devpred)
{
	size_t ns = 0;
	uint32_t *order = malloc((c->nsent + 1) * sizeof *order);
	if (!order)
		return SR_ENOMEM;
	for (size_t s = 0; s < c->nsent; s++)
		if ((!use || use[s]) && c->sent[s + 1] > c->sent[s] &&
		    c->sent[s + 1] - c->sent[s] <= NER_MAXSENT)
			order[ns++] = (uint32_t)s;
	uint64_t rs = t->seed * 0x2545f4914f6cdd1dULL + (uint64_t)stage;
	for (int ep = 0; ep < t->epochs; ep++) {
		for (size_t i = ns; i > 1; i--) {
			size_t j = (size_t)(rnd(&rs) % i);
			uint32_t x = order[i - 1];
			order[i - 1] = order[j];
			order[j] = x;
		}
		size_t wrong = 0, tokens = 0;
		for (size_t i = 0; i < ns; i++) {
			uint32_t s = order[i], a = c->sent[s], n = c->sent[s + 1] - a;
			wrong += percep_learn(p, f, c->gold, a, n, t->emit, t->bp, t->pred);
			tokens += n;
		}
		if (t->o->progress && stage > 0) {
			double df = -1;
			if (dev && devf) {
				percep_average(p, t->avg, t->atr, t->afi);
				predict(t->avg, t->atr, t->afi, devf, dev, NULL, t->emit, t->bp,
					devpred);
				df = corpus_f1(dev, devpred);
			}
			t->o->progress(t->o->ctx, stage, ep + 1,
				       tokens ? (double)wrong / (double)tokens : 0, df);
		}
	}
	free(order);
	return SR_OK;
}

/* ---- Putting it together ----------------------------------------------------------------- */

/* Tokens of a corpus: ner_tok_init of every token. */
static int corpus_toks(const sr_ner_corpus *c, const ner_words *w, ner_tok **out)
{
	ner_tok *tk = malloc((c->ntok + 1) * sizeof *tk);
	if (!tk)
		return SR_ENOMEM;
	for (size_t i = 0; i < c->ntok; i++) {
		const char *s = c->text + c->tok[i];
		ner_tok_init(&tk[i], s, strlen(s), w);
	}
	*out = tk;
	return SR_OK;
}

static void mark_gaz(const sr_ner_corpus *c, ner_tok *tk, const ner_gaz *g,
		     const int *sfold, int fold)
{
	for (size_t s = 0; s < c->nsent; s++) {
		if (fold >= 0 && sfold[s] != fold)
			continue;
		uint32_t a = c->sent[s], n = c->sent[s + 1] - a;
		ner_gaz_mark(g, tk + a, n);
	}
}

/* Document features of c from first-stage labels s1. */
static int mark_doc(const sr_ner_corpus *c, ner_tok *tk, const uint8_t *s1)
{
	ner_docmap dm;
	memset(&dm, 0, sizeof dm);
	for (size_t d = 0; d < c->ndoc; d++) {
		uint32_t a = c->sent[c->doc[d]], b = c->sent[c->doc[d + 1]];
		if (ner_docmap_reset(&dm, b - a) < 0)
			return SR_ENOMEM;
		for (uint32_t i = a; i < b; i++)
			ner_docmap_add(&dm, &tk[i], s1[i]);
		for (uint32_t i = a; i < b; i++)
			ner_doc_mark(&dm, &tk[i], s1[i]);
	}
	ner_docmap_release(&dm);
	return SR_OK;
}

/* Quantise averaged weights: subtract label O's weight from each row, scale to int16. */
static int quantise(const float *avg, unsigned bits, int16_t **out, float *scale)
{
	size_t rows = (size_t)1 << bits;
	float mx = 0;
	for (size_t r = 0; r < rows; r++)
		for (int l = 1; l < NL; l++) {
			float v = fabsf(avg[r * NL + l] - avg[r * NL]);
			if (v > mx)
				mx = v;
		}
	int16_t *q = malloc(rows * 16 * sizeof *q);
	if (!q)
		return SR_ENOMEM;
	float sc = mx > 0 ? mx / 32767.0f : 1.0f;
	for (size_t r = 0; r < rows; r++)
		for (int l = 1; l < NL; l++) {
			float v = (avg[r * NL + l] - avg[r * NL]) / sc;
			long x = lroundf(v);
			q[r * 16 + l - 1] = (int16_t)(x > 32767 ? 32767 : x < -32767 ? -32767 : x);
		}
	*out = q;
	*scale = sc;
	return SR_OK;
}

int sr_ner_train(const sr_ner_corpus *train, const sr_ner_corpus *dev,
		 const sr_ner_train_opts *opts, const char *out_path)
{
	sr_ner_train_opts o = *opts;
	if (!train || train->nsent == 0 || !out_path)
		return SR_EINVAL;
	if (o.epochs <= 0)
		o.epochs = 10;
	if (o.table_bits == 0)
		o.table_bits = 16;
	if (o.folds == 0)
		o.folds = 5;
	if (o.stages == 0)
		o.stages = 2;
	if (o.table_bits < 8 || o.table_bits > 26 || o.folds < 2 || o.folds > 20 ||
	    o.stages < 1 || o.stages > 2 || o.epochs > 1000)
		return SR_EINVAL;
	int rc = SR_OK;
	unsigned bits = (unsigned)o.table_bits;
	int F = o.folds;
	lex lx;
	memset(&lx, 0, sizeof lx);
	ner_words words = { NULL, 0 };
	ner_tok *tk = NULL, *dtk = NULL;
	int *sfold = NULL;
	gazb gb;
	memset(&gb, 0, sizeof gb);
	ner_gazent *gall = NULL;
	uint32_t gall_slots = 0;
	fset f1, df1, f2, df2;
	memset(&f1, 0, sizeof f1);
	memset(&df1, 0, sizeof df1);
	memset(&f2, 0, sizeof f2);
	memset(&df2, 0, sizeof df2);
	percep p;
	memset(&p, 0, sizeof p);
	trainer t;
	memset(&t, 0, sizeof t);
	uint8_t *s1 = NULL, *devs1 = NULL, *devpred = NULL;
	unsigned char *use = NULL;
	int16_t *q[NER_MAXSTAGES] = { NULL, NULL };
	float *tr[NER_MAXSTAGES] = { NULL, NULL }, *fi[NER_MAXSTAGES] = { NULL, NULL };
	float sc[NER_MAXSTAGES] = { 1, 1 };

	if (o.clusters) {
		if ((rc = lex_load(o.clusters, &lx)) < 0)
			goto out;
		words.e = lx.e;
		words.mask = lx.slots - 1;
	}
	t.o = &o;
	t.epochs = o.epochs;
	t.seed = o.seed;
	t.bits = bits;
	t.emit = malloc((size_t)NER_MAXSENT * NL * sizeof *t.emit);
	t.bp = malloc((size_t)NER_MAXSENT * NL);
	t.pred = malloc(NER_MAXSENT);
	t.avg = malloc(((size_t)1 << bits) * NL * sizeof *t.avg);
	sfold = malloc(train->nsent * sizeof *sfold);
	use = malloc(train->nsent);
	s1 = calloc(train->ntok + 1, 1);
	if (!t.emit || !t.bp || !t.pred || !t.avg || !sfold || !use || !s1) {
		rc = SR_ENOMEM;
		goto out;
	}
	if (dev) {
		devs1 = calloc(dev->ntok + 1, 1);
		devpred = calloc(dev->ntok + 1, 1);
		if (!devs1 || !devpred) {
			rc = SR_ENOMEM;
			goto out;
		}
	}
	for (size_t d = 0; d < train->ndoc; d++)
		for (uint32_t s = train->doc[d]; s < train->doc[d + 1]; s++)
			sfold[s] = (int)(d % (size_t)F);

	/* Tokens; gazetteers (jackknifed on train, all names on dev). */
	if ((rc = corpus_toks(train, &words, &tk)) < 0 ||
	    (dev && (rc = corpus_toks(dev, &words, &dtk)) < 0))
		goto out;
	if ((rc = gazb_build(&gb, train, tk, sfold, F)) < 0)
		goto out;
	for (int fo = 0; fo < F; fo++) {
		ner_gazent *gt;
		uint32_t gs;
		if ((rc = gaz_table(&gb, train, tk, fo, &gt, &gs)) < 0)
			goto out;
		ner_gaz g = { gt, gs - 1, gb.maxlen };
		mark_gaz(train, tk, &g, sfold, fo);
		free(gt);
	}
	if ((rc = gaz_table(&gb, train, tk, -1, &gall, &gall_slots)) < 0)
		goto out;
	ner_gaz gz = { gall, gall_slots - 1, gb.maxlen };
	if (dev)
		mark_gaz(dev, dtk, &gz, NULL, -1);

	/* Stage 1. */
	if ((rc = fset_build(&f1, train, tk, bits)) < 0 ||
	    (dev && (rc = fset_build(&df1, dev, dtk, bits)) < 0))
		goto out;
	if (o.stages > 1) {
		/* jackknifed first-stage labels of the training text */
		for (int fo = 0; fo < F; fo++) {
			for (size_t s = 0; s < train->nsent; s++)
				use[s] = sfold[s] != fo;
			if ((rc = percep_init(&p, bits)) < 0)
				goto out;
			if ((rc = train_one(&t, &p, train, &f1, use, 0, NULL, NULL, NULL)) < 0)
				goto out;
			percep_average(&p, t.avg, t.atr, t.afi);
			percep_release(&p);
			for (size_t s = 0; s < train->nsent; s++)
				use[s] = sfold[s] == fo;
			predict(t.avg, t.atr, t.afi, &f1, train, use, t.emit, t.bp, s1);
			if (o.progress)
				o.progress(o.ctx, 0, fo + 1, 0, -1);
		}
	}
	if ((rc = percep_init(&p, bits)) < 0 ||
	    (rc = train_one(&t, &p, train, &f1, NULL, 1, dev, dev ? &df1 : NULL, devpred)) < 0)
		goto out;
	percep_average(&p, t.avg, t.atr, t.afi);
	percep_release(&p);
	tr[0] = malloc(18 * NL * sizeof(float));
	fi[0] = malloc(NL * sizeof(float));
	if (!tr[0] || !fi[0]) {
		rc = SR_ENOMEM;
		goto out;
	}
	memcpy(tr[0], t.atr, sizeof t.atr);
	memcpy(fi[0], t.afi, sizeof t.afi);
	if ((rc = quantise(t.avg, bits, &q[0], &sc[0])) < 0)
		goto out;

	if (o.stages > 1) {
		/* Stage 2: document features from the jackknifed labels (train) and from the
		 * final stage 1 (dev). */
		if (dev)
			predict(t.avg, t.atr, t.afi, &df1, dev, NULL, t.emit, t.bp, devs1);
		fset_release(&f1);
		fset_release(&df1);
		if ((rc = mark_doc(train, tk, s1)) < 0)
			goto out;
		if (dev && (rc = mark_doc(dev, dtk, devs1)) < 0)
			goto out;
		if ((rc = fset_build(&f2, train, tk, bits)) < 0 ||
		    (dev && (rc = fset_build(&df2, dev, dtk, bits)) < 0))
			goto out;
		if ((rc = percep_init(&p, bits)) < 0 ||
		    (rc = train_one(&t, &p, train, &f2, NULL, 2, dev, dev ? &df2 : NULL,
				    devpred)) < 0)
			goto out;
		percep_average(&p, t.avg, t.atr, t.afi);
		percep_release(&p);
		tr[1] = malloc(18 * NL * sizeof(float));
		fi[1] = malloc(NL * sizeof(float));
		if (!tr[1] || !fi[1]) {
			rc = SR_ENOMEM;
			goto out;
		}
		memcpy(tr[1], t.atr, sizeof t.atr);
		memcpy(fi[1], t.afi, sizeof t.afi);
		if ((rc = quantise(t.avg, bits, &q[1], &sc[1])) < 0)
			goto out;
	}

	{
		sr_buf info;
		sr_buf_init(&info, 1 << 16);
		sr_buf_appendf(&info,
			       "sitrep NER model: averaged perceptron, %d stage(s), 2^%u feature "
			       "rows, %d epochs, seed %llu, %d folds; trained on %zu sentences "
			       "(%zu tokens); word clusters: %s; %s",
			       o.stages, bits, o.epochs, (unsigned long long)o.seed, F,
			       train->nsent, train->ntok, o.clusters ? "yes" : "none",
			       o.info ? o.info : "");
		ner_model_out mo;
		memset(&mo, 0, sizeof mo);
		mo.info = info.data ? info.data : "";
		mo.nstages = (unsigned)o.stages;
		for (int k = 0; k < o.stages; k++) {
			mo.st[k].w = q[k];
			mo.st[k].bits = bits;
			mo.st[k].scale = sc[k];
			mo.st[k].trans = tr[k];
			mo.st[k].final = fi[k];
		}
		mo.words = lx.e;
		mo.words_slots = lx.e ? lx.slots : 0;
		mo.gaz = gall;
		mo.gaz_slots = gall_slots;
		mo.gaz_maxlen = gb.maxlen;
		rc = ner_model_write(out_path, &mo);
		sr_buf_release(&info);
	}
out:
	percep_release(&p);
	fset_release(&f1);
	fset_release(&df1);
	fset_release(&f2);
	fset_release(&df2);
	gazb_release(&gb);
	free(gall);
	free(lx.e);
	free(tk);
	free(dtk);
	free(sfold);
	free(use);
	free(s1);
	free(devs1);
	free(devpred);
	free(t.emit);
	free(t.bp);
	free(t.pred);
	free(t.avg);
	for (int k = 0; k < NER_MAXSTAGES; k++) {
		free(q[k]);
		free(tr[k]);
		free(fi[k]);
	}
	return rc;
}
