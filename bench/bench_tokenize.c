/*
 * bench_tokenize.c - tokenizer throughput on one file.
 *
 * Build (after `make BUILD=build-tok build-tok/libsitrep.a`):
 *   cc -std=c11 -O2 -Ilib -include lib/base/banned.h -o build-tok/bench_tokenize \
 *     bench/bench_tokenize.c build-tok/libsitrep.a -lutf8proc -lstemmer
 * Run:
 *   build-tok/bench_tokenize FILE [LANG] [--nostem] [--all] [--print] [--repeat N]
 *
 * Reads FILE into memory, tokenizes it N times (default: enough for about a second of
 * work, at least 3) with one tokenizer, and prints MB/s of input and tokens/s for the
 * best pass.  --print writes the tokens of one pass instead, one per line
 * ("token<TAB>start<TAB>end", colocated ones prefixed by "+"), for eyeballing.
 */
#define _POSIX_C_SOURCE 200809L
#include "analyze/tokenize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int count_tok(void *ctx, const char *tok, size_t len, size_t start, size_t end,
		     int colocated)
{
	(void)tok; (void)len; (void)start; (void)end; (void)colocated;
	(*(size_t *)ctx)++;
	return 0;
}

static int print_tok(void *ctx, const char *tok, size_t len, size_t start, size_t end,
		     int colocated)
{
	(void)ctx;
	printf("%s%.*s\t%zu\t%zu\n", colocated ? "+" : "", (int)len, tok, start, end);
	return 0;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	const char *path = NULL, *lang = NULL;
	unsigned flags = SR_TOK_STEM;
	int print = 0, repeat = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--nostem") == 0)
			flags = 0;
		else if (strcmp(argv[i], "--all") == 0)
			flags = SR_TOK_STEM | SR_TOK_ALL_STEMS;
		else if (strcmp(argv[i], "--print") == 0)
			print = 1;
		else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
			repeat = atoi(argv[++i]);
		else if (!path)
			path = argv[i];
		else
			lang = argv[i];
	}
	if (!path) {
		fprintf(stderr, "usage: %s FILE [LANG] [--nostem] [--all] [--print] [--repeat N]\n",
			argv[0]);
		return 2;
	}
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 1;
	}
	fseek(f, 0, SEEK_END);
	long sz = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc(sz > 0 ? (size_t)sz : 1);
	if (!buf || fread(buf, 1, (size_t)sz, f) != (size_t)sz) {
		fprintf(stderr, "%s: cannot read\n", path);
		return 1;
	}
	fclose(f);
	sr_tokenizer *t = sr_tokenizer_new();
	if (!t) {
		fprintf(stderr, "out of memory\n");
		return 1;
	}
	if (print) {
		int rc = sr_tokenize(t, buf, (size_t)sz, lang, flags, print_tok, NULL);
		sr_tokenizer_free(t);
		free(buf);
		return rc ? 1 : 0;
	}
	double best = 1e30, total = 0;
	size_t ntok = 0;
	for (int pass = 0; repeat ? pass < repeat : (pass < 3 || total < 1.0); pass++) {
		size_t n = 0;
		double t0 = now();
		if (sr_tokenize(t, buf, (size_t)sz, lang, flags, count_tok, &n)) {
			fprintf(stderr, "tokenize failed\n");
			return 1;
		}
		double dt = now() - t0;
		total += dt;
		if (dt < best)
			best = dt;
		ntok = n;
	}
	printf("%s: %.1f MB in %.3f s: %.1f MB/s, %.1f M tokens/s (%zu tokens, lang %s, %s)\n",
	       path, (double)sz / 1e6, best, (double)sz / 1e6 / best, (double)ntok / 1e6 / best,
	       ntok, lang ? lang : "en",
	       flags & SR_TOK_ALL_STEMS ? "all stems" : flags ? "stemmed" : "not stemmed");
	sr_tokenizer_free(t);
	free(buf);
	return 0;
}
