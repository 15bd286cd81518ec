/*
 * sitemap.h - XML sitemaps (urlset, sitemapindex), news sitemaps, plain-text sitemaps.
 *
 * Pure: bytes in (plain or gzip), entries out (arena memory).  XML goes through
 * source/xmlin.h (charset repair, no DTD, recover mode).  Understood:
 *   <urlset>        <url><loc> <lastmod>, and the Google News extension
 *                   <news:news><news:publication><news:name> <news:language>
 *                   </news:publication><news:publication_date> <news:title>
 *   <sitemapindex>  <sitemap><loc> <lastmod>: the child sitemaps, for the caller to fetch
 *   text            one absolute URL per line (the sitemaps.org text format)
 * Every loc is resolved against url and must be http(s); others are dropped.  Dates are
 * ISO 8601 (source/feed.h sr_feed_date).  At most SR_SITEMAP_MAX_URLS entries (the
 * protocol's 50,000).
 */
#ifndef SR_SITEMAP_H
#define SR_SITEMAP_H

#include <stddef.h>

#include "base/arena.h"

#define SR_SITEMAP_WHY_MAX 256
#define SR_SITEMAP_MAX_URLS 50000

typedef struct sr_sitemap_url {
	const char *loc;
	const char *lastmod;        /* ISO 8601 or NULL */
	const char *news_date;      /* news:publication_date, ISO 8601, or NULL */
	const char *news_title;     /* or NULL */
	const char *news_name;      /* news:publication/news:name, or NULL */
	const char *news_lang;      /* news:publication/news:language, or NULL */
} sr_sitemap_url;

typedef struct sr_sitemap {
	int is_index;            /* 1: a sitemapindex; urls are child sitemaps */
	int is_text;             /* 1: the plain-text format */
	sr_sitemap_url *urls;
	size_t n_urls;
	int recovered;           /* ill-formed XML recovered; why says where */
} sr_sitemap;

/* Parse bytes[0..len).  url (may be NULL) resolves relative locs.  SR_OK (why empty or a
 * recovery warning), SR_EEMPTY, SR_EPARSE (why: "not a sitemap: the root element is
 * <html>", "corrupt gzip data", ...), SR_ETOOBIG, SR_ENOMEM. */
int sr_sitemap_parse(const char *bytes, size_t len, const char *url, sr_arena *a, sr_sitemap *out,
		     char why[SR_SITEMAP_WHY_MAX]);

#endif
