/* Unit tests for lib/story: fingerprints, the near-duplicate index, story clustering. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "analyze/tokenize.h"
#include "base/arena.h"
#include "base/err.h"
#include "story/cluster.h"
#include "story/dedup.h"
#include "story/df_en.h"
#include "story/fingerprint.h"

static const char *const base_text =
	"The water ministry said on Tuesday that the first section of the conveyance line between "
	"Aqaba and Amman had passed its pressure test, three weeks ahead of the schedule agreed with "
	"the contractors. Engineers filled eleven kilometres of pipe and held the pressure for two "
	"days without a leak, the ministry said. The line is meant to carry desalinated water from "
	"the Red Sea coast to the capital, where households receive piped water once or twice a week "
	"in summer. Officials expect the first water to reach Amman in 2029.";

static sr_tokenizer *tok;

static int setup(void **state)
{
	(void)state;
	tok = sr_tokenizer_new();
	return tok ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	sr_tokenizer_free(tok);
	return 0;
}

static void fp(const char *s, sr_fingerprint *f)
{
	assert_int_equal(sr_fingerprint_text(tok, s, strlen(s), f), SR_OK);
}

static void fingerprints_see_through_form(void **state)
{
	(void)state;
	sr_fingerprint a, b, c;
	fp(base_text, &a);
	/* case, accents, punctuation and spacing do not change the words */
	char shouty[2048];
	snprintf(shouty, sizeof(shouty), "  %s  ", base_text);
	for (char *p = shouty; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 32);
	fp(shouty, &b);
	assert_memory_equal(a.words_hash, b.words_hash, sizeof(a.words_hash));
	assert_true(sr_fingerprint_jaccard(&a, &b) == 1.0);
	/* different words: a different hash and little overlap */
	fp("Aid agencies said winter cash grants would reach thirty thousand refugee families in "
	   "the north before the end of December, helped by a solar plant at the Azraq camp.", &c);
	assert_memory_not_equal(a.words_hash, c.words_hash, sizeof(a.words_hash));
	assert_true(sr_fingerprint_jaccard(&a, &c) < 0.1);
	/* an empty text matches nothing */
	sr_fingerprint e;
	fp("", &e);
	assert_int_equal(e.n_words, 0);
	assert_true(sr_fingerprint_jaccard(&a, &e) == 0);
}

static void dedup_finds_exact_and_near_copies(void **state)
{
	(void)state;
	sr_dedup *d = sr_dedup_new(NULL);
	assert_non_null(d);
	sr_fingerprint a, exact, near, other;
	fp(base_text, &a);
	char copy[2048];
	snprintf(copy, sizeof(copy), "%s", base_text);
	copy[0] = 't'; /* case only: an exact copy of the words */
	fp(copy, &exact);
	/* a light edit: one sentence added at the end */
	snprintf(copy, sizeof(copy), "%s A spokesperson declined to comment on the cost.", base_text);
	fp(copy, &near);
	fp("Forecasters warned of temperatures above 45 degrees in the Jordan Valley this weekend, "
	   "and the health ministry advised people to stay indoors in the afternoon.", &other);
	sr_dedup_match m;
	assert_int_equal(sr_dedup_add(d, 10, 1000, &a, &m), SR_OK);
	assert_int_equal(m.dup_of, 0);
	assert_int_equal(sr_dedup_add(d, 11, 1100, &exact, &m), SR_OK);
	assert_int_equal(m.dup_of, 10);
	assert_true(m.exact);
	assert_int_equal(sr_dedup_add(d, 12, 1200, &near, &m), SR_OK);
	assert_int_equal(m.dup_of, 10);
	assert_false(m.exact);
	assert_true(m.jaccard >= 0.8);
	assert_int_equal(sr_dedup_add(d, 13, 1300, &other, &m), SR_OK);
	assert_int_equal(m.dup_of, 0);
	assert_int_equal(sr_dedup_size(d), 4);
	sr_dedup_free(d);
}

