/*
 * cmd_ingest.c - sitrep ingest: files, directories and stdin into the store.
 *
 * Threads: one reader turns the inputs into documents (a file is one document; archives
 * and JSON lines will yield many), N workers extract them (each slot has its own arena;
 * each worker a read-only connection to skip unchanged documents before extracting them),
 * and the main thread is the single writer, which stores the results in input order, in
 * batched transactions.  The reader runs at most `window` documents ahead of the writer,
 * so memory is bounded by that many documents whatever the size of the input.
 */
#include "cli.h"
#include "progress.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/hash.h"
#include "base/json.h"
#include "base/log.h"
#include "pipeline.h"
#include "source/files.h"
#include "base/isotime.h"
#include "source/jsonl.h"
#include "source/warc.h"
#include "store/checkpoint.h"
#include "store/stories.h"
#include "store/store.h"
#include "story/url.h"

#include <fcntl.h>
#include <getopt.h>
#include <libxml/parser.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	interrupted = sig;
	signal(sig, SIG_DFL); /* a second Ctrl-C ends at once */
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct counts {
	size_t ingested, updated, unchanged, failed, filtered;
	size_t records; /* documents read from archives and JSON lines */
} counts;

static void walk_error(void *ctx, const char *path, const char *why)
{
	counts *c = ctx;
	sr_log_error("%s: %s", path, why);
	c->failed++;
}

enum slot_state { SLOT_FREE, SLOT_FILLED, SLOT_BUSY, SLOT_READY };
enum slot_result {
	RES_FAILED,
	RES_UNCHANGED,
	RES_ARTICLE,
	RES_FILTERED, /* extracted, but left out by --lang */
	RES_MARK,     /* no document: an archive was read to its end */
};

/* JSON-lines metadata given with a document; it wins over what extraction finds. */
enum { META_TITLE, META_PUBLISHED, META_LANG, META_SOURCE, META_AUTHORS, META_N };

/* One document in flight.  The reader fills it (FILLED), a worker extracts it (BUSY, then
 * READY), the writer stores it and frees it.  Documents get sequence numbers in input
 * order; document seq lives in slot seq % window. */
typedef struct slot {
	enum slot_state state;
	enum slot_result result;
	const char *name;      /* for messages: the path, or "(stdin)" */
	sr_buf data;
	sr_arena arena;
	sr_article art;
	sr_analysis an;
	sr_doc doc;
	sr_extract_opts xo;
	char uri[PATH_MAX + 64];
	char why[SR_WHY_MAX > SR_PIPELINE_WHY_MAX ? SR_WHY_MAX : SR_PIPELINE_WHY_MAX];
	char name_buf[PATH_MAX + 64]; /* "path at byte N" for records of archives */
	char ctype[128];
	/* archive bookkeeping: the position after this record, for the checkpoint */
	const char *archive;   /* the archive's real path, or NULL */
	int64_t ar_size, ar_mtime;
	sr_checkpoint ck;
	sr_buf meta;           /* JSON-lines metadata: NUL-separated strings */
	size_t meta_at[META_N];
	int has_meta[META_N];
} slot;

typedef struct job {
	pthread_mutex_t mu;
	pthread_cond_t cv_free;   /* a slot became free (reader waits) */
	pthread_cond_t cv_filled; /* a document was read (workers wait) */
	pthread_cond_t cv_ready;  /* a document was extracted (writer waits) */
	sr_pathlist *paths;
	slot *slots;
	size_t window;
	size_t produced;      /* documents the reader has filled */
	int reader_done;      /* no more documents will come */
	size_t next_extract;  /* next document a worker takes */
	size_t written;       /* documents the writer has finished */
	size_t inputs_done;   /* inputs (paths) fully read, for the progress bar */
	int stop;
	const char *db_path;
	const char *url;
	sr_extract_opts xo;
	int archive_format;    /* 0 by content, 1 WARC/ARC, 2 JSON lines */
	const char *host;      /* archive filters */
	int64_t since, until;
	const char *lang;      /* keep articles in this language only */
	size_t max_size;
	size_t records;        /* archive records read */
	sr_pathlist reals;     /* real paths of archives (checkpoint keys), owned here */
} job;

