#include "store/story_query.h"
#include "base/err.h"
#include "base/isotime.h"
#include "base/json.h"

#include <string.h>

/* the outlet of an article: its site name, else the host of its canonical URL */
#define OUTLET_SQL                                                                          \
	"coalesce(a.site_name, CASE WHEN a.canon LIKE '%://%' THEN"                         \
	" rtrim(substr(a.canon, instr(a.canon, '://') + 3,"                                 \
	"   CASE WHEN instr(substr(a.canon, instr(a.canon, '://') + 3), '/') > 0"           \
	"   THEN instr(substr(a.canon, instr(a.canon, '://') + 3), '/') - 1 ELSE 1000 END))" \
	" END)"

static void iso(sr_jw *w, int64_t t)
{
	char b[21];
	sr_iso_format(t, b);
	sr_jw_str(w, b);
}

/* Write the story row st (id, label, label_id, first, last, size) and its articles. */
static int story_obj(sr_store *s, sr_jw *w, sqlite3_stmt *st, int max_articles)
{
	int64_t id = sqlite3_column_int64(st, 0);
	sr_jw_obj(w);
	sr_jw_key(w, "id");
	sr_jw_int(w, id);
	sr_jw_key(w, "label");
	sr_jw_str(w, (const char *)sqlite3_column_text(st, 1));
	sr_jw_key(w, "label_id");
	sr_jw_int(w, sqlite3_column_int64(st, 2));
	sr_jw_key(w, "first_seen");
	iso(w, sqlite3_column_int64(st, 3));
	sr_jw_key(w, "last_seen");
	iso(w, sqlite3_column_int64(st, 4));
	sr_jw_key(w, "size");
	sr_jw_int(w, sqlite3_column_int64(st, 5));

	sqlite3_stmt *q = NULL;
	int r;
	if (sqlite3_prepare_v2(sr_store_db(s),
			       "SELECT DISTINCT " OUTLET_SQL " AS o FROM articles a WHERE a.story_id = ?1"
			       " AND o IS NOT NULL ORDER BY o",
			       -1, &q, NULL) != SQLITE_OK)
		return SR_EDB;
	sqlite3_bind_int64(q, 1, id);
	sr_jw_key(w, "outlets");
	sr_jw_arr(w);
	while ((r = sqlite3_step(q)) == SQLITE_ROW)
		sr_jw_str(w, (const char *)sqlite3_column_text(q, 0));
	sr_jw_end(w);
	sqlite3_finalize(q);
	if (r != SQLITE_DONE)
		return SR_EDB;

	/* its top people, organisations and places: by the number of its articles naming them */
	static const char *const kinds[][2] = {{"PER", "people"}, {"ORG", "organisations"}, {"LOC", "places"}};
	for (int k = 0; k < 3; k++) {
		if (sqlite3_prepare_v2(sr_store_db(s),
				       "SELECT e.id, e.name, count(DISTINCT m.article_id) AS n FROM articles a"
				       " JOIN mentions m ON m.article_id = a.id JOIN entities e ON e.id = m.entity_id"
				       " WHERE a.story_id = ?1 AND e.type = ?2 GROUP BY e.id ORDER BY n DESC, e.name LIMIT 5",
				       -1, &q, NULL) != SQLITE_OK)
			return SR_EDB;
		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_text(q, 2, kinds[k][0], -1, SQLITE_STATIC);
		sr_jw_key(w, kinds[k][1]);
		sr_jw_arr(w);
		while ((r = sqlite3_step(q)) == SQLITE_ROW) {
			sr_jw_obj(w);
			sr_jw_key(w, "id");
			sr_jw_int(w, sqlite3_column_int64(q, 0));
			sr_jw_key(w, "name");
			sr_jw_str(w, (const char *)sqlite3_column_text(q, 1));
			sr_jw_key(w, "articles");
			sr_jw_int(w, sqlite3_column_int64(q, 2));
			sr_jw_end(w);
		}
		sr_jw_end(w);
		sqlite3_finalize(q);
		if (r != SQLITE_DONE)
			return SR_EDB;
	}

	if (sqlite3_prepare_v2(sr_store_db(s),
			       "SELECT a.id, a.title, coalesce(a.canonical_url, a.url), " OUTLET_SQL ","
			       " a.published, a.dup_of FROM articles a WHERE a.story_id = ?1"
			       " ORDER BY a.time, a.id LIMIT ?2",
			       -1, &q, NULL) != SQLITE_OK)
		return SR_EDB;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int(q, 2, max_articles);
	sr_jw_key(w, "articles");
	sr_jw_arr(w);
	while ((r = sqlite3_step(q)) == SQLITE_ROW) {
		sr_jw_obj(w);
		sr_jw_key(w, "id");
		sr_jw_int(w, sqlite3_column_int64(q, 0));
		sr_jw_key(w, "title");
		sr_jw_str(w, (const char *)sqlite3_column_text(q, 1));
		sr_jw_key(w, "url");
		sr_jw_str(w, (const char *)sqlite3_column_text(q, 2));
		sr_jw_key(w, "outlet");
		sr_jw_str(w, (const char *)sqlite3_column_text(q, 3));
		sr_jw_key(w, "published");
		sr_jw_str(w, (const char *)sqlite3_column_text(q, 4));
		sr_jw_key(w, "dup_of");
		if (sqlite3_column_type(q, 5) == SQLITE_NULL)
			sr_jw_null(w);
		else
			sr_jw_int(w, sqlite3_column_int64(q, 5));
		sr_jw_end(w);
	}
	sr_jw_end(w);
	sqlite3_finalize(q);
	sr_jw_end(w);
	return r == SQLITE_DONE ? w->rc : SR_EDB;
}

