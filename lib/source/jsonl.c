/*
 * jsonl.c - JSON lines reader: source (fd or memory) -> optional gunzip -> window of bytes ->
 * lines -> jansson objects -> records.  The window holds the current line and what was read
 * after it; it is capped at max_line plus one read chunk.
 */
#include "source/jsonl.h"
#include "base/err.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#define IN_CAP (256u * 1024u)
#define CHUNK (256u * 1024u)
#define DEFAULT_MAX_LINE ((size_t)64 << 20)

struct sr_jsonl_reader {
	int fd;
	int own_fd;
	const unsigned char *mem;
	size_t mem_len, mem_pos;
	int src_eof;
	int gz;
	z_stream z;
	int z_ready;
	int in_member;
	unsigned char *in;
	size_t in_pos, in_len;
	unsigned char *w;
	size_t w_cap, w_max, w_pos, w_len;
	uint64_t w_base;   /* input offset of w[0] */
	int eof;
	int done;
	int fail_rc;       /* a stream error to report once the lines before it are read */
	char fail_why[SR_JSONL_WHY_MAX];
	size_t max_line;
	uint64_t line;
	json_t *cur;
	const char **authors;
	size_t authors_cap;
	char published[40];
};

static int src_read(sr_jsonl_reader *r, unsigned char *dst, size_t n, size_t *got)
{
	*got = 0;
	if (r->src_eof || n == 0)
		return SR_OK;
	if (r->mem) {
		size_t k = r->mem_len - r->mem_pos;
		if (k > n)
			k = n;
		memcpy(dst, r->mem + r->mem_pos, k);
		r->mem_pos += k;
		*got = k;
	} else {
		ssize_t k;
		do
			k = read(r->fd, dst, n > INT_MAX ? INT_MAX : n);
		while (k < 0 && errno == EINTR);
		if (k < 0)
			return SR_EIO;
		*got = (size_t)k;
	}
	if (*got == 0)
		r->src_eof = 1;
	return SR_OK;
}

static int in_refill(sr_jsonl_reader *r)
{
	if (r->in_pos > 0) {
		memmove(r->in, r->in + r->in_pos, r->in_len - r->in_pos);
		r->in_len -= r->in_pos;
		r->in_pos = 0;
	}
	size_t got;
	if (src_read(r, r->in + r->in_len, IN_CAP - r->in_len, &got))
		return SR_EIO;
	r->in_len += got;
	return (int)got;
}

/* Room for more bytes in the window (at least 1). */
static int w_room(sr_jsonl_reader *r)
{
	if (r->w_cap && r->w_cap - r->w_len - 1 >= CHUNK / 4)
		return SR_OK;
	if (r->w_pos > 0) {
		memmove(r->w, r->w + r->w_pos, r->w_len - r->w_pos);
		r->w_base += r->w_pos;
		r->w_len -= r->w_pos;
		r->w_pos = 0;
		if (r->w_cap - r->w_len - 1 >= CHUNK / 4)
			return SR_OK;
	}
	if (r->w_cap < r->w_max + 1) {
		size_t ncap = r->w_cap ? r->w_cap * 2 : CHUNK;
		if (ncap > r->w_max + 1)
			ncap = r->w_max + 1;
		unsigned char *nw = realloc(r->w, ncap);
		if (!nw)
			return SR_ENOMEM;
		r->w = nw;
		r->w_cap = ncap;
	}
	return r->w_cap - r->w_len - 1 > 0 ? SR_OK : SR_ETOOBIG;
}

