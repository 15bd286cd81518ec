/*
 * cmd_source.c - `sitrep source add|list|rm`: the sources that `sitrep poll` follows.
 *
 * `add` fetches the URL once (politely, robots.txt respected) to find what it is: a feed
 * (RSS, RDF, Atom, JSON Feed), a sitemap, a robots.txt (its Sitemap: lines become
 * sitemap sources), or a web page, whose <link rel="alternate"> feed is followed when it
 * names one; a site's home page without one gives the sitemaps its robots.txt lists; any
 * other page is followed itself.  --kind skips the detection.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/isotime.h"
#include "base/json.h"
#include "base/log.h"
#include "cli.h"
#include "source/feed.h"
#include "source/fetch.h"
#include "source/robots.h"
#include "store/sources.h"
#include "story/url.h"

typedef struct one {
	int done;
	int rc;
	long status;
	char error[SR_FETCH_ERR_MAX];
	char *final_url;
	char *content_type;
	sr_buf body;
} one;

static void on_one(void *ctx, const sr_fetch_res *res)
{
	one *o = ctx;
	o->done = 1;
	o->rc = res->rc;
	o->status = res->status;
	snprintf(o->error, sizeof(o->error), "%s", res->error);
	o->final_url = res->final_url ? strdup(res->final_url) : NULL;
	o->content_type = res->content_type ? strdup(res->content_type) : NULL;
	if (res->body_len)
		sr_buf_append(&o->body, res->body, res->body_len);
}

static void one_release(one *o)
{
	free(o->final_url);
	free(o->content_type);
	sr_buf_release(&o->body);
}

/* Fetch url once (robots.txt respected); SR_OK with a 2xx body in o, else a reason. */
static int fetch_one(const char *url, one *o)
{
	memset(o, 0, sizeof(*o));
	sr_buf_init(&o->body, (size_t)16 << 20);
	sr_fetch_opts fo;
	sr_fetch_opts_init(&fo);
	fo.agent_version = SITREP_VERSION;
	fo.contact = getenv("SITREP_CONTACT");
	fo.host_delay = 0;
	fo.max_retries = 1;
	fo.timeout_ms = 30000;
	sr_fetcher *f = sr_fetcher_new(&fo);
	if (!f)
		return SR_ENOMEM;
	sr_fetch_req q = {.url = url};
	int rc = sr_fetcher_add(f, &q);
	if (!rc)
		rc = sr_fetcher_run(f, on_one, o, NULL);
	sr_fetcher_free(f);
	if (rc) {
		snprintf(o->error, sizeof(o->error), "%s", rc == SR_EINVAL ? "not an http(s) URL" : sr_strerror(rc));
		return rc;
	}
	if (o->rc)
		return o->rc;
	if (o->status < 200 || o->status >= 300) {
		if (!o->error[0])
			snprintf(o->error, sizeof(o->error), "HTTP %ld", o->status);
		return SR_EIO;
	}
	return SR_OK;
}

static int normalize(const char *url, sr_buf *out)
{
	sr_buf_reset(out);
	return sr_url_normalize(url, out) == SR_OK && out->data && (!strncmp(out->data, "http://", 7) ||
								     !strncmp(out->data, "https://", 8))
		       ? SR_OK
		       : SR_EINVAL;
}

static int add_one(sr_store *st, const char *url, const char *kind, const char *name, int64_t every,
		   const char *via, int json)
{
	int64_t id;
	int rc = sr_sources_add(st, url, kind, name, every, via, (int64_t)time(NULL), &id);
	if (rc == SR_EINVAL) {
		fprintf(stderr, "sitrep: %s: already a source (id %lld)\n", url, (long long)id);
		return SR_EXIT_FAIL;
	}
	if (rc) {
		fprintf(stderr, "sitrep: cannot add %s: %s\n", url, sr_store_errmsg(st));
		return SR_EXIT_FAIL;
	}
	if (json) {
		sr_buf o;
		sr_buf_init(&o, 1 << 16);
		sr_jw w;
		sr_jw_init(&w, &o);
		sr_jw_obj(&w);
		sr_jw_key(&w, "id"); sr_jw_int(&w, id);
		sr_jw_key(&w, "url"); sr_jw_str(&w, url);
		sr_jw_key(&w, "kind"); sr_jw_str(&w, kind);
		sr_jw_key(&w, "name"); sr_jw_str(&w, name);
		sr_jw_key(&w, "every_secs"); sr_jw_int(&w, every);
		sr_jw_key(&w, "via"); sr_jw_str(&w, via);
		sr_jw_end(&w);
		sr_buf_putc(&o, '\n');
		if (o.data)
			sr_cli_write(o.data, o.len);
		sr_buf_release(&o);
	} else {
		printf("added source %lld: %s %s%s%s%s%s\n", (long long)id, kind, url, name ? " (" : "",
		       name ? name : "", name ? ")" : "", via ? " [found on the page]" : "");
	}
	return SR_EXIT_OK;
}

