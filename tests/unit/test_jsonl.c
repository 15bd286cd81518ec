/* Unit tests for lib/source/jsonl: good and bad lines, line numbers in errors, metadata,
 * the line cap, gzip input, files and garbage. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "base/err.h"
#include "source/jsonl.h"

static const char sample[] =
	"\xef\xbb\xbf{\"url\":\"https://news.example.org/a\",\"html\":\"<p>Bridge reopens</p>\","
	"\"title\":\"Bridge reopens\",\"published\":\"2024-03-01T10:00:00Z\","
	"\"authors\":[\"A. Writer\",7,\"B. Editor\"],\"lang\":\"en\",\"source\":\"Example News\","
	"\"content_type\":\"text/html\"}\n"
	"\n"
	"   \r\n"
	"{\"url\":\"https://news.example.org/b\",\"text\":\"Rain fell all day.\",\"author\":\"C. Reporter\","
	"\"published\":1709287200}\r\n"
	"this is not json\n"
	"[1,2,3]\n"
	"{\"html\":\"<p>no url</p>\"}\n"
	"{\"url\":\"https://news.example.org/c\"}\n"
	"{\"url\":\"https://news.example.org/d\",\"html\":\"\",\"text\":\"\"}\n"
	"{\"url\":5,\"html\":\"x\"}\n"
	"{\"url\":\"https://news.example.org/e\",\"html\":\"a\\u0000b\",\"title\":3}\n"
	"{\"url\":\"https://news.example.org/f\",\"text\":\"last line, no newline\"}";

/* What sample must give, in order: a record (its url) or an error (a substring). */
static const struct {
	const char *url;
	const char *error;
} expected[] = {
	{ "https://news.example.org/a", NULL },
	{ "https://news.example.org/b", NULL },
	{ NULL, "line 5: not JSON" },
	{ NULL, "line 6: not a JSON object" },
	{ NULL, "line 7: no \"url\" string" },
	{ NULL, "line 8: no \"html\" or \"text\" string" },
	{ NULL, "line 9: no \"html\" or \"text\" string" },
	{ NULL, "line 10: no \"url\" string" },
	{ "https://news.example.org/e", NULL },
	{ "https://news.example.org/f", NULL },
};

static void check_sample(sr_jsonl_reader *r)
{
	sr_jsonl_record rec;
	char why[SR_JSONL_WHY_MAX];
	size_t n = sizeof expected / sizeof expected[0];
	for (size_t i = 0; i < n; i++) {
		int rc = sr_jsonl_next(r, &rec, why);
		if (expected[i].error) {
			assert_int_equal(rc, SR_EPARSE);
			if (!strstr(why, expected[i].error))
				fail_msg("entry %zu: \"%s\" lacks \"%s\"", i, why, expected[i].error);
			continue;
		}
		if (rc != 1)
			fail_msg("entry %zu: rc %d (%s)", i, rc, why);
		assert_string_equal(rec.url, expected[i].url);
		if (i == 0) {
			assert_int_equal(rec.line, 1);
			assert_int_equal(rec.offset, 0);
			assert_string_equal(rec.html, "<p>Bridge reopens</p>");
			assert_int_equal(rec.html_len, 21);
			assert_null(rec.text);
			assert_string_equal(rec.title, "Bridge reopens");
			assert_string_equal(rec.published, "2024-03-01T10:00:00Z");
			assert_int_equal(rec.nauthors, 2);
			assert_string_equal(rec.authors[0], "A. Writer");
			assert_string_equal(rec.authors[1], "B. Editor");
			assert_string_equal(rec.lang, "en");
			assert_string_equal(rec.source, "Example News");
			assert_string_equal(rec.content_type, "text/html");
		} else if (i == 1) {
			assert_int_equal(rec.line, 4);
			assert_null(rec.html);
			assert_string_equal(rec.text, "Rain fell all day.");
			assert_string_equal(rec.published, "2024-03-01T10:00:00Z");
			assert_int_equal(rec.nauthors, 1);
			assert_string_equal(rec.authors[0], "C. Reporter");
			assert_null(rec.title);
		} else if (i == 8) {
			assert_int_equal(rec.html_len, 3);
			assert_memory_equal(rec.html, "a\0b", 3);
			assert_null(rec.title); /* not a string: ignored */
			assert_int_equal(rec.nauthors, 0);
			assert_null(rec.authors);
		} else if (i == 9) {
			assert_int_equal(rec.line, 12);
			assert_string_equal(rec.text, "last line, no newline");
		}
	}
	assert_int_equal(sr_jsonl_next(r, &rec, why), 0);
	assert_int_equal(sr_jsonl_next(r, &rec, why), 0);
}

static void test_lines(void **state)
{
	(void)state;
	sr_jsonl_reader *r;
	char why[SR_JSONL_WHY_MAX];
	assert_int_equal(sr_jsonl_open_mem(&r, sample, strlen(sample), 0, why), SR_OK);
	check_sample(r);
	sr_jsonl_close(r);
}

static size_t gzip_into(unsigned char *out, size_t cap, const void *p, size_t n)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = (unsigned char *)p;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	size_t len = cap - z.avail_out;
	deflateEnd(&z);
	return len;
}