/* Reader side: wait for a free slot for the next document; NULL when stopping. */
static slot *claim_slot(job *j)
{
	pthread_mutex_lock(&j->mu);
	while (!j->stop && j->produced >= j->written + j->window)
		pthread_cond_wait(&j->cv_free, &j->mu);
	slot *s = j->stop ? NULL : &j->slots[j->produced % j->window];
	pthread_mutex_unlock(&j->mu);
	if (s) {
		sr_buf_reset(&s->data);
		sr_buf_reset(&s->meta);
		memset(s->has_meta, 0, sizeof(s->has_meta));
		s->why[0] = '\0';
		s->result = RES_FAILED;
		s->archive = NULL;
		memset(&s->doc, 0, sizeof(s->doc));
		s->xo = j->xo;
	}
	return s;
}

/* Reader side: hand the claimed slot to the workers. */
static void publish_slot(job *j, slot *s)
{
	pthread_mutex_lock(&j->mu);
	s->state = SLOT_FILLED;
	j->produced++;
	pthread_cond_broadcast(&j->cv_filled);
	pthread_mutex_unlock(&j->mu);
}

/* Read one file (or stdin) as one document. */
static void read_file(job *j, const char *path)
{
	slot *s = claim_slot(j);
	if (!s)
		return;
	s->name = strcmp(path, "-") == 0 ? "(stdin)" : path;
	if (sr_read_input(path, &s->data, s->why)) {
		publish_slot(j, s);
		return;
	}
	s->result = RES_ARTICLE; /* tentatively: a worker decides */
	s->doc.raw = s->data.data;
	s->doc.raw_len = s->data.len;
	s->doc.source = path;
	s->doc.fetched_at = (int64_t)time(NULL);
	sr_hash128(s->data.data, s->data.len, s->doc.hash);
	if (j->url) {
		/* one spelling per page: the normalised URL is the identity (as the API does) */
		sr_buf nu;
		sr_buf_init(&nu, sizeof(s->uri) - 1);
		snprintf(s->uri, sizeof(s->uri), "%s", sr_url_normalize(j->url, &nu) == SR_OK ? nu.data : j->url);
		sr_buf_release(&nu);
	} else if (strcmp(path, "-") == 0) {
		char hex[33];
		sr_hash128_hex(s->doc.hash, hex);
		snprintf(s->uri, sizeof(s->uri), "stdin:%s", hex);
	} else {
		char *real = realpath(path, NULL);
		snprintf(s->uri, sizeof(s->uri), "file://%s", real ? real : path);
		free(real);
	}
	s->doc.uri = s->uri;
	s->xo.url = j->url;
	publish_slot(j, s);
}

static int stopping(job *j)
{
	pthread_mutex_lock(&j->mu);
	int stop = j->stop;
	pthread_mutex_unlock(&j->mu);
	return stop;
}

static void set_uri(slot *s, const char *url)
{
	sr_buf nu;
	sr_buf_init(&nu, sizeof(s->uri) - 1);
	snprintf(s->uri, sizeof(s->uri), "%s", sr_url_normalize(url, &nu) == SR_OK ? nu.data : url);
	sr_buf_release(&nu);
	s->doc.uri = s->uri;
}

/* Host of an absolute URL equals host (or is a subdomain of it). */
static int host_matches(const char *url, const char *host)
{
	const char *p = strstr(url, "://");
	if (!p)
		return 0;
	p += 3;
	size_t n = strcspn(p, "/:?#"), h = strlen(host);
	if (n < h || strncasecmp(p + n - h, host, h) != 0)
		return 0;
	return n == h || p[n - h - 1] == '.';
}

/* A failure of one record, or the end marker, as a slot of its own. */
static void publish_note(job *j, const char *name, enum slot_result res, const char *why,
			 const char *archive, int64_t size, int64_t mtime)
{
	slot *s = claim_slot(j);
	if (!s)
		return;
	snprintf(s->name_buf, sizeof(s->name_buf), "%s", name);
	s->name = s->name_buf;
	s->result = res;
	snprintf(s->why, sizeof(s->why), "%s", why ? why : "");
	s->archive = archive;
	s->ar_size = size;
	s->ar_mtime = mtime;
	publish_slot(j, s);
}

