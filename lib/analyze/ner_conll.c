/*
 * ner_conll.c - CoNLL-format corpora, entity spans and conlleval-style scoring.
 *
 * Chunks are read the way conlleval reads them, for any of IOB1, IOB2 and BIOES/BILOU: an
 * entity starts at a B or S/U tag, or at an I or E/L tag that follows O, an E/L, an S/U or a
 * tag of another type; it ends before a B, S/U or O, after an E/L or S/U, and where the type
 * changes.  A sentence end ends every entity.
 */
#include "analyze/ner.h"
#include "base/buf.h"
#include "base/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const type_names[SR_NER_NTYPES] = { "PER", "ORG", "LOC", "MISC" };

const char *sr_ner_type_name(int type)
{
	return type >= 0 && type < SR_NER_NTYPES ? type_names[type] : NULL;
}

int sr_ner_type_parse(const char *s, size_t n)
{
	static const struct {
		const char *name;
		int type;
	} names[] = {
		{ "PER", SR_NER_PER },  { "PERSON", SR_NER_PER },	{ "ORG", SR_NER_ORG },
		{ "ORGANIZATION", SR_NER_ORG }, { "ORGANISATION", SR_NER_ORG },
		{ "LOC", SR_NER_LOC },  { "LOCATION", SR_NER_LOC },	{ "GPE", SR_NER_LOC },
		{ "MISC", SR_NER_MISC }, { NULL, 0 },
	};
	for (size_t i = 0; names[i].name; i++)
		if (strlen(names[i].name) == n && strncasecmp(names[i].name, s, n) == 0)
			return names[i].type;
	return -1;
}

/* conlleval's view of one tag: part letter ('O', 'B', 'I', 'E', 'S') and type (-1 for O). */
typedef struct ctag {
	char part;
	int type;
} ctag;

static int chunk_end(ctag prev, ctag cur)
{
	if (prev.part == 'O')
		return 0;
	if (prev.part == 'E' || prev.part == 'S')
		return 1;
	if (cur.part == 'B' || cur.part == 'S' || cur.part == 'O')
		return 1;
	return prev.type != cur.type;
}

static int chunk_start(ctag prev, ctag cur)
{
	if (cur.part == 'O')
		return 0;
	if (cur.part == 'B' || cur.part == 'S')
		return 1;
	if (prev.part == 'O' || prev.part == 'E' || prev.part == 'S')
		return 1;
	return prev.type != cur.type;
}

/* Turn conlleval tags t[0..n) into well-formed BILOU labels. */
static void tags_to_labels(const ctag *t, size_t n, uint8_t *out)
{
	ctag o = { 'O', -1 };
	size_t start = 0;
	int open = 0, type = 0;
	for (size_t i = 0; i <= n; i++) {
		ctag prev = i ? t[i - 1] : o, cur = i < n ? t[i] : o;
		if (open && chunk_end(prev, cur)) {
			if (i - start == 1) {
				out[start] = SR_NER_LABEL(type, SR_NER_U);
			} else {
				out[start] = SR_NER_LABEL(type, SR_NER_B);
				for (size_t k = start + 1; k + 1 < i; k++)
					out[k] = SR_NER_LABEL(type, SR_NER_I);
				out[i - 1] = SR_NER_LABEL(type, SR_NER_L);
			}
			open = 0;
		}
		if (i == n)
			break;
		if (chunk_start(prev, cur)) {
			open = 1;
			start = i;
			type = cur.type;
		}
		if (!open)
			out[i] = SR_NER_O;
	}
}

static ctag label_ctag(uint8_t l)
{
	static const char parts[4] = { 'B', 'I', 'E', 'S' };
	ctag t = { 'O', -1 };
	if (l == SR_NER_O || l >= SR_NER_NLABELS)
		return t;
	t.part = parts[sr_ner_label_part(l)];
	t.type = sr_ner_label_type(l);
	return t;
}

