/*
 * text.c - text-mode extraction (see text.h and docs/EXTRACTION.md).
 */
#include "extract/text.h"

#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "extract/clean.h"
#include "extract/date.h"

#define MAX_AUTHORS 16

typedef struct line {
	const char *s;
	size_t n;
} line;

static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* A byline: a short line that starts with a byline word. */
static int byline(sr_arena *a, const char *s, size_t n, sr_article *art)
{
	static const char *const pre[] = {"by ", "von ", "par ", "por ", "written by ",
					  "posted by ", "autor: ", "author: ", "بقلم", NULL};
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	if (n == 0 || n > 120)
		return 0;
	for (int i = 0; pre[i]; i++) {
		if (!sr_clean_iprefix(s, pre[i]))
			continue;
		const char *names[MAX_AUTHORS];
		size_t cnt = 0;
		sr_clean_authors(a, s, n, names, &cnt, MAX_AUTHORS, 1);
		if (cnt == 0)
			return 0;
		const char **v = sr_arena_alloc(a, cnt * sizeof(*v));
		if (!v)
			return 0;
		memcpy(v, names, cnt * sizeof(*v));
		art->authors = v;
		art->n_authors = cnt;
		return 1;
	}
	return 0;
}

int sr_text_extract(const char *s, size_t n, sr_arena *a, sr_article *art)
{
	int rc = SR_OK;
	sr_buf out;
	sr_buf_init(&out, n + 16);
	/* blocks: paragraphs separated by blank lines; when the text has no blank line,
	 * every line is a block */
	int has_blank = 0;
	{
		const char *p = s, *e = s + n;
		int prev_blank = 0;
		while (p < e) {
			const char *q = memchr(p, '\n', (size_t)(e - p));
			if (!q)
				q = e;
			int b = is_blank(p, (size_t)(q - p));
			if (b && !prev_blank && p != s)
				has_blank = 1;
			prev_blank = b;
			p = q + 1;
		}
	}
	const char *p = s, *e = s + n;
	int nblk = 0;
	int in_par = 0;
	while (p < e) {
		const char *q = memchr(p, '\n', (size_t)(e - p));
		if (!q)
			q = e;
		size_t ln = (size_t)(q - p);
		if (is_blank(p, ln)) {
			in_par = 0;
			p = q + 1;
			continue;
		}
		char *t = sr_clean_space(a, p, ln);
		p = q + 1;
		if (!t)
			continue;
		size_t tl = strlen(t);
		if (nblk == 0 && !art->title && tl <= 250 && (has_blank || e - p > 0)) {
			art->title = t;
			nblk++;
			continue;
		}
		if (nblk <= 3 && !art->n_authors && byline(a, t, tl, art)) {
			nblk++;
			continue;
		}
		if (!art->published) {
			char iso[SR_DATE_MAX];
			size_t ds, de;
			if (tl < 60 && sr_date_find(t, tl, iso, &ds, &de) && de - ds + 8 >= tl) {
				art->published = sr_arena_strdup(a, iso);
				nblk++;
				continue;
			}
		}
		if (in_par && has_blank) {
			if ((rc = sr_buf_putc(&out, ' ')))
				goto out;
		} else if (out.len) {
			if ((rc = sr_buf_append(&out, "\n\n", 2)))
				goto out;
		}
		if ((rc = sr_buf_append(&out, t, tl)))
			goto out;
		in_par = 1;
		nblk++;
	}
	if (!art->published) {
		char iso[SR_DATE_MAX];
		if (sr_date_find(s, n > 2000 ? 2000 : n, iso, NULL, NULL))
			art->published = sr_arena_strdup(a, iso);
	}
	if (out.len == 0 && !art->title) {
		rc = SR_EEMPTY;
		goto out;
	}
	if (out.len) {
		art->text = sr_arena_strndup(a, out.data, out.len);
		if (!art->text)
			rc = SR_ENOMEM;
	}
out:
	sr_buf_release(&out);
	return rc;
}
