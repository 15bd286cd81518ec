/* Unit tests for lib/store: schema, idempotent puts, updates kept in step with the FTS
 * index, search ranking and snippets, refusal of foreign or newer files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/err.h"
#include "base/hash.h"
#include "store/search.h"
#include "store/store.h"

static char dbpath[256];

static int setup(void **state)
{
	(void)state;
	snprintf(dbpath, sizeof(dbpath), "/tmp/sitrep-test-store-%d.db", (int)getpid());
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

static sr_store *open_rw(void)
{
	sr_store *s = NULL;
	char err[256];
	int rc = sr_store_open(&s, dbpath, SR_STORE_CREATE, err, sizeof(err));
	if (rc)
		fail_msg("open: %s", err);
	return s;
}

static int64_t scalar(sr_store *s, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(sr_store_db(s), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int put(sr_store *s, const char *uri, const char *raw, const char *title, const char *text,
	       const char *lang)
{
	sr_doc d = {.uri = uri, .raw = raw, .raw_len = strlen(raw), .fetched_at = 1};
	sr_hash128(raw, strlen(raw), d.hash);
	const char *authors[] = {"A. Writer"};
	sr_article a = {.title = title, .text = text, .lang = lang, .authors = authors, .n_authors = 1};
	return sr_store_put(s, &d, &a, NULL);
}

static void fts_ok(sr_store *s)
{
	assert_int_equal(sqlite3_exec(sr_store_db(s),
				      "INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)",
				      NULL, NULL, NULL), SQLITE_OK);
}

static void schema_and_idempotent_puts(void **state)
{
	(void)state;
	sr_store *s = open_rw();
	assert_int_equal(scalar(s, "PRAGMA user_version"), SR_STORE_SCHEMA_VERSION);
	assert_int_equal(sr_store_begin(s), SR_OK);
	assert_int_equal(put(s, "file:///a", "raw a", "Water talks", "Negotiators met in Aqaba.", "en"), SR_PUT_NEW);
	assert_int_equal(put(s, "file:///b", "raw b", "Energy grid", "A new interconnection line.", NULL), SR_PUT_NEW);
	assert_int_equal(put(s, "file:///a", "raw a", "Water talks", "Negotiators met in Aqaba.", "en"), SR_PUT_UNCHANGED);
	assert_int_equal(sr_store_commit(s), SR_OK);
	assert_int_equal(scalar(s, "SELECT count(*) FROM documents"), 2);
	assert_int_equal(scalar(s, "SELECT count(*) FROM articles"), 2);
	fts_ok(s);
	/* the raw bytes come back */
	sr_buf b;
	sr_buf_init(&b, 1 << 20);
	assert_int_equal(sr_store_article_raw(s, 1, &b), SR_OK);
	assert_string_equal(b.data, "raw a");
	sr_buf_reset(&b);
	assert_int_equal(sr_store_article_json(s, 2, &b), SR_OK);
	assert_non_null(strstr(b.data, "\"authors\":[\"A. Writer\"]"));
	assert_int_equal(sr_store_article_json(s, 99, &b), SR_ENOTFOUND);
	sr_buf_release(&b);
	sr_store_close(s);
}

static int count_hits(void *ctx, const sr_hit *h)
{
	(void)h;
	(*(int *)ctx)++;
	return 0;
}

static int64_t search_total(sr_store *s, const char *q)
{
	sr_search_opts o = {.query = q, .limit = 10};
	int64_t total = -1;
	int n = 0;
	sr_query_error e;
	int rc = sr_search(s, &o, &total, count_hits, &n, &e);
	if (rc)
		fail_msg("search %s: %d %s (%s)", q, rc, e.message, sr_store_errmsg(s));
	assert_int_equal(total, n < 10 ? n : total);
	return total;
}

static void changes_reindex(void **state)
{
	(void)state;
	sr_store *s = open_rw();
	assert_int_equal(sr_store_begin(s), SR_OK);
	assert_int_equal(put(s, "u1", "v1", "Heatwave", "Temperatures above forty degrees.", "en"), SR_PUT_NEW);
	assert_int_equal(put(s, "u2", "v1", "Vague de chaleur", "Les températures dépassent quarante degrés.", "fr"), SR_PUT_NEW);
	assert_int_equal(sr_store_commit(s), SR_OK);
	assert_int_equal(search_total(s, "forty"), 1);
	assert_int_equal(search_total(s, "temperatures"), 2); /* diacritics folded */
	assert_int_equal(sr_store_begin(s), SR_OK);
	assert_int_equal(put(s, "u1", "v2", "Heatwave", "Temperatures above fifty degrees.", "en"), SR_PUT_CHANGED);
	assert_int_equal(sr_store_commit(s), SR_OK);
	assert_int_equal(search_total(s, "forty"), 0);
	assert_int_equal(search_total(s, "fifty"), 1);
	assert_int_equal(scalar(s, "SELECT count(*) FROM articles"), 2);
	fts_ok(s);
	/* a rolled-back batch leaves nothing behind */
	assert_int_equal(sr_store_begin(s), SR_OK);
	assert_int_equal(put(s, "u3", "v1", "Port", "Container terminal.", "en"), SR_PUT_NEW);
	sr_store_rollback(s);
	assert_int_equal(search_total(s, "container"), 0);
	fts_ok(s);
	sr_store_close(s);
}