int sr_ner_spans(const uint8_t *labels, size_t n, int (*fn)(void *ctx, const sr_ner_span *s),
		 void *ctx)
{
	ctag o = { 'O', -1 };
	sr_ner_span sp = { 0, 0, 0 };
	int open = 0, rc;
	for (size_t i = 0; i <= n; i++) {
		ctag prev = i ? label_ctag(labels[i - 1]) : o;
		ctag cur = i < n ? label_ctag(labels[i]) : o;
		if (open && chunk_end(prev, cur)) {
			sp.end = (uint32_t)i;
			if ((rc = fn(ctx, &sp)) != 0)
				return rc;
			open = 0;
		}
		if (i < n && chunk_start(prev, cur)) {
			open = 1;
			sp.start = (uint32_t)i;
			sp.type = cur.type;
		}
	}
	return SR_OK;
}

/* ---- Reading ----------------------------------------------------------------------------- */

/* 1 when s looks like a tag; fills t. */
static int parse_tag(const char *s, size_t n, ctag *t, int *unknown)
{
	if (n == 1 && s[0] == 'O') {
		t->part = 'O';
		t->type = -1;
		return 1;
	}
	if (n < 3 || s[1] != '-' || !strchr("BIESLU", s[0]))
		return 0;
	char p = s[0];
	t->part = p == 'L' ? 'E' : p == 'U' ? 'S' : p;
	t->type = sr_ner_type_parse(s + 2, n - 2);
	if (t->type < 0) {
		/* a type we do not model: still an entity, counted as MISC */
		t->type = SR_NER_MISC;
		if (unknown)
			(*unknown)++;
	}
	return 1;
}

typedef struct col {
	const char *s;
	size_t n;
} col;

static size_t split_cols(const char *s, size_t n, int tabs, col *c, size_t max)
{
	size_t k = 0, i = 0;
	while (i < n && k < max) {
		if (!tabs)
			while (i < n && (s[i] == ' ' || s[i] == '\t'))
				i++;
		if (i >= n)
			break;
		size_t st = i;
		while (i < n && (tabs ? s[i] != '\t' : (s[i] != ' ' && s[i] != '\t')))
			i++;
		c[k].s = s + st;
		c[k].n = i - st;
		k++;
		if (tabs && i < n)
			i++;
	}
	return k;
}

static int all_digits(const col *c)
{
	if (c->n == 0)
		return 0;
	for (size_t i = 0; i < c->n; i++)
		if (c->s[i] < '0' || c->s[i] > '9')
			return 0;
	return 1;
}

typedef struct grow {
	void *p;
	size_t n, cap, size;
} grow;

static int grow_push(grow *g, const void *x)
{
	if (g->n == g->cap) {
		size_t nc = g->cap ? g->cap * 2 : 1024;
		void *np = realloc(g->p, nc * g->size);
		if (!np)
			return SR_ENOMEM;
		g->p = np;
		g->cap = nc;
	}
	memcpy((char *)g->p + g->n * g->size, x, g->size);
	g->n++;
	return SR_OK;
}

void sr_ner_corpus_release(sr_ner_corpus *c)
{
	free(c->text);
	free(c->tok);
	free(c->tag);
	free(c->gold);
	free(c->sent);
	free(c->doc);
	memset(c, 0, sizeof *c);
}

