#include "store/checkpoint.h"
#include "base/err.h"

#include <stddef.h>

int sr_checkpoint_get(sr_store *s, const char *path, int64_t size, int64_t mtime, sr_checkpoint *ck)
{
	sqlite3_stmt *st = NULL;
	int rc;
	if (sqlite3_prepare_v2(sr_store_db(s),
			       "SELECT offset, inner, records FROM archive_checkpoints"
			       " WHERE path = ?1 AND size = ?2 AND mtime = ?3",
			       -1, &st, NULL) != SQLITE_OK)
		return SR_EDB;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, size);
	sqlite3_bind_int64(st, 3, mtime);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		ck->offset = (uint64_t)sqlite3_column_int64(st, 0);
		ck->inner = (uint64_t)sqlite3_column_int64(st, 1);
		ck->records = (uint64_t)sqlite3_column_int64(st, 2);
		rc = 1;
	} else {
		rc = r == SQLITE_DONE ? 0 : SR_EDB;
	}
	sqlite3_finalize(st);
	return rc;
}

int sr_checkpoint_set(sr_store *s, const char *path, int64_t size, int64_t mtime, const sr_checkpoint *ck)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(sr_store_db(s),
			       "INSERT OR REPLACE INTO archive_checkpoints(path, size, mtime, offset, inner, records)"
			       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			       -1, &st, NULL) != SQLITE_OK)
		return SR_EDB;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, size);
	sqlite3_bind_int64(st, 3, mtime);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)ck->offset);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)ck->inner);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)ck->records);
	int r = sqlite3_step(st);
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? SR_OK : SR_EDB;
}

int sr_checkpoint_clear(sr_store *s, const char *path)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(sr_store_db(s), "DELETE FROM archive_checkpoints WHERE path = ?1", -1, &st,
			       NULL) != SQLITE_OK)
		return SR_EDB;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	int r = sqlite3_step(st);
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? SR_OK : SR_EDB;
}
