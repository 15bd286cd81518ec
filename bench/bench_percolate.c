/*
 * bench_percolate.c - watchlist matching speed: the percolator's index against the naive
 * method (every query against every article), in the same run, on the same articles.
 *
 * Build and run with bench/bench_percolate.sh.  Usage:
 *   bench_percolate NWATCH LISTFILE [NMEM]
 * LISTFILE names one article per line (a text file: the first line is the title, the rest
 * the body, as in the BBC News corpus).  NWATCH watchlists of realistic shape are generated
 * from the articles' own words (seeded, so runs are comparable):
 *   - 2 to 8 terms in all; words drawn with a weight of the square root of their frequency
 *     in the corpus, the 150 most frequent left out (nobody watches "the"): between
 *     drawing by frequency (every query full of "said" and "year") and drawing every
 *     word alike (mostly words seen once);
 *   - items: a word (AND), a "two word" phrase taken from a real article, an OR group of 2-3
 *     words, a prefix (first 5 letters*), a title: word; a -word exclusion in 1 query of 4;
 *   - a filter in 1 of 5 (lang:en, tag:CATEGORY, source:bbc.example, since:2020-01-01).
 * Prints articles/s for the index and for the naive method (best of 3 passes), the matches
 * (which must be equal: the check that the index loses nothing), queries checked per
 * article, and the memory of NMEM watchlists (default 100,000): the percolator's own
 * count and the growth of the resident set.
 */
#define _POSIX_C_SOURCE 200809L
#include "base/err.h"
#include "watch/percolate.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

typedef struct doc {
	char *title, *text, *tag;
} doc;

