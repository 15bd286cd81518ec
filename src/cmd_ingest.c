/*
 * cmd_ingest.c - sitrep ingest: files, directories and stdin into the store.
 *
 * Threads: N workers read, decode, hash and extract documents (each with its own arena
 * and a read-only connection to skip unchanged documents before extracting them); the
 * main thread is the single writer, which stores the results in input order, in batched
 * transactions.  Workers run at most WINDOW documents ahead of the writer, so memory is
 * bounded by WINDOW documents whatever the size of the input.
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
#include "store/store.h"

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

enum slot_state { SLOT_FREE, SLOT_BUSY, SLOT_READY };
enum slot_result { RES_FAILED, RES_UNCHANGED, RES_ARTICLE };

/* One document in flight, owned by a worker while BUSY and by the writer while READY. */
typedef struct slot {
	enum slot_state state;
	enum slot_result result;
	sr_buf data;
	sr_arena arena;
	sr_article art;
	sr_doc doc;
	char uri[PATH_MAX + 64];
	char why[SR_WHY_MAX > SR_PIPELINE_WHY_MAX ? SR_WHY_MAX : SR_PIPELINE_WHY_MAX];
} slot;

typedef struct job {
	pthread_mutex_t mu;
	pthread_cond_t cv_work, cv_done;
	sr_pathlist *paths;
	slot *slots;
	size_t window;
	size_t next;    /* next path index to claim */
	size_t written; /* paths the writer has finished */
	int stop;
	const char *db_path;
	const char *url;
	sr_extract_opts xo;
} job;

/* Read, identify and extract one document into s. */
static void process(job *j, sr_store *ro, const char *path, slot *s)
{
	char why[SR_WHY_MAX];
	sr_buf_reset(&s->data);
	s->why[0] = '\0';
	s->result = RES_FAILED;
	if (sr_read_input(path, &s->data, why)) {
		snprintf(s->why, sizeof(s->why), "%s", why);
		return;
	}
	memset(&s->doc, 0, sizeof(s->doc));
	s->doc.raw = s->data.data;
	s->doc.raw_len = s->data.len;
	s->doc.source = path;
	s->doc.fetched_at = (int64_t)time(NULL);
	sr_hash128(s->data.data, s->data.len, s->doc.hash);
	if (j->url) {
		snprintf(s->uri, sizeof(s->uri), "%s", j->url);
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
	/* skip extraction when the committed store already has this content */
	if (ro && sr_store_check(ro, &s->doc) == SR_PUT_UNCHANGED) {
		s->result = RES_UNCHANGED;
		return;
	}
	sr_extract_opts xo = j->xo;
	xo.url = j->url;
	sr_arena_reset(&s->arena);
	if (sr_pipeline_run(s->data.data, s->data.len, &xo, &s->arena, &s->art, s->why))
		return;
	s->result = RES_ARTICLE;
}

static void *worker(void *arg)
{
	job *j = arg;
	sr_store *ro = NULL;
	char err[512];
	/* a failed read-only open only costs the early skip; the writer still dedupes */
	if (sr_store_open(&ro, j->db_path, SR_STORE_READONLY, err, sizeof(err)))
		ro = NULL;
	for (;;) {
		pthread_mutex_lock(&j->mu);
		while (!j->stop && j->next < j->paths->n && j->next >= j->written + j->window)
			pthread_cond_wait(&j->cv_work, &j->mu);
		if (j->stop || j->next >= j->paths->n) {
			pthread_mutex_unlock(&j->mu);
			break;
		}
		size_t i = j->next++;
		slot *s = &j->slots[i % j->window];
		s->state = SLOT_BUSY;
		pthread_mutex_unlock(&j->mu);

		process(j, ro, j->paths->v[i], s);

		pthread_mutex_lock(&j->mu);
		s->state = SLOT_READY;
		pthread_cond_broadcast(&j->cv_done);
		pthread_mutex_unlock(&j->mu);
	}
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
	pthread_t tids[64];
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
	pthread_cond_init(&j.cv_work, NULL);
	pthread_cond_init(&j.cv_done, NULL);

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
	for (size_t i = 0; i < paths.n && !interrupted; i++) {
		slot *s = &j.slots[i % j.window];
		pthread_mutex_lock(&j.mu);
		while (s->state != SLOT_READY)
			pthread_cond_wait(&j.cv_done, &j.mu);
		pthread_mutex_unlock(&j.mu);

		const char *path = paths.v[i];
		const char *name = strcmp(path, "-") == 0 ? "(stdin)" : path;
		sr_progress_update(i);
		if (s->result == RES_FAILED) {
			sr_log_error("%s: %s", name, s->why);
			cnt.failed++;
		} else if (s->result == RES_UNCHANGED) {
			cnt.unchanged++;
		} else {
			if (s->why[0])
				sr_log_warn("%s: %s", name, s->why);
			rc = sr_store_put(store, &s->doc, &s->art, NULL);
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
		pthread_cond_broadcast(&j.cv_work);
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
	pthread_cond_broadcast(&j.cv_work);
	pthread_mutex_unlock(&j.mu);
	for (int k = 0; k < started; k++)
		pthread_join(tids[k], NULL);
	sr_progress_end();
	if (in_tx && sr_store_commit(store))
		sr_store_rollback(store);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	sr_store_close(store);
	for (size_t k = 0; k < j.window; k++) {
		sr_buf_release(&j.slots[k].data);
		sr_arena_release(&j.slots[k].arena);
	}
	free(j.slots);
	pthread_mutex_destroy(&j.mu);
	pthread_cond_destroy(&j.cv_work);
	pthread_cond_destroy(&j.cv_done);
	sr_pathlist_release(&paths);
	return status;
}
