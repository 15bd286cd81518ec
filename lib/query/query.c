#include "query/query.h"
#include "base/err.h"
#include "base/isotime.h"
#include "base/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The parser writes FTS5 text directly while descending; an AND level collects its
 * positive and negative parts separately because FTS5's NOT is binary ("a NOT b"). */

typedef struct parser {
	const char *q;
	size_t n, pos;
	sr_query_error *err;
	int rc;
	int depth;
	int in_field; /* inside field:..., where another field may not start */
	int negated;  /* parsing the operand of - or NOT */
	int or_parts; /* parts of the top-level OR so far */
	size_t first_filter_pos;
	sr_query *query; /* where filters go; NULL refuses them */
	int64_t now;
	int emitted;  /* the last primary emitted FTS text (0 for a filter) */
} parser;

static int column_of(const parser *p, size_t pos)
{
	int col = 1;
	for (size_t i = 0; i < pos && i < p->n;) {
		int32_t cp;
		i += sr_utf8_decode(p->q + i, p->n - i, &cp);
		col++;
	}
	return col;
}

static void fail(parser *p, size_t pos, const char *msg)
{
	if (p->rc)
		return;
	p->rc = SR_EPARSE;
	p->err->column = column_of(p, pos);
	snprintf(p->err->message, sizeof(p->err->message), "%s", msg);
}

static void skip_ws(parser *p)
{
	while (p->pos < p->n && (p->q[p->pos] == ' ' || p->q[p->pos] == '\t' || p->q[p->pos] == '\n' ||
				 p->q[p->pos] == '\r'))
		p->pos++;
}

static int is_term_char(char c)
{
	return c && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '(' && c != ')' && c != '"';
}

/* Is the upcoming word exactly kw (followed by a separator)? */
static int at_keyword(parser *p, const char *kw)
{
	size_t k = strlen(kw);
	if (p->n - p->pos < k || memcmp(p->q + p->pos, kw, k) != 0)
		return 0;
	return p->pos + k == p->n || !is_term_char(p->q[p->pos + k]);
}

#define NEAR_DEFAULT 10  /* FTS5's default distance */
#define NEAR_MAX 1000
#define NEAR_OPERANDS_MAX 64 /* the percolator's limit too */

/* At "NEAR" or "NEAR/n" (followed by a separator)?  Returns the operator's length with the
 * distance in *dist, 0 when it is not there, or (size_t)-1 after failing on a malformed
 * distance. */
static size_t at_near(parser *p, int *dist)
{
	if (p->n - p->pos < 4 || memcmp(p->q + p->pos, "NEAR", 4) != 0)
		return 0;
	size_t i = p->pos + 4;
	if (i == p->n || !is_term_char(p->q[i])) {
		*dist = NEAR_DEFAULT;
		return 4;
	}
	if (p->q[i] != '/')
		return 0; /* a word that starts with NEAR */
	size_t d0 = ++i;
	long v = 0;
	while (i < p->n && p->q[i] >= '0' && p->q[i] <= '9' && v <= NEAR_MAX)
		v = v * 10 + (p->q[i++] - '0');
	if (i == d0 || (i < p->n && is_term_char(p->q[i])) || v > NEAR_MAX) {
		fail(p, d0, "expected a distance from 0 to 1000 after NEAR/ (NEAR/5)");
		return (size_t)-1;
	}
	*dist = (int)v;
	return i - p->pos;
}

static void emit_quoted(parser *p, sr_buf *out, const char *s, size_t n)
{
	if (p->rc)
		return;
	int rc = sr_buf_putc(out, '"');
	for (size_t i = 0; !rc && i < n; i++)
		rc = s[i] == '"' ? sr_buf_append(out, "\"\"", 2) : sr_buf_putc(out, s[i]);
	if (!rc)
		rc = sr_buf_putc(out, '"');
	if (rc)
		p->rc = rc;
}

static void emit(parser *p, sr_buf *out, const char *s)
{
	if (!p->rc) {
		int rc = sr_buf_puts(out, s);
		if (rc)
			p->rc = rc;
	}
}

static void emit_buf(parser *p, sr_buf *out, const sr_buf *b)
{
	if (!p->rc) {
		int rc = sr_buf_append(out, b->data ? b->data : "", b->len);
		if (rc)
			p->rc = rc;
	}
}

