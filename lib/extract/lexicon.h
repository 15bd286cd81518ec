/*
 * lexicon.h - words that give boilerplate away, in the languages sitrep reads most.
 *
 * Page chrome repeats itself across sites: a "Related articles" heading before a list of
 * links, "Share", "Comments", "Read also:", "© Photo: ..." under an image.  These tests match
 * a short block of text (case-folded for ASCII, trimmed of punctuation) against such lists
 * for English, German, French, Spanish, Italian, Portuguese, Dutch, Polish and Arabic.
 * Used by the HTML extractor (to cut a page's tail) and by text mode (to find the end of the
 * body in a flattened page).
 */
#ifndef SR_LEXICON_H
#define SR_LEXICON_H

#include <stddef.h>

/* s[0..n) is (or starts with) the heading of a boilerplate section that runs to the end of
 * the article: related links, comments, about the author, newsletter, tags.  Returns the
 * length of the matched phrase in s, or 0. */
size_t sr_lex_stop(const char *s, size_t n);

/* Like sr_lex_stop, for a heading: also a short heading (six words at most) opened by
 * "More", "Other", "Similar", "Latest", "Weitere", "Ähnliche" ... */
size_t sr_lex_stop_heading(const char *s, size_t n);

/* s[0..n) is a short line of page furniture on its own: "Share", "Print", "Advertisement",
 * "Read more", "Back to top" ... */
int sr_lex_furniture(const char *s, size_t n);

/* s[0..n) is an image caption or credit: starts with "Photo:", "Foto:", "Bild:", "Image:",
 * "Credit:", "Quelle:" ... or carries a copyright sign. */
int sr_lex_caption(const char *s, size_t n);

/* s[0..n) (under 200 bytes) is a prompt or a notice, not prose: it asks to subscribe, sign up
 * or log in, mentions cookies, or labels advertising ("Anzeige", "Sponsored"). */
int sr_lex_prompt(const char *s, size_t n);

#endif
