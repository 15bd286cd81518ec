/* Unit tests for lib/server: request-target parsing (paths, queries), route patterns, ids,
 * bearer tokens, listen addresses, the static file table and the generated OpenAPI. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <string.h>

#include "base/err.h"
#include "server/http.h"
#include "server/server_int.h"
#include "server/static.h"

/* The decoded path, or NULL when refused. */
static const char *path(const char *raw, sr_buf *b)
{
	const char *why = NULL;
	sr_buf_reset(b);
	int rc = sr_http_path_decode(raw, strlen(raw), b, &why);
	if (rc == SR_EINVAL && !why)
		fail_msg("%s: refused without a reason", raw);
	return rc ? NULL : b->data;
}

static void paths_decoded(void **state)
{
	(void)state;
	static const char *const good[][2] = {
		{"/", "/"},
		{"/index.html", "/index.html"},
		{"/api/articles/12/raw", "/api/articles/12/raw"},
		{"/a%20b", "/a b"},
		{"/caf%C3%A9", "/café"},
		{"/%41pi", "/Api"},
		{"/a//b", "/a//b"},
		{"/...", "/..."},
		{"/a..b/.c", "/a..b/.c"},
		{"/dir/", "/dir/"},
	};
	sr_buf b;
	sr_buf_init(&b, 4096);
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		const char *got = path(good[i][0], &b);
		if (!got || strcmp(got, good[i][1]))
			fail_msg("%s -> %s, want %s", good[i][0], got ? got : "(refused)", good[i][1]);
	}
	sr_buf_release(&b);
}

static void paths_refused(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "index.html", "/..", "/../etc/passwd", "/a/../../b", "/a/..", "/.", "/./a",
		"/%2e%2e/etc", "/%2E%2e/etc", "/.%2e/x", "/%2e/x", "/a%2fb", "/a%2Fb", "/a%5cb",
		"/a\\b", "/a%00b", "/a%0ab", "/a%", "/a%4", "/a%zz", "/a%C3", "/%c0%ae%c0%ae/",
		"/a\tb", "/%7f",
	};
	sr_buf b;
	sr_buf_init(&b, 4096);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (path(bad[i], &b))
			fail_msg("%s accepted as %s", bad[i], b.data);
	/* over the cap */
	sr_buf small;
	sr_buf_init(&small, 4);
	const char *why;
	assert_int_equal(sr_http_path_decode("/abcdef", 7, &small, &why), SR_ETOOBIG);
	sr_buf_release(&small);
	sr_buf_release(&b);
}

static void targets_split(void **state)
{
	(void)state;
	size_t pl, ql;
	const char *q;
	const char *t = "/api/search?q=a+b#frag";
	sr_http_split_target(t, strlen(t), &pl, &q, &ql);
	assert_int_equal(pl, 11);
	assert_non_null(q);
	assert_int_equal(ql, 5);
	assert_memory_equal(q, "q=a+b", 5);
	sr_http_split_target("/x", 2, &pl, &q, &ql);
	assert_int_equal(pl, 2);
	assert_null(q);
	assert_int_equal(ql, 0);
	sr_http_split_target("/x?", 3, &pl, &q, &ql);
	assert_non_null(q);
	assert_int_equal(ql, 0);
}

/* The value of name in query, or NULL when absent; "(error)" when malformed. */
static const char *param(const char *query, const char *name, sr_buf *b)
{
	sr_buf_reset(b);
	int rc = sr_http_query_get(query, strlen(query), name, b);
	if (rc < 0)
		return "(error)";
	return rc ? (b->data ? b->data : "") : NULL;
}

static void queries(void **state)
{
	(void)state;
	sr_buf b;
	sr_buf_init(&b, 64);
	assert_string_equal(param("q=amman", "q", &b), "amman");
	assert_string_equal(param("limit=5&q=a+b%20c", "q", &b), "a b c");
	assert_string_equal(param("q=first&q=second", "q", &b), "first");
	assert_string_equal(param("q", "q", &b), "");
	assert_string_equal(param("q=", "q", &b), "");
	assert_string_equal(param("%71=encoded+key", "q", &b), "encoded key");
	assert_string_equal(param("q=%22a%22", "q", &b), "\"a\"");
	assert_string_equal(param("q=caf%C3%A9", "q", &b), "café");
	assert_string_equal(param("qq=1&q=2", "q", &b), "2");
	assert_string_equal(param("=x&q=2", "q", &b), "2");
	assert_string_equal(param("&&q=2&", "q", &b), "2");
	assert_string_equal(param("a=%3D%26&q=%3D%26", "q", &b), "=&");
	assert_null(param("", "q", &b));
	assert_null(param("qq=1", "q", &b));
	assert_null(param("limit=3", "q", &b));
	assert_string_equal(param("q=%zz", "q", &b), "(error)");
	assert_string_equal(param("q=a%00", "q", &b), "(error)");
	assert_string_equal(param("q=%C3", "q", &b), "(error)");
	assert_string_equal(param("q=%", "q", &b), "(error)");
	assert_string_equal(param("%zz=1&q=2", "q", &b), "(error)");
	/* a value over the cap */
	sr_buf small;
	sr_buf_init(&small, 3);
	assert_int_equal(sr_http_query_get("q=abcdef", 8, "q", &small), SR_ETOOBIG);
	sr_buf_release(&small);
	/* NULL query */
	assert_int_equal(sr_http_query_get(NULL, 0, "q", &b), 0);
	sr_buf_release(&b);
}

