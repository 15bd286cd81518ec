/*
 * ner_model.c - the NER model file: format, writing, and opening with mmap.
 *
 * FORMAT (version 1).  All integers and floats little-endian; the file is used in place, so
 * every section starts at a multiple of 64 bytes and no field needs decoding.
 *
 *   Header, 64 bytes:
 *     0   8  magic "SRNERMDL"
 *     8   4  version (1)
 *     12  4  header size (64)
 *     16  8  file size in bytes
 *     24  4  number of sections (n <= 32)
 *     28  4  number of stages (1 or 2)
 *     32  4  feature set version (1: the templates of ner_feat.c)
 *     36  4  labels (17: O, then B I L U of PER, ORG, LOC, MISC)
 *     40  20 reserved (0)
 *     60  4  checksum: FNV-1a 32 of bytes 0..59 and of the section table
 *   Section table, n entries of 24 bytes, right after the header:
 *     0 4 id, 4 4 parameter (see below), 8 8 offset from the file start, 16 8 size in bytes
 *   Sections (id: content):
 *     1 INFO     text (UTF-8, NUL-terminated): where the model comes from
 *     2 WEIGHTS  one per stage, parameter = stage << 8 | bits: 2^bits rows of 16 int16, the
 *                weights of labels 1..16 for one hashed feature (label O is 0: the weights
 *                were shifted so that O's are 0, which changes no decision).  Multiply by the
 *                stage's scale (TRANS) to get the perceptron's weights.
 *     3 TRANS    one per stage, parameter = stage: float scale, float trans[18][17] (from
 *                label a, or 17 = sentence start, to label b), float final[17] (from label a
 *                to the sentence end), pad to 64 bytes
 *     4 WORDS    parameter = log2 of slots: open-addressing table of 16-byte ner_word entries
 *                (ner_int.h): key u64 (0 = empty), path u32, cluster u16, plen u8, lcshare u8
 *     5 GAZ      parameter = log2 of slots: open-addressing table of 16-byte ner_gazent
 *                entries: key u64, type mask u8, dominant type + 1 u8, 6 bytes 0; followed by
 *                nothing.  The longest name (in tokens) is in the section's last 4 bytes
 *                after the table (size = slots * 16 + 4, padded).
 *   Hashes (ner_int.h) are part of the format: FNV-1a 64 and the splitmix64 finaliser.
 *   A reader refuses another magic, version, feature set or label count, sections outside
 *   the file, or a bad checksum; it reads nothing else until tagging.
 */
#include "analyze/ner_int.h"
#include "base/err.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAGIC "SRNERMDL"
#define VERSION 1
#define FEATSET 1
#define HDR 64
#define MAXSEC 32

enum { SEC_INFO = 1, SEC_WEIGHTS = 2, SEC_TRANS = 3, SEC_WORDS = 4, SEC_GAZ = 5 };

static uint32_t fnv32(uint32_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 16777619u;
	return h;
}

static int little_endian(void)
{
	uint16_t x = 1;
	unsigned char c;
	memcpy(&c, &x, 1);
	return c == 1;
}

