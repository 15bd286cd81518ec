/*
 * test_gazetteer.c - the built-in gazetteer: normalisation, lookups (countries, aliases,
 * ISO codes, demonyms, Arabic names, case and diacritics), resolution in context, unknown
 * names, and the checks on a damaged image.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyze/gazetteer.h"
#include "base/err.h"

extern const unsigned char sr_gazetteer_bin[];
extern const size_t sr_gazetteer_bin_len;

static int setup(void **state)
{
	sr_gazetteer *g = NULL;
	if (sr_gazetteer_builtin(&g) != SR_OK)
		return -1;
	*state = g;
	return 0;
}

static int teardown(void **state)
{
	sr_gazetteer_free(*state);
	return 0;
}

static void assert_norm(const char *in, const char *want)
{
	char k[SR_GEO_KEY_MAX];
	int n = sr_geo_normalize(in, strlen(in), k, sizeof k);
	assert_true(n >= 0);
	assert_string_equal(k, want);
	assert_int_equal((size_t)n, strlen(want));
}

static void test_normalize(void **state)
{
	(void)state;
	assert_norm("AMMAN", "amman");
	assert_norm("  Ammân ", "amman");
	assert_norm("São Paulo", "sao paulo");
	assert_norm("Ḩamāh", "hamah");
	assert_norm("Al ‘Amārah", "al amarah");
	assert_norm("Sana'a", "sanaa");
	assert_norm("St. Petersburg", "st petersburg");
	assert_norm("Aix-en-Provence", "aix en provence");
	assert_norm("the Netherlands", "netherlands");
	assert_norm("Straße", "strasse");
	assert_norm("İstanbul", "istanbul");
	/* Arabic: short vowels and shadda dropped, alef forms, teh marbuta, alef maksura */
	assert_norm("عمّان", "عمان");
	assert_norm("الأردن", "الاردن");
	assert_norm("إربد", "اربد");
	assert_norm("غزة", "غزه");
	assert_norm("مصـر", "مصر");
	assert_norm("!!", "");
	char small[4];
	assert_int_equal(sr_geo_normalize("Amman", 5, small, sizeof small), SR_ETOOBIG);
}

/* The first candidate of name, which must exist. */
static sr_geo_entry first(const sr_gazetteer *g, const char *name)
{
	sr_geo_entry e[4];
	size_t n = 0;
	int rc = sr_geo_lookup(g, name, e, 4, &n);
	if (rc != SR_OK)
		fail_msg("no candidate for %s", name);
	assert_true(n >= 1);
	return e[0];
}

static void assert_country(const sr_gazetteer *g, const char *name, const char *cc, int match)
{
	sr_geo_entry e = first(g, name);
	if (e.kind != SR_GEO_COUNTRY || strcmp(e.country, cc) != 0 || e.match != match)
		fail_msg("%s -> %s %s kind %d match %d, want country %s match %d", name, e.name,
			 e.country, e.kind, e.match, cc, match);
}

static void test_countries(void **state)
{
	const sr_gazetteer *g = *state;
	assert_country(g, "Jordan", "JO", SR_GEO_BY_NAME);
	assert_country(g, "JORDAN", "JO", SR_GEO_BY_NAME);
	assert_country(g, "Hashemite Kingdom of Jordan", "JO", SR_GEO_BY_NAME);
	assert_country(g, "Syria", "SY", SR_GEO_BY_NAME);
	assert_country(g, "United States", "US", SR_GEO_BY_NAME);
	assert_country(g, "the United States", "US", SR_GEO_BY_NAME);
	assert_country(g, "U.S.", "US", SR_GEO_BY_NAME);
	assert_country(g, "Britain", "GB", SR_GEO_BY_NAME);
	assert_country(g, "Côte d'Ivoire", "CI", SR_GEO_BY_NAME);
	assert_country(g, "Cote dIvoire", "CI", SR_GEO_BY_NAME);
	assert_country(g, "Palestine", "PS", SR_GEO_BY_NAME);
	assert_country(g, "Liban", "LB", SR_GEO_BY_NAME);      /* French */
	assert_country(g, "Égypte", "EG", SR_GEO_BY_NAME);     /* French, accent */
	/* Arabic names, with or without hamza on the alef */
	assert_country(g, "الأردن", "JO", SR_GEO_BY_NAME);
	assert_country(g, "الاردن", "JO", SR_GEO_BY_NAME);
	assert_country(g, "سوريا", "SY", SR_GEO_BY_NAME);
	assert_country(g, "مصر", "EG", SR_GEO_BY_NAME);

	sr_geo_entry e = first(g, "Jordan");
	assert_string_equal(e.name, "Jordan");
	assert_string_equal(e.name_ar, "الأردن");
	assert_string_equal(e.demonym, "Jordanian");
	assert_true(e.population > 1000000);
}

