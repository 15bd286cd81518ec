/*
 * warc.c - streaming WARC/ARC reader.
 *
 * Three layers:
 *
 *   source     bytes from a file descriptor or from memory, into the raw buffer `in`
 *              (file offsets: in[0] is at in_base).
 *   stream     the decompressed byte stream, appended to the window `w` (w[0] is at stream
 *              position w_base).  Plain files are copied as they are (stream position = file
 *              offset).  Gzip files are inflated member by member; every member start is
 *              recorded as a boundary (stream position -> file offset of the member), so a
 *              record's position can be told as (member offset, bytes into the member).
 *              A corrupt member is skipped to the next gzip header; bytes between members
 *              that are not gzip are skipped with an error.  A member that lies whole in
 *              `in` and whose output fits the window is inflated in one call by libdeflate
 *              (about twice zlib's speed, CRC included); any other member (cut by the
 *              buffer's end, larger than the window's free room, or corrupt) is streamed
 *              through zlib, which also words the errors.
 *   records    parsed from the window: blank lines, a header block ("WARC/..." up to the first
 *              empty line, or one ARC header line), Content-Length bytes of block, then blank
 *              lines up to the next record, a member boundary or the end.  The window keeps
 *              everything from the start of the record being parsed (w_pos) onwards, so a
 *              record's bytes stay in one piece; all indices are taken relative to w_pos,
 *              which compaction moves to 0.
 *
 * Recovery scans the stream for the next candidate record start: a member boundary, a
 * "WARC/" at the start of a line, or, in an ARC file, a line that parses as an ARC header.
 */
#include "source/warc.h"
#include "base/buf.h"
#include "base/err.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libdeflate.h>
#include <unistd.h>
#include <zlib.h>

#define IN_CAP (256u * 1024u)
#define FILL_CHUNK (256u * 1024u)
#define DEFAULT_MAX_PAYLOAD ((size_t)64 << 20)
#define NONE ((size_t)-1)
#define VALUE_MAX (64u * 1024u) /* a header value is cut to this length */

typedef struct boundary {
	uint64_t spos; /* stream position where a gzip member starts */
	uint64_t coff; /* file offset of that member */
} boundary;

struct sr_warc_reader {
	/* source */
	int fd;
	int own_fd;
	const unsigned char *mem;
	size_t mem_len, mem_pos;
	int src_eof;
	/* raw input */
	unsigned char *in;
	size_t in_pos, in_len;
	uint64_t in_base;
	/* gzip */
	int gz;
	z_stream z;
	int z_ready;
	struct libdeflate_decompressor *ld;
	int z_fresh;     /* the member has just started: zlib has consumed none of it */
	int in_member;
	uint64_t member_off;
	int member_end;  /* the window ends where a member ended */
	int quiet_skip;  /* skipping after a reported gzip error: no second error */
	int gz_trunc;    /* the file ended inside a gzip member: the stream ends there */
	char trunc_why[SR_WARC_WHY_MAX];
	/* window */
	unsigned char *w;
	size_t w_cap, w_max, w_pos, w_len;
	uint64_t w_base;
	int eof;         /* the stream has no more bytes */
	boundary *bd;
	size_t nbd, bd_cap;
	/* records */
	size_t max_payload;
	int done;
	int resync;
	uint64_t resync_from;
	int pending_rc;
	char pending_why[SR_WARC_WHY_MAX];
	int arc_seen;
	int arc_version;
	int saved_set;
	size_t saved_idx;
	unsigned char saved_byte;
	/* scratch for one record */
	sr_buf hv;       /* header values, NUL-separated */
	sr_buf dechunk;  /* body without chunked transfer encoding */
	sr_buf decoded;  /* body without Content-Encoding */
};

/* ---- small helpers ------------------------------------------------------------------------ */

static int is_blank(unsigned char c)
{
	return c == '\r' || c == '\n';
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int ieqn(const unsigned char *a, size_t n, const char *b, size_t m)
{
	if (n != m)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (lower(a[i]) != lower((unsigned char)b[i]))
			return 0;
	return 1;
}

static int ieq(const unsigned char *a, size_t n, const char *b)
{
	return ieqn(a, n, b, strlen(b));
}

/* Case-insensitive search for token b in a[0..n) (used on header values). */
static int icontains(const char *a, const char *b)
{
	size_t m = strlen(b);
	for (; *a; a++) {
		size_t i = 0;
		while (i < m && a[i] && lower((unsigned char)a[i]) == lower((unsigned char)b[i]))
			i++;
		if (i == m)
			return 1;
	}
	return 0;
}

static void trim(const unsigned char **s, size_t *n)
{
	while (*n && ((*s)[0] == ' ' || (*s)[0] == '\t')) {
		(*s)++;
		(*n)--;
	}
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r'))
		(*n)--;
}

static int parse_u64(const unsigned char *s, size_t n, uint64_t *out)
{
	trim(&s, &n);
	if (n == 0 || n > 19)
		return -1;
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*out = v;
	return 0;
}

/* A printable excerpt of s[0..n) for error messages. */
static void excerpt(char *dst, size_t cap, const unsigned char *s, size_t n)
{
	size_t j = 0;
	for (size_t i = 0; i < n && j + 1 < cap; i++)
		dst[j++] = s[i] >= 0x20 && s[i] < 0x7f && s[i] != '"' ? (char)s[i] : '.';
	dst[j] = '\0';
}

/* ---- source ------------------------------------------------------------------------------- */

static int src_read(sr_warc_reader *r, unsigned char *dst, size_t n, size_t *got)
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
			k = read(r->fd, dst, n);
		while (k < 0 && errno == EINTR);
		if (k < 0)
			return SR_EIO;
		*got = (size_t)k;
	}
	if (*got == 0)
		r->src_eof = 1;
	return SR_OK;
}

/* Read more raw bytes into `in`.  Returns the count, 0 at the end, or SR_EIO (why set).
 * Keeps the start of the current gzip member when it is recent, so that a corrupt member
 * can be rescanned from its start. */
static int in_refill(sr_warc_reader *r, char *why)
{
	size_t keep = r->in_pos;
	if (r->gz && r->in_member && r->member_off >= r->in_base) {
		size_t m = (size_t)(r->member_off - r->in_base);
		if (m < keep && r->in_len - m <= IN_CAP / 2)
			keep = m;
	}
	if (keep > 0) {
		memmove(r->in, r->in + keep, r->in_len - keep);
		r->in_len -= keep;
		r->in_pos -= keep;
		r->in_base += keep;
	}
	if (r->in_len >= IN_CAP)
		return 0;
	size_t got;
	if (src_read(r, r->in + r->in_len, IN_CAP - r->in_len, &got)) {
		snprintf(why, SR_WARC_WHY_MAX, "read error at offset %llu: %s",
			 (unsigned long long)(r->in_base + r->in_len), strerror(errno));
		r->done = 1;
		return SR_EIO;
	}
	r->in_len += got;
	return (int)(got > INT_MAX ? INT_MAX : got);
}

/* ---- window and boundaries ---------------------------------------------------------------- */

/* Make room for more stream bytes: at least 1 byte, preferably want.  Moves the unconsumed
 * part (from w_pos) to the front when that pays, grows the window up to w_max. */
static int w_room(sr_warc_reader *r, size_t want)
{
	size_t freeb = r->w_cap ? r->w_cap - r->w_len - 1 : 0;
	if (freeb >= want)
		return SR_OK;
	if (r->w_pos > 0 && (r->w_pos >= r->w_len - r->w_pos || r->w_cap > r->w_max)) {
		memmove(r->w, r->w + r->w_pos, r->w_len - r->w_pos);
		r->w_base += r->w_pos;
		r->w_len -= r->w_pos;
		r->w_pos = 0;
		freeb = r->w_cap ? r->w_cap - r->w_len - 1 : 0;
		if (freeb >= want)
			return SR_OK;
	}
	if (r->w_cap <= r->w_max) {
		size_t ncap = r->w_cap ? r->w_cap * 2 : 64 * 1024;
		while (ncap - r->w_len - 1 < want && ncap <= r->w_max)
			ncap *= 2;
		if (ncap > r->w_max + 1)
			ncap = r->w_max + 1;
		if (ncap > r->w_cap) {
			unsigned char *nw = realloc(r->w, ncap);
			if (!nw)
				return SR_ENOMEM;
			r->w = nw;
			r->w_cap = ncap;
		}
		freeb = r->w_cap - r->w_len - 1;
	}
	if (freeb == 0 && r->w_pos > 0) {
		memmove(r->w, r->w + r->w_pos, r->w_len - r->w_pos);
		r->w_base += r->w_pos;
		r->w_len -= r->w_pos;
		r->w_pos = 0;
		freeb = r->w_cap - r->w_len - 1;
	}
	return freeb ? SR_OK : SR_ETOOBIG;
}

