/*
 * counts.c - search facets and volume per day (counts.h).  Every value from outside is a
 * bound parameter; the SQL text is built from constants only.
 */
#include "store/counts.h"
#include "base/err.h"
#include "base/isotime.h"
#include "base/json.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* All facets in one statement: the matching set is read once (its articles joined once,
 * the costly part) into m, then each facet groups m.  Rows: (facet, value, count, entity
 * id, entity type), facet 0 sources, 1 languages, 2 days, 3 entities; in the order of the
 * answer (per facet, per entity type, by rank), at most ?2 per facet or per type.  Ties
 * of count are broken by the value (and for entities by the id: two places may share a
 * name), so the order is total.  The entities are counted per entity id over the
 * mentions first and named after, so only the entities counted are looked up; CROSS JOIN
 * keeps m the outer loop (the planner would rather scan every mention of the store). */
static const char facets_head_sql[] =
	"WITH m AS MATERIALIZED (SELECT a.id id, coalesce(a.dup_of, a.id) g, a.site_name s, a.lang l,"
	" a.time t FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
	" WHERE articles_fts MATCH ?1";
static const char facets_tail_sql[] =
	") SELECT k, v, c, id, type FROM ("
	"SELECT 0 k, v, c, NULL id, NULL type, row_number() OVER (ORDER BY c DESC, v) o"
	" FROM (SELECT s v, count(DISTINCT g) c FROM m GROUP BY 1)"
	" UNION ALL SELECT 1, v, c, NULL, NULL, row_number() OVER (ORDER BY c DESC, v)"
	" FROM (SELECT l v, count(DISTINCT g) c FROM m GROUP BY 1)"
	" UNION ALL SELECT 2, v, c, NULL, NULL, row_number() OVER (ORDER BY v DESC)"
	" FROM (SELECT date(t, 'unixepoch') v, count(DISTINCT g) c FROM m GROUP BY 1)"
	" UNION ALL SELECT 3, e.name, x.c, e.id, e.type,"
	" row_number() OVER (PARTITION BY e.type ORDER BY x.c DESC, e.name, e.id)"
	" FROM (SELECT mn.entity_id eid, count(DISTINCT m.g) c FROM m CROSS JOIN mentions mn"
	" ON mn.article_id = m.id GROUP BY 1) x"
	" JOIN entities e ON e.id = x.eid AND e.type IN ('PER', 'ORG', 'LOC')"
	") WHERE o <= ?2 ORDER BY k, type, o";

/* Move the writer on to the facet f of "sources", "languages", "days" (3: past them):
 * the array of *cur is closed and those up to f opened, so that a facet without rows is
 * an empty array.  *cur starts at -1. */
static void facet_upto(sr_jw *w, int *cur, int f)
{
	static const char *const names[3] = {"sources", "languages", "days"};
	while (*cur < f) {
		if (*cur >= 0)
			sr_jw_end(w);
		if (++*cur < 3) {
			sr_jw_key(w, names[*cur]);
			sr_jw_arr(w);
		}
	}
}

/* Write the rows of the facets statement st: the keys "sources", "languages" and "days"
 * in that order, then the entity facets "people", "organizations" and "places" as
 * {"value": NAME, "count": N, "id": ENTITY} in the order their rows come (by type: LOC,
 * ORG, PER), each key written once, empty when none. */
static int facets_write(sqlite3_stmt *st, sr_jw *w)
{
	static const char *const keys[3] = {"people", "organizations", "places"};
	static const char *const types[3] = {"PER", "ORG", "LOC"};
	int have[3] = {0, 0, 0}, open = -1, cur = -1, r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int f = sqlite3_column_int(st, 0);
		facet_upto(w, &cur, f < 3 ? f : 3);
		if (f < 3) {
			sr_jw_obj(w);
			sr_jw_key(w, "value"); sr_jw_str(w, (const char *)sqlite3_column_text(st, 1));
			sr_jw_key(w, "count"); sr_jw_int(w, sqlite3_column_int64(st, 2));
			sr_jw_end(w);
			continue;
		}
		const char *t = (const char *)sqlite3_column_text(st, 4);
		int k = 0;
		while (k < 3 && strcmp(t ? t : "", types[k]))
			k++;
		if (k == 3)
			continue;
		if (open != k) {
			if (open >= 0)
				sr_jw_end(w);
			sr_jw_key(w, keys[k]);
			sr_jw_arr(w);
			open = k;
			have[k] = 1;
		}
		sr_jw_obj(w);
		sr_jw_key(w, "value"); sr_jw_str(w, (const char *)sqlite3_column_text(st, 1));
		sr_jw_key(w, "count"); sr_jw_int(w, sqlite3_column_int64(st, 2));
		sr_jw_key(w, "id"); sr_jw_int(w, sqlite3_column_int64(st, 3));
		sr_jw_end(w);
	}
	if (r != SQLITE_DONE)
		return SR_EDB;
	facet_upto(w, &cur, 3);
	if (open >= 0)
		sr_jw_end(w);
	for (int k = 0; k < 3; k++) {
		if (!have[k]) {
			sr_jw_key(w, keys[k]);
			sr_jw_arr(w);
			sr_jw_end(w);
		}
	}
	return SR_OK;
}

