/*
 * percolate.c - watchlists matched against one article (see percolate.h).
 *
 * A query is a tree of nodes in the percolator's arena.  An article is prepared once per
 * sr_percolate call: each column (title, body) tokenized into entries (token hash, word
 * position, the token's bytes), and a copy of the entries sorted by (hash, position) for
 * lookups.  A phrase is found by its first word's positions, then each following word at
 * the next position.
 */
#include "watch/percolate.h"
#include "analyze/entities.h"
#include "analyze/tokenize.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/hash.h"
#include "base/hmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HSEED 0x5eed5eedu
#define PREFIX_KEY 3   /* bytes of a prefix that key it in the index ... */
#define PREFIX_KEY_LONG 5 /* ... or these many, when it has them */
#define MAX_KEYS 64    /* more keys than this: the query is checked always */

enum { N_PHRASE, N_AND, N_OR, N_NOT, N_NEAR };
enum { COL_TITLE = 1, COL_BODY = 2, COL_ALL = 3 };

typedef struct pnode {
	uint8_t type;
	uint8_t cols;
	uint16_t n;               /* children, or phrase positions (the prefix one included) */
	uint16_t near;            /* NEAR: the largest distance */
	struct pnode **kids;      /* AND, OR, NEAR (its phrases): n; NOT: 2 (left NOT right) */
	uint64_t *alts;           /* phrase: the forms of every position, position by position */
	uint16_t *off;            /* phrase: n + 1 offsets into alts */
	const char *prefix;       /* phrase: the last position is this prefix (or NULL) */
	uint8_t plen;
	uint8_t *wlen;            /* phrase: the length of each position's word (its first form) */
} pnode;

typedef struct pquery {
	int64_t id;
	pnode *root;              /* NULL: filters only */
	sr_qfilter *filters;
	char **ent_keys;          /* per filter: the entity key of person:/org:/place:, or NULL */
	int n_filters;
} pquery;

typedef struct plist {
	uint32_t *ids;
	uint32_t n, cap;
} plist;

typedef struct entry {
	uint64_t h;
	uint32_t pos;
	uint32_t soff;            /* the token's bytes in the column's text buffer */
	uint8_t slen;
} entry;

typedef struct column {
	entry *e;                 /* in text order */
	entry *sorted;            /* by (h, pos) */
	uint32_t *first;          /* per position: the index of its first entry */
	sr_hmap idx;              /* hash -> first sorted entry << 32 | entries with that hash */
	const entry **uniq;       /* one entry per distinct token, by bytes (made on first need) */
	size_t nuniq, uniq_cap;
	int uniq_ready;
	size_t n, cap, npos, first_cap;
	sr_buf text;              /* token bytes */
} column;

struct sr_percolator {
	sr_arena arena;           /* queries */
	size_t bytes;             /* handed out for queries and postings */
	pquery *q;
	size_t nq, qcap;
	sr_hmap index;            /* key hash -> 1 + index into lists */
	plist *lists;
	size_t nlists, lcap;
	plist always;
	int needs_entities;
	sr_tokenizer *tok;
	/* per article */
	column col[2];
	sr_hmap seen;
	uint32_t *mark;
	uint32_t epoch;
	uint32_t *cand;
	size_t ncand, cand_cap, mark_cap;
	/* query tokenizing scratch */
	uint64_t *talts;
	uint16_t *toff;
	uint8_t *twlen;
	size_t ntalts, ntoff, talts_cap, toff_cap, twlen_cap;
};

static uint64_t thash(const char *s, size_t n)
{
	uint64_t h = sr_hash64(s, n, HSEED);
	return h ? h : 1;
}

static uint64_t prefix_key(const char *s, size_t n)
{
	char k[PREFIX_KEY_LONG + 1];
	k[0] = '\x01';
	memcpy(k + 1, s, n);
	return thash(k, n + 1);
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 64;
	while (nc < need)
		nc *= 2;
	void *np = realloc(*p, nc * size);
	if (!np)
		return -1;
	*p = np;
	*cap = nc;
	return 0;
}

static void *palloc(sr_percolator *p, size_t n)
{
	void *m = sr_arena_alloc(&p->arena, n ? n : 1);
	if (m)
		p->bytes += n;
	return m;
}

sr_percolator *sr_percolator_new(void)
{
	sr_percolator *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	sr_arena_init(&p->arena, 0);
	sr_hmap_init(&p->index);
	sr_hmap_init(&p->seen);
	sr_hmap_init(&p->col[0].idx);
	sr_hmap_init(&p->col[1].idx);
	sr_buf_init(&p->col[0].text, (size_t)1 << 30);
	sr_buf_init(&p->col[1].text, (size_t)1 << 30);
	p->tok = sr_tokenizer_new();
	if (!p->tok) {
		sr_percolator_free(p);
		return NULL;
	}
	return p;
}

void sr_percolator_free(sr_percolator *p)
{
	if (!p)
		return;
	sr_arena_release(&p->arena);
	free(p->q);
	for (size_t i = 0; i < p->nlists; i++)
		free(p->lists[i].ids);
	free(p->lists);
	free(p->always.ids);
	sr_hmap_release(&p->index);
	sr_hmap_release(&p->seen);
	for (int c = 0; c < 2; c++) {
		free(p->col[c].e);
		free(p->col[c].sorted);
		free(p->col[c].first);
		sr_hmap_release(&p->col[c].idx);
		free(p->col[c].uniq);
		sr_buf_release(&p->col[c].text);
	}
	free(p->mark);
	free(p->cand);
	free(p->talts);
	free(p->toff);
	free(p->twlen);
	sr_tokenizer_free(p->tok);
	free(p);
}

