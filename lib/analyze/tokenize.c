/*
 * tokenize.c - words out of UTF-8 text, normalised for search (see tokenize.h and
 * docs/TOKENIZER.md).
 *
 * One pass over the bytes.  ASCII is classified and lower-cased inline.  Code points
 * U+0080..U+07FF (Latin-1, Latin Extended, Greek, Cyrillic, Hebrew, Arabic) come from a
 * table built once per tokenizer with utf8proc (class + normalised bytes); the rest go to
 * utf8proc each time.  Normalising one code point: case fold + compatibility
 * decomposition, then drop diacritic marks (the combining-diacritics blocks, Hebrew
 * points, Arabic harakat) and apply the Arabic letter map.  A code point whose
 * decomposition holds a mark we keep (Indic vowel signs, ...) is only case-folded, so
 * those scripts stay in their usual composed form.  Cyrillic is only case-folded (й is a
 * letter of its own, not и with a diacritic), except ё -> е.
 *
 * Stemmers are created on first use per language and kept.  A small direct-mapped cache
 * of (language, word) -> stem sits in front of them: news text is Zipfian, so most words
 * are hits and the Snowball code runs for few of them.
 */
#include "analyze/tokenize.h"
#include "base/err.h"
#include "base/utf8.h"

#include <libstemmer.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Snowball languages by ISO 639-1 code; English first (the default). */
static const struct {
	char iso[3];
	const char *name;
} langs[] = {
	{"en", "english"},   {"ar", "arabic"},    {"fr", "french"},     {"de", "german"},
	{"es", "spanish"},   {"it", "italian"},   {"pt", "portuguese"}, {"nl", "dutch"},
	{"ru", "russian"},   {"tr", "turkish"},   {"sv", "swedish"},    {"da", "danish"},
	{"no", "norwegian"}, {"fi", "finnish"},   {"hu", "hungarian"},  {"ro", "romanian"},
	{"el", "greek"},     {"ca", "catalan"},   {"eu", "basque"},     {"hy", "armenian"},
	{"hi", "hindi"},     {"id", "indonesian"},{"ga", "irish"},      {"lt", "lithuanian"},
	{"ne", "nepali"},    {"sr", "serbian"},   {"ta", "tamil"},      {"yi", "yiddish"},
};
#define NLANGS ((int)(sizeof(langs) / sizeof(langs[0])))
#define LANG_EN 0

/* Other codes for the same languages. */
static const struct {
	char code[3];
	char iso[3];
} lang_alias[] = {
	{"nb", "no"}, {"nn", "no"}, {"in", "id"}, {"ji", "yi"},
};

/* Character classes. */
enum {
	C_SEP,    /* ends a word */
	C_LETTER, /* L* */
	C_MARK,   /* M*: part of the word before it */
	C_DIGIT,  /* Nd */
	C_NUM,    /* Nl, No */
	C_IGN,    /* inside a word, ignored: soft hyphen, ZWNJ, ZWJ, word joiner, BOM */
	C_APOS,   /* an apostrophe */
	C_NUMSEP, /* '.' ',' and the Arabic decimal and thousands separators */
	C_IDEO,   /* Han, Hiragana, Katakana: a token of its own */
};

/* One entry of the U+0080..U+07FF table. */
struct cpinfo {
	uint8_t cls;
	uint8_t n;      /* bytes in out; NORM_SLOW when they do not fit */
	char out[6];
};
#define TAB_LO 0x80
#define TAB_HI 0x800
#define NORM_SLOW 0xFF

/* The stem cache: direct-mapped, keyed by language and normalised word. */
#define CACHE_SLOTS 4096
#define CACHE_WORD 24 /* longer words bypass the cache */
struct cache_slot {
	uint8_t lang1;  /* language index + 1; 0 = empty */
	uint8_t wlen;
	uint8_t slen;
	char word[CACHE_WORD];
	char stem[CACHE_WORD];
};

#define WORD_CAP (SR_TOK_MAX + 80) /* room for one more code point's expansion */
#define ALT_CAP 96

struct sr_tokenizer {
	struct sb_stemmer *stem[NLANGS];
	uint8_t avail[NLANGS];           /* 1 when libstemmer has the language */
	struct cpinfo tab[TAB_HI - TAB_LO];
	struct cache_slot *cache;        /* CACHE_SLOTS, allocated on first stemmed word */
	char word[WORD_CAP];
	char alt[NLANGS][ALT_CAP];       /* distinct forms of the word (SR_TOK_ALL_STEMS) */
	size_t altlen[NLANGS];
};

