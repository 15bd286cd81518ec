/* Fuzz the date finder: any bytes as text, the publication date taken from the first 8 bytes
 * (0 = unknown now and then).  Checks that every span lies inside the text, that results come
 * in order without overlapping, that every value is a short ISO-8601-looking string (digits,
 * '-', '/', '.') and that kinds, granularities and modifiers are in range. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/timex.h"
#include "base/arena.h"
#include "base/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int64_t pub = 1795089600; /* Thursday 2026-11-19 12:00 UTC */
	if (size >= 8 && data[0] == 0xFE) {
		uint64_t u;
		memcpy(&u, data, 8);
		/* any date, before 1970 too */
		pub = (int64_t)((u >> 8) & (((uint64_t)1 << 40) - 1)) - ((int64_t)1 << 39);
		data += 8;
		size -= 8;
	} else if (size & 1) {
		pub = 0;
	}
	sr_arena a;
	sr_arena_init(&a, 1 << 24);
	sr_timex *x;
	size_t n;
	int rc = sr_timex_find((const char *)data, size, pub, &a, &x, &n);
	if (rc != SR_OK && rc != SR_ENOMEM)
		abort();
	if (rc == SR_OK) {
		size_t last = 0;
		for (size_t i = 0; i < n; i++) {
			if (x[i].start >= x[i].end || x[i].end > size || x[i].start < last)
				abort();
			last = x[i].end;
			size_t vl = strlen(x[i].value);
			if (vl < 3 || vl > 40)
				abort();
			for (size_t k = 0; k < vl; k++) {
				char c = x[i].value[k];
				if (!((c >= '0' && c <= '9') || c == '-' || c == '/' || c == '.'))
					abort();
			}
			if ((int)x[i].kind < 0 || x[i].kind > SR_TIMEX_RANGE ||
			    (int)x[i].gran < 0 || x[i].gran > SR_TIMEX_GRAN_DECADE ||
			    (int)x[i].mod < 0 || x[i].mod > SR_TIMEX_MOD_LATE)
				abort();
			if (x[i].relative && pub == 0)
				abort();
		}
	}
	sr_arena_release(&a);
	return 0;
}