static void test_codes(void **state)
{
	const sr_gazetteer *g = *state;
	assert_country(g, "JO", "JO", SR_GEO_BY_CODE);
	assert_country(g, "JOR", "JO", SR_GEO_BY_CODE);
	assert_country(g, "US", "US", SR_GEO_BY_CODE);
	assert_country(g, "UK", "GB", SR_GEO_BY_CODE);
	assert_country(g, "UAE", "AE", SR_GEO_BY_CODE);
	/* codes only in capitals: the word "us" is not a country */
	sr_geo_entry e[8];
	size_t n = 0;
	if (sr_geo_lookup(g, "us", e, 8, &n) == SR_OK)
		for (size_t i = 0; i < n && i < 8; i++)
			assert_int_not_equal(e[i].kind, SR_GEO_COUNTRY);
	/* by code directly */
	sr_geo_entry c;
	assert_int_equal(sr_geo_country(g, "sy", &c), SR_OK);
	assert_string_equal(c.name, "Syria");
	assert_int_equal(sr_geo_country(g, "ZZ", &c), SR_ENOTFOUND);
	assert_int_equal(sr_geo_country(g, "JOR", &c), SR_ENOTFOUND);
}

static void test_demonyms(void **state)
{
	const sr_gazetteer *g = *state;
	assert_country(g, "Jordanian", "JO", SR_GEO_BY_DEMONYM);
	assert_country(g, "Jordanians", "JO", SR_GEO_BY_DEMONYM);
	assert_country(g, "Syrians", "SY", SR_GEO_BY_DEMONYM);
	assert_country(g, "Syrian", "SY", SR_GEO_BY_DEMONYM);
	assert_country(g, "Iraqi", "IQ", SR_GEO_BY_DEMONYM);
	assert_country(g, "Lebanese", "LB", SR_GEO_BY_DEMONYM);
	assert_country(g, "Palestinians", "PS", SR_GEO_BY_DEMONYM);
	assert_country(g, "Emirati", "AE", SR_GEO_BY_DEMONYM);
	assert_country(g, "French", "FR", SR_GEO_BY_DEMONYM);
	assert_country(g, "Française", "FR", SR_GEO_BY_DEMONYM);
}

static void test_places(void **state)
{
	const sr_gazetteer *g = *state;
	sr_geo_entry e = first(g, "Amman");
	assert_int_equal(e.kind, SR_GEO_PLACE);
	assert_string_equal(e.country, "JO");
	assert_string_equal(e.name_ar, "عمّان");
	assert_true(e.flags & SR_GEO_CAPITAL);
	assert_int_equal(e.geonameid, 250441);
	/* Arabic, with and without the shadda; unvowelled, عمان is also Oman */
	sr_geo_entry am[4];
	size_t na = 0;
	assert_int_equal(sr_geo_lookup(g, "عمان", am, 4, &na), SR_OK);
	int amman = 0, oman = 0;
	for (size_t i = 0; i < na && i < 4; i++) {
		amman |= strcmp(am[i].name, "Amman") == 0;
		oman |= strcmp(am[i].country, "OM") == 0 && am[i].kind == SR_GEO_COUNTRY;
	}
	assert_true(amman && oman);
	e = first(g, "دمشق");
	assert_string_equal(e.name, "Damascus");
	/* GeoNames transliterations and the press's names */
	e = first(g, "Hama");
	assert_string_equal(e.country, "SY");
	e = first(g, "Ḩamāh");
	assert_string_equal(e.country, "SY");
	e = first(g, "Kut");
	assert_string_equal(e.country, "IQ");
	e = first(g, "Zarqa");
	assert_string_equal(e.country, "JO");
	/* French name */
	e = first(g, "Damas");
	assert_string_equal(e.name, "Damascus");
	/* a small MENA town is kept (population < 15,000) */
	sr_geo_entry m[16];
	size_t n = 0;
	assert_int_equal(sr_geo_lookup(g, "Madaba", m, 16, &n), SR_OK);
	int small = 0;
	for (size_t i = 0; i < n && i < 16; i++)
		small |= strcmp(m[i].country, "JO") == 0;
	assert_true(small);
	/* a region */
	e = first(g, "Texas");
	assert_int_equal(e.kind, SR_GEO_REGION);
	assert_string_equal(e.admin, "TX");
}