static void parse_or(parser *p, sr_buf *out);

static const struct {
	const char *name;
	int kind; /* an sr_qfilter_kind, or -1 for a field not available yet */
} filters[] = {
	{"source", SR_QF_SOURCE}, {"lang", SR_QF_LANG}, {"since", SR_QF_SINCE},
	{"until", SR_QF_UNTIL},   {"story", SR_QF_STORY}, {"tag", SR_QF_TAG},
	{"person", SR_QF_PERSON}, {"org", SR_QF_ORG},   {"place", SR_QF_PLACE},
};

/* A filter at p->pos (after "name:")?  Returns 1 when the text was a filter (recorded, or
 * refused with an error), 0 when name is no filter's name. */
static int parse_filter(parser *p, const char *name, size_t nlen, size_t start)
{
	int kind = -2;
	for (size_t i = 0; i < sizeof(filters) / sizeof(filters[0]); i++)
		if (strlen(filters[i].name) == nlen && !memcmp(filters[i].name, name, nlen))
			kind = filters[i].kind;
	if (kind == -2)
		return 0;
	p->emitted = 0;
	if (kind == -1) {
		fail(p, start, "person:, org: and place: need entities, which are not extracted yet");
		return 1;
	}
	if (!p->query) {
		fail(p, start, "filters are not available here");
		return 1;
	}
	if (p->depth > 0 || p->negated || p->in_field || p->or_parts > 0) {
		fail(p, start, "a filter applies to the whole query: put it at the top level, "
			       "outside parentheses, OR and negation");
		return 1;
	}
	p->pos++; /* the ':' */
	size_t vstart = p->pos, vend;
	if (p->pos < p->n && p->q[p->pos] == '"') {
		vstart = ++p->pos;
		while (p->pos < p->n && p->q[p->pos] != '"')
			p->pos++;
		if (p->pos >= p->n) {
			fail(p, vstart - 1, "unterminated phrase: missing closing '\"'");
			return 1;
		}
		vend = p->pos++;
	} else {
		while (p->pos < p->n && is_term_char(p->q[p->pos]))
			p->pos++;
		vend = p->pos;
	}
	size_t vlen = vend - vstart;
	if (vlen == 0) {
		fail(p, vstart, "expected a value after the filter name");
		return 1;
	}
	sr_query *q = p->query;
	if (q->n_filters >= SR_QUERY_MAX_FILTERS) {
		fail(p, start, "too many filters");
		return 1;
	}
	sr_qfilter *f = &q->filters[q->n_filters];
	memset(f, 0, sizeof(*f));
	f->kind = (sr_qfilter_kind)kind;
	if (vlen >= sizeof(f->text)) {
		fail(p, vstart, "filter value too long");
		return 1;
	}
	memcpy(f->text, p->q + vstart, vlen);
	f->text[vlen] = '\0';
	if (kind == SR_QF_SINCE || kind == SR_QF_UNTIL) {
		int64_t span = sr_span_parse(f->text), t;
		if (span >= 0)
			f->num = p->now - span;
		else if (sr_iso_parse(f->text, &t) == 0)
			f->num = t + (kind == SR_QF_UNTIL && vlen == 10 ? 86399 : 0); /* a day until its end */
		else {
			fail(p, vstart, "expected a date (2026-11-20) or a span back from now (30m, 24h, 7d, 2w)");
			return 1;
		}
	} else if (kind == SR_QF_STORY) {
		char *end;
		long long v = strtoll(f->text, &end, 10);
		if (*end || v <= 0) {
			fail(p, vstart, "expected a story id (a number)");
			return 1;
		}
		f->num = v;
	} else if (kind == SR_QF_LANG) {
		for (size_t i = 0; i < vlen; i++)
			if (!((f->text[i] >= 'a' && f->text[i] <= 'z') || (f->text[i] >= 'A' && f->text[i] <= 'Z') ||
			      f->text[i] == '-') || vlen > 8) {
				fail(p, vstart, "expected a language code (en, ar, fr, ...)");
				return 1;
			}
	}
	if (!q->n_filters)
		p->first_filter_pos = start;
	q->n_filters++;
	return 1;
}

/* The "phrase" at p->pos (its opening quote): its text is q[*start, *end), p->pos moves past
 * the closing quote.  0 after failing on an unterminated or empty phrase. */
