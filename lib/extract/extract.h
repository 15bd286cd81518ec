/*
 * extract.h - from a document's bytes to an article: the one call of the extract stage.
 *
 * Pure: no I/O, no globals, thread-safe (one arena per thread).  The bytes may be HTML or
 * plain text, in any character set; the result is always valid UTF-8.
 *
 *   sr_extract_opts o = {.url = "https://example.org/a", .format = SR_FORMAT_AUTO};
 *   sr_article art;
 *   int rc = sr_extract(bytes, len, &o, &arena, &art);
 *
 * Returns SR_OK and fills *art (all memory from arena), or:
 *   SR_EEMPTY    the input is empty, or holds no text at all
 *   SR_EBINARY   the input is not text (NUL bytes, control characters, images ...)
 *   SR_EENCODING plain-text input that is not valid UTF-8 (err_offset: first bad byte)
 *   SR_ENOMEM / SR_ETOOBIG  out of memory or over the arena's cap
 * Gzip-compressed input is NOT handled here: the source readers inflate it first.
 */
#ifndef SR_EXTRACT_H
#define SR_EXTRACT_H

#include <stddef.h>

#include "base/arena.h"
#include "extract/article.h"

typedef enum sr_format {
	SR_FORMAT_AUTO = 0, /* sniff: HTML when it looks like markup, else text */
	SR_FORMAT_HTML,
	SR_FORMAT_TEXT,
} sr_format;

typedef struct sr_extract_opts {
	const char *url;          /* the page's URL, or NULL: resolves relative links, URL dates */
	const char *content_type; /* HTTP Content-Type (charset hint), or NULL */
	sr_format format;
} sr_extract_opts;

typedef struct sr_extract_info {
	sr_format format;         /* what the input was taken for */
	const char *charset;      /* the charset it was decoded from (static string) */
	size_t err_offset;        /* for SR_EENCODING: offset of the first invalid byte */
} sr_extract_info;

/* Guess whether bytes are HTML (1) or text (0); SR_EBINARY/SR_EEMPTY when neither. */
int sr_sniff_format(const char *bytes, size_t len);

int sr_extract(const char *bytes, size_t len, const sr_extract_opts *opts, sr_arena *arena,
	       sr_article *out, sr_extract_info *info);

#endif
