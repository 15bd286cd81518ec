/*
 * clean.h - small text clean-ups shared by the HTML and text extractors.
 *
 * All results are NUL-terminated UTF-8 allocated from the arena; NULL means "nothing left"
 * or out of memory (callers treat both as an absent value, and check the arena's state
 * once at the end).
 */
#ifndef SR_CLEAN_H
#define SR_CLEAN_H

#include <stddef.h>

#include "base/arena.h"

/* s[0..n) with runs of whitespace (ASCII, NBSP, Unicode spaces) collapsed to one space and
 * trimmed.  NULL when nothing is left. */
char *sr_clean_space(sr_arena *a, const char *s, size_t n);

/* Like sr_clean_space, also decoding the HTML character references that JSON-LD and
 * double-escaped meta tags carry (&amp; &quot; &#39; &#8217; &#x2019; &nbsp; ...) and
 * dropping anything between '<' and '>' when the value holds markup. */
char *sr_clean_markup(sr_arena *a, const char *s, size_t n);

/* Split a byline ("By Jane Doe and John Roe", "Von A, B und C") into names.  Prefixes such
 * as "by", "von", "par", "por", "بقلم" and trailing dates, e-mail addresses, "| Site"
 * parts are dropped; a piece that does not look like a name (too long, a URL, no letter)
 * is skipped; strict (for bylines read from visible text) also wants a name's shape: a
 * single token, or two to five capitalised words.  Appends up to max - *cnt names to
 * names[]; returns how many it added. */
size_t sr_clean_authors(sr_arena *a, const char *s, size_t n, const char **names, size_t *cnt,
			size_t max, int strict);

/* A visible byline in a short text: a byline word ("By", "Von", "Par", "Por", "Autor:",
 * "Text:", "بقلم") at the start or within the first 40 bytes, followed by a capitalised
 * word.  Returns 1 and the offset of the byline word in *off, or 0.  Texts over 160 bytes
 * are not bylines. */
int sr_clean_find_byline(const char *s, size_t n, size_t *off);

/* ISO 639-1 code ("en") from a language tag ("en-US", "de_DE", "EN"), or NULL. */
const char *sr_clean_lang(sr_arena *a, const char *s);

/* Number of code points in s[0..n) (bytes that are not UTF-8 continuation bytes). */
size_t sr_clean_chars(const char *s, size_t n);

/* The letters and digits of s (ASCII lowercased; punctuation, typographic quotes and
 * dashes, and spaces left out) into out (cap bytes, NUL-terminated); returns the length.
 * Two titles that differ only in quotes, dashes, case or spacing fold to the same string. */
size_t sr_clean_fold(const char *s, char *out, size_t cap);

/* Case-insensitive (ASCII) equality / prefix tests. */
int sr_clean_ieq(const char *a, const char *b);
int sr_clean_iprefix(const char *s, const char *prefix);

#endif
