/*
 * langid.c - the language of a text by script and function words (see langid.h).
 */
#include "analyze/langid.h"

#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "base/utf8.h"

#include "analyze/langid_words.h"

enum {
	S_LATIN = 0, S_CYR, S_ARAB, S_HAN, S_KANA, S_HANGUL, S_GREEK, S_HEBREW, S_THAI,
	S_DEVA, S_BENG, S_N
};

static int script_of(int32_t cp)
{
	if (cp < 0x250)
		return S_LATIN;
	if (cp >= 0x370 && cp < 0x400)
		return S_GREEK;
	if (cp >= 0x400 && cp < 0x530)
		return S_CYR;
	if (cp >= 0x590 && cp < 0x600)
		return S_HEBREW;
	if ((cp >= 0x600 && cp < 0x700) || (cp >= 0x750 && cp < 0x780) ||
	    (cp >= 0xFB50 && cp < 0xFE00) || (cp >= 0xFE70 && cp < 0xFF00))
		return S_ARAB;
	if (cp >= 0x900 && cp < 0x980)
		return S_DEVA;
	if (cp >= 0x980 && cp < 0xA00)
		return S_BENG;
	if (cp >= 0xE00 && cp < 0xE80)
		return S_THAI;
	if (cp >= 0x1E00 && cp < 0x1F00)
		return S_LATIN;
	if (cp >= 0x3040 && cp < 0x3100)
		return S_KANA;
	if ((cp >= 0x3400 && cp < 0x4DC0) || (cp >= 0x4E00 && cp < 0xA000))
		return S_HAN;
	if ((cp >= 0xAC00 && cp < 0xD7B0) || (cp >= 0x1100 && cp < 0x1200))
		return S_HANGUL;
	return -1;
}

/* Letters that only some Latin-script languages use, with those languages. */
static const struct {
	int32_t cp;
	const char *langs;
} marks[] = {
	{0xDF, "de"},          /* ß */
	{0xE4, "de fi sv"},    /* ä */
	{0xF6, "de fi sv hu tr"}, /* ö */
	{0xFC, "de hu tr"},    /* ü */
	{0xE5, "sv da no"},    /* å */
	{0xF8, "da no"},       /* ø */
	{0xE6, "da no"},       /* æ */
	{0xF1, "es"},          /* ñ */
	{0xE7, "fr pt tr"},    /* ç */
	{0xE3, "pt"},          /* ã */
	{0xF5, "pt"},          /* õ */
	{0xEA, "fr pt"},       /* ê */
	{0xE8, "fr it"},       /* è */
	{0xF9, "fr it"},       /* ù */
	{0xEC, "it"},          /* ì */
	{0xF2, "it"},          /* ò */
	{0xEB, "fr nl"},       /* ë */
	{0xEF, "fr nl"},       /* ï */
	{0x153, "fr"},         /* œ */
	{0xE2, "fr ro pt"},    /* â */
	{0xEE, "fr ro"},       /* î */
	{0x142, "pl"},         /* ł */
	{0x105, "pl"},         /* ą */
	{0x119, "pl"},         /* ę */
	{0x15B, "pl"},         /* ś */
	{0x17A, "pl"},         /* ź */
	{0x17C, "pl"},         /* ż */
	{0x144, "pl"},         /* ń */
	{0x107, "pl"},         /* ć */
	{0x11F, "tr"},         /* ğ */
	{0x15F, "tr ro"},      /* ş */
	{0x131, "tr"},         /* ı */
	{0x151, "hu"},         /* ő */
	{0x171, "hu"},         /* ű */
	{0x159, "cs"},         /* ř */
	{0x11B, "cs"},         /* ě */
	{0x16F, "cs"},         /* ů */
	{0x10D, "cs"},         /* č */
	{0x161, "cs"},         /* š */
	{0x17E, "cs"},         /* ž */
	{0x219, "ro"},         /* ș */
	{0x21B, "ro"},         /* ț */
	{0x103, "ro"},         /* ă */
};

static void add_mark(double *score, int32_t cp)
{
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		if (marks[i].cp != cp)
			continue;
		for (const char *p = marks[i].langs; *p; p += p[2] ? 3 : 2)
			for (int l = 0; l < SR_LANGID_NLATIN; l++)
				if (sr_langid_latin[l][0] == p[0] && sr_langid_latin[l][1] == p[1])
					score[l] += 0.25;
		return;
	}
}