size_t sr_percolator_count(const sr_percolator *p)
{
	return p->nq;
}

int sr_percolator_needs_entities(const sr_percolator *p)
{
	return p->needs_entities;
}

size_t sr_percolator_memory(const sr_percolator *p)
{
	return p->bytes + p->qcap * sizeof(pquery) + p->lcap * sizeof(plist) +
	       p->index.cap * 2 * sizeof(uint64_t) + p->always.cap * sizeof(uint32_t) +
	       p->mark_cap * sizeof(uint32_t);
}

/* ---- queries: the FTS5 expression parsed back ---- */

typedef struct qtok_state {
	sr_percolator *p;
	/* prefix queries, as store/fts_tok.c */
	size_t nwords, last;
	char keep[SR_TOK_MAX];
	size_t keeplen;
	int prefix_pass;
} qtok_state;

static int q_add_form(sr_percolator *p, const char *tok, size_t len, int colocated)
{
	if (!colocated) {
		if (p->ntoff >= UINT16_MAX - 1 || grow((void **)&p->toff, &p->toff_cap, p->ntoff + 2, sizeof(uint16_t)))
			return SR_ENOMEM;
		if (grow((void **)&p->twlen, &p->twlen_cap, p->ntoff + 1, 1))
			return SR_ENOMEM;
		p->twlen[p->ntoff] = (uint8_t)len;
		p->toff[p->ntoff++] = (uint16_t)p->ntalts;
	}
	if (p->ntoff == 0)
		return SR_OK; /* a colocated form with no word before it: cannot happen */
	if (p->ntalts >= UINT16_MAX - 1 || grow((void **)&p->talts, &p->talts_cap, p->ntalts + 1, sizeof(uint64_t)))
		return SR_ENOMEM;
	uint64_t h = thash(tok, len);
	for (size_t i = p->toff[p->ntoff - 1]; i < p->ntalts; i++)
		if (p->talts[i] == h)
			return SR_OK;
	p->talts[p->ntalts++] = h;
	return SR_OK;
}

static int q_token(void *ctx, const char *tok, size_t len, size_t start, size_t end, int colocated)
{
	(void)start;
	(void)end;
	return q_add_form(((qtok_state *)ctx)->p, tok, len, colocated);
}

static int q_count(void *ctx, const char *tok, size_t len, size_t start, size_t end, int colocated)
{
	qtok_state *s = ctx;
	(void)start;
	(void)end;
	if (colocated)
		return 0;
	s->nwords++;
	memcpy(s->keep, tok, len);
	s->keeplen = len;
	return 0;
}

static int q_prefix_token(void *ctx, const char *tok, size_t len, size_t start, size_t end,
			  int colocated)
{
	qtok_state *s = ctx;
	(void)start;
	(void)end;
	if (!colocated)
		s->nwords++;
	if (s->nwords - 1 < s->last)
		return q_add_form(s->p, tok, len, colocated);
	return 0; /* the last word: its unstemmed form is kept as the prefix */
}

/* A phrase node from the FTS5 string s[0..n) (already unescaped). */
static pnode *make_phrase(sr_percolator *p, const char *s, size_t n, int prefix, int cols, int *rc)
{
	qtok_state st;
	memset(&st, 0, sizeof(st));
	st.p = p;
	p->ntalts = p->ntoff = 0;
	const char *keep = NULL;
	size_t keeplen = 0;
	if (!prefix) {
		*rc = sr_tokenize(p->tok, s, n, NULL, SR_TOK_STEM | SR_TOK_ALL_STEMS, q_token, &st);
	} else {
		*rc = sr_tokenize(p->tok, s, n, NULL, 0, q_count, &st);
		if (!*rc && st.nwords) {
			st.last = st.nwords - 1;
			st.nwords = 0;
			*rc = sr_tokenize(p->tok, s, n, NULL, SR_TOK_STEM | SR_TOK_ALL_STEMS, q_prefix_token, &st);
			keep = st.keep;
			keeplen = st.keeplen;
		}
	}
	if (*rc)
		return NULL;
	pnode *nd = palloc(p, sizeof(*nd));
	if (!nd)
		goto nomem;
	nd->type = N_PHRASE;
	nd->cols = (uint8_t)cols;
	nd->n = (uint16_t)(p->ntoff + (keep ? 1 : 0));
	nd->alts = palloc(p, p->ntalts * sizeof(uint64_t));
	nd->off = palloc(p, (p->ntoff + 2) * sizeof(uint16_t));
	nd->wlen = palloc(p, p->ntoff + 1);
	if (!nd->alts || !nd->off || !nd->wlen)
		goto nomem;
	if (p->ntoff) {
		memcpy(nd->wlen, p->twlen, p->ntoff);
		memcpy(nd->off, p->toff, p->ntoff * sizeof(uint16_t));
	}
	if (p->ntalts)
		memcpy(nd->alts, p->talts, p->ntalts * sizeof(uint64_t));
	nd->off[p->ntoff] = (uint16_t)p->ntalts;
	nd->off[p->ntoff + 1] = (uint16_t)p->ntalts;
	if (keep) {
		char *k = palloc(p, keeplen + 1);
		if (!k)
			goto nomem;
		memcpy(k, keep, keeplen);
		nd->prefix = k;
		nd->plen = (uint8_t)keeplen;
	}
	return nd;
nomem:
	*rc = SR_ENOMEM;
	return NULL;
}

