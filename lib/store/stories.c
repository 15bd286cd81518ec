#include "store/stories.h"
#include "pipeline.h"
#include "store/entity_store.h"
#include "store/watch_store.h"
#include "analyze/tokenize.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/isotime.h"
#include "story/dedup.h"
#include "story/df_en.h"
#include "story/url.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RESTORE_WINDOW (14 * 86400)
#define RESTORE_MAX 50000

enum {
	Q_CANON,      /* earliest article with the same canonical URL */
	Q_STORY_OF,   /* an article's story */
	Q_PREV,       /* the article's previous story, when it is re-placed */
	Q_UNJOIN,     /* take it out of that story */
	Q_DROP_EMPTY,
	Q_SET,        /* articles: time, dup_of, story_id, canon */
	Q_FP,         /* fingerprints */
	Q_STORY,      /* stories upsert */
	Q_ROOT,       /* the current root of a group, and its time */
	Q_REROOT,     /* an earlier copy arrived late: it becomes the group's root */
	Q_N
};

static const char *const q_sql[Q_N] = {
	[Q_CANON] = "SELECT coalesce(dup_of, id) FROM articles WHERE canon = ?1 AND id <> ?2"
		    " ORDER BY id LIMIT 1",
	[Q_STORY_OF] = "SELECT story_id FROM articles WHERE id = ?1",
	[Q_PREV] = "SELECT story_id FROM articles WHERE id = ?1 AND story_id IS NOT NULL",
	[Q_UNJOIN] = "UPDATE stories SET size = size - 1 WHERE id = ?1",
	[Q_DROP_EMPTY] = "DELETE FROM stories WHERE id = ?1 AND size <= 0",
	[Q_SET] = "UPDATE articles SET time = ?2, dup_of = ?3, story_id = ?4, canon = ?5 WHERE id = ?1",
	[Q_FP] = "INSERT OR REPLACE INTO fingerprints(id, words_hash, n_words, minhash) VALUES (?1, ?2, ?3, ?4)",
	[Q_STORY] = "INSERT INTO stories(id, first_seen, last_seen, size, label_id, label_sim)"
		    " VALUES (?1, ?2, ?2, 1, ?3, ?4)"
		    " ON CONFLICT(id) DO UPDATE SET"
		    "  first_seen = min(first_seen, excluded.first_seen),"
		    "  last_seen = max(last_seen, excluded.last_seen),"
		    "  size = size + 1,"
		    "  label_id = CASE WHEN excluded.label_sim > label_sim THEN excluded.label_id ELSE label_id END,"
		    "  label_sim = max(label_sim, excluded.label_sim)",
	[Q_ROOT] = "SELECT coalesce(r.dup_of, r.id), (SELECT time FROM articles WHERE id = coalesce(r.dup_of, r.id))"
		   " FROM articles r WHERE r.id = ?1",
	[Q_REROOT] = "UPDATE articles SET dup_of = ?2 WHERE (dup_of = ?1 OR id = ?1) AND id <> ?2",
};

struct sr_story_stage {
	sr_store *store;
	sqlite3_stmt *q[Q_N];
	sr_dedup *dedup;
	sr_clusterer *cluster;
	sr_tokenizer *tok;
	sr_arena arena;
	int restored;
	sr_buf canon;
	struct sr_watch_stage *watch; /* watchlists, opened on first use */
};

void sr_story_stage_close(sr_story_stage *st)
{
	if (!st)
		return;
	for (int i = 0; i < Q_N; i++)
		sqlite3_finalize(st->q[i]);
	sr_dedup_free(st->dedup);
	sr_clusterer_free(st->cluster);
	sr_tokenizer_free(st->tok);
	sr_arena_release(&st->arena);
	sr_buf_release(&st->canon);
	sr_watch_stage_close(st->watch);
	free(st);
}

int sr_story_stage_open(sr_story_stage **out, sr_store *store, const sr_cluster_opts *opts)
{
	*out = NULL;
	sr_story_stage *st = calloc(1, sizeof(*st));
	if (!st)
		return SR_ENOMEM;
	st->store = store;
	sr_arena_init(&st->arena, 0);
	sr_buf_init(&st->canon, 8192);
	st->dedup = sr_dedup_new(NULL);
	st->cluster = sr_clusterer_new(opts);
	st->tok = sr_tokenizer_new();
	if (!st->dedup || !st->cluster || !st->tok) {
		sr_story_stage_close(st);
		return SR_ENOMEM;
	}
	if (sr_clusterer_set_background(st->cluster, sr_df_en, sr_df_en_len)) {
		sr_story_stage_close(st);
		return SR_EPARSE;
	}
	for (int i = 0; i < Q_N; i++) {
		if (sqlite3_prepare_v3(sr_store_db(store), q_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &st->q[i],
				       NULL) != SQLITE_OK) {
			sr_story_stage_close(st);
			return SR_EDB;
		}
	}
	*out = st;
	return SR_OK;
}

