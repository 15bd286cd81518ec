/*
 * watch_store.c - watchlists and alerts in the store (see watch_store.h).
 */
#include "store/watch_store.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/json.h"
#include "watch/percolate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char sr_watch_schema_sql[] =
	"CREATE TABLE watchlists ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  query TEXT NOT NULL,"
	"  webhook TEXT,"
	"  created INTEGER NOT NULL"
	");"
	"CREATE TABLE alerts ("
	"  id INTEGER PRIMARY KEY,"
	"  watchlist_id INTEGER NOT NULL REFERENCES watchlists(id) ON DELETE CASCADE,"
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
	"  created INTEGER NOT NULL,"
	"  delivery INTEGER NOT NULL DEFAULT 0,"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  next_try INTEGER,"
	"  last_error TEXT,"
	"  UNIQUE(watchlist_id, article_id)"
	");"
	"CREATE INDEX alerts_created ON alerts(created);"
	"CREATE INDEX alerts_article ON alerts(article_id);"
	"CREATE INDEX alerts_pending ON alerts(next_try) WHERE delivery = 1;"
	"CREATE TABLE watch_meta (k INTEGER PRIMARY KEY CHECK (k = 1), version INTEGER NOT NULL);"
	"INSERT INTO watch_meta VALUES (1, 0);"
	"CREATE TRIGGER watchlists_ai AFTER INSERT ON watchlists BEGIN"
	"  UPDATE watch_meta SET version = version + 1 WHERE k = 1; END;"
	"CREATE TRIGGER watchlists_ad AFTER DELETE ON watchlists BEGIN"
	"  UPDATE watch_meta SET version = version + 1 WHERE k = 1; END;"
	"CREATE TRIGGER watchlists_au AFTER UPDATE ON watchlists BEGIN"
	"  UPDATE watch_meta SET version = version + 1 WHERE k = 1; END;";

enum { W_VERSION, W_LOAD, W_ARTICLE, W_TAGS, W_ENTS, W_INSERT, W_N };

static const char *const w_sql[W_N] = {
	[W_VERSION] = "SELECT version FROM watch_meta WHERE k = 1",
	[W_LOAD] = "SELECT id, query FROM watchlists ORDER BY id",
	[W_ARTICLE] = "SELECT title, text, lang, site_name, canon, story_id, time FROM articles WHERE id = ?1",
	[W_TAGS] = "SELECT json_each.value FROM articles, json_each(articles.tags) WHERE articles.id = ?1",
	[W_ENTS] = "SELECT DISTINCT e.key, e.alias FROM mentions m JOIN entities e ON e.id = m.entity_id"
		   " WHERE m.article_id = ?1",
	[W_INSERT] = "INSERT OR IGNORE INTO alerts(watchlist_id, article_id, created, delivery)"
		     " SELECT id, ?2, ?3, CASE WHEN webhook IS NULL OR webhook = '' THEN 0 ELSE 1 END"
		     " FROM watchlists WHERE id = ?1",
};

struct sr_watch_stage {
	sqlite3_stmt *q[W_N];
	sr_percolator *perc;
	int64_t version;     /* of watch_meta when perc was loaded; -1 before */
	sr_arena arena;      /* per article: tags and entity keys */
	int64_t alerts;
	int rc;
};

void sr_watch_stage_close(sr_watch_stage *ws)
{
	if (!ws)
		return;
	for (int i = 0; i < W_N; i++)
		sqlite3_finalize(ws->q[i]);
	sr_percolator_free(ws->perc);
	sr_arena_release(&ws->arena);
	free(ws);
}

int64_t sr_watch_stage_alerts(const sr_watch_stage *ws)
{
	return ws ? ws->alerts : 0;
}

static int stage_open(sr_watch_stage **out, sr_store *s)
{
	sr_watch_stage *ws = calloc(1, sizeof(*ws));
	if (!ws)
		return SR_ENOMEM;
	ws->version = -1;
	sr_arena_init(&ws->arena, 0);
	for (int i = 0; i < W_N; i++) {
		if (sqlite3_prepare_v3(sr_store_db(s), w_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &ws->q[i],
				       NULL) != SQLITE_OK) {
			sr_watch_stage_close(ws);
			return SR_EDB;
		}
	}
	*out = ws;
	return SR_OK;
}

