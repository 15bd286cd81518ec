/* Unit tests for lib/source/robots: groups, longest match, wildcards, Crawl-delay, Sitemap
 * lines, junk; golden checks on ../shared/data/sitemaps robots.txt files (skipped when
 * absent; $SITREP_DATA overrides the place). */
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
#include "source/robots.h"

static const char sample[] =
	"# comments and blank lines are ignored\n"
	"User-agent: *\n"
	"Disallow: /private/\n"
	"Allow: /private/public-note.html\n"
	"Disallow: /*.pdf$\n"
	"Disallow: /search?\n"
	"Crawl-delay: 5\n"
	"\n"
	"User-agent: otherbot\n"
	"User-agent: sitrep\n"
	"Disallow: /drafts\n"
	"Allow: /drafts/published/\n"
	"Disallow: /a%2Fb\n"
	"Crawl-delay: 2.5\n"
	"\n"
	"Sitemap: https://r.test/sitemap.xml\n"
	"sitemap: /news-sitemap.xml   # relative\n"
	"User-agent: SITREP\r\n"
	"Disallow: /tmp/\r\n";

static void test_groups(void **state)
{
	(void)state;
	sr_arena a;
	sr_arena_init(&a, 0);
	sr_robots r;
	assert_int_equal(sr_robots_parse(sample, strlen(sample), "sitrep", "https://r.test/robots.txt", &a, &r),
			 SR_OK);
	/* our group (merged from both "sitrep" groups), not "*" */
	assert_true(r.crawl_delay > 2.4 && r.crawl_delay < 2.6);
	assert_true(sr_robots_allowed(&r, "/private/x.html"));
	assert_false(sr_robots_allowed(&r, "/drafts"));
	assert_false(sr_robots_allowed(&r, "/drafts/2024/a.html"));
	assert_true(sr_robots_allowed(&r, "/drafts/published/a.html"));
	assert_false(sr_robots_allowed(&r, "/tmp/x"));
	assert_false(sr_robots_allowed(&r, "https://r.test/tmp/y?q=1"));
	assert_true(sr_robots_allowed(&r, "/robots.txt"));
	assert_false(sr_robots_allowed(&r, "/a%2fb"));
	assert_int_equal(r.n_sitemaps, 2);
	assert_string_equal(r.sitemaps[0], "https://r.test/sitemap.xml");
	assert_string_equal(r.sitemaps[1], "https://r.test/news-sitemap.xml");
	/* another crawler gets the "*" group */
	assert_int_equal(sr_robots_parse(sample, strlen(sample), "somebot", NULL, &a, &r), SR_OK);
	assert_true(r.crawl_delay > 4.9 && r.crawl_delay < 5.1);
	assert_false(sr_robots_allowed(&r, "/private/secret.html"));
	assert_true(sr_robots_allowed(&r, "/private/public-note.html")); /* longer Allow wins */
	assert_false(sr_robots_allowed(&r, "/docs/report.pdf"));
	assert_true(sr_robots_allowed(&r, "/docs/report.pdf?download=1")); /* $ anchors */
	assert_false(sr_robots_allowed(&r, "/search?q=x"));
	assert_true(sr_robots_allowed(&r, "/search"));
	assert_true(sr_robots_allowed(&r, "/drafts/x"));
	assert_true(sr_robots_allowed(&r, "/"));
	sr_arena_release(&a);
}

