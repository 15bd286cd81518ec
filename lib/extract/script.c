/*
 * script.c - an author's name in a page's script state (see script.h).
 */
#include "extract/script.h"

#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "base/utf8.h"

static int lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int is_ident(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '$' || c == '-';
}

/* s[0..n) starts with word (lowercase ASCII), ignoring case */
static int starts_ci(const char *s, size_t n, const char *word)
{
	size_t k = strlen(word);
	if (n < k)
		return 0;
	for (size_t i = 0; i < k; i++)
		if (lc((unsigned char)s[i]) != word[i])
			return 0;
	return 1;
}

/* A key that names something else about the author than the name, or another's author. */
static int key_excluded(const char *k, size_t n)
{
	static const char *const bad[] = {"id", "url", "uri", "link", "href", "image", "img",
					  "photo", "avatar", "pic", "email", "mail", "role",
					  "title", "type", "bio", "desc", "job", "position",
					  "comment", "slug", "twitter", "social", "count", "label",
					  "path", NULL};
	char low[48];
	if (n >= sizeof(low))
		return 1;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)lc((unsigned char)k[i]);
	low[n] = 0;
	/* "authors", "authorName", "author_name", "BU_author", "pageAuthor", "byline" */
	for (int i = 0; bad[i]; i++) {
		const char *p = strstr(low, bad[i]);
		/* "id" only as a word end ("authorId", "author_id"), not inside one */
		if (p && (strcmp(bad[i], "id") || p[2] == 0))
			return 1;
	}
	return 0;
}