/* Record that a member starts (or the current one ended) at stream position spos. */
static int bd_push(sr_warc_reader *r, uint64_t spos, uint64_t coff)
{
	if (r->nbd && r->bd[r->nbd - 1].spos == spos) {
		r->bd[r->nbd - 1].coff = coff;
		return SR_OK;
	}
	if (r->nbd == r->bd_cap) {
		size_t ncap = r->bd_cap ? r->bd_cap * 2 : 16;
		boundary *nb = realloc(r->bd, ncap * sizeof *nb);
		if (!nb)
			return SR_ENOMEM;
		r->bd = nb;
		r->bd_cap = ncap;
	}
	r->bd[r->nbd].spos = spos;
	r->bd[r->nbd].coff = coff;
	r->nbd++;
	return SR_OK;
}

/* Forget the boundaries before the last one at or before spos. */
static void bd_prune(sr_warc_reader *r, uint64_t spos)
{
	size_t k = 0;
	while (k + 1 < r->nbd && r->bd[k + 1].spos <= spos)
		k++;
	if (k) {
		memmove(r->bd, r->bd + k, (r->nbd - k) * sizeof *r->bd);
		r->nbd -= k;
	}
}

static const boundary *bd_at(const sr_warc_reader *r, uint64_t spos)
{
	for (size_t i = 0; i < r->nbd; i++)
		if (r->bd[i].spos == spos)
			return &r->bd[i];
	return NULL;
}

/* The resumable position of stream position spos.  A record preceded since its member's
 * start by nothing but blank lines (from blank_start on) counts as starting the member. */
static void pos_of(const sr_warc_reader *r, uint64_t spos, uint64_t blank_start, uint64_t *off,
		   uint64_t *inner)
{
	if (!r->gz) {
		*off = spos;
		*inner = 0;
		return;
	}
	const boundary *b = NULL;
	for (size_t i = 0; i < r->nbd && r->bd[i].spos <= spos; i++)
		b = &r->bd[i];
	if (!b) {
		*off = r->member_off;
		*inner = 0;
		return;
	}
	*off = b->coff;
	*inner = b->spos >= blank_start ? 0 : spos - b->spos;
}

/* ---- stream ------------------------------------------------------------------------------- */

static int is_gzip_at(const unsigned char *p, size_t n)
{
	return n >= 3 && p[0] == 0x1f && p[1] == 0x8b && p[2] == 8;
}

/* Position `in` at the next gzip member and start inflating it.  Returns 1 (started), 0 (no
 * more data), or an error after skipping bytes that are not gzip (the member is then started
 * by the next call). */
static int member_start(sr_warc_reader *r, char *why)
{
	uint64_t junk_from = 0, junk = 0;
	for (;;) {
		if (r->in_len - r->in_pos < 3 && !r->src_eof) {
			int k = in_refill(r, why);
			if (k < 0)
				return k;
			if (k > 0 || r->in_len - r->in_pos >= 3)
				continue;
		}
		size_t avail = r->in_len - r->in_pos;
		const unsigned char *p = r->in + r->in_pos;
		if (avail == 0)
			break;
		if (is_gzip_at(p, avail))
			break;
		if (!junk && (p[0] == 0 || p[0] == ' ' || p[0] == '\t' || is_blank(p[0]))) {
			r->in_pos++; /* padding between members */
			continue;
		}
		if (!junk)
			junk_from = r->in_base + r->in_pos;
		const unsigned char *q = avail > 1 ? memchr(p + 1, 0x1f, avail - 1) : NULL;
		size_t skip = q ? (size_t)(q - p) : avail;
		if (q && avail - skip < 3 && !r->src_eof) {
			/* a possible magic cut by the buffer end: look again after a refill */
			r->in_pos += skip;
			junk += skip;
			int k = in_refill(r, why);
			if (k < 0)
				return k;
			continue;
		}
		r->in_pos += skip;
		junk += skip;
	}
	int quiet = r->quiet_skip;
	r->quiet_skip = 0;
	if (junk && !quiet) {
		snprintf(why, SR_WARC_WHY_MAX, "offset %llu: %llu bytes that are not gzip data skipped",
			 (unsigned long long)junk_from, (unsigned long long)junk);
		if (r->in_pos == r->in_len)
			r->eof = 1;
		return SR_EPARSE;
	}
	if (r->in_pos == r->in_len) {
		r->eof = 1;
		return 0;
	}
	if (inflateReset(&r->z) != Z_OK)
		return SR_ENOMEM;
	r->member_off = r->in_base + r->in_pos;
	r->in_member = 1;
	r->z_fresh = 1;
	r->member_end = 0;
	if (bd_push(r, r->w_base + r->w_len, r->member_off))
		return SR_ENOMEM;
	return 1;
}

/* Inflate the member starting at in_pos in one call when it lies whole in `in` and its output
 * fits the window's free room.  Returns 1 (done: the member ended, *made bytes added), 0 (not
 * done: nothing consumed, stream it with zlib), or an error (why set). */
static int whole_member(sr_warc_reader *r, size_t *made, char *why)
{
	*made = 0;
	if (!r->ld)
		return 0;
	if (r->in_len - r->in_pos < IN_CAP / 2 && !r->src_eof) {
		/* top the buffer up so that a member near its end is not cut */
		int k = in_refill(r, why);
		if (k < 0)
			return k;
	}
	size_t in_avail = r->in_len - r->in_pos;
	size_t room = r->w_cap - r->w_len - 1;
	size_t used = 0, out = 0;
	enum libdeflate_result lr = libdeflate_gzip_decompress_ex(
		r->ld, r->in + r->in_pos, in_avail, r->w + r->w_len, room, &used, &out);
	if (lr != LIBDEFLATE_SUCCESS)
		return 0;
	r->in_pos += used;
	r->w_len += out;
	r->in_member = 0;
	r->member_end = 1;
	if (bd_push(r, r->w_base + r->w_len, r->in_base + r->in_pos))
		return SR_ENOMEM;
	*made = out;
	return 1;
}

/* Inflate more of the gzip stream into the window.  stop: do not start a new member (return 0
 * at a member end).  Returns the number of bytes added, 0 at the end (or at a member end when
 * stop), or an error (why set) after which reading can go on. */
