/* Unit tests for sr_watch_deliver (lib/store/watch_store): the claim that keeps two
 * processes delivering at once from posting one alert twice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/err.h"
#include "query/query.h"
#include "store/store.h"
#include "store/watch_store.h"

static char dir[256];
static char dbpath[300];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "%s/sitrep-deliver-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir))
		return -1;
	snprintf(dbpath, sizeof dbpath, "%s/t.db", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char p[400];
	const char *ext[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s%s", dbpath, ext[i]);
		unlink(p);
	}
	rmdir(dir);
	return 0;
}

typedef struct other {
	sr_store *st;      /* a second connection: another process delivering */
	int posts;         /* posts made by this side */
	int other_posts;   /* posts made by the other side while ours was in flight */
} other;

static int post_other(void *ctx, const char *url, const char *body, char *err, size_t errlen)
{
	(void)url, (void)body, (void)err, (void)errlen;
	((other *)ctx)->other_posts++;
	return 0;
}

/* Our post: while it is in flight, the other process runs a round at the current time. */
static int post_ours(void *ctx, const char *url, const char *body, char *err, size_t errlen)
{
	(void)url, (void)body, (void)err, (void)errlen;
	other *o = ctx;
	o->posts++;
	int ok = 0, bad = 0;
	assert_int_equal(sr_watch_deliver(o->st, (int64_t)time(NULL), post_other, o, &ok, &bad), SR_OK);
	return 0;
}

/* A round that started long ago (posts before this one took minutes: dead endpoints time
 * out one by one) still claims each alert for minutes from the time of its post. */
static void test_claim_holds_from_the_post(void **state)
{
	(void)state;
	sr_store *s = NULL, *s2 = NULL;
	char err[256];
	assert_int_equal(sr_store_open(&s, dbpath, SR_STORE_CREATE, err, sizeof err), SR_OK);
	sr_query_error qe;
	memset(&qe, 0, sizeof(qe));
	assert_int_equal(sr_watch_add(s, "w", "water", "http://127.0.0.1:9/hook", &qe), SR_OK);
	sqlite3 *db = sr_store_db(s);
	assert_int_equal(sqlite3_exec(db,
				      "INSERT INTO documents(id, uri, hash, size, raw) VALUES (1, 'http://a.test/1',"
				      " 'h', 0, x'');"
				      "INSERT INTO articles(id, url, title, ingested_at) VALUES (1, 'http://a.test/1',"
				      " 'Water', 0);"
				      "INSERT INTO alerts(watchlist_id, article_id, created, delivery)"
				      " SELECT id, 1, 0, 1 FROM watchlists WHERE name = 'w';",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(sr_store_open(&s2, dbpath, 0, err, sizeof err), SR_OK);
	other o = {.st = s2};
	int ok = 0, bad = 0;
	int64_t started = (int64_t)time(NULL) - 1000;
	assert_int_equal(sr_watch_deliver(s, started, post_ours, &o, &ok, &bad), SR_OK);
	assert_int_equal(o.posts, 1);
	assert_int_equal(ok, 1);
	assert_int_equal(o.other_posts, 0); /* posted once, not twice */
	sr_store_close(s2);
	sr_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_claim_holds_from_the_post, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
