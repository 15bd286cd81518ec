#include "store/search.h"
#include "base/json.h"
#include "analyze/entities.h"
#include "base/err.h"
#include "base/hmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MARK_OPEN "\x0e"
#define MARK_CLOSE "\x0f"

/* Turn FTS5's snippet (with MARK_OPEN/MARK_CLOSE around matches and maybe a language
 * marker "\x01xx\x02") into plain text and ranges. */
static void clean_snippet(const char *in, sr_buf *out, sr_hit *h)
{
	sr_buf_reset(out);
	h->n_marks = 0;
	uint32_t open_at = 0;
	for (const char *p = in; p && *p; p++) {
		if (*p == '\x01') {
			const char *e = strchr(p, '\x02');
			if (e) {
				p = e;
				continue;
			}
		}
		if (*p == MARK_OPEN[0]) {
			open_at = (uint32_t)out->len;
			continue;
		}
		if (*p == MARK_CLOSE[0]) {
			if (h->n_marks < SR_SEARCH_MAX_MARKS) {
				h->marks[h->n_marks][0] = open_at;
				h->marks[h->n_marks][1] = (uint32_t)out->len;
				h->n_marks++;
			}
			continue;
		}
		if (*p == '\n') {
			/* blocks are separated by blank lines: one space in a snippet */
			if (out->len && out->data[out->len - 1] != ' ')
				sr_buf_putc(out, ' ');
			continue;
		}
		sr_buf_putc(out, *p);
	}
}

int sr_search_filter_sql(const sr_search_filter *f, const char *tab, sr_buf *sql)
{
	/* on the caller's row of articles itself: a subquery "id IN (SELECT id FROM articles
	 * WHERE ...)" would scan the whole table (no index on these columns) for every search */
	int rc = SR_OK;
	if (f->site)
		rc = sr_buf_appendf(sql, " AND %s.site_name = ?21", tab);
	if (!rc && f->lang)
		rc = sr_buf_appendf(sql, " AND %s.lang = ?22", tab);
	if (!rc && f->day)
		rc = sr_buf_appendf(sql, " AND %s.time >= ?23 AND %s.time < ?23 + 86400", tab, tab);
	return rc ? SR_ETOOBIG : SR_OK;
}

void sr_search_filter_bind(sqlite3_stmt *st, const sr_search_filter *f)
{
	/* numbered above any other parameter of the statements they join (a named one would
	 * take the next free number, which a later ?N may also use) */
	if (f->site)
		sqlite3_bind_text(st, 21, f->site, -1, SQLITE_TRANSIENT);
	if (f->lang)
		sqlite3_bind_text(st, 22, f->lang, -1, SQLITE_TRANSIENT);
	if (f->day)
		sqlite3_bind_int64(st, 23, f->day);
}

/* The filters of the query language (query/query.h) as SQL on the caller's row of
 * articles (alias tab), parameters ?31 upwards (above those of sr_search_filter_sql). */
