/*
 * timex.c - dates mentioned in English text (see timex.h and docs/TIMEX.md).
 *
 * A lexer turns the text into tokens (words of letters, numbers, single punctuation marks)
 * lazily, into a ring of RING tokens; the matcher at token i looks at most BACK tokens behind
 * and about 30 tokens ahead, so the whole is linear in the text.  Values are held as a struct
 * (granularity and a year, month, day; a week by its Monday, a decade by its first year) and
 * formatted into the arena when an expression is emitted.
 */
#include "analyze/timex.h"

#include <stdio.h>
#include <string.h>

#include "base/err.h"

#define RING 64
#define BACK 6

enum { T_EOF = 0, T_WORD, T_NUM, T_PUNCT };

#define F_CAP 1      /* word starting with an uppercase letter */
#define F_NOTYEAR 2  /* number with digit groups or decimals: "2,000", "19.95" */
#define F_ORD 4      /* ordinal: "12th" */
#define F_S 8        /* plural: "1990s" */
#define F_JUNK 16    /* digits glued to other letters: "5km" */
#define F_DASH 32    /* '-', en dash, em dash */

typedef struct tok {
	size_t s, e;
	uint8_t type, flags, ndig;
	int32_t num; /* value of a number of at most 9 digits */
} tok;

typedef struct lexer {
	const char *t;
	size_t len, pos;
	size_t nlexed; /* tokens lexed so far; token k lives in ring[k % RING] */
	tok ring[RING];
	tok eof;
} lexer;

/* A value: granularity, and y/m/d as far as it goes (week: its Monday; decade: first year). */
typedef struct tval {
	int gran;
	int y, m, d;
} tval;

typedef struct hit {
	tval v, v2;     /* v2: the end of a range; gran -1 for an open end */
	int kind, mod, rel;
	size_t ntok;    /* tokens consumed */
	size_t end;     /* end of the span when not the last token's ("2024-07-12T10:30") */
} hit;

typedef struct pubdate {
	int known;
	int64_t days; /* days since 1970-01-01 */
	int y, m, d, dow; /* dow: 1 = Monday .. 7 = Sunday */
} pubdate;

