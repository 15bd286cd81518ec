/* cmd_watch.c - `sitrep watch` (watchlists) and `sitrep alerts` (what they caught). */
#include "cli.h"
#include "base/err.h"
#include "base/isotime.h"
#include "base/json.h"
#include "store/search.h"
#include "store/watch_store.h"
#include "watch/atom.h"
#include "watch/webhook.h"

#include <curl/curl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void query_error(const char *cmd, const char *q, const sr_query_error *e)
{
	if (e->column > 0)
		fprintf(stderr, "sitrep %s: bad query at column %d: %s\n  %s\n  %*s^\n", cmd, e->column,
			e->message, q, e->column - 1, "");
	else
		fprintf(stderr, "sitrep %s: %s\n", cmd, e->message[0] ? e->message : "bad query");
}

static int watch_add(int argc, char **argv, sr_cli *cli)
{
	const char *name = NULL, *query = NULL, *hook = NULL;
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--webhook") && i + 1 < argc)
			hook = argv[++i];
		else if (!name)
			name = argv[i];
		else if (!query)
			query = argv[i];
		else {
			fprintf(stderr, "sitrep watch add: unexpected argument '%s' (quote the query)\n", argv[i]);
			return SR_EXIT_USAGE;
		}
	}
	if (!name || !query) {
		sr_cli_usage("watch", stderr);
		return SR_EXIT_USAGE;
	}
	sr_store *s = sr_cli_open_store(cli, SR_STORE_CREATE);
	if (!s)
		return SR_EXIT_FAIL;
	sr_query_error e = {0};
	int rc = sr_watch_add(s, name, query, hook, &e), status = SR_EXIT_OK;
	if (rc == SR_EPARSE || rc == SR_ETOOBIG) {
		query_error("watch add", query, &e);
		status = SR_EXIT_USAGE;
	} else if (rc == SR_EINVAL) {
		fprintf(stderr, "sitrep watch add: a name is 1-%d printable characters and a webhook an "
				"http:// or https:// URL\n", SR_WATCH_NAME_MAX);
		status = SR_EXIT_USAGE;
	} else if (rc) {
		fprintf(stderr, "sitrep watch add: %s\n", sr_store_errmsg(s));
		status = SR_EXIT_FAIL;
	} else if (!cli->quiet) {
		printf("watchlist '%s' added: new articles matching %s are alerted\n", name, query);
	}
	sr_store_close(s);
	return status;
}

static int watch_list(int argc, char **argv, sr_cli *cli)
{
	int json = argc > 2 && !strcmp(argv[2], "--json");
	sr_store *s = sr_cli_open_store(cli, 0);
	if (!s)
		return SR_EXIT_FAIL;
	sr_buf b;
	sr_buf_init(&b, 256 << 20);
	int status = SR_EXIT_OK;
	if (sr_watch_list_json(s, &b)) {
		fprintf(stderr, "sitrep watch list: %s\n", sr_store_errmsg(s));
		status = SR_EXIT_FAIL;
	} else if (json) {
		sr_buf_putc(&b, '\n');
		sr_cli_write(b.data, b.len);
	} else {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(sr_store_db(s),
				       "SELECT w.name, w.query, w.webhook, (SELECT count(*) FROM alerts a"
				       " WHERE a.watchlist_id = w.id) FROM watchlists w ORDER BY w.name",
				       -1, &st, NULL) == SQLITE_OK) {
			int n = 0;
			while (sqlite3_step(st) == SQLITE_ROW) {
				const char *hook = (const char *)sqlite3_column_text(st, 2);
				printf("%-20s %6lld alerts  %s%s%s\n", sqlite3_column_text(st, 0),
				       (long long)sqlite3_column_int64(st, 3), sqlite3_column_text(st, 1),
				       hook ? "  -> " : "", hook ? hook : "");
				n++;
			}
			if (!n && !cli->quiet)
				printf("no watchlists (sitrep watch add NAME QUERY)\n");
		}
		sqlite3_finalize(st);
	}
	sr_buf_release(&b);
	sr_store_close(s);
	return status;
}