static int scan_phrase(parser *p, size_t *start, size_t *end)
{
	*start = ++p->pos;
	while (p->pos < p->n && p->q[p->pos] != '"')
		p->pos++;
	if (p->pos >= p->n) {
		fail(p, *start - 1, "unterminated phrase: missing closing '\"'");
		return 0;
	}
	*end = p->pos++;
	if (*end == *start) {
		fail(p, *start - 1, "empty phrase");
		return 0;
	}
	return 1;
}

/* A term (prefix* allowed) or a "phrase" at p->pos, as an FTS5 phrase: the operands of
 * NEAR.  Fails when something else is there. */
static void parse_near_operand(parser *p, sr_buf *out)
{
	skip_ws(p);
	if (p->rc)
		return;
	if (p->pos >= p->n) {
		fail(p, p->pos, "expected a term or a \"phrase\" after NEAR but the query ended");
		return;
	}
	size_t start = p->pos, end;
	if (p->q[p->pos] == '"') {
		if (scan_phrase(p, &start, &end))
			emit_quoted(p, out, p->q + start, end - start);
		return;
	}
	int dist;
	if (at_keyword(p, "NOT") || at_keyword(p, "AND") || at_keyword(p, "OR") || at_near(p, &dist)) {
		if (!p->rc)
			fail(p, start, "expected a term or a \"phrase\" after NEAR");
		return;
	}
	while (p->pos < p->n && is_term_char(p->q[p->pos]))
		p->pos++;
	end = p->pos;
	if (end == start || memchr(p->q + start, ':', end - start)) {
		fail(p, start, "NEAR joins terms and \"phrases\" (not fields, filters or parentheses)");
		return;
	}
	int prefix = p->q[end - 1] == '*';
	if (prefix && --end == start) {
		fail(p, start, "expected a term before '*'");
		return;
	}
	emit_quoted(p, out, p->q + start, end - start);
	if (prefix)
		emit(p, out, " *");
}

/* After a term or phrase, now in `first`: a NEAR chain ("a NEAR/5 b NEAR/5 "c d"") becomes
 * one FTS5 group NEAR("a" "b" "c d", 5); otherwise first is written as it is. */
static void near_tail(parser *p, sr_buf *out, const sr_buf *first)
{
	size_t save = p->pos;
	skip_ws(p);
	int dist = 0;
	size_t k = at_near(p, &dist);
	if (k == (size_t)-1)
		return;
	if (k == 0) {
		p->pos = save;
		emit_buf(p, out, first);
		return;
	}
	sr_buf group;
	sr_buf_init(&group, SR_QUERY_MAX * 4);
	emit(p, &group, "NEAR(");
	emit_buf(p, &group, first);
	int operands = 1;
	while (k && !p->rc) {
		if (++operands > NEAR_OPERANDS_MAX) {
			fail(p, p->pos, "too many operands in one NEAR chain (64 at most)");
			break;
		}
		p->pos += k;
		emit(p, &group, " ");
		parse_near_operand(p, &group);
		if (p->rc)
			break;
		save = p->pos;
		skip_ws(p);
		int d2 = dist;
		k = at_near(p, &d2);
		if (k == (size_t)-1)
			break;
		if (k && d2 != dist) {
			fail(p, p->pos, "one NEAR chain takes one distance: use the same n, or AND two chains");
			break;
		}
		if (!k)
			p->pos = save;
	}
	if (!p->rc) {
		char tail[32];
		snprintf(tail, sizeof(tail), ", %d)", dist);
		emit(p, &group, tail);
		emit_buf(p, out, &group);
	}
	sr_buf_release(&group);
}

