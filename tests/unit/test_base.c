/* Unit tests for lib/base: buffer, arena, UTF-8, JSON writer, gzip, hashing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/gz.h"
#include "base/hash.h"
#include "base/hmap.h"
#include "base/isotime.h"
#include "base/json.h"
#include "base/utf8.h"

static void buf_caps_growth(void **state)
{
	(void)state;
	sr_buf b;
	sr_buf_init(&b, 10);
	assert_int_equal(sr_buf_puts(&b, "hello"), SR_OK);
	assert_int_equal(sr_buf_puts(&b, "world"), SR_OK);
	assert_int_equal(b.len, 10);
	assert_string_equal(b.data, "helloworld");
	/* one byte more is refused and leaves the content as it was */
	assert_int_equal(sr_buf_putc(&b, '!'), SR_ETOOBIG);
	assert_int_equal(b.len, 10);
	assert_string_equal(b.data, "helloworld");
	sr_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_int_equal(sr_buf_appendf(&b, "%d-%s", 42, "x"), SR_OK);
	assert_string_equal(b.data, "42-x");
	assert_int_equal(sr_buf_appendf(&b, "%s", "0123456789"), SR_ETOOBIG);
	assert_string_equal(b.data, "42-x");
	sr_buf_truncate(&b, 2);
	assert_string_equal(b.data, "42");
	size_t n;
	char *p = sr_buf_detach(&b, &n);
	assert_string_equal(p, "42");
	assert_int_equal(n, 2);
	assert_null(b.data);
	free(p);
	sr_buf_release(&b);
}

static void buf_percent_encodes(void **state)
{
	(void)state;
	sr_buf b;
	sr_buf_init(&b, 64);
	assert_int_equal(sr_buf_put_pct(&b, "heat wave/é~x_1.2-3"), 0);
	assert_string_equal(b.data, "heat%20wave%2F%C3%A9~x_1.2-3");
	sr_buf_reset(&b);
	assert_int_not_equal(sr_buf_put_pct(&b, "////////////////////////////"), 0); /* over the cap */
	sr_buf_release(&b);
}

static void buf_huge_request_refused(void **state)
{
	(void)state;
	sr_buf b;
	sr_buf_init(&b, 1 << 20);
	assert_int_equal(sr_buf_grow(&b, (size_t)-1), SR_ETOOBIG);
	assert_int_equal(sr_buf_grow(&b, (size_t)1 << 21), SR_ETOOBIG);
	assert_int_equal(sr_buf_grow(&b, 1 << 20), SR_OK);
	sr_buf_release(&b);
}

static void arena_allocates_and_resets(void **state)
{
	(void)state;
	sr_arena a;
	sr_arena_init(&a, 1 << 20);
	char *s = sr_arena_strdup(&a, "abc");
	assert_string_equal(s, "abc");
	for (int i = 0; i < 100; i++) {
		char *p = sr_arena_alloc(&a, 5000);
		assert_non_null(p);
		assert_int_equal(((uintptr_t)p) % 16, 0);
		assert_int_equal(p[4999], 0);
	}
	assert_null(sr_arena_alloc(&a, 2 << 20)); /* over the cap */
	char *f = sr_arena_printf(&a, "%s=%d", "x", 7);
	assert_string_equal(f, "x=7");
	sr_arena_reset(&a);
	assert_int_equal(a.used, 0);
	assert_non_null(sr_arena_alloc(&a, 100));
	sr_arena_release(&a);
}