static void test_edge(void **state)
{
	(void)state;
	sr_arena a;
	sr_arena_init(&a, 0);
	sr_robots r;
	/* empty file, empty Disallow: everything allowed; no delay */
	assert_int_equal(sr_robots_parse("", 0, "sitrep", NULL, &a, &r), SR_OK);
	assert_true(sr_robots_allowed(&r, "/anything"));
	assert_true(r.crawl_delay < 0);
	const char *open = "User-agent: *\nDisallow:\n";
	assert_int_equal(sr_robots_parse(open, strlen(open), "sitrep", NULL, &a, &r), SR_OK);
	assert_true(sr_robots_allowed(&r, "/x"));
	/* all disallowed; a tie between Allow and Disallow goes to Allow */
	const char *all = "User-agent: *\nDisallow: /\nAllow: /\n";
	assert_int_equal(sr_robots_parse(all, strlen(all), "sitrep", NULL, &a, &r), SR_OK);
	assert_true(sr_robots_allowed(&r, "/x"));
	const char *none = "User-agent: *\nDisallow: /\n";
	assert_int_equal(sr_robots_parse(none, strlen(none), "sitrep", NULL, &a, &r), SR_OK);
	assert_false(sr_robots_allowed(&r, "/x"));
	assert_false(sr_robots_allowed(&r, "/"));
	/* rules before any User-agent, junk lines, binary: ignored */
	const char junk[] = "Disallow: /a\n\x01\x02garbage\nUser-agent *\n<html>\nUser-agent: sitrep/2.0\nDisallow: /b*c$\n";
	assert_int_equal(sr_robots_parse(junk, sizeof junk - 1, "sitrep", NULL, &a, &r), SR_OK);
	assert_true(sr_robots_allowed(&r, "/a"));
	assert_false(sr_robots_allowed(&r, "/b/x/c"));
	assert_true(sr_robots_allowed(&r, "/b/x/cd"));
	/* a pathological wildcard pattern stays fast */
	sr_buf b;
	sr_buf_init(&b, 1 << 20);
	sr_buf_puts(&b, "User-agent: *\nDisallow: /");
	for (int i = 0; i < 500; i++)
		sr_buf_puts(&b, "a*");
	sr_buf_puts(&b, "b\n");
	assert_int_equal(sr_robots_parse(b.data, b.len, "sitrep", NULL, &a, &r), SR_OK);
	char path[5000];
	path[0] = '/';
	memset(path + 1, 'a', 4000);
	path[4001] = '\0';
	assert_true(sr_robots_allowed(&r, path));
	sr_buf_release(&b);
	sr_arena_release(&a);
}

static void test_golden(void **state)
{
	(void)state;
	const char *env = getenv("SITREP_DATA");
	char dir[4096];
	if (env)
		snprintf(dir, sizeof dir, "%s/sitemaps/go-sitemap-parser", env);
	else
		snprintf(dir, sizeof dir, "../shared/data/sitemaps/go-sitemap-parser");
	char probe[4300];
	snprintf(probe, sizeof probe, "%s/robots-with-sitemapindex-2/robots.txt", dir);
	if (access(probe, R_OK) != 0) {
		print_message("../shared/data/sitemaps absent (set SITREP_DATA): golden check skipped\n");
		skip();
	}
	static const struct {
		const char *sub;
		size_t n_sitemaps;
		const char *first;
		int root_allowed;
	} cases[] = {
		{"robots-empty", 0, NULL, 1},
		{"robots-with-invalid-sitemap", 1, "http://HOST/invalid.xml", 0},
		{"robots-with-sitemapindex", 1, "http://HOST/sitemapindex-1.xml", 0},
		{"robots-with-sitemapindex-2", 2, "http://HOST/sitemapindex-1.xml", 0},
		{"robots-with-sitemapindex-gz", 1, "http://HOST/sitemapindex-1.xml.gz", 0},
		{"robots-without-sitemap", 0, NULL, 0},
	};
	sr_arena a;
	sr_arena_init(&a, 0);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char path[4400];
		snprintf(path, sizeof path, "%s/%s/robots.txt", dir, cases[i].sub);
		FILE *f = fopen(path, "rb");
		assert_non_null(f);
		char buf[8192];
		size_t n = fread(buf, 1, sizeof buf, f);
		fclose(f);
		sr_robots r;
		assert_int_equal(sr_robots_parse(buf, n, "sitrep", "http://HOST/robots.txt", &a, &r), SR_OK);
		assert_int_equal(r.n_sitemaps, cases[i].n_sitemaps);
		if (cases[i].first)
			assert_string_equal(r.sitemaps[0], cases[i].first);
		assert_int_equal(sr_robots_allowed(&r, "/page"), cases[i].root_allowed);
		sr_arena_reset(&a);
	}
	sr_arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_edge),
		cmocka_unit_test(test_golden),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
