/*
 * fts_tok.c - the "sitrep" FTS5 tokenizer (see fts_tok.h).
 *
 * One sr_tokenizer per FTS5 tokenizer instance (FTS5 creates one per table and
 * connection, and a connection is used by one thread at a time).  xTokenize reads the
 * language marker, then hands the rest of the value to sr_tokenize with every offset
 * shifted by the marker's length.
 *
 * Prefix queries: FTS5 tokenizes a whole bareword or string with FTS5_TOKENIZE_PREFIX and
 * applies the prefix to its last token only.  So a first pass counts the words and keeps
 * the last one unstemmed; the second pass emits the others stemmed (with their colocated
 * forms) and, in place of the last one, the kept unstemmed form.
 */
#include "store/fts_tok.h"
#include "analyze/tokenize.h"
#include "base/err.h"

#include <stdlib.h>
#include <string.h>

#define MARKER_LANG_MAX 16

typedef int (*fts_xtoken)(void *, int, const char *, int, int, int);

struct fts_tok {
	sr_tokenizer *tok;
};

/* Per-call state passed through sr_tokenize to the adapters. */
struct call {
	void *fctx;
	fts_xtoken xtoken;
	size_t base;        /* marker length: added to every offset */
	/* prefix queries */
	size_t nwords;      /* words seen (non-colocated tokens) */
	size_t last;        /* index of the word left unstemmed */
	char keep[SR_TOK_MAX];
	size_t keeplen, keepstart, keepend;
};

/* Parse a leading marker: its length (0 when none) and the language into lang. */
static size_t parse_marker(const char *p, size_t n, char lang[MARKER_LANG_MAX + 1])
{
	lang[0] = '\0';
	if (n < 2 || p[0] != '\x01')
		return 0;
	for (size_t j = 1; j < n && j <= MARKER_LANG_MAX + 1; j++) {
		if (p[j] == '\x02') {
			memcpy(lang, p + 1, j - 1);
			lang[j - 1] = '\0';
			return j + 1;
		}
	}
	return 0;
}

static int fwd_token(void *ctx, const char *tok, size_t len, size_t start, size_t end,
		     int colocated)
{
	struct call *c = ctx;
	return c->xtoken(c->fctx, colocated ? FTS5_TOKEN_COLOCATED : 0, tok, (int)len,
			 (int)(c->base + start), (int)(c->base + end));
}

/* Prefix pass 1: count the words, keep the last one as normalised. */
static int count_token(void *ctx, const char *tok, size_t len, size_t start, size_t end,
		       int colocated)
{
	struct call *c = ctx;
	if (colocated)
		return 0;
	c->nwords++;
	memcpy(c->keep, tok, len);     /* len <= SR_TOK_MAX: unstemmed */
	c->keeplen = len;
	c->keepstart = start;
	c->keepend = end;
	return 0;
}

/* Prefix pass 2: everything but the last word as usual; the last one unstemmed. */
static int prefix_token(void *ctx, const char *tok, size_t len, size_t start, size_t end,
			int colocated)
{
	struct call *c = ctx;
	if (!colocated)
		c->nwords++;
	if (c->nwords - 1 < c->last)
		return fwd_token(ctx, tok, len, start, end, colocated);
	if (colocated)
		return 0;
	return fwd_token(ctx, c->keep, c->keeplen, c->keepstart, c->keepend, 0);
}

static int map_rc(int rc)
{
	if (rc == SR_ENOMEM)
		return SQLITE_NOMEM;
	return rc < 0 ? SQLITE_ERROR : rc; /* > 0: an SQLite code from xToken */
}

static int x_tokenize(Fts5Tokenizer *p, void *fctx, int flags, const char *text, int ntext,
		      fts_xtoken xtoken)
{
	struct fts_tok *ft = (struct fts_tok *)p;
	struct call c;
	char lang[MARKER_LANG_MAX + 1];
	size_t n = ntext > 0 ? (size_t)ntext : 0;
	int rc;

	memset(&c, 0, sizeof(c));
	c.fctx = fctx;
	c.xtoken = xtoken;
	c.base = parse_marker(text, n, lang);
	if (c.base) {
		text += c.base;
		n -= c.base;
	}
	const char *l = lang[0] ? lang : NULL;

	if (!(flags & FTS5_TOKENIZE_QUERY)) {
		rc = sr_tokenize(ft->tok, text, n, l, SR_TOK_STEM, fwd_token, &c);
		return map_rc(rc);
	}
	unsigned tflags = c.base ? SR_TOK_STEM : SR_TOK_STEM | SR_TOK_ALL_STEMS;
	if (!(flags & FTS5_TOKENIZE_PREFIX))
		return map_rc(sr_tokenize(ft->tok, text, n, l, tflags, fwd_token, &c));

	if ((rc = sr_tokenize(ft->tok, text, n, l, 0, count_token, &c)))
		return map_rc(rc);
	if (c.nwords == 0)
		return SQLITE_OK;
	c.last = c.nwords - 1;
	c.nwords = 0;
	return map_rc(sr_tokenize(ft->tok, text, n, l, tflags, prefix_token, &c));
}

static int x_create(void *unused, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)unused;
	(void)argv;
	*out = NULL;
	if (argc > 0)
		return SQLITE_ERROR; /* no options */
	struct fts_tok *ft = calloc(1, sizeof(*ft));
	if (!ft)
		return SQLITE_NOMEM;
	ft->tok = sr_tokenizer_new();
	if (!ft->tok) {
		free(ft);
		return SQLITE_NOMEM;
	}
	*out = (Fts5Tokenizer *)ft;
	return SQLITE_OK;
}

static void x_delete(Fts5Tokenizer *p)
{
	struct fts_tok *ft = (struct fts_tok *)p;
	if (!ft)
		return;
	sr_tokenizer_free(ft->tok);
	free(ft);
}

int sr_fts_register(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	int rc = SR_EDB;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	if (!api || api->iVersion < 2)
		goto out;
	fts5_tokenizer tk = {x_create, x_delete, x_tokenize};
	if (api->xCreateTokenizer(api, "sitrep", NULL, &tk, NULL) != SQLITE_OK)
		goto out;
	rc = SR_OK;
out:
	sqlite3_finalize(st);
	return rc;
}

int sr_fts_lang_marker(char out[8], const char *lang)
{
	out[0] = '\0';
	if (!lang || !lang[0] || strcmp(lang, "en") == 0)
		return 0;
	size_t n = strlen(lang);
	if (n > 5)
		return SR_EINVAL;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)lang[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '-' || ch == '_'))
			return SR_EINVAL;
	}
	out[0] = '\x01';
	memcpy(out + 1, lang, n);
	out[n + 1] = '\x02';
	out[n + 2] = '\0';
	return (int)(n + 2);
}
