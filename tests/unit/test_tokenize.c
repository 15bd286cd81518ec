/*
 * test_tokenize.c - the tokenizer: word boundaries in four scripts, normalisation,
 * apostrophes, numbers, stemming, invalid UTF-8, offsets, colocated stems.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyze/tokenize.h"
#include "base/err.h"

#define MAXTOK 256

struct tok {
	char s[128];
	size_t start, end;
	int colocated;
};

struct toks {
	struct tok t[MAXTOK];
	size_t n;
	char joined[4096];
	int stop_after; /* stop (return 42) after this many tokens; 0 = never */
};

static int collect(void *ctx, const char *tok, size_t len, size_t start, size_t end,
		   int colocated)
{
	struct toks *ts = ctx;
	assert_true(len > 0);
	assert_true(len < sizeof(ts->t[0].s));
	assert_true(start < end);
	if (ts->n < MAXTOK) {
		struct tok *t = &ts->t[ts->n];
		memcpy(t->s, tok, len);
		t->s[len] = '\0';
		t->start = start;
		t->end = end;
		t->colocated = colocated;
	}
	size_t jl = strlen(ts->joined);
	snprintf(ts->joined + jl, sizeof(ts->joined) - jl, "%s%s%.*s", jl ? " " : "",
		 colocated ? "+" : "", (int)len, tok);
	ts->n++;
	if (ts->stop_after && ts->n == (size_t)ts->stop_after)
		return 42;
	return 0;
}

static sr_tokenizer *tk;

static int setup(void **state)
{
	(void)state;
	tk = sr_tokenizer_new();
	return tk ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	sr_tokenizer_free(tk);
	return 0;
}

/* Tokens of text (NUL-terminated), space-joined, colocated ones prefixed with '+'. */
static const char *toks_of(struct toks *ts, const char *text, const char *lang, unsigned flags)
{
	memset(ts, 0, sizeof(*ts));
	assert_int_equal(sr_tokenize(tk, text, strlen(text), lang, flags, collect, ts), SR_OK);
	return ts->joined;
}

static const char *plain(const char *text)
{
	static struct toks ts;
	return toks_of(&ts, text, NULL, 0);
}

static const char *stemmed(const char *text, const char *lang)
{
	static struct toks ts;
	return toks_of(&ts, text, lang, SR_TOK_STEM);
}

static void test_latin_boundaries(void **state)
{
	(void)state;
	assert_string_equal(plain("Hello, world! foo-bar_baz (x) a/b"),
			    "hello world foo bar baz x a b");
	assert_string_equal(plain(""), "");
	assert_string_equal(plain("  \t\n ... --- "), "");
	assert_string_equal(plain("\xe2\x80\x9cQuoted\xe2\x80\x9d \xe2\x80\x94 dash"),
			    "quoted dash");
}

static void test_cyrillic_greek(void **state)
{
	(void)state;
	/* "Москва — столица России." */
	assert_string_equal(plain("\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0 \xe2\x80\x94 "
				  "\xd1\x81\xd1\x82\xd0\xbe\xd0\xbb\xd0\xb8\xd1\x86\xd0\xb0 "
				  "\xd0\xa0\xd0\xbe\xd1\x81\xd1\x81\xd0\xb8\xd0\xb8."),
			    "\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0 "
			    "\xd1\x81\xd1\x82\xd0\xbe\xd0\xbb\xd0\xb8\xd1\x86\xd0\xb0 "
			    "\xd1\x80\xd0\xbe\xd1\x81\xd1\x81\xd0\xb8\xd0\xb8");
	/* й keeps its breve; Ё -> е */
	assert_string_equal(plain("\xd0\x99 \xd0\x81"), "\xd0\xb9 \xd0\xb5");
	/* "Η Αθήνα, πρωτεύουσα." -> "η αθηνα πρωτευουσα" (tonos removed) */
	assert_string_equal(plain("\xce\x97 \xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1, "
				  "\xcf\x80\xcf\x81\xcf\x89\xcf\x84\xce\xb5\xcf\x8d\xce\xbf"
				  "\xcf\x85\xcf\x83\xce\xb1."),
			    "\xce\xb7 \xce\xb1\xce\xb8\xce\xb7\xce\xbd\xce\xb1 "
			    "\xcf\x80\xcf\x81\xcf\x89\xcf\x84\xce\xb5\xcf\x85\xce\xbf"
			    "\xcf\x85\xcf\x83\xce\xb1");
	/* final sigma folds to sigma */
	assert_string_equal(plain("\xcf\x82"), "\xcf\x83");
}

