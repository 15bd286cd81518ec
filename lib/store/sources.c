/*
 * sources.c - the source registry (see sources.h for the tables).
 */
#include "store/sources.h"

#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/json.h"

const char sr_sources_schema_sql[] =
	"CREATE TABLE sources ("
	"  id INTEGER PRIMARY KEY,"
	"  url TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('feed', 'sitemap', 'page')),"
	"  name TEXT,"
	"  every_secs INTEGER NOT NULL DEFAULT 900,"
	"  added_at INTEGER NOT NULL,"
	"  etag TEXT, last_modified TEXT,"
	"  last_polled INTEGER, last_ok INTEGER,"
	"  last_error TEXT, last_error_at INTEGER,"
	"  failures INTEGER NOT NULL DEFAULT 0,"
	"  next_due INTEGER NOT NULL DEFAULT 0,"
	"  via TEXT"
	");"
	"CREATE INDEX sources_due ON sources(next_due);"
	"CREATE TABLE source_items ("
	"  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
	"  url TEXT NOT NULL,"
	"  published INTEGER,"
	"  first_seen INTEGER NOT NULL,"
	"  fetched_at INTEGER,"
	"  doc_id INTEGER,"
	"  status TEXT NOT NULL,"
	"  attempts INTEGER NOT NULL DEFAULT 1,"
	"  PRIMARY KEY (source_id, url)"
	") WITHOUT ROWID;"
	"CREATE INDEX source_items_url ON source_items(url);"
	"CREATE INDEX source_items_seen ON source_items(source_id, first_seen);";

static int prep(sr_store *s, const char *sql, sqlite3_stmt **st)
{
	return sqlite3_prepare_v2(sr_store_db(s), sql, -1, st, NULL) == SQLITE_OK ? SR_OK : SR_EDB;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static void bind_opt(sqlite3_stmt *st, int i, int64_t v)
{
	if (v)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

int sr_sources_add(sr_store *s, const char *url, const char *kind, const char *name,
		   int64_t every_secs, const char *via, int64_t now, int64_t *id)
{
	sqlite3_stmt *st = NULL;
	int rc;
	*id = 0;
	if ((rc = prep(s, "SELECT id FROM sources WHERE url = ?1", &st)))
		return rc;
	bind_text(st, 1, url);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		return SR_EINVAL;
	}
	sqlite3_finalize(st);
	if ((rc = prep(s,
		       "INSERT INTO sources(url, kind, name, every_secs, added_at, next_due, via)"
		       " VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6)",
		       &st)))
		return rc;
	bind_text(st, 1, url);
	bind_text(st, 2, kind);
	bind_text(st, 3, name);
	sqlite3_bind_int64(st, 4, every_secs);
	sqlite3_bind_int64(st, 5, now);
	bind_text(st, 6, via);
	rc = sqlite3_step(st) == SQLITE_DONE ? SR_OK : SR_EDB;
	sqlite3_finalize(st);
	if (!rc)
		*id = sqlite3_last_insert_rowid(sr_store_db(s));
	return rc;
}

int sr_sources_remove(sr_store *s, const char *key)
{
	sqlite3_stmt *st = NULL;
	int rc;
	char *end;
	long long id = strtoll(key, &end, 10);
	int by_id = *key && !*end;
	/* source_items goes explicitly (foreign keys may be off on this connection) */
	if ((rc = prep(s,
		       by_id ? "DELETE FROM source_items WHERE source_id = ?1"
			     : "DELETE FROM source_items WHERE source_id = (SELECT id FROM sources WHERE url = ?1)",
		       &st)))
		return rc;
	if (by_id)
		sqlite3_bind_int64(st, 1, id);
	else
		bind_text(st, 1, key);
	rc = sqlite3_step(st) == SQLITE_DONE ? SR_OK : SR_EDB;
	sqlite3_finalize(st);
	if (rc)
		return rc;
	if ((rc = prep(s, by_id ? "DELETE FROM sources WHERE id = ?1" : "DELETE FROM sources WHERE url = ?1", &st)))
		return rc;
	if (by_id)
		sqlite3_bind_int64(st, 1, id);
	else
		bind_text(st, 1, key);
	rc = sqlite3_step(st) == SQLITE_DONE ? SR_OK : SR_EDB;
	sqlite3_finalize(st);
	if (!rc && sqlite3_changes(sr_store_db(s)) == 0)
		rc = SR_ENOTFOUND;
	return rc;
}

static const char *col_str(sqlite3_stmt *st, int i, sr_arena *a)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t ? sr_arena_strdup(a, t) : NULL;
}

