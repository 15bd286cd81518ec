/* Fuzz the query language: any bytes must compile or be refused with a column, never crash,
 * and what compiles must be accepted by FTS5 itself (checked on an in-memory table). */
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "query/query.h"
#include "store/fts_tok.h"

static sqlite3 *db;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!db) {
		sqlite3_open(":memory:", &db);
		sr_fts_register(db);
		sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='sitrep');"
				 "INSERT INTO t VALUES ('nato amman', 'the liaison office opens');",
			     NULL, NULL, NULL);
	}
	char *q = malloc(size + 1);
	if (!q)
		return 0;
	memcpy(q, data, size);
	q[size] = '\0';
	sr_buf out;
	sr_query_error e;
	sr_buf_init(&out, 1 << 20);
	int rc = sr_query_to_fts(q, &out, &e);
	if (rc == SR_OK) {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_text(st, 1, out.data, (int)out.len, SQLITE_STATIC);
			int r = sqlite3_step(st);
			if (r != SQLITE_ROW) {
				/* every compiled expression must be valid FTS5 */
				const char *m = sqlite3_errmsg(db);
				if (strstr(m, "syntax") || strstr(m, "no such column"))
					abort();
			}
		}
		sqlite3_finalize(st);
	} else if (rc == SR_EPARSE && (e.column < 1 || !e.message[0])) {
		abort(); /* a refusal must say where and why */
	}
	sr_buf_release(&out);
	free(q);
	return 0;
}