static void test_arabic_boundaries(void **state)
{
	(void)state;
	/* "عمان، عاصمة الأردن." : Arabic comma and full stop separate */
	assert_string_equal(plain("\xd8\xb9\xd9\x85\xd8\xa7\xd9\x86\xd8\x8c "
				  "\xd8\xb9\xd8\xa7\xd8\xb5\xd9\x85\xd8\xa9 "
				  "\xd8\xa7\xd9\x84\xd8\xa3\xd8\xb1\xd8\xaf\xd9\x86."),
			    "\xd8\xb9\xd9\x85\xd8\xa7\xd9\x86 "
			    "\xd8\xb9\xd8\xa7\xd8\xb5\xd9\x85\xd9\x87 "
			    "\xd8\xa7\xd9\x84\xd8\xa7\xd8\xb1\xd8\xaf\xd9\x86");
	/* Arabic question mark ends a word */
	assert_string_equal(plain("\xd9\x84\xd9\x85\xd8\xa7\xd8\xb0\xd8\xa7\xd8\x9f\xd9\x84\xd8\xa7"),
			    "\xd9\x84\xd9\x85\xd8\xa7\xd8\xb0\xd8\xa7 \xd9\x84\xd8\xa7");
}

static void test_case_folding(void **state)
{
	(void)state;
	struct toks a, b;
	toks_of(&a, "JORDANIAN", NULL, SR_TOK_STEM);
	toks_of(&b, "Jordanian", NULL, SR_TOK_STEM);
	assert_int_equal(a.n, 1);
	assert_string_equal(a.joined, b.joined);
	assert_string_equal(plain("JORDANIAN Jordanian jordanian"),
			    "jordanian jordanian jordanian");
	assert_string_equal(plain("STRASSE Stra\xc3\x9f" "e"), "strasse strasse");
	/* dotted capital I */
	assert_string_equal(plain("\xc4\xb0stanbul"), "istanbul");
}

static void test_diacritics(void **state)
{
	(void)state;
	assert_string_equal(plain("caf\xc3\xa9"), "cafe");
	assert_string_equal(plain("CAF\xc3\x89"), "cafe");
	/* decomposed: e + U+0301 */
	assert_string_equal(plain("cafe\xcc\x81 na\xc3\xafve"), "cafe naive");
	assert_string_equal(plain("S\xc3\xa3o Paulo, Z\xc3\xbcrich, \xc3\x85rhus"),
			    "sao paulo zurich arhus");
	/* compatibility forms: ligature, fullwidth, superscript */
	assert_string_equal(plain("\xef\xac\x81sh \xef\xbc\xa6\xef\xbd\x95\xef\xbd\x8c\xef\xbd\x8c x\xc2\xb2"),
			    "fish full x2");
	/* Devanagari vowel signs are letters' parts, not diacritics: kept */
	assert_string_equal(plain("\xe0\xa4\xb9\xe0\xa4\xbf\xe0\xa4\xa8\xe0\xa5\x8d\xe0\xa4\xa6\xe0\xa5\x80"),
			    "\xe0\xa4\xb9\xe0\xa4\xbf\xe0\xa4\xa8\xe0\xa5\x8d\xe0\xa4\xa6\xe0\xa5\x80");
}

/* مَكْتَبَةٌ (with harakat) and مكتبة (without) */
#define AR_LIB_VOWELLED "\xd9\x85\xd9\x8e\xd9\x83\xd9\x92\xd8\xaa\xd9\x8e\xd8\xa8\xd9\x8e\xd8\xa9\xd9\x8c"
#define AR_LIB_PLAIN "\xd9\x85\xd9\x83\xd8\xaa\xd8\xa8\xd8\xa9"

static void test_arabic_harakat(void **state)
{
	(void)state;
	struct toks a, b;
	toks_of(&a, AR_LIB_VOWELLED, "ar", 0);
	toks_of(&b, AR_LIB_PLAIN, "ar", 0);
	assert_int_equal(a.n, 1);
	assert_string_equal(a.joined, b.joined);
	toks_of(&a, AR_LIB_VOWELLED, "ar", SR_TOK_STEM);
	toks_of(&b, AR_LIB_PLAIN, "ar", SR_TOK_STEM);
	assert_string_equal(a.joined, b.joined);
	/* shadda and tatweel: عمّان = عمان, مـــصر = مصر */
	assert_string_equal(plain("\xd8\xb9\xd9\x85\xd9\x91\xd8\xa7\xd9\x86"),
			    "\xd8\xb9\xd9\x85\xd8\xa7\xd9\x86");
	assert_string_equal(plain("\xd9\x85\xd9\x80\xd9\x80\xd9\x80\xd8\xb5\xd8\xb1"),
			    "\xd9\x85\xd8\xb5\xd8\xb1");
}

