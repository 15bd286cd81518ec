/*
 * meta.h - an article's metadata from a parsed HTML document.
 *
 * Reads, in one pass over the tree: <title>, <html lang>, <meta> (name, property, itemprop,
 * http-equiv: OpenGraph, Twitter cards, Dublin Core, article:*, parsely, sailthru ...),
 * <link rel=canonical|image_src>, JSON-LD blocks (jansson; Article types, @graph, @id
 * references to Person nodes), microdata (itemprop=headline|author|datePublished ...),
 * <time> elements, rel=author and rel=tag links, visible bylines and datelines recognised by
 * class names, the first <h1>; then the URL's date.  Each source has a priority per field;
 * the highest wins (docs/EXTRACTION.md lists them).  Relative URLs resolve against url.
 */
#ifndef SR_META_H
#define SR_META_H

#include <libxml/HTMLparser.h>

#include "base/arena.h"
#include "extract/article.h"

/* Fill title, authors, published, modified, section, tags, description, canonical_url,
 * site_name, lang and image of art (fields it finds nothing for are left as they are).
 * *title_visible (when not NULL) is set to 1 when the title is one the page also shows
 * as an <h1> or <h2> (two sources agree: the body's headline rules need not second-guess
 * it), else 0.  Returns SR_OK, or SR_ENOMEM when the arena ran out. */
int sr_meta_extract(xmlDocPtr doc, const char *url, sr_arena *a, sr_article *art,
		    int *title_visible);

#endif
