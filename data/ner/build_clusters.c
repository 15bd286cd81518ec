/*
 * build_clusters.c - builds data/ner/clusters-en.txt, the Brown word clusters the English NER
 * model uses, from unlabelled news.  Run by data/ner/build-clusters.sh; see docs/NER.md.
 *
 *   build_clusters [-c CLUSTERS] [-m MINCOUNT] OUT REUTERS_DIR BBC_DIR [CONLL_TRAIN]
 *
 * Reads Reuters-21578 (<DATELINE> and <BODY> of each story; bodies mostly in capitals are
 * skipped), the BBC news texts (every *.txt under BBC_DIR/<topic>/), and optionally the tokens
 * of a CoNLL training file (its labels are not read; headlines in capitals are skipped).  Text
 * is split with sr_ner_tokenize(), each line is a boundary, every digit becomes '0'.  Words
 * seen at least MINCOUNT times (default 3) are clustered into CLUSTERS (default 512) Brown
 * clusters.  OUT gets one line per word, "PATH<TAB>WORD<TAB>COUNT", PATH the cluster's bit
 * string, words in order of decreasing count (ties by bytes): the same input gives the same
 * file, byte for byte.
 */
#include "analyze/brown.h"
#include "analyze/ner.h"
#include "base/buf.h"
#include "base/err.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct vocab {
	char **word;
	uint64_t *count;
	uint32_t *slot; /* hash table of word ids */
	uint32_t n, cap, tcap;
} vocab;

static uint64_t hstr(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static uint32_t vocab_id(vocab *v, const char *s, size_t n)
{
	if (v->n * 2 >= v->tcap) {
		uint32_t nt = v->tcap ? v->tcap * 2 : 1u << 16;
		uint32_t *ns = malloc((size_t)nt * sizeof *ns);
		if (!ns)
			exit(1);
		memset(ns, 0xff, (size_t)nt * sizeof *ns);
		for (uint32_t i = 0; i < v->n; i++) {
			uint32_t h = (uint32_t)hstr(v->word[i], strlen(v->word[i])) & (nt - 1);
			while (ns[h] != UINT32_MAX)
				h = (h + 1) & (nt - 1);
			ns[h] = i;
		}
		free(v->slot);
		v->slot = ns;
		v->tcap = nt;
	}
	uint32_t h = (uint32_t)hstr(s, n) & (v->tcap - 1);
	while (v->slot[h] != UINT32_MAX) {
		const char *w = v->word[v->slot[h]];
		if (strlen(w) == n && memcmp(w, s, n) == 0)
			return v->slot[h];
		h = (h + 1) & (v->tcap - 1);
	}
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 1024;
		v->word = realloc(v->word, v->cap * sizeof *v->word);
		v->count = realloc(v->count, v->cap * sizeof *v->count);
		if (!v->word || !v->count)
			exit(1);
	}
	char *c = malloc(n + 1);
	if (!c)
		exit(1);
	memcpy(c, s, n);
	c[n] = 0;
	v->word[v->n] = c;
	v->count[v->n] = 0;
	v->slot[h] = v->n;
	return v->n++;
}

typedef struct seqbuf {
	uint32_t *s;
	size_t n, cap;
} seqbuf;

static void seq_push(seqbuf *q, uint32_t x)
{
	if (q->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 1 << 20;
		q->s = realloc(q->s, q->cap * sizeof *q->s);
		if (!q->s)
			exit(1);
	}
	q->s[q->n++] = x;
}

typedef struct ctx {
	vocab *v;
	seqbuf *q;
	const char *text;
} ctx;

static int on_tok(void *p, size_t s, size_t e)
{
	ctx *c = p;
	char w[256];
	size_t n = e - s;
	if (n >= sizeof w)
		n = sizeof w - 1;
	for (size_t i = 0; i < n; i++) {
		char ch = c->text[s + i];
		w[i] = (ch >= '0' && ch <= '9') ? '0' : ch;
	}
	uint32_t id = vocab_id(c->v, w, n);
	c->v->count[id]++;
	seq_push(c->q, id);
	return 0;
}

/* Tokenize text line by line into the sequence, a boundary after each line. */
static void add_text(vocab *v, seqbuf *q, const char *t, size_t n)
{
	ctx c = { v, q, t };
	size_t i = 0;
	while (i < n) {
		size_t e = i;
		while (e < n && t[e] != '\n')
			e++;
		if (e > i) {
			ctx lc = c;
			lc.text = t + i;
			sr_ner_tokenize(t + i, e - i, on_tok, &lc);
			seq_push(q, SR_BROWN_NONE);
		}
		i = e + 1;
	}
}

static int mostly_caps(const char *t, size_t n)
{
	size_t up = 0, lo = 0;
	for (size_t i = 0; i < n; i++) {
		if (t[i] >= 'A' && t[i] <= 'Z')
			up++;
		else if (t[i] >= 'a' && t[i] <= 'z')
			lo++;
	}
	return up > lo;
}

