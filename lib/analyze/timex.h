/*
 * timex.h - dates mentioned in English article text, normalised against the publication date.
 *
 * Finds expressions such as "July 12, 2024", "12 July 2024", "2024-07-12", "in 2017", "since
 * 1995", "the 1990s", "early 2025", "last July", "next month", "this week", "on Monday", "last
 * Tuesday", "yesterday", "three years ago", and gives each an ISO 8601 value as precise as the
 * text allows: "2024-07-12" (a day), "2026-07" (a month), "2017" (a year), "1990/1999" (a
 * decade), "2026-11-16/2026-11-22" (a week, Monday to Sunday), "1995/2026-11-30" (a range from
 * "since", ending on the publication day; "1995/.." when that is unknown).  docs/TIMEX.md gives
 * the patterns and the rules for resolving relative expressions.
 *
 * Expressions that need the publication date ("yesterday", "last July", "on Monday", "July 12"
 * without a year) are skipped when it is unknown (pub_time == 0).  To keep false positives out,
 * a bare month name ("May", "March") needs a day, a year, a preposition or a modifier (last,
 * next, this, early, mid, late) next to it and must be capitalised, and a bare four-digit
 * number is a year only after a preposition ("in", "since", "by", ...) and not before a
 * lowercase noun ("in 1995 people", "of 2000 troops"); "2,000" is never a year.
 *
 * Linear in the length of the text (a bounded window of tokens around each position).
 * Pure: no I/O, no globals; thread-safe given one arena per thread.
 */
#ifndef SR_TIMEX_H
#define SR_TIMEX_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

/* What an expression denotes. */
typedef enum sr_timex_kind {
	SR_TIMEX_DATE = 0,   /* one day: "2024-07-12" */
	SR_TIMEX_WEEK = 1,   /* one week, Monday to Sunday: "2026-11-16/2026-11-22" */
	SR_TIMEX_MONTH = 2,  /* "2026-07" */
	SR_TIMEX_YEAR = 3,   /* "2017" */
	SR_TIMEX_DECADE = 4, /* "1990/1999" */
	SR_TIMEX_RANGE = 5   /* "since X" (to the publication day), "from X to Y" */
} sr_timex_kind;

/* How precise the value (for a range: its start) is. */
typedef enum sr_timex_gran {
	SR_TIMEX_GRAN_DAY = 0,
	SR_TIMEX_GRAN_WEEK = 1,
	SR_TIMEX_GRAN_MONTH = 2,
	SR_TIMEX_GRAN_YEAR = 3,
	SR_TIMEX_GRAN_DECADE = 4
} sr_timex_gran;

/* A modifier the value leaves out: "early 2025" is "2025" with SR_TIMEX_MOD_EARLY. */
typedef enum sr_timex_mod {
	SR_TIMEX_MOD_NONE = 0,
	SR_TIMEX_MOD_EARLY = 1,
	SR_TIMEX_MOD_MID = 2,
	SR_TIMEX_MOD_LATE = 3
} sr_timex_mod;

typedef struct sr_timex {
	size_t start, end;  /* bytes [start, end) of the text ("since 1995", "last July") */
	const char *value;  /* ISO 8601 (see above), NUL-terminated, in the arena */
	sr_timex_kind kind;
	sr_timex_gran gran;
	sr_timex_mod mod;
	int relative;       /* 1 when the value was resolved against the publication date */
} sr_timex;

/* Find the dates in text[0..len) (UTF-8; other bytes are tolerated), resolving relative ones
 * against pub_time (unix seconds, UTC; 0 when unknown).  On SR_OK, *out is an array of *n
 * results in text order, not overlapping, allocated in arena with their values (*out is NULL
 * when *n is 0); the caller owns nothing else.  Returns SR_EINVAL for NULL arguments (text may
 * be NULL when len is 0) and SR_ENOMEM when the arena is out of memory or over its cap. */
int sr_timex_find(const char *text, size_t len, int64_t pub_time, sr_arena *arena,
		  sr_timex **out, size_t *n);

/* "date", "week", "month", "year", "decade", "range"; "?" for anything else. */
const char *sr_timex_kind_name(int kind);
/* "day", "week", "month", "year", "decade"; "?" for anything else. */
const char *sr_timex_gran_name(int gran);
/* "", "early", "mid", "late"; "?" for anything else. */
const char *sr_timex_mod_name(int mod);

#endif