#define STORY_COLS "s.id, (SELECT title FROM articles WHERE id = s.label_id), s.label_id," \
		   " s.first_seen, s.last_seen, s.size"

int sr_story_list_json(sr_store *s, const sr_story_list_opts *o, sr_buf *out)
{
	int limit = o->limit > 0 ? o->limit : 50;
	int min_size = o->min_size > 0 ? o->min_size : 1;
	int max_articles = o->max_articles > 0 ? o->max_articles : 100;
	sqlite3_stmt *st = NULL;
	int rc = SR_OK, r;
	sr_jw w;
	sr_jw_init(&w, out);
	sr_jw_obj(&w);
	if (sqlite3_prepare_v2(sr_store_db(s),
			       "SELECT count(*) FROM stories WHERE last_seen >= ?1 AND size >= ?2", -1, &st,
			       NULL) != SQLITE_OK)
		return SR_EDB;
	sqlite3_bind_int64(st, 1, o->since);
	sqlite3_bind_int(st, 2, min_size);
	int64_t total = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	sr_jw_key(&w, "total");
	sr_jw_int(&w, total);
	if (sqlite3_prepare_v2(sr_store_db(s),
			       "SELECT " STORY_COLS " FROM stories s WHERE s.last_seen >= ?1 AND s.size >= ?2"
			       " ORDER BY s.last_seen DESC, s.size DESC, s.id LIMIT ?3",
			       -1, &st, NULL) != SQLITE_OK)
		return SR_EDB;
	sqlite3_bind_int64(st, 1, o->since);
	sqlite3_bind_int(st, 2, min_size);
	sqlite3_bind_int(st, 3, limit);
	sr_jw_key(&w, "stories");
	sr_jw_arr(&w);
	while ((r = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = story_obj(s, &w, st, max_articles)))
			goto out;
	if (r != SQLITE_DONE) {
		rc = SR_EDB;
		goto out;
	}
	sr_jw_end(&w);
	sr_jw_end(&w);
	rc = w.rc;
out:
	sqlite3_finalize(st);
	return rc;
}

int sr_story_json(sr_store *s, int64_t id, sr_buf *out)
{
	sqlite3_stmt *st = NULL;
	int rc;
	if (sqlite3_prepare_v2(sr_store_db(s), "SELECT " STORY_COLS " FROM stories s WHERE s.id = ?1", -1, &st,
			       NULL) != SQLITE_OK)
		return SR_EDB;
	sqlite3_bind_int64(st, 1, id);
	int r = sqlite3_step(st);
	if (r != SQLITE_ROW) {
		rc = r == SQLITE_DONE ? SR_ENOTFOUND : SR_EDB;
	} else {
		sr_jw w;
		sr_jw_init(&w, out);
		rc = story_obj(s, &w, st, 100000);
	}
	sqlite3_finalize(st);
	return rc;
}
