/* Unit tests for lib/source/sitemap: urlset, news sitemaps, sitemapindex, gzip, text
 * sitemaps, broken input; golden checks against ../shared/data/sitemaps (skipped when
 * that folder is absent; $SITREP_DATA overrides its place). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "source/sitemap.h"

static const char *repo_root(void)
{
	static char root[4096];
	const char *dirs[] = {".", "..", "../..", "../../..", NULL};
	char probe[4200];
	for (int i = 0; dirs[i]; i++) {
		snprintf(probe, sizeof probe, "%s/tests/fixtures/feeds/sitemap-news.xml", dirs[i]);
		if (access(probe, R_OK) == 0) {
			snprintf(root, sizeof root, "%s", dirs[i]);
			return root;
		}
	}
	return NULL;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	sr_buf b;
	sr_buf_init(&b, 1 << 24);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sr_buf_append(&b, chunk, n);
	fclose(f);
	if (!b.data)
		sr_buf_puts(&b, "");
	return sr_buf_detach(&b, len);
}

static const char *data_dir(void)
{
	static char dir[4096];
	const char *env = getenv("SITREP_DATA");
	if (env)
		snprintf(dir, sizeof dir, "%s/sitemaps/go-sitemap-parser", env);
	else if (repo_root())
		snprintf(dir, sizeof dir, "%s/../shared/data/sitemaps/go-sitemap-parser", repo_root());
	else
		return NULL;
	char probe[4200];
	snprintf(probe, sizeof probe, "%s/sitemap-01.xml", dir);
	return access(probe, R_OK) == 0 ? dir : NULL;
}

static void test_news_fixture(void **state)
{
	(void)state;
	char path[4200];
	snprintf(path, sizeof path, "%s/tests/fixtures/feeds/sitemap-news.xml", repo_root());
	size_t len;
	char *s = slurp(path, &len);
	assert_non_null(s);
	sr_arena a;
	sr_arena_init(&a, 0);
	sr_sitemap sm;
	char why[SR_SITEMAP_WHY_MAX];
	assert_int_equal(sr_sitemap_parse(s, len, NULL, &a, &sm, why), SR_OK);
	assert_false(sm.is_index);
	assert_int_equal(sm.n_urls, 2);
	assert_string_equal(sm.urls[0].loc, "http://HOST/pages/camel-race.html");
	assert_string_equal(sm.urls[0].news_title, "Camel race draws record crowd");
	assert_string_equal(sm.urls[0].news_date, "2026-11-24T05:00:00+02:00");
	assert_string_equal(sm.urls[0].news_name, "Valley Observer");
	assert_string_equal(sm.urls[0].news_lang, "en");
	assert_string_equal(sm.urls[1].lastmod, "2026-11-23");
	assert_null(sm.urls[1].news_title);
	free(s);
	sr_arena_release(&a);
}

static void test_inline(void **state)
{
	(void)state;
	sr_arena a;
	sr_arena_init(&a, 0);
	sr_sitemap sm;
	char why[SR_SITEMAP_WHY_MAX];
	/* no namespace, relative and foreign-scheme locs */
	const char *x = "<urlset><url><loc>/a.html</loc></url><url><loc>ftp://x/y</loc></url>"
			"<url><loc> http://s.test/b </loc><lastmod>Fri, 12 Jul 2024 09:30:00 GMT</lastmod></url></urlset>";
	assert_int_equal(sr_sitemap_parse(x, strlen(x), "http://s.test/sitemap.xml", &a, &sm, why), SR_OK);
	assert_int_equal(sm.n_urls, 2);
	assert_string_equal(sm.urls[0].loc, "http://s.test/a.html");
	assert_string_equal(sm.urls[1].loc, "http://s.test/b");
	assert_string_equal(sm.urls[1].lastmod, "2024-07-12T09:30:00Z");
	/* text sitemap */
	const char *t = "http://s.test/1\r\n\nhttps://s.test/2\nnot a url\n";
	assert_int_equal(sr_sitemap_parse(t, strlen(t), NULL, &a, &sm, why), SR_OK);
	assert_true(sm.is_text);
	assert_int_equal(sm.n_urls, 2);
	assert_string_equal(sm.urls[1].loc, "https://s.test/2");
	/* errors */
	assert_int_equal(sr_sitemap_parse("", 0, NULL, &a, &sm, why), SR_EEMPTY);
	const char *h = "<html><body>hi</body></html>";
	assert_int_equal(sr_sitemap_parse(h, strlen(h), NULL, &a, &sm, why), SR_EPARSE);
	assert_non_null(strstr(why, "not a sitemap"));
	assert_int_equal(sr_sitemap_parse("Hello", 5, NULL, &a, &sm, why), SR_EPARSE);
	/* ill-formed, recovered */
	const char *bad = "<urlset><url><loc>http://s.test/ok</loc></url><url><loc>http://s.test/2</loc>";
	assert_int_equal(sr_sitemap_parse(bad, strlen(bad), NULL, &a, &sm, why), SR_OK);
	assert_true(sm.recovered);
	assert_int_equal(sm.n_urls, 2);
	sr_arena_release(&a);
}

