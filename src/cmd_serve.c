/*
 * cmd_serve.c - sitrep serve: the HTTP API and the dashboard (lib/server/server.h), the
 * webhooks of the watchlists delivered in a background thread (watch/deliverer.h), and
 * with --poll the registered sources polled in another (poller.h, writing through the
 * server's one writer, a unit per fetched document).
 *
 * The main thread blocks SIGINT and SIGTERM before any other thread starts (so they
 * inherit the mask), then waits for one of them with sigwait(): no code runs in a signal
 * handler, and the shutdown (stop polling and delivering, stop accepting, finish the
 * requests in flight, close the store) happens on the main thread.
 */
#include "cli.h"
#include "base/err.h"
#include "base/log.h"
#include "poller.h"
#include "server/server.h"
#include "watch/deliverer.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The polling thread: rounds over the due sources until stopped. */
typedef struct poll_thread {
	sr_poller *p;
	sr_deliverer *dl;
	pthread_t t;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	sr_flag stop; /* also read by the fetcher between transfers */
} poll_thread;

static void *poll_main(void *ud)
{
	poll_thread *pt = ud;
	while (!pt->stop) {
		sr_poll_counts c;
		int rc = sr_poller_round(pt->p, &pt->stop, &c);
		if (rc)
			sr_log_error("poll: round failed: %s (trying again when the next source is due)",
				     sr_strerror(rc));
		else if (c.sources)
			sr_log_info("poll: %zu sources (%zu not modified, %zu failed), %zu new items, "
				    "%zu pages stored, %zu from feed content, %zu not stored",
				    c.sources, c.not_modified, c.source_errors, c.items_new, c.pages,
				    c.from_feed, c.failed);
		if (c.pages || c.from_feed)
			sr_deliverer_poke(pt->dl);
		int64_t due;
		if (rc || sr_poller_next_due(pt->p, &due) != SR_OK)
			due = (int64_t)time(NULL) + 60; /* a failed round is not retried at once */
		struct timespec ts = {.tv_sec = (time_t)due};
		pthread_mutex_lock(&pt->mu);
		while (!pt->stop && pthread_cond_timedwait(&pt->cv, &pt->mu, &ts) != ETIMEDOUT)
			;
		pthread_mutex_unlock(&pt->mu);
	}
	return NULL;
}

static void poll_stop(poll_thread *pt)
{
	pthread_mutex_lock(&pt->mu);
	pt->stop = 1;
	pthread_cond_signal(&pt->cv);
	pthread_mutex_unlock(&pt->mu);
	pthread_join(pt->t, NULL);
}

