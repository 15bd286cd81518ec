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

/* One facet: rows of (value, count) from "SELECT <expr>, count(...) ... GROUP BY 1". */
static int facet(sqlite3 *db, sr_jw *w, const char *name, const char *expr, const char *order,
		 const sr_buf *fts, const sr_search_filter *f, int max_values)
{
	sr_buf sql;
	sqlite3_stmt *st = NULL;
	int rc = SR_OK, r;
	sr_buf_init(&sql, 4096);
	if (sr_buf_appendf(&sql, "SELECT %s, count(DISTINCT coalesce(a.dup_of, a.id)) c FROM articles_fts"
			   " JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ?1",
			   expr) ||
	    sr_search_filter_sql(f, "a.id", &sql) ||
	    sr_buf_appendf(&sql, " GROUP BY 1 ORDER BY %s LIMIT ?2", order)) {
		rc = SR_ENOMEM;
		goto out;
	}
	if (sqlite3_prepare_v2(db, sql.data, (int)sql.len, &st, NULL) != SQLITE_OK) {
		rc = SR_EDB;
		goto out;
	}
	sqlite3_bind_text(st, 1, fts->data, (int)fts->len, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, max_values);
	sr_search_filter_bind(st, f);
	sr_jw_key(w, name);
	sr_jw_arr(w);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		sr_jw_obj(w);
		sr_jw_key(w, "value");
		sr_jw_str(w, (const char *)sqlite3_column_text(st, 0));
		sr_jw_key(w, "count");
		sr_jw_int(w, sqlite3_column_int64(st, 1));
		sr_jw_end(w);
	}
	sr_jw_end(w);
	if (r != SQLITE_DONE)
		rc = SR_EDB;
out:
	sqlite3_finalize(st);
	sr_buf_release(&sql);
	return rc;
}

/* The entity facets, one pass: people, organizations and places of the matching set, the
 * most mentioned first, as {"value": NAME, "count": N, "id": ENTITY}. */
static int entity_facets(sqlite3 *db, sr_jw *w, const sr_buf *fts, const sr_search_filter *f,
			 int max_values)
{
	static const char *const keys[3] = {"people", "organizations", "places"};
	static const char *const types[3] = {"PER", "ORG", "LOC"};
	sr_buf sql;
	sqlite3_stmt *st = NULL;
	int rc = SR_OK, r = SQLITE_DONE;
	sr_buf_init(&sql, 4096);
	if (sr_buf_puts(&sql, "SELECT id, type, name, c FROM (SELECT e.id, e.type, e.name,"
			" count(DISTINCT coalesce(a.dup_of, a.id)) c, row_number() OVER (PARTITION BY e.type"
			" ORDER BY count(DISTINCT coalesce(a.dup_of, a.id)) DESC, e.name) rn"
			" FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
			" JOIN mentions m ON m.article_id = a.id"
			" JOIN entities e ON e.id = m.entity_id AND e.type IN ('PER', 'ORG', 'LOC')"
			" WHERE articles_fts MATCH ?1") ||
	    sr_search_filter_sql(f, "a.id", &sql) ||
	    sr_buf_puts(&sql, " GROUP BY e.id) WHERE rn <= ?2 ORDER BY type, rn")) {
		rc = SR_ENOMEM;
		goto out;
	}
	if (sqlite3_prepare_v2(db, sql.data, (int)sql.len, &st, NULL) != SQLITE_OK) {
		rc = SR_EDB;
		goto out;
	}
	sqlite3_bind_text(st, 1, fts->data, (int)fts->len, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, max_values);
	sr_search_filter_bind(st, f);
	/* rows come ordered by type: LOC, ORG, PER; each key written once, empty when none */
	int have[3] = {0, 0, 0}, open = -1;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 1);
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
		sr_jw_key(w, "value"); sr_jw_str(w, (const char *)sqlite3_column_text(st, 2));
		sr_jw_key(w, "count"); sr_jw_int(w, sqlite3_column_int64(st, 3));
		sr_jw_key(w, "id"); sr_jw_int(w, sqlite3_column_int64(st, 0));
		sr_jw_end(w);
	}
	if (open >= 0)
		sr_jw_end(w);
	for (int k = 0; k < 3; k++) {
		if (!have[k]) {
			sr_jw_key(w, keys[k]);
			sr_jw_arr(w);
			sr_jw_end(w);
		}
	}
	if (r != SQLITE_DONE)
		rc = SR_EDB;
out:
	sqlite3_finalize(st);
	sr_buf_release(&sql);
	return rc;
}

int sr_search_facets_json(sr_store *s, const sr_search_opts *o, int max_values, sr_buf *out,
			  sr_query_error *qerr)
{
	sr_buf fts;
	int rc;
	sr_buf_init(&fts, SR_QUERY_MAX * 8);
	if (max_values < 1)
		max_values = 1;
	if (max_values > SR_FACET_MAX_VALUES)
		max_values = SR_FACET_MAX_VALUES;
	if ((rc = sr_query_to_fts(o->query, &fts, qerr)))
		goto out;
	sqlite3 *db = sr_store_db(s);
	sr_jw w;
	sr_jw_init(&w, out);
	sr_jw_obj(&w);
	if ((rc = facet(db, &w, "sources", "a.site_name", "c DESC, 1", &fts, &o->filter, max_values)) ||
	    (rc = facet(db, &w, "languages", "a.lang", "c DESC, 1", &fts, &o->filter, max_values)) ||
	    (rc = facet(db, &w, "days", "date(a.time, 'unixepoch')", "1 DESC", &fts, &o->filter,
			max_values)) ||
	    (rc = entity_facets(db, &w, &fts, &o->filter, max_values)))
		goto out;
	sr_jw_end(&w);
	rc = w.rc;
out:
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
