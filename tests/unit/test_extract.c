/*
 * test_extract.c - the extract stage: sniffing, charsets, dates, bylines, HTML and text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/utf8.h"
#include "extract/charset.h"
#include "extract/clean.h"
#include "extract/credit.h"
#include "extract/date.h"
#include "extract/extract.h"
#include "extract/lexicon.h"
#include "extract/meta.h"
#include "extract/script.h"

typedef struct fx {
	sr_arena a;
	sr_article art;
	sr_extract_info info;
} fx;

static int setup(void **state)
{
	static fx f;
	memset(&f, 0, sizeof(f));
	sr_arena_init(&f.a, 64u << 20);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	sr_arena_release(&f->a);
	return 0;
}

static int run(fx *f, const char *s, size_t n, sr_format fmt, const char *url, const char *ct)
{
	sr_arena_reset(&f->a);
	sr_extract_opts o = {.url = url, .content_type = ct, .format = fmt};
	return sr_extract(s, n, &o, &f->a, &f->art, &f->info);
}

static int runs(fx *f, const char *s, sr_format fmt)
{
	return run(f, s, strlen(s), fmt, NULL, NULL);
}

static void assert_valid(const char *s)
{
	if (!s)
		return;
	size_t n = strlen(s);
	assert_int_equal(sr_utf8_check(s, n), n);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		assert_true(c >= 0x20 || c == '\n' || c == '\t');
	}
}

static void assert_article_valid(const sr_article *a)
{
	assert_valid(a->title);
	assert_valid(a->text);
	assert_valid(a->published);
	assert_valid(a->description);
	assert_valid(a->site_name);
	for (size_t i = 0; i < a->n_authors; i++)
		assert_valid(a->authors[i]);
	for (size_t i = 0; i < a->n_tags; i++)
		assert_valid(a->tags[i]);
}

/* ---- sniffing ---- */