/* Append more input to the window: the count, 0 at the end, or an error (why set). */
static int fill(sr_jsonl_reader *r, char *why)
{
	if (r->eof)
		return 0;
	int rc = w_room(r);
	if (rc) {
		snprintf(why, SR_JSONL_WHY_MAX, "%s", sr_strerror(rc));
		return rc;
	}
	size_t room = r->w_cap - r->w_len - 1;
	if (!r->gz) {
		size_t got;
		if (r->in_pos < r->in_len) {
			got = r->in_len - r->in_pos < room ? r->in_len - r->in_pos : room;
			memcpy(r->w + r->w_len, r->in + r->in_pos, got);
			r->in_pos += got;
		} else if (src_read(r, r->w + r->w_len, room, &got)) {
			snprintf(why, SR_JSONL_WHY_MAX, "read error: %s", strerror(errno));
			return SR_EIO;
		}
		if (got == 0)
			r->eof = 1;
		r->w_len += got;
		return (int)(got > INT_MAX ? INT_MAX : got);
	}
	for (;;) {
		if (r->in_pos == r->in_len || (!r->in_member && r->in_len - r->in_pos < 3)) {
			int k = in_refill(r);
			if (k < 0) {
				snprintf(why, SR_JSONL_WHY_MAX, "read error: %s", strerror(errno));
				return k;
			}
			if (k == 0 && r->in_pos == r->in_len) {
				r->eof = 1;
				if (r->in_member) {
					snprintf(why, SR_JSONL_WHY_MAX, "gzip data truncated");
					return SR_EPARSE;
				}
				return 0;
			}
		}
		if (!r->in_member) {
			const unsigned char *p = r->in + r->in_pos;
			size_t n = r->in_len - r->in_pos;
			if (n < 3 || p[0] != 0x1f || p[1] != 0x8b || p[2] != 8) {
				r->eof = 1;
				snprintf(why, SR_JSONL_WHY_MAX, "bytes after the gzip data ignored");
				return SR_EPARSE;
			}
			if (inflateReset(&r->z) != Z_OK)
				return SR_ENOMEM;
			r->in_member = 1;
		}
		r->z.next_in = r->in + r->in_pos;
		r->z.avail_in = (uInt)(r->in_len - r->in_pos);
		r->z.next_out = r->w + r->w_len;
		r->z.avail_out = room > UINT_MAX ? UINT_MAX : (uInt)room;
		uInt ain = r->z.avail_in, aout = r->z.avail_out;
		int zr = inflate(&r->z, Z_NO_FLUSH);
		r->in_pos += ain - r->z.avail_in;
		size_t made = aout - r->z.avail_out;
		r->w_len += made;
		if (zr == Z_STREAM_END)
			r->in_member = 0;
		else if (zr != Z_OK && zr != Z_BUF_ERROR) {
			r->eof = 1;
			snprintf(why, SR_JSONL_WHY_MAX, "gzip data corrupt (%s)",
				 r->z.msg ? r->z.msg : "inflate failed");
			return zr == Z_MEM_ERROR ? SR_ENOMEM : SR_EPARSE;
		}
		if (made)
			return (int)(made > INT_MAX ? INT_MAX : made);
	}
}

static const char *opt_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int add_author(sr_jsonl_reader *r, size_t *n, const char *s)
{
	if (!s || !*s)
		return SR_OK;
	if (*n == r->authors_cap) {
		size_t ncap = r->authors_cap ? r->authors_cap * 2 : 8;
		const char **na = realloc(r->authors, ncap * sizeof *na);
		if (!na)
			return SR_ENOMEM;
		r->authors = na;
		r->authors_cap = ncap;
	}
	r->authors[(*n)++] = s;
	return SR_OK;
}

/* Turn the object of line r->line into *rec. */
static int make_record(sr_jsonl_reader *r, json_t *o, sr_jsonl_record *rec, char *why)
{
	if (!json_is_object(o)) {
		snprintf(why, SR_JSONL_WHY_MAX, "line %llu: not a JSON object",
			 (unsigned long long)r->line);
		return SR_EPARSE;
	}
	json_t *url = json_object_get(o, "url");
	if (!json_is_string(url) || json_string_length(url) == 0 ||
	    strlen(json_string_value(url)) != json_string_length(url)) {
		snprintf(why, SR_JSONL_WHY_MAX, "line %llu: no \"url\" string",
			 (unsigned long long)r->line);
		return SR_EPARSE;
	}
	json_t *html = json_object_get(o, "html");
	json_t *text = json_object_get(o, "text");
	int has_html = json_is_string(html) && json_string_length(html) > 0;
	int has_text = json_is_string(text) && json_string_length(text) > 0;
	if (!has_html && !has_text) {
		snprintf(why, SR_JSONL_WHY_MAX, "line %llu: no \"html\" or \"text\" string",
			 (unsigned long long)r->line);
		return SR_EPARSE;
	}
	rec->url = json_string_value(url);
	if (has_html) {
		rec->html = json_string_value(html);
		rec->html_len = json_string_length(html);
	}
	if (has_text) {
		rec->text = json_string_value(text);
		rec->text_len = json_string_length(text);
	}
	rec->title = opt_str(o, "title");
	rec->lang = opt_str(o, "lang");
	rec->source = opt_str(o, "source");
	rec->content_type = opt_str(o, "content_type");
	json_t *pub = json_object_get(o, "published");
	if (json_is_string(pub) && json_string_length(pub)) {
		rec->published = json_string_value(pub);
	} else if (json_is_number(pub)) {
		double v = json_number_value(pub);
		if (isfinite(v) && v > -62135596800.0 && v < 253402300800.0) {
			time_t t = (time_t)v;
			struct tm tm;
			if (gmtime_r(&t, &tm) &&
			    strftime(r->published, sizeof r->published, "%Y-%m-%dT%H:%M:%SZ", &tm))
				rec->published = r->published;
		}
	}
	json_t *au = json_object_get(o, "authors");
	if (!au)
		au = json_object_get(o, "author");
	size_t na = 0;
	if (json_is_string(au)) {
		if (add_author(r, &na, json_string_value(au)))
			return SR_ENOMEM;
	} else if (json_is_array(au)) {
		size_t i;
		json_t *v;
		json_array_foreach(au, i, v) {
			if (json_is_string(v) && add_author(r, &na, json_string_value(v)))
				return SR_ENOMEM;
		}
	}
	rec->authors = na ? r->authors : NULL;
	rec->nauthors = na;
	return 1;
}