int sr_ner_corpus_parse(const char *data, size_t n, sr_ner_corpus *c, size_t *errline)
{
	int rc = SR_OK;
	sr_buf text;
	grow tok = { NULL, 0, 0, sizeof(uint32_t) }, tag = { NULL, 0, 0, sizeof(uint32_t) };
	grow tags = { NULL, 0, 0, sizeof(ctag) }, sent = { NULL, 0, 0, sizeof(uint32_t) };
	grow doc = { NULL, 0, 0, sizeof(uint32_t) };
	memset(c, 0, sizeof *c);
	sr_buf_init(&text, (size_t)UINT32_MAX - 1);
	if (errline)
		*errline = 0;
	if (!data && n)
		return SR_EINVAL;
	int layout = -1; /* 0: token ... tag; 1: index token tag ... (tabs) */
	size_t line = 0, i = 0, sent_first = 0;
	uint32_t zero = 0;
	if ((rc = grow_push(&doc, &zero)) < 0 || (rc = grow_push(&sent, &zero)) < 0)
		goto out;
	/* sentence boundaries are pushed when a sentence closes; documents likewise */
	for (;;) {
		int eof = i >= n;
		size_t s = i, e = i;
		if (!eof) {
			while (e < n && data[e] != '\n')
				e++;
			i = e + 1;
			line++;
		}
		size_t le = e;
		while (le > s && (data[le - 1] == '\r' || data[le - 1] == ' ' ||
				  data[le - 1] == '\t'))
			le--;
		int blank = eof || le == s;
		col cols[16];
		size_t nc = 0;
		int docstart = 0, comment = 0;
		if (!blank) {
			nc = split_cols(data + s, le - s, layout == 1, cols, 16);
			if (layout < 0 && data[s] != '#') {
				col tc[16];
				size_t k = split_cols(data + s, le - s, 1, tc, 16);
				ctag t;
				int tabs = memchr(data + s, '\t', le - s) != NULL;
				layout = (tabs && k >= 3 && all_digits(&tc[0]) &&
					  parse_tag(tc[2].s, tc[2].n, &t, NULL)) ? 1 : 0;
				nc = split_cols(data + s, le - s, layout == 1, cols, 16);
			}
			if (nc >= 1 && cols[0].n == 10 && memcmp(cols[0].s, "-DOCSTART-", 10) == 0)
				docstart = 1;
			else if (data[s] == '#') {
				ctag t;
				comment = memmem(data + s, le - s, " = ", 3) != NULL || nc < 2 ||
					  !parse_tag(cols[nc - 1].s, cols[nc - 1].n, &t, NULL);
				if (comment && le - s >= 8 && memcmp(data + s, "# newdoc", 8) == 0)
					docstart = 1;
			}
		}
		if (blank || docstart) {
			if (tok.n > sent_first) {
				uint32_t x = (uint32_t)tok.n;
				if ((rc = grow_push(&sent, &x)) < 0)
					goto out;
				sent_first = tok.n;
			}
			if (docstart || eof) {
				uint32_t ns = (uint32_t)(sent.n - 1);
				if (ns > ((uint32_t *)doc.p)[doc.n - 1] &&
				    (rc = grow_push(&doc, &ns)) < 0)
					goto out;
			}
			if (eof)
				break;
			continue;
		}
		if (comment)
			continue;
		col wc, tc;
		ctag t;
		if (layout == 1) {
			if (nc < 3 || !parse_tag(cols[2].s, cols[2].n, &t, NULL)) {
				rc = SR_EPARSE;
				goto bad;
			}
			wc = cols[1];
			tc = cols[2];
		} else {
			size_t k = nc;
			while (k > 1 && !parse_tag(cols[k - 1].s, cols[k - 1].n, &t, NULL))
				k--;
			if (k <= 1) {
				rc = SR_EPARSE;
				goto bad;
			}
			wc = cols[0];
			tc = cols[k - 1];
		}
		int unk = 0;
		parse_tag(tc.s, tc.n, &t, &unk);
		c->unknown_types += (size_t)unk;
		if (wc.n == 0 || memchr(wc.s, 0, wc.n) || memchr(tc.s, 0, tc.n)) {
			rc = SR_EPARSE;
			goto bad;
		}
		uint32_t to = (uint32_t)text.len;
		if ((rc = sr_buf_append(&text, wc.s, wc.n)) < 0 || (rc = sr_buf_putc(&text, 0)) < 0)
			goto out;
		uint32_t ta = (uint32_t)text.len;
		if ((rc = sr_buf_append(&text, tc.s, tc.n)) < 0 || (rc = sr_buf_putc(&text, 0)) < 0)
			goto out;
		if ((rc = grow_push(&tok, &to)) < 0 || (rc = grow_push(&tag, &ta)) < 0 ||
		    (rc = grow_push(&tags, &t)) < 0)
			goto out;
		if (tok.n >= UINT32_MAX / 2) {
			rc = SR_ETOOBIG;
			goto out;
		}
	}
	c->ntok = tok.n;
	c->nsent = sent.n - 1;
	c->ndoc = doc.n - 1;
	c->gold = malloc(tok.n ? tok.n : 1);
	if (!c->gold) {
		rc = SR_ENOMEM;
		goto out;
	}
	for (size_t k = 0; k < c->nsent; k++) {
		uint32_t a = ((uint32_t *)sent.p)[k], b = ((uint32_t *)sent.p)[k + 1];
		tags_to_labels((ctag *)tags.p + a, b - a, c->gold + a);
	}
	c->text = sr_buf_detach(&text, NULL);
	c->tok = tok.p;
	c->tag = tag.p;
	c->sent = sent.p;
	c->doc = doc.p;
	tok.p = tag.p = sent.p = doc.p = NULL;
	if (!c->text) {
		rc = SR_ENOMEM;
		goto out;
	}
	if (c->ntok == 0)
		rc = SR_EEMPTY;
	goto out;
bad:
	if (errline)
		*errline = line;
out:
	sr_buf_release(&text);
	free(tok.p);
	free(tag.p);
	free(tags.p);
	free(sent.p);
	free(doc.p);
	if (rc < 0 && rc != SR_EEMPTY)
		sr_ner_corpus_release(c);
	return rc;
}