static int read_file(const char *path, sr_buf *b)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return SR_EIO;
	char tmp[65536];
	size_t k;
	int rc = SR_OK;
	sr_buf_reset(b);
	while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
		if ((rc = sr_buf_append(b, tmp, k)) < 0)
			break;
	fclose(f);
	return rc;
}

/* Decode the SGML references of Reuters text into out: &lt; &gt; &amp; and &#N; (controls
 * dropped). */
static void unsgml(const char *s, size_t n, sr_buf *out)
{
	sr_buf_reset(out);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '&') {
			if (n - i >= 4 && memcmp(s + i, "&lt;", 4) == 0) {
				sr_buf_putc(out, '<');
				i += 3;
				continue;
			}
			if (n - i >= 4 && memcmp(s + i, "&gt;", 4) == 0) {
				sr_buf_putc(out, '>');
				i += 3;
				continue;
			}
			if (n - i >= 5 && memcmp(s + i, "&amp;", 5) == 0) {
				sr_buf_putc(out, '&');
				i += 4;
				continue;
			}
			if (n - i >= 3 && s[i + 1] == '#') {
				size_t j = i + 2;
				while (j < n && s[j] >= '0' && s[j] <= '9')
					j++;
				if (j < n && s[j] == ';') {
					sr_buf_putc(out, ' ');
					i = j;
					continue;
				}
			}
		}
		sr_buf_putc(out, s[i]);
	}
}

/* Reuters bodies are hard-wrapped: join the lines of a paragraph (a line that starts with a
 * space starts a new paragraph). */
static void join_lines(sr_buf *t)
{
	for (size_t i = 0; i + 1 < t->len; i++)
		if (t->data[i] == '\n' && t->data[i + 1] != ' ')
			t->data[i] = ' ';
}

static const char *find(const char *s, const char *end, const char *pat)
{
	size_t pl = strlen(pat);
	for (const char *p = s; p + pl <= end; p++)
		if (*p == pat[0] && memcmp(p, pat, pl) == 0)
			return p;
	return NULL;
}

static void add_reuters(vocab *v, seqbuf *q, const char *dir)
{
	sr_buf b, t;
	sr_buf_init(&b, 64 << 20);
	sr_buf_init(&t, 64 << 20);
	for (int f = 0; f < 22; f++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/reut2-%03d.sgm", dir, f);
		if (read_file(path, &b) < 0) {
			fprintf(stderr, "build_clusters: cannot read %s\n", path);
			exit(1);
		}
		const char *p = b.data, *end = b.data + b.len;
		while ((p = find(p, end, "<REUTERS")) != NULL) {
			const char *e = find(p, end, "</REUTERS>");
			if (!e)
				e = end;
			const char *d = find(p, e, "<DATELINE>");
			if (d) {
				d += 10;
				const char *de = find(d, e, "</DATELINE>");
				if (de) {
					unsgml(d, (size_t)(de - d), &t);
					add_text(v, q, t.data, t.len);
				}
			}
			const char *x = find(p, e, "<BODY>");
			if (x) {
				x += 6;
				const char *xe = find(x, e, "</BODY>");
				if (xe) {
					unsgml(x, (size_t)(xe - x), &t);
					if (!mostly_caps(t.data, t.len)) {
						join_lines(&t);
						add_text(v, q, t.data, t.len);
					}
				}
			}
			p = e;
		}
	}
	sr_buf_release(&b);
	sr_buf_release(&t);
}

static int cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_bbc(vocab *v, seqbuf *q, const char *dir)
{
	static const char *const topics[] = { "business", "entertainment", "politics", "sport",
					      "tech", NULL };
	sr_buf b;
	sr_buf_init(&b, 16 << 20);
	for (int t = 0; topics[t]; t++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, topics[t]);
		DIR *d = opendir(path);
		if (!d) {
			fprintf(stderr, "build_clusters: cannot open %s\n", path);
			exit(1);
		}
		char **names = NULL;
		size_t nn = 0, cap = 0;
		struct dirent *de;
		while ((de = readdir(d)) != NULL) {
			size_t l = strlen(de->d_name);
			if (l < 5 || strcmp(de->d_name + l - 4, ".txt") != 0)
				continue;
			if (nn == cap) {
				cap = cap ? cap * 2 : 512;
				names = realloc(names, cap * sizeof *names);
				if (!names)
					exit(1);
			}
			names[nn++] = strdup(de->d_name);
		}
		closedir(d);
		qsort(names, nn, sizeof *names, cmpstr);
		for (size_t i = 0; i < nn; i++) {
			snprintf(path, sizeof path, "%s/%s/%s", dir, topics[t], names[i]);
			if (read_file(path, &b) == SR_OK)
				add_text(v, q, b.data, b.len);
			free(names[i]);
		}
		free(names);
	}
	sr_buf_release(&b);
}

