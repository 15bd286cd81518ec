/* cmd_trends.c - `sitrep trends`: names rising against their own trailing-week baseline. */
#include "cli.h"
#include "base/err.h"
#include "base/isotime.h"
#include "store/trends.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int cmd_trends(int argc, char **argv, sr_cli *cli)
{
	sr_trends_opts o = {.at = (int64_t)time(NULL), .window_hours = 24, .min_z = 3, .min_count = 3};
	int json = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--json")) {
			json = 1;
		} else if (!strcmp(a, "--since") && i + 1 < argc) {
			int64_t span = sr_span_parse(argv[++i]);
			if (span < 3600 || span > 168 * 3600) {
				fprintf(stderr, "sitrep trends: --since takes a span of 1h to 7d, not '%s'\n", argv[i]);
				return SR_EXIT_USAGE;
			}
			o.window_hours = (int)(span / 3600);
		} else if (!strcmp(a, "--at") && i + 1 < argc) {
			if (sr_iso_parse(argv[++i], &o.at)) {
				fprintf(stderr, "sitrep trends: --at takes a date or time, not '%s'\n", argv[i]);
				return SR_EXIT_USAGE;
			}
		} else if (!strcmp(a, "--min-z") && i + 1 < argc) {
			char *end;
			o.min_z = strtod(argv[++i], &end);
			if (*end) {
				fprintf(stderr, "sitrep trends: --min-z takes a number\n");
				return SR_EXIT_USAGE;
			}
		} else if (!strcmp(a, "--min-count") && i + 1 < argc) {
			o.min_count = sr_cli_parse_int(argv[++i]);
			if (o.min_count < 0) {
				fprintf(stderr, "sitrep trends: --min-count takes a number\n");
				return SR_EXIT_USAGE;
			}
		} else if (!strcmp(a, "--limit") && i + 1 < argc) {
			o.limit = sr_cli_parse_int(argv[++i]);
			if (o.limit < 1 || o.limit > 1000) {
				fprintf(stderr, "sitrep trends: --limit takes 1..1000\n");
				return SR_EXIT_USAGE;
			}
		} else {
			fprintf(stderr, "sitrep trends: unexpected argument '%s'\n\n", a);
			sr_cli_usage("trends", stderr);
			return SR_EXIT_USAGE;
		}
	}
	sr_store *s = sr_cli_open_store(cli, 0);
	if (!s)
		return SR_EXIT_FAIL;
	sr_buf b;
	sr_buf_init(&b, 16 << 20);
	int status = SR_EXIT_OK;
	if (sr_trends_json(s, &o, &b)) {
		fprintf(stderr, "sitrep trends: %s\n", sr_store_errmsg(s));
		status = SR_EXIT_FAIL;
	} else if (json) {
		sr_buf_putc(&b, '\n');
		sr_cli_write(b.data, b.len);
	} else {
		json_t *root = json_loadb(b.data, b.len, 0, NULL);
		json_t *arr = json_object_get(root, "trends");
		size_t i;
		json_t *t;
		if (!json_array_size(arr) && !cli->quiet)
			printf("no name rises sharply in the last %d h (z >= %g, at least %d articles)\n",
			       o.window_hours, o.min_z, o.min_count);
		json_array_foreach(arr, i, t) {
			printf("%6.1f  %-4s %-32s %4lld articles in %d h (baseline %.2f/h)\n",
			       json_number_value(json_object_get(t, "z")),
			       json_string_value(json_object_get(t, "type")), json_string_value(json_object_get(t, "name")),
			       (long long)json_integer_value(json_object_get(t, "count")), o.window_hours,
			       json_number_value(json_object_get(t, "baseline_per_hour")));
		}
		json_decref(root);
	}
	sr_buf_release(&b);
	sr_store_close(s);
	return status;
}