static void dedup_window_is_bounded(void **state)
{
	(void)state;
	sr_dedup_opts o = {.capacity = 8, .window_secs = 100};
	sr_dedup *d = sr_dedup_new(&o);
	sr_fingerprint a, b;
	fp(base_text, &a);
	fp("Another text altogether, about a port authority and its container terminal in the south.", &b);
	sr_dedup_match m;
	assert_int_equal(sr_dedup_add(d, 1, 0, &a, &m), SR_OK);
	/* past the time window, the original has left: the copy starts a new group */
	assert_int_equal(sr_dedup_add(d, 2, 500, &b, &m), SR_OK);
	assert_int_equal(sr_dedup_add(d, 3, 501, &a, &m), SR_OK);
	assert_int_equal(m.dup_of, 0);
	/* the capacity bounds the window too */
	for (int i = 0; i < 20; i++)
		assert_int_equal(sr_dedup_add(d, 100 + i, 502, &b, &m), SR_OK);
	assert_true(sr_dedup_size(d) <= 8);
	/* restore puts a text back with its recorded root */
	assert_int_equal(sr_dedup_restore(d, 200, 150, 503, &a), SR_OK);
	assert_int_equal(sr_dedup_add(d, 201, 504, &a, &m), SR_OK);
	assert_int_equal(m.dup_of, 150);
	sr_dedup_free(d);
}

/* Three events, three reports each, told in different words by different outlets. */
static const char *const events[3][3][2] = {
	{{"Aqaba port signs quay extension deal",
	  "The Aqaba port company signed a contract on Sunday to lengthen its container quay by 400 "
	  "metres and to build a rail-linked yard behind it. The port expects the works to take three "
	  "years. Shipping lines have asked for more berths since traffic through the Red Sea recovered."},
	 {"Container quay at Aqaba to grow by 400 metres",
	  "A contract to extend the container quay at Aqaba by 400 metres was signed on Sunday. The "
	  "deal also covers a yard linked to the railway. Port officials said shipping lines had pressed "
	  "for more berths as Red Sea traffic picked up."},
	 {"Aqaba bets on Red Sea rebound with port works",
	  "Aqaba's port will add 400 metres of container quay and a rail yard under a contract signed "
	  "on Sunday, betting that traffic through the Red Sea keeps recovering. Works on the quay "
	  "should last three years."}},
	{{"Heatwave grips the Jordan Valley",
	  "Temperatures in the Jordan Valley passed 44 degrees on Monday, a record for late November. "
	  "Forecasters said the heatwave would last until Thursday. Farmers reported damage to "
	  "greenhouse crops and the health ministry told people to avoid the midday sun."},
	 {"Record November heat in the valley",
	  "The Jordan Valley recorded 44 degrees on Monday, the hottest late-November day on record, and "
	  "forecasters expect the heat to hold until Thursday. Greenhouse crops have suffered, farmers "
	  "said, while the health ministry urged people to stay out of the midday sun."},
	 {"Farmers count the cost of November heatwave",
	  "Greenhouse farmers in the Jordan Valley counted losses after a heatwave pushed temperatures to "
	  "44 degrees, a late-November record. The heat is forecast to ease on Thursday; the health "
	  "ministry repeated its advice to avoid the midday sun."}},
	{{"Petra dig finds inscription",
	  "Archaeologists working at Petra uncovered a bilingual inscription naming an overseer of the "
	  "waters in a newly excavated hall. The text, in Nabataean and Greek, dates to the first "
	  "century. The team said the hall was part of the city's water system."},
	 {"Bilingual inscription found in Petra water hall",
	  "A Nabataean and Greek inscription naming an overseer of the waters has been found at Petra, in "
	  "a hall the excavators link to the ancient city's water system. It dates from the first "
	  "century, the archaeologists said."},
	 {"Overseer of the waters named on Petra stone",
	  "An inscription in two languages, Nabataean and Greek, names an overseer of the waters. It was "
	  "found by archaeologists in a first-century hall at Petra that belonged to the water system."}},
};

