#include "store/entity_store.h"
#include "analyze/quotes.h"
#include "analyze/timex.h"
#include "query/query.h"
#include "base/err.h"
#include "base/isotime.h"
#include "base/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int run(sqlite3 *db, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return SR_EDB;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	int r = sqlite3_step(st);
	sqlite3_finalize(st);
	return r == SQLITE_DONE || r == SQLITE_ROW ? SR_OK : SR_EDB;
}

/* The short key that also names an entity: a person's surname ("P:solberg" for
 * "P:ingrid solberg"), an organisation's acronym ("O:nato" for "North Atlantic Treaty
 * Organization", from its capitalised words).  Empty when none. */
static void alias_of(const sr_doc_entity *e, char *out, size_t cap)
{
	out[0] = '\0';
	if (e->type == SR_NER_PER) {
		const char *sp = strrchr(e->key, ' ');
		if (sp && sp[1])
			snprintf(out, cap, "P:%s", sp + 1);
	} else if (e->type == SR_NER_ORG) {
		char acr[16];
		size_t k = 0, words = 0;
		int start = 1;
		for (const char *p = e->name; *p; p++) {
			if (*p == ' ' || *p == '-') {
				start = 1;
				continue;
			}
			if (start && *p >= 'A' && *p <= 'Z') {
				if (k + 1 >= sizeof(acr))
					return;
				acr[k++] = (char)(*p - 'A' + 'a');
			}
			if (start)
				words++;
			start = 0;
		}
		acr[k] = '\0';
		if (k >= 2 && words >= 2)
			snprintf(out, cap, "O:%s", acr);
	}
}

static int64_t lookup(sqlite3 *db, const char *sql, const char *v, int *n)
{
	sqlite3_stmt *st = NULL;
	int64_t id = 0;
	*n = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, v, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!*n)
			id = sqlite3_column_int64(st, 0);
		(*n)++;
	}
	sqlite3_finalize(st);
	return id;
}

/* The id of the entity for e, creating it.  A one-word name joins the one entity it is the
 * alias of (a surname, an acronym); a new full name takes over the one-word entity that
 * stood for it until then. */
static int64_t entity_id(sqlite3 *db, const sr_doc_entity *e, int64_t *merged_from)
{
	*merged_from = 0;
	static const char *const types[] = {"PER", "ORG", "LOC", "MISC"};
	int n;
	int64_t id = lookup(db, "SELECT id FROM entities WHERE key = ?1", e->key, &n);
	if (id)
		return id;
	id = lookup(db, "SELECT id FROM entities WHERE alias = ?1 LIMIT 2", e->key, &n);
	if (n == 1)
		return id;
	char alias[300];
	if (e->alias)
		snprintf(alias, sizeof(alias), "%s", e->alias);
	else
		alias_of(e, alias, sizeof(alias));
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db,
			       "INSERT INTO entities(type, key, name, alias, lat, lon, country)"
			       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (e->geo) {
		sqlite3_bind_double(st, 5, e->lat);
		sqlite3_bind_double(st, 6, e->lon);
		sqlite3_bind_text(st, 7, e->country, -1, SQLITE_STATIC);
	}
	sqlite3_bind_text(st, 1, types[e->type < 4 ? e->type : 3], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, e->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, e->name, -1, SQLITE_STATIC);
	if (alias[0])
		sqlite3_bind_text(st, 4, alias, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 4);
	int r = sqlite3_step(st);
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return -1;
	id = sqlite3_last_insert_rowid(db);
	if (!alias[0])
		return id;
	/* a one-word entity that stood for this name so far (when this name is the only one it
	 * can stand for) merges into it */
	int64_t old = lookup(db, "SELECT id FROM entities WHERE key = ?1", alias, &n);
	int owners;
	lookup(db, "SELECT id FROM entities WHERE alias = ?1 LIMIT 2", alias, &owners);
	if (old && owners == 1) {
		char sql[768];
		snprintf(sql, sizeof(sql),
			 "UPDATE mentions SET entity_id = %lld WHERE entity_id = %lld;"
			 "UPDATE quotes SET entity_id = %lld WHERE entity_id = %lld;"
			 "UPDATE entities SET mentions = mentions + (SELECT mentions FROM entities WHERE id = %lld),"
			 " articles = articles + (SELECT articles FROM entities WHERE id = %lld),"
			 " first_seen = (SELECT first_seen FROM entities WHERE id = %lld),"
			 " last_seen = (SELECT last_seen FROM entities WHERE id = %lld) WHERE id = %lld;"
			 "DELETE FROM entities WHERE id = %lld;",
			 (long long)id, (long long)old, (long long)id, (long long)old, (long long)old, (long long)old,
			 (long long)old, (long long)old, (long long)id, (long long)old);
		if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
			return -1;
		*merged_from = old;
	}
	return id;
}

