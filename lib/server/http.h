/*
 * http.h - the parts of an HTTP request the server reads itself: the request-target's
 * path and query string, route patterns, ids, the bearer token.
 *
 * Pure functions over byte ranges (no I/O, no allocation except into a caller's sr_buf),
 * so each is unit-tested (tests/unit/test_http.c) and fuzzed (tests/fuzz/fuzz_http.c).
 * The server hands them the raw request-target as the client sent it (libmicrohttpd's
 * own decoding is not used), so one decoder decides what a path means.
 *
 * Path rules (sr_http_path_decode): the path starts with '/'; percent-escapes are decoded;
 * refused are an escape that is not %XX with two hex digits, an encoded '/' or '\' (%2F,
 * %5C), a raw '\', NUL and other control characters (raw or encoded), a "." or ".."
 * segment (also when spelled with escapes, "%2e%2e"), and bytes that are not valid
 * UTF-8.  So a decoded path names one thing only, and cannot climb out of its folder.
 */
#ifndef SR_HTTP_H
#define SR_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

#define SR_HTTP_TARGET_MAX 16384 /* bytes of request-target (path and query) accepted */
#define SR_HTTP_MAX_CAPS 4       /* {name} segments in one route pattern */

/* Split a request-target "/path?query" into the path [0..*path_len) and the query
 * (after '?', not including a "#fragment"; NULL with *query_len 0 when there is none). */
void sr_http_split_target(const char *t, size_t n, size_t *path_len, const char **query,
			  size_t *query_len);

/* Decode the raw path p[0..n) into out (appending; out->data is then a C string).
 * SR_OK, or SR_EINVAL with *why set to a static reason when the path breaks the rules
 * above (out may hold part of the path), SR_ETOOBIG past out->max, SR_ENOMEM. */
int sr_http_path_decode(const char *p, size_t n, sr_buf *out, const char **why);

/* Decode one application/x-www-form-urlencoded component ('+' is a space, %XX escapes)
 * from s[0..n) into out (appending).  SR_EINVAL for a malformed escape, a NUL byte or
 * bytes that are not valid UTF-8; SR_ETOOBIG past out->max. */
int sr_http_form_decode(const char *s, size_t n, sr_buf *out);

/* Find the first parameter called name in the raw query q[0..n) ("a=1&b=x+y"; keys and
 * values are form-decoded; a key without '=' has the empty value) and decode its value
 * into out (appending).  Returns 1 when found, 0 when absent, SR_EINVAL when a key or the
 * value is malformed (see sr_http_form_decode), SR_ETOOBIG when the value passes
 * out->max.  q may be NULL when n == 0. */
int sr_http_query_get(const char *q, size_t n, const char *name, sr_buf *out);

/* What a route pattern captured: {name} segments, as ranges of the matched path. */
typedef struct sr_http_caps {
	size_t n;
	struct {
		const char *name; /* points into the pattern, name_len bytes */
		size_t name_len;
		const char *v;    /* points into the path, len bytes (non-empty, no '/') */
		size_t len;
	} c[SR_HTTP_MAX_CAPS];
} sr_http_caps;

/* Match a decoded path against pattern: literal text must be equal; "{name}" matches one
 * whole non-empty segment.  Returns 1 (caps filled) or 0.  A pattern with more than
 * SR_HTTP_MAX_CAPS captures, or a "{" that does not span a whole segment, never matches. */
int sr_http_match(const char *pattern, const char *path, sr_http_caps *caps);

/* The capture called name as an id: 1..INT64_MAX in plain decimal (no sign, no leading
 * zero).  SR_OK, SR_ENOTFOUND when there is no such capture, SR_EINVAL otherwise. */
int sr_http_cap_id(const sr_http_caps *caps, const char *name, int64_t *id);

/* A decimal integer in [min, max] from s (the whole string: no sign other than a leading
 * '-', no spaces, at most 18 digits).  SR_OK or SR_EINVAL. */
int sr_http_parse_int(const char *s, int64_t min, int64_t max, int64_t *out);

/* The token of an "Authorization: Bearer TOKEN" header value (the scheme is matched
 * without regard to case; spaces around the token are skipped), or NULL with *len 0. */
const char *sr_http_bearer(const char *authorization, size_t *len);

/* 1 when given[0..n) equals the NUL-terminated expected, compared in time that depends on
 * the length of expected only (not on where the bytes differ, nor on given), else 0. */
int sr_http_token_equal(const char *given, size_t n, const char *expected);

/* Split "HOST:PORT" or "[IPV6]:PORT" (host non-empty, port 0..65535 in decimal) into
 * host (a C string in hostbuf) and *port.  SR_OK or SR_EINVAL. */
int sr_http_parse_hostport(const char *s, char *hostbuf, size_t hostcap, int *port);

#endif
