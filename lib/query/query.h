/*
 * query.h - the query language, parsed and compiled to an FTS5 expression.
 *
 * Grammar (one line; AND is implied between juxtaposed items):
 *   query   := or
 *   or      := and ("OR" and)*
 *   and     := unary (["AND"] unary)*
 *   unary   := "NOT" unary | "-" primary | primary
 *   primary := "(" or ")" | field ":" primary | filter ":" value | near
 *   near    := operand (near_op operand)*            (one distance per chain)
 *   near_op := "NEAR" | "NEAR/" digits               (default 10, at most 1000)
 *   operand := "\"" phrase "\"" | term ["*"]
 *   field   := "title" | "body"
 *   filter  := "source" | "lang" | "since" | "until" | "story" | "tag" | "person" | "org" |
 *              "place"
 *   value   := term | "\"" phrase "\""
 * Operators are upper case (lower-case "and"/"or"/"not"/"near" are ordinary words).
 * "a NEAR/5 b" matches when at most 5 tokens stand between the end of one and the start of
 * the other, in either order, within one field: FTS5's NEAR("a" "b", 5); a chain of three
 * or more puts every operand in one group (the percolator implements the same rule).  A word
 * followed by ':' that is not a known field is an ordinary term ("10:30").  Exclusions
 * need something positive beside them ("nato -russia", not "-russia").
 *
 * Filters narrow the whole query and are kept apart from the full-text expression:
 *   source:NAME   the outlet: its site name or its host ("Amman Ledger", ledger.example)
 *   lang:CODE     the article's language (en, ar, fr, ...)
 *   since:WHEN    published (else fetched) at or after WHEN: 2026-11-20, 2026-11-20T08:00Z,
 *   until:WHEN    or a span back from now: 30m, 24h, 7d, 2w
 *   story:ID      in story ID
 *   tag:NAME      carrying this tag
 *   person:NAME   mentioning this person ("Jens Stoltenberg", or a surname); also org:
 *   org:NAME      and place: (case and accents do not matter)
 *   place:NAME
 * They stand at the top level, AND-ed with the rest (not inside parentheses, not after
 * OR, not negated); a query may be filters only ("since:24h source:ledger.example").
 *
 * The compiled FTS5 expression quotes every term and phrase, so no user input can reach
 * FTS5's own syntax; the sitrep tokenizer normalises the terms (case, diacritics,
 * stemming) exactly as it normalised the indexed text.
 */
#ifndef SR_QUERY_H
#define SR_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

#define SR_QUERY_MAX 4096 /* bytes of query text accepted */

typedef struct sr_query_error {
	int column;        /* 1-based character column where parsing failed, 0 if none */
	char message[160]; /* what was expected or found */
} sr_query_error;

typedef enum sr_qfilter_kind {
	SR_QF_SOURCE,
	SR_QF_LANG,
	SR_QF_SINCE,
	SR_QF_UNTIL,
	SR_QF_STORY,
	SR_QF_TAG,
	SR_QF_PERSON,
	SR_QF_ORG,
	SR_QF_PLACE,
} sr_qfilter_kind;

#define SR_QUERY_MAX_FILTERS 16

typedef struct sr_qfilter {
	sr_qfilter_kind kind;
	char text[256];     /* the value as written (source, lang, tag) */
	int64_t num;        /* unix seconds (since, until) or the story id */
} sr_qfilter;

typedef struct sr_query {
	sr_buf fts;         /* the FTS5 expression; empty when the query is filters only */
	sr_qfilter filters[SR_QUERY_MAX_FILTERS];
	int n_filters;
} sr_query;

/* Compile q; now (unix seconds) anchors relative spans.  out is initialised here and must
 * be released with sr_query_release whatever the result.  SR_OK, SR_EPARSE with err filled
 * (column and message), SR_ETOOBIG or SR_ENOMEM. */
int sr_query_compile(const char *q, int64_t now, sr_query *out, sr_query_error *err);
void sr_query_release(sr_query *q);

/* Compile q into an FTS5 MATCH expression appended to out (filters are refused: this is
 * for callers that only search the text).  Returns SR_OK, or SR_EPARSE with err filled
 * (column and message), or SR_ETOOBIG / SR_ENOMEM. */
int sr_query_to_fts(const char *q, sr_buf *out, sr_query_error *err);

#endif
