/* Unit tests for lib/story/url: a table of URL pairs that must and must not match. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/err.h"
#include "story/url.h"

static char *norm(const char *u, sr_buf *b)
{
	sr_buf_reset(b);
	int rc = sr_url_normalize(u, b);
	return rc ? NULL : b->data;
}

static void normal_forms(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"HTTP://Example.COM/a", "http://example.com/a"},
		{"http://example.com", "http://example.com/"},
		{"http://example.com:80/a", "http://example.com/a"},
		{"https://example.com:443/a", "https://example.com/a"},
		{"https://example.com:8443/a", "https://example.com:8443/a"},
		{"https://example.com/a#section-2", "https://example.com/a"},
		{"https://example.com./a", "https://example.com/a"},
		{"https://example.com/a/./b/../c", "https://example.com/a/c"},
		{"https://example.com/%7Euser/%2f", "https://example.com/~user/%2F"},
		{"https://example.com/a?utm_source=x&id=5&utm_medium=y", "https://example.com/a?id=5"},
		{"https://example.com/a?fbclid=abc", "https://example.com/a"},
		{"https://example.com/a?b=2&a=1", "https://example.com/a?b=2&a=1"},
		{"https://example.com/a?PHPSESSID=123&x=1", "https://example.com/a?x=1"},
		{"  https://example.com/a  ", "https://example.com/a"},
		{"https://user@Example.com/a", "https://user@example.com/a"},
		{"https://[2001:DB8::1]:443/a", "https://[2001:db8::1]/a"},
		{"mailto:someone@example.com", "mailto:someone@example.com"},
		{"https://example.com/a b", "https://example.com/a%20b"},
		{"https://example.com/100%", "https://example.com/100%25"},
		{"https://example.com/a/%2e%2E/b", "https://example.com/b"},
	};
	sr_buf b;
	sr_buf_init(&b, 4096);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = norm(cases[i][0], &b);
		if (!got || strcmp(got, cases[i][1]))
			fail_msg("%s -> %s, want %s", cases[i][0], got ? got : "(error)", cases[i][1]);
	}
	sr_buf_release(&b);
}

static void pairs_that_must_differ(void **state)
{
	(void)state;
	static const char *const pairs[][2] = {
		{"https://example.com/a", "https://example.com/A"},   /* path case matters */
		{"https://example.com/a", "https://example.com/a/"},  /* so may a slash */
		{"https://example.com/a?id=1", "https://example.com/a?id=2"},
		{"http://example.com/a", "https://example.com/a"},
		{"https://example.com:8080/a", "https://example.com/a"},
	};
	sr_buf a, b;
	sr_buf_init(&a, 4096);
	sr_buf_init(&b, 4096);
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		char *x = norm(pairs[i][0], &a), *y = norm(pairs[i][1], &b);
		assert_non_null(x);
		assert_non_null(y);
		if (!strcmp(x, y))
			fail_msg("%s and %s must stay apart", pairs[i][0], pairs[i][1]);
	}
	sr_buf_release(&a);
	sr_buf_release(&b);
}

static void rejects_non_urls(void **state)
{
	(void)state;
	sr_buf b;
	sr_buf_init(&b, 4096);
	assert_int_equal(sr_url_normalize("example.com/a", &b), SR_EINVAL);
	assert_int_equal(sr_url_normalize("/just/a/path", &b), SR_EINVAL);
	assert_int_equal(sr_url_normalize("http:/x", &b), SR_EINVAL);
	assert_int_equal(sr_url_normalize("https://", &b), SR_EINVAL);
	assert_int_equal(b.len, 0);
	sr_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(normal_forms),
		cmocka_unit_test(pairs_that_must_differ),
		cmocka_unit_test(rejects_non_urls),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