static int fill_gz(sr_warc_reader *r, int stop, char *why)
{
	for (;;) {
		if (!r->in_member) {
			if (stop && r->member_end)
				return 0;
			int rc = member_start(r, why);
			if (rc <= 0)
				return rc;
		}
		int rc = w_room(r, FILL_CHUNK);
		if (rc) {
			snprintf(why, SR_WARC_WHY_MAX, "offset %llu: %s", (unsigned long long)r->member_off,
				 sr_strerror(rc));
			return rc;
		}
		if (r->in_pos == r->in_len) {
			int k = in_refill(r, why);
			if (k < 0)
				return k;
			if (k == 0) {
				/* the stream ends here; the parser reports it once, as the
				 * truncation of the record it cuts (or on its own) */
				snprintf(r->trunc_why, SR_WARC_WHY_MAX,
					 "offset %llu: gzip member truncated (the file ends inside it)",
					 (unsigned long long)r->member_off);
				r->gz_trunc = 1;
				r->in_member = 0;
				r->eof = 1;
				return 0;
			}
		}
		if (r->z_fresh) {
			r->z_fresh = 0;
			size_t made;
			int k = whole_member(r, &made, why);
			if (k < 0)
				return k;
			if (k > 0) {
				if (made || stop)
					return (int)made;
				continue;
			}
		}
		size_t in_avail = r->in_len - r->in_pos;
		size_t room = r->w_cap - r->w_len - 1;
		r->z.next_in = r->in + r->in_pos;
		r->z.avail_in = in_avail > UINT_MAX ? UINT_MAX : (uInt)in_avail;
		r->z.next_out = r->w + r->w_len;
		r->z.avail_out = room > UINT_MAX ? UINT_MAX : (uInt)room;
		uInt ain = r->z.avail_in, aout = r->z.avail_out;
		int zr = inflate(&r->z, Z_NO_FLUSH);
		size_t used = ain - r->z.avail_in, made = aout - r->z.avail_out;
		r->in_pos += used;
		r->w_len += made;
		if (zr == Z_STREAM_END) {
			r->in_member = 0;
			r->member_end = 1;
			if (bd_push(r, r->w_base + r->w_len, r->in_base + r->in_pos))
				return SR_ENOMEM;
			if (made || stop)
				return (int)made;
			continue;
		}
		if (zr == Z_OK || zr == Z_BUF_ERROR) {
			if (made)
				return (int)made;
			continue;
		}
		if (zr == Z_MEM_ERROR)
			return SR_ENOMEM;
		r->w_len -= made; /* what a corrupt stream just produced is not to be trusted */
		snprintf(why, SR_WARC_WHY_MAX, "offset %llu: gzip data corrupt (%s)",
			 (unsigned long long)r->member_off, r->z.msg ? r->z.msg : "inflate failed");
		r->in_member = 0;
		r->quiet_skip = 1;
		if (r->member_off >= r->in_base && r->member_off + 1 <= r->in_base + r->in_len)
			r->in_pos = (size_t)(r->member_off + 1 - r->in_base);
		return SR_EPARSE;
	}
}

static int fill_plain(sr_warc_reader *r, char *why)
{
	int rc = w_room(r, FILL_CHUNK);
	if (rc) {
		snprintf(why, SR_WARC_WHY_MAX, "offset %llu: %s",
			 (unsigned long long)(r->w_base + r->w_pos), sr_strerror(rc));
		return rc;
	}
	size_t room = r->w_cap - r->w_len - 1;
	if (r->in_pos < r->in_len) {
		size_t k = r->in_len - r->in_pos;
		if (k > room)
			k = room;
		memcpy(r->w + r->w_len, r->in + r->in_pos, k);
		r->in_pos += k;
		r->w_len += k;
		return (int)k;
	}
	size_t got;
	if (room > INT_MAX)
		room = INT_MAX;
	if (src_read(r, r->w + r->w_len, room, &got)) {
		snprintf(why, SR_WARC_WHY_MAX, "read error at offset %llu: %s",
			 (unsigned long long)(r->w_base + r->w_len), strerror(errno));
		r->done = 1;
		return SR_EIO;
	}
	if (got == 0)
		r->eof = 1;
	r->w_len += got;
	return (int)got;
}

static int fill(sr_warc_reader *r, int stop, char *why)
{
	if (r->eof)
		return 0;
	return r->gz ? fill_gz(r, stop, why) : fill_plain(r, why);
}

/* Make n bytes available from w_pos.  1: yes; 0: the stream (or, with stop, the member) ended
 * first; < 0: error. */
static int ensure(sr_warc_reader *r, size_t n, int stop, char *why)
{
	while (r->w_len - r->w_pos < n) {
		int rc = fill(r, stop, why);
		if (rc <= 0)
			return rc;
	}
	return 1;
}

/* Find the end of the line starting at w_pos + rel (index of its '\n', relative to w_pos),
 * looking at most max bytes.  1 found, 0 not found (end of data or too long), < 0 error. */
static int line_end(sr_warc_reader *r, size_t rel, size_t max, int stop, size_t *eol, char *why)
{
	size_t scan = rel;
	for (;;) {
		size_t have = r->w_len - r->w_pos;
		size_t lim = rel + max < have ? rel + max : have;
		if (scan < lim) {
			const unsigned char *q = memchr(r->w + r->w_pos + scan, '\n', lim - scan);
			if (q) {
				*eol = (size_t)(q - (r->w + r->w_pos));
				return 1;
			}
			scan = lim;
		}
		if (scan >= rel + max)
			return 0;
		int rc = fill(r, stop, why);
		if (rc <= 0)
			return rc;
	}
}

/* ---- ARC header lines ----------------------------------------------------------------------- */

typedef struct arc_line {
	const unsigned char *url;
	size_t url_len;
	size_t url_parts;   /* fields the URL spans (URLs with spaces) */
	const unsigned char *date, *type;
	size_t date_len, type_len;
	uint64_t length;
} arc_line;

/* Parse an ARC header line s[0..n) (no '\n').  v1: URL IP DATE TYPE LENGTH; v2: URL IP DATE
 * TYPE CODE CHECKSUM LOCATION OFFSET FILENAME LENGTH.  A URL with spaces spans several
 * fields.  0 on success.  loose: only the shape is checked (a URL, enough fields, a date),
 * not the length: used to tell where a record starts, so that a record with a bad length
 * is reported as such. */
static int arc_parse(const unsigned char *s, size_t n, int version, int loose, arc_line *a)
{
	enum { MAXF = 64 };
	size_t fs[MAXF], fl[MAXF], nf = 0;
	if (n && s[n - 1] == '\r')
		n--;
	size_t i = 0;
	while (i < n) {
		while (i < n && s[i] == ' ')
			i++;
		if (i >= n)
			break;
		size_t st = i;
		while (i < n && s[i] != ' ')
			i++;
		if (nf == MAXF)
			return -1;
		fs[nf] = st;
		fl[nf] = i - st;
		nf++;
	}
	/* v2 first when the file says so, or for a filedesc line with v2's field count (the
	 * version is only known from the filedesc block); the other layout as a fallback */
	int v2_first = nf >= 10 && (version == 2 || (n >= 11 && memcmp(s, "filedesc://", 11) == 0));
	size_t up = 0;
	const unsigned char *date = NULL;
	size_t dl = 0;
	for (int t = 0; t < 2; t++) {
		size_t rest = (t == 0) == v2_first ? 9 : 4; /* fields after the URL */
		if (nf < rest + 1)
			continue;
		up = nf - rest;
		date = s + fs[up + 1];
		dl = fl[up + 1];
		int ok = dl >= 8 && dl <= 20;
		for (size_t k = 0; ok && k < dl; k++)
			ok = date[k] >= '0' && date[k] <= '9';
		if (ok)
			break;
		date = NULL;
	}
	if (!date)
		return -1;
	a->length = 0;
	if (parse_u64(s + fs[nf - 1], fl[nf - 1], &a->length) && !loose)
		return -1;
	a->url = s + fs[0];
	a->url_len = fs[up - 1] + fl[up - 1] - fs[0];
	a->url_parts = up;
	if (!memchr(a->url, ':', a->url_len))
		return -1;
	a->date = date;
	a->date_len = dl;
	a->type = s + fs[up + 2];
	a->type_len = fl[up + 2];
	return 0;
}

/* Whether the line at w_pos + rel is an ARC header line.  1 yes, 0 no, < 0 error. */
static int arc_line_at(sr_warc_reader *r, size_t rel, int stop, char *why)
{
	size_t eol;
	int rc = line_end(r, rel, SR_WARC_ARC_LINE_MAX, stop, &eol, why);
	if (rc <= 0)
		return rc;
	arc_line a;
	return arc_parse(r->w + r->w_pos + rel, eol - rel, r->arc_version, 1, &a) == 0;
}

/* ---- errors and recovery ------------------------------------------------------------------ */

static void where(const sr_warc_reader *r, uint64_t off, uint64_t inner, char *dst, size_t cap)
{
	if (r->gz && inner)
		snprintf(dst, cap, "offset %llu (+%llu in the gzip member)", (unsigned long long)off,
			 (unsigned long long)inner);
	else
		snprintf(dst, cap, "offset %llu", (unsigned long long)off);
}