/* Every document record of a WARC or ARC file, from its checkpoint when it has one. */
static void read_warc(job *j, sr_store *ro, const char *path, const char *real, int64_t size, int64_t mtime)
{
	char why[SR_WARC_WHY_MAX];
	sr_warc_reader *r = NULL;
	if (sr_warc_open(&r, path, j->max_size, why)) {
		publish_note(j, path, RES_FAILED, why, NULL, 0, 0);
		return;
	}
	sr_checkpoint ck = {0};
	if (ro && sr_checkpoint_get(ro, real, size, mtime, &ck) == 1 && sr_warc_seek(r, ck.offset, ck.inner) == SR_OK)
		sr_log_info("%s: resuming after record %llu (byte %llu)", path, (unsigned long long)ck.records,
			    (unsigned long long)ck.offset);
	else
		memset(&ck, 0, sizeof(ck));
	sr_warc_record rec;
	int rc;
	while (!stopping(j) && (rc = sr_warc_next(r, &rec, why)) != 0) {
		char name[PATH_MAX + 64];
		if (rc < 0) {
			snprintf(name, sizeof(name), "%s", path);
			publish_note(j, name, RES_FAILED, why, NULL, 0, 0);
			continue;
		}
		ck.records++;
		ck.offset = rec.next_offset;
		ck.inner = rec.next_inner;
		int doc = rec.target_uri && rec.payload_len &&
			  (!strncasecmp(rec.target_uri, "http://", 7) || !strncasecmp(rec.target_uri, "https://", 8)) &&
			  (!strcmp(rec.type, "resource") || !strcmp(rec.type, "conversion") ||
			   (!strcmp(rec.type, "response") && (rec.http_status == 0 ||
							      (rec.http_status >= 200 && rec.http_status < 300))));
		int64_t t = 0;
		if (doc && rec.date && sr_iso_parse(rec.date, &t) == 0 &&
		    ((j->since && t < j->since) || (j->until && t > j->until)))
			doc = 0;
		if (doc && j->host && !host_matches(rec.target_uri, j->host))
			doc = 0;
		if (doc && rec.content_encoding)
			doc = 0; /* a body sitrep cannot decode */
		if (doc && rec.content_type && strncasecmp(rec.content_type, "text/", 5) &&
		    !strstr(rec.content_type, "html") && !strstr(rec.content_type, "xml"))
			doc = 0; /* images, PDF, scripts ... */
		if (!doc)
			continue;
		slot *s = claim_slot(j);
		if (!s)
			break;
		snprintf(s->name_buf, sizeof(s->name_buf), "%s at byte %llu", path, (unsigned long long)rec.offset);
		s->name = s->name_buf;
		s->archive = real;
		s->ar_size = size;
		s->ar_mtime = mtime;
		s->ck = ck;
		if (sr_buf_append(&s->data, rec.payload, rec.payload_len)) {
			snprintf(s->why, sizeof(s->why), "record too large for --max-size");
			publish_slot(j, s);
			continue;
		}
		s->result = RES_ARTICLE;
		s->doc.raw = s->data.data;
		s->doc.raw_len = s->data.len;
		s->doc.source = path;
		s->doc.fetched_at = t ? t : (int64_t)time(NULL);
		s->doc.captured = t != 0;
		sr_hash128(s->data.data, s->data.len, s->doc.hash);
		set_uri(s, rec.target_uri);
		if (rec.content_type) {
			snprintf(s->ctype, sizeof(s->ctype), "%s", rec.content_type);
			s->doc.content_type = s->ctype;
			s->xo.content_type = s->ctype;
		}
		s->xo.url = s->uri;
		pthread_mutex_lock(&j->mu);
		j->records++;
		pthread_mutex_unlock(&j->mu);
		publish_slot(j, s);
	}
	if (!stopping(j))
		publish_note(j, path, RES_MARK, NULL, real, size, mtime);
	sr_warc_close(r);
}

static void meta_put(slot *s, int k, const char *v)
{
	if (!v || !*v)
		return;
	size_t at = s->meta.len;
	if (sr_buf_append(&s->meta, v, strlen(v) + 1) == SR_OK) {
		s->meta_at[k] = at;
		s->has_meta[k] = 1;
	}
}

