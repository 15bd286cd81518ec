/*
 * test_ner.c - the named-entity tagger: tokenizer, CoNLL reading, scoring arithmetic,
 * features, decoding, Brown clustering, and a tiny model trained here, saved, mmapped and
 * used.  The training fixture tests/fixtures/ner/tiny.conll is made-up text written for this
 * test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyze/brown.h"
#include "analyze/ner.h"
#include "analyze/ner_int.h"
#include "base/err.h"

/* ---- Tokenizer --------------------------------------------------------------------------- */

typedef struct toks {
	const char *text;
	char out[64][32];
	int n;
} toks;

static int on_tok(void *ctx, size_t s, size_t e)
{
	toks *t = ctx;
	if (t->n < 64 && e - s < 32) {
		memcpy(t->out[t->n], t->text + s, e - s);
		t->out[t->n][e - s] = 0;
	}
	t->n++;
	return 0;
}

static void check_tokens(const char *text, const char *const *want)
{
	toks t;
	memset(&t, 0, sizeof t);
	t.text = text;
	assert_int_equal(sr_ner_tokenize(text, strlen(text), on_tok, &t), SR_OK);
	int n = 0;
	while (want[n])
		n++;
	for (int i = 0; i < n && i < t.n; i++)
		assert_string_equal(t.out[i], want[i]);
	assert_int_equal(t.n, n);
}

static void test_tokenize(void **state)
{
	(void)state;
	static const char *const a[] = { "NATO", "'s", "chief", ",", "Jens", "Stoltenberg", ",",
					 "said", "(", "on", "Monday", ")", "the", "U.S.", "would",
					 "pay", "$", "1,200.50", ".", NULL };
	check_tokens("NATO's chief, Jens Stoltenberg, said (on Monday) the U.S. would pay "
		     "$1,200.50.", a);
	static const char *const b[] = { "\"", "We", "do", "n't", "know", ",", "\"", "said",
					 "Mr.", "Smith", "of", "Acme", "Corp.", "in", "Anglo-Dutch",
					 "talks", "on", "1996-08-22", "...", NULL };
	check_tokens("\"We don't know,\" said Mr. Smith of Acme Corp. in Anglo-Dutch talks "
		     "on 1996-08-22...", b);
	static const char *const c[] = { "\xE2\x80\x9C", "Amman", "\xE2\x80\x99s", "mayor",
					 "\xE2\x80\x9D", "spoke", "!", NULL };
	check_tokens("\xE2\x80\x9C" "Amman\xE2\x80\x99s mayor\xE2\x80\x9D spoke!", c);
	static const char *const d[] = { NULL };
	check_tokens("   \n\t ", d);
}

/* ---- CoNLL reading ----------------------------------------------------------------------- */

#define L(t, p) SR_NER_LABEL(SR_NER_##t, SR_NER_##p)

static void test_corpus_iob1(void **state)
{
	(void)state;
	/* IOB1: I- starts an entity after O; B- only between two touching entities of a type */
	const char *data = "EU NNP I-NP I-ORG\n"
			   "rejects VBZ I-VP O\n"
			   "Peter NNP I-NP I-PER\n"
			   "Blackburn NNP I-NP I-PER\n"
			   "John NNP I-NP B-PER\n"
			   ". . O O\n"
			   "\n"
			   "-DOCSTART- -X- -X- O\n"
			   "\n"
			   "New NNP I-NP I-LOC\n"
			   "York NNP I-NP I-LOC\n"
			   "Times NNP I-NP I-ORG\n";
	sr_ner_corpus c;
	assert_int_equal(sr_ner_corpus_parse(data, strlen(data), &c, NULL), SR_OK);
	assert_int_equal(c.ntok, 9);
	assert_int_equal(c.nsent, 2);
	assert_int_equal(c.ndoc, 2);
	const uint8_t want[9] = { L(ORG, U), SR_NER_O, L(PER, B), L(PER, L), L(PER, U), SR_NER_O,
				  L(LOC, B), L(LOC, L), L(ORG, U) };
	assert_memory_equal(c.gold, want, 9);
	assert_string_equal(c.text + c.tok[3], "Blackburn");
	assert_string_equal(c.text + c.tag[4], "B-PER");
	sr_ner_corpus_release(&c);
}