static void start_resync(sr_warc_reader *r, uint64_t from)
{
	r->resync = 1;
	r->resync_from = from;
}

/* Move w_pos to the next candidate record start at or after resync_from.  1 found, 0 end of
 * stream, < 0 error (reading can go on). */
static int do_resync(sr_warc_reader *r, char *why)
{
	uint64_t from = r->resync_from;
	uint64_t end = r->w_base + r->w_len;
	if (from < r->w_base + r->w_pos)
		from = r->w_base + r->w_pos;
	if (from > end)
		from = end;
	/* a line start at `from` itself counts: start the scan at the '\n' before it */
	if (from > r->w_base && r->w[from - r->w_base - 1] == '\n')
		from--;
	r->w_pos = (size_t)(from - r->w_base);
	size_t scan = 0; /* relative to w_pos: where to look for the next '\n' */
	uint64_t floor = r->resync_from;
	for (;;) {
		size_t have = r->w_len - r->w_pos;
		uint64_t base = r->w_base + r->w_pos;
		/* earliest member boundary at or after floor, inside the data we have */
		uint64_t bpos = UINT64_MAX;
		for (size_t i = 0; i < r->nbd; i++)
			if (r->bd[i].spos >= floor && r->bd[i].spos >= base + scan &&
			    r->bd[i].spos < base + have) {
				bpos = r->bd[i].spos;
				break;
			}
		const unsigned char *q = scan < have ?
			memchr(r->w + r->w_pos + scan, '\n', have - scan) : NULL;
		uint64_t cand = q ? base + (uint64_t)(q - (r->w + r->w_pos)) + 1 : UINT64_MAX;
		if (bpos != UINT64_MAX && bpos <= cand) {
			r->w_pos = (size_t)(bpos - r->w_base);
			return 1;
		}
		if (q) {
			size_t nl = (size_t)(q - (r->w + r->w_pos));
			/* keep the '\n' at w_pos while more data is fetched */
			r->w_pos += nl;
			bd_prune(r, r->w_base + r->w_pos);
			int rc = ensure(r, 1 + 5, 0, why);
			if (rc < 0)
				return rc;
			const unsigned char *p = r->w + r->w_pos + 1;
			size_t av = r->w_len - r->w_pos - 1;
			if (av >= 5 && memcmp(p, "WARC/", 5) == 0) {
				r->w_pos++;
				return 1;
			}
			if (r->arc_seen && av > 0 && !is_blank(p[0])) {
				rc = arc_line_at(r, 1, 0, why);
				if (rc < 0)
					return rc;
				if (rc == 1) {
					r->w_pos++;
					return 1;
				}
			}
			scan = 1;
			continue;
		}
		/* nothing in the window: drop it and read on */
		r->w_pos = r->w_len;
		bd_prune(r, r->w_base + r->w_pos);
		scan = 0;
		int rc = fill(r, 0, why);
		if (rc < 0)
			return rc;
		if (rc == 0 && r->w_pos == r->w_len) {
			/* a boundary at the very end is where the stream ends */
			return 0;
		}
	}
}

/* ---- record fields -------------------------------------------------------------------------- */

enum {
	H_TYPE, H_URI, H_DATE, H_ID, H_REFERS, H_REFERS_URI, H_REFERS_DATE, H_PDIGEST, H_PROFILE,
	H_TRUNC, H_FILENAME, H_CTYPE, H_CLEN,
	/* derived and HTTP fields */
	F_HTTP_CTYPE, F_HTTP_TE, F_HTTP_CE, F_CHARSET, F_NHDR
};

typedef struct hname {
	const char *s;
	size_t n;
	int id;
} hname;

#define HN(s, id) { s, sizeof s - 1, id }
static const hname warc_names[] = {
	HN("WARC-Type", H_TYPE), HN("WARC-Target-URI", H_URI), HN("WARC-Date", H_DATE),
	HN("WARC-Record-ID", H_ID), HN("WARC-Refers-To", H_REFERS),
	HN("WARC-Refers-To-Target-URI", H_REFERS_URI), HN("WARC-Refers-To-Date", H_REFERS_DATE),
	HN("WARC-Payload-Digest", H_PDIGEST), HN("WARC-Profile", H_PROFILE),
	HN("WARC-Truncated", H_TRUNC), HN("WARC-Filename", H_FILENAME),
	HN("Content-Type", H_CTYPE), HN("Content-Length", H_CLEN),
};
static const hname http_names[] = {
	HN("Content-Type", F_HTTP_CTYPE), HN("Transfer-Encoding", F_HTTP_TE),
	HN("Content-Encoding", F_HTTP_CE),
};

typedef struct fields {
	size_t at[F_NHDR]; /* offset into r->hv, or NONE */
	const char *warning;
} fields;

static int hv_add(sr_warc_reader *r, fields *f, int k, const unsigned char *v, size_t n)
{
	if (n > VALUE_MAX)
		n = VALUE_MAX;
	f->at[k] = r->hv.len;
	int rc = sr_buf_append(&r->hv, v, n);
	return rc ? rc : sr_buf_putc(&r->hv, '\0');
}

static const char *hv_str(const sr_warc_reader *r, const fields *f, int k)
{
	return f->at[k] == NONE ? NULL : r->hv.data + f->at[k];
}

/* Add a repaired URI: surrounding <> removed, spaces and controls percent-encoded. */
static int hv_add_uri(sr_warc_reader *r, fields *f, int k, const unsigned char *v, size_t n)
{
	trim(&v, &n);
	if (n > VALUE_MAX)
		n = VALUE_MAX;
	if (n >= 2 && v[0] == '<' && v[n - 1] == '>') {
		v++;
		n -= 2;
		trim(&v, &n);
	}
	f->at[k] = r->hv.len;
	for (size_t i = 0; i < n; i++) {
		int rc;
		if (v[i] <= 0x20 || v[i] == 0x7f)
			rc = sr_buf_appendf(&r->hv, "%%%02X", v[i]);
		else
			rc = sr_buf_putc(&r->hv, (char)v[i]);
		if (rc)
			return rc;
	}
	return sr_buf_putc(&r->hv, '\0');
}

/* Parse header lines h[0..n) ("Name: value" lines, continuation lines folded) into the fields
 * named by names[0..nn) (the first occurrence of a name wins). */
static int parse_fields(sr_warc_reader *r, fields *f, const unsigned char *h, size_t n,
			const hname *names, size_t nn)
{
	int last = -1; /* field of the previous line, when it was kept and is the last in hv */
	size_t i = 0;
	while (i < n) {
		const unsigned char *e = memchr(h + i, '\n', n - i);
		size_t le = e ? (size_t)(e - h) : n;
		const unsigned char *line = h + i;
		size_t ll = le - i;
		i = e ? le + 1 : n;
		if (ll && line[ll - 1] == '\r')
			ll--;
		if (ll == 0)
			break;
		if (line[0] == ' ' || line[0] == '\t') {
			/* a continuation line is joined with a space, except to a URI */
			if (last >= 0 && last != H_URI && last != H_REFERS_URI &&
			    r->hv.len - f->at[last] + ll <= VALUE_MAX) {
				trim(&line, &ll);
				r->hv.len--; /* drop the NUL, join with a space */
				int rc = sr_buf_putc(&r->hv, ' ');
				if (!rc)
					rc = sr_buf_append(&r->hv, line, ll);
				if (!rc)
					rc = sr_buf_putc(&r->hv, '\0');
				if (rc)
					return rc;
			}
			continue;
		}
		last = -1;
		const unsigned char *colon = memchr(line, ':', ll);
		if (!colon)
			continue;
		const unsigned char *name = line;
		size_t nl = (size_t)(colon - line);
		trim(&name, &nl);
		const unsigned char *v = colon + 1;
		size_t vl = (size_t)(line + ll - v);
		trim(&v, &vl);
		for (size_t k = 0; k < nn; k++) {
			int id = names[k].id;
			if (nl != names[k].n || f->at[id] != NONE ||
			    !ieqn(name, nl, names[k].s, names[k].n))
				continue;
			int rc = id == H_URI || id == H_REFERS_URI ? hv_add_uri(r, f, id, v, vl) :
								     hv_add(r, f, id, v, vl);
			if (rc)
				return rc;
			last = id;
			break;
		}
	}
	return SR_OK;
}