static int store_quotes(sqlite3 *db, int64_t id, const int64_t *ids, const sr_entities *ents,
			const char *text, const sr_quote *q, size_t nq);

int sr_entity_stage_add(sr_store *s, int64_t id, int64_t t, const sr_entities *ents,
			const char *text, const sr_quote *quotes, size_t nquotes)
{
	sqlite3 *db = sr_store_db(s);
	int rc;
	/* the article's old quotes leave the quote index */
	if ((rc = run(db,
		      "INSERT INTO quotes_fts(quotes_fts, rowid, text)"
		      " SELECT 'delete', id, text FROM quotes WHERE article_id = ?1",
		      id, 0)) ||
	    (rc = run(db, "DELETE FROM quotes WHERE article_id = ?1", id, 0)))
		return rc;
	/* a re-extracted article: its old mentions leave the counts first */
	if ((rc = run(db,
		      "UPDATE entities SET mentions = mentions - (SELECT count(*) FROM mentions m"
		      "  WHERE m.article_id = ?1 AND m.entity_id = entities.id), articles = articles - 1"
		      " WHERE id IN (SELECT entity_id FROM mentions WHERE article_id = ?1)",
		      id, 0)) ||
	    (rc = run(db, "DELETE FROM mentions WHERE article_id = ?1", id, 0)))
		return rc;
	if (!ents->nm)
		return store_quotes(db, id, NULL, ents, text, quotes, nquotes);
	int64_t *ids = calloc(ents->ne, sizeof(int64_t));
	if (!ids)
		return SR_ENOMEM;
	sqlite3_stmt *ins = NULL;
	rc = SR_OK;
	for (size_t k = 0; k < ents->ne; k++) {
		int64_t merged;
		ids[k] = entity_id(db, &ents->e[k], &merged);
		if (ids[k] < 0) {
			rc = SR_EDB;
			goto out;
		}
		/* an entity of this article found before may have just merged into this one */
		for (size_t i = 0; merged && i < k; i++)
			if (ids[i] == merged)
				ids[i] = ids[k];
	}
	if (sqlite3_prepare_v2(db,
			       "INSERT OR IGNORE INTO mentions(article_id, entity_id, start, end, in_title)"
			       " VALUES (?1, ?2, ?3, ?4, ?5)",
			       -1, &ins, NULL) != SQLITE_OK) {
		rc = SR_EDB;
		goto out;
	}
	for (size_t k = 0; k < ents->nm; k++) {
		const sr_mention *m = &ents->m[k];
		sqlite3_bind_int64(ins, 1, id);
		sqlite3_bind_int64(ins, 2, ids[m->entity]);
		sqlite3_bind_int64(ins, 3, m->start);
		sqlite3_bind_int64(ins, 4, m->end);
		sqlite3_bind_int(ins, 5, m->in_title);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = SR_EDB;
			goto out;
		}
		sqlite3_reset(ins);
	}
	/* the counts of the entities this article mentions */
	rc = run(db,
		 "UPDATE entities SET"
		 "  mentions = mentions + (SELECT count(*) FROM mentions m WHERE m.article_id = ?1"
		 "    AND m.entity_id = entities.id),"
		 "  articles = articles + 1,"
		 "  first_seen = min(coalesce(first_seen, ?2), ?2),"
		 "  last_seen = max(coalesce(last_seen, ?2), ?2)"
		 " WHERE id IN (SELECT entity_id FROM mentions WHERE article_id = ?1)",
		 id, t);
	if (!rc)
		rc = store_quotes(db, id, ids, ents, text, quotes, nquotes);
out:
	sqlite3_finalize(ins);
	free(ids);
	return rc;
}