static void test_arabic_letters(void **state)
{
	(void)state;
	/* أحمد إسلام آمن ٱلله -> احمد اسلام امن الله */
	assert_string_equal(plain("\xd8\xa3\xd8\xad\xd9\x85\xd8\xaf \xd8\xa5\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 "
				  "\xd8\xa2\xd9\x85\xd9\x86 \xd9\xb1\xd9\x84\xd9\x84\xd9\x87"),
			    "\xd8\xa7\xd8\xad\xd9\x85\xd8\xaf \xd8\xa7\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 "
			    "\xd8\xa7\xd9\x85\xd9\x86 \xd8\xa7\xd9\x84\xd9\x84\xd9\x87");
	/* على -> علي (alef maksura), مكتبة -> مكتبه (teh marbuta) */
	assert_string_equal(plain("\xd8\xb9\xd9\x84\xd9\x89 " AR_LIB_PLAIN),
			    "\xd8\xb9\xd9\x84\xd9\x8a \xd9\x85\xd9\x83\xd8\xaa\xd8\xa8\xd9\x87");
	/* hamza on waw and yeh is kept: سؤال سائل */
	assert_string_equal(plain("\xd8\xb3\xd8\xa4\xd8\xa7\xd9\x84 \xd8\xb3\xd8\xa7\xd8\xa6\xd9\x84"),
			    "\xd8\xb3\xd8\xa4\xd8\xa7\xd9\x84 \xd8\xb3\xd8\xa7\xd8\xa6\xd9\x84");
	/* ... also when written decomposed (waw + U+0654) */
	assert_string_equal(plain("\xd8\xb3\xd9\x88\xd9\x94\xd8\xa7\xd9\x84"),
			    "\xd8\xb3\xd8\xa4\xd8\xa7\xd9\x84");
	/* presentation forms: lam-alef-hamza ligature -> لا, Allah ligature -> الله */
	assert_string_equal(plain("\xef\xbb\xb7 \xef\xb7\xb2"),
			    "\xd9\x84\xd8\xa7 \xd8\xa7\xd9\x84\xd9\x84\xd9\x87");
	/* Arabic-Indic digits and decimal separator: ٢٠٢٤ ١٫٥ */
	assert_string_equal(plain("\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa4 \xd9\xa1\xd9\xab\xd9\xa5"),
			    "2024 1.5");
}

static void test_apostrophes(void **state)
{
	(void)state;
	assert_string_equal(plain("NATO's"), "nato");
	assert_string_equal(plain("Jordan\xe2\x80\x99s king"), "jordan king");
	assert_string_equal(plain("l'arm\xc3\xa9" "e d\xe2\x80\x99" "Alger qu'il"),
			    "armee alger il");
	assert_string_equal(plain("don't we'll they're I've"), "don we they");
	assert_string_equal(plain("'quoted' rock'n'roll"), "quoted rock roll");
	assert_string_equal(plain("O'Brien aujourd'hui"), "brien aujourd hui");
	assert_string_equal(plain("the 1990's"), "the 1990");
	assert_string_equal(plain("dogs' bowls"), "dogs bowls");
}

static void test_numbers(void **state)
{
	(void)state;
	assert_string_equal(plain("3.5 1,200 2024. 7, 0.5.x v1.2.3"),
			    "3.5 1,200 2024 7 0.5 x v1.2.3");
	assert_string_equal(plain("$1.13bn 76% 600m"), "1.13bn 76 600m");
	assert_string_equal(plain("a.b 1.a"), "a b 1 a");
	/* numbers are not stemmed */
	assert_string_equal(stemmed("1990s 2024", NULL), "1990s 2024");
}