static int query_filters_sql(const sr_query *q, const char *tab, sr_buf *sql)
{
	int rc = SR_OK;
	for (int k = 0; !rc && k < q->n_filters; k++) {
		int n = 31 + k;
		switch (q->filters[k].kind) {
		case SR_QF_SOURCE:
			/* the site name, or the host of the canonical URL (www. or not) */
			rc = sr_buf_appendf(sql,
					    " AND (lower(%s.site_name) = lower(?%d)"
					    " OR instr(lower(%s.canon), '://' || lower(?%d) || '/') > 0"
					    " OR instr(lower(%s.canon), '://www.' || lower(?%d) || '/') > 0)",
					    tab, n, tab, n, tab, n);
			break;
		case SR_QF_LANG:
			rc = sr_buf_appendf(sql, " AND lower(%s.lang) = lower(?%d)", tab, n);
			break;
		case SR_QF_SINCE:
			rc = sr_buf_appendf(sql, " AND %s.time >= ?%d", tab, n);
			break;
		case SR_QF_UNTIL:
			rc = sr_buf_appendf(sql, " AND %s.time <= ?%d", tab, n);
			break;
		case SR_QF_STORY:
			rc = sr_buf_appendf(sql, " AND %s.story_id = ?%d", tab, n);
			break;
		case SR_QF_PERSON:
		case SR_QF_ORG:
		case SR_QF_PLACE:
			/* ?N is the name's entity key ("P:jens stoltenberg"): that entity, or the
			 * longer names it is a part of ("P:stoltenberg" finds "P:jens stoltenberg") */
			rc = sr_buf_appendf(sql,
					    " AND %s.id IN (SELECT m.article_id FROM mentions m"
					    " JOIN entities e ON e.id = m.entity_id WHERE e.key = ?%d OR e.alias = ?%d"
					    " OR e.key LIKE substr(?%d, 1, 2) || '%% ' || substr(?%d, 3)"
					    " OR e.key LIKE ?%d || ' %%')",
					    tab, n, n, n, n, n);
			break;
		case SR_QF_TAG:
			rc = sr_buf_appendf(sql,
					    " AND EXISTS (SELECT 1 FROM json_each(%s.tags)"
					    " WHERE lower(json_each.value) = lower(?%d))",
					    tab, n);
			break;
		}
	}
	return rc;
}

static void query_filters_bind(sqlite3_stmt *st, const sr_query *q)
{
	for (int k = 0; k < q->n_filters; k++) {
		const sr_qfilter *f = &q->filters[k];
		if (f->kind == SR_QF_SINCE || f->kind == SR_QF_UNTIL || f->kind == SR_QF_STORY) {
			sqlite3_bind_int64(st, 31 + k, f->num);
		} else if (f->kind == SR_QF_PERSON || f->kind == SR_QF_ORG || f->kind == SR_QF_PLACE) {
			char key[300];
			int type = f->kind == SR_QF_PERSON ? SR_NER_PER : f->kind == SR_QF_ORG ? SR_NER_ORG : SR_NER_LOC;
			sr_entity_key(type, f->text, strlen(f->text), key, sizeof(key));
			sqlite3_bind_text(st, 31 + k, key, -1, SQLITE_TRANSIENT);
		} else
			sqlite3_bind_text(st, 31 + k, f->text, -1, SQLITE_STATIC);
	}
}

/* The number of groups of copies among the matches of q and o's filter (what the total
 * of a search counts): count(DISTINCT coalesce(dup_of, id)) over the matching articles.
 *
 * Without filters the matches need not be joined to their articles, which costs a lookup
 * of a whole article row per match (most of a search's time on a large store): when the
 * store holds no copies at all (none in the index articles_copy), every match is its own
 * group and FTS5 counts its rowids; otherwise each match is looked up in articles_copy,
 * the small index of the copies by id, whose dup_of is the group (a match absent from it
 * is no copy: its own id).  With filters the articles are read anyway, for the filter. */