static int store_quotes(sqlite3 *db, int64_t id, const int64_t *ids, const sr_entities *ents,
			const char *text, const sr_quote *q, size_t nq)
{
	if (!nq || !text)
		return SR_OK;
	sqlite3_stmt *ins = NULL, *fts = NULL;
	int rc = SR_OK;
	size_t tl = strlen(text);
	if (sqlite3_prepare_v2(db,
			       "INSERT INTO quotes(article_id, entity_id, speaker, start, end, text)"
			       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			       -1, &ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO quotes_fts(rowid, text) VALUES (?1, ?2)", -1, &fts, NULL) !=
		    SQLITE_OK) {
		rc = SR_EDB;
		goto out;
	}
	for (size_t k = 0; k < nq; k++) {
		if (q[k].end > tl || q[k].start >= q[k].end)
			continue;
		sqlite3_bind_int64(ins, 1, id);
		if (ids && q[k].entity >= 0 && (size_t)q[k].entity < ents->ne)
			sqlite3_bind_int64(ins, 2, ids[q[k].entity]);
		else
			sqlite3_bind_null(ins, 2);
		if (q[k].name_end > q[k].name_start && q[k].name_end <= tl)
			sqlite3_bind_text(ins, 3, text + q[k].name_start, (int)(q[k].name_end - q[k].name_start),
					  SQLITE_STATIC);
		else if (q[k].speaker_end > q[k].speaker_start && q[k].speaker_end <= tl)
			sqlite3_bind_text(ins, 3, text + q[k].speaker_start,
					  (int)(q[k].speaker_end - q[k].speaker_start), SQLITE_STATIC);
		else
			sqlite3_bind_null(ins, 3);
		sqlite3_bind_int64(ins, 4, (sqlite3_int64)q[k].start);
		sqlite3_bind_int64(ins, 5, (sqlite3_int64)q[k].end);
		sqlite3_bind_text(ins, 6, text + q[k].start, (int)(q[k].end - q[k].start), SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = SR_EDB;
			goto out;
		}
		sqlite3_reset(ins);
		sqlite3_bind_int64(fts, 1, sqlite3_last_insert_rowid(db));
		sqlite3_bind_text(fts, 2, text + q[k].start, (int)(q[k].end - q[k].start), SQLITE_STATIC);
		if (sqlite3_step(fts) != SQLITE_DONE) {
			rc = SR_EDB;
			goto out;
		}
		sqlite3_reset(fts);
	}
out:
	sqlite3_finalize(ins);
	sqlite3_finalize(fts);
	return rc;
}

static void iso(sr_jw *w, int64_t t)
{
	if (!t) {
		sr_jw_null(w);
		return;
	}
	char b[21];
	sr_iso_format(t, b);
	sr_jw_str(w, b);
}

static const char *const type_names[] = {"PER", "ORG", "LOC", "MISC"};

int sr_entity_list_json(sr_store *s, const sr_entity_list_opts *o, sr_buf *out)
{
	sqlite3_stmt *st = NULL;
	int limit = o->limit > 0 ? o->limit : 50;
	if (sqlite3_prepare_v2(sr_store_db(s),
			       "SELECT e.id, e.type, e.name, count(DISTINCT m.article_id), count(*),"
			       " e.first_seen, e.last_seen"
			       " FROM mentions m JOIN entities e ON e.id = m.entity_id"
			       " JOIN articles a ON a.id = m.article_id"
			       " WHERE (?1 IS NULL OR e.type = ?1) AND coalesce(a.time, 0) >= ?2"
			       " GROUP BY e.id ORDER BY 4 DESC, 5 DESC, e.name LIMIT ?3",
			       -1, &st, NULL) != SQLITE_OK)
		return SR_EDB;
	if (o->type >= 0 && o->type < 4)
		sqlite3_bind_text(st, 1, type_names[o->type], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, o->since);
	sqlite3_bind_int(st, 3, limit);
	sr_jw w;
	sr_jw_init(&w, out);
	sr_jw_obj(&w);
	sr_jw_key(&w, "entities");
	sr_jw_arr(&w);
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		sr_jw_obj(&w);
		sr_jw_key(&w, "id"); sr_jw_int(&w, sqlite3_column_int64(st, 0));
		sr_jw_key(&w, "type"); sr_jw_str(&w, (const char *)sqlite3_column_text(st, 1));
		sr_jw_key(&w, "name"); sr_jw_str(&w, (const char *)sqlite3_column_text(st, 2));
		sr_jw_key(&w, "articles"); sr_jw_int(&w, sqlite3_column_int64(st, 3));
		sr_jw_key(&w, "mentions"); sr_jw_int(&w, sqlite3_column_int64(st, 4));
		sr_jw_key(&w, "first_seen"); iso(&w, sqlite3_column_int64(st, 5));
		sr_jw_key(&w, "last_seen"); iso(&w, sqlite3_column_int64(st, 6));
		sr_jw_end(&w);
	}
	sqlite3_finalize(st);
	sr_jw_end(&w);
	sr_jw_end(&w);
	return r == SQLITE_DONE ? w.rc : SR_EDB;
}