static void routes_matched(void **state)
{
	(void)state;
	sr_http_caps c;
	int64_t id = 0;
	assert_true(sr_http_match("/api/health", "/api/health", &c));
	assert_int_equal(c.n, 0);
	assert_false(sr_http_match("/api/health", "/api/health/", &c));
	assert_false(sr_http_match("/api/health", "/api/healt", &c));
	assert_true(sr_http_match("/api/articles/{id}", "/api/articles/42", &c));
	assert_int_equal(sr_http_cap_id(&c, "id", &id), SR_OK);
	assert_int_equal(id, 42);
	assert_true(sr_http_match("/api/articles/{id}/raw", "/api/articles/7/raw", &c));
	assert_int_equal(sr_http_cap_id(&c, "id", &id), SR_OK);
	assert_int_equal(id, 7);
	assert_false(sr_http_match("/api/articles/{id}", "/api/articles/", &c));
	assert_false(sr_http_match("/api/articles/{id}", "/api/articles/7/raw", &c));
	assert_false(sr_http_match("/api/articles/{id}/raw", "/api/articles/7", &c));
	assert_true(sr_http_match("/a/{x}/{y}", "/a/1/2", &c));
	assert_int_equal(c.n, 2);
	assert_int_equal(sr_http_cap_id(&c, "nope", &id), SR_ENOTFOUND);
	/* malformed patterns never match */
	assert_false(sr_http_match("/a{x}", "/a1", &c));
	assert_false(sr_http_match("/a/{x", "/a/1", &c));
	assert_false(sr_http_match("/a/{}", "/a/1", &c));
	assert_false(sr_http_match("/{a}/{b}/{c}/{d}/{e}", "/1/2/3/4/5", &c));
	/* ids */
	static const char *const bad_ids[] = {"0", "01", "-1", "+1", "1a", "abc", "9223372036854775808",
					      "99999999999999999999", " 1"};
	for (size_t i = 0; i < sizeof(bad_ids) / sizeof(bad_ids[0]); i++) {
		char p[64];
		snprintf(p, sizeof(p), "/x/%s", bad_ids[i]);
		assert_true(sr_http_match("/x/{id}", p, &c));
		if (sr_http_cap_id(&c, "id", &id) == SR_OK)
			fail_msg("id '%s' accepted", bad_ids[i]);
	}
	assert_true(sr_http_match("/x/{id}", "/x/9223372036854775807", &c));
	assert_int_equal(sr_http_cap_id(&c, "id", &id), SR_OK);
	assert_true(id == INT64_MAX);
}

static void ints(void **state)
{
	(void)state;
	int64_t v = 0;
	assert_int_equal(sr_http_parse_int("10", 1, 100, &v), SR_OK);
	assert_int_equal(v, 10);
	assert_int_equal(sr_http_parse_int("-1", -5, 5, &v), SR_OK);
	assert_int_equal(v, -1);
	assert_int_equal(sr_http_parse_int("0", 1, 100, &v), SR_EINVAL);
	assert_int_equal(sr_http_parse_int("101", 1, 100, &v), SR_EINVAL);
	assert_int_equal(sr_http_parse_int("", 0, 100, &v), SR_EINVAL);
	assert_int_equal(sr_http_parse_int("-", 0, 100, &v), SR_EINVAL);
	assert_int_equal(sr_http_parse_int("1e2", 0, 1000, &v), SR_EINVAL);
	assert_int_equal(sr_http_parse_int(" 1", 0, 100, &v), SR_EINVAL);
	assert_int_equal(sr_http_parse_int("9999999999999999999", 0, INT64_MAX, &v), SR_EINVAL);
}

static void tokens(void **state)
{
	(void)state;
	size_t n;
	const char *t = sr_http_bearer("Bearer abc.def", &n);
	assert_non_null(t);
	assert_int_equal(n, 7);
	assert_memory_equal(t, "abc.def", 7);
	t = sr_http_bearer("  bearer   xyz  ", &n);
	assert_non_null(t);
	assert_int_equal(n, 3);
	assert_null(sr_http_bearer(NULL, &n));
	assert_null(sr_http_bearer("Basic abc", &n));
	assert_null(sr_http_bearer("Bearer", &n));
	assert_null(sr_http_bearer("Bearer ", &n));
	assert_null(sr_http_bearer("Bearerabc", &n));
	assert_null(sr_http_bearer("Bearer a b", &n));
	assert_true(sr_http_token_equal("secret", 6, "secret"));
	assert_false(sr_http_token_equal("secreT", 6, "secret"));
	assert_false(sr_http_token_equal("secre", 5, "secret"));
	assert_false(sr_http_token_equal("secrets", 7, "secret"));
	assert_false(sr_http_token_equal("", 0, "secret"));
	assert_false(sr_http_token_equal("secretsecret", 12, "secret"));
}

