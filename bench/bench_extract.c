/*
 * bench_extract.c - how fast sitrep's extractor turns pages into articles, and how much
 * memory it holds while doing it.
 *
 *   bench_extract [--passes N] [--arena-max MB] DIR
 *
 * DIR is an extraction development set laid out like trafilatura-dev: DIR/evaldata.json maps
 * each page URL to {"file": NAME}, and the page is DIR/html/NAME.gz.  Every page is read and
 * inflated into memory first (not timed); then sr_extract() runs over all of them, one page
 * after the other on one thread, with one arena reset per page, N times (default 5).  Only the
 * sr_extract() loop is timed.
 *
 * Output: one line of key=value pairs (parsed by bench_extract.sh), e.g.
 *   tool=sitrep pages=667 mb=93.12 passes=5 seconds=... pages_per_s=... mb_per_s=...
 *   cpu_seconds=... pages_per_cpu_s=...
 *   pass1_pages_per_s=... best_pages_per_s=... ok=... empty=... failed=... text_mb=...
 *   rss_load_kb=... rss_1x_kb=... rss_5x_kb=... heap_load_kb=... heap_1x_kb=... heap_5x_kb=...
 * pages_per_s and mb_per_s are over all passes (wall clock); pages_per_cpu_s divides by the
 * process's CPU time instead, which other load on a shared machine disturbs less; best_pages_per_s is the fastest pass (the least
 * disturbed by other load on the machine); ok/empty/failed and text_mb count pass 1.
 * rss_*_kb is the process's peak resident set (getrusage) after loading, after pass 1 and after
 * the last pass; heap_*_kb is what the C heap holds at those moments (glibc mallinfo2; -1
 * elsewhere).  When the extractor frees all it takes, heap_1x and heap_5x are equal; the peak
 * RSS may still creep by a little as malloc's free lists fragment.
 *
 * Exit status: 0 when the run completed (even with per-page failures), 1 on a setup error
 * (missing data, out of memory), 2 on a bad command line.
 */
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <jansson.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/gz.h"
#include "extract/extract.h"

#define PAGE_MAX ((size_t)64 << 20)  /* cap on one inflated page */
#define FILE_MAX ((size_t)64 << 20)  /* cap on one file read from disk */

typedef struct page {
	char *url;
	char *name;
	char *bytes;
	size_t len;
} page;

typedef struct stats {
	size_t ok, empty, failed;
	size_t text_bytes;
	int first_rc;         /* first unexpected error code, for the report */
	const char *first_rc_page;
} stats;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Bytes the C heap holds for the program right now (malloc'd and not freed), -1 when the C
 * library cannot tell.  Unlike the RSS, this does not count pages that free() kept. */
static long heap_in_use_kb(void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
	struct mallinfo2 mi = mallinfo2();
	return (long)((mi.uordblks + mi.hblkhd) / 1024);
#else
	return -1;
#endif
}

/* CPU time of the process (all threads), in seconds. */
static double cpu_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_rss_kb(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return -1;
	return ru.ru_maxrss; /* kilobytes on Linux */
}

/* Read the whole file at path into b (capped).  SR_OK, SR_EIO, SR_ETOOBIG, SR_ENOMEM. */
static int read_file(const char *path, sr_buf *b)
{
	int rc = SR_OK;
	FILE *f = fopen(path, "rb");
	if (!f)
		return SR_EIO;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		rc = sr_buf_append(b, chunk, n);
		if (rc)
			goto out;
	}
	if (ferror(f))
		rc = SR_EIO;
out:
	fclose(f);
	return rc;
}

/* Load every page listed in dir/evaldata.json, inflated, sorted by file name. */
static int cmp_page(const void *a, const void *b)
{
	return strcmp(((const page *)a)->name, ((const page *)b)->name);
}

static int load_pages(const char *dir, page **out, size_t *n_out, size_t *total)
{
	int rc = SR_OK;
	json_error_t jerr;
	json_t *root = NULL;
	page *pages = NULL;
	size_t n = 0;
	sr_buf path, raw, html;
	sr_buf_init(&path, 4096);
	sr_buf_init(&raw, FILE_MAX);
	sr_buf_init(&html, PAGE_MAX);

	*total = 0;
	if ((rc = sr_buf_appendf(&path, "%s/evaldata.json", dir)))
		goto out;
	root = json_load_file(path.data, 0, &jerr);
	if (!root || !json_is_object(root)) {
		fprintf(stderr, "bench_extract: %s: %s\n", path.data,
			root ? "not a JSON object" : jerr.text);
		rc = SR_EPARSE;
		goto out;
	}
	pages = calloc(json_object_size(root) + 1, sizeof(*pages));
	if (!pages) {
		rc = SR_ENOMEM;
		goto out;
	}
	const char *url;
	json_t *v;
	json_object_foreach(root, url, v) {
		const char *file = json_string_value(json_object_get(v, "file"));
		if (!file)
			continue;
		sr_buf_reset(&path);
		sr_buf_reset(&raw);
		sr_buf_reset(&html);
		if ((rc = sr_buf_appendf(&path, "%s/html/%s.gz", dir, file)))
			goto out;
		if ((rc = read_file(path.data, &raw))) {
			fprintf(stderr, "bench_extract: %s: %s\n", path.data,
				rc == SR_EIO ? strerror(errno) : sr_strerror(rc));
			goto out;
		}
		if (sr_gz_is_gzip(raw.data, raw.len))
			rc = sr_gz_inflate(&html, raw.data, raw.len);
		else
			rc = sr_buf_append(&html, raw.data, raw.len);
		if (rc) {
			fprintf(stderr, "bench_extract: %s: %s\n", path.data, sr_strerror(rc));
			goto out;
		}
		page *p = &pages[n];
		p->url = strdup(url);
		p->name = strdup(file);
		p->len = html.len;
		p->bytes = malloc(html.len + 1);
		n++; /* counted before the check so that the cleanup frees it */
		if (!p->url || !p->name || !p->bytes) {
			rc = SR_ENOMEM;
			goto out;
		}
		memcpy(p->bytes, html.data, html.len + 1);
		*total += html.len;
	}
	qsort(pages, n, sizeof(*pages), cmp_page);
out:
	if (rc) {
		for (size_t i = 0; i < n; i++) {
			free(pages[i].url);
			free(pages[i].name);
			free(pages[i].bytes);
		}
		free(pages);
		pages = NULL;
		n = 0;
	}
	json_decref(root);
	sr_buf_release(&path);
	sr_buf_release(&raw);
	sr_buf_release(&html);
	*out = pages;
	*n_out = n;
	return rc;
}

