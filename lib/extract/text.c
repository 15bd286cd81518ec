/*
 * text.c - text-mode extraction (see text.h and docs/EXTRACTION.md).
 */
#include "extract/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "extract/clean.h"
#include "extract/date.h"
#include "extract/lexicon.h"

#define MAX_AUTHORS 16

static int lines_extract(const char *s, size_t n, sr_arena *a, sr_article *art);

typedef struct line {
	const char *s;
	size_t n;
} line;

static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* A byline: a short line that starts with a byline word. */
static int byline(sr_arena *a, const char *s, size_t n, sr_article *art)
{
	static const char *const pre[] = {"by ", "von ", "par ", "por ", "written by ",
					  "posted by ", "autor: ", "author: ", "بقلم", NULL};
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	if (n == 0 || n > 120)
		return 0;
	for (int i = 0; pre[i]; i++) {
		if (!sr_clean_iprefix(s, pre[i]))
			continue;
		const char *names[MAX_AUTHORS];
		size_t cnt = 0;
		sr_clean_authors(a, s, n, names, &cnt, MAX_AUTHORS, 1);
		if (cnt == 0)
			return 0;
		const char **v = sr_arena_alloc(a, cnt * sizeof(*v));
		if (!v)
			return 0;
		memcpy(v, names, cnt * sizeof(*v));
		art->authors = v;
		art->n_authors = cnt;
		return 1;
	}
	return 0;
}

/* ---- flattened pages: a page's visible text on one line ----
 *
 * The text is cut into words and sentences.  A sentence ends at . ! ? … 。 ؟ followed by a
 * capital, a digit or a quote; a capitalised function word ("The", "Die", "Le") after a word
 * with no punctuation also starts a new piece, since prose never writes it so mid-sentence:
 * that is where menus, headlines and credits run into each other.  A piece that reads as prose
 * (ends with a full stop, six words or more, not mostly capitalised) weighs for the body, any
 * other piece against it, a boilerplate phrase ("Related", "Read:", "Tags", "You might also
 * like") heavily against; the body is the run of pieces with the largest total weight.  Before
 * it, the head holds breadcrumbs, the headline, the standfirst, the byline and the date; after
 * it, the tail holds tags, related links and the footer. */

typedef struct word {
	uint32_t off, len;
} word;

typedef struct piece {
	uint32_t w0, w1;   /* words [w0, w1) */
	int prose;
	int stop;          /* starts with a boilerplate phrase */
	double weight;
} piece;

static const char *const function_words[] = {
	"The", "A", "An", "In", "On", "At", "As", "After", "Among", "For", "From", "With", "When",
	"While", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "But",
	"And", "However", "Despite", "According", "Following", "During", "Since", "Before",
	"Over", "Under", "Its", "Their", "His", "Her", "Our", "Der", "Die", "Das", "Den", "Dem",
	"Ein", "Eine", "Im", "Am", "Auf", "Mit", "Nach", "Bei", "Seit", "Wie", "Was", "Wenn",
	"Als", "Es", "Er", "Wir", "Ich", "Auch", "Doch", "Le", "La", "Les", "Un", "Une", "Des",
	"Dans", "Au", "Aux", "Pour", "Il", "Elle", "Ils", "Selon", "El", "Los", "Las", "Una",
	"Con", "Por", "Para", "Según", "Lo", "Il", "Gli", "Nel", "Della", NULL};

static int is_function_word(const char *s, size_t n)
{
	for (int i = 0; function_words[i]; i++)
		if (strlen(function_words[i]) == n && memcmp(function_words[i], s, n) == 0)
			return 1;
	return 0;
}

/* "and" between two names of a byline */
static int is_connector(const char *s, size_t n)
{
	static const char *const w[] = {"and", "und", "&", "et", "y", "e", "i", "og", NULL};
	for (int i = 0; w[i]; i++)
		if (strlen(w[i]) == n && memcmp(w[i], s, n) == 0)
			return 1;
	return 0;
}

static int starts_upper(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	if (c >= 'A' && c <= 'Z')
		return 1;
	/* Latin-1 capitals, Greek and Cyrillic capitals */
	if (c == 0xC3 && n > 1 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9E)
		return 1;
	return 0;
}

static int starts_lower(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	if (c >= 'a' && c <= 'z')
		return 1;
	if (c == 0xC3 && n > 1 && (unsigned char)s[1] >= 0x9F)
		return 1;
	return 0;
}

/* The word ends a sentence: . ! ? … 。 ！ ？ ؟ possibly followed by closing quotes or
 * brackets; not an initial ("J.") nor a common abbreviation. */