static void test_gzip(void **state)
{
	(void)state;
	size_t n = strlen(sample), half = n / 2;
	unsigned char *gz = malloc(2 * n + 1024);
	/* two members, split in the middle of a line */
	size_t g1 = gzip_into(gz, 2 * n + 1024, sample, half);
	size_t g2 = gzip_into(gz + g1, 2 * n + 1024 - g1, sample + half, n - half);
	sr_jsonl_reader *r;
	char why[SR_JSONL_WHY_MAX];
	assert_int_equal(sr_jsonl_open_mem(&r, gz, g1 + g2, 0, why), SR_OK);
	check_sample(r);
	sr_jsonl_close(r);

	/* cut short: the whole lines before the cut are read, then an error, then the end */
	assert_int_equal(sr_jsonl_open_mem(&r, gz, g1 - 10, 0, why), SR_OK);
	sr_jsonl_record rec;
	int rc, records = 0, errors = 0, last = 0;
	while ((rc = sr_jsonl_next(r, &rec, why)) != 0) {
		if (rc == 1)
			records++;
		else
			errors++;
		last = rc;
	}
	assert_true(records >= 1);
	assert_true(errors >= 1);
	assert_int_equal(last, SR_EPARSE);
	sr_jsonl_close(r);
	free(gz);
}

static void test_line_cap(void **state)
{
	(void)state;
	char buf[4096];
	char big[1500];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	int n = snprintf(buf, sizeof buf,
			 "{\"url\":\"u:1\",\"text\":\"short\"}\n"
			 "{\"url\":\"u:2\",\"text\":\"%s\"}\n"
			 "{\"url\":\"u:3\",\"text\":\"short\"}\n"
			 "{\"url\":\"u:4\",\"text\":\"%s\"}",
			 big, big);
	sr_jsonl_reader *r;
	sr_jsonl_record rec;
	char why[SR_JSONL_WHY_MAX];
	assert_int_equal(sr_jsonl_open_mem(&r, buf, (size_t)n, 1000, why), SR_OK);
	assert_int_equal(sr_jsonl_next(r, &rec, why), 1);
	assert_string_equal(rec.url, "u:1");
	assert_int_equal(sr_jsonl_next(r, &rec, why), SR_ETOOBIG);
	assert_non_null(strstr(why, "line 2: longer than the 1000-byte limit"));
	assert_int_equal(sr_jsonl_next(r, &rec, why), 1);
	assert_string_equal(rec.url, "u:3");
	assert_int_equal(rec.line, 3);
	assert_int_equal(sr_jsonl_next(r, &rec, why), SR_ETOOBIG);
	assert_non_null(strstr(why, "line 4:"));
	assert_int_equal(sr_jsonl_next(r, &rec, why), 0);
	sr_jsonl_close(r);

	/* a long line that streams through a small window, read from a file */
	char path[] = "/tmp/sitrep-test-jsonl-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs("{\"url\":\"u:1\",\"text\":\"", f);
	for (int i = 0; i < 200000; i++)
		fputs("long text ", f);
	fputs("\"}\n{\"url\":\"u:2\",\"html\":\"<p>after</p>\"}\n", f);
	fclose(f);
	assert_int_equal(sr_jsonl_open(&r, path, 100000, why), SR_OK);
	assert_int_equal(sr_jsonl_next(r, &rec, why), SR_ETOOBIG);
	assert_non_null(strstr(why, "line 1:"));
	assert_int_equal(sr_jsonl_next(r, &rec, why), 1);
	assert_string_equal(rec.url, "u:2");
	assert_int_equal(rec.line, 2);
	assert_int_equal(sr_jsonl_next(r, &rec, why), 0);
	sr_jsonl_close(r);
	/* the same with room for it */
	assert_int_equal(sr_jsonl_open(&r, path, 0, why), SR_OK);
	assert_int_equal(sr_jsonl_next(r, &rec, why), 1);
	assert_int_equal(rec.text_len, 2000000);
	assert_int_equal(sr_jsonl_next(r, &rec, why), 1);
	assert_int_equal(rec.offset, 2000000 + 24);
	assert_int_equal(sr_jsonl_next(r, &rec, why), 0);
	sr_jsonl_close(r);
	unlink(path);
}

static void test_garbage(void **state)
{
	(void)state;
	static const char *const inputs[] = {
		"", "\n\n\n", "{", "}\n{", "\x1f\x8b\x08", "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03zz",
		"{\"url\":\"\",\"html\":\"x\"}", "{\"url\":\"a\\u0000b\",\"html\":\"x\"}", "\xff\xfe{}\n",
		"{\"url\":\"u\",\"html\":\"\xc3\x28\"}", NULL,
	};
	for (int i = 0; inputs[i]; i++) {
		sr_jsonl_reader *r;
		sr_jsonl_record rec;
		char why[SR_JSONL_WHY_MAX];
		assert_int_equal(sr_jsonl_open_mem(&r, inputs[i], strlen(inputs[i]), 0, why), SR_OK);
		int rc, steps = 0;
		while ((rc = sr_jsonl_next(r, &rec, why)) != 0 && steps < 100) {
			assert_true(rc < 0);
			assert_true(why[0] != '\0');
			steps++;
		}
		assert_true(steps < 100);
		sr_jsonl_close(r);
	}
	sr_jsonl_reader *r;
	char why[SR_JSONL_WHY_MAX];
	assert_int_equal(sr_jsonl_open(&r, "/nonexistent/x.jsonl", 0, why), SR_EIO);
	assert_null(r);
	sr_jsonl_close(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_gzip),
		cmocka_unit_test(test_line_cap),
		cmocka_unit_test(test_garbage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
