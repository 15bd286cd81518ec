/*
 * trends.c - rising names (see trends.h).
 */
#include "store/trends.h"
#include "base/err.h"
#include "base/hmap.h"
#include "base/json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define BASE_HOURS 168

typedef struct ent {
	int64_t id;
	double sum, sumsq; /* baseline hourly counts */
	int64_t count;     /* in the window */
	double z, mu, sd;
} ent;

static int by_z(const void *a, const void *b)
{
	const ent *x = a, *y = b;
	if (x->z != y->z)
		return x->z < y->z ? 1 : -1;
	return x->id < y->id ? -1 : x->id > y->id;
}

int sr_trends_json(sr_store *s, const sr_trends_opts *o, sr_buf *out)
{
	sqlite3 *db = sr_store_db(s);
	sqlite3_stmt *st = NULL, *nm = NULL;
	sr_hmap map;
	ent *e = NULL;
	size_t n = 0, cap = 0;
	int rc = SR_EDB;
	int w = o->window_hours < 1 ? 1 : o->window_hours > BASE_HOURS ? BASE_HOURS : o->window_hours;
	int64_t start = o->at - (int64_t)w * 3600, base = start - (int64_t)BASE_HOURS * 3600;
	sr_hmap_init(&map);
	/* articles per entity per hour, from the start of the baseline to the end of the window */
	if (sqlite3_prepare_v2(db,
			       "SELECT m.entity_id, (a.time - ?1) / 3600, count(DISTINCT m.article_id)"
			       " FROM articles a JOIN mentions m ON m.article_id = a.id"
			       " WHERE a.time >= ?1 AND a.time < ?2 GROUP BY 1, 2",
			       -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT type, name FROM entities WHERE id = ?1", -1, &nm, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, base);
	sqlite3_bind_int64(st, 2, o->at);
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0), hour = sqlite3_column_int64(st, 1);
		double c = (double)sqlite3_column_int64(st, 2);
		int ins;
		uint64_t *v = sr_hmap_put(&map, (uint64_t)id, &ins);
		if (!v) {
			rc = SR_ENOMEM;
			goto out;
		}
		if (ins) {
			if (n == cap) {
				size_t nc = cap ? cap * 2 : 256;
				ent *ne = realloc(e, nc * sizeof(*ne));
				if (!ne) {
					rc = SR_ENOMEM;
					goto out;
				}
				e = ne;
				cap = nc;
			}
			memset(&e[n], 0, sizeof(e[n]));
			e[n].id = id;
			*v = n++;
		}
		ent *x = &e[*v];
		if (hour < BASE_HOURS) {
			x->sum += c;
			x->sumsq += c * c;
		} else {
			x->count += (int64_t)c;
		}
	}
	if (r != SQLITE_DONE)
		goto out;
	for (size_t i = 0; i < n; i++) {
		ent *x = &e[i];
		x->mu = x->sum / BASE_HOURS;
		double var = x->sumsq / BASE_HOURS - x->mu * x->mu;
		x->sd = var > 0 ? sqrt(var) : 0;
		x->z = ((double)x->count - w * x->mu) / sqrt(w * var + 1);
	}
	if (n)
		qsort(e, n, sizeof(*e), by_z);
	sr_jw jw;
	sr_jw_init(&jw, out);
	sr_jw_obj(&jw);
	sr_jw_key(&jw, "at");
	sr_jw_int(&jw, o->at);
	sr_jw_key(&jw, "window_hours");
	sr_jw_int(&jw, w);
	sr_jw_key(&jw, "trends");
	sr_jw_arr(&jw);
	int limit = o->limit > 0 ? o->limit : 20, shown = 0;
	for (size_t i = 0; i < n && shown < limit; i++) {
		ent *x = &e[i];
		if (x->z < o->min_z || x->count < o->min_count)
			continue;
		sqlite3_bind_int64(nm, 1, x->id);
		if (sqlite3_step(nm) == SQLITE_ROW) {
			sr_jw_obj(&jw);
			sr_jw_key(&jw, "id");
			sr_jw_int(&jw, x->id);
			sr_jw_key(&jw, "type");
			sr_jw_str(&jw, (const char *)sqlite3_column_text(nm, 0));
			sr_jw_key(&jw, "name");
			sr_jw_str(&jw, (const char *)sqlite3_column_text(nm, 1));
			sr_jw_key(&jw, "count");
			sr_jw_int(&jw, x->count);
			sr_jw_key(&jw, "baseline_per_hour");
			sr_jw_double(&jw, x->mu);
			sr_jw_key(&jw, "sd");
			sr_jw_double(&jw, x->sd);
			sr_jw_key(&jw, "z");
			sr_jw_double(&jw, x->z);
			sr_jw_end(&jw);
			shown++;
		}
		sqlite3_reset(nm);
	}
	sr_jw_end(&jw);
	sr_jw_end(&jw);
	rc = jw.rc ? SR_ENOMEM : SR_OK;
out:
	sqlite3_finalize(st);
	sqlite3_finalize(nm);
	sr_hmap_release(&map);
	free(e);
	return rc;
}