static void test_corpus_iob2_uner(void **state)
{
	(void)state;
	/* the UNER layout: index, token, IOB2 tag, other columns; comment lines */
	const char *data = "# newdoc id = a\n"
			   "# sent_id = a-1\n"
			   "# text = in tampa bay , Ann\n"
			   "1\tin\tO\t-\t-\n"
			   "2\ttampa\tB-LOC\t-\tx\n"
			   "3\tbay\tI-LOC\t-\tx\n"
			   "4\t,\tO\t-\t-\n"
			   "5\tAnn\tB-PER\t-\tx\n"
			   "\n"
			   "# newdoc id = b\n"
			   "1\tHi\tO\t-\t-\n";
	sr_ner_corpus c;
	assert_int_equal(sr_ner_corpus_parse(data, strlen(data), &c, NULL), SR_OK);
	assert_int_equal(c.ntok, 6);
	assert_int_equal(c.nsent, 2);
	assert_int_equal(c.ndoc, 2);
	const uint8_t want[6] = { SR_NER_O, L(LOC, B), L(LOC, L), SR_NER_O, L(PER, U), SR_NER_O };
	assert_memory_equal(c.gold, want, 6);
	assert_string_equal(c.text + c.tok[1], "tampa");
	sr_ner_corpus_release(&c);

	/* a line without a tag is an error with its line number */
	size_t line = 0;
	const char *bad = "a O\nb\n";
	assert_int_equal(sr_ner_corpus_parse(bad, strlen(bad), &c, &line), SR_EPARSE);
	assert_int_equal(line, 2);
}

/* ---- Scoring ----------------------------------------------------------------------------- */

static void test_eval_arithmetic(void **state)
{
	(void)state;
	/* gold: [PER 0-2) [LOC 3] [ORG 5-7)      pred: [PER 0-2) [ORG 3] [ORG 5-6) [MISC 8] */
	const uint8_t gold[9] = { L(PER, B), L(PER, L), 0, L(LOC, U), 0, L(ORG, B), L(ORG, L), 0,
				  0 };
	const uint8_t pred[9] = { L(PER, B), L(PER, L), 0, L(ORG, U), 0, L(ORG, U), 0, 0,
				  L(MISC, U) };
	sr_ner_counts k;
	memset(&k, 0, sizeof k);
	assert_int_equal(sr_ner_counts_add(&k, gold, pred, 9, 0), SR_OK);
	assert_int_equal(k.gold[SR_NER_NTYPES], 3);
	assert_int_equal(k.pred[SR_NER_NTYPES], 4);
	assert_int_equal(k.correct[SR_NER_NTYPES], 1);
	double p, r, f;
	sr_ner_prf(&k, SR_NER_NTYPES, &p, &r, &f);
	assert_true(fabs(p - 0.25) < 1e-12);
	assert_true(fabs(r - 1.0 / 3) < 1e-12);
	assert_true(fabs(f - 2 * 0.25 * (1.0 / 3) / (0.25 + 1.0 / 3)) < 1e-12);
	sr_ner_prf(&k, SR_NER_PER, &p, &r, &f);
	assert_true(p == 1 && r == 1 && f == 1);
	sr_ner_prf(&k, SR_NER_ORG, &p, &r, &f);
	assert_true(p == 0 && r == 0 && f == 0);
	assert_int_equal(k.tokens, 9);
	assert_int_equal(k.tokens_correct, 5);

	/* restricted to PER, ORG, LOC: the MISC guess no longer counts */
	memset(&k, 0, sizeof k);
	sr_ner_counts_add(&k, gold, pred, 9, 7);
	assert_int_equal(k.pred[SR_NER_NTYPES], 3);
	sr_ner_prf(&k, SR_NER_NTYPES, &p, &r, &f);
	assert_true(fabs(p - 1.0 / 3) < 1e-12);
}

