#include "base/hash.h"

#include <stdio.h>
#include <string.h>

static inline uint64_t mix(uint64_t x)
{
	x ^= x >> 32;
	x *= 0xd6e8feb86659fd93ULL;
	x ^= x >> 32;
	x *= 0xd6e8feb86659fd93ULL;
	x ^= x >> 32;
	return x;
}

uint64_t sr_hash64(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *s = p;
	uint64_t h = seed ^ (0x9e3779b97f4a7c15ULL * (n + 1));
	while (n >= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ mix(w + 0x9e3779b97f4a7c15ULL)) * 0xbf58476d1ce4e5b9ULL;
		h = (h << 31) | (h >> 33);
		s += 8;
		n -= 8;
	}
	uint64_t t = 0;
	for (size_t i = 0; i < n; i++)
		t |= (uint64_t)s[i] << (8 * i);
	h = (h ^ mix(t ^ ((uint64_t)n << 56))) * 0x94d049bb133111ebULL;
	return mix(h);
}

void sr_hash128(const void *p, size_t n, uint64_t out[2])
{
	out[0] = sr_hash64(p, n, 0x243f6a8885a308d3ULL);
	out[1] = sr_hash64(p, n, 0x13198a2e03707344ULL);
}

void sr_hash128_hex(const uint64_t h[2], char out[33])
{
	snprintf(out, 33, "%016llx%016llx", (unsigned long long)h[0], (unsigned long long)h[1]);
}
