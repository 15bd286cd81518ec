/*
 * clean.c - whitespace, entities, bylines and language tags (see clean.h).
 */
#include "extract/clean.h"

#include <stdint.h>
#include <string.h>

#include "base/utf8.h"

static int lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int sr_clean_ieq(const char *a, const char *b)
{
	while (*a && *b && lc((unsigned char)*a) == lc((unsigned char)*b)) {
		a++;
		b++;
	}
	return *a == 0 && *b == 0;
}

int sr_clean_iprefix(const char *s, const char *prefix)
{
	while (*prefix && lc((unsigned char)*s) == lc((unsigned char)*prefix)) {
		s++;
		prefix++;
	}
	return *prefix == 0;
}

size_t sr_clean_chars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* Width of a whitespace character at s (0 when not whitespace). */
static size_t space_at(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
		return 1;
	if (c < 0xC2)
		return 0;
	int32_t cp;
	size_t k = sr_utf8_decode(s, n, &cp);
	if (cp == 0xA0 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF ||
	    (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029)
		return k;
	return 0;
}

char *sr_clean_space(sr_arena *a, const char *s, size_t n)
{
	if (!s)
		return NULL;
	char *o = sr_arena_alloc(a, n + 1);
	if (!o)
		return NULL;
	size_t j = 0;
	int sp = 0;
	for (size_t i = 0; i < n;) {
		size_t k = space_at(s + i, n - i);
		if (k) {
			sp = 1;
			i += k;
			continue;
		}
		if (sp && j > 0)
			o[j++] = ' ';
		sp = 0;
		o[j++] = s[i++];
	}
	o[j] = 0;
	return j ? o : NULL;
}

static size_t put_cp(char *o, int32_t cp)
{
	if (cp <= 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
	    (cp < 0x20 && cp != '\t' && cp != '\n'))
		cp = ' ';
	char b[4];
	size_t k = sr_utf8_encode(cp, b);
	memcpy(o, b, k);
	return k;
}

char *sr_clean_markup(sr_arena *a, const char *s, size_t n)
{
	if (!s)
		return NULL;
	/* decoding never grows the text (a reference is at least as long as its UTF-8) */
	char *o = sr_arena_alloc(a, n + 4);
	if (!o)
		return NULL;
	int markup = memchr(s, '<', n) && memchr(s, '>', n);
	size_t j = 0;
	for (size_t i = 0; i < n;) {
		if (markup && s[i] == '<') {
			const char *e = memchr(s + i, '>', n - i);
			if (e) {
				o[j++] = ' ';
				i = (size_t)(e - s) + 1;
				continue;
			}
		}
		if (s[i] == '&') {
			const char *semi = memchr(s + i, ';', n - i < 12 ? n - i : 12);
			if (semi) {
				const char *r = s + i + 1;
				size_t rl = (size_t)(semi - r);
				int32_t cp = -1;
				if (rl >= 2 && r[0] == '#') {
					cp = 0;
					if (r[1] == 'x' || r[1] == 'X') {
						for (size_t k = 2; k < rl && cp >= 0; k++) {
							int c = lc((unsigned char)r[k]);
							int d = c >= '0' && c <= '9' ? c - '0' :
								c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
							cp = d < 0 || cp > 0x10FFFF ? -1 : cp * 16 + d;
						}
					} else {
						for (size_t k = 1; k < rl && cp >= 0; k++) {
							int d = r[k] >= '0' && r[k] <= '9' ? r[k] - '0' : -1;
							cp = d < 0 || cp > 0x10FFFF ? -1 : cp * 10 + d;
						}
					}
				} else {
					static const struct {
						const char *n;
						int32_t cp;
					} ents[] = {
						{"amp", '&'}, {"quot", '"'}, {"apos", '\''},
						{"lt", '<'}, {"gt", '>'}, {"nbsp", 0xA0},
						{"ndash", 0x2013}, {"mdash", 0x2014},
						{"hellip", 0x2026}, {"rsquo", 0x2019},
						{"lsquo", 0x2018}, {"rdquo", 0x201D},
						{"ldquo", 0x201C}, {"laquo", 0xAB},
						{"raquo", 0xBB},
					};
					for (size_t k = 0; k < sizeof(ents) / sizeof(ents[0]); k++)
						if (strlen(ents[k].n) == rl &&
						    memcmp(ents[k].n, r, rl) == 0)
							cp = ents[k].cp;
				}
				if (cp > 0) {
					j += put_cp(o + j, cp);
					i = (size_t)(semi - s) + 1;
					continue;
				}
			}
		}
		o[j++] = s[i++];
	}
	return sr_clean_space(a, o, j);
}

/* Prefixes that introduce a byline. */
static const char *const by_prefix[] = {
	"view all posts by ", "all posts by ", "more posts by ", "posts by ", "more from ",
	"zeige alle beiträge von ", "alle beiträge von ", "alle artikel von ", "alles von ",
	"mehr von ", "beitrag von ", "blog beitrag von ", "artikel von: ", "artikel von ",
	"eingestellt von ", "geschrieben von ", "verfasst von ", "veröffentlicht von ",
	"publiziert von ", "ein beitrag von ", "ein artikel von ", "von: ",
	"written by: ", "written by ", "posted by ", "author ", "published by ", "reported by ",
	"text by ",
	"story by ", "words by ", "by: ", "by ", "von: ", "von ", "text: ", "text von ",
	"autor: ", "autorin: ", "autoren: ", "autor ", "autorin ", "autoren ", "author: ",
	"authors: ", "text & fotos: ", "text und fotos: ", "auteur(s) : ", "auteur : ",
	"auteur: ", "verfasser: ", "par ",
	"por ", "door ", "redacción: ", "بقلم: ", "بقلم ", "كتب: ", "كتب ",
	"كتبت ", "إعداد: ", "تحرير: ", "edited by ", "interview: ",
};

static int is_letter_start(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	if (c < 0x80)
		return (lc(c) >= 'a' && lc(c) <= 'z');
	int32_t cp;
	sr_utf8_decode(s, n, &cp);
	return cp >= 0xC0 && !(cp >= 0x2000 && cp <= 0x2BFF);
}

/* Accept one name candidate s[0..n): trim, validate, append. */
/* A name's shape: one token (a handle), or two to five words that each start with a
 * capital (or a letter of a caseless script), particles such as "von", "de", "van" aside. */
static int name_shaped(const char *s, size_t n)
{
	static const char *const particles[] = {"von", "van", "der", "den", "de", "la", "le",
						"da", "di", "del", "du", "dos", "das", "bin",
						"al", "el", "zu", "ten", "ter", "y", "e", NULL};
	size_t words = 0;
	for (size_t i = 0; i < n;) {
		while (i < n && s[i] == ' ')
			i++;
		if (i >= n)
			break;
		size_t st = i;
		while (i < n && s[i] != ' ')
			i++;
		words++;
		unsigned char c = (unsigned char)s[st];
		if (c >= 'A' && c <= 'Z')
			continue;
		if (c >= 0x80 && !(c == 0xC3 && st + 1 < n && (unsigned char)s[st + 1] >= 0x9F))
			continue; /* a capital accented letter, or another script */
		int part = 0;
		for (int k = 0; particles[k] && !part; k++)
			part = strlen(particles[k]) == i - st &&
			       memcmp(s + st, particles[k], i - st) == 0;
		if (!part)
			return words == 1 && i >= n; /* a lowercase handle on its own */
	}
	return words >= 1 && words <= 5;
}

static void add_name(sr_arena *a, const char *s, size_t n, const char **names, size_t *cnt,
		     size_t max, int strict)
{
	/* trim spaces and punctuation around */
	while (n > 0 && (strchr(" \t\n,;:|-/()[]*\"'.", s[0]) != NULL)) {
		s++;
		n--;
	}
	while (n > 0 && strchr(" \t\n,;:|-/()[]*\"'", s[n - 1]) != NULL)
		n--;
	if (n < 2 || n > 80 || *cnt >= max)
		return;
	if (memchr(s, '@', n) || memchr(s, '<', n) || memchr(s, '{', n) || memchr(s, '=', n))
		return;
	if (n >= 4 && (memcmp(s, "http", 4) == 0 || memcmp(s, "www.", 4) == 0))
		return;
	if (!is_letter_start(s, n))
		return;
	/* a domain ("example.org"), an arrow, a UI word: not a name */
	if (memchr(s, '.', n)) {
		const char *d = s + n;
		size_t tld = 0;
		while (d > s && d[-1] != '.' && d[-1] != ' ') {
			d--;
			tld++;
		}
		if (d > s && d[-1] == '.' && tld >= 2 && tld <= 4)
			return;
	}
	if (memmem(s, n, "\xE2\x86\x92", 3) || memmem(s, n, "\xC2\xBB", 2))
		return;
	static const char *const not_names[] = {
		"by", "posted", "published", "publiziert", "publiziert am", "veröffentlicht",
		"datum", "date", "link", "text", "no author", "author", "autor", "admin",
		"anonymous", "anonym", "editor", "share", "teilen", "mehr", "more", "schließen",
		"close", "home", "startseite", "archiv", "comments", "kommentare", "von",
		"published by", "posted by", "veröffentlicht am", "veröffentlicht von", "stand",
		"quelle", "source", "foto", "photo", "bild", "alle beiträge", "all posts",
		"rebloggt", "reblogged",
		NULL};
	for (int i = 0; not_names[i]; i++) {
		size_t k = strlen(not_names[i]);
		if (k == n && sr_clean_iprefix(s, not_names[i]))
			return;
	}
	/* a label after the name ("Fritz Imhof Quelle: Livenet") ends it */
	for (size_t i = 1; i + 1 < n; i++)
		if (s[i] == ':' && (s[i + 1] == ' ') && memchr(s, ' ', i)) {
			size_t b = i;
			while (b > 0 && s[b - 1] != ' ')
				b--;
			if (b > 0) {
				n = b;
				while (n > 0 && s[n - 1] == ' ')
					n--;
				break;
			}
		}
	size_t words = 1, digits = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == ' ')
			words++;
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
	}
	/* digits only in a one-word handle ("freeman1984") */
	if (words > 6 || (digits > 0 && (words > 1 || digits * 2 > n)))
		return;
	/* a role before the name ("Redakteurin Anna Berg", "FOCUS-Online-Experte Max Roth") and
	 * a button or weekday after it ("Anna Berg Schließen", "Max Roth Fr") */
	static const char *const roles[] = {"redakteur ", "redakteurin ", "reporter ",
					    "reporterin ", "korrespondent ", "korrespondentin ",
					    "rechtsanwalt ", "rechtsanwältin ", "autor ",
					    "autorin ",
					    "editor ", "correspondent ", "journalist ",
					    "journalistin ", "interview: ", "interview ", NULL};
	for (int again = 1; again && n > 0;) {
		again = 0;
		for (int i = 0; roles[i]; i++) {
			size_t k = strlen(roles[i]);
			if (n > k && sr_clean_iprefix(s, roles[i])) {
				s += k;
				n -= k;
				again = 1;
			}
		}
		/* one compound role word: "FOCUS-Online-Experte", "Chefredakteurin" */
		const char *sp = memchr(s, ' ', n);
		if (sp && sp > s && memchr(sp + 1, ' ', n - (size_t)(sp + 1 - s))) {
			size_t wl = (size_t)(sp - s);
			static const char *const tails[] = {"experte", "expertin", "redakteur",
							    "redakteurin", "-autor", "-autorin",
							    "korrespondent", "korrespondentin",
							    "reporter", "reporterin", NULL};
			for (int i = 0; tails[i]; i++) {
				size_t k = strlen(tails[i]);
				if (wl > k && sr_clean_iprefix(sp - k, tails[i])) {
					n -= wl + 1;
					s = sp + 1;
					again = 1;
					break;
				}
			}
		}
	}
	static const char *const tails[] = {" schließen", " close", " folgen", " follow",
					    " mehr", " more", " mo", " di", " mi", " do", " fr", " sa", " so",
					    " mon", " tue", " wed", " thu", " fri", " sat", " sun",
					    NULL};
	for (int i = 0; tails[i]; i++) {
		size_t k = strlen(tails[i]);
		if (n > k + 2 && sr_clean_iprefix(s + n - k, tails[i])) {
			n -= k;
			break;
		}
	}
	static const char *const days[] = {"montag", "dienstag", "mittwoch", "donnerstag",
					   "freitag", "samstag", "sonntag", "monday", "tuesday",
					   "wednesday", "thursday", "friday", "saturday", "sunday",
					   NULL};
	for (int i = 0; days[i]; i++)
		if (strlen(days[i]) == n && sr_clean_iprefix(s, days[i]))
			return;
	if (n < 2)
		return;
	if (strict && !name_shaped(s, n))
		return;
	char *v = sr_clean_space(a, s, n);
	if (!v)
		return;
	for (size_t i = 0; i < *cnt; i++)
		if (sr_clean_ieq(names[i], v))
			return;
	names[(*cnt)++] = v;
}