/* The charset parameter of a content type, into F_CHARSET. */
static int find_charset(sr_warc_reader *r, fields *f, int k)
{
	if (f->at[k] == NONE)
		return SR_OK;
	const char *ct = r->hv.data + f->at[k];
	for (const char *p = ct; *p; p++) {
		if (lower((unsigned char)p[0]) != 'c' || strncasecmp(p, "charset", 7) != 0)
			continue;
		if (p != ct && p[-1] != ';' && p[-1] != ' ' && p[-1] != '\t')
			continue;
		const char *q = p + 7;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q != '=')
			continue;
		q++;
		while (*q == ' ' || *q == '\t' || *q == '"' || *q == '\'')
			q++;
		size_t n = 0;
		while (q[n] && q[n] != ';' && q[n] != '"' && q[n] != '\'' && q[n] != ' ' &&
		       q[n] != '\t' && q[n] != ',')
			n++;
		if (!n)
			return SR_OK;
		/* hv may move while appending: copy through a small buffer */
		char tmp[64];
		if (n >= sizeof tmp)
			n = sizeof tmp - 1;
		memcpy(tmp, q, n);
		return hv_add(r, f, F_CHARSET, (const unsigned char *)tmp, n);
	}
	return SR_OK;
}

/* ---- HTTP payloads -------------------------------------------------------------------------- */

/* Decode a chunked body.  0: decoded (the whole of it, or up to a truncation: *trunc);
 * -1: not chunked data; other: error code. */
static int dechunk(sr_buf *out, const unsigned char *s, size_t n, int *trunc)
{
	sr_buf_reset(out);
	*trunc = 0;
	size_t i = 0;
	int first = 1;
	for (;;) {
		size_t st = i;
		uint64_t sz = 0;
		size_t nd = 0;
		while (i < n && ((s[i] >= '0' && s[i] <= '9') || (lower(s[i]) >= 'a' && lower(s[i]) <= 'f'))) {
			int d = s[i] <= '9' ? s[i] - '0' : lower(s[i]) - 'a' + 10;
			if (sz > (UINT64_MAX >> 4))
				return first ? -1 : (*trunc = 1, 0);
			sz = sz * 16 + (uint64_t)d;
			i++;
			nd++;
		}
		if (i >= n && nd == 0 && !first) {
			*trunc = 1; /* no final 0 chunk */
			return 0;
		}
		if (nd == 0)
			return first ? -1 : (*trunc = 1, 0);
		/* chunk extensions, then the line end */
		while (i < n && s[i] != '\n' && (s[i] == ';' || s[i] == ' ' || s[i] == '\t' ||
						  s[i] == '\r' || i > st + nd))
			i++;
		if (i >= n || s[i] != '\n')
			return first ? -1 : (*trunc = 1, 0);
		i++;
		if (sz == 0)
			return 0;
		first = 0;
		if (sz > n - i) {
			*trunc = 1;
			int rc = sr_buf_append(out, s + i, n - i);
			return rc;
		}
		int rc = sr_buf_append(out, s + i, (size_t)sz);
		if (rc)
			return rc;
		i += (size_t)sz;
		if (i < n && s[i] == '\r')
			i++;
		if (i < n && s[i] == '\n')
			i++;
		if (i >= n) {
			*trunc = 1;
			return 0;
		}
	}
}

/* Inflate s[0..n) into out (reset first) with zlib windowBits wbits; out->max caps it.
 * SR_OK when the stream ended properly. */
static int inflate_to(sr_buf *out, const unsigned char *s, size_t n, int wbits)
{
	sr_buf_reset(out);
	z_stream z;
	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, wbits) != Z_OK)
		return SR_ENOMEM;
	int rc = SR_EPARSE;
	z.next_in = (unsigned char *)s;
	z.avail_in = n > UINT_MAX ? UINT_MAX : (uInt)n;
	for (;;) {
		size_t want = out->len + 65536 > out->max ? out->max - out->len : 65536;
		if (want == 0) {
			rc = SR_ETOOBIG;
			break;
		}
		if ((rc = sr_buf_grow(out, want)) != SR_OK)
			break;
		size_t room = out->cap - out->len - 1;
		if (room > out->max - out->len)
			room = out->max - out->len;
		z.next_out = (unsigned char *)out->data + out->len;
		z.avail_out = room > UINT_MAX ? UINT_MAX : (uInt)room;
		uInt before = z.avail_out;
		int zr = inflate(&z, Z_NO_FLUSH);
		out->len += before - z.avail_out;
		out->data[out->len] = '\0';
		if (zr == Z_STREAM_END) {
			rc = SR_OK;
			break;
		}
		if (zr == Z_BUF_ERROR && z.avail_in == 0) {
			rc = SR_EPARSE; /* truncated */
			break;
		}
		if (zr != Z_OK && zr != Z_BUF_ERROR) {
			rc = zr == Z_MEM_ERROR ? SR_ENOMEM : SR_EPARSE;
			break;
		}
		rc = SR_EPARSE;
	}
	inflateEnd(&z);
	return rc;
}

typedef struct payload {
	const unsigned char *p;
	size_t n;
	int status;
	int in_window; /* p points into the window (the block) */
	const char *undecoded; /* a constant string, or NULL */
	int undecoded_ce;      /* the Content-Encoding value was left undecoded */
} payload;

/* Split an HTTP message b[0..n) into status and body, decoding the body. */
static int http_payload(sr_warc_reader *r, fields *f, const unsigned char *b, size_t n,
			payload *pl)
{
	/* status line */
	const unsigned char *e = memchr(b, '\n', n);
	size_t sl = e ? (size_t)(e - b) : n;
	size_t i = 5;
	while (i < sl && b[i] != ' ')
		i++;
	while (i < sl && b[i] == ' ')
		i++;
	int status = 0;
	for (int k = 0; k < 3 && i < sl && b[i] >= '0' && b[i] <= '9'; k++, i++)
		status = status * 10 + (b[i] - '0');
	pl->status = status >= 100 ? status : 0;
	if (!e) {
		pl->p = b + n;
		pl->n = 0;
		pl->in_window = 1;
		return SR_OK;
	}
	/* headers up to the empty line */
	size_t hs = sl + 1, he = n, bs = n;
	for (size_t j = hs; j < n;) {
		const unsigned char *q = memchr(b + j, '\n', n - j);
		if (!q)
			break;
		size_t le = (size_t)(q - b);
		size_t ll = le - j;
		if (ll == 0 || (ll == 1 && b[j] == '\r')) {
			he = j;
			bs = le + 1;
			break;
		}
		j = le + 1;
	}
	int rc = parse_fields(r, f, b + hs, he - hs, http_names,
			      sizeof http_names / sizeof http_names[0]);
	if (rc)
		return rc;
	pl->p = b + bs;
	pl->n = n - bs;
	pl->in_window = 1;
	const char *te = hv_str(r, f, F_HTTP_TE);
	if (te && icontains(te, "chunked") && pl->n) {
		int trunc;
		rc = dechunk(&r->dechunk, pl->p, pl->n, &trunc);
		if (rc == SR_OK) {
			pl->p = (const unsigned char *)r->dechunk.data;
			pl->n = r->dechunk.len;
			pl->in_window = 0;
			if (trunc)
				f->warning = "chunked body truncated: the chunks present are given";
		} else if (rc == -1) {
			f->warning = "Transfer-Encoding chunked but the body is not chunked: "
				     "body given as stored";
		} else {
			return rc;
		}
	}
	const char *ce = hv_str(r, f, F_HTTP_CE);
	if (ce && pl->n) {
		int gz = icontains(ce, "gzip");
		int df = !gz && icontains(ce, "deflate");
		if (gz || df) {
			int wbits;
			if (gz)
				wbits = 31;
			else if (pl->n >= 2 && (pl->p[0] & 0x0f) == 8 &&
				 ((pl->p[0] << 8) | pl->p[1]) % 31 == 0)
				wbits = 15;
			else
				wbits = -15;
			if (gz && !is_gzip_at(pl->p, pl->n)) {
				f->warning = "Content-Encoding gzip but the body is not gzip: "
					     "body given as stored";
				return SR_OK;
			}
			rc = inflate_to(&r->decoded, pl->p, pl->n, wbits);
			if (rc == SR_ENOMEM)
				return rc;
			if (rc == SR_OK || r->decoded.len > 0) {
				pl->p = (const unsigned char *)r->decoded.data;
				pl->n = r->decoded.len;
				pl->in_window = 0;
				if (rc == SR_ETOOBIG)
					f->warning = "decoded body over the payload cap: cut short";
				else if (rc)
					f->warning = "Content-Encoding data truncated or corrupt: "
						     "the part decoded is given";
			} else {
				pl->undecoded = gz ? "gzip" : "deflate";
				f->warning = "Content-Encoding data corrupt: body given as stored";
			}
		} else if (!ieq((const unsigned char *)ce, strlen(ce), "identity") &&
			   !ieq((const unsigned char *)ce, strlen(ce), "none")) {
			pl->undecoded_ce = 1;
			f->warning = "Content-Encoding not decoded: body given as stored";
		}
	}
	return SR_OK;
}

