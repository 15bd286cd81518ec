/* Fuzz the text extractor (line-based and flattened one-line text): any bytes must give an
 * article or an error code, never a crash; SR_EENCODING must point at a real invalid byte;
 * every string of the article must be valid UTF-8 without C0 controls but \n and \t. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/utf8.h"
#include "extract/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const char *s)
{
	if (!s)
		return;
	size_t n = strlen(s);
	if (sr_utf8_check(s, n) != n)
		abort();
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && c != '\n' && c != '\t')
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sr_arena a;
	sr_arena_init(&a, 256u << 20);
	sr_extract_opts o = {.format = SR_FORMAT_TEXT};
	sr_article art;
	sr_extract_info info;
	/* the same bytes as they are, and repeated onto one long line (flattened mode) */
	for (int pass = 0; pass < 2; pass++) {
		const char *s = (const char *)data;
		size_t n = size;
		char *big = NULL;
		if (pass == 1) {
			if (size == 0 || size > 4096)
				break;
			n = 0;
			big = malloc(size * (3000 / size + 2) + 1);
			if (!big)
				break;
			while (n < 3000) {
				for (size_t i = 0; i < size; i++)
					big[n++] = data[i] == '\n' ? ' ' : (char)data[i];
			}
			s = big;
		}
		int rc = sr_extract(s, n, &o, &a, &art, &info);
		if (rc == SR_OK) {
			check(art.title);
			check(art.text);
			check(art.published);
			check(art.section);
			check(art.description);
			for (size_t i = 0; i < art.n_authors; i++)
				check(art.authors[i]);
			for (size_t i = 0; i < art.n_tags; i++)
				check(art.tags[i]);
		} else if (rc == SR_EENCODING) {
			if (info.err_offset >= n || sr_utf8_check(s, n) != info.err_offset)
				abort();
		} else if (rc != SR_EEMPTY && rc != SR_EBINARY && rc != SR_ENOMEM &&
			   rc != SR_ETOOBIG) {
			abort();
		}
		free(big);
		sr_arena_reset(&a);
	}
	sr_arena_release(&a);
	return 0;
}
