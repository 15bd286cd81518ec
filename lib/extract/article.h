/*
 * article.h - the article: what extraction produces and the store keeps.
 *
 * The same keys name the same things in `sitrep extract`'s JSON, the HTTP API and the
 * store's columns: url, title, authors, published, modified, section, tags, description,
 * canonical_url, site_name, lang, image, text.
 *
 * Ownership: every string and array hangs off the arena passed to the extractor and lives
 * until that arena is reset.  Strings are NUL-terminated valid UTF-8 with no C0 controls
 * except \n (and \t); unknown fields are NULL (arrays: n == 0).
 */
#ifndef SR_ARTICLE_H
#define SR_ARTICLE_H

#include <stddef.h>

#include "base/buf.h"

typedef struct sr_article {
	const char *url;           /* the document's URL (as given), or NULL */
	const char *title;
	const char **authors;      /* n_authors names, in byline order */
	size_t n_authors;
	const char *published;     /* ISO 8601: "2024-07-12" or "2024-07-12T09:30:00+03:00" */
	const char *modified;      /* ISO 8601 */
	const char *section;
	const char **tags;
	size_t n_tags;
	const char *description;   /* standfirst / summary */
	const char *canonical_url;
	const char *site_name;
	const char *lang;          /* ISO 639-1 code ("en", "ar"), or NULL */
	const char *image;         /* lead image URL */
	const char *text;          /* body: blocks separated by one blank line ("\n\n") */
} sr_article;

/* Append the article as one JSON object (no newline) with every key above, null or []
 * when unknown. */
int sr_article_to_json(const sr_article *a, sr_buf *out);

#endif
