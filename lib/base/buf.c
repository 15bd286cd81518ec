#include "base/buf.h"
#include "base/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sr_buf_init(sr_buf *b, size_t max)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->max = max;
}

void sr_buf_release(sr_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void sr_buf_reset(sr_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

int sr_buf_grow(sr_buf *b, size_t extra)
{
	if (extra > b->max || b->len > b->max - extra)
		return SR_ETOOBIG;
	size_t need = b->len + extra + 1; /* + terminator */
	if (need <= b->cap)
		return SR_OK;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
	if (cap > b->max + 1)
		cap = b->max + 1;
	char *p = realloc(b->data, cap);
	if (!p)
		return SR_ENOMEM;
	b->data = p;
	b->cap = cap;
	return SR_OK;
}

int sr_buf_append(sr_buf *b, const void *p, size_t n)
{
	int rc = sr_buf_grow(b, n);
	if (rc)
		return rc;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return SR_OK;
}

int sr_buf_puts(sr_buf *b, const char *s)
{
	return sr_buf_append(b, s, strlen(s));
}

int sr_buf_putc(sr_buf *b, char c)
{
	return sr_buf_append(b, &c, 1);
}

int sr_buf_put_pct(sr_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	int rc = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && !rc; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '.' || *p == '_' || *p == '~') {
			rc = sr_buf_putc(b, (char)*p);
		} else {
			char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			rc = sr_buf_append(b, e, 3);
		}
	}
	return rc;
}

int sr_buf_vappendf(sr_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return SR_EINVAL;
	int rc = sr_buf_grow(b, (size_t)n);
	if (rc)
		return rc;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return SR_OK;
}

int sr_buf_appendf(sr_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = sr_buf_vappendf(b, fmt, ap);
	va_end(ap);
	return rc;
}

void sr_buf_truncate(sr_buf *b, size_t n)
{
	if (n < b->len) {
		b->len = n;
		b->data[n] = '\0';
	}
}

char *sr_buf_detach(sr_buf *b, size_t *len)
{
	if (!b->data && sr_buf_grow(b, 0))
		return NULL;
	char *p = b->data;
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}
