/*
 * meta.h - an article's metadata from a parsed HTML document.
 *
 * Reads, in one pass over the tree: <title>, <html lang>, <meta> (name, property, itemprop,
 * http-equiv: OpenGraph, Twitter cards, Dublin Core, article:*, parsely, sailthru ...),
 * <link rel=canonical|image_src>, JSON-LD blocks (jansson; Article types, @graph, @id
 * references to Person nodes), microdata (itemprop=headline|author|datePublished ...),
 * <time> elements, rel=author and rel=tag links, visible bylines and datelines recognised by
 * class names, the first <h1>; then the URL's date; last, an author named in the page's
 * inline scripts (script.h).  Each source has a priority per field;
 * the highest wins (docs/EXTRACTION.md lists them).  Relative URLs resolve against url.
 */
#ifndef SR_META_H
#define SR_META_H

#include <libxml/HTMLparser.h>

#include "base/arena.h"
#include "extract/article.h"

enum { SR_AUTHORS_SITE = 1, SR_AUTHORS_SCRIPT = 2 };

/* What the HTML extractor needs to know about the metadata it did not write into art. */
typedef struct sr_meta_info {
	/* the title is one the page also shows as an <h1> or <h2> (two sources agree: the
	 * body's headline rules need not second-guess it) */
	int title_visible;
	/* the authors are a weak guess, which a visible byline should replace:
	 * SR_AUTHORS_SITE when no source names a person, so they are the site's or an
	 * organisation's name (og:site_name or a part of it, its initials, the host's name,
	 * "Redaktion", "GmbH", "e.V." ...); SR_AUTHORS_SCRIPT when the name was read from the
	 * page's scripts (only a byline of two words or more should replace it); else 0 */
	int authors_weak;
	/* the published date comes from a weak source: a generic <meta name=date>, dc.date
	 * and the like, the URL, a <time> or a class-named dateline (priority 50 or less) */
	int published_weak;
} sr_meta_info;

/* Fill title, authors, published, modified, section, tags, description, canonical_url,
 * site_name, lang and image of art (fields it finds nothing for are left as they are), and
 * *info (when not NULL).  Returns SR_OK, or SR_ENOMEM when the arena ran out. */
int sr_meta_extract(xmlDocPtr doc, const char *url, sr_arena *a, sr_article *art,
		    sr_meta_info *info);

/* name is the site's or an organisation's rather than a person's, by the rules of
 * sr_meta_info.authors_weak; site_name and url may be NULL. */
int sr_meta_site_like(const char *name, const char *site_name, const char *url);

#endif
