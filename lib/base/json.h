/*
 * json.h - writing JSON into an sr_buf (reading JSON uses jansson).
 *
 * A tiny streaming writer: the caller emits the structure, the writer escapes strings
 * and inserts commas.  Strings are assumed to be valid UTF-8 (the pipeline guarantees
 * it); any invalid byte is still escaped as U+FFFD so the output is always valid JSON.
 *
 *   sr_jw w; sr_jw_init(&w, &buf);
 *   sr_jw_obj(&w); sr_jw_key(&w, "title"); sr_jw_str(&w, t); sr_jw_end(&w);
 *   if (w.rc) ...
 */
#ifndef SR_JSON_H
#define SR_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

#define SR_JW_DEPTH 32

typedef struct sr_jw {
	sr_buf *out;
	int rc;                     /* sticky: first error */
	int depth;
	unsigned char first[SR_JW_DEPTH]; /* 1 while the container at depth has no item yet */
	char close[SR_JW_DEPTH];          /* '}' or ']' for the container at depth */
	unsigned char after_key;
} sr_jw;

void sr_jw_init(sr_jw *w, sr_buf *out);
void sr_jw_obj(sr_jw *w);
void sr_jw_arr(sr_jw *w);
void sr_jw_end(sr_jw *w);               /* closes the innermost object or array */
void sr_jw_key(sr_jw *w, const char *key);
void sr_jw_str(sr_jw *w, const char *s); /* NULL writes null */
void sr_jw_strn(sr_jw *w, const char *s, size_t n);
void sr_jw_int(sr_jw *w, int64_t v);
void sr_jw_double(sr_jw *w, double v);
void sr_jw_bool(sr_jw *w, int v);
void sr_jw_null(sr_jw *w);
/* Append a pre-serialised JSON value verbatim (e.g. a JSON column from SQLite). */
void sr_jw_raw(sr_jw *w, const char *json);

/* Append s[0..n) to out as a quoted, escaped JSON string. */
int sr_json_quote(sr_buf *out, const char *s, size_t n);

#endif