/* Reload the watchlists when watch_meta's version moved. */
static int refresh(sr_watch_stage *ws)
{
	sqlite3_stmt *v = ws->q[W_VERSION];
	int r = sqlite3_step(v);
	int64_t version = r == SQLITE_ROW ? sqlite3_column_int64(v, 0) : -2;
	sqlite3_reset(v);
	if (r != SQLITE_ROW)
		return SR_EDB;
	if (version == ws->version && ws->perc)
		return SR_OK;
	sr_percolator *p = sr_percolator_new();
	if (!p)
		return SR_ENOMEM;
	sqlite3_stmt *l = ws->q[W_LOAD];
	int64_t now = (int64_t)time(NULL);
	int rc = SR_OK;
	while (!rc && (r = sqlite3_step(l)) == SQLITE_ROW) {
		sr_query_error e;
		const char *q = (const char *)sqlite3_column_text(l, 1);
		int arc = sr_percolator_add(p, sqlite3_column_int64(l, 0), q ? q : "", now, &e);
		if (arc == SR_ENOMEM)
			rc = arc; /* a query that no longer compiles is skipped */
	}
	if (!rc && r != SQLITE_ROW && r != SQLITE_DONE)
		rc = SR_EDB;
	sqlite3_reset(l);
	if (rc) {
		sr_percolator_free(p);
		return rc;
	}
	sr_percolator_free(ws->perc);
	ws->perc = p;
	ws->version = version;
	return SR_OK;
}

typedef struct insert_ctx {
	sr_watch_stage *ws;
	int64_t article, now;
} insert_ctx;

static int insert_alert(void *ctx, int64_t watch)
{
	insert_ctx *c = ctx;
	sqlite3_stmt *in = c->ws->q[W_INSERT];
	sqlite3_bind_int64(in, 1, watch);
	sqlite3_bind_int64(in, 2, c->article);
	sqlite3_bind_int64(in, 3, c->now);
	int r = sqlite3_step(in);
	sqlite3_reset(in);
	if (r != SQLITE_DONE)
		return SR_EDB;
	c->ws->alerts += sqlite3_changes(sqlite3_db_handle(in));
	return SR_OK;
}

static const char *col_dup(sr_arena *a, sqlite3_stmt *st, int col)
{
	const char *t = (const char *)sqlite3_column_text(st, col);
	return t ? sr_arena_strdup(a, t) : NULL;
}

