/*
 * cmd_stats.c - sitrep stats: what the database holds.
 */
#include "cli.h"
#include "base/err.h"
#include "store/store.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static void counts(json_t *o, const char *key, const char *label)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_object(v) || json_object_size(v) == 0)
		return;
	printf("%-16s", label);
	const char *k;
	json_t *n;
	int first = 1;
	json_object_foreach(v, k, n) {
		printf("%s%s %lld", first ? "" : ", ", k, (long long)json_integer_value(n));
		first = 0;
	}
	printf("\n");
}

int cmd_stats(int argc, char **argv, sr_cli *cli)
{
	int json = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = 1;
		} else {
			fprintf(stderr, "sitrep stats: unexpected argument '%s'\n\n", argv[i]);
			sr_cli_usage("stats", stderr);
			return SR_EXIT_USAGE;
		}
	}
	sr_store *store = sr_cli_open_store(cli, 0);
	if (!store)
		return SR_EXIT_FAIL;
	sr_buf b;
	sr_buf_init(&b, 1 << 20);
	int status = SR_EXIT_OK;
	if (sr_store_stats_json(store, &b)) {
		fprintf(stderr, "sitrep stats: %s: %s\n", cli->db_path, sr_store_errmsg(store));
		status = SR_EXIT_FAIL;
		goto out;
	}
	if (json) {
		printf("%s\n", b.data);
		goto out;
	}
	json_t *o = json_loadb(b.data, b.len, 0, NULL);
	if (!o) {
		status = SR_EXIT_FAIL;
		goto out;
	}
	printf("%-16s%s\n", "database", cli->db_path);
	printf("%-16s%lld\n", "articles", (long long)json_integer_value(json_object_get(o, "articles")));
	printf("%-16s%lld\n", "documents", (long long)json_integer_value(json_object_get(o, "documents")));
	printf("%-16s%.1f MB raw, %.1f MB stored compressed; file %.1f MB\n", "bytes",
	       (double)json_integer_value(json_object_get(o, "raw_bytes")) / 1e6,
	       (double)json_integer_value(json_object_get(o, "raw_stored_bytes")) / 1e6,
	       (double)json_integer_value(json_object_get(o, "db_bytes")) / 1e6);
	json_t *f = json_object_get(o, "published_first"), *l = json_object_get(o, "published_last");
	if (json_is_string(f))
		printf("%-16s%s to %s\n", "published", json_string_value(f), json_string_value(l));
	counts(o, "languages", "languages");
	counts(o, "sites", "sites");
	json_decref(o);
out:
	sr_buf_release(&b);
	sr_store_close(store);
	return status;
}