static int count_groups(sqlite3 *db, const sr_search_opts *o, const sr_query *q, int64_t *total)
{
	static const char plain_sql[] =
		"SELECT CASE WHEN EXISTS (SELECT 1 FROM articles INDEXED BY articles_copy WHERE dup_of IS NOT NULL)"
		" THEN (SELECT count(DISTINCT coalesce(c.dup_of, f.rowid)) FROM articles_fts f"
		" LEFT JOIN articles c INDEXED BY articles_copy ON c.id = f.rowid AND c.dup_of IS NOT NULL"
		" WHERE f.articles_fts MATCH ?1)"
		" ELSE (SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1) END";
	const sr_buf *fts = &q->fts;
	int browse = fts->len == 0;
	int filtered = q->n_filters > 0 || o->filter.site || o->filter.lang || o->filter.day;
	sqlite3_stmt *st = NULL;
	sr_buf sql;
	int rc = SR_OK;
	sr_buf_init(&sql, 8192);
	*total = 0;
	if (!filtered && !browse) {
		rc = sr_buf_puts(&sql, plain_sql);
	} else {
		rc = browse ? sr_buf_puts(&sql, "SELECT count(DISTINCT coalesce(a.dup_of, a.id)) FROM articles a"
					  " WHERE ?1 IS NULL")
			    : sr_buf_puts(&sql, "SELECT count(DISTINCT coalesce(a.dup_of, a.id)) FROM articles_fts"
					  " JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ?1");
		if (!rc)
			rc = sr_search_filter_sql(&o->filter, "a", &sql);
		if (!rc)
			rc = query_filters_sql(q, "a", &sql);
	}
	if (rc) {
		rc = SR_ENOMEM;
		goto out;
	}
	if (sqlite3_prepare_v2(db, sql.data, (int)sql.len, &st, NULL) != SQLITE_OK) {
		rc = SR_EDB;
		goto out;
	}
	if (!browse)
		sqlite3_bind_text(st, 1, fts->data, (int)fts->len, SQLITE_STATIC);
	sr_search_filter_bind(st, &o->filter);
	query_filters_bind(st, q);
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = SR_EDB;
		goto out;
	}
	*total = sqlite3_column_int64(st, 0);
out:
	sqlite3_finalize(st);
	sr_buf_release(&sql);
	return rc;
}

