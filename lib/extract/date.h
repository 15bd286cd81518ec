/*
 * date.h - reading dates written by people and machines, in several languages.
 *
 * Understood: ISO 8601 (2024-07-12, 2024-07-12T09:30:00+03:00, 20240712), RFC 2822
 * (Fri, 12 Jul 2024 09:30:00 GMT), numeric day.month.year and month/day/year, and dates with
 * month names in English, German, French, Spanish, Italian, Portuguese, Dutch, Polish and
 * Arabic (Egyptian and Levantine month names; Arabic-Indic digits), such as "July 12, 2024",
 * "12. Juli 2024", "12 juillet 2024", "12 de julio de 2024", "12 يوليو 2024".
 * Years 1990..2099 only.  Pure functions; no allocation.
 */
#ifndef SR_DATE_H
#define SR_DATE_H

#include <stddef.h>

#define SR_DATE_MAX 32

/* Parse the first date in s[0..n) into out as ISO 8601: "YYYY-MM-DD", or
 * "YYYY-MM-DDTHH:MM:SS" plus "Z" or "+HH:MM" when the input gives a time (and zone).
 * Returns 1 and sets *start and *end (may be NULL) to the byte range it came from; 0 when
 * there is no date. */
int sr_date_find(const char *s, size_t n, char out[SR_DATE_MAX], size_t *start, size_t *end);

/* A date in a URL path: /2024/07/12/, /2024-07-12-, /20240712/.  Returns 1 or 0. */
int sr_date_from_url(const char *url, char out[SR_DATE_MAX]);

#endif
