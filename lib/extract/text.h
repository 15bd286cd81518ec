/*
 * text.h - an article from plain text: text with line breaks, or a page's visible text
 * flattened onto one line by a naive scraper.
 */
#ifndef SR_TEXT_H
#define SR_TEXT_H

#include <stddef.h>

#include "base/arena.h"
#include "extract/article.h"

/* Fill art's title, authors, published, section, tags and text from s[0..n) (valid UTF-8
 * without C0 controls but \t \n \r).  Returns SR_OK, SR_EEMPTY (no text) or SR_ENOMEM. */
int sr_text_extract(const char *s, size_t n, sr_arena *a, sr_article *art);

#endif
