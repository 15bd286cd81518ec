/* Fuzz the gazetteer.  First byte 0: the rest is a name, normalised, skeletonised, looked up
 * and resolved in the built-in gazetteer (with itself as context).  First byte 1: the rest
 * is a gazetteer image, opened (which must accept or refuse it, never read out of bounds),
 * and when accepted every entry is decoded and a few names resolved.  Every string that
 * comes back must be NUL-terminated valid UTF-8. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/gazetteer.h"
#include "base/err.h"
#include "base/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const char *s)
{
	size_t n = strlen(s);
	(void)sr_utf8_check(s, n);
}

static void check_entry(const sr_geo_entry *e)
{
	check(e->name);
	check(e->name_ar);
	check(e->demonym);
	if (strlen(e->country) > 2 || strlen(e->admin) > 7)
		abort();
}

static void names(const sr_gazetteer *g, const char *name)
{
	char k[SR_GEO_KEY_MAX], sk[SR_GEO_KEY_MAX];
	int kl = sr_geo_normalize(name, strlen(name), k, sizeof k);
	if (kl >= 0) {
		if ((size_t)kl != strlen(k))
			abort();
		if (sr_geo_skeleton(k, sk, sizeof sk) > 0 && sk[0] != '~')
			abort();
	}
	sr_geo_entry e[8], r;
	size_t n = 0;
	if (sr_geo_lookup(g, name, e, 8, &n) == SR_OK)
		for (size_t i = 0; i < n && i < 8; i++)
			check_entry(&e[i]);
	sr_geo_context ctx = {.places = e, .n_places = n < 8 ? n : 8, .outlet_country = "JO"};
	if (sr_geo_resolve(g, name, &ctx, &r) == SR_OK)
		check_entry(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	char *copy = malloc(size);
	if (!copy)
		return 0;
	memcpy(copy, data + 1, size - 1);
	copy[size - 1] = '\0';
	sr_gazetteer *g = NULL;
	if (data[0] == 0) {
		if (sr_gazetteer_builtin(&g) == SR_OK)
			names(g, copy);
	} else if (sr_gazetteer_open(copy, size - 1, &g) == SR_OK) {
		for (size_t i = 0; i < sr_gazetteer_count(g); i++) {
			sr_geo_entry e;
			if (sr_geo_get(g, (uint32_t)i, &e) != SR_OK)
				abort();
			check_entry(&e);
		}
		names(g, "Amman");
		names(g, "JO");
		names(g, "Raqqa");
	}
	sr_gazetteer_free(g);
	free(copy);
	return 0;
}