static int add_site_sitemaps(sr_store *st, const char *url, const char *name, int64_t every, int json,
			     sr_arena *a);

static int source_add(int argc, char **argv, sr_cli *cli)
{
	static const struct option longopts[] = {
		{"name", required_argument, NULL, 'n'},
		{"every", required_argument, NULL, 'e'},
		{"kind", required_argument, NULL, 'k'},
		{"json", no_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	const char *name = NULL, *kind = NULL;
	int64_t every = 900;
	int json = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'n': name = optarg; break;
		case 'e':
			if ((every = sr_span_parse(optarg)) <= 0) {
				fprintf(stderr, "sitrep: --every: not a span (15m, 1h, 90s): %s\n", optarg);
				return SR_EXIT_USAGE;
			}
			break;
		case 'k':
			if (strcmp(optarg, "feed") && strcmp(optarg, "sitemap") && strcmp(optarg, "page")) {
				fprintf(stderr, "sitrep: --kind: feed, sitemap or page\n");
				return SR_EXIT_USAGE;
			}
			kind = optarg;
			break;
		case 'j': json = 1; break;
		default: sr_cli_usage("source", stderr); return SR_EXIT_USAGE;
		}
	}
	if (optind + 1 != argc) {
		sr_cli_usage("source", stderr);
		return SR_EXIT_USAGE;
	}
	int status = SR_EXIT_FAIL;
	sr_buf url;
	sr_buf_init(&url, 1 << 16);
	sr_arena a;
	sr_arena_init(&a, (size_t)64 << 20);
	one o;
	memset(&o, 0, sizeof(o));
	sr_store *st = NULL;
	if (normalize(argv[optind], &url)) {
		fprintf(stderr, "sitrep: %s: not an http(s) URL\n", argv[optind]);
		status = SR_EXIT_USAGE;
		goto out;
	}
	if (!(st = sr_cli_open_store(cli, SR_STORE_CREATE)))
		goto out;
	if (kind) {
		status = add_one(st, url.data, kind, name, every, NULL, json);
		goto out;
	}
	if (fetch_one(url.data, &o)) {
		fprintf(stderr, "sitrep: %s: cannot fetch it to find its kind: %s (give --kind to add it anyway)\n",
			url.data, o.error[0] ? o.error : "failed");
		goto out;
	}
	const char *final = o.final_url ? o.final_url : url.data;
	const char *body = o.body.data ? o.body.data : "";
	sr_resource_kind k = sr_resource_sniff(body, o.body.len, final, o.content_type);
	if (k == SR_KIND_FEED) {
		status = add_one(st, url.data, "feed", name, every, NULL, json);
	} else if (k == SR_KIND_SITEMAP) {
		status = add_one(st, url.data, "sitemap", name, every, NULL, json);
	} else if (k == SR_KIND_ROBOTS) {
		sr_robots r;
		if (sr_robots_parse(body, o.body.len, "sitrep", final, &a, &r) || !r.n_sitemaps) {
			fprintf(stderr, "sitrep: %s: a robots.txt that names no sitemap\n", url.data);
			goto out;
		}
		status = SR_EXIT_OK;
		sr_buf su;
		sr_buf_init(&su, 1 << 16);
		for (size_t i = 0; i < r.n_sitemaps; i++) {
			if (normalize(r.sitemaps[i], &su))
				continue;
			int s = add_one(st, su.data, "sitemap", name, every, url.data, json);
			if (s)
				status = SR_EXIT_PARTIAL;
		}
		sr_buf_release(&su);
	} else if (k == SR_KIND_HTML) {
		sr_feed_link *links;
		size_t n;
		sr_feed_discover(body, o.body.len, final, &a, &links, &n);
		sr_buf fu;
		sr_buf_init(&fu, 1 << 16);
		if (n && normalize(links[0].url, &fu) == SR_OK) {
			for (size_t i = 1; i < n && !json; i++)
				fprintf(stderr, "sitrep: the page also names %s (%s)\n", links[i].url, links[i].type);
			status = add_one(st, fu.data, "feed", name, every, url.data, json);
		} else if ((status = add_site_sitemaps(st, final, name, every, json, &a)) < 0) {
			/* a page with no feed, and no sitemap in its site's robots.txt: the page */
			status = add_one(st, url.data, "page", name, every, NULL, json);
		}
		sr_buf_release(&fu);
	} else {
		fprintf(stderr, "sitrep: %s: not a feed, sitemap, robots.txt or web page (%s)\n", url.data,
			o.content_type ? o.content_type : "no content type");
	}
out:
	one_release(&o);
	sr_store_close(st);
	sr_arena_release(&a);
	sr_buf_release(&url);
	return status;
}