static int count_span(void *ctx, const sr_ner_span *s)
{
	int *n = ctx;
	(void)s;
	(*n)++;
	return 0;
}

static void test_spans_lenient(void **state)
{
	(void)state;
	/* I without B starts an entity; B B are two; a type change ends one */
	const uint8_t l[6] = { L(PER, I), L(PER, L), L(LOC, B), L(LOC, B), L(ORG, I), 0 };
	int n = 0;
	sr_ner_spans(l, 6, count_span, &n);
	assert_int_equal(n, 4);
}

/* ---- Features ---------------------------------------------------------------------------- */

static void test_token_features(void **state)
{
	(void)state;
	ner_tok a, b, c;
	ner_tok_init(&a, "Stoltenberg", 11, NULL);
	ner_tok_init(&b, "STOLTENBERG", 11, NULL);
	ner_tok_init(&c, "stoltenberg", 11, NULL);
	assert_int_equal(a.cap, NER_CAP_INIT);
	assert_int_equal(b.cap, NER_CAP_ALL);
	assert_int_equal(c.cap, NER_CAP_LOWER);
	assert_true(a.hl == b.hl && b.hl == c.hl);          /* same lowercase form */
	assert_true(a.hw != b.hw && a.hshape != b.hshape);  /* different form and shape */
	assert_true(a.suf[2] == c.suf[2] && a.pre[3] == b.pre[3]);
	ner_tok_init(&a, "1996-08-22", 10, NULL);
	ner_tok_init(&b, "2001-12-01", 10, NULL);
	assert_int_equal(a.cap, NER_CAP_DIGIT);
	assert_true(a.hshape == b.hshape); /* "d-d-d" */
	ner_tok_init(&a, "U.S.", 4, NULL);
	assert_int_equal(a.cap, NER_CAP_ALL);
	ner_tok_init(&a, "\xC3\x89mile", 6, NULL); /* Émile */
	assert_int_equal(a.cap, NER_CAP_INIT);
	ner_tok_init(&a, ",", 1, NULL);
	assert_int_equal(a.cap, NER_CAP_PUNCT);

	/* the word table: a word in capitals finds its Title-case cluster */
	ner_word tab[16];
	memset(tab, 0, sizeof tab);
	uint64_t key = ner_word_key("Paris", 5);
	tab[key & 15] = (ner_word){ key, 0x2d, 7, 6, 2 };
	ner_words w = { tab, 15 };
	ner_tok_init(&a, "PARIS", 5, &w);
	assert_int_equal(a.cl[4], 0x80000000u | 7);
	assert_int_equal(a.cl[0], (4u << 24) | (0x2d >> 2));
	assert_int_equal(a.lcshare, 2);
	ner_tok_init(&b, "Lyon", 4, &w);
	assert_int_equal(b.cl[4], 0);

	/* features: a fixed count for a plain token, all rows inside the table */
	ner_tok s[7];
	ner_tok_pad(&s[0], 0);
	ner_tok_pad(&s[1], 0);
	ner_tok_init(&s[2], "Jens", 4, NULL);
	ner_tok_init(&s[3], "said", 4, NULL);
	ner_tok_init(&s[4], ".", 1, NULL);
	ner_tok_pad(&s[5], 1);
	ner_tok_pad(&s[6], 1);
	uint32_t rows[NER_MAXF], rows2[NER_MAXF];
	ner_sent si = ner_sent_info(s + 2, 3);
	assert_int_equal(si.allcaps, 0);
	size_t nf = ner_features(s + 2, 0, 3, si, 12, rows);
	assert_true(nf >= 30 && nf <= NER_MAXF);
	for (size_t i = 0; i < nf; i++)
		assert_true(rows[i] < 4096);
	assert_int_equal(ner_features(s + 2, 0, 3, si, 12, rows2), nf);
	assert_memory_equal(rows, rows2, nf * sizeof *rows);
	/* a different neighbour changes some features but not the word's own */
	ner_tok_init(&s[3], "told", 4, NULL);
	ner_features(s + 2, 0, 3, si, 12, rows2);
	assert_int_equal(rows[1], rows2[1]);
	assert_true(memcmp(rows, rows2, nf * sizeof *rows) != 0);
}