static size_t skip_ws(const char *s, size_t n, size_t p)
{
	while (p < n && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r'))
		p++;
	return p;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = lc(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The quoted string at s[p] (a quote, or a backslash and a quote: JSON inside a JavaScript
 * string), decoded into out; its length, or 0 when there is none or it is too long. */
static size_t read_string(const char *s, size_t n, size_t p, char *out, size_t cap)
{
	int escaped = 0;
	if (p < n && s[p] == '\\') {
		escaped = 1;
		p++;
	}
	if (p >= n || (s[p] != '"' && s[p] != '\''))
		return 0;
	char q = s[p++];
	size_t j = 0, lim = p + 160 < n ? p + 160 : n;
	while (p < lim) {
		unsigned char c = (unsigned char)s[p];
		if (c == (unsigned char)q && !escaped) {
			out[j] = 0;
			return j;
		}
		if (c == '\n' || c == '<')
			return 0;
		if (c == '\\') {
			while (p < lim && s[p] == '\\')
				p++;
			if (p >= lim)
				return 0;
			if (escaped && s[p] == q) {
				out[j] = 0;
				return j;
			}
			if (s[p] == 'u' && p + 4 < lim) {
				int32_t cp = 0;
				for (int k = 1; k <= 4; k++) {
					int h = hexval((unsigned char)s[p + k]);
					if (h < 0)
						return 0;
					cp = cp * 16 + h;
				}
				if (cp < 0x20 || (cp >= 0xD800 && cp <= 0xDFFF))
					return 0;
				char e[4];
				size_t el = sr_utf8_encode(cp, e);
				if (!el || j + el + 1 >= cap)
					return 0;
				memcpy(out + j, e, el);
				j += el;
				p += 5;
				continue;
			}
			if (s[p] == 'n' || s[p] == 't' || s[p] == 'r')
				return 0;
			c = (unsigned char)s[p];
		}
		if (j + 2 >= cap)
			return 0;
		out[j++] = (char)c;
		p++;
	}
	return 0;
}

int sr_script_name_shaped(const char *s, size_t n)
{
	static const char *const particles[] = {"von", "van", "der", "den", "de", "la", "le",
						"da", "di", "del", "du", "dos", "das", "bin",
						"al", "zu", "ten", "ter", NULL};
	if (n < 4 || n > 60)
		return 0;
	size_t words = 0, caps = 0;
	for (size_t i = 0; i < n;) {
		if (s[i] == ' ') {
			if (i + 1 < n && s[i + 1] == ' ')
				return 0;
			i++;
			continue;
		}
		size_t st = i;
		while (i < n && s[i] != ' ')
			i++;
		words++;
		int first = 1;
		for (size_t k = st; k < i;) {
			int32_t cp;
			size_t l = sr_utf8_decode(s + k, i - k, &cp);
			if (cp < 0)
				return 0;
			utf8proc_category_t cat = utf8proc_category(cp);
			int letter = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL ||
				     cat == UTF8PROC_CATEGORY_LO;
			if (first) {
				if (cat == UTF8PROC_CATEGORY_LU) {
					caps++;
				} else {
					int part = 0;
					for (int p = 0; particles[p] && !part; p++)
						part = strlen(particles[p]) == i - st &&
						       memcmp(s + st, particles[p], i - st) == 0;
					if (!part)
						return 0;
					break;
				}
				first = 0;
			} else if (!letter && !(k + l < i && (cp == '.' || cp == '-' ||
							    cp == '\'')) &&
				   !(cp == '.' && k + l == i)) {
				return 0;
			}
			k += l;
		}
	}
	return words >= 2 && words <= 5 && caps >= 2 && caps <= 4;
}

size_t sr_script_author(const char *js, size_t n, char *out, size_t cap)
{
	if (!js || cap < 8)
		return 0;
	if (n > SR_SCRIPT_SCAN_MAX)
		n = SR_SCRIPT_SCAN_MAX;
	for (size_t i = 0; i + 6 <= n; i++) {
		int c = lc((unsigned char)js[i]);
		if (!((c == 'a' && starts_ci(js + i, n - i, "author")) ||
		      (c == 'b' && starts_ci(js + i, n - i, "byline")) ||
		      (c == 'w' && starts_ci(js + i, n - i, "writer"))))
			continue;
		size_t ks = i, ke = i + 6;
		while (ks > 0 && is_ident((unsigned char)js[ks - 1]))
			ks--;
		while (ke < n && is_ident((unsigned char)js[ke]))
			ke++;
		i = ke - 1;
		if (ke - ks > 40 || key_excluded(js + ks, ke - ks))
			continue;
		/* a key: after a quote, a brace, a comma, a dot or a space, not inside a word */
		unsigned char before = ks > 0 ? (unsigned char)js[ks - 1] : ' ';
		if (!strchr("\"' \t\n\r{,.;(", before) || before == 0)
			continue;
		size_t p = ke;
		if (p < n && js[p] == '\\')
			p++;
		if (p < n && (js[p] == '"' || js[p] == '\''))
			p++;
		p = skip_ws(js, n, p);
		if (p >= n || (js[p] != ':' && js[p] != '='))
			continue;
		p++;
		if (p < n && js[p] == '=')
			continue; /* a comparison */
		p = skip_ws(js, n, p);
		if (p < n && (js[p] == '[' || js[p] == '{')) {
			/* the first "name" of an array of people or of an object */
			size_t lim = p + 300 < n ? p + 300 : n, q;
			int depth = 1;
			for (q = p + 1; q + 6 < lim && depth > 0; q++) {
				if (js[q] == '[' || js[q] == '{')
					depth++;
				else if (js[q] == ']' || js[q] == '}')
					depth--;
				else if (!memcmp(js + q, "name", 4) &&
					 (js[q - 1] == '"' || js[q - 1] == '\''))
					break;
			}
			if (depth <= 0)
				continue; /* an empty list: "authors":[] */
			if (q + 6 >= lim)
				continue;
			q += 4;
			if (js[q] == '\\')
				q++;
			if (js[q] == '"' || js[q] == '\'')
				q++;
			q = skip_ws(js, n, q);
			if (q >= n || js[q] != ':')
				continue;
			p = skip_ws(js, n, q + 1);
		}
		size_t len = read_string(js, n, p, out, cap);
		if (len && !strstr(out, "://") && sr_script_name_shaped(out, len))
			return len;
	}
	out[0] = 0;
	return 0;
}