typedef struct fparse {
	sr_percolator *p;
	const char *s;
	size_t n, pos;
	int rc;
	sr_buf str;
} fparse;

static void f_ws(fparse *f)
{
	while (f->pos < f->n && f->s[f->pos] == ' ')
		f->pos++;
}

static int f_word(fparse *f, const char *w)
{
	f_ws(f);
	size_t k = strlen(w);
	if (f->n - f->pos >= k && !memcmp(f->s + f->pos, w, k) &&
	    (f->pos + k == f->n || f->s[f->pos + k] == ' ' || f->s[f->pos + k] == '(' ||
	     f->s[f->pos + k] == '"')) {
		f->pos += k;
		return 1;
	}
	return 0;
}

static pnode *f_or(fparse *f, int cols);

static pnode *f_binary(fparse *f, int type, pnode *a, pnode *b)
{
	if (!a || !b)
		return NULL;
	if (a->type == type && type != N_NOT) {
		/* extend a's children: copy into a bigger array */
		pnode **k = palloc(f->p, (size_t)(a->n + 1) * sizeof(*k));
		if (!k) {
			f->rc = SR_ENOMEM;
			return NULL;
		}
		memcpy(k, a->kids, a->n * sizeof(*k));
		k[a->n++] = b;
		a->kids = k;
		return a;
	}
	pnode *nd = palloc(f->p, sizeof(*nd));
	pnode **k = palloc(f->p, 2 * sizeof(*k));
	if (!nd || !k) {
		f->rc = SR_ENOMEM;
		return NULL;
	}
	nd->type = (uint8_t)type;
	nd->n = 2;
	k[0] = a;
	k[1] = b;
	nd->kids = k;
	return nd;
}

static pnode *f_prim(fparse *f, int cols)
{
	f_ws(f);
	if (f->rc || f->pos >= f->n)
		goto bad;
	char c = f->s[f->pos];
	if (c == '(') {
		f->pos++;
		pnode *nd = f_or(f, cols);
		f_ws(f);
		if (!nd || f->pos >= f->n || f->s[f->pos] != ')')
			goto bad;
		f->pos++;
		return nd;
	}
	if (f->n - f->pos >= 5 && !memcmp(f->s + f->pos, "NEAR(", 5)) {
		/* NEAR(phrase phrase ..., N), as query.c writes it */
		f->pos += 5;
		pnode *nd = palloc(f->p, sizeof(*nd));
		if (!nd)
			goto nomem;
		nd->type = N_NEAR;
		nd->cols = (uint8_t)cols;
		for (;;) {
			f_ws(f);
			if (f->pos < f->n && f->s[f->pos] == ',')
				break;
			pnode *ph = f_prim(f, cols);
			if (!ph || ph->type != N_PHRASE || nd->n >= 64)
				goto bad;
			pnode **k = palloc(f->p, (size_t)(nd->n + 1) * sizeof(*k));
			if (!k)
				goto nomem;
			if (nd->n)
				memcpy(k, nd->kids, nd->n * sizeof(*k));
			k[nd->n++] = ph;
			nd->kids = k;
		}
		f->pos++; /* the ',' */
		f_ws(f);
		unsigned long dist = 0;
		size_t d0 = f->pos;
		while (f->pos < f->n && f->s[f->pos] >= '0' && f->s[f->pos] <= '9' && dist < 100000)
			dist = dist * 10 + (unsigned long)(f->s[f->pos++] - '0');
		f_ws(f);
		if (f->pos == d0 || dist > 65535 || nd->n < 2 || f->pos >= f->n || f->s[f->pos] != ')')
			goto bad;
		f->pos++;
		nd->near = (uint16_t)dist;
		return nd;
	}
	if (c == '{') {
		int nc = 0;
		if (f->n - f->pos >= 7 && !memcmp(f->s + f->pos, "{title}", 7)) {
			nc = COL_TITLE;
			f->pos += 7;
		} else if (f->n - f->pos >= 6 && !memcmp(f->s + f->pos, "{body}", 6)) {
			nc = COL_BODY;
			f->pos += 6;
		} else
			goto bad;
		f_ws(f);
		if (f->pos >= f->n || f->s[f->pos] != ':')
			goto bad;
		f->pos++;
		return f_prim(f, nc & cols);
	}
	if (c == '"') {
		sr_buf_reset(&f->str);
		f->pos++;
		for (;;) {
			if (f->pos >= f->n)
				goto bad;
			if (f->s[f->pos] == '"') {
				if (f->pos + 1 < f->n && f->s[f->pos + 1] == '"') {
					if (sr_buf_putc(&f->str, '"'))
						goto nomem;
					f->pos += 2;
					continue;
				}
				f->pos++;
				break;
			}
			if (sr_buf_putc(&f->str, f->s[f->pos++]))
				goto nomem;
		}
		f_ws(f);
		int prefix = 0;
		if (f->pos < f->n && f->s[f->pos] == '*') {
			prefix = 1;
			f->pos++;
		}
		int rc = SR_OK;
		pnode *nd = make_phrase(f->p, f->str.data ? f->str.data : "", f->str.len, prefix, cols, &rc);
		if (!nd)
			f->rc = rc ? rc : SR_ENOMEM;
		return nd;
	}
bad:
	if (!f->rc)
		f->rc = SR_EPARSE;
	return NULL;
nomem:
	f->rc = SR_ENOMEM;
	return NULL;
}