static int ends_sentence(const char *s, size_t n)
{
	while (n > 0) {
		unsigned char c = (unsigned char)s[n - 1];
		if (c == '"' || c == '\'' || c == ')' || c == ']') {
			n--;
			continue;
		}
		if (n >= 3 && ((unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
			       ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99))) {
			n -= 3; /* ” ’ */
			continue;
		}
		if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xBB) {
			n -= 2; /* » */
			continue;
		}
		break;
	}
	if (n == 0)
		return 0;
	unsigned char c = (unsigned char)s[n - 1];
	if (c == '!' || c == '?')
		return 1;
	if (n >= 3 && !memcmp(s + n - 3, "\xE2\x80\xA6", 3))
		return 1;
	if (n >= 3 && (!memcmp(s + n - 3, "\xE3\x80\x82", 3) || !memcmp(s + n - 3, "\xEF\xBC\x81", 3) ||
		       !memcmp(s + n - 3, "\xEF\xBC\x9F", 3)))
		return 1;
	if (n >= 2 && !memcmp(s + n - 2, "\xD8\x9F", 2))
		return 1;
	if (c != '.')
		return 0;
	if (n == 2 && starts_upper(s, n))
		return 0; /* an initial */
	static const char *const abbr[] = {"Dr.", "Mr.", "Mrs.", "Ms.", "St.", "Prof.", "Nr.",
					   "vs.", "z.B.", "bzw.", "ca.", "etc.", "Jr.", "Sr.",
					   "No.", "Abs.", "Art.", "S.", "u.a.", "d.h.", NULL};
	for (int i = 0; abbr[i]; i++)
		if (strlen(abbr[i]) == n && !memcmp(abbr[i], s, n))
			return 0;
	/* "12." in German dates and ordinals */
	if (s[0] >= '0' && s[0] <= '9' && n <= 3)
		return 0;
	return 1;
}

static int has_terminal(const char *s, size_t n)
{
	return ends_sentence(s, n);
}

typedef struct flat {
	const char *s;
	word *w;
	size_t nw;
	piece *p;
	size_t np;
} flat;

/* Text of words [a, b) as one arena string. */
static char *words_text(sr_arena *a, const flat *f, size_t w0, size_t w1)
{
	if (w1 <= w0)
		return NULL;
	size_t st = f->w[w0].off, en = f->w[w1 - 1].off + f->w[w1 - 1].len;
	return sr_clean_space(a, f->s + st, en - st);
}

/* A word that introduces a byline: "by", "von", "par", "por", "door", "Autor:", "Text:" ... */
static int is_by_word(const char *s, size_t n)
{
	static const char *const w[] = {"by", "von", "par", "por", "door", "di", "autor:",
					"autorin:", "author:", "text:", "von:", "by:", NULL};
	for (int i = 0; w[i]; i++)
		if (strlen(w[i]) == n && sr_clean_iprefix(s, w[i]))
			return 1;
	return 0;
}

/* The headline of a flattened page is often written twice: in the <h1> before the body, and
 * in a breadcrumb, a "current page" menu item, a share line or a teaser.  Among the phrases
 * that end at one of the words [from, to) and occur a second time in the page, the longest
 * (three words and 15 bytes at least, with a lowercase word or ": ? !" in it, so that a
 * repeated menu does not count) is the headline.  Returns 1 and its words in *w0, *w1. */
#define REPEAT_SPAN 65536

static int repeated_headline(const flat *f, const char *s, size_t n, size_t from, size_t to,
			     size_t *w0, size_t *w1)
{
	size_t best = 0;
	for (size_t e = from + 1; e <= to; e++) {
		size_t en = f->w[e - 1].off + f->w[e - 1].len;
		size_t j = e - 1, found = SIZE_MAX;
		while (j-- > 0 && e - j <= 30) {
			size_t st = f->w[j].off, pl = en - st;
			if (e - j < 2)
				continue;
			/* within 64 KiB on either side: bounded work on huge texts */
			size_t b0 = st > REPEAT_SPAN ? st - REPEAT_SPAN : 0;
			size_t a1 = n - en > REPEAT_SPAN ? en + REPEAT_SPAN : n;
			int again = (st - b0 >= pl &&
				     memmem(s + b0, st - b0, s + st, pl) != NULL) ||
				    memmem(s + en, a1 - en, s + st, pl) != NULL;
			if (!again)
				break;
			found = j;
		}
		if (found == SIZE_MAX || e - found < 3)
			continue;
		size_t st = f->w[found].off, pl = en - st;
		if (pl < 15 || pl <= best)
			continue;
		int ok = 0;
		size_t caps = 0;
		for (size_t k = found; k < e; k++) {
			ok = ok || starts_lower(s + f->w[k].off, f->w[k].len) ||
			     memchr(s + f->w[k].off, ':', f->w[k].len) ||
			     memchr(s + f->w[k].off, '?', f->w[k].len) ||
			     memchr(s + f->w[k].off, '!', f->w[k].len);
			caps += starts_upper(s + f->w[k].off, f->w[k].len);
		}
		/* a menu is a run of capitalised words; a headline does not start in lowercase
		 * (a phrase that does is prose that happens to repeat) */
		if (!ok || (e - found > 6 && caps * 4 > (e - found) * 3) ||
		    starts_lower(s + f->w[found].off, f->w[found].len))
			continue;
		best = pl;
		*w0 = found;
		*w1 = e;
	}
	return best > 0;
}

/* A word that marks a byline or a dateline: a date starts at it, a byline word followed by a
 * capitalised name, or a word of publication ("Posted", "Stand:", "Veröffentlicht"). */
