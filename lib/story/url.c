#include "story/url.h"
#include "base/err.h"

#include <ctype.h>
#include <string.h>

static int is_unreserved(int c)
{
	return isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* Append s[0..n) with percent-escapes normalised. */
static int put_escaped(sr_buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	int rc = SR_OK;
	for (size_t i = 0; i < n && !rc; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			int v = hexval(s[i + 1]) * 16 + hexval(s[i + 2]);
			if (is_unreserved(v)) {
				rc = sr_buf_putc(out, (char)v);
			} else {
				char e[3] = {'%', hex[v >> 4], hex[v & 15]};
				rc = sr_buf_append(out, e, 3);
			}
			i += 2;
		} else if (c <= 0x20 || c >= 0x7F || c == '%') {
			/* a '%' that starts no escape is itself escaped */
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			rc = sr_buf_append(out, e, 3);
		} else {
			rc = sr_buf_putc(out, (char)c);
		}
	}
	return rc;
}

static int tracking_param(const char *k, size_t n)
{
	static const char *const exact[] = {
		"fbclid", "gclid", "dclid", "gclsrc", "msclkid", "mc_cid", "mc_eid", "_ga", "_gl",
		"igshid", "yclid", "twclid", "ref_src", "ref_url", "cmpid", "wt_mc", "ocid",
		"jsessionid", "phpsessid", "sid", "sessionid", "session_id", "oly_anon_id",
		"oly_enc_id", "vero_id", "_hsenc", "_hsmi", "mkt_tok", "spm", "at_medium",
		"at_campaign", "guccounter", "s_cid", NULL};
	if (n >= 4 && strncasecmp(k, "utm_", 4) == 0)
		return 1;
	for (int i = 0; exact[i]; i++)
		if (strlen(exact[i]) == n && strncasecmp(k, exact[i], n) == 0)
			return 1;
	return 0;
}

/* Normalise the escapes of path[0..n), then resolve "." and ".." segments (RFC 3986 6.2.2:
 * escapes first, so "%2e" is a dot segment too), into out. */
static int put_path(sr_buf *out, const char *raw, size_t raw_n)
{
	sr_buf tmp;
	sr_buf_init(&tmp, raw_n * 3 + 1);
	int rc = put_escaped(&tmp, raw, raw_n);
	if (rc)
		goto out;
	const char *path = tmp.data ? tmp.data : "";
	size_t n = tmp.len, base = out->len, i = 0;
	while (i < n && !rc) {
		size_t j = i + 1;
		while (j < n && path[j] != '/')
			j++;
		/* the segment is path[i..j), starting with '/' (a path always starts with '/') */
		const char *seg = path + i + 1;
		size_t len = j - i - 1;
		int last = j >= n;
		if (len == 1 && seg[0] == '.') {
			if (last)
				rc = sr_buf_putc(out, '/');
		} else if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			while (out->len > base && out->data[out->len - 1] != '/')
				out->len--;
			if (out->len > base)
				out->len--; /* the '/' itself */
			if (out->data)
				out->data[out->len] = '\0';
			if (last)
				rc = sr_buf_putc(out, '/');
		} else {
			rc = sr_buf_putc(out, '/');
			if (!rc)
				rc = sr_buf_append(out, seg, len);
		}
		i = j;
	}
	if (!rc && out->len == base)
		rc = sr_buf_putc(out, '/');
out:
	sr_buf_release(&tmp);
	return rc;
}

int sr_url_normalize(const char *url, sr_buf *out)
{
	size_t start = out->len;
	int rc;
	const char *p = url;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	const char *colon = p;
	while (*colon && (isalnum((unsigned char)*colon) || *colon == '+' || *colon == '-' || *colon == '.'))
		colon++;
	if (*colon != ':' || colon == p || !isalpha((unsigned char)*p))
		return SR_EINVAL;
	size_t end = strlen(p);
	while (end > 0 && (p[end - 1] == ' ' || p[end - 1] == '\t' || p[end - 1] == '\n' || p[end - 1] == '\r'))
		end--;
	for (const char *q = p; q < colon; q++)
		if ((rc = sr_buf_putc(out, (char)tolower((unsigned char)*q))))
			goto fail;
	int http = (colon - p == 4 && strncasecmp(p, "http", 4) == 0);
	int https = (colon - p == 5 && strncasecmp(p, "https", 5) == 0);
	if (!http && !https) {
		rc = sr_buf_append(out, colon, (size_t)(p + end - colon));
		if (rc)
			goto fail;
		return SR_OK;
	}
	const char *s = colon + 1;
	const char *e = p + end;
	if (e - s < 2 || s[0] != '/' || s[1] != '/') {
		rc = SR_EINVAL;
		goto fail;
	}
	s += 2;
	if ((rc = sr_buf_puts(out, "://")))
		goto fail;
	/* authority: [userinfo@]host[:port] */
	const char *auth_end = s;
	while (auth_end < e && *auth_end != '/' && *auth_end != '?' && *auth_end != '#')
		auth_end++;
	const char *host = s;
	for (const char *q = s; q < auth_end; q++)
		if (*q == '@')
			host = q + 1;
	if (host > s && (rc = sr_buf_append(out, s, (size_t)(host - s))))
		goto fail;
	const char *port = NULL;
	const char *host_end = auth_end;
	if (*host == '[') { /* IPv6 literal */
		const char *rb = memchr(host, ']', (size_t)(auth_end - host));
		if (rb && rb + 1 < auth_end && rb[1] == ':')
			port = rb + 2, host_end = rb + 1;
	} else {
		const char *c = memchr(host, ':', (size_t)(auth_end - host));
		if (c)
			port = c + 1, host_end = c;
	}
	while (host_end > host && host_end[-1] == '.')
		host_end--;
	if (host_end == host) {
		rc = SR_EINVAL;
		goto fail;
	}
	for (const char *q = host; q < host_end; q++)
		if ((rc = sr_buf_putc(out, (char)tolower((unsigned char)*q))))
			goto fail;
	if (port && port < auth_end) {
		size_t plen = (size_t)(auth_end - port);
		while (plen > 1 && *port == '0')
			port++, plen--;
		int dflt = (http && plen == 2 && !memcmp(port, "80", 2)) ||
			   (https && plen == 3 && !memcmp(port, "443", 3));
		if (!dflt && ((rc = sr_buf_putc(out, ':')) || (rc = sr_buf_append(out, port, plen))))
			goto fail;
	}
	/* path */
	const char *path = auth_end, *path_end = auth_end;
	while (path_end < e && *path_end != '?' && *path_end != '#')
		path_end++;
	if ((rc = put_path(out, path, (size_t)(path_end - path))))
		goto fail;
	/* query, without tracking parameters */
	if (path_end < e && *path_end == '?') {
		const char *q = path_end + 1, *q_end = q;
		while (q_end < e && *q_end != '#')
			q_end++;
		int first = 1;
		while (q < q_end) {
			const char *amp = q;
			while (amp < q_end && *amp != '&' && *amp != ';')
				amp++;
			const char *eq = memchr(q, '=', (size_t)(amp - q));
			size_t klen = (size_t)((eq ? eq : amp) - q);
			if (amp > q && !tracking_param(q, klen)) {
				if ((rc = sr_buf_putc(out, first ? '?' : '&')) ||
				    (rc = put_escaped(out, q, (size_t)(amp - q))))
					goto fail;
				first = 0;
			}
			q = amp + (amp < q_end);
		}
	}
	return SR_OK;
fail:
	sr_buf_truncate(out, start);
	return rc;
}