/* ---- reading one record --------------------------------------------------------------------- */

/* Consume the blank lines after a block ending at stream position bend and check that a
 * record boundary follows.  *np: the stream position after the blank lines.  1: ok;
 * 0: no boundary follows (framing error); < 0 fatal. */
static int trailer(sr_warc_reader *r, uint64_t bend, int arc, uint64_t *np)
{
	char why2[SR_WARC_WHY_MAX];
	uint64_t p = bend;
	int at_bd = 0;
	for (;;) {
		size_t i = (size_t)(p - r->w_base);
		while (i < r->w_len && is_blank(r->w[i]) && !bd_at(r, r->w_base + i))
			i++;
		p = r->w_base + i;
		if (bd_at(r, p)) {
			at_bd = 1;
			break;
		}
		if (i < r->w_len)
			break;
		int rc = fill(r, 1, why2);
		if (rc < 0) {
			if (rc == SR_ENOMEM)
				return rc;
			if (!r->pending_rc) {
				r->pending_rc = rc;
				memcpy(r->pending_why, why2, sizeof why2);
			}
			break;
		}
		if (rc == 0) {
			at_bd = bd_at(r, p) != NULL;
			break;
		}
	}
	*np = p;
	size_t rel = (size_t)(p - r->w_base - r->w_pos);
	if (at_bd || rel == r->w_len - r->w_pos)
		return 1; /* a member boundary, or the end */
	if (arc) {
		int rc = arc_line_at(r, rel, 1, why2);
		if (rc == 1)
			return 1;
		return rc == SR_ENOMEM ? rc : 0;
	}
	int rc = ensure(r, rel + 5, 1, why2);
	if (rc == SR_ENOMEM)
		return rc;
	if (rc < 0 && !r->pending_rc) {
		r->pending_rc = rc;
		memcpy(r->pending_why, why2, sizeof why2);
	}
	if (r->w_len - r->w_pos >= rel + 5 && memcmp(r->w + r->w_pos + rel, "WARC/", 5) == 0)
		return 1;
	return 0;
}

/* Skip n bytes of block from w_pos (a record over the cap).  SR_OK or an error/EPARSE at a
 * premature end. */
static int skip_bytes(sr_warc_reader *r, uint64_t n, char *why)
{
	while (n) {
		size_t av = r->w_len - r->w_pos;
		size_t take = (uint64_t)av < n ? av : (size_t)n;
		r->w_pos += take;
		n -= take;
		bd_prune(r, r->w_base + r->w_pos);
		if (!n)
			break;
		int rc = fill(r, 0, why);
		if (rc < 0)
			return rc;
		if (rc == 0)
			return SR_EPARSE;
	}
	return SR_OK;
}

static void arc_date(sr_warc_reader *r, fields *f, const unsigned char *d, size_t n)
{
	if (n >= 12) {
		char iso[32];
		snprintf(iso, sizeof iso, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", d, d + 4, d + 6, d + 8,
			 d + 10, n >= 14 ? (const char *)d + 12 : "00");
		if (hv_add(r, f, H_DATE, (const unsigned char *)iso, strlen(iso)) == SR_OK)
			return;
	}
	hv_add(r, f, H_DATE, d, n);
}

