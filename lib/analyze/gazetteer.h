/*
 * gazetteer.h - countries, regions and towns with coordinates; lookup and geocoding.
 *
 * The gazetteer is a read-only table (data/gazetteer/gazetteer.bin, built into the library;
 * the format is specified at the top of gazetteer.c, the sources in docs/GAZETTEER.md):
 * 250 countries with their names in several languages, aliases, ISO codes and demonyms; the
 * US states; towns of 15,000 people or more worldwide and of 1,000 or more in the Middle
 * East and North Africa, each with its country, first-order admin code, coordinates,
 * population and its Arabic name when known.
 *
 * Names are compared by their normalised key (sr_geo_normalize): case-folded, diacritics
 * removed, Arabic letters unified, punctuation as spaces, apostrophes dropped, a leading
 * "the" dropped.  So "AMMAN", "Ammân", "عمّان" and "عمان" all find Amman.
 *
 * Everything here is pure and thread-safe once a gazetteer is open: the table is never
 * written, no function keeps state between calls.  Entries returned point into the table
 * (their strings stay valid until sr_gazetteer_free; for the built-in table, forever).
 */
#ifndef SR_GAZETTEER_H
#define SR_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

typedef struct sr_gazetteer sr_gazetteer;

enum sr_geo_kind {
	SR_GEO_COUNTRY = 1,
	SR_GEO_REGION = 2, /* a first-order division (the US states) */
	SR_GEO_PLACE = 3,  /* a city, town or village */
};

/* How a name matched an entry. */
enum sr_geo_match {
	SR_GEO_BY_NAME = 0,    /* its name or one of its aliases, in any language */
	SR_GEO_BY_DEMONYM = 1, /* "Jordanian", "Syrians", "Française" (countries only) */
	SR_GEO_BY_CODE = 2,    /* ISO 3166 alpha-2 or alpha-3 code, or a code-like alias ("UK") */
	SR_GEO_BY_SKELETON = 3,/* no exact match; same transliteration skeleton as a name of a
				* Middle East / North Africa place ("Raqqa" ~ "Ar Raqqah") */
};

enum sr_geo_flag {
	SR_GEO_CAPITAL = 1,    /* national capital (GeoNames PPLC) */
	SR_GEO_ADMIN_SEAT = 2, /* seat of a first-order division (PPLA) */
};

/* One gazetteer entry, decoded.  Strings point into the gazetteer, "" when unknown. */
typedef struct sr_geo_entry {
	uint32_t id;         /* index in this gazetteer; sr_geo_get(g, id) returns it again */
	int kind;            /* enum sr_geo_kind */
	int match;           /* enum sr_geo_match: how the looked-up name matched */
	unsigned flags;      /* enum sr_geo_flag bits */
	char country[3];     /* ISO 3166-1 alpha-2 ("JO"); a country's own code */
	char admin[8];       /* GeoNames admin1 code ("TX", "16"), "" for countries */
	double lat, lon;     /* degrees, WGS84; a country's is a rough centre */
	uint64_t population; /* a country's is the sum over its towns of 1,000 or more */
	uint32_t geonameid;  /* GeoNames id of a place, 0 for countries and regions */
	const char *name;    /* primary English name ("Amman") */
	const char *name_ar; /* Arabic name ("عمّان") or "" */
	const char *demonym; /* a country's English demonym ("Jordanian") or "" */
} sr_geo_entry;

/* The article's context for sr_geo_resolve.  Every member may be NULL / 0. */
typedef struct sr_geo_context {
	const sr_geo_entry *places;   /* entries already resolved in the article (any kind),
				       * from this gazetteer (their name strings are not read) */
	size_t n_places;
	const char *const *countries; /* ISO alpha-2 codes otherwise known to be in context */
	size_t n_countries;
	const char *outlet_country;   /* ISO alpha-2 code of the publishing outlet, or NULL */
} sr_geo_context;

/* Longest normalised key, in bytes (including the terminating NUL). */
#define SR_GEO_KEY_MAX 128

/* The gazetteer built into the library.  SR_OK, SR_ENOMEM, or SR_EPARSE if the built-in
 * data is damaged.  Free with sr_gazetteer_free (the data itself is static). */
int sr_gazetteer_builtin(sr_gazetteer **out);

