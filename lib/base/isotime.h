/*
 * isotime.h - ISO 8601 timestamps to and from unix seconds.
 */
#ifndef SR_ISOTIME_H
#define SR_ISOTIME_H

#include <stdint.h>

/* Parse "YYYY-MM-DD", "YYYY-MM-DDTHH:MM", "...:SS", "...:SS.fff" with an optional "Z" or
 * "+HH:MM" / "-HHMM" offset (none means UTC); a space may stand for the 'T'.  Returns 0
 * and sets *out (unix seconds, UTC), or -1 when s is not such a timestamp or out of range. */
int sr_iso_parse(const char *s, int64_t *out);

/* Format t (unix seconds) as "YYYY-MM-DDTHH:MM:SSZ" into out (21 bytes). */
void sr_iso_format(int64_t t, char out[21]);

/* Parse a relative span "24h", "7d", "30m", "2w", "90s" into seconds; -1 when malformed. */
int64_t sr_span_parse(const char *s);

#endif
