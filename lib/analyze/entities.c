#include "analyze/entities.h"
#include "base/err.h"

#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#define MAX_TOKENS 200000

typedef struct tok {
	uint32_t start, end;
	uint8_t in_title;
} tok;

typedef struct tok_ctx {
	tok *t;
	size_t n, cap;
	uint8_t in_title;
	uint32_t base;
	int rc;
} tok_ctx;

static int on_tok(void *ctx, size_t start, size_t end)
{
	tok_ctx *c = ctx;
	if (c->n == c->cap) {
		c->rc = SR_ETOOBIG;
		return 1;
	}
	c->t[c->n++] = (tok){(uint32_t)start, (uint32_t)end, c->in_title};
	return 0;
}

static const char *src_of(const tok *t, const char *title, const char *text)
{
	return t->in_title ? title : text;
}

static int is_upper_start(const char *s)
{
	unsigned char c = (unsigned char)s[0];
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	utf8proc_int32_t cp;
	if (utf8proc_iterate((const utf8proc_uint8_t *)s, 4, &cp) < 0)
		return 0;
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

void sr_entity_key(int type, const char *name, size_t len, char *out, size_t cap)
{
	static const char letter[] = "POLM";
	size_t o = 0;
	if (cap < 3) {
		if (cap)
			out[0] = '\0';
		return;
	}
	out[o++] = type >= 0 && type < 4 ? letter[type] : 'X';
	out[o++] = ':';
	int space = 0;
	for (size_t i = 0; i < len && o + 5 < cap;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)name + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0) {
			i++;
			continue;
		}
		i += (size_t)k;
		utf8proc_category_t cat = utf8proc_category(cp);
		if (cat == UTF8PROC_CATEGORY_ZS || cp == '\n' || cp == '\t' || cp == '-' || cp == '.' ||
		    cp == ',' || cp == '\'' || cp == 0x2019) {
			space = o > 2;
			continue;
		}
		/* fold case and strip accents */
		utf8proc_int32_t buf[8];
		utf8proc_ssize_t nd = utf8proc_decompose_char(cp, buf, 8, UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK, NULL);
		if (space && o + 1 < cap) {
			out[o++] = ' ';
			space = 0;
		}
		for (utf8proc_ssize_t d = 0; d < nd && d < 8; d++) {
			if (utf8proc_category(buf[d]) == UTF8PROC_CATEGORY_MN)
				continue;
			utf8proc_uint8_t enc[4];
			utf8proc_ssize_t el = utf8proc_encode_char(buf[d], enc);
			if (o + (size_t)el + 1 >= cap)
				break;
			memcpy(out + o, enc, (size_t)el);
			o += (size_t)el;
		}
	}
	out[o] = '\0';
}

/* ---- in-document linking ---- */

typedef struct span {
	uint32_t t0, t1; /* tokens */
	int type;
	uint8_t in_title;
	uint32_t entity;
} span;

typedef struct span_ctx {
	span *s;
	size_t n, cap;
	uint32_t offset; /* token index of the first token of the tagged sequence */
} span_ctx;

static int on_span(void *ctx, const sr_ner_span *sp)
{
	span_ctx *c = ctx;
	if (c->n == c->cap)
		return 0;
	c->s[c->n++] = (span){sp->start + c->offset, sp->end + c->offset, sp->type, 0, 0};
	return 0;
}

/* Token k's text as a slice. */
#define TOKP(k) (src_of(&toks[k], title, text) + toks[k].start)
#define TOKN(k) ((size_t)(toks[k].end - toks[k].start))

static int same_tokens(const tok *toks, const char *title, const char *text, const span *a, const span *b)
{
	if (a->t1 - a->t0 != b->t1 - b->t0)
		return 0;
	for (uint32_t i = 0; i < a->t1 - a->t0; i++) {
		uint32_t x = a->t0 + i, y = b->t0 + i;
		if (TOKN(x) != TOKN(y) || memcmp(TOKP(x), TOKP(y), TOKN(x)))
			return 0;
	}
	return 1;
}

/* a's tokens are a contiguous part of b's, ending where b ends or in b ("Stoltenberg" in
 * "Jens Stoltenberg") */