static int watch_rm(int argc, char **argv, sr_cli *cli)
{
	if (argc != 3) {
		sr_cli_usage("watch", stderr);
		return SR_EXIT_USAGE;
	}
	sr_store *s = sr_cli_open_store(cli, 0);
	if (!s)
		return SR_EXIT_FAIL;
	int rc = sr_watch_remove(s, argv[2]), status = SR_EXIT_OK;
	if (rc == SR_ENOTFOUND) {
		fprintf(stderr, "sitrep watch rm: no watchlist named '%s'\n", argv[2]);
		status = SR_EXIT_FAIL;
	} else if (rc) {
		fprintf(stderr, "sitrep watch rm: %s\n", sr_store_errmsg(s));
		status = SR_EXIT_FAIL;
	} else if (!cli->quiet) {
		printf("watchlist '%s' removed with its alerts\n", argv[2]);
	}
	sr_store_close(s);
	return status;
}

typedef struct test_ctx {
	int json, n;
	sr_jw *w;
} test_ctx;

static int test_hit(void *ctx, const sr_hit *h)
{
	test_ctx *t = ctx;
	t->n++;
	if (t->json) {
		sr_jw_obj(t->w);
		sr_jw_key(t->w, "id");
		sr_jw_int(t->w, h->id);
		sr_jw_key(t->w, "title");
		sr_jw_str(t->w, h->title);
		sr_jw_key(t->w, "url");
		sr_jw_str(t->w, h->url);
		sr_jw_key(t->w, "site_name");
		sr_jw_str(t->w, h->site_name);
		sr_jw_key(t->w, "published");
		sr_jw_str(t->w, h->published);
		sr_jw_end(t->w);
	} else {
		printf("%6lld  %s  (%s)\n", (long long)h->id, h->title ? h->title : "(untitled)",
		       h->site_name ? h->site_name : h->url ? h->url : "");
	}
	return 0;
}

static int watch_test(int argc, char **argv, sr_cli *cli)
{
	const char *arg = NULL;
	int json = 0, limit = 20;
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = 1;
		else if (!strcmp(argv[i], "--limit") && i + 1 < argc) {
			limit = sr_cli_parse_int(argv[++i]);
			if (limit < 1 || limit > SR_SEARCH_MAX_LIMIT) {
				fprintf(stderr, "sitrep watch test: --limit takes 1..%d\n", SR_SEARCH_MAX_LIMIT);
				return SR_EXIT_USAGE;
			}
		} else if (!arg)
			arg = argv[i];
		else {
			fprintf(stderr, "sitrep watch test: unexpected argument '%s' (quote the query)\n", argv[i]);
			return SR_EXIT_USAGE;
		}
	}
	if (!arg) {
		sr_cli_usage("watch", stderr);
		return SR_EXIT_USAGE;
	}
	sr_store *s = sr_cli_open_store(cli, 0);
	if (!s)
		return SR_EXIT_FAIL;
	sr_buf q, out;
	sr_buf_init(&q, SR_QUERY_MAX + 1);
	sr_buf_init(&out, 64 << 20);
	int status = SR_EXIT_OK;
	if (sr_watch_query(s, arg, &q) != SR_OK) {
		sr_buf_reset(&q);
		sr_buf_puts(&q, arg); /* not a watchlist's name: the query itself */
	}
	sr_jw w;
	sr_jw_init(&w, &out);
	test_ctx t = {.json = json, .w = &w};
	sr_search_opts o = {.query = q.data ? q.data : "", .limit = limit};
	sr_query_error e = {0};
	int64_t total = 0;
	if (json) {
		sr_jw_obj(&w);
		sr_jw_key(&w, "query");
		sr_jw_str(&w, o.query);
		sr_jw_key(&w, "hits");
		sr_jw_arr(&w);
	}
	int rc = sr_search(s, &o, &total, test_hit, &t, &e);
	if (rc == SR_EPARSE || rc == SR_ETOOBIG) {
		query_error("watch test", o.query, &e);
		status = SR_EXIT_USAGE;
	} else if (rc) {
		fprintf(stderr, "sitrep watch test: %s\n", sr_store_errmsg(s));
		status = SR_EXIT_FAIL;
	} else if (json) {
		sr_jw_end(&w);
		sr_jw_key(&w, "total");
		sr_jw_int(&w, total);
		sr_jw_end(&w);
		sr_buf_putc(&out, '\n');
		sr_cli_write(out.data, out.len);
	} else if (!cli->quiet) {
		printf("%lld stored article%s (copies counted once) match %s\n", (long long)total,
		       total == 1 ? "" : "s", o.query);
	}
	sr_buf_release(&q);
	sr_buf_release(&out);
	sr_store_close(s);
	return status;
}

