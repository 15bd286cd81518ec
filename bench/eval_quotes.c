/*
 * eval_quotes.c - the quote finder on real articles, for bench/eval_quotes.py.
 *
 *   eval_quotes ROOT FILE...     FILE relative to ROOT (../shared/data)
 *
 * For each article: person mentions from the shipped NER model (tokens by sr_ner_tokenize,
 * sentences cut after . ! ? tokens and at blank lines, PER entities mapped back to byte
 * spans; mentions sharing their last word share an entity index), then sr_quotes_find.
 * Prints one JSON line per quote:
 *   {"file": F, "start": S, "end": E, "speaker": "name or phrase", "sp_start": A,
 *    "sp_end": B, "how": H, "pronoun": P}
 * where speaker is the name span when there is one, else the speaker span, else "".
 * On stderr: the speed of sr_quotes_find alone (each article run 200 times; NER excluded).
 * Built by bench/eval_quotes.sh against build/libsitrep.a.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyze/ner.h"
#include "analyze/quotes.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"

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

typedef struct toks {
	const char *text;
	size_t *s, *e;
	size_t n, cap;
} toks;

static int on_tok(void *ctx, size_t a, size_t b)
{
	toks *t = ctx;
	if (t->n == t->cap) {
		size_t nc = t->cap ? 2 * t->cap : 1024;
		size_t *ns = realloc(t->s, nc * sizeof *ns);
		if (!ns)
			return SR_ENOMEM;
		t->s = ns;
		size_t *ne = realloc(t->e, nc * sizeof *ne);
		if (!ne)
			return SR_ENOMEM;
		t->e = ne;
		t->cap = nc;
	}
	t->s[t->n] = a;
	t->e[t->n++] = b;
	return 0;
}

typedef struct pers {
	sr_person_mention *m;
	size_t n;
	const toks *tk;
} pers;

static int on_span(void *ctx, const sr_ner_span *s)
{
	pers *p = ctx;
	if (s->type != SR_NER_PER)
		return 0;
	p->m[p->n].start = p->tk->s[s->start];
	p->m[p->n].end = p->tk->e[s->end - 1];
	p->m[p->n].entity = -1;
	p->n++;
	return 0;
}

static void json_str(const char *s, size_t n)
{
	putchar('"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* last word of a mention: [ws, e) */
static size_t last_word(const char *t, const sr_person_mention *m)
{
	size_t i = m->end;
	while (i > m->start && t[i - 1] != ' ')
		i--;
	return i;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: eval_quotes ROOT FILE...\n");
		return 2;
	}
	sr_buf path;
	sr_buf_init(&path, 4096);
	if (sr_ner_find_model(&path) != SR_OK) {
		fprintf(stderr, "eval_quotes: no NER model\n");
		return 1;
	}
	sr_ner_model *model;
	if (sr_ner_model_open(path.data, &model) != SR_OK) {
		fprintf(stderr, "eval_quotes: cannot open %s\n", path.data);
		return 1;
	}
	sr_ner_tagger *tagger = sr_ner_tagger_new(model);
	sr_arena arena;
	sr_arena_init(&arena, 0);
	int rc = 0;
	double secs = 0, bytes = 0;
	for (int a = 2; a < argc; a++) {
		char full[4096];
		snprintf(full, sizeof full, "%s/%s", argv[1], argv[a]);
		size_t len;
		char *text = slurp(full, &len);
		if (!text) {
			fprintf(stderr, "eval_quotes: cannot read %s\n", full);
			rc = 1;
			continue;
		}
		toks tk = { text, NULL, NULL, 0, 0 };
		sr_ner_tokenize(text, len, on_tok, &tk);
		const char **tp = malloc((tk.n + 1) * sizeof *tp);
		size_t *tl = malloc((tk.n + 1) * sizeof *tl);
		uint32_t *sl = malloc((tk.n + 1) * sizeof *sl);
		uint8_t *lab = malloc(tk.n + 1);
		sr_person_mention *pm = malloc((tk.n + 1) * sizeof *pm);
		size_t ns = 0, cur = 0;
		for (size_t i = 0; i < tk.n; i++) {
			tp[i] = text + tk.s[i];
			tl[i] = tk.e[i] - tk.s[i];
			cur++;
			char c0 = *tp[i];
			int end = tl[i] == 1 && (c0 == '.' || c0 == '!' || c0 == '?');
			end = end || cur >= 200;
			if (!end && i + 1 < tk.n) {
				int nl = 0;
				for (size_t j = tk.e[i]; j < tk.s[i + 1]; j++)
					nl += text[j] == '\n';
				end = nl >= 2;
			}
			if (end || i + 1 == tk.n) {
				sl[ns++] = (uint32_t)cur;
				cur = 0;
			}
		}
		pers p = { pm, 0, &tk };
		if (tk.n && sr_ner_tag(tagger, tp, tl, tk.n, sl, ns, lab) == SR_OK)
			sr_ner_spans(lab, tk.n, on_span, &p);
		/* entities: mentions sharing their last word */
		for (size_t i = 0; i < p.n; i++) {
			size_t wi = last_word(text, &pm[i]);
			for (size_t j = 0; j <= i; j++) {
				size_t wj = last_word(text, &pm[j]);
				if (pm[j].end - wj == pm[i].end - wi &&
				    memcmp(text + wj, text + wi, pm[i].end - wi) == 0) {
					pm[i].entity = (int)j;
					break;
				}
			}
		}
		sr_quote *q;
		size_t nq;
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (int rep = 0; rep < 200; rep++) {
			sr_quotes_find(text, len, pm, p.n, &arena, &q, &nq);
			sr_arena_reset(&arena);
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		secs += (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		bytes += 200.0 * (double)len;
		if (sr_quotes_find(text, len, pm, p.n, &arena, &q, &nq) == SR_OK) {
			for (size_t i = 0; i < nq; i++) {
				size_t s = q[i].name_end ? q[i].name_start : q[i].speaker_start;
				size_t e = q[i].name_end ? q[i].name_end : q[i].speaker_end;
				printf("{\"file\": ");
				json_str(argv[a], strlen(argv[a]));
				printf(", \"start\": %zu, \"end\": %zu, \"speaker\": ", q[i].start,
				       q[i].end);
				json_str(text + s, e - s);
				printf(", \"sp_start\": %zu, \"sp_end\": %zu, \"how\": %d, "
				       "\"pronoun\": %d, \"entity\": %d}\n",
				       q[i].speaker_start, q[i].speaker_end, q[i].how,
				       q[i].resolved_pronoun, q[i].entity);
			}
		} else {
			rc = 1;
		}
		sr_arena_reset(&arena);
		free(tp);
		free(tl);
		free(sl);
		free(lab);
		free(pm);
		free(tk.s);
		free(tk.e);
		free(text);
	}
	if (secs > 0)
		fprintf(stderr, "sr_quotes_find: %.1f MB/s (%.0f bytes in %.3f s, one core)\n",
			bytes / secs / 1e6, bytes, secs);
	sr_arena_release(&arena);
	sr_ner_tagger_free(tagger);
	sr_ner_model_close(model);
	sr_buf_release(&path);
	return rc;
}
