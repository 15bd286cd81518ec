/*
 * store.c - the SQLite store.
 *
 * ON-DISK FORMAT (schema version 8; PRAGMA user_version holds the version)
 *
 *   documents   one row per source document (a file, a fetched page, an archive record)
 *     id INTEGER PRIMARY KEY
 *     uri TEXT UNIQUE NOT NULL    identity: normalised URL, or file:// + real path, or
 *                                 stdin:HASH for unnamed standard input
 *     hash TEXT NOT NULL          sr_hash128 of the raw bytes, 32 hex digits
 *     content_type TEXT           as given by the source, or NULL
 *     source TEXT                 where it came from (path given, feed name), or NULL
 *     size INTEGER NOT NULL       raw length in bytes
 *     raw BLOB NOT NULL           raw bytes, zlib-compressed (sr_gz_deflate), so the
 *                                 article can be re-extracted when the extractor improves
 *     fetched_at INTEGER          unix seconds
 *
 *   articles    one row per document that yielded an article (articles.id = documents.id)
 *     id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE
 *     url, title, published, modified, section, description, canonical_url, site_name,
 *     lang, image, text      TEXT, as in extract/article.h
 *     authors, tags          TEXT, JSON arrays of strings
 *     ingested_at INTEGER    unix seconds of the last (re)extraction
 *
 *   articles_fts  FTS5, external content (content=articles_fts_src), tokenizer "sitrep",
 *                 columns title and body.  articles_fts_src is a view over articles that
 *                 prefixes each value with the language marker "\x01" LANG "\x02" (none
 *                 for English) so the tokenizer stems by the article's language.  The
 *                 store keeps the index in step itself: every insert, update or delete of
 *                 an article issues the matching FTS5 'delete' / insert, in the same
 *                 transaction.
 *
 * Version 2 adds what the story stage (store/stories.c) records:
 *   articles.time INTEGER      unix seconds the story clock uses: publication, else fetch
 *   articles.dup_of INTEGER    the earliest copy of this text (its group's root), or NULL
 *   articles.story_id INTEGER  the story, or NULL
 *   articles.canon TEXT        the normalised canonical URL (or URL), or NULL
 *   fingerprints(id, words_hash BLOB 16 bytes, n_words, minhash BLOB 128 x u32 native order)
 *   stories(id = its first article's id, first_seen, last_seen, size, label_id, label_sim)
 * Version 3 sets the FTS5 rank function to bm25(10.0, 1.0).
 * Version 4 adds the source registry (store/sources.h).
 * Version 5 adds entities(id, type, key UNIQUE, name, mentions, articles, first_seen,
 * last_seen, lat, lon, country, alias), mentions(article_id, in_title, start, entity_id,
 * end) and archive_checkpoints (store/checkpoint.h).
 * Version 6 adds watchlists and alerts (store/watch_store.h).
 * Version 7 adds quotes(id, article_id, entity_id, speaker, start, end, text) with quotes_fts
 * (FTS5, external content, kept in step by store/entity_store.c) and date_mentions(article_id,
 * start, end, value, kind, gran, relative).
 * Version 8 adds the index articles_copy(id, dup_of) over the copies only (dup_of NOT NULL):
 * search counts groups of copies by looking each match up in it, a small index, instead of
 * in the articles table (store/search.c).
 *
 * Migrations are an array of SQL scripts; on open every script past user_version runs in
 * one transaction that also sets user_version.  Scripts are only ever appended.
 */
