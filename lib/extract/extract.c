/*
 * extract.c - sr_extract: sniff, decode, and hand to the HTML or text extractor.
 */
#include "extract/extract.h"

#include <libxml/parser.h>
#include <string.h>

#include "analyze/langid.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/utf8.h"
#include "extract/charset.h"
#include "extract/html.h"
#include "extract/text.h"

static int lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int ci_has(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	for (size_t i = 0; i + m <= n; i++) {
		if (s[i] != '<')
			continue;
		size_t k = 1;
		while (k < m && lc((unsigned char)s[i + k]) == needle[k])
			k++;
		if (k == m)
			return 1;
	}
	return 0;
}

static int is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int sr_sniff_format(const char *bytes, size_t len)
{
	static const struct {
		const char *m;
		size_t n;
	} magic[] = {
		{"%PDF-", 5}, {"\x89PNG", 4}, {"GIF87a", 6}, {"GIF89a", 6}, {"\xFF\xD8\xFF", 3},
		{"PK\x03\x04", 4}, {"\x1F\x8B", 2}, {"RIFF", 4}, {"OggS", 4}, {"ID3", 3},
		{"fLaC", 4}, {"\x7F" "ELF", 4}, {"\x00\x00\x01\x00", 4}, {"BZh", 3},
		{"\xFD" "7zXZ", 5}, {"7z\xBC\xAF", 4}, {"\x28\xB5\x2F\xFD", 4}, {"wOFF", 4},
		{"wOF2", 4}, {"\x00\x01\x00\x00", 4}, {"SQLite format 3", 15},
	};
	if (!bytes || len == 0)
		return SR_EEMPTY;
	for (size_t i = 0; i < sizeof(magic) / sizeof(magic[0]); i++)
		if (len >= magic[i].n && memcmp(bytes, magic[i].m, magic[i].n) == 0)
			return SR_EBINARY;
	const char *s = bytes;
	size_t n = len;
	int utf16 = 0;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		n -= 3;
	} else if (n >= 2 && (memcmp(s, "\xFF\xFE", 2) == 0 || memcmp(s, "\xFE\xFF", 2) == 0)) {
		utf16 = s[0] == '\xFF' ? 1 : 2;
		s += 2;
		n -= 2;
	}
	/* UTF-16: look at the low bytes of the first code units */
	if (utf16) {
		size_t i = 0;
		for (; i + 1 < n; i += 2) {
			unsigned char lo = (unsigned char)(utf16 == 1 ? s[i] : s[i + 1]);
			unsigned char hi = (unsigned char)(utf16 == 1 ? s[i + 1] : s[i]);
			if (hi == 0 && is_ws(lo))
				continue;
			return hi == 0 && lo == '<' ? 1 : 0;
		}
		return SR_EEMPTY;
	}
	/* binary data has control bytes everywhere (about one in eight for compressed or
	 * random data); text may carry a stray NUL or two */
	size_t lim = n < 8192 ? n : 8192;
	size_t ctl = 0;
	for (size_t i = 0; i < lim; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && !is_ws(c) && c != 0x1B)
			ctl++;
	}
	if (ctl > 4 && ctl * 50 > lim)
		return SR_EBINARY;
	if (lim < 64 && memchr(s, 0, lim))
		return SR_EBINARY; /* too short to judge by counts: a NUL is enough */
	size_t i = 0;
	while (i < n && is_ws((unsigned char)s[i]))
		i++;
	/* Unicode spaces only (NBSP, ideographic space) are empty too */
	while (i < n) {
		if (is_ws((unsigned char)s[i])) {
			i++;
		} else if (i + 1 < n && (unsigned char)s[i] == 0xC2 &&
			   (unsigned char)s[i + 1] == 0xA0) {
			i += 2;
		} else if (i + 2 < n && (unsigned char)s[i] == 0xE3 &&
			   (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x80) {
			i += 3;
		} else {
			break;
		}
	}
	if (i == n)
		return SR_EEMPTY;
	if (s[i] == '<' && i + 1 < n) {
		unsigned char c = (unsigned char)s[i + 1];
		if (c == '!' || c == '?' || ((c | 32) >= 'a' && (c | 32) <= 'z'))
			return 1;
	}
	size_t look = n - i < 4096 ? n - i : 4096;
	static const char *const marks[] = {"<html", "<body", "<!doctype html", "<head", "<p>",
					    "<div", "<br", "<meta", "<title", "<article", NULL};
	for (int k = 0; marks[k]; k++)
		if (ci_has(s + i, look, marks[k]))
			return 1;
	return 0;
}

/* The language: the markup's when the text agrees or says too little; the text's when the
 * markup says nothing (fairly sure) or something else (sure). */
#define LANG_FILL 0.15
#define LANG_OVERRIDE 0.5

static void pick_lang(sr_article *art)
{
	const char *t = art->text && *art->text ? art->text : art->title;
	if (!t)
		return;
	double conf = 0;
	const char *det = sr_langid(t, strlen(t), &conf);
	if (!det)
		return;
	if (!art->lang) {
		if (conf >= LANG_FILL)
			art->lang = det;
	} else if (strcmp(art->lang, det) != 0 && conf >= LANG_OVERRIDE) {
		art->lang = det;
	}
}

int sr_extract(const char *bytes, size_t len, const sr_extract_opts *opts, sr_arena *arena,
	       sr_article *out, sr_extract_info *info)
{
	sr_extract_info dummy;
	if (!info)
		info = &dummy;
	memset(info, 0, sizeof(*info));
	memset(out, 0, sizeof(*out));
	if (!arena || (!bytes && len))
		return SR_EINVAL;
	sr_format fmt = opts ? opts->format : SR_FORMAT_AUTO;
	const char *url = opts ? opts->url : NULL;
	const char *ctype = opts ? opts->content_type : NULL;
	int r = sr_sniff_format(bytes, len);
	if (r < 0)
		return r;
	if (fmt == SR_FORMAT_AUTO)
		fmt = r ? SR_FORMAT_HTML : SR_FORMAT_TEXT;
	info->format = fmt;
	if (url) {
		out->url = sr_arena_strdup(arena, url);
		if (!out->url)
			return SR_ENOMEM;
	}
	int rc;
	size_t bom = 0;
	sr_buf u;
	sr_buf_init(&u, len > ((size_t)1 << 40) ? len : len * 3 + 64);
	if (fmt == SR_FORMAT_HTML) {
		const char *cs = sr_charset_detect(bytes, len, ctype, 1, &bom);
		info->charset = cs;
		if ((rc = sr_charset_to_utf8(bytes + bom, len - bom, cs, &u)))
			goto out;
		xmlInitParser();
		rc = sr_html_extract(u.data ? u.data : "", u.len, url, arena, out);
	} else {
		const char *cs = sr_charset_detect(bytes, len, ctype, 0, &bom);
		int declared = bom > 0 || (ctype && strstr(ctype, "charset"));
		if (!declared || strcmp(cs, "UTF-8") == 0) {
			size_t bad = sr_utf8_check(bytes + bom, len - bom);
			if (bad < len - bom) {
				info->err_offset = bom + bad;
				info->charset = "UTF-8";
				rc = SR_EENCODING;
				goto out;
			}
			cs = "UTF-8";
		}
		info->charset = cs;
		if ((rc = sr_charset_to_utf8(bytes + bom, len - bom, cs, &u)))
			goto out;
		rc = sr_text_extract(u.data ? u.data : "", u.len, arena, out);
	}
	if (rc == SR_OK)
		pick_lang(out);
out:
	sr_buf_release(&u);
	return rc;
}
