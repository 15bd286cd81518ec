/*
 * eval_stories.c - quality and speed of duplicate detection and story clustering.
 *
 *   eval_stories giveme DIR    DIR = clustering/giveme5w1h-dev: articles fed in date order
 *                              (gold.tsv), clusters scored against event_id by pairwise and
 *                              BCubed precision / recall / F1
 *   eval_stories bbc DIR       DIR = corpora/bbc-news: byte-identical groups and near-duplicate
 *                              pairs (exact word 5-shingle Jaccard >= 0.8) found by the dedup
 *                              index, and false merges (pairs it joined below 0.8)
 *   eval_stories reuters DIR   DIR = corpora/reuters21578: articles per second for
 *                              fingerprinting + dedup + term counting + clustering, one core,
 *                              and the memory held by both indexes
 *
 * Built by bench/eval_stories.sh against build/libsitrep.a.  Prints plain figures.
 */
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "analyze/tokenize.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/hash.h"
#include "story/cluster.h"
#include "story/dedup.h"
#include "story/df_en.h"
#include "story/fingerprint.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long sz = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *p = malloc((size_t)sz + 1);
	if (p && fread(p, 1, (size_t)sz, f) != (size_t)sz) {
		free(p);
		p = NULL;
	}
	if (p)
		p[sz] = '\0';
	fclose(f);
	if (n)
		*n = (size_t)sz;
	return p;
}

static int64_t parse_time(const char *s)
{
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	if (sscanf(s, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
		   &tm.tm_sec) < 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (int64_t)timegm(&tm);
}

/* ---- scoring a clustering against gold labels ---- */

static void score(const int *gold, const int64_t *pred, size_t n)
{
	/* pairwise */
	double tp = 0, fp = 0, fn = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			int g = gold[i] == gold[j], p = pred[i] == pred[j];
			tp += g && p;
			fp += !g && p;
			fn += g && !p;
		}
	double pp = tp + fp ? tp / (tp + fp) : 1, pr = tp + fn ? tp / (tp + fn) : 1;
	double pf = pp + pr ? 2 * pp * pr / (pp + pr) : 0;
	/* BCubed */
	double bp = 0, br = 0;
	for (size_t i = 0; i < n; i++) {
		double same_pred = 0, same_gold = 0, both = 0;
		for (size_t j = 0; j < n; j++) {
			int g = gold[i] == gold[j], p = pred[i] == pred[j];
			same_pred += p;
			same_gold += g;
			both += g && p;
		}
		bp += both / same_pred;
		br += both / same_gold;
	}
	bp /= (double)n;
	br /= (double)n;
	double bf = 2 * bp * br / (bp + br);
	size_t clusters = 0;
	for (size_t i = 0; i < n; i++) {
		size_t j;
		for (j = 0; j < i; j++)
			if (pred[j] == pred[i])
				break;
		clusters += j == i;
	}
	printf("articles %zu, stories found %zu\n", n, clusters);
	if (getenv("SHOW_MIXED")) {
		for (size_t i = 0; i < n; i++) {
			size_t j;
			for (j = 0; j < i; j++)
				if (pred[j] == pred[i])
					break;
			if (j < i)
				continue;
			int mixed = 0;
			for (j = i + 1; j < n; j++)
				if (pred[j] == pred[i] && gold[j] != gold[i])
					mixed = 1;
			if (!mixed)
				continue;
			printf("  story %lld holds events:", (long long)pred[i]);
			for (j = i; j < n; j++)
				if (pred[j] == pred[i])
					printf(" %d", gold[j]);
			printf("\n");
		}
	}
	printf("pairwise  P %.3f  R %.3f  F1 %.3f\n", pp, pr, pf);
	printf("BCubed    P %.3f  R %.3f  F1 %.3f\n", bp, br, bf);
}

static sr_cluster_opts cluster_opts(int argc, char **argv)
{
	sr_cluster_opts o = {0};
	if (argc > 3)
		o.threshold = atof(argv[3]);
	if (argc > 4)
		o.grace_secs = (int64_t)(atof(argv[4]) * 86400);
	if (argc > 5)
		o.decay_secs = (int64_t)(atof(argv[5]) * 86400);
	if (argc > 6)
		o.quiet_secs = (int64_t)(atof(argv[6]) * 86400);
	return o;
}

