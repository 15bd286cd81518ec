/* Quotes and their speakers: each attribution pattern, titles, pronouns, inheritance, the
 * shape rules (scare quotes, titles of works) and hostile input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyze/quotes.h"
#include "base/arena.h"
#include "base/err.h"

typedef struct fx {
	sr_arena arena;
	const char *text;
	sr_quote *q;
	size_t n;
	sr_person_mention pm[16];
	size_t npm;
} fx;

static int setup(void **state)
{
	fx *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	sr_arena_init(&f->arena, 1 << 20);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	sr_arena_release(&f->arena);
	free(f);
	return 0;
}

/* Add a mention of entity e at the first occurrence of name (after from). */
static void mention(fx *f, const char *name, size_t from, int e)
{
	const char *p = strstr(f->text + from, name);
	assert_non_null(p);
	f->pm[f->npm].start = (size_t)(p - f->text);
	f->pm[f->npm].end = f->pm[f->npm].start + strlen(name);
	f->pm[f->npm].entity = e;
	f->npm++;
}

static void run(fx *f)
{
	assert_int_equal(sr_quotes_find(f->text, strlen(f->text), f->npm ? f->pm : NULL, f->npm,
					&f->arena, &f->q, &f->n),
			 SR_OK);
}

static void span_is(const fx *f, size_t s, size_t e, const char *want)
{
	assert_true(e >= s);
	if (e - s != strlen(want) || memcmp(f->text + s, want, e - s) != 0) {
		print_error("span \"%.*s\" != \"%s\"\n", (int)(e - s), f->text + s, want);
		fail();
	}
}

static void quote_is(const fx *f, size_t i, const char *text, const char *speaker)
{
	assert_true(i < f->n);
	span_is(f, f->q[i].start, f->q[i].end, text);
	if (speaker)
		span_is(f, f->q[i].speaker_start, f->q[i].speaker_end, speaker);
	else
		assert_int_equal(f->q[i].how, SR_QUOTE_NONE);
}

static void test_after_said(void **state)
{
	fx *f = *state;
	f->text = "The talks ended late.\n\n\xe2\x80\x9cWe will not give up,\xe2\x80\x9d "
		  "John Smith said on Monday.";
	mention(f, "John Smith", 0, 3);
	run(f);
	assert_int_equal(f->n, 1);
	quote_is(f, 0, "We will not give up,", "John Smith");
	assert_int_equal(f->q[0].entity, 3);
	assert_int_equal(f->q[0].how, SR_QUOTE_AFTER);
	assert_int_equal(f->q[0].resolved_pronoun, 0);
	span_is(f, f->q[0].name_start, f->q[0].name_end, "John Smith");
}

static void test_before_colon(void **state)
{
	fx *f = *state;
	f->text = "Mary Jones told the BBC: \"The economy is growing faster than we thought.\"";
	run(f); /* no mentions: the capitalised name before the verb */
	assert_int_equal(f->n, 1);
	quote_is(f, 0, "The economy is growing faster than we thought.", "Mary Jones");
	assert_int_equal(f->q[0].how, SR_QUOTE_BEFORE);
	assert_int_equal(f->q[0].entity, -1);
}

static void test_inverted_with_title(void **state)
{
	fx *f = *state;
	f->text = "\"The alliance stands ready to defend every ally,\" said Jens Stoltenberg, the "
		  "secretary-general.";
	run(f);
	assert_int_equal(f->n, 1);
	quote_is(f, 0, "The alliance stands ready to defend every ally,", "Jens Stoltenberg");
}

static void test_title_apart(void **state)
{
	fx *f = *state;
	f->text = "NATO secretary-general Jens Stoltenberg said: \"We are united.\"";
	run(f);
	assert_int_equal(f->n, 1);
	quote_is(f, 0, "We are united.", "Jens Stoltenberg");

	fx *g = f;
	g->text = "Speaking in Brussels, US President George Bush said: \"We stand together now.\"";
	g->npm = 0;
	run(g);
	assert_int_equal(g->n, 1);
	quote_is(g, 0, "We stand together now.", "George Bush");

	/* with a mention from the tagger, the mention is the speaker */
	g->text = "Chairman and chief executive Richard Parsons said: \"Our results were strong.\"";
	g->npm = 0;
	mention(g, "Richard Parsons", 0, 0);
	run(g);
	quote_is(g, 0, "Our results were strong.", "Richard Parsons");
	assert_int_equal(g->q[0].entity, 0);
}

