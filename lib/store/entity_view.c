/*
 * entity_view.c - one article's mentions and quotes, and the places for the map (see
 * entity_view.h).
 */
#include "store/entity_view.h"

#include <sqlite3.h>

#include "base/err.h"
#include "base/json.h"

static void num_or_null(sr_jw *w, sqlite3_stmt *st, int col, int real)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		sr_jw_null(w);
	else if (real)
		sr_jw_double(w, sqlite3_column_double(st, col));
	else
		sr_jw_int(w, sqlite3_column_int64(st, col));
}

int sr_article_mentions_json(sr_store *s, int64_t id, sr_buf *out)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(sr_store_db(s),
			       "SELECT e.id, e.type, e.name, m.start, m.end, m.in_title FROM mentions m"
			       " JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ?1"
			       " ORDER BY m.in_title DESC, m.start",
			       -1, &st, NULL) != SQLITE_OK)
		return SR_EDB;
	sqlite3_bind_int64(st, 1, id);
	sr_jw w;
	sr_jw_init(&w, out);
	sr_jw_arr(&w);
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		sr_jw_obj(&w);
		sr_jw_key(&w, "id"); sr_jw_int(&w, sqlite3_column_int64(st, 0));
		sr_jw_key(&w, "type"); sr_jw_str(&w, (const char *)sqlite3_column_text(st, 1));
		sr_jw_key(&w, "name"); sr_jw_str(&w, (const char *)sqlite3_column_text(st, 2));
		sr_jw_key(&w, "start"); sr_jw_int(&w, sqlite3_column_int64(st, 3));
		sr_jw_key(&w, "end"); sr_jw_int(&w, sqlite3_column_int64(st, 4));
		sr_jw_key(&w, "in_title"); sr_jw_bool(&w, sqlite3_column_int(st, 5) != 0);
		sr_jw_end(&w);
	}
	sqlite3_finalize(st);
	sr_jw_end(&w);
	return r == SQLITE_DONE ? w.rc : SR_EDB;
}

int sr_article_quotes_json(sr_store *s, int64_t id, sr_buf *out)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(sr_store_db(s),
			       "SELECT id, text, speaker, entity_id, start, end FROM quotes"
			       " WHERE article_id = ?1 ORDER BY start",
			       -1, &st, NULL) != SQLITE_OK)
		return SR_EDB;
	sqlite3_bind_int64(st, 1, id);
	sr_jw w;
	sr_jw_init(&w, out);
	sr_jw_arr(&w);
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		sr_jw_obj(&w);
		sr_jw_key(&w, "id"); sr_jw_int(&w, sqlite3_column_int64(st, 0));
		sr_jw_key(&w, "text"); sr_jw_str(&w, (const char *)sqlite3_column_text(st, 1));
		sr_jw_key(&w, "speaker"); sr_jw_str(&w, (const char *)sqlite3_column_text(st, 2));
		sr_jw_key(&w, "entity_id"); num_or_null(&w, st, 3, 0);
		sr_jw_key(&w, "start"); sr_jw_int(&w, sqlite3_column_int64(st, 4));
		sr_jw_key(&w, "end"); sr_jw_int(&w, sqlite3_column_int64(st, 5));
		sr_jw_end(&w);
	}
	sqlite3_finalize(st);
	sr_jw_end(&w);
	return r == SQLITE_DONE ? w.rc : SR_EDB;
}

int sr_places_json(sr_store *s, int64_t since, int limit, sr_buf *out)
{
	sqlite3_stmt *st = NULL;
	/* all time: the stored totals (no join); a period: counted from the mentions */
	const char *sql = since <= 0 ?
		"SELECT id, name, country, lat, lon, articles, mentions FROM entities"
		" WHERE type = 'LOC' AND lat IS NOT NULL AND lon IS NOT NULL AND articles > 0"
		" ORDER BY articles DESC, mentions DESC, name LIMIT ?2" :
		"SELECT e.id, e.name, e.country, e.lat, e.lon, count(DISTINCT m.article_id), count(*)"
		" FROM entities e JOIN mentions m ON m.entity_id = e.id"
		" JOIN articles a ON a.id = m.article_id"
		" WHERE e.type = 'LOC' AND e.lat IS NOT NULL AND e.lon IS NOT NULL"
		" AND coalesce(a.time, 0) >= ?1"
		" GROUP BY e.id ORDER BY 6 DESC, 7 DESC, e.name LIMIT ?2";
	if (sqlite3_prepare_v2(sr_store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return SR_EDB;
	if (since > 0)
		sqlite3_bind_int64(st, 1, since);
	sqlite3_bind_int(st, 2, limit > 0 ? limit : 500);
	sr_jw w;
	sr_jw_init(&w, out);
	sr_jw_obj(&w);
	sr_jw_key(&w, "places");
	sr_jw_arr(&w);
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		sr_jw_obj(&w);
		sr_jw_key(&w, "id"); sr_jw_int(&w, sqlite3_column_int64(st, 0));
		sr_jw_key(&w, "name"); sr_jw_str(&w, (const char *)sqlite3_column_text(st, 1));
		sr_jw_key(&w, "country"); sr_jw_str(&w, (const char *)sqlite3_column_text(st, 2));
		sr_jw_key(&w, "lat"); sr_jw_double(&w, sqlite3_column_double(st, 3));
		sr_jw_key(&w, "lon"); sr_jw_double(&w, sqlite3_column_double(st, 4));
		sr_jw_key(&w, "articles"); sr_jw_int(&w, sqlite3_column_int64(st, 5));
		sr_jw_key(&w, "mentions"); sr_jw_int(&w, sqlite3_column_int64(st, 6));
		sr_jw_end(&w);
	}
	sqlite3_finalize(st);
	sr_jw_end(&w);
	sr_jw_end(&w);
	return r == SQLITE_DONE ? w.rc : SR_EDB;
}
