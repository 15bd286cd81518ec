/*
 * bench_ner.c - tagging speed (tokens per second, one core) and F1 of the NER tagger.
 *
 *   bench_ner [-r SECONDS] [-s] MODEL FILE.conll
 *
 * Reads FILE (CoNLL format), tags every document once for the F1 and to warm up, then tags
 * the whole file again and again for about SECONDS (default 3) and prints the best pass's
 * tokens per second, by the wall clock and by the thread's CPU time (the second holds when
 * other jobs share the machine).  Only the tagging is timed (tokens are already split, as the pipeline
 * hands them over).  -s tags sentence by sentence (no document features across sentences).
 * Built and run by bench/bench_ner.sh.
 */
#include "analyze/ner.h"
#include "base/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time of this thread: what the tagging cost, whatever else the machine runs. */
static double cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int tag_all(sr_ner_tagger *t, const sr_ner_corpus *c, const char **tok,
		   const uint32_t *slen, int per_sentence, uint8_t *pred)
{
	for (size_t d = 0; d < c->ndoc; d++) {
		uint32_t s0 = c->doc[d], s1 = c->doc[d + 1];
		if (per_sentence) {
			for (uint32_t s = s0; s < s1; s++) {
				int rc = sr_ner_tag(t, tok + c->sent[s], NULL, slen[s], NULL, 0,
						    pred + c->sent[s]);
				if (rc < 0)
					return rc;
			}
			continue;
		}
		uint32_t a = c->sent[s0], b = c->sent[s1];
		int rc = sr_ner_tag(t, tok + a, NULL, b - a, slen + s0, s1 - s0, pred + a);
		if (rc < 0)
			return rc;
	}
	return SR_OK;
}

int main(int argc, char **argv)
{
	double secs = 3;
	int per_sentence = 0, a = 1;
	while (a < argc && argv[a][0] == '-') {
		if (strcmp(argv[a], "-r") == 0 && a + 1 < argc)
			secs = atof(argv[++a]);
		else if (strcmp(argv[a], "-s") == 0)
			per_sentence = 1;
		else
			break;
		a++;
	}
	if (argc - a != 2) {
		fprintf(stderr, "usage: bench_ner [-r SECONDS] [-s] MODEL FILE.conll\n");
		return 2;
	}
	sr_ner_model *m;
	int rc = sr_ner_model_open(argv[a], &m);
	if (rc < 0) {
		fprintf(stderr, "bench_ner: %s: %s\n", argv[a], sr_strerror(rc));
		return 1;
	}
	sr_ner_corpus c;
	if ((rc = sr_ner_corpus_read(argv[a + 1], (size_t)1 << 30, &c, NULL)) < 0) {
		fprintf(stderr, "bench_ner: %s: %s\n", argv[a + 1], sr_strerror(rc));
		return 1;
	}
	const char **tok = malloc(c.ntok * sizeof *tok);
	uint32_t *slen = malloc(c.nsent * sizeof *slen);
	uint8_t *pred = malloc(c.ntok);
	sr_ner_tagger *t = sr_ner_tagger_new(m);
	if (!tok || !slen || !pred || !t)
		return 1;
	for (size_t i = 0; i < c.ntok; i++)
		tok[i] = c.text + c.tok[i];
	for (size_t s = 0; s < c.nsent; s++)
		slen[s] = c.sent[s + 1] - c.sent[s];
	if ((rc = tag_all(t, &c, tok, slen, per_sentence, pred)) < 0) {
		fprintf(stderr, "bench_ner: %s\n", sr_strerror(rc));
		return 1;
	}
	sr_ner_counts k;
	memset(&k, 0, sizeof k);
	for (size_t s = 0; s < c.nsent; s++)
		sr_ner_counts_add(&k, c.gold + c.sent[s], pred + c.sent[s], slen[s], 0);
	double p, r, f1;
	sr_ner_prf(&k, SR_NER_NTYPES, &p, &r, &f1);
	double best = 1e30, bestcpu = 1e30, total = 0;
	int passes = 0;
	while (total < secs || passes < 3) {
		double t0 = now(), c0 = cpu();
		tag_all(t, &c, tok, slen, per_sentence, pred);
		double dt = now() - t0, dc = cpu() - c0;
		total += dt;
		passes++;
		if (dt < best)
			best = dt;
		if (dc < bestcpu)
			bestcpu = dc;
	}
	printf("sitrep-ner  %s: %zu tokens, %zu documents; F1 %.2f (P %.2f R %.2f); "
	       "%.0f tokens/s wall, %.0f tokens per CPU second (best of %d passes, %s)\n",
	       argv[a + 1], c.ntok, c.ndoc, 100 * f1, 100 * p, 100 * r, (double)c.ntok / best,
	       (double)c.ntok / bestcpu, passes,
	       per_sentence ? "sentence by sentence" : "document at a time");
	sr_ner_tagger_free(t);
	sr_ner_model_close(m);
	sr_ner_corpus_release(&c);
	free(tok);
	free(slen);
	free(pred);
	return 0;
}
