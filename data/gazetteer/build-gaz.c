/*
 * build-gaz.c - second half of the gazetteer build (see build.sh): read the entries that
 * extract.js prints (one tab-separated line each) and write gazetteer.bin in the format
 * specified at the top of lib/analyze/gazetteer.c, with every name, alias, demonym and code
 * normalised by sr_geo_normalize, so that the keys match what lookups compute.
 *
 *   build-gaz IN.tsv OUT.bin
 *
 * Compiled with lib/analyze/gazetteer.c and lib/base/{utf8,buf}.c directly (not
 * libsitrep.a, which embeds the gazetteer being built): the empty sr_gazetteer_bin below
 * stands in for it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/gazetteer.h"

const unsigned char sr_gazetteer_bin[1];
const size_t sr_gazetteer_bin_len = 0;

/* the countries whose places get skeleton keys (as in extract.js) */
static const char MENA[] = "JO SY IQ LB PS IL SA EG TR IR YE KW QA AE BH OM LY TN DZ MA SD CY";

struct ent {
	int kind, flags;
	char cc[3], admin[8];
	float lat, lon;
	uint32_t pop, gid;
	char *name, *ar, *dem, *names, *dems, *codes;
};

struct key {
	char *key;
	uint32_t entry;
	int type;
};

static struct ent *ents;
static size_t n_ents, cap_ents;
static struct key *keys;
static size_t n_keys, cap_keys;
static char **strs;
static size_t n_strs, cap_strs;

static void *grow(void *p, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return p;
	*cap = *cap ? *cap * 2 : 1024;
	p = realloc(p, *cap * size);
	if (!p) {
		fprintf(stderr, "build-gaz: out of memory\n");
		exit(1);
	}
	return p;
}

static char *dup0(const char *s)
{
	if (!s || strcmp(s, "-") == 0)
		s = "";
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (!d)
		exit(1);
	memcpy(d, s, n);
	return d;
}

static void add_str(char *s)
{
	strs = grow(strs, &cap_strs, n_strs, sizeof *strs);
	strs[n_strs++] = s;
}

static int kind_rank(const struct ent *e)
{
	return e->kind;
}

static int cmp_ent(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;
	if (kind_rank(x) != kind_rank(y))
		return kind_rank(x) - kind_rank(y);
	if (x->kind == SR_GEO_COUNTRY)
		return strcmp(x->cc, y->cc);
	if (x->pop != y->pop)
		return x->pop < y->pop ? 1 : -1;
	return x->gid < y->gid ? -1 : x->gid > y->gid;
}

static int cmp_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	if (x->entry != y->entry)
		return x->entry < y->entry ? -1 : 1;
	return x->type - y->type;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_key(uint32_t entry, const char *k, int type)
{
	keys = grow(keys, &cap_keys, n_keys, sizeof *keys);
	keys[n_keys].key = dup0(k);
	keys[n_keys].entry = entry;
	keys[n_keys].type = type;
	n_keys++;
}

/* skeleton keys too when skel (names of places in the Middle East and North Africa) */
static void add_keys(uint32_t entry, const char *list, int type, int skel)
{
	if (!list || !*list)
		return;
	const char *p = list;
	while (*p) {
		const char *e = strchr(p, '|');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char k[SR_GEO_KEY_MAX];
		int kl = sr_geo_normalize(p, n, k, sizeof k);
		if (kl > 0)
			add_key(entry, k, type);
		char sk[SR_GEO_KEY_MAX];
		if (kl > 0 && skel && sr_geo_skeleton(k, sk, sizeof sk) > 0)
			add_key(entry, sk, SR_GEO_BY_SKELETON);
		p += n;
		if (*p == '|')
			p++;
	}
}

static void put32(FILE *f, uint32_t v)
{
	unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
			      (unsigned char)(v >> 24)};
	fwrite(b, 1, 4, f);
}

static void putf(FILE *f, float x)
{
	uint32_t u;
	memcpy(&u, &x, 4);
	put32(f, u);
}

