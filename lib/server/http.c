/*
 * http.c - request-target parsing, route patterns, ids and tokens (see http.h).
 */
#include "server/http.h"
#include "base/err.h"
#include "base/utf8.h"

#include <string.h>

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode the %XX escape at s[i] (s[i] == '%'): the byte, or -1 when malformed. */
static int unescape_at(const char *s, size_t n, size_t i)
{
	if (i + 2 >= n)
		return -1;
	int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
	return h < 0 || l < 0 ? -1 : h * 16 + l;
}

void sr_http_split_target(const char *t, size_t n, size_t *path_len, const char **query,
			  size_t *query_len)
{
	size_t i = 0;
	while (i < n && t[i] != '?' && t[i] != '#')
		i++;
	*path_len = i;
	*query = NULL;
	*query_len = 0;
	if (i < n && t[i] == '?') {
		size_t q = i + 1, e = q;
		while (e < n && t[e] != '#')
			e++;
		*query = t + q;
		*query_len = e - q;
	}
}

/* 1 when out[seg..len) is "." or "..". */
static int dot_segment(const sr_buf *out, size_t seg)
{
	size_t k = out->len - seg;
	const char *d = out->data ? out->data + seg : "";
	return (k == 1 && d[0] == '.') || (k == 2 && d[0] == '.' && d[1] == '.');
}

int sr_http_path_decode(const char *p, size_t n, sr_buf *out, const char **why)
{
	size_t start = out->len, seg;
	int rc;
	*why = NULL;
	if (n == 0 || p[0] != '/') {
		*why = "the path must start with '/'";
		return SR_EINVAL;
	}
	seg = start;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)p[i];
		if (c == '%') {
			if ((c = unescape_at(p, n, i)) < 0) {
				*why = "malformed percent-escape in the path";
				return SR_EINVAL;
			}
			i += 2;
			if (c == '/' || c == '\\') {
				*why = "encoded '/' or '\\' in the path";
				return SR_EINVAL;
			}
		}
		if (c == '\\') {
			*why = "'\\' in the path";
			return SR_EINVAL;
		}
		if (c < 0x20 || c == 0x7f) {
			*why = "control character in the path";
			return SR_EINVAL;
		}
		if (c == '/') {
			if (i > 0 && dot_segment(out, seg)) {
				*why = "'.' or '..' segment in the path";
				return SR_EINVAL;
			}
			if ((rc = sr_buf_putc(out, '/')))
				return rc;
			seg = out->len;
			continue;
		}
		if ((rc = sr_buf_putc(out, (char)c)))
			return rc;
	}
	if (dot_segment(out, seg)) {
		*why = "'.' or '..' segment in the path";
		return SR_EINVAL;
	}
	if (sr_utf8_check(out->data + start, out->len - start) != out->len - start) {
		*why = "the path is not valid UTF-8";
		return SR_EINVAL;
	}
	return SR_OK;
}

/* The next decoded byte of a form component s[*i..n): '+' is a space.  -1 when malformed. */
static int form_next(const char *s, size_t n, size_t *i)
{
	int c = (unsigned char)s[*i];
	if (c == '+') {
		c = ' ';
	} else if (c == '%') {
		if ((c = unescape_at(s, n, *i)) < 0)
			return -1;
		*i += 2;
	}
	(*i)++;
	return c;
}

int sr_http_form_decode(const char *s, size_t n, sr_buf *out)
{
	size_t start = out->len;
	int rc;
	for (size_t i = 0; i < n;) {
		int c = form_next(s, n, &i);
		if (c <= 0)
			return SR_EINVAL; /* malformed, or NUL */
		if ((rc = sr_buf_putc(out, (char)c)))
			return rc;
	}
	if (out->len > start && sr_utf8_check(out->data + start, out->len - start) != out->len - start)
		return SR_EINVAL;
	return SR_OK;
}

/* Compare the form-encoded key s[0..n) with name; 1 equal, 0 not, -1 malformed. */
static int key_equals(const char *s, size_t n, const char *name)
{
	size_t i = 0, k = 0;
	int eq = 1;
	while (i < n) {
		int c = form_next(s, n, &i);
		if (c < 0)
			return -1;
		if (eq && (name[k] == '\0' || (unsigned char)name[k] != c))
			eq = 0;
		if (name[k])
			k++;
	}
	return eq && name[k] == '\0';
}

int sr_http_query_get(const char *q, size_t n, const char *name, sr_buf *out)
{
	size_t i = 0;
	while (i < n) {
		size_t e = i;
		while (e < n && q[e] != '&')
			e++;
		size_t eq = i;
		while (eq < e && q[eq] != '=')
			eq++;
		int k = key_equals(q + i, eq - i, name);
		if (k < 0)
			return SR_EINVAL;
		if (k == 1 && eq > i) {
			int rc = eq < e ? sr_http_form_decode(q + eq + 1, e - eq - 1, out) : SR_OK;
			return rc ? rc : 1;
		}
		i = e + 1;
	}
	return 0;
}