/* ---- calendar ---------------------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (era arithmetic). */
static int64_t days_from_civil(int y, int m, int d)
{
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int dow_of(int64_t days)
{
	int64_t r = (days + 3) % 7; /* 1970-01-01 was a Thursday */
	if (r < 0)
		r += 7;
	return (int)r + 1;
}

static int days_in_month(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static tval day_val(int64_t days)
{
	tval v = { SR_TIMEX_GRAN_DAY, 0, 0, 0 };
	civil_from_days(days, &v.y, &v.m, &v.d);
	return v;
}

static tval week_val(int64_t days)
{
	tval v = day_val(days - (dow_of(days) - 1));
	v.gran = SR_TIMEX_GRAN_WEEK;
	return v;
}

static tval month_val(int64_t mi) /* mi = year * 12 + month - 1 */
{
	tval v = { SR_TIMEX_GRAN_MONTH, (int)(mi / 12), (int)(mi % 12) + 1, 0 };
	return v;
}

static tval year_val(int y)
{
	tval v = { SR_TIMEX_GRAN_YEAR, y, 0, 0 };
	return v;
}

/* The year of month m mentioned without one: dir > 0 the next occurrence (this month
 * included), dir < 0 the last one (this month included), dir == 0 the last one unless it is
 * one or two months ahead (news speaks of the recent past and the near future). */
static int year_for_month(const pubdate *p, int m, int dir)
{
	if (dir > 0)
		return m >= p->m ? p->y : p->y + 1;
	if (dir == 0) {
		int ahead = (m - p->m + 12) % 12;
		if (ahead >= 1 && ahead <= 2)
			return m > p->m ? p->y : p->y + 1;
	}
	return m <= p->m ? p->y : p->y - 1;
}

/* ---- lexer ------------------------------------------------------------------------------- */

static int is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Length of a UTF-8 punctuation or space sequence at t[i] that ends a word (general
 * punctuation U+2000..U+206F, no-break space), else 0. */
static size_t upunct_len(const char *t, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)t;
	if (i + 2 < len && u[i] == 0xE2 && (u[i + 1] == 0x80 || u[i + 1] == 0x81))
		return 3;
	if (i + 1 < len && u[i] == 0xC2 && u[i + 1] == 0xA0)
		return 2;
	return 0;
}

static void lex_one(lexer *L, tok *k)
{
	const char *t = L->t;
	const unsigned char *u = (const unsigned char *)t;
	size_t len = L->len, p = L->pos;
	memset(k, 0, sizeof *k);
	for (;;) {
		while (p < len && (u[p] == ' ' || (u[p] >= '\t' && u[p] <= '\r')))
			p++;
		if (p + 1 < len && u[p] == 0xC2 && u[p + 1] == 0xA0) {
			p += 2;
			continue;
		}
		break;
	}
	if (p >= len) {
		k->type = T_EOF;
		k->s = k->e = len;
		L->pos = len;
		return;
	}
	k->s = p;
	if (is_digit(u[p])) {
		k->type = T_NUM;
		int64_t v = 0;
		while (p < len && is_digit(u[p])) {
			if (k->ndig < 10)
				v = v * 10 + (u[p] - '0');
			if (k->ndig < 255)
				k->ndig++;
			p++;
		}
		for (;;) { /* digit groups and decimals make it a quantity */
			if (p + 3 < len && u[p] == ',' && is_digit(u[p + 1]) &&
			    is_digit(u[p + 2]) && is_digit(u[p + 3]) &&
			    !(p + 4 < len && is_digit(u[p + 4]))) {
				k->flags |= F_NOTYEAR;
				p += 4;
				continue;
			}
			if (p + 1 < len && u[p] == '.' && is_digit(u[p + 1])) {
				k->flags |= F_NOTYEAR;
				p++;
				while (p < len && is_digit(u[p]))
					p++;
				continue;
			}
			break;
		}
		size_t ls = p;
		while (p < len && (is_alpha(u[p]) || (u[p] >= 0x80 && !upunct_len(t, len, p))))
			p++;
		size_t ln = p - ls;
		if (ln == 2 && (strncasecmp(t + ls, "st", 2) == 0 ||
				strncasecmp(t + ls, "nd", 2) == 0 ||
				strncasecmp(t + ls, "rd", 2) == 0 ||
				strncasecmp(t + ls, "th", 2) == 0))
			k->flags |= F_ORD;
		else if (ln == 1 && u[ls] == 's')
			k->flags |= F_S;
		else if (ln > 0)
			k->flags |= F_JUNK;
		k->num = k->ndig <= 9 ? (int32_t)v : -1;
	} else if (is_alpha(u[p]) || (u[p] >= 0x80 && !upunct_len(t, len, p))) {
		k->type = T_WORD;
		if (u[p] >= 'A' && u[p] <= 'Z')
			k->flags |= F_CAP;
		while (p < len && (is_alpha(u[p]) || is_digit(u[p]) ||
				   (u[p] >= 0x80 && !upunct_len(t, len, p))))
			p++;
	} else {
		k->type = T_PUNCT;
		size_t ul = upunct_len(t, len, p);
		if (ul == 3 && u[p + 1] == 0x80 && (u[p + 2] == 0x93 || u[p + 2] == 0x94))
			k->flags |= F_DASH;
		if (u[p] == '-')
			k->flags |= F_DASH;
		p += ul ? ul : 1;
	}
	k->e = p;
	L->pos = p;
}

/* Token k (absolute index); the EOF token before the start and past the end. */
static const tok *T(lexer *L, size_t k)
{
	while (L->nlexed <= k) {
		tok *slot = &L->ring[L->nlexed % RING];
		if (L->nlexed > 0 && L->ring[(L->nlexed - 1) % RING].type == T_EOF) {
			*slot = L->ring[(L->nlexed - 1) % RING];
		} else {
			lex_one(L, slot);
		}
		L->nlexed++;
	}
	return &L->ring[k % RING];
}

/* Token i - back, or EOF when before the start. */
static const tok *B(lexer *L, size_t i, size_t back)
{
	if (back > i)
		return &L->eof;
	return T(L, i - back);
}

static int weq(const lexer *L, const tok *k, const char *w)
{
	size_t n = strlen(w);
	return k->type == T_WORD && k->e - k->s == n && strncasecmp(L->t + k->s, w, n) == 0;
}

static int punct(const lexer *L, const tok *k, char c)
{
	return k->type == T_PUNCT && k->e - k->s == 1 && L->t[k->s] == c;
}

static int in_list(const lexer *L, const tok *k, const char *const *list)
{
	if (k->type != T_WORD)
		return -1;
	for (int i = 0; list[i]; i++)
		if (weq(L, k, list[i]))
			return i;
	return -1;
}

/* ---- word classes ------------------------------------------------------------------------ */

static const char *const months[] = { "january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december", NULL };
static const char *const mon_abbr[] = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
	"sep", "oct", "nov", "dec", "sept", NULL };