int sr_watch_stage_article(sr_watch_stage **wsp, sr_store *s, int64_t id)
{
	int rc;
	if (!*wsp && (rc = stage_open(wsp, s)))
		return rc;
	sr_watch_stage *ws = *wsp;
	if ((rc = refresh(ws)))
		return rc;
	if (!sr_percolator_count(ws->perc))
		return SR_OK;
	sr_arena_reset(&ws->arena);
	sr_watch_article a;
	memset(&a, 0, sizeof(a));
	/* tags and entities first (copied), then the article row, kept while matching */
	sqlite3_stmt *t = ws->q[W_TAGS];
	size_t cap = 0;
	const char **tags = NULL;
	sqlite3_bind_int64(t, 1, id);
	while (sqlite3_step(t) == SQLITE_ROW) {
		if (a.n_tags == cap) {
			size_t nc = cap ? cap * 2 : 8;
			const char **nt = sr_arena_alloc(&ws->arena, nc * sizeof(*nt));
			if (!nt) {
				sqlite3_reset(t);
				return SR_ENOMEM;
			}
			if (a.n_tags)
				memcpy(nt, tags, a.n_tags * sizeof(*nt));
			tags = nt;
			cap = nc;
		}
		tags[a.n_tags++] = col_dup(&ws->arena, t, 0);
	}
	sqlite3_reset(t);
	a.tags = tags;
	if (sr_percolator_needs_entities(ws->perc)) {
		sqlite3_stmt *e = ws->q[W_ENTS];
		const char **keys = NULL, **aliases = NULL;
		cap = 0;
		sqlite3_bind_int64(e, 1, id);
		while (sqlite3_step(e) == SQLITE_ROW) {
			if (a.n_ents == cap) {
				size_t nc = cap ? cap * 2 : 16;
				const char **nk = sr_arena_alloc(&ws->arena, nc * sizeof(*nk));
				const char **na = sr_arena_alloc(&ws->arena, nc * sizeof(*na));
				if (!nk || !na) {
					sqlite3_reset(e);
					return SR_ENOMEM;
				}
				if (a.n_ents) {
					memcpy(nk, keys, a.n_ents * sizeof(*nk));
					memcpy(na, aliases, a.n_ents * sizeof(*na));
				}
				keys = nk;
				aliases = na;
				cap = nc;
			}
			keys[a.n_ents] = col_dup(&ws->arena, e, 0);
			aliases[a.n_ents++] = col_dup(&ws->arena, e, 1);
		}
		sqlite3_reset(e);
		a.ent_keys = keys;
		a.ent_aliases = aliases;
	}
	sqlite3_stmt *ar = ws->q[W_ARTICLE];
	sqlite3_bind_int64(ar, 1, id);
	if (sqlite3_step(ar) != SQLITE_ROW) {
		sqlite3_reset(ar);
		return SR_OK; /* not stored: nothing to match */
	}
	a.title = (const char *)sqlite3_column_text(ar, 0);
	a.text = (const char *)sqlite3_column_text(ar, 1);
	a.lang = (const char *)sqlite3_column_text(ar, 2);
	a.site_name = (const char *)sqlite3_column_text(ar, 3);
	a.canon = (const char *)sqlite3_column_text(ar, 4);
	a.story = sqlite3_column_int64(ar, 5);
	a.time = sqlite3_column_int64(ar, 6);
	insert_ctx c = {.ws = ws, .article = id, .now = (int64_t)time(NULL)};
	rc = sr_percolate(ws->perc, &a, 0, insert_alert, &c, NULL);
	sqlite3_reset(ar);
	return rc;
}

/* ---- management ---- */

static int valid_name(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > SR_WATCH_NAME_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return 0;
	return 1;
}

int sr_watch_add(sr_store *s, const char *name, const char *query, const char *webhook,
		 sr_query_error *err)
{
	/* compiled as the writer will: a construct the percolator cannot read (one added to
	 * the query language later) is refused here rather than skipped at ingest */
	sr_percolator *p = sr_percolator_new();
	if (!p)
		return SR_ENOMEM;
	int rc = sr_percolator_add(p, 0, query, (int64_t)time(NULL), err);
	sr_percolator_free(p);
	if (rc)
		return rc;
	if (!valid_name(name))
		return SR_EINVAL;
	if (webhook && *webhook && strncmp(webhook, "http://", 7) && strncmp(webhook, "https://", 8))
		return SR_EINVAL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(sr_store_db(s),
			       "INSERT INTO watchlists(name, query, webhook, created) VALUES (?1, ?2, ?3, ?4)",
			       -1, &st, NULL) != SQLITE_OK)
		return SR_EDB;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, query, -1, SQLITE_STATIC);
	if (webhook && *webhook)
		sqlite3_bind_text(st, 3, webhook, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (int64_t)time(NULL));
	int r = sqlite3_step(st);
	sqlite3_finalize(st);
	if ((r & 0xff) == SQLITE_CONSTRAINT) {
		err->column = 0;
		snprintf(err->message, sizeof(err->message), "a watchlist named '%.100s' exists", name);
		return SR_EPARSE;
	}
	return r == SQLITE_DONE ? SR_OK : SR_EDB;
}

