/*
 * cmd_search.c - sitrep search: ranked results with highlighted snippets.
 */
#include "cli.h"
#include "base/err.h"
#include "base/json.h"
#include "store/counts.h"
#include "store/search.h"

#include <jansson.h>

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef struct out_ctx {
	int json, tty, n;
	sr_jw *w;
} out_ctx;

static void print_snippet(const sr_hit *h, int tty)
{
	const char *open = tty ? "\033[1m" : "[", *close = tty ? "\033[0m" : "]";
	size_t pos = 0, len = strlen(h->snippet);
	fputs("    ", stdout);
	for (size_t m = 0; m < h->n_marks; m++) {
		size_t a = h->marks[m][0], b = h->marks[m][1];
		if (a < pos || b > len || a > b)
			continue;
		fwrite(h->snippet + pos, 1, a - pos, stdout);
		fputs(open, stdout);
		fwrite(h->snippet + a, 1, b - a, stdout);
		fputs(close, stdout);
		pos = b;
	}
	fputs(h->snippet + pos, stdout);
	fputc('\n', stdout);
}

static int on_hit(void *ctx, const sr_hit *h)
{
	out_ctx *o = ctx;
	o->n++;
	if (o->json)
		return sr_hit_json(o->w, h);
	printf("%2d. %s", o->n, h->title && *h->title ? h->title : "(untitled)");
	if (h->site_name || h->published) {
		printf("  (");
		if (h->site_name)
			printf("%s%s", h->site_name, h->published ? ", " : "");
		if (h->published)
			printf("%.10s", h->published);
		printf(")");
	}
	printf("  #%lld\n", (long long)h->id);
	if (h->url)
		printf("    %s\n", h->url);
	if (*h->snippet)
		print_snippet(h, o->tty);
	if (h->copies) {
		printf("    and %lld more cop%s", (long long)h->copies, h->copies == 1 ? "y" : "ies");
		for (size_t k = 0; k < h->n_outlets && k < 5; k++)
			printf("%s%s", k ? ", " : ": ", h->outlets[k]);
		if (h->n_outlets > 5)
			printf(", ...");
		printf("\n");
	}
	return 0;
}

/* The facets, as text: one line each, "  sources: Levant Wire 12, Amman Ledger 8, ...". */
static void print_facets(const char *js)
{
	static const char *const names[] = {"sources", "languages", "days", "people", "organizations",
					    "places"};
	json_t *root = json_loads(js, 0, NULL);
	if (!root)
		return;
	printf("\nfacets:\n");
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		json_t *arr = json_object_get(root, names[i]);
		if (!json_is_array(arr) || !json_array_size(arr))
			continue;
		printf("  %-13s ", names[i]);
		size_t k;
		json_t *v;
		json_array_foreach(arr, k, v) {
			const char *val = json_string_value(json_object_get(v, "value"));
			printf("%s%s %lld", k ? ", " : "", val ? val : "(none)",
			       (long long)json_integer_value(json_object_get(v, "count")));
			if (k == 9) {
				if (json_array_size(arr) > 10)
					printf(", ...");
				break;
			}
		}
		printf("\n");
	}
	json_decref(root);
}