static const char *const weekdays[] = { "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday", NULL };
static const char *const numwords[] = { "a", "an", "one", "two", "three", "four", "five", "six",
	"seven", "eight", "nine", "ten", "eleven", "twelve", NULL };
static const char *const units[] = { "day", "days", "week", "weeks", "month", "months", "year",
	"years", "decade", "decades", NULL };
/* words after which a month name or a four-digit number stands for a date */
static const char *const preps[] = { "in", "on", "since", "by", "until", "till", "from",
	"during", "before", "after", "of", "through", "throughout", "between", "around", "circa",
	NULL };
/* words after which a four-digit number is a year, but a month name is not a month */
static const char *const year_preps[] = { "and", "or", "for", "year", NULL };
/* lowercase words that may follow a year ("in 1995 he ...") without making it a quantity */
static const char *const year_follow[] = { "and", "or", "but", "the", "a", "an", "he", "she",
	"it", "they", "we", "i", "you", "was", "were", "is", "are", "when", "as", "to", "with",
	"after", "before", "while", "until", "at", "in", "on", "for", "from", "by", "of",
	"during", "his", "her", "their", "its", "there", "this", "that", "which", "who", "had",
	"has", "have", "alone", "onwards", "onward", "through", "amid", "following", "under",
	"against", "because", "if", "not", "so", "then", "than", "also", "only", "s", NULL };
/* words after a four-digit number that make it a time of day */
static const char *const clock_words[] = { "gmt", "utc", "bst", "cet", "cest", "est", "edt",
	"pst", "pdt", "hrs", "hours", "h", "local", "am", "pm", "z", NULL };
/* words before a weekday (within the sentence) that make it a future one */
static const char *const future[] = { "will", "ll", "shall", "would", "next", "upcoming",
	"scheduled", "due", "expected", "plans", "plan", "planned", "going", "set", "until",
	"till", "tomorrow", NULL };

/* Month 1..12 of a capitalised month name at k (abbreviations when abbr, "Sept" too), with
 * *ntok set to the tokens it takes (an abbreviation's full stop included); 0 when none. */
static int month_at(lexer *L, size_t k, int abbr, size_t *ntok)
{
	const tok *t = T(L, k);
	if (t->type != T_WORD || !(t->flags & F_CAP))
		return 0;
	int i = in_list(L, t, months);
	if (i >= 0) {
		*ntok = 1;
		return i + 1;
	}
	if (!abbr)
		return 0;
	i = in_list(L, t, mon_abbr);
	if (i < 0)
		return 0;
	*ntok = 1;
	const tok *d = T(L, k + 1);
	if (punct(L, d, '.') && d->s == t->e)
		*ntok = 2;
	return i == 12 ? 9 : i + 1;
}

static int weekday_at(lexer *L, size_t k)
{
	const tok *t = T(L, k);
	if (t->type != T_WORD || !(t->flags & F_CAP))
		return 0;
	int i = in_list(L, t, weekdays);
	return i < 0 ? 0 : i + 1;
}

static int year_of(const tok *t)
{
	if (t->type != T_NUM || t->ndig != 4 || (t->flags & (F_NOTYEAR | F_ORD | F_S | F_JUNK)))
		return 0;
	return t->num >= 1000 && t->num <= 2199 ? t->num : 0;
}

static int day_of(const tok *t)
{
	if (t->type != T_NUM || t->ndig > 2 || (t->flags & (F_NOTYEAR | F_S | F_JUNK)))
		return 0;
	return t->num >= 1 && t->num <= 31 ? t->num : 0;
}

/* A count: "a", "two", "12"; 0 when none. */
static int count_of(lexer *L, const tok *t)
{
	if (t->type == T_NUM)
		return t->flags || t->ndig > 2 ? 0 : t->num;
	int i = in_list(L, t, numwords);
	if (i < 0)
		return 0;
	return i < 2 ? 1 : i - 1;
}