int sr_sources_list(sr_store *s, int64_t due, sr_arena *a, sr_source **v, size_t *n)
{
	sqlite3_stmt *st = NULL;
	int rc;
	*v = NULL;
	*n = 0;
	if ((rc = prep(s,
		       "SELECT id, url, kind, name, every_secs, etag, last_modified, last_polled,"
		       " last_ok, next_due, last_error, failures, via FROM sources"
		       " WHERE next_due <= ?1 ORDER BY next_due, id",
		       &st)))
		return rc;
	sqlite3_bind_int64(st, 1, due);
	size_t cap = 0;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			size_t nc = cap ? cap * 2 : 64;
			sr_source *nv = sr_arena_alloc(a, nc * sizeof(*nv));
			if (!nv) {
				rc = SR_ENOMEM;
				goto out;
			}
			if (*n)
				memcpy(nv, *v, *n * sizeof(*nv));
			*v = nv;
			cap = nc;
		}
		sr_source *x = &(*v)[(*n)++];
		x->id = sqlite3_column_int64(st, 0);
		x->url = col_str(st, 1, a);
		x->kind = col_str(st, 2, a);
		x->name = col_str(st, 3, a);
		x->every_secs = sqlite3_column_int64(st, 4);
		x->etag = col_str(st, 5, a);
		x->last_modified = col_str(st, 6, a);
		x->last_polled = sqlite3_column_int64(st, 7);
		x->last_ok = sqlite3_column_int64(st, 8);
		x->next_due = sqlite3_column_int64(st, 9);
		x->last_error = col_str(st, 10, a);
		x->failures = sqlite3_column_int(st, 11);
		x->via = col_str(st, 12, a);
		if (!x->url || !x->kind) {
			rc = SR_ENOMEM;
			goto out;
		}
	}
	rc = step == SQLITE_DONE ? SR_OK : SR_EDB;
out:
	sqlite3_finalize(st);
	return rc;
}

