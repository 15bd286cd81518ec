/*
 * gz.h - recognising and inflating gzip (and zlib) data, with a cap on the output.
 */
#ifndef SR_GZ_H
#define SR_GZ_H

#include <stddef.h>

#include "base/buf.h"

/* True when p[0..n) starts with the gzip magic bytes. */
int sr_gz_is_gzip(const void *p, size_t n);

/* Inflate all gzip members in p[0..n) into out (appending).  SR_ETOOBIG when the output
 * would pass out->max, SR_EPARSE on corrupt or truncated data (what was inflated before
 * the error stays in out). */
int sr_gz_inflate(sr_buf *out, const void *p, size_t n);

/* zlib-compress p[0..n) into out (appending), for raw document storage. */
int sr_gz_deflate(sr_buf *out, const void *p, size_t n);

/* Inflate zlib data (as written by sr_gz_deflate). */
int sr_gz_unzlib(sr_buf *out, const void *p, size_t n);

#endif