/* Whether the sentence before token i says the future ("will meet on Friday"). */
static int future_ctx(lexer *L, size_t i)
{
	for (size_t b = 1; b <= BACK; b++) {
		const tok *t = B(L, i, b);
		if (t->type == T_EOF || punct(L, t, '.') || punct(L, t, '!') || punct(L, t, '?') ||
		    punct(L, t, ';'))
			return 0;
		if (in_list(L, t, future) >= 0) {
			/* "set" and "going" only as "set to", "going to" */
			if ((weq(L, t, "set") || weq(L, t, "going")) &&
			    !weq(L, B(L, i, b - 1), "to"))
				continue;
			return 1;
		}
	}
	return 0;
}

/* The direction for a date without a year at token i: the caller's, else the future when the
 * sentence says so. */
static int tense(lexer *L, size_t i, int dir)
{
	return dir ? dir : future_ctx(L, i) ? 1 : 0;
}

/* A weekday standing alone is a name after "the", a possessive or a capitalised word other than
 * a preposition: "The Sunday Times", "GMTV's Sunday programme", "Super Tuesday". */
static int weekday_alone_ok(lexer *L, size_t i)
{
	const tok *b = B(L, i, 1);
	if (b->type != T_WORD)
		return 1;
	if (weq(L, b, "the"))
		return 0;
	if (weq(L, b, "s") && B(L, i, 2)->type == T_PUNCT && B(L, i, 2)->e == b->s)
		return 0;
	if ((b->flags & F_CAP) && in_list(L, b, preps) < 0 && in_list(L, b, future) < 0)
		return 0;
	return 1;
}

/* A year may be a quantity when a lowercase word other than a function word follows it. */
static int year_follow_ok(lexer *L, size_t k)
{
	const tok *t = T(L, k);
	if (t->type == T_NUM)
		return 0;
	if (t->type == T_PUNCT && (L->t[t->s] == '%' || L->t[t->s] == '$'))
		return 0;
	if (in_list(L, t, clock_words) >= 0)
		return 0; /* "by 1200 GMT" */
	if (t->type != T_WORD || (t->flags & F_CAP))
		return 1;
	return in_list(L, t, year_follow) >= 0;
}

/* ---- matching ---------------------------------------------------------------------------- */

static int set_day(hit *h, int y, int m, int d, int rel, size_t ntok)
{
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return 0;
	h->v.gran = SR_TIMEX_GRAN_DAY;
	h->v.y = y;
	h->v.m = m;
	h->v.d = d;
	h->kind = SR_TIMEX_DATE;
	h->rel = rel;
	h->ntok = ntok;
	return 1;
}

static int set_val(hit *h, tval v, int rel, size_t ntok)
{
	static const int kind_of[] = { SR_TIMEX_DATE, SR_TIMEX_WEEK, SR_TIMEX_MONTH, SR_TIMEX_YEAR,
		SR_TIMEX_DECADE };
	h->v = v;
	h->kind = kind_of[v.gran];
	h->rel = rel;
	h->ntok = ntok;
	return 1;
}

/* A weekday w relative to the publication date: how < 0 "last", > 0 "next", 2 "this" (this
 * week's), 0 the one a news sentence means (the past one, today included, unless fut). */
static int64_t weekday_days(const pubdate *p, int w, int how, int fut)
{
	int delta;
	if (how == 2)
		return p->days - (p->dow - 1) + (w - 1);
	if (how > 0 || (how == 0 && fut)) {
		delta = (w - p->dow + 7) % 7;
		return p->days + (delta ? delta : 7);
	}
	delta = (p->dow - w + 7) % 7;
	if (how < 0 && delta == 0)
		delta = 7;
	return p->days - delta;
}

static int match_point(lexer *L, size_t i, int ctx, int dir, const pubdate *p, hit *h,
		       int depth);