static void test_stemming(void **state)
{
	(void)state;
	struct toks a, b;
	toks_of(&a, "talks", "en", SR_TOK_STEM);
	toks_of(&b, "talking", "en", SR_TOK_STEM);
	assert_string_equal(a.joined, "talk");
	assert_string_equal(a.joined, b.joined);
	assert_string_equal(stemmed("talks talked talking", NULL), "talk talk talk");
	/* unsupported language: English */
	assert_string_equal(stemmed("talks", "xx"), "talk");
	assert_string_equal(stemmed("talks", "zh"), "talk");
	/* region suffix and upper case accepted */
	toks_of(&a, "continuaram", "pt-BR", SR_TOK_STEM);
	toks_of(&b, "continuaram", "PT", SR_TOK_STEM);
	assert_string_equal(a.joined, b.joined);
	assert_string_not_equal(a.joined, stemmed("continuaram", "en"));
	/* French stemming differs from English */
	assert_string_equal(stemmed("nationales", "fr"), "national");
	/* the same word twice (stem cache) */
	assert_string_equal(stemmed("running running runs", NULL), "run run run");
	assert_true(sr_tokenizer_has_lang("en"));
	assert_true(sr_tokenizer_has_lang("ar"));
	assert_true(sr_tokenizer_has_lang("fr"));
	assert_true(sr_tokenizer_has_lang("de"));
	assert_true(sr_tokenizer_has_lang("ru"));
	assert_false(sr_tokenizer_has_lang("xx"));
	assert_false(sr_tokenizer_has_lang(NULL));
	assert_false(sr_tokenizer_has_lang("english"));
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	/* a stray byte, an overlong '/', a surrogate, a truncated sequence */
	assert_string_equal(plain("abc\xff" "def \xc0\xaf" "x \xed\xa0\x80y caf\xc3"),
			    "abc def x y caf");
	/* every byte value, and random junk, do not crash */
	char all[512];
	for (int i = 0; i < 512; i++)
		all[i] = (char)(i * 7 + 3);
	struct toks ts;
	memset(&ts, 0, sizeof(ts));
	assert_int_equal(sr_tokenize(tk, all, sizeof(all), "ar", SR_TOK_ALL_STEMS, collect, &ts),
			 SR_OK);
	uint32_t x = 12345;
	for (int round = 0; round < 200; round++) {
		char junk[300];
		for (size_t i = 0; i < sizeof(junk); i++) {
			x = x * 1103515245u + 12345u;
			junk[i] = (char)(x >> 16);
		}
		memset(&ts, 0, sizeof(ts));
		assert_int_equal(sr_tokenize(tk, junk, sizeof(junk), round & 1 ? "ru" : NULL,
					     SR_TOK_STEM, collect, &ts),
				 SR_OK);
	}
	/* NUL bytes separate words too */
	memset(&ts, 0, sizeof(ts));
	assert_int_equal(sr_tokenize(tk, "ab\0cd", 5, NULL, 0, collect, &ts), SR_OK);
	assert_string_equal(ts.joined, "ab cd");
}

static void test_offsets(void **state)
{
	(void)state;
	struct toks ts;
	const char *text = "  Caf\xc3\xa9 NATO's l'arm\xc3\xa9" "e 1,200. \xd8\xa3\xd9\x8e\xd8\xa8";
	toks_of(&ts, text, NULL, SR_TOK_STEM);
	assert_int_equal(ts.n, 5);
	/* Café */
	assert_int_equal(ts.t[0].start, 2);
	assert_int_equal(ts.t[0].end, 7);
	/* NATO (without 's) */
	assert_int_equal(ts.t[1].start, 8);
	assert_int_equal(ts.t[1].end, 12);
	/* armée (without l') */
	assert_int_equal(ts.t[2].start, 17);
	assert_int_equal(ts.t[2].end, 23);
	/* 1,200 (without the full stop) */
	assert_int_equal(ts.t[3].start, 24);
	assert_int_equal(ts.t[3].end, 29);
	assert_string_equal(ts.t[3].s, "1,200");
	/* أَب: the harakat belong to the span */
	assert_int_equal(ts.t[4].start, 31);
	assert_int_equal(ts.t[4].end, strlen(text));
	for (size_t i = 0; i < ts.n; i++)
		assert_int_equal(ts.t[i].colocated, 0);
}

/* 1 when word's forms in ts (tokens [from, to)) include s. */
static int has_form(const struct toks *ts, size_t from, size_t to, const char *s)
{
	for (size_t i = from; i < to; i++)
		if (strcmp(ts->t[i].s, s) == 0)
			return 1;
	return 0;
}

