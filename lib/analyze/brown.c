/*
 * brown.c - Brown clustering, Liang's O(V C^2) window algorithm.
 *
 * Notation.  Active clusters live in K = C + 1 slots.  cnt[i] is the unigram count of slot i,
 * P[i][j] the count of bigrams (word of i, word of j).  With f(x) = x log x and
 * lc[i] = log cnt[i], the (scaled) contribution of one directed pair is
 *     q(i,j) = f(P_ij) + P_ij (K0 - lc_i - lc_j),     K0 = log(Nu^2 / Nb),
 * which is Nb times p(i,j) log(p(i,j) / (p(i) p(j))) with p(i) = cnt/Nu, p(i,j) = P/Nb.  The
 * quality is the sum of q over all ordered pairs (adjacent-cluster mutual information).
 * Unigram counts are fixed by the data, so adding a cluster does not change existing terms.
 * w(i,j) = q(i,j) + q(j,i) (i != j), w(i,i) = q(i,i); s(i) = sum over active c of w(i,c).
 * The loss of merging i and j into m is
 *     L(i,j) = s(i) + s(j) - w(i,j) - sum_{c != i,j} w(m,c) - w(m,m),
 * kept for every active pair and updated in O(1) per pair after an addition or a merge.
 */
#include "analyze/brown.h"
#include "base/err.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FTAB 65536

typedef struct edge {
	uint32_t a, b;
	uint64_t c;
} edge;

typedef struct brown {
	uint32_t K;            /* slots */
	double *P;             /* [K*K] bigram counts between slots */
	double *PT;            /* [K*K] its transpose: PT[j][i] = P[i][j] (columns as rows) */
	double *LM;            /* [K*K] log(cnt[i] + cnt[j]) for i < j */
	double *cnt;           /* [K] */
	double *lc;            /* [K] log cnt */
	double *L;             /* [K*K] merge loss, i < j */
	double *s;             /* [K] */
	unsigned char *active; /* [K] */
	double K0;
	double *ftab;          /* f(x) for integer x < FTAB */
	double *tmp;           /* [6*K] scratch */
} brown;

static inline double fx(const brown *b, double x)
{
	if (x <= 0)
		return 0;
	if (x < FTAB)
		return b->ftab[(size_t)x];
	return x * log(x);
}

static inline double qv(const brown *b, double p, double lci, double lcj)
{
	return p > 0 ? fx(b, p) + p * (b->K0 - lci - lcj) : 0;
}

#define PP(b, i, j) ((b)->P[(size_t)(i) * (b)->K + (j)])
#define LL(b, i, j) ((b)->L[(size_t)(i) * (b)->K + (j)])
#define PT(b, i, j) ((b)->PT[(size_t)(j) * (b)->K + (i)]) /* = P[i][j], read along i */
#define LMV(b, i, j) ((b)->LM[(size_t)(i) * (b)->K + (j)])

static double wv(const brown *b, uint32_t i, uint32_t j)
{
	if (i == j)
		return qv(b, PP(b, i, i), b->lc[i], b->lc[i]);
	return qv(b, PP(b, i, j), b->lc[i], b->lc[j]) + qv(b, PP(b, j, i), b->lc[j], b->lc[i]);
}

/* L(i,j) from scratch: O(K). */
static double loss(const brown *b, uint32_t i, uint32_t j)
{
	double lm = log(b->cnt[i] + b->cnt[j]);
	double l = b->s[i] + b->s[j] - wv(b, i, j);
	double pmm = PP(b, i, i) + PP(b, i, j) + PP(b, j, i) + PP(b, j, j);
	l -= qv(b, pmm, lm, lm);
	const double *pi = b->P + (size_t)i * b->K, *pj = b->P + (size_t)j * b->K;
	const double *ti = b->PT + (size_t)i * b->K, *tj = b->PT + (size_t)j * b->K;
	for (uint32_t c = 0; c < b->K; c++) {
		if (!b->active[c] || c == i || c == j)
			continue;
		l -= qv(b, pi[c] + pj[c], lm, b->lc[c]);
		l -= qv(b, ti[c] + tj[c], b->lc[c], lm);
	}
	return l;
}

static void set_loss(brown *b, uint32_t i, uint32_t j, double v)
{
	if (i < j)
		LL(b, i, j) = v;
	else
		LL(b, j, i) = v;
}

