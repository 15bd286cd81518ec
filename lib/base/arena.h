/*
 * arena.h - a bump allocator for everything that lives as long as one document.
 *
 * The pipeline gives each document an arena; every string and array of the article it
 * builds comes from it, and one sr_arena_reset() after the document is stored frees it
 * all.  Ingesting a 100 GB archive therefore uses the memory of its largest document.
 *
 * An arena has a cap on its total size (like sr_buf): an allocation past the cap returns
 * NULL, which callers treat as SR_ETOOBIG/SR_ENOMEM.  Memory is 16-byte aligned.
 * Not thread-safe: one arena per thread.
 */
#ifndef SR_ARENA_H
#define SR_ARENA_H

#include <stddef.h>

typedef struct sr_arena_block sr_arena_block;

typedef struct sr_arena {
	sr_arena_block *head;  /* current block (newest first) */
	size_t used;           /* bytes handed out since the last reset */
	size_t max;            /* cap on bytes handed out; 0 = unlimited */
} sr_arena;

void sr_arena_init(sr_arena *a, size_t max);
/* Free everything except the first block, which is kept for reuse. */
void sr_arena_reset(sr_arena *a);
/* Free all memory. */
void sr_arena_release(sr_arena *a);
/* n bytes, zero-filled; NULL when out of memory or over the cap. */
void *sr_arena_alloc(sr_arena *a, size_t n);
/* A NUL-terminated copy of s[0..n) (s may be NULL when n == 0); NULL on failure. */
char *sr_arena_strndup(sr_arena *a, const char *s, size_t n);
char *sr_arena_strdup(sr_arena *a, const char *s);
/* printf into the arena. */
char *sr_arena_printf(sr_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