#include "store/store.h"
#include "store/fts_tok.h"
#include "store/sources.h"
#include "store/watch_store.h"
#include "base/err.h"
#include "base/gz.h"
#include "base/hash.h"
#include "base/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const migrations[] = {
	/* 1: documents, articles, FTS */
	"CREATE TABLE documents ("
	"  id INTEGER PRIMARY KEY,"
	"  uri TEXT NOT NULL UNIQUE,"
	"  hash TEXT NOT NULL,"
	"  content_type TEXT,"
	"  source TEXT,"
	"  size INTEGER NOT NULL,"
	"  raw BLOB NOT NULL,"
	"  fetched_at INTEGER"
	");"
	"CREATE INDEX documents_hash ON documents(hash);"
	"CREATE TABLE articles ("
	"  id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,"
	"  url TEXT, title TEXT, authors TEXT NOT NULL DEFAULT '[]',"
	"  published TEXT, modified TEXT, section TEXT, tags TEXT NOT NULL DEFAULT '[]',"
	"  description TEXT, canonical_url TEXT, site_name TEXT, lang TEXT, image TEXT,"
	"  text TEXT NOT NULL DEFAULT '',"
	"  ingested_at INTEGER NOT NULL"
	");"
	"CREATE INDEX articles_published ON articles(published);"
	"CREATE VIEW articles_fts_src AS SELECT id,"
	"  CASE WHEN lang IS NULL OR lang = 'en' THEN '' ELSE char(1) || lang || char(2) END"
	"    || coalesce(title, '') AS title,"
	"  CASE WHEN lang IS NULL OR lang = 'en' THEN '' ELSE char(1) || lang || char(2) END"
	"    || text AS body"
	"  FROM articles;"
	"CREATE VIRTUAL TABLE articles_fts USING fts5(title, body,"
	"  content='articles_fts_src', content_rowid='id', tokenize='sitrep');",
	/* 2: duplicates and stories */
	"ALTER TABLE articles ADD COLUMN time INTEGER;"
	"ALTER TABLE articles ADD COLUMN dup_of INTEGER;"
	"ALTER TABLE articles ADD COLUMN story_id INTEGER;"
	"ALTER TABLE articles ADD COLUMN canon TEXT;"
	"CREATE INDEX articles_time ON articles(time);"
	"CREATE INDEX articles_dup ON articles(dup_of) WHERE dup_of IS NOT NULL;"
	"CREATE INDEX articles_story ON articles(story_id, time);"
	"CREATE INDEX articles_canon ON articles(canon) WHERE canon IS NOT NULL;"
	"CREATE TABLE fingerprints ("
	"  id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,"
	"  words_hash BLOB NOT NULL,"
	"  n_words INTEGER NOT NULL,"
	"  minhash BLOB NOT NULL"
	");"
	"CREATE TABLE stories ("
	"  id INTEGER PRIMARY KEY,"
	"  first_seen INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL,"
	"  size INTEGER NOT NULL DEFAULT 0,"
	"  label_id INTEGER,"
	"  label_sim REAL NOT NULL DEFAULT -1"
	");"
	"CREATE INDEX stories_last ON stories(last_seen);",
	/* 3: the FTS rank function, so that ORDER BY rank LIMIT n takes FTS5's top-N path */
	"INSERT INTO articles_fts(articles_fts, rank) VALUES('rank', 'bm25(10.0, 1.0)');",
	/* 4: the source registry and polling bookkeeping (SQL and format in store/sources.h) */
	sr_sources_schema_sql,
	/* 5: entities and their mentions; archive checkpoints */
	"CREATE TABLE entities ("
	"  id INTEGER PRIMARY KEY,"
	"  type TEXT NOT NULL,"          /* PER, ORG, LOC, MISC */
	"  key TEXT NOT NULL,"           /* analyze/entities.h: type letter ':' folded name */
	"  name TEXT NOT NULL,"          /* the longest form seen */
	"  mentions INTEGER NOT NULL DEFAULT 0,"
	"  articles INTEGER NOT NULL DEFAULT 0,"
	"  first_seen INTEGER, last_seen INTEGER,"
	"  lat REAL, lon REAL, country TEXT,"
	"  alias TEXT,"                  /* a short key that names it too: P:surname, O:acronym */
	"  UNIQUE(key)"
	");"
	"CREATE INDEX entities_type ON entities(type, articles);"
	"CREATE INDEX entities_alias ON entities(alias) WHERE alias IS NOT NULL;"
	/* the key columns come first: SQLite 3.40's integrity_check misreads a WITHOUT ROWID
	 * table whose primary key columns are declared in another order */
	"CREATE TABLE mentions ("
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
	"  in_title INTEGER NOT NULL, start INTEGER NOT NULL,"
	"  entity_id INTEGER NOT NULL REFERENCES entities(id), end INTEGER NOT NULL,"
	"  PRIMARY KEY(article_id, in_title, start)"
	") WITHOUT ROWID;"
	"CREATE INDEX mentions_entity ON mentions(entity_id, article_id);"
	"CREATE TABLE IF NOT EXISTS archive_checkpoints ("
	"  path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime INTEGER NOT NULL,"
	"  offset INTEGER NOT NULL, inner INTEGER NOT NULL, records INTEGER NOT NULL);",
	/* 6: watchlists and their alerts (SQL and format in store/watch_store.h) */
	sr_watch_schema_sql,
	/* 7: quotes (with their FTS index) and the dates articles mention (IF NOT EXISTS: some
	 * stores made during development got them with version 5) */
	"CREATE TABLE IF NOT EXISTS quotes ("
	"  id INTEGER PRIMARY KEY,"
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
	"  entity_id INTEGER REFERENCES entities(id),"  /* the speaker, when known */
	"  speaker TEXT,"                                /* the speaker as named in the text */
	"  start INTEGER NOT NULL, end INTEGER NOT NULL,"/* the quote's span in the text */
	"  text TEXT NOT NULL"
	");"
	"CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id);"
	"CREATE INDEX IF NOT EXISTS quotes_entity ON quotes(entity_id);"
	"CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(text, content='quotes', content_rowid='id',"
	"  tokenize='sitrep');"
	"CREATE TABLE IF NOT EXISTS date_mentions ("      /* dates the text mentions (analyze/timex.h) */
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
	"  start INTEGER NOT NULL, end INTEGER NOT NULL,"
	"  value TEXT NOT NULL,"            /* ISO 8601: a day, month, year, or a range a/b */
	"  kind TEXT NOT NULL, gran TEXT NOT NULL, relative INTEGER NOT NULL,"
	"  PRIMARY KEY(article_id, start)"
	") WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS date_mentions_value ON date_mentions(value);",
	/* 8: the copies by id, with their group's root: a match's group without reading its
	 * article row (search totals and facets, store/search.c) */
	"CREATE INDEX IF NOT EXISTS articles_copy ON articles(id, dup_of) WHERE dup_of IS NOT NULL;",
};

