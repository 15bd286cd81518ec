/* Unit tests for lib/store/counts (search facets, volume per day) and the search filters of
 * lib/store/search.h they share. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/err.h"
#include "base/hash.h"
#include "store/counts.h"
#include "store/search.h"
#include "store/store.h"

#define DAY 86400
#define T0 1795392000 /* 2026-11-23T00:00:00Z */

static char dbpath[256];

static int setup(void **state)
{
	(void)state;
	snprintf(dbpath, sizeof(dbpath), "/tmp/sitrep-test-counts-%d.db", (int)getpid());
	unlink(dbpath);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char p[300];
	unlink(dbpath);
	snprintf(p, sizeof(p), "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", dbpath);
	unlink(p);
	return 0;
}

static void put(sr_store *s, const char *uri, const char *site, const char *lang, const char *text,
		int64_t t)
{
	sr_doc d = {.uri = uri, .raw = text, .raw_len = strlen(text), .fetched_at = t};
	sr_hash128(uri, strlen(uri), d.hash);
	sr_article a = {.title = "Report", .text = text, .lang = lang, .site_name = site};
	int64_t id;
	assert_true(sr_store_put(s, &d, &a, &id) >= 0);
	char sql[128];
	snprintf(sql, sizeof(sql), "UPDATE articles SET time = %lld WHERE id = %lld", (long long)t, (long long)id);
	assert_int_equal(sqlite3_exec(sr_store_db(s), sql, NULL, NULL, NULL), SQLITE_OK);
}

static sr_store *fixture(void)
{
	sr_store *s = NULL;
	char err[256];
	if (sr_store_open(&s, dbpath, SR_STORE_CREATE, err, sizeof(err)))
		fail_msg("open: %s", err);
	assert_int_equal(sr_store_begin(s), SR_OK);
	put(s, "file:///1", "Ledger", "en", "Water talks in Aqaba resumed.", T0 + 3600);
	put(s, "file:///2", "Ledger", "en", "Water prices rose in Amman.", T0 + DAY + 60);
	put(s, "file:///3", "Wire", "en", "Water conveyance line tested near Aqaba.", T0 + 3 * DAY);
	put(s, "file:///4", NULL, "fr", "L'eau et le water du port d'Aqaba.", T0 + 3 * DAY + 5);
	put(s, "file:///5", "Wire", "en", "Elections in Irbid.", T0 + 3 * DAY + 9);
	assert_int_equal(sr_store_commit(s), SR_OK);
	return s;
}

static json_t *facets(sr_store *s, const char *q, sr_search_filter f, int max)
{
	sr_buf b;
	sr_buf_init(&b, 1 << 20);
	sr_search_opts o = {.query = q, .filter = f};
	sr_query_error e = {0};
	assert_int_equal(sr_search_facets_json(s, &o, max, &b, &e), SR_OK);
	json_error_t je;
	json_t *j = json_loads(b.data, 0, &je);
	if (!j)
		fail_msg("not JSON (%s): %s", je.text, b.data);
	sr_buf_release(&b);
	return j;
}

static int64_t count_of(json_t *j, const char *facet, const char *value)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(j, facet), i, v) {
		json_t *val = json_object_get(v, "value");
		if ((!value && json_is_null(val)) || (value && json_is_string(val) && !strcmp(json_string_value(val), value)))
			return json_integer_value(json_object_get(v, "count"));
	}
	return -1;
}

static int no_hit(void *ctx, const sr_hit *h)
{
	(void)h;
	(*(int *)ctx)++;
	return 0;
}

static void facets_count_the_matching_set(void **state)
{
	(void)state;
	sr_store *s = fixture();
	json_t *j = facets(s, "water", (sr_search_filter){0}, 20);
	assert_int_equal(count_of(j, "sources", "Ledger"), 2);
	assert_int_equal(count_of(j, "sources", "Wire"), 1);
	assert_int_equal(count_of(j, "sources", NULL), 1);
	assert_int_equal(count_of(j, "languages", "en"), 3);
	assert_int_equal(count_of(j, "languages", "fr"), 1);
	assert_int_equal(count_of(j, "days", "2026-11-26"), 2);
	assert_int_equal(count_of(j, "days", "2026-11-23"), 1);
	/* the largest first; days newest first */
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "sources"), 0), "value")), "Ledger");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "days"), 0), "value")), "2026-11-26");
	json_decref(j);
	/* at most max values each */
	j = facets(s, "water", (sr_search_filter){0}, 1);
	assert_int_equal(json_array_size(json_object_get(j, "sources")), 1);
	json_decref(j);
	/* a malformed query */
	sr_buf b;
	sr_buf_init(&b, 1 << 16);
	sr_search_opts o = {.query = "\"water"};
	sr_query_error e = {0};
	assert_int_equal(sr_search_facets_json(s, &o, 20, &b, &e), SR_EPARSE);
	assert_true(e.column > 0);
	sr_buf_release(&b);
	sr_store_close(s);
}