static int part_of(const tok *toks, const char *title, const char *text, const span *a, const span *b)
{
	uint32_t na = a->t1 - a->t0, nb = b->t1 - b->t0;
	if (na >= nb)
		return 0;
	for (uint32_t off = 0; off + na <= nb; off++) {
		uint32_t i;
		for (i = 0; i < na; i++) {
			uint32_t x = a->t0 + i, y = b->t0 + off + i;
			if (TOKN(x) != TOKN(y) || memcmp(TOKP(x), TOKP(y), TOKN(x)))
				break;
		}
		if (i == na)
			return 1;
	}
	return 0;
}

/* a (one token, all capitals, 2..8 letters) spells the initials of b's capitalised words */
static int acronym_of(const tok *toks, const char *title, const char *text, const span *a, const span *b)
{
	if (a->t1 - a->t0 != 1)
		return 0;
	const char *p = TOKP(a->t0);
	size_t n = TOKN(a->t0);
	if (n < 2 || n > 8)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!(p[i] >= 'A' && p[i] <= 'Z'))
			return 0;
	size_t k = 0;
	for (uint32_t t = b->t0; t < b->t1; t++) {
		const char *w = TOKP(t);
		if (!(w[0] >= 'A' && w[0] <= 'Z'))
			continue; /* "of", "the", "and" */
		if (k >= n || w[0] != p[k])
			return 0;
		k++;
	}
	return k == n && b->t1 - b->t0 >= 2;
}

/* Resolve the places of out in gz (see the header, step 5). */
static int geocode(const sr_gazetteer *gz, sr_entities *out, sr_arena *arena)
{
	sr_geo_entry *ctx = sr_arena_alloc(arena, (out->ne + 1) * sizeof(sr_geo_entry));
	const char **cc = sr_arena_alloc(arena, (out->ne + 1) * sizeof(char *));
	if (!ctx || !cc)
		return SR_ENOMEM;
	size_t nctx = 0, ncc = 0;
	/* demonyms (MISC "Jordanian") name countries: context, not places of their own */
	for (size_t k = 0; k < out->ne; k++) {
		sr_doc_entity *e = &out->e[k];
		sr_geo_entry g;
		size_t n = 0;
		if (e->type == SR_NER_MISC && sr_geo_lookup(gz, e->name, &g, 1, &n) == SR_OK &&
		    g.match == SR_GEO_BY_DEMONYM) {
			char *c = sr_arena_strndup(arena, g.country, 2);
			if (!c)
				return SR_ENOMEM;
			cc[ncc++] = c;
		}
	}
	/* countries first, so that every town is resolved knowing every country the article
	 * names ("Athens" with "Greece" later in the text is Athens, Greece), then the rest in
	 * order of first mention */
	for (int pass = 0; pass < 2; pass++)
	for (size_t k = 0; k < out->ne; k++) {
		sr_doc_entity *e = &out->e[k];
		if (e->type != SR_NER_LOC || e->geo)
			continue;
		sr_geo_entry first;
		size_t nfirst = 0;
		int is_country = sr_geo_lookup(gz, e->name, &first, 1, &nfirst) == SR_OK && first.kind == SR_GEO_COUNTRY;
		if (pass == 0 && !is_country)
			continue;
		sr_geo_context c = {.places = ctx, .n_places = nctx, .countries = cc, .n_countries = ncc};
		sr_geo_entry g;
		if (sr_geo_resolve(gz, e->name, &c, &g) != SR_OK)
			continue;
		if (g.match == SR_GEO_BY_SKELETON) {
			int known = 0;
			for (size_t i = 0; i < nctx; i++)
				known |= !strcmp(ctx[i].country, g.country);
			for (size_t i = 0; i < ncc; i++)
				known |= !strcmp(cc[i], g.country);
			if (!known)
				continue;
		}
		ctx[nctx++] = g;
		char key[300], folded[256];
		sr_entity_key(SR_NER_LOC, g.name, strlen(g.name), folded, sizeof(folded));
		if (g.kind == SR_GEO_COUNTRY)
			snprintf(key, sizeof(key), "G:%s", g.country);
		else
			snprintf(key, sizeof(key), "G:%s:%s", g.country, folded + 2);
		e->alias = e->key; /* "L:amman" still names it */
		e->key = sr_arena_strdup(arena, key);
		e->name = sr_arena_strdup(arena, g.name);
		if (!e->key || !e->name)
			return SR_ENOMEM;
		e->geo = 1;
		e->lat = g.lat;
		e->lon = g.lon;
		memcpy(e->country, g.country, 3);
	}
	return SR_OK;
}