int cmd_watch(int argc, char **argv, sr_cli *cli)
{
	if (sr_cli_wants_help(argc, argv) || argc < 2) {
		sr_cli_usage("watch", argc < 2 ? stderr : stdout);
		return argc < 2 ? SR_EXIT_USAGE : SR_EXIT_OK;
	}
	const char *sub = argv[1];
	if (!strcmp(sub, "add"))
		return watch_add(argc, argv, cli);
	if (!strcmp(sub, "list") || !strcmp(sub, "ls"))
		return watch_list(argc, argv, cli);
	if (!strcmp(sub, "rm") || !strcmp(sub, "remove"))
		return watch_rm(argc, argv, cli);
	if (!strcmp(sub, "test"))
		return watch_test(argc, argv, cli);
	fprintf(stderr, "sitrep watch: unknown subcommand '%s'\n\n", sub);
	sr_cli_usage("watch", stderr);
	return SR_EXIT_USAGE;
}

/* ---- alerts ---- */

enum { OUT_TEXT, OUT_JSON, OUT_ATOM };

typedef struct alerts_ctx {
	int mode;
	int lines;      /* JSON: one object per line (--follow) */
	int64_t last_id;
	int n;
	sr_buf *out;
	sr_jw *w;
	sr_atom *atom; /* OUT_ATOM: the feed being written (watch/atom.h) */
} alerts_ctx;

static int alert_out(void *ctx, const sr_alert *a)
{
	alerts_ctx *c = ctx;
	char when[21];
	sr_iso_format(a->created, when);
	if (a->id > c->last_id)
		c->last_id = a->id;
	c->n++;
	if (c->mode == OUT_JSON) {
		sr_jw *w = c->w;
		if (c->lines)
			sr_jw_init(w, c->out);
		sr_jw_obj(w);
		sr_jw_key(w, "id");
		sr_jw_int(w, a->id);
		sr_jw_key(w, "watchlist");
		sr_jw_str(w, a->watchlist);
		sr_jw_key(w, "created");
		sr_jw_str(w, when);
		sr_jw_key(w, "article");
		sr_jw_int(w, a->article_id);
		sr_jw_key(w, "title");
		sr_jw_str(w, a->title);
		sr_jw_key(w, "url");
		sr_jw_str(w, a->url);
		sr_jw_key(w, "site_name");
		sr_jw_str(w, a->site_name);
		sr_jw_key(w, "published");
		sr_jw_str(w, a->published);
		sr_jw_key(w, "delivery");
		sr_jw_str(w, a->delivery == 1 ? "pending" : a->delivery == 2 ? "delivered" :
			     a->delivery == 3 ? "dead" : "none");
		sr_jw_key(w, "attempts");
		sr_jw_int(w, a->attempts);
		sr_jw_end(w);
		if (c->lines)
			sr_buf_putc(c->out, '\n');
	} else if (c->mode == OUT_ATOM) {
		sr_atom_add(c->atom, a); /* errors are sticky: sr_atom_finish reports them */
	} else {
		printf("%s  %-16s %6lld  %s  (%s)\n", when, a->watchlist, (long long)a->article_id,
		       a->title ? a->title : "(untitled)", a->site_name ? a->site_name : a->url ? a->url : "");
		fflush(stdout);
	}
	return 0;
}

static volatile sig_atomic_t stop_follow;
static void on_signal(int sig)
{
	(void)sig;
	stop_follow = 1;
}