int cmd_search(int argc, char **argv, sr_cli *cli)
{
	static const struct option longopts[] = {
		{"limit", required_argument, NULL, 'l'},
		{"offset", required_argument, NULL, 'o'},
		{"json", no_argument, NULL, 'j'},
		{"facets", no_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	sr_search_opts so = {.limit = 10};
	int json = 0, facets = 0, c;
	optind = 1;
	opterr = 0;
	/* "+" : stop at the first non-option, so that "-word" exclusions in the query are not
	 * taken for options when they follow the query's first word */
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case 'l':
			so.limit = sr_cli_parse_int(optarg);
			if (so.limit < 1 || so.limit > SR_SEARCH_MAX_LIMIT) {
				fprintf(stderr, "sitrep search: --limit must be 1..%d\n", SR_SEARCH_MAX_LIMIT);
				return SR_EXIT_USAGE;
			}
			break;
		case 'o':
			so.offset = sr_cli_parse_int(optarg);
			if (so.offset < 0) {
				fprintf(stderr, "sitrep search: --offset must be a number >= 0\n");
				return SR_EXIT_USAGE;
			}
			break;
		case 'j': json = 1; break;
		case 'f': facets = 1; break;
		default:
			fprintf(stderr, "sitrep search: unknown option '%s'\n\n", argv[optind - 1]);
			sr_cli_usage("search", stderr);
			return SR_EXIT_USAGE;
		}
	}
	/* options may also follow the query words */
	sr_buf q;
	sr_buf_init(&q, SR_QUERY_MAX + 1);
	for (int i = optind; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--json")) { json = 1; continue; }
		if (!strcmp(a, "--facets")) { facets = 1; continue; }
		if ((!strcmp(a, "--limit") || !strcmp(a, "--offset")) && i + 1 < argc) {
			int v = sr_cli_parse_int(argv[++i]);
			if (v < 0 || (a[2] == 'l' && (v < 1 || v > SR_SEARCH_MAX_LIMIT))) {
				fprintf(stderr, "sitrep search: bad value for %s: '%s'\n", a, argv[i]);
				sr_buf_release(&q);
				return SR_EXIT_USAGE;
			}
			if (a[2] == 'l') so.limit = v; else so.offset = v;
			continue;
		}
		if ((q.len && sr_buf_putc(&q, ' ')) || sr_buf_puts(&q, a)) {
			fprintf(stderr, "sitrep search: query longer than %d bytes\n", SR_QUERY_MAX);
			sr_buf_release(&q);
			return SR_EXIT_USAGE;
		}
	}
	if (!q.len) {
		fprintf(stderr, "sitrep search: give a query\n\n");
		sr_cli_usage("search", stderr);
		sr_buf_release(&q);
		return SR_EXIT_USAGE;
	}
	so.query = q.data;
	int status = SR_EXIT_OK;
	sr_store *store = sr_cli_open_store(cli, 0);
	if (!store) {
		sr_buf_release(&q);
		return SR_EXIT_FAIL;
	}
	sr_buf jb;
	sr_jw w;
	sr_buf_init(&jb, 64 << 20);
	sr_jw_init(&w, &jb);
	out_ctx o = {.json = json, .tty = isatty(STDOUT_FILENO), .w = &w};
	int64_t total = 0;
	sr_query_error qe;
	if (json) {
		sr_jw_obj(&w);
		sr_jw_key(&w, "query"); sr_jw_str(&w, so.query);
		sr_jw_key(&w, "hits");
		sr_jw_arr(&w);
	}
	int rc = sr_search(store, &so, &total, on_hit, &o, &qe);
	if (rc == SR_EPARSE || rc == SR_ETOOBIG) {
		fprintf(stderr, "sitrep search: bad query at column %d: %s\n  %s\n  %*s^\n", qe.column,
			qe.message, so.query, qe.column > 0 ? qe.column - 1 : 0, "");
		status = SR_EXIT_USAGE;
		goto out;
	}
	if (rc) {
		fprintf(stderr, "sitrep search: %s: %s\n", cli->db_path, sr_store_errmsg(store));
		status = SR_EXIT_FAIL;
		goto out;
	}
	sr_buf fb;
	sr_buf_init(&fb, (size_t)1 << 20);
	if (facets && (rc = sr_search_facets_json(store, &so, 20, &fb, &qe))) {
		fprintf(stderr, "sitrep search: facets: %s\n",
			rc == SR_EDB ? sr_store_errmsg(store) : sr_strerror(rc));
		sr_buf_release(&fb);
		status = SR_EXIT_FAIL;
		goto out;
	}
	if (json) {
		sr_jw_end(&w);
		sr_jw_key(&w, "total"); sr_jw_int(&w, total);
		sr_jw_key(&w, "limit"); sr_jw_int(&w, so.limit);
		sr_jw_key(&w, "offset"); sr_jw_int(&w, so.offset);
		if (facets) {
			sr_jw_key(&w, "facets");
			sr_jw_raw(&w, fb.data);
		}
		sr_jw_end(&w);
		if (w.rc) {
			fprintf(stderr, "sitrep search: %s\n", sr_strerror(w.rc));
			status = SR_EXIT_FAIL;
			goto out;
		}
		printf("%s\n", jb.data);
	} else if (o.n == 0) {
		printf("no results for %s\n", so.query);
	} else {
		printf("\n%d of %lld results\n", o.n, (long long)total);
		if (facets && fb.data)
			print_facets(fb.data);
	}
	sr_buf_release(&fb);
out:
	sr_buf_release(&jb);
	sr_buf_release(&q);
	sr_store_close(store);
	return status;
}
