/*
 * cmd_entities.c - sitrep entities (the most mentioned) and sitrep entity NAME (one).
 */
#include "cli.h"
#include "analyze/ner.h"
#include "base/err.h"
#include "base/isotime.h"
#include "store/entity_store.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int cmd_entities(int argc, char **argv, sr_cli *cli)
{
	sr_entity_list_opts o = {.type = -1};
	int json = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--json")) {
			json = 1;
		} else if (!strcmp(a, "--type") && i + 1 < argc) {
			const char *t = argv[++i];
			o.type = !strcmp(t, "place") ? SR_NER_LOC : sr_ner_type_parse(t, strlen(t));
			if (o.type < 0) {
				fprintf(stderr, "sitrep entities: --type is person, org, place or misc, not '%s'\n", t);
				return SR_EXIT_USAGE;
			}
		} else if (!strcmp(a, "--since") && i + 1 < argc) {
			if (sr_cli_parse_when(argv[++i], 0, &o.since)) {
				fprintf(stderr, "sitrep entities: --since takes a span (24h, 7d) or a date, not '%s'\n", argv[i]);
				return SR_EXIT_USAGE;
			}
		} else if (!strcmp(a, "--limit") && i + 1 < argc) {
			o.limit = sr_cli_parse_int(argv[++i]);
			if (o.limit < 1 || o.limit > 10000) {
				fprintf(stderr, "sitrep entities: --limit takes 1..10000\n");
				return SR_EXIT_USAGE;
			}
		} else {
			fprintf(stderr, "sitrep entities: unexpected argument '%s'\n\n", a);
			sr_cli_usage("entities", stderr);
			return SR_EXIT_USAGE;
		}
	}
	sr_store *s = sr_cli_open_store(cli, 0);
	if (!s)
		return SR_EXIT_FAIL;
	sr_buf b;
	sr_buf_init(&b, 64 << 20);
	int status = SR_EXIT_OK;
	if (sr_entity_list_json(s, &o, &b)) {
		fprintf(stderr, "sitrep entities: %s: %s\n", cli->db_path, sr_store_errmsg(s));
		status = SR_EXIT_FAIL;
	} else if (json) {
		printf("%s\n", b.data);
	} else {
		json_t *root = json_loadb(b.data, b.len, 0, NULL);
		json_t *list = json_object_get(root, "entities");
		if (!json_array_size(list))
			printf("no entities%s\n", o.since ? " in that time" : " yet");
		size_t i;
		json_t *e;
		json_array_foreach(list, i, e)
			printf("%5lld articles %5lld mentions  %-4s %s\n",
			       (long long)json_integer_value(json_object_get(e, "articles")),
			       (long long)json_integer_value(json_object_get(e, "mentions")),
			       json_string_value(json_object_get(e, "type")), json_string_value(json_object_get(e, "name")));
		json_decref(root);
	}
	sr_buf_release(&b);
	sr_store_close(s);
	return status;
}

int cmd_entity(int argc, char **argv, sr_cli *cli)
{
	int json = 0;
	char name[512] = "";
	size_t nl = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = 1;
			continue;
		}
		/* the name may come as several words */
		int k = snprintf(name + nl, sizeof(name) - nl, "%s%s", nl ? " " : "", argv[i]);
		if (k < 0 || (size_t)k >= sizeof(name) - nl) {
			fprintf(stderr, "sitrep entity: name too long\n");
			return SR_EXIT_USAGE;
		}
		nl += (size_t)k;
	}
	if (!nl) {
		fprintf(stderr, "sitrep entity: give a name (or an id, as `sitrep entities --json` gives)\n");
		return SR_EXIT_USAGE;
	}
	sr_store *s = sr_cli_open_store(cli, 0);
	if (!s)
		return SR_EXIT_FAIL;
	sr_buf b;
	sr_buf_init(&b, 64 << 20);
	int status = SR_EXIT_OK, rc = sr_entity_json(s, name, &b);
	if (rc == SR_ENOTFOUND) {
		fprintf(stderr, "sitrep entity: no entity '%s' in %s\n", name, cli->db_path);
		status = SR_EXIT_FAIL;
	} else if (rc) {
		fprintf(stderr, "sitrep entity: %s: %s\n", cli->db_path, sr_store_errmsg(s));
		status = SR_EXIT_FAIL;
	} else if (json) {
		printf("%s\n", b.data);
	} else {
		json_t *e = json_loadb(b.data, b.len, 0, NULL);
		printf("%s (%s)  #%lld\n", json_string_value(json_object_get(e, "name")),
		       json_string_value(json_object_get(e, "type")), (long long)json_integer_value(json_object_get(e, "id")));
		printf("%lld articles, %lld mentions, %.10s to %.10s\n",
		       (long long)json_integer_value(json_object_get(e, "articles")),
		       (long long)json_integer_value(json_object_get(e, "mentions")),
		       json_is_string(json_object_get(e, "first_seen")) ? json_string_value(json_object_get(e, "first_seen")) : "",
		       json_is_string(json_object_get(e, "last_seen")) ? json_string_value(json_object_get(e, "last_seen")) : "");
		json_t *lat = json_object_get(e, "lat"), *lon = json_object_get(e, "lon");
		if (json_is_number(lat) && json_is_number(lon))
			printf("at %.4f %s, %.4f %s (%s)\n", fabs(json_number_value(lat)),
			       json_number_value(lat) >= 0 ? "N" : "S", fabs(json_number_value(lon)),
			       json_number_value(lon) >= 0 ? "E" : "W", json_string_value(json_object_get(e, "country")));
		size_t i;
		json_t *d;
		printf("\nmentions over time (articles per day):\n");
		json_array_foreach(json_object_get(e, "days"), i, d) {
			long long n = json_integer_value(json_object_get(d, "articles"));
			printf("  %s %4lld ", json_string_value(json_object_get(d, "day")), n);
			for (long long k = 0; k < n && k < 60; k++)
				putchar('#');
			putchar('\n');
		}
		printf("\nappears with:\n");
		json_array_foreach(json_object_get(e, "with"), i, d)
			printf("  %4lld  %-4s %s\n", (long long)json_integer_value(json_object_get(d, "articles")),
			       json_string_value(json_object_get(d, "type")), json_string_value(json_object_get(d, "name")));
		if (json_array_size(json_object_get(e, "quotes"))) {
			printf("\nquotes:\n");
			json_array_foreach(json_object_get(e, "quotes"), i, d) {
				json_t *p = json_object_get(d, "published");
				printf("  %.10s  \u201c%s\u201d  (#%lld)\n", json_is_string(p) ? json_string_value(p) : "",
				       json_string_value(json_object_get(d, "text")),
				       (long long)json_integer_value(json_object_get(d, "article_id")));
			}
		}
		printf("\nlatest articles:\n");
		json_array_foreach(json_object_get(e, "latest"), i, d) {
			json_t *p = json_object_get(d, "published"), *t = json_object_get(d, "title");
			printf("  %6lld  %.10s  %s\n", (long long)json_integer_value(json_object_get(d, "id")),
			       json_is_string(p) ? json_string_value(p) : "          ",
			       json_is_string(t) ? json_string_value(t) : "(untitled)");
		}
		json_decref(e);
	}
	sr_buf_release(&b);
	sr_store_close(s);
	return status;
}