#define N_MIGRATIONS (sizeof(migrations) / sizeof(migrations[0]))
_Static_assert(N_MIGRATIONS == SR_STORE_SCHEMA_VERSION, "SR_STORE_SCHEMA_VERSION must count the migrations");

enum {
	ST_FIND,
	ST_DOC_INSERT,
	ST_DOC_UPDATE,
	ST_ART_UPSERT,
	ST_FTS_DELETE,
	ST_FTS_INSERT,
	ST_N
};

static const char *const stmt_sql[ST_N] = {
	[ST_FIND] = "SELECT id, hash, fetched_at FROM documents WHERE uri = ?1",
	[ST_DOC_INSERT] = "INSERT INTO documents(uri, hash, content_type, source, size, raw, fetched_at)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_DOC_UPDATE] = "UPDATE documents SET hash = ?2, content_type = ?3, source = ?4, size = ?5,"
			  " raw = ?6, fetched_at = ?7 WHERE id = ?1",
	/* an upsert, not INSERT OR REPLACE: the columns other stages own (story_id, dup_of,
	 * ...) survive a re-extraction, so those stages can see what they had decided */
	[ST_ART_UPSERT] = "INSERT INTO articles(id, url, title, authors, published, modified,"
			  " section, tags, description, canonical_url, site_name, lang, image, text,"
			  " ingested_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)"
			  " ON CONFLICT(id) DO UPDATE SET url = excluded.url, title = excluded.title,"
			  " authors = excluded.authors, published = excluded.published,"
			  " modified = excluded.modified, section = excluded.section, tags = excluded.tags,"
			  " description = excluded.description, canonical_url = excluded.canonical_url,"
			  " site_name = excluded.site_name, lang = excluded.lang, image = excluded.image,"
			  " text = excluded.text, ingested_at = excluded.ingested_at",
	[ST_FTS_DELETE] = "INSERT INTO articles_fts(articles_fts, rowid, title, body)"
			  " SELECT 'delete', id, title, body FROM articles_fts_src WHERE id = ?1",
	[ST_FTS_INSERT] = "INSERT INTO articles_fts(rowid, title, body)"
			  " SELECT id, title, body FROM articles_fts_src WHERE id = ?1",
};

struct sr_store {
	sqlite3 *db;
	sqlite3_stmt *st[ST_N];
	int readonly;
	sr_buf scratch; /* compressed raw bytes, JSON arrays */
};

sqlite3 *sr_store_db(sr_store *s) { return s->db; }
const char *sr_store_errmsg(sr_store *s) { return sqlite3_errmsg(s->db); }

