/*
 * warc.h - a streaming reader for web archives: WARC 1.0/1.1 and ARC v1/v2, plain or gzip.
 *
 * The reader yields one record at a time with bounded memory: the reader holds at most one
 * record (its headers and its block, the block capped by max_payload) plus fixed-size I/O
 * buffers, so reading a 100 GB archive takes the memory of its largest record.
 *
 * Compression is recognised by content, not by name: a file that starts with the gzip magic is
 * read as gzip, whatever its layout: one member per record (the WARC standard), the whole file as
 * one gzip stream, concatenated members of several records each, or a record split over several
 * members.  Anything else is read as plain WARC or ARC.
 *
 * Positions.  Every record carries the position it was read from, as warcio's index reports it:
 *   plain file   offset = byte offset of the "WARC/" line (or ARC header line); length = header
 *                plus block, the blank lines after the block left out.
 *   gzip         offset = the file offset of the gzip member in which the record starts; when
 *                the record is the only one starting in its member(s), length = the compressed
 *                bytes up to the member where the next record starts, and inner = 0.
 *                A record that shares its member with others (a whole-file gzip) has inner =
 *                the number of uncompressed bytes from that member's start to the record, and
 *                length = its uncompressed length (header plus block).
 * (offset, inner) is a resumable position: sr_warc_seek(r, offset, inner) makes the next
 * sr_warc_next() return that record.  next_offset/next_inner give the position just after a
 * record, which is where a checkpoint should point once the record is committed.
 *
 * Errors and recovery.  A corrupt or truncated record makes sr_warc_next() return an SR_E* code
 * with a reason naming the file offset; the caller reports it and calls sr_warc_next() again,
 * which resumes at the next readable record: the next "WARC/" line at the start of a line, the
 * next gzip member, or (in an ARC file) the next line that parses as an ARC header.  Corrupt
 * gzip data is skipped to the next gzip member header.  A record whose block does not end at a
 * record boundary (the Content-Length is wrong) is an error, and reading resumes inside its
 * block, so a too-large Content-Length cannot swallow the records after it.  A record larger than
 * max_payload is skipped (streamed past, never loaded) with SR_ETOOBIG.  After an error from
 * which nothing can be recovered, the next call returns 0.  The lib/base/err.h codes used:
 * SR_EPARSE (corrupt or truncated record or gzip data), SR_ETOOBIG (over a cap), SR_EIO (read
 * error), SR_ENOMEM.
 *
 * A reader is not thread-safe; different readers are independent.
 */
#ifndef SR_WARC_H
#define SR_WARC_H

#include <stddef.h>
#include <stdint.h>

#define SR_WARC_WHY_MAX 256

/* Caps besides max_payload: the WARC header block of one record, and one ARC header line. */
#define SR_WARC_HEADER_MAX (256u * 1024u)
#define SR_WARC_ARC_LINE_MAX (16u * 1024u)

typedef struct sr_warc_reader sr_warc_reader;

/*
 * One record.  Every pointer points into memory owned by the reader and stays valid until the
 * next sr_warc_next(), sr_warc_seek() or sr_warc_close() on the same reader.  Strings are
 * NUL-terminated; NULL when the record has no such field.  payload is NUL-terminated too
 * (payload[payload_len] == '\0') but may contain NUL bytes: use payload_len.
 */
