/* Unit tests for lib/store/search: the total of a search counts groups of copies
 * (articles.dup_of) whichever way it is counted (FTS5 alone when the store holds no copies,
 * the copies index articles_copy otherwise, the joined articles with filters), and the
 * facets count the same groups; schema 8's index is added to an older store on open. */
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

static char dbpath[256];

static void remove_db(void)
{
	char p[300];
	unlink(dbpath);
	snprintf(p, sizeof(p), "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", dbpath);
	unlink(p);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dbpath, sizeof(dbpath), "/tmp/sitrep-test-search-%d.db", (int)getpid());
	remove_db();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	remove_db();
	return 0;
}

static void exec_ok(sr_store *s, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(sr_store_db(s), sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
}

static int64_t scalar(sr_store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;
	if (sqlite3_prepare_v2(sr_store_db(s), sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static sr_store *open_store(unsigned flags)
{
	sr_store *s = NULL;
	char err[256];
	if (sr_store_open(&s, dbpath, flags, err, sizeof(err)))
		fail_msg("open: %s", err);
	return s;
}

/* Articles 1..9 (ids in order of ingest); "harbour" is in 1, 2, 5, 6, 7, 8. */
static sr_store *fixture(void)
{
	static const struct {
		const char *site, *text;
	} arts[] = {
		{"Ledger", "Harbour cranes idle in Aqaba."},
		{"Wire", "Harbour cranes idle in Aqaba today."},
		{"Post", "Port cranes idle in Aqaba."},
		{"Ledger", "Elections in Irbid."},
		{"Wire", "Elections in Irbid and the harbour."},
		{"Post", "Harbour vote in Irbid."},
		{"Post", "A harbour vote in Irbid again."},
		{"Wire", "Harbour fees rise."},
		{"Ledger", "Nothing to see."},
	};
	sr_store *s = open_store(SR_STORE_CREATE);
	assert_int_equal(sr_store_begin(s), SR_OK);
	for (size_t i = 0; i < sizeof(arts) / sizeof(arts[0]); i++) {
		char uri[32];
		snprintf(uri, sizeof(uri), "file:///%zu", i + 1);
		sr_doc d = {.uri = uri, .raw = arts[i].text, .raw_len = strlen(arts[i].text), .fetched_at = 1795392000};
		sr_hash128(uri, strlen(uri), d.hash);
		sr_article a = {.title = "Report", .text = arts[i].text, .lang = "en", .site_name = arts[i].site};
		int64_t id;
		assert_true(sr_store_put(s, &d, &a, &id) >= 0);
		assert_int_equal(id, (int64_t)i + 1);
	}
	exec_ok(s, "UPDATE articles SET time = 1795392000 + id");
	assert_int_equal(sr_store_commit(s), SR_OK);
	return s;
}

/* Groups of copies: 1 <- 2, 3; 4 <- 5, 6; and 7 a copy of 5 (a copy itself: the story
 * stage re-roots groups, so a dup_of need not name a root; the group is dup_of). */
static void make_copies(sr_store *s)
{
	exec_ok(s, "UPDATE articles SET dup_of = 1 WHERE id IN (2, 3);"
		   "UPDATE articles SET dup_of = 4 WHERE id IN (5, 6);"
		   "UPDATE articles SET dup_of = 5 WHERE id = 7;");
}

static int no_hit(void *ctx, const sr_hit *h)
{
	(void)h;
	(*(int *)ctx)++;
	return 0;
}

static int64_t total_of(sr_store *s, const char *q, sr_search_filter f, int *hits)
{
	sr_search_opts o = {.query = q, .limit = 100, .filter = f};
	sr_query_error e = {0};
	int64_t total = -1;
	*hits = 0;
	assert_int_equal(sr_search(s, &o, &total, no_hit, hits, &e), SR_OK);
	return total;
}

/* The definition: distinct coalesce(dup_of, id) over the matching articles. */
static int64_t groups_by_definition(sr_store *s, const char *word, const char *site)
{
	char sql[512];
	snprintf(sql, sizeof(sql),
		 "SELECT count(DISTINCT coalesce(a.dup_of, a.id)) FROM articles_fts JOIN articles a"
		 " ON a.id = articles_fts.rowid WHERE articles_fts MATCH '%s'%s%s%s",
		 word, site ? " AND a.site_name = '" : "", site ? site : "", site ? "'" : "");
	return scalar(s, sql);
}

static void totals_count_groups_of_copies(void **state)
{
	(void)state;
	sr_store *s = fixture();
	int hits;
	/* no copies in the store: each match is its own group */
	assert_int_equal(scalar(s, "SELECT count(*) FROM articles INDEXED BY articles_copy WHERE dup_of IS NOT NULL"), 0);
	assert_int_equal(total_of(s, "harbour", (sr_search_filter){0}, &hits), 6);
	assert_int_equal(hits, 6);
	make_copies(s);
	/* harbour: 1, 2 (group 1), 5, 6 (group 4, whose root 4 does not match), 7 (group 5),
	 * 8 (its own) */
	assert_int_equal(total_of(s, "harbour", (sr_search_filter){0}, &hits), 4);
	assert_int_equal(total_of(s, "harbour", (sr_search_filter){0}, &hits),
			 groups_by_definition(s, "harbour", NULL));
	assert_int_equal(hits, 4);
	/* elections: 4 and 5, one group */
	assert_int_equal(total_of(s, "elections", (sr_search_filter){0}, &hits), 1);
	assert_int_equal(hits, 1);
	/* cranes: 1, 2, 3, all of group 1 */
	assert_int_equal(total_of(s, "cranes", (sr_search_filter){0}, &hits), 1);
	assert_int_equal(total_of(s, "irbid OR aqaba", (sr_search_filter){0}, &hits),
			 groups_by_definition(s, "irbid OR aqaba", NULL));
	assert_int_equal(total_of(s, "nomatch", (sr_search_filter){0}, &hits), 0);
	/* with a filter the articles are joined: the same count of groups */
	assert_int_equal(total_of(s, "harbour", (sr_search_filter){.site = "Post"}, &hits), 2);
	assert_int_equal(total_of(s, "harbour", (sr_search_filter){.site = "Post"}, &hits),
			 groups_by_definition(s, "harbour", "Post"));
	assert_int_equal(total_of(s, "harbour source:Wire", (sr_search_filter){0}, &hits),
			 groups_by_definition(s, "harbour", "Wire"));
	/* a query of filters only */
	assert_int_equal(total_of(s, "source:Ledger", (sr_search_filter){0}, &hits), 3);
	assert_int_equal(hits, 3);
	sr_store_close(s);
}

static int64_t facet_count(json_t *j, const char *facet, const char *value)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(j, facet), i, v) {
		if (!strcmp(json_string_value(json_object_get(v, "value")), value))
			return json_integer_value(json_object_get(v, "count"));
	}
	return -1;
}

static void facets_count_the_same_groups(void **state)
{
	(void)state;
	sr_store *s = fixture();
	make_copies(s);
	sr_buf b;
	sr_buf_init(&b, 1 << 20);
	sr_search_opts o = {.query = "harbour"};
	sr_query_error e = {0};
	assert_int_equal(sr_search_facets_json(s, &o, 20, &b, &e), SR_OK);
	json_t *j = json_loads(b.data, 0, NULL);
	assert_non_null(j);
	/* Ledger: 1; Wire: 2 (group 1), 5 (group 4), 8; Post: 6 (group 4), 7 (group 5) */
	assert_int_equal(facet_count(j, "sources", "Ledger"), 1);
	assert_int_equal(facet_count(j, "sources", "Wire"), 3);
	assert_int_equal(facet_count(j, "sources", "Post"), 2);
	assert_int_equal(facet_count(j, "languages", "en"), 4);
	/* every key, in the order of the answer, empty ones included */
	const char *keys[] = {"sources", "languages", "days", "people", "organizations", "places"};
	const char *k;
	json_t *v;
	size_t n = 0;
	json_object_foreach(j, k, v) {
		assert_true(n < 6);
		assert_string_equal(k, keys[n]);
		assert_true(json_is_array(v));
		n++;
	}
	assert_int_equal(n, 6);
	/* the most first; the days newest first */
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "sources"), 0), "value")), "Wire");
	json_decref(j);
	/* nothing matches: every facet empty */
	sr_buf_reset(&b);
	o.query = "nomatch";
	assert_int_equal(sr_search_facets_json(s, &o, 20, &b, &e), SR_OK);
	assert_string_equal(b.data, "{\"sources\":[],\"languages\":[],\"days\":[],\"people\":[],"
			    "\"organizations\":[],\"places\":[]}");
	sr_buf_release(&b);
	sr_store_close(s);
}

