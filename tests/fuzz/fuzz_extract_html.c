/* Fuzz the HTML extractor: any bytes must give an article or an error code, never a crash,
 * and every string of the article must be valid UTF-8 without C0 controls but \n and \t. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/utf8.h"
#include "extract/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const char *s)
{
	if (!s)
		return;
	size_t n = strlen(s);
	if (sr_utf8_check(s, n) != n)
		abort();
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && c != '\n' && c != '\t')
			abort();
	}
}

static void check_article(const sr_article *a)
{
	check(a->url);
	check(a->title);
	check(a->published);
	check(a->modified);
	check(a->section);
	check(a->description);
	check(a->canonical_url);
	check(a->site_name);
	check(a->lang);
	check(a->image);
	check(a->text);
	for (size_t i = 0; i < a->n_authors; i++)
		check(a->authors[i]);
	for (size_t i = 0; i < a->n_tags; i++)
		check(a->tags[i]);
	sr_buf out;
	sr_buf_init(&out, 64u << 20);
	if (sr_article_to_json(a, &out) != SR_OK)
		abort();
	if (sr_utf8_check(out.data, out.len) != out.len)
		abort();
	sr_buf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const ctypes[] = {NULL, "text/html; charset=windows-1256",
					     "text/html; charset=utf-8", "text/html; charset=gbk"};
	sr_arena a;
	sr_arena_init(&a, 256u << 20);
	sr_extract_opts o = {.url = "https://example.org/2024/07/12/story.html",
			     .content_type = ctypes[size % 4],
			     .format = size % 5 == 0 ? SR_FORMAT_AUTO : SR_FORMAT_HTML};
	sr_article art;
	sr_extract_info info;
	int rc = sr_extract((const char *)data, size, &o, &a, &art, &info);
	if (rc == SR_OK)
		check_article(&art);
	else if (rc != SR_EEMPTY && rc != SR_EBINARY && rc != SR_EENCODING && rc != SR_ENOMEM &&
		 rc != SR_ETOOBIG)
		abort();
	sr_arena_release(&a);
	return 0;
}