/* A site's home page ("/") that names no feed: the sitemaps its robots.txt lists become the
 * sources.  Returns an exit status, or -1 when there are none (or url is not a home page). */
static int add_site_sitemaps(sr_store *st, const char *url, const char *name, int64_t every, int json,
			     sr_arena *a)
{
	const char *p = strstr(url, "://");
	const char *path = p ? strchr(p + 3, '/') : NULL;
	if (!path || strcmp(path, "/") != 0)
		return -1;
	char robots[2048];
	snprintf(robots, sizeof(robots), "%.*srobots.txt", (int)(path + 1 - url), url);
	one o;
	int status = -1;
	if (fetch_one(robots, &o) == SR_OK) {
		sr_robots r;
		if (sr_robots_parse(o.body.data ? o.body.data : "", o.body.len, "sitrep", robots, a, &r) == SR_OK &&
		    r.n_sitemaps) {
			sr_buf su;
			sr_buf_init(&su, 1 << 16);
			status = SR_EXIT_OK;
			for (size_t i = 0; i < r.n_sitemaps; i++)
				if (normalize(r.sitemaps[i], &su) == SR_OK &&
				    add_one(st, su.data, "sitemap", name, every, robots, json) != SR_EXIT_OK)
					status = SR_EXIT_PARTIAL;
			sr_buf_release(&su);
		}
	}
	one_release(&o);
	return status;
}

static void fmt_time(json_t *v, char *out, size_t n)
{
	if (!json_is_integer(v) || json_integer_value(v) <= 0) {
		snprintf(out, n, "-");
		return;
	}
	char iso[21];
	sr_iso_format(json_integer_value(v), iso);
	snprintf(out, n, "%s", iso);
}

static void fmt_span(json_t *v, char *out, size_t n)
{
	if (!json_is_integer(v)) {
		snprintf(out, n, "-");
		return;
	}
	long long s = json_integer_value(v);
	if (s < 120)
		snprintf(out, n, "%llds", s);
	else if (s < 7200)
		snprintf(out, n, "%lldm", s / 60);
	else if (s < 2 * 86400)
		snprintf(out, n, "%lldh", s / 3600);
	else
		snprintf(out, n, "%lldd", s / 86400);
}