static int read_record(sr_warc_reader *r, sr_warc_record *rec, char *why)
{
	char at[96];
	/* 1. blank lines before the record */
	uint64_t blank_start = r->w_base + r->w_pos;
	for (;;) {
		while (r->w_pos < r->w_len && is_blank(r->w[r->w_pos]))
			r->w_pos++;
		if (r->w_pos < r->w_len)
			break;
		int rc = fill(r, 0, why);
		if (rc < 0)
			return rc;
		if (rc == 0) {
			r->done = 1;
			if (r->gz_trunc) {
				memcpy(why, r->trunc_why, SR_WARC_WHY_MAX);
				return SR_EPARSE;
			}
			return 0;
		}
	}
	uint64_t rs = r->w_base + r->w_pos;
	bd_prune(r, rs);
	uint64_t off, inner;
	pos_of(r, rs, blank_start, &off, &inner);
#define AT() (where(r, off, inner, at, sizeof at), at) /* only formatted for errors */

	/* 2. what kind of record */
	int rc = ensure(r, 16, 0, why);
	if (rc < 0)
		return rc;
	size_t avail = r->w_len - r->w_pos;
	int arc = 0;
	size_t hdr_len = 0;
	arc_line al;
	memset(&al, 0, sizeof al);
	if (avail >= 5 && memcmp(r->w + r->w_pos, "WARC/", 5) == 0) {
		/* the header block ends at the first empty line */
		size_t scan = 0;
		for (;;) {
			size_t eol;
			rc = line_end(r, scan, SR_WARC_HEADER_MAX - scan, 0, &eol, why);
			if (rc < 0)
				return rc;
			if (rc == 0) {
				int big = r->w_len - r->w_pos >= SR_WARC_HEADER_MAX;
				snprintf(why, SR_WARC_WHY_MAX, "%s: %s", AT(),
					 big ? "WARC header larger than 256 KB" :
					       "record truncated inside its WARC header");
				if (!big && r->gz_trunc)
					memcpy(why, r->trunc_why, SR_WARC_WHY_MAX);
				start_resync(r, rs + 1);
				return big ? SR_ETOOBIG : SR_EPARSE;
			}
			scan = eol + 1;
			const unsigned char *l = r->w + r->w_pos + eol;
			/* an empty line: "\n\n" or "\n\r\n" */
			if (eol > 0 && (l[-1] == '\n' || (l[-1] == '\r' && eol > 1 && l[-2] == '\n'))) {
				hdr_len = scan;
				break;
			}
		}
	} else {
		size_t eol;
		rc = line_end(r, 0, SR_WARC_ARC_LINE_MAX, 0, &eol, why);
		if (rc < 0)
			return rc;
		const unsigned char *s = r->w + r->w_pos;
		if (rc == 1 && eol >= 11 && memcmp(s, "filedesc://", 11) == 0)
			r->arc_seen = 1;
		if (rc == 1 && arc_parse(s, eol, r->arc_version, 0, &al) == 0) {
			arc = 1;
			r->arc_seen = 1;
			hdr_len = eol + 1;
		} else {
			char ex[24];
			excerpt(ex, sizeof ex, s, r->w_len - r->w_pos < 20 ? r->w_len - r->w_pos : 20);
			if (rc == 1 && arc_parse(s, eol, r->arc_version, 1, &al) == 0)
				snprintf(why, SR_WARC_WHY_MAX,
					 "%s: ARC record header with a bad length \"%s\"", AT(), ex);
			else if (rc == 1 && r->arc_seen)
				snprintf(why, SR_WARC_WHY_MAX, "%s: bad ARC record header \"%s\"", AT(), ex);
			else
				snprintf(why, SR_WARC_WHY_MAX,
					 "%s: no WARC or ARC record here (the bytes start \"%s\")", AT(), ex);
			start_resync(r, rs + 1);
			return SR_EPARSE;
		}
	}

	/* 3. header fields */
	fields f;
	for (int k = 0; k < F_NHDR; k++)
		f.at[k] = NONE;
	f.warning = NULL;
	sr_buf_reset(&r->hv);
	uint64_t clen;
	if (!arc) {
		const unsigned char *h = r->w + r->w_pos;
		const unsigned char *e = memchr(h, '\n', hdr_len);
		size_t first = (size_t)(e - h) + 1;
		rc = parse_fields(r, &f, h + first, hdr_len - first, warc_names,
				  sizeof warc_names / sizeof warc_names[0]);
		if (rc)
			return rc;
		const char *cl = hv_str(r, &f, H_CLEN);
		if (!cl || parse_u64((const unsigned char *)cl, strlen(cl), &clen)) {
			snprintf(why, SR_WARC_WHY_MAX, "%s: %s", AT(),
				 cl ? "bad Content-Length" : "no Content-Length");
			start_resync(r, rs + hdr_len);
			return SR_EPARSE;
		}
	} else {
		clen = al.length;
		int filedesc = al.url_len >= 11 && memcmp(al.url, "filedesc://", 11) == 0;
		static const char warcinfo[] = "warcinfo", response[] = "response";
		if (filedesc) {
			rc = hv_add(r, &f, H_TYPE, (const unsigned char *)warcinfo, sizeof warcinfo - 1);
			if (!rc)
				rc = hv_add(r, &f, H_FILENAME, al.url + 11, al.url_len - 11);
		} else {
			rc = hv_add(r, &f, H_TYPE, (const unsigned char *)response, sizeof response - 1);
			if (!rc)
				rc = hv_add_uri(r, &f, H_URI, al.url, al.url_len);
		}
		if (!rc)
			rc = hv_add(r, &f, H_CTYPE, al.type, al.type_len);
		if (rc)
			return rc;
		arc_date(r, &f, al.date, al.date_len);
	}

	/* 4. the block */
	if (clen > r->max_payload) {
		r->w_pos += hdr_len;
		rc = skip_bytes(r, clen, why);
		if (rc == SR_EPARSE || rc == SR_OK)
			snprintf(why, SR_WARC_WHY_MAX, "%s: record of %llu bytes over the %zu-byte cap%s",
				 AT(), (unsigned long long)clen, r->max_payload,
				 rc ? ", and truncated" : ": skipped");
		return rc == SR_OK ? SR_ETOOBIG : rc;
	}
	rc = ensure(r, hdr_len + (size_t)clen, 0, why);
	if (rc <= 0) {
		if (rc == 0 && r->gz_trunc)
			memcpy(why, r->trunc_why, SR_WARC_WHY_MAX);
		else if (rc == 0)
			snprintf(why, SR_WARC_WHY_MAX,
				 "%s: record truncated (block of %llu bytes, %zu present)", AT(),
				 (unsigned long long)clen, r->w_len - r->w_pos - hdr_len);
		if (rc != SR_ENOMEM && rc != SR_EIO)
			start_resync(r, rs + hdr_len);
		return rc < 0 ? rc : SR_EPARSE;
	}
	uint64_t bend = rs + hdr_len + clen;

	/* 5. what follows the block */
	uint64_t np;
	rc = trailer(r, bend, arc, &np);
	if (rc < 0)
		return rc;
	if (rc == 0) {
		snprintf(why, SR_WARC_WHY_MAX,
			 "%s: %s not followed by a record boundary (wrong %s %llu?)", AT(),
			 arc ? "ARC record" : "WARC record", arc ? "length" : "Content-Length",
			 (unsigned long long)clen);
		start_resync(r, rs + hdr_len);
		return SR_EPARSE;
	}

	/* 6. positions */
	uint64_t noff, ninner;
	pos_of(r, np, np, &noff, &ninner);
	rec->offset = off;
	rec->inner = inner;
	rec->next_offset = noff;
	rec->next_inner = ninner;
	if (r->gz && inner == 0 && ninner == 0 && noff >= off)
		rec->length = noff - off;
	else
		rec->length = bend - rs;
	rec->is_arc = arc;
	/* warcio reads the blank line after an ARC filedesc block as part of that record */
	if (arc && !r->gz && hv_str(r, &f, H_FILENAME) && np - bend >= 2)
		rec->length++;

	/* 7. the payload */
	const unsigned char *block = r->w + r->w_pos + hdr_len;
	size_t blen = (size_t)clen;
	if (arc && hv_str(r, &f, H_FILENAME) && blen && block[0] >= '1' && block[0] <= '2')
		r->arc_version = block[0] - '0';
	payload pl;
	memset(&pl, 0, sizeof pl);
	pl.p = block;
	pl.n = blen;
	pl.in_window = 1;
	const char *type = hv_str(r, &f, H_TYPE);
	int http = blen >= 5 && memcmp(block, "HTTP/", 5) == 0 && type &&
		   (strcmp(type, "response") == 0 || strcmp(type, "revisit") == 0);
	int ctype_field = H_CTYPE;
	if (http) {
		rc = http_payload(r, &f, block, blen, &pl);
		if (rc)
			return rc;
		if (f.at[F_HTTP_CTYPE] != NONE)
			ctype_field = F_HTTP_CTYPE;
	}
	rc = find_charset(r, &f, ctype_field);
	if (rc)
		return rc;

	/* NUL-terminate the block in the window (restored by the next call) */
	size_t bidx = r->w_pos + hdr_len + blen;
	r->saved_idx = bidx;
	r->saved_byte = r->w[bidx];
	r->saved_set = 1;
	r->w[bidx] = '\0';

	rec->type = type ? type : "unknown";
	rec->target_uri = hv_str(r, &f, H_URI);
	rec->date = hv_str(r, &f, H_DATE);
	rec->record_id = hv_str(r, &f, H_ID);
	rec->refers_to = hv_str(r, &f, H_REFERS);
	rec->refers_to_uri = hv_str(r, &f, H_REFERS_URI);
	rec->refers_to_date = hv_str(r, &f, H_REFERS_DATE);
	rec->payload_digest = hv_str(r, &f, H_PDIGEST);
	rec->profile = hv_str(r, &f, H_PROFILE);
	rec->truncated = hv_str(r, &f, H_TRUNC);
	rec->filename = hv_str(r, &f, H_FILENAME);
	rec->record_content_type = hv_str(r, &f, H_CTYPE);
	rec->http_status = http ? pl.status : 0;
	rec->content_type = hv_str(r, &f, ctype_field);
	rec->charset = hv_str(r, &f, F_CHARSET);
	rec->content_encoding = pl.undecoded_ce ? hv_str(r, &f, F_HTTP_CE) : pl.undecoded;
	rec->payload = (const char *)pl.p;
	rec->payload_len = pl.n;
	rec->block = (const char *)block;
	rec->block_len = blen;
	rec->warning = f.warning;
	if (type == NULL)
		rec->type = "unknown";
	r->w_pos = (size_t)(np - r->w_base);
	return 1;
#undef AT
}

/* ---- public ----------------------------------------------------------------------------------- */