static void utf8_decodes_and_rejects(void **state)
{
	(void)state;
	int32_t cp;
	assert_int_equal(sr_utf8_decode("\xC3\xA9", 2, &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(sr_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	/* overlong, surrogate, truncated, stray continuation */
	assert_int_equal(sr_utf8_decode("\xC0\xAF", 2, &cp), 1);
	assert_int_equal(cp, -1);
	assert_int_equal(sr_utf8_decode("\xED\xA0\x80", 3, &cp), 1);
	assert_int_equal(cp, -1);
	assert_int_equal(sr_utf8_decode("\xE2\x82", 2, &cp), 1);
	assert_int_equal(cp, -1);
	assert_int_equal(sr_utf8_decode("\x80", 1, &cp), 1);
	assert_int_equal(cp, -1);
	assert_int_equal(sr_utf8_check("ab\xC3\xA9" "cd", 6), 6);
	assert_int_equal(sr_utf8_check("ab\xE9" "cd", 5), 2);
	char e[4];
	assert_int_equal(sr_utf8_encode(0x627, e), 2);
	assert_memory_equal(e, "\xD8\xA7", 2);
	assert_int_equal(sr_utf8_encode(0xD800, e), 0);
}

static void utf8_sanitize_repairs(void **state)
{
	(void)state;
	sr_buf b;
	sr_buf_init(&b, 100);
	assert_int_equal(sr_utf8_sanitize(&b, "a\xFF" "b\x01" "c\tok\xC3\xA9", 11), SR_OK);
	assert_string_equal(b.data, "a\xEF\xBF\xBD" "bc\tok\xC3\xA9");
	assert_int_equal(sr_utf8_check(b.data, b.len), b.len);
	sr_buf_release(&b);
}

static void json_writer_escapes(void **state)
{
	(void)state;
	sr_buf b;
	sr_buf_init(&b, 1000);
	sr_jw w;
	sr_jw_init(&w, &b);
	sr_jw_obj(&w);
	sr_jw_key(&w, "s");
	sr_jw_str(&w, "a\"b\\c\nd\x01\xFF\xE2\x80\xA8");
	sr_jw_key(&w, "n");
	sr_jw_null(&w);
	sr_jw_key(&w, "a");
	sr_jw_arr(&w);
	sr_jw_int(&w, -3);
	sr_jw_bool(&w, 1);
	sr_jw_double(&w, 0.5);
	sr_jw_obj(&w);
	sr_jw_end(&w);
	sr_jw_end(&w);
	sr_jw_end(&w);
	assert_int_equal(w.rc, SR_OK);
	assert_string_equal(b.data, "{\"s\":\"a\\\"b\\\\c\\nd\\u0001\\ufffd\\u2028\",\"n\":null,"
				    "\"a\":[-3,true,0.5,{}]}");
	sr_jw_end(&w);
	assert_int_equal(w.rc, SR_EINVAL); /* one end too many */
	sr_buf_release(&b);
}

static void gzip_round_trip_and_limits(void **state)
{
	(void)state;
	/* "hello\n" gzipped (gzip -n), then a second member "world\n" */
	static const unsigned char gz[] = {
		0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xcb, 0x48, 0xcd, 0xc9,
		0xc9, 0xe7, 0x02, 0x00, 0x20, 0x30, 0x3a, 0x36, 0x06, 0x00, 0x00, 0x00,
		0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x2b, 0xcf, 0x2f, 0xca,
		0x49, 0xe1, 0x02, 0x00, 0xa8, 0x61, 0x38, 0xdd, 0x06, 0x00, 0x00, 0x00};
	sr_buf b;
	sr_buf_init(&b, 100);
	assert_true(sr_gz_is_gzip(gz, sizeof(gz)));
	assert_int_equal(sr_gz_inflate(&b, gz, sizeof(gz)), SR_OK);
	assert_string_equal(b.data, "hello\nworld\n");
	sr_buf_reset(&b);
	assert_int_equal(sr_gz_inflate(&b, gz, 20), SR_EPARSE); /* truncated */
	sr_buf small;
	sr_buf_init(&small, 8);
	assert_int_equal(sr_gz_inflate(&small, gz, sizeof(gz)), SR_ETOOBIG);
	sr_buf_release(&small);
	/* deflate / unzlib round trip */
	sr_buf z, back;
	sr_buf_init(&z, 1 << 20);
	sr_buf_init(&back, 1 << 20);
	const char *text = "the same words, the same words, the same words";
	assert_int_equal(sr_gz_deflate(&z, text, strlen(text)), SR_OK);
	assert_int_equal(sr_gz_unzlib(&back, z.data, z.len), SR_OK);
	assert_string_equal(back.data, text);
	sr_buf_release(&z);
	sr_buf_release(&back);
	sr_buf_release(&b);
}

static void hash_is_stable(void **state)
{
	(void)state;
	uint64_t h1[2], h2[2];
	sr_hash128("abc", 3, h1);
	sr_hash128("abc", 3, h2);
	assert_memory_equal(h1, h2, sizeof(h1));
	sr_hash128("abd", 3, h2);
	assert_true(h1[0] != h2[0] && h1[1] != h2[1]);
	assert_true(sr_hash64("", 0, 0) != sr_hash64("\0", 1, 0));
	char hex[33];
	sr_hash128_hex(h1, hex);
	assert_int_equal(strlen(hex), 32);
}

static void iso_times(void **state)
{
	(void)state;
	int64_t t;
	assert_int_equal(sr_iso_parse("1970-01-01", &t), 0);
	assert_int_equal(t, 0);
	assert_int_equal(sr_iso_parse("2024-07-12T09:30:00+03:00", &t), 0);
	assert_int_equal(t, 1720765800);
	assert_int_equal(sr_iso_parse("2024-07-12T06:30:00Z", &t), 0);
	assert_int_equal(t, 1720765800);
	assert_int_equal(sr_iso_parse("2024-07-12 06:30", &t), 0);
	assert_int_equal(t, 1720765800);
	assert_int_equal(sr_iso_parse("2024-07-12T06:30:00.123-0000", &t), 0);
	assert_int_equal(t, 1720765800);
	assert_int_equal(sr_iso_parse("2024-13-01", &t), -1);
	assert_int_equal(sr_iso_parse("July 12", &t), -1);
	assert_int_equal(sr_iso_parse("2024-07-12T06", &t), -1);
	assert_int_equal(sr_iso_parse("2024-07-12junk", &t), -1);
	char out[21];
	sr_iso_format(1720765800, out);
	assert_string_equal(out, "2024-07-12T06:30:00Z");
	sr_iso_format(951782400, out); /* a leap day */
	assert_string_equal(out, "2000-02-29T00:00:00Z");
	assert_int_equal(sr_span_parse("24h"), 86400);
	assert_int_equal(sr_span_parse("7d"), 7 * 86400);
	assert_int_equal(sr_span_parse("15m"), 900);
	assert_int_equal(sr_span_parse("2w"), 14 * 86400);
	assert_int_equal(sr_span_parse("7"), -1);
	assert_int_equal(sr_span_parse("h"), -1);
	assert_int_equal(sr_span_parse("-1d"), -1);
}

static void hmap_insert_get_delete(void **state)
{
	(void)state;
	sr_hmap m;
	sr_hmap_init(&m);
	assert_null(sr_hmap_get(&m, 5));
	for (uint64_t k = 0; k < 5000; k++) {
		int ins;
		uint64_t *v = sr_hmap_put(&m, k * 7919, &ins);
		assert_non_null(v);
		assert_true(ins);
		*v = k;
	}
	assert_int_equal(m.n, 5000);
	for (uint64_t k = 0; k < 5000; k++)
		assert_int_equal(*sr_hmap_get(&m, k * 7919), k);
	/* delete every other key; the rest must stay reachable (backward shift) */
	for (uint64_t k = 0; k < 5000; k += 2)
		assert_true(sr_hmap_del(&m, k * 7919));
	assert_false(sr_hmap_del(&m, 0));
	for (uint64_t k = 0; k < 5000; k++) {
		uint64_t *v = sr_hmap_get(&m, k * 7919);
		if (k % 2)
			assert_true(v && *v == k);
		else
			assert_null(v);
	}
	assert_int_equal(m.n, 2500);
	sr_hmap_release(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buf_caps_growth),
		cmocka_unit_test(buf_huge_request_refused),
		cmocka_unit_test(buf_percent_encodes),
		cmocka_unit_test(arena_allocates_and_resets),
		cmocka_unit_test(utf8_decodes_and_rejects),
		cmocka_unit_test(utf8_sanitize_repairs),
		cmocka_unit_test(json_writer_escapes),
		cmocka_unit_test(gzip_round_trip_and_limits),
		cmocka_unit_test(hash_is_stable),
		cmocka_unit_test(iso_times),
		cmocka_unit_test(hmap_insert_get_delete),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