int sr_watch_remove(sr_store *s, const char *name)
{
	sqlite3 *db = sr_store_db(s);
	sqlite3_stmt *a = NULL, *w = NULL;
	int rc = SR_EDB;
	/* a savepoint, so that it also runs inside a caller's transaction (the server's) */
	if (sqlite3_exec(db, "SAVEPOINT watch_remove", NULL, NULL, NULL) != SQLITE_OK)
		return SR_EDB;
	if (sqlite3_prepare_v2(db, "DELETE FROM alerts WHERE watchlist_id IN (SELECT id FROM watchlists WHERE name = ?1)",
			       -1, &a, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "DELETE FROM watchlists WHERE name = ?1", -1, &w, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(a, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(w, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(a) != SQLITE_DONE || sqlite3_step(w) != SQLITE_DONE)
		goto out;
	rc = sqlite3_changes(db) ? SR_OK : SR_ENOTFOUND;
out:
	sqlite3_finalize(a);
	sqlite3_finalize(w);
	if (rc != SR_OK)
		sqlite3_exec(db, "ROLLBACK TO watch_remove", NULL, NULL, NULL);
	if (sqlite3_exec(db, "RELEASE watch_remove", NULL, NULL, NULL) != SQLITE_OK && rc == SR_OK)
		rc = SR_EDB;
	return rc;
}

int sr_watch_query(sr_store *s, const char *name, sr_buf *out)
{
	sqlite3_stmt *st = NULL;
	int rc = SR_EDB;
	if (sqlite3_prepare_v2(sr_store_db(s), "SELECT query FROM watchlists WHERE name = ?1", -1, &st,
			       NULL) != SQLITE_OK)
		return SR_EDB;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		rc = sr_buf_puts(out, (const char *)sqlite3_column_text(st, 0)) ? SR_ETOOBIG : SR_OK;
	else if (r == SQLITE_DONE)
		rc = SR_ENOTFOUND;
	sqlite3_finalize(st);
	return rc;
}

int sr_watch_list_json(sr_store *s, sr_buf *out)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(sr_store_db(s),
			       "SELECT w.id, w.name, w.query, w.webhook, w.created,"
			       " (SELECT count(*) FROM alerts a WHERE a.watchlist_id = w.id),"
			       " (SELECT max(created) FROM alerts a WHERE a.watchlist_id = w.id)"
			       " FROM watchlists w ORDER BY w.name",
			       -1, &st, NULL) != SQLITE_OK)
		return SR_EDB;
	sr_jw w;
	sr_jw_init(&w, out);
	sr_jw_obj(&w);
	sr_jw_key(&w, "watchlists");
	sr_jw_arr(&w);
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		sr_jw_obj(&w);
		sr_jw_key(&w, "id");
		sr_jw_int(&w, sqlite3_column_int64(st, 0));
		sr_jw_key(&w, "name");
		sr_jw_str(&w, (const char *)sqlite3_column_text(st, 1));
		sr_jw_key(&w, "query");
		sr_jw_str(&w, (const char *)sqlite3_column_text(st, 2));
		sr_jw_key(&w, "webhook");
		sr_jw_str(&w, (const char *)sqlite3_column_text(st, 3));
		sr_jw_key(&w, "created");
		sr_jw_int(&w, sqlite3_column_int64(st, 4));
		sr_jw_key(&w, "alerts");
		sr_jw_int(&w, sqlite3_column_int64(st, 5));
		sr_jw_key(&w, "last_alert");
		if (sqlite3_column_type(st, 6) == SQLITE_NULL)
			sr_jw_null(&w);
		else
			sr_jw_int(&w, sqlite3_column_int64(st, 6));
		sr_jw_end(&w);
	}
	sr_jw_end(&w);
	sr_jw_end(&w);
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return SR_EDB;
	return w.rc ? SR_ETOOBIG : SR_OK;
}

