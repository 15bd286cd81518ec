/*
 * fuzz_tokenize.c - libFuzzer harness for the tokenizer (analyze/tokenize.c).
 *
 * Tokenizes each input without stemming, with stemming and with all stems, in a few
 * languages (the first input byte picks one more), and checks what every token must
 * satisfy: non-empty, not longer than a stem of an SR_TOK_MAX-byte word can be, a span
 * inside the input, spans in order, a colocated token only after a primary one at the
 * same span, always valid UTF-8 (invalid input bytes only ever separate words).
 *
 *   make fuzz && build-fuzz/fuzz_tokenize tests/fuzz/corpus/tokenize/NAME...  (replay seeds)
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "analyze/tokenize.h"
#include "base/utf8.h"

struct check {
	size_t size;
	size_t last_start, last_end;
	int seen;
};

static int check_token(void *ctx, const char *tok, size_t len, size_t start, size_t end,
		       int colocated)
{
	struct check *c = ctx;
	if (len == 0 || len > 2 * SR_TOK_MAX || start >= end || end > c->size)
		abort();
	if (colocated) {
		if (!c->seen || start != c->last_start || end != c->last_end)
			abort();
	} else {
		if (c->seen && start < c->last_end)
			abort();
		c->last_start = start;
		c->last_end = end;
		c->seen = 1;
	}
	if (sr_utf8_check(tok, len) != len)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = {NULL, "ar", "ru", "fr", "el", "de", "tr", "hi",
					    "xx", "pt-BR"};
	static const unsigned flags[] = {0, SR_TOK_STEM, SR_TOK_STEM | SR_TOK_ALL_STEMS};
	sr_tokenizer *t = sr_tokenizer_new();
	if (!t)
		return 0;
	const char *text = (const char *)data;
	const char *pick = langs[size ? data[0] % (sizeof(langs) / sizeof(langs[0])) : 0];
	const char *use[] = {NULL, "ar", pick};
	for (size_t l = 0; l < sizeof(use) / sizeof(use[0]); l++) {
		for (size_t f = 0; f < sizeof(flags) / sizeof(flags[0]); f++) {
			if (flags[f] & SR_TOK_ALL_STEMS && size > 4096)
				continue; /* queries are short; keep the run fast */
			struct check c = {size, 0, 0, 0};
			if (sr_tokenize(t, text, size, use[l], flags[f], check_token, &c) != 0)
				abort();
		}
	}
	sr_tokenizer_free(t);
	return 0;
}
