/* Dates in text: absolute dates, months, years, decades, relative expressions resolved against
 * a Thursday publication date, ranges, modifiers, false positives, no publication date, and
 * hostile input (linear time, bytes that are not UTF-8). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "analyze/timex.h"
#include "base/arena.h"
#include "base/err.h"

/* Thursday 2026-11-19 12:00 UTC: its week runs from Monday 16 to Sunday 22 November. */
#define PUB ((int64_t)1795089600)

/* Every expression found in text, as "span=value" joined by " | ", with kind, mod and
 * relative flag when asked ("span=value:kind:mod:rel"). */
static char *find_all(const char *text, int64_t pub, int full)
{
	static char res[4096];
	sr_arena a;
	sr_arena_init(&a, 1 << 22);
	sr_timex *x;
	size_t n;
	int rc = sr_timex_find(text, strlen(text), pub, &a, &x, &n);
	assert_int_equal(rc, SR_OK);
	size_t o = 0;
	res[0] = 0;
	for (size_t i = 0; i < n && o < sizeof res - 200; i++) {
		assert_true(x[i].start < x[i].end && x[i].end <= strlen(text));
		if (i)
			assert_true(x[i].start >= x[i - 1].end);
		int w;
		if (full)
			w = snprintf(res + o, sizeof res - o, "%s%.*s=%s:%s:%s:%d", i ? " | " : "",
				     (int)(x[i].end - x[i].start), text + x[i].start, x[i].value,
				     sr_timex_kind_name(x[i].kind), sr_timex_mod_name(x[i].mod),
				     x[i].relative);
		else
			w = snprintf(res + o, sizeof res - o, "%s%.*s=%s", i ? " | " : "",
				     (int)(x[i].end - x[i].start), text + x[i].start, x[i].value);
		o += (size_t)w;
	}
	sr_arena_release(&a);
	return res;
}

typedef struct tcase {
	const char *text, *want;
} tcase;