static int exec(sr_store *s, const char *sql)
{
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? SR_OK : SR_EDB;
}

static int migrate(sr_store *s, char *err, size_t errlen, const char *path)
{
	sqlite3_stmt *st = NULL;
	int version = 0, rc = SR_OK;
	if (exec(s, "BEGIN IMMEDIATE")) {
		snprintf(err, errlen, "%s: cannot lock the database: %s", path, sqlite3_errmsg(s->db));
		return SR_EDB;
	}
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		snprintf(err, errlen, "%s: not a sitrep database (%s)", path, sqlite3_errmsg(s->db));
		rc = SR_EDB;
		goto out;
	}
	version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (version > (int)N_MIGRATIONS) {
		snprintf(err, errlen, "%s: schema version %d is newer than this sitrep (%d); upgrade sitrep",
			 path, version, (int)N_MIGRATIONS);
		rc = SR_EDB;
		goto out;
	}
	for (int v = version; v < (int)N_MIGRATIONS; v++) {
		if (exec(s, migrations[v])) {
			snprintf(err, errlen, "%s: migration to schema %d failed: %s", path, v + 1,
				 sqlite3_errmsg(s->db));
			rc = SR_EDB;
			goto out;
		}
	}
	if (version < (int)N_MIGRATIONS) {
		char sql[64];
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", (int)N_MIGRATIONS);
		if (exec(s, sql)) {
			rc = SR_EDB;
			goto out;
		}
	}
out:
	sqlite3_finalize(st);
	if (rc == SR_OK && exec(s, "COMMIT") != SR_OK) {
		snprintf(err, errlen, "%s: cannot commit the schema: %s", path, sqlite3_errmsg(s->db));
		rc = SR_EDB;
	}
	if (rc != SR_OK)
		exec(s, "ROLLBACK");
	return rc;
}

int sr_store_open(sr_store **out, const char *path, unsigned flags, char *err, size_t errlen)
{
	int rc = SR_OK;
	*out = NULL;
	err[0] = '\0';
	sr_store *s = calloc(1, sizeof(*s));
	if (!s) {
		snprintf(err, errlen, "%s: out of memory", path);
		return SR_ENOMEM;
	}
	sr_buf_init(&s->scratch, (size_t)1 << 31);
	s->readonly = !!(flags & SR_STORE_READONLY);
	struct stat stt;
	if (!(flags & SR_STORE_CREATE) && stat(path, &stt) != 0) {
		snprintf(err, errlen, "%s: no such database (create it with `sitrep init` or `sitrep ingest`)",
			 path);
		rc = SR_ENOTFOUND;
		goto out;
	}
	int oflags = s->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: cannot open: %s", path, s->db ? sqlite3_errmsg(s->db) : "out of memory");
		rc = SR_EDB;
		goto out;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 10000);
	if (sr_fts_register(s->db) != SR_OK) {
		snprintf(err, errlen, "%s: cannot register the sitrep tokenizer: %s", path, sqlite3_errmsg(s->db));
		rc = SR_EDB;
		goto out;
	}
	if (!s->readonly) {
		/* WAL: readers (the server) never block the writer; NORMAL sync is crash-safe in
		 * WAL mode (a power cut may lose the last commits, never corrupt the file). */
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode=WAL", -1, &st, NULL) != SQLITE_OK ||
		    sqlite3_step(st) != SQLITE_ROW) {
			snprintf(err, errlen, "%s: not a database, or cannot be written: %s", path,
				 sqlite3_errmsg(s->db));
			sqlite3_finalize(st);
			rc = SR_EDB;
			goto out;
		}
		sqlite3_finalize(st);
		if (exec(s, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")) {
			snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(s->db));
			rc = SR_EDB;
			goto out;
		}
		if ((rc = migrate(s, err, errlen, path)) != SR_OK)
			goto out;
	} else {
		sqlite3_stmt *st = NULL;
		int v = -1;
		if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
		if (v != (int)N_MIGRATIONS) {
			snprintf(err, errlen, "%s: %s", path,
				 v < 0 ? "not a sitrep database" : "schema out of date; open it once read-write");
			rc = SR_EDB;
			goto out;
		}
		/* read connections (the server's pool, the ingest workers' look-ups) read the
		 * file through a memory map: a page comes from the kernel's cache with no system
		 * call and no copy, also after another process's commit has emptied this
		 * connection's page cache, which in WAL mode happens on every commit (2 GiB,
		 * SQLite's default ceiling; the rest of a larger file is read as before) */
		if (exec(s, "PRAGMA mmap_size = 2147418112")) {
			snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(s->db));
			rc = SR_EDB;
			goto out;
		}
	}
	{
		/* a read-only store prepares the read statements only */
		for (int i = 0; i < (s->readonly ? ST_DOC_INSERT : ST_N); i++) {
			if (sqlite3_prepare_v3(s->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->st[i],
					       NULL) != SQLITE_OK) {
				snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(s->db));
				rc = SR_EDB;
				goto out;
			}
		}
	}
