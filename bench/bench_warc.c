/*
 * bench_warc.c - build a WARC from the development corpora, and time sitrep's WARC reader on it.
 *
 *   bench_warc make DATA_DIR OUT.warc.gz TARGET_MB
 *       Wraps every article of DATA_DIR/corpora/bbc-news (*.txt: title line, paragraphs) and
 *       DATA_DIR/corpora/reuters21578 (reut2-*.sgm: <TITLE>, <BODY>) as an HTML page in a WARC
 *       response record (WARC headers, HTTP response headers, the page), one gzip member per
 *       record (zlib level 6, as WARC writers do), repeating the corpus (each pass with other
 *       URLs) until the uncompressed records reach TARGET_MB (10^6 bytes).  Prints
 *       "records=N uncompressed=BYTES compressed=BYTES".
 *
 *   bench_warc read FILE UNCOMPRESSED_BYTES [PASSES]
 *       Iterates every record with sr_warc_next() (inflate + parse WARC and HTTP headers, no
 *       extraction), PASSES times (default 3), and prints the best pass:
 *       "records=N payload=BYTES seconds=S mb_per_s=X" (uncompressed MB, 10^6 bytes, per second).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "base/buf.h"
#include "base/err.h"
#include "source/files.h"
#include "source/warc.h"

typedef struct article {
	char *title;
	char *html;
	size_t html_len;
	const char *host;
	size_t id;
} article;

static article *arts;
static size_t narts, cap_arts;

static void add_article(const char *host, const char *title, size_t tn, const char *body, size_t bn)
{
	if (narts == cap_arts) {
		cap_arts = cap_arts ? cap_arts * 2 : 4096;
		arts = realloc(arts, cap_arts * sizeof *arts);
		if (!arts)
			exit(1);
	}
	sr_buf h;
	sr_buf_init(&h, 16 << 20);
	sr_buf_appendf(&h, "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>%.*s</title>"
		       "</head>\n<body><article><h1>%.*s</h1>\n<p>", (int)tn, title, (int)tn, title);
	/* paragraphs: blank lines in the text */
	for (size_t i = 0; i < bn; i++) {
		if (body[i] == '\n' && i + 1 < bn && body[i + 1] == '\n') {
			sr_buf_puts(&h, "</p>\n<p>");
			while (i + 1 < bn && body[i + 1] == '\n')
				i++;
		} else {
			sr_buf_putc(&h, body[i]);
		}
	}
	sr_buf_puts(&h, "</p></article></body></html>\n");
	article *a = &arts[narts];
	a->title = NULL;
	a->html_len = h.len;
	a->html = sr_buf_detach(&h, NULL);
	a->host = host;
	a->id = narts;
	narts++;
}

static void load_bbc(const char *dir)
{
	sr_pathlist l = { 0 };
	sr_walk(dir, &l, NULL, NULL);
	for (size_t i = 0; i < l.n; i++) {
		size_t n = strlen(l.v[i]);
		if (n < 4 || strcmp(l.v[i] + n - 4, ".txt") != 0 || strstr(l.v[i], "README"))
			continue;
		sr_buf b;
		char why[SR_WHY_MAX];
		sr_buf_init(&b, 1 << 20);
		if (sr_read_input(l.v[i], &b, why) == SR_OK && b.len) {
			const char *nl = memchr(b.data, '\n', b.len);
			size_t tn = nl ? (size_t)(nl - b.data) : b.len;
			const char *body = nl ? nl + 1 : b.data + b.len;
			add_article("news.bbc.example", b.data, tn, body, b.len - (size_t)(body - b.data));
		}
		sr_buf_release(&b);
	}
	sr_pathlist_release(&l);
}

static const char *between(const char *s, const char *end, const char *open, const char *close,
			   size_t *n)
{
	const char *p = memmem(s, (size_t)(end - s), open, strlen(open));
	if (!p)
		return NULL;
	p += strlen(open);
	const char *q = memmem(p, (size_t)(end - p), close, strlen(close));
	if (!q)
		return NULL;
	*n = (size_t)(q - p);
	return p;
}

static void load_reuters(const char *dir)
{
	sr_pathlist l = { 0 };
	sr_walk(dir, &l, NULL, NULL);
	for (size_t i = 0; i < l.n; i++) {
		if (!strstr(l.v[i], "reut2-") || !strstr(l.v[i], ".sgm"))
			continue;
		sr_buf b;
		char why[SR_WHY_MAX];
		sr_buf_init(&b, 64 << 20);
		if (sr_read_input(l.v[i], &b, why) == SR_OK) {
			const char *s = b.data, *end = b.data + b.len;
			for (;;) {
				const char *st = memmem(s, (size_t)(end - s), "<REUTERS", 8);
				if (!st)
					break;
				const char *en = memmem(st, (size_t)(end - st), "</REUTERS>", 10);
				if (!en)
					break;
				size_t tn, bn;
				const char *t = between(st, en, "<TITLE>", "</TITLE>", &tn);
				const char *body = between(st, en, "<BODY>", "</BODY>", &bn);
				if (t && body)
					add_article("www.reuters.example", t, tn, body, bn);
				s = en + 10;
			}
		}
		sr_buf_release(&b);
	}
	sr_pathlist_release(&l);
}