/* "last|next|this|coming ..." at i. */
static int match_shift(lexer *L, size_t i, int how, const pubdate *p, hit *h)
{
	const tok *u = T(L, i + 1);
	size_t mn;
	int w, m;
	if (!p->known)
		return 0;
	int sh = how == 2 ? 0 : how;
	if (weq(L, u, "week"))
		return set_val(h, week_val(p->days + 7 * sh), 1, 2);
	if (weq(L, u, "month"))
		return set_val(h, month_val((int64_t)p->y * 12 + p->m - 1 + sh), 1, 2);
	if (weq(L, u, "year"))
		return set_val(h, year_val(p->y + sh), 1, 2);
	if ((w = weekday_at(L, i + 1)))
		return set_val(h, day_val(weekday_days(p, w, how, 0)), 1, 2);
	if ((m = month_at(L, i + 1, 0, &mn))) {
		int y = p->y;
		if (how < 0)
			y = m < p->m ? p->y : p->y - 1;
		else if (how == 1)
			y = m > p->m ? p->y : p->y + 1;
		return set_val(h, month_val((int64_t)y * 12 + m - 1), 1, 2);
	}
	if (how != 1 && (weq(L, u, "night") || weq(L, u, "evening") || weq(L, u, "morning") ||
			 weq(L, u, "afternoon"))) {
		if (how < 0 && !weq(L, u, "night"))
			return 0; /* "last evening" is rare; "last morning" is not a date */
		return set_val(h, day_val(p->days - (how < 0)), 1, 2);
	}
	return 0;
}

/* A month name at i: "July 12, 2024", "Jan. 5", "July 2024", "(in) July". */
static int match_month(lexer *L, size_t i, int ctx, int dir, const pubdate *p, hit *h)
{
	size_t mn = 0;
	int m = month_at(L, i, 1, &mn);
	if (!m)
		return 0;
	size_t j = i + mn;
	const tok *t = T(L, j);
	int d = day_of(t), y;
	if (d && !punct(L, T(L, j + 1), ':')) {
		size_t k = j + 1;
		if (punct(L, T(L, k), ','))
			k++;
		if ((y = year_of(T(L, k))))
			return set_day(h, y, m, d, 0, k + 1 - i);
		if (!p->known)
			return 0;
		return set_day(h, year_for_month(p, m, tense(L, i, dir)), m, d, 1, j + 1 - i);
	}
	if ((y = year_of(t)))
		return set_val(h, month_val((int64_t)y * 12 + m - 1), 0, j + 1 - i);
	if (weq(L, t, "of") && (y = year_of(T(L, j + 1))))
		return set_val(h, month_val((int64_t)y * 12 + m - 1), 0, j + 2 - i);
	/* a bare month: full name only, after a preposition or modifier */
	if (ctx != 1 || mn != 1 || !p->known)
		return 0;
	if (in_list(L, T(L, i), months) < 0)
		return 0;
	return set_val(h, month_val((int64_t)year_for_month(p, m, tense(L, i, dir)) * 12 + m - 1),
		       1, 1);
}

/* A number at i: "2024-07-12", "12 July 2024", "12th of July", "1990s", "(in) 2017". */
static int match_number(lexer *L, size_t i, int ctx, int dir, const pubdate *p, hit *h)
{
	const tok *t = T(L, i);
	int y = year_of(t), d, m;
	size_t mn;
	if (y) {
		const tok *a = T(L, i + 1), *b = T(L, i + 2), *c = T(L, i + 3), *e = T(L, i + 4);
		if (punct(L, a, '-') && a->s == t->e && b->type == T_NUM && b->ndig == 2 &&
		    !b->flags && b->s == a->e && punct(L, c, '-') && c->s == b->e &&
		    e->type == T_NUM && e->ndig == 2 && !(e->flags & ~F_JUNK) && e->s == c->e)
			return set_day(h, y, b->num, e->num, 0, 5) && (h->end = e->s + 2);
	}
	if (t->type == T_NUM && t->ndig == 4 && t->flags == F_S && t->num >= 1000 &&
	    t->num <= 2190 && t->num % 10 == 0) {
		tval v = { SR_TIMEX_GRAN_DECADE, t->num, 0, 0 };
		if (t->num % 100 == 0 && t->num < 2000) {
			/* "the 1800s" is a century; "the 2000s" the decade */
			set_val(h, year_val(t->num), 0, 1);
			h->v2 = year_val(t->num + 99);
			h->kind = SR_TIMEX_RANGE;
			return 1;
		}
		return set_val(h, v, 0, 1);
	}
	if ((d = day_of(t))) {
		size_t j = i + 1;
		if (weq(L, T(L, j), "of"))
			j++;
		if ((m = month_at(L, j, 1, &mn))) {
			size_t k = j + mn;
			if (!(y = year_of(T(L, k))) && punct(L, T(L, k), ',') &&
			    (y = year_of(T(L, k + 1))))
				k++;
			if (y)
				return set_day(h, y, m, d, 0, k + 1 - i);
			if (!p->known)
				return 0;
			return set_day(h, year_for_month(p, m, tense(L, i, dir)), m, d, 1, k - i);
		}
	}
	if (y && ctx && year_follow_ok(L, i + 1) && !(punct(L, T(L, i + 1), '-') &&
						       T(L, i + 2)->type == T_NUM &&
						       T(L, i + 2)->ndig <= 2))
		return set_val(h, year_val(y), 0, 1);
	return 0;
}

