/*
 * gazetteer.c - the gazetteer file, name lookup and place resolution.
 *
 * FORMAT (data/gazetteer/gazetteer.bin, written by data/gazetteer/build-gaz.c).  All
 * integers little-endian, floats IEEE 754 binary32 little-endian; offsets are from the
 * start of the file.
 *
 *   header, 64 bytes:
 *     0  char[4] magic "SRGZ"
 *     4  u32 version (1)
 *     8  u32 n_entries
 *    12  u32 n_countries   the first n_countries entries are the countries, sorted by code
 *    16  u32 n_keys
 *    20  u32 entries_off   n_entries entry records of 40 bytes
 *    24  u32 keys_off      n_keys key records of 8 bytes
 *    28  u32 strings_off   the string pool: NUL-terminated UTF-8 strings, the last byte
 *    32  u32 strings_len   of the pool is NUL; offset 0 is the empty string
 *    36  u32 file_len      the whole file
 *    40  24 bytes zero (reserved)
 *
 *   entry, 40 bytes:
 *     0  u8  kind          1 country, 2 region, 3 place (enum sr_geo_kind)
 *     1  u8  flags         1 national capital, 2 seat of a first-order division
 *     2  char[2] country   ISO 3166-1 alpha-2
 *     4  char[8] admin     GeoNames admin1 code, NUL-padded ("" for countries)
 *    12  f32 lat, 16 f32 lon   degrees
 *    20  u32 population
 *    24  u32 geonameid     0 for countries and regions
 *    28  u32 name          string offset: primary English name
 *    32  u32 name_ar       string offset: Arabic name, 0 when unknown
 *    36  u32 demonym       string offset: English demonym of a country, 0 otherwise
 *
 *   key, 8 bytes, sorted by (key string bytes as strcmp orders them, entry index), each
 *   (key, entry) pair once:
 *     0  u32 key           string offset: a normalised key (sr_geo_normalize)
 *     4  u32 ref           bits 0-27 entry index, bits 28-31 match type (enum sr_geo_match)
 *
 * A lookup normalises the name and binary-searches the keys for the run of records with
 * that key; each record is one candidate entry.
 */
#include "analyze/gazetteer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/err.h"
#include "base/utf8.h"

#define HDR_SIZE 64
#define ENTRY_SIZE 40
#define KEY_SIZE 8
#define GAZ_VERSION 1
#define REF_ENTRY_MASK 0x0FFFFFFFu

extern const unsigned char sr_gazetteer_bin[];
extern const size_t sr_gazetteer_bin_len;

struct sr_gazetteer {
	const unsigned char *data;
	size_t len;
	const unsigned char *entries;
	const unsigned char *keys;
	const char *strings;
	uint32_t n_entries, n_countries, n_keys, strings_len;
};

static uint32_t rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static float rdf32(const unsigned char *p)
{
	uint32_t u = rd32(p);
	float f;
	memcpy(&f, &u, sizeof f);
	return f;
}

int sr_gazetteer_open(const void *data, size_t len, sr_gazetteer **out)
{
	if (!data || !out)
		return SR_EINVAL;
	*out = NULL;
	const unsigned char *d = data;
	if (len < HDR_SIZE || memcmp(d, "SRGZ", 4) != 0 || rd32(d + 4) != GAZ_VERSION)
		return SR_EPARSE;
	uint64_t n_entries = rd32(d + 8), n_countries = rd32(d + 12), n_keys = rd32(d + 16);
	uint64_t eoff = rd32(d + 20), koff = rd32(d + 24), soff = rd32(d + 28);
	uint64_t slen = rd32(d + 32);
	if (rd32(d + 36) != len || n_countries > n_entries || n_entries > REF_ENTRY_MASK ||
	    eoff + n_entries * ENTRY_SIZE > len || koff + n_keys * KEY_SIZE > len ||
	    slen == 0 || soff + slen > len || d[soff + slen - 1] != 0)
		return SR_EPARSE;
	const unsigned char *ents = d + eoff, *keys = d + koff;
	for (uint64_t i = 0; i < n_entries; i++) {
		const unsigned char *e = ents + i * ENTRY_SIZE;
		if (e[0] < SR_GEO_COUNTRY || e[0] > SR_GEO_PLACE || rd32(e + 28) >= slen ||
		    rd32(e + 32) >= slen || rd32(e + 36) >= slen)
			return SR_EPARSE;
		if ((i < n_countries) != (e[0] == SR_GEO_COUNTRY))
			return SR_EPARSE;
	}
	for (uint64_t i = 0; i < n_keys; i++) {
		const unsigned char *k = keys + i * KEY_SIZE;
		uint32_t ref = rd32(k + 4);
		if (rd32(k) >= slen || (ref & REF_ENTRY_MASK) >= n_entries ||
		    (ref >> 28) > SR_GEO_BY_SKELETON)
			return SR_EPARSE;
	}
	sr_gazetteer *g = calloc(1, sizeof *g);
	if (!g)
		return SR_ENOMEM;
	g->data = d;
	g->len = len;
	g->entries = ents;
	g->keys = keys;
	g->strings = (const char *)d + soff;
	g->n_entries = (uint32_t)n_entries;
	g->n_countries = (uint32_t)n_countries;
	g->n_keys = (uint32_t)n_keys;
	g->strings_len = (uint32_t)slen;
	*out = g;
	return SR_OK;
}