/* the languages that list word w[0..n) as a function word (0 when none) */
static uint32_t word_mask(const char *w, size_t n)
{
	size_t lo = 0, hi = sizeof(sr_langid_words) / sizeof(sr_langid_words[0]);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const unsigned char *a = (const unsigned char *)sr_langid_words[mid].w;
		const unsigned char *b = (const unsigned char *)w;
		size_t i = 0;
		int c = 0;
		while (i < n && a[i] && a[i] == b[i])
			i++;
		if (i == n)
			c = a[i] ? 1 : 0;
		else
			c = a[i] ? (int)a[i] - (int)b[i] : -1;
		if (c == 0)
			return sr_langid_words[mid].mask;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static double evidence(double have, double want)
{
	return have >= want ? 1.0 : have / want;
}

const char *sr_langid(const char *s, size_t n, double *confidence)
{
	double conf_dummy;
	if (!confidence)
		confidence = &conf_dummy;
	*confidence = 0;
	if (!s)
		return NULL;
	if (n > SR_LANGID_SCAN)
		n = SR_LANGID_SCAN;
	size_t count[S_N] = {0};
	size_t fa = 0, ur = 0, uk = 0, bg_hard = 0, ru_yery = 0, letters = 0;
	double score[SR_LANGID_NLATIN] = {0};
	size_t words = 0;
	char w[64];
	size_t wl = 0;
	int w_ok = 1;
	for (size_t i = 0; i <= n;) {
		int32_t cp = 0;
		size_t k = 1;
		if (i < n)
			k = sr_utf8_decode(s + i, n - i, &cp);
		int is_letter = 0;
		if (i < n && cp > 0) {
			utf8proc_category_t cat = utf8proc_category(cp);
			is_letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
		}
		if (is_letter) {
			int sc = script_of(cp);
			if (sc >= 0) {
				count[sc]++;
				letters++;
			}
			int32_t lc = utf8proc_tolower(cp);
			if (sc == S_LATIN && lc >= 0x80)
				add_mark(score, lc);
			else if (sc == S_ARAB) {
				if (cp == 0x67E || cp == 0x686 || cp == 0x698 || cp == 0x6AF ||
				    cp == 0x6A9 || cp == 0x6CC)
					fa++;
				if (cp == 0x679 || cp == 0x688 || cp == 0x691 || cp == 0x6BA ||
				    cp == 0x6D2)
					ur++;
			} else if (sc == S_CYR) {
				if (lc == 0x456 || lc == 0x457 || lc == 0x454 || lc == 0x491)
					uk++;
				if (lc == 0x44A)
					bg_hard++;
				if (lc == 0x44B || lc == 0x44D)
					ru_yery++;
			}
			if (sc == S_LATIN && w_ok) {
				char enc[4];
				size_t el = sr_utf8_encode(lc, enc);
				if (el && wl + el < sizeof(w)) {
					memcpy(w + wl, enc, el);
					wl += el;
				} else {
					w_ok = 0;
				}
			} else {
				w_ok = 0;
			}
		} else {
			if (wl && w_ok) {
				uint32_t m = word_mask(w, wl);
				if (m) {
					words++;
					for (int l = 0; l < SR_LANGID_NLATIN; l++)
						if (m & (1u << l))
							score[l] += 1;
				}
			}
			wl = 0;
			w_ok = 1;
		}
		i += k;
	}
	if (letters < 20)
		return NULL;
	int best = 0;
	for (int sc = 1; sc < S_N; sc++)
		if (count[sc] > count[best])
			best = sc;
	/* Japanese writes kanji among kana: the two together are one script */
	if ((best == S_KANA || best == S_HAN) && count[S_HAN] + count[S_KANA] > count[S_LATIN]) {
		size_t cjk = count[S_HAN] + count[S_KANA];
		*confidence = evidence((double)cjk, 50);
		return count[S_KANA] * 20 >= cjk ? "ja" : "zh";
	}
	if (best != S_LATIN) {
		double lead = (double)count[best] / (double)letters;
		*confidence = lead * evidence((double)count[best], 200);
		switch (best) {
		case S_ARAB:
			if (ur * 100 >= count[best] && ur * 2 >= fa)
				return "ur";
			return fa * 50 >= count[best] ? "fa" : "ar";
		case S_CYR:
			if (uk * 200 >= count[best])
				return "uk";
			if (bg_hard * 100 >= count[best] && ru_yery == 0)
				return "bg";
			return "ru";
		case S_HANGUL:
			return "ko";
		case S_GREEK:
			return "el";
		case S_HEBREW:
			return "he";
		case S_THAI:
			return "th";
		case S_DEVA:
			return "hi";
		case S_BENG:
			return "bn";
		default:
			return NULL;
		}
	}
	if (words < 3)
		return NULL;
	int top = 0, second = -1;
	for (int l = 1; l < SR_LANGID_NLATIN; l++) {
		if (score[l] > score[top]) {
			second = top;
			top = l;
		} else if (second < 0 || score[l] > score[second]) {
			second = l;
		}
	}
	double s2 = second >= 0 ? score[second] : 0;
	if (score[top] <= 0)
		return NULL;
	*confidence = (score[top] - s2) / score[top] * evidence((double)words, 30) *
		      evidence((double)letters, 200);
	return sr_langid_latin[top];
}
