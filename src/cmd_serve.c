/*
 * cmd_serve.c - sitrep serve: the HTTP API and the dashboard (lib/server/server.h).
 *
 * The main thread blocks SIGINT and SIGTERM before the server's threads start (so they
 * inherit the mask), then waits for one of them with sigwait(): no code runs in a signal
 * handler, and the shutdown (stop accepting, finish the requests in flight, close the
 * store) happens on the main thread.
 */
#include "cli.h"
#include "base/err.h"
#include "server/server.h"

#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_serve(int argc, char **argv, sr_cli *cli)
{
	static const struct option longopts[] = {
		{"listen", required_argument, NULL, 'l'},
		{"public", no_argument, NULL, 'p'},
		{"token", required_argument, NULL, 't'},
		{"threads", required_argument, NULL, 'T'},
		{"max-body", required_argument, NULL, 'm'},
		{NULL, 0, NULL, 0},
	};
	sr_server_opts o = {.db_path = cli->db_path, .listen = SR_SERVER_LISTEN,
			    .assets = sr_web_assets, .version = SITREP_VERSION};
	int c;
	long long max_body;
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
	printf("listening on %s\n", sr_server_url(srv));
	fflush(stdout);
	if (!cli->quiet)
		fprintf(stderr, "sitrep serve: %s; database %s; Ctrl-C stops\n",
			o.token ? "writes need the token" : "read-only (no --token or $SITREP_TOKEN)",
			cli->db_path);
	int sig = 0;
	sigwait(&set, &sig);
	if (!cli->quiet)
		fprintf(stderr, "sitrep serve: %s: finishing the requests in flight\n",
			sig == SIGINT ? "interrupted" : "terminated");
	sr_server_stop(srv);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	return SR_EXIT_OK;
}