/* s(i) from scratch. */
static double sv(const brown *b, uint32_t i)
{
	double s = 0;
	for (uint32_t c = 0; c < b->K; c++)
		if (b->active[c])
			s += wv(b, i, c);
	return s;
}

/* After slot k became active (fresh, or the result of a merge): losses of its pairs. */
static void fresh_losses(brown *b, uint32_t k)
{
	b->s[k] = sv(b, k);
	for (uint32_t c = 0; c < b->K; c++) {
		if (!b->active[c] || c == k)
			continue;
		double lm = log(b->cnt[k] + b->cnt[c]);
		if (k < c)
			LMV(b, k, c) = lm;
		else
			LMV(b, c, k) = lm;
		set_loss(b, k, c, loss(b, k, c));
	}
}

/* Put word x (already counted into P row/column k and cnt[k]) in as active slot k, updating
 * every existing pair's loss for the new term. */
static void add_slot(brown *b, uint32_t k)
{
	uint32_t K = b->K;
	double *wk = b->tmp; /* w(i,k) */
	b->lc[k] = log(b->cnt[k]);
	for (uint32_t i = 0; i < K; i++)
		wk[i] = b->active[i] ? qv(b, PP(b, i, k), b->lc[i], b->lc[k]) +
				       qv(b, PP(b, k, i), b->lc[k], b->lc[i]) : 0;
	const double *to = b->PT + (size_t)k * K; /* to[i] = P[i][k] */
	const double *fr = b->P + (size_t)k * K;  /* fr[i] = P[k][i] */
	double lck = b->lc[k];
	for (uint32_t i = 0; i < K; i++) {
		if (!b->active[i])
			continue;
		double *Li = b->L + (size_t)i * K, *LMi = b->LM + (size_t)i * K;
		for (uint32_t j = i + 1; j < K; j++) {
			if (!b->active[j])
				continue;
			double lm = LMi[j];
			double wm = qv(b, to[i] + to[j], lm, lck) + qv(b, fr[i] + fr[j], lck, lm);
			Li[j] += wk[i] + wk[j] - wm;
		}
		b->s[i] += wk[i];
	}
	b->active[k] = 1;
	fresh_losses(b, k);
}

/* Merge slots a < b into a; b becomes free. */
static void merge(brown *b, uint32_t x, uint32_t y)
{
	uint32_t K = b->K;
	double *wa = b->tmp, *wb = b->tmp + K, *wn = b->tmp + 2 * K;
	double *ao = b->tmp + 3 * K, *ai = b->tmp + 4 * K; /* old P[x][c], P[c][x] */
	double *bo = b->tmp + 5 * K, *bi = b->tmp + 6 * K;
	double ca = b->cnt[x], cb = b->cnt[y], la = b->lc[x], lb = b->lc[y];
	for (uint32_t c = 0; c < K; c++) {
		wa[c] = b->active[c] ? wv(b, c, x) : 0;
		wb[c] = b->active[c] ? wv(b, c, y) : 0;
		ao[c] = PP(b, x, c);
		ai[c] = PP(b, c, x);
		bo[c] = PP(b, y, c);
		bi[c] = PP(b, c, y);
	}
	/* the merged cluster into slot x */
	double pmm = PP(b, x, x) + PP(b, x, y) + PP(b, y, x) + PP(b, y, y);
	for (uint32_t c = 0; c < K; c++) {
		PP(b, x, c) += PP(b, y, c);
		PP(b, c, x) += PP(b, c, y);
		PP(b, y, c) = 0;
		PP(b, c, y) = 0;
	}
	PP(b, x, x) = pmm;
	for (uint32_t c = 0; c < K; c++) {
		/* columns x and y of P are rows x and y of PT; rows x and y of P are columns */
		PT(b, c, x) = PP(b, c, x);
		PT(b, x, c) = PP(b, x, c);
		PT(b, c, y) = 0;
		PT(b, y, c) = 0;
	}
	b->cnt[x] = ca + cb;
	b->lc[x] = log(b->cnt[x]);
	b->cnt[y] = 0;
	b->active[y] = 0;
	double lmn = b->lc[x];
	for (uint32_t c = 0; c < K; c++)
		wn[c] = (b->active[c] && c != x) ? wv(b, c, x) : 0;
	const double *to = b->PT + (size_t)x * K; /* to[i] = P[i][m], new */
	const double *fr = b->P + (size_t)x * K;  /* fr[i] = P[m][i], new */
	double *dd = b->tmp + 7 * K;
	for (uint32_t c = 0; c < K; c++)
		dd[c] = -wa[c] - wb[c] + wn[c];
	for (uint32_t i = 0; i < K; i++) {
		if (!b->active[i] || i == x)
			continue;
		double di = dd[i];
		double *Li = b->L + (size_t)i * K, *LMi = b->LM + (size_t)i * K;
		for (uint32_t j = i + 1; j < K; j++) {
			if (!b->active[j] || j == x)
				continue;
			double lm = LMi[j];
			double wmo_a = qv(b, ao[i] + ao[j], la, lm) + qv(b, ai[i] + ai[j], lm, la);
			double wmo_b = qv(b, bo[i] + bo[j], lb, lm) + qv(b, bi[i] + bi[j], lm, lb);
			double wmn = qv(b, fr[i] + fr[j], lmn, lm) + qv(b, to[i] + to[j], lm, lmn);
			Li[j] += di + dd[j] + wmo_a + wmo_b - wmn;
		}
		b->s[i] += di;
	}
	fresh_losses(b, x);
}