static int marker_at(const flat *f, const char *s, size_t n, size_t i)
{
	static const char *const pub[] = {"Posted", "Published", "Written", "Updated",
					  "Stand:", "Erstellt", "Veröffentlicht", "veröffentlicht",
					  "Aktualisiert:", "Publié", "Publicado", "Publicada",
					  "Zuletzt", NULL};
	const char *ws = s + f->w[i].off;
	size_t wl = f->w[i].len, rest = n - f->w[i].off;
	char iso[SR_DATE_MAX];
	size_t ds, de;
	if (sr_date_find(ws, rest > 40 ? 40 : rest, iso, &ds, &de) && ds == 0)
		return 1;
	if (i + 1 < f->nw && is_by_word(ws, wl) &&
	    starts_upper(s + f->w[i + 1].off, f->w[i + 1].len) &&
	    !is_function_word(s + f->w[i + 1].off, f->w[i + 1].len))
		return 1;
	for (int k = 0; pub[k]; k++)
		if (strlen(pub[k]) == wl && !memcmp(pub[k], ws, wl))
			return 1;
	return 0;
}

/* A word that no headline runs across: a separator ("»", "|", ">"), a number, or the end of
 * a sentence. */
static int headline_stop(const char *ws, size_t wl)
{
	static const char *const sep[] = {"\xC2\xBB", "\xE2\x80\xBA", ">", "<", "|", "/", "\xC2\xB7",
					  "\xE2\x80\xA2", "\xE2\x86\x92", "\xE2\x80\x94", NULL};
	for (int k = 0; sep[k]; k++)
		if (strlen(sep[k]) == wl && !memcmp(sep[k], ws, wl))
			return 1;
	size_t digits = 0;
	for (size_t k = 0; k < wl; k++)
		digits += ws[k] >= '0' && ws[k] <= '9';
	if (digits * 2 > wl)
		return 1;
	return ends_sentence(ws, wl);
}

/* A byline word at word i in lower case ("von", "par") opens a byline only after a date, a
 * separator or a word of writing; "by" and one in capitals always may. */
static int lower_by_ok(const flat *f, const char *s, size_t i)
{
	static const char *const writing[] = {"Posted", "posted", "Written", "written",
					      "Publicado", "publicado", "Geschrieben", "Erstellt",
					      "Publié", "publié", "Veröffentlicht", "Text", "Story",
					      "Artikel", "Beitrag", NULL};
	if (!starts_lower(s + f->w[i].off, f->w[i].len) ||
	    (f->w[i].len == 2 && !memcmp(s + f->w[i].off, "by", 2)))
		return 1; /* English writes "Headline by Jane Doe" */
	if (i == 0)
		return 0;
	const char *ps = s + f->w[i - 1].off;
	size_t pl = f->w[i - 1].len;
	if (headline_stop(ps, pl) || ps[pl - 1] == ',' || ps[pl - 1] == ':' ||
	    (pl == 1 && (ps[0] == '-' || ps[0] == '|')) ||
	    (pl == 3 && !memcmp(ps, "\xE2\x80\x93", 3) /* – */))
		return 1;
	for (int k = 0; writing[k]; k++)
		if (strlen(writing[k]) == pl && !memcmp(writing[k], ps, pl))
			return 1;
	return 0;
}

static int particle(const char *x, size_t xl)
{
	static const char *const w[] = {"De", "Da", "Del", "Van", "Von", "Le", "La", "Di", "Du",
					"Dos", "Das", "Ter", "Ten", NULL};
	for (int k = 0; w[k]; k++)
		if (strlen(w[k]) == xl && !memcmp(w[k], x, xl))
			return 1;
	return 0;
}

/* A person's name after a byline word at word i, anywhere near the body: "Von Jane Doe",
 * "Von : Jane Doe", "Publicado por Jane Doe", "22. Dezember 2019 von Jane Doe".  A byline
 * word in lower case counts only after a date, a separator or a word of writing ("in Sri
 * Lanka von Jane" is running text).  The name: two capitalised words (three with an
 * initial or a particle: "Jane C. Doe", "Ana De Vita"; not in capitals, no digits), then
 * "und"/"and" and another such name.  Returns the words' end, or
 * 0. */
