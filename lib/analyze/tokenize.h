/*
 * tokenize.h - the one tokenizer: search index, queries, clustering and watchlists.
 *
 * Splits UTF-8 text into words and normalises each:
 *   - word boundaries: runs of letters, marks and digits (Unicode categories L*, M*, N*),
 *     right for Latin, Cyrillic, Greek and Arabic script; an apostrophe between letters
 *     ends the word ("NATO's" -> "nato", the "s" dropped; "l'armée" -> "armee"); digits
 *     joined by '.' or ',' stay one number ("3.5", "1,200");
 *   - Unicode case folding, diacritics removed (NFD, combining marks dropped):
 *     "JORDANIAN" -> "jordanian", "café" -> "cafe";
 *   - Arabic letter normalisation: short vowels, shadda, sukun and tatweel removed,
 *     alef forms (أ إ آ ٱ) -> ا, ى -> ي, ة -> ه;
 *   - Snowball stemming by language (libstemmer), when SR_TOK_STEM is set.
 *
 * Details (docs/TOKENIZER.md has the full rules):
 *   - apostrophes are ' U+2018 U+2019 U+02BC U+FF07; between a letter or digit and a
 *     letter they end the word; a one-letter word before one ("l'", "d'", "O'") and "qu'"
 *     are dropped, and so are the clitics s, t, d, m, ll, re, ve after one;
 *   - soft hyphen, ZWJ, ZWNJ, word joiner and BOM inside a word are ignored (no break);
 *   - Han, Hiragana and Katakana characters are one token each (a query word of several
 *     becomes an FTS5 phrase, so it still matches);
 *   - marks other than diacritics (Indic vowel signs, viramas, ...) are kept; Cyrillic
 *     letters are only case-folded (й stays й) except ё -> е; Arabic-Indic digits -> 0-9;
 *   - a word whose normalised form exceeds SR_TOK_MAX bytes is skipped (no token);
 *   - numbers (words starting with a digit) are never stemmed.
 *
 * Not thread-safe: a tokenizer caches stemmers and scratch buffers; one per thread.
 */
#ifndef SR_TOKENIZE_H
#define SR_TOKENIZE_H

#include <stddef.h>

typedef struct sr_tokenizer sr_tokenizer;

/* Longest normalised word, in bytes; longer words yield no token. */
#define SR_TOK_MAX 64

enum {
	SR_TOK_STEM = 1,       /* stem each word with the language's Snowball stemmer */
	SR_TOK_ALL_STEMS = 2,  /* also emit the word stemmed by every other supported
				* language, as colocated tokens (for queries, whose language
				* is unknown); implies SR_TOK_STEM; each distinct form once */
};

/* Called for each token: tok[0..len) is the normalised form (not NUL-terminated, valid
 * until the callback returns); [start, end) its byte span in the input; colocated is 1
 * for an alternative form at the same position as the previous token.  A non-zero return
 * stops tokenizing and is returned by sr_tokenize. */
typedef int (*sr_token_fn)(void *ctx, const char *tok, size_t len, size_t start, size_t end,
			   int colocated);

/* NULL when out of memory. */
sr_tokenizer *sr_tokenizer_new(void);
void sr_tokenizer_free(sr_tokenizer *t);

/* Tokenize text[0..len).  lang is an ISO 639-1 code ("en", "ar", "fr", ...) choosing the
 * stemmer; NULL or an unsupported code means English.  Invalid UTF-8 bytes separate
 * words.  Returns SR_OK, a callback's non-zero value, or SR_ENOMEM. */
int sr_tokenize(sr_tokenizer *t, const char *text, size_t len, const char *lang, unsigned flags,
		sr_token_fn fn, void *ctx);

/* 1 when lang has a Snowball stemmer here. */
int sr_tokenizer_has_lang(const char *lang);

#endif
