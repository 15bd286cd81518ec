/* Unit tests for lib/watch/percolate: watchlist queries matched against one article, the
 * index giving the same answers as checking every query. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "watch/percolate.h"

static const char *const tags[] = {"Middle East", "Defence"};
static const char *const keys[] = {"P:ingrid solberg", "L:amman", "O:north atlantic treaty organization"};
static const char *const aliases[] = {"P:solberg", NULL, "O:nato"};

static sr_watch_article article(void)
{
	sr_watch_article a;
	memset(&a, 0, sizeof(a));
	a.title = "Alliance opens liaison office in Amman";
	a.text = "NATO's deputy head said the negotiations on training were going well. "
		 "The office will run courses in crisis management and cyber defence for "
		 "Jordanian officers. Café owners nearby welcomed 1,200 visitors.";
	a.lang = "en";
	a.site_name = "Test Ledger";
	a.canon = "https://www.ledger.example/2026/office";
	a.tags = tags;
	a.n_tags = 2;
	a.ent_keys = keys;
	a.ent_aliases = aliases;
	a.n_ents = 3;
	a.story = 42;
	a.time = 1764000000;
	return a;
}

typedef struct hits {
	int64_t ids[64];
	int n;
} hits;

static int collect(void *ctx, int64_t id)
{
	hits *h = ctx;
	if (h->n < 64)
		h->ids[h->n++] = id;
	return 0;
}

static int matches(sr_percolator *p, const sr_watch_article *a, unsigned flags, int64_t id)
{
	hits h = {.n = 0};
	assert_int_equal(sr_percolate(p, a, flags, collect, &h, NULL), SR_OK);
	for (int i = 0; i < h.n; i++)
		if (h.ids[i] == id)
			return 1;
	return 0;
}

static const struct {
	const char *q;
	int want;
} cases[] = {
	{"nato", 1},
	{"NATO", 1},
	{"negotiating", 1},             /* stems: negotiations */
	{"negotiat*", 0},               /* as search: the index holds stems ("negoti") */
	{"negot*", 1},
	{"ne*", 1},
	{"zz*", 0},
	{"\"liaison office\"", 1},
	{"\"office liaison\"", 0},
	{"\"cyber defence\"", 1},
	{"\"crisis management\" jordanian", 1},
	{"\"crisis manag*\"", 1},
	{"\"crisis mon*\"", 0},
	{"title:amman", 1},
	{"title:jordanian", 0},
	{"body:jordanian", 1},
	{"body:alliance", 0},
	{"title:(alliance OR zebra)", 1},
	{"title:(zebra OR jordanian)", 0},
	{"amman -jordanian", 0},
	{"amman NOT zebra", 1},
	{"zebra OR office", 1},
	{"zebra OR giraffe", 0},
	{"(zebra OR office) AND (cafe OR giraffe)", 1},
	{"(zebra OR office) (lion OR giraffe)", 0},
	{"café", 1},
	{"1,200", 1},
	{"lang:en amman", 1},
	{"lang:fr amman", 0},
	{"source:ledger.example", 1},
	{"source:\"test ledger\"", 1},
	{"source:other.example", 0},
	/* NEAR/n: n tokens at most between the two, either order, one field; the text has
	 * "... courses in crisis management and cyber defence for Jordanian officers." */
	{"crisis NEAR/0 management", 1},
	{"management NEAR/0 crisis", 1},
	{"crisis NEAR/2 cyber", 1},        /* management and: two between */
	{"crisis NEAR/1 cyber", 0},
	{"cyber NEAR/1 crisis", 0},
	{"\"crisis management\" NEAR/1 cyber", 1}, /* one between the phrase's end and cyber */
	{"\"crisis management\" NEAR/0 cyber", 0},
	{"crisis NEAR/5 cyber NEAR/5 jordanian", 1}, /* jordanian is 5 past crisis's end */
	{"crisis NEAR/4 cyber NEAR/4 jordanian", 0}, /* (all checked against SQLite's FTS5) */
	{"cour* NEAR/1 crisis", 1},
	{"crisis NEAR/3 office", 0},        /* office will run courses in crisis */
	{"crisis NEAR/4 office", 1},
	{"crisis NEAR officers", 1},        /* the default: 10 */
	{"cris* NEAR/0 \x1d", 1},            /* an operand without tokens is left out, */
	{"crisis NEAR/2 \x1d NEAR/2 cyber", 1}, /* as FTS5 does */
	{"zebra NEAR/0 \x1d", 0},
	{"alliance NEAR/30 training", 0},   /* title and body: never near */
	{"title:(alliance NEAR/4 amman)", 1},
	{"title:(alliance NEAR/3 amman)", 0},
	{"body:(alliance NEAR/3 amman)", 0},
	{"nato -(crisis NEAR/0 management)", 0},
	{"tag:defence", 1},
	{"tag:sport", 0},
	{"story:42 office", 1},
	{"story:41 office", 0},
	{"since:2025-11-20", 1},
	{"until:2025-11-20", 0},
	{"person:solberg", 1},
	{"person:\"Ingrid Solberg\" office", 1},
	{"person:stoltenberg", 0},
	{"org:nato", 1},
	{"place:amman", 1},
	{"place:irbid", 0},
};