out:
	if (rc != SR_OK) {
		sr_store_close(s);
		return rc;
	}
	*out = s;
	return SR_OK;
}

void sr_store_close(sr_store *s)
{
	if (!s)
		return;
	for (int i = 0; i < ST_N; i++)
		sqlite3_finalize(s->st[i]);
	if (s->db && !s->readonly)
		sqlite3_exec(s->db, "PRAGMA optimize", NULL, NULL, NULL);
	sqlite3_close(s->db);
	sr_buf_release(&s->scratch);
	free(s);
}

int sr_store_begin(sr_store *s) { return exec(s, "BEGIN IMMEDIATE"); }
int sr_store_commit(sr_store *s) { return exec(s, "COMMIT"); }
void sr_store_rollback(sr_store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		exec(s, "ROLLBACK");
}

/* Step a write statement to completion and reset it. */
static int step_done(sqlite3_stmt *st)
{
	int r = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return r == SQLITE_DONE || r == SQLITE_ROW ? SR_OK : SR_EDB;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Look the document up: 0 (absent), 1 (same hash), 2 (other hash); *id set when found. */
static int find(sr_store *s, const sr_doc *doc, int64_t *id)
{
	char hex[33];
	sr_hash128_hex(doc->hash, hex);
	sqlite3_stmt *st = s->st[ST_FIND];
	sqlite3_bind_text(st, 1, doc->uri, -1, SQLITE_STATIC);
	int r = sqlite3_step(st), res;
	if (r == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		const char *h = (const char *)sqlite3_column_text(st, 1);
		res = h && strcmp(h, hex) == 0 ? 1 : 2;
		/* a capture of a page no newer than the one stored (archives holding the same URL
		 * twice, read again) changes nothing: the newest capture stays, first come first
		 * kept among captures of the same second */
		if (res == 2 && doc->captured && sqlite3_column_type(st, 2) == SQLITE_INTEGER &&
		    doc->fetched_at <= sqlite3_column_int64(st, 2))
			res = 1;
	} else {
		res = r == SQLITE_DONE ? 0 : SR_EDB;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return res;
}

int sr_store_check(sr_store *s, const sr_doc *doc)
{
	int64_t id = 0;
	int r = find(s, doc, &id);
	if (r < 0)
		return r;
	return r == 0 ? SR_PUT_NEW : r == 1 ? SR_PUT_UNCHANGED : SR_PUT_CHANGED;
}

static int json_list(sr_buf *out, const char **v, size_t n)
{
	sr_jw w;
	sr_jw_init(&w, out);
	sr_jw_arr(&w);
	for (size_t i = 0; i < n; i++)
		sr_jw_str(&w, v[i]);
	sr_jw_end(&w);
	return w.rc;
}

static int put(sr_store *s, const sr_doc *doc, const sr_article *a, int64_t *article_id);

/* Each put runs in a savepoint: a failure half-way undoes this document only, and the
 * caller's batch goes on. */
int sr_store_put(sr_store *s, const sr_doc *doc, const sr_article *a, int64_t *article_id)
{
	if (s->readonly)
		return SR_EINVAL;
	if (exec(s, "SAVEPOINT put"))
		return SR_EDB;
	int rc = put(s, doc, a, article_id);
	if (rc < 0)
		exec(s, "ROLLBACK TO put");
	exec(s, "RELEASE put");
	return rc;
}

static int put(sr_store *s, const sr_doc *doc, const sr_article *a, int64_t *article_id)
{
	int64_t id = 0;
	int found = find(s, doc, &id), rc;
	if (found < 0)
		return found;
	if (found == 1) {
		if (article_id)
			*article_id = id;
		return SR_PUT_UNCHANGED;
	}
	char hex[33];
	sr_hash128_hex(doc->hash, hex);
	sr_buf_reset(&s->scratch);
	if ((rc = sr_gz_deflate(&s->scratch, doc->raw, doc->raw_len)))
		return rc;
	sqlite3_stmt *st;
	if (found == 2) {
		/* the old article leaves the index before it changes */
		st = s->st[ST_FTS_DELETE];
		sqlite3_bind_int64(st, 1, id);
		if ((rc = step_done(st)))
			return rc;
		st = s->st[ST_DOC_UPDATE];
		sqlite3_bind_int64(st, 1, id);
	} else {
		st = s->st[ST_DOC_INSERT];
		sqlite3_bind_text(st, 1, doc->uri, -1, SQLITE_STATIC);
	}
	sqlite3_bind_text(st, 2, hex, 32, SQLITE_STATIC);
	bind_text(st, 3, doc->content_type);
	bind_text(st, 4, doc->source);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)doc->raw_len);
	sqlite3_bind_blob(st, 6, s->scratch.data, (int)s->scratch.len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, doc->fetched_at);
	if ((rc = step_done(st)))
		return rc;
	if (found == 0)
		id = sqlite3_last_insert_rowid(s->db);

	/* the article: JSON arrays go into the scratch buffer one after the other */
	sr_buf_reset(&s->scratch);
	if ((rc = json_list(&s->scratch, a->authors, a->n_authors)))
		return rc;
	size_t tags_at = s->scratch.len + 1;
	if ((rc = sr_buf_putc(&s->scratch, '\0')) || (rc = json_list(&s->scratch, a->tags, a->n_tags)))
		return rc;
	st = s->st[ST_ART_UPSERT];
	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, a->url);
	bind_text(st, 3, a->title);
	sqlite3_bind_text(st, 4, s->scratch.data, -1, SQLITE_STATIC);
	bind_text(st, 5, a->published);
	bind_text(st, 6, a->modified);
	bind_text(st, 7, a->section);
	sqlite3_bind_text(st, 8, s->scratch.data + tags_at, -1, SQLITE_STATIC);
	bind_text(st, 9, a->description);
	bind_text(st, 10, a->canonical_url);
	bind_text(st, 11, a->site_name);
	bind_text(st, 12, a->lang);
	bind_text(st, 13, a->image);
	bind_text(st, 14, a->text ? a->text : "");
	sqlite3_bind_int64(st, 15, (sqlite3_int64)time(NULL));
	if ((rc = step_done(st)))
		return rc;
	st = s->st[ST_FTS_INSERT];
	sqlite3_bind_int64(st, 1, id);
	if ((rc = step_done(st)))
		return rc;
	if (article_id)
		*article_id = id;
	return found == 0 ? SR_PUT_NEW : SR_PUT_CHANGED;
}

