/*
 * cmd_stories.c - sitrep stories (the recent stories) and sitrep story ID (one story).
 */
#include "cli.h"
#include "base/err.h"
#include "base/isotime.h"
#include "store/story_query.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void print_story(json_t *st, int all_articles)
{
	json_t *label = json_object_get(st, "label");
	json_t *outlets = json_object_get(st, "outlets");
	json_t *arts = json_object_get(st, "articles");
	printf("#%lld  %s\n", (long long)json_integer_value(json_object_get(st, "id")),
	       json_is_string(label) ? json_string_value(label) : "(untitled)");
	printf("      %lld article%s, %zu outlet%s, %.10s to %.10s\n",
	       (long long)json_integer_value(json_object_get(st, "size")),
	       json_integer_value(json_object_get(st, "size")) == 1 ? "" : "s", json_array_size(outlets),
	       json_array_size(outlets) == 1 ? "" : "s",
	       json_string_value(json_object_get(st, "first_seen")),
	       json_string_value(json_object_get(st, "last_seen")));
	if (json_array_size(outlets)) {
		printf("      ");
		size_t i;
		json_t *o;
		json_array_foreach(outlets, i, o) printf("%s%s", i ? ", " : "", json_string_value(o));
		printf("\n");
	}
	static const char *const kinds[][2] = {{"people", "people"}, {"organisations", "orgs"}, {"places", "places"}};
	for (int k = 0; k < 3; k++) {
		json_t *list = json_object_get(st, kinds[k][0]);
		if (!json_array_size(list))
			continue;
		printf("      %-7s", kinds[k][1]);
		size_t i;
		json_t *e;
		json_array_foreach(list, i, e) printf("%s%s", i ? ", " : " ", json_string_value(json_object_get(e, "name")));
		printf("\n");
	}
	if (!all_articles)
		return;
	size_t i;
	json_t *a;
	json_array_foreach(arts, i, a) {
		json_t *t = json_object_get(a, "title"), *o = json_object_get(a, "outlet");
		json_t *p = json_object_get(a, "published"), *d = json_object_get(a, "dup_of");
		printf("  %6lld  %.10s  %-22.22s %s%s\n", (long long)json_integer_value(json_object_get(a, "id")),
		       json_is_string(p) ? json_string_value(p) : "          ",
		       json_is_string(o) ? json_string_value(o) : "",
		       json_is_string(t) ? json_string_value(t) : "(untitled)",
		       json_is_integer(d) ? "  (copy)" : "");
	}
}

int cmd_stories(int argc, char **argv, sr_cli *cli)
{
	sr_story_list_opts o = {0};
	int json = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--json")) {
			json = 1;
		} else if (!strcmp(a, "--since") && i + 1 < argc) {
			if (sr_cli_parse_when(argv[++i], 0, &o.since)) {
				fprintf(stderr, "sitrep stories: --since takes a span (24h, 7d) or a date (2026-11-20), not '%s'\n",
					argv[i]);
				return SR_EXIT_USAGE;
			}
		} else if ((!strcmp(a, "--limit") || !strcmp(a, "--min-size")) && i + 1 < argc) {
			int v = sr_cli_parse_int(argv[++i]);
			if (v < 1 || v > 10000) {
				fprintf(stderr, "sitrep stories: %s takes a number from 1 to 10000\n", a);
				return SR_EXIT_USAGE;
			}
			if (a[2] == 'l')
				o.limit = v;
			else
				o.min_size = v;
		} else {
			fprintf(stderr, "sitrep stories: unexpected argument '%s'\n\n", a);
			sr_cli_usage("stories", stderr);
			return SR_EXIT_USAGE;
		}
	}
	sr_store *s = sr_cli_open_store(cli, 0);
	if (!s)
		return SR_EXIT_FAIL;
	sr_buf b;
	sr_buf_init(&b, 256 << 20);
	int status = SR_EXIT_OK;
	if (sr_story_list_json(s, &o, &b)) {
		fprintf(stderr, "sitrep stories: %s: %s\n", cli->db_path, sr_store_errmsg(s));
		status = SR_EXIT_FAIL;
		goto out;
	}
	if (json) {
		printf("%s\n", b.data);
		goto out;
	}
	json_t *root = json_loadb(b.data, b.len, 0, NULL);
	json_t *list = json_object_get(root, "stories");
	if (!json_array_size(list))
		printf("no stories%s\n", o.since ? " in that time" : " yet: ingest some articles");
	size_t i;
	json_t *st;
	json_array_foreach(list, i, st) {
		print_story(st, 0);
		printf("\n");
	}
	if (json_array_size(list))
		printf("%zu of %lld stories; `sitrep story ID` lists a story's articles\n", json_array_size(list),
		       (long long)json_integer_value(json_object_get(root, "total")));
	json_decref(root);
out:
	sr_buf_release(&b);
	sr_store_close(s);
	return status;
}

int cmd_story(int argc, char **argv, sr_cli *cli)
{
	int json = 0;
	const char *id_arg = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = 1;
		else if (!id_arg && argv[i][0] != '-')
			id_arg = argv[i];
		else {
			fprintf(stderr, "sitrep story: unexpected argument '%s'\n\n", argv[i]);
			sr_cli_usage("story", stderr);
			return SR_EXIT_USAGE;
		}
	}
	char *end;
	long long id = id_arg ? strtoll(id_arg, &end, 10) : 0;
	if (!id_arg || *end || id <= 0) {
		fprintf(stderr, "sitrep story: give a story id (as `sitrep stories` prints)\n");
		return SR_EXIT_USAGE;
	}
	sr_store *s = sr_cli_open_store(cli, 0);
	if (!s)
		return SR_EXIT_FAIL;
	sr_buf b;
	sr_buf_init(&b, 256 << 20);
	int status = SR_EXIT_OK, rc = sr_story_json(s, id, &b);
	if (rc == SR_ENOTFOUND) {
		fprintf(stderr, "sitrep story: no story %lld in %s\n", id, cli->db_path);
		status = SR_EXIT_FAIL;
	} else if (rc) {
		fprintf(stderr, "sitrep story: %s: %s\n", cli->db_path, sr_store_errmsg(s));
		status = SR_EXIT_FAIL;
	} else if (json) {
		printf("%s\n", b.data);
	} else {
		json_t *st = json_loadb(b.data, b.len, 0, NULL);
		print_story(st, 1);
		json_decref(st);
	}
	sr_buf_release(&b);
	sr_store_close(s);
	return status;
}
