/* Fuzz the sitemap parser (urlset, news, sitemapindex, text; plain or gzip): any bytes give
 * URLs or an error with a reason, never a crash or a hang; every loc is absolute http(s). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "source/sitemap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sr_arena a;
	sr_arena_init(&a, (size_t)256 << 20);
	sr_sitemap sm;
	char why[SR_SITEMAP_WHY_MAX];
	int rc = sr_sitemap_parse((const char *)data, size, "https://fuzz.test/sitemap.xml", &a, &sm, why);
	if (rc == SR_OK) {
		if (sm.n_urls > SR_SITEMAP_MAX_URLS)
			abort();
		for (size_t i = 0; i < sm.n_urls; i++) {
			const char *u = sm.urls[i].loc;
			if (!u || (strncmp(u, "http://", 7) && strncmp(u, "https://", 8)))
				abort();
		}
	} else if (!why[0]) {
		abort();
	}
	sr_arena_release(&a);
	return 0;
}