/* Every line of a JSON-lines file, from its checkpoint when it has one. */
static void read_jsonl(job *j, sr_store *ro, const char *path, const char *real, int64_t size, int64_t mtime)
{
	char why[SR_JSONL_WHY_MAX];
	sr_jsonl_reader *r = NULL;
	if (sr_jsonl_open(&r, path, j->max_size, why)) {
		publish_note(j, path, RES_FAILED, why, NULL, 0, 0);
		return;
	}
	sr_checkpoint ck = {0}, from = {0};
	if (!ro || sr_checkpoint_get(ro, real, size, mtime, &from) != 1)
		memset(&from, 0, sizeof(from));
	sr_jsonl_record rec;
	int rc;
	while (!stopping(j) && (rc = sr_jsonl_next(r, &rec, why)) != 0) {
		if (rc < 0) {
			publish_note(j, path, RES_FAILED, why, NULL, 0, 0);
			continue;
		}
		ck.records++;
		if (rec.offset < from.offset)
			continue; /* committed by an earlier run */
		int64_t t = 0;
		if (rec.published && sr_iso_parse(rec.published, &t) == 0 &&
		    ((j->since && t < j->since) || (j->until && t > j->until)))
			continue;
		if (j->host && !host_matches(rec.url, j->host))
			continue;
		slot *s = claim_slot(j);
		if (!s)
			break;
		snprintf(s->name_buf, sizeof(s->name_buf), "%s line %llu", path, (unsigned long long)rec.line);
		s->name = s->name_buf;
		s->archive = real;
		s->ar_size = size;
		s->ar_mtime = mtime;
		ck.offset = rec.offset + 1; /* past this line's start: the next run skips it */
		s->ck = ck;
		const char *body = rec.html ? rec.html : rec.text;
		size_t blen = rec.html ? rec.html_len : rec.text_len;
		if (sr_buf_append(&s->data, body, blen)) {
			snprintf(s->why, sizeof(s->why), "document too large for --max-size");
			publish_slot(j, s);
			continue;
		}
		s->result = RES_ARTICLE;
		s->doc.raw = s->data.data;
		s->doc.raw_len = s->data.len;
		s->doc.source = path; /* or the record's source, set below from the slot's copy */
		s->doc.fetched_at = (int64_t)time(NULL);
		sr_hash128(s->data.data, s->data.len, s->doc.hash);
		set_uri(s, rec.url);
		snprintf(s->ctype, sizeof(s->ctype), "%s",
			 rec.content_type ? rec.content_type : rec.html ? "text/html" : "text/plain; charset=utf-8");
		s->doc.content_type = s->ctype;
		s->xo.content_type = s->ctype;
		s->xo.format = rec.html ? SR_FORMAT_HTML : SR_FORMAT_TEXT;
		s->xo.url = s->uri;
		meta_put(s, META_TITLE, rec.title);
		meta_put(s, META_PUBLISHED, rec.published);
		meta_put(s, META_LANG, rec.lang);
		meta_put(s, META_SOURCE, rec.source);
		if (rec.nauthors) {
			sr_buf a;
			sr_buf_init(&a, 64 * 1024);
			for (size_t k = 0; k < rec.nauthors && k < 32; k++)
				if (sr_buf_puts(&a, rec.authors[k]) || sr_buf_putc(&a, '\n'))
					break;
			meta_put(s, META_AUTHORS, a.data);
			sr_buf_release(&a);
		}
		/* the record's strings die with the next line: only the slot's copies are kept */
		if (s->has_meta[META_SOURCE])
			s->doc.source = s->meta.data + s->meta_at[META_SOURCE];
		pthread_mutex_lock(&j->mu);
		j->records++;
		pthread_mutex_unlock(&j->mu);
		publish_slot(j, s);
	}
	if (!stopping(j))
		publish_note(j, path, RES_MARK, NULL, real, size, mtime);
	sr_jsonl_close(r);
}

/* 1 WARC/ARC, 2 JSON lines, 0 a single document. */
static int archive_kind(job *j, const char *path)
{
	if (!strcmp(path, "-"))
		return j->archive_format;
	if (j->archive_format)
		return j->archive_format;
	size_t n = strlen(path);
	static const char *const jl[] = {".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"};
	for (size_t k = 0; k < sizeof(jl) / sizeof(jl[0]); k++) {
		size_t m = strlen(jl[k]);
		if (n > m && !strcmp(path + n - m, jl[k]))
			return 2;
	}
	char head[4096];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ssize_t k = read(fd, head, sizeof(head));
	close(fd);
	return k > 0 && sr_warc_sniff(head, (size_t)k) ? 1 : 0;
}

static void *reader(void *arg)
{
	job *j = arg;
	sr_store *ro = NULL;
	char err[512];
	if (sr_store_open(&ro, j->db_path, SR_STORE_READONLY, err, sizeof(err)))
		ro = NULL;
	for (size_t i = 0; i < j->paths->n; i++) {
		if (stopping(j))
			break;
		const char *path = j->paths->v[i];
		int kind = archive_kind(j, path);
		if (kind) {
			/* the identity of the archive for its checkpoint: real path, size, time */
			struct stat st;
			char *real = strcmp(path, "-") ? realpath(path, NULL) : NULL;
			int64_t size = 0, mtime = 0;
			if (real && stat(real, &st) == 0) {
				size = (int64_t)st.st_size;
				mtime = (int64_t)st.st_mtime;
			}
			/* the writer may still need the path after this loop moves on: the job
			 * keeps it (the path list owns its strings; keep real there too) */
			const char *keep = real ? real : NULL;
			if (real && sr_pathlist_add(&j->reals, real) == SR_OK)
				keep = j->reals.v[j->reals.n - 1];
			free(real);
			if (kind == 1)
				read_warc(j, ro, path, keep, size, mtime);
			else
				read_jsonl(j, ro, path, keep, size, mtime);
		} else {
			read_file(j, path);
		}
		pthread_mutex_lock(&j->mu);
		j->inputs_done = i + 1;
		pthread_mutex_unlock(&j->mu);
	}
	pthread_mutex_lock(&j->mu);
	j->reader_done = 1;
	pthread_cond_broadcast(&j->cv_filled);
	pthread_cond_broadcast(&j->cv_ready);
	pthread_mutex_unlock(&j->mu);
	sr_store_close(ro);
	return NULL;
}