static int run_giveme(const char *dir, sr_cluster_opts co)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/gold.tsv", dir);
	char *tsv = slurp(path, NULL);
	if (!tsv) {
		fprintf(stderr, "cannot read %s\n", path);
		return 1;
	}
	size_t cap = 512, n = 0;
	int *gold = malloc(cap * sizeof(int));
	int64_t *pred = malloc(cap * sizeof(int64_t));
	sr_tokenizer *t = sr_tokenizer_new();
	sr_clusterer *c = sr_clusterer_new(&co);
	if (!getenv("NO_BG"))
		sr_clusterer_set_background(c, sr_df_en, sr_df_en_len);
	sr_dedup *d = sr_dedup_new(NULL);
	sr_arena arena;
	sr_arena_init(&arena, 0);
	char *save = NULL;
	strtok_r(tsv, "\n", &save); /* header */
	for (char *line = strtok_r(NULL, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[8] = {0};
		int k = 0;
		for (char *s = line, *e; k < 7; s = e + 1) {
			f[k++] = s;
			e = strchr(s, '\t');
			if (!e)
				break;
			*e = '\0';
		}
		if (k < 7)
			continue;
		f[6][strcspn(f[6], "\r")] = '\0'; /* the file has CRLF line ends */
		snprintf(path, sizeof(path), "%s/data/%s", dir, f[6]);
		json_error_t jerr;
		json_t *j = json_load_file(path, 0, &jerr);
		if (!j) {
			fprintf(stderr, "cannot parse %s: %s\n", path, jerr.text);
			continue;
		}
		const char *title = json_string_value(json_object_get(j, "title"));
		const char *text = json_string_value(json_object_get(j, "text"));
		sr_arena_reset(&arena);
		sr_fingerprint fp;
		sr_terms terms;
		sr_dedup_match m;
		sr_cluster_result r;
		int64_t id = (int64_t)n + 1, tm = parse_time(f[0]);
		sr_fingerprint_text(t, text ? text : "", text ? strlen(text) : 0, &fp);
		sr_dedup_add(d, id, tm, &fp, &m);
		sr_story_terms(t, title, text, "en", &arena, &terms);
		sr_clusterer_add(c, id, tm, &terms, m.dup_of, &r);
		if (n == cap) {
			cap *= 2;
			gold = realloc(gold, cap * sizeof(int));
			pred = realloc(pred, cap * sizeof(int64_t));
		}
		gold[n] = atoi(f[2]);
		pred[n] = r.story;
		n++;
		json_decref(j);
	}
	if (co.threshold || co.grace_secs || co.decay_secs || co.quiet_secs)
		printf("giveme5w1h-dev (threshold %.2f, grace %.0f d, decay %.0f d, quiet %.0f d; 0 = default)\n",
		       co.threshold, (double)co.grace_secs / 86400, (double)co.decay_secs / 86400,
		       (double)co.quiet_secs / 86400);
	else
		printf("giveme5w1h-dev (the clusterer's defaults, as sitrep ingest uses them)\n");
	score(gold, pred, n);
	free(gold);
	free(pred);
	free(tsv);
	sr_arena_release(&arena);
	sr_dedup_free(d);
	sr_clusterer_free(c);
	sr_tokenizer_free(t);
	return 0;
}

/* ---- BBC: exact and near duplicates ---- */

typedef struct doc {
	char *text;
	size_t len;
	uint64_t hash[2];
	uint64_t *sh; /* sorted distinct shingle hashes */
	size_t nsh;
	sr_fingerprint fp;
	int64_t root;
} doc;

typedef struct sh_ctx {
	uint64_t ring[5];
	size_t n;
	uint64_t *out;
	size_t nout, cap;
} sh_ctx;

