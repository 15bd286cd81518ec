/*
 * url.h - URL normalisation: one spelling per page, so a page is stored once.
 *
 * sr_url_normalize rewrites an absolute http(s) URL to its canonical form:
 *   - scheme and host lower-cased; a trailing dot on the host dropped;
 *   - the default port (:80 for http, :443 for https) dropped;
 *   - the fragment (#...) dropped;
 *   - percent-escapes of unreserved characters decoded (%41 -> A), other escapes
 *     upper-cased (%2f -> %2F);
 *   - dot segments resolved ("/a/./b/../c" -> "/a/c"); an empty path becomes "/";
 *   - tracking parameters removed (utm_*, fbclid, gclid, dclid, msclkid, mc_cid, mc_eid,
 *     _ga, igshid, yclid, ref_src, ...) and session ids (jsessionid, phpsessid, sid,
 *     sessionid); the remaining parameters keep their order; an empty query is dropped.
 * The path's case and a trailing slash are kept: servers may tell them apart.
 * Other schemes are returned unchanged (lower-cased scheme only).
 */
#ifndef SR_URL_H
#define SR_URL_H

#include "base/buf.h"

/* Append the normalised form of url to out.  SR_EINVAL when url is not an absolute URL
 * with a scheme (out unchanged). */
int sr_url_normalize(const char *url, sr_buf *out);

#endif
