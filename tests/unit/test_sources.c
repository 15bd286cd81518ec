/* Unit tests for lib/store/sources: the source registry and polling bookkeeping (add,
 * duplicates, due lists, poll records, item tracking with retry attempts, health, remove). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "store/sources.h"
#include "store/store.h"

static char dir[256];
static char dbpath[300];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "%s/sitrep-sources-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir))
		return -1;
	snprintf(dbpath, sizeof dbpath, "%s/t.db", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char p[400];
	const char *ext[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s%s", dbpath, ext[i]);
		unlink(p);
	}
	rmdir(dir);
	return 0;
}

static void test_registry(void **state)
{
	(void)state;
	sr_store *s = NULL;
	char err[256];
	assert_int_equal(sr_store_open(&s, dbpath, SR_STORE_CREATE, err, sizeof err), SR_OK);
	int64_t a, b, c;
	assert_int_equal(sr_sources_add(s, "http://a.test/feed.xml", "feed", "A", 600, NULL, 1000, &a), SR_OK);
	assert_int_equal(sr_sources_add(s, "http://b.test/sitemap.xml", "sitemap", NULL, 900, "http://b.test/robots.txt",
					1000, &b), SR_OK);
	assert_int_equal(sr_sources_add(s, "http://a.test/feed.xml", "feed", NULL, 60, NULL, 1000, &c), SR_EINVAL);
	assert_int_equal(c, a);
	assert_int_not_equal(sr_sources_add(s, "http://c.test/", "podcast", NULL, 60, NULL, 1000, &c), SR_OK);

	sr_arena ar;
	sr_arena_init(&ar, 0);
	sr_source *v;
	size_t n;
	assert_int_equal(sr_sources_list(s, 1000, &ar, &v, &n), SR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].url, "http://a.test/feed.xml");
	assert_string_equal(v[0].name, "A");
	assert_string_equal(v[1].via, "http://b.test/robots.txt");
	assert_null(v[1].name);

	/* a success with validators, a failure */
	assert_int_equal(sr_sources_record(s, a, 1100, 1, NULL, "\"e1\"", "Tue, 24 Nov 2026 10:00:00 GMT", 1700), SR_OK);
	assert_int_equal(sr_sources_record(s, b, 1100, 0, "HTTP 500", NULL, NULL, 2900), SR_OK);
	int64_t due;
	assert_int_equal(sr_sources_next_due(s, &due), SR_OK);
	assert_int_equal(due, 1700);
	assert_int_equal(sr_sources_list(s, 1699, &ar, &v, &n), SR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(sr_sources_list(s, INT64_MAX, &ar, &v, &n), SR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].etag, "\"e1\"");
	assert_int_equal(v[0].last_ok, 1100);
	assert_null(v[0].last_error);
	assert_string_equal(v[1].last_error, "HTTP 500");
	assert_int_equal(v[1].failures, 1);
	/* a success keeps the old validators when the answer has none (304) */
	assert_int_equal(sr_sources_record(s, a, 1200, 1, NULL, NULL, NULL, 1800), SR_OK);
	assert_int_equal(sr_sources_list(s, INT64_MAX, &ar, &v, &n), SR_OK);
	assert_string_equal(v[0].etag, "\"e1\"");

	/* items: known once listed; a failed one is tried again, up to the limit */
	assert_int_equal(sr_sources_item_known(s, a, "http://a.test/1"), 0);
	assert_int_equal(sr_sources_item_put(s, a, "http://a.test/1", 900, 1100, 1100, 0, "page"), SR_OK);
	assert_int_equal(sr_sources_item_known(s, a, "http://a.test/1"), 1);
	assert_int_equal(sr_sources_item_known(s, b, "http://a.test/1"), 0);
	for (int i = 1; i < SR_SOURCES_MAX_ATTEMPTS; i++) {
		assert_int_equal(sr_sources_item_put(s, a, "http://a.test/2", 0, 1100, 0, 0, "failed"), SR_OK);
		assert_int_equal(sr_sources_item_known(s, a, "http://a.test/2"), 0);
	}
	assert_int_equal(sr_sources_item_put(s, a, "http://a.test/2", 0, 1100, 0, 0, "failed"), SR_OK);
	assert_int_equal(sr_sources_item_known(s, a, "http://a.test/2"), 1);
	assert_int_equal(sr_sources_document(s, "http://a.test/none"), 0);

	/* health: items in the windows and the median delay */
	assert_int_equal(sr_sources_item_put(s, a, "http://a.test/3", 1000, 1150, 1160, 0, "page"), SR_OK);
	sr_buf out;
	sr_buf_init(&out, 1 << 20);
	assert_int_equal(sr_sources_health_json(s, 1200, &out), SR_OK);
	json_error_t je;
	json_t *arr = json_loadb(out.data, out.len, 0, &je);
	assert_non_null(arr);
	assert_int_equal(json_array_size(arr), 2);
	json_t *h = json_array_get(arr, 0);
	assert_int_equal(json_integer_value(json_object_get(h, "items_24h")), 3);
	assert_int_equal(json_integer_value(json_object_get(h, "items_total")), 3);
	/* delays: 1100 - 900 = 200 and 1160 - 1000 = 160; the median of two is the upper one */
	assert_int_equal(json_integer_value(json_object_get(h, "delay_median_secs")), 200);
	assert_true(json_is_null(json_object_get(json_array_get(arr, 1), "delay_median_secs")));
	assert_string_equal(json_string_value(json_object_get(json_array_get(arr, 1), "last_error")), "HTTP 500");
	json_decref(arr);
	sr_buf_release(&out);

	/* remove by URL and by id; items go with their source */
	assert_int_equal(sr_sources_remove(s, "http://a.test/feed.xml"), SR_OK);
	assert_int_equal(sr_sources_item_known(s, a, "http://a.test/1"), 0);
	char key[32];
	snprintf(key, sizeof key, "%lld", (long long)b);
	assert_int_equal(sr_sources_remove(s, key), SR_OK);
	assert_int_equal(sr_sources_remove(s, key), SR_ENOTFOUND);
	assert_int_equal(sr_sources_next_due(s, &due), SR_ENOTFOUND);
	sr_arena_release(&ar);
	sr_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_registry, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
