/*
 * cmd_poll.c - `sitrep poll`: poll the due sources, fetch their new items, store them
 * (lib/poller.h does the work, over this process's own store connection).
 *
 * Without --once, rounds repeat, sleeping until the next source is due, until SIGINT or
 * SIGTERM; a background thread meanwhile delivers the watchlists' webhooks
 * (watch/deliverer.h), so a slow or dead webhook never holds up polling.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/json.h"
#include "base/log.h"
#include "cli.h"
#include "poller.h"
#include "source/fetch.h"
#include "store/stories.h"
#include "watch/deliverer.h"

static sr_flag interrupted;

static void on_signal(int sig) { interrupted = sig; }

static void print_summary(const sr_poll_counts *c, double secs, int json)
{
	if (json) {
		sr_buf o;
		sr_buf_init(&o, 4096);
		sr_jw w;
		sr_jw_init(&w, &o);
		sr_jw_obj(&w);
		sr_jw_key(&w, "sources"); sr_jw_int(&w, (int64_t)c->sources);
		sr_jw_key(&w, "not_modified"); sr_jw_int(&w, (int64_t)c->not_modified);
		sr_jw_key(&w, "source_errors"); sr_jw_int(&w, (int64_t)c->source_errors);
		sr_jw_key(&w, "items_new"); sr_jw_int(&w, (int64_t)c->items_new);
		sr_jw_key(&w, "pages"); sr_jw_int(&w, (int64_t)c->pages);
		sr_jw_key(&w, "from_feed"); sr_jw_int(&w, (int64_t)c->from_feed);
		sr_jw_key(&w, "known"); sr_jw_int(&w, (int64_t)c->known);
		sr_jw_key(&w, "robots_denied"); sr_jw_int(&w, (int64_t)c->robots);
		sr_jw_key(&w, "failed"); sr_jw_int(&w, (int64_t)c->failed);
		sr_jw_key(&w, "seconds"); sr_jw_double(&w, secs);
		sr_jw_end(&w);
		sr_buf_putc(&o, '\n');
		if (o.data)
			sr_cli_write(o.data, o.len);
		sr_buf_release(&o);
	} else {
		fprintf(stderr,
			"polled %zu sources (%zu not modified, %zu failed): %zu new items, %zu pages stored, "
			"%zu from feed content, %zu already stored, %zu denied by robots.txt, %zu not stored, "
			"%.1f s\n",
			c->sources, c->not_modified, c->source_errors, c->items_new, c->pages, c->from_feed,
			c->known, c->robots, c->failed, secs);
	}
}

static double mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int cmd_poll(int argc, char **argv, sr_cli *cli)
{
	static const struct option longopts[] = {
		{"once", no_argument, NULL, 'o'},
		{"refetch", no_argument, NULL, 'r'},
		{"json", no_argument, NULL, 'j'},
		{"per-host", required_argument, NULL, 'p'},
		{"delay", required_argument, NULL, 'd'},
		{"timeout", required_argument, NULL, 't'},
		{"retries", required_argument, NULL, 'R'},
		{"max-size", required_argument, NULL, 'm'},
		{"contact", required_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int once = 0, json = 0, refetch = 0;
	sr_deliverer *dl = NULL;
	sr_fetch_opts fo;
	sr_fetch_opts_init(&fo);
	fo.agent_version = SITREP_VERSION;
	fo.contact = getenv("SITREP_CONTACT");
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		char *end;
		switch (c) {
		case 'o': once = 1; break;
		case 'r': refetch = 1; break;
		case 'j': json = 1; break;
		case 'p':
			if ((fo.per_host = sr_cli_parse_int(optarg)) < 1)
				goto usage;
			break;
		case 'd':
			fo.host_delay = strtod(optarg, &end);
			if (end == optarg || *end || fo.host_delay < 0)
				goto usage;
			break;
		case 't': {
			double t = strtod(optarg, &end);
			if (end == optarg || *end || t <= 0)
				goto usage;
			fo.timeout_ms = (long)(t * 1000);
			fo.connect_timeout_ms = fo.timeout_ms < 10000 ? fo.timeout_ms : 10000;
			break;
		}
		case 'R':
			if ((fo.max_retries = sr_cli_parse_int(optarg)) < 0)
				goto usage;
			break;
		case 'm': {
			long long m = sr_cli_parse_size(optarg);
			if (m <= 0)
				goto usage;
			fo.max_size = (size_t)m;
			break;
		}
		case 'c': fo.contact = optarg; break;
		case 'h': sr_cli_usage("poll", stdout); return SR_EXIT_OK;
		default: goto usage;
		}
	}
	if (optind != argc)
		goto usage;

	int status = SR_EXIT_OK;
	sr_poll_own own = {0};
	sr_poller *p = NULL;
	interrupted = 0;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	if (!(own.store = sr_cli_open_store(cli, SR_STORE_CREATE))) {
		status = SR_EXIT_FAIL;
		goto out;
	}
	sr_poller_opts po = {.fetch = fo, .refetch = refetch, .lock = sr_poll_own_lock,
			     .unlock = sr_poll_own_unlock, .ctx = &own};
	int rc;
	if ((rc = sr_story_stage_open(&own.stories, own.store, NULL)) || (rc = sr_poller_new(&p, &po))) {
		sr_log_error("cannot start polling: %s", sr_strerror(rc));
		status = SR_EXIT_FAIL;
		goto out;
	}
	if (!once && sr_deliverer_start(&dl, cli->db_path, NULL))
		sr_log_warn("webhooks will not be delivered by this process (sitrep alerts --deliver can)");
	for (;;) {
		double t0 = mono();
		sr_poll_counts cnt;
		rc = sr_poller_round(p, &interrupted, &cnt);
		if (rc == SR_EDB || rc == SR_ENOMEM || rc == SR_EIO) {
			sr_log_error("%s: polling failed: %s: %s", cli->db_path, sr_strerror(rc),
				     sr_store_errmsg(own.store));
			status = SR_EXIT_FAIL;
			break;
		}
		if (cnt.sources || once || json)
			print_summary(&cnt, mono() - t0, json);
		if (cnt.source_errors || cnt.failed)
			status = SR_EXIT_PARTIAL;
		if (once || interrupted)
			break;
		if (dl)
			sr_deliverer_poke(dl);
		int64_t due;
		if (sr_poller_next_due(p, &due) != SR_OK)
			due = (int64_t)time(NULL) + 60;
		while (!interrupted && (int64_t)time(NULL) < due)
			sleep(1);
		if (interrupted)
			break;
		status = SR_EXIT_OK;
	}
	if (interrupted && !once) {
		status = status == SR_EXIT_FAIL ? status : SR_EXIT_OK;
	} else if (interrupted) {
		sr_log_error("interrupted: what was stored is kept");
		status = 128 + (int)interrupted;
	}
out:
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	sr_deliverer_stop(dl);
	sr_poller_free(p);
	sr_story_stage_close(own.stories);
	sr_store_close(own.store);
	return status;
usage:
	sr_cli_usage("poll", stderr);
	return SR_EXIT_USAGE;
}