static void queries_match_as_search(void **state)
{
	(void)state;
	sr_percolator *p = sr_percolator_new();
	assert_non_null(p);
	sr_query_error e;
	size_t n = sizeof(cases) / sizeof(cases[0]);
	for (size_t i = 0; i < n; i++) {
		int rc = sr_percolator_add(p, (int64_t)i, cases[i].q, 1764000000, &e);
		if (rc)
			fail_msg("%s: rc %d: %s", cases[i].q, rc, e.message);
	}
	assert_int_equal(sr_percolator_count(p), n);
	assert_true(sr_percolator_needs_entities(p));
	sr_watch_article a = article();
	for (size_t i = 0; i < n; i++) {
		int got = matches(p, &a, 0, (int64_t)i), naive = matches(p, &a, SR_PERC_NAIVE, (int64_t)i);
		if (got != cases[i].want || naive != cases[i].want)
			fail_msg("%s: indexed %d, naive %d, want %d", cases[i].q, got, naive, cases[i].want);
	}
	sr_percolator_free(p);
}

static void index_skips_unrelated_queries(void **state)
{
	(void)state;
	sr_percolator *p = sr_percolator_new();
	assert_non_null(p);
	sr_query_error e;
	char q[64];
	for (int i = 0; i < 1000; i++) {
		snprintf(q, sizeof(q), "word%d \"other phrase%d\"", i, i);
		assert_int_equal(sr_percolator_add(p, i, q, 0, &e), SR_OK);
	}
	assert_int_equal(sr_percolator_add(p, 5000, "amman office", 0, &e), SR_OK);
	assert_int_equal(sr_percolator_add(p, 5001, "lang:en", 0, &e), SR_OK);
	sr_watch_article a = article();
	hits h = {.n = 0};
	size_t checked = 0;
	assert_int_equal(sr_percolate(p, &a, 0, collect, &h, &checked), SR_OK);
	assert_int_equal(h.n, 2);
	assert_int_equal(h.ids[0], 5000);
	assert_int_equal(h.ids[1], 5001);
	assert_true(checked <= 2);
	assert_true(sr_percolator_memory(p) > 0);
	sr_percolator_free(p);
}

static void other_languages_stem_their_way(void **state)
{
	(void)state;
	sr_percolator *p = sr_percolator_new();
	assert_non_null(p);
	sr_query_error e;
	assert_int_equal(sr_percolator_add(p, 1, "négociations", 0, &e), SR_OK);
	assert_int_equal(sr_percolator_add(p, 2, "armée", 0, &e), SR_OK);
	sr_watch_article a;
	memset(&a, 0, sizeof(a));
	a.title = "Les négociateurs reprennent";
	a.text = "Les négociations ont repris avec l'armée.";
	a.lang = "fr";
	assert_true(matches(p, &a, 0, 1));
	assert_true(matches(p, &a, 0, 2));
	sr_percolator_free(p);
}

static void malformed_queries_refused(void **state)
{
	(void)state;
	sr_percolator *p = sr_percolator_new();
	assert_non_null(p);
	sr_query_error e;
	assert_int_equal(sr_percolator_add(p, 1, "nato AND (", 0, &e), SR_EPARSE);
	assert_true(e.column > 0);
	assert_int_equal(sr_percolator_add(p, 1, "\"open", 0, &e), SR_EPARSE);
	assert_int_equal(e.column, 1);
	assert_int_equal(sr_percolator_count(p), 0);
	sr_percolator_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(queries_match_as_search),
		cmocka_unit_test(index_skips_unrelated_queries),
		cmocka_unit_test(other_languages_stem_their_way),
		cmocka_unit_test(malformed_queries_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
