/* Unit tests for lib/poller: the contract of a round whose store cannot be had. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/err.h"
#include "poller.h"

static int lock_fails(void *ctx, sr_store **st, sr_story_stage **stories)
{
	(void)ctx, (void)st, (void)stories;
	return SR_EDB;
}

static int unlock_never(void *ctx, int commit)
{
	(void)ctx, (void)commit;
	fail_msg("unlock called without a lock");
	return SR_OK;
}

/* The round fails at once; the counts are still zeroed ("zeroed first"): `serve --poll`
 * reads them after a failed round. */
static void test_round_without_store_zeroes_counts(void **state)
{
	(void)state;
	sr_poller_opts o;
	memset(&o, 0, sizeof(o));
	sr_fetch_opts_init(&o.fetch);
	o.lock = lock_fails;
	o.unlock = unlock_never;
	sr_poller *p = NULL;
	assert_int_equal(sr_poller_new(&p, &o), SR_OK);
	sr_poll_counts c;
	memset(&c, 0xAB, sizeof(c));
	sr_flag stop = 0;
	assert_int_equal(sr_poller_round(p, &stop, &c), SR_EDB);
	sr_poll_counts zero;
	memset(&zero, 0, sizeof(zero));
	assert_memory_equal(&c, &zero, sizeof(c));
	int64_t due = 0;
	assert_int_equal(sr_poller_next_due(p, &due), SR_EDB);
	sr_poller_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_without_store_zeroes_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
