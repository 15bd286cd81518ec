/* Unit tests for lib/extract/credit: the page's furniture as the author, on hostile trees. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <libxml/HTMLparser.h>

#include "base/arena.h"
#include "base/buf.h"
#include "extract/credit.h"

static htmlDocPtr parse(const sr_buf *b)
{
	return htmlReadMemory(b->data, (int)b->len, "http://example.test/a.html", "utf-8",
			      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
				      HTML_PARSE_NONET);
}

/* A copyright notice whose name sits in the next element is still found. */
static void test_copyright_in_next_element(void **state)
{
	(void)state;
	sr_buf b;
	sr_buf_init(&b, 1 << 16);
	assert_int_equal(sr_buf_puts(&b, "<html><body><article><p>Text.</p></article>"
				      "<footer><p>\xC2\xA9 2019 <a href=\"/\">Jane Doe</a></p></footer>"
				      "</body></html>"), 0);
	htmlDocPtr doc = parse(&b);
	assert_non_null(doc);
	sr_arena a;
	sr_arena_init(&a, 1 << 20);
	const char *name = sr_credit_author(doc, &a, NULL, "http://example.test/a.html");
	assert_non_null(name);
	assert_string_equal(name, "Jane Doe");
	sr_arena_release(&a);
	xmlFreeDoc(doc);
	sr_buf_release(&b);
}

/* Many short copyright marks under one parent that holds many empty elements first: each
 * mark read its parent's text again from the start, walking every empty element (30,000
 * marks x 30,000 elements took seconds for a 500 KB page).  The walk is capped. */
static void test_many_marks_one_parent(void **state)
{
	(void)state;
	const int n = 30000;
	sr_buf b;
	sr_buf_init(&b, 1 << 22);
	assert_int_equal(sr_buf_puts(&b, "<html><body><article><p>Text.</p></article><div>"), 0);
	for (int i = 0; i < n; i++)
		assert_int_equal(sr_buf_puts(&b, "<i></i>"), 0);
	for (int i = 0; i < n; i++)
		assert_int_equal(sr_buf_puts(&b, "(c)<i></i>"), 0);
	assert_int_equal(sr_buf_puts(&b, "</div></body></html>"), 0);
	htmlDocPtr doc = parse(&b);
	assert_non_null(doc);
	sr_arena a;
	sr_arena_init(&a, 64 << 20);
	clock_t t0 = clock();
	(void)sr_credit_author(doc, &a, NULL, "http://example.test/a.html");
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	/* about 0.05 s capped (more under sanitizers); uncapped, 2-3 s and more */
	if (secs > 1.0)
		fail_msg("sr_credit_author took %.2f s of CPU on %d marks", secs, n);
	sr_arena_release(&a);
	xmlFreeDoc(doc);
	sr_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_copyright_in_next_element),
		cmocka_unit_test(test_many_marks_one_parent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