int sr_gazetteer_builtin(sr_gazetteer **out)
{
	return sr_gazetteer_open(sr_gazetteer_bin, sr_gazetteer_bin_len, out);
}

void sr_gazetteer_free(sr_gazetteer *g)
{
	free(g);
}

size_t sr_gazetteer_count(const sr_gazetteer *g)
{
	return g ? g->n_entries : 0;
}

/* ---- normalisation ---- */

/* Characters dropped without separating words: apostrophes and the marks GeoNames uses
 * for ayn and hamza, tatweel, invisible joiners. */
static int is_dropped(int32_t cp)
{
	switch (cp) {
	case '\'': case '`': case 0x00B4: case 0x2018: case 0x2019: case 0x201B: case 0x02BB:
	case 0x02BC: case 0x02BE: case 0x02BF: case 0xFF07: case 0x0640: case 0x00AD:
	case 0x200B: case 0x200C: case 0x200D: case 0x200E: case 0x200F: case 0x2060:
	case 0xFEFF:
		return 1;
	default:
		return 0;
	}
}

/* Arabic and Persian letter variants unified, Arabic-Indic digits to ASCII. */
static int32_t fold_arabic(int32_t cp)
{
	switch (cp) {
	case 0x0671: case 0x0622: case 0x0623: case 0x0625: return 0x0627; /* alef forms */
	case 0x0649: case 0x06CC: case 0x064A: return 0x064A;             /* yeh */
	case 0x0629: return 0x0647;                                       /* teh marbuta */
	case 0x06A9: return 0x0643;                                       /* keheh */
	default: break;
	}
	if (cp >= 0x0660 && cp <= 0x0669)
		return '0' + (cp - 0x0660);
	if (cp >= 0x06F0 && cp <= 0x06F9)
		return '0' + (cp - 0x06F0);
	return cp;
}