static size_t flat_byline_at(const flat *f, const char *s, size_t i)
{
	const char *ws = s + f->w[i].off;
	size_t wl = f->w[i].len;
	if (!is_by_word(ws, wl))
		return 0;
	if (!lower_by_ok(f, s, i))
		return 0;
	size_t j = i + 1;
	if (j < f->nw && f->w[j].len == 1 && s[f->w[j].off] == ':')
		j++;
	size_t names = 0, e = j;
	for (int part = 0; part < 2; part++) {
		size_t k = e, words = 0;
		while (k < f->nw && words < 3) {
			const char *x = s + f->w[k].off;
			size_t xl = f->w[k].len;
			if (!starts_upper(x, xl) || is_function_word(x, xl))
				break;
			size_t bad = 0;
			for (size_t q = 0; q < xl; q++) {
				unsigned char c = (unsigned char)x[q];
				bad += (c >= '0' && c <= '9') || c == '/' || c == '@' || c == ':' ||
				       c == '(' || c == '&';
			}
			size_t caps = 0;
			for (size_t q = 0; q < xl; q++)
				caps += x[q] >= 'A' && x[q] <= 'Z';
			if (bad || (caps == xl && xl > 3))
				break; /* capitals: a menu, not a name */
			words++;
			k++;
			/* a comma or full stop ends the name; two words are a name, a third
			 * only after an initial or a particle ("Jane C. Doe", "Ana De Vita") */
			if (x[xl - 1] == ',' || (x[xl - 1] == '.' && xl > 2))
				break;
			if (words == 2 && !(xl == 2 && x[1] == '.') && !particle(x, xl))
				break;
		}
		if (words < 2)
			break;
		names++;
		e = k;
		if (k + 1 < f->nw && is_connector(s + f->w[k].off, f->w[k].len))
			e = k + 1;
		else
			break;
	}
	if (!names)
		return 0;
	while (e > j && is_connector(s + f->w[e - 1].off, f->w[e - 1].len))
		e--;
	return e;
}

/* The headline of a flattened page, between the chrome before it and the byline or dateline
 * after it.  Its end: the start of the last cluster of bylines and datelines (markers at
 * most eight words apart) among the 80 words before the body (or the first twelve words of
 * the body's first piece, which may carry the head's tail), else the body.  When that
 * cluster is followed by a short run with a lowercase word before the body ("05.11.2021
 * Feuerwehr-Ehrenzeichen verliehen"), the run is the headline.  Its start: going back from
 * the end (30 words at most) to a separator, a number or a sentence end; within that span,
 * the last capitalised word before the first lowercase one (what precedes is a menu or a
 * breadcrumb), or the capitalised function word before it ("Das Potenzial von ...").
 * Returns 1 and the words in *t0, *t1. */
static int flat_headline(const flat *f, const char *s, size_t n, size_t head_end, size_t lim,
			 size_t *t0, size_t *t1)
{
	size_t from = head_end > 80 ? head_end - 80 : 0;
	size_t last = SIZE_MAX, cl_start = SIZE_MAX, cl_end = SIZE_MAX;
	size_t to = lim < head_end + 12 ? lim : head_end + 12;
	for (size_t i = from; i < to; i++) {
		if (!marker_at(f, s, n, i))
			continue;
		if (last == SIZE_MAX || i > last + 8)
			cl_start = i;
		last = i;
	}
	size_t end = head_end, stop = from;
	if (cl_start != SIZE_MAX) {
		/* the cluster's end: past the marker's date or name */
		cl_end = last + 1;
		while (cl_end < head_end && cl_end < last + 5 &&
		       (headline_stop(s + f->w[cl_end].off, f->w[cl_end].len) ||
			starts_upper(s + f->w[cl_end].off, f->w[cl_end].len)) &&
		       !is_function_word(s + f->w[cl_end].off, f->w[cl_end].len))
			cl_end++;
		int gap_lower = 0;
		for (size_t i = cl_end; i < head_end; i++)
			gap_lower |= starts_lower(s + f->w[i].off, f->w[i].len);
		size_t rest = n - f->w[cl_end < f->nw ? cl_end : f->nw - 1].off;
		if (cl_end < head_end && head_end - cl_end >= 2 && head_end - cl_end <= 25 &&
		    gap_lower && starts_upper(s + f->w[cl_end].off, f->w[cl_end].len) &&
		    !sr_lex_caption(s + f->w[cl_end].off, rest > 40 ? 40 : rest)) {
			stop = cl_end;
		} else {
			end = cl_start;
		}
	}
	if (end <= stop)
		return 0;
	size_t lo = end;
	/* the headline's last word may end a sentence or be a number */
	if (lo > stop)
		lo--;
	while (lo > stop && end - lo < 30 &&
	       !headline_stop(s + f->w[lo - 1].off, f->w[lo - 1].len))
		lo--;
	if (lo == end)
		return 0;
	/* where the headline starts: a headline's capitalised words come back in the body's
	 * first 3 KB, a menu's do not; the start is the capitalised word that maximises the
	 * sum, over the words from it to the end, of +1 for a capitalised word (three bytes or
	 * more) found in the body and -1 for one not found */
	size_t bst = f->w[head_end < f->nw ? head_end : f->nw - 1].off;
	size_t bl = n - bst > 3000 ? 3000 : n - bst;
	int sc = 0, best_sc = -1000;
	size_t b = end;
	for (size_t i = end; i-- > lo;) {
		const char *ws = s + f->w[i].off;
		size_t wl = f->w[i].len;
		if (!starts_upper(ws, wl))
			continue;
		if (wl >= 3 && !is_function_word(ws, wl))
			sc += memmem(s + bst, bl, ws, wl) ? 1 : -1;
		if (sc >= best_sc) {
			best_sc = sc;
			b = i;
		}
	}
	if (b == end || (b == lo && lo < end && starts_lower(s + f->w[lo].off, f->w[lo].len)))
		return 0;
	/* and not before the last capitalised word ahead of the first lowercase one (a
	 * section name that the body repeats: "Photovoltaik Schnee belastet ...") */
	size_t fl = lo;
	while (fl < end && !starts_lower(s + f->w[fl].off, f->w[fl].len))
		fl++;
	if (fl < end && fl > lo + 1) {
		size_t c = fl - 1;
		if (is_function_word(s + f->w[c - 1].off, f->w[c - 1].len))
			c--;
		if (c > b)
			b = c;
	}
	/* a capitalised function word after a sentence-case run, followed by more lowercase
	 * words, starts the standfirst ("Harbour reopens after repairs The first ferries
	 * arrived ..."); a headline in Title Case has no lowercase word after it */
	int lower_before = 0;
	for (size_t i = b + 1; i < end; i++) {
		const char *ws = s + f->w[i].off;
		size_t wl = f->w[i].len;
		if (lower_before && is_function_word(ws, wl) &&
		    !ends_sentence(s + f->w[i - 1].off, f->w[i - 1].len)) {
			size_t low = 0;
			for (size_t k = i + 1; k < end; k++)
				low += starts_lower(s + f->w[k].off, f->w[k].len);
			if (low >= 2) {
				end = i;
				break;
			}
		}
		lower_before |= starts_lower(ws, wl);
	}
	if (end - b > 30 || (end - b == 1 && f->w[b].len < 8))
		return 0;
	*t0 = b;
	*t1 = end;
	return 1;
}

