/* Unit tests for lib/query: the query language compiled to FTS5, and its errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "query/query.h"

static void compiles(const char *q, const char *want)
{
	sr_buf b;
	sr_query_error e;
	sr_buf_init(&b, 1 << 16);
	int rc = sr_query_to_fts(q, &b, &e);
	if (rc)
		fail_msg("query %s: rc %d at column %d: %s", q, rc, e.column, e.message);
	if (strcmp(b.data, want) != 0)
		fail_msg("query %s:\n got  %s\n want %s", q, b.data, want);
	sr_buf_release(&b);
}

static void refuses(const char *q, int column, const char *msg_part)
{
	sr_buf b;
	sr_query_error e;
	sr_buf_init(&b, 1 << 16);
	int rc = sr_query_to_fts(q, &b, &e);
	assert_int_not_equal(rc, SR_OK);
	if (e.column != column)
		fail_msg("query %s: column %d, want %d (%s)", q, e.column, column, e.message);
	if (!strstr(e.message, msg_part))
		fail_msg("query %s: message '%s' lacks '%s'", q, e.message, msg_part);
	sr_buf_release(&b);
}

static void terms_and_operators(void **state)
{
	(void)state;
	compiles("nato", "(\"nato\")");
	compiles("nato amman", "(\"nato\" AND \"amman\")");
	compiles("nato AND amman", "(\"nato\" AND \"amman\")");
	compiles("nato OR amman", "(\"nato\") OR (\"amman\")");
	compiles("\"liaison office\" jordan", "(\"liaison office\" AND \"jordan\")");
	compiles("jord*", "(\"jord\" *)");
	compiles("nato -russia", "((\"nato\") NOT \"russia\")");
	compiles("nato NOT russia", "((\"nato\") NOT \"russia\")");
	compiles("(a OR b) c", "(((\"a\") OR (\"b\")) AND \"c\")");
	compiles("title:amman", "({title} : \"amman\")");
	compiles("10:30 x", "(\"10:30\" AND \"x\")");
	compiles("nato NEAR/5 amman", "(NEAR(\"nato\" \"amman\", 5))");
	compiles("nato NEAR amman", "(NEAR(\"nato\" \"amman\", 10))");
	compiles("\"liaison office\" NEAR/3 jord* NEAR/3 x", "(NEAR(\"liaison office\" \"jord\" * \"x\", 3))");
	compiles("a NEAR/0 b c", "(NEAR(\"a\" \"b\", 0) AND \"c\")");
	compiles("title:(a NEAR/2 b) -c", "(({title} : ((NEAR(\"a\" \"b\", 2)))) NOT \"c\")");
	compiles("NEAREST near", "(\"NEAREST\" AND \"near\")");
	compiles("NEAR east", "(\"NEAR\" AND \"east\")"); /* nothing before it: a word */
	refuses("a NEAR/x b", 8, "distance");
	refuses("a NEAR/1001 b", 8, "distance");
	refuses("a NEAR", 7, "after NEAR");
	refuses("a NEAR (b)", 8, "NEAR joins terms");
	refuses("a NEAR title:b", 8, "NEAR joins terms");
	refuses("a NEAR/2 b NEAR/3 c", 12, "one distance");
	refuses("a NEAR OR b", 8, "after NEAR");
	{
		char q[1024] = "w";
		size_t len = 1;
		for (int i = 0; i < 64; i++)
			len += (size_t)snprintf(q + len, sizeof(q) - len, " NEAR w");
		refuses(q, 3 + 7 * 63, "too many operands"); /* the 65th operand's NEAR */
	}
}

static void lower_case_operators_are_words(void **state)
{
	(void)state;
	compiles("war and peace", "(\"war\" AND \"and\" AND \"peace\")");
	compiles("ORACLE", "(\"ORACLE\")");
	compiles("NOTE", "(\"NOTE\")");
}

static void fts_syntax_cannot_leak(void **state)
{
	(void)state;
	compiles("a^b {x} NEARBY", "(\"a^b\" AND \"{x}\" AND \"NEARBY\")");
	refuses("x NEAR(y z, 1)", 7, "NEAR joins terms"); /* FTS5's own NEAR( never reaches it */
}