static int on_tok(void *ctx, const char *tok, size_t len, size_t s, size_t e, int col)
{
	(void)s;
	(void)e;
	(void)col;
	sh_ctx *c = ctx;
	c->ring[c->n % 5] = sr_hash64(tok, len, 1);
	c->n++;
	if (c->n >= 5) {
		uint64_t h = 0;
		for (size_t k = 0; k < 5; k++)
			h = h * 0x100000001b3ULL ^ c->ring[(c->n - 5 + k) % 5];
		if (c->nout == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 256;
			c->out = realloc(c->out, c->cap * sizeof(uint64_t));
		}
		c->out[c->nout++] = h;
	}
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static double jaccard(const doc *a, const doc *b)
{
	size_t i = 0, j = 0, inter = 0;
	while (i < a->nsh && j < b->nsh) {
		if (a->sh[i] == b->sh[j])
			inter++, i++, j++;
		else if (a->sh[i] < b->sh[j])
			i++;
		else
			j++;
	}
	size_t uni = a->nsh + b->nsh - inter;
	return uni ? (double)inter / (double)uni : 0;
}

static void walk(const char *dir, char ***paths, size_t *n, size_t *cap)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char p[4096];
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		if (e->d_type == DT_DIR) {
			walk(p, paths, n, cap);
		} else if (strstr(e->d_name, ".txt") && strcmp(e->d_name, "README.TXT")) {
			if (*n == *cap) {
				*cap = *cap ? *cap * 2 : 1024;
				*paths = realloc(*paths, *cap * sizeof(char *));
			}
			(*paths)[(*n)++] = strdup(p);
		}
	}
	closedir(d);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_bbc(const char *dir)
{
	char **paths = NULL;
	size_t n = 0, cap = 0;
	walk(dir, &paths, &n, &cap);
	qsort(paths, n, sizeof(char *), cmp_str);
	doc *docs = calloc(n, sizeof(doc));
	sr_tokenizer *t = sr_tokenizer_new();
	sr_dedup *dd = sr_dedup_new(NULL);
	double t0 = now();
	for (size_t i = 0; i < n; i++) {
		docs[i].text = slurp(paths[i], &docs[i].len);
		sr_hash128(docs[i].text, docs[i].len, docs[i].hash);
		sh_ctx c = {0};
		sr_tokenize(t, docs[i].text, docs[i].len, NULL, 0, on_tok, &c);
		qsort(c.out, c.nout, sizeof(uint64_t), cmp_u64);
		size_t k = 0;
		for (size_t x = 0; x < c.nout; x++)
			if (!k || c.out[x] != c.out[k - 1])
				c.out[k++] = c.out[x];
		docs[i].sh = c.out;
		docs[i].nsh = k;
	}
	double t1 = now();
	for (size_t i = 0; i < n; i++) {
		sr_dedup_match m;
		sr_fingerprint_text(t, docs[i].text, docs[i].len, &docs[i].fp);
		sr_dedup_add(dd, (int64_t)i + 1, 0, &docs[i].fp, &m);
		docs[i].root = m.dup_of ? m.dup_of : (int64_t)i + 1;
	}
	double t2 = now();
	size_t ident_pairs = 0, ident_found = 0, near_pairs = 0, near_found = 0, false_merges = 0;
	size_t groups = 0;
	for (size_t i = 0; i < n; i++) {
		int first_of_group = 1;
		for (size_t j = 0; j < n; j++) {
			if (j == i)
				continue;
			int same_bytes = docs[i].len == docs[j].len && !memcmp(docs[i].hash, docs[j].hash, 16);
			if (same_bytes && j < i)
				first_of_group = 0;
			if (j < i)
				continue;
			int joined = docs[i].root == docs[j].root;
			if (same_bytes) {
				ident_pairs++;
				ident_found += joined;
				continue;
			}
			if (!joined && docs[i].fp.minhash[0] != docs[j].fp.minhash[0] &&
			    docs[i].fp.minhash[1] != docs[j].fp.minhash[1] && docs[i].fp.minhash[2] != docs[j].fp.minhash[2])
				continue; /* clearly apart: skip the exact Jaccard */
			double jac = jaccard(&docs[i], &docs[j]);
			if (jac >= 0.8) {
				near_pairs++;
				near_found += joined;
			} else if (joined) {
				false_merges++;
			}
		}
		int has_copy = 0;
		for (size_t j = 0; j < n && first_of_group; j++)
			if (j != i && docs[i].len == docs[j].len && !memcmp(docs[i].hash, docs[j].hash, 16))
				has_copy = 1;
		groups += first_of_group && has_copy;
	}
	printf("bbc-news: %zu articles\n", n);
	printf("byte-identical: %zu groups, %zu pairs, %zu pairs found (%.1f%%)\n", groups, ident_pairs,
	       ident_found, ident_pairs ? 100.0 * (double)ident_found / (double)ident_pairs : 100.0);
	printf("near-duplicate pairs (word 5-shingle Jaccard >= 0.8, not identical): %zu, found %zu (%.1f%%)\n",
	       near_pairs, near_found, near_pairs ? 100.0 * (double)near_found / (double)near_pairs : 100.0);
	printf("false merges (pairs joined with Jaccard < 0.8): %zu\n", false_merges);
	printf("dedup time: %.3f s for %zu articles (%.0f/s); shingling for the exact check %.3f s\n", t2 - t1, n,
	       (double)n / (t2 - t1), t1 - t0);
	sr_dedup_free(dd);
	sr_tokenizer_free(t);
	for (size_t i = 0; i < n; i++) {
		free(docs[i].text);
		free(docs[i].sh);
		free(paths[i]);
	}
	free(docs);
	free(paths);
	return 0;
}

/* ---- Reuters: speed ---- */

typedef struct rdoc {
	char *title, *body;
	int64_t time;
} rdoc;

static char *between(const char *s, const char *end, const char *open, const char *close)
{
	const char *a = strstr(s, open);
	if (!a || a > end)
		return NULL;
	a += strlen(open);
	const char *b = strstr(a, close);
	if (!b || b > end)
		return NULL;
	char *r = malloc((size_t)(b - a) + 1);
	memcpy(r, a, (size_t)(b - a));
	r[b - a] = '\0';
	return r;
}