static void clustering_folds_reports_of_one_event(void **state)
{
	(void)state;
	sr_clusterer *c = sr_clusterer_new(NULL);
	assert_non_null(c);
	assert_int_equal(sr_clusterer_set_background(c, sr_df_en, sr_df_en_len), SR_OK);
	sr_arena arena;
	sr_arena_init(&arena, 0);
	int64_t story[3][3];
	/* interleaved in time, as a feed brings them */
	for (int k = 0; k < 3; k++)
		for (int e = 0; e < 3; e++) {
			sr_terms t;
			sr_cluster_result r;
			sr_arena_reset(&arena);
			assert_int_equal(sr_story_terms(tok, events[e][k][0], events[e][k][1], "en", &arena, &t), SR_OK);
			int64_t id = 1 + e * 3 + k;
			assert_int_equal(sr_clusterer_add(c, id, 1000 + 600 * (e * 3 + k), &t, 0, &r), SR_OK);
			story[e][k] = r.story;
			if (k == 0)
				assert_true(r.is_new);
		}
	for (int e = 0; e < 3; e++) {
		for (int k = 1; k < 3; k++)
			if (story[e][k] != story[e][0])
				fail_msg("event %d report %d went to story %lld, not %lld", e, k,
					 (long long)story[e][k], (long long)story[e][0]);
		for (int f = e + 1; f < 3; f++)
			assert_true(story[e][0] != story[f][0]);
	}
	assert_int_equal(sr_clusterer_active(c), 3);
	/* a copy follows the story it is forced into */
	sr_terms t;
	sr_cluster_result r;
	assert_int_equal(sr_story_terms(tok, events[1][0][0], events[1][0][1], "en", &arena, &t), SR_OK);
	assert_int_equal(sr_clusterer_add(c, 50, 9000, &t, story[2][0], &r), SR_OK);
	assert_int_equal(r.story, story[2][0]);
	sr_arena_release(&arena);
	sr_clusterer_free(c);
}

static void clustering_memory_is_bounded(void **state)
{
	(void)state;
	sr_cluster_opts o = {.max_stories = 40, .quiet_secs = 3600};
	sr_clusterer *c = sr_clusterer_new(&o);
	sr_arena arena;
	sr_arena_init(&arena, 0);
	char text[256];
	/* 600 unrelated one-article stories over 600 hours */
	for (int i = 0; i < 600; i++) {
		snprintf(text, sizeof(text), "Report number w%dx about topic q%dz and place p%dk only.", i, i, i);
		sr_terms t;
		sr_cluster_result r;
		sr_arena_reset(&arena);
		assert_int_equal(sr_story_terms(tok, NULL, text, "en", &arena, &t), SR_OK);
		assert_int_equal(sr_clusterer_add(c, i + 1, (int64_t)i * 3600, &t, 0, &r), SR_OK);
	}
	assert_true(sr_clusterer_stories(c) <= 40 + 256);
	assert_true(sr_clusterer_active(c) < 300);
	sr_arena_release(&arena);
	sr_clusterer_free(c);
}

static void background_table_is_checked(void **state)
{
	(void)state;
	sr_clusterer *c = sr_clusterer_new(NULL);
	assert_int_equal(sr_clusterer_set_background(c, "SRDF0001", 8), SR_EPARSE);
	assert_int_equal(sr_clusterer_set_background(c, "nonsense nonsense nonsense", 26), SR_EPARSE);
	assert_int_equal(sr_clusterer_set_background(c, sr_df_en, sr_df_en_len - 1), SR_EPARSE);
	assert_int_equal(sr_clusterer_set_background(c, sr_df_en, sr_df_en_len), SR_OK);
	sr_clusterer_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fingerprints_see_through_form),
		cmocka_unit_test(dedup_finds_exact_and_near_copies),
		cmocka_unit_test(dedup_window_is_bounded),
		cmocka_unit_test(clustering_folds_reports_of_one_event),
		cmocka_unit_test(clustering_memory_is_bounded),
		cmocka_unit_test(background_table_is_checked),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