/* Worker side: skip unchanged documents, extract and analyse the others. */
/* JSON-lines metadata replaces what extraction found (the feeding tool knows best). */
static void apply_meta(slot *s)
{
	const char *m = s->meta.data;
	if (s->has_meta[META_TITLE])
		s->art.title = m + s->meta_at[META_TITLE];
	if (s->has_meta[META_PUBLISHED])
		s->art.published = m + s->meta_at[META_PUBLISHED];
	if (s->has_meta[META_LANG])
		s->art.lang = m + s->meta_at[META_LANG];
	if (s->has_meta[META_SOURCE])
		s->art.site_name = m + s->meta_at[META_SOURCE];
	if (s->has_meta[META_AUTHORS]) {
		const char *a = m + s->meta_at[META_AUTHORS];
		size_t n = 0;
		for (const char *p = a; *p; p++)
			n += *p == '\n';
		const char **v = sr_arena_alloc(&s->arena, (n ? n : 1) * sizeof(char *));
		if (!v)
			return;
		size_t k = 0;
		for (const char *p = a; *p && k < n;) {
			const char *e = strchr(p, '\n');
			v[k++] = sr_arena_strndup(&s->arena, p, (size_t)(e - p));
			p = e + 1;
		}
		s->art.authors = v;
		s->art.n_authors = k;
	}
}

static void extract_slot(job *j, sr_store *ro, sr_analyzer *an, slot *s)
{
	if (s->result == RES_FAILED || s->result == RES_MARK)
		return; /* the reader already decided */
	if (ro && sr_store_check(ro, &s->doc) == SR_PUT_UNCHANGED) {
		s->result = RES_UNCHANGED;
		return;
	}
	sr_arena_reset(&s->arena);
	if (sr_pipeline_run(s->data.data, s->data.len, &s->xo, &s->arena, &s->art, s->why)) {
		s->result = RES_FAILED;
		return;
	}
	apply_meta(s);
	if (j->lang && (!s->art.lang || strcasecmp(s->art.lang, j->lang) != 0)) {
		s->result = RES_FILTERED;
		return;
	}
	int rc = an ? sr_pipeline_analyze(an, &s->art, &s->arena, &s->an) : SR_ENOMEM;
	if (rc) {
		snprintf(s->why, sizeof(s->why), "analysis failed: %s", sr_strerror(rc));
		s->result = RES_FAILED;
	}
}

static void *worker(void *arg)
{
	job *j = arg;
	sr_store *ro = NULL;
	char err[512];
	/* a failed read-only open only costs the early skip; the writer still dedupes */
	if (sr_store_open(&ro, j->db_path, SR_STORE_READONLY, err, sizeof(err)))
		ro = NULL;
	sr_analyzer *an = sr_analyzer_new();
	for (;;) {
		pthread_mutex_lock(&j->mu);
		while (!j->stop && j->next_extract >= j->produced && !j->reader_done)
			pthread_cond_wait(&j->cv_filled, &j->mu);
		if (j->stop || j->next_extract >= j->produced) {
			pthread_mutex_unlock(&j->mu);
			break;
		}
		slot *s = &j->slots[j->next_extract++ % j->window];
		s->state = SLOT_BUSY;
		pthread_mutex_unlock(&j->mu);

		extract_slot(j, ro, an, s);

		pthread_mutex_lock(&j->mu);
		s->state = SLOT_READY;
		pthread_cond_broadcast(&j->cv_ready);
		pthread_mutex_unlock(&j->mu);
	}
	sr_analyzer_free(an);
	sr_store_close(ro);
	return NULL;
}

static int default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 16 ? 16 : (int)n;
}