int sr_store_verify(sr_store *s, sr_buf *report)
{
	sqlite3_stmt *st = NULL;
	int problems = 0, r;
	if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return SR_EDB;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *m = (const char *)sqlite3_column_text(st, 0);
		if (m && strcmp(m, "ok") != 0) {
			sr_buf_appendf(report, "integrity: %s\n", m);
			problems++;
		}
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return SR_EDB;
	if (sqlite3_exec(s->db, "INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)",
			 NULL, NULL, NULL) != SQLITE_OK) {
		sr_buf_appendf(report, "full-text index: %s\n", sqlite3_errmsg(s->db));
		problems++;
	}
	if (sqlite3_exec(s->db, "INSERT INTO quotes_fts(quotes_fts, rank) VALUES('integrity-check', 1)",
			 NULL, NULL, NULL) != SQLITE_OK) {
		sr_buf_appendf(report, "quote index: %s\n", sqlite3_errmsg(s->db));
		problems++;
	}
	int64_t orphans = -1;
	if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM articles a LEFT JOIN documents d ON d.id = a.id"
			       " WHERE d.id IS NULL", -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		orphans = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (orphans != 0) {
		sr_buf_appendf(report, "articles without a document: %lld\n", (long long)orphans);
		problems++;
	}
	return problems ? SR_EPARSE : SR_OK;
}

