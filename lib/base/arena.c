#include "base/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sr_arena_block {
	sr_arena_block *next;
	size_t size; /* usable bytes in mem[] */
	size_t off;  /* bytes used */
	_Alignas(16) unsigned char mem[];
};

#define ARENA_BLOCK_MIN (64 * 1024)

void sr_arena_init(sr_arena *a, size_t max)
{
	a->head = NULL;
	a->used = 0;
	a->max = max;
}

void sr_arena_reset(sr_arena *a)
{
	sr_arena_block *b = a->head;
	/* keep the oldest block (the last in the list): usually the only one needed */
	while (b && b->next) {
		sr_arena_block *n = b->next;
		free(b);
		b = n;
	}
	a->head = b;
	if (b)
		b->off = 0;
	a->used = 0;
}

void sr_arena_release(sr_arena *a)
{
	sr_arena_block *b = a->head;
	while (b) {
		sr_arena_block *n = b->next;
		free(b);
		b = n;
	}
	a->head = NULL;
	a->used = 0;
}

void *sr_arena_alloc(sr_arena *a, size_t n)
{
	size_t need = (n + 15) & ~(size_t)15;
	if (need < n)
		return NULL;
	if (a->max && (need > a->max || a->used > a->max - need))
		return NULL;
	sr_arena_block *b = a->head;
	if (!b || b->size - b->off < need) {
		size_t size = need > ARENA_BLOCK_MIN ? need : ARENA_BLOCK_MIN;
		if (b && size < b->size * 2 && b->size * 2 <= (size_t)64 << 20)
			size = b->size * 2;
		sr_arena_block *nb = malloc(sizeof(*nb) + size);
		if (!nb)
			return NULL;
		nb->size = size;
		nb->off = 0;
		nb->next = b;
		a->head = b = nb;
	}
	void *p = b->mem + b->off;
	b->off += need;
	a->used += need;
	memset(p, 0, n);
	return p;
}

char *sr_arena_strndup(sr_arena *a, const char *s, size_t n)
{
	char *p = sr_arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *sr_arena_strdup(sr_arena *a, const char *s)
{
	return s ? sr_arena_strndup(a, s, strlen(s)) : NULL;
}

char *sr_arena_printf(sr_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = sr_arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