/* Parse the line w[s..e) (no '\n').  1: a record; 2: a blank line; < 0: error. */
static int parse_line(sr_jsonl_reader *r, size_t s, size_t e, sr_jsonl_record *rec, char *why)
{
	const unsigned char *p = r->w + s;
	size_t n = e - s;
	if (r->line == 1 && n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
		p += 3;
		n -= 3;
	}
	while (n && (p[0] == ' ' || p[0] == '\t' || p[0] == '\r'))
		p++, n--;
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
		n--;
	if (n == 0)
		return 2;
	json_error_t err;
	json_t *o = json_loadb((const char *)p, n, JSON_ALLOW_NUL, &err);
	if (!o) {
		snprintf(why, SR_JSONL_WHY_MAX, "line %llu: not JSON (%s, column %d)",
			 (unsigned long long)r->line, err.text, err.column);
		return SR_EPARSE;
	}
	r->cur = o;
	rec->line = r->line;
	rec->offset = r->w_base + s;
	int rc = make_record(r, o, rec, why);
	if (rc != 1) {
		json_decref(r->cur);
		r->cur = NULL;
		memset(rec, 0, sizeof *rec);
	}
	return rc;
}

int sr_jsonl_next(sr_jsonl_reader *r, sr_jsonl_record *rec, char why[SR_JSONL_WHY_MAX])
{
	memset(rec, 0, sizeof *rec);
	why[0] = '\0';
	if (r->cur) {
		json_decref(r->cur);
		r->cur = NULL;
	}
	if (r->done)
		return 0;
	size_t scan = 0;
	for (;;) {
		size_t have = r->w_len - r->w_pos;
		const unsigned char *q = scan < have ?
			memchr(r->w + r->w_pos + scan, '\n', have - scan) : NULL;
		if (q || (r->eof && have > 0)) {
			size_t s = r->w_pos, e = q ? (size_t)(q - r->w) : r->w_len;
			r->w_pos = q ? e + 1 : e;
			r->line++;
			scan = 0;
			if (e - s > r->max_line) {
				snprintf(why, SR_JSONL_WHY_MAX, "line %llu: longer than the %zu-byte limit",
					 (unsigned long long)r->line, r->max_line);
				return SR_ETOOBIG;
			}
			int rc = parse_line(r, s, e, rec, why);
			if (rc == 2)
				continue;
			return rc;
		}
		scan = have;
		if (have > r->max_line) {
			/* too long: drop it up to its end */
			r->line++;
			uint64_t line = r->line;
			for (;;) {
				r->w_pos = r->w_len;
				int k = fill(r, why);
				if (k < 0) {
					r->done = 1;
					return k;
				}
				if (k == 0)
					break;
				const unsigned char *nl = memchr(r->w + r->w_pos, '\n', r->w_len - r->w_pos);
				if (nl) {
					r->w_pos = (size_t)(nl - r->w) + 1;
					break;
				}
			}
			snprintf(why, SR_JSONL_WHY_MAX, "line %llu: longer than the %zu-byte limit",
				 (unsigned long long)line, r->max_line);
			return SR_ETOOBIG;
		}
		int k = fill(r, why);
		if (k < 0) {
			/* report the stream error now, after the lines before it */
			if (k == SR_ENOMEM || k == SR_EIO) {
				r->done = 1;
				return k;
			}
			if (r->w_len > r->w_pos) {
				r->fail_rc = k;
				memcpy(r->fail_why, why, SR_JSONL_WHY_MAX);
				why[0] = '\0';
				scan = 0;
				continue; /* eof is set: the rest is read as a last line */
			}
			r->done = 1;
			return k;
		}
		if (k == 0 && r->w_len == r->w_pos) {
			r->done = 1;
			if (r->fail_rc) {
				/* the stream error, after the lines that came before it */
				memcpy(why, r->fail_why, SR_JSONL_WHY_MAX);
				return r->fail_rc;
			}
			return 0;
		}
	}
}