/* A point in time (not a range) starting at token i.  ctx: 1 a preposition or modifier stands
 * before it (a bare month or year is a date), 2 a word after which only a year is; dir: > 0
 * future, < 0 past, 0 unknown. */
static int match_point(lexer *L, size_t i, int ctx, int dir, const pubdate *p, hit *h,
		       int depth)
{
	const tok *t = T(L, i);
	int w, n;
	memset(h, 0, sizeof *h);
	h->v2.gran = -1;
	if (t->type == T_NUM) {
		if (match_number(L, i, ctx, dir, p, h))
			return 1;
	} else if (t->type != T_WORD) {
		return 0;
	}
	if (t->type == T_WORD && (t->flags & F_CAP) && match_month(L, i, ctx, dir, p, h))
		return 1;
	if (p->known && !((t->flags & F_CAP) && B(L, i, 1)->type == T_WORD)) {
		/* "Today" after a word is a name (BBC Radio 4's Today programme) */
		if (weq(L, t, "yesterday"))
			return set_val(h, day_val(p->days - 1), 1, 1);
		if (weq(L, t, "today") || weq(L, t, "tonight"))
			return set_val(h, day_val(p->days), 1, 1);
		if (weq(L, t, "tomorrow"))
			return set_val(h, day_val(p->days + 1), 1, 1);
	}
	if (weq(L, t, "last") || weq(L, t, "past"))
		return weq(L, t, "last") && match_shift(L, i, -1, p, h);
	if (weq(L, t, "next") || weq(L, t, "coming"))
		return match_shift(L, i, 1, p, h);
	if (weq(L, t, "this"))
		return match_shift(L, i, 2, p, h);
	if (depth == 0 && (weq(L, t, "early") || weq(L, t, "mid") || weq(L, t, "late"))) {
		int mod = weq(L, t, "early") ? SR_TIMEX_MOD_EARLY :
			  weq(L, t, "mid") ? SR_TIMEX_MOD_MID : SR_TIMEX_MOD_LATE;
		size_t j = i + 1;
		if ((T(L, j)->flags & F_DASH) && T(L, j)->s == t->e)
			j++;
		else if (weq(L, T(L, j), "in"))
			j++;
		if (match_point(L, j, 1, dir, p, h, depth + 1) && !h->mod) {
			h->mod = mod;
			h->ntok += j - i;
			return 1;
		}
		return 0;
	}
	if ((w = weekday_at(L, i))) {
		if (depth == 0) {
			size_t j = i + 1;
			if (punct(L, T(L, j), ','))
				j++;
			hit sub;
			if (match_point(L, j, 1, dir, p, &sub, depth + 1) &&
			    sub.kind == SR_TIMEX_DATE && (!sub.rel || sub.ntok > 1)) {
				*h = sub;
				h->ntok += j - i;
				return 1;
			}
			memset(h, 0, sizeof *h);
			h->v2.gran = -1;
		}
		if (!p->known || !weekday_alone_ok(L, i))
			return 0;
		int fut = dir > 0 || (dir == 0 && future_ctx(L, i));
		return set_val(h, day_val(weekday_days(p, w, 0, fut)), 1, 1);
	}
	if ((n = count_of(L, t)) && p->known && weq(L, T(L, i + 2), "ago")) {
		int u = in_list(L, T(L, i + 1), units);
		if (u < 0 || ((u & 1) == 0) != (n == 1))
			return 0; /* "a days ago", "three year ago" */
		switch (u / 2) {
		case 0: return set_val(h, day_val(p->days - n), 1, 3);
		case 1: return set_val(h, week_val(p->days - 7 * n), 1, 3);
		case 2: return set_val(h, month_val((int64_t)p->y * 12 + p->m - 1 - n), 1, 3);
		case 3: return set_val(h, year_val(p->y - n), 1, 3);
		default: return set_val(h, year_val(p->y - 10 * n), 1, 3);
		}
	}
	return 0;
}

