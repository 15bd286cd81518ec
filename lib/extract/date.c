/*
 * date.c - dates in text and URLs (see date.h).
 *
 * The scanner splits text into tokens (numbers, words, single punctuation marks) and tries,
 * at each number or month-name token, a handful of patterns over the next few tokens:
 * year-first numeric (ISO), day-first or month-first numeric, and day/month-name/year in
 * either order, with an optional time and zone after an ISO or RFC 2822 date.
 */
#include "extract/date.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"

enum { T_NUM = 1, T_WORD, T_PUNCT };

typedef struct tok {
	int type;
	int month;    /* T_WORD: 1..12 when a month name, else 0 */
	int val;      /* T_NUM: value (capped) */
	int ndig;     /* T_NUM: digit count */
	uint32_t cp;  /* T_PUNCT: the character; T_WORD: first code point */
	size_t start, end;
	int space_before; /* whitespace between the previous token and this one */
	char word[24];    /* T_WORD: lowercased (ASCII folded) prefix */
	size_t wlen;
} tok;

/* Month names, lowercase ASCII-folded UTF-8 with their byte length and month, sorted by byte
 * length and then by bytes (memcmp order) so that month_lookup can binary-search them: English,
 * German, French, Spanish, Italian, Portuguese, Dutch, Polish (nominative and genitive), Arabic
 * (Egyptian, Levantine, Maghrebi) and Persian.  Keep the order when adding a name. */
typedef struct month_name {
	const char *name;
	unsigned char len, month;
} month_name;