int sr_alerts_each(sr_store *s, const sr_alert_opts *o, int (*fn)(void *ctx, const sr_alert *a),
		   void *ctx)
{
	sqlite3 *db = sr_store_db(s);
	sqlite3_stmt *st = NULL;
	int rc = SR_OK;
	if (o->watch) {
		sr_buf tmp;
		sr_buf_init(&tmp, SR_QUERY_MAX + 1);
		rc = sr_watch_query(s, o->watch, &tmp);
		sr_buf_release(&tmp);
		if (rc)
			return rc;
	}
	char sql[900];
	snprintf(sql, sizeof(sql),
		 "SELECT al.id, al.watchlist_id, al.article_id, al.created, w.name, a.title, a.url,"
		 " a.site_name, a.published, a.time, al.delivery, al.attempts"
		 " FROM alerts al JOIN watchlists w ON w.id = al.watchlist_id"
		 " JOIN articles a ON a.id = al.article_id"
		 " WHERE (?1 IS NULL OR w.name = ?1) AND al.created >= ?2 AND al.id > ?3"
		 " ORDER BY al.id %s LIMIT ?4",
		 o->after_id > 0 ? "ASC" : "DESC");
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return SR_EDB;
	if (o->watch)
		sqlite3_bind_text(st, 1, o->watch, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, o->since);
	sqlite3_bind_int64(st, 3, o->after_id);
	sqlite3_bind_int(st, 4, o->limit > 0 ? o->limit : 100);
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		sr_alert a;
		a.id = sqlite3_column_int64(st, 0);
		a.watchlist_id = sqlite3_column_int64(st, 1);
		a.article_id = sqlite3_column_int64(st, 2);
		a.created = sqlite3_column_int64(st, 3);
		a.watchlist = (const char *)sqlite3_column_text(st, 4);
		a.title = (const char *)sqlite3_column_text(st, 5);
		a.url = (const char *)sqlite3_column_text(st, 6);
		a.site_name = (const char *)sqlite3_column_text(st, 7);
		a.published = (const char *)sqlite3_column_text(st, 8);
		a.time = sqlite3_column_int64(st, 9);
		a.delivery = sqlite3_column_int(st, 10);
		a.attempts = sqlite3_column_int(st, 11);
		if ((rc = fn(ctx, &a)))
			break;
	}
	if (!rc && r != SQLITE_DONE)
		rc = SR_EDB;
	sqlite3_finalize(st);
	return rc;
}

/* ---- webhooks ---- */

#define CLAIM_SECS 300 /* longer than any one post may take */

typedef struct pending {
	int64_t id;
	int attempts;
	char *url;
	char *body;
} pending;

