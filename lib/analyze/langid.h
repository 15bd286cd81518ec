/*
 * langid.h - the language of a text, from the text itself.
 *
 * Pure, no allocation, no globals with mutable state: thread-safe.
 *
 * Method (docs/EXTRACTION.md, "Language"):
 *   1. the letters of the first SR_LANGID_SCAN bytes are counted by script; the script with
 *      the most letters decides unless it is Latin:
 *        Arabic script   "ar", or "fa" / "ur" when the letters only Persian / Urdu use
 *                        (پ چ ژ گ ک ی / ٹ ڈ ڑ ں ے) are frequent;
 *        Cyrillic        "ru", or "uk" when і ї є ґ occur, "bg" when ъ is frequent and ы never;
 *        Han and kana    "ja" when kana make 5 % or more of them, else "zh";
 *        Hangul "ko", Greek "el", Hebrew "he", Thai "th", Devanagari "hi", Bengali "bn";
 *   2. Latin script: each word (lowercased) found in the hand-written function-word lists
 *      of data/langid/stopwords.txt (en de fr es it pt nl pl tr sv da no fi hu cs ro)
 *      scores one for every language that lists it, and letters particular to some of them
 *      (ß, ñ, ã, ł, ğ, ő, ř, ø, ș ...) add a quarter point; the best score wins.
 *
 * The answer is an ISO 639-1 code (a static string) or NULL when the text has too little
 * evidence: under 20 letters, or for Latin script under 3 function words.  *confidence (may
 * be NULL) is in [0, 1]: how far the winner leads the runner-up, scaled down when the
 * evidence is thin (under 30 function words or 200 letters).
 */
#ifndef SR_LANGID_H
#define SR_LANGID_H

#include <stddef.h>

/* bytes of text read at most (the start of a long text is enough) */
#define SR_LANGID_SCAN 16384

const char *sr_langid(const char *s, size_t n, double *confidence);

#endif