typedef struct sr_warc_record {
	const char *type;           /* WARC-Type: "response", "resource", "revisit", "conversion",
				     * "request", "metadata", "warcinfo", ... ("unknown" when the
				     * header is missing).  ARC: "warcinfo" for the filedesc record,
				     * "response" for every other record. */
	const char *target_uri;     /* WARC-Target-URI (ARC: the record's URL), repaired: <>
				     * brackets removed (wget 1.19), spaces percent-encoded */
	const char *date;           /* WARC-Date as given (ISO 8601); ARC dates are converted
				     * from YYYYMMDDhhmmss to YYYY-MM-DDThh:mm:ssZ */
	const char *record_id;      /* WARC-Record-ID, e.g. "<urn:uuid:...>" */
	const char *refers_to;      /* WARC-Refers-To (the record id a revisit refers to) */
	const char *refers_to_uri;  /* WARC-Refers-To-Target-URI */
	const char *refers_to_date; /* WARC-Refers-To-Date */
	const char *payload_digest; /* WARC-Payload-Digest, e.g. "sha1:..." */
	const char *profile;        /* WARC-Profile (revisit records) */
	const char *truncated;      /* WARC-Truncated: why the crawler cut the record short */
	const char *filename;       /* WARC-Filename (warcinfo) or the ARC filedesc file name */
	const char *record_content_type; /* the record's own Content-Type header */
	int http_status;            /* status of the HTTP response in a response (or revisit)
				     * record, or of an ARC record; 0 when the block is not HTTP */
	const char *content_type;   /* content type of the payload: the HTTP Content-Type of an
				     * HTTP response, otherwise the record's Content-Type */
	const char *charset;        /* the charset parameter of content_type, or NULL */
	const char *content_encoding; /* NULL when the payload is decoded (or was never encoded);
				       * otherwise the HTTP Content-Encoding left undecoded
				       * ("br", or "gzip" when the data was corrupt) */
	const char *payload;        /* HTTP response: the body, headers removed, chunked transfer
				     * encoding and Content-Encoding gzip/deflate decoded.  Other
				     * records: the whole block (resource/conversion: the document;
				     * request: the HTTP request; warcinfo/metadata: the fields). */
	size_t payload_len;
	const char *block;          /* the record block as stored (headers included for HTTP) */
	size_t block_len;
	const char *warning;        /* NULL, or a note on something repaired ("malformed chunked
				     * encoding: body given as stored", ...) */
	int is_arc;                 /* 1 when the record came from an ARC file */
	uint64_t offset;            /* see "Positions" above */
	uint64_t length;
	uint64_t inner;
	uint64_t next_offset;       /* the position after this record (and its blank lines) */
	uint64_t next_inner;
} sr_warc_record;

/* Open path ("-" = standard input) for reading.  max_payload caps a record block (and a
 * decoded payload): a larger record is skipped with SR_ETOOBIG; 0 means 64 MiB.  On failure
 * returns an SR_E* code with the reason in why and *out == NULL.  The file's content is not
 * checked here (the first sr_warc_next() reports a file that is not an archive). */
int sr_warc_open(sr_warc_reader **out, const char *path, size_t max_payload,
		 char why[SR_WARC_WHY_MAX]);

/* The same over an open file descriptor, which the reader does not close. */
int sr_warc_open_fd(sr_warc_reader **out, int fd, size_t max_payload, char why[SR_WARC_WHY_MAX]);

/* The same over p[0..n), which must stay valid until sr_warc_close() (tests, fuzzing). */
int sr_warc_open_mem(sr_warc_reader **out, const void *p, size_t n, size_t max_payload,
		     char why[SR_WARC_WHY_MAX]);

/* Read the next record.  Returns 1 with *rec filled, 0 at the end of the archive, or a
 * negative SR_E* code with a reason (naming the offset) in why; after an error call again to
 * go on with the next readable record.  Every call makes progress: a loop calling until 0
 * ends. */
int sr_warc_next(sr_warc_reader *r, sr_warc_record *rec, char why[SR_WARC_WHY_MAX]);

/* Resume at the record at (offset, inner), a position taken from a record of the same file
 * (offset/inner, or next_offset/next_inner).  Standard input can only seek forwards.  A gzip
 * position must point at a gzip member header.  SR_OK, SR_EINVAL (cannot seek there), SR_EIO. */
int sr_warc_seek(sr_warc_reader *r, uint64_t offset, uint64_t inner);

/* Whether the file is gzip-compressed (known once opened). */
int sr_warc_is_gzip(const sr_warc_reader *r);

/* Close the reader and free everything (NULL is allowed). */
void sr_warc_close(sr_warc_reader *r);

/* What the first bytes p[0..n) of a file are: SR_WARC_SNIFF_WARC, SR_WARC_SNIFF_ARC or 0.  Gzip
 * data is inflated (its first few KB) before looking. */
#define SR_WARC_SNIFF_WARC 1
#define SR_WARC_SNIFF_ARC 2
int sr_warc_sniff(const void *p, size_t n);

#endif