static void filters_narrow_search_and_facets(void **state)
{
	(void)state;
	sr_store *s = fixture();
	sr_search_opts o = {.query = "water", .limit = 10, .filter = {.site = "Ledger"}};
	sr_query_error e = {0};
	int64_t total = -1;
	int n = 0;
	assert_int_equal(sr_search(s, &o, &total, no_hit, &n, &e), SR_OK);
	assert_int_equal(total, 2);
	assert_int_equal(n, 2);
	o.filter = (sr_search_filter){.lang = "fr"};
	n = 0;
	assert_int_equal(sr_search(s, &o, &total, no_hit, &n, &e), SR_OK);
	assert_int_equal(total, 1);
	assert_int_equal(n, 1);
	o.filter = (sr_search_filter){.site = "Wire", .day = T0 + 3 * DAY};
	n = 0;
	assert_int_equal(sr_search(s, &o, &total, no_hit, &n, &e), SR_OK);
	assert_int_equal(total, 1);
	o.filter = (sr_search_filter){.site = "Wire", .day = T0};
	n = 0;
	assert_int_equal(sr_search(s, &o, &total, no_hit, &n, &e), SR_OK);
	assert_int_equal(total, 0);
	assert_int_equal(n, 0);
	/* a value with SQL in it is a value */
	o.filter = (sr_search_filter){.site = "x' OR 1=1 --"};
	assert_int_equal(sr_search(s, &o, &total, no_hit, &n, &e), SR_OK);
	assert_int_equal(total, 0);
	json_t *j = facets(s, "water", (sr_search_filter){.site = "Ledger"}, 20);
	assert_int_equal(json_array_size(json_object_get(j, "sources")), 1);
	assert_int_equal(count_of(j, "sources", "Ledger"), 2);
	assert_int_equal(count_of(j, "days", "2026-11-24"), 1);
	json_decref(j);
	sr_store_close(s);
}

static void volume_lists_every_day(void **state)
{
	(void)state;
	sr_store *s = fixture();
	sr_buf b;
	sr_buf_init(&b, 1 << 20);
	assert_int_equal(sr_store_volume_json(s, NULL, 0, 5, &b), SR_OK);
	json_t *j = json_loads(b.data, 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "from")), "2026-11-22");
	assert_string_equal(json_string_value(json_object_get(j, "to")), "2026-11-26");
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 5);
	json_t *days = json_object_get(j, "days");
	assert_int_equal(json_array_size(days), 5);
	int64_t want[] = {0, 1, 1, 0, 3};
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(json_integer_value(json_object_get(json_array_get(days, i), "articles")), want[i]);
	assert_true(json_is_null(json_object_get(j, "site")));
	json_decref(j);
	/* one site: its range ends on its own last day */
	sr_buf_reset(&b);
	assert_int_equal(sr_store_volume_json(s, "Ledger", 0, 2, &b), SR_OK);
	j = json_loads(b.data, 0, NULL);
	assert_string_equal(json_string_value(json_object_get(j, "to")), "2026-11-24");
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 2);
	assert_string_equal(json_string_value(json_object_get(j, "site")), "Ledger");
	json_decref(j);
	/* an unknown site: zeros up to today */
	sr_buf_reset(&b);
	assert_int_equal(sr_store_volume_json(s, "Nobody", 0, 3, &b), SR_OK);
	j = json_loads(b.data, 0, NULL);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	assert_int_equal(json_array_size(json_object_get(j, "days")), 3);
	json_decref(j);
	sr_buf_release(&b);
	sr_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(facets_count_the_matching_set, setup, teardown),
		cmocka_unit_test_setup_teardown(filters_narrow_search_and_facets, setup, teardown),
		cmocka_unit_test_setup_teardown(volume_lists_every_day, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