/* FTS5's precedence: NOT binds tighter than AND, AND tighter than OR. */
static pnode *f_not(fparse *f, int cols)
{
	pnode *a = f_prim(f, cols);
	while (a && f_word(f, "NOT"))
		a = f_binary(f, N_NOT, a, f_prim(f, cols));
	return a;
}

static pnode *f_and(fparse *f, int cols)
{
	pnode *a = f_not(f, cols);
	while (a && f_word(f, "AND"))
		a = f_binary(f, N_AND, a, f_not(f, cols));
	return a;
}

static pnode *f_or(fparse *f, int cols)
{
	pnode *a = f_and(f, cols);
	while (a && f_word(f, "OR"))
		a = f_binary(f, N_OR, a, f_and(f, cols));
	return a;
}

/* ---- the index keys of a query ---- */

typedef struct keyset {
	uint64_t k[MAX_KEYS];
	int n;             /* -1: none (the query must be checked always) */
	int minlen;        /* the shortest word keyed (prefers longer, rarer words) */
} keyset;

static void keys_of(const pnode *nd, keyset *out)
{
	out->n = -1;
	out->minlen = 0;
	if (nd->type == N_PHRASE) {
		/* the longest word (longer words are rarer: Lucene Monitor's default weighting
		 * too), then the fewest forms */
		int best = -1;
		size_t npos = nd->prefix ? (size_t)nd->n - 1 : nd->n;
		for (size_t i = 0; i < npos; i++) {
			size_t na = (size_t)(nd->off[i + 1] - nd->off[i]);
			if (!na || na > MAX_KEYS)
				continue;
			size_t nb = best < 0 ? 0 : (size_t)(nd->off[best + 1] - nd->off[best]);
			if (best < 0 || nd->wlen[i] > nd->wlen[best] || (nd->wlen[i] == nd->wlen[best] && na < nb))
				best = (int)i;
		}
		if (best >= 0) {
			out->n = 0;
			for (size_t j = nd->off[best]; j < nd->off[best + 1]; j++)
				out->k[out->n++] = nd->alts[j];
			out->minlen = nd->wlen[best];
		} else if (nd->prefix && nd->plen >= PREFIX_KEY) {
			size_t kl = nd->plen >= PREFIX_KEY_LONG ? PREFIX_KEY_LONG : PREFIX_KEY;
			out->n = 1;
			out->k[0] = prefix_key(nd->prefix, kl);
			out->minlen = (int)kl;
		} else if (nd->n == 0) {
			out->n = 0; /* an empty phrase matches nothing: no key needed */
			out->minlen = 255;
		}
		return;
	}
	if (nd->type == N_NOT) {
		keys_of(nd->kids[0], out);
		return;
	}
	if (nd->type == N_AND || nd->type == N_NEAR) {
		for (size_t i = 0; i < nd->n; i++) {
			keyset ks;
			if (nd->type == N_NEAR && nd->kids[i]->n == 0)
				continue; /* FTS5 leaves an empty phrase out of a NEAR group */
			keys_of(nd->kids[i], &ks);
			if (ks.n < 0)
				continue;
			if (out->n < 0 || ks.minlen > out->minlen || (ks.minlen == out->minlen && ks.n < out->n))
				*out = ks;
		}
		return;
	}
	/* OR: the union */
	out->n = 0;
	out->minlen = 1000;
	for (size_t i = 0; i < nd->n; i++) {
		keyset ks;
		keys_of(nd->kids[i], &ks);
		if (ks.n < 0 || out->n + ks.n > MAX_KEYS) {
			out->n = -1;
			return;
		}
		for (int j = 0; j < ks.n; j++)
			out->k[out->n++] = ks.k[j];
		if (ks.minlen < out->minlen)
			out->minlen = ks.minlen;
	}
}

static int list_add(plist *l, uint32_t id, size_t *bytes)
{
	if (l->n && l->ids[l->n - 1] == id)
		return SR_OK;
	if (l->n == l->cap) {
		uint32_t nc = l->cap ? l->cap * 2 : 2;
		uint32_t *ni = realloc(l->ids, nc * sizeof(uint32_t));
		if (!ni)
			return SR_ENOMEM;
		*bytes += (nc - l->cap) * sizeof(uint32_t);
		l->ids = ni;
		l->cap = nc;
	}
	l->ids[l->n++] = id;
	return SR_OK;
}