/* One pass of sr_extract over all pages; counts go into st when st != NULL. */
static void run_pass(const page *pages, size_t n, sr_arena *arena, stats *st)
{
	for (size_t i = 0; i < n; i++) {
		sr_extract_opts o = {.url = pages[i].url, .format = SR_FORMAT_AUTO};
		sr_article art;
		sr_extract_info info;
		memset(&art, 0, sizeof(art));
		int rc = sr_extract(pages[i].bytes, pages[i].len, &o, arena, &art, &info);
		if (st) {
			if (rc == SR_OK) {
				st->ok++;
				if (art.text)
					st->text_bytes += strlen(art.text);
			} else if (rc == SR_EEMPTY) {
				st->empty++;
			} else {
				st->failed++;
				if (!st->first_rc) {
					st->first_rc = rc;
					st->first_rc_page = pages[i].name;
				}
			}
		}
		sr_arena_reset(arena);
	}
}

static int usage(void)
{
	fprintf(stderr, "usage: bench_extract [--passes N] [--arena-max MB] DIR\n");
	return 2;
}

int main(int argc, char **argv)
{
	int passes = 5;
	size_t arena_max = (size_t)256 << 20;
	const char *dir = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--passes") && i + 1 < argc) {
			passes = atoi(argv[++i]);
			if (passes < 1)
				return usage();
		} else if (!strcmp(argv[i], "--arena-max") && i + 1 < argc) {
			long mb = atol(argv[++i]);
			if (mb < 1)
				return usage();
			arena_max = (size_t)mb << 20;
		} else if (argv[i][0] == '-' || dir) {
			return usage();
		} else {
			dir = argv[i];
		}
	}
	if (!dir)
		return usage();

	page *pages = NULL;
	size_t n = 0, total = 0;
	if (load_pages(dir, &pages, &n, &total))
		return 1;
	if (n == 0) {
		fprintf(stderr, "bench_extract: %s: no pages\n", dir);
		free(pages);
		return 1;
	}
	long rss_load = peak_rss_kb(), heap_load = heap_in_use_kb();

	sr_arena arena;
	sr_arena_init(&arena, arena_max);
	stats st;
	memset(&st, 0, sizeof(st));

	double c0 = cpu_s();
	double t0 = now_s();
	run_pass(pages, n, &arena, &st);
	double t1 = now_s();
	long rss_1x = peak_rss_kb(), heap_1x = heap_in_use_kb();
	double best = t1 - t0;
	for (int p = 1; p < passes; p++) {
		double ts = now_s();
		run_pass(pages, n, &arena, NULL);
		double te = now_s();
		if (te - ts < best)
			best = te - ts;
	}
	double t2 = now_s();
	double cpu = cpu_s() - c0;
	long rss_nx = peak_rss_kb(), heap_nx = heap_in_use_kb();
	sr_arena_release(&arena);

	double mb = (double)total / 1e6;
	double secs = t2 - t0, secs1 = t1 - t0;
	printf("tool=sitrep pages=%zu mb=%.2f passes=%d seconds=%.3f pages_per_s=%.1f "
	       "mb_per_s=%.2f cpu_seconds=%.3f pages_per_cpu_s=%.1f pass1_pages_per_s=%.1f "
	       "best_pages_per_s=%.1f ok=%zu empty=%zu "
	       "failed=%zu text_mb=%.2f rss_load_kb=%ld rss_1x_kb=%ld rss_%dx_kb=%ld "
	       "heap_load_kb=%ld heap_1x_kb=%ld heap_%dx_kb=%ld\n",
	       n, mb, passes, secs, (double)n * passes / secs, mb * passes / secs, cpu,
	       (double)n * passes / cpu, (double)n / secs1, (double)n / best, st.ok, st.empty, st.failed,
	       (double)st.text_bytes / 1e6, rss_load, rss_1x, passes, rss_nx, heap_load, heap_1x,
	       passes, heap_nx);
	if (st.first_rc)
		fprintf(stderr, "bench_extract: first failure: %s: %s\n", st.first_rc_page,
			sr_strerror(st.first_rc));

	for (size_t i = 0; i < n; i++) {
		free(pages[i].url);
		free(pages[i].name);
		free(pages[i].bytes);
	}
	free(pages);
	return 0;
}
