/*
 * ner_tok.c - the word tokenizer that feeds the NER tagger (Penn Treebank / CoNLL-2003 style).
 *
 * A chunk of non-space bytes is peeled from both ends: opening punctuation and quotes from the
 * front, closing punctuation, quotes and a sentence-final period from the back, then an
 * English clitic ('s, n't, 're, 've, 'll, 'd, 'm) from the end of what is left.  A period stays
 * on abbreviations: words with an inner period (U.S., p.m.), single letters (J.), and a short
 * list of titles, company suffixes and months.
 */
#include "analyze/ner.h"
#include "base/err.h"

#include <string.h>

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Length of a punctuation mark at s[0..n) that stands alone at a word's edge, or 0.
 * Three-byte UTF-8 marks: curly quotes, guillemets are two bytes, dashes, ellipsis. */
static size_t edge_punct(const unsigned char *s, size_t n, int front)
{
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80) {
		unsigned char c = s[2];
		/* U+2013 U+2014 dashes, U+2018..U+201F quotes, U+2026 ellipsis */
		if (c == 0x93 || c == 0x94 || (c >= 0x98 && c <= 0x9F) || c == 0xA6)
			return 3;
	}
	if (n >= 2 && s[0] == 0xC2 && (s[1] == 0xAB || s[1] == 0xBB))
		return 2;
	if (front)
		return strchr("\"'([{<`$#", s[0]) && s[0] ? 1 : 0;
	return strchr("\"')]}>,;:?!%*", s[0]) && s[0] ? 1 : 0;
}

/* Length of the punctuation mark that ends s[0..n), or 0. */
static size_t tail_punct(const unsigned char *s, size_t n)
{
	if (n >= 3 && edge_punct(s + n - 3, 3, 0) == 3)
		return 3;
	if (n >= 2 && edge_punct(s + n - 2, 2, 0) == 2)
		return 2;
	if (n >= 1 && edge_punct(s + n - 1, 1, 0) == 1)
		return 1;
	return 0;
}

static const char *const abbrevs[] = {
	"Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gen", "Col", "Lt", "Sgt", "Capt", "Gov",
	"Jr", "Sr", "St", "Co", "Corp", "Inc", "Ltd", "Bros", "Cos", "No", "vs", "etc", "Jan",
	"Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mt", "Ft",
	"Ave", "Rev", "Adm", "Maj", "Pres", "Dept", "Univ", "Assn", "approx", "Nos", "Plc", "Fig",
	NULL,
};

/* 1 when w[0..n) followed by '.' is an abbreviation that keeps its period. */
static int is_abbrev(const char *w, size_t n)
{
	if (n == 0)
		return 0;
	if (n == 1 && ((w[0] >= 'A' && w[0] <= 'Z') || (w[0] >= 'a' && w[0] <= 'z')))
		return 1;
	if (memchr(w, '.', n)) {
		/* "U.S", "p.m" - but not "end.." or a number "3.5" */
		int letters = 0;
		for (size_t i = 0; i < n; i++)
			if ((w[i] >= 'A' && w[i] <= 'Z') || (w[i] >= 'a' && w[i] <= 'z'))
				letters++;
		return letters > 0 && w[n - 1] != '.';
	}
	for (size_t i = 0; abbrevs[i]; i++)
		if (strlen(abbrevs[i]) == n && memcmp(abbrevs[i], w, n) == 0)
			return 1;
	return 0;
}

/* Length of an English clitic at the end of w[0..n), or 0.  The apostrophe may be ' or the
 * curly U+2019 (3 bytes). */
static size_t clitic(const char *w, size_t n)
{
	static const char *const tails[] = { "s", "S", "re", "ve", "ll", "d", "m", "RE", "VE",
					     "LL", "D", "M", NULL };
	for (size_t i = 0; tails[i]; i++) {
		size_t tl = strlen(tails[i]);
		for (int curly = 0; curly < 2; curly++) {
			size_t al = curly ? 3 : 1;
			if (n < tl + al + 1 || memcmp(w + n - tl, tails[i], tl) != 0)
				continue;
			const char *a = w + n - tl - al;
			if (curly ? memcmp(a, "\xE2\x80\x99", 3) == 0 : *a == '\'')
				return tl + al;
		}
	}
	/* n't */
	if (n >= 4 && (memcmp(w + n - 3, "n't", 3) == 0 || memcmp(w + n - 3, "N'T", 3) == 0))
		return 3;
	if (n >= 6 && memcmp(w + n - 5, "n\xE2\x80\x99t", 5) == 0)
		return 5;
	/* plural possessive "companies'" */
	if (n >= 3 && w[n - 1] == '\'' && (w[n - 2] == 's' || w[n - 2] == 'S'))
		return 1;
	return 0;
}

static int clitic_word(const char *w, size_t n)
{
	static const char *const cl[] = { "s", "S", "re", "ve", "ll", "d", "m", "t", NULL };
	for (size_t i = 0; cl[i]; i++)
		if (strlen(cl[i]) == n && memcmp(cl[i], w, n) == 0)
			return 1;
	return 0;
}

int sr_ner_tokenize(const char *text, size_t len,
		    int (*fn)(void *ctx, size_t start, size_t end), void *ctx)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t i = 0;
	int rc;
	if (!text && len)
		return SR_EINVAL;
	while (i < len) {
		while (i < len && is_space(t[i]))
			i++;
		if (i >= len)
			break;
		size_t s = i;
		while (i < len && !is_space(t[i]))
			i++;
		size_t e = i;
		/* Opening punctuation. */
		for (;;) {
			size_t k = edge_punct(t + s, e - s, 1);
			if (k == 0 || k >= e - s)
				break;
			/* a clitic standing alone ("'s", "'ll") stays whole */
			if (t[s] == '\'' && e - s <= 3 && clitic_word(text + s + 1, e - s - 1))
				break;
			/* `` as one token */
			if (t[s] == '`' && e - s > 2 && t[s + 1] == '`')
				k = 2;
			if ((rc = fn(ctx, s, s + k)) != 0)
				return rc;
			s += k;
		}
		/* Closing punctuation, collected back to front then emitted in order. */
		size_t tails[16];
		size_t nt = 0, end = e;
		while (nt < 16 && end > s) {
			size_t k = tail_punct(t + s, end - s);
			if (k && k < end - s) {
				end -= k;
				tails[nt++] = k;
				continue;
			}
			if (t[end - 1] == '.' && end - s > 1) {
				/* "..." stays one token */
				size_t d = end;
				while (d > s && t[d - 1] == '.')
					d--;
				if (end - d >= 3 && d > s) {
					tails[nt++] = end - d;
					end = d;
					continue;
				}
				if (end - d == 1 && !is_abbrev(text + s, end - 1 - s)) {
					end -= 1;
					tails[nt++] = 1;
					continue;
				}
			}
			break;
		}
		size_t cl = clitic(text + s, end - s);
		if (cl && cl < end - s) {
			if ((rc = fn(ctx, s, end - cl)) != 0 || (rc = fn(ctx, end - cl, end)) != 0)
				return rc;
		} else if (end > s) {
			if ((rc = fn(ctx, s, end)) != 0)
				return rc;
		}
		while (nt > 0) {
			size_t k = tails[--nt];
			if ((rc = fn(ctx, end, end + k)) != 0)
				return rc;
			end += k;
		}
	}
	return SR_OK;
}