/* "since X", "from X to Y", "between X and Y" at i (X and Y points); "from X" alone is X, its
 * span (*s) starting after "from". */
static int match_range(lexer *L, size_t i, const pubdate *p, hit *h, size_t *s)
{
	const tok *t = T(L, i);
	int since = weq(L, t, "since"), y = year_of(t);
	if (y && in_list(L, B(L, i, 1), preps) >= 0 && (T(L, i + 1)->flags & F_DASH)) {
		/* "in 1987-1989", "during 2010-15" */
		const tok *u = T(L, i + 2);
		int y2 = year_of(u);
		if (!y2 && u->type == T_NUM && u->ndig == 2 && !u->flags)
			y2 = y - y % 100 + u->num;
		if (y2 <= y || y2 - y >= 100 || !year_follow_ok(L, i + 3))
			return 0;
		memset(h, 0, sizeof *h);
		h->v = year_val(y);
		h->v2 = year_val(y2);
		h->kind = SR_TIMEX_RANGE;
		h->ntok = 3;
		return 1;
	}
	if (!since && !weq(L, t, "from") && !weq(L, t, "between"))
		return 0;
	if (!match_point(L, i + 1, 1, -1, p, h, 0))
		return 0;
	size_t j = i + 1 + h->ntok;
	const tok *c = T(L, j);
	hit h2;
	int link = weq(L, c, "to") || weq(L, c, "until") || weq(L, c, "and") ||
		   weq(L, c, "through") || (c->flags & F_DASH);
	if (!since && link && match_point(L, j + 1, 1, 0, p, &h2, 0)) {
		/* "from March to May 2024": the start takes the end's year */
		if (h->rel && !h2.rel && h->v.gran == SR_TIMEX_GRAN_MONTH &&
		    (h2.v.gran == SR_TIMEX_GRAN_MONTH || h2.v.gran == SR_TIMEX_GRAN_DAY)) {
			h->v.y = h2.v.y - (h->v.m > h2.v.m);
			h->rel = 0;
		}
		h->v2 = h2.v;
		h->end = h2.end;
		h->kind = SR_TIMEX_RANGE;
		h->rel = h->rel || h2.rel;
		h->ntok = j + 1 + h2.ntok - i;
		return 1;
	}
	if (since) {
		if (p->known)
			h->v2 = day_val(p->days);
		h->kind = SR_TIMEX_RANGE;
	} else {
		*s = T(L, i + 1)->s;
	}
	h->ntok += 1;
	return 1;
}

/* ---- output ------------------------------------------------------------------------------ */

static int fmt_start(const tval *v, char *o, size_t cap)
{
	switch (v->gran) {
	case SR_TIMEX_GRAN_DAY:
	case SR_TIMEX_GRAN_WEEK:
		return snprintf(o, cap, "%04d-%02d-%02d", v->y, v->m, v->d);
	case SR_TIMEX_GRAN_MONTH:
		return snprintf(o, cap, "%04d-%02d", v->y, v->m);
	default:
		return snprintf(o, cap, "%04d", v->y);
	}
}

/* The value of v alone: a week and a decade are ranges. */
static void fmt_val(const tval *v, char *o, size_t cap)
{
	int n = fmt_start(v, o, cap);
	if (n < 0 || (size_t)n >= cap)
		return;
	if (v->gran == SR_TIMEX_GRAN_WEEK) {
		tval s = day_val(days_from_civil(v->y, v->m, v->d) + 6);
		snprintf(o + n, cap - (size_t)n, "/%04d-%02d-%02d", s.y, s.m, s.d);
	} else if (v->gran == SR_TIMEX_GRAN_DECADE) {
		snprintf(o + n, cap - (size_t)n, "/%04d", v->y + 9);
	}
}