static void test_all_stems(void **state)
{
	(void)state;
	struct toks ts;
	toks_of(&ts, "continuaram talking", NULL, SR_TOK_ALL_STEMS);
	assert_true(ts.n > 2);
	/* first form of each word: its English stem, not colocated */
	assert_int_equal(ts.t[0].colocated, 0);
	assert_string_equal(ts.t[0].s, stemmed("continuaram", "en"));
	size_t second = 0;
	for (size_t i = 1; i < ts.n; i++) {
		if (!ts.t[i].colocated) {
			assert_int_equal(second, 0);
			second = i;
			continue;
		}
		/* colocated forms share the span of their word */
		size_t w = second ? second : 0;
		assert_int_equal(ts.t[i].start, ts.t[w].start);
		assert_int_equal(ts.t[i].end, ts.t[w].end);
	}
	assert_true(second > 1);
	assert_string_equal(ts.t[second].s, "talk");
	/* the stems by other languages are there */
	static const char *const ls[] = {"pt", "es", "it", "fr", "de", "sv", "ar"};
	for (size_t l = 0; l < sizeof(ls) / sizeof(ls[0]); l++)
		assert_true(has_form(&ts, 0, second, stemmed("continuaram", ls[l])));
	/* no form twice for one word */
	for (size_t i = 0; i < ts.n; i++)
		for (size_t j = i + 1; j < ts.n && ts.t[j].colocated; j++)
			assert_string_not_equal(ts.t[i].s, ts.t[j].s);
	/* a primary language other than English comes first */
	toks_of(&ts, "continuaram", "pt", SR_TOK_ALL_STEMS);
	assert_string_equal(ts.t[0].s, stemmed("continuaram", "pt"));
	assert_true(ts.n > 1);
	/* numbers get no colocated forms */
	toks_of(&ts, "2024", NULL, SR_TOK_ALL_STEMS);
	assert_string_equal(ts.joined, "2024");
}

static void test_limits(void **state)
{
	(void)state;
	char w[200];
	memset(w, 'a', sizeof(w));
	struct toks ts;
	memset(&ts, 0, sizeof(ts));
	assert_int_equal(sr_tokenize(tk, w, SR_TOK_MAX, NULL, 0, collect, &ts), SR_OK);
	assert_int_equal(ts.n, 1);
	memset(&ts, 0, sizeof(ts));
	assert_int_equal(sr_tokenize(tk, w, SR_TOK_MAX + 1, NULL, 0, collect, &ts), SR_OK);
	assert_int_equal(ts.n, 0);
	/* a long word is skipped, its neighbours are not */
	memcpy(w, "ok ", 3);
	memcpy(w + sizeof(w) - 3, " ok", 3);
	memset(&ts, 0, sizeof(ts));
	assert_int_equal(sr_tokenize(tk, w, sizeof(w), NULL, SR_TOK_STEM, collect, &ts), SR_OK);
	assert_string_equal(ts.joined, "ok ok");
	/* the callback stops the run */
	memset(&ts, 0, sizeof(ts));
	ts.stop_after = 2;
	assert_int_equal(sr_tokenize(tk, "a b c d", 7, NULL, 0, collect, &ts), 42);
	assert_int_equal(ts.n, 2);
	/* arguments */
	assert_int_equal(sr_tokenize(NULL, "a", 1, NULL, 0, collect, &ts), SR_EINVAL);
	assert_int_equal(sr_tokenize(tk, NULL, 1, NULL, 0, collect, &ts), SR_EINVAL);
	memset(&ts, 0, sizeof(ts));
	assert_int_equal(sr_tokenize(tk, NULL, 0, NULL, 0, collect, &ts), SR_OK);
	assert_int_equal(ts.n, 0);
	sr_tokenizer_free(NULL);
}

static void test_other_scripts(void **state)
{
	(void)state;
	/* Han: one token per character; Hangul: words */
	assert_string_equal(plain("\xe4\xb8\xad\xe5\x9b\xbd abc"),
			    "\xe4\xb8\xad \xe5\x9b\xbd abc");
	assert_string_equal(plain("\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4 x"),
			    "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4 x");
	/* soft hyphen and ZWNJ do not break a word; ZWSP does */
	assert_string_equal(plain("ex\xc2\xad" "ample a\xe2\x80\x8c" "b c\xe2\x80\x8b" "d"),
			    "example ab c d");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_latin_boundaries),
		cmocka_unit_test(test_cyrillic_greek),
		cmocka_unit_test(test_arabic_boundaries),
		cmocka_unit_test(test_case_folding),
		cmocka_unit_test(test_diacritics),
		cmocka_unit_test(test_arabic_harakat),
		cmocka_unit_test(test_arabic_letters),
		cmocka_unit_test(test_apostrophes),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_stemming),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_offsets),
		cmocka_unit_test(test_all_stems),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_other_scripts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