static void test_gazetteer_marks(void **state)
{
	(void)state;
	ner_tok t[4];
	ner_tok_init(&t[0], "New", 3, NULL);
	ner_tok_init(&t[1], "York", 4, NULL);
	ner_tok_init(&t[2], "is", 2, NULL);
	ner_tok_init(&t[3], "big", 3, NULL);
	ner_gazent e[64];
	memset(e, 0, sizeof e);
	uint64_t h1 = ner_gaz_step(0, t[0].hl), h2 = ner_gaz_step(h1, t[1].hl);
	e[h1 & 63] = (ner_gazent){ h1, 0, 0, { 0 } };                          /* prefix */
	uint32_t s2 = (uint32_t)h2 & 63;
	while (e[s2].key)
		s2 = (s2 + 1) & 63;
	e[s2] = (ner_gazent){ h2, 1u << SR_NER_LOC, SR_NER_LOC + 1, { 0 } };
	ner_gaz g = { e, 63, 2 };
	ner_gaz_mark(&g, t, 4);
	assert_int_equal(t[0].ngaz, 2); /* LOC-B, dominant LOC-B */
	assert_int_equal(t[0].gaz[0], 1 + 4 * SR_NER_LOC + SR_NER_B);
	assert_int_equal(t[1].gaz[0], 1 + 4 * SR_NER_LOC + SR_NER_L);
	assert_int_equal(t[2].ngaz, 0);
}

/* ---- Decoding ---------------------------------------------------------------------------- */

static void test_viterbi_constraints(void **state)
{
	(void)state;
	/* Emissions alone would say "I-PER O": an I without its B.  Viterbi must produce a
	 * well-formed sequence; with these scores the best one is U-PER O. */
	float emit[2 * SR_NER_NLABELS], trans[18 * 17], fin[17];
	memset(emit, 0, sizeof emit);
	memset(trans, 0, sizeof trans);
	memset(fin, 0, sizeof fin);
	emit[L(PER, I)] = 5;
	emit[L(PER, U)] = 3;
	emit[SR_NER_NLABELS + SR_NER_O] = 2;
	uint8_t bp[2 * SR_NER_NLABELS], out[2];
	ner_viterbi(emit, 2, trans, fin, bp, out);
	assert_int_equal(out[0], L(PER, U));
	assert_int_equal(out[1], SR_NER_O);
	/* a strong B then L wins over U O */
	emit[L(PER, B)] = 4;
	emit[SR_NER_NLABELS + L(PER, L)] = 4;
	ner_viterbi(emit, 2, trans, fin, bp, out);
	assert_int_equal(out[0], L(PER, B));
	assert_int_equal(out[1], L(PER, L));
	/* the transition table */
	assert_true(ner_allowed(17, L(ORG, B)));
	assert_false(ner_allowed(17, L(ORG, I)));
	assert_false(ner_allowed(L(ORG, B), L(PER, L)));
	assert_true(ner_allowed(L(ORG, I), L(ORG, L)));
	assert_false(ner_allowed(L(ORG, B), 17));
	assert_true(ner_allowed(L(ORG, U), 17));
}

/* ---- Brown clustering -------------------------------------------------------------------- */