static void add_conll(vocab *v, seqbuf *q, const char *path)
{
	sr_ner_corpus c;
	if (sr_ner_corpus_read(path, 64 << 20, &c, NULL) < 0) {
		fprintf(stderr, "build_clusters: cannot read %s\n", path);
		exit(1);
	}
	for (size_t s = 0; s < c.nsent; s++) {
		int lower = 0;
		for (uint32_t i = c.sent[s]; i < c.sent[s + 1]; i++) {
			const char *w = c.text + c.tok[i];
			for (; *w; w++)
				if (*w >= 'a' && *w <= 'z')
					lower = 1;
		}
		if (!lower)
			continue;
		for (uint32_t i = c.sent[s]; i < c.sent[s + 1]; i++) {
			const char *w = c.text + c.tok[i];
			ctx cx = { v, q, w };
			on_tok(&cx, 0, strlen(w));
		}
		seq_push(q, SR_BROWN_NONE);
	}
	sr_ner_corpus_release(&c);
}

static const uint64_t *g_count; /* for qsort only (this tool is single-threaded) */
static char **g_word;

static int cmp_freq(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	if (g_count[x] != g_count[y])
		return g_count[x] > g_count[y] ? -1 : 1;
	return strcmp(g_word[x], g_word[y]);
}

static void progress(void *c, uint32_t done)
{
	(void)c;
	fprintf(stderr, "\r  %u words clustered", done);
}

int main(int argc, char **argv)
{
	uint32_t C = 512;
	uint64_t mincount = 3;
	int a = 1;
	while (a < argc && argv[a][0] == '-') {
		if (strcmp(argv[a], "-c") == 0 && a + 1 < argc)
			C = (uint32_t)atoi(argv[++a]);
		else if (strcmp(argv[a], "-m") == 0 && a + 1 < argc)
			mincount = (uint64_t)atoi(argv[++a]);
		else
			break;
		a++;
	}
	if (argc - a < 3) {
		fprintf(stderr, "usage: build_clusters [-c N] [-m N] OUT REUTERS_DIR BBC_DIR "
				"[CONLL_TRAIN]\n");
		return 2;
	}
	const char *out = argv[a];
	vocab v;
	seqbuf q;
	memset(&v, 0, sizeof v);
	memset(&q, 0, sizeof q);
	add_reuters(&v, &q, argv[a + 1]);
	add_bbc(&v, &q, argv[a + 2]);
	if (argc - a > 3)
		add_conll(&v, &q, argv[a + 3]);
	fprintf(stderr, "build_clusters: %zu tokens, %u types\n", q.n, v.n);

	/* Ids by decreasing count; rare words become boundaries. */
	uint32_t *order = malloc((size_t)v.n * sizeof *order);
	uint32_t *newid = malloc((size_t)v.n * sizeof *newid);
	if (!order || !newid)
		return 1;
	for (uint32_t i = 0; i < v.n; i++)
		order[i] = i;
	g_count = v.count;
	g_word = v.word;
	qsort(order, v.n, sizeof *order, cmp_freq);
	uint32_t nw = 0;
	for (uint32_t i = 0; i < v.n; i++) {
		uint32_t w = order[i];
		newid[w] = v.count[w] >= mincount ? nw++ : SR_BROWN_NONE;
	}
	for (size_t i = 0; i < q.n; i++)
		if (q.s[i] != SR_BROWN_NONE)
			q.s[i] = newid[q.s[i]];
	fprintf(stderr, "build_clusters: %u words seen >= %llu times, %u clusters\n", nw,
		(unsigned long long)mincount, C);
	uint64_t *path = malloc((size_t)nw * sizeof *path);
	uint8_t *plen = malloc(nw);
	if (!path || !plen)
		return 1;
	clock_t t0 = clock();
	int rc = sr_brown_cluster(q.s, q.n, nw, C, path, plen, progress, NULL);
	if (rc < 0) {
		fprintf(stderr, "build_clusters: %s\n", sr_strerror(rc));
		return 1;
	}
	fprintf(stderr, "\nbuild_clusters: clustered in %.1f s\n",
		(double)(clock() - t0) / CLOCKS_PER_SEC);
	FILE *f = fopen(out, "w");
	if (!f) {
		fprintf(stderr, "build_clusters: cannot write %s\n", out);
		return 1;
	}
	for (uint32_t i = 0; i < nw; i++) {
		uint32_t w = order[i];
		char bits[65];
		for (unsigned k = 0; k < plen[i]; k++)
			bits[k] = (char)('0' + ((path[i] >> (plen[i] - 1 - k)) & 1));
		bits[plen[i]] = 0;
		fprintf(f, "%s\t%s\t%llu\n", bits, v.word[w], (unsigned long long)v.count[w]);
	}
	if (fclose(f) != 0)
		return 1;
	return 0;
}