static void print_summary(const counts *cnt, double secs, int json)
{
	if (json) {
		sr_buf o;
		sr_buf_init(&o, 4096);
		sr_jw w;
		sr_jw_init(&w, &o);
		sr_jw_obj(&w);
		sr_jw_key(&w, "ingested"); sr_jw_int(&w, (int64_t)cnt->ingested);
		sr_jw_key(&w, "updated"); sr_jw_int(&w, (int64_t)cnt->updated);
		sr_jw_key(&w, "unchanged"); sr_jw_int(&w, (int64_t)cnt->unchanged);
		sr_jw_key(&w, "failed"); sr_jw_int(&w, (int64_t)cnt->failed);
		sr_jw_key(&w, "filtered"); sr_jw_int(&w, (int64_t)cnt->filtered);
		sr_jw_key(&w, "archive_records"); sr_jw_int(&w, (int64_t)cnt->records);
		sr_jw_key(&w, "seconds"); sr_jw_double(&w, secs);
		sr_jw_key(&w, "interrupted"); sr_jw_bool(&w, interrupted != 0);
		sr_jw_end(&w);
		printf("%s\n", o.data ? o.data : "{}");
		sr_buf_release(&o);
		return;
	}
	char upd[48] = "";
	if (cnt->updated)
		snprintf(upd, sizeof(upd), " (%zu updated)", cnt->updated);
	char filt[48] = "";
	if (cnt->filtered)
		snprintf(filt, sizeof(filt), ", filtered out %zu", cnt->filtered);
	printf("ingested %zu%s, unchanged %zu, failed %zu%s in %.2f s\n", cnt->ingested, upd,
	       cnt->unchanged, cnt->failed, filt, secs);
}