static void test_added_no_comma(void **state)
{
	fx *f = *state;
	f->text = "\xe2\x80\x9cThe plan is dead in the water\xe2\x80\x9d Smith added.";
	run(f);
	assert_int_equal(f->n, 1);
	quote_is(f, 0, "The plan is dead in the water", "Smith");
}

static void test_verbs(void **state)
{
	fx *f = *state;
	f->text = "\"Prices will rise again next year,\" the central bank warned.\n\n"
		  "According to Ann Lee, \"the market has already turned the corner.\"\n\n"
		  "\"It was a tough night for all of us,\" Lee told reporters.\n\n"
		  "\"We are confident about the deal,\" a spokesman for the firm said.";
	run(f);
	assert_int_equal(f->n, 4);
	quote_is(f, 0, "Prices will rise again next year,", "the central bank");
	quote_is(f, 1, "the market has already turned the corner.", "Ann Lee");
	quote_is(f, 2, "It was a tough night for all of us,", "Lee");
	quote_is(f, 3, "We are confident about the deal,", "a spokesman for the firm");
	assert_int_equal(f->q[3].name_end, 0); /* a phrase, not a name */
}

static void test_split_quote(void **state)
{
	fx *f = *state;
	f->text = "\"This is the first part,\" Smith said, \"and this is the second part.\"";
	mention(f, "Smith", 0, 1);
	run(f);
	/* two quotes with the same speaker */
	assert_int_equal(f->n, 2);
	quote_is(f, 0, "This is the first part,", "Smith");
	quote_is(f, 1, "and this is the second part.", "Smith");
	assert_int_equal(f->q[1].entity, 1);
}

static void test_continued_paragraph(void **state)
{
	fx *f = *state;
	f->text = "\"We are very pleased with the figures,\" a BBC spokesman said. "
		  "\"It shows viewers enjoyed the story.\n\n"
		  "\"And we will do it again next year.\"\n\n"
		  "Ratings fell later.";
	run(f);
	assert_int_equal(f->n, 3);
	quote_is(f, 0, "We are very pleased with the figures,", "a BBC spokesman");
	quote_is(f, 1, "It shows viewers enjoyed the story.", "a BBC spokesman");
	assert_int_equal(f->q[1].how, SR_QUOTE_INHERIT);
	quote_is(f, 2, "And we will do it again next year.", "a BBC spokesman");
	assert_int_equal(f->q[2].how, SR_QUOTE_INHERIT);
}

static void test_nested_single(void **state)
{
	fx *f = *state;
	f->text = "\xe2\x80\x9cHe told me \xe2\x80\x98never again\xe2\x80\x99 and walked "
		  "out of the room,\xe2\x80\x9d Jones said.\n\n"
		  "\"They called it 'the deal of the century' at the time,\" Brown said.";
	run(f);
	assert_int_equal(f->n, 2);
	quote_is(f, 0, "He told me \xe2\x80\x98never again\xe2\x80\x99 and walked out of the room,",
		 "Jones");
	quote_is(f, 1, "They called it 'the deal of the century' at the time,", "Brown");
}

static void test_pronoun_resolved(void **state)
{
	fx *f = *state;
	f->text = "Foreign minister Ayman Safadi arrived in Amman on Sunday.\n\n"
		  "\"We will keep working for a ceasefire,\" he said.";
	mention(f, "Ayman Safadi", 0, 7);
	run(f);
	assert_int_equal(f->n, 1);
	quote_is(f, 0, "We will keep working for a ceasefire,", "he");
	assert_int_equal(f->q[0].resolved_pronoun, 1);
	assert_int_equal(f->q[0].entity, 7);
	span_is(f, f->q[0].name_start, f->q[0].name_end, "Ayman Safadi");
}

static void test_pronoun_previous_speaker(void **state)
{
	fx *f = *state;
	/* the previous quote's speaker, no one else mentioned since */
	f->text = "\"The figures are good,\" Mr Hale said. Exports grew in March. \"We expect more "
		  "of the same,\" he added.";
	run(f);
	assert_int_equal(f->n, 2);
	quote_is(f, 1, "We expect more of the same,", "he");
	assert_int_equal(f->q[1].resolved_pronoun, 1);
	span_is(f, f->q[1].name_start, f->q[1].name_end, "Mr Hale");
}