/* ---- languages ---- */

/* Index in langs[] of an ISO 639-1 code ("ar", "AR", "pt-BR", "pt_BR"), or -1. */
static int lang_index(const char *lang)
{
	if (!lang)
		return -1;
	char c[3];
	size_t n = 0;
	for (; lang[n] && lang[n] != '-' && lang[n] != '_'; n++) {
		if (n >= 2)
			return -1;
		unsigned char ch = (unsigned char)lang[n];
		if (ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch + 32);
		if (ch < 'a' || ch > 'z')
			return -1;
		c[n] = (char)ch;
	}
	if (n != 2)
		return -1;
	c[2] = '\0';
	for (size_t i = 0; i < sizeof(lang_alias) / sizeof(lang_alias[0]); i++)
		if (memcmp(c, lang_alias[i].code, 2) == 0) {
			c[0] = lang_alias[i].iso[0];
			c[1] = lang_alias[i].iso[1];
		}
	for (int i = 0; i < NLANGS; i++)
		if (memcmp(c, langs[i].iso, 2) == 0)
			return i;
	return -1;
}

static int stemmer_listed(const char *name)
{
	for (const char **l = sb_stemmer_list(); *l; l++)
		if (strcmp(*l, name) == 0)
			return 1;
	return 0;
}

int sr_tokenizer_has_lang(const char *lang)
{
	int li = lang_index(lang);
	return li >= 0 && stemmer_listed(langs[li].name);
}

/* ---- normalising one code point ---- */

static int is_apostrophe(int32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0xFF07;
}

static int is_ideograph(int32_t cp)
{
	return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0x20000 && cp <= 0x3FFFF);
}

static int cp_class_slow(int32_t cp)
{
	if (is_apostrophe(cp))
		return C_APOS;
	if (cp == 0x066B || cp == 0x066C)
		return C_NUMSEP;
	if (cp == 0x00AD || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF)
		return C_IGN;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return is_ideograph(cp) ? C_IDEO : C_LETTER;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return C_MARK;
	case UTF8PROC_CATEGORY_ND:
		return C_DIGIT;
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return C_NUM;
	default:
		return C_SEP;
	}
}

