/*
 * html.h - the main text of an HTML page (the body of the article).
 *
 * Input: the page as valid UTF-8 (charset.h converts it).  The page is parsed with
 * libxml2's tolerant HTML parser; metadata comes from meta.h; the body from the content
 * scorer described in html.c and docs/EXTRACTION.md.
 */
#ifndef SR_HTML_H
#define SR_HTML_H

#include <stddef.h>

#include "base/arena.h"
#include "extract/article.h"

/* Fill art (title, metadata and text) from html[0..len), valid UTF-8.  url may be NULL.
 * Returns SR_OK, SR_EEMPTY when the page has no text, SR_ENOMEM / SR_ETOOBIG. */
int sr_html_extract(const char *html, size_t len, const char *url, sr_arena *a,
		    sr_article *art);

#endif
