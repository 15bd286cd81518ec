#include "store/search.h"
#include "base/err.h"

#include <stdio.h>
#include <string.h>

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

int sr_search(sr_store *s, const sr_search_opts *o, int64_t *total, sr_hit_fn fn, void *ctx,
	      sr_query_error *qerr)
{
	sr_buf fts, snip;
	sqlite3_stmt *st = NULL;
	sqlite3 *db = sr_store_db(s);
	int rc;
	sr_buf_init(&fts, SR_QUERY_MAX * 8);
	sr_buf_init(&snip, 1 << 16);
	if ((rc = sr_query_to_fts(o->query, &fts, qerr)))
		goto out;
	int limit = o->limit < 1 ? 10 : o->limit > SR_SEARCH_MAX_LIMIT ? SR_SEARCH_MAX_LIMIT : o->limit;
	if (total) {
		*total = 0;
		if (sqlite3_prepare_v2(db, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1",
				       -1, &st, NULL) != SQLITE_OK) {
			rc = SR_EDB;
			goto out;
		}
		sqlite3_bind_text(st, 1, fts.data, (int)fts.len, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW) {
			rc = SR_EDB;
			goto out;
		}
		*total = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		st = NULL;
	}
	static const char sql[] =
		"SELECT a.id, -bm25(articles_fts, 10.0, 1.0) AS score, a.title, a.url, a.site_name,"
		" a.published, a.lang,"
		" snippet(articles_fts, 1, char(14), char(15), '…', 24)"
		" FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
		" WHERE articles_fts MATCH ?1 ORDER BY bm25(articles_fts, 10.0, 1.0), a.id LIMIT ?2 OFFSET ?3";
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		rc = SR_EDB;
		goto out;
	}
	sqlite3_bind_text(st, 1, fts.data, (int)fts.len, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, limit);
	sqlite3_bind_int(st, 3, o->offset < 0 ? 0 : o->offset);
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		sr_hit h;
		memset(&h, 0, sizeof(h));
		h.id = sqlite3_column_int64(st, 0);
		h.score = sqlite3_column_double(st, 1);
		h.title = (const char *)sqlite3_column_text(st, 2);
		h.url = (const char *)sqlite3_column_text(st, 3);
		h.site_name = (const char *)sqlite3_column_text(st, 4);
		h.published = (const char *)sqlite3_column_text(st, 5);
		h.lang = (const char *)sqlite3_column_text(st, 6);
		clean_snippet((const char *)sqlite3_column_text(st, 7), &snip, &h);
		h.snippet = snip.data ? snip.data : "";
		if ((rc = fn(ctx, &h)))
			goto out;
	}
	rc = r == SQLITE_DONE ? SR_OK : SR_EDB;
out:
	sqlite3_finalize(st);
	sr_buf_release(&fts);
	sr_buf_release(&snip);
	return rc;
}