int sr_percolator_add(sr_percolator *p, int64_t id, const char *q, int64_t now, sr_query_error *err)
{
	sr_query cq;
	int rc = sr_query_compile(q, now, &cq, err);
	fparse f;
	memset(&f, 0, sizeof(f));
	sr_buf_init(&f.str, SR_QUERY_MAX * 2);
	if (rc)
		goto out;
	if (p->nq >= UINT32_MAX - 1 || grow((void **)&p->q, &p->qcap, p->nq + 1, sizeof(pquery))) {
		rc = SR_ENOMEM;
		goto out;
	}
	pquery *pq = &p->q[p->nq];
	memset(pq, 0, sizeof(*pq));
	pq->id = id;
	if (cq.fts.len) {
		f.p = p;
		f.s = cq.fts.data;
		f.n = cq.fts.len;
		pq->root = f_or(&f, COL_ALL);
		f_ws(&f);
		if (!f.rc && (!pq->root || f.pos != f.n))
			f.rc = SR_EPARSE;
		if (f.rc) {
			rc = f.rc;
			if (rc == SR_EPARSE) {
				err->column = 1;
				snprintf(err->message, sizeof(err->message), "this query cannot be used as a watchlist (yet)");
			}
			goto out;
		}
	}
	if (cq.n_filters) {
		pq->filters = palloc(p, (size_t)cq.n_filters * sizeof(sr_qfilter));
		pq->ent_keys = palloc(p, (size_t)cq.n_filters * sizeof(char *));
		if (!pq->filters || !pq->ent_keys) {
			rc = SR_ENOMEM;
			goto out;
		}
		memcpy(pq->filters, cq.filters, (size_t)cq.n_filters * sizeof(sr_qfilter));
		pq->n_filters = cq.n_filters;
		for (int k = 0; k < cq.n_filters; k++) {
			sr_qfilter_kind kd = cq.filters[k].kind;
			if (kd != SR_QF_PERSON && kd != SR_QF_ORG && kd != SR_QF_PLACE)
				continue;
			char key[300];
			int type = kd == SR_QF_PERSON ? SR_NER_PER : kd == SR_QF_ORG ? SR_NER_ORG : SR_NER_LOC;
			sr_entity_key(type, cq.filters[k].text, strlen(cq.filters[k].text), key, sizeof(key));
			size_t kl = strlen(key);
			pq->ent_keys[k] = palloc(p, kl + 1);
			if (!pq->ent_keys[k]) {
				rc = SR_ENOMEM;
				goto out;
			}
			memcpy(pq->ent_keys[k], key, kl + 1);
			p->needs_entities = 1;
		}
	}
	/* index it */
	uint32_t qi = (uint32_t)p->nq;
	keyset ks;
	ks.n = -1;
	if (pq->root)
		keys_of(pq->root, &ks);
	if (ks.n < 0) {
		rc = list_add(&p->always, qi, &p->bytes);
	} else {
		for (int j = 0; !rc && j < ks.n; j++) {
			int ins;
			uint64_t *v = sr_hmap_put(&p->index, ks.k[j], &ins);
			if (!v) {
				rc = SR_ENOMEM;
				break;
			}
			if (ins) {
				if (grow((void **)&p->lists, &p->lcap, p->nlists + 1, sizeof(plist))) {
					sr_hmap_del(&p->index, ks.k[j]);
					rc = SR_ENOMEM;
					break;
				}
				memset(&p->lists[p->nlists], 0, sizeof(plist));
				*v = ++p->nlists;
			}
			rc = list_add(&p->lists[*v - 1], qi, &p->bytes);
		}
	}
	if (!rc)
		p->nq++;
out:
	sr_buf_release(&f.str);
	sr_query_release(&cq);
	return rc;
}

/* ---- the article ---- */

static int a_token(void *ctx, const char *tok, size_t len, size_t start, size_t end, int colocated)
{
	column *c = ctx;
	(void)start;
	(void)end;
	if (grow((void **)&c->e, &c->cap, c->n + 1, sizeof(entry)))
		return SR_ENOMEM;
	if (!colocated || c->npos == 0) {
		if (grow((void **)&c->first, &c->first_cap, c->npos + 1, sizeof(uint32_t)))
			return SR_ENOMEM;
		c->first[c->npos++] = (uint32_t)c->n;
	}
	entry *e = &c->e[c->n++];
	e->h = thash(tok, len);
	e->pos = (uint32_t)(c->npos - 1);
	e->soff = (uint32_t)c->text.len;
	e->slen = (uint8_t)len;
	if (sr_buf_append(&c->text, tok, len))
		return SR_ENOMEM;
	return 0;
}