/* The last year/month/day of v, at its own granularity (the end of a "from X to Y" range). */
static void fmt_end(const tval *v, char *o, size_t cap)
{
	if (v->gran == SR_TIMEX_GRAN_WEEK) {
		tval s = day_val(days_from_civil(v->y, v->m, v->d) + 6);
		snprintf(o, cap, "%04d-%02d-%02d", s.y, s.m, s.d);
	} else if (v->gran == SR_TIMEX_GRAN_DECADE) {
		snprintf(o, cap, "%04d", v->y + 9);
	} else {
		fmt_start(v, o, cap);
	}
}

typedef struct outv {
	sr_arena *a;
	sr_timex *v;
	size_t n, cap;
} outv;

static int emit(outv *o, size_t s, size_t e, const hit *h)
{
	char buf[64], b2[32];
	if (h->kind == SR_TIMEX_RANGE) {
		fmt_start(&h->v, buf, sizeof buf);
		if (h->v2.gran < 0) {
			snprintf(b2, sizeof b2, "..");
		} else {
			fmt_end(&h->v2, b2, sizeof b2);
		}
		size_t l = strlen(buf);
		snprintf(buf + l, sizeof buf - l, "/%s", b2);
	} else {
		fmt_val(&h->v, buf, sizeof buf);
	}
	if (o->n == o->cap) {
		size_t nc = o->cap ? 2 * o->cap : 16;
		sr_timex *nv = sr_arena_alloc(o->a, nc * sizeof *nv);
		if (!nv)
			return SR_ENOMEM;
		if (o->n)
			memcpy(nv, o->v, o->n * sizeof *nv);
		o->v = nv;
		o->cap = nc;
	}
	sr_timex *x = &o->v[o->n];
	x->start = s;
	x->end = e;
	x->value = sr_arena_strdup(o->a, buf);
	if (!x->value)
		return SR_ENOMEM;
	x->kind = (sr_timex_kind)h->kind;
	x->gran = (sr_timex_gran)h->v.gran;
	x->mod = (sr_timex_mod)h->mod;
	x->relative = h->rel;
	o->n++;
	return SR_OK;
}

int sr_timex_find(const char *text, size_t len, int64_t pub_time, sr_arena *arena,
		  sr_timex **out, size_t *n)
{
	if (!arena || !out || !n || (!text && len))
		return SR_EINVAL;
	*out = NULL;
	*n = 0;
	if (!text)
		return SR_OK;
	pubdate p;
	memset(&p, 0, sizeof p);
	if (pub_time != 0) {
		p.known = 1;
		p.days = pub_time >= 0 ? pub_time / 86400 : -((-pub_time + 86399) / 86400);
		civil_from_days(p.days, &p.y, &p.m, &p.d);
		p.dow = dow_of(p.days);
		if (p.y < 1000 || p.y > 9000)
			p.known = 0;
	}
	lexer L;
	memset(&L, 0, sizeof L);
	L.t = text;
	L.len = len;
	L.eof.type = T_EOF;
	outv o = { arena, NULL, 0, 0 };
	int rc = SR_OK;
	for (size_t i = 0; T(&L, i)->type != T_EOF;) {
		hit h;
		size_t s = T(&L, i)->s;
		int got = match_range(&L, i, &p, &h, &s);
		if (!got) {
			const tok *prev = B(&L, i, 1);
			int ctx = in_list(&L, prev, preps) >= 0 ? 1 :
				  in_list(&L, prev, year_preps) >= 0 ? 2 : 0;
			got = match_point(&L, i, ctx, 0, &p, &h, 0);
		}
		if (!got) {
			i++;
			continue;
		}
		size_t e = h.end ? h.end : T(&L, i + h.ntok - 1)->e;
		if ((rc = emit(&o, s, e, &h)) < 0)
			return rc;
		i += h.ntok;
	}
	*out = o.v;
	*n = o.n;
	return rc;
}

const char *sr_timex_kind_name(int kind)
{
	static const char *const names[] = { "date", "week", "month", "year", "decade", "range" };
	return kind >= 0 && kind <= SR_TIMEX_RANGE ? names[kind] : "?";
}

const char *sr_timex_gran_name(int gran)
{
	static const char *const names[] = { "day", "week", "month", "year", "decade" };
	return gran >= 0 && gran <= SR_TIMEX_GRAN_DECADE ? names[gran] : "?";
}

const char *sr_timex_mod_name(int mod)
{
	static const char *const names[] = { "", "early", "mid", "late" };
	return mod >= 0 && mod <= SR_TIMEX_MOD_LATE ? names[mod] : "?";
}
