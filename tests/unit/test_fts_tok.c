/*
 * test_fts_tok.c - the "sitrep" FTS5 tokenizer inside SQLite: case, diacritics, Arabic
 * vowels, language markers, cross-language query stems, prefix queries, highlight().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "base/err.h"
#include "store/fts_tok.h"

/* الوفدُ الأردنيُّ وصل إلى عمّان (with some harakat) */
#define AR_VOWELLED "\xd8\xa7\xd9\x84\xd9\x88\xd9\x81\xd8\xaf\xd9\x8f " \
	"\xd8\xa7\xd9\x84\xd8\xa3\xd8\xb1\xd8\xaf\xd9\x86\xd9\x8a\xd9\x8f\xd9\x91 " \
	"\xd9\x88\xd8\xb5\xd9\x84 \xd8\xa5\xd9\x84\xd9\x89 \xd8\xb9\xd9\x85\xd9\x91\xd8\xa7\xd9\x86"
/* الأردني without harakat */
#define AR_Q_PLAIN "\xd8\xa7\xd9\x84\xd8\xa3\xd8\xb1\xd8\xaf\xd9\x86\xd9\x8a"
/* المكتبة الوطنية (no harakat) */
#define AR_PLAIN "\xd8\xa7\xd9\x84\xd9\x85\xd9\x83\xd8\xaa\xd8\xa8\xd8\xa9 " \
	"\xd8\xa7\xd9\x84\xd9\x88\xd8\xb7\xd9\x86\xd9\x8a\xd8\xa9"
/* المَكْتَبَةُ with harakat */
#define AR_Q_VOWELLED "\xd8\xa7\xd9\x84\xd9\x85\xd9\x8e\xd9\x83\xd9\x92\xd8\xaa\xd9\x8e" \
	"\xd8\xa8\xd9\x8e\xd8\xa9\xd9\x8f"

static const char *const rows[] = {
	/* 1 */ "The JORDANIAN delegation arrived in Amman.",
	/* 2 */ "\x01" "fr\x02" "Un caf\xc3\xa9 \xc3\xa0 Paris",
	/* 3 */ "\x01" "ar\x02" AR_VOWELLED,
	/* 4 */ "\x01" "ar\x02" AR_PLAIN,
	/* 5 */ "Jordan and Israel talks",
	/* 6 */ "\x01" "sv\x02" "Jorden runt",
	/* 7 */ "Happy talking.",
};
#define NROWS (sizeof(rows) / sizeof(rows[0]))

static sqlite3 *db;

static void exec(const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK)
		fprintf(stderr, "%s: %s\n", sql, err ? err : "?");
	sqlite3_free(err);
	assert_int_equal(rc, SQLITE_OK);
}

static int setup(void **state)
{
	(void)state;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		return -1;
	if (sr_fts_register(db) != SR_OK)
		return -1;
	if (sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='sitrep')", NULL,
			 NULL, NULL) != SQLITE_OK)
		return -1;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "INSERT INTO t(rowid, body) VALUES (?1, ?2)", -1, &st, NULL))
		return -1;
	for (size_t i = 0; i < NROWS; i++) {
		sqlite3_bind_int(st, 1, (int)i + 1);
		sqlite3_bind_text(st, 2, rows[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			return -1;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sqlite3_close(db);
	return 0;
}

/* The rowids matching q, as "1,5" (ascending); "" for none. */
static const char *match(const char *q)
{
	static char out[256];
	sqlite3_stmt *st;
	out[0] = '\0';
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid",
					    -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t l = strlen(out);
		snprintf(out + l, sizeof(out) - l, "%s%d", l ? "," : "", sqlite3_column_int(st, 0));
	}
	if (rc != SQLITE_DONE)
		fprintf(stderr, "MATCH %s: %s\n", q, sqlite3_errmsg(db));
	assert_int_equal(rc, SQLITE_DONE);
	sqlite3_finalize(st);
	return out;
}

/* 1 when row id is in a match() result. */
static int has_row(const char *res, int id)
{
	char want[16];
	snprintf(want, sizeof(want), "%d", id);
	size_t n = strlen(want);
	for (const char *p = res; *p;) {
		size_t l = strcspn(p, ",");
		if (l == n && memcmp(p, want, n) == 0)
			return 1;
		p += l + (p[l] == ',');
	}
	return 0;
}

static void test_case(void **state)
{
	(void)state;
	/* (row 5, "Jordan", matches too: Hungarian and Catalan stem "jordanian" to "jordan",
	 * and a query carries the stems of every language) */
	assert_true(has_row(match("Jordanian"), 1));
	assert_true(has_row(match("JORDANIAN"), 1));
	assert_true(has_row(match("jordanians"), 1));
	assert_string_equal(match("JORDANIAN delegations"), "1");
	assert_string_equal(match("\"jordanian delegation\""), "1");
	assert_string_equal(match("\"delegation jordanian\""), "");
}

static void test_diacritics(void **state)
{
	(void)state;
	/* the row is French (stemmed by French), the query's language unknown */
	assert_string_equal(match("cafe"), "2");
	assert_string_equal(match("caf\xc3\xa9"), "2");
	assert_string_equal(match("CAF\xc3\x89S"), "2");
	assert_string_equal(match("a"), "2");
}

static void test_arabic(void **state)
{
	(void)state;
	/* query without harakat, text with them */
	assert_string_equal(match(AR_Q_PLAIN), "3");
	/* query with harakat, text without them */
	assert_string_equal(match(AR_Q_VOWELLED), "4");
	/* عمان (no shadda) finds عمّان */
	assert_string_equal(match("\xd8\xb9\xd9\x85\xd8\xa7\xd9\x86"), "3");
}

static void test_stems_across_languages(void **state)
{
	(void)state;
	/* English stemming: talking finds talks, and talks finds talking */
	assert_string_equal(match("talking"), "5,7");
	assert_string_equal(match("talk"), "5,7");
	/* a Swedish row, an English query word */
	assert_string_equal(match("jorden"), "6");
}

static void test_prefix(void **state)
{
	(void)state;
	assert_string_equal(match("jord*"), "1,5,6");
	assert_string_equal(match("Jordan*"), "1,5");
	assert_string_equal(match("JORDANI*"), "1");
	/* the prefix word is not stemmed: "happy" is indexed as "happi" */
	assert_string_equal(match("happi*"), "7");
	assert_string_equal(match("happy*"), "");
	/* the words before the prefix one are stemmed as usual */
	assert_string_equal(match("\"jordanians deleg\"*"), "1");
	assert_string_equal(match("\"talks\"*"), "");
	assert_string_equal(match("\"the\"*"), "1");
	/* a query word that yields no token */
	assert_string_equal(match("\"...\"*"), "");
	assert_string_equal(match("\"...\""), "");
}

static void test_query_marker(void **state)
{
	(void)state;
	/* a query stemmed by French only */
	assert_string_equal(match("\"\x01" "fr\x02" "cafes\""), "2");
	assert_string_equal(match("\"\x01" "fr\x02" "talks\""), "5,7");
	/* French only: "jordanian" is not stemmed to "jordan" */
	assert_string_equal(match("\"\x01" "fr\x02" "jordanian\""), "1");
}

static void test_marker_no_token(void **state)
{
	(void)state;
	exec("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')");
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM v WHERE term IN "
					    "('fr', 'ar', 'sv', '\x01' || 'fr', 'fr' || '\x02')",
					    -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
	assert_string_equal(match("fr"), "");
	assert_string_equal(match("ar"), "");
	exec("DROP TABLE v");
}

/* highlight() of the single row matching q. */
static void check_highlight(const char *q, const char *want)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT highlight(t, 0, '[', ']') FROM t "
					    "WHERE t MATCH ?1",
					    -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), want);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
}

