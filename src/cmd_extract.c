/*
 * cmd_extract.c - sitrep extract: files or stdin in, JSON lines out, no database.
 */
#include "cli.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/log.h"
#include "pipeline.h"
#include "source/files.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

int cmd_extract(int argc, char **argv, sr_cli *cli)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"url", required_argument, NULL, 'u'},
		{"text", no_argument, NULL, 't'},
		{"json", no_argument, NULL, 'j'},
		{"max-size", required_argument, NULL, 'm'},
		{NULL, 0, NULL, 0},
	};
	sr_extract_opts xo = {0};
	long long max_size = 50LL * 1000 * 1000;
	int text_only = 0, c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "auto")) xo.format = SR_FORMAT_AUTO;
			else if (!strcmp(optarg, "html")) xo.format = SR_FORMAT_HTML;
			else if (!strcmp(optarg, "text")) xo.format = SR_FORMAT_TEXT;
			else {
				fprintf(stderr, "sitrep extract: --format must be auto, html or text, not '%s'\n", optarg);
				return SR_EXIT_USAGE;
			}
			break;
		case 'u': xo.url = optarg; break;
		case 't': text_only = 1; break;
		case 'j': text_only = 0; break;
		case 'm':
			max_size = sr_cli_parse_size(optarg);
			if (max_size <= 0) {
				fprintf(stderr, "sitrep extract: --max-size: '%s' is not a size (like 50M)\n", optarg);
				return SR_EXIT_USAGE;
			}
			break;
		default:
			fprintf(stderr, "sitrep extract: unknown option '%s'\n\n", argv[optind - 1]);
			sr_cli_usage("extract", stderr);
			return SR_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "sitrep extract: give files, or '-' for standard input\n\n");
		sr_cli_usage("extract", stderr);
		return SR_EXIT_USAGE;
	}
	sr_arena arena;
	sr_buf data, out;
	sr_arena_init(&arena, (size_t)max_size * 8 + (64 << 20));
	sr_buf_init(&data, (size_t)max_size);
	sr_buf_init(&out, (size_t)max_size * 8 + (1 << 20));
	size_t failed = 0, done = 0;
	int status = SR_EXIT_OK;
	for (int i = optind; i < argc; i++) {
		const char *path = argv[i];
		const char *name = strcmp(path, "-") == 0 ? "(stdin)" : path;
		char why[SR_WHY_MAX];
		sr_buf_reset(&data);
		if (sr_read_input(path, &data, why)) {
			sr_log_error("%s: %s", name, why);
			failed++;
			continue;
		}
		sr_article art;
		sr_arena_reset(&arena);
		if (sr_pipeline_run(data.data, data.len, &xo, &arena, &art, why)) {
			sr_log_error("%s: %s", name, why);
			failed++;
			continue;
		}
		if (why[0])
			sr_log_warn("%s: %s", name, why);
		sr_buf_reset(&out);
		int rc;
		if (text_only) {
			rc = done ? sr_buf_puts(&out, "\n") : SR_OK;
			if (!rc)
				rc = sr_buf_puts(&out, art.text ? art.text : "");
			if (!rc)
				rc = sr_buf_putc(&out, '\n');
		} else {
			rc = sr_article_to_json(&art, &out);
			if (!rc)
				rc = sr_buf_putc(&out, '\n');
		}
		if (rc) {
			sr_log_error("%s: %s", name, sr_strerror(rc));
			failed++;
			continue;
		}
		if (sr_cli_write(out.data, out.len)) {
			sr_log_error("cannot write to standard output");
			status = SR_EXIT_FAIL;
			break;
		}
		done++;
	}
	if (fflush(stdout) != 0)
		status = SR_EXIT_FAIL;
	if (status == SR_EXIT_OK && failed)
		status = done ? SR_EXIT_PARTIAL : SR_EXIT_FAIL;
	sr_arena_release(&arena);
	sr_buf_release(&data);
	sr_buf_release(&out);
	(void)cli;
	return status;
}