static void errors_name_the_column(void **state)
{
	(void)state;
	refuses("", 1, "empty query");
	refuses("   ", 1, "empty query");
	refuses("(nato amman", 12, "expected ')' to close the '(' at column 1");
	refuses("nato OR", 8, "expected a term after OR");
	refuses("amman \"liaison", 7, "unterminated phrase");
	refuses("-nato", 1, "cannot only exclude");
	refuses("nato)", 5, "unexpected ')'");
	refuses("AND nato", 1, "AND needs a term on its left");
	refuses("nato AND", 9, "expected a term after AND");
	refuses("()", 2, "expected a term");
	refuses("\"\"", 1, "empty phrase");
	refuses("a\"b", 2, "unterminated phrase");
	refuses("title:", 7, "expected a term after the field name");
	refuses("title:(a body:b)", 10, "nested inside another field");
	refuses("é (x", 5, "expected ')'"); /* columns count characters, not bytes */
}

static void limits(void **state)
{
	(void)state;
	char big[SR_QUERY_MAX + 10];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	sr_buf b;
	sr_query_error e;
	sr_buf_init(&b, 1 << 16);
	assert_int_equal(sr_query_to_fts(big, &b, &e), SR_ETOOBIG);
	char deep[200];
	memset(deep, '(', 100);
	memcpy(deep + 100, "x", 2);
	assert_int_equal(sr_query_to_fts(deep, &b, &e), SR_EPARSE);
	assert_non_null(strstr(e.message, "nested too deeply"));
	assert_int_equal(sr_query_to_fts("a \xFF", &b, &e), SR_EPARSE);
	assert_non_null(strstr(e.message, "UTF-8"));
	sr_buf_release(&b);
}

static void filters_apart_from_text(void **state)
{
	(void)state;
	sr_query q;
	sr_query_error e;
	int64_t now = 1764460800; /* 2025-11-30T00:00:00Z */
	assert_int_equal(sr_query_compile("nato source:\"Amman Ledger\" since:24h lang:en", now, &q, &e), SR_OK);
	assert_string_equal(q.fts.data, "(\"nato\")");
	assert_int_equal(q.n_filters, 3);
	assert_int_equal(q.filters[0].kind, SR_QF_SOURCE);
	assert_string_equal(q.filters[0].text, "Amman Ledger");
	assert_int_equal(q.filters[1].kind, SR_QF_SINCE);
	assert_int_equal(q.filters[1].num, now - 86400);
	assert_int_equal(q.filters[2].kind, SR_QF_LANG);
	sr_query_release(&q);
	/* filters only */
	assert_int_equal(sr_query_compile("story:42 until:2026-11-20", now, &q, &e), SR_OK);
	assert_int_equal(q.fts.len, 0);
	assert_int_equal(q.filters[0].num, 42);
	assert_int_equal(q.filters[1].num, 1795219199); /* the end of that day */
	sr_query_release(&q);
	/* a word that merely looks like a filter is a word */
	assert_int_equal(sr_query_compile("sources:x", now, &q, &e), SR_OK);
	assert_string_equal(q.fts.data, "(\"sources:x\")");
	sr_query_release(&q);
}

static void filters_refused_where_they_cannot_apply(void **state)
{
	(void)state;
	static const struct {
		const char *q;
		int col;
		const char *msg;
	} bad[] = {
		{"nato OR since:24h", 9, "whole query"},
		{"since:24h OR nato", 1, "whole query"},
		{"(nato since:24h)", 7, "whole query"},
		{"nato -source:x", 7, "whole query"},
		{"nato since:yesterday", 12, "expected a date"},
		{"story:abc", 7, "story id"},
		{"lang:e1", 6, "language code"},
		{"nato source:", 13, "expected a value"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		sr_query q;
		sr_query_error e;
		int rc = sr_query_compile(bad[i].q, 0, &q, &e);
		sr_query_release(&q);
		if (rc != SR_EPARSE || e.column != bad[i].col || !strstr(e.message, bad[i].msg))
			fail_msg("%s: rc %d column %d '%s'", bad[i].q, rc, e.column, e.message);
	}
	/* sr_query_to_fts has no place for filters */
	sr_buf b;
	sr_query_error e;
	sr_buf_init(&b, 1024);
	assert_int_equal(sr_query_to_fts("nato since:24h", &b, &e), SR_EPARSE);
	sr_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(terms_and_operators),
		cmocka_unit_test(lower_case_operators_are_words),
		cmocka_unit_test(fts_syntax_cannot_leak),
		cmocka_unit_test(errors_name_the_column),
		cmocka_unit_test(limits),
		cmocka_unit_test(filters_apart_from_text),
		cmocka_unit_test(filters_refused_where_they_cannot_apply),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