static void assert_skel(const char *key, const char *want)
{
	char k[SR_GEO_KEY_MAX];
	int n = sr_geo_skeleton(key, k, sizeof k);
	assert_true(n >= 0);
	assert_string_equal(n ? k : "", want);
}

static void test_skeleton(void **state)
{
	const sr_gazetteer *g = *state;
	assert_skel("deir ez zor", "~drzr");
	assert_skel("dayr az zawr", "~drzr");
	assert_skel("raqqa", "~rq");
	assert_skel("ar raqqah", "~rq");
	assert_skel("arak", "~ark");
	assert_skel("sweida", "~swd");
	assert_skel("as suwayda", "~swd");
	assert_skel("ajloun", "~ajln");
	assert_skel("adjlun", "~ajln");
	assert_skel("aba", "");      /* too short */
	assert_skel("عمان", "");     /* not Latin */
	/* press spellings found through the skeleton, flagged as such */
	const char *names[][2] = {{"Raqqa", "SY"}, {"Deir al-Zor", "SY"}, {"Sweida", "SY"},
				  {"Misrata", "LY"}, {"Hodeidah", "YE"}, {"Tafileh", "JO"}};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		sr_geo_entry e;
		assert_int_equal(sr_geo_resolve(g, names[i][0], NULL, &e), SR_OK);
		if (strcmp(e.country, names[i][1]) != 0 || e.match != SR_GEO_BY_SKELETON)
			fail_msg("%s -> %s, %s (match %d)", names[i][0], e.name, e.country,
				 e.match);
	}
	/* an exact match hides the skeleton ones */
	sr_geo_entry e;
	assert_int_equal(sr_geo_resolve(g, "Arak", NULL, &e), SR_OK);
	assert_string_equal(e.country, "IR");
	assert_int_equal(e.match, SR_GEO_BY_NAME);
}

static void test_lookup_order_and_cap(void **state)
{
	const sr_gazetteer *g = *state;
	sr_geo_entry e[2];
	size_t n = 0;
	assert_int_equal(sr_geo_lookup(g, "Paris", e, 2, &n), SR_OK);
	assert_true(n >= 2); /* France, Texas, ... */
	assert_string_equal(e[0].country, "FR");
	assert_true(e[0].population >= e[1].population);
	/* cap 0 only counts */
	size_t n0 = 0;
	assert_int_equal(sr_geo_lookup(g, "Paris", NULL, 0, &n0), SR_OK);
	assert_int_equal(n0, n);
}

static void test_unknown(void **state)
{
	const sr_gazetteer *g = *state;
	sr_geo_entry e[4];
	size_t n = 7;
	assert_int_equal(sr_geo_lookup(g, "Qwxzyville", e, 4, &n), SR_ENOTFOUND);
	assert_int_equal(n, 0);
	assert_int_equal(sr_geo_lookup(g, "", e, 4, &n), SR_ENOTFOUND);
	assert_int_equal(sr_geo_lookup(g, "...", e, 4, &n), SR_ENOTFOUND);
	assert_int_equal(sr_geo_resolve(g, "Qwxzyville", NULL, e), SR_ENOTFOUND);
	assert_int_equal(sr_geo_resolve(g, NULL, NULL, e), SR_EINVAL);
	assert_int_equal(sr_geo_get(g, (uint32_t)sr_gazetteer_count(g), e), SR_ENOTFOUND);
}