/* The entity id for a name: an id, a key, or the one person whose name ends with it. */
static int64_t find_entity(sqlite3 *db, const char *q)
{
	char *end;
	long long v = strtoll(q, &end, 10);
	if (*q && !*end && v > 0)
		return v;
	sqlite3_stmt *st = NULL;
	int64_t id = 0;
	/* any type: try each type letter's key, then the surname rule */
	if (sqlite3_prepare_v2(db,
			       "SELECT id FROM entities WHERE key IN (?1, ?2, ?3, ?4) OR alias IN (?1, ?2, ?3, ?4)"
			       " OR (type = 'PER' AND key LIKE ?5)"
			       " ORDER BY key NOT IN (?1, ?2, ?3, ?4), articles DESC LIMIT 1",
			       -1, &st, NULL) != SQLITE_OK)
		return 0;
	char k[4][300], pat[320];
	for (int t = 0; t < 4; t++) {
		sr_entity_key(t, q, strlen(q), k[t], sizeof(k[t]));
		sqlite3_bind_text(st, t + 1, k[t], -1, SQLITE_STATIC);
	}
	snprintf(pat, sizeof(pat), "P:%% %.290s", k[0] + 2);
	sqlite3_bind_text(st, 5, pat, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

int sr_entity_json(sr_store *s, const char *name_or_id, sr_buf *out)
{
	sqlite3 *db = sr_store_db(s);
	int64_t id = find_entity(db, name_or_id);
	if (!id)
		return SR_ENOTFOUND;
	sqlite3_stmt *st = NULL;
	int r, rc = SR_OK;
	if (sqlite3_prepare_v2(db,
			       "SELECT id, type, name, articles, mentions, first_seen, last_seen, lat, lon, country"
			       " FROM entities WHERE id = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return SR_EDB;
	sqlite3_bind_int64(st, 1, id);
	if ((r = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return r == SQLITE_DONE ? SR_ENOTFOUND : SR_EDB;
	}
	sr_jw w;
	sr_jw_init(&w, out);
	sr_jw_obj(&w);
	sr_jw_key(&w, "id"); sr_jw_int(&w, id);
	sr_jw_key(&w, "type"); sr_jw_str(&w, (const char *)sqlite3_column_text(st, 1));
	sr_jw_key(&w, "name"); sr_jw_str(&w, (const char *)sqlite3_column_text(st, 2));
	sr_jw_key(&w, "articles"); sr_jw_int(&w, sqlite3_column_int64(st, 3));
	sr_jw_key(&w, "mentions"); sr_jw_int(&w, sqlite3_column_int64(st, 4));
	sr_jw_key(&w, "first_seen"); iso(&w, sqlite3_column_int64(st, 5));
	sr_jw_key(&w, "last_seen"); iso(&w, sqlite3_column_int64(st, 6));
	sr_jw_key(&w, "lat");
	if (sqlite3_column_type(st, 7) == SQLITE_NULL) sr_jw_null(&w); else sr_jw_double(&w, sqlite3_column_double(st, 7));
	sr_jw_key(&w, "lon");
	if (sqlite3_column_type(st, 8) == SQLITE_NULL) sr_jw_null(&w); else sr_jw_double(&w, sqlite3_column_double(st, 8));
	sr_jw_key(&w, "country"); sr_jw_str(&w, (const char *)sqlite3_column_text(st, 9));
	sqlite3_finalize(st);
	st = NULL;
	/* mentions over time: articles per day */
	if (sqlite3_prepare_v2(db,
			       "SELECT date(a.time, 'unixepoch') AS d, count(DISTINCT a.id) FROM mentions m"
			       " JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ?1 AND a.time IS NOT NULL"
			       " GROUP BY d ORDER BY d",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = SR_EDB;
		goto out;
	}
	sqlite3_bind_int64(st, 1, id);
	sr_jw_key(&w, "days");
	sr_jw_arr(&w);
	while (sqlite3_step(st) == SQLITE_ROW) {
		sr_jw_obj(&w);
		sr_jw_key(&w, "day"); sr_jw_str(&w, (const char *)sqlite3_column_text(st, 0));
		sr_jw_key(&w, "articles"); sr_jw_int(&w, sqlite3_column_int64(st, 1));
		sr_jw_end(&w);
	}
	sr_jw_end(&w);
	sqlite3_finalize(st);
	st = NULL;
	/* the entities it appears with */
	if (sqlite3_prepare_v2(db,
			       "SELECT e.id, e.type, e.name, count(DISTINCT m2.article_id) AS n FROM mentions m1"
			       " JOIN mentions m2 ON m2.article_id = m1.article_id AND m2.entity_id <> m1.entity_id"
			       " JOIN entities e ON e.id = m2.entity_id WHERE m1.entity_id = ?1"
			       " GROUP BY e.id ORDER BY n DESC, e.name LIMIT 15",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = SR_EDB;
		goto out;
	}
	sqlite3_bind_int64(st, 1, id);
	sr_jw_key(&w, "with");
	sr_jw_arr(&w);
	while (sqlite3_step(st) == SQLITE_ROW) {
		sr_jw_obj(&w);
		sr_jw_key(&w, "id"); sr_jw_int(&w, sqlite3_column_int64(st, 0));
		sr_jw_key(&w, "type"); sr_jw_str(&w, (const char *)sqlite3_column_text(st, 1));
		sr_jw_key(&w, "name"); sr_jw_str(&w, (const char *)sqlite3_column_text(st, 2));
		sr_jw_key(&w, "articles"); sr_jw_int(&w, sqlite3_column_int64(st, 3));
		sr_jw_end(&w);
	}
	sr_jw_end(&w);
	sqlite3_finalize(st);
	st = NULL;
	/* its latest articles */
	if (sqlite3_prepare_v2(db,
			       "SELECT DISTINCT a.id, a.title, a.published, a.site_name, a.time FROM mentions m"
			       " JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ?1"
			       " ORDER BY a.time DESC, a.id DESC LIMIT 20",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = SR_EDB;
		goto out;
	}
	sqlite3_bind_int64(st, 1, id);
	sr_jw_key(&w, "quotes");
	sr_jw_arr(&w);
	{
		sqlite3_stmt *q = NULL;
		if (sqlite3_prepare_v2(db,
				       "SELECT q.article_id, a.published, q.text FROM quotes q"
				       " JOIN articles a ON a.id = q.article_id WHERE q.entity_id = ?1"
				       " ORDER BY a.time DESC, q.article_id DESC, q.start LIMIT 20",
				       -1, &q, NULL) == SQLITE_OK) {
			sqlite3_bind_int64(q, 1, id);
			while (sqlite3_step(q) == SQLITE_ROW) {
				sr_jw_obj(&w);
				sr_jw_key(&w, "article_id"); sr_jw_int(&w, sqlite3_column_int64(q, 0));
				sr_jw_key(&w, "published"); sr_jw_str(&w, (const char *)sqlite3_column_text(q, 1));
				sr_jw_key(&w, "text"); sr_jw_str(&w, (const char *)sqlite3_column_text(q, 2));
				sr_jw_end(&w);
			}
		}
		sqlite3_finalize(q);
	}
	sr_jw_end(&w);
	sr_jw_key(&w, "latest");
	sr_jw_arr(&w);
	while (sqlite3_step(st) == SQLITE_ROW) {
		sr_jw_obj(&w);
		sr_jw_key(&w, "id"); sr_jw_int(&w, sqlite3_column_int64(st, 0));
		sr_jw_key(&w, "title"); sr_jw_str(&w, (const char *)sqlite3_column_text(st, 1));
		sr_jw_key(&w, "published"); sr_jw_str(&w, (const char *)sqlite3_column_text(st, 2));
		sr_jw_key(&w, "site_name"); sr_jw_str(&w, (const char *)sqlite3_column_text(st, 3));
		sr_jw_end(&w);
	}
	sr_jw_end(&w);
	sr_jw_end(&w);
	rc = w.rc;
out:
	sqlite3_finalize(st);
	return rc;
}

int sr_quotes_json(sr_store *s, const char *query, const char *speaker, int64_t since, int limit,
		   sr_buf *out)
{
	sqlite3 *db = sr_store_db(s);
	sr_buf fts;
	sqlite3_stmt *st = NULL;
	int rc = SR_OK;
	sr_buf_init(&fts, SR_QUERY_MAX * 8);
	int64_t who = 0;
	if (speaker && !(who = find_entity(db, speaker))) {
		who = -1; /* nobody by that name: no quotes */
	}
	if (query && *query) {
		sr_query_error e;
		if ((rc = sr_query_to_fts(query, &fts, &e)))
			goto out;
	}
	if (sqlite3_prepare_v2(db,
			       "SELECT q.id, q.article_id, a.title, a.published, coalesce(e.name, q.speaker),"
			       " q.entity_id, q.text FROM quotes q JOIN articles a ON a.id = q.article_id"
			       " LEFT JOIN entities e ON e.id = q.entity_id"
			       " WHERE (?1 IS NULL OR q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?1))"
			       " AND (?2 = 0 OR q.entity_id = ?2) AND coalesce(a.time, 0) >= ?3"
			       " ORDER BY a.time DESC, q.article_id DESC, q.start LIMIT ?4",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = SR_EDB;
		goto out;
	}
	if (fts.len)
		sqlite3_bind_text(st, 1, fts.data, (int)fts.len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, who);
	sqlite3_bind_int64(st, 3, since);
	sqlite3_bind_int(st, 4, limit > 0 ? limit : 50);
	sr_jw w;
	sr_jw_init(&w, out);
	sr_jw_obj(&w);
	sr_jw_key(&w, "quotes");
	sr_jw_arr(&w);
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		sr_jw_obj(&w);
		sr_jw_key(&w, "id"); sr_jw_int(&w, sqlite3_column_int64(st, 0));
		sr_jw_key(&w, "article_id"); sr_jw_int(&w, sqlite3_column_int64(st, 1));
		sr_jw_key(&w, "title"); sr_jw_str(&w, (const char *)sqlite3_column_text(st, 2));
		sr_jw_key(&w, "published"); sr_jw_str(&w, (const char *)sqlite3_column_text(st, 3));
		sr_jw_key(&w, "speaker"); sr_jw_str(&w, (const char *)sqlite3_column_text(st, 4));
		sr_jw_key(&w, "entity_id");
		if (sqlite3_column_type(st, 5) == SQLITE_NULL) sr_jw_null(&w); else sr_jw_int(&w, sqlite3_column_int64(st, 5));
		sr_jw_key(&w, "text"); sr_jw_str(&w, (const char *)sqlite3_column_text(st, 6));
		sr_jw_end(&w);
	}
	sr_jw_end(&w);
	sr_jw_end(&w);
	rc = r == SQLITE_DONE ? w.rc : SR_EDB;
out:
	sqlite3_finalize(st);
	sr_buf_release(&fts);
	return rc;
}

int sr_dates_stage_add(sr_store *s, int64_t id, const sr_timex *d, size_t n)
{
	sqlite3 *db = sr_store_db(s);
	int rc = run(db, "DELETE FROM date_mentions WHERE article_id = ?1", id, 0);
	if (rc || !n)
		return rc;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db,
			       "INSERT OR IGNORE INTO date_mentions(article_id, start, end, value, kind, gran, relative)"
			       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
			       -1, &st, NULL) != SQLITE_OK)
		return SR_EDB;
	for (size_t k = 0; k < n && !rc; k++) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)d[k].start);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)d[k].end);
		sqlite3_bind_text(st, 4, d[k].value, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, sr_timex_kind_name(d[k].kind), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, sr_timex_gran_name(d[k].gran), -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 7, d[k].relative);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = SR_EDB;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc;
}