static void listen_addresses(void **state)
{
	(void)state;
	char h[64];
	int port = -1;
	assert_int_equal(sr_http_parse_hostport("127.0.0.1:8080", h, sizeof(h), &port), SR_OK);
	assert_string_equal(h, "127.0.0.1");
	assert_int_equal(port, 8080);
	assert_int_equal(sr_http_parse_hostport("[::1]:0", h, sizeof(h), &port), SR_OK);
	assert_string_equal(h, "::1");
	assert_int_equal(port, 0);
	assert_int_equal(sr_http_parse_hostport("localhost:65535", h, sizeof(h), &port), SR_OK);
	static const char *const bad[] = {"", "8080", ":8080", "127.0.0.1", "127.0.0.1:", "::1:80",
					  "[::1]", "[::1]80", "h:65536", "h:-1", "h:8o", "[]:80", "h:123456"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (sr_http_parse_hostport(bad[i], h, sizeof(h), &port) == SR_OK)
			fail_msg("'%s' accepted", bad[i]);
	assert_int_equal(sr_http_parse_hostport("a-very-long-host-name:1", h, 8, &port), SR_EINVAL);
}

static void assets_found(void **state)
{
	(void)state;
	static const unsigned char d[] = "x";
	static const sr_asset table[] = {
		{"/index.html", "text/html", d, 1},
		{"/app.js", "text/javascript", d, 1},
		{"/docs/index.html", "text/html", d, 1},
		{NULL, NULL, NULL, 0},
	};
	assert_ptr_equal(sr_asset_find(table, "/app.js"), &table[1]);
	assert_ptr_equal(sr_asset_find(table, "/"), &table[0]);
	assert_ptr_equal(sr_asset_find(table, "/docs/"), &table[2]);
	assert_null(sr_asset_find(table, "/docs"));
	assert_null(sr_asset_find(table, "/app.js/"));
	assert_null(sr_asset_find(table, "/APP.JS"));
	assert_null(sr_asset_find(table, "app.js"));
	assert_null(sr_asset_find(table, ""));
	assert_null(sr_asset_find(NULL, "/app.js"));
}

/* The OpenAPI description is generated from the route table: every route is in it with
 * its method, its path parameters and its documented answers. */
static void openapi_matches_routes(void **state)
{
	(void)state;
	sr_buf b;
	sr_buf_init(&b, 1 << 20);
	assert_int_equal(sr_openapi_json(sr_routes, "test", &b), SR_OK);
	json_error_t e;
	json_t *doc = json_loadb(b.data, b.len, 0, &e);
	if (!doc)
		fail_msg("not JSON: %s at %d", e.text, e.position);
	assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.0.3");
	json_t *paths = json_object_get(doc, "paths");
	size_t n_routes = 0, n_ops = 0;
	for (const sr_route *rt = sr_routes; rt->method; rt++, n_routes++) {
		char m[8];
		size_t i;
		for (i = 0; rt->method[i] && i < 7; i++)
			m[i] = (char)(rt->method[i] | 0x20);
		m[i] = '\0';
		json_t *op = json_object_get(json_object_get(paths, rt->pattern), m);
		if (!op)
			fail_msg("%s %s missing from the description", rt->method, rt->pattern);
		for (const sr_route_resp *r = rt->responses; r->status; r++) {
			char code[8];
			snprintf(code, sizeof(code), "%d", r->status);
			assert_non_null(json_object_get(json_object_get(op, "responses"), code));
		}
		/* each {name} of the pattern is a required path parameter */
		for (const char *p = strchr(rt->pattern, '{'); p; p = strchr(p + 1, '{')) {
			size_t len = strcspn(p + 1, "}");
			int found = 0;
			size_t k;
			json_t *prm;
			json_array_foreach(json_object_get(op, "parameters"), k, prm) {
				const char *name = json_string_value(json_object_get(prm, "name"));
				if (name && strlen(name) == len && !strncmp(name, p + 1, len) &&
				    !strcmp(json_string_value(json_object_get(prm, "in")), "path") &&
				    json_is_true(json_object_get(prm, "required")))
					found = 1;
			}
			if (!found)
				fail_msg("%s: path parameter %.*s undocumented", rt->pattern, (int)len, p + 1);
		}
		assert_int_equal(!!(rt->flags & SR_ROUTE_WRITE), json_object_get(op, "security") != NULL);
	}
	const char *k;
	json_t *item;
	json_object_foreach(paths, k, item) n_ops += json_object_size(item);
	assert_int_equal(n_ops, n_routes);
	json_decref(doc);
	sr_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(paths_decoded),
		cmocka_unit_test(paths_refused),
		cmocka_unit_test(targets_split),
		cmocka_unit_test(queries),
		cmocka_unit_test(routes_matched),
		cmocka_unit_test(ints),
		cmocka_unit_test(tokens),
		cmocka_unit_test(listen_addresses),
		cmocka_unit_test(assets_found),
		cmocka_unit_test(openapi_matches_routes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