static void test_resolve_amman(void **state)
{
	const sr_gazetteer *g = *state;
	sr_geo_entry e;
	assert_int_equal(sr_geo_resolve(g, "Amman", NULL, &e), SR_OK);
	assert_string_equal(e.name, "Amman");
	assert_string_equal(e.country, "JO");
	assert_true(fabs(e.lat - 31.95) < 0.05);
	assert_true(fabs(e.lon - 35.93) < 0.05);
	/* the entry can be fetched again by id */
	sr_geo_entry again;
	assert_int_equal(sr_geo_get(g, e.id, &again), SR_OK);
	assert_string_equal(again.name, "Amman");
}

static void test_resolve_country(void **state)
{
	const sr_gazetteer *g = *state;
	sr_geo_entry e;
	/* a bare country name is the country, not a town of the same name */
	const char *names[] = {"Jordan", "Lebanon", "Georgia", "Mexico", "Israel"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		assert_int_equal(sr_geo_resolve(g, names[i], NULL, &e), SR_OK);
		if (e.kind != SR_GEO_COUNTRY)
			fail_msg("%s resolved to %s, %s (kind %d)", names[i], e.name, e.country,
				 e.kind);
	}
	assert_int_equal(sr_geo_resolve(g, "Syrians", NULL, &e), SR_OK);
	assert_string_equal(e.country, "SY");
	assert_int_equal(e.match, SR_GEO_BY_DEMONYM);
}

static void test_resolve_context(void **state)
{
	const sr_gazetteer *g = *state;
	sr_geo_entry e, texas, fr;
	/* Paris alone: France */
	assert_int_equal(sr_geo_resolve(g, "Paris", NULL, &e), SR_OK);
	assert_string_equal(e.country, "FR");
	/* with Texas in context: Paris, Texas */
	assert_int_equal(sr_geo_resolve(g, "Texas", NULL, &texas), SR_OK);
	sr_geo_context ctx = {.places = &texas, .n_places = 1};
	assert_int_equal(sr_geo_resolve(g, "Paris", &ctx, &e), SR_OK);
	assert_string_equal(e.country, "US");
	assert_string_equal(e.admin, "TX");
	/* the United States alone does not pull Paris out of France */
	const char *us[] = {"US"};
	sr_geo_context ctx_us = {.countries = us, .n_countries = 1};
	assert_int_equal(sr_geo_resolve(g, "Paris", &ctx_us, &e), SR_OK);
	assert_string_equal(e.country, "FR");
	/* a town near a place already mentioned: Dallas makes Paris the Texan one */
	sr_geo_entry dallas;
	assert_int_equal(sr_geo_resolve(g, "Dallas", NULL, &dallas), SR_OK);
	assert_string_equal(dallas.admin, "TX");
	sr_geo_context ctx_d = {.places = &dallas, .n_places = 1};
	assert_int_equal(sr_geo_resolve(g, "Paris", &ctx_d, &e), SR_OK);
	assert_string_equal(e.country, "US");
	/* and France in context keeps it in France */
	assert_int_equal(sr_geo_country(g, "FR", &fr), SR_OK);
	sr_geo_context ctx_fr = {.places = &fr, .n_places = 1};
	assert_int_equal(sr_geo_resolve(g, "Paris", &ctx_fr, &e), SR_OK);
	assert_string_equal(e.country, "FR");
}