/* Marks removed as diacritics. */
static int is_diacritic(int32_t cp)
{
	return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	       (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
	       (cp >= 0xFE20 && cp <= 0xFE2F) ||
	       /* Hebrew points and cantillation */
	       (cp >= 0x0591 && cp <= 0x05BD) || cp == 0x05BF || cp == 0x05C1 || cp == 0x05C2 ||
	       cp == 0x05C4 || cp == 0x05C5 || cp == 0x05C7 ||
	       /* Arabic harakat, shadda, sukun, Quranic marks, tatweel */
	       (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x064B && cp <= 0x065F) ||
	       cp == 0x0670 || (cp >= 0x06D6 && cp <= 0x06DC) || (cp >= 0x06DF && cp <= 0x06E4) ||
	       cp == 0x06E7 || cp == 0x06E8 || (cp >= 0x06EA && cp <= 0x06ED) ||
	       (cp >= 0x08D3 && cp <= 0x08FF) || cp == 0x0640;
}

#define HAMZA_ABOVE 0x0654

/* The normalised form of one already case-folded and decomposed code point: -1 to drop
 * it.  HAMZA_ABOVE is passed on: append_norm() joins it to a preceding waw or yeh. */
static int32_t post_map(int32_t cp)
{
	if (cp < 0x0600)
		return is_diacritic(cp) ? -1 : cp;
	if (cp <= 0x06FF) {
		switch (cp) {
		case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673:
			return 0x0627;              /* alef forms -> alef */
		case 0x0649:
		case 0x06CC:
			return 0x064A;              /* alef maksura, Farsi yeh -> yeh */
		case 0x0629:
			return 0x0647;              /* teh marbuta -> heh */
		case 0x06A9:
			return 0x0643;              /* keheh -> kaf */
		case HAMZA_ABOVE:
			return HAMZA_ABOVE;
		default:
			break;
		}
		if (cp >= 0x0660 && cp <= 0x0669)
			return '0' + (cp - 0x0660);
		if (cp >= 0x06F0 && cp <= 0x06F9)
			return '0' + (cp - 0x06F0);
		return is_diacritic(cp) ? -1 : cp;
	}
	return is_diacritic(cp) ? -1 : cp;
}

static int is_mark_cat(int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
	       c == UTF8PROC_CATEGORY_ME;
}

/* Write the normalised UTF-8 of cp into out (cap bytes).  Returns the byte count, or
 * cap + 1 when it does not fit. */
static size_t norm_slow(int32_t cp, char *out, size_t cap)
{
	utf8proc_int32_t d[32];
	utf8proc_ssize_t nd;
	int bound = 0;
	size_t n = 0;

	if ((cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0xAC00 && cp <= 0xD7A3)) {
		/* Arabic: own map; Hangul syllables: kept whole (no jamo split) */
		d[0] = cp;
		nd = 1;
	} else if (cp >= 0x0400 && cp <= 0x052F) {
		nd = utf8proc_decompose_char(cp, d, 32, UTF8PROC_CASEFOLD, &bound);
		for (utf8proc_ssize_t i = 0; i < nd && i < 32; i++)
			if (d[i] == 0x0451)
				d[i] = 0x0435;      /* ё -> е */
	} else {
		nd = utf8proc_decompose_char(cp, d, 32,
					     UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
						     UTF8PROC_CASEFOLD,
					     &bound);
		int keep_mark = 0;
		for (utf8proc_ssize_t i = 0; i < nd && i < 32; i++)
			if (post_map(d[i]) >= 0 && d[i] != HAMZA_ABOVE && is_mark_cat(d[i]))
				keep_mark = 1;
		if (keep_mark)
			nd = utf8proc_decompose_char(cp, d, 32, UTF8PROC_CASEFOLD, &bound);
	}
	if (nd < 0 || nd > 32) {
		d[0] = cp;
		nd = 1;
	}
	int32_t last = -1;
	for (utf8proc_ssize_t i = 0; i < nd; i++) {
		int32_t m = post_map(d[i]);
		if (m < 0)
			continue;
		if (m == HAMZA_ABOVE && n > 0) {
			/* decomposed waw/yeh with hamza: recompose (both are 2 bytes) */
			if (last == 0x0648 || last == 0x064A)
				sr_utf8_encode(last == 0x0648 ? 0x0624 : 0x0626, out + n - 2);
			continue;
		}
		last = m;
		char u[4];
		size_t k = sr_utf8_encode(m, u);
		if (n + k > cap)
			return cap + 1;
		memcpy(out + n, u, k);
		n += k;
	}
	return n;
}

static void build_table(sr_tokenizer *t)
{
	for (int32_t cp = TAB_LO; cp < TAB_HI; cp++) {
		struct cpinfo *e = &t->tab[cp - TAB_LO];
		e->cls = (uint8_t)cp_class_slow(cp);
		size_t n = norm_slow(cp, e->out, sizeof(e->out));
		e->n = n > sizeof(e->out) ? NORM_SLOW : (uint8_t)n;
	}
}

static inline int ascii_class(unsigned char c)
{
	if ((unsigned char)((c | 0x20) - 'a') < 26)
		return C_LETTER;
	if ((unsigned char)(c - '0') < 10)
		return C_DIGIT;
	if (c == '\'')
		return C_APOS;
	if (c == '.' || c == ',')
		return C_NUMSEP;
	return C_SEP;
}

/* Decode the code point at s[i] (i < n): its length, value and class.  An invalid byte
 * is a separator of length 1. */
static inline size_t peek(const sr_tokenizer *t, const unsigned char *s, size_t n, size_t i,
			  int32_t *cp, int *cls)
{
	unsigned char c = s[i];
	if (c < 0x80) {
		*cp = c;
		*cls = ascii_class(c);
		return 1;
	}
	size_t k = sr_utf8_decode((const char *)s + i, n - i, cp);
	if (*cp < 0)
		*cls = C_SEP;
	else if (*cp < TAB_HI)
		*cls = t->tab[*cp - TAB_LO].cls;
	else
		*cls = cp_class_slow(*cp);
	return k;
}

/* The word being built: t->word[0..*wl).  *over is set once it passes SR_TOK_MAX. */
static inline void append_norm(sr_tokenizer *t, int32_t cp, size_t *wl, int *over)
{
	char tmp[WORD_CAP];
	const char *p;
	size_t n;
	if (*over)
		return;
	if (cp < TAB_HI && t->tab[cp - TAB_LO].n != NORM_SLOW) {
		p = t->tab[cp - TAB_LO].out;
		n = t->tab[cp - TAB_LO].n;
	} else {
		n = norm_slow(cp, tmp, sizeof(tmp));
		if (n > sizeof(tmp)) {
			*over = 1;
			return;
		}
		p = tmp;
	}
	if (n == 2 && (unsigned char)p[0] == 0xD9 && (unsigned char)p[1] == 0x94) {
		/* hamza above: waw + hamza -> U+0624, yeh + hamza -> U+0626, else dropped */
		char *w = t->word;
		if (*wl >= 2 && (unsigned char)w[*wl - 2] == 0xD9) {
			if ((unsigned char)w[*wl - 1] == 0x88) {
				w[*wl - 2] = (char)0xD8;
				w[*wl - 1] = (char)0xA4;
			} else if ((unsigned char)w[*wl - 1] == 0x8A) {
				w[*wl - 2] = (char)0xD8;
				w[*wl - 1] = (char)0xA6;
			}
		}
		return;
	}
	if (*wl + n > SR_TOK_MAX) {
		*over = 1;
		return;
	}
	memcpy(t->word + *wl, p, n);
	*wl += n;
}

/* ---- stemming ---- */

static uint32_t cache_hash(const char *w, size_t n, int li)
{
	uint32_t h = 2166136261u ^ (uint32_t)li;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h ^ (h >> 15);
}

/* Stem w[0..n) with language li.  *out points into the stemmer or the cache (valid until
 * the next call).  SR_ENOMEM when libstemmer fails. */
static int stem_word(sr_tokenizer *t, int li, const char *w, size_t n, const char **out,
		     size_t *outlen)
{
	struct cache_slot *slot = NULL;
	if (n <= CACHE_WORD) {
		if (!t->cache) {
			t->cache = calloc(CACHE_SLOTS, sizeof(*t->cache));
			if (!t->cache)
				return SR_ENOMEM;
		}
		slot = &t->cache[cache_hash(w, n, li) & (CACHE_SLOTS - 1)];
		if (slot->lang1 == li + 1 && slot->wlen == n && memcmp(slot->word, w, n) == 0) {
			*out = slot->stem;
			*outlen = slot->slen;
			return SR_OK;
		}
	}
	if (!t->stem[li]) {
		t->stem[li] = sb_stemmer_new(langs[li].name, "UTF_8");
		if (!t->stem[li])
			return SR_ENOMEM;
	}
	const sb_symbol *s = sb_stemmer_stem(t->stem[li], (const sb_symbol *)w, (int)n);
	if (!s)
		return SR_ENOMEM;
	size_t sl = (size_t)sb_stemmer_length(t->stem[li]);
	if (sl == 0) {          /* never index an empty token: keep the word */
		s = (const sb_symbol *)w;
		sl = n;
	}
	if (slot && sl <= CACHE_WORD) {
		slot->lang1 = (uint8_t)(li + 1);
		slot->wlen = (uint8_t)n;
		slot->slen = (uint8_t)sl;
		memcpy(slot->word, w, n);
		memcpy(slot->stem, s, sl);
		*out = slot->stem;
	} else {
		*out = (const char *)s;
	}
	*outlen = sl;
	return SR_OK;
}

/* Emit the word in t->word[0..wl) spanning [ws, we). */
static int emit(sr_tokenizer *t, size_t wl, size_t ws, size_t we, int li, unsigned flags,
		int nostem, sr_token_fn fn, void *ctx)
{
	const char *st;
	size_t sl;
	int rc;
	if (!(flags & SR_TOK_STEM) || nostem)
		return fn(ctx, t->word, wl, ws, we, 0);
	if ((rc = stem_word(t, li, t->word, wl, &st, &sl)))
		return rc;
	if (!(flags & SR_TOK_ALL_STEMS))
		return fn(ctx, st, sl, ws, we, 0);

	int nalt = 0;
	if (sl <= ALT_CAP) {
		memcpy(t->alt[0], st, sl);
		t->altlen[0] = sl;
		nalt = 1;
	}
	if ((rc = fn(ctx, st, sl, ws, we, 0)))
		return rc;
	for (int j = 0; j < NLANGS; j++) {
		if (j == li || !t->avail[j])
			continue;
		if ((rc = stem_word(t, j, t->word, wl, &st, &sl)))
			return rc;
		int dup = 0;
		for (int k = 0; k < nalt && !dup; k++)
			dup = t->altlen[k] == sl && memcmp(t->alt[k], st, sl) == 0;
		if (dup)
			continue;
		if (sl <= ALT_CAP && nalt < NLANGS) {
			memcpy(t->alt[nalt], st, sl);
			t->altlen[nalt++] = sl;
		}
		if ((rc = fn(ctx, st, sl, ws, we, 1)))
			return rc;
	}
	return SR_OK;
}

/* ---- the tokenizer ---- */

sr_tokenizer *sr_tokenizer_new(void)
{
	sr_tokenizer *t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	for (int i = 0; i < NLANGS; i++)
		t->avail[i] = (uint8_t)stemmer_listed(langs[i].name);
	t->avail[LANG_EN] = 1;
	build_table(t);
	return t;
}

void sr_tokenizer_free(sr_tokenizer *t)
{
	if (!t)
		return;
	for (int i = 0; i < NLANGS; i++)
		sb_stemmer_delete(t->stem[i]);
	free(t->cache);
	free(t);
}

static int is_clitic(const char *w, size_t n)
{
	if (n == 1)
		return w[0] == 's' || w[0] == 't' || w[0] == 'd' || w[0] == 'm';
	if (n == 2)
		return memcmp(w, "ll", 2) == 0 || memcmp(w, "re", 2) == 0 ||
		       memcmp(w, "ve", 2) == 0;
	return 0;
}

static inline int is_word_start(int cls)
{
	return cls == C_LETTER || cls == C_MARK || cls == C_DIGIT || cls == C_NUM ||
	       cls == C_IDEO;
}

int sr_tokenize(sr_tokenizer *t, const char *text, size_t len, const char *lang, unsigned flags,
		sr_token_fn fn, void *ctx)
{
	if (!t || !fn || (!text && len))
		return SR_EINVAL;
	const unsigned char *s = (const unsigned char *)text;
	int li = lang_index(lang);
	if (li < 0 || !t->avail[li])
		li = LANG_EN;
	if (flags & SR_TOK_ALL_STEMS)
		flags |= SR_TOK_STEM;

	size_t i = 0;
	int after_apos = 0; /* this word follows an apostrophe that ended the previous one */
	while (i < len) {
		int32_t cp;
		int cls;
		size_t k = peek(t, s, len, i, &cp, &cls);
		if (!is_word_start(cls)) {
			i += k;
			after_apos = 0;
			continue;
		}
		size_t ws = i, we, wl = 0, nbase = 0;
		int over = 0, ended_apos = 0, rc;
		if (cls == C_IDEO) {
			append_norm(t, cp, &wl, &over);
			i += k;
			after_apos = 0;
			if (wl && !over && (rc = emit(t, wl, ws, i, li, flags, 1, fn, ctx)))
				return rc;
			continue;
		}
		int prev = cls; /* class of the last base character (not a mark) */
		for (;;) {
			if (cp < 0x80) {
				if (wl < SR_TOK_MAX)
					t->word[wl++] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
				else
					over = 1;
			} else if (cls != C_IGN) {
				append_norm(t, cp, &wl, &over);
			}
			if (cls == C_LETTER || cls == C_DIGIT || cls == C_NUM) {
				prev = cls;
				nbase++;
			}
			i += k;
			if (i >= len)
				break;
			k = peek(t, s, len, i, &cp, &cls);
			if (cls == C_LETTER || cls == C_MARK || cls == C_DIGIT || cls == C_NUM ||
			    cls == C_IGN)
				continue;
			if ((cls == C_NUMSEP || cls == C_APOS) && i + k < len) {
				int32_t cp2;
				int cls2;
				size_t k2 = peek(t, s, len, i + k, &cp2, &cls2);
				if (cls == C_NUMSEP && prev == C_DIGIT && cls2 == C_DIGIT) {
					if (wl < SR_TOK_MAX)
						t->word[wl++] = (cp == ',' || cp == 0x066C) ? ',' : '.';
					else
						over = 1;
					i += k;
					cp = cp2;
					cls = cls2;
					k = k2;
					continue;
				}
				if (cls == C_APOS && (prev == C_LETTER || prev == C_DIGIT) &&
				    cls2 == C_LETTER) {
					ended_apos = 1;
					we = i;
					i += k;
					goto word_done;
				}
			}
			break;
		}
		we = i;
word_done:;
		int skip = over || wl == 0;
		if (!skip && ended_apos &&
		    (nbase == 1 || (wl == 2 && t->word[0] == 'q' && t->word[1] == 'u')))
			skip = 1;       /* elision: l', d', j', qu', O' */
		if (!skip && after_apos && !ended_apos && is_clitic(t->word, wl))
			skip = 1;       /* NATO's, don't, we'll */
		after_apos = ended_apos;
		if (!skip) {
			int nostem = (unsigned char)(t->word[0] - '0') < 10;
			if ((rc = emit(t, wl, ws, we, li, flags, nostem, fn, ctx)))
				return rc;
		}
	}
	return SR_OK;
}
