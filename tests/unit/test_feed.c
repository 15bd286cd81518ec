/* Unit tests for lib/source/feed (RSS 2.0/0.91, RDF, Atom, JSON Feed, dates, broken and
 * hostile input, discovery, sniffing) and lib/source/xmlin, on the fixtures in
 * tests/fixtures/feeds (written for sitrep; "HOST" stands for the server). */
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

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "source/feed.h"
#include "source/xmlin.h"

static const char *repo_root(void)
{
	static char root[4096];
	const char *dirs[] = {".", "..", "../..", "../../..", NULL};
	char probe[4200];
	const char *env = getenv("SITREP_ROOT");
	if (env) {
		snprintf(root, sizeof root, "%s", env);
		return root;
	}
	for (int i = 0; dirs[i]; i++) {
		snprintf(probe, sizeof probe, "%s/tests/fixtures/feeds/rss2.xml", dirs[i]);
		if (access(probe, R_OK) == 0) {
			snprintf(root, sizeof root, "%s", dirs[i]);
			return root;
		}
	}
	return NULL;
}

/* The fixture with "HOST" replaced by news.test; the caller frees. */
static char *fixture(const char *name, size_t *len)
{
	const char *root = repo_root();
	assert_non_null(root);
	char path[4200];
	snprintf(path, sizeof path, "%s/tests/fixtures/feeds/%s", root, name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	sr_buf raw, out;
	sr_buf_init(&raw, 1 << 24);
	sr_buf_init(&out, 1 << 24);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		assert_int_equal(sr_buf_append(&raw, chunk, n), SR_OK);
	fclose(f);
	for (size_t i = 0; i < raw.len; i++) {
		if (i + 4 <= raw.len && memcmp(raw.data + i, "HOST", 4) == 0) {
			sr_buf_puts(&out, "news.test");
			i += 3;
		} else {
			sr_buf_putc(&out, raw.data[i]);
		}
	}
	sr_buf_release(&raw);
	return sr_buf_detach(&out, len);
}

static int parse(const char *name, const char *url, sr_arena *a, sr_feed *f, char *why)
{
	size_t len;
	char *s = fixture(name, &len);
	int rc = sr_feed_parse(s, len, url, NULL, a, f, why);
	free(s);
	return rc;
}

static void test_rss2(void **state)
{
	(void)state;
	sr_arena a;
	sr_arena_init(&a, 0);
	sr_feed f;
	char why[SR_FEED_WHY_MAX];
	assert_int_equal(parse("rss2.xml", "http://news.test/feeds/rss2.xml", &a, &f, why), SR_OK);
	assert_int_equal(f.format, SR_FEED_RSS);
	assert_string_equal(f.title, "Harbour Gazette");
	assert_string_equal(f.description, "News from the harbour & the old town");
	assert_string_equal(f.lang, "en-gb");
	assert_int_equal(f.n_items, 4);
	const sr_feed_item *it = &f.items[0];
	assert_string_equal(it->title, "Ferry timetable changes for winter");
	assert_string_equal(it->link, "http://news.test/pages/ferry-winter.html?utm_source=rss");
	assert_string_equal(it->id, "gazette-1001");
	assert_string_equal(it->published, "2026-11-24T08:15:00+02:00");
	assert_int_equal(it->n_authors, 1);
	assert_string_equal(it->authors[0], "Mira Haddad");
	assert_int_equal(it->n_categories, 2);
	assert_string_equal(it->categories[1], "Harbour");
	assert_string_equal(it->image, "http://news.test/img/ferry.jpg");
	assert_non_null(strstr(it->content, "<b>winter timetable</b>"));
	assert_string_equal(it->summary, "The ferry company publishes its winter timetable.");
	assert_true(it->has_geo);
	assert_true(it->lat > 29.52 && it->lat < 29.53 && it->lon > 35.0 && it->lon < 35.01);
	it = &f.items[1];
	assert_string_equal(it->link, "http://news.test/pages/fish-market.html");
	assert_string_equal(it->published, "2026-11-23T17:40:00Z");
	assert_string_equal(it->authors[0], "Samir Odeh");
	assert_string_equal(it->image, "http://news.test/img/market.png");
	assert_false(it->has_geo);
	assert_string_equal(f.items[2].published, "2026-11-23T09:00:00-05:00");
	assert_string_equal(f.items[3].published, "2026-11-22T18:00:00-08:00");
	assert_non_null(strstr(f.items[3].summary, "<p>The restored lighthouse"));
	sr_arena_release(&a);
}

static void test_rss091_entities(void **state)
{
	(void)state;
	sr_arena a;
	sr_arena_init(&a, 0);
	sr_feed f;
	char why[SR_FEED_WHY_MAX];
	assert_int_equal(parse("rss091.xml", NULL, &a, &f, why), SR_OK);
	assert_int_equal(f.format, SR_FEED_RSS);
	assert_string_equal(f.description, "Caf\xc3\xa9 society & more\xc2\xa0news");
	assert_int_equal(f.n_items, 1);
	assert_string_equal(f.items[0].title, "Caf\xc3\xa9 terraces stay open until midnight");
	assert_non_null(strstr(f.items[0].summary, "\xe2\x80\x94"));
	assert_null(f.items[0].published);
	sr_arena_release(&a);
}

static void test_rdf(void **state)
{
	(void)state;
	sr_arena a;
	sr_arena_init(&a, 0);
	sr_feed f;
	char why[SR_FEED_WHY_MAX];
	assert_int_equal(parse("rdf.xml", NULL, &a, &f, why), SR_OK);
	assert_int_equal(f.format, SR_FEED_RDF);
	assert_string_equal(f.title, "Valley Observer");
	assert_int_equal(f.n_items, 1);
	assert_string_equal(f.items[0].link, "http://news.test/pages/olive-harvest.html");
	assert_string_equal(f.items[0].authors[0], "Lina Aziz");
	assert_string_equal(f.items[0].published, "2026-11-21T06:30:00+02:00");
	assert_string_equal(f.items[0].categories[0], "Agriculture");
	sr_arena_release(&a);
}

static void test_atom(void **state)
{
	(void)state;
	sr_arena a;
	sr_arena_init(&a, 0);
	sr_feed f;
	char why[SR_FEED_WHY_MAX];
	assert_int_equal(parse("atom.xml", "http://news.test/feeds/atom.xml", &a, &f, why), SR_OK);
	assert_int_equal(f.format, SR_FEED_ATOM);
	assert_string_equal(f.title, "Desert Dispatch");
	assert_string_equal(f.link, "http://news.test/");
	assert_string_equal(f.lang, "en");
	assert_int_equal(f.n_items, 2);
	const sr_feed_item *it = &f.items[0];
	assert_string_equal(it->title, "Solar farm <em>doubles</em> output");
	assert_string_equal(it->link, "http://news.test/pages/solar-farm.html");
	assert_string_equal(it->image, "http://news.test/img/solar.jpg");
	assert_string_equal(it->published, "2026-11-24T09:30:00+03:00");
	assert_string_equal(it->updated, "2026-11-24T10:00:00Z");
	assert_int_equal(it->n_authors, 2);
	assert_string_equal(it->authors[1], "Dana Saleh");
	assert_string_equal(it->categories[0], "Energy");
	assert_non_null(strstr(it->content, "<strong>forty</strong>"));
	it = &f.items[1];
	assert_string_equal(it->link, "http://news.test/pages/wadi-road.html");
	assert_string_equal(it->published, "2026-11-23T14:00:00Z");
	assert_string_equal(it->content, "<p>Crews finished resurfacing the wadi road.</p>");
	sr_arena_release(&a);
}

static void test_json_feed(void **state)
{
	(void)state;
	sr_arena a;
	sr_arena_init(&a, 0);
	sr_feed f;
	char why[SR_FEED_WHY_MAX];
	assert_int_equal(parse("feed.json", "http://news.test/feeds/feed.json", &a, &f, why), SR_OK);
	assert_int_equal(f.format, SR_FEED_JSON);
	assert_string_equal(f.title, "Coastal Wire");
	assert_int_equal(f.n_items, 2);
	const sr_feed_item *it = &f.items[0];
	assert_string_equal(it->id, "cw-77");
	assert_string_equal(it->image, "http://news.test/img/plant.jpg");
	assert_string_equal(it->authors[0], "Huda Nasser");
	assert_int_equal(it->n_categories, 2);
	assert_true(it->has_geo);
	assert_true(it->lat == 29.5 && it->lon == 35.0);
	it = &f.items[1];
	assert_string_equal(it->id, "78");
	assert_string_equal(it->link, "http://news.test/pages/coral-survey.html");
	assert_string_equal(it->content, "Divers counted more young coral than last year.");
	assert_string_equal(it->authors[0], "Coastal Wire Desk"); /* the feed's authors */
	/* not a JSON Feed */
	assert_int_equal(sr_feed_parse("{\"a\":1}", 7, NULL, NULL, &a, &f, why), SR_EPARSE);
	assert_non_null(strstr(why, "items"));
	assert_int_equal(sr_feed_parse("{\"items\":[", 10, NULL, NULL, &a, &f, why), SR_EPARSE);
	sr_arena_release(&a);
}

static void test_wrong_encoding(void **state)
{
	(void)state;
	sr_arena a;
	sr_arena_init(&a, 0);
	sr_feed f;
	char why[SR_FEED_WHY_MAX];
	assert_int_equal(parse("wrong-encoding.xml", NULL, &a, &f, why), SR_OK);
	assert_string_equal(f.title, "Caf\xc3\xa9 Courier");
	assert_int_equal(f.n_items, 1);
	assert_string_equal(f.items[0].title, "Caf\xc3\xa9 owners\xe2\x80\x99 union meets");
	assert_string_equal(f.items[0].published, "2026-11-24T10:00:00Z");
	/* declared ISO-8859-1 but written in UTF-8: the bytes win */
	const char *lie = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>Caf\xc3\xa9</title>"
			  "</channel></rss>";
	assert_int_equal(sr_feed_parse(lie, strlen(lie), NULL, NULL, &a, &f, why), SR_OK);
	assert_string_equal(f.title, "Caf\xc3\xa9");
	sr_arena_release(&a);
}

static void test_broken(void **state)
{
	(void)state;
	sr_arena a;
	sr_arena_init(&a, 0);
	sr_feed f;
	char why[SR_FEED_WHY_MAX];
	assert_int_equal(parse("broken.xml", NULL, &a, &f, why), SR_OK);
	assert_true(f.recovered);
	assert_non_null(strstr(why, "line"));
	assert_string_equal(f.title, "Broken & Proud");
	assert_true(f.n_items >= 1);
	assert_string_equal(f.items[0].title, "Market report \xe2\x80\xa6 prices steady");
	assert_string_equal(f.items[0].link, "http://news.test/pages/market-report.html");
	/* hopeless input: a clear error */
	assert_int_equal(parse("not-a-feed.html", NULL, &a, &f, why), SR_EPARSE);
	assert_non_null(strstr(why, "not a feed"));
	assert_int_equal(sr_feed_parse("   \n", 4, NULL, NULL, &a, &f, why), SR_EEMPTY);
	assert_int_equal(sr_feed_parse("\x01\x02\x03garbage", 10, NULL, NULL, &a, &f, why), SR_EPARSE);
	assert_true(why[0] != '\0');
	assert_int_equal(sr_feed_parse("<rss><channel><item><title>x", 28, NULL, NULL, &a, &f, why), SR_OK);
	assert_int_equal(f.n_items, 1);
	sr_arena_release(&a);
}

static void test_hostile(void **state)
{
	(void)state;
	sr_arena a;
	sr_arena_init(&a, 0);
	sr_feed f;
	char why[SR_FEED_WHY_MAX];
	/* an external entity: never loaded, never expanded */
	const char *xxe = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
			  "<rss><channel><title>a&xxe;b</title></channel></rss>";
	assert_int_equal(sr_feed_parse(xxe, strlen(xxe), NULL, NULL, &a, &f, why), SR_OK);
	assert_null(strstr(f.title, "root"));
	/* entity expansion bombs: nothing is expanded */
	const char *bomb = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">"
			   "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
			   "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><rss><channel><title>&d;&d;&d;</title>"
			   "</channel></rss>";
	assert_int_equal(sr_feed_parse(bomb, strlen(bomb), NULL, NULL, &a, &f, why), SR_OK);
	assert_true(!f.title || strlen(f.title) < 100);
	/* links with other schemes are dropped */
	const char *js = "<rss><channel><item><title>t</title><link>javascript:alert(1)</link></item></channel></rss>";
	assert_int_equal(sr_feed_parse(js, strlen(js), "http://news.test/", NULL, &a, &f, why), SR_OK);
	assert_null(f.items[0].link);
	sr_arena_release(&a);
}

static void test_gzip(void **state)
{
	(void)state;
	size_t len;
	char *s = fixture("rss2.xml", &len);
	unsigned char gz[16384];
	z_stream z;
	memset(&z, 0, sizeof z);
	assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = (unsigned char *)s;
	z.avail_in = (unsigned)len;
	z.next_out = gz;
	z.avail_out = sizeof gz;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	size_t glen = sizeof gz - z.avail_out;
	deflateEnd(&z);
	sr_arena a;
	sr_arena_init(&a, 0);
	sr_feed f;
	char why[SR_FEED_WHY_MAX];
	assert_int_equal(sr_feed_parse((char *)gz, glen, NULL, NULL, &a, &f, why), SR_OK);
	assert_int_equal(f.n_items, 4);
	assert_int_equal(sr_resource_sniff((char *)gz, glen, NULL, NULL), SR_KIND_FEED);
	/* truncated gzip: an error that says so */
	assert_int_equal(sr_feed_parse((char *)gz, glen / 2, NULL, NULL, &a, &f, why), SR_EPARSE);
	assert_non_null(strstr(why, "gzip"));
	sr_arena_release(&a);
	free(s);
}

static void test_dates(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"Fri, 12 Jul 2024 09:30:00 GMT", "2024-07-12T09:30:00Z"},
		{"Fri, 12 Jul 2024 09:30:00 +0300", "2024-07-12T09:30:00+03:00"},
		{"12 Jul 2024 09:30 EDT", "2024-07-12T09:30:00-04:00"},
		{"Friday, 12 July 2024 09:30:00 +05:30", "2024-07-12T09:30:00+05:30"},
		{"Fri, 12 Jul 24 09:30:00 Z", "2024-07-12T09:30:00Z"},
		{"Fri,12 Jul 2024 9:30:00 GMT", "2024-07-12T09:30:00Z"},
		{"Fri, 2 Jul 2024 09:30:00", "2024-07-02T09:30:00Z"},
		{"Jul 12, 2024 09:30:00 PM", "2024-07-12T21:30:00Z"},
		{"Fri Jul 12 2024 09:30:00 GMT+0200", "2024-07-12T09:30:00+02:00"},
		{"12-Jul-2024 09:30:00", "2024-07-12T09:30:00Z"},
		{"2024-07-12T09:30:00Z", "2024-07-12T09:30:00Z"},
		{"2024-07-12T09:30:00.123+02:00", "2024-07-12T09:30:00+02:00"},
		{"2024-07-12 09:30:00", "2024-07-12T09:30:00Z"},
		{"2024-07-12", "2024-07-12"},
		{"  2024-07-12T09:30Z ", "2024-07-12T09:30:00Z"},
		{"Fri, 12 Jul 2024 09:30:00 CEST", "2024-07-12T09:30:00+02:00"},
		{"Sat, 29 Feb 2025 10:00:00 GMT", NULL},
		{"Fri, 32 Jul 2024 09:30:00 GMT", NULL},
		{"yesterday", NULL},
		{"", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[SR_FEED_DATE_MAX];
		int ok = sr_feed_date(cases[i].in, out);
		if (!cases[i].out) {
			if (ok)
				print_error("%s -> %s, wanted nothing\n", cases[i].in, out);
			assert_false(ok);
		} else {
			if (!ok || strcmp(out, cases[i].out))
				print_error("%s -> %s, wanted %s\n", cases[i].in, ok ? out : "(none)", cases[i].out);
			assert_true(ok);
			assert_string_equal(out, cases[i].out);
		}
	}
}