static void test_brown_small(void **state)
{
	(void)state;
	/* words 0-1 are determiners, 2-4 nouns, 5-6 verbs: "DET NOUN VERB DET NOUN ." */
	uint32_t seq[6000];
	size_t n = 0;
	uint64_t r = 7;
	for (int s = 0; s < 1000; s++) {
		r = r * 6364136223846793005ULL + 1442695040888963407ULL;
		seq[n++] = (uint32_t)(r >> 40) % 2;
		seq[n++] = 2 + (uint32_t)(r >> 45) % 3;
		seq[n++] = 5 + (uint32_t)(r >> 50) % 2;
		seq[n++] = (uint32_t)(r >> 52) % 2;
		seq[n++] = 2 + (uint32_t)(r >> 55) % 3;
		seq[n++] = SR_BROWN_NONE;
	}
	uint64_t path[7];
	uint8_t plen[7];
	assert_int_equal(sr_brown_cluster(seq, n, 7, 3, path, plen, NULL, NULL), SR_OK);
	/* with 3 clusters, the three classes come out whole */
	assert_true(plen[0] == plen[1] && path[0] == path[1]);
	assert_true(plen[2] == plen[3] && path[2] == path[3] && path[3] == path[4]);
	assert_true(plen[5] == plen[6] && path[5] == path[6]);
	assert_false(plen[0] == plen[2] && path[0] == path[2]);
	assert_false(plen[2] == plen[5] && path[2] == path[5]);
	/* deterministic */
	uint64_t path2[7];
	uint8_t plen2[7];
	sr_brown_cluster(seq, n, 7, 3, path2, plen2, NULL, NULL);
	assert_memory_equal(path, path2, sizeof path);
	assert_int_equal(sr_brown_cluster(seq, n, 7, 1, path, plen, NULL, NULL), SR_EINVAL);
}

/* ---- A tiny model, end to end ------------------------------------------------------------ */

static const char *fixture(void)
{
	static char path[4096];
	static const char *const dirs[] = { "", "../", "../../", "../../../", NULL };
	const char *root = getenv("SITREP_ROOT");
	if (root) {
		snprintf(path, sizeof path, "%s/tests/fixtures/ner/tiny.conll", root);
		if (access(path, R_OK) == 0)
			return path;
	}
	for (int i = 0; dirs[i]; i++) {
		snprintf(path, sizeof path, "%stests/fixtures/ner/tiny.conll", dirs[i]);
		if (access(path, R_OK) == 0)
			return path;
	}
	return NULL;
}