static void test_sniff(void **state)
{
	(void)state;
	assert_int_equal(sr_sniff_format("<!DOCTYPE html><p>x", 19), 1);
	assert_int_equal(sr_sniff_format("  \n<html><body>x", 16), 1);
	assert_int_equal(sr_sniff_format("Hello world.\nSecond line.", 25), 0);
	assert_int_equal(sr_sniff_format("Title\n\nBody with a <br> tag", 27), 1);
	assert_int_equal(sr_sniff_format("", 0), SR_EEMPTY);
	assert_int_equal(sr_sniff_format(" \n\t \r\n", 6), SR_EEMPTY);
	assert_int_equal(sr_sniff_format("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), SR_EBINARY);
	assert_int_equal(sr_sniff_format("%PDF-1.7\n", 9), SR_EBINARY);
	assert_int_equal(sr_sniff_format("text\0with nul", 13), SR_EBINARY);
	/* a stray NUL in a long text does not make it binary; control bytes everywhere do */
	char longtext[400], noise[400];
	for (size_t i = 0; i < sizeof(longtext); i++) {
		longtext[i] = (char)('a' + i % 26);
		noise[i] = (char)(i * 37 % 251);
	}
	longtext[100] = '\0';
	assert_int_equal(sr_sniff_format(longtext, sizeof(longtext)), 0);
	assert_int_equal(sr_sniff_format(noise, sizeof(noise)), SR_EBINARY);
	assert_int_equal(sr_sniff_format("\xFF\xFE<\0h\0t\0m\0l\0>\0", 14), 1);
}

static void test_empty_and_binary(void **state)
{
	fx *f = *state;
	assert_int_equal(runs(f, "", SR_FORMAT_AUTO), SR_EEMPTY);
	assert_int_equal(runs(f, "   \n\n  ", SR_FORMAT_TEXT), SR_EEMPTY);
	assert_int_equal(run(f, "\x1f\x8b\x08\0\0\0\0\0", 8, SR_FORMAT_AUTO, NULL, NULL),
			 SR_EBINARY);
	assert_int_equal(runs(f, "<html><body><script>var x=1;</script></body></html>",
			      SR_FORMAT_AUTO), SR_EEMPTY);
}

/* ---- charsets ---- */

static void test_charset_detect(void **state)
{
	(void)state;
	size_t bom;
	assert_string_equal(sr_charset_detect("\xEF\xBB\xBFhi", 5, NULL, 1, &bom), "UTF-8");
	assert_int_equal(bom, 3);
	assert_string_equal(sr_charset_detect("\xFF\xFEh\0", 4, NULL, 1, &bom), "UTF-16LE");
	const char *meta = "<html><head><meta charset=\"windows-1256\"></head><body>\xC7\xE1</body>";
	assert_string_equal(sr_charset_detect(meta, strlen(meta), NULL, 1, &bom), "windows-1256");
	const char *equiv = "<meta http-equiv=\"Content-Type\" content=\"text/html; "
			    "charset=ISO-8859-1\"><p>caf\xE9</p>";
	assert_string_equal(sr_charset_detect(equiv, strlen(equiv), NULL, 1, &bom),
			    "windows-1252");
	/* the HTTP header wins over the document */
	assert_string_equal(sr_charset_detect(equiv, strlen(equiv), "text/html; charset=koi8-r", 1,
					      &bom), "KOI8-R");
	/* undeclared: valid UTF-8 is UTF-8, latin-1 bytes are windows-1252 */
	assert_string_equal(sr_charset_detect("<p>caf\xC3\xA9</p>", 13, NULL, 1, &bom), "UTF-8");
	assert_string_equal(sr_charset_detect("<p>caf\xE9 cr\xE8me</p>", 18, NULL, 1, &bom),
			    "windows-1252");
	/* a latin-1 label on UTF-8 bytes */
	const char *lie = "<meta charset=iso-8859-1><p>caf\xC3\xA9 cr\xC3\xA8me</p>";
	assert_string_equal(sr_charset_detect(lie, strlen(lie), NULL, 1, &bom), "UTF-8");
	/* the language says which legacy charset */
	const char *ar = "<html lang=\"ar\"><p>\xC7\xE1\xD3\xE1\xC7\xE3</p>";
	assert_string_equal(sr_charset_detect(ar, strlen(ar), NULL, 1, &bom), "windows-1256");
	assert_string_equal(sr_charset_canonical("GB2312", 6), "GB18030");
	assert_null(sr_charset_canonical("x-klingon", 9));
}

static void test_charset_html(void **state)
{
	fx *f = *state;
	/* windows-1256: "السلام" */
	const char *p = "<html><head><meta charset=\"windows-1256\"><title>t</title></head>"
			"<body><p>\xC7\xE1\xD3\xE1\xC7\xE3 \xDA\xE1\xED\xDF\xE3</p></body></html>";
	assert_int_equal(runs(f, p, SR_FORMAT_AUTO), SR_OK);
	assert_string_equal(f->info.charset, "windows-1256");
	assert_non_null(strstr(f->art.text, "السلام عليكم"));
	/* UTF-16LE with a BOM */
	const char u16[] = "\xFF\xFE<\0p\0>\0H\0i\0\xE9\0<\0/\0p\0>\0";
	assert_int_equal(run(f, u16, sizeof(u16) - 1, SR_FORMAT_AUTO, NULL, NULL), SR_OK);
	assert_string_equal(f->art.text, "Hi\xC3\xA9");
	/* invalid bytes in a UTF-8 page never reach the output */
	const char *bad = "<meta charset=utf-8><p>ok \xC3\xA9 then \xFF\xFE bad \xC0\xAF and "
			  "\x01 control</p>";
	assert_int_equal(runs(f, bad, SR_FORMAT_AUTO), SR_OK);
	assert_article_valid(&f->art);
	assert_non_null(strstr(f->art.text, "ok \xC3\xA9 then"));
}

/* ---- dates ---- */

static void check_date(const char *in, const char *want)
{
	char out[SR_DATE_MAX];
	int ok = sr_date_find(in, strlen(in), out, NULL, NULL);
	if (!want) {
		assert_int_equal(ok, 0);
		return;
	}
	assert_int_equal(ok, 1);
	assert_string_equal(out, want);
}

static void test_dates(void **state)
{
	(void)state;
	check_date("2024-07-12", "2024-07-12");
	check_date("2024-07-12T09:30:00+03:00", "2024-07-12T09:30:00+03:00");
	check_date("2024-07-12T09:30:00.000Z", "2024-07-12T09:30:00Z");
	check_date("2024-07-12 09:30", "2024-07-12T09:30:00");
	check_date("Fri, 12 Jul 2024 09:30:00 GMT", "2024-07-12T09:30:00Z");
	check_date("Fri, 12 Jul 2024 09:30:00 +0200", "2024-07-12T09:30:00+02:00");
	check_date("Posted on July 12, 2024 by admin", "2024-07-12");
	check_date("July 12th, 2024", "2024-07-12");
	check_date("12 July 2024", "2024-07-12");
	check_date("12. Juli 2024", "2024-07-12");
	check_date("Veröffentlicht am 3. März 2020, 10:15 Uhr", "2020-03-03");
	check_date("12.07.2024", "2024-07-12");
	check_date("le 1er août 2019", "2019-08-01");
	check_date("12 juillet 2024", "2024-07-12");
	check_date("12 de julio de 2024", "2024-07-12");
	check_date("١٢ يوليو ٢٠٢٤", "2024-07-12");
	check_date("12 تموز 2024", "2024-07-12");
	check_date("5 كانون الثاني 2023", "2023-01-05");
	check_date("2024年7月12日", "2024-07-12");
	check_date("07/12/2024", "2024-07-12");
	check_date("25/12/2023", "2023-12-25");
	check_date("no date here, only 2024 and 12", NULL);
	check_date("31.02.2024", NULL);
	check_date("1850-01-01", NULL);
	/* two-digit years, dotted, as German sites write them; not a dotted version number */
	check_date("23.09.22", "2022-09-23");
	check_date("Von: Björn Jahner | 31.10.23", "2023-10-31");
	check_date("23.09.20 | 18:19", "2020-09-23");
	check_date("version 10.12.19.4", NULL);
	check_date("1.2.22", NULL);
	/* a day, month and year set apart by bars */
	check_date("26 | 01 | 2022 Schweiz | Praxis", "2022-01-26");
	check_date("26 | 13 | 2022", NULL);
	/* month names of every language the table holds, short and long, any case */
	check_date("3 października 2021", "2021-10-03");
	check_date("3 Października 2021", "2021-10-03");
	check_date("14 settembre 2020", "2020-09-14");
	check_date("1 de março de 2021", "2021-03-01");
	check_date("9 maart 2021", "2021-03-09");
	check_date("Dec 31, 2021", "2021-12-31");
	check_date("10 Jänner 2022", "2022-01-10");
	check_date("1 دجنبر 2020", "2020-12-01");
	check_date("1 diciembre 2020", "2020-12-01");
	check_date("12 mayo 2020", "2020-05-12");
	check_date("12 maybe 2020", NULL);
	check_date("12 ma 2020", NULL);
	char out[SR_DATE_MAX];
	assert_int_equal(sr_date_from_url("https://e.org/2024/07/12/story", out), 1);
	assert_string_equal(out, "2024-07-12");
	assert_int_equal(sr_date_from_url("https://e.org/news/2019-03-05-title", out), 1);
	assert_string_equal(out, "2019-03-05");
	assert_int_equal(sr_date_from_url("https://e.org/a/20200131/x", out), 1);
	assert_string_equal(out, "2020-01-31");
	assert_int_equal(sr_date_from_url("https://e.org/item/123456", out), 0);
	/* a path segment that is a date, day first */
	assert_int_equal(sr_date_from_url("https://e.org/meldungen/29-10-2021", out), 1);
	assert_string_equal(out, "2021-10-29");
	assert_int_equal(sr_date_from_url("https://e.org/meldungen/29-10-2021/", out), 1);
	assert_int_equal(sr_date_from_url("https://e.org/meldungen/31-02-2021", out), 0);
	assert_int_equal(sr_date_from_url("https://e.org/tel/12-34-567890", out), 0);
}

/* ---- bylines ---- */

static void test_authors(void **state)
{
	fx *f = *state;
	sr_arena_reset(&f->a);
	const char *names[8];
	size_t n = 0;
	const char *s = "By Jane Doe and John Roe";
	sr_clean_authors(&f->a, s, strlen(s), names, &n, 8, 0);
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "Jane Doe");
	assert_string_equal(names[1], "John Roe");
	n = 0;
	s = "Von Anna Schmidt, Peter Meier und Lena Roth | 12.03.2020";
	sr_clean_authors(&f->a, s, strlen(s), names, &n, 8, 0);
	assert_int_equal(n, 3);
	assert_string_equal(names[2], "Lena Roth");
	n = 0;
	s = "https://www.facebook.com/someone";
	sr_clean_authors(&f->a, s, strlen(s), names, &n, 8, 0);
	assert_int_equal(n, 0);
}

/* Names in script state: the key decides, the value must look like a person's name. */
static void test_script_author(void **state)
{
	(void)state;
	char out[128];
	const char *js = "var d = {\"author_id\":\"77\",\"authorUrl\":\"https://x.org/a\","
			 "\"BU_author\" : \"Oph\\u00e9lie Ostermann\"};";
	assert_int_not_equal(sr_script_author(js, strlen(js), out, sizeof(out)), 0);
	assert_string_equal(out, "Ophélie Ostermann");
	/* an empty list is not followed into the next object's "name" */
	js = "x = {\"authors\":[],\"related\":[{\"name\":\"Olympische Spiele\"}]}";
	assert_int_equal(sr_script_author(js, strlen(js), out, sizeof(out)), 0);
	js = "x = {\"storyAuthors\":[{\"name\":\"J.R. Stone\",\"url\":\"/j\"}]}";
	assert_int_not_equal(sr_script_author(js, strlen(js), out, sizeof(out)), 0);
	assert_string_equal(out, "J.R. Stone");
	/* JSON inside a JavaScript string: escaped quotes */
	js = "init('{\\\"writer\\\":\\\"Ann Carter\\\"}')";
	assert_int_not_equal(sr_script_author(js, strlen(js), out, sizeof(out)), 0);
	assert_string_equal(out, "Ann Carter");
	/* not names: a handle, a role, a comment's author, a comparison, lowercase words */
	js = "a = {author: 'admin', authorTitle: 'Senior Editor', comment_author: 'Max Roth'};"
	     "if (author == 'Jane Doe') {} b = {byline: 'staff writer here'}";
	assert_int_equal(sr_script_author(js, strlen(js), out, sizeof(out)), 0);
	assert_true(sr_script_name_shaped("Ursula von der Leyen", 20));
	assert_true(sr_script_name_shaped("Iris Lange-Fricke", 17));
	assert_false(sr_script_name_shaped("Jane", 4));
	assert_false(sr_script_name_shaped("Jane Doe 2", 10));
	assert_false(sr_script_name_shaped("Recht & Gesetz", 14));
}

/* Visible bylines: where a byline word may stand, where the name ends, what is a site. */
static void test_byline_rules(void **state)
{
	fx *f = *state;
	sr_arena_reset(&f->a);
	size_t off;
	const char *s = "Geschrieben von Cooper am 25.08.2015 22:30";
	assert_true(sr_clean_find_byline(s, strlen(s), &off));
	assert_int_equal(off, 12);
	s = "06.11.2023 13:30 von Olga";
	assert_true(sr_clean_find_byline(s, strlen(s), &off));
	/* running text: a noun before "von", a lowercase word after the name */
	s = "US-Sport in Zeiten von Corona";
	assert_false(sr_clean_find_byline(s, strlen(s), &off));
	s = "Im von Adam Ondra veröffentlichten Video sind viele Sequenzen";
	assert_false(sr_clean_find_byline(s, strlen(s), &off));
	s = "Written by: Julie Mollins";
	assert_true(sr_clean_find_byline(s, strlen(s), &off));
	s = "Text & Fotos: Ivan Valetny";
	assert_true(sr_clean_find_byline(s, strlen(s), &off));
	const char *names[8];
	size_t n = 0;
	/* a line break and a label end the name */
	s = "Autor: Fritz Imhof\nQuelle: Livenet";
	sr_clean_authors(&f->a, s, strlen(s), names, &n, 8, 1);
	assert_int_equal(n, 1);
	assert_string_equal(names[0], "Fritz Imhof");
	n = 0;
	s = "Autor: Klausmartin Friedrich Tags: Haubenfahrzeuge";
	sr_clean_authors(&f->a, s, strlen(s), names, &n, 8, 1);
	assert_int_equal(n, 1);
	assert_string_equal(names[0], "Klausmartin Friedrich");
	n = 0;
	s = "By\nJane Doe";
	sr_clean_authors(&f->a, s, strlen(s), names, &n, 8, 1);
	assert_int_equal(n, 1);
	assert_string_equal(names[0], "Jane Doe");
	/* digits in a one-word handle stay; a date after a name goes */
	n = 0;
	s = "von freeman1984";
	sr_clean_authors(&f->a, s, strlen(s), names, &n, 8, 1);
	assert_int_equal(n, 1);
	assert_string_equal(names[0], "freeman1984");
	n = 0;
	s = "Jane Doe 12.03.2020";
	sr_clean_authors(&f->a, s, strlen(s), names, &n, 8, 1);
	assert_int_equal(n, 1);
	assert_string_equal(names[0], "Jane Doe");
	/* the site's name, a part of it, its initials, the host, an organisation */
	assert_true(sr_meta_site_like("LN", "LN - Lübecker Nachrichten", NULL));
	assert_true(sr_meta_site_like("JF", "JUNGE FREIHEIT", NULL));
	assert_true(sr_meta_site_like("EFC Bayrische Bembel", NULL,
				      "http://bayrische-bembel.de/a.html"));
	assert_true(sr_meta_site_like("Hanns-Seidel-Stiftung e.V.", NULL, NULL));
	assert_true(sr_meta_site_like("JuraForum.de-Redaktion", NULL, NULL));
	assert_false(sr_meta_site_like("Jana Weber", "Lübecker Nachrichten",
				       "https://www.ln-online.de/a"));
	assert_false(sr_meta_site_like("JW", "Lübecker Nachrichten", NULL));
}

/* ---- HTML ---- */

static const char *page_boiler =
	"<!DOCTYPE html><html lang=\"en-GB\"><head><title>Harbour reopens - Example News</title>"
	"<meta property=\"og:site_name\" content=\"Example News\">"
	"<meta name=\"description\" content=\"The harbour is open again.\">"
	"<link rel=\"canonical\" href=\"/news/harbour\"></head><body>"
	"<header><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/w\">World</a></li>"
	"<li><a href=\"/s\">Sport</a></li></ul></nav></header>"
	"<div class=\"cookie-banner\">We use cookies to improve your experience.</div>"
	"<main><article><h1>Harbour reopens</h1>"
	"<p class=\"byline\">By <a rel=\"author\" href=\"/a/jd\">Jane Doe</a></p>"
	"<time datetime=\"2024-07-12T09:30:00+03:00\">12 July 2024</time>"
	"<p>The harbour reopened on Friday after three weeks of repairs, the port authority "
	"said, and the first ferries arrived in the afternoon.</p>"
	"<div class=\"share-bar\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Tweet</a></div>"
	"<p>Fishermen, who had moored their boats in the next bay, welcomed the news and said "
	"they would return by the weekend.</p>"
	"<ul><li>Ferries run hourly.</li><li>Parking is free until August.</li></ul>"
	"</article>"
	"<section id=\"comments\"><h3>2 comments</h3><p>Great news, finally! I have waited "
	"for this for weeks and weeks, and so has everyone here.</p></section>"
	"<aside class=\"related\"><h3>Related</h3><ul><li><a href=\"/x\">Storm damages pier "
	"in the north of the country</a></li></ul></aside></main>"
	"<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer>"
	"</body></html>";

static void test_html_boilerplate(void **state)
{
	fx *f = *state;
	assert_int_equal(run(f, page_boiler, strlen(page_boiler), SR_FORMAT_AUTO,
			     "https://example.org/news/harbour?x=1", NULL), SR_OK);
	const sr_article *a = &f->art;
	assert_int_equal(f->info.format, SR_FORMAT_HTML);
	assert_string_equal(a->title, "Harbour reopens");
	assert_int_equal(a->n_authors, 1);
	assert_string_equal(a->authors[0], "Jane Doe");
	assert_string_equal(a->published, "2024-07-12T09:30:00+03:00");
	assert_string_equal(a->lang, "en");
	assert_string_equal(a->site_name, "Example News");
	assert_string_equal(a->description, "The harbour is open again.");
	assert_string_equal(a->canonical_url, "https://example.org/news/harbour");
	assert_non_null(strstr(a->text, "The harbour reopened on Friday"));
	assert_non_null(strstr(a->text, "\n\nFishermen, who had"));
	assert_non_null(strstr(a->text, "Ferries run hourly.\n\nParking is free"));
	assert_null(strstr(a->text, "cookies"));
	assert_null(strstr(a->text, "Share on"));
	assert_null(strstr(a->text, "Great news"));
	assert_null(strstr(a->text, "Storm damages"));
	assert_null(strstr(a->text, "Copyright"));
	assert_null(strstr(a->text, "Sport"));
	assert_article_valid(a);
}

static void test_html_jsonld_graph(void **state)
{
	fx *f = *state;
	const char *p =
		"<html><head><title>x</title><script type=\"application/ld+json\">"
		"{\"@context\":\"https://schema.org\",\"@graph\":["
		"{\"@type\":\"WebSite\",\"@id\":\"https://e.org/#site\",\"name\":\"E Daily\"},"
		"{\"@type\":\"Person\",\"@id\":\"https://e.org/#p1\",\"name\":\"Omar Haddad\"},"
		"{\"@type\":[\"NewsArticle\"],\"headline\":\"Talks resume in Amman\","
		"\"datePublished\":\"2024-07-12T08:00:00Z\",\"dateModified\":\"2024-07-13\","
		"\"author\":[{\"@id\":\"https://e.org/#p1\"},{\"@type\":\"Person\",\"name\":\"Lea Roy\"}],"
		"\"articleSection\":[\"World\"],\"keywords\":\"Jordan, NATO\","
		"\"image\":{\"@type\":\"ImageObject\",\"url\":\"https://e.org/i.jpg\"},"
		"\"inLanguage\":\"en-US\"}]}"
		"</script></head><body><article><p>Delegations met again on Friday in the "
		"Jordanian capital to resume talks that stalled in the spring.</p></article>"
		"</body></html>";
	assert_int_equal(runs(f, p, SR_FORMAT_HTML), SR_OK);
	const sr_article *a = &f->art;
	assert_string_equal(a->title, "Talks resume in Amman");
	assert_string_equal(a->published, "2024-07-12T08:00:00Z");
	assert_string_equal(a->modified, "2024-07-13");
	assert_int_equal(a->n_authors, 2);
	assert_string_equal(a->authors[0], "Omar Haddad");
	assert_string_equal(a->authors[1], "Lea Roy");
	assert_string_equal(a->section, "World");
	assert_int_equal(a->n_tags, 2);
	assert_string_equal(a->tags[1], "NATO");
	assert_string_equal(a->image, "https://e.org/i.jpg");
	assert_string_equal(a->site_name, "E Daily");
	assert_string_equal(a->lang, "en");
}

static void test_html_url_date_and_og(void **state)
{
	fx *f = *state;
	const char *p = "<html><head><meta property=\"og:title\" content=\"Budget passes | Site\">"
			"<meta property=\"og:site_name\" content=\"Site\">"
			"<meta property=\"og:image\" content=\"/img/b.png\"></head><body>"
			"<div><p>The budget passed by a wide margin late on Tuesday night, after "
			"a long debate.</p></div></body></html>";
	assert_int_equal(run(f, p, strlen(p), SR_FORMAT_AUTO, "https://s.example/2021/03/09/b",
			     NULL), SR_OK);
	assert_string_equal(f->art.title, "Budget passes");
	assert_string_equal(f->art.published, "2021-03-09");
	assert_string_equal(f->art.image, "https://s.example/img/b.png");
	assert_string_equal(f->art.url, "https://s.example/2021/03/09/b");
}

/* ---- text ---- */

static void test_text_mode(void **state)
{
	fx *f = *state;
	const char *t = "Harbour reopens after repairs\n\nBy Jane Doe\n\n12 July 2024\n\n"
			"The harbour reopened on Friday.\nFerries arrived in the afternoon.\n\n"
			"Fishermen welcomed the news.\n";
	assert_int_equal(runs(f, t, SR_FORMAT_TEXT), SR_OK);
	assert_int_equal(f->info.format, SR_FORMAT_TEXT);
	assert_string_equal(f->art.title, "Harbour reopens after repairs");
	assert_int_equal(f->art.n_authors, 1);
	assert_string_equal(f->art.authors[0], "Jane Doe");
	assert_string_equal(f->art.published, "2024-07-12");
	assert_string_equal(f->art.text, "The harbour reopened on Friday. Ferries arrived in the "
					 "afternoon.\n\nFishermen welcomed the news.");
	/* auto-detected as text */
	assert_int_equal(runs(f, "Just a note.\nSecond line.", SR_FORMAT_AUTO), SR_OK);
	assert_int_equal(f->info.format, SR_FORMAT_TEXT);
}

static void test_text_encoding_error(void **state)
{
	fx *f = *state;
	const char t[] = "caf\xC3\xA9 ok, then caf\xE9 is latin-1";
	assert_int_equal(run(f, t, sizeof(t) - 1, SR_FORMAT_TEXT, NULL, NULL), SR_EENCODING);
	assert_int_equal(f->info.err_offset, 18);
	/* with a declared charset it converts */
	assert_int_equal(run(f, t + 13, sizeof(t) - 14, SR_FORMAT_TEXT, NULL,
			     "text/plain; charset=iso-8859-1"), SR_OK);
	assert_non_null(strstr(f->art.title ? f->art.title : f->art.text, "caf\xC3\xA9"));
}

/* ---- flattened text, lexicon, titles ---- */

static void test_text_flat(void **state)
{
	fx *f = *state;
	const char *t =
		"Home World Europe Ferry strike ends after four days The unions accepted a new offer "
		"by Anna Berg and Tom Lind 3 March 2021 Photo credit: Port Archive The strike on the "
		"ferries ended on Thursday after the unions accepted a pay offer of four per cent, the "
		"operator said. Crossings will run to the normal timetable from Friday morning. "
		"Passengers whose trips were cancelled can ask for a refund until the end of the month. "
		"Related Ferry prices rise again Tags Ferries Unions You might also like Port expands";
	assert_int_equal(runs(f, t, SR_FORMAT_TEXT), SR_OK);
	assert_string_equal(f->art.title, "Ferry strike ends after four days");
	assert_string_equal(f->art.description, "The unions accepted a new offer");
	assert_int_equal(f->art.n_authors, 2);
	assert_string_equal(f->art.authors[1], "Tom Lind");
	assert_string_equal(f->art.published, "2021-03-03");
	assert_string_equal(f->art.section, "Europe");
	assert_non_null(f->art.text);
	assert_true(strncmp(f->art.text, "The strike on the ferries ended", 31) == 0);
	assert_non_null(strstr(f->art.text, "until the end of the month."));
	assert_null(strstr(f->art.text, "Related"));
	assert_null(strstr(f->art.text, "Port Archive"));
	assert_int_equal(f->art.n_tags, 2);
	assert_string_equal(f->art.tags[0], "Ferries");
}

static void test_lexicon(void **state)
{
	(void)state;
	assert_true(sr_lex_stop("Related articles", 16) > 0);
	assert_true(sr_lex_stop("Das könnte Sie auch interessieren:", 35) > 0);
	assert_true(sr_lex_stop("اقرأ أيضا", strlen("اقرأ أيضا")) > 0);
	assert_int_equal(sr_lex_stop("Relations between the two countries", 35), 0);
	assert_true(sr_lex_stop_heading("Weitere Artikel zum Thema", 25) > 0);
	assert_int_equal(sr_lex_stop_heading("Weather warning for the coast", 29), 0);
	assert_true(sr_lex_furniture("Share", 5));
	assert_false(sr_lex_furniture("Share prices fell", 17));
	assert_true(sr_lex_caption("Foto: dpa", 9));
	assert_true(sr_lex_caption("The pier at dawn. \xC2\xA9 Jane Doe", 29));
	assert_true(sr_lex_prompt("Subscribe to our newsletter", 27));
	assert_false(sr_lex_prompt("The council met on Monday.", 26));
}

static void test_html_title_rules(void **state)
{
	fx *f = *state;
	/* the <h1> without the kicker of the og:title */
	const char *p = "<html><head><meta property=\"og:title\" content=\"Climate: Drilling until it "
			"gets hot\"></head><body><header class=\"article-header\"><h1>Drilling until "
			"it gets hot</h1><p>Banks still finance new oil fields, a study finds.</p>"
			"</header><div class=\"text\"><p>Banks around the world keep lending to "
			"companies that open new oil and gas fields, according to a study published "
			"on Wednesday by several environmental groups.</p></div></body></html>";
	assert_int_equal(runs(f, p, SR_FORMAT_HTML), SR_OK);
	assert_string_equal(f->art.title, "Drilling until it gets hot");
	/* the standfirst in the article's header is part of the body */
	assert_non_null(strstr(f->art.text, "Banks still finance new oil fields"));
	/* a <title> with the site's name in front */
	p = "<html><head><title>Coast Daily - Storm closes the pier</title>"
	    "<meta property=\"og:site_name\" content=\"Coast Daily\"></head><body><div><p>The pier "
	    "was closed on Sunday after waves damaged the railings, the harbour master said."
	    "</p></div></body></html>";
	assert_int_equal(runs(f, p, SR_FORMAT_HTML), SR_OK);
	assert_string_equal(f->art.title, "Storm closes the pier");
}

static void test_html_visible_byline_date(void **state)
{
	fx *f = *state;
	const char *p = "<html lang=\"de\"><body><div class=\"artikel\"><h1>Neue Brücke</h1>"
			"<div class=\"autor\">Von Lena Roth</div><span class=\"datum\">Stand: "
			"05.02.2020</span><p>Die neue Brücke über den Fluss wird im Mai eröffnet, "
			"teilte die Stadt am Mittwoch mit. Sie ersetzt die alte Holzbrücke.</p>"
			"</div></body></html>";
	assert_int_equal(runs(f, p, SR_FORMAT_HTML), SR_OK);
	assert_int_equal(f->art.n_authors, 1);
	assert_string_equal(f->art.authors[0], "Lena Roth");
	assert_string_equal(f->art.published, "2020-02-05");
	assert_null(strstr(f->art.text, "Von Lena Roth"));
	assert_null(strstr(f->art.text, "Stand:"));
}

/* credit.h: agency credits, signatures, and the page's furniture as the last author source */
static void test_credits(void **state)
{
	fx *f = *state;
	size_t st, len;
	const char *s = "Hamburg (dpa/lno) \xE2\x80\x93 Trotz eines Gespr\xC3\xA4" "ches blieb es dabei.";
	assert_true(sr_credit_in_text(s, strlen(s), SR_CREDIT_HEAD, &st, &len));
	assert_int_equal(len, 7);
	assert_memory_equal(s + st, "dpa/lno", 7);
	/* a party in parentheses is not a credit */
	s = "Angela Merkel (CDU) \xE2\x80\x93 die Kanzlerin sprach lange.";
	assert_false(sr_credit_in_text(s, strlen(s), SR_CREDIT_HEAD, &st, &len));
	s = "Die Zyste k\xC3\xB6nne sich jederzeit neu bilden, hie\xC3\x9F es. (FR mit dpa)";
	assert_true(sr_credit_in_text(s, strlen(s), SR_CREDIT_TAIL, &st, &len));
	assert_memory_equal(s + st, "FR mit dpa", len);
	s = "Die Gemeindepolitik bleibt spannend. (Christian P. Stadtfeld) +++";
	assert_true(sr_credit_in_text(s, strlen(s), SR_CREDIT_TAIL, &st, &len));
	assert_memory_equal(s + st, "Christian P. Stadtfeld", len);
	s = "Die Gemeinde liegt am Fluss (siehe Karte).";
	assert_false(sr_credit_in_text(s, strlen(s), SR_CREDIT_TAIL, &st, &len));
	s = "Quelle: kathpress";
	assert_true(sr_credit_in_text(s, strlen(s), SR_CREDIT_WHOLE, &st, &len));
	assert_memory_equal(s + st, "kathpress", len);
	/* an outlet and an editor's initials after a label; not a statistics office */
	s = "Quelle: MDR TH\xC3\x9CRINGEN/ls";
	assert_true(sr_credit_in_text(s, strlen(s), SR_CREDIT_WHOLE, &st, &len));
	s = "Quelle: Statistisches Bundesamt";
	assert_false(sr_credit_in_text(s, strlen(s), SR_CREDIT_WHOLE, &st, &len));
	s = "Rubriklistenbild: \xC2\xA9 KCNA/dpa";
	assert_false(sr_credit_in_text(s, strlen(s), SR_CREDIT_WHOLE, &st, &len));
	assert_true(sr_credit_is_agency_credit("AFP/Reuters", 11, 0));
	assert_false(sr_credit_is_agency_credit("ap", 2, 0));
	s = "Stefan Wasmer";
	assert_true(sr_credit_in_text(s, strlen(s), SR_CREDIT_SIGNATURE, &st, &len));
	s = "Seaside Media";
	assert_false(sr_credit_in_text(s, strlen(s), SR_CREDIT_SIGNATURE, &st, &len));

	/* furniture: a copyright notice naming a person; an organisation's is not an author */
	const char *p1 =
		"<html><body><article><h1>Notes on Build Systems</h1>"
		"<p>Build systems are programs that decide what to rebuild after a change, and "
		"most of them get it wrong in one way or another when files move around.</p>"
		"<p>The rest of this post looks at three of them in turn and at what each one "
		"gets right about dependencies that the others miss.</p></article>"
		"<div id=footer><p>Copyright (c) 2012- Gregory Lind. All rights reserved.</p>"
		"</div></body></html>";
	assert_int_equal(runs(f, p1, SR_FORMAT_HTML), SR_OK);
	assert_int_equal(f->art.n_authors, 1);
	assert_string_equal(f->art.authors[0], "Gregory Lind");
	/* on a personal site, whose host spells the name, too */
	assert_int_equal(run(f, p1, strlen(p1), SR_FORMAT_HTML, "https://gregorylind.com/b/1", NULL),
			 SR_OK);
	assert_int_equal(f->art.n_authors, 1);
	const char *p2 =
		"<html><body><article><h1>Neue Radwege im Landkreis</h1>"
		"<p>Der Landkreis baut in diesem Jahr zwanzig Kilometer neue Radwege entlang der "
		"Bundesstra\xC3\x9F" "en, wie die Verwaltung am Montag mitteilte.</p>"
		"<p>Die Arbeiten sollen im Fr\xC3\xBChjahr beginnen und bis zum Herbst dauern, "
		"wenn das Wetter mitspielt.</p></article>"
		"<footer><p>\xC2\xA9 2022 Seaside Media</p><p>\xC2\xA9 2022 AWO Bundesverband</p>"
		"</footer></body></html>";
	assert_int_equal(runs(f, p2, SR_FORMAT_HTML), SR_OK);
	assert_int_equal(f->art.n_authors, 0);
	/* a photo's credit is not the author's */
	const char *p3 =
		"<html><body><article><h1>Neue Radwege im Landkreis</h1>"
		"<p>Der Landkreis baut in diesem Jahr zwanzig Kilometer neue Radwege entlang der "
		"Landstra\xC3\x9F" "en, wie die Verwaltung am Montag mitteilte.</p>"
		"<p>Die Arbeiten sollen im Fr\xC3\xBChjahr beginnen und bis zum Herbst dauern, "
		"wenn das Wetter mitspielt.</p><p>Foto: \xC2\xA9 Jana Weber</p></article>"
		"</body></html>";
	assert_int_equal(runs(f, p3, SR_FORMAT_HTML), SR_OK);
	assert_int_equal(f->art.n_authors, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_empty_and_binary),
		cmocka_unit_test(test_charset_detect),
		cmocka_unit_test(test_charset_html),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_authors),
		cmocka_unit_test(test_html_boilerplate),
		cmocka_unit_test(test_html_jsonld_graph),
		cmocka_unit_test(test_html_url_date_and_og),
		cmocka_unit_test(test_text_mode),
		cmocka_unit_test(test_text_encoding_error),
		cmocka_unit_test(test_text_flat),
		cmocka_unit_test(test_lexicon),
		cmocka_unit_test(test_html_title_rules),
		cmocka_unit_test(test_html_visible_byline_date),
		cmocka_unit_test(test_script_author),
		cmocka_unit_test(test_byline_rules),
		cmocka_unit_test(test_credits),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
