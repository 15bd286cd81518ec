/* Fuzz the JSON lines reader: any bytes (plain or gzip) must give records or errors naming a
 * line, never a crash or a hang; records have a url and html or text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "source/jsonl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void run(const uint8_t *data, size_t size, size_t cap)
{
	sr_jsonl_reader *r;
	char why[SR_JSONL_WHY_MAX];
	if (sr_jsonl_open_mem(&r, data, size, cap, why) != SR_OK)
		return;
	sr_jsonl_record rec;
	int rc, calls = 0;
	uint64_t last_line = 0;
	while ((rc = sr_jsonl_next(r, &rec, why)) != 0) {
		if (++calls > 1000000)
			abort();
		if (rc < 0) {
			if (!why[0])
				abort();
			continue;
		}
		if (!rec.url || !*rec.url || (!rec.html && !rec.text) || rec.line <= last_line)
			abort();
		if (rec.html && rec.html[rec.html_len] != '\0')
			abort();
		for (size_t i = 0; i < rec.nauthors; i++)
			if (!rec.authors[i])
				abort();
		last_line = rec.line;
	}
	sr_jsonl_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	run(data, size, 0);
	run(data, size, 64);
	return 0;
}