static int entry_cmp(const void *a, const void *b)
{
	const entry *x = a, *y = b;
	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int prepare_column(sr_percolator *p, column *c, const char *s, const char *lang)
{
	c->n = c->npos = 0;
	c->uniq_ready = 0;
	sr_buf_reset(&c->text);
	sr_hmap_clear(&c->idx);
	if (!s || !*s)
		return SR_OK;
	int rc = sr_tokenize(p->tok, s, strlen(s), lang, SR_TOK_STEM, a_token, c);
	if (rc)
		return rc;
	entry *ns = realloc(c->sorted, (c->cap ? c->cap : 1) * sizeof(entry));
	if (!ns)
		return SR_ENOMEM;
	c->sorted = ns;
	if (c->n)
		memcpy(c->sorted, c->e, c->n * sizeof(entry));
	if (c->n > 1)
		qsort(c->sorted, c->n, sizeof(entry), entry_cmp);
	for (size_t i = 0; i < c->n;) {
		size_t j = i + 1;
		while (j < c->n && c->sorted[j].h == c->sorted[i].h)
			j++;
		int ins;
		uint64_t *v = sr_hmap_put(&c->idx, c->sorted[i].h, &ins);
		if (!v)
			return SR_ENOMEM;
		*v = (uint64_t)i << 32 | (uint64_t)(j - i);
		i = j;
	}
	return SR_OK;
}

/* The sorted entries of hash h: [*lo, *hi); 0 when there are none. */
static int range_of(const column *c, uint64_t h, size_t *lo, size_t *hi)
{
	const uint64_t *v = sr_hmap_get(&c->idx, h);
	if (!v)
		return 0;
	*lo = (size_t)(*v >> 32);
	*hi = *lo + (size_t)(*v & 0xffffffffu);
	return 1;
}

static int has_at(const column *c, uint64_t h, uint32_t pos)
{
	size_t lo, hi;
	if (!range_of(c, h, &lo, &hi))
		return 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c->sorted[mid].pos < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->n && c->sorted[lo].h == h && c->sorted[lo].pos == pos;
}

static int prefix_at(const column *c, const pnode *nd, uint32_t pos)
{
	if (pos >= c->npos)
		return 0;
	size_t end = pos + 1 < c->npos ? c->first[pos + 1] : c->n;
	for (size_t i = c->first[pos]; i < end; i++) {
		const entry *e = &c->e[i];
		if (e->slen >= nd->plen && !memcmp(c->text.data + e->soff, nd->prefix, nd->plen))
			return 1;
	}
	return 0;
}

/* Token bytes compared as strings (shorter first on a common start). */
static int tok_cmp(const char *a, size_t la, const char *b, size_t lb)
{
	int r = memcmp(a, b, la < lb ? la : lb);
	return r ? r : la < lb ? -1 : la > lb;
}

typedef struct uniq_sort {
	const entry *e;
	const char *text;
} uniq_sort;

static int uniq_cmp(const void *a, const void *b)
{
	const uniq_sort *x = a, *y = b;
	return tok_cmp(x->text + x->e->soff, x->e->slen, y->text + y->e->soff, y->e->slen);
}

/* The distinct tokens sorted by bytes, for prefixes.  SR_OK or SR_ENOMEM. */
static int make_uniq(column *c)
{
	uniq_sort *tmp = malloc((c->n ? c->n : 1) * sizeof(*tmp));
	if (!tmp || grow((void **)&c->uniq, &c->uniq_cap, c->n + 1, sizeof(*c->uniq))) {
		free(tmp);
		return SR_ENOMEM;
	}
	size_t n = 0;
	for (size_t i = 0; i < c->n; i++)
		if (i == 0 || c->sorted[i].h != c->sorted[i - 1].h)
			tmp[n++] = (uniq_sort){&c->sorted[i], c->text.data};
	qsort(tmp, n, sizeof(*tmp), uniq_cmp);
	for (size_t i = 0; i < n; i++)
		c->uniq[i] = tmp[i].e;
	c->nuniq = n;
	c->uniq_ready = 1;
	free(tmp);
	return SR_OK;
}

/* Some token of the column starts with the prefix? */
static int prefix_any(column *c, const pnode *nd)
{
	if (!c->uniq_ready && make_uniq(c))
		return -1;
	size_t lo = 0, hi = c->nuniq;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const entry *e = c->uniq[mid];
		if (tok_cmp(c->text.data + e->soff, e->slen, nd->prefix, nd->plen) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == c->nuniq)
		return 0;
	const entry *e = c->uniq[lo];
	return e->slen >= nd->plen && !memcmp(c->text.data + e->soff, nd->prefix, nd->plen);
}

/* Does the rest of the phrase (positions 1..) follow position p? */
static int phrase_rest(const column *c, const pnode *nd, uint32_t p)
{
	for (size_t i = 1; i < nd->n; i++) {
		uint32_t at = p + (uint32_t)i;
		if (nd->prefix && i == (size_t)nd->n - 1) {
			if (!prefix_at(c, nd, at))
				return 0;
			continue;
		}
		int found = 0;
		for (size_t j = nd->off[i]; j < nd->off[i + 1] && !found; j++)
			found = has_at(c, nd->alts[j], at);
		if (!found)
			return 0;
	}
	return 1;
}

static int phrase_in(column *c, const pnode *nd)
{
	if (nd->n == 0 || c->n == 0)
		return 0;
	if (nd->prefix && nd->n == 1)
		return prefix_any(c, nd) == 1; /* out of memory: no match */
	for (size_t j = nd->off[0]; j < nd->off[1]; j++) {
		size_t lo, hi;
		if (!range_of(c, nd->alts[j], &lo, &hi))
			continue;
		if (nd->n == 1)
			return 1;
		for (size_t i = lo; i < hi; i++)
			if (phrase_rest(c, nd, c->sorted[i].pos))
				return 1;
	}
	return 0;
}

static int u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* The positions where the phrase starts, sorted, distinct, into a new array (*n of them);
 * NULL with *n == 0 when there are none or memory ran out. */
static uint32_t *phrase_starts(const column *c, const pnode *nd, size_t *n)
{
	*n = 0;
	if (nd->n == 0 || c->npos == 0)
		return NULL;
	size_t cap = 0;
	if (nd->prefix && nd->n == 1) {
		cap = c->npos;
	} else {
		for (size_t j = nd->off[0]; j < nd->off[1]; j++) {
			size_t lo, hi;
			if (range_of(c, nd->alts[j], &lo, &hi))
				cap += hi - lo;
		}
	}
	uint32_t *v = cap ? malloc(cap * sizeof(*v)) : NULL;
	if (!v)
		return NULL;
	size_t k = 0;
	if (nd->prefix && nd->n == 1) {
		for (uint32_t m = 0; m < c->npos; m++)
			if (prefix_at(c, nd, m))
				v[k++] = m;
	} else {
		for (size_t j = nd->off[0]; j < nd->off[1]; j++) {
			size_t lo, hi;
			if (!range_of(c, nd->alts[j], &lo, &hi))
				continue;
			for (size_t i = lo; i < hi; i++)
				if (nd->n == 1 || phrase_rest(c, nd, c->sorted[i].pos))
					v[k++] = c->sorted[i].pos;
		}
		if (nd->off[1] - nd->off[0] > 1 && k > 1) { /* several forms: merge */
			qsort(v, k, sizeof(*v), u32_cmp);
			size_t w = 1;
			for (size_t i = 1; i < k; i++)
				if (v[i] != v[w - 1])
					v[w++] = v[i];
			k = w;
		}
	}
	if (!k) {
		free(v);
		return NULL;
	}
	*n = k;
	return v;
}

/* FTS5's NEAR (fts5ExprNearIsMatch): some clump holds an instance of every phrase, none
 * starting more than (its length + N) positions before the clump's last start m.  Every
 * start of every phrase is tried as that last start, the others' starts found by binary
 * search: O(instances x phrases x log) whatever N is. */
static int near_in(column *c, const pnode *nd)
{
	uint32_t *st[64];
	size_t ns[64];
	const pnode *ph[64];
	size_t k = 0;
	int match = 0, ok = 1;
	for (size_t i = 0; i < nd->n && k < 64; i++) {
		if (nd->kids[i]->n == 0)
			continue; /* FTS5 leaves an empty phrase out of the group */
		ph[k] = nd->kids[i];
		st[k] = ok ? phrase_starts(c, ph[k], &ns[k]) : NULL;
		if (!st[k])
			ok = 0; /* a phrase that never starts: no clump (out of memory: no match) */
		k++;
	}
	for (size_t j = 0; ok && j < k && !match; j++) {
		for (size_t a = 0; a < ns[j] && !match; a++) {
			uint32_t m = st[j][a];
			int all = 1;
			for (size_t i = 0; i < k && all; i++) {
				uint32_t back = (uint32_t)ph[i]->n + nd->near;
				uint32_t from = m > back ? m - back : 0;
				size_t lo = 0, hi = ns[i]; /* the first start >= from */
				while (lo < hi) {
					size_t mid = (lo + hi) / 2;
					if (st[i][mid] < from)
						lo = mid + 1;
					else
						hi = mid;
				}
				all = lo < ns[i] && st[i][lo] <= m;
			}
			match = all;
		}
	}
	for (size_t i = 0; i < k; i++)
		free(st[i]);
	return match;
}

static int eval(sr_percolator *p, const pnode *nd)
{
	switch (nd->type) {
	case N_PHRASE:
		return ((nd->cols & COL_TITLE) && phrase_in(&p->col[0], nd)) ||
		       ((nd->cols & COL_BODY) && phrase_in(&p->col[1], nd));
	case N_NEAR:
		return ((nd->cols & COL_TITLE) && near_in(&p->col[0], nd)) ||
		       ((nd->cols & COL_BODY) && near_in(&p->col[1], nd));
	case N_AND:
		for (size_t i = 0; i < nd->n; i++)
			if (!eval(p, nd->kids[i]))
				return 0;
		return 1;
	case N_OR:
		for (size_t i = 0; i < nd->n; i++)
			if (eval(p, nd->kids[i]))
				return 1;
		return 0;
	default:
		return eval(p, nd->kids[0]) && !eval(p, nd->kids[1]);
	}
}

/* SQLite's lower(): ASCII only. */
static int ascii_ieq(const char *a, const char *b)
{
	for (;; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x + 32);
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y + 32);
		if (x != y)
			return 0;
		if (!x)
			return 1;
	}
}