/* primary: writes one FTS5 operand to out. */
static void parse_primary(parser *p, sr_buf *out)
{
	skip_ws(p);
	if (p->rc)
		return;
	p->emitted = 1;
	if (p->pos >= p->n) {
		fail(p, p->pos, "expected a term, a \"phrase\" or '(' but the query ended");
		return;
	}
	char c = p->q[p->pos];
	if (c == '(') {
		size_t open = p->pos++;
		if (++p->depth > 32) {
			fail(p, open, "parentheses nested too deeply");
			return;
		}
		emit(p, out, "(");
		parse_or(p, out);
		skip_ws(p);
		if (!p->rc && (p->pos >= p->n || p->q[p->pos] != ')')) {
			fail(p, p->pos, "expected ')' to close the '(' opened here");
			if (p->err->column)
				snprintf(p->err->message, sizeof(p->err->message),
					 "expected ')' to close the '(' at column %d", column_of(p, open));
			return;
		}
		p->pos++;
		p->depth--;
		emit(p, out, ")");
		return;
	}
	if (c == ')') {
		fail(p, p->pos, "unexpected ')'");
		return;
	}
	if (c == '"') {
		size_t start, end;
		if (!scan_phrase(p, &start, &end))
			return;
		sr_buf first;
		sr_buf_init(&first, SR_QUERY_MAX * 4);
		emit_quoted(p, &first, p->q + start, end - start);
		near_tail(p, out, &first);
		sr_buf_release(&first);
		return;
	}
	size_t start = p->pos;
	while (p->pos < p->n && is_term_char(p->q[p->pos]) && p->q[p->pos] != ':')
		p->pos++;
	/* field:value */
	if (p->pos < p->n && p->q[p->pos] == ':') {
		size_t flen = p->pos - start;
		const char *f = p->q + start;
		if (parse_filter(p, f, flen, start))
			return;
		if ((flen == 5 && !memcmp(f, "title", 5)) || (flen == 4 && !memcmp(f, "body", 4))) {
			p->pos++;
			if (p->pos >= p->n || !(is_term_char(p->q[p->pos]) || p->q[p->pos] == '"' ||
						p->q[p->pos] == '(')) {
				fail(p, p->pos, "expected a term after the field name");
				return;
			}
			if (p->in_field) {
				fail(p, start, "a field cannot be nested inside another field");
				return;
			}
			emit(p, out, flen == 5 ? "{title} : " : "{body} : ");
			p->in_field = 1;
			parse_primary(p, out);
			p->in_field = 0;
			return;
		}
		/* not a field: the colon is part of the term */
		while (p->pos < p->n && is_term_char(p->q[p->pos]))
			p->pos++;
	}
	size_t end = p->pos;
	int prefix = 0;
	if (end > start && p->q[end - 1] == '*') {
		prefix = 1;
		end--;
	}
	if (end == start) {
		fail(p, start, "expected a term before '*'");
		return;
	}
	sr_buf first;
	sr_buf_init(&first, SR_QUERY_MAX * 4);
	emit_quoted(p, &first, p->q + start, end - start);
	if (prefix)
		emit(p, &first, " *");
	near_tail(p, out, &first);
	sr_buf_release(&first);
}

/* unary: sets *neg when the operand is an exclusion ("-x" or "NOT x"). */
static void parse_unary(parser *p, sr_buf *out, int *neg)
{
	skip_ws(p);
	*neg = 0;
	if (at_keyword(p, "NOT")) {
		p->pos += 3;
		int inner;
		sr_buf tmp;
		sr_buf_init(&tmp, SR_QUERY_MAX * 4);
		p->negated++;
		parse_unary(p, &tmp, &inner);
		p->negated--;
		if (inner && !p->rc)
			fail(p, p->pos, "double negation is not supported");
		emit_buf(p, out, &tmp);
		sr_buf_release(&tmp);
		*neg = 1;
		return;
	}
	if (p->pos < p->n && p->q[p->pos] == '-' && p->pos + 1 < p->n &&
	    (is_term_char(p->q[p->pos + 1]) || p->q[p->pos + 1] == '"' || p->q[p->pos + 1] == '(')) {
		p->pos++;
		*neg = 1;
		p->negated++;
		parse_primary(p, out);
		p->negated--;
		return;
	}
	parse_primary(p, out);
}

static int at_and_end(parser *p)
{
	skip_ws(p);
	return p->pos >= p->n || p->q[p->pos] == ')' || at_keyword(p, "OR");
}