static void test_discover_and_sniff(void **state)
{
	(void)state;
	sr_arena a;
	sr_arena_init(&a, 0);
	size_t len;
	char *s = fixture("home.html", &len);
	sr_feed_link *links;
	size_t n;
	assert_int_equal(sr_feed_discover(s, len, "http://news.test/", &a, &links, &n), SR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(links[0].url, "http://news.test/feeds/atom.xml");
	assert_string_equal(links[0].type, "application/atom+xml");
	assert_string_equal(links[0].title, "Dispatches (Atom)");
	assert_string_equal(links[1].url, "http://news.test/feeds/rss2.xml");
	assert_int_equal(sr_resource_sniff(s, len, NULL, NULL), SR_KIND_HTML);
	free(s);
	const char *names[] = {"rss2.xml", "rss091.xml", "rdf.xml", "atom.xml", "feed.json", "broken.xml"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		s = fixture(names[i], &len);
		assert_int_equal(sr_resource_sniff(s, len, NULL, NULL), SR_KIND_FEED);
		free(s);
	}
	s = fixture("sitemap-news.xml", &len);
	assert_int_equal(sr_resource_sniff(s, len, NULL, NULL), SR_KIND_SITEMAP);
	free(s);
	s = fixture("robots.txt", &len);
	assert_int_equal(sr_resource_sniff(s, len, "http://news.test/robots.txt", NULL), SR_KIND_ROBOTS);
	free(s);
	assert_int_equal(sr_resource_sniff("hello", 5, NULL, NULL), SR_KIND_UNKNOWN);
	const char *none = "<html><head><link rel=stylesheet href=a.css></head></html>";
	assert_int_equal(sr_feed_discover(none, strlen(none), "http://news.test/", &a, &links, &n), SR_OK);
	assert_int_equal(n, 0);
	const char *based = "<html><head><base href=\"http://cdn.test/x/\"><link rel=\"Alternate feed\" "
			    "type=\"application/feed+json\" href=\"feed.json\"></head></html>";
	assert_int_equal(sr_feed_discover(based, strlen(based), "http://news.test/", &a, &links, &n), SR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(links[0].url, "http://cdn.test/x/feed.json");
	sr_arena_release(&a);
}

static void test_resolve(void **state)
{
	(void)state;
	sr_arena a;
	sr_arena_init(&a, 0);
	assert_string_equal(sr_feed_resolve("http://a.test/x/y.xml", "../z.html", &a), "http://a.test/z.html");
	assert_string_equal(sr_feed_resolve("https://a.test/x/", "//b.test/q", &a), "https://b.test/q");
	assert_string_equal(sr_feed_resolve(NULL, "http://c.test/", &a), "http://c.test/");
	assert_null(sr_feed_resolve(NULL, "relative.html", &a));
	assert_null(sr_feed_resolve("http://a.test/", "mailto:x@y", &a));
	sr_arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rss2),
		cmocka_unit_test(test_rss091_entities),
		cmocka_unit_test(test_rdf),
		cmocka_unit_test(test_atom),
		cmocka_unit_test(test_json_feed),
		cmocka_unit_test(test_wrong_encoding),
		cmocka_unit_test(test_broken),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_gzip),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_discover_and_sniff),
		cmocka_unit_test(test_resolve),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