static void run_cases(const tcase *c, size_t n, int64_t pub, int full)
{
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		const char *got = find_all(c[i].text, pub, full);
		if (strcmp(got, c[i].want) != 0) {
			print_error("text: %s\n  want: %s\n  got:  %s\n", c[i].text, c[i].want,
				    got);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void test_absolute_dates(void **state)
{
	(void)state;
	static const tcase c[] = {
		{ "The summit opened on July 12, 2024 in Vilnius.", "July 12, 2024=2024-07-12" },
		{ "It opened on 12 July 2024.", "12 July 2024=2024-07-12" },
		{ "Filed 2024-07-12 at noon.", "2024-07-12=2024-07-12" },
		{ "Updated 2024-07-12T10:30:00Z.", "2024-07-12=2024-07-12" },
		{ "On Jan. 5, 2025 the talks resumed.", "Jan. 5, 2025=2025-01-05" },
		{ "Signed Sept 3 2019 by both.", "Sept 3 2019=2019-09-03" },
		{ "the 4th of July 1776", "4th of July 1776=1776-07-04" },
		{ "on Monday, July 15, 2024, the court ruled", "Monday, July 15, 2024=2024-07-15" },
		{ "Feb. 29, 2024 was a leap day", "Feb. 29, 2024=2024-02-29" },
		{ "in July 2024 and in Dec 2023", "July 2024=2024-07 | Dec 2023=2023-12" },
		{ "in March of 2003", "March of 2003=2003-03" },
		{ "12th July, 2024", "12th July, 2024=2024-07-12" },
	};
	run_cases(c, sizeof c / sizeof c[0], PUB, 0);
}

static void test_invalid_dates(void **state)
{
	(void)state;
	static const tcase c[] = {
		{ "February 30, 2024 never was", "" },
		{ "Feb. 29, 2023 never was", "" },
		{ "code 2024-13-45 here", "" },
		{ "June 31 2020", "" },
	};
	run_cases(c, sizeof c / sizeof c[0], PUB, 0);
}

static void test_years_and_decades(void **state)
{
	(void)state;
	static const tcase c[] = {
		{ "The law was passed in 2017.", "2017=2017:year::0" },
		{ "The war has lasted since 1995.", "since 1995=1995/2026-11-19:range::0" },
		{ "Music of the 1990s returned.", "1990s=1990/1999:decade::0" },
		{ "Growth slowed in early 2025.", "early 2025=2025:year:early:0" },
		{ "Prices rose in mid-2024.", "mid-2024=2024:year:mid:0" },
		{ "in the late 1980s", "late 1980s=1980/1989:decade:late:0" },
		{ "between 2010 and 2015", "between 2010 and 2015=2010/2015:range::0" },
		{ "from 2001 to 2009", "from 2001 to 2009=2001/2009:range::0" },
		{ "in 2016 and 2017", "2016=2016:year::0 | 2017=2017:year::0" },
		{ "by 2030, he said", "2030=2030:year::0" },
		{ "In 1995 he was elected.", "1995=1995:year::0" },
		{ "from March to May 2024", "from March to May 2024=2024-03/2024-05:range::0" },
		{ "since July 2024", "since July 2024=2024-07/2026-11-19:range::0" },
		{ "from 2010\xe2\x80\x93" "2015",
		  "from 2010\xe2\x80\x93" "2015=2010/2015:range::0" },
		{ "from 1990 - 1995", "from 1990 - 1995=1990/1995:range::0" },
		{ "between the 1980s and the 1990s",
		  "1980s=1980/1989:decade::0 | 1990s=1990/1999:decade::0" },
		/* "to" is no year context */
		{ "from the 1980s to 2001", "1980s=1980/1989:decade::0" },
		{ "between 1980s and 2001", "between 1980s and 2001=1980/2001:range::0" },
		{ "since the 1990s", "1990s=1990/1999:decade::0" },
		{ "since the 11 September 2001 attacks", "11 September 2001=2001-09-11:date::0" },
		{ "from 2001", "2001=2001:year::0" },
		{ "the 1800s and the 2000s",
		  "1800s=1800/1899:range::0 | 2000s=2000/2009:decade::0" },
		{ "in the early 1900s", "early 1900s=1900/1999:range:early:0" },
		{ "during 1987-1989", "1987-1989=1987/1989:range::0" },
		{ "in 2010-15 and 1999 - 2001", "2010-15=2010/2015:range::0 | 1999=1999:year::0" },
		{ "in 2015-10 and 2010-2010", "2010=2010:year::0" },
		{ "in 2010-15 people", "" },
	};
	run_cases(c, sizeof c / sizeof c[0], PUB, 1);
}

static void test_relative(void **state)
{
	(void)state;
	static const tcase c[] = {
		{ "He left last July.", "last July=2026-07:month::1" },
		{ "Talks resume next month.", "next month=2026-12:month::1" },
		{ "Talks resume next July.", "next July=2027-07:month::1" },
		{ "It happened last November.", "last November=2025-11:month::1" },
		{ "this July", "this July=2026-07:month::1" },
		{ "Police said yesterday.", "yesterday=2026-11-18:date::1" },
		{ "today and tomorrow", "today=2026-11-19:date::1 | tomorrow=2026-11-20:date::1" },
		{ "Sales fell this week.", "this week=2026-11-16/2026-11-22:week::1" },
		{ "Sales fell last week.", "last week=2026-11-09/2026-11-15:week::1" },
		{ "Sales fell last year.", "last year=2025:year::1" },
		{ "this year", "this year=2026:year::1" },
		{ "three years ago", "three years ago=2023:year::1" },
		{ "two weeks ago", "two weeks ago=2026-11-02/2026-11-08:week::1" },
		{ "5 days ago", "5 days ago=2026-11-14:date::1" },
		{ "a year ago", "a year ago=2025:year::1" },
		{ "a decade ago", "a decade ago=2016:year::1" },
		{ "six months ago", "six months ago=2026-05:month::1" },
		{ "since last year", "since last year=2025/2026-11-19:range::1" },
		{ "since July", "since July=2026-07/2026-11-19:range::1" },
		{ "last night", "last night=2026-11-18:date::1" },
		{ "this morning", "this morning=2026-11-19:date::1" },
		{ "earlier this year", "this year=2026:year::1" },
		{ "in March", "March=2026-03:month::1" },
		{ "in January", "January=2027-01:month::1" },
		{ "in May", "May=2026-05:month::1" },
		{ "The vote will be held in May.", "May=2027-05:month::1" },
		{ "The vote is expected on 5 May.", "5 May=2027-05-05:date::1" },
		{ "Today, the minister said", "Today=2026-11-19:date::1" },
		{ "he told the Today programme", "" },
		{ "on March 2", "March 2=2026-03-02:date::1" },
		{ "on Dec. 28", "Dec. 28=2026-12-28:date::1" },
		{ "the 12th of July", "12th of July=2026-07-12:date::1" },
		{ "early July", "early July=2026-07:month:early:1" },
	};
	run_cases(c, sizeof c / sizeof c[0], PUB, 1);
}

static void test_weekdays(void **state)
{
	(void)state;
	static const tcase c[] = {
		/* a Thursday article: "on Monday" is this week's Monday, in the past */
		{ "The minister said on Monday that talks failed.", "Monday=2026-11-16" },
		{ "The minister said Monday that talks failed.", "Monday=2026-11-16" },
		{ "Police said Friday.", "Friday=2026-11-13" },
		{ "It happened on Thursday.", "Thursday=2026-11-19" },
		{ "He will travel on Friday.", "Friday=2026-11-20" },
		{ "They will meet on Thursday.", "Thursday=2026-11-26" },
		{ "The vote is expected Tuesday.", "Tuesday=2026-11-24" },
		{ "It happened last Tuesday.", "last Tuesday=2026-11-17" },
		{ "It happened last Thursday.", "last Thursday=2026-11-12" },
		{ "Talks resume next Tuesday.", "next Tuesday=2026-11-24" },
		{ "this Sunday", "this Sunday=2026-11-22" },
		{ "Fighting eased late Monday.", "late Monday=2026-11-16" },
		{ "He will go. On Monday he left.", "Monday=2026-11-16" },
		{ "Monday's vote", "Monday=2026-11-16" },
		{ "Talks are set to resume on Monday.", "Monday=2026-11-23" },
		{ "the record set on Monday", "Monday=2026-11-16" },
		{ "the record set in late September", "late September=2026-09" },
		{ "On Monday he left.", "Monday=2026-11-16" },
		{ "He spoke. Monday was calm.", "Monday=2026-11-16" },
		{ "It airs on Saturday 12 December.", "Saturday 12 December=2026-12-12" },
		{ "The Sunday Times said", "" },
		{ "she told GMTV's Sunday programme", "" },
		{ "results of Super Tuesday", "" },
	};
	run_cases(c, sizeof c / sizeof c[0], PUB, 0);
}

static void test_false_positives(void **state)
{
	(void)state;
	static const tcase c[] = {
		{ "Theresa May said the deal was done.", "" },
		{ "May I ask a question?", "" },
		{ "They may march on the capital.", "" },
		{ "The March report was delayed.", "" },
		{ "Some 2,000 troops arrived.", "" },
		{ "In 1995 people fled the city.", "" },
		{ "1995 people fled the city.", "" },
		{ "a force of 2000 troops", "" },
		{ "It cost $2017 in total.", "" },
		{ "It weighs 2017.5 kg.", "" },
		{ "the 5km race in 2019km", "" },
		{ "Room 2017 is on the left.", "" },
		{ "Smith and May met.", "" },
		{ "I, Claudius; Augustus Jan and Mar", "" },
		{ "the 2017 election", "" },
		{ "ninety days", "" },
		{ "Prices rose to 1500.", "" },
		{ "Shares rose by 1200 GMT.", "" },
		{ "Shares rose by 1430 local time.", "" },
		{ "three year ago", "" },
		{ "Mayday, Marchers and Junebugs", "" },
	};
	run_cases(c, sizeof c / sizeof c[0], PUB, 0);
}

static void test_no_pub_date(void **state)
{
	(void)state;
	static const tcase c[] = {
		{ "Police said yesterday.", "" },
		{ "last July and on Monday", "" },
		{ "in 2017", "2017=2017:year::0" },
		{ "since 1995", "since 1995=1995/..:range::0" },
		{ "on July 12, 2024", "July 12, 2024=2024-07-12:date::0" },
		{ "on July 12", "" },
		{ "in March", "" },
		{ "the 1990s", "1990s=1990/1999:decade::0" },
	};
	run_cases(c, sizeof c / sizeof c[0], 0, 1);
}

static void test_paragraph(void **state)
{
	(void)state;
	static const tcase c[] = {
		{ "KYIV, Nov 19 (Reuters) - Ukraine said on Wednesday it had struck a depot, the "
		  "second such attack since August. The depot, built in the 1970s, was hit two "
		  "weeks ago too. \xe2\x80\x9cWe will respond on Saturday,\xe2\x80\x9d the "
		  "minister "
		  "said. Talks set for Dec. 3 were postponed until early 2027.",
		  "Nov 19=2026-11-19 | Wednesday=2026-11-18 | since August=2026-08/2026-11-19 | "
		  "1970s=1970/1979 | two weeks ago=2026-11-02/2026-11-08 | Saturday=2026-11-21 | "
		  "Dec. 3=2026-12-03 | early 2027=2027" },
	};
	run_cases(c, sizeof c / sizeof c[0], PUB, 0);
}

static void test_year_boundaries(void **state)
{
	(void)state;
	/* Friday 2027-01-01 00:00 UTC: last week straddles the new year, last month is December */
	int64_t pub = 1798761600;
	static const tcase c[] = {
		{ "last week", "last week=2026-12-21/2026-12-27" },
		{ "this week", "this week=2026-12-28/2027-01-03" },
		{ "last month", "last month=2026-12" },
		{ "yesterday", "yesterday=2026-12-31" },
		{ "on Dec. 30", "Dec. 30=2026-12-30" },
		{ "in December", "December=2026-12" },
		{ "on Tuesday", "Tuesday=2026-12-29" },
	};
	run_cases(c, sizeof c / sizeof c[0], pub, 0);
}

static void test_arguments(void **state)
{
	(void)state;
	sr_arena a;
	sr_arena_init(&a, 1 << 16);
	sr_timex *x = (sr_timex *)&a;
	size_t n = 9;
	assert_int_equal(sr_timex_find(NULL, 0, PUB, &a, &x, &n), SR_OK);
	assert_null(x);
	assert_int_equal(n, 0);
	assert_int_equal(sr_timex_find(NULL, 3, PUB, &a, &x, &n), SR_EINVAL);
	assert_int_equal(sr_timex_find("x", 1, PUB, NULL, &x, &n), SR_EINVAL);
	assert_int_equal(sr_timex_find("x", 1, PUB, &a, NULL, &n), SR_EINVAL);
	assert_int_equal(sr_timex_find("x", 1, PUB, &a, &x, NULL), SR_EINVAL);
	/* an arena too small for the results */
	sr_arena small;
	sr_arena_init(&small, 64);
	const char *t = "in 2001, in 2002, in 2003, in 2004, in 2005, in 2006, in 2007";
	assert_int_equal(sr_timex_find(t, strlen(t), PUB, &small, &x, &n), SR_ENOMEM);
	sr_arena_release(&small);
	/* len bounds the text: "2017" cut to "201" is no year */
	assert_int_equal(sr_timex_find("in 2017", 6, PUB, &a, &x, &n), SR_OK);
	assert_int_equal(n, 0);
	assert_string_equal(sr_timex_kind_name(SR_TIMEX_RANGE), "range");
	assert_string_equal(sr_timex_kind_name(99), "?");
	assert_string_equal(sr_timex_gran_name(SR_TIMEX_GRAN_WEEK), "week");
	assert_string_equal(sr_timex_mod_name(SR_TIMEX_MOD_LATE), "late");
	sr_arena_release(&a);
}

static double elapsed(const char *t, size_t len, size_t *n)
{
	sr_arena a;
	sr_arena_init(&a, (size_t)1 << 30);
	sr_timex *x;
	clock_t c0 = clock();
	assert_int_equal(sr_timex_find(t, len, PUB, &a, &x, n), SR_OK);
	double dt = (double)(clock() - c0) / CLOCKS_PER_SEC;
	sr_arena_release(&a);
	return dt;
}

/* Linear time: hostile repetitions of almost-dates take time proportional to their length. */
static void test_linear(void **state)
{
	(void)state;
	static const char *const unit[] = { "since since ", "early early mid- ", "May 1, May ",
		"Monday, Monday, ", "from 2010 to from ", "in 2017 in 2017 ",
		"\xe2\x80\x93\xff\xc2 ",
		"12 of July of ", "last last next " };
	for (size_t u = 0; u < sizeof unit / sizeof unit[0]; u++) {
		size_t ul = strlen(unit[u]), big = 400000;
		char *t = malloc(big * 4 + 1);
		assert_non_null(t);
		for (size_t k = 0; k < big * 4; k++)
			t[k] = unit[u][k % ul];
		size_t n1, n4;
		double d1 = elapsed(t, big, &n1), d4 = elapsed(t, big * 4, &n4);
		assert_true(n4 >= n1);
		/* four times the text: well under 16 times the time (plus a floor for noise) */
		assert_true(d4 < 8 * d1 + 0.05);
		free(t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_absolute_dates),
		cmocka_unit_test(test_invalid_dates),
		cmocka_unit_test(test_years_and_decades),
		cmocka_unit_test(test_relative),
		cmocka_unit_test(test_weekdays),
		cmocka_unit_test(test_false_positives),
		cmocka_unit_test(test_no_pub_date),
		cmocka_unit_test(test_paragraph),
		cmocka_unit_test(test_year_boundaries),
		cmocka_unit_test(test_arguments),
		cmocka_unit_test(test_linear),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