static const month_name month_names[] = {
	{"abr", 3, 4}, {"ago", 3, 8}, {"apr", 3, 4}, {"aug", 3, 8}, {"avr", 3, 4}, {"cze", 3, 6},
	{"dec", 3, 12}, {"dez", 3, 12}, {"dic", 3, 12}, {"ene", 3, 1}, {"feb", 3, 2},
	{"fev", 3, 2}, {"gen", 3, 1}, {"giu", 3, 6}, {"gru", 3, 12}, {"jan", 3, 1}, {"jul", 3, 7},
	{"jun", 3, 6}, {"kwi", 3, 4}, {"lip", 3, 7}, {"lis", 3, 11}, {"lug", 3, 7}, {"lut", 3, 2},
	{"mag", 3, 5}, {"mai", 3, 5}, {"maj", 3, 5}, {"mar", 3, 3}, {"may", 3, 5}, {"mei", 3, 5},
	{"mrt", 3, 3}, {"mrz", 3, 3}, {"nov", 3, 11}, {"oct", 3, 10}, {"okt", 3, 10},
	{"ott", 3, 10}, {"out", 3, 10}, {"sep", 3, 9}, {"set", 3, 9}, {"sie", 3, 8},
	{"sty", 3, 1}, {"wrz", 3, 9}, {"aout", 4, 8}, {"déc", 4, 12}, {"fevr", 4, 2},
	{"janv", 4, 1}, {"juil", 4, 7}, {"juin", 4, 6}, {"juli", 4, 7}, {"july", 4, 7},
	{"june", 4, 6}, {"juni", 4, 6}, {"luty", 4, 2}, {"maio", 4, 5}, {"maja", 4, 5},
	{"mars", 4, 3}, {"mayo", 4, 5}, {"paź", 4, 10}, {"sept", 4, 9}, {"آب", 4, 8},
	{"اب", 4, 8}, {"abril", 5, 4}, {"août", 5, 8}, {"april", 5, 4}, {"avril", 5, 4},
	{"enero", 5, 1}, {"feber", 5, 2}, {"févr", 5, 2}, {"julho", 5, 7}, {"julio", 5, 7},
	{"junho", 5, 6}, {"junio", 5, 6}, {"lipca", 5, 7}, {"maart", 5, 3}, {"maerz", 5, 3},
	{"marca", 5, 3}, {"march", 5, 3}, {"marco", 5, 3}, {"marzo", 5, 3}, {"märz", 5, 3},
	{"agosto", 6, 8}, {"aprile", 6, 4}, {"august", 6, 8}, {"giugno", 6, 6}, {"januar", 6, 1},
	{"lipiec", 6, 7}, {"luglio", 6, 7}, {"lutego", 6, 2}, {"maggio", 6, 5}, {"marzec", 6, 3},
	{"março", 6, 3}, {"أوت", 6, 8}, {"ماي", 6, 5}, {"czerwca", 7, 6}, {"febrero", 7, 2},
	{"februar", 7, 2}, {"fevrier", 7, 2}, {"gennaio", 7, 1}, {"grudnia", 7, 12},
	{"jaenner", 7, 1}, {"janeiro", 7, 1}, {"januari", 7, 1}, {"january", 7, 1},
	{"janvier", 7, 1}, {"juillet", 7, 7}, {"jänner", 7, 1}, {"october", 7, 10},
	{"octobre", 7, 10}, {"octubre", 7, 10}, {"oktober", 7, 10}, {"ottobre", 7, 10},
	{"outubro", 7, 10}, {"styczen", 7, 1}, {"augustus", 8, 8}, {"czerwiec", 8, 6},
	{"december", 8, 12}, {"decembre", 8, 12}, {"dezember", 8, 12}, {"dezembro", 8, 12},
	{"dicembre", 8, 12}, {"febbraio", 8, 2}, {"februari", 8, 2}, {"february", 8, 2},
	{"février", 8, 2}, {"kwietnia", 8, 4}, {"listopad", 8, 11}, {"november", 8, 11},
	{"novembre", 8, 11}, {"novembro", 8, 11}, {"setembro", 8, 9}, {"sierpnia", 8, 8},
	{"styczeń", 8, 1}, {"stycznia", 8, 1}, {"wrzesnia", 8, 9}, {"آذار", 8, 3}, {"أيار", 8, 5},
	{"اذار", 8, 3}, {"ايار", 8, 5}, {"تموز", 8, 7}, {"جوان", 8, 6}, {"شباط", 8, 2},
	{"مارس", 8, 3}, {"مايو", 8, 5}, {"diciembre", 9, 12}, {"décembre", 9, 12},
	{"fevereiro", 9, 2}, {"grudzień", 9, 12}, {"kwiecień", 9, 4}, {"listopada", 9, 11},
	{"noviembre", 9, 11}, {"september", 9, 9}, {"septembre", 9, 9}, {"setiembre", 9, 9},
	{"settembre", 9, 9}, {"sierpień", 9, 8}, {"września", 9, 9}, {"septiembre", 10, 9},
	{"أبريل", 10, 4}, {"أغسطس", 10, 8}, {"أفريل", 10, 4}, {"أيلول", 10, 9}, {"إبريل", 10, 4},
	{"ابريل", 10, 4}, {"اغسطس", 10, 8}, {"افريل", 10, 4}, {"ايلول", 10, 9}, {"جانفي", 10, 1},
	{"دجنبر", 10, 12}, {"فيفري", 10, 2}, {"نيسان", 10, 4}, {"يناير", 10, 1}, {"يوليه", 10, 7},
	{"يوليو", 10, 7}, {"يونيه", 10, 6}, {"يونيو", 10, 6}, {"pazdziernika", 12, 10},
	{"أكتوبر", 12, 10}, {"اكتوبر", 12, 10}, {"جويلية", 12, 7}, {"حزيران", 12, 6},
	{"ديسمبر", 12, 12}, {"سبتمبر", 12, 9}, {"فبراير", 12, 2}, {"نوفمبر", 12, 11},
	{"ژانویه", 12, 1}, {"października", 13, 10}, {"تشرين الأول", 21, 10},
	{"تشرين الاول", 21, 10}, {"كانون الأول", 21, 12}, {"كانون الاول", 21, 12},
	{"تشرين الثاني", 23, 11}, {"كانون الثاني", 23, 1},
};

/* The month (1..12) that the lowercased word w[0..n) names, or 0.  Called for every word the
 * scanner reads, so it must be cheap: a length check, then a binary search. */