int sr_brown_cluster(const uint32_t *seq, size_t n, uint32_t nwords, uint32_t nclusters,
		     uint64_t *path, uint8_t *plen, void (*progress)(void *ctx, uint32_t done),
		     void *ctx)
{
	int rc = SR_ENOMEM;
	brown b;
	memset(&b, 0, sizeof b);
	edge *e = NULL;
	size_t ne = 0;
	uint64_t *ucnt = NULL;
	uint32_t *off_out = NULL, *off_in = NULL, *in_idx = NULL;
	uint32_t *slot_of = NULL, *next = NULL, *head = NULL;
	uint32_t *node_of_slot = NULL, *parent = NULL;
	unsigned char *bit = NULL;
	if (nclusters < 2 || nwords == 0 || (!seq && n))
		return SR_EINVAL;
	if (nclusters > nwords)
		nclusters = nwords;
	uint32_t C = nclusters, K = C + 1;
	b.K = K;

	/* Unigram and bigram counts. */
	ucnt = calloc(nwords, sizeof *ucnt);
	e = malloc((n ? n : 1) * sizeof *e);
	if (!ucnt || !e)
		goto out;
	double Nu = 0, Nb = 0;
	for (size_t i = 0; i < n; i++) {
		if (seq[i] == SR_BROWN_NONE)
			continue;
		if (seq[i] >= nwords) {
			rc = SR_EINVAL;
			goto out;
		}
		ucnt[seq[i]]++;
		Nu++;
		if (i + 1 < n && seq[i + 1] != SR_BROWN_NONE && seq[i + 1] < nwords) {
			e[ne].a = seq[i];
			e[ne].b = seq[i + 1];
			e[ne].c = 1;
			ne++;
		}
	}
	Nb = (double)ne;
	if (ne == 0) {
		rc = SR_EINVAL;
		goto out;
	}
	/* Sort bigrams by (a, b) with a counting sort on a then b (radix, stable). */
	{
		edge *t = malloc(ne * sizeof *t);
		uint32_t *cntb = calloc((size_t)nwords + 1, sizeof *cntb);
		if (!t || !cntb) {
			free(t);
			free(cntb);
			goto out;
		}
		for (int pass = 0; pass < 2; pass++) {
			memset(cntb, 0, ((size_t)nwords + 1) * sizeof *cntb);
			for (size_t i = 0; i < ne; i++)
				cntb[(pass ? e[i].a : e[i].b) + 1]++;
			for (uint32_t w = 0; w < nwords; w++)
				cntb[w + 1] += cntb[w];
			for (size_t i = 0; i < ne; i++)
				t[cntb[pass ? e[i].a : e[i].b]++] = e[i];
			memcpy(e, t, ne * sizeof *e);
		}
		free(t);
		free(cntb);
		size_t m = 0;
		for (size_t i = 0; i < ne; i++) {
			if (m && e[m - 1].a == e[i].a && e[m - 1].b == e[i].b)
				e[m - 1].c += e[i].c;
			else
				e[m++] = e[i];
		}
		ne = m;
	}
	/* CSR: out-edges by a (e is sorted by a), in-edges by b through an index. */
	off_out = calloc((size_t)nwords + 1, sizeof *off_out);
	off_in = calloc((size_t)nwords + 1, sizeof *off_in);
	in_idx = malloc(ne * sizeof *in_idx);
	if (!off_out || !off_in || !in_idx)
		goto out;
	for (size_t i = 0; i < ne; i++) {
		off_out[e[i].a + 1]++;
		off_in[e[i].b + 1]++;
	}
	for (uint32_t w = 0; w < nwords; w++) {
		off_out[w + 1] += off_out[w];
		off_in[w + 1] += off_in[w];
	}
	{
		uint32_t *fill = malloc(((size_t)nwords + 1) * sizeof *fill);
		if (!fill)
			goto out;
		memcpy(fill, off_in, ((size_t)nwords + 1) * sizeof *fill);
		for (size_t i = 0; i < ne; i++)
			in_idx[fill[e[i].b]++] = (uint32_t)i;
		free(fill);
	}

	b.P = calloc((size_t)K * K, sizeof *b.P);
	b.L = calloc((size_t)K * K, sizeof *b.L);
	b.cnt = calloc(K, sizeof *b.cnt);
	b.lc = calloc(K, sizeof *b.lc);
	b.s = calloc(K, sizeof *b.s);
	b.active = calloc(K, 1);
	b.tmp = calloc((size_t)8 * K, sizeof *b.tmp);
	b.PT = calloc((size_t)K * K, sizeof *b.PT);
	b.LM = calloc((size_t)K * K, sizeof *b.LM);
	b.ftab = malloc(FTAB * sizeof *b.ftab);
	slot_of = malloc((size_t)nwords * sizeof *slot_of);
	next = malloc((size_t)nwords * sizeof *next);
	head = malloc((size_t)K * sizeof *head);
	if (!b.P || !b.PT || !b.LM || !b.L || !b.cnt || !b.lc || !b.s || !b.active || !b.tmp ||
	    !b.ftab || !slot_of || !next || !head)
		goto out;
	b.ftab[0] = 0;
	for (size_t x = 1; x < FTAB; x++)
		b.ftab[x] = (double)x * log((double)x);
	b.K0 = log(Nu * Nu / Nb);
	for (uint32_t w = 0; w < nwords; w++)
		slot_of[w] = SR_BROWN_NONE;
	for (uint32_t k = 0; k < K; k++)
		head[k] = SR_BROWN_NONE;

	/* Words that never occur are left out (plen 0). */
	uint32_t nextword = 0, added = 0;
#define PUT_WORD(w, k)                                                                         \
	do {                                                                                   \
		uint32_t w_ = (w), k_ = (k);                                                    \
		slot_of[w_] = k_;                                                               \
		next[w_] = head[k_];                                                            \
		head[k_] = w_;                                                                  \
		b.cnt[k_] = (double)ucnt[w_];                                                   \
		for (uint32_t q_ = off_out[w_]; q_ < off_out[w_ + 1]; q_++) {                   \
			uint32_t o_ = slot_of[e[q_].b];                                         \
			if (o_ != SR_BROWN_NONE) {                                              \
				PP(&b, k_, o_) += (double)e[q_].c;                              \
				PT(&b, k_, o_) += (double)e[q_].c;                              \
			}                                                                       \
		}                                                                               \
		for (uint32_t q_ = off_in[w_]; q_ < off_in[w_ + 1]; q_++) {                     \
			const edge *ed_ = &e[in_idx[q_]];                                       \
			uint32_t o_ = slot_of[ed_->a];                                          \
			if (o_ != SR_BROWN_NONE && ed_->a != w_) {                              \
				PP(&b, o_, k_) += (double)ed_->c;                               \
				PT(&b, o_, k_) += (double)ed_->c;                               \
			}                                                                       \
		}                                                                               \
	} while (0)

	/* The first C words: all pairs from scratch. */
	uint32_t nact = 0;
	while (nact < C && nextword < nwords) {
		uint32_t w = nextword++;
		if (!ucnt[w])
			continue;
		PUT_WORD(w, nact);
		b.lc[nact] = log(b.cnt[nact]);
		b.active[nact] = 1;
		nact++;
		added++;
	}
	for (uint32_t i = 0; i < K; i++)
		if (b.active[i])
			b.s[i] = sv(&b, i);
	for (uint32_t i = 0; i < K; i++)
		for (uint32_t j = i + 1; j < K; j++)
			if (b.active[i] && b.active[j]) {
				LMV(&b, i, j) = log(b.cnt[i] + b.cnt[j]);
				LL(&b, i, j) = loss(&b, i, j);
			}

	/* Phase 1: add a word, merge the cheapest pair. */
	uint32_t free_slot = nact < K ? nact : 0;
	for (;;) {
		while (nextword < nwords && !ucnt[nextword])
			nextword++;
		if (nextword >= nwords || nact < C)
			break;
		uint32_t w = nextword++;
		uint32_t k = free_slot;
		PUT_WORD(w, k);
		add_slot(&b, k);
		added++;
		/* best pair */
		double best = INFINITY;
		uint32_t bi = 0, bj = 0;
		for (uint32_t i = 0; i < K; i++) {
			if (!b.active[i])
				continue;
			for (uint32_t j = i + 1; j < K; j++)
				if (b.active[j] && LL(&b, i, j) < best) {
					best = LL(&b, i, j);
					bi = i;
					bj = j;
				}
		}
		merge(&b, bi, bj);
		/* move bj's words to bi */
		for (uint32_t x = head[bj]; x != SR_BROWN_NONE;) {
			uint32_t nx = next[x];
			slot_of[x] = bi;
			next[x] = head[bi];
			head[bi] = x;
			x = nx;
		}
		head[bj] = SR_BROWN_NONE;
		free_slot = bj;
		if (progress && (added & 255) == 0)
			progress(ctx, added);
	}

	/* Phase 2: merge the remaining clusters into a tree.  Leaves are the active slots,
	 * inner nodes are numbered after them; bit[n] is 0 for a left child, 1 for a right. */
	node_of_slot = malloc((size_t)K * sizeof *node_of_slot);
	parent = malloc((size_t)2 * K * sizeof *parent);
	bit = calloc((size_t)2 * K, 1);
	if (!node_of_slot || !parent || !bit)
		goto out;
	uint32_t nnodes = 0;
	uint32_t *leaf = malloc((size_t)K * sizeof *leaf);
	if (!leaf)
		goto out;
	for (uint32_t k = 0; k < K; k++) {
		node_of_slot[k] = SR_BROWN_NONE;
		leaf[k] = SR_BROWN_NONE;
		if (b.active[k]) {
			node_of_slot[k] = nnodes;
			leaf[k] = nnodes;
			parent[nnodes] = SR_BROWN_NONE;
			nnodes++;
		}
	}
	for (uint32_t left = nact; left > 1; left--) {
		double best = INFINITY;
		uint32_t bi = 0, bj = 0;
		for (uint32_t i = 0; i < K; i++) {
			if (!b.active[i])
				continue;
			for (uint32_t j = i + 1; j < K; j++)
				if (b.active[j] && LL(&b, i, j) < best) {
					best = LL(&b, i, j);
					bi = i;
					bj = j;
				}
		}
		merge(&b, bi, bj);
		uint32_t nn = nnodes++;
		parent[nn] = SR_BROWN_NONE;
		parent[node_of_slot[bi]] = nn;
		bit[node_of_slot[bi]] = 0;
		parent[node_of_slot[bj]] = nn;
		bit[node_of_slot[bj]] = 1;
		node_of_slot[bi] = nn;
		node_of_slot[bj] = SR_BROWN_NONE;
		/* the words of bj join bi so that the word lists stay per active slot */
		for (uint32_t x = head[bj]; x != SR_BROWN_NONE;) {
			uint32_t nx = next[x];
			next[x] = head[bi];
			head[bi] = x;
			x = nx;
		}
		head[bj] = SR_BROWN_NONE;
	}
	/* slot_of[w] still names the slot w was in at the end of phase 1, whose leaf is leaf[]. */
	for (uint32_t w = 0; w < nwords; w++) {
		path[w] = 0;
		plen[w] = 0;
		if (slot_of[w] == SR_BROWN_NONE)
			continue;
		uint32_t nd = leaf[slot_of[w]];
		uint64_t p = 0;
		unsigned l = 0;
		while (nd != SR_BROWN_NONE && parent[nd] != SR_BROWN_NONE && l < 63) {
			p |= (uint64_t)bit[nd] << l;
			l++;
			nd = parent[nd];
		}
		path[w] = p;
		plen[w] = (uint8_t)l;
	}
	free(leaf);
	rc = SR_OK;
out:
	free(e);
	free(ucnt);
	free(off_out);
	free(off_in);
	free(in_idx);
	free(b.P);
	free(b.PT);
	free(b.LM);
	free(b.L);
	free(b.cnt);
	free(b.lc);
	free(b.s);
	free(b.active);
	free(b.tmp);
	free(b.ftab);
	free(slot_of);
	free(next);
	free(head);
	free(node_of_slot);
	free(parent);
	free(bit);
	return rc;
}