int sr_sources_next_due(sr_store *s, int64_t *t)
{
	sqlite3_stmt *st = NULL;
	int rc;
	if ((rc = prep(s, "SELECT min(next_due) FROM sources", &st)))
		return rc;
	rc = SR_ENOTFOUND;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*t = sqlite3_column_int64(st, 0);
		rc = SR_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

int sr_sources_record(sr_store *s, int64_t id, int64_t now, int ok, const char *error,
		      const char *etag, const char *last_modified, int64_t next_due)
{
	sqlite3_stmt *st = NULL;
	int rc;
	const char *sql =
		ok ? "UPDATE sources SET last_polled = ?2, last_ok = ?2, last_error = NULL, failures = 0,"
		     " etag = coalesce(?3, etag), last_modified = coalesce(?4, last_modified),"
		     " next_due = ?5 WHERE id = ?1"
		   : "UPDATE sources SET last_polled = ?2, last_error = ?6, last_error_at = ?2,"
		     " failures = failures + 1, next_due = ?5 WHERE id = ?1";
	if ((rc = prep(s, sql, &st)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	if (ok) {
		bind_text(st, 3, etag);
		bind_text(st, 4, last_modified);
	} else {
		bind_text(st, 6, error ? error : "failed");
	}
	sqlite3_bind_int64(st, 5, next_due);
	rc = sqlite3_step(st) == SQLITE_DONE ? SR_OK : SR_EDB;
	sqlite3_finalize(st);
	return rc;
}

int sr_sources_item_known(sr_store *s, int64_t id, const char *url)
{
	sqlite3_stmt *st = NULL;
	int rc;
	if ((rc = prep(s,
		       "SELECT 1 FROM source_items WHERE source_id = ?1 AND url = ?2"
		       " AND NOT (status = 'failed' AND attempts < " SR_SOURCES_MAX_ATTEMPTS_S ")",
		       &st)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, url);
	int step = sqlite3_step(st);
	rc = step == SQLITE_ROW ? 1 : step == SQLITE_DONE ? 0 : SR_EDB;
	sqlite3_finalize(st);
	return rc;
}

int64_t sr_sources_document(sr_store *s, const char *uri)
{
	sqlite3_stmt *st = NULL;
	if (prep(s, "SELECT id FROM documents WHERE uri = ?1", &st))
		return SR_EDB;
	bind_text(st, 1, uri);
	int step = sqlite3_step(st);
	int64_t r = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : step == SQLITE_DONE ? 0 : SR_EDB;
	sqlite3_finalize(st);
	return r;
}

int sr_sources_item_put(sr_store *s, int64_t id, const char *url, int64_t published,
			int64_t now, int64_t fetched_at, int64_t doc_id, const char *status)
{
	sqlite3_stmt *st = NULL;
	int rc;
	if ((rc = prep(s,
		       "INSERT INTO source_items(source_id, url, published, first_seen, fetched_at,"
		       " doc_id, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
		       " ON CONFLICT(source_id, url) DO UPDATE SET"
		       " published = coalesce(excluded.published, published),"
		       " fetched_at = coalesce(excluded.fetched_at, fetched_at),"
		       " doc_id = coalesce(excluded.doc_id, doc_id), status = excluded.status,"
		       " attempts = attempts + 1",
		       &st)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, url);
	bind_opt(st, 3, published);
	sqlite3_bind_int64(st, 4, now);
	bind_opt(st, 5, fetched_at);
	bind_opt(st, 6, doc_id);
	bind_text(st, 7, status);
	rc = sqlite3_step(st) == SQLITE_DONE ? SR_OK : SR_EDB;
	sqlite3_finalize(st);
	return rc;
}

static int64_t median_delay(sr_store *s, int64_t id, int64_t since, int *have)
{
	sqlite3_stmt *st = NULL;
	*have = 0;
	if (prep(s,
		 "SELECT fetched_at - published AS d FROM source_items WHERE source_id = ?1"
		 " AND published IS NOT NULL AND fetched_at IS NOT NULL AND first_seen >= ?2"
		 " AND fetched_at >= published ORDER BY d"
		 " LIMIT 1 OFFSET (SELECT count(*) / 2 FROM source_items WHERE source_id = ?1"
		 " AND published IS NOT NULL AND fetched_at IS NOT NULL AND first_seen >= ?2"
		 " AND fetched_at >= published)",
		 &st))
		return 0;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, since);
	int64_t r = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		r = sqlite3_column_int64(st, 0);
		*have = 1;
	}
	sqlite3_finalize(st);
	return r;
}

static void jw_opt_int(sr_jw *w, const char *k, sqlite3_stmt *st, int i)
{
	sr_jw_key(w, k);
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		sr_jw_null(w);
	else
		sr_jw_int(w, sqlite3_column_int64(st, i));
}

static void jw_opt_str(sr_jw *w, const char *k, sqlite3_stmt *st, int i)
{
	sr_jw_key(w, k);
	sr_jw_str(w, (const char *)sqlite3_column_text(st, i));
}

int sr_sources_health_json(sr_store *s, int64_t now, sr_buf *out)
{
	sqlite3_stmt *st = NULL;
	int rc;
	if ((rc = prep(s,
		       "SELECT id, url, kind, name, every_secs, added_at, last_polled, last_ok,"
		       " last_error, last_error_at, failures, next_due, via,"
		       " (SELECT count(*) FROM source_items i WHERE i.source_id = s.id AND first_seen >= ?1),"
		       " (SELECT count(*) FROM source_items i WHERE i.source_id = s.id AND first_seen >= ?2),"
		       " (SELECT count(*) FROM source_items i WHERE i.source_id = s.id AND first_seen >= ?2"
		       "   AND doc_id IS NOT NULL),"
		       " (SELECT count(*) FROM source_items i WHERE i.source_id = s.id)"
		       " FROM sources s ORDER BY id",
		       &st)))
		return rc;
	sqlite3_bind_int64(st, 1, now - 86400);
	sqlite3_bind_int64(st, 2, now - 7 * 86400);
	sr_jw w;
	sr_jw_init(&w, out);
	sr_jw_arr(&w);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		sr_jw_obj(&w);
		sr_jw_key(&w, "id");
		sr_jw_int(&w, sqlite3_column_int64(st, 0));
		jw_opt_str(&w, "url", st, 1);
		jw_opt_str(&w, "kind", st, 2);
		jw_opt_str(&w, "name", st, 3);
		jw_opt_int(&w, "every_secs", st, 4);
		jw_opt_int(&w, "added_at", st, 5);
		jw_opt_int(&w, "last_polled", st, 6);
		jw_opt_int(&w, "last_ok", st, 7);
		jw_opt_str(&w, "last_error", st, 8);
		jw_opt_int(&w, "last_error_at", st, 9);
		jw_opt_int(&w, "failures", st, 10);
		jw_opt_int(&w, "next_due", st, 11);
		jw_opt_str(&w, "via", st, 12);
		jw_opt_int(&w, "items_24h", st, 13);
		jw_opt_int(&w, "items_7d", st, 14);
		jw_opt_int(&w, "stored_7d", st, 15);
		jw_opt_int(&w, "items_total", st, 16);
		int have;
		int64_t d = median_delay(s, sqlite3_column_int64(st, 0), now - 7 * 86400, &have);
		sr_jw_key(&w, "delay_median_secs");
		if (have)
			sr_jw_int(&w, d);
		else
			sr_jw_null(&w);
		sr_jw_end(&w);
	}
	sr_jw_end(&w);
	rc = step == SQLITE_DONE ? w.rc : SR_EDB;
	sqlite3_finalize(st);
	return rc;
}
