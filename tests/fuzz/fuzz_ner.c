/* Fuzz the NER input paths: the tokenizer (spans in order, inside the input, never empty or
 * holding white space), the CoNLL reader (offsets in order, labels well formed) and the model
 * loader (any bytes: a model or SR_EPARSE, and a loaded model tags without crashing). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/ner.h"
#include "base/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct spans {
	const char *s;
	size_t n, last;
	const char *tok[64];
	size_t len[64];
	size_t ntok;
} spans;

static int on_tok(void *ctx, size_t a, size_t b)
{
	spans *p = ctx;
	if (a >= b || b > p->n || a < p->last)
		abort();
	for (size_t i = a; i < b; i++)
		if (p->s[i] == ' ' || p->s[i] == '\n' || p->s[i] == '\t')
			abort();
	p->last = b;
	if (p->ntok < 64) {
		p->tok[p->ntok] = p->s + a;
		p->len[p->ntok++] = b - a;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	spans sp = { s, size, 0, { 0 }, { 0 }, 0 };
	if (sr_ner_tokenize(s, size, on_tok, &sp) != SR_OK)
		abort();

	sr_ner_corpus c;
	int rc = sr_ner_corpus_parse(s, size, &c, NULL);
	if (rc == SR_OK) {
		if (c.sent[0] != 0 || c.sent[c.nsent] != c.ntok || c.doc[c.ndoc] != c.nsent)
			abort();
		for (size_t i = 0; i < c.nsent; i++)
			if (c.sent[i] >= c.sent[i + 1])
				abort();
		for (size_t i = 0; i < c.ntok; i++)
			if (c.gold[i] >= SR_NER_NLABELS)
				abort();
		sr_ner_counts k;
		memset(&k, 0, sizeof k);
		for (size_t i = 0; i < c.nsent; i++)
			sr_ner_counts_add(&k, c.gold + c.sent[i], c.gold + c.sent[i],
					  c.sent[i + 1] - c.sent[i], 0);
		if (k.correct[SR_NER_NTYPES] != k.gold[SR_NER_NTYPES])
			abort();
	}
	sr_ner_corpus_release(&c);

	/* the bytes as a model image (copied: the loader wants 8-byte alignment) */
	void *img = malloc(size + 64);
	if (!img)
		return 0;
	memcpy(img, data, size);
	sr_ner_model *m;
	if (sr_ner_model_from_memory(img, size, &m) == SR_OK) {
		uint8_t lab[64];
		sr_ner_tagger *t = sr_ner_tagger_new(m);
		if (t && sp.ntok)
			sr_ner_tag(t, sp.tok, sp.len, sp.ntok, NULL, 0, lab);
		sr_ner_tagger_free(t);
		sr_ner_model_close(m);
	}
	free(img);
	return 0;
}