size_t sr_clean_authors(sr_arena *a, const char *s, size_t n, const char **names, size_t *cnt,
			size_t max, int strict)
{
	size_t before = *cnt;
	/* a line break ends the byline ("Autor: Jane Doe\nQuelle: Agentur"), unless only a
	 * byline word precedes it ("By\nJane Doe"); whitespace is collapsed below */
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\n')
			continue;
		size_t lead = 0, e = i;
		while (lead < i && (s[lead] == ' ' || s[lead] == '\t'))
			lead++;
		while (e > lead && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
			e--;
		int k = e == lead;
		for (size_t w = 0; w < sizeof(by_prefix) / sizeof(by_prefix[0]) && !k; w++) {
			size_t pl = strlen(by_prefix[w]);
			while (pl > 0 && by_prefix[w][pl - 1] == ' ')
				pl--;
			k = pl == e - lead && !strncasecmp(s + lead, by_prefix[w], pl);
		}
		if (!k) {
			n = i;
			break;
		}
	}
	char *t = sr_clean_markup(a, s, n);
	if (!t)
		return 0;
	size_t len = strlen(t);
	if (strstr(t, "://") || sr_clean_iprefix(t, "www."))
		return 0; /* a profile link, not a name */
	/* soft hyphens ("Weiz\u00ADsäcker") are not part of a name */
	size_t j = 0;
	for (size_t i = 0; i < len; i++) {
		if ((unsigned char)t[i] == 0xC2 && i + 1 < len && (unsigned char)t[i + 1] == 0xAD) {
			i++;
			continue;
		}
		t[j++] = t[i];
	}
	t[j] = 0;
	len = j;
	/* strip a leading byline word */
	for (int again = 1; again;) {
		again = 0;
		for (size_t i = 0; i < sizeof(by_prefix) / sizeof(by_prefix[0]); i++) {
			if (sr_clean_iprefix(t, by_prefix[i])) {
				size_t k = strlen(by_prefix[i]);
				t += k;
				len -= k;
				again = len > 0;
				break;
			}
		}
	}
	/* cut at a separator that introduces something else: " | ", " - ", " – ", newline,
	 * a date or a digit */
	static const char *const cuts[] = {" | ", " - ", " – ", " — ", " · ", " • ", "\n",
					   " am ", " on ", " le ", " el ", " il ", " published",
					   " updated", " veröffentlicht", " aktualisiert", "(",
					   " posted", " in ", " Illustration", " Foto", " Photo",
					   " Bild:", " Bilder:", " Grafik"};
	for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		char *p = strstr(t, cuts[i]);
		if (p && p > t) {
			len = (size_t)(p - t);
			t[len] = 0;
		}
	}
	/* (digits inside a word are a handle's: "freeman1984", "Marianne1") */
	for (size_t i = 0; i < len; i++)
		if (t[i] >= '0' && t[i] <= '9' &&
		    (i == 0 || !((t[i - 1] >= 'a' && t[i - 1] <= 'z') ||
				 (t[i - 1] >= 'A' && t[i - 1] <= 'Z') ||
				 (t[i - 1] >= '0' && t[i - 1] <= '9')))) {
			len = i;
			t[len] = 0;
			break;
		}
	/* split on the name separators */
	size_t st = 0;
	for (size_t i = 0; i <= len;) {
		size_t sep = 0;
		if (i == len) {
			sep = 1;
		} else if (t[i] == ',' || t[i] == ';' || t[i] == '&' || t[i] == '/') {
			sep = 1;
		} else if (t[i] == ' ') {
			static const char *const words[] = {" and ", " und ", " et ", " y ", " e ",
							    " en ", " i ", " og ", " و"};
			for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
				size_t wl = strlen(words[w]);
				if (len - i >= wl && sr_clean_iprefix(t + i, words[w])) {
					sep = wl;
					break;
				}
			}
		}
		if (sep) {
			add_name(a, t + st, i - st, names, cnt, max, strict);
			i += sep;
			st = i;
		} else {
			i++;
		}
	}
	return *cnt - before;
}