/* Words of t that start with a lowercase letter. */
static size_t lower_words(const char *t)
{
	size_t k = 0;
	for (const char *p = t; *p;) {
		while (*p == ' ')
			p++;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		if (p > w && starts_lower(w, (size_t)(p - w)))
			k++;
	}
	return k;
}

static int flat_extract(const char *s, size_t n, sr_arena *a, sr_article *art)
{
	int rc = SR_OK;
	flat f = {.s = s};
	size_t capw = n / 2 + 16;
	f.w = malloc(capw * sizeof(*f.w));
	f.p = malloc((capw + 1) * sizeof(*f.p));
	if (!f.w || !f.p) {
		rc = SR_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < n;) {
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
			i++;
		if (i >= n)
			break;
		size_t st = i;
		while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			i++;
		f.w[f.nw].off = (uint32_t)st;
		f.w[f.nw].len = (uint32_t)(i - st);
		f.nw++;
	}
	if (f.nw == 0) {
		rc = SR_EEMPTY;
		goto out;
	}
	/* pieces */
	size_t w0 = 0;
	for (size_t i = 0; i < f.nw; i++) {
		const char *ws = s + f.w[i].off;
		size_t wl = f.w[i].len;
		int cut_after = ends_sentence(ws, wl);
		int cut_before_next = 0;
		if (!cut_after && i + 1 < f.nw) {
			const char *ns = s + f.w[i + 1].off;
			size_t nl = f.w[i + 1].len;
			unsigned char last = (unsigned char)ws[wl - 1];
			int punct = last == ',' || last == ';' || last == ':' || last == '-';
			if (!punct && is_function_word(ns, nl) && i + 1 > w0)
				cut_before_next = 1;
			/* a boilerplate phrase starts a piece of its own */
			if (!cut_before_next && sr_lex_stop(ns, n - f.w[i + 1].off > 60 ? 60 :
							    n - f.w[i + 1].off) &&
			    starts_upper(ns, nl))
				cut_before_next = 1;
		}
		if (cut_after || cut_before_next || i + 1 == f.nw) {
			piece *p = &f.p[f.np++];
			p->w0 = (uint32_t)w0;
			p->w1 = (uint32_t)(i + 1);
			w0 = i + 1;
		}
	}
	/* weights */
	for (size_t k = 0; k < f.np; k++) {
		piece *p = &f.p[k];
		size_t nw = p->w1 - p->w0, caps = 0, lower = 0;
		for (size_t i = p->w0; i < p->w1; i++) {
			if (starts_upper(s + f.w[i].off, f.w[i].len))
				caps++;
			else if (starts_lower(s + f.w[i].off, f.w[i].len))
				lower++;
		}
		const word *lw = &f.w[p->w1 - 1];
		int term = has_terminal(s + lw->off, lw->len);
		size_t rest = n - f.w[p->w0].off;
		p->stop = sr_lex_stop(s + f.w[p->w0].off, rest > 80 ? 80 : rest) > 0;
		/* caseless scripts (CJK, Arabic): no capitals to count */
		int caseless = caps + lower < nw / 2;
		p->prose = term && nw >= 6 && (caseless || caps * 10 < nw * 6);
		if (term && caseless && nw >= 1 && lw->off + lw->len - f.w[p->w0].off >= 30)
			p->prose = 1;
		/* notices that read as prose: cookies, newsletters, copyright, paywalls */
		if (p->prose) {
			static const char *const notice[] = {
				"\xC2\xA9", "cookie", "Cookie", "newsletter", "Newsletter",
				"rights reserved", "Rechte vorbehalten", "Datenschutz", "privacy",
				"Privacy", "subscribe", "Subscribe", "abonnieren", "Abonnent",
				"E-Mail-Adresse", "email address", "e-mail address", "JavaScript",
				"einloggen", "log in", "Log in", "anmelden", NULL};
			size_t st = f.w[p->w0].off, en = lw->off + lw->len;
			for (int q = 0; notice[q]; q++)
				if (memmem(s + st, en - st, notice[q], strlen(notice[q]))) {
					p->prose = 0;
					break;
				}
		}
		double len = (double)nw;
		p->weight = p->prose ? len : -0.7 * len;
		if (p->stop)
			p->weight -= 20;
	}
	/* the run of pieces with the largest total */
	double best = 0, cur = 0;
	size_t bs = 0, be = 0, cs = 0;
	for (size_t k = 0; k < f.np; k++) {
		if (cur <= 0) {
			cur = 0;
			cs = k;
		}
		cur += f.p[k].weight;
		if (cur > best) {
			best = cur;
			bs = cs;
			be = k + 1;
		}
	}
	if (be == 0) {
		bs = 0;
		be = f.np;
	}
	/* a boilerplate phrase once the body is well under way ends it */
	{
		size_t total = f.p[be - 1].w1 - f.p[bs].w0;
		for (size_t k = bs + 1; k < be; k++) {
			size_t before = f.p[k].w0 - f.p[bs].w0;
			if (f.p[k].stop && before >= 40 && before * 10 >= total * 4) {
				be = k;
				break;
			}
		}
	}
	/* the head: breadcrumb, headline, standfirst, byline, date, credit */
	size_t head_end = f.p[bs].w0; /* words before the body */
	size_t body_w0 = head_end;
	size_t by_w = SIZE_MAX, date_w = SIZE_MAX;
	size_t lim = f.p[bs].w1; /* the first body piece may carry the head's tail */
	for (size_t i = 0; i < lim; i++) {
		const char *ws = s + f.w[i].off;
		size_t wl = f.w[i].len;
		int by_word = ((wl == 2 && sr_clean_iprefix(ws, "by")) ||
			       (i < head_end && is_by_word(ws, wl))) &&
			      (i >= head_end || lower_by_ok(&f, s, i));
		if (by_w == SIZE_MAX && i + 1 < lim && by_word &&
		    starts_upper(s + f.w[i + 1].off, f.w[i + 1].len) &&
		    !is_function_word(s + f.w[i + 1].off, f.w[i + 1].len)) {
			by_w = i;
			size_t e = i + 1;
			while (e < lim && e < i + 9 &&
			       ((starts_upper(s + f.w[e].off, f.w[e].len) &&
				 !is_function_word(s + f.w[e].off, f.w[e].len)) ||
				(e + 1 < lim && is_connector(s + f.w[e].off, f.w[e].len) &&
				 starts_upper(s + f.w[e + 1].off, f.w[e + 1].len)))) {
				char iso[SR_DATE_MAX];
				if (sr_date_find(s + f.w[e].off, f.w[e].len, iso, NULL, NULL))
					break;
				/* a month name starts the date */
				size_t ds, de;
				size_t rest = n - f.w[e].off;
				if (sr_date_find(s + f.w[e].off, rest > 40 ? 40 : rest, iso, &ds,
						 &de) && ds == 0)
					break;
				e++;
			}
			const char *names[MAX_AUTHORS];
			size_t cnt = 0;
			char *bl = words_text(a, &f, i, e);
			if (bl)
				sr_clean_authors(a, bl, strlen(bl), names, &cnt, MAX_AUTHORS, 1);
			if (cnt) {
				const char **v = sr_arena_alloc(a, cnt * sizeof(*v));
				if (v) {
					memcpy(v, names, cnt * sizeof(*v));
					art->authors = v;
					art->n_authors = cnt;
				}
			}
			if (body_w0 < e)
				body_w0 = e;
			i = e - 1;
			continue;
		}
		if (date_w == SIZE_MAX && (i < head_end || by_w != SIZE_MAX)) {
			char iso[SR_DATE_MAX];
			size_t ds, de;
			size_t rest = n - f.w[i].off;
			if (sr_date_find(ws, rest > 60 ? 60 : rest, iso, &ds, &de) && ds == 0) {
				date_w = i;
				if (!art->published)
					art->published = sr_arena_strdup(a, iso);
				size_t e = i;
				while (e < f.nw && f.w[e].off < f.w[i].off + de)
					e++;
				if (body_w0 < e && (i < head_end + 3 || by_w != SIZE_MAX))
					body_w0 = e;
				i = e - 1;
				continue;
			}
		}
		/* an image credit: "Image credit: NATO", "Photo: Jane Doe" */
		if (i >= body_w0 && i < lim && sr_lex_caption(ws, f.w[i].len + 30 < n - f.w[i].off ?
							     f.w[i].len + 30 : n - f.w[i].off) &&
		    (by_w != SIZE_MAX || date_w != SIZE_MAX)) {
			size_t e = i + 1;
			while (e < lim && ws[0] && !strchr(s + f.w[e - 1].off, ':') &&
			       e < i + 3)
				e++;
			while (e < lim && e < i + 6 && starts_upper(s + f.w[e].off, f.w[e].len) &&
			       !is_function_word(s + f.w[e].off, f.w[e].len))
				e++;
			body_w0 = e;
			i = e - 1;
		}
	}
	if (body_w0 > f.p[bs].w1)
		body_w0 = f.p[bs].w1;
	/* no byline in the head: one near the body's start, or after it */
	if (!art->n_authors) {
		size_t i0 = head_end > 80 ? head_end - 80 : 0;
		size_t i1 = f.nw;
		for (size_t i = i0; i < i1; i++) {
			size_t e = flat_byline_at(&f, s, i);
			if (!e)
				continue;
			const char *names[MAX_AUTHORS];
			size_t cnt = 0;
			char *bl = words_text(a, &f, i, e);
			if (bl)
				sr_clean_authors(a, bl, strlen(bl), names, &cnt, MAX_AUTHORS, 1);
			if (cnt) {
				const char **v = sr_arena_alloc(a, cnt * sizeof(*v));
				if (v) {
					memcpy(v, names, cnt * sizeof(*v));
					art->authors = v;
					art->n_authors = cnt;
				}
				break;
			}
		}
	}
	/* the headline, between the chrome and the byline or dateline next to the body */
	{
		size_t t0, t1;
		if (flat_headline(&f, s, n, head_end, f.p[bs].w1, &t0, &t1))
			art->title = words_text(a, &f, t0, t1);
	}
	/* else the head before the first byline (or date), without its breadcrumb; a
	 * capitalised function word there starts the standfirst */
	size_t h_end = by_w != SIZE_MAX ? by_w : date_w != SIZE_MAX ? date_w : head_end;
	if (h_end > 0 && h_end <= head_end + (f.p[bs].w1 - f.p[bs].w0)) {
		size_t first_lower = SIZE_MAX;
		for (size_t i = 0; i < h_end; i++)
			if (starts_lower(s + f.w[i].off, f.w[i].len)) {
				first_lower = i;
				break;
			}
		if (first_lower != SIZE_MAX) {
			size_t t0 = first_lower > 0 ? first_lower - 1 : 0;
			/* a capitalised function word right before starts the headline */
			size_t t1 = h_end;
			for (size_t i = first_lower + 1; i < h_end; i++)
				if (is_function_word(s + f.w[i].off, f.w[i].len) &&
				    !ends_sentence(s + f.w[i - 1].off, f.w[i - 1].len)) {
					t1 = i;
					break;
				}
			if (!art->title)
				art->title = words_text(a, &f, t0, t1);
			if (t1 < h_end && !art->description)
				art->description = words_text(a, &f, t1, h_end);
			/* a breadcrumb opened by "Home": its last item is the section */
			if (t0 >= 2) {
				const char *w = s + f.w[0].off;
				size_t wl = f.w[0].len;
				static const char *const home[] = {"Home", "Startseite", "Start",
								   "Accueil", "Inicio", "Home:",
								   NULL};
				for (int k = 0; home[k]; k++)
					if (strlen(home[k]) == wl && !memcmp(home[k], w, wl))
						art->section = words_text(a, &f, t0 - 1, t0);
			}
		}
	}
	/* a headline written twice, ending shortly before the body */
	{
		size_t to = head_end + 15 < f.nw ? head_end + 15 : f.nw;
		size_t from = head_end > 60 ? head_end - 60 : 0;
		size_t r0 = 0, r1 = 0;
		if (to > from && repeated_headline(&f, s, n, from, to, &r0, &r1)) {
			/* not the punctuation that ended what came before */
			while (r0 + 3 < r1 && f.w[r0].len <= 3 && !starts_upper(s + f.w[r0].off,
										 f.w[r0].len) &&
			       !starts_lower(s + f.w[r0].off, f.w[r0].len))
				r0++;
			char *t = words_text(a, &f, r0, r1);
			size_t off;
			/* nor a byline run into it: "Headline By Jane Doe" */
			if (t && sr_clean_find_byline(t, strlen(t), &off) && off > 10)
				t[off - 1] = 0;
			/* a headline found without it that ends with the phrase is the whole one;
			 * the standfirst written again in the body is not the headline, when the
			 * headline found reads as one (lowercase words: not a run of menu items) */
			size_t tl = t ? strlen(t) : 0, ol = art->title ? strlen(art->title) : 0;
			int standfirst = t && art->title && art->description &&
					 !strcmp(art->description, t) && lower_words(art->title) >= 2;
			if (t && !standfirst && !(ol > tl && ol <= 2 * tl && !strcmp(art->title + ol - tl, t)))
				art->title = sr_clean_space(a, t, tl);
		}
	}
	/* the body */
	{
		size_t st = f.w[body_w0].off;
		size_t en = f.w[f.p[be - 1].w1 - 1].off + f.w[f.p[be - 1].w1 - 1].len;
		if (body_w0 < f.p[be - 1].w1)
			art->text = sr_clean_space(a, s + st, en - st);
	}
	/* tags: after "Tags", up to the next boilerplate phrase; a tag is the longest run of
	 * words that also occurs in the body (ASCII case folded) */
	for (size_t k = be; k < f.np && art->text; k++) {
		const char *ws = s + f.w[f.p[k].w0].off;
		if (!(f.w[f.p[k].w0].len == 4 && !memcmp(ws, "Tags", 4)) &&
		    !(f.w[f.p[k].w0].len == 5 && !memcmp(ws, "Tags:", 5)))
			continue;
		size_t i = f.p[k].w0 + 1, end = f.p[k].w1;
		if (end > i + 40)
			end = i + 40; /* a tag list is short; this bounds the phrase search */
		const char **tags = sr_arena_alloc(a, 32 * sizeof(*tags));
		size_t nt = 0;
		while (tags && i < end && nt < 32) {
			size_t best_e = i + 1;
			for (size_t e = i + 1; e <= end && e <= i + 6; e++) {
				char *ph = words_text(a, &f, i, e);
				if (ph && strcasestr(art->text, ph))
					best_e = e;
			}
			tags[nt++] = words_text(a, &f, i, best_e);
			i = best_e;
		}
		if (nt) {
			art->tags = tags;
			art->n_tags = nt;
		}
		break;
	}
	if (!art->published) {
		char iso[SR_DATE_MAX];
		size_t lim2 = f.w[body_w0].off + 200 < n ? f.w[body_w0].off + 200 : n;
		if (sr_date_find(s, lim2, iso, NULL, NULL))
			art->published = sr_arena_strdup(a, iso);
		/* else the first date anywhere: a dateline after the body ("Published on ...") */
		else if (sr_date_find(s, n, iso, NULL, NULL))
			art->published = sr_arena_strdup(a, iso);
	}
	if (!art->text && !art->title)
		rc = SR_EEMPTY;
out:
	free(f.w);
	free(f.p);
	return rc;
}