static void parse_and(parser *p, sr_buf *out)
{
	sr_buf pos, neg, item;
	sr_buf_init(&pos, SR_QUERY_MAX * 4);
	sr_buf_init(&neg, SR_QUERY_MAX * 4);
	sr_buf_init(&item, SR_QUERY_MAX * 4);
	size_t start = p->pos;
	int n_pos = 0;
	for (;;) {
		if (at_and_end(p)) {
			fail(p, p->pos, p->pos >= p->n ? "expected a term but the query ended"
						      : "expected a term");
			break;
		}
		if (at_keyword(p, "AND")) {
			fail(p, p->pos, "AND needs a term on its left");
			break;
		}
		int is_neg;
		sr_buf_reset(&item);
		parse_unary(p, &item, &is_neg);
		if (p->rc)
			break;
		if (!p->emitted) {
			/* a filter: nothing for FTS5 */
		} else if (is_neg) {
			emit(p, &neg, " NOT ");
			emit_buf(p, &neg, &item);
		} else {
			if (n_pos++)
				emit(p, &pos, " AND ");
			emit_buf(p, &pos, &item);
		}
		if (at_and_end(p))
			break;
		if (at_keyword(p, "AND")) {
			p->pos += 3;
			if (at_and_end(p)) {
				fail(p, p->pos, "expected a term after AND");
				break;
			}
		}
	}
	if (!p->rc && n_pos == 0 && neg.len)
		fail(p, start, "a query cannot only exclude: add a term to search for");
	if (!p->rc) {
		if (neg.len) {
			emit(p, out, "(");
			emit_buf(p, out, &pos);
			emit(p, out, ")");
			emit_buf(p, out, &neg);
		} else {
			emit_buf(p, out, &pos);
		}
	}
	sr_buf_release(&pos);
	sr_buf_release(&neg);
	sr_buf_release(&item);
}

static void parse_or(parser *p, sr_buf *out)
{
	int first = 1;
	for (;;) {
		sr_buf part;
		sr_buf_init(&part, SR_QUERY_MAX * 4);
		int filters_before = p->query ? p->query->n_filters : 0;
		parse_and(p, &part);
		if (!p->rc && !part.len && !first)
			fail(p, p->pos, "a filter applies to the whole query: put it at the top level, "
					"outside parentheses, OR and negation");
		if (part.len) {
			if (!first)
				emit(p, out, " OR ");
			emit(p, out, "(");
			emit_buf(p, out, &part);
			emit(p, out, ")");
			first = 0;
		}
		sr_buf_release(&part);
		if (p->rc)
			return;
		skip_ws(p);
		if (!at_keyword(p, "OR"))
			return;
		if (p->depth == 0 && p->query && p->query->n_filters > 0) {
			/* a filter before a top-level OR: it would not apply to the whole query */
			(void)filters_before;
			fail(p, p->first_filter_pos,
			     "a filter applies to the whole query: put it at the top level, "
			     "outside parentheses, OR and negation");
			return;
		}
		if (p->depth == 0)
			p->or_parts++;
		p->pos += 2;
		skip_ws(p);
		if (p->pos >= p->n || p->q[p->pos] == ')') {
			fail(p, p->pos, "expected a term after OR");
			return;
		}
	}
}

static int compile(const char *q, int64_t now, sr_query *query, sr_buf *out, sr_query_error *err)
{
	parser p = {.q = q, .n = strlen(q), .err = err, .query = query, .now = now};
	err->column = 0;
	err->message[0] = '\0';
	if (p.n > SR_QUERY_MAX) {
		p.err->column = SR_QUERY_MAX;
		snprintf(err->message, sizeof(err->message), "query longer than %d bytes", SR_QUERY_MAX);
		return SR_ETOOBIG;
	}
	size_t bad = sr_utf8_check(q, p.n);
	if (bad < p.n) {
		fail(&p, bad, "invalid UTF-8 in the query");
		return p.rc;
	}
	skip_ws(&p);
	if (p.pos >= p.n) {
		fail(&p, 0, "empty query");
		return p.rc;
	}
	parse_or(&p, out);
	skip_ws(&p);
	if (!p.rc && p.pos < p.n)
		fail(&p, p.pos, p.q[p.pos] == ')' ? "unexpected ')' with no '(' before it"
						  : "unexpected text");
	return p.rc;
}

int sr_query_to_fts(const char *q, sr_buf *out, sr_query_error *err)
{
	return compile(q, 0, NULL, out, err);
}

int sr_query_compile(const char *q, int64_t now, sr_query *out, sr_query_error *err)
{
	memset(out, 0, sizeof(*out));
	sr_buf_init(&out->fts, SR_QUERY_MAX * 8);
	return compile(q, now, out, &out->fts, err);
}

void sr_query_release(sr_query *q)
{
	sr_buf_release(&q->fts);
	q->n_filters = 0;
}
