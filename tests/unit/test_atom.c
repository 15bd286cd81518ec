/* Unit tests for lib/watch/atom: escaping, UTF-8 repair, the feed's head and entries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/err.h"
#include "base/utf8.h"
#include "watch/atom.h"

static const char *text(sr_buf *b, const char *s)
{
	sr_buf_reset(b);
	assert_int_equal(sr_atom_text(b, s), SR_OK);
	assert_int_equal(sr_buf_putc(b, '\0'), SR_OK);
	return b->data;
}

static void text_escaped_and_repaired(void **state)
{
	(void)state;
	sr_buf b;
	sr_buf_init(&b, 1 << 16);
	assert_string_equal(text(&b, "a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c'");
	assert_string_equal(text(&b, "tab\tnl\ncr\rbell\x07nul-less\x1f."), "tab\tnl\ncr&#13;bellnul-less.");
	assert_string_equal(text(&b, "caf\xc3\xa9 \xe2\x80\x94 ok"), "caf\xc3\xa9 \xe2\x80\x94 ok");
	/* invalid bytes, an overlong form, a surrogate: U+FFFD each byte; U+FFFE dropped */
	assert_string_equal(text(&b, "x\xffy"), "x\xef\xbf\xbdy");
	assert_string_equal(text(&b, "\xc0\xaf"), "\xef\xbf\xbd\xef\xbf\xbd");
	assert_string_equal(text(&b, "\xed\xa0\x80!"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd!");
	assert_string_equal(text(&b, "a\xef\xbf\xbe" "b"), "ab");
	assert_string_equal(text(&b, "truncated \xe2\x80"), "truncated \xef\xbf\xbd\xef\xbf\xbd");
	sr_buf_reset(&b);
	assert_int_equal(sr_atom_text(&b, NULL), SR_OK);
	assert_int_equal(b.len, 0);
	/* whatever the input, the output is valid UTF-8 */
	char junk[256];
	for (int i = 0; i < 255; i++)
		junk[i] = (char)(255 - i);
	junk[255] = '\0';
	sr_buf_reset(&b);
	assert_int_equal(sr_atom_text(&b, junk), SR_OK);
	assert_int_equal(sr_utf8_check(b.data, b.len), b.len);
	assert_null(memchr(b.data, '<', b.len));
	sr_buf_release(&b);
}

static void feed_head_and_entries(void **state)
{
	(void)state;
	sr_atom f;
	sr_atom_init(&f, 1 << 20);
	sr_alert a = {.id = 7, .article_id = 42, .created = 1795000000, .watchlist = "Jordan water",
		      .title = "Talks <resume>", .url = "https://example.org/a?x=1&y=2", .site_name = "Ledger"};
	sr_alert b = {.id = 9, .article_id = 43, .created = 1795003600, .watchlist = "Jordan water",
		      .title = NULL, .url = NULL, .site_name = NULL};
	assert_int_equal(sr_atom_add(&f, &b), SR_OK);
	assert_int_equal(sr_atom_add(&f, &a), SR_OK);
	sr_buf out;
	sr_buf_init(&out, 1 << 20);
	sr_atom_head h = {.watch = "Jordan water", .self = "http://127.0.0.1:8080/api/watchlists/Jordan%20water/atom", .now = 1};
	assert_int_equal(sr_atom_finish(&f, &h, &out), SR_OK);
	sr_buf_putc(&out, '\0');
	const char *x = out.data;
	assert_non_null(strstr(x, "<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
	assert_non_null(strstr(x, "<id>urn:sitrep:alerts:Jordan%20water</id>"));
	assert_non_null(strstr(x, "<title>sitrep alerts: Jordan water</title>"));
	/* the newest entry's time, not "now" */
	assert_non_null(strstr(x, "</title><updated>2026-11-18T12:06:40Z</updated>"));
	assert_non_null(strstr(x, "<author><name>sitrep</name></author>"));
	assert_non_null(strstr(x, "rel=\"self\" type=\"application/atom+xml\" href=\"http://127.0.0.1:8080/api/watchlists/Jordan%20water/atom\""));
	assert_non_null(strstr(x, "<id>urn:sitrep:alert:7</id><title>Talks &lt;resume&gt;</title>"));
	assert_non_null(strstr(x, "<link rel=\"alternate\" href=\"https://example.org/a?x=1&amp;y=2\"/>"));
	/* an entry without a URL has a text content instead of the link */
	assert_non_null(strstr(x, "<id>urn:sitrep:alert:9</id><title>(untitled)</title>"));
	assert_non_null(strstr(x, "<content type=\"text\">article 43: (untitled)</content>"));
	assert_true(strstr(x, "alert:9") < strstr(x, "alert:7")); /* in the order added */
	assert_non_null(strstr(x, "</feed>\n"));
	sr_buf_release(&out);
	sr_atom_release(&f);
}

static void empty_feed_and_sticky_errors(void **state)
{
	(void)state;
	sr_atom f;
	sr_atom_init(&f, 1 << 20);
	sr_buf out;
	sr_buf_init(&out, 1 << 20);
	sr_atom_head h = {.watch = NULL, .now = 0};
	assert_int_equal(sr_atom_finish(&f, &h, &out), SR_OK);
	sr_buf_putc(&out, '\0');
	assert_non_null(strstr(out.data, "<id>urn:sitrep:alerts</id><title>sitrep alerts</title><updated>1970-01-01T00:00:00Z</updated>"));
	assert_null(strstr(out.data, "<entry>"));
	assert_null(strstr(out.data, "rel=\"self\""));
	sr_atom_release(&f);
	/* over the cap: the error sticks, no half entry is kept */
	sr_atom_init(&f, 300);
	sr_alert a = {.id = 1, .created = 5, .watchlist = "w", .title = "short", .url = "https://e.org/"};
	assert_int_equal(sr_atom_add(&f, &a), SR_OK);
	size_t len = f.entries.len;
	assert_int_equal(sr_atom_add(&f, &a), SR_ETOOBIG);
	assert_int_equal(f.entries.len, len);
	assert_int_equal(sr_atom_add(&f, &a), SR_ETOOBIG);
	sr_buf_reset(&out);
	assert_int_equal(sr_atom_finish(&f, &h, &out), SR_ETOOBIG);
	sr_atom_release(&f);
	sr_buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_escaped_and_repaired),
		cmocka_unit_test(feed_head_and_entries),
		cmocka_unit_test(empty_feed_and_sticky_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