int sr_search(sr_store *s, const sr_search_opts *o, int64_t *total, sr_hit_fn fn, void *ctx,
	      sr_query_error *qerr)
{
	sr_buf snip, sql;
	sr_query q;
	sr_hmap seen;
	sqlite3_stmt *st = NULL, *cp = NULL, *sn = NULL;
	int r = SQLITE_DONE, txn = 0;
	sqlite3 *db = sr_store_db(s);
	int rc;
	sr_hmap_init(&seen);
	sr_buf_init(&snip, 1 << 16);
	sr_buf_init(&sql, 8192);
	rc = sr_query_compile(o->query, (int64_t)time(NULL), &q, qerr);
	sr_buf *fts = &q.fts;
	int browse = fts->len == 0; /* filters only: the newest matching articles first */
	int filtered = q.n_filters > 0 || o->filter.site || o->filter.lang || o->filter.day;
	if (rc)
		goto out;
	int limit = o->limit < 1 ? 10 : o->limit > SR_SEARCH_MAX_LIMIT ? SR_SEARCH_MAX_LIMIT : o->limit;
	/* one read transaction: the total and the hits see the same snapshot while a writer
	 * commits (WAL), and the connection takes its read lock once */
	if (sqlite3_get_autocommit(db)) {
		if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
			rc = SR_EDB;
			goto out;
		}
		txn = 1;
	}
	if (total && (rc = count_groups(db, o, &q, total)))
		goto out;
	/* Rank with FTS5's top-N path (ORDER BY rank LIMIT n inside the subquery; the rank
	 * function is bm25(10, 1), configured by the schema), then fetch the metadata of those
	 * rows only.  Copies of one text are shown once, by their best-ranked member, so the
	 * window may need to grow when copies fill it: it doubles until the page is full or
	 * the matches run out.  Snippets are made for the page's hits only. */
	sr_buf_reset(&sql);
	if (browse) {
		/* no words to rank by: the newest first, the same columns (score 0).  The filter
		 * as a set of ids, found in one pass over the table: tested on each row in the
		 * order of time, a filter that keeps few articles would look up every row */
		if (sr_buf_puts(&sql, "SELECT a.id, 0.0, a.title, a.url, a.site_name, a.published, a.lang,"
				" coalesce(a.dup_of, a.id), a.story_id FROM articles a WHERE ?1 IS NULL"
				" AND a.id IN (SELECT b.id FROM articles b WHERE 1") ||
		    sr_search_filter_sql(&o->filter, "b", &sql) || query_filters_sql(&q, "b", &sql) ||
		    sr_buf_puts(&sql, ") ORDER BY a.time DESC, a.id DESC LIMIT ?2")) {
			rc = SR_ENOMEM;
			goto out;
		}
	} else if (!filtered) {
		if (sr_buf_puts(&sql, "SELECT a.id, -f.rank, a.title, a.url, a.site_name, a.published, a.lang,"
				" coalesce(a.dup_of, a.id), a.story_id"
				" FROM (SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ?1"
				" ORDER BY rank LIMIT ?2) f JOIN articles a ON a.id = f.rowid"
				" ORDER BY f.rank, a.id")) {
			rc = SR_ENOMEM;
			goto out;
		}
	} else if (sr_buf_puts(&sql, "SELECT a.id, -articles_fts.rank, a.title, a.url, a.site_name, a.published,"
				 " a.lang, coalesce(a.dup_of, a.id), a.story_id"
				 " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
				 " WHERE articles_fts MATCH ?1") ||
		   sr_search_filter_sql(&o->filter, "a", &sql) || query_filters_sql(&q, "a", &sql) ||
		   sr_buf_puts(&sql, " ORDER BY articles_fts.rank, a.id LIMIT ?2")) {
		/* with filters, the matches are joined to their articles and filtered there: a
		 * constraint on the FTS table's rowid would make FTS5 look each candidate rowid up
		 * on its own, which is slow when the filter keeps many articles */
		rc = SR_ENOMEM;
		goto out;
	}
	static const char snippet_sql[] =
		"SELECT snippet(articles_fts, 1, char(14), char(15), '…', 24) FROM articles_fts"
		" WHERE articles_fts MATCH ?1 AND rowid = ?2";
	/* browsing: the start of the text */
	static const char lead_sql[] =
		"SELECT substr(text, 1, 240) || CASE WHEN length(text) > 240 THEN '…' ELSE '' END"
		" FROM articles WHERE ?1 IS NULL AND id = ?2";
	static const char copies_sql[] =
		"SELECT a.id, coalesce(a.site_name, a.canon, a.url) FROM articles a"
		" WHERE (a.dup_of = ?1 OR a.id = ?1) AND a.id <> ?2 ORDER BY a.id LIMIT 64";
	if (sqlite3_prepare_v2(db, sql.data, (int)sql.len, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, browse ? lead_sql : snippet_sql, -1, &sn, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, copies_sql, -1, &cp, NULL) != SQLITE_OK) {
		rc = SR_EDB;
		goto out;
	}
	int offset = o->offset < 0 ? 0 : o->offset;
	int64_t window = ((int64_t)offset + limit) * 2 + 20;
	for (;;) {
		int emitted = 0, skip = offset, rows = 0;
		sr_hmap_clear(&seen);
		sqlite3_reset(st);
		if (!browse)
			sqlite3_bind_text(st, 1, fts->data, (int)fts->len, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, window);
		sr_search_filter_bind(st, &o->filter);
		query_filters_bind(st, &q);
		while (emitted < limit && (r = sqlite3_step(st)) == SQLITE_ROW) {
			rows++;
			int64_t grp = sqlite3_column_int64(st, 7);
			int ins;
			if (!sr_hmap_put(&seen, (uint64_t)grp, &ins)) {
				rc = SR_ENOMEM;
				goto out;
			}
			if (!ins || skip-- > 0)
				continue; /* a copy of a group already shown, or before the page */
			emitted++;
			sr_hit h;
			memset(&h, 0, sizeof(h));
			h.id = sqlite3_column_int64(st, 0);
			h.score = sqlite3_column_double(st, 1);
			h.title = (const char *)sqlite3_column_text(st, 2);
			h.url = (const char *)sqlite3_column_text(st, 3);
			h.site_name = (const char *)sqlite3_column_text(st, 4);
			h.published = (const char *)sqlite3_column_text(st, 5);
			h.lang = (const char *)sqlite3_column_text(st, 6);
			h.story = sqlite3_column_int64(st, 8);
			if (!browse)
				sqlite3_bind_text(sn, 1, fts->data, (int)fts->len, SQLITE_STATIC);
			sqlite3_bind_int64(sn, 2, h.id);
			clean_snippet(sqlite3_step(sn) == SQLITE_ROW ? (const char *)sqlite3_column_text(sn, 0) : "",
				      &snip, &h);
			h.snippet = snip.data ? snip.data : "";
			/* the other copies and their outlets (distinct, in order of ingest) */
			const char *outlets[64];
			sqlite3_bind_int64(cp, 1, grp);
			sqlite3_bind_int64(cp, 2, h.id);
			while (sqlite3_step(cp) == SQLITE_ROW) {
				h.copies++;
				const char *o_ = (const char *)sqlite3_column_text(cp, 1);
				size_t k;
				for (k = 0; o_ && k < h.n_outlets; k++)
					if (!strcmp(outlets[k], o_))
						break;
				if (o_ && k == h.n_outlets && h.n_outlets < 64) {
					char *dup = strdup(o_);
					if (dup)
						outlets[h.n_outlets++] = dup;
				}
			}
			sqlite3_reset(cp);
			h.outlets = outlets;
			rc = fn(ctx, &h);
			for (size_t k = 0; k < h.n_outlets; k++)
				free((char *)outlets[k]);
			sqlite3_reset(sn); /* the snippet text lives until the callback returned */
			if (rc)
				goto out;
		}
		if (emitted == limit || r != SQLITE_DONE || rows < window) {
			rc = emitted == limit || r == SQLITE_DONE ? SR_OK : SR_EDB;
			break;
		}
		/* the window was all used and copies left the page short: widen it, and skip
		 * the hits already given */
		offset += emitted;
		limit -= emitted;
		window *= 4;
	}