int sr_watch_deliver(sr_store *s, int64_t now, sr_watch_post_fn post, void *ctx, int *delivered,
		     int *failed)
{
	sqlite3 *db = sr_store_db(s);
	sqlite3_stmt *st = NULL, *up = NULL, *claim = NULL;
	pending *ps = NULL;
	size_t n = 0;
	int rc = SR_EDB;
	*delivered = *failed = 0;
	if (sqlite3_prepare_v2(db,
			       "SELECT al.id, al.attempts, w.webhook, w.name, w.query, al.article_id, a.title,"
			       " a.url, a.site_name, a.published, al.created"
			       " FROM alerts al JOIN watchlists w ON w.id = al.watchlist_id"
			       " JOIN articles a ON a.id = al.article_id"
			       " WHERE al.delivery = 1 AND coalesce(al.next_try, 0) <= ?1"
			       " ORDER BY al.id LIMIT 200",
			       -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
			       "UPDATE alerts SET delivery = ?2, attempts = ?3, next_try = ?4, last_error = ?5"
			       " WHERE id = ?1",
			       -1, &up, NULL) != SQLITE_OK)
		goto out;
	/* a claim: the alert is taken for CLAIM_SECS by whoever changes its next_try first,
	 * so that two processes delivering at once (serve and poll) never post it twice */
	if (sqlite3_prepare_v2(db,
			       "UPDATE alerts SET next_try = ?2 WHERE id = ?1 AND delivery = 1"
			       " AND coalesce(next_try, 0) <= ?3",
			       -1, &claim, NULL) != SQLITE_OK)
		goto out;
	ps = calloc(200, sizeof(*ps));
	if (!ps) {
		rc = SR_ENOMEM;
		goto out;
	}
	sqlite3_bind_int64(st, 1, now);
	int sr = SQLITE_DONE;
	while (n < 200 && (sr = sqlite3_step(st)) == SQLITE_ROW) {
		sr_buf b;
		sr_buf_init(&b, 1 << 20);
		sr_jw w;
		sr_jw_init(&w, &b);
		sr_jw_obj(&w);
		sr_jw_key(&w, "alert");
		sr_jw_int(&w, sqlite3_column_int64(st, 0));
		sr_jw_key(&w, "watchlist");
		sr_jw_str(&w, (const char *)sqlite3_column_text(st, 3));
		sr_jw_key(&w, "query");
		sr_jw_str(&w, (const char *)sqlite3_column_text(st, 4));
		sr_jw_key(&w, "created");
		sr_jw_int(&w, sqlite3_column_int64(st, 10));
		sr_jw_key(&w, "article");
		sr_jw_obj(&w);
		sr_jw_key(&w, "id");
		sr_jw_int(&w, sqlite3_column_int64(st, 5));
		sr_jw_key(&w, "title");
		sr_jw_str(&w, (const char *)sqlite3_column_text(st, 6));
		sr_jw_key(&w, "url");
		sr_jw_str(&w, (const char *)sqlite3_column_text(st, 7));
		sr_jw_key(&w, "site_name");
		sr_jw_str(&w, (const char *)sqlite3_column_text(st, 8));
		sr_jw_key(&w, "published");
		sr_jw_str(&w, (const char *)sqlite3_column_text(st, 9));
		sr_jw_end(&w);
		sr_jw_end(&w);
		const char *url = (const char *)sqlite3_column_text(st, 2);
		ps[n].id = sqlite3_column_int64(st, 0);
		ps[n].attempts = sqlite3_column_int(st, 1);
		ps[n].url = url ? strdup(url) : NULL;
		ps[n].body = w.rc ? NULL : sr_buf_detach(&b, NULL);
		sr_buf_release(&b);
		if (!ps[n].url || !ps[n].body) {
			free(ps[n].url);
			free(ps[n].body);
			continue;
		}
		n++;
	}
	if (n < 200 && sr != SQLITE_DONE)
		goto out; /* SR_EDB: a busy or broken read is not "nothing pending" */
	sqlite3_finalize(st);
	st = NULL;
	/* post outside any transaction; record each outcome at once */
	for (size_t i = 0; i < n; i++) {
		char err[256] = "";
		/* claimed from the time of this post: the posts before it may have taken
		 * longer than CLAIM_SECS (each can wait for its timeout) */
		int64_t t = (int64_t)time(NULL), at = t > now ? t : now;
		sqlite3_bind_int64(claim, 1, ps[i].id);
		sqlite3_bind_int64(claim, 2, at + CLAIM_SECS);
		sqlite3_bind_int64(claim, 3, now);
		int cr = sqlite3_step(claim);
		sqlite3_reset(claim);
		if (cr != SQLITE_DONE)
			goto out;
		if (sqlite3_changes(db) != 1)
			continue; /* another process has it */
		int pr = post(ctx, ps[i].url, ps[i].body, err, sizeof(err));
		if (pr > 0) {
			/* abandoned (stopping): due again at once, no attempt counted */
			sqlite3_bind_int64(claim, 1, ps[i].id);
			sqlite3_bind_int64(claim, 2, now);
			sqlite3_bind_int64(claim, 3, now + CLAIM_SECS);
			sqlite3_step(claim);
			sqlite3_reset(claim);
			break;
		}
		int ok = pr == 0;
		int attempts = ps[i].attempts + 1;
		int64_t backoff = 60;
		for (int k = 1; k < attempts; k++)
			backoff *= 5;
		sqlite3_bind_int64(up, 1, ps[i].id);
		sqlite3_bind_int(up, 2, ok ? 2 : attempts >= SR_WATCH_MAX_ATTEMPTS ? 3 : 1);
		sqlite3_bind_int(up, 3, attempts);
		if (ok || attempts >= SR_WATCH_MAX_ATTEMPTS)
			sqlite3_bind_null(up, 4);
		else
			sqlite3_bind_int64(up, 4, at + backoff);
		if (ok)
			sqlite3_bind_null(up, 5);
		else
			sqlite3_bind_text(up, 5, err[0] ? err : "failed", -1, SQLITE_TRANSIENT);
		int r = sqlite3_step(up);
		sqlite3_reset(up);
		if (r != SQLITE_DONE)
			goto out;
		if (ok)
			(*delivered)++;
		else
			(*failed)++;
	}
	rc = SR_OK;
out:
	for (size_t i = 0; i < n; i++) {
		free(ps[i].url);
		free(ps[i].body);
	}
	free(ps);
	sqlite3_finalize(st);
	sqlite3_finalize(up);
	sqlite3_finalize(claim);
	return rc;
}