int sr_ner_corpus_read(const char *path, size_t max, sr_ner_corpus *c, size_t *errline)
{
	memset(c, 0, sizeof *c);
	if (errline)
		*errline = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return SR_EIO;
	sr_buf b;
	sr_buf_init(&b, max);
	char tmp[65536];
	size_t k;
	int rc = SR_OK;
	while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
		if ((rc = sr_buf_append(&b, tmp, k)) < 0)
			break;
	if (rc == SR_OK && ferror(f))
		rc = SR_EIO;
	fclose(f);
	if (rc == SR_OK)
		rc = sr_ner_corpus_parse(b.data, b.len, c, errline);
	sr_buf_release(&b);
	return rc;
}

/* ---- Scoring ----------------------------------------------------------------------------- */

typedef struct spanlist {
	sr_ner_span *s;
	size_t n, cap;
	unsigned mask;
	int rc;
} spanlist;

static int collect(void *ctx, const sr_ner_span *s)
{
	spanlist *l = ctx;
	if (l->mask && !(l->mask & (1u << s->type)))
		return 0;
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 64;
		sr_ner_span *ns = realloc(l->s, nc * sizeof *ns);
		if (!ns) {
			l->rc = SR_ENOMEM;
			return 1;
		}
		l->s = ns;
		l->cap = nc;
	}
	l->s[l->n++] = *s;
	return 0;
}

int sr_ner_counts_add(sr_ner_counts *c, const uint8_t *gold, const uint8_t *pred, size_t n,
		      unsigned type_mask)
{
	spanlist g = { NULL, 0, 0, type_mask, 0 }, p = { NULL, 0, 0, type_mask, 0 };
	sr_ner_spans(gold, n, collect, &g);
	sr_ner_spans(pred, n, collect, &p);
	if (g.rc || p.rc) {
		free(g.s);
		free(p.s);
		return SR_ENOMEM;
	}
	for (size_t i = 0; i < g.n; i++) {
		c->gold[g.s[i].type]++;
		c->gold[SR_NER_NTYPES]++;
	}
	/* both lists are in order of start and do not overlap: merge */
	size_t a = 0;
	for (size_t i = 0; i < p.n; i++) {
		c->pred[p.s[i].type]++;
		c->pred[SR_NER_NTYPES]++;
		while (a < g.n && g.s[a].start < p.s[i].start)
			a++;
		if (a < g.n && g.s[a].start == p.s[i].start && g.s[a].end == p.s[i].end &&
		    g.s[a].type == p.s[i].type) {
			c->correct[p.s[i].type]++;
			c->correct[SR_NER_NTYPES]++;
		}
	}
	for (size_t i = 0; i < n; i++) {
		c->tokens++;
		c->tokens_correct += gold[i] == pred[i];
	}
	free(g.s);
	free(p.s);
	return SR_OK;
}

void sr_ner_prf(const sr_ner_counts *c, int t, double *p, double *r, double *f1)
{
	double pp = c->pred[t] ? (double)c->correct[t] / (double)c->pred[t] : 0;
	double rr = c->gold[t] ? (double)c->correct[t] / (double)c->gold[t] : 0;
	if (p)
		*p = pp;
	if (r)
		*r = rr;
	if (f1)
		*f1 = pp + rr > 0 ? 2 * pp * rr / (pp + rr) : 0;
}
