/* Fuzz the quote finder: any bytes as text, with person mentions derived from the input (every
 * capitalised ASCII word, entity = its first byte), some of them out of order.  Checks that
 * every quote and speaker span lies inside the text, that quotes come in order and do not
 * overlap, and that an entity is only given with a name. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/quotes.h"
#include "base/arena.h"
#include "base/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	sr_person_mention pm[64];
	size_t npm = 0;
	for (size_t i = 0; i < size && npm < 64;) {
		if (data[i] >= 'A' && data[i] <= 'Z' && (i == 0 || data[i - 1] == ' ')) {
			size_t e = i + 1;
			while (e < size && data[e] >= 'a' && data[e] <= 'z')
				e++;
			pm[npm].start = i;
			pm[npm].end = e;
			pm[npm].entity = data[i] - 'A';
			npm++;
			i = e;
		} else {
			i++;
		}
	}
	if (npm > 2 && (size & 1)) /* out of order: must be ignored, not trusted */
		pm[npm - 1].start = 0;
	sr_arena a;
	sr_arena_init(&a, 1 << 24);
	sr_quote *q;
	size_t n;
	int rc = sr_quotes_find(s, size, pm, npm, &a, &q, &n);
	if (rc != SR_OK && rc != SR_ENOMEM)
		abort();
	if (rc == SR_OK) {
		size_t last = 0;
		for (size_t i = 0; i < n; i++) {
			if (q[i].start >= q[i].end || q[i].end > size || q[i].start < last)
				abort();
			last = q[i].end;
			if (q[i].speaker_start > q[i].speaker_end || q[i].speaker_end > size)
				abort();
			if (q[i].name_start > q[i].name_end || q[i].name_end > size)
				abort();
			if (q[i].entity >= 0 && q[i].name_end == 0)
				abort();
			if (q[i].how < SR_QUOTE_NONE || q[i].how > SR_QUOTE_INHERIT)
				abort();
		}
	}
	sr_arena_release(&a);
	return 0;
}
