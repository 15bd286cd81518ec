/*
 * feed.h - news feeds: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 1.0 (and 0.3), JSON Feed 1.x.
 *
 * Pure: bytes in, items out.  Every string hangs off the caller's arena (valid UTF-8,
 * NUL-terminated) and lives until that arena is reset.  XML goes through source/xmlin.h
 * (charset repair, HTML entities, no DTD, recover mode, never any external entity).
 *
 * What an item gives, by format:
 *   link        RSS <link>, else a permalink <guid>, else atom:link; Atom <link rel=
 *               "alternate"> (or without rel); JSON url, else external_url.  Resolved
 *               against xml:base and the feed's URL: always absolute (http/https) or NULL.
 *   id          <guid>, Atom <id>, rdf:about, JSON id
 *   title, summary (description, Atom summary, JSON summary), content (content:encoded,
 *               Atom content (type html or xhtml serialised), JSON content_html or
 *               content_text): HTML or text as the feed gave it
 *   published   pubDate, dc:date, Atom published (else updated), JSON date_published;
 *   updated     Atom updated, dc:modified, JSON date_modified: both ISO 8601
 *               ("2024-07-12T09:30:00Z"/"+03:00"), from RFC 822, RFC 3339 and their
 *               usual broken variants (sr_feed_date); NULL when missing or unreadable
 *   authors     dc:creator, <author> (RSS "mail (Name)" gives Name), Atom author/name,
 *               JSON authors[].name / author.name
 *   categories  <category> (Atom term/label), dc:subject, JSON tags
 *   image       media:content (an image), media:thumbnail, an image enclosure, JSON image
 *   lat, lon    georss:point, georss:where/gml:pos, geo:lat + geo:long (has_geo = 1)
 */
#ifndef SR_FEED_H
#define SR_FEED_H

#include <stddef.h>

#include "base/arena.h"

#define SR_FEED_WHY_MAX 256
#define SR_FEED_DATE_MAX 32
#define SR_FEED_MAX_ITEMS 20000

typedef enum sr_feed_format {
	SR_FEED_RSS = 1,  /* RSS 0.9x / 2.0 */
	SR_FEED_RDF = 2,  /* RSS 1.0 (and 0.90) */
	SR_FEED_ATOM = 3,
	SR_FEED_JSON = 4, /* JSON Feed */
} sr_feed_format;

typedef struct sr_feed_item {
	const char *link;
	const char *id;
	const char *title;
	const char *summary;
	const char *content;
	const char *published;
	const char *updated;
	const char **authors;
	size_t n_authors;
	const char **categories;
	size_t n_categories;
	const char *image;
	int has_geo;
	double lat, lon;
} sr_feed_item;

typedef struct sr_feed {
	sr_feed_format format;
	const char *title;
	const char *link;        /* the site's home page, absolute, or NULL */
	const char *description;
	const char *lang;
	sr_feed_item *items;     /* in document order; at most SR_FEED_MAX_ITEMS */
	size_t n_items;
	int recovered;           /* the XML was ill-formed and recovered; why says where */
} sr_feed;

/* Parse a feed from bytes[0..len) (plain or gzip).  url (may be NULL) is where it was
 * fetched from: relative links resolve against it.  content_type (may be NULL) is the
 * HTTP Content-Type.  Returns SR_OK (why empty, or a warning about recovered XML),
 * SR_EEMPTY, SR_EPARSE ("not a feed: the root element is <html>", "not well-formed XML
 * (line 3: ...)"), SR_ETOOBIG, SR_ENOMEM; why says what went wrong. */
int sr_feed_parse(const char *bytes, size_t len, const char *url, const char *content_type,
		  sr_arena *a, sr_feed *out, char why[SR_FEED_WHY_MAX]);

/* A feed date to ISO 8601: RFC 822/2822 ("Fri, 12 Jul 2024 09:30:00 GMT", zone names
 * UT GMT Z EST EDT CST CDT MST MDT PST PDT, military letters, +HHMM, +HH:MM; two-digit
 * years; missing seconds, weekday or zone; full month and weekday names; commas and
 * spaces out of place), RFC 3339 / ISO 8601, and anything extract/date.h reads.  The
 * output keeps the zone given ("+05:30", "Z"); no zone means UTC.  Returns 1 when a date
 * was read, 0 when not (out is then ""). */
int sr_feed_date(const char *s, char out[SR_FEED_DATE_MAX]);

/* What a fetched resource looks like. */
typedef enum sr_resource_kind {
	SR_KIND_UNKNOWN = 0,
	SR_KIND_FEED = 1,     /* RSS, RDF, Atom, JSON Feed */
	SR_KIND_SITEMAP = 2,  /* urlset or sitemapindex */
	SR_KIND_HTML = 3,     /* a web page */
	SR_KIND_ROBOTS = 4,   /* a robots.txt */
} sr_resource_kind;

/* Guess the kind of bytes[0..len) (plain or gzip) from its first element or first lines;
 * url's path ("/robots.txt") and content_type (may be NULL) are hints. */
sr_resource_kind sr_resource_sniff(const char *bytes, size_t len, const char *url,
				   const char *content_type);

typedef struct sr_feed_link {
	const char *url;   /* absolute */
	const char *type;  /* "application/rss+xml", "application/atom+xml", "application/feed+json" */
	const char *title; /* or NULL */
} sr_feed_link;

/* Feed discovery: the <link rel="alternate" type="application/rss+xml|atom+xml|feed+json
 * (or json)"> elements of an HTML page, in document order, resolved against <base href>
 * and url.  *links (arena memory) receives up to 32.  SR_OK (possibly none found),
 * SR_ENOMEM. */
int sr_feed_discover(const char *html, size_t len, const char *url, sr_arena *a,
		     sr_feed_link **links, size_t *n);

/* Resolve ref against base (either may be relative; NULL when neither gives an absolute
 * http(s) URL).  Into the arena. */
const char *sr_feed_resolve(const char *base, const char *ref, sr_arena *a);

#endif
