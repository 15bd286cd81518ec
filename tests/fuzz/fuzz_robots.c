/* Fuzz robots.txt parsing and matching: any bytes parse; matching any path terminates
 * quickly (wildcards are matched without backtracking blow-up); /robots.txt is allowed. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "source/robots.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sr_arena a;
	sr_arena_init(&a, (size_t)64 << 20);
	sr_robots r;
	if (sr_robots_parse((const char *)data, size, "sitrep", "http://fuzz.test/robots.txt", &a, &r) == SR_OK) {
		static const char *const paths[] = {"/", "/a", "/private/x.html", "/search?q=1", "/x.pdf",
						    "/%7Euser/", "/a*b$"};
		for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
			sr_robots_allowed(&r, paths[i]);
		if (!sr_robots_allowed(&r, "/robots.txt"))
			abort();
		/* the input's own last line as a path */
		char p[512];
		size_t n = size < sizeof p - 2 ? size : sizeof p - 2;
		p[0] = '/';
		memcpy(p + 1, data, n);
		p[n + 1] = '\0';
		sr_robots_allowed(&r, p);
		for (size_t i = 0; i < r.n_sitemaps; i++)
			if (!r.sitemaps[i])
				abort();
	}
	sr_arena_release(&a);
	return 0;
}