static int month_lookup(const char *w, size_t n)
{
	if (n < 3 || n > 23)
		return 0;
	size_t lo = 0, hi = sizeof(month_names) / sizeof(month_names[0]);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const month_name *e = &month_names[mid];
		int c = e->len != n ? (e->len < n ? -1 : 1) : memcmp(e->name, w, n);
		if (c == 0)
			return e->month;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Decimal digit value of the code point, or -1 (ASCII, Arabic-Indic, Extended). */
static int digit_of(int32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return cp - '0';
	if (cp >= 0x660 && cp <= 0x669)
		return cp - 0x660;
	if (cp >= 0x6F0 && cp <= 0x6F9)
		return cp - 0x6F0;
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return cp - 0xFF10;
	return -1;
}

static int is_space_cp(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x202F ||
	       (cp >= 0x2000 && cp <= 0x200B) || cp == 0x3000 || cp == 0x200E || cp == 0x200F ||
	       cp == 0xFEFF;
}

static int is_letter_cp(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
		return 0;
	if (cp >= 0x2000 && cp <= 0x2BFF)
		return 0;
	if (cp == 0x060C || cp == 0x061B || cp == 0x061F || cp == 0x06D4)
		return 0;
	if (cp >= 0x3000 && cp <= 0x303F)
		return 0;
	if (cp >= 0xFF00 && cp <= 0xFF0F)
		return 0;
	return digit_of(cp) < 0;
}

/* Read the token at s[*i..n); returns 0 at the end. */
static int next_tok(const char *s, size_t n, size_t *i, tok *t)
{
	size_t p = *i;
	int sp = 0;
	int32_t cp = 0;
	size_t k = 0;
	while (p < n) {
		k = sr_utf8_decode(s + p, n - p, &cp);
		if (!is_space_cp(cp))
			break;
		sp = 1;
		p += k;
	}
	if (p >= n)
		return 0;
	memset(t, 0, sizeof(*t));
	t->space_before = sp;
	t->start = p;
	if (digit_of(cp) >= 0) {
		t->type = T_NUM;
		while (p < n) {
			k = sr_utf8_decode(s + p, n - p, &cp);
			int d = digit_of(cp);
			if (d < 0)
				break;
			if (t->val < 100000000)
				t->val = t->val * 10 + d;
			t->ndig++;
			p += k;
		}
	} else if (is_letter_cp(cp)) {
		t->type = T_WORD;
		t->cp = (uint32_t)cp;
		while (p < n) {
			k = sr_utf8_decode(s + p, n - p, &cp);
			if (!is_letter_cp(cp))
				break;
			if (t->wlen + k < sizeof(t->word)) {
				if (k == 1) {
					char c = s[p];
					t->word[t->wlen++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
				} else if (k == 2 && (unsigned char)s[p] == 0xC3 &&
					   (unsigned char)s[p + 1] >= 0x80 &&
					   (unsigned char)s[p + 1] <= 0x9E &&
					   (unsigned char)s[p + 1] != 0x97) {
					/* Latin-1 capitals: fold to lowercase */
					t->word[t->wlen++] = s[p];
					t->word[t->wlen++] = (char)(s[p + 1] + 0x20);
				} else {
					memcpy(t->word + t->wlen, s + p, k);
					t->wlen += k;
				}
			} else {
				t->wlen = sizeof(t->word); /* too long to be a month */
			}
			p += k;
			/* CJK: one character per word */
			if (cp >= 0x3040 && cp < 0xD7B0)
				break;
		}
		if (t->wlen < sizeof(t->word)) {
			t->word[t->wlen] = 0;
			t->month = month_lookup(t->word, t->wlen);
			/* two-word Levantine month names */
			if ((t->wlen == 10 && (memcmp(t->word, "كانون", 10) == 0 ||
					       memcmp(t->word, "تشرين", 10) == 0))) {
				size_t q = p;
				while (q < n && s[q] == ' ')
					q++;
				size_t r = q;
				while (r < n && (unsigned char)s[r] >= 0x80)
					r++;
				if (r > q && t->wlen + 1 + (r - q) < sizeof(t->word)) {
					char w2[24];
					memcpy(w2, t->word, t->wlen);
					w2[t->wlen] = ' ';
					memcpy(w2 + t->wlen + 1, s + q, r - q);
					int m = month_lookup(w2, t->wlen + 1 + (r - q));
					if (m) {
						t->month = m;
						p = r;
					}
				}
			}
		} else {
			t->word[0] = 0;
			t->wlen = 0;
		}
	} else {
		t->type = T_PUNCT;
		t->cp = (uint32_t)cp;
		p += k;
	}
	t->end = p;
	*i = p;
	return 1;
}

static int days_in(int y, int m)
{
	static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

static int valid_ymd(int y, int m, int d)
{
	return y >= 1990 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= days_in(y, m);
}

#define LOOK 20

static int is_p(const tok *t, uint32_t c)
{
	return t->type == T_PUNCT && t->cp == c;
}

static int is_dash(const tok *t)
{
	return t->type == T_PUNCT && (t->cp == '-' || t->cp == 0x2010 || t->cp == 0x2011);
}

static void put2(char *p, int v)
{
	p[0] = (char)('0' + (v / 10) % 10);
	p[1] = (char)('0' + v % 10);
}

static void put_zone(char *zone, char sign, int zh, int zm)
{
	zone[0] = sign;
	put2(zone + 1, zh);
	zone[3] = ':';
	put2(zone + 4, zm);
	zone[6] = 0;
}

/* After a date ending at token k-1: an optional time "T09:30[:00[.123]]" with zone.
 * Writes "THH:MM:SS[zone]" into tm (>= 16 bytes); returns tokens consumed (0: none). */
static int parse_time(const tok *t, int nt, int k, const char *s, char *tm, int need_zone)
{
	int j = k;
	if (j < nt && t[j].type == T_WORD && t[j].wlen == 1 && t[j].word[0] == 't' &&
	    !t[j].space_before) {
		j++;
	} else if (j < nt && is_p(&t[j], ',')) {
		j++;
	}
	if (j + 2 >= nt + 0 || t[j].type != T_NUM || t[j].ndig > 2 || t[j].val > 23 ||
	    !is_p(&t[j + 1], ':') || j + 2 >= nt || t[j + 2].type != T_NUM ||
	    t[j + 2].ndig != 2 || t[j + 2].val > 59)
		return 0;
	int hh = t[j].val, mm = t[j + 2].val, ss = 0;
	j += 3;
	if (j + 1 < nt && is_p(&t[j], ':') && t[j + 1].type == T_NUM && t[j + 1].ndig == 2 &&
	    t[j + 1].val <= 60) {
		ss = t[j + 1].val;
		j += 2;
		if (j + 1 < nt && is_p(&t[j], '.') && t[j + 1].type == T_NUM && !t[j].space_before)
			j += 2;
	}
	char zone[8] = "";
	if (j < nt && t[j].type == T_WORD && t[j].wlen == 1 && t[j].word[0] == 'z' &&
	    !t[j].space_before) {
		memcpy(zone, "Z", 2);
		j++;
	} else if (j < nt && t[j].type == T_WORD && t[j].wlen == 3 &&
		   (memcmp(t[j].word, "gmt", 3) == 0 || memcmp(t[j].word, "utc", 3) == 0)) {
		memcpy(zone, "Z", 2);
		j++;
		if (j + 1 < nt && (is_p(&t[j], '+') || is_dash(&t[j])) && t[j + 1].type == T_NUM &&
		    !t[j + 1].space_before && t[j + 1].ndig <= 4) {
			int v = t[j + 1].val, zh = t[j + 1].ndig <= 2 ? v : v / 100,
			    zm = t[j + 1].ndig <= 2 ? 0 : v % 100;
			if (zh <= 14 && zm < 60)
				put_zone(zone, is_p(&t[j], '+') ? '+' : '-', zh, zm);
			j += 2;
		}
	} else if (j + 1 < nt && (is_p(&t[j], '+') || is_dash(&t[j])) &&
		   t[j + 1].type == T_NUM && !t[j + 1].space_before) {
		int sign = is_p(&t[j], '+') ? '+' : '-';
		int zh = -1, zm = 0;
		if (t[j + 1].ndig == 4) {
			zh = t[j + 1].val / 100;
			zm = t[j + 1].val % 100;
			j += 2;
		} else if (t[j + 1].ndig == 2) {
			zh = t[j + 1].val;
			j += 2;
			if (j + 1 < nt && is_p(&t[j], ':') && t[j + 1].type == T_NUM &&
			    t[j + 1].ndig == 2) {
				zm = t[j + 1].val;
				j += 2;
			}
		}
		if (zh >= 0 && zh <= 14 && zm < 60)
			put_zone(zone, (char)sign, zh, zm);
	}
	if (need_zone && !zone[0])
		return 0;
	(void)s;
	tm[0] = 'T';
	put2(tm + 1, hh);
	tm[3] = ':';
	put2(tm + 4, mm);
	tm[6] = ':';
	put2(tm + 7, ss);
	memcpy(tm + 9, zone, strlen(zone) + 1);
	return j - k;
}

static void put_date(char *out, int y, int m, int d, const char *tm)
{
	put2(out, y / 100);
	put2(out + 2, y % 100);
	out[4] = '-';
	put2(out + 5, m);
	out[7] = '-';
	put2(out + 8, d);
	out[10] = 0;
	if (tm) {
		size_t n = strlen(tm);
		if (n > SR_DATE_MAX - 11)
			n = SR_DATE_MAX - 11;
		memcpy(out + 10, tm, n);
		out[10 + n] = 0;
	}
}

/* Try the patterns at tokens t[0..nt).  Returns the number of tokens used, 0 if none. */
static int try_at(const tok *t, int nt, const char *s, char *out)
{
	char tm[16];
	const tok *a = &t[0];
	if (a->type == T_NUM) {
		/* YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, optional time */
		if (a->ndig == 4 && nt >= 5 && t[1].type == T_PUNCT &&
		    (is_dash(&t[1]) || t[1].cp == '/' || t[1].cp == '.') && t[2].type == T_NUM &&
		    t[2].ndig <= 2 && t[3].type == T_PUNCT && t[3].cp == t[1].cp &&
		    t[4].type == T_NUM && t[4].ndig <= 2 && !t[2].space_before &&
		    !t[4].space_before && valid_ymd(a->val, t[2].val, t[4].val)) {
			int used = 5;
			int k = parse_time(t, nt, 5, s, tm, 0);
			put_date(out, a->val, t[2].val, t[4].val, k ? tm : NULL);
			return used + k;
		}
		/* 2024年7月12日 / 2024년 7월 12일 */
		if (a->ndig == 4 && nt >= 5 && t[1].type == T_WORD && t[2].type == T_NUM &&
		    t[3].type == T_WORD && t[4].type == T_NUM &&
		    ((t[1].cp == 0x5E74 && t[3].cp == 0x6708) ||
		     (t[1].cp == 0xB144 && t[3].cp == 0xC6D4)) &&
		    valid_ymd(a->val, t[2].val, t[4].val)) {
			put_date(out, a->val, t[2].val, t[4].val, NULL);
			return 5;
		}
		/* D.M.YYYY, D/M/YYYY or M/D/YYYY, D-M-YYYY */
		if (a->ndig <= 2 && nt >= 5 && t[1].type == T_PUNCT &&
		    (t[1].cp == '.' || t[1].cp == '/' || is_dash(&t[1])) && t[2].type == T_NUM &&
		    t[2].ndig <= 2 && t[3].type == T_PUNCT && t[3].cp == t[1].cp &&
		    t[4].type == T_NUM && t[4].ndig == 4 && !t[1].space_before &&
		    !t[3].space_before) {
			int d = a->val, m = t[2].val, y = t[4].val;
			if (t[1].cp == '/' && d <= 12 && m > 12) {
				int x = d;
				d = m;
				m = x;
			}
			if (t[1].cp == '/' && d <= 12 && m <= 12) {
				int x = d; /* ambiguous: month first, as US sites write */
				d = m;
				m = x;
			}
			if (valid_ymd(y, m, d)) {
				int k = parse_time(t, nt, 5, s, tm, 1);
				put_date(out, y, m, d, k ? tm : NULL);
				return 5 + k;
			}
		}
		/* DD | MM | YYYY, a day, month and year set apart by bars */
		if (a->ndig == 2 && nt >= 5 && is_p(&t[1], '|') && t[2].type == T_NUM &&
		    t[2].ndig == 2 && is_p(&t[3], '|') && t[4].type == T_NUM && t[4].ndig == 4 &&
		    valid_ymd(t[4].val, t[2].val, a->val)) {
			put_date(out, t[4].val, t[2].val, a->val, NULL);
			return 5;
		}
		/* DD.MM.YY, as German sites write it ("23.09.22"): two digits each, dots only,
		 * and not part of a longer dotted number (a version, an IP address) */
		if (a->ndig == 2 && nt >= 5 && is_p(&t[1], '.') && t[2].type == T_NUM &&
		    t[2].ndig == 2 && is_p(&t[3], '.') && t[4].type == T_NUM && t[4].ndig == 2 &&
		    !t[1].space_before && !t[2].space_before && !t[3].space_before &&
		    !t[4].space_before &&
		    !(nt >= 7 && is_p(&t[5], '.') && !t[5].space_before && t[6].type == T_NUM &&
		      !t[6].space_before) &&
		    valid_ymd(2000 + t[4].val, t[2].val, a->val)) {
			int k = parse_time(t, nt, 5, s, tm, 1);
			put_date(out, 2000 + t[4].val, t[2].val, a->val, k ? tm : NULL);
			return 5 + k;
		}
		/* D[.] [de] Month[,] [de] YYYY */
		if (a->ndig <= 2 && a->val >= 1 && a->val <= 31) {
			int j = 1;
			if (j < nt && (is_p(&t[j], '.') || (t[j].type == T_WORD &&
				(strcmp(t[j].word, "st") == 0 || strcmp(t[j].word, "nd") == 0 ||
				 strcmp(t[j].word, "rd") == 0 || strcmp(t[j].word, "th") == 0 ||
				 strcmp(t[j].word, "er") == 0 || strcmp(t[j].word, "º") == 0) &&
				!t[j].space_before)))
				j++;
			if (j < nt && t[j].type == T_WORD &&
			    (strcmp(t[j].word, "de") == 0 || strcmp(t[j].word, "of") == 0))
				j++;
			if (j < nt && is_dash(&t[j]))
				j++;
			if (j < nt && t[j].type == T_WORD && t[j].month) {
				int m = t[j].month;
				j++;
				if (j < nt && (is_p(&t[j], '.') || is_p(&t[j], ',') || is_dash(&t[j])))
					j++;
				if (j < nt && t[j].type == T_WORD && strcmp(t[j].word, "de") == 0)
					j++;
				if (j < nt && t[j].type == T_NUM && t[j].ndig == 4 &&
				    valid_ymd(t[j].val, m, a->val)) {
					int y = t[j].val;
					j++;
					int k = parse_time(t, nt, j, s, tm, 1);
					put_date(out, y, m, a->val, k ? tm : NULL);
					return j + k;
				}
			}
		}
		/* YYYY Month D (rare), YYYY-Mon-DD */
		return 0;
	}
	if (a->type == T_WORD && a->month) {
		/* Month D[st][,] YYYY */
		int m = a->month, j = 1;
		if (j < nt && is_p(&t[j], '.'))
			j++;
		if (j < nt && t[j].type == T_NUM && t[j].ndig <= 2) {
			int d = t[j].val;
			j++;
			if (j < nt && t[j].type == T_WORD && !t[j].space_before &&
			    (strcmp(t[j].word, "st") == 0 || strcmp(t[j].word, "nd") == 0 ||
			     strcmp(t[j].word, "rd") == 0 || strcmp(t[j].word, "th") == 0))
				j++;
			if (j < nt && is_p(&t[j], ','))
				j++;
			if (j < nt && t[j].type == T_NUM && t[j].ndig == 4 &&
			    valid_ymd(t[j].val, m, d)) {
				int y = t[j].val;
				j++;
				put_date(out, y, m, d, NULL);
				return j;
			}
		}
	}
	return 0;
}

int sr_date_find(const char *s, size_t n, char out[SR_DATE_MAX], size_t *start, size_t *end)
{
	tok t[LOOK];
	size_t i = 0;
	int nt = 0;
	/* a sliding window of LOOK tokens */
	while (nt < LOOK && next_tok(s, n, &i, &t[nt]))
		nt++;
	while (nt > 0) {
		if ((t[0].type == T_NUM && t[0].ndig <= 4) || (t[0].type == T_WORD && t[0].month)) {
			int used = try_at(t, nt, s, out);
			if (used > 0) {
				if (start)
					*start = t[0].start;
				if (end)
					*end = t[used - 1].end;
				return 1;
			}
		}
		memmove(t, t + 1, sizeof(tok) * (size_t)(nt - 1));
		nt--;
		if (next_tok(s, n, &i, &t[nt]))
			nt++;
	}
	out[0] = 0;
	return 0;
}

static int is_digits(const char *q, size_t k)
{
	for (size_t i = 0; i < k; i++)
		if (q[i] < '0' || q[i] > '9')
			return 0;
	return 1;
}

int sr_date_from_url(const char *url, char out[SR_DATE_MAX])
{
	if (!url)
		return 0;
	const char *p = strstr(url, "://");
	p = p ? strchr(p + 3, '/') : url;
	if (!p)
		return 0;
	size_t n = strlen(p);
	for (size_t i = 0; i + 5 <= n; i++) {
		if (p[i] != '/' && p[i] != '-' && p[i] != '_')
			continue;
		const char *q = p + i + 1;
		size_t r = n - i - 1;
		int y = 0, m = 0, d = 0;
		size_t k = 0;
		/* a path segment that is a day first: /29-10-2021, /29-10-2021/ */
		if (p[i] == '/' && r >= 10 && is_digits(q, 2) && q[2] == '-' && is_digits(q + 3, 2) &&
		    q[5] == '-' && is_digits(q + 6, 4) && (r == 10 || q[10] == '/' || q[10] == '?' ||
							   q[10] == '#' || q[10] == '.')) {
			d = (q[0] - '0') * 10 + (q[1] - '0');
			m = (q[3] - '0') * 10 + (q[4] - '0');
			y = (q[6] - '0') * 1000 + (q[7] - '0') * 100 + (q[8] - '0') * 10 + (q[9] - '0');
			if (valid_ymd(y, m, d)) {
				put_date(out, y, m, d, NULL);
				return 1;
			}
			continue;
		}
		while (k < r && k < 8 && q[k] >= '0' && q[k] <= '9')
			k++;
		if (k == 8 && (k == r || q[k] < '0' || q[k] > '9')) {
			y = (q[0] - '0') * 1000 + (q[1] - '0') * 100 + (q[2] - '0') * 10 + (q[3] - '0');
			m = (q[4] - '0') * 10 + (q[5] - '0');
			d = (q[6] - '0') * 10 + (q[7] - '0');
			if (valid_ymd(y, m, d)) {
				put_date(out, y, m, d, NULL);
				return 1;
			}
			continue;
		}
		if (k != 4)
			continue;
		y = (q[0] - '0') * 1000 + (q[1] - '0') * 100 + (q[2] - '0') * 10 + (q[3] - '0');
		char sep = q[4];
		if (r < 8 || (sep != '/' && sep != '-' && sep != '_'))
			continue;
		size_t j = 5;
		while (j < r && q[j] >= '0' && q[j] <= '9' && j < 7)
			m = m * 10 + (q[j++] - '0');
		if (j == 5 || j >= r || q[j] != sep)
			continue;
		j++;
		size_t ds = j;
		while (j < r && q[j] >= '0' && q[j] <= '9' && j < ds + 2)
			d = d * 10 + (q[j++] - '0');
		if (j == ds || (j < r && q[j] >= '0' && q[j] <= '9'))
			continue;
		if (valid_ymd(y, m, d)) {
			put_date(out, y, m, d, NULL);
			return 1;
		}
	}
	return 0;
}