static int ascii_ieqn(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x + 32);
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y + 32);
		if (x != y)
			return 0;
	}
	return 1;
}

/* instr(lower(hay), lower(pre || v || "/")) > 0 */
static int ascii_icontains3(const char *hay, const char *pre, const char *v)
{
	size_t lp = strlen(pre), lv = strlen(v), lh = strlen(hay), need = lp + lv + 1;
	for (size_t i = 0; i + need <= lh; i++)
		if (ascii_ieqn(hay + i, pre, lp) && ascii_ieqn(hay + i + lp, v, lv) && hay[i + lp + lv] == '/')
			return 1;
	return 0;
}

/* As store/search.c: key = K, alias = K, key LIKE 'T:% rest', key LIKE K || ' %'. */
static int entity_match(const char *key, const char *alias, const char *k)
{
	size_t kl = strlen(k), l = strlen(key);
	if (ascii_ieq(key, k) || (alias && ascii_ieq(alias, k)))
		return 1;
	if (kl >= 2 && l >= kl + 1) {
		/* 'T:' then anything, then ' ' + rest at the end */
		size_t rest = kl - 2;
		if (ascii_ieqn(key, k, 2) && l >= 2 + 1 + rest && key[l - rest - 1] == ' ' &&
		    ascii_ieqn(key + l - rest, k + 2, rest))
			return 1;
	}
	if (l >= kl + 1 && ascii_ieqn(key, k, kl) && key[kl] == ' ')
		return 1;
	return 0;
}