typedef struct word {
	char *w;
	long n;
} word;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *b = malloc(cap);
	size_t r;
	while (b && (r = fread(b + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (cap - n < 2) {
			char *nb = realloc(b, cap * 2);
			if (!nb) {
				free(b);
				b = NULL;
				break;
			}
			b = nb;
			cap *= 2;
		}
	}
	fclose(f);
	if (b)
		b[n] = '\0';
	*len = n;
	return b;
}

static int word_cmp_n(const void *a, const void *b)
{
	const word *x = a, *y = b;
	return x->n < y->n ? 1 : x->n > y->n ? -1 : strcmp(x->w, y->w);
}

static int word_cmp_w(const void *a, const void *b)
{
	return strcmp(((const word *)a)->w, ((const word *)b)->w);
}

/* words of the corpus: lower-case ASCII letter runs of 3+ */
static word *vocabulary(doc *d, size_t nd, size_t *nw)
{
	size_t cap = 1 << 16, n = 0;
	word *all = malloc(cap * sizeof(*all));
	for (size_t i = 0; i < nd; i++) {
		const char *p = d[i].text;
		while (*p) {
			while (*p && !isalpha((unsigned char)*p))
				p++;
			const char *s = p;
			while (*p && isalpha((unsigned char)*p))
				p++;
			size_t l = (size_t)(p - s);
			if (l < 3 || l > 20)
				continue;
			if (n == cap) {
				cap *= 2;
				all = realloc(all, cap * sizeof(*all));
			}
			all[n].w = strndup(s, l);
			for (char *c = all[n].w; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			all[n].n = 1;
			n++;
		}
	}
	qsort(all, n, sizeof(*all), word_cmp_w);
	size_t u = 0;
	for (size_t i = 0; i < n; i++) {
		if (u && !strcmp(all[u - 1].w, all[i].w)) {
			all[u - 1].n++;
			free(all[i].w);
		} else
			all[u++] = all[i];
	}
	qsort(all, u, sizeof(*all), word_cmp_n);
	*nw = u;
	return all;
}

typedef struct gen {
	word *w;
	size_t nw, lo, hi;  /* drawn from [lo, hi) by frequency */
	double *cum;
	doc *d;
	size_t nd;
} gen;

static const char *pick(gen *g)
{
	double total = g->cum[g->hi - 1];
	double x = (double)(rnd() % 1000000007ull) / 1000000007.0 * total;
	size_t lo = g->lo, hi = g->hi - 1;
	while (lo < hi) {
		size_t m = (lo + hi) / 2;
		if (g->cum[m] < x)
			lo = m + 1;
		else
			hi = m;
	}
	return g->w[lo].w;
}

/* two consecutive words of a real article */
static void phrase(gen *g, char *out, size_t cap)
{
	for (int tries = 0; tries < 20; tries++) {
		const doc *d = &g->d[rnd() % g->nd];
		size_t len = strlen(d->text);
		if (len < 100)
			continue;
		const char *p = d->text + rnd() % (len - 50);
		while (*p && isalpha((unsigned char)*p))
			p++;
		while (*p && !isalpha((unsigned char)*p))
			p++;
		const char *a = p;
		while (*p && isalpha((unsigned char)*p))
			p++;
		size_t la = (size_t)(p - a);
		if (*p != ' ')
			continue;
		p++;
		const char *b = p;
		while (*p && isalpha((unsigned char)*p))
			p++;
		size_t lb = (size_t)(p - b);
		if (la < 3 || lb < 3)
			continue;
		snprintf(out, cap, "\"%.*s %.*s\"", (int)la, a, (int)lb, b);
		return;
	}
	snprintf(out, cap, "\"%s %s\"", pick(g), pick(g));
}

static const char *tags[] = {"business", "entertainment", "politics", "sport", "tech"};

static void make_query(gen *g, char *q, size_t cap)
{
	char item[256];
	size_t n = 0;
	int terms = 2 + (int)(rnd() % 7), used = 0;
	q[0] = '\0';
	while (used < terms) {
		int kind = (int)(rnd() % 100);
		int left = terms - used;
		if (kind < 50 || left < 2) {
			snprintf(item, sizeof(item), "%s", pick(g));
			used++;
		} else if (kind < 65) {
			phrase(g, item, sizeof(item));
			used += 2;
		} else if (kind < 85) {
			int k = left >= 3 && rnd() % 2 ? 3 : 2;
			if (k == 3)
				snprintf(item, sizeof(item), "(%s OR %s OR %s)", pick(g), pick(g), pick(g));
			else
				snprintf(item, sizeof(item), "(%s OR %s)", pick(g), pick(g));
			used += k;
		} else if (kind < 93) {
			const char *w = pick(g);
			snprintf(item, sizeof(item), "%.5s*", w);
			used++;
		} else {
			snprintf(item, sizeof(item), "title:%s", pick(g));
			used++;
		}
		n += (size_t)snprintf(q + n, cap - n, "%s%s", n ? " " : "", item);
	}
	if (rnd() % 4 == 0)
		n += (size_t)snprintf(q + n, cap - n, " -%s", pick(g));
	int f = (int)(rnd() % 20);
	if (f == 0)
		snprintf(q + n, cap - n, " lang:en");
	else if (f == 1)
		snprintf(q + n, cap - n, " tag:%s", tags[rnd() % 5]);
	else if (f == 2)
		snprintf(q + n, cap - n, " source:bbc.example");
	else if (f == 3)
		snprintf(q + n, cap - n, " since:2020-01-01");
}

static int count_fn(void *ctx, int64_t id)
{
	(void)id;
	(*(long *)ctx)++;
	return 0;
}

static long max_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static sr_percolator *build(gen *g, long n, double *secs)
{
	sr_percolator *p = sr_percolator_new();
	char q[2048];
	sr_query_error e;
	double t0 = now_s();
	for (long i = 0; p && i < n; i++) {
		make_query(g, q, sizeof(q));
		if (sr_percolator_add(p, i, q, 0, &e) == SR_ENOMEM) {
			fprintf(stderr, "out of memory\n");
			exit(1);
		}
	}
	*secs = now_s() - t0;
	return p;
}

static double pass(sr_percolator *p, doc *d, size_t nd, unsigned flags, long *matches, double *checked)
{
	sr_watch_article a;
	memset(&a, 0, sizeof(a));
	a.lang = "en";
	a.site_name = "BBC News";
	a.canon = "https://www.bbc.example/news/1";
	a.time = 1700000000;
	a.n_tags = 1;
	*matches = 0;
	*checked = 0;
	double t0 = now_s();
	for (size_t i = 0; i < nd; i++) {
		const char *tg[1] = {d[i].tag};
		a.title = d[i].title;
		a.text = d[i].text;
		a.tags = tg;
		size_t c = 0;
		sr_percolate(p, &a, flags, count_fn, matches, &c);
		*checked += (double)c;
	}
	*checked /= (double)nd;
	return (double)nd / (now_s() - t0);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench_percolate NWATCH LISTFILE [NMEM]\n");
		return 2;
	}
	long nwatch = atol(argv[1]), nmem = argc > 3 ? atol(argv[3]) : 100000;
	FILE *lf = fopen(argv[2], "r");
	if (!lf)
		return 1;
	size_t cap = 4096, nd = 0;
	doc *d = malloc(cap * sizeof(*d));
	char line[4096];
	while (fgets(line, sizeof(line), lf)) {
		line[strcspn(line, "\n")] = '\0';
		size_t len;
		char *t = slurp(line, &len);
		if (!t)
			continue;
		char *nl = strchr(t, '\n');
		if (nd == cap) {
			cap *= 2;
			d = realloc(d, cap * sizeof(*d));
		}
		d[nd].title = t;
		d[nd].text = nl ? nl + 1 : t + len;
		if (nl)
			*nl = '\0';
		d[nd].tag = (char *)tags[nd % 5];
		for (int k = 0; k < 5; k++)
			if (strstr(line, tags[k]))
				d[nd].tag = (char *)tags[k];
		nd++;
	}
	fclose(lf);
	if (!nd) {
		fprintf(stderr, "no articles\n");
		return 1;
	}
	size_t nw;
	word *w = vocabulary(d, nd, &nw);
	gen g = {.w = w, .nw = nw, .lo = nw > 2000 ? 150 : 0, .hi = nw, .d = d, .nd = nd};
	g.cum = malloc(nw * sizeof(double));
	double c = 0;
	for (size_t i = 0; i < nw; i++) {
		c += i >= g.lo ? sqrt((double)w[i].n) : 0;
		g.cum[i] = c;
	}
	printf("articles: %zu, vocabulary: %zu words\n", nd, nw);
	char ex[2048];
	for (int i = 0; i < 5; i++) {
		make_query(&g, ex, sizeof(ex));
		printf("example watchlist: %s\n", ex);
	}

	rng = 0x1234567ull;
	double bsecs;
	sr_percolator *p = build(&g, nwatch, &bsecs);
	printf("%ld watchlists compiled and indexed in %.2f s\n", nwatch, bsecs);
	long m_idx = 0, m_naive = 0;
	double best_idx = 0, best_naive = 0, chk_idx = 0, chk_naive = 0;
	for (int r = 0; r < 3; r++) {
		double v = pass(p, d, nd, 0, &m_idx, &chk_idx);
		if (v > best_idx)
			best_idx = v;
	}
	for (int r = 0; r < 3; r++) {
		double v = pass(p, d, nd, SR_PERC_NAIVE, &m_naive, &chk_naive);
		if (v > best_naive)
			best_naive = v;
	}
	printf("indexed: %.0f articles/s, %.1f queries checked per article, %ld matches\n", best_idx,
	       chk_idx, m_idx);
	printf("naive:   %.0f articles/s, %.1f queries checked per article, %ld matches\n", best_naive,
	       chk_naive, m_naive);
	printf("speed-up: %.1fx; matches %s\n", best_idx / best_naive,
	       m_idx == m_naive ? "equal" : "DIFFER (a bug)");
	printf("matches per article: %.2f\n", (double)m_idx / (double)nd);
	sr_percolator_free(p);

	long rss0 = max_rss_kb();
	rng = 0x7654321ull;
	sr_percolator *big = build(&g, nmem, &bsecs);
	long rss1 = max_rss_kb();
	printf("%ld watchlists: built in %.2f s, percolator %.1f MB, resident set grew %.1f MB\n", nmem,
	       bsecs, (double)sr_percolator_memory(big) / 1048576.0, (double)(rss1 - rss0) / 1024.0);
	long m_big = 0;
	double chk_big = 0;
	double v = pass(big, d, nd, 0, &m_big, &chk_big);
	printf("%ld watchlists indexed: %.0f articles/s, %.1f queries checked per article\n", nmem, v,
	       chk_big);
	sr_percolator_free(big);
	return m_idx == m_naive ? 0 : 1;
}
