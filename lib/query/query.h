/*
 * query.h - the query language, parsed and compiled to an FTS5 expression.
 *
 * Grammar (one line; AND is implied between juxtaposed items):
 *   query   := or
 *   or      := and ("OR" and)*
 *   and     := unary (["AND"] unary)*
 *   unary   := "NOT" unary | "-" primary | primary
 *   primary := "(" or ")" | field ":" primary | "\"" phrase "\"" | term ["*"]
 *   field   := "title" | "body"
 * Operators are upper case (lower-case "and"/"or"/"not" are ordinary words).  A word
 * followed by ':' that is not a known field is an ordinary term ("10:30").  Exclusions
 * need something positive beside them ("nato -russia", not "-russia").
 *
 * The compiled FTS5 expression quotes every term and phrase, so no user input can reach
 * FTS5's own syntax; the sitrep tokenizer normalises the terms (case, diacritics,
 * stemming) exactly as it normalised the indexed text.
 */
#ifndef SR_QUERY_H
#define SR_QUERY_H

#include <stddef.h>

#include "base/buf.h"

#define SR_QUERY_MAX 4096 /* bytes of query text accepted */

typedef struct sr_query_error {
	int column;        /* 1-based character column where parsing failed, 0 if none */
	char message[160]; /* what was expected or found */
} sr_query_error;

/* Compile q into an FTS5 MATCH expression appended to out.  Returns SR_OK, or SR_EPARSE
 * with err filled (column and message), or SR_ETOOBIG / SR_ENOMEM. */
int sr_query_to_fts(const char *q, sr_buf *out, sr_query_error *err);

#endif