static int first_hit(void *ctx, const sr_hit *h)
{
	sr_hit *out = ctx;
	if (out->id == 0) {
		out->id = h->id;
		out->n_marks = h->n_marks;
		memcpy(out->marks, h->marks, sizeof(h->marks));
		out->snippet = strdup(h->snippet);
	}
	return 0;
}

static void ranking_and_snippets(void **state)
{
	(void)state;
	sr_store *s = open_rw();
	assert_int_equal(sr_store_begin(s), SR_OK);
	/* "drought" once in the body of the first, in the title of the second */
	assert_int_equal(put(s, "r1", "1", "Farm news", "A long report on farming; drought is mentioned once.", "en"), SR_PUT_NEW);
	assert_int_equal(put(s, "r2", "2", "Drought deepens", "Reservoirs are low across the region.", "en"), SR_PUT_NEW);
	assert_int_equal(put(s, "r3", "3", "مكتب", "قالت الوزارة إن المكتب الجديد", "ar"), SR_PUT_NEW);
	assert_int_equal(sr_store_commit(s), SR_OK);
	sr_hit h = {0};
	sr_search_opts o = {.query = "drought", .limit = 10};
	sr_query_error e;
	assert_int_equal(sr_search(s, &o, NULL, first_hit, &h, &e), SR_OK);
	assert_int_equal(h.id, 2); /* the title weighs more */
	free((char *)h.snippet);
	memset(&h, 0, sizeof(h));
	o.query = "farming";
	assert_int_equal(sr_search(s, &o, NULL, first_hit, &h, &e), SR_OK);
	assert_int_equal(h.id, 1);
	assert_true(h.n_marks >= 1);
	assert_memory_equal(h.snippet + h.marks[0][0], "farming", 7);
	free((char *)h.snippet);
	/* the Arabic article's snippet carries no language marker */
	memset(&h, 0, sizeof(h));
	o.query = "المكتب";
	assert_int_equal(sr_search(s, &o, NULL, first_hit, &h, &e), SR_OK);
	assert_int_equal(h.id, 3);
	assert_null(strchr(h.snippet, '\x01'));
	assert_null(strchr(h.snippet, '\x02'));
	free((char *)h.snippet);
	/* a malformed query is refused with its column */
	o.query = "(drought";
	assert_int_equal(sr_search(s, &o, NULL, first_hit, &h, &e), SR_EPARSE);
	assert_int_equal(e.column, 9);
	sr_store_close(s);
}

static void refuses_foreign_and_newer_files(void **state)
{
	(void)state;
	char err[256];
	sr_store *s = NULL;
	FILE *f = fopen(dbpath, "w");
	fputs("this is a text file, not a database; it is long enough to look like a header...", f);
	fclose(f);
	assert_int_not_equal(sr_store_open(&s, dbpath, 0, err, sizeof(err)), SR_OK);
	assert_non_null(strstr(err, dbpath));
	teardown(NULL);
	/* a database from a newer sitrep */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL);
	sqlite3_close(db);
	assert_int_not_equal(sr_store_open(&s, dbpath, 0, err, sizeof(err)), SR_OK);
	assert_non_null(strstr(err, "newer than this sitrep"));
	teardown(NULL);
	/* missing file without CREATE */
	assert_int_equal(sr_store_open(&s, dbpath, 0, err, sizeof(err)), SR_ENOTFOUND);
	/* read-only open of a current database works and cannot write */
	s = open_rw();
	sr_store_close(s);
	assert_int_equal(sr_store_open(&s, dbpath, SR_STORE_READONLY, err, sizeof(err)), SR_OK);
	assert_int_not_equal(sqlite3_exec(sr_store_db(s), "DELETE FROM documents", NULL, NULL, NULL), SQLITE_OK);
	sr_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(schema_and_idempotent_puts, setup, teardown),
		cmocka_unit_test_setup_teardown(changes_reindex, setup, teardown),
		cmocka_unit_test_setup_teardown(ranking_and_snippets, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_foreign_and_newer_files, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