out:
	sqlite3_finalize(st);
	sqlite3_finalize(sn);
	sqlite3_finalize(cp);
	if (txn && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		if (!rc)
			rc = SR_EDB;
	}
	sr_hmap_release(&seen);
	sr_query_release(&q);
	sr_buf_release(&snip);
	sr_buf_release(&sql);
	return rc;
}

int sr_hit_json(sr_jw *w, const sr_hit *h)
{
	sr_jw_obj(w);
	sr_jw_key(w, "id"); sr_jw_int(w, h->id);
	sr_jw_key(w, "score"); sr_jw_double(w, h->score);
	sr_jw_key(w, "title"); sr_jw_str(w, h->title);
	sr_jw_key(w, "url"); sr_jw_str(w, h->url);
	sr_jw_key(w, "site_name"); sr_jw_str(w, h->site_name);
	sr_jw_key(w, "published"); sr_jw_str(w, h->published);
	sr_jw_key(w, "lang"); sr_jw_str(w, h->lang);
	sr_jw_key(w, "story");
	if (h->story)
		sr_jw_int(w, h->story);
	else
		sr_jw_null(w);
	sr_jw_key(w, "copies"); sr_jw_int(w, h->copies);
	sr_jw_key(w, "outlets");
	sr_jw_arr(w);
	for (size_t k = 0; k < h->n_outlets; k++)
		sr_jw_str(w, h->outlets[k]);
	sr_jw_end(w);
	sr_jw_key(w, "snippet"); sr_jw_str(w, h->snippet);
	sr_jw_key(w, "highlights");
	sr_jw_arr(w);
	for (size_t m = 0; m < h->n_marks; m++) {
		sr_jw_arr(w);
		sr_jw_int(w, h->marks[m][0]);
		sr_jw_int(w, h->marks[m][1]);
		sr_jw_end(w);
	}
	sr_jw_end(w);
	sr_jw_end(w);
	return w->rc;
}
