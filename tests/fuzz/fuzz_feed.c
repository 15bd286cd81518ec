/* Fuzz the feed parser (RSS, RDF, Atom, JSON Feed; plain or gzip), feed dates, discovery
 * and sniffing: any bytes give items or an error with a reason, never a crash or a hang;
 * every link is absolute http(s); every date is ISO 8601. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "source/feed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_url(const char *u)
{
	if (u && strncmp(u, "http://", 7) != 0 && strncmp(u, "https://", 8) != 0)
		abort();
}

static void check_date(const char *d)
{
	if (d && (strlen(d) < 10 || d[4] != '-' || d[7] != '-'))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sr_arena a;
	sr_arena_init(&a, (size_t)256 << 20);
	sr_feed f;
	char why[SR_FEED_WHY_MAX];
	int rc = sr_feed_parse((const char *)data, size, "http://fuzz.test/dir/feed.xml", NULL, &a, &f, why);
	if (rc == SR_OK) {
		for (size_t i = 0; i < f.n_items; i++) {
			const sr_feed_item *it = &f.items[i];
			check_url(it->link);
			check_url(it->image);
			check_date(it->published);
			check_date(it->updated);
			for (size_t k = 0; k < it->n_authors; k++)
				if (!it->authors[k])
					abort();
			if (it->has_geo && (it->lat < -90 || it->lat > 90 || it->lon < -180 || it->lon > 180))
				abort();
		}
	} else if (!why[0]) {
		abort();
	}
	sr_arena_reset(&a);
	sr_feed_link *links;
	size_t n;
	sr_feed_discover((const char *)data, size, "http://fuzz.test/", &a, &links, &n);
	for (size_t i = 0; i < n; i++)
		check_url(links[i].url);
	sr_resource_sniff((const char *)data, size, NULL, NULL);
	/* dates: the first line as a date string */
	char line[256];
	size_t l = size < sizeof line - 1 ? size : sizeof line - 1;
	memcpy(line, data, l);
	line[l] = '\0';
	char out[SR_FEED_DATE_MAX];
	if (sr_feed_date(line, out))
		check_date(out);
	sr_arena_release(&a);
	return 0;
}