int cmd_quotes(int argc, char **argv, sr_cli *cli)
{
	const char *speaker = NULL;
	int64_t since = 0;
	int limit = 50, json = 0;
	char q[4096] = "";
	size_t ql = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--json")) {
			json = 1;
		} else if (!strcmp(a, "--speaker") && i + 1 < argc) {
			speaker = argv[++i];
		} else if (!strcmp(a, "--since") && i + 1 < argc) {
			if (sr_cli_parse_when(argv[++i], 0, &since)) {
				fprintf(stderr, "sitrep quotes: --since takes a span (24h, 7d) or a date, not '%s'\n", argv[i]);
				return SR_EXIT_USAGE;
			}
		} else if (!strcmp(a, "--limit") && i + 1 < argc) {
			limit = sr_cli_parse_int(argv[++i]);
			if (limit < 1 || limit > 10000) {
				fprintf(stderr, "sitrep quotes: --limit takes 1..10000\n");
				return SR_EXIT_USAGE;
			}
		} else {
			int k = snprintf(q + ql, sizeof(q) - ql, "%s%s", ql ? " " : "", a);
			if (k < 0 || (size_t)k >= sizeof(q) - ql) {
				fprintf(stderr, "sitrep quotes: query too long\n");
				return SR_EXIT_USAGE;
			}
			ql += (size_t)k;
		}
	}
	sr_store *s = sr_cli_open_store(cli, 0);
	if (!s)
		return SR_EXIT_FAIL;
	sr_buf b;
	sr_buf_init(&b, 64 << 20);
	int status = SR_EXIT_OK, rc = sr_quotes_json(s, ql ? q : NULL, speaker, since, limit, &b);
	if (rc == SR_EPARSE || rc == SR_ETOOBIG) {
		fprintf(stderr, "sitrep quotes: bad query (see `sitrep search --help` for the language)\n");
		status = SR_EXIT_USAGE;
	} else if (rc) {
		fprintf(stderr, "sitrep quotes: %s: %s\n", cli->db_path, sr_store_errmsg(s));
		status = SR_EXIT_FAIL;
	} else if (json) {
		printf("%s\n", b.data);
	} else {
		json_t *root = json_loadb(b.data, b.len, 0, NULL);
		size_t i;
		json_t *d;
		if (!json_array_size(json_object_get(root, "quotes")))
			printf("no quotes found\n");
		json_array_foreach(json_object_get(root, "quotes"), i, d) {
			json_t *sp = json_object_get(d, "speaker"), *p = json_object_get(d, "published");
			printf("\u201c%s\u201d\n    %s, %.10s  (#%lld)\n\n", json_string_value(json_object_get(d, "text")),
			       json_is_string(sp) ? json_string_value(sp) : "(speaker unknown)",
			       json_is_string(p) ? json_string_value(p) : "",
			       (long long)json_integer_value(json_object_get(d, "article_id")));
		}
		json_decref(root);
	}
	sr_buf_release(&b);
	sr_store_close(s);
	return status;
}