int sr_text_extract(const char *s, size_t n, sr_arena *a, sr_article *art)
{
	/* a flattened page: long lines, few of them */
	size_t lines = 1, longest = 0, cur = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			lines++;
			if (cur > longest)
				longest = cur;
			cur = 0;
		} else {
			cur++;
		}
	}
	if (cur > longest)
		longest = cur;
	if (longest > 400 && (lines <= 3 || lines * 300 < n))
		return flat_extract(s, n, a, art);
	return lines_extract(s, n, a, art);
}

static int lines_extract(const char *s, size_t n, sr_arena *a, sr_article *art)
{
	int rc = SR_OK;
	sr_buf out;
	sr_buf_init(&out, n + 16);
	/* blocks: paragraphs separated by blank lines; when the text has no blank line,
	 * every line is a block */
	int has_blank = 0;
	{
		const char *p = s, *e = s + n;
		int prev_blank = 0;
		while (p < e) {
			const char *q = memchr(p, '\n', (size_t)(e - p));
			if (!q)
				q = e;
			int b = is_blank(p, (size_t)(q - p));
			if (b && !prev_blank && p != s)
				has_blank = 1;
			prev_blank = b;
			p = q + 1;
		}
	}
	const char *p = s, *e = s + n;
	int nblk = 0;
	int in_par = 0;
	while (p < e) {
		const char *q = memchr(p, '\n', (size_t)(e - p));
		if (!q)
			q = e;
		size_t ln = (size_t)(q - p);
		if (is_blank(p, ln)) {
			in_par = 0;
			p = q + 1;
			continue;
		}
		char *t = sr_clean_space(a, p, ln);
		p = q + 1;
		if (!t)
			continue;
		size_t tl = strlen(t);
		if (nblk == 0 && !art->title && tl <= 250 && (has_blank || e - p > 0)) {
			art->title = t;
			nblk++;
			continue;
		}
		if (nblk <= 3 && !art->n_authors && byline(a, t, tl, art)) {
			nblk++;
			continue;
		}
		if (!art->published) {
			char iso[SR_DATE_MAX];
			size_t ds, de;
			if (tl < 60 && sr_date_find(t, tl, iso, &ds, &de) && de - ds + 8 >= tl) {
				art->published = sr_arena_strdup(a, iso);
				nblk++;
				continue;
			}
		}
		if (in_par && has_blank) {
			if ((rc = sr_buf_putc(&out, ' ')))
				goto out;
		} else if (out.len) {
			if ((rc = sr_buf_append(&out, "\n\n", 2)))
				goto out;
		}
		if ((rc = sr_buf_append(&out, t, tl)))
			goto out;
		in_par = 1;
		nblk++;
	}
	if (!art->published) {
		char iso[SR_DATE_MAX];
		if (sr_date_find(s, n > 2000 ? 2000 : n, iso, NULL, NULL))
			art->published = sr_arena_strdup(a, iso);
	}
	if (out.len == 0 && !art->title) {
		rc = SR_EEMPTY;
		goto out;
	}
	if (out.len) {
		art->text = sr_arena_strndup(a, out.data, out.len);
		if (!art->text)
			rc = SR_ENOMEM;
	}
out:
	sr_buf_release(&out);
	return rc;
}