int cmd_serve(int argc, char **argv, sr_cli *cli)
{
	static const struct option longopts[] = {
		{"listen", required_argument, NULL, 'l'},
		{"public", no_argument, NULL, 'p'},
		{"token", required_argument, NULL, 't'},
		{"threads", required_argument, NULL, 'T'},
		{"max-body", required_argument, NULL, 'm'},
		{"poll", no_argument, NULL, 'P'},
		{"per-host", required_argument, NULL, 'H'},
		{"delay", required_argument, NULL, 'd'},
		{"contact", required_argument, NULL, 'c'},
		{"no-webhooks", no_argument, NULL, 'W'},
		{NULL, 0, NULL, 0},
	};
	sr_server_opts o = {.db_path = cli->db_path, .listen = SR_SERVER_LISTEN,
			    .assets = sr_web_assets, .version = SITREP_VERSION};
	int c, poll = 0, webhooks = 1;
	long long max_body;
	sr_fetch_opts fo;
	sr_fetch_opts_init(&fo);
	fo.agent_version = SITREP_VERSION;
	fo.contact = getenv("SITREP_CONTACT");
	char *end;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'l': o.listen = optarg; break;
		case 'p': o.allow_public = 1; break;
		case 't':
			if (!*optarg) {
				fprintf(stderr, "sitrep serve: --token must not be empty\n");
				return SR_EXIT_USAGE;
			}
			o.token = optarg;
			break;
		case 'T':
			o.threads = sr_cli_parse_int(optarg);
			if (o.threads < 1 || o.threads > 64) {
				fprintf(stderr, "sitrep serve: --threads must be 1..64\n");
				return SR_EXIT_USAGE;
			}
			break;
		case 'm':
			max_body = sr_cli_parse_size(optarg);
			if (max_body <= 0 || max_body > (1LL << 30)) {
				fprintf(stderr, "sitrep serve: --max-body: '%s' is not a size up to 1G\n", optarg);
				return SR_EXIT_USAGE;
			}
			o.max_body = (size_t)max_body;
			break;
		case 'P': poll = 1; break;
		case 'W': webhooks = 0; break;
		case 'H':
			if ((fo.per_host = sr_cli_parse_int(optarg)) < 1) {
				fprintf(stderr, "sitrep serve: --per-host takes a number from 1\n");
				return SR_EXIT_USAGE;
			}
			break;
		case 'd':
			fo.host_delay = strtod(optarg, &end);
			if (end == optarg || *end || fo.host_delay < 0) {
				fprintf(stderr, "sitrep serve: --delay takes seconds (0.5, 2)\n");
				return SR_EXIT_USAGE;
			}
			break;
		case 'c': fo.contact = optarg; break;
		default:
			fprintf(stderr, "sitrep serve: unknown option '%s'\n\n", argv[optind - 1]);
			sr_cli_usage("serve", stderr);
			return SR_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "sitrep serve: unexpected argument '%s'\n\n", argv[optind]);
		sr_cli_usage("serve", stderr);
		return SR_EXIT_USAGE;
	}
	if (!o.token) {
		const char *env = getenv("SITREP_TOKEN");
		if (env && *env)
			o.token = env;
	}

	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	sr_server *srv = NULL;
	char err[512];
	int rc = sr_server_start(&srv, &o, err, sizeof(err));
	if (rc != SR_OK) {
		fprintf(stderr, "sitrep serve: %s\n", err);
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
		return rc == SR_EINVAL ? SR_EXIT_USAGE : SR_EXIT_FAIL;
	}
	sr_deliverer *dl = NULL;
	if (webhooks && sr_deliverer_start(&dl, cli->db_path, NULL) != SR_OK)
		sr_log_warn("webhooks will not be delivered by this server (sitrep alerts --deliver can)");
	poll_thread pt;
	memset(&pt, 0, sizeof(pt));
	int polling = 0;
	if (poll) {
		sr_poller_opts po = {.fetch = fo, .lock = sr_server_lock_writer,
				     .unlock = sr_server_unlock_writer, .ctx = srv};
		pthread_mutex_init(&pt.mu, NULL);
		pthread_cond_init(&pt.cv, NULL);
		pt.dl = dl;
		if ((rc = sr_poller_new(&pt.p, &po)) != SR_OK ||
		    pthread_create(&pt.t, NULL, poll_main, &pt) != 0) {
			fprintf(stderr, "sitrep serve: cannot start polling: %s\n",
				sr_strerror(rc ? rc : SR_ENOMEM));
			sr_poller_free(pt.p);
			pthread_mutex_destroy(&pt.mu);
			pthread_cond_destroy(&pt.cv);
			sr_deliverer_stop(dl);
			sr_server_stop(srv);
			pthread_sigmask(SIG_UNBLOCK, &set, NULL);
			return SR_EXIT_FAIL;
		}
		polling = 1;
	}
	printf("listening on %s\n", sr_server_url(srv));
	fflush(stdout);
	if (!cli->quiet)
		fprintf(stderr, "sitrep serve: %s; database %s%s; Ctrl-C stops\n",
			o.token ? "writes need the token" : "read-only (no --token or $SITREP_TOKEN)",
			cli->db_path, polling ? "; polling the sources" : "");
	int sig = 0;
	sigwait(&set, &sig);
	if (!cli->quiet)
		fprintf(stderr, "sitrep serve: %s: finishing the requests in flight\n",
			sig == SIGINT ? "interrupted" : "terminated");
	if (polling) {
		poll_stop(&pt);
		sr_poller_free(pt.p);
		pthread_mutex_destroy(&pt.mu);
		pthread_cond_destroy(&pt.cv);
	}
	sr_deliverer_stop(dl);
	sr_server_stop(srv);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	return SR_EXIT_OK;
}