int cmd_alerts(int argc, char **argv, sr_cli *cli)
{
	sr_alert_opts o = {0};
	int mode = OUT_TEXT, follow = 0, deliver = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--json"))
			mode = OUT_JSON;
		else if (!strcmp(a, "--atom"))
			mode = OUT_ATOM;
		else if (!strcmp(a, "--follow"))
			follow = 1;
		else if (!strcmp(a, "--deliver"))
			deliver = 1;
		else if (!strcmp(a, "--watch") && i + 1 < argc)
			o.watch = argv[++i];
		else if (!strcmp(a, "--limit") && i + 1 < argc) {
			o.limit = sr_cli_parse_int(argv[++i]);
			if (o.limit < 1 || o.limit > 100000) {
				fprintf(stderr, "sitrep alerts: --limit takes 1..100000\n");
				return SR_EXIT_USAGE;
			}
		} else if (!strcmp(a, "--since") && i + 1 < argc) {
			if (sr_cli_parse_when(argv[++i], 0, &o.since)) {
				fprintf(stderr, "sitrep alerts: --since takes a span (24h, 7d) or a date, not '%s'\n", argv[i]);
				return SR_EXIT_USAGE;
			}
		} else {
			fprintf(stderr, "sitrep alerts: unexpected argument '%s'\n\n", a);
			sr_cli_usage("alerts", stderr);
			return SR_EXIT_USAGE;
		}
	}
	if (follow && mode != OUT_TEXT && mode != OUT_JSON) {
		fprintf(stderr, "sitrep alerts: --follow writes text or JSON lines, not Atom\n");
		return SR_EXIT_USAGE;
	}
	sr_store *s = sr_cli_open_store(cli, 0);
	if (!s)
		return SR_EXIT_FAIL;
	int status = SR_EXIT_OK;
	if (deliver) {
		int ok = 0, bad = 0;
		curl_global_init(CURL_GLOBAL_DEFAULT);
		sr_webhook hook = {.agent = "sitrep/" SITREP_VERSION " (webhook)"};
		int rc = sr_watch_deliver(s, (int64_t)time(NULL), sr_webhook_post, &hook, &ok, &bad);
		curl_global_cleanup();
		if (rc) {
			fprintf(stderr, "sitrep alerts --deliver: %s\n", sr_store_errmsg(s));
			sr_store_close(s);
			return SR_EXIT_FAIL;
		}
		if (!cli->quiet)
			fprintf(stderr, "webhooks: %d delivered, %d failed (retried later, dead letter after %d tries)\n",
				ok, bad, SR_WATCH_MAX_ATTEMPTS);
		sr_store_close(s);
		return bad ? SR_EXIT_PARTIAL : SR_EXIT_OK;
	}
	sr_buf b;
	sr_buf_init(&b, 256 << 20);
	sr_jw w;
	sr_jw_init(&w, &b);
	sr_atom atom;
	sr_atom_init(&atom, 256 << 20);
	alerts_ctx c = {.mode = mode, .lines = follow, .out = &b, .w = &w, .atom = &atom};
	if (mode == OUT_JSON && !follow) {
		sr_jw_obj(&w);
		sr_jw_key(&w, "alerts");
		sr_jw_arr(&w);
	}
	int rc = sr_alerts_each(s, &o, alert_out, &c);
	if (rc == SR_ENOTFOUND) {
		fprintf(stderr, "sitrep alerts: no watchlist named '%s'\n", o.watch);
		status = SR_EXIT_FAIL;
		goto out;
	} else if (rc) {
		fprintf(stderr, "sitrep alerts: %s\n", sr_store_errmsg(s));
		status = SR_EXIT_FAIL;
		goto out;
	}
	if (mode == OUT_JSON && !follow) {
		sr_jw_end(&w);
		sr_jw_end(&w);
		sr_buf_putc(&b, '\n');
	} else if (mode == OUT_ATOM) {
		sr_atom_head head = {.watch = o.watch, .now = (int64_t)time(NULL)};
		if ((rc = sr_atom_finish(&atom, &head, &b))) {
			fprintf(stderr, "sitrep alerts --atom: %s\n", sr_strerror(rc));
			status = SR_EXIT_FAIL;
			goto out;
		}
	}
	if (b.len)
		sr_cli_write(b.data, b.len);
	fflush(stdout);
	if (follow) {
		signal(SIGINT, on_signal);
		signal(SIGTERM, on_signal);
		o.after_id = c.last_id;
		if (!o.after_id) {
			/* nothing shown: follow from the newest alert */
			sqlite3_stmt *st = NULL;
			if (sqlite3_prepare_v2(sr_store_db(s), "SELECT coalesce(max(id), 0) FROM alerts", -1, &st,
					       NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
				o.after_id = sqlite3_column_int64(st, 0);
			sqlite3_finalize(st);
		}
		while (!stop_follow) {
			sleep(1);
			sr_buf_reset(&b);
			c.n = 0;
			if (sr_alerts_each(s, &o, alert_out, &c))
				break;
			if (b.len && (sr_cli_write(b.data, b.len) || fflush(stdout)))
				break;
			o.after_id = c.last_id;
		}
	}
out:
	sr_atom_release(&atom);
	sr_buf_release(&b);
	sr_store_close(s);
	return status;
}