static int filters_ok(const pquery *q, const sr_watch_article *a)
{
	for (int k = 0; k < q->n_filters; k++) {
		const sr_qfilter *f = &q->filters[k];
		int ok = 0;
		switch (f->kind) {
		case SR_QF_SOURCE:
			ok = (a->site_name && ascii_ieq(a->site_name, f->text)) ||
			     (a->canon && (ascii_icontains3(a->canon, "://", f->text) ||
					   ascii_icontains3(a->canon, "://www.", f->text)));
			break;
		case SR_QF_LANG:
			ok = a->lang && ascii_ieq(a->lang, f->text);
			break;
		case SR_QF_SINCE:
			ok = a->time >= f->num;
			break;
		case SR_QF_UNTIL:
			ok = a->time <= f->num;
			break;
		case SR_QF_STORY:
			ok = a->story == f->num;
			break;
		case SR_QF_TAG:
			for (size_t i = 0; !ok && i < a->n_tags; i++)
				ok = a->tags[i] && ascii_ieq(a->tags[i], f->text);
			break;
		case SR_QF_PERSON:
		case SR_QF_ORG:
		case SR_QF_PLACE:
			for (size_t i = 0; !ok && i < a->n_ents; i++)
				ok = a->ent_keys[i] &&
				     entity_match(a->ent_keys[i], a->ent_aliases ? a->ent_aliases[i] : NULL,
						  q->ent_keys[k]);
			break;
		}
		if (!ok)
			return 0;
	}
	return 1;
}

static int cand_add(sr_percolator *p, uint32_t qi)
{
	if (p->mark[qi] == p->epoch)
		return SR_OK;
	p->mark[qi] = p->epoch;
	if (grow((void **)&p->cand, &p->cand_cap, p->ncand + 1, sizeof(uint32_t)))
		return SR_ENOMEM;
	p->cand[p->ncand++] = qi;
	return SR_OK;
}

/* The queries keyed by h, once per article (*fresh: h was new). */
static int key_candidates(sr_percolator *p, uint64_t h, int *fresh)
{
	int ins;
	if (!sr_hmap_put(&p->seen, h, &ins))
		return SR_ENOMEM;
	if (fresh)
		*fresh = ins;
	if (!ins)
		return SR_OK;
	uint64_t *v = sr_hmap_get(&p->index, h);
	if (!v)
		return SR_OK;
	const plist *l = &p->lists[*v - 1];
	for (uint32_t i = 0; i < l->n; i++)
		if (cand_add(p, l->ids[i]))
			return SR_ENOMEM;
	return SR_OK;
}

int sr_percolate(sr_percolator *p, const sr_watch_article *a, unsigned flags, sr_percolate_fn fn,
		 void *ctx, size_t *checked)
{
	int rc;
	if (checked)
		*checked = 0;
	if (!p->nq)
		return SR_OK;
	/* the language as the store's FTS view gives it: none for English */
	const char *lang = a->lang && a->lang[0] && strcmp(a->lang, "en") ? a->lang : NULL;
	if ((rc = prepare_column(p, &p->col[0], a->title, lang)) ||
	    (rc = prepare_column(p, &p->col[1], a->text, lang)))
		return rc;
	if (p->mark_cap < p->nq) {
		uint32_t *nm = realloc(p->mark, p->nq * sizeof(uint32_t));
		if (!nm)
			return SR_ENOMEM;
		memset(nm + p->mark_cap, 0, (p->nq - p->mark_cap) * sizeof(uint32_t));
		p->mark = nm;
		p->mark_cap = p->nq;
	}
	if (++p->epoch == 0) {
		memset(p->mark, 0, p->mark_cap * sizeof(uint32_t));
		p->epoch = 1;
	}
	p->ncand = 0;
	if (flags & SR_PERC_NAIVE) {
		for (uint32_t i = 0; i < p->nq; i++)
			if ((rc = cand_add(p, i)))
				return rc;
	} else {
		sr_hmap_clear(&p->seen);
		for (uint32_t i = 0; i < p->always.n; i++)
			if ((rc = cand_add(p, p->always.ids[i])))
				return rc;
		for (int c = 0; c < 2; c++) {
			const column *col = &p->col[c];
			for (size_t i = 0; i < col->n; i++) {
				const entry *e = &col->e[i];
				int fresh;
				if ((rc = key_candidates(p, e->h, &fresh)))
					return rc;
				if (!fresh)
					continue; /* a token seen before: its prefixes too */
				if (e->slen >= PREFIX_KEY &&
				    (rc = key_candidates(p, prefix_key(col->text.data + e->soff, PREFIX_KEY), NULL)))
					return rc;
				if (e->slen >= PREFIX_KEY_LONG &&
				    (rc = key_candidates(p, prefix_key(col->text.data + e->soff, PREFIX_KEY_LONG), NULL)))
					return rc;
			}
		}
		if (p->ncand > 1)
			qsort(p->cand, p->ncand, sizeof(uint32_t), u32_cmp);
	}
	for (size_t i = 0; i < p->ncand; i++) {
		const pquery *q = &p->q[p->cand[i]];
		if (checked)
			(*checked)++;
		if (!filters_ok(q, a))
			continue;
		if (q->root && !eval(p, q->root))
			continue;
		if ((rc = fn(ctx, q->id)))
			return rc;
	}
	return SR_OK;
}