int sr_http_match(const char *pattern, const char *path, sr_http_caps *caps)
{
	const char *p = pattern, *s = path;
	caps->n = 0;
	while (*p) {
		if (*p == '{') {
			const char *e = strchr(p, '}');
			if (!e || e == p + 1 || (e[1] != '\0' && e[1] != '/') ||
			    (p != pattern && p[-1] != '/') || caps->n >= SR_HTTP_MAX_CAPS)
				return 0;
			const char *v = s;
			while (*s && *s != '/')
				s++;
			if (s == v)
				return 0;
			caps->c[caps->n].name = p + 1;
			caps->c[caps->n].name_len = (size_t)(e - p - 1);
			caps->c[caps->n].v = v;
			caps->c[caps->n].len = (size_t)(s - v);
			caps->n++;
			p = e + 1;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	return *s == '\0';
}

int sr_http_cap_id(const sr_http_caps *caps, const char *name, int64_t *id)
{
	size_t nl = strlen(name);
	for (size_t k = 0; k < caps->n; k++) {
		if (caps->c[k].name_len != nl || memcmp(caps->c[k].name, name, nl) != 0)
			continue;
		const char *v = caps->c[k].v;
		size_t len = caps->c[k].len;
		if (len == 0 || len > 19 || v[0] < '1' || v[0] > '9')
			return SR_EINVAL;
		uint64_t x = 0;
		for (size_t i = 0; i < len; i++) {
			if (v[i] < '0' || v[i] > '9')
				return SR_EINVAL;
			x = x * 10 + (uint64_t)(v[i] - '0');
		}
		/* 19 digits fit in uint64_t; past INT64_MAX is not an id */
		if (x > (uint64_t)INT64_MAX)
			return SR_EINVAL;
		*id = (int64_t)x;
		return SR_OK;
	}
	return SR_ENOTFOUND;
}

int sr_http_parse_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
	int neg = 0;
	size_t i = 0, digits = 0;
	int64_t v = 0;
	if (s[0] == '-') {
		neg = 1;
		i = 1;
	}
	for (; s[i]; i++, digits++) {
		if (s[i] < '0' || s[i] > '9' || digits >= 18)
			return SR_EINVAL;
		v = v * 10 + (s[i] - '0');
	}
	if (digits == 0)
		return SR_EINVAL;
	if (neg)
		v = -v;
	if (v < min || v > max)
		return SR_EINVAL;
	*out = v;
	return SR_OK;
}

const char *sr_http_bearer(const char *a, size_t *len)
{
	*len = 0;
	if (!a)
		return NULL;
	while (*a == ' ' || *a == '\t')
		a++;
	static const char scheme[] = "bearer";
	for (size_t i = 0; i < 6; i++) {
		char c = a[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != scheme[i])
			return NULL;
	}
	a += 6;
	if (*a != ' ' && *a != '\t')
		return NULL;
	while (*a == ' ' || *a == '\t')
		a++;
	size_t n = 0;
	while (a[n] && a[n] != ' ' && a[n] != '\t')
		n++;
	for (size_t k = n; a[k]; k++)
		if (a[k] != ' ' && a[k] != '\t')
			return NULL; /* a second word */
	if (n == 0)
		return NULL;
	*len = n;
	return a;
}

int sr_http_token_equal(const char *given, size_t n, const char *expected)
{
	size_t m = strlen(expected);
	unsigned char d = n != m;
	for (size_t i = 0; i < m; i++) {
		/* read given cyclically so every byte of expected costs the same */
		unsigned char g = n ? (unsigned char)given[i % n] : 0;
		d |= (unsigned char)(g ^ (unsigned char)expected[i]);
	}
	return d == 0;
}

int sr_http_parse_hostport(const char *s, char *hostbuf, size_t hostcap, int *port)
{
	const char *h = s, *he, *p;
	if (*s == '[') {
		h = s + 1;
		he = strchr(h, ']');
		if (!he || he[1] != ':')
			return SR_EINVAL;
		p = he + 2;
	} else {
		he = strrchr(s, ':');
		if (!he || memchr(s, ':', (size_t)(he - s)))
			return SR_EINVAL;
		p = he + 1;
	}
	size_t hl = (size_t)(he - h);
	if (hl == 0 || hl >= hostcap)
		return SR_EINVAL;
	int64_t v;
	if (!*p || strlen(p) > 5 || sr_http_parse_int(p, 0, 65535, &v) || p[0] == '-')
		return SR_EINVAL;
	memcpy(hostbuf, h, hl);
	hostbuf[hl] = '\0';
	*port = (int)v;
	return SR_OK;
}
