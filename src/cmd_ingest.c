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
#include "store/stories.h"
#include "store/store.h"
#include "story/url.h"

#include <getopt.h>
#include <libxml/parser.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	size_t ingested, updated, unchanged, failed;
} counts;

static void walk_error(void *ctx, const char *path, const char *why)
{
	counts *c = ctx;
	sr_log_error("%s: %s", path, why);
	c->failed++;
}

enum slot_state { SLOT_FREE, SLOT_FILLED, SLOT_BUSY, SLOT_READY };
enum slot_result { RES_FAILED, RES_UNCHANGED, RES_ARTICLE };

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
		s->why[0] = '\0';
		s->result = RES_FAILED;
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

static void *reader(void *arg)
{
	job *j = arg;
	for (size_t i = 0; i < j->paths->n; i++) {
		pthread_mutex_lock(&j->mu);
		int stop = j->stop;
		pthread_mutex_unlock(&j->mu);
		if (stop)
			break;
		read_file(j, j->paths->v[i]);
		pthread_mutex_lock(&j->mu);
		j->inputs_done = i + 1;
		pthread_mutex_unlock(&j->mu);
	}
	pthread_mutex_lock(&j->mu);
	j->reader_done = 1;
	pthread_cond_broadcast(&j->cv_filled);
	pthread_cond_broadcast(&j->cv_ready);
	pthread_mutex_unlock(&j->mu);
	return NULL;
}

/* Worker side: skip unchanged documents, extract and analyse the others. */
static void extract_slot(sr_store *ro, sr_analyzer *an, slot *s)
{
	if (s->result == RES_FAILED)
		return; /* the reader already failed it */
	if (ro && sr_store_check(ro, &s->doc) == SR_PUT_UNCHANGED) {
		s->result = RES_UNCHANGED;
		return;
	}
	sr_arena_reset(&s->arena);
	if (sr_pipeline_run(s->data.data, s->data.len, &s->xo, &s->arena, &s->art, s->why)) {
		s->result = RES_FAILED;
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

		extract_slot(ro, an, s);

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
	printf("ingested %zu%s, unchanged %zu, failed %zu in %.2f s\n", cnt->ingested, upd,
	       cnt->unchanged, cnt->failed, secs);
}

int cmd_ingest(int argc, char **argv, sr_cli *cli)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"url", required_argument, NULL, 'u'},
		{"max-size", required_argument, NULL, 'm'},
		{"batch", required_argument, NULL, 'b'},
		{"jobs", required_argument, NULL, 'J'},
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
			else {
				fprintf(stderr, "sitrep ingest: --format must be auto, html or text, not '%s'\n", optarg);
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
	for (size_t k = 0; k < j.window; k++) {
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
		if (s->result == RES_FAILED) {
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
				int src = stories ? sr_story_stage_add(stories, aid, &s->art, s->doc.fetched_at,
								       &s->an.fp, &s->an.terms, &so)
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
		if (in_batch >= batch || (in_batch && t - last_commit > 2.0)) {
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
	if (sr_store_commit(store)) {
		sr_log_error("%s: commit failed: %s", cli->db_path, sr_store_errmsg(store));
		status = SR_EXIT_FAIL;
	}
	sr_progress_end();
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
	for (size_t k = 0; k < j.window; k++) {
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
