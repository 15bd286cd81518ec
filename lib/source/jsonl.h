/*
 * jsonl.h - reading documents from JSON lines, so that other tools can feed sitrep.
 *
 * One JSON object per line:
 *   {"url": "https://...", "html": "<html>...", "title": "...", "published": "2024-03-01T10:00:00Z",
 *    "authors": ["A. Writer"], "lang": "en", "source": "Example News", "content_type": "text/html"}
 * "url" (a non-empty string) and "html" or "text" (a non-empty string) are required; the rest is
 * optional metadata.  "authors" may be a string or an array of strings ("author" is read when
 * "authors" is absent); "published" may be a string (given as is) or a number of seconds since
 * 1970 (turned into ISO 8601 UTC).  Fields of another type are ignored; other keys are ignored.
 *
 * The input is streamed line by line with a cap on the length of one line, so memory stays
 * bounded whatever the file's size.  Gzip input (one or more members) is recognised by content
 * and inflated on the fly.  Blank lines are skipped; a UTF-8 byte order mark on the first line is
 * skipped; CRLF line ends are fine.
 *
 * A bad line (not JSON, not an object, no url, no html/text, longer than the cap) makes
 * sr_jsonl_next() return an SR_E* code with a reason naming the line number; the next call goes
 * on with the next line.  A read error or corrupt gzip data ends the input after its error.
 * A reader is not thread-safe; different readers are independent.
 */
#ifndef SR_JSONL_H
#define SR_JSONL_H

#include <stddef.h>
#include <stdint.h>

#define SR_JSONL_WHY_MAX 256

typedef struct sr_jsonl_reader sr_jsonl_reader;

/* One document.  Pointers are owned by the reader and valid until the next sr_jsonl_next() or
 * sr_jsonl_close(); strings are NUL-terminated UTF-8 (jansson checked them); NULL when absent. */
typedef struct sr_jsonl_record {
	const char *url;
	const char *html;           /* may contain NUL bytes (\u0000): use html_len */
	size_t html_len;
	const char *text;
	size_t text_len;
	const char *title;
	const char *published;
	const char *const *authors; /* nauthors strings */
	size_t nauthors;
	const char *lang;
	const char *source;
	const char *content_type;
	uint64_t line;              /* 1-based line number of the object */
	uint64_t offset;            /* byte offset of that line in the (decompressed) input */
} sr_jsonl_record;

/* Open path ("-" = standard input).  max_line caps one line (0 means 64 MiB).  On failure returns
 * an SR_E* code with the reason in why and *out == NULL. */
int sr_jsonl_open(sr_jsonl_reader **out, const char *path, size_t max_line,
		  char why[SR_JSONL_WHY_MAX]);
/* The same over an open file descriptor, which the reader does not close. */
int sr_jsonl_open_fd(sr_jsonl_reader **out, int fd, size_t max_line, char why[SR_JSONL_WHY_MAX]);
/* The same over p[0..n), which must stay valid until sr_jsonl_close(). */
int sr_jsonl_open_mem(sr_jsonl_reader **out, const void *p, size_t n, size_t max_line,
		      char why[SR_JSONL_WHY_MAX]);

/* The next document: 1 with *rec filled, 0 at the end, or a negative SR_E* code with a reason in
 * why (SR_EPARSE for a bad line, SR_ETOOBIG for a line over the cap, SR_EIO, SR_ENOMEM); call
 * again after an error to go on.  Every call makes progress. */
int sr_jsonl_next(sr_jsonl_reader *r, sr_jsonl_record *rec, char why[SR_JSONL_WHY_MAX]);

/* Close and free (NULL is allowed). */
void sr_jsonl_close(sr_jsonl_reader *r);

#endif