int sr_geo_normalize(const char *name, size_t len, char *out, size_t cap)
{
	if (!out || cap == 0 || (!name && len))
		return SR_EINVAL;
	size_t o = 0;
	int sep = 0;
	for (size_t i = 0; i < len;) {
		int32_t cp;
		i += sr_utf8_decode(name + i, len - i, &cp);
		if (cp >= 0 && is_dropped(cp))
			continue;
		utf8proc_int32_t m[8];
		utf8proc_ssize_t nm = 0;
		if (cp < 0) {
			nm = 0;
		} else if (cp < 0x80) {
			m[0] = (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
			nm = 1;
		} else {
			utf8proc_category_t cc = utf8proc_category(cp);
			if (cc >= UTF8PROC_CATEGORY_MN && cc <= UTF8PROC_CATEGORY_ME)
				continue; /* a combining mark: dropped, no word break */
			int last = 0;
			const int opt = UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
					UTF8PROC_STRIPMARK;
			nm = utf8proc_decompose_char(cp, m, 8, (utf8proc_option_t)opt, &last);
			if (nm < 0 || nm > 8)
				nm = 0;
		}
		if (nm == 0)
			sep = 1;
		for (utf8proc_ssize_t k = 0; k < nm; k++) {
			int32_t c = fold_arabic(m[k]);
			if (is_dropped(c))
				continue;
			int word;
			if (c < 0x80) {
				word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
			} else {
				utf8proc_category_t cat = utf8proc_category(c);
				int mark = cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME;
				word = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO && !mark;
			}
			if (!word) {
				if (!(c >= 0x0300 && c <= 0x036F))
					sep = 1;
				continue;
			}
			char u[4];
			size_t ul = sr_utf8_encode(c, u);
			if (!ul)
				continue;
			if (sep && o > 0) {
				if (o + 1 >= cap)
					return SR_ETOOBIG;
				out[o++] = ' ';
			}
			sep = 0;
			if (o + ul >= cap)
				return SR_ETOOBIG;
			memcpy(out + o, u, ul);
			o += ul;
		}
	}
	if (o > 4 && memcmp(out, "the ", 4) == 0) {
		memmove(out, out + 4, o - 4);
		o -= 4;
	}
	out[o] = '\0';
	return (int)o;
}

static int is_article(const char *w, size_t n)
{
	static const char *const art[] = {"al", "el", "ad", "ag", "ar", "as", "ash", "at", "az",
					  "an", "adh", "ath", "ed", "er", "es", "esh", "et",
					  "ez", "en", "ul", "il"};
	for (size_t i = 0; i < sizeof art / sizeof *art; i++)
		if (strlen(art[i]) == n && memcmp(art[i], w, n) == 0)
			return 1;
	return 0;
}

int sr_geo_skeleton(const char *key, char *out, size_t cap)
{
	if (!key || !out || cap == 0)
		return SR_EINVAL;
	size_t o = 0, letters = 0, cons = 0;
	out[o++] = '~';
	if (o >= cap)
		return SR_ETOOBIG;
	const char *p = key;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		size_t n = (size_t)(p - w);
		if (n == 0 || (is_article(w, n) && *p))
			continue;
		int prev_vowel = 0;
		for (size_t j = 0; j < n; j++) {
			char c = w[j];
			if ((unsigned char)c >= 0x80) {
				out[0] = '\0';
				return 0;
			}
			letters++;
			int next_vowel = j + 1 < n && strchr("aeiou", w[j + 1]);
			if (strchr("aeiou", c) || ((c == 'w' || c == 'y') && !next_vowel)) {
				/* a word's first vowel is kept as 'a': "Arak" is not "Raqqa" */
				if (j == 0) {
					c = 'a';
				} else {
					prev_vowel = 1;
					continue;
				}
			}
			if (c == 'h' && j + 1 == n && prev_vowel)
				continue;
			if (c == 'd' && j + 1 < n && w[j + 1] == 'j')
				continue; /* French "dj" */
			prev_vowel = c == 'a' && j == 0;
			if (o > 1 && out[o - 1] == c)
				continue;
			if (o + 1 >= cap)
				return SR_ETOOBIG;
			out[o++] = c;
			cons++;
		}
	}
	out[o] = '\0';
	if (letters < 4 || cons < 2) {
		out[0] = '\0';
		return 0;
	}
	return (int)o;
}

/* ---- entries and keys ---- */

static void decode_entry(const sr_gazetteer *g, uint32_t id, int match, sr_geo_entry *out)
{
	const unsigned char *e = g->entries + (size_t)id * ENTRY_SIZE;
	memset(out, 0, sizeof *out);
	out->id = id;
	out->kind = e[0];
	out->match = match;
	out->flags = e[1];
	out->country[0] = (char)e[2];
	out->country[1] = (char)e[3];
	out->country[2] = '\0';
	memcpy(out->admin, e + 4, 7);
	out->admin[7] = '\0';
	out->lat = rdf32(e + 12);
	out->lon = rdf32(e + 16);
	out->population = rd32(e + 20);
	out->geonameid = rd32(e + 24);
	out->name = g->strings + rd32(e + 28);
	out->name_ar = g->strings + rd32(e + 32);
	out->demonym = g->strings + rd32(e + 36);
}

int sr_geo_get(const sr_gazetteer *g, uint32_t id, sr_geo_entry *out)
{
	if (!g || !out)
		return SR_EINVAL;
	if (id >= g->n_entries)
		return SR_ENOTFOUND;
	decode_entry(g, id, SR_GEO_BY_NAME, out);
	return SR_OK;
}