static void test_highlight(void **state)
{
	(void)state;
	check_highlight("cafe", "\x01" "fr\x02" "Un [caf\xc3\xa9] \xc3\xa0 Paris");
	check_highlight("jordanian delegation", "The [JORDANIAN] [delegation] arrived in Amman.");
	check_highlight("jorden", "\x01" "sv\x02" "[Jorden] runt");
	check_highlight(AR_Q_PLAIN, "\x01" "ar\x02"
			"\xd8\xa7\xd9\x84\xd9\x88\xd9\x81\xd8\xaf\xd9\x8f "
			"[\xd8\xa7\xd9\x84\xd8\xa3\xd8\xb1\xd8\xaf\xd9\x86\xd9\x8a\xd9\x8f\xd9\x91] "
			"\xd9\x88\xd8\xb5\xd9\x84 \xd8\xa5\xd9\x84\xd9\x89 "
			"\xd8\xb9\xd9\x85\xd9\x91\xd8\xa7\xd9\x86");
}

static void test_update_delete(void **state)
{
	(void)state;
	/* deleting a row re-tokenizes it with the marker: the index stays consistent */
	exec("INSERT INTO t(rowid, body) VALUES (100, char(1) || 'de' || char(2) || 'Die Häuser')");
	assert_string_equal(match("hauser"), "100");
	exec("DELETE FROM t WHERE rowid = 100");
	assert_string_equal(match("hauser"), "");
	exec("INSERT INTO t(t) VALUES ('integrity-check')");
}

static void test_lang_marker(void **state)
{
	(void)state;
	char m[8];
	assert_int_equal(sr_fts_lang_marker(m, NULL), 0);
	assert_string_equal(m, "");
	assert_int_equal(sr_fts_lang_marker(m, "en"), 0);
	assert_string_equal(m, "");
	assert_int_equal(sr_fts_lang_marker(m, ""), 0);
	assert_int_equal(sr_fts_lang_marker(m, "ar"), 4);
	assert_memory_equal(m, "\x01" "ar\x02", 5);
	assert_int_equal(sr_fts_lang_marker(m, "pt-BR"), 7);
	assert_memory_equal(m, "\x01" "pt-BR\x02", 8);
	assert_int_equal(sr_fts_lang_marker(m, "toolong"), SR_EINVAL);
	assert_string_equal(m, "");
	assert_int_equal(sr_fts_lang_marker(m, "a\x02"), SR_EINVAL);
	assert_string_equal(m, "");
}

static void test_bad_args(void **state)
{
	(void)state;
	char *err = NULL;
	assert_int_not_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE bad USING "
					  "fts5(x, tokenize='sitrep porter')",
					  NULL, NULL, &err),
			     SQLITE_OK);
	sqlite3_free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case),
		cmocka_unit_test(test_diacritics),
		cmocka_unit_test(test_arabic),
		cmocka_unit_test(test_stems_across_languages),
		cmocka_unit_test(test_prefix),
		cmocka_unit_test(test_query_marker),
		cmocka_unit_test(test_marker_no_token),
		cmocka_unit_test(test_highlight),
		cmocka_unit_test(test_update_delete),
		cmocka_unit_test(test_lang_marker),
		cmocka_unit_test(test_bad_args),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
