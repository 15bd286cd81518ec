/*
 * build-df.c - the background document frequencies of English terms, for story clustering.
 *
 * Reads plain-text articles (one file each; the first line is the title) and Reuters-21578
 * SGML files, counts in how many documents each term occurs (terms exactly as
 * sr_story_terms makes them: stemmed words, hashed), and writes the terms found in at
 * least 3 documents as data/df/df-en.bin:
 *
 *   "SRDF0001"                      8 bytes magic and version
 *   uint64 n_docs, uint64 n_terms   little-endian
 *   n_terms x { uint64 term_hash; uint32 df; uint32 pad } sorted by term_hash
 *
 * Only statistics leave the corpora: hashes and counts, no text.
 *   build-df OUT FILE_OR_DIR...     (.sgm files are read as Reuters SGML)
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analyze/tokenize.h"
#include "base/arena.h"
#include "base/hmap.h"
#include "story/cluster.h"

static sr_hmap df;
static uint64_t n_docs;
static sr_tokenizer *tok;
static sr_arena arena;

static void count(const char *title, const char *body)
{
	sr_terms t;
	sr_arena_reset(&arena);
	if (sr_story_terms(tok, title, body, "en", &arena, &t))
		return;
	for (size_t i = 0; i < t.n; i++)
		(*sr_hmap_put(&df, t.term[i], NULL))++;
	n_docs++;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *p = malloc((size_t)n + 1);
	if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
		free(p);
		p = NULL;
	}
	if (p)
		p[n] = '\0';
	fclose(f);
	return p;
}

static char *between(const char *s, const char *end, const char *open, const char *close)
{
	const char *a = strstr(s, open);
	if (!a || a > end)
		return NULL;
	a += strlen(open);
	const char *b = strstr(a, close);
	if (!b || b > end)
		return NULL;
	return strndup(a, (size_t)(b - a));
}

static void read_sgml(const char *path)
{
	char *s = slurp(path);
	if (!s)
		return;
	for (char *p = strstr(s, "<REUTERS"); p; p = strstr(p + 1, "<REUTERS")) {
		char *end = strstr(p, "</REUTERS>");
		if (!end)
			break;
		char *title = between(p, end, "<TITLE>", "</TITLE>"), *body = between(p, end, "<BODY>", "</BODY>");
		if (body)
			count(title, body);
		free(title);
		free(body);
	}
	free(s);
}

static void read_text(const char *path)
{
	char *s = slurp(path);
	if (!s)
		return;
	char *nl = strchr(s, '\n');
	if (nl)
		*nl = '\0';
	count(s, nl ? nl + 1 : "");
	free(s);
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(const char *path)
{
	struct stat st;
	if (stat(path, &st))
		return;
	if (!S_ISDIR(st.st_mode)) {
		size_t n = strlen(path);
		if (n > 4 && !strcmp(path + n - 4, ".sgm"))
			read_sgml(path);
		else if (n > 4 && !strcmp(path + n - 4, ".txt") && !strstr(path, "README"))
			read_text(path);
		return;
	}
	DIR *d = opendir(path);
	if (!d)
		return;
	char **names = NULL;
	size_t k = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		names = realloc(names, (k + 1) * sizeof(char *));
		size_t len = strlen(path) + strlen(e->d_name) + 2;
		names[k] = malloc(len);
		snprintf(names[k++], len, "%s/%s", path, e->d_name);
	}
	closedir(d);
	qsort(names, k, sizeof(char *), cmp_path);
	for (size_t i = 0; i < k; i++) {
		walk(names[i]);
		free(names[i]);
	}
	free(names);
}

typedef struct row {
	uint64_t term;
	uint32_t df, pad;
} row;

static int cmp_row(const void *a, const void *b)
{
	uint64_t x = ((const row *)a)->term, y = ((const row *)b)->term;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: build-df OUT FILE_OR_DIR...\n");
		return 2;
	}
	tok = sr_tokenizer_new();
	sr_arena_init(&arena, 0);
	sr_hmap_init(&df);
	for (int i = 2; i < argc; i++)
		walk(argv[i]);
	row *rows = malloc(df.n * sizeof(row));
	size_t n = 0;
	for (size_t i = 0; i < df.cap; i++)
		if (sr_hmap_used(&df, i) && df.vals[i] >= 3)
			rows[n++] = (row){sr_hmap_key(&df, i), (uint32_t)df.vals[i], 0};
	qsort(rows, n, sizeof(row), cmp_row);
	FILE *f = fopen(argv[1], "wb");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	uint64_t hdr[2] = {n_docs, n};
	fwrite("SRDF0001", 1, 8, f);
	fwrite(hdr, sizeof(hdr), 1, f);
	fwrite(rows, sizeof(row), n, f);
	fclose(f);
	fprintf(stderr, "build-df: %llu documents, %zu terms (df >= 3) -> %s\n", (unsigned long long)n_docs, n,
		argv[1]);
	return 0;
}
