/*
 * charset.h - finding a document's character set and converting it to UTF-8.
 *
 * The order of evidence follows the HTML standard's "encoding sniffing" with two repairs
 * for pages that lie about themselves:
 *   1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE) wins outright;
 *   2. the charset parameter of the HTTP Content-Type, when given;
 *   3. for HTML, <meta charset=...>, <meta http-equiv="Content-Type" content="...charset=...">
 *      or an XML declaration's encoding="...", in the first 64 KiB;
 *   4. nothing declared: valid UTF-8 is UTF-8; otherwise a legacy charset guessed from the
 *      page's language (<html lang>, Content-Language) and its byte statistics, by default
 *      windows-1252.
 * Repairs: a declared single-byte charset on bytes that are valid UTF-8 with multi-byte
 * sequences is taken as UTF-8; a declared UTF-8 on bytes with no valid multi-byte sequence
 * and some invalid ones goes to step 4.  Labels map as in the WHATWG Encoding standard
 * (iso-8859-1 and us-ascii are windows-1252, gb2312 is GB18030, ...).
 */
#ifndef SR_CHARSET_H
#define SR_CHARSET_H

#include <stddef.h>

#include "base/buf.h"

/* Canonical name (a static string such as "UTF-8", "windows-1256") of the charset that a
 * label names, or NULL when sitrep does not know the label. */
const char *sr_charset_canonical(const char *label, size_t n);

/* The charset of bytes[0..len) (a static string, never NULL).  content_type may be NULL;
 * is_html enables the in-document declarations.  *bom_len receives the length of a byte
 * order mark to skip (0 when none). */
const char *sr_charset_detect(const char *bytes, size_t len, const char *content_type,
			      int is_html, size_t *bom_len);

/* Append bytes[0..len), encoded in charset (a name from sr_charset_detect), to out as
 * valid UTF-8: sequences invalid in the source charset become U+FFFD, and C0 controls
 * other than \t \n \r are dropped.  SR_ETOOBIG past out->max, SR_ENOMEM, SR_EENCODING when
 * the system cannot convert from charset. */
int sr_charset_to_utf8(const char *bytes, size_t len, const char *charset, sr_buf *out);

#endif