/* Every urlset in the shared set, plain and gzip: the URLs upstream's tests expect. */
static void test_golden(void **state)
{
	(void)state;
	const char *dir = data_dir();
	if (!dir) {
		print_message("../shared/data/sitemaps absent (set SITREP_DATA): golden check skipped\n");
		skip();
	}
	static const struct {
		const char *file;
		int index;
		size_t n;
		const char *first, *last, *lastmod;
	} cases[] = {
		{"sitemap-01.xml", 0, 1, "http://HOST/page-01", NULL, "2024-02-12T12:34:56+01:00"},
		{"sitemap-02.xml", 0, 2, "http://HOST/page-02", "http://HOST/page-03", NULL},
		{"sitemap-03.xml", 0, 3, "http://HOST/page-04", "http://HOST/page-06", "2024-02-12"},
		{"sitemap-04.xml", 0, 1, "http://HOST/page-07", NULL, NULL},
		{"sitemap-05.xml", 0, 2, "http://HOST/page-08", "http://HOST/page-09", NULL},
		{"sitemap-06.xml", 0, 3, "http://HOST/page-10", "http://HOST/page-12", NULL},
		{"sitemapindex-1.xml", 1, 3, "http://HOST/sitemap-01.xml", "http://HOST/sitemap-03.xml", NULL},
		{"sitemapindex-with-invalid-sitemap.xml", 1, 1, "http://HOST/invalid.xml", NULL, NULL},
		{"sitemap-news-01.xml", 0, 2, "http://HOST/article-1", "http://HOST/page-without-news", NULL},
		{"sitemap-image-01.xml", 0, 0, NULL, NULL, NULL},
		{"sitemap-video-01.xml", 0, 0, NULL, NULL, NULL},
		{"sitemap-follow-alpha-02.xml", 0, 2, "http://HOST/page-alpha-02", "http://HOST/site-alpha-01", NULL},
	};
	sr_arena a;
	sr_arena_init(&a, 0);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		for (int gz = 0; gz < 2; gz++) {
			char path[4400];
			snprintf(path, sizeof path, "%s/%s%s", dir, cases[i].file, gz ? ".gz" : "");
			size_t len;
			char *s = slurp(path, &len);
			if (!s)
				continue; /* not every file has a .gz twin */
			sr_sitemap sm;
			char why[SR_SITEMAP_WHY_MAX];
			int rc = sr_sitemap_parse(s, len, NULL, &a, &sm, why);
			if (rc != SR_OK)
				print_error("%s: %s\n", path, why);
			assert_int_equal(rc, SR_OK);
			assert_int_equal(sm.is_index, cases[i].index);
			if (cases[i].n) {
				assert_int_equal(sm.n_urls, cases[i].n);
				/* the gzip twin of an index names the gzip children ("...xml.gz") */
				assert_int_equal(strncmp(sm.urls[0].loc, cases[i].first, strlen(cases[i].first)), 0);
				if (cases[i].last)
					assert_int_equal(strncmp(sm.urls[sm.n_urls - 1].loc, cases[i].last,
								 strlen(cases[i].last)), 0);
				if (cases[i].lastmod)
					assert_string_equal(sm.urls[0].lastmod, cases[i].lastmod);
			} else {
				assert_true(sm.n_urls > 0);
			}
			free(s);
			sr_arena_reset(&a);
		}
	}
	/* the news extension */
	char path[4400];
	snprintf(path, sizeof path, "%s/sitemap-news-01.xml", dir);
	size_t len;
	char *s = slurp(path, &len);
	sr_sitemap sm;
	char why[SR_SITEMAP_WHY_MAX];
	assert_int_equal(sr_sitemap_parse(s, len, NULL, &a, &sm, why), SR_OK);
	assert_string_equal(sm.urls[0].news_title, "Breaking: Example Article");
	assert_string_equal(sm.urls[0].news_date, "2026-05-03T10:00:00+01:00");
	assert_string_equal(sm.urls[0].news_name, "Example News");
	free(s);
	/* empty and corrupt files: errors, never a crash */
	static const char *const bad[] = {"sitemap-empty.xml", "sitemap-empty.xml.gz", "sitemapindex-empty.xml",
					   "sitemapindex-empty.xml.gz", "corrupted.gz",
					   "sitemapindex-empty-corrupted.xml.gz", "test.gz", "test.txt"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, bad[i]);
		s = slurp(path, &len);
		assert_non_null(s);
		int rc = sr_sitemap_parse(s, len, NULL, &a, &sm, why);
		if (rc == SR_OK)
			print_error("%s: parsed (%zu urls), wanted an error\n", bad[i], sm.n_urls);
		assert_true(rc < 0);
		assert_true(why[0] != '\0');
		free(s);
	}
	sr_arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_news_fixture),
		cmocka_unit_test(test_inline),
		cmocka_unit_test(test_golden),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
