/*
 * cli.h - the command table and what every command shares.
 *
 * Each command is src/cmd_NAME.c with `int cmd_NAME(int argc, char **argv, sr_cli *cli)`,
 * listed once in the table in src/main.c (name, function, one-line summary, usage text).
 * `sitrep --help`, `sitrep help CMD` and `sitrep CMD --help` are generated from that table,
 * so the help never drifts from what dispatches.
 *
 * argv[0] is the command name; global options (--db, -v, -q) are already removed.
 * A command returns an exit status: SR_EXIT_OK, SR_EXIT_PARTIAL (some inputs failed,
 * the others were processed), SR_EXIT_FAIL, SR_EXIT_USAGE.
 */
#ifndef SR_CLI_H
#define SR_CLI_H

#include <stdint.h>
#include <stdio.h>

enum {
	SR_EXIT_OK = 0,
	SR_EXIT_FAIL = 1,    /* the command could not do its job */
	SR_EXIT_USAGE = 2,   /* bad command line */
	SR_EXIT_PARTIAL = 3, /* done, but some inputs failed (each was reported) */
};

typedef struct sr_cli {
	const char *db_path;  /* --db, $SITREP_DB, or "sitrep.db" */
	int verbose;
	int quiet;
} sr_cli;

typedef struct sr_command {
	const char *name;
	int (*fn)(int argc, char **argv, sr_cli *cli);
	const char *summary; /* one line for `sitrep --help` */
	const char *usage;   /* the full text for `sitrep CMD --help` (options, examples) */
} sr_command;

/* Print the usage of command name to f. */
void sr_cli_usage(const char *name, FILE *f);
/* 1 when argv holds -h or --help (commands call this first). */
int sr_cli_wants_help(int argc, char **argv);

/* The commands, one per src/cmd_NAME.c (table in src/main.c). */
int cmd_init(int argc, char **argv, sr_cli *cli);
int cmd_ingest(int argc, char **argv, sr_cli *cli);
int cmd_extract(int argc, char **argv, sr_cli *cli);
int cmd_search(int argc, char **argv, sr_cli *cli);
int cmd_show(int argc, char **argv, sr_cli *cli);
int cmd_stats(int argc, char **argv, sr_cli *cli);
int cmd_check(int argc, char **argv, sr_cli *cli);
int cmd_stories(int argc, char **argv, sr_cli *cli);
int cmd_story(int argc, char **argv, sr_cli *cli);
int cmd_entities(int argc, char **argv, sr_cli *cli);
int cmd_entity(int argc, char **argv, sr_cli *cli);
int cmd_quotes(int argc, char **argv, sr_cli *cli);
int cmd_serve(int argc, char **argv, sr_cli *cli);
int cmd_train_ner(int argc, char **argv, sr_cli *cli);
int cmd_eval_ner(int argc, char **argv, sr_cli *cli);
int cmd_source(int argc, char **argv, sr_cli *cli);
int cmd_poll(int argc, char **argv, sr_cli *cli);
int cmd_watch(int argc, char **argv, sr_cli *cli);
int cmd_alerts(int argc, char **argv, sr_cli *cli);
int cmd_trends(int argc, char **argv, sr_cli *cli);

#ifndef SITREP_VERSION
#define SITREP_VERSION "0.1.0"
#endif

/* Shared helpers (src/cli_util.c). */
struct sr_store;
/* Parse "50M", "2G", "512K", "1000" into bytes; -1 when malformed. */
long long sr_cli_parse_size(const char *s);
/* Parse a time option: a span back from now ("24h", "7d", "2w") or an ISO 8601 date or
 * timestamp ("2026-11-20", "2026-11-20T08:00Z").  until: a bare date means the end of that
 * day.  0 with *out set, -1 when malformed. */
int sr_cli_parse_when(const char *s, int until, int64_t *out);

/* Parse a non-negative int option value; -1 when malformed. */
int sr_cli_parse_int(const char *s);
/* Open the store at cli->db_path (flags as sr_store_open); prints the reason and returns
 * NULL on failure. */
struct sr_store *sr_cli_open_store(sr_cli *cli, unsigned flags);
/* Write all of p[0..n) to stdout; 0 or -1 (EPIPE etc). */
int sr_cli_write(const void *p, size_t n);

#endif