const char *sr_clean_lang(sr_arena *a, const char *s)
{
	if (!s)
		return NULL;
	while (*s == ' ')
		s++;
	int c0 = lc((unsigned char)s[0]), c1 = c0 ? lc((unsigned char)s[1]) : 0;
	if (c0 < 'a' || c0 > 'z' || c1 < 'a' || c1 > 'z')
		return NULL;
	unsigned char c2 = (unsigned char)s[2];
	if (c2 != 0 && c2 != '-' && c2 != '_' && c2 != ' ' && c2 != ',' && c2 != ';')
		return NULL;
	char b[3] = {(char)c0, (char)c1, 0};
	return sr_arena_strndup(a, b, 2);
}

size_t sr_clean_fold(const char *s, char *out, size_t cap)
{
	size_t j = 0;
	if (cap == 0)
		return 0;
	for (size_t i = 0; s[i] && j + 4 < cap;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
				out[j++] = (char)c;
			else if (c >= 'A' && c <= 'Z')
				out[j++] = (char)(c + 32);
			i++;
			continue;
		}
		int32_t cp;
		size_t k = sr_utf8_decode(s + i, strlen(s + i), &cp);
		/* general punctuation, Latin-1 punctuation and symbols, CJK punctuation */
		int punct = (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0xA0 && cp <= 0xBF) ||
			    (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
			    cp == 0xD7 || cp == 0xF7 || cp < 0;
		if (!punct) {
			if (k == 2 && c == 0xC3 && (unsigned char)s[i + 1] <= 0x9E) {
				out[j++] = (char)c;
				out[j++] = (char)(s[i + 1] + 0x20);
			} else {
				memcpy(out + j, s + i, k);
				j += k;
			}
		}
		i += k;
	}
	out[j] = 0;
	return j;
}