static int64_t reuters_time(const char *s)
{
	static const char *mon[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
	int d, y, hh = 0, mm = 0, ss = 0;
	char m[4] = {0};
	if (sscanf(s, " %d-%3s-%d %d:%d:%d", &d, m, &y, &hh, &mm, &ss) < 3)
		return 0;
	struct tm tm = {.tm_mday = d, .tm_year = y - 1900, .tm_hour = hh, .tm_min = mm, .tm_sec = ss};
	for (int i = 0; i < 12; i++)
		if (!strcmp(m, mon[i]))
			tm.tm_mon = i;
	return (int64_t)timegm(&tm);
}

static int run_reuters(const char *dir, sr_cluster_opts co)
{
	size_t n = 0, cap = 0, bytes = 0;
	rdoc *docs = NULL;
	int nfiles = getenv("REUTERS_FILES") ? atoi(getenv("REUTERS_FILES")) : 22;
	for (int f = 0; f < nfiles && f < 22; f++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/reut2-%03d.sgm", dir, f);
		char *s = slurp(path, NULL);
		if (!s)
			continue;
		for (char *p = strstr(s, "<REUTERS"); p; p = strstr(p + 1, "<REUTERS")) {
			char *end = strstr(p, "</REUTERS>");
			if (!end)
				break;
			char *body = between(p, end, "<BODY>", "</BODY>");
			if (!body)
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 4096;
				docs = realloc(docs, cap * sizeof(rdoc));
			}
			char *date = between(p, end, "<DATE>", "</DATE>");
			docs[n].title = between(p, end, "<TITLE>", "</TITLE>");
			docs[n].body = body;
			docs[n].time = date ? reuters_time(date) : 0;
			bytes += strlen(body);
			free(date);
			n++;
		}
		free(s);
	}
	if (!n) {
		fprintf(stderr, "no Reuters articles under %s\n", dir);
		return 1;
	}
	sr_tokenizer *t = sr_tokenizer_new();
	sr_dedup *dd = sr_dedup_new(NULL);
	sr_clusterer *c = sr_clusterer_new(&co);
	if (!getenv("NO_BG"))
		sr_clusterer_set_background(c, sr_df_en, sr_df_en_len);
	sr_arena arena;
	sr_arena_init(&arena, 0);
	size_t dups = 0, stories = 0;
	double t0 = now();
	for (size_t i = 0; i < n; i++) {
		sr_fingerprint fp;
		sr_dedup_match m;
		sr_terms terms;
		sr_cluster_result r;
		sr_arena_reset(&arena);
		sr_fingerprint_text(t, docs[i].body, strlen(docs[i].body), &fp);
		sr_dedup_add(dd, (int64_t)i + 1, docs[i].time, &fp, &m);
		sr_story_terms(t, docs[i].title, docs[i].body, "en", &arena, &terms);
		sr_clusterer_add(c, (int64_t)i + 1, docs[i].time, &terms, m.dup_of, &r);
		dups += m.dup_of != 0;
		stories += r.is_new;
	}
	double el = now() - t0;
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("reuters21578: %zu articles with a body, %.1f MB of text\n", n, (double)bytes / 1e6);
	printf("fingerprint + dedup + terms + clustering: %.3f s, %.0f articles/s (one core)\n", el, (double)n / el);
	printf("duplicates %zu, stories %zu, active stories at the end %zu\n", dups, stories, sr_clusterer_active(c));
	printf("memory held: dedup index %.1f MB, clusterer %.1f MB; peak RSS %.1f MB\n",
	       (double)sr_dedup_memory(dd) / 1e6, (double)sr_clusterer_memory(c) / 1e6, (double)ru.ru_maxrss / 1e3);
	for (size_t i = 0; i < n; i++) {
		free(docs[i].title);
		free(docs[i].body);
	}
	free(docs);
	sr_arena_release(&arena);
	sr_dedup_free(dd);
	sr_clusterer_free(c);
	sr_tokenizer_free(t);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: eval_stories giveme|bbc|reuters DIR [THRESHOLD [GRACE_DAYS [DECAY_DAYS [QUIET_DAYS]]]]\n");
		return 2;
	}
	if (!strcmp(argv[1], "giveme"))
		return run_giveme(argv[2], cluster_opts(argc, argv));
	if (!strcmp(argv[1], "bbc"))
		return run_bbc(argv[2]);
	if (!strcmp(argv[1], "reuters"))
		return run_reuters(argv[2], cluster_opts(argc, argv));
	fprintf(stderr, "unknown mode %s\n", argv[1]);
	return 2;
}