int sr_search_facets_json(sr_store *s, const sr_search_opts *o, int max_values, sr_buf *out,
			  sr_query_error *qerr)
{
	sr_buf fts, sql;
	sqlite3_stmt *st = NULL;
	int rc;
	sr_buf_init(&fts, SR_QUERY_MAX * 8);
	sr_buf_init(&sql, 8192);
	if (max_values < 1)
		max_values = 1;
	if (max_values > SR_FACET_MAX_VALUES)
		max_values = SR_FACET_MAX_VALUES;
	if ((rc = sr_query_to_fts(o->query, &fts, qerr)))
		goto out;
	sqlite3 *db = sr_store_db(s);
	if (sr_buf_puts(&sql, facets_head_sql) || sr_search_filter_sql(&o->filter, "a", &sql) ||
	    sr_buf_puts(&sql, facets_tail_sql)) {
		rc = SR_ENOMEM;
		goto out;
	}
	if (sqlite3_prepare_v2(db, sql.data, (int)sql.len, &st, NULL) != SQLITE_OK) {
		rc = SR_EDB;
		goto out;
	}
	sqlite3_bind_text(st, 1, fts.data, (int)fts.len, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, max_values);
	sr_search_filter_bind(st, &o->filter);
	sr_jw w;
	sr_jw_init(&w, out);
	sr_jw_obj(&w);
	if ((rc = facets_write(st, &w)))
		goto out;
	sr_jw_end(&w);
	rc = w.rc;
out:
	sqlite3_finalize(st);
	sr_buf_release(&sql);
	sr_buf_release(&fts);
	return rc;
}

static void day_str(int64_t t, char out[11])
{
	char iso[21];
	sr_iso_format(t, iso);
	memcpy(out, iso, 10);
	out[10] = '\0';
}

int sr_store_volume_json(sr_store *s, const char *site, int64_t source, int days, sr_buf *out)
{
	sqlite3 *db = sr_store_db(s);
	sqlite3_stmt *st = NULL;
	int rc = SR_OK, r;
	if (days < 1)
		days = 1;
	if (days > SR_VOLUME_MAX_DAYS)
		days = SR_VOLUME_MAX_DAYS;
	/* the last day: that of the newest article (of the site), else today */
	/* the articles counted: all, those of a site, or those a followed source listed (its
	 * items' documents) */
	static const char of_source[] =
		" AND (?4 = 0 OR id IN (SELECT doc_id FROM source_items WHERE source_id = ?4 AND doc_id > 0))";
	char sql[512];
	snprintf(sql, sizeof(sql), "SELECT max(time) FROM articles WHERE (?1 IS NULL OR site_name = ?1)%s",
		 of_source);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return SR_EDB;
	sqlite3_bind_text(st, 1, site, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, source);
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = SR_EDB;
		goto out;
	}
	int64_t last = sqlite3_column_type(st, 0) == SQLITE_NULL ? (int64_t)time(NULL)
								 : sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	int64_t to = last - ((last % 86400) + 86400) % 86400; /* midnight UTC */
	int64_t from = to - (int64_t)(days - 1) * 86400;
	snprintf(sql, sizeof(sql),
		 "SELECT (time - ?1) / 86400, count(*) FROM articles"
		 " WHERE time >= ?1 AND time < ?2 AND (?3 IS NULL OR site_name = ?3)%s GROUP BY 1",
		 of_source);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return SR_EDB;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to + 86400);
	sqlite3_bind_text(st, 3, site, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, source);
	int64_t counts[SR_VOLUME_MAX_DAYS] = {0}, total = 0;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t k = sqlite3_column_int64(st, 0);
		if (k >= 0 && k < days) {
			counts[k] = sqlite3_column_int64(st, 1);
			total += counts[k];
		}
	}
	if (r != SQLITE_DONE) {
		rc = SR_EDB;
		goto out;
	}
	char d[11];
	sr_jw w;
	sr_jw_init(&w, out);
	sr_jw_obj(&w);
	sr_jw_key(&w, "site");
	sr_jw_str(&w, site);
	sr_jw_key(&w, "source");
	if (source)
		sr_jw_int(&w, source);
	else
		sr_jw_null(&w);
	sr_jw_key(&w, "from");
	day_str(from, d);
	sr_jw_str(&w, d);
	sr_jw_key(&w, "to");
	day_str(to, d);
	sr_jw_str(&w, d);
	sr_jw_key(&w, "total");
	sr_jw_int(&w, total);
	sr_jw_key(&w, "days");
	sr_jw_arr(&w);
	for (int k = 0; k < days; k++) {
		sr_jw_obj(&w);
		sr_jw_key(&w, "day");
		day_str(from + (int64_t)k * 86400, d);
		sr_jw_str(&w, d);
		sr_jw_key(&w, "articles");
		sr_jw_int(&w, counts[k]);
		sr_jw_end(&w);
	}
	sr_jw_end(&w);
	sr_jw_end(&w);
	rc = w.rc;
out:
	sqlite3_finalize(st);
	return rc;
}
