/*
 * quotes.h - direct quotes in an article's body text, and who said them.
 *
 * Input: the body text (UTF-8, paragraphs ("blocks") separated by blank lines) and the person
 * mentions the NER tagger found in it.  Output: each direct quote's text span (without the
 * marks) and its speaker: the span naming the speaker where the attribution stands (a name, a
 * pronoun or a noun phrase such as "the minister"), the span of a name for that speaker (the
 * same name, or for a pronoun or an inherited attribution the earlier mention it stands for),
 * and the speaker's entity index.  docs/QUOTES.md gives the patterns and rules in full.
 *
 * Marks: straight "..." (paired within a paragraph), curly “...”, low „...“, guillemets «...»
 * (French and Arabic).  Single quotes are never primary quote marks: inside a double quote
 * they are part of the quoted text (nested quotes).  A quote still open at the end of its
 * paragraph ends there (news style opens each paragraph of a long quote again).
 *
 * Attribution, in this order: the clause after the closing mark (“…,” X said / “…,” said X,
 * the secretary-general / “…” X added / “…,” according to X), then the clause before the
 * opening mark (X said: “…” / X told the BBC: “…” / selon X, « … » / وقال الوزير: «…»), then
 * inheritance from the previous quote of the same or the previous paragraph when no other
 * person is mentioned in between (the second part of a split quote, “First,” X said,
 * “second.”, is a second quote with the same speaker).  Titles stand apart from names: with
 * "NATO secretary-general Jens Stoltenberg said" the speaker span is the mention "Jens
 * Stoltenberg" (or, without a mention, the capitalised name before the verb less leading title
 * words).  A pronoun speaker (he/she, il/elle) is resolved to the last named person when that
 * is unambiguous (see sr_quotes_find).  Rejected: quotes of 1-3 words that do not open a
 * sentence (or follow a colon) with an attribution (scare quotes), title-case phrases without
 * closing punctuation or of up to 6 words inside a sentence (titles of works), and unattributed
 * quotes of fewer than 4 words.
 *
 * Pure: no I/O, no globals; thread-safe given one arena per thread.
 */
#ifndef SR_QUOTES_H
#define SR_QUOTES_H

#include <stddef.h>

#include "base/arena.h"

/* A person mention given by the caller: bytes [start, end) of the text, and an entity index
 * (>= 0; the mentions of one person share it).  Sorted by start, not overlapping. */
typedef struct sr_person_mention {
	size_t start, end;
	int entity;
} sr_person_mention;

/* How a quote got its speaker. */
enum {
	SR_QUOTE_NONE = 0,   /* no speaker found */
	SR_QUOTE_AFTER = 1,  /* attribution after the closing mark */
	SR_QUOTE_BEFORE = 2, /* attribution before the opening mark */
	SR_QUOTE_INHERIT = 3 /* same speaker as the previous quote (split or continued quote) */
};

typedef struct sr_quote {
	size_t start, end;                 /* the quoted text, without the marks (trimmed) */
	size_t speaker_start, speaker_end; /* the span naming the speaker at the attribution: a
					    * name, a pronoun, or a phrase ("the minister");
					    * for an inherited speaker, the previous quote's;
					    * 0,0 when none */
	size_t name_start, name_end;       /* a name for the speaker: the speaker span when it is
					    * a name, the antecedent mention for a resolved
					    * pronoun; 0,0 when none (unresolved pronoun, "the
					    * company") */
	int entity;                        /* the speaker's entity index, or -1 */
	int resolved_pronoun;              /* 1 when the speaker span is a pronoun resolved to
					    * name/entity */
	int how;                           /* SR_QUOTE_NONE .. SR_QUOTE_INHERIT */
} sr_quote;

/* Find the direct quotes of text[0..len) and attribute each to its speaker.
 *
 * pm[0..npm) are the person mentions (sorted by start; NULL when npm == 0); mentions out of
 * range or out of order are ignored.  *out receives an array of *n quotes in text order,
 * allocated from arena (NULL when *n == 0); it lives as long as the arena.
 *
 * Pronoun rule: "he/she (said)" and "il/elle" resolve (1) to the previous quote's named
 * speaker when no mention of another person stands between that speaker's name and the
 * pronoun, else (2) to the entity of the last person mention before the pronoun (outside
 * quotes) when it lies in the pronoun's paragraph or the two before it and no other person
 * is mentioned in that mention's sentence.  "they", "we" and pronouns that fail the rule
 * keep the pronoun as speaker span with entity -1 and no name.
 *
 * Linear in len (each attribution looks at most 400 bytes either side of its quote).
 * SR_OK, SR_EINVAL (NULL text with len > 0, NULL out or n), SR_ENOMEM (arena exhausted). */
int sr_quotes_find(const char *text, size_t len, const sr_person_mention *pm, size_t npm,
		   sr_arena *arena, sr_quote **out, size_t *n);

#endif