static void put32(unsigned char *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static void put64(unsigned char *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

static uint32_t get32(const unsigned char *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

static uint64_t get64(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

typedef struct sec {
	uint32_t id, param;
	const void *p;
	size_t n;
	const void *p2; /* appended after p (optional) */
	size_t n2;
} sec;

static size_t align64(size_t x)
{
	return (x + 63) & ~(size_t)63;
}

int ner_model_write(const char *path, const ner_model_out *m)
{
	if (!little_endian())
		return SR_EINVAL;
	sec s[MAXSEC];
	size_t ns = 0;
	int rc = SR_OK;
	float *tr[NER_MAXSTAGES] = { NULL, NULL };
	const char *info = m->info ? m->info : "";
	s[ns++] = (sec){ SEC_INFO, 0, info, strlen(info) + 1, NULL, 0 };
	for (unsigned k = 0; k < m->nstages; k++) {
		s[ns++] = (sec){ SEC_WEIGHTS, k << 8 | m->st[k].bits, m->st[k].w,
				 ((size_t)1 << m->st[k].bits) * 16 * sizeof(int16_t), NULL, 0 };
		tr[k] = calloc(1 + 18 * 17 + 17, sizeof(float));
		if (!tr[k]) {
			rc = SR_ENOMEM;
			goto out;
		}
		tr[k][0] = m->st[k].scale;
		memcpy(tr[k] + 1, m->st[k].trans, 18 * 17 * sizeof(float));
		memcpy(tr[k] + 1 + 18 * 17, m->st[k].final, 17 * sizeof(float));
		s[ns++] = (sec){ SEC_TRANS, k, tr[k], (1 + 18 * 17 + 17) * sizeof(float), NULL, 0 };
	}
	unsigned wbits = 0, gbits = 0;
	while (m->words_slots && ((uint32_t)1 << wbits) < m->words_slots)
		wbits++;
	while (m->gaz_slots && ((uint32_t)1 << gbits) < m->gaz_slots)
		gbits++;
	if (m->words_slots)
		s[ns++] = (sec){ SEC_WORDS, wbits, m->words, (size_t)m->words_slots * 16, NULL, 0 };
	if (m->gaz_slots)
		s[ns++] = (sec){ SEC_GAZ, gbits, m->gaz, (size_t)m->gaz_slots * 16,
				 &m->gaz_maxlen, 4 };

	unsigned char hdr[HDR + MAXSEC * 24];
	memset(hdr, 0, sizeof hdr);
	size_t off = align64(HDR + ns * 24);
	for (size_t i = 0; i < ns; i++) {
		unsigned char *e = hdr + HDR + i * 24;
		put32(e, s[i].id);
		put32(e + 4, s[i].param);
		put64(e + 8, off);
		put64(e + 16, s[i].n + s[i].n2);
		off = align64(off + s[i].n + s[i].n2);
	}
	memcpy(hdr, MAGIC, 8);
	put32(hdr + 8, VERSION);
	put32(hdr + 12, HDR);
	put64(hdr + 16, off);
	put32(hdr + 24, (uint32_t)ns);
	put32(hdr + 28, m->nstages);
	put32(hdr + 32, FEATSET);
	put32(hdr + 36, SR_NER_NLABELS);
	put32(hdr + 60, fnv32(fnv32(2166136261u, hdr, 60), hdr + HDR, ns * 24));

	/* write to a temporary file, then rename: a reader never sees half a model */
	size_t pl = strlen(path);
	char *tmp = malloc(pl + 8);
	if (!tmp) {
		rc = SR_ENOMEM;
		goto out;
	}
	memcpy(tmp, path, pl);
	memcpy(tmp + pl, ".tmp", 5);
	FILE *f = fopen(tmp, "wb");
	if (!f) {
		free(tmp);
		rc = SR_EIO;
		goto out;
	}
	static const unsigned char zero[64];
	size_t pos = align64(HDR + ns * 24);
	int ok = fwrite(hdr, 1, pos, f) == pos;
	for (size_t i = 0; ok && i < ns; i++) {
		size_t len = s[i].n + s[i].n2;
		ok = fwrite(s[i].p, 1, s[i].n, f) == s[i].n &&
		     (!s[i].n2 || fwrite(s[i].p2, 1, s[i].n2, f) == s[i].n2);
		size_t pad = align64(len) - len;
		if (ok && pad)
			ok = fwrite(zero, 1, pad, f) == pad;
		pos += align64(len);
	}
	if (fclose(f) != 0)
		ok = 0;
	if (!ok || rename(tmp, path) != 0) {
		remove(tmp);
		rc = SR_EIO;
	}
	free(tmp);
out:
	for (unsigned k = 0; k < NER_MAXSTAGES; k++)
		free(tr[k]);
	return rc;
}

static int parse(sr_ner_model *m, const unsigned char *p, size_t n)
{
	if (!little_endian() || n < HDR || memcmp(p, MAGIC, 8) != 0)
		return SR_EPARSE;
	if (((uintptr_t)p & 7) != 0)
		return SR_EINVAL;
	uint32_t ns = get32(p + 24);
	if (get32(p + 8) != VERSION || get32(p + 12) != HDR || get64(p + 16) != n ||
	    ns == 0 || ns > MAXSEC || n < HDR + (size_t)ns * 24 ||
	    get32(p + 32) != FEATSET || get32(p + 36) != SR_NER_NLABELS)
		return SR_EPARSE;
	if (get32(p + 60) != fnv32(fnv32(2166136261u, p, 60), p + HDR, (size_t)ns * 24))
		return SR_EPARSE;
	uint32_t nst = get32(p + 28);
	if (nst == 0 || nst > NER_MAXSTAGES)
		return SR_EPARSE;
	m->nstages = nst;
	unsigned have_w = 0, have_t = 0;
	for (uint32_t i = 0; i < ns; i++) {
		const unsigned char *e = p + HDR + i * 24;
		uint32_t id = get32(e), param = get32(e + 4);
		uint64_t off = get64(e + 8), len = get64(e + 16);
		if (off > n || len > n - off || (off & 63))
			return SR_EPARSE;
		const unsigned char *q = p + off;
		switch (id) {
		case SEC_INFO:
			if (len == 0 || q[len - 1] != 0)
				return SR_EPARSE;
			m->info = (const char *)q;
			break;
		case SEC_WEIGHTS: {
			uint32_t st = param >> 8, bits = param & 255;
			if (st >= nst || bits < 4 || bits > 28 ||
			    len != ((uint64_t)1 << bits) * 32)
				return SR_EPARSE;
			m->st[st].w = (const int16_t *)q;
			m->st[st].bits = bits;
			have_w |= 1u << st;
			break;
		}
		case SEC_TRANS: {
			if (param >= nst || len != (1 + 18 * 17 + 17) * sizeof(float))
				return SR_EPARSE;
			const float *f = (const float *)q;
			m->st[param].scale = f[0];
			m->st[param].trans = f + 1;
			m->st[param].final = f + 1 + 18 * 17;
			have_t |= 1u << param;
			break;
		}
		case SEC_WORDS:
			if (param > 30 || len != ((uint64_t)1 << param) * 16)
				return SR_EPARSE;
			m->words.e = (const ner_word *)q;
			m->words.mask = (uint32_t)(((uint64_t)1 << param) - 1);
			break;
		case SEC_GAZ:
			if (param > 30 || len != ((uint64_t)1 << param) * 16 + 4)
				return SR_EPARSE;
			m->gaz.e = (const ner_gazent *)q;
			m->gaz.mask = (uint32_t)(((uint64_t)1 << param) - 1);
			m->gaz.maxlen = get32(q + len - 4);
			if (m->gaz.maxlen > 64)
				return SR_EPARSE;
			break;
		default:
			break; /* unknown sections are skipped: room for additions */
		}
	}
	if (have_w != (1u << nst) - 1 || have_t != (1u << nst) - 1 || !m->info)
		return SR_EPARSE;
	/* lookups in the open-addressing tables stop after one round even when a damaged
	 * file has no empty slot */
	return SR_OK;
}

int sr_ner_model_from_memory(const void *p, size_t n, sr_ner_model **out)
{
	*out = NULL;
	if (!p)
		return SR_EINVAL;
	sr_ner_model *m = calloc(1, sizeof *m);
	if (!m)
		return SR_ENOMEM;
	int rc = parse(m, p, n);
	if (rc < 0) {
		free(m);
		return rc;
	}
	*out = m;
	return SR_OK;
}

int sr_ner_model_open(const char *path, sr_ner_model **out)
{
	*out = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return SR_EIO;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return SR_EIO;
	}
	if (st.st_size < HDR) {
		close(fd);
		return SR_EPARSE;
	}
	size_t n = (size_t)st.st_size;
	void *p = mmap(NULL, n, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return SR_EIO;
	sr_ner_model *m = calloc(1, sizeof *m);
	if (!m) {
		munmap(p, n);
		return SR_ENOMEM;
	}
	int rc = parse(m, p, n);
	if (rc < 0) {
		munmap(p, n);
		free(m);
		return rc;
	}
	m->map = p;
	m->map_len = n;
	*out = m;
	return SR_OK;
}

void sr_ner_model_close(sr_ner_model *m)
{
	if (!m)
		return;
	if (m->map)
		munmap(m->map, m->map_len);
	free(m);
}

const char *sr_ner_model_info(const sr_ner_model *m)
{
	return m && m->info ? m->info : "";
}
