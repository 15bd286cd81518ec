/* Fuzz the request parsing the server does itself (server/http.h): request-target
 * splitting, path decoding, query-string decoding, route matching, ids, bearer tokens and
 * listen addresses.  Never crash; what is accepted keeps the promised invariants. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/utf8.h"
#include "server/http.h"
#include "server/server_int.h"
#include "server/static.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_path(const char *p, size_t n)
{
	if (n == 0 || p[0] != '/' || sr_utf8_check(p, n) != n)
		abort();
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c < 0x20 || c == 0x7f || c == '\\')
			abort();
		/* no "." or ".." segment */
		if (c == '/') {
			size_t e = i + 1;
			while (e < n && p[e] != '/')
				e++;
			size_t k = e - i - 1;
			if ((k == 1 && p[i + 1] == '.') || (k == 2 && p[i + 1] == '.' && p[i + 2] == '.'))
				abort();
		}
	}
}

static void check_param(const char *q, size_t qn, const char *name)
{
	sr_buf v;
	sr_buf_init(&v, 4096);
	int rc = sr_http_query_get(q, qn, name, &v);
	if (rc == 1 && v.len && (strlen(v.data) != v.len || sr_utf8_check(v.data, v.len) != v.len))
		abort();
	if (rc != 1 && rc != 0 && rc != SR_EINVAL && rc != SR_ETOOBIG)
		abort();
	sr_buf_release(&v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > SR_HTTP_TARGET_MAX)
		return 0;
	char *t = malloc(size + 1);
	if (!t)
		return 0;
	memcpy(t, data, size);
	t[size] = '\0';

	size_t pl, ql;
	const char *q;
	sr_http_split_target(t, size, &pl, &q, &ql);
	if (pl > size || (q && (q < t || q + ql > t + size)))
		abort();

	sr_buf path;
	sr_buf_init(&path, SR_HTTP_TARGET_MAX);
	const char *why = NULL;
	int rc = sr_http_path_decode(t, pl, &path, &why);
	if (rc == SR_OK) {
		check_path(path.data, path.len);
		for (const sr_route *rt = sr_routes; rt->method; rt++) {
			sr_http_caps caps;
			if (!sr_http_match(rt->pattern, path.data, &caps))
				continue;
			for (size_t k = 0; k < caps.n; k++)
				if (!caps.c[k].len || memchr(caps.c[k].v, '/', caps.c[k].len) ||
				    caps.c[k].v < path.data || caps.c[k].v + caps.c[k].len > path.data + path.len)
					abort();
			int64_t id;
			if (sr_http_cap_id(&caps, "id", &id) == SR_OK && id <= 0)
				abort();
		}
		static const unsigned char d[] = "x";
		static const sr_asset table[] = {{"/index.html", "text/html", d, 1}, {NULL, NULL, NULL, 0}};
		const sr_asset *a = sr_asset_find(table, path.data);
		if (a && strcmp(path.data, "/index.html") && strcmp(path.data, "/"))
			abort();
	} else if (rc == SR_EINVAL && !why) {
		abort();
	}
	sr_buf_release(&path);

	check_param(q, ql, "q");
	check_param(q, ql, "limit");
	check_param(q, ql, "url");

	size_t n;
	const char *tok = sr_http_bearer(t, &n);
	if (tok && (n == 0 || tok < t || tok + n > t + size || memchr(tok, ' ', n)))
		abort();
	if (sr_http_token_equal(t, size, "token") != (size == 5 && !memcmp(t, "token", 5)))
		abort();
	char host[256];
	int port;
	if (sr_http_parse_hostport(t, host, sizeof(host), &port) == SR_OK &&
	    (port < 0 || port > 65535 || !host[0]))
		abort();
	int64_t v;
	if (sr_http_parse_int(t, -1000, 1000, &v) == SR_OK && (v < -1000 || v > 1000))
		abort();
	free(t);
	return 0;
}