static void test_pronoun_subject_rule(void **state)
{
	fx *f = *state;
	/* two people in the last sentence: the one standing as its subject */
	f->text = "Through her lawyer Rich Nichols, Marion Jones repeated her innocence.\n\n"
		  "\"The allegations are not true at all,\" she said.";
	mention(f, "Rich Nichols", 0, 0);
	mention(f, "Marion Jones", 0, 1);
	run(f);
	assert_int_equal(f->n, 1);
	assert_int_equal(f->q[0].entity, 1);
	assert_int_equal(f->q[0].resolved_pronoun, 1);
}

static void test_pronoun_ambiguous(void **state)
{
	fx *f = *state;
	f->text = "Talks between Smith and Jones ended in Geneva.\n\n"
		  "\"We made real progress today,\" he said.";
	mention(f, "Smith", 0, 0);
	mention(f, "Jones", 0, 1);
	run(f);
	assert_int_equal(f->n, 1);
	quote_is(f, 0, "We made real progress today,", "he");
	assert_int_equal(f->q[0].resolved_pronoun, 0);
	assert_int_equal(f->q[0].entity, -1);
	assert_int_equal(f->q[0].name_end, 0);

	/* plural pronouns are never resolved */
	fx *g = f;
	g->text = "Smith and Jones met.\n\n\"We made real progress today,\" they said.";
	g->npm = 0;
	mention(g, "Smith", 0, 0);
	run(g);
	quote_is(g, 0, "We made real progress today,", "they");
	assert_int_equal(g->q[0].entity, -1);
}

static void test_scare_quotes_rejected(void **state)
{
	fx *f = *state;
	f->text = "The minister called the plan \"a disaster\" on Monday. Critics said the "
		  "\"reform\" was cosmetic, and the opposition spoke of \"stealth taxes\".";
	run(f);
	assert_int_equal(f->n, 0);

	/* a short quote that is a whole utterance is kept */
	fx *g = f;
	g->text = "Asked whether he would resign, Smith said: \"No.\"\n\n\"Never,\" he added.";
	run(g);
	assert_int_equal(g->n, 2);
	quote_is(g, 0, "No.", "Smith");
	quote_is(g, 1, "Never,", "he");
}

static void test_titles_of_works_rejected(void **state)
{
	fx *f = *state;
	f->text = "Box-office flops such as \"The Lord Of The Rings\" and \"Alexander\" hurt "
		  "profits, analysts said. He starred in \"Gone With The Wind Again\" last year.";
	run(f);
	assert_int_equal(f->n, 0);

	/* a title with American punctuation inside, in the middle of a sentence */
	f->text = "She recalled that shooting began on Tarantino's \"Kill Bill: Vol. 1,\" which "
		  "came out in 2003.";
	run(f);
	assert_int_equal(f->n, 0);
}

static void test_no_clause_as_speaker(void **state)
{
	fx *f = *state;
	/* the words after a verb are a speaker only when they are one ("said the minister") */
	f->text = "The leader boasted of his \"shining victory\" and vowed that his final goal is "
		  "\"equilibrium of real force with the US\".";
	run(f);
	assert_int_equal(f->n, 1);
	assert_int_equal(f->q[0].how, SR_QUOTE_NONE);
	assert_int_equal(f->q[0].speaker_end, 0);

	/* nor is a verb phrase before one ("also was quoted as saying") */
	f->text = "Thurman also was quoted as saying \"the car was not safe and I knew it then\".";
	run(f);
	assert_int_equal(f->n, 1);
	assert_int_equal(f->q[0].speaker_end, 0);
}

static void test_french_and_arabic(void **state)
{
	fx *f = *state;
	f->text = "\xc2\xab\xc2\xa0Nous allons continuer les n\xc3\xa9gociations"
		  "\xc2\xa0\xc2\xbb, a d\xc3\xa9" "clar\xc3\xa9 le ministre.";
	run(f);
	assert_int_equal(f->n, 1);
	quote_is(f, 0, "Nous allons continuer les n\xc3\xa9gociations", "le ministre");

	fx *g = f;
	/* وقال الوزير: «سنواصل العمل من أجل السلام» */
	g->text = "\xd9\x88\xd9\x82\xd8\xa7\xd9\x84 "
		  "\xd8\xa7\xd9\x84\xd9\x88\xd8\xb2\xd9\x8a\xd8\xb1: "
		  "\xc2\xab\xd8\xb3\xd9\x86\xd9\x88\xd8\xa7\xd8\xb5\xd9\x84 "
		  "\xd8\xa7\xd9\x84\xd8\xb9\xd9\x85\xd9\x84 \xd9\x85\xd9\x86 "
		  "\xd8\xa3\xd8\xac\xd9\x84 \xd8\xa7\xd9\x84\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85"
		  "\xc2\xbb";
	g->npm = 0;
	run(g);
	assert_int_equal(g->n, 1);
	span_is(g, g->q[0].speaker_start, g->q[0].speaker_end,
		"\xd8\xa7\xd9\x84\xd9\x88\xd8\xb2\xd9\x8a\xd8\xb1");
	assert_int_equal(g->q[0].how, SR_QUOTE_BEFORE);
}