/* The word before s[i] (lowercased into w), or 0 when s[i] opens the text, follows a
 * separator, or follows a digit (a date or a time). */
static size_t word_before(const char *s, size_t i, char *w, size_t cap)
{
	size_t e = i;
	while (e > 0 && s[e - 1] == ' ')
		e--;
	if (e == 0)
		return 0;
	unsigned char c = (unsigned char)s[e - 1];
	if (!(c >= 0x80 || (lc(c) >= 'a' && lc(c) <= 'z')))
		return 0;
	size_t b = e;
	while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '\n' && s[b - 1] != '|' && s[b - 1] != '(')
		b--;
	if (e - b >= cap)
		return cap; /* a long word: not one of the byline verbs */
	for (size_t k = b; k < e; k++)
		w[k - b] = (char)lc((unsigned char)s[k]);
	w[e - b] = 0;
	return e - b;
}

/* The name after a byline word at s[j] ends where a byline ends: at the end, at
 * punctuation or a digit, or before a word such as "am", "and", "mit"; not before a
 * lowercase word of running text ("Im von Adam Ondra veröffentlichten Video"). */
static int name_ends_well(const char *s, size_t n, size_t j)
{
	static const char *const joins[] = {"und", "and", "et", "y", "e", "am", "on", "le", "el",
					    "il", "mit", "with", "avec", "con", "für", "for",
					    "from", "aus", "de", "di", "da", "du", "del", "von",
					    "van", "der", "den", "zu", "in", "at", "um", "vom",
					    "das", "dos", "la", "bin", "al", "ten", "ter", "published",
					    "updated", "veröffentlicht", "aktualisiert", "posted",
					    "gespeichert", "geschrieben", "erstellt", NULL};
	while (j < n) {
		while (j < n && s[j] == ' ')
			j++;
		if (j >= n)
			return 1;
		size_t st = j;
		while (j < n && s[j] != ' ' && s[j] != ',' && s[j] != '|' && s[j] != '\n' &&
		       s[j] != ';' && s[j] != '(' && s[j] != '/')
			j++;
		if (j == st)
			return 1; /* punctuation */
		unsigned char c = (unsigned char)s[st];
		if ((c >= 'A' && c <= 'Z') || (c >= 0xC3 && !(c == 0xC3 && st + 1 < n &&
							     (unsigned char)s[st + 1] >= 0x9F)))
			continue; /* a capitalised word of the name (or another script) */
		if (!(c >= 'a' && c <= 'z') && c != 0xC3)
			return 1; /* a digit, a dash, a quote */
		for (int k = 0; joins[k]; k++)
			if (strlen(joins[k]) == j - st && !memcmp(s + st, joins[k], j - st))
				return 1;
		return 0;
	}
	return 1;
}