static uint32_t str_off(const char *s, const uint32_t *offs)
{
	if (!*s)
		return 0;
	char *const *hit = bsearch(&s, strs, n_strs, sizeof *strs, cmp_str);
	if (!hit) {
		fprintf(stderr, "build-gaz: string not pooled: %s\n", s);
		exit(1);
	}
	return offs[hit - strs];
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: build-gaz IN.tsv OUT.bin\n");
		return 2;
	}
	FILE *in = fopen(argv[1], "r");
	if (!in) {
		perror(argv[1]);
		return 1;
	}
	char *line = NULL;
	size_t lcap = 0;
	ssize_t ll;
	while ((ll = getline(&line, &lcap, in)) > 0) {
		if (line[ll - 1] == '\n')
			line[--ll] = '\0';
		char *f[14];
		int nf = 0;
		char *save = NULL;
		for (char *t = strtok_r(line, "\t", &save); t && nf < 14;
		     t = strtok_r(NULL, "\t", &save))
			f[nf++] = t;
		if (nf != 14) {
			fprintf(stderr, "build-gaz: bad line (%d fields)\n", nf);
			return 1;
		}
		ents = grow(ents, &cap_ents, n_ents, sizeof *ents);
		struct ent *e = &ents[n_ents++];
		memset(e, 0, sizeof *e);
		e->kind = f[0][0] == 'C'   ? SR_GEO_COUNTRY
			  : f[0][0] == 'R' ? SR_GEO_REGION
					   : SR_GEO_PLACE;
		memcpy(e->cc, f[1], 2);
		if (strcmp(f[2], "-") != 0)
			snprintf(e->admin, sizeof e->admin, "%s", f[2]);
		e->lat = strtof(f[3], NULL);
		e->lon = strtof(f[4], NULL);
		e->pop = (uint32_t)strtoul(f[5], NULL, 10);
		e->flags = (strchr(f[6], 'c') ? SR_GEO_CAPITAL : 0) |
			   (strchr(f[6], 'a') ? SR_GEO_ADMIN_SEAT : 0);
		e->gid = (uint32_t)strtoul(f[7], NULL, 10);
		e->name = dup0(f[8]);
		e->ar = dup0(f[9]);
		e->dem = dup0(f[10]);
		e->names = dup0(f[11]);
		e->dems = dup0(f[12]);
		e->codes = dup0(f[13]);
	}
	free(line);
	fclose(in);
	qsort(ents, n_ents, sizeof *ents, cmp_ent);
	uint32_t n_countries = 0;
	for (size_t i = 0; i < n_ents; i++) {
		struct ent *e = &ents[i];
		if (e->kind == SR_GEO_COUNTRY)
			n_countries++;
		int skel = e->kind != SR_GEO_COUNTRY && strstr(MENA, e->cc) != NULL;
		add_keys((uint32_t)i, e->name, SR_GEO_BY_NAME, skel);
		add_keys((uint32_t)i, e->ar, SR_GEO_BY_NAME, 0);
		add_keys((uint32_t)i, e->names, SR_GEO_BY_NAME, skel);
		add_keys((uint32_t)i, e->dems, SR_GEO_BY_DEMONYM, 0);
		add_keys((uint32_t)i, e->codes, SR_GEO_BY_CODE, 0);
		add_str(e->name);
		add_str(e->ar);
		add_str(e->dem);
	}
	/* each (key, entry) once, with its best (lowest) match type */
	qsort(keys, n_keys, sizeof *keys, cmp_key);
	size_t nk = 0;
	for (size_t i = 0; i < n_keys; i++) {
		if (nk && strcmp(keys[nk - 1].key, keys[i].key) == 0 &&
		    keys[nk - 1].entry == keys[i].entry)
			continue;
		keys[nk++] = keys[i];
	}
	n_keys = nk;
	for (size_t i = 0; i < n_keys; i++)
		add_str(keys[i].key);
	qsort(strs, n_strs, sizeof *strs, cmp_str);
	size_t ns = 0;
	for (size_t i = 0; i < n_strs; i++) {
		if (!*strs[i] || (ns && strcmp(strs[ns - 1], strs[i]) == 0))
			continue;
		strs[ns++] = strs[i];
	}
	n_strs = ns;
	uint32_t *offs = malloc((n_strs + 1) * sizeof *offs);
	if (!offs)
		return 1;
	uint32_t slen = 1; /* offset 0: "" */
	for (size_t i = 0; i < n_strs; i++) {
		offs[i] = slen;
		slen += (uint32_t)strlen(strs[i]) + 1;
	}
	uint32_t eoff = 64, koff = eoff + (uint32_t)n_ents * 40;
	uint32_t soff = koff + (uint32_t)n_keys * 8, total = soff + slen;
	FILE *out = fopen(argv[2], "wb");
	if (!out) {
		perror(argv[2]);
		return 1;
	}
	fwrite("SRGZ", 1, 4, out);
	put32(out, 1);
	put32(out, (uint32_t)n_ents);
	put32(out, n_countries);
	put32(out, (uint32_t)n_keys);
	put32(out, eoff);
	put32(out, koff);
	put32(out, soff);
	put32(out, slen);
	put32(out, total);
	for (int i = 0; i < 6; i++)
		put32(out, 0);
	for (size_t i = 0; i < n_ents; i++) {
		const struct ent *e = &ents[i];
		unsigned char h[12] = {0};
		h[0] = (unsigned char)e->kind;
		h[1] = (unsigned char)e->flags;
		memcpy(h + 2, e->cc, 2);
		memcpy(h + 4, e->admin, strnlen(e->admin, 7));
		fwrite(h, 1, 12, out);
		putf(out, e->lat);
		putf(out, e->lon);
		put32(out, e->pop);
		put32(out, e->gid);
		put32(out, str_off(e->name, offs));
		put32(out, str_off(e->ar, offs));
		put32(out, str_off(e->dem, offs));
	}
	for (size_t i = 0; i < n_keys; i++) {
		put32(out, str_off(keys[i].key, offs));
		put32(out, keys[i].entry | (uint32_t)keys[i].type << 28);
	}
	fputc(0, out);
	for (size_t i = 0; i < n_strs; i++)
		fwrite(strs[i], 1, strlen(strs[i]) + 1, out);
	if (fclose(out) != 0) {
		perror(argv[2]);
		return 1;
	}
	fprintf(stderr, "build-gaz: %zu entries (%u countries), %zu keys, %u bytes of strings, "
		"%u bytes\n", n_ents, n_countries, n_keys, slen, total);
	return 0;
}