int sr_geo_country(const sr_gazetteer *g, const char *cc, sr_geo_entry *out)
{
	if (!g || !cc || !out)
		return SR_EINVAL;
	if (strlen(cc) != 2)
		return SR_ENOTFOUND;
	char want[2];
	for (int i = 0; i < 2; i++)
		want[i] = (cc[i] >= 'a' && cc[i] <= 'z') ? (char)(cc[i] - 32) : cc[i];
	uint32_t lo = 0, hi = g->n_countries;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = memcmp(g->entries + (size_t)mid * ENTRY_SIZE + 2, want, 2);
		if (c == 0) {
			decode_entry(g, mid, SR_GEO_BY_NAME, out);
			return SR_OK;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return SR_ENOTFOUND;
}

static const char *key_str(const sr_gazetteer *g, uint32_t i)
{
	return g->strings + rd32(g->keys + (size_t)i * KEY_SIZE);
}

/* The run [*lo, *hi) of key records equal to key. */
static void key_range(const sr_gazetteer *g, const char *key, uint32_t *lo, uint32_t *hi)
{
	uint32_t a = 0, b = g->n_keys;
	while (a < b) {
		uint32_t mid = a + (b - a) / 2;
		if (strcmp(key_str(g, mid), key) < 0)
			a = mid + 1;
		else
			b = mid;
	}
	uint32_t c = a, e = g->n_keys;
	while (c < e) {
		uint32_t mid = c + (e - c) / 2;
		if (strcmp(key_str(g, mid), key) <= 0)
			c = mid + 1;
		else
			e = mid;
	}
	*lo = a;
	*hi = c;
}

/* 1 when name is written like a code: 2 or 3 capital ASCII letters, nothing else. */
static int looks_like_code(const char *name)
{
	size_t n = strlen(name);
	if (n < 2 || n > 3)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (name[i] < 'A' || name[i] > 'Z')
			return 0;
	return 1;
}

struct cand_iter {
	const sr_gazetteer *g;
	uint32_t i, end;
	int codes_ok;
};

/* Prepare to iterate over name's candidates: the exact ones, or when there is none, those
 * with the same skeleton.  SR_OK, SR_ENOTFOUND (no key). */
static int cand_begin(const sr_gazetteer *g, const char *name, struct cand_iter *it)
{
	char key[SR_GEO_KEY_MAX], skel[SR_GEO_KEY_MAX];
	int kl = sr_geo_normalize(name, strlen(name), key, sizeof key);
	if (kl <= 0)
		return SR_ENOTFOUND;
	it->g = g;
	it->codes_ok = looks_like_code(name);
	key_range(g, key, &it->i, &it->end);
	for (uint32_t i = it->i; i < it->end; i++) {
		uint32_t ref = rd32(g->keys + (size_t)i * KEY_SIZE + 4);
		if ((int)(ref >> 28) != SR_GEO_BY_CODE || it->codes_ok)
			return SR_OK;
	}
	if (sr_geo_skeleton(key, skel, sizeof skel) > 0)
		key_range(g, skel, &it->i, &it->end);
	return SR_OK;
}

/* Next candidate's entry index and match type; 0 at the end. */
static int cand_next(struct cand_iter *it, uint32_t *id, int *match)
{
	while (it->i < it->end) {
		uint32_t ref = rd32(it->g->keys + (size_t)it->i++ * KEY_SIZE + 4);
		int m = (int)(ref >> 28);
		if (m == SR_GEO_BY_CODE && !it->codes_ok)
			continue;
		*id = ref & REF_ENTRY_MASK;
		*match = m;
		return 1;
	}
	return 0;
}

/* Lookup order: kind ascending, population descending, id ascending. */
static int before(const sr_geo_entry *a, const sr_geo_entry *b)
{
	if (a->kind != b->kind)
		return a->kind < b->kind;
	if (a->population != b->population)
		return a->population > b->population;
	return a->id < b->id;
}

int sr_geo_lookup(const sr_gazetteer *g, const char *name, sr_geo_entry *out, size_t cap,
		  size_t *n)
{
	if (!g || !name || !n || (cap && !out))
		return SR_EINVAL;
	*n = 0;
	struct cand_iter it;
	if (cand_begin(g, name, &it) != SR_OK)
		return SR_ENOTFOUND;
	uint32_t id;
	int match;
	size_t total = 0, kept = 0;
	while (cand_next(&it, &id, &match)) {
		total++;
		sr_geo_entry e;
		decode_entry(g, id, match, &e);
		/* keep the best cap candidates in out, in order (insertion) */
		size_t pos = kept;
		while (pos > 0 && before(&e, &out[pos - 1]))
			pos--;
		if (pos >= cap)
			continue;
		size_t last = kept < cap ? kept : cap - 1;
		memmove(out + pos + 1, out + pos, (last - pos) * sizeof *out);
		out[pos] = e;
		if (kept < cap)
			kept++;
	}
	*n = total;
	return total ? SR_OK : SR_ENOTFOUND;
}

/* ---- resolution ---- */

double sr_geo_distance_km(double lat1, double lon1, double lat2, double lon2)
{
	const double rad = 3.14159265358979323846 / 180.0;
	double p1 = lat1 * rad, p2 = lat2 * rad;
	double dp = (lat2 - lat1) * rad, dl = (lon2 - lon1) * rad;
	double a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
	if (a > 1)
		a = 1;
	return 2 * 6371.0 * asin(sqrt(a));
}

/* 1 when the entry's country a ("JO") is the code b, in any case. */
static int same_cc(const char *a, const char *b)
{
	if (!b || strlen(b) != 2 || !a[0])
		return 0;
	for (int i = 0; i < 2; i++) {
		char c = (b[i] >= 'a' && b[i] <= 'z') ? (char)(b[i] - 32) : b[i];
		if (a[i] != c)
			return 0;
	}
	return 1;
}

static double score(const sr_geo_entry *e, const sr_geo_context *ctx)
{
	double s = log10((double)e->population + 1.0);
	if (e->kind == SR_GEO_COUNTRY)
		s += 6;
	else if (e->kind == SR_GEO_REGION)
		s += 3;
	if (e->flags & SR_GEO_CAPITAL)
		s += 0.5;
	else if (e->flags & SR_GEO_ADMIN_SEAT)
		s += 0.25;
	if (!ctx)
		return s;
	int in_country = 0, in_region = 0, self = 0;
	double near = -1;
	for (size_t i = 0; i < ctx->n_places && ctx->places; i++) {
		const sr_geo_entry *p = &ctx->places[i];
		/* a country named in the article is strong context; the country of a town
		 * named is weaker ("Athens" beside "Washington" is still Athens, Greece) */
		if (strcmp(p->country, e->country) == 0 && in_country < 2)
			in_country = p->kind == SR_GEO_COUNTRY ? 2 : 1;
		if (p->kind != SR_GEO_COUNTRY && e->kind != SR_GEO_COUNTRY && p->admin[0] &&
		    strcmp(p->country, e->country) == 0 && strcmp(p->admin, e->admin) == 0)
			in_region = 1;
		if (p->id == e->id && p->kind == e->kind && p->geonameid == e->geonameid)
			self = 1;
		if (p->kind == SR_GEO_PLACE && e->kind != SR_GEO_COUNTRY) {
			double d = sr_geo_distance_km(p->lat, p->lon, e->lat, e->lon);
			if (near < 0 || d < near)
				near = d;
		}
	}
	for (size_t i = 0; i < ctx->n_countries && ctx->countries; i++)
		if (same_cc(e->country, ctx->countries[i]))
			in_country = 2;
	s += in_country; /* + 2 for a country named, + 1 for the country of a town named */
	if (in_country && (e->flags & SR_GEO_CAPITAL))
		s += 4.5; /* "الأردن ... عمان" is Amman, not Oman */
	if (ctx->outlet_country && same_cc(e->country, ctx->outlet_country))
		s += 1;
	if (in_region)
		s += 3;
	if (near >= 0 && near < 100)
		s += 2;
	else if (near >= 0 && near < 400)
		s += 1;
	if (self)
		s += 5;
	return s;
}

int sr_geo_resolve(const sr_gazetteer *g, const char *name, const sr_geo_context *ctx,
		   sr_geo_entry *out)
{
	if (!g || !name || !out)
		return SR_EINVAL;
	struct cand_iter it;
	if (cand_begin(g, name, &it) != SR_OK)
		return SR_ENOTFOUND;
	uint32_t id;
	int match, found = 0;
	double best = 0;
	while (cand_next(&it, &id, &match)) {
		sr_geo_entry e;
		decode_entry(g, id, match, &e);
		double s = score(&e, ctx);
		if (!found || s > best ||
		    (s == best && (e.population > out->population ||
				   (e.population == out->population && e.id < out->id)))) {
			*out = e;
			best = s;
			found = 1;
		}
	}
	return found ? SR_OK : SR_ENOTFOUND;
}