static void test_resolve_mena_context(void **state)
{
	const sr_gazetteer *g = *state;
	sr_geo_entry e, lb, ly;
	/* Tripoli: Libya's capital by default, Lebanon's with Lebanon in context */
	assert_int_equal(sr_geo_resolve(g, "Tripoli", NULL, &e), SR_OK);
	assert_string_equal(e.country, "LY");
	assert_int_equal(sr_geo_resolve(g, "Lebanon", NULL, &lb), SR_OK);
	sr_geo_context ctx = {.places = &lb, .n_places = 1};
	assert_int_equal(sr_geo_resolve(g, "Tripoli", &ctx, &e), SR_OK);
	assert_string_equal(e.country, "LB");
	assert_int_equal(sr_geo_resolve(g, "Libya", NULL, &ly), SR_OK);
	sr_geo_entry both[2] = {lb, ly};
	ctx.places = both;
	ctx.n_places = 2;
	/* a place already resolved in the article wins again */
	sr_geo_entry trip_lb;
	ctx.n_places = 1;
	assert_int_equal(sr_geo_resolve(g, "Tripoli", &ctx, &trip_lb), SR_OK);
	sr_geo_entry prior[2] = {ly, trip_lb};
	sr_geo_context ctx2 = {.places = prior, .n_places = 2};
	assert_int_equal(sr_geo_resolve(g, "Tripoli", &ctx2, &e), SR_OK);
	assert_int_equal(e.id, trip_lb.id);
	/* unvowelled عمان is Oman alone, Amman after Jordan */
	sr_geo_entry jo;
	assert_int_equal(sr_geo_resolve(g, "عمان", NULL, &e), SR_OK);
	assert_string_equal(e.country, "OM");
	assert_int_equal(sr_geo_resolve(g, "الأردن", NULL, &jo), SR_OK);
	sr_geo_context ctx_jo = {.places = &jo, .n_places = 1};
	assert_int_equal(sr_geo_resolve(g, "عمان", &ctx_jo, &e), SR_OK);
	assert_string_equal(e.name, "Amman");
	/* Arabic names with or without the article */
	assert_int_equal(sr_geo_resolve(g, "الزرقاء", &ctx_jo, &e), SR_OK);
	assert_string_equal(e.name, "Zarqa");
	/* the outlet's country */
	sr_geo_context ctx_outlet = {.outlet_country = "lb"};
	assert_int_equal(sr_geo_resolve(g, "Tripoli", &ctx_outlet, &e), SR_OK);
	assert_string_equal(e.country, "LB"); /* a Lebanese outlet's Tripoli */
}

static void test_damaged_image(void **state)
{
	(void)state;
	sr_gazetteer *g = NULL;
	assert_int_equal(sr_gazetteer_open(NULL, 0, &g), SR_EINVAL);
	assert_int_equal(sr_gazetteer_open(sr_gazetteer_bin, 10, &g), SR_EPARSE);
	assert_int_equal(sr_gazetteer_open(sr_gazetteer_bin, sr_gazetteer_bin_len - 1, &g),
			 SR_EPARSE);
	unsigned char *copy = malloc(sr_gazetteer_bin_len);
	assert_non_null(copy);
	memcpy(copy, sr_gazetteer_bin, sr_gazetteer_bin_len);
	assert_int_equal(sr_gazetteer_open(copy, sr_gazetteer_bin_len, &g), SR_OK);
	sr_gazetteer_free(g);
	g = NULL;
	copy[0] = 'X'; /* magic */
	assert_int_equal(sr_gazetteer_open(copy, sr_gazetteer_bin_len, &g), SR_EPARSE);
	copy[0] = 'S';
	copy[sr_gazetteer_bin_len - 1] = 'x'; /* unterminated string pool */
	assert_int_equal(sr_gazetteer_open(copy, sr_gazetteer_bin_len, &g), SR_EPARSE);
	copy[sr_gazetteer_bin_len - 1] = 0;
	copy[20] = 0xff; /* entries offset out of range */
	copy[23] = 0x7f;
	assert_int_equal(sr_gazetteer_open(copy, sr_gazetteer_bin_len, &g), SR_EPARSE);
	assert_null(g);
	free(copy);
}

static void test_distance(void **state)
{
	(void)state;
	/* Amman - Damascus is about 175 km */
	double d = sr_geo_distance_km(31.95, 35.93, 33.51, 36.29);
	assert_true(d > 165 && d < 185);
	assert_true(sr_geo_distance_km(10, 20, 10, 20) < 1e-9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_countries),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_demonyms),
		cmocka_unit_test(test_places),
		cmocka_unit_test(test_skeleton),
		cmocka_unit_test(test_lookup_order_and_cap),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_resolve_amman),
		cmocka_unit_test(test_resolve_country),
		cmocka_unit_test(test_resolve_context),
		cmocka_unit_test(test_resolve_mena_context),
		cmocka_unit_test(test_damaged_image),
		cmocka_unit_test(test_distance),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