static void fp_from_row(sqlite3_stmt *r, int col, sr_fingerprint *fp)
{
	memset(fp, 0, sizeof(*fp));
	const void *wh = sqlite3_column_blob(r, col);
	if (wh && sqlite3_column_bytes(r, col) == (int)sizeof(fp->words_hash))
		memcpy(fp->words_hash, wh, sizeof(fp->words_hash));
	fp->n_words = (uint32_t)sqlite3_column_int64(r, col + 1);
	const void *mh = sqlite3_column_blob(r, col + 2);
	if (mh && sqlite3_column_bytes(r, col + 2) == (int)sizeof(fp->minhash))
		memcpy(fp->minhash, mh, sizeof(fp->minhash));
	else
		fp->n_words = 0;
}

/* Put the recent window back into memory. */
static int restore(sr_story_stage *st)
{
	static const char sql[] =
		"SELECT a.id, a.story_id, a.time, a.title, a.text, a.lang, a.dup_of,"
		" f.words_hash, f.n_words, f.minhash"
		" FROM articles a JOIN fingerprints f ON f.id = a.id"
		" WHERE a.id IN (SELECT id FROM articles WHERE time >="
		"   (SELECT max(time) FROM articles) - ?1 AND story_id IS NOT NULL"
		"   ORDER BY time DESC LIMIT ?2)"
		" ORDER BY a.time, a.id";
	sqlite3_stmt *r = NULL;
	int rc = SR_OK, step;
	if (sqlite3_prepare_v2(sr_store_db(st->store), sql, -1, &r, NULL) != SQLITE_OK)
		return SR_EDB;
	sqlite3_bind_int64(r, 1, RESTORE_WINDOW);
	sqlite3_bind_int(r, 2, RESTORE_MAX);
	while ((step = sqlite3_step(r)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(r, 0), story = sqlite3_column_int64(r, 1);
		int64_t t = sqlite3_column_int64(r, 2), dup = sqlite3_column_int64(r, 6);
		sr_fingerprint fp;
		fp_from_row(r, 7, &fp);
		if ((rc = sr_dedup_restore(st->dedup, id, dup ? dup : id, t, &fp)))
			break;
		sr_terms terms;
		sr_arena_reset(&st->arena);
		if ((rc = sr_story_terms(st->tok, (const char *)sqlite3_column_text(r, 3),
					 (const char *)sqlite3_column_text(r, 4),
					 (const char *)sqlite3_column_text(r, 5), &st->arena, &terms)))
			break;
		if ((rc = sr_clusterer_restore(st->cluster, story, t, &terms)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = SR_EDB;
	sqlite3_finalize(r);
	return rc;
}

static int step_reset(sqlite3_stmt *q)
{
	int r = sqlite3_step(q);
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	return r == SQLITE_DONE || r == SQLITE_ROW ? SR_OK : SR_EDB;
}

static int64_t query_id(sqlite3_stmt *q)
{
	int64_t v = 0;
	if (sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	return v;
}

int sr_story_stage_add(sr_story_stage *st, int64_t id, const sr_article *art, int64_t fetched_at,
		       const sr_fingerprint *fp, const sr_terms *terms, sr_story_outcome *out)
{
	int rc;
	memset(out, 0, sizeof(*out));
	if (!st->restored) {
		st->restored = 1;
		if ((rc = restore(st)))
			return rc;
	}
	/* the time the story sees: publication, unless missing or implausibly in the future */
	int64_t t = fetched_at;
	int64_t pub;
	if (art->published && sr_iso_parse(art->published, &pub) == 0 && pub <= fetched_at + 86400)
		t = pub;

	/* a re-placed (changed) article leaves its old story first */
	sqlite3_bind_int64(st->q[Q_PREV], 1, id);
	int64_t prev = query_id(st->q[Q_PREV]);
	if (prev) {
		sqlite3_bind_int64(st->q[Q_UNJOIN], 1, prev);
		sqlite3_bind_int64(st->q[Q_DROP_EMPTY], 1, prev);
		if ((rc = step_reset(st->q[Q_UNJOIN])) || (rc = step_reset(st->q[Q_DROP_EMPTY])))
			return rc;
	}

	sr_dedup_match m;
	if ((rc = sr_dedup_add(st->dedup, id, t, fp, &m)))
		return rc;
	int64_t dup_of = m.dup_of, force_root = 0;
	const char *canon = NULL;
	const char *cu = art->canonical_url ? art->canonical_url : art->url;
	sr_buf_reset(&st->canon);
	if (cu && sr_url_normalize(cu, &st->canon) == SR_OK)
		canon = st->canon.data;
	if (!dup_of && canon) {
		sqlite3_bind_text(st->q[Q_CANON], 1, canon, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st->q[Q_CANON], 2, id);
		dup_of = query_id(st->q[Q_CANON]);
	}
	if (dup_of == id)
		dup_of = 0;
	if (dup_of) {
		/* the group's root may have changed since the window saw it; and a copy that was
		 * published before the root (it arrived late) becomes the root itself, so that
		 * every copy points at the earliest */
		sqlite3_bind_int64(st->q[Q_ROOT], 1, dup_of);
		int64_t root_time = 0;
		if (sqlite3_step(st->q[Q_ROOT]) == SQLITE_ROW) {
			dup_of = sqlite3_column_int64(st->q[Q_ROOT], 0);
			root_time = sqlite3_column_int64(st->q[Q_ROOT], 1);
		}
		sqlite3_reset(st->q[Q_ROOT]);
		sqlite3_clear_bindings(st->q[Q_ROOT]);
		if (dup_of == id) {
			dup_of = 0;
		} else if (t < root_time) {
			sqlite3_bind_int64(st->q[Q_REROOT], 1, dup_of);
			sqlite3_bind_int64(st->q[Q_REROOT], 2, id);
			if ((rc = step_reset(st->q[Q_REROOT])))
				return rc;
			force_root = dup_of; /* its story is the group's story */
			dup_of = 0;
		}
	}
	int64_t force = 0;
	if (dup_of || force_root) {
		sqlite3_bind_int64(st->q[Q_STORY_OF], 1, dup_of ? dup_of : force_root);
		force = query_id(st->q[Q_STORY_OF]);
	}
	sr_cluster_result cr;
	if ((rc = sr_clusterer_add(st->cluster, id, t, terms, force, &cr)))
		return rc;

	sqlite3_stmt *q = st->q[Q_SET];
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, t);
	if (dup_of)
		sqlite3_bind_int64(q, 3, dup_of);
	else
		sqlite3_bind_null(q, 3);
	sqlite3_bind_int64(q, 4, cr.story);
	if (canon)
		sqlite3_bind_text(q, 5, canon, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, 5);
	if ((rc = step_reset(q)))
		return rc;
	q = st->q[Q_FP];
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_blob(q, 2, fp->words_hash, sizeof(fp->words_hash), SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, fp->n_words);
	sqlite3_bind_blob(q, 4, fp->minhash, sizeof(fp->minhash), SQLITE_STATIC);
	if ((rc = step_reset(q)))
		return rc;
	q = st->q[Q_STORY];
	sqlite3_bind_int64(q, 1, cr.story);
	sqlite3_bind_int64(q, 2, t);
	sqlite3_bind_int64(q, 3, id);
	/* copies never label a story; the first article labels it until a closer one comes */
	sqlite3_bind_double(q, 4, dup_of ? -1.0 : cr.is_new ? 0.0 : force_root ? 1.0 : cr.similarity);
	if ((rc = step_reset(q)))
		return rc;
	out->dup_of = dup_of;
	out->story = cr.story;
	out->new_story = cr.is_new;
	out->similarity = cr.similarity;
	out->time = t;
	return SR_OK;
}

int sr_story_stage_place(sr_story_stage *st, int64_t id, const sr_article *art, int64_t fetched_at,
			 const struct sr_analysis *an, sr_story_outcome *out)
{
	int rc = sr_story_stage_add(st, id, art, fetched_at, &an->fp, &an->terms, out);
	if (!rc)
		rc = sr_entity_stage_add(st->store, id, out->time, &an->ents, art->text, an->quotes, an->nquotes);
	if (!rc)
		rc = sr_dates_stage_add(st->store, id, an->dates, an->ndates);
	if (!rc)
		rc = sr_watch_stage_article(&st->watch, st->store, id);
	return rc;
}