int cmd_ingest(int argc, char **argv, sr_cli *cli)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"url", required_argument, NULL, 'u'},
		{"max-size", required_argument, NULL, 'm'},
		{"batch", required_argument, NULL, 'b'},
		{"jobs", required_argument, NULL, 'J'},
		{"host", required_argument, NULL, 'H'},
		{"since", required_argument, NULL, 'S'},
		{"until", required_argument, NULL, 'U'},
		{"lang", required_argument, NULL, 'L'},
		{"no-progress", no_argument, NULL, 'P'},
		{"json", no_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	job j;
	memset(&j, 0, sizeof(j));
	long long max_size = 50LL * 1000 * 1000;
	int batch = 500, progress = 1, json = 0, jobs = default_jobs(), c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "auto")) j.xo.format = SR_FORMAT_AUTO;
			else if (!strcmp(optarg, "html")) j.xo.format = SR_FORMAT_HTML;
			else if (!strcmp(optarg, "text")) j.xo.format = SR_FORMAT_TEXT;
			else if (!strcmp(optarg, "warc")) j.archive_format = 1;
			else if (!strcmp(optarg, "jsonl")) j.archive_format = 2;
			else {
				fprintf(stderr, "sitrep ingest: --format must be auto, html, text, warc or jsonl, not '%s'\n",
					optarg);
				return SR_EXIT_USAGE;
			}
			break;
		case 'u': j.url = optarg; break;
		case 'm':
			max_size = sr_cli_parse_size(optarg);
			if (max_size <= 0) {
				fprintf(stderr, "sitrep ingest: --max-size: '%s' is not a size (like 50M)\n", optarg);
				return SR_EXIT_USAGE;
			}
			break;
		case 'b':
			batch = sr_cli_parse_int(optarg);
			if (batch < 1) {
				fprintf(stderr, "sitrep ingest: --batch needs a positive number\n");
				return SR_EXIT_USAGE;
			}
			break;
		case 'J':
			jobs = sr_cli_parse_int(optarg);
			if (jobs < 1 || jobs > 64) {
				fprintf(stderr, "sitrep ingest: --jobs must be 1..64\n");
				return SR_EXIT_USAGE;
			}
			break;
		case 'H': j.host = optarg; break;
		case 'L': j.lang = optarg; break;
		case 'S':
		case 'U':
			if (sr_cli_parse_when(optarg, c == 'U', c == 'S' ? &j.since : &j.until)) {
				fprintf(stderr, "sitrep ingest: --%s takes a date (2026-11-20) or a span (24h, 7d), not '%s'\n",
					c == 'S' ? "since" : "until", optarg);
				return SR_EXIT_USAGE;
			}
			break;
		case 'P': progress = 0; break;
		case 'j': json = 1; break;
		default:
			fprintf(stderr, "sitrep ingest: unknown option '%s'\n\n", argv[optind - 1]);
			sr_cli_usage("ingest", stderr);
			return SR_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "sitrep ingest: nothing to ingest: give files, directories or '-'\n\n");
		sr_cli_usage("ingest", stderr);
		return SR_EXIT_USAGE;
	}
	if (j.url && argc - optind != 1) {
		fprintf(stderr, "sitrep ingest: --url names one document: give one input with it\n");
		return SR_EXIT_USAGE;
	}

	counts cnt = {0};
	int status = SR_EXIT_OK, rc, in_tx = 0, started = 0;
	sr_pathlist paths = {0};
	pthread_t tids[64], reader_tid;
	sr_story_stage *stories = NULL;
	int reader_started = 0;
	sr_store *store = sr_cli_open_store(cli, SR_STORE_CREATE);
	if (!store)
		return SR_EXIT_FAIL;
	for (int i = optind; i < argc; i++) {
		if (sr_walk(argv[i], &paths, walk_error, &cnt)) {
			sr_log_error("out of memory listing inputs");
			sr_store_close(store);
			sr_pathlist_release(&paths);
			return SR_EXIT_FAIL;
		}
	}
	if ((size_t)jobs > paths.n)
		jobs = paths.n ? (int)paths.n : 1;

	j.paths = &paths;
	j.db_path = cli->db_path;
	j.window = (size_t)jobs * 4;
	j.slots = calloc(j.window, sizeof(slot));
	if (!j.slots) {
		sr_log_error("out of memory");
		sr_store_close(store);
		sr_pathlist_release(&paths);
		return SR_EXIT_FAIL;
	}
	j.max_size = (size_t)max_size;
	for (size_t k = 0; k < j.window; k++) {
		sr_buf_init(&j.slots[k].meta, 1 << 20);
		sr_buf_init(&j.slots[k].data, (size_t)max_size);
		sr_arena_init(&j.slots[k].arena, (size_t)max_size * 8 + (64 << 20));
	}
	pthread_mutex_init(&j.mu, NULL);
	pthread_cond_init(&j.cv_free, NULL);
	pthread_cond_init(&j.cv_filled, NULL);
	pthread_cond_init(&j.cv_ready, NULL);

	interrupted = 0;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	xmlInitParser(); /* once, before the threads */
	double t0 = now(), last_commit = t0;
	sr_progress_start("docs", paths.n, progress && !cli->quiet);
	if (sr_store_begin(store)) {
		sr_log_error("%s: cannot start a transaction: %s", cli->db_path, sr_store_errmsg(store));
		status = SR_EXIT_FAIL;
		goto out;
	}
	in_tx = 1;
	if ((rc = sr_story_stage_open(&stories, store, NULL))) {
		sr_log_error("%s: cannot set up the story stage: %s", cli->db_path, sr_strerror(rc));
		status = SR_EXIT_FAIL;
		goto out;
	}
	if (pthread_create(&reader_tid, NULL, reader, &j) != 0) {
		sr_log_error("cannot start the reader thread");
		status = SR_EXIT_FAIL;
		goto out;
	}
	reader_started = 1;
	for (int k = 0; k < jobs; k++) {
		if (pthread_create(&tids[k], NULL, worker, &j) != 0)
			break;
		started++;
	}
	if (!started) {
		sr_log_error("cannot start a worker thread");
		status = SR_EXIT_FAIL;
		goto out;
	}

	int in_batch = 0;
	const char *pending = NULL; /* the archive whose checkpoint the next commit saves */
	int64_t pending_size = 0, pending_mtime = 0;
	sr_checkpoint pending_ck = {0};
	for (size_t i = 0; !interrupted; i++) {
		slot *s = &j.slots[i % j.window];
		pthread_mutex_lock(&j.mu);
		while (!(i < j.produced && s->state == SLOT_READY) && !(j.reader_done && i >= j.produced) &&
		       !interrupted)
			pthread_cond_wait(&j.cv_ready, &j.mu);
		int end = i >= j.produced && j.reader_done;
		size_t inputs_done = j.inputs_done;
		pthread_mutex_unlock(&j.mu);
		if (end || interrupted)
			break;

		sr_progress_update(inputs_done);
		const char *name = s->name;
		if (s->archive && s->result != RES_MARK) {
			/* the position after this record goes into the checkpoint with the batch */
			pending = s->archive;
			pending_size = s->ar_size;
			pending_mtime = s->ar_mtime;
			pending_ck = s->ck;
		}
		if (s->result == RES_MARK) {
			/* the archive was read to its end: no checkpoint needed any more */
			if (s->archive && sr_checkpoint_clear(store, s->archive))
				sr_log_warn("%s: cannot clear the checkpoint: %s", name, sr_store_errmsg(store));
			if (pending && s->archive && !strcmp(pending, s->archive))
				pending = NULL;
		} else if (s->result == RES_FILTERED) {
			cnt.filtered++;
		} else if (s->result == RES_FAILED) {
			sr_log_error("%s: %s", name, s->why);
			cnt.failed++;
		} else if (s->result == RES_UNCHANGED) {
			cnt.unchanged++;
		} else {
			if (s->why[0])
				sr_log_warn("%s: %s", name, s->why);
			int64_t aid = 0;
			rc = sr_store_put(store, &s->doc, &s->art, &aid);
			if (rc == SR_PUT_NEW || rc == SR_PUT_CHANGED) {
				sr_story_outcome so;
				int src = stories ? sr_story_stage_place(stories, aid, &s->art, s->doc.fetched_at,
									 &s->an, &so)
						  : SR_ENOMEM;
				if (src) {
					sr_log_error("%s: story stage failed: %s: %s", name, sr_strerror(src),
						     sr_store_errmsg(store));
					status = SR_EXIT_FAIL;
					goto out;
				}
			}
			if (rc < 0) {
				sr_log_error("%s: not stored: %s: %s", name, sr_strerror(rc), sr_store_errmsg(store));
				cnt.failed++;
				if (rc == SR_EDB) {
					status = SR_EXIT_FAIL;
					goto out;
				}
			} else if (rc == SR_PUT_UNCHANGED) {
				cnt.unchanged++;
			} else {
				cnt.ingested++;
				cnt.updated += rc == SR_PUT_CHANGED;
				in_batch++;
			}
		}
		pthread_mutex_lock(&j.mu);
		s->state = SLOT_FREE;
		j.written = i + 1;
		pthread_cond_broadcast(&j.cv_free);
		pthread_mutex_unlock(&j.mu);

		double t = now();
		if (in_batch >= batch || (in_batch && t - last_commit > 2.0) || (pending && t - last_commit > 2.0)) {
			if (pending && sr_checkpoint_set(store, pending, pending_size, pending_mtime, &pending_ck))
				sr_log_warn("%s: cannot save the checkpoint: %s", pending, sr_store_errmsg(store));
			if (sr_store_commit(store) || sr_store_begin(store)) {
				sr_log_error("%s: commit failed: %s", cli->db_path, sr_store_errmsg(store));
				in_tx = 0;
				status = SR_EXIT_FAIL;
				goto out;
			}
			in_batch = 0;
			last_commit = t;
		}
	}
	in_tx = 0;
	if (pending && sr_checkpoint_set(store, pending, pending_size, pending_mtime, &pending_ck))
		sr_log_warn("%s: cannot save the checkpoint: %s", pending, sr_store_errmsg(store));
	if (sr_store_commit(store)) {
		sr_log_error("%s: commit failed: %s", cli->db_path, sr_store_errmsg(store));
		status = SR_EXIT_FAIL;
	}
	sr_progress_end();
	pthread_mutex_lock(&j.mu);
	cnt.records = j.records;
	pthread_mutex_unlock(&j.mu);
	print_summary(&cnt, now() - t0, json);
	if (interrupted) {
		sr_log_error("interrupted: what was ingested is stored; run the same command again to finish");
		status = 128 + (int)interrupted;
	} else if (status == SR_EXIT_OK && cnt.failed) {
		status = SR_EXIT_PARTIAL;
	}
out:
	pthread_mutex_lock(&j.mu);
	j.stop = 1;
	pthread_cond_broadcast(&j.cv_free);
	pthread_cond_broadcast(&j.cv_filled);
	pthread_mutex_unlock(&j.mu);
	if (reader_started)
		pthread_join(reader_tid, NULL);
	for (int k = 0; k < started; k++)
		pthread_join(tids[k], NULL);
	sr_progress_end();
	if (in_tx && sr_store_commit(store))
		sr_store_rollback(store);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	sr_story_stage_close(stories);
	sr_store_close(store);
	sr_pathlist_release(&j.reals);
	for (size_t k = 0; k < j.window; k++) {
		sr_buf_release(&j.slots[k].meta);
		sr_buf_release(&j.slots[k].data);
		sr_arena_release(&j.slots[k].arena);
	}
	free(j.slots);
	pthread_mutex_destroy(&j.mu);
	pthread_cond_destroy(&j.cv_free);
	pthread_cond_destroy(&j.cv_filled);
	pthread_cond_destroy(&j.cv_ready);
	sr_pathlist_release(&paths);
	return status;
}
