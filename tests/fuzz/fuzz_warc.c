/* Fuzz the WARC/ARC reader: any bytes (plain or gzip) must give records or errors, never a
 * crash or a hang; a record's strings are terminated; every record can be resumed from its
 * position; sniffing never crashes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "source/warc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_CALLS 100000

static void run(const uint8_t *data, size_t size, size_t cap)
{
	sr_warc_reader *r;
	char why[SR_WARC_WHY_MAX];
	if (sr_warc_open_mem(&r, data, size, cap, why) != SR_OK)
		return;
	struct {
		uint64_t off, inner, len;
		size_t block_len;
	} seen[8];
	size_t nseen = 0;
	sr_warc_record rec;
	int rc, calls = 0;
	while ((rc = sr_warc_next(r, &rec, why)) != 0) {
		if (++calls > MAX_CALLS)
			abort(); /* no progress */
		if (rc < 0) {
			if (!why[0])
				abort(); /* an error always says why */
			continue;
		}
		if (rc != 1 || !rec.type || !rec.payload || rec.payload[rec.payload_len] != '\0')
			abort();
		if (rec.http_status && (rec.http_status < 100 || rec.http_status > 999))
			abort();
		if (rec.target_uri && strchr(rec.target_uri, ' '))
			abort();
		if (!sr_warc_is_gzip(r) && rec.next_offset <= rec.offset)
			abort();
		if (nseen < 8 && !rec.is_arc) {
			seen[nseen].off = rec.offset;
			seen[nseen].inner = rec.inner;
			seen[nseen].len = rec.length;
			seen[nseen].block_len = rec.block_len;
			nseen++;
		}
	}
	/* resume at each position seen: the same record comes back */
	for (size_t i = 0; i < nseen; i++) {
		if (sr_warc_seek(r, seen[i].off, seen[i].inner) != SR_OK)
			abort();
		rc = sr_warc_next(r, &rec, why);
		if (rc != 1 || rec.offset != seen[i].off || rec.inner != seen[i].inner ||
		    rec.block_len != seen[i].block_len || rec.length != seen[i].len)
			abort();
	}
	sr_warc_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	run(data, size, 0);
	run(data, size, 300);
	(void)sr_warc_sniff(data, size);
	return 0;
}
