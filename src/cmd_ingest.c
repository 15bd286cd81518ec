/*
 * cmd_ingest.c - sitrep ingest: files, directories and stdin into the store.
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
#include <limits.h>
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

int cmd_ingest(int argc, char **argv, sr_cli *cli)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"url", required_argument, NULL, 'u'},
		{"max-size", required_argument, NULL, 'm'},
		{"batch", required_argument, NULL, 'b'},
		{"no-progress", no_argument, NULL, 'P'},
		{"json", no_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	sr_extract_opts xo = {0};
	long long max_size = 50LL * 1000 * 1000;
	int batch = 500, progress = 1, json = 0, c;
	const char *url = NULL;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "auto")) xo.format = SR_FORMAT_AUTO;
			else if (!strcmp(optarg, "html")) xo.format = SR_FORMAT_HTML;
			else if (!strcmp(optarg, "text")) xo.format = SR_FORMAT_TEXT;
			else {
				fprintf(stderr, "sitrep ingest: --format must be auto, html or text, not '%s'\n", optarg);
				return SR_EXIT_USAGE;
			}
			break;
		case 'u': url = optarg; break;
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
	int n_inputs = argc - optind;
	if (url && n_inputs != 1) {
		fprintf(stderr, "sitrep ingest: --url names one document: give one input with it\n");
		return SR_EXIT_USAGE;
	}

	counts cnt = {0};
	int status = SR_EXIT_OK, rc, in_tx = 0;
	sr_pathlist paths = {0};
	sr_arena arena;
	sr_buf data;
	sr_arena_init(&arena, (size_t)max_size * 8 + (64 << 20));
	sr_buf_init(&data, (size_t)max_size);
	sr_store *store = sr_cli_open_store(cli, SR_STORE_CREATE);
	if (!store)
		return SR_EXIT_FAIL;

	for (int i = optind; i < argc; i++) {
		if (sr_walk(argv[i], &paths, walk_error, &cnt)) {
			sr_log_error("out of memory listing inputs");
			status = SR_EXIT_FAIL;
			goto out;
		}
	}

	interrupted = 0;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	double t0 = now(), last_commit = t0;
	sr_progress_start("docs", paths.n, progress && !cli->quiet);
	if (sr_store_begin(store)) {
		sr_log_error("%s: cannot start a transaction: %s", cli->db_path, sr_store_errmsg(store));
		status = SR_EXIT_FAIL;
		goto out;
	}
	in_tx = 1;
	int in_batch = 0;
	for (size_t i = 0; i < paths.n && !interrupted; i++) {
		const char *path = paths.v[i];
		const char *name = strcmp(path, "-") == 0 ? "(stdin)" : path;
		char why[SR_WHY_MAX], uri_buf[PATH_MAX + 16];
		sr_progress_update(i);
		sr_buf_reset(&data);
		if (sr_read_input(path, &data, why)) {
			sr_log_error("%s: %s", name, why);
			cnt.failed++;
			continue;
		}
		sr_doc doc = {.raw = data.data, .raw_len = data.len, .source = path,
			      .fetched_at = (int64_t)time(NULL)};
		sr_hash128(data.data, data.len, doc.hash);
		if (url) {
			doc.uri = url;
		} else if (strcmp(path, "-") == 0) {
			char hex[33];
			sr_hash128_hex(doc.hash, hex);
			snprintf(uri_buf, sizeof(uri_buf), "stdin:%s", hex);
			doc.uri = uri_buf;
		} else {
			char *real = realpath(path, NULL);
			snprintf(uri_buf, sizeof(uri_buf), "file://%s", real ? real : path);
			free(real);
			doc.uri = uri_buf;
		}
		rc = sr_store_check(store, &doc);
		if (rc == SR_PUT_UNCHANGED) {
			cnt.unchanged++;
			continue;
		}
		if (rc < 0) {
			sr_log_error("%s: database error: %s", cli->db_path, sr_store_errmsg(store));
			status = SR_EXIT_FAIL;
			goto out;
		}
		sr_article art;
		xo.url = url;
		sr_arena_reset(&arena);
		if (sr_pipeline_run(data.data, data.len, &xo, &arena, &art, why)) {
			sr_log_error("%s: %s", name, why);
			cnt.failed++;
			continue;
		}
		if (why[0])
			sr_log_warn("%s: %s", name, why);
		rc = sr_store_put(store, &doc, &art, NULL);
		if (rc < 0) {
			sr_log_error("%s: not stored: %s: %s", name, sr_strerror(rc), sr_store_errmsg(store));
			cnt.failed++;
			if (rc == SR_EDB) {
				status = SR_EXIT_FAIL;
				goto out;
			}
			continue;
		}
		cnt.ingested++;
		if (rc == SR_PUT_CHANGED)
			cnt.updated++;
		double t = now();
		if (++in_batch >= batch || t - last_commit > 2.0) {
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
	if (sr_store_commit(store)) {
		sr_log_error("%s: commit failed: %s", cli->db_path, sr_store_errmsg(store));
		status = SR_EXIT_FAIL;
	}
	in_tx = 0;
	sr_progress_end();
	double secs = now() - t0;
	if (json) {
		sr_buf o;
		sr_buf_init(&o, 4096);
		sr_jw w;
		sr_jw_init(&w, &o);
		sr_jw_obj(&w);
		sr_jw_key(&w, "ingested"); sr_jw_int(&w, (int64_t)cnt.ingested);
		sr_jw_key(&w, "updated"); sr_jw_int(&w, (int64_t)cnt.updated);
		sr_jw_key(&w, "unchanged"); sr_jw_int(&w, (int64_t)cnt.unchanged);
		sr_jw_key(&w, "failed"); sr_jw_int(&w, (int64_t)cnt.failed);
		sr_jw_key(&w, "seconds"); sr_jw_double(&w, secs);
		sr_jw_key(&w, "interrupted"); sr_jw_bool(&w, interrupted != 0);
		sr_jw_end(&w);
		printf("%s\n", o.data ? o.data : "{}");
		sr_buf_release(&o);
	} else if (!cli->quiet) {
		char upd[48] = "";
		if (cnt.updated)
			snprintf(upd, sizeof(upd), " (%zu updated)", cnt.updated);
		printf("ingested %zu%s, unchanged %zu, failed %zu in %.2f s\n", cnt.ingested, upd,
		       cnt.unchanged, cnt.failed, secs);
	}
	if (interrupted) {
		sr_log_error("interrupted: what was ingested is stored; run the same command again to finish");
		status = 128 + (int)interrupted;
	} else if (status == SR_EXIT_OK && cnt.failed) {
		status = SR_EXIT_PARTIAL;
	}
out:
	sr_progress_end();
	if (in_tx)
		sr_store_commit(store);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	sr_store_close(store);
	sr_pathlist_release(&paths);
	sr_buf_release(&data);
	sr_arena_release(&arena);
	return status;
}