static int reader_new(sr_jsonl_reader **out, size_t max_line, char *why)
{
	*out = NULL;
	sr_jsonl_reader *r = calloc(1, sizeof *r);
	if (!r || !(r->in = malloc(IN_CAP))) {
		free(r);
		snprintf(why, SR_JSONL_WHY_MAX, "out of memory");
		return SR_ENOMEM;
	}
	r->fd = -1;
	r->max_line = max_line ? max_line : DEFAULT_MAX_LINE;
	if (r->max_line > SIZE_MAX / 4)
		r->max_line = SIZE_MAX / 4;
	r->w_max = r->max_line + CHUNK;
	*out = r;
	return SR_OK;
}

/* Tell gzip from plain by the first bytes. */
static int detect(sr_jsonl_reader *r, char *why)
{
	while (r->in_len < 3 && !r->src_eof) {
		if (in_refill(r) < 0) {
			snprintf(why, SR_JSONL_WHY_MAX, "read error: %s", strerror(errno));
			return SR_EIO;
		}
	}
	r->gz = r->in_len >= 3 && r->in[0] == 0x1f && r->in[1] == 0x8b && r->in[2] == 8;
	if (r->gz) {
		if (inflateInit2(&r->z, 31) != Z_OK) {
			snprintf(why, SR_JSONL_WHY_MAX, "out of memory");
			return SR_ENOMEM;
		}
		r->z_ready = 1;
	}
	return SR_OK;
}

int sr_jsonl_open_fd(sr_jsonl_reader **out, int fd, size_t max_line, char why[SR_JSONL_WHY_MAX])
{
	sr_jsonl_reader *r;
	int rc = reader_new(&r, max_line, why);
	if (rc)
		return rc;
	r->fd = fd;
	if ((rc = detect(r, why)) != SR_OK) {
		sr_jsonl_close(r);
		return rc;
	}
	*out = r;
	return SR_OK;
}

int sr_jsonl_open_mem(sr_jsonl_reader **out, const void *p, size_t n, size_t max_line,
		      char why[SR_JSONL_WHY_MAX])
{
	sr_jsonl_reader *r;
	int rc = reader_new(&r, max_line, why);
	if (rc)
		return rc;
	static const unsigned char empty[1];
	r->mem = p ? p : empty;
	r->mem_len = p ? n : 0;
	if ((rc = detect(r, why)) != SR_OK) {
		sr_jsonl_close(r);
		return rc;
	}
	*out = r;
	return SR_OK;
}

int sr_jsonl_open(sr_jsonl_reader **out, const char *path, size_t max_line,
		  char why[SR_JSONL_WHY_MAX])
{
	*out = NULL;
	if (strcmp(path, "-") == 0)
		return sr_jsonl_open_fd(out, 0, max_line, why);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, SR_JSONL_WHY_MAX, "cannot open: %s", strerror(errno));
		return SR_EIO;
	}
	int rc = sr_jsonl_open_fd(out, fd, max_line, why);
	if (rc) {
		close(fd);
		return rc;
	}
	(*out)->own_fd = 1;
	return SR_OK;
}

void sr_jsonl_close(sr_jsonl_reader *r)
{
	if (!r)
		return;
	if (r->cur)
		json_decref(r->cur);
	if (r->own_fd && r->fd >= 0)
		close(r->fd);
	if (r->z_ready)
		inflateEnd(&r->z);
	free(r->in);
	free(r->w);
	free(r->authors);
	free(r);
}