static int reader_new(sr_warc_reader **out, size_t max_payload, char *why)
{
	*out = NULL;
	sr_warc_reader *r = calloc(1, sizeof *r);
	if (!r)
		goto nomem;
	r->fd = -1;
	r->max_payload = max_payload ? max_payload : DEFAULT_MAX_PAYLOAD;
	if (r->max_payload > SIZE_MAX / 4)
		r->max_payload = SIZE_MAX / 4;
	r->w_max = SR_WARC_HEADER_MAX + r->max_payload + 64 * 1024;
	r->arc_version = 1;
	r->in = malloc(IN_CAP);
	if (!r->in)
		goto nomem;
	if (inflateInit2(&r->z, 31) != Z_OK)
		goto nomem;
	r->z_ready = 1;
	r->ld = libdeflate_alloc_decompressor();
	if (!r->ld)
		goto nomem;
	sr_buf_init(&r->hv, 4u << 20); /* F_NHDR values of at most 3 * VALUE_MAX bytes */
	sr_buf_init(&r->dechunk, r->max_payload);
	sr_buf_init(&r->decoded, r->max_payload);
	*out = r;
	return SR_OK;
nomem:
	snprintf(why, SR_WARC_WHY_MAX, "out of memory");
	sr_warc_close(r);
	return SR_ENOMEM;
}

/* Look at the first bytes to tell gzip from plain. */
static int detect(sr_warc_reader *r, char *why)
{
	while (r->in_len < 3 && !r->src_eof) {
		int k = in_refill(r, why);
		if (k < 0)
			return k;
	}
	r->gz = is_gzip_at(r->in, r->in_len);
	return SR_OK;
}

int sr_warc_open_fd(sr_warc_reader **out, int fd, size_t max_payload, char why[SR_WARC_WHY_MAX])
{
	sr_warc_reader *r;
	int rc = reader_new(&r, max_payload, why);
	if (rc)
		return rc;
	r->fd = fd;
	off_t here = lseek(fd, 0, SEEK_CUR);
	r->in_base = here > 0 ? (uint64_t)here : 0;
	if ((rc = detect(r, why)) != SR_OK) {
		sr_warc_close(r);
		return rc;
	}
	*out = r;
	return SR_OK;
}

int sr_warc_open_mem(sr_warc_reader **out, const void *p, size_t n, size_t max_payload,
		     char why[SR_WARC_WHY_MAX])
{
	sr_warc_reader *r;
	int rc = reader_new(&r, max_payload, why);
	if (rc)
		return rc;
	static const unsigned char empty[1];
	r->mem = p ? p : empty;
	r->mem_len = p ? n : 0;
	if ((rc = detect(r, why)) != SR_OK) {
		sr_warc_close(r);
		return rc;
	}
	*out = r;
	return SR_OK;
}

int sr_warc_open(sr_warc_reader **out, const char *path, size_t max_payload,
		 char why[SR_WARC_WHY_MAX])
{
	*out = NULL;
	if (strcmp(path, "-") == 0)
		return sr_warc_open_fd(out, 0, max_payload, why);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, SR_WARC_WHY_MAX, "cannot open: %s", strerror(errno));
		return SR_EIO;
	}
	int rc = sr_warc_open_fd(out, fd, max_payload, why);
	if (rc) {
		close(fd);
		return rc;
	}
	(*out)->own_fd = 1;
	return SR_OK;
}

int sr_warc_next(sr_warc_reader *r, sr_warc_record *rec, char why[SR_WARC_WHY_MAX])
{
	memset(rec, 0, sizeof *rec);
	why[0] = '\0';
	if (r->saved_set) {
		r->w[r->saved_idx] = r->saved_byte;
		r->saved_set = 0;
	}
	if (r->pending_rc) {
		int rc = r->pending_rc;
		r->pending_rc = 0;
		memcpy(why, r->pending_why, SR_WARC_WHY_MAX);
		return rc;
	}
	if (r->done)
		return 0;
	if (r->resync) {
		r->resync = 0;
		int rc = do_resync(r, why);
		if (rc < 0) {
			if (rc == SR_ENOMEM || rc == SR_EIO)
				r->done = 1;
			return rc;
		}
		if (rc == 0) {
			r->done = 1;
			return 0;
		}
	}
	int rc = read_record(r, rec, why);
	if (rc < 0) {
		memset(rec, 0, sizeof *rec);
		if (rc == SR_ENOMEM || rc == SR_EIO) {
			r->done = 1;
			if (!why[0])
				snprintf(why, SR_WARC_WHY_MAX, "%s", sr_strerror(rc));
		}
	}
	return rc;
}

int sr_warc_seek(sr_warc_reader *r, uint64_t offset, uint64_t inner)
{
	char why[SR_WARC_WHY_MAX];
	if (r->mem) {
		if (offset > r->mem_len)
			return SR_EINVAL;
		r->mem_pos = (size_t)offset;
		r->in_pos = r->in_len = 0;
		r->in_base = offset;
		r->src_eof = 0;
	} else if (lseek(r->fd, (off_t)offset, SEEK_SET) >= 0) {
		r->in_pos = r->in_len = 0;
		r->in_base = offset;
		r->src_eof = 0;
	} else if (errno == ESPIPE) {
		/* forwards only, by reading */
		if (offset < r->in_base + r->in_pos)
			return SR_EINVAL;
		while (offset > r->in_base + r->in_len) {
			r->in_pos = r->in_len;
			int k = in_refill(r, why);
			if (k < 0)
				return SR_EIO;
			if (k == 0)
				return SR_EINVAL;
		}
		r->in_pos = (size_t)(offset - r->in_base);
	} else {
		return SR_EIO;
	}
	r->saved_set = 0;
	r->w_pos = r->w_len = 0;
	r->w_base = r->gz ? 0 : offset;
	r->nbd = 0;
	r->in_member = 0;
	r->member_end = 0;
	r->member_off = offset;
	r->quiet_skip = 0;
	r->gz_trunc = 0;
	r->eof = 0;
	r->done = 0;
	r->resync = 0;
	r->pending_rc = 0;
	while (inner) {
		size_t av = r->w_len - r->w_pos;
		size_t take = (uint64_t)av < inner ? av : (size_t)inner;
		r->w_pos += take;
		inner -= take;
		if (!inner)
			break;
		int rc = fill(r, 0, why);
		if (rc < 0)
			return rc == SR_ENOMEM || rc == SR_EIO ? rc : SR_EINVAL;
		if (rc == 0)
			return SR_EINVAL;
	}
	return SR_OK;
}

int sr_warc_is_gzip(const sr_warc_reader *r)
{
	return r->gz;
}

void sr_warc_close(sr_warc_reader *r)
{
	if (!r)
		return;
	if (r->own_fd && r->fd >= 0)
		close(r->fd);
	if (r->z_ready)
		inflateEnd(&r->z);
	if (r->ld)
		libdeflate_free_decompressor(r->ld);
	free(r->in);
	free(r->w);
	free(r->bd);
	sr_buf_release(&r->hv);
	sr_buf_release(&r->dechunk);
	sr_buf_release(&r->decoded);
	free(r);
}

int sr_warc_sniff(const void *p, size_t n)
{
	unsigned char tmp[8192];
	const unsigned char *s = p;
	size_t len = n;
	if (is_gzip_at(s, n)) {
		z_stream z;
		memset(&z, 0, sizeof z);
		if (inflateInit2(&z, 31) != Z_OK)
			return 0;
		z.next_in = (unsigned char *)s;
		z.avail_in = n > UINT_MAX ? UINT_MAX : (uInt)n;
		z.next_out = tmp;
		z.avail_out = sizeof tmp;
		while (z.avail_out > 0) {
			int zr = inflate(&z, Z_SYNC_FLUSH);
			if (zr != Z_OK)
				break;
		}
		len = sizeof tmp - z.avail_out;
		inflateEnd(&z);
		s = tmp;
	}
	while (len && (is_blank(s[0]) || s[0] == ' '))
		s++, len--;
	if (len >= 6 && memcmp(s, "WARC/", 5) == 0 && s[5] >= '0' && s[5] <= '9')
		return SR_WARC_SNIFF_WARC;
	if (len >= 11 && memcmp(s, "filedesc://", 11) == 0)
		return SR_WARC_SNIFF_ARC;
	const unsigned char *e = memchr(s, '\n', len);
	arc_line a;
	if (e && arc_parse(s, (size_t)(e - s), 1, 0, &a) == 0)
		return SR_WARC_SNIFF_ARC;
	return 0;
}