static void test_tiny_model(void **state)
{
	(void)state;
	const char *fx = fixture();
	assert_non_null(fx);
	sr_ner_corpus c;
	assert_int_equal(sr_ner_corpus_read(fx, 1 << 20, &c, NULL), SR_OK);
	assert_int_equal(c.nsent, 30);
	assert_int_equal(c.ndoc, 3);
	char model[] = "/tmp/sitrep-test-ner-XXXXXX";
	int fd = mkstemp(model);
	assert_true(fd >= 0);
	close(fd);
	sr_ner_train_opts o;
	memset(&o, 0, sizeof o);
	o.epochs = 10;
	o.seed = 3;
	o.table_bits = 14;
	o.folds = 3;
	o.stages = 2;
	assert_int_equal(sr_ner_train(&c, NULL, &o, model), SR_OK);

	/* mmap it and tag a sentence made of known names in a new order */
	sr_ner_model *m;
	assert_int_equal(sr_ner_model_open(model, &m), SR_OK);
	assert_non_null(strstr(sr_ner_model_info(m), "averaged perceptron"));
	const char *s[] = { "Anna", "Weiss", "visited", "Oslo", "on", "Friday", "." };
	uint8_t lab[7];
	assert_int_equal(sr_ner_tag_sentence(m, s, 7, lab), SR_OK);
	assert_int_equal(lab[0], L(PER, B));
	assert_int_equal(lab[1], L(PER, L));
	assert_int_equal(lab[2], SR_NER_O);
	assert_int_equal(lab[3], L(LOC, U));
	assert_int_equal(lab[6], SR_NER_O);

	/* the training data itself is tagged almost perfectly */
	sr_ner_tagger *t = sr_ner_tagger_new(m);
	assert_non_null(t);
	uint8_t *pred = malloc(c.ntok);
	const char **tk = malloc(c.ntok * sizeof *tk);
	uint32_t *sl = malloc(c.nsent * sizeof *sl);
	for (size_t i = 0; i < c.ntok; i++)
		tk[i] = c.text + c.tok[i];
	for (size_t i = 0; i < c.nsent; i++)
		sl[i] = c.sent[i + 1] - c.sent[i];
	assert_int_equal(sr_ner_tag(t, tk, NULL, c.ntok, sl, c.nsent, pred), SR_OK);
	sr_ner_counts k;
	memset(&k, 0, sizeof k);
	sr_ner_counts_add(&k, c.gold, pred, c.ntok, 0);
	double f1;
	sr_ner_prf(&k, SR_NER_NTYPES, NULL, NULL, &f1);
	assert_true(f1 > 0.95);

	/* the same bytes from memory give the same labels */
	FILE *f = fopen(model, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	void *img = aligned_alloc(64, ((size_t)n + 63) & ~(size_t)63);
	assert_int_equal(fread(img, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	sr_ner_model *m2;
	assert_int_equal(sr_ner_model_from_memory(img, (size_t)n, &m2), SR_OK);
	uint8_t lab2[7];
	assert_int_equal(sr_ner_tag_sentence(m2, s, 7, lab2), SR_OK);
	assert_memory_equal(lab, lab2, 7);
	sr_ner_model_close(m2);

	/* a damaged header or a truncated file is refused */
	((unsigned char *)img)[40] ^= 1;
	assert_int_equal(sr_ner_model_from_memory(img, (size_t)n, &m2), SR_EPARSE);
	((unsigned char *)img)[40] ^= 1;
	assert_int_equal(sr_ner_model_from_memory(img, (size_t)n - 64, &m2), SR_EPARSE);
	assert_int_equal(sr_ner_model_from_memory(img, 10, &m2), SR_EPARSE);

	/* argument checks */
	assert_int_equal(sr_ner_tag(t, tk, NULL, 3, sl, 1, pred), SR_EINVAL); /* sum != n */
	assert_int_equal(sr_ner_tag(t, NULL, NULL, 0, NULL, 0, NULL), SR_OK);

	/* same seed, same model, byte for byte */
	char model2[] = "/tmp/sitrep-test-ner-XXXXXX";
	fd = mkstemp(model2);
	close(fd);
	assert_int_equal(sr_ner_train(&c, NULL, &o, model2), SR_OK);
	f = fopen(model2, "rb");
	void *img2 = malloc((size_t)n);
	assert_int_equal(fread(img2, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	assert_memory_equal(img, img2, (size_t)n);

	free(img);
	free(img2);
	free(pred);
	free(tk);
	free(sl);
	sr_ner_tagger_free(t);
	sr_ner_model_close(m);
	sr_ner_corpus_release(&c);
	remove(model);
	remove(model2);
	assert_int_equal(sr_ner_model_open("/nonexistent/ner.model", &m), SR_EIO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tokenize),
		cmocka_unit_test(test_corpus_iob1),
		cmocka_unit_test(test_corpus_iob2_uner),
		cmocka_unit_test(test_eval_arithmetic),
		cmocka_unit_test(test_spans_lenient),
		cmocka_unit_test(test_token_features),
		cmocka_unit_test(test_gazetteer_marks),
		cmocka_unit_test(test_viterbi_constraints),
		cmocka_unit_test(test_brown_small),
		cmocka_unit_test(test_tiny_model),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
