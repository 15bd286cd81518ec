/*
 * cmd_show.c - sitrep show: one stored article.
 */
#include "cli.h"
#include "base/err.h"
#include "store/store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void field(json_t *o, const char *key, const char *label)
{
	json_t *v = json_object_get(o, key);
	if (json_is_string(v) && *json_string_value(v))
		printf("%-10s %s\n", label, json_string_value(v));
}

static void list(json_t *o, const char *key, const char *label)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_array(v) || json_array_size(v) == 0)
		return;
	printf("%-10s ", label);
	size_t i;
	json_t *e;
	json_array_foreach(v, i, e) printf("%s%s", i ? ", " : "", json_string_value(e) ? json_string_value(e) : "");
	printf("\n");
}

int cmd_show(int argc, char **argv, sr_cli *cli)
{
	int json = 0, raw = 0;
	const char *id_arg = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = 1;
		else if (!strcmp(argv[i], "--raw"))
			raw = 1;
		else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "sitrep show: unknown option '%s'\n\n", argv[i]);
			sr_cli_usage("show", stderr);
			return SR_EXIT_USAGE;
		} else if (!id_arg)
			id_arg = argv[i];
		else {
			fprintf(stderr, "sitrep show: one id at a time\n");
			return SR_EXIT_USAGE;
		}
	}
	char *end;
	long long id = id_arg ? strtoll(id_arg, &end, 10) : 0;
	if (!id_arg || *end || id <= 0) {
		fprintf(stderr, "sitrep show: give an article id (a positive number, as search prints)\n");
		return SR_EXIT_USAGE;
	}
	sr_store *store = sr_cli_open_store(cli, 0);
	if (!store)
		return SR_EXIT_FAIL;
	int status = SR_EXIT_OK, rc;
	sr_buf b;
	sr_buf_init(&b, (size_t)1 << 31);
	json_t *o = NULL;
	rc = raw ? sr_store_article_raw(store, id, &b) : sr_store_article_json(store, id, &b);
	if (rc == SR_ENOTFOUND) {
		fprintf(stderr, "sitrep show: no article %lld in %s\n", id, cli->db_path);
		status = SR_EXIT_FAIL;
		goto out;
	}
	if (rc) {
		fprintf(stderr, "sitrep show: %s: %s (%s)\n", cli->db_path, sr_strerror(rc), sr_store_errmsg(store));
		status = SR_EXIT_FAIL;
		goto out;
	}
	if (raw) {
		sr_cli_write(b.data, b.len);
		goto out;
	}
	if (json) {
		printf("%s\n", b.data);
		goto out;
	}
	o = json_loadb(b.data, b.len, 0, NULL);
	if (!o) {
		status = SR_EXIT_FAIL;
		goto out;
	}
	json_t *title = json_object_get(o, "title");
	printf("%s\n\n", json_is_string(title) ? json_string_value(title) : "(untitled)");
	list(o, "authors", "by");
	field(o, "published", "published");
	field(o, "modified", "modified");
	field(o, "site_name", "site");
	field(o, "section", "section");
	field(o, "url", "url");
	if (json_is_string(json_object_get(o, "canonical_url")) &&
	    (!json_is_string(json_object_get(o, "url")) ||
	     strcmp(json_string_value(json_object_get(o, "canonical_url")),
		    json_string_value(json_object_get(o, "url")))))
		field(o, "canonical_url", "canonical");
	field(o, "lang", "language");
	list(o, "tags", "tags");
	field(o, "uri", "document");
	json_t *desc = json_object_get(o, "description");
	if (json_is_string(desc) && *json_string_value(desc))
		printf("\n%s\n", json_string_value(desc));
	json_t *text = json_object_get(o, "text");
	if (json_is_string(text))
		printf("\n%s\n", json_string_value(text));
out:
	json_decref(o);
	sr_buf_release(&b);
	sr_store_close(store);
	return status;
}