/* A store of schema 7 (no articles_copy) gains the index when opened read-write, keeps
 * its copies, and is refused read-only until then. */
static void schema_7_store_migrates(void **state)
{
	(void)state;
	sr_store *s = fixture();
	make_copies(s);
	exec_ok(s, "DROP INDEX articles_copy; PRAGMA user_version = 7;");
	sr_store_close(s);
	sr_store *ro = NULL;
	char err[256];
	assert_int_equal(sr_store_open(&ro, dbpath, SR_STORE_READONLY, err, sizeof(err)), SR_EDB);
	assert_non_null(strstr(err, "schema out of date"));
	s = open_store(0);
	assert_int_equal(scalar(s, "PRAGMA user_version"), SR_STORE_SCHEMA_VERSION);
	assert_int_equal(scalar(s, "SELECT count(*) FROM sqlite_master WHERE name = 'articles_copy'"), 1);
	assert_int_equal(scalar(s, "SELECT count(*) FROM articles INDEXED BY articles_copy WHERE dup_of IS NOT NULL"), 5);
	sr_store_close(s);
	/* a read connection (the server's) counts through it */
	s = open_store(SR_STORE_READONLY);
	int hits;
	assert_int_equal(total_of(s, "harbour", (sr_search_filter){0}, &hits), 4);
	sr_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(totals_count_groups_of_copies, setup, teardown),
		cmocka_unit_test_setup_teardown(facets_count_the_same_groups, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_7_store_migrates, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