static int64_t scalar(sr_store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Write rows of (key TEXT, count INT) from sql as a JSON object under key name. */
static int count_object(sr_store *s, sr_jw *w, const char *name, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return SR_EDB;
	sr_jw_key(w, name);
	sr_jw_obj(w);
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		sr_jw_key(w, k ? k : "unknown");
		sr_jw_int(w, sqlite3_column_int64(st, 1));
	}
	sr_jw_end(w);
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? SR_OK : SR_EDB;
}

int sr_store_stats_json(sr_store *s, sr_buf *out)
{
	sr_jw w;
	int rc;
	sr_jw_init(&w, out);
	sr_jw_obj(&w);
	sr_jw_key(&w, "documents");
	sr_jw_int(&w, scalar(s, "SELECT count(*) FROM documents"));
	sr_jw_key(&w, "articles");
	sr_jw_int(&w, scalar(s, "SELECT count(*) FROM articles"));
	sr_jw_key(&w, "raw_bytes");
	sr_jw_int(&w, scalar(s, "SELECT coalesce(sum(size), 0) FROM documents"));
	sr_jw_key(&w, "raw_stored_bytes");
	sr_jw_int(&w, scalar(s, "SELECT coalesce(sum(length(raw)), 0) FROM documents"));
	sr_jw_key(&w, "db_bytes");
	sr_jw_int(&w, scalar(s, "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size"));
	sr_jw_key(&w, "schema_version");
	sr_jw_int(&w, SR_STORE_SCHEMA_VERSION);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT min(substr(published,1,10)), max(substr(published,1,10))"
			       " FROM articles WHERE published IS NOT NULL", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		sr_jw_key(&w, "published_first");
		sr_jw_str(&w, (const char *)sqlite3_column_text(st, 0));
		sr_jw_key(&w, "published_last");
		sr_jw_str(&w, (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if ((rc = count_object(s, &w, "languages",
			       "SELECT coalesce(lang, 'unknown'), count(*) c FROM articles GROUP BY 1 ORDER BY c DESC, 1")))
		return rc;
	if ((rc = count_object(s, &w, "sites",
			       "SELECT coalesce(site_name, 'unknown'), count(*) c FROM articles GROUP BY 1"
			       " ORDER BY c DESC, 1 LIMIT 20")))
		return rc;
	sr_jw_end(&w);
	return w.rc;
}

int sr_store_article_json(sr_store *s, int64_t id, sr_buf *out)
{
	static const char sql[] =
		"SELECT a.id, d.uri, a.url, a.title, a.authors, a.published, a.modified, a.section, a.tags,"
		" a.description, a.canonical_url, a.site_name, a.lang, a.image, a.text, d.fetched_at,"
		" a.ingested_at, d.source, d.size, d.content_type"
		" FROM articles a JOIN documents d ON d.id = a.id WHERE a.id = ?1";
	sqlite3_stmt *st = NULL;
	int rc = SR_OK;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return SR_EDB;
	sqlite3_bind_int64(st, 1, id);
	int r = sqlite3_step(st);
	if (r != SQLITE_ROW) {
		rc = r == SQLITE_DONE ? SR_ENOTFOUND : SR_EDB;
		goto out;
	}
	sr_jw w;
	sr_jw_init(&w, out);
	sr_jw_obj(&w);
	for (int c = 0; c < sqlite3_column_count(st); c++) {
		const char *name = sqlite3_column_name(st, c);
		sr_jw_key(&w, name);
		if (!strcmp(name, "authors") || !strcmp(name, "tags"))
			sr_jw_raw(&w, (const char *)sqlite3_column_text(st, c));
		else if (sqlite3_column_type(st, c) == SQLITE_INTEGER)
			sr_jw_int(&w, sqlite3_column_int64(st, c));
		else
			sr_jw_str(&w, (const char *)sqlite3_column_text(st, c));
	}
	sr_jw_end(&w);
	rc = w.rc;
out:
	sqlite3_finalize(st);
	return rc;
}

int sr_store_article_raw(sr_store *s, int64_t id, sr_buf *out)
{
	sqlite3_stmt *st = NULL;
	int rc;
	if (sqlite3_prepare_v2(s->db, "SELECT raw FROM documents WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		return SR_EDB;
	sqlite3_bind_int64(st, 1, id);
	int r = sqlite3_step(st);
	if (r != SQLITE_ROW)
		rc = r == SQLITE_DONE ? SR_ENOTFOUND : SR_EDB;
	else
		rc = sr_gz_unzlib(out, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0));
	sqlite3_finalize(st);
	return rc;
}
