/*
 * hash.h - fast non-cryptographic hashing.
 *
 * sr_hash64: a 64-bit hash of a byte range (a multiply-xorshift mix over 8-byte words),
 * for hash tables and fingerprints.  sr_hash128: two independent 64-bit lanes, used as a
 * document's content hash (collision odds ~2^-64 at a billion documents).  Both are
 * stable across runs and machines of the same endianness; values are stored in the
 * database, so the algorithm must not change without a schema migration.
 */
#ifndef SR_HASH_H
#define SR_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t sr_hash64(const void *p, size_t n, uint64_t seed);
void sr_hash128(const void *p, size_t n, uint64_t out[2]);
/* 32 lowercase hex digits + NUL of a 128-bit hash. */
void sr_hash128_hex(const uint64_t h[2], char out[33]);

#endif