/* Open a gazetteer image data[0..len) in the gazetteer.bin format.  The bytes are not
 * copied: they must stay valid and unchanged until sr_gazetteer_free.  The header, section
 * bounds and every string reference are checked: SR_EPARSE on a damaged or truncated
 * image, SR_EINVAL on a NULL argument, SR_ENOMEM. */
int sr_gazetteer_open(const void *data, size_t len, sr_gazetteer **out);

/* Free g (NULL is fine).  Entries obtained from it become invalid. */
void sr_gazetteer_free(sr_gazetteer *g);

/* Number of entries. */
size_t sr_gazetteer_count(const sr_gazetteer *g);

/* Normalise name[0..len) (UTF-8; invalid bytes separate words) into the key form used by
 * the index, writing a NUL-terminated key of at most cap bytes to out.  Returns the key
 * length (0 when nothing is left, e.g. only punctuation), or SR_ETOOBIG when the key does
 * not fit (cap <= SR_GEO_KEY_MAX always suffices for keys in the index). */
int sr_geo_normalize(const char *name, size_t len, char *out, size_t cap);

/* The transliteration skeleton of a normalised key (as sr_geo_normalize makes it), used
 * as a fuzzy fallback for Arabic place names written in Latin letters: Arabic articles
 * ("al", "el", "ad", "ez", ...) dropped as words; vowels dropped, and w and y when no vowel
 * follows, but a word's first vowel kept as 'a'; an h ending a word after a vowel dropped;
 * "dj" as "j"; doubled letters collapsed; prefixed with '~': "Deir ez-Zor" and "Dayr az
 * Zawr" -> "~drzr", "Raqqa" and "Ar Raqqah" -> "~rq", "Sweida" and "Suwayda" -> "~swd".
 * Writes a
 * NUL-terminated skeleton to out and returns its length; 0 when the key has no skeleton
 * (non-ASCII letters, fewer than 4 letters, or fewer than 2 consonants); SR_ETOOBIG. */
int sr_geo_skeleton(const char *key, char *out, size_t cap);

/* Entry number id into *out (match = SR_GEO_BY_NAME).  SR_ENOTFOUND if id is out of range. */
int sr_geo_get(const sr_gazetteer *g, uint32_t id, sr_geo_entry *out);

/* The country with ISO alpha-2 code cc (any case).  SR_ENOTFOUND if there is none. */
int sr_geo_country(const sr_gazetteer *g, const char *cc, sr_geo_entry *out);

/* Every entry whose name, alias, demonym or code matches name (a NUL-terminated string).
 * Codes match only when name is written as one in capitals ("JO", "JOR", "UK"), so the
 * word "us" is not the United States but "US" is.  Only when nothing matches exactly are
 * the entries with the same skeleton returned (match SR_GEO_BY_SKELETON).  Candidates
 * are ordered: countries, regions, places, then by population, descending; an entry
 * appears once, with its best match.  Fills out[0..min(cap, *n)) and stores the number of candidates in *n (which may
 * exceed cap).  SR_OK, SR_ENOTFOUND when there is none (*n = 0), SR_EINVAL. */
int sr_geo_lookup(const sr_gazetteer *g, const char *name, sr_geo_entry *out, size_t cap,
		  size_t *n);

/* Choose the one entry that name most probably means in an article with context ctx (may
 * be NULL).  Each candidate scores (docs/GAZETTEER.md has the table):
 *   log10(population + 1)
 *   + 6 for a country, + 3 for a region (a bare country name is the country)
 *   + 0.5 for a national capital, + 0.25 for a regional seat
 *   + 2 when its country is in context (a context country, or ctx->countries), + 1 when
 *     only a context town or region is in its country
 *   + 4.5 more for the national capital of a country in context
 *   + 1 when its country is the outlet's
 *   + 3 when its region (country and admin1) is one of a context entry's
 *   + 2 within 100 km of a context place, + 1 within 400 km
 *   + 5 when it is itself a context entry (one name, one place per article)
 * and the best wins (ties: larger population, then lower id).  So "Amman" is Amman,
 * Jordan; "Paris" is Paris, France, but Paris, Texas when Texas is in context.
 * SR_OK, SR_ENOTFOUND when the name matches nothing, SR_EINVAL. */
int sr_geo_resolve(const sr_gazetteer *g, const char *name, const sr_geo_context *ctx,
		   sr_geo_entry *out);

/* Great-circle distance in kilometres between two points given in degrees. */
double sr_geo_distance_km(double lat1, double lon1, double lat2, double lon2);

#endif
