/* Fuzz URL normalisation: never crash; a normalised URL is a fixed point. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "story/url.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *u = malloc(size + 1);
	if (!u)
		return 0;
	memcpy(u, data, size);
	u[size] = '\0';
	sr_buf a, b;
	sr_buf_init(&a, 1 << 20);
	sr_buf_init(&b, 1 << 20);
	if (sr_url_normalize(u, &a) == SR_OK && a.data) {
		if (sr_url_normalize(a.data, &b) != SR_OK || strcmp(a.data, b.data) != 0)
			abort();
	}
	sr_buf_release(&a);
	sr_buf_release(&b);
	free(u);
	return 0;
}
