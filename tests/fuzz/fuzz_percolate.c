/* Fuzz the percolator differentially: every query the query language compiles must be read
 * by the percolator, and (for queries without filters) match one fixed article exactly when
 * FTS5 matches the same article indexed by the sitrep tokenizer. */
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "query/query.h"
#include "store/fts_tok.h"
#include "watch/percolate.h"

static sqlite3 *db;

static const char title[] = "NATO opens liaison office in Amman";
static const char body[] = "The alliance's office will run courses in crisis management and cyber "
			   "defence. Negotiations on the café with 1,200 seats went on; the office "
			   "opens Monday. Officers of the Jordanian army attended.";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int hit(void *ctx, int64_t id)
{
	(void)id;
	*(int *)ctx = 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!db) {
		sqlite3_open(":memory:", &db);
		sr_fts_register(db);
		sqlite3_stmt *in = NULL;
		sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='sitrep');", NULL,
			     NULL, NULL);
		sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?1, ?2)", -1, &in, NULL);
		sqlite3_bind_text(in, 1, title, -1, SQLITE_STATIC);
		sqlite3_bind_text(in, 2, body, -1, SQLITE_STATIC);
		sqlite3_step(in);
		sqlite3_finalize(in);
	}
	char *q = malloc(size + 1);
	if (!q)
		return 0;
	memcpy(q, data, size);
	q[size] = '\0';
	sr_query cq;
	sr_query_error e;
	int rc = sr_query_compile(q, 0, &cq, &e);
	if (rc == SR_OK) {
		sr_percolator *p = sr_percolator_new();
		if (!p)
			abort();
		if (sr_percolator_add(p, 1, q, 0, &e) != SR_OK)
			abort(); /* the percolator must read whatever the compiler produces */
		if (cq.fts.len && !cq.n_filters) {
			sr_watch_article a;
			memset(&a, 0, sizeof(a));
			a.title = title;
			a.text = body;
			int got = 0, naive = 0;
			sr_percolate(p, &a, 0, hit, &got, NULL);
			sr_percolate(p, &a, SR_PERC_NAIVE, hit, &naive, NULL);
			sqlite3_stmt *st = NULL;
			int want = -1;
			if (sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &st, NULL) ==
			    SQLITE_OK) {
				sqlite3_bind_text(st, 1, cq.fts.data, (int)cq.fts.len, SQLITE_STATIC);
				if (sqlite3_step(st) == SQLITE_ROW)
					want = sqlite3_column_int(st, 0) > 0;
			}
			sqlite3_finalize(st);
			if (want >= 0 && (got != want || naive != want))
				abort(); /* the watchlist and search disagree */
		}
		sr_percolator_free(p);
	}
	sr_query_release(&cq);
	free(q);
	return 0;
}