int sr_entities_find(sr_ner_tagger *tg, const sr_gazetteer *gz, const char *title, const char *text,
		     sr_arena *arena, sr_entities *out)
{
	memset(out, 0, sizeof(*out));
	size_t tl = title ? strlen(title) : 0, xl = text ? strlen(text) : 0;
	size_t cap = (tl + xl) / 2 + 16;
	if (cap > MAX_TOKENS)
		cap = MAX_TOKENS;
	tok_ctx tc = {.cap = cap};
	tc.t = sr_arena_alloc(arena, cap * sizeof(tok));
	if (!tc.t)
		return SR_ENOMEM;
	int rc;
	tc.in_title = 1;
	if (title && (rc = sr_ner_tokenize(title, tl, on_tok, &tc)) && tc.rc)
		return tc.rc;
	size_t ntitle = tc.n;
	tc.in_title = 0;
	if (text && (rc = sr_ner_tokenize(text, xl, on_tok, &tc)) && tc.rc)
		return tc.rc;
	size_t n = tc.n;
	if (!n)
		return SR_OK;
	tok *toks = tc.t;
	/* sentences */
	uint32_t *slen = sr_arena_alloc(arena, (n + 1) * sizeof(uint32_t));
	const char **tp = sr_arena_alloc(arena, n * sizeof(char *));
	size_t *tn = sr_arena_alloc(arena, n * sizeof(size_t));
	uint8_t *labels = sr_arena_alloc(arena, n);
	if (!slen || !tp || !tn || !labels)
		return SR_ENOMEM;
	size_t ns = 0, cur = 0;
	for (size_t i = 0; i < n; i++) {
		tp[i] = TOKP(i);
		tn[i] = TOKN(i);
		cur++;
		int end = 0;
		if (i + 1 == ntitle || i + 1 == n || cur >= 4000) {
			end = 1;
		} else if (!toks[i].in_title) {
			const char *w = tp[i];
			int stop = tn[i] == 1 && (w[0] == '.' || w[0] == '!' || w[0] == '?');
			/* a blank line between this token and the next ends a block */
			int block = 0;
			for (uint32_t b = toks[i].end; b + 1 < toks[i + 1].start; b++)
				if (text[b] == '\n' && text[b + 1] == '\n')
					block = 1;
			if (block)
				end = 1;
			else if (stop) {
				const char *nx = src_of(&toks[i + 1], title, text) + toks[i + 1].start;
				end = is_upper_start(nx) || nx[0] == '"' || !strncmp(nx, "\xe2\x80\x9c", 3);
			}
		}
		if (end) {
			slen[ns++] = (uint32_t)cur;
			cur = 0;
		}
	}
	if ((rc = sr_ner_tag(tg, tp, tn, n, slen, ns, labels)))
		return rc;
	/* spans */
	span_ctx sc = {.cap = n};
	sc.s = sr_arena_alloc(arena, n * sizeof(span));
	if (!sc.s)
		return SR_ENOMEM;
	/* labels never cross a sentence end; read them sentence by sentence */
	size_t at = 0;
	for (size_t k = 0; k < ns; k++) {
		sc.offset = (uint32_t)at;
		sr_ner_spans(labels + at, slen[k], on_span, &sc);
		at += slen[k];
	}
	/* a person's title is not part of the name: "Mr Blair" is Blair, "Dr Rana Haddad" is
	 * Rana Haddad (so the surname and the full name link) */
	static const char *const titles[] = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Prof",
					     "Prof.", "Sir", "Dame", "Lord", "Lady", "Sen.", "Rep.", "Gen.", "Col.",
					     "Capt.", "Sheikh", "King", "Queen", "Prince", "Princess", "President",
					     "Minister", NULL};
	for (size_t i = 0; i < sc.n; i++) {
		if (sc.s[i].type != SR_NER_PER)
			continue;
		while (sc.s[i].t1 - sc.s[i].t0 > 1) {
			int is_title = 0;
			for (int k = 0; titles[k] && !is_title; k++)
				is_title = TOKN(sc.s[i].t0) == strlen(titles[k]) &&
					   !memcmp(TOKP(sc.s[i].t0), titles[k], TOKN(sc.s[i].t0));
			if (!is_title)
				break;
			sc.s[i].t0++;
		}
	}
	span *sp = sc.s;
	size_t nsp = 0;
	/* a span without a letter (a stray quote mark, a number) names nothing */
	for (size_t i = 0; i < sc.n; i++) {
		int letter = 0;
		for (uint32_t t = sc.s[i].t0; t < sc.s[i].t1 && !letter; t++) {
			const char *w = TOKP(t);
			for (size_t b = 0; b < TOKN(t) && !letter;) {
				utf8proc_int32_t cp;
				utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)w + b,
								      (utf8proc_ssize_t)(TOKN(t) - b), &cp);
				if (k <= 0)
					break;
				utf8proc_category_t cat = utf8proc_category(cp);
				letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
				b += (size_t)k;
			}
		}
		if (letter)
			sc.s[nsp++] = sc.s[i];
	}
	for (size_t i = 0; i < nsp; i++)
		sp[i].in_title = toks[sp[i].t0].in_title;
	/* link: entity = index of the representative span */
	for (size_t i = 0; i < nsp; i++)
		sp[i].entity = (uint32_t)i;
	for (size_t i = 0; i < nsp; i++) {
		/* the same words, earlier: that entity */
		for (size_t j = 0; j < i; j++)
			if (sp[j].type == sp[i].type && same_tokens(toks, title, text, &sp[i], &sp[j])) {
				sp[i].entity = sp[j].entity;
				break;
			}
	}
	for (size_t i = 0; i < nsp; i++) {
		if (sp[i].entity != i)
			continue;
		/* a shorter form of exactly one longer name (of the same type; a person's surname) */
		long found = -1;
		int ambiguous = 0;
		for (size_t j = 0; j < nsp; j++) {
			if (j == i || sp[j].entity != j)
				continue;
			int fits = 0;
			if (sp[j].type == sp[i].type && part_of(toks, title, text, &sp[i], &sp[j]))
				fits = 1;
			else if (sp[i].type == SR_NER_ORG || sp[j].type == SR_NER_ORG)
				fits = acronym_of(toks, title, text, &sp[i], &sp[j]);
			if (!fits)
				continue;
			if (found >= 0 && sp[found].entity != sp[j].entity)
				ambiguous = 1;
			found = (long)j;
		}
		if (found >= 0 && !ambiguous) {
			uint32_t to = sp[found].entity;
			for (size_t k = 0; k < nsp; k++)
				if (sp[k].entity == (uint32_t)i)
					sp[k].entity = to;
		}
	}
	/* entities: the representative's longest form */
	uint32_t *index = sr_arena_alloc(arena, (nsp + 1) * sizeof(uint32_t));
	out->e = sr_arena_alloc(arena, (nsp + 1) * sizeof(sr_doc_entity));
	out->m = sr_arena_alloc(arena, (nsp + 1) * sizeof(sr_mention));
	if (!index || !out->e || !out->m)
		return SR_ENOMEM;
	for (size_t i = 0; i < nsp; i++)
		index[i] = UINT32_MAX;
	for (size_t i = 0; i < nsp; i++) {
		uint32_t r = sp[i].entity;
		if (index[r] == UINT32_MAX) {
			index[r] = (uint32_t)out->ne;
			sr_doc_entity *e = &out->e[out->ne++];
			memset(e, 0, sizeof(*e));
			e->type = (uint8_t)sp[r].type;
		}
		sr_doc_entity *e = &out->e[index[r]];
		e->mentions++;
		/* the longest form names it (and its type, when the forms disagree) */
		size_t len = toks[sp[i].t1 - 1].end - toks[sp[i].t0].start;
		if (!e->name || len > strlen(e->name)) {
			const char *src = src_of(&toks[sp[i].t0], title, text);
			e->name = sr_arena_strndup(arena, src + toks[sp[i].t0].start, len);
			if (!e->name)
				return SR_ENOMEM;
			e->type = (uint8_t)sp[i].type;
		}
		sr_mention *m = &out->m[out->nm++];
		m->start = toks[sp[i].t0].start;
		m->end = toks[sp[i].t1 - 1].end;
		m->type = (uint8_t)sp[i].type;
		m->in_title = sp[i].in_title;
		m->entity = index[r];
	}
	for (size_t k = 0; k < out->ne; k++) {
		sr_doc_entity *e = &out->e[k];
		char key[256];
		/* a name with a line break inside is a tagging slip across blocks: flatten it */
		sr_entity_key(e->type, e->name, strlen(e->name), key, sizeof(key));
		e->key = sr_arena_strdup(arena, key);
		if (!e->key)
			return SR_ENOMEM;
	}
	return gz ? geocode(gz, out, arena) : SR_OK;
}