static int source_list(int argc, char **argv, sr_cli *cli)
{
	int json = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = 1;
		else {
			sr_cli_usage("source", stderr);
			return SR_EXIT_USAGE;
		}
	}
	sr_store *st = sr_cli_open_store(cli, SR_STORE_CREATE);
	if (!st)
		return SR_EXIT_FAIL;
	sr_buf o;
	sr_buf_init(&o, (size_t)256 << 20);
	int status = SR_EXIT_OK;
	if (sr_sources_health_json(st, (int64_t)time(NULL), &o)) {
		fprintf(stderr, "sitrep: %s: cannot list sources: %s\n", cli->db_path, sr_store_errmsg(st));
		status = SR_EXIT_FAIL;
		goto out;
	}
	if (json) {
		sr_buf_putc(&o, '\n');
		sr_cli_write(o.data, o.len);
		goto out;
	}
	json_error_t err;
	json_t *arr = json_loadb(o.data, o.len, 0, &err);
	size_t i;
	json_t *s;
	if (!json_array_size(arr))
		printf("no sources (add one with: sitrep source add URL)\n");
	else
		printf("%-4s %-7s %-20s %-20s %5s %5s %7s  %s\n", "ID", "KIND", "LAST OK", "NEXT DUE", "24H",
		       "7D", "DELAY", "NAME / URL / LAST ERROR");
	json_array_foreach(arr, i, s)
	{
		char ok[32], due[32], delay[32];
		fmt_time(json_object_get(s, "last_ok"), ok, sizeof(ok));
		fmt_time(json_object_get(s, "next_due"), due, sizeof(due));
		fmt_span(json_object_get(s, "delay_median_secs"), delay, sizeof(delay));
		const char *name = json_string_value(json_object_get(s, "name"));
		const char *url = json_string_value(json_object_get(s, "url"));
		const char *error = json_string_value(json_object_get(s, "last_error"));
		printf("%-4lld %-7s %-20s %-20s %5lld %5lld %7s  %s%s%s\n",
		       (long long)json_integer_value(json_object_get(s, "id")),
		       json_string_value(json_object_get(s, "kind")), ok, due,
		       (long long)json_integer_value(json_object_get(s, "items_24h")),
		       (long long)json_integer_value(json_object_get(s, "items_7d")), delay, name ? name : "",
		       name ? " " : "", url ? url : "");
		if (error)
			printf("%-4s last error: %s\n", "", error);
	}
	json_decref(arr);
out:
	sr_buf_release(&o);
	sr_store_close(st);
	return status;
}

static int source_rm(int argc, char **argv, sr_cli *cli)
{
	if (argc != 2) {
		sr_cli_usage("source", stderr);
		return SR_EXIT_USAGE;
	}
	sr_store *st = sr_cli_open_store(cli, SR_STORE_CREATE);
	if (!st)
		return SR_EXIT_FAIL;
	sr_buf url;
	sr_buf_init(&url, 1 << 16);
	const char *key = argv[1];
	if (strstr(key, "://") && normalize(key, &url) == SR_OK)
		key = url.data;
	int status = SR_EXIT_OK;
	int rc = sr_store_begin(st);
	if (!rc)
		rc = sr_sources_remove(st, key);
	if (rc == SR_OK) {
		sr_store_commit(st);
		printf("removed source %s\n", argv[1]);
	} else {
		sr_store_rollback(st);
		if (rc == SR_ENOTFOUND)
			fprintf(stderr, "sitrep: no source %s\n", argv[1]);
		else
			fprintf(stderr, "sitrep: cannot remove %s: %s\n", argv[1], sr_store_errmsg(st));
		status = SR_EXIT_FAIL;
	}
	sr_buf_release(&url);
	sr_store_close(st);
	return status;
}

int cmd_source(int argc, char **argv, sr_cli *cli)
{
	if (sr_cli_wants_help(argc, argv)) {
		sr_cli_usage("source", stdout);
		return SR_EXIT_OK;
	}
	if (argc < 2) {
		sr_cli_usage("source", stderr);
		return SR_EXIT_USAGE;
	}
	const char *sub = argv[1];
	if (!strcmp(sub, "add"))
		return source_add(argc - 1, argv + 1, cli);
	if (!strcmp(sub, "list") || !strcmp(sub, "ls"))
		return source_list(argc - 1, argv + 1, cli);
	if (!strcmp(sub, "rm") || !strcmp(sub, "remove"))
		return source_rm(argc - 1, argv + 1, cli);
	fprintf(stderr, "sitrep: source: unknown subcommand '%s'\n", sub);
	sr_cli_usage("source", stderr);
	return SR_EXIT_USAGE;
}
