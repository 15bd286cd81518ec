/*
 * utf8.h - UTF-8 decoding, validation and repair.
 *
 * Pure functions over byte ranges; no allocation except into a caller's sr_buf.
 */
#ifndef SR_UTF8_H
#define SR_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

#define SR_UTF8_REPLACEMENT 0xFFFD

/* Decode one code point from s[0..n) (n > 0).  Returns the number of bytes consumed
 * (1..4) and stores the code point in *cp.  An invalid or truncated sequence (overlong,
 * surrogate, > U+10FFFF) consumes 1 byte and yields -1 in *cp. */
size_t sr_utf8_decode(const char *s, size_t n, int32_t *cp);

/* Encode cp (a valid scalar value) into out (4 bytes); returns the byte count, or 0. */
size_t sr_utf8_encode(int32_t cp, char out[4]);

/* Byte offset of the first invalid sequence in s[0..n), or n when all is valid UTF-8. */
size_t sr_utf8_check(const char *s, size_t n);

/* Append s[0..n) to out with every invalid sequence replaced by U+FFFD and the C0
 * controls other than \t \n \r (and DEL) dropped. */
int sr_utf8_sanitize(sr_buf *out, const char *s, size_t n);

#endif