static int gz_member(FILE *out, const void *p, size_t n, size_t *written)
{
	static unsigned char *zbuf;
	static size_t zcap;
	z_stream z;
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	size_t bound = deflateBound(&z, (uLong)n) + 64;
	if (bound > zcap) {
		zcap = bound;
		zbuf = realloc(zbuf, zcap);
		if (!zbuf)
			return -1;
	}
	z.next_in = (unsigned char *)p;
	z.avail_in = (uInt)n;
	z.next_out = zbuf;
	z.avail_out = (uInt)zcap;
	int zr = deflate(&z, Z_FINISH);
	size_t len = zcap - z.avail_out;
	deflateEnd(&z);
	if (zr != Z_STREAM_END || fwrite(zbuf, 1, len, out) != len)
		return -1;
	*written += len;
	return 0;
}

static int cmd_make(const char *data, const char *path, double target_mb)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/corpora/bbc-news", data);
	load_bbc(dir);
	size_t nbbc = narts;
	snprintf(dir, sizeof dir, "%s/corpora/reuters21578", data);
	load_reuters(dir);
	fprintf(stderr, "articles: %zu bbc-news, %zu reuters21578\n", nbbc, narts - nbbc);
	if (!narts)
		return 1;
	FILE *out = fopen(path, "wb");
	if (!out)
		return 1;
	size_t raw = 0, comp = 0, records = 0;
	sr_buf rec, http;
	sr_buf_init(&rec, 64 << 20);
	sr_buf_init(&http, 64 << 20);
	/* warcinfo */
	const char *info = "software: sitrep bench_warc\r\nformat: WARC File Format 1.1\r\n";
	sr_buf_appendf(&rec, "WARC/1.1\r\nWARC-Type: warcinfo\r\nWARC-Date: 2024-03-01T00:00:00Z\r\n"
		       "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000000>\r\n"
		       "WARC-Filename: bench.warc.gz\r\nContent-Type: application/warc-fields\r\n"
		       "Content-Length: %zu\r\n\r\n%s\r\n\r\n", strlen(info), info);
	raw += rec.len;
	if (gz_member(out, rec.data, rec.len, &comp))
		return 1;
	records++;
	for (size_t pass = 0; raw < target_mb * 1e6; pass++) {
		for (size_t i = 0; i < narts && raw < target_mb * 1e6; i++) {
			const article *a = &arts[i];
			sr_buf_reset(&http);
			sr_buf_reset(&rec);
			sr_buf_appendf(&http, "HTTP/1.1 200 OK\r\nDate: Fri, 01 Mar 2024 10:%02zu:%02zu GMT\r\n"
				       "Server: bench\r\nContent-Type: text/html; charset=utf-8\r\n"
				       "Content-Length: %zu\r\nCache-Control: max-age=60\r\n"
				       "Connection: close\r\n\r\n", (i / 60) % 60, i % 60, a->html_len);
			sr_buf_append(&http, a->html, a->html_len);
			sr_buf_appendf(&rec, "WARC/1.1\r\nWARC-Type: response\r\n"
				       "WARC-Date: 2024-03-01T10:%02zu:%02zuZ\r\n"
				       "WARC-Record-ID: <urn:uuid:%08zx-0000-4000-8000-%012zx>\r\n"
				       "WARC-Target-URI: http://%s/story/%zu?pass=%zu\r\n"
				       "WARC-IP-Address: 192.0.2.%zu\r\n"
				       "Content-Type: application/http; msgtype=response\r\n"
				       "Content-Length: %zu\r\n\r\n", (i / 60) % 60, i % 60, pass, i,
				       a->host, a->id, pass, i % 250 + 1, http.len);
			sr_buf_append(&rec, http.data, http.len);
			sr_buf_puts(&rec, "\r\n\r\n");
			raw += rec.len;
			if (gz_member(out, rec.data, rec.len, &comp))
				return 1;
			records++;
		}
	}
	if (fclose(out))
		return 1;
	sr_buf_release(&rec);
	sr_buf_release(&http);
	printf("records=%zu uncompressed=%zu compressed=%zu\n", records, raw, comp);
	return 0;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmd_read(const char *path, double bytes, int passes)
{
	double best = 1e30;
	size_t records = 0, errors = 0;
	unsigned long long payload = 0;
	for (int p = 0; p < passes; p++) {
		sr_warc_reader *r;
		char why[SR_WARC_WHY_MAX];
		double t0 = now();
		if (sr_warc_open(&r, path, 50u << 20, why)) {
			fprintf(stderr, "%s: %s\n", path, why);
			return 1;
		}
		sr_warc_record rec;
		int rc;
		records = errors = 0;
		payload = 0;
		while ((rc = sr_warc_next(r, &rec, why)) != 0) {
			if (rc < 0) {
				if (errors++ < 5)
					fprintf(stderr, "error: %s\n", why);
				continue;
			}
			records++;
			payload += rec.payload_len;
		}
		sr_warc_close(r);
		double t = now() - t0;
		if (t < best)
			best = t;
	}
	printf("records=%zu errors=%zu payload=%llu seconds=%.3f mb_per_s=%.1f\n", records, errors,
	       payload, best, bytes / 1e6 / best);
	return errors ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "make") == 0)
		return cmd_make(argv[2], argv[3], atof(argv[4]));
	if ((argc == 4 || argc == 5) && strcmp(argv[1], "read") == 0)
		return cmd_read(argv[2], atof(argv[3]), argc == 5 ? atoi(argv[4]) : 3);
	fprintf(stderr, "usage: bench_warc make DATA_DIR OUT.warc.gz TARGET_MB\n"
			"       bench_warc read FILE UNCOMPRESSED_BYTES [PASSES]\n");
	return 2;
}