int sr_clean_find_byline(const char *s, size_t n, size_t *off)
{
	static const char *const words[] = {"by ", "von ", "par ", "por ", "door ", "autor: ",
					    "autorin: ", "author: ", "autoren: ", "autoren ",
					    "text von ", "text: ", "texto: ", "by: ", "von: ",
					    "text & fotos: ", "text und fotos: ", "auteur : ",
					    "auteur: ", "auteur(s) : ", "verfasser: ",
					    "bericht: ", "reporter: ", "بقلم ", "كتب ", NULL};
	/* the words that may stand before "by", "von", "par", "por" or "door" inside a
	 * text: "Geschrieben von", "Ein Interview von", "Posted by" (after anything else,
	 * "Zeiten von Corona", "Auslöten von Bauteilen" is running text) */
	static const char *const verbs[] = {
		"geschrieben", "verfasst", "erstellt", "gespeichert", "eingestellt",
		"veröffentlicht", "publiziert", "beitrag", "gastbeitrag", "artikel", "text",
		"interview", "bericht", "kommentar", "fotos", "bilder", "ein", "eine",
		"posted", "written", "published", "reported", "story", "article", "words",
		"interview", "edited", "photos", "escrito", "publicado", "écrit", "publié",
		"rédigé", "article", "texte", "geplaatst", "geschreven", "tekst", "analyse",
		"analysis", "review", "rezension", "essay", "reportage", "gepostet", NULL};
	if (n > 160)
		return 0;
	for (size_t i = 0; i < n && i <= 40; i++) {
		if (i > 0 && s[i - 1] != ' ' && s[i - 1] != '\n' && s[i - 1] != '|' &&
		    s[i - 1] != '(')
			continue;
		for (int w = 0; words[w]; w++) {
			size_t k = strlen(words[w]);
			if (n - i <= k || !sr_clean_iprefix(s + i, words[w]))
				continue;
			size_t j = i + k;
			while (j < n && s[j] == ' ')
				j++;
			if (j >= n)
				continue;
			unsigned char c = (unsigned char)s[j];
			/* a capitalised Latin word, or another script */
			if (!((c >= 'A' && c <= 'Z') || c >= 0xC3))
				continue;
			if (w <= 4 && i > 0) {
				char pw[24];
				size_t pl = word_before(s, i, pw, sizeof(pw));
				int ok = pl == 0;
				for (int v = 0; verbs[v] && !ok && pl < sizeof(pw); v++)
					ok = !strcmp(pw, verbs[v]);
				if (!ok)
					continue;
			}
			if (!name_ends_well(s, n, j))
				continue;
			*off = i;
			return 1;
		}
	}
	return 0;
}