static void test_new_sentence_is_not_attribution(void **state)
{
	fx *f = *state;
	f->text = "Mr Adams said: \"I am quite clear that nothing has changed here.\" He said the "
		  "firm would decide.";
	run(f);
	assert_int_equal(f->n, 1);
	quote_is(f, 0, "I am quite clear that nothing has changed here.", "Mr Adams");
}

static void test_unbalanced(void **state)
{
	fx *f = *state;
	static const char *const inputs[] = {
		"\"", "\"\"", "\xe2\x80\x9d stray close", "\xc2\xab", "\xe2\x80", "\" said he",
		"He said \"", "a \"b \"c\" d\" e \"f", "\xc2\xbb\xc2\xab\xe2\x80\x9c\xe2\x80\x9e",
		"\n\n\"\n\n\"\n\n",
		"\"Unclosed quote that runs to the end of the paragraph, he said",
		"5'11\" tall and 12\" wide, he said \"this is fine with everyone here\"",
		"\xd9\x88\xd9\x82\xd8\xa7\xd9\x84:", ",,,\",\"said,\"", NULL
	};
	for (size_t i = 0; inputs[i]; i++) {
		fx *g = f;
		g->text = inputs[i];
		g->npm = 0;
		run(g);
		for (size_t j = 0; j < g->n; j++) {
			assert_true(g->q[j].start < g->q[j].end);
			assert_true(g->q[j].end <= strlen(inputs[i]));
			assert_true(g->q[j].speaker_start <= g->q[j].speaker_end);
			assert_true(g->q[j].speaker_end <= strlen(inputs[i]));
		}
	}
	/* an unclosed quote ends at its paragraph */
	f->text = "\"The first paragraph of a long quote goes on,\" Smith said. \"And on and on\n\n"
		  "Next paragraph.";
	run(f);
	assert_int_equal(f->n, 2);
	quote_is(f, 1, "And on and on", "Smith");
}

static void test_bad_arguments(void **state)
{
	fx *f = *state;
	sr_quote *q;
	size_t n;
	assert_int_equal(sr_quotes_find(NULL, 3, NULL, 0, &f->arena, &q, &n), SR_EINVAL);
	assert_int_equal(sr_quotes_find("abc", 3, NULL, 0, &f->arena, NULL, &n), SR_EINVAL);
	assert_int_equal(sr_quotes_find("", 0, NULL, 0, &f->arena, &q, &n), SR_OK);
	assert_int_equal(n, 0);
	assert_null(q);
	/* mentions out of order or out of range are ignored, not trusted */
	sr_person_mention pm[2] = { { 50, 60, 0 }, { 5, 500, 1 } };
	const char *t = "\"We will win the cup this season,\" Smith said.";
	assert_int_equal(sr_quotes_find(t, strlen(t), pm, 2, &f->arena, &q, &n), SR_OK);
	assert_int_equal(n, 1);
	/* an arena too small: SR_ENOMEM, not a crash */
	sr_arena tiny;
	sr_arena_init(&tiny, 16);
	assert_int_equal(sr_quotes_find(t, strlen(t), NULL, 0, &tiny, &q, &n), SR_ENOMEM);
	sr_arena_release(&tiny);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_after_said, setup, teardown),
		cmocka_unit_test_setup_teardown(test_before_colon, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inverted_with_title, setup, teardown),
		cmocka_unit_test_setup_teardown(test_title_apart, setup, teardown),
		cmocka_unit_test_setup_teardown(test_added_no_comma, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verbs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_split_quote, setup, teardown),
		cmocka_unit_test_setup_teardown(test_continued_paragraph, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nested_single, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pronoun_resolved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pronoun_previous_speaker, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pronoun_subject_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pronoun_ambiguous, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scare_quotes_rejected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_titles_of_works_rejected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_clause_as_speaker, setup, teardown),
		cmocka_unit_test_setup_teardown(test_french_and_arabic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_sentence_is_not_attribution, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_unbalanced, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_arguments, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
