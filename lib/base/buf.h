/*
 * buf.h - a growable byte buffer with a hard size cap.
 *
 * Every buffer that may hold bytes from outside (a file, a page, a request body) is
 * created with a maximum size, so that untrusted input can never grow memory without
 * bound.  Appending past the cap fails with SR_ETOOBIG and leaves the buffer unchanged.
 *
 * Invariants: data is either NULL (len == cap == 0) or points to cap bytes, of which the
 * first len are content and data[len] == '\0' (a terminator is always kept, so data can
 * be used as a C string when the content has no NUL).  len < cap whenever data != NULL.
 *
 *   sr_buf b;
 *   sr_buf_init(&b, 1 << 20);
 *   if (sr_buf_append(&b, p, n) < 0) goto out;
 *   ...
 *   out: sr_buf_release(&b);
 */
#ifndef SR_BUF_H
#define SR_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct sr_buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max; /* content may not exceed max bytes */
} sr_buf;

/* Start an empty buffer whose content may grow to at most max bytes. No allocation. */
void sr_buf_init(sr_buf *b, size_t max);
/* Free the memory and return the buffer to its initial empty state (max is kept). */
void sr_buf_release(sr_buf *b);
/* Empty the content but keep the memory for reuse. */
void sr_buf_reset(sr_buf *b);
/* Make room for at least extra more bytes.  SR_ETOOBIG past max, SR_ENOMEM. */
int sr_buf_grow(sr_buf *b, size_t extra);
int sr_buf_append(sr_buf *b, const void *p, size_t n);
int sr_buf_puts(sr_buf *b, const char *s);
int sr_buf_putc(sr_buf *b, char c);
/* s with every byte but RFC 3986's unreserved ones (ALPHA DIGIT - . _ ~) %-escaped, upper-case
 * hex: a URL path segment, a URN part. */
int sr_buf_put_pct(sr_buf *b, const char *s);
int sr_buf_appendf(sr_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int sr_buf_vappendf(sr_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Shorten the content to n bytes (n <= len). */
void sr_buf_truncate(sr_buf *b, size_t n);
/* Hand the memory to the caller (NUL-terminated, never NULL unless out of memory);
 * the buffer is left empty.  The caller frees the result with free(). */
char *sr_buf_detach(sr_buf *b, size_t *len);

#endif
