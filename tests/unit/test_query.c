/* Unit tests for lib/query: the query language compiled to FTS5, and its errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
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
	compiles("a^b {x} NEAR", "(\"a^b\" AND \"{x}\" AND \"NEAR\")");
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(terms_and_operators),
		cmocka_unit_test(lower_case_operators_are_words),
		cmocka_unit_test(fts_syntax_cannot_leak),
		cmocka_unit_test(errors_name_the_column),
		cmocka_unit_test(limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
