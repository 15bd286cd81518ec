/* atom.c - alerts as an Atom feed (see atom.h). */
#include "watch/atom.h"
#include "base/err.h"
#include "base/isotime.h"
#include "base/utf8.h"

#include <string.h>

int sr_atom_text(sr_buf *b, const char *s)
{
	if (!s)
		return SR_OK;
	size_t n = strlen(s);
	int rc = SR_OK;
	for (size_t i = 0; i < n && !rc;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) { /* the common case, byte by byte */
			i++;
			switch (c) {
			case '<': rc = sr_buf_puts(b, "&lt;"); break;
			case '>': rc = sr_buf_puts(b, "&gt;"); break;
			case '&': rc = sr_buf_puts(b, "&amp;"); break;
			case '"': rc = sr_buf_puts(b, "&quot;"); break;
			case '\r': rc = sr_buf_puts(b, "&#13;"); break;
			default:
				if (c >= 0x20 || c == '\n' || c == '\t')
					rc = sr_buf_putc(b, (char)c);
			}
			continue;
		}
		int32_t cp;
		size_t k = sr_utf8_decode(s + i, n - i, &cp);
		if (cp < 0 || cp == 0xFFFE || cp == 0xFFFF) {
			char rep[4];
			size_t m = sr_utf8_encode(SR_UTF8_REPLACEMENT, rep);
			rc = cp < 0 ? sr_buf_append(b, rep, m) : SR_OK; /* invalid: U+FFFD; non-characters: dropped */
		} else {
			rc = sr_buf_append(b, s + i, k);
		}
		i += k;
	}
	return rc;
}

void sr_atom_init(sr_atom *f, size_t max)
{
	memset(f, 0, sizeof(*f));
	sr_buf_init(&f->entries, max);
}

void sr_atom_release(sr_atom *f)
{
	sr_buf_release(&f->entries);
}

#define TRY(x) do { if (!rc) rc = (x); } while (0)

int sr_atom_add(sr_atom *f, const sr_alert *a)
{
	if (f->rc)
		return f->rc;
	sr_buf *b = &f->entries;
	size_t mark = b->len;
	char when[21];
	sr_iso_format(a->created, when);
	int rc = sr_buf_appendf(b, "<entry><id>urn:sitrep:alert:%lld</id><title>", (long long)a->id);
	TRY(sr_atom_text(b, a->title && *a->title ? a->title : "(untitled)"));
	TRY(sr_buf_puts(b, "</title><updated>"));
	TRY(sr_buf_puts(b, when));
	TRY(sr_buf_puts(b, "</updated>"));
	if (a->url && *a->url) {
		TRY(sr_buf_puts(b, "<link rel=\"alternate\" href=\""));
		TRY(sr_atom_text(b, a->url));
		TRY(sr_buf_puts(b, "\"/>"));
	}
	TRY(sr_buf_puts(b, "<category term=\""));
	TRY(sr_atom_text(b, a->watchlist));
	TRY(sr_buf_puts(b, "\"/><summary>"));
	TRY(sr_atom_text(b, a->watchlist));
	TRY(sr_buf_puts(b, ": "));
	TRY(sr_atom_text(b, a->site_name && *a->site_name ? a->site_name : "(no outlet)"));
	TRY(sr_buf_puts(b, "</summary>"));
	if (!(a->url && *a->url)) {
		TRY(sr_buf_appendf(b, "<content type=\"text\">article %lld: ", (long long)a->article_id));
		TRY(sr_atom_text(b, a->title && *a->title ? a->title : "(untitled)"));
		TRY(sr_buf_puts(b, "</content>"));
	}
	TRY(sr_buf_puts(b, "</entry>\n"));
	if (rc) {
		sr_buf_truncate(b, mark); /* no half entry */
		return f->rc = rc;
	}
	if (a->created > f->updated)
		f->updated = a->created;
	f->n++;
	return SR_OK;
}

int sr_atom_finish(sr_atom *f, const sr_atom_head *h, sr_buf *out)
{
	if (f->rc)
		return f->rc;
	char when[21];
	sr_iso_format(f->n ? f->updated : h->now, when);
	int rc = sr_buf_puts(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
				  "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<id>urn:sitrep:alerts");
	if (h->watch) { /* "urn:sitrep:alerts" alone is the feed of every watchlist */
		TRY(sr_buf_puts(out, ":"));
		TRY(sr_buf_put_pct(out, h->watch));
	}
	TRY(sr_buf_puts(out, "</id><title>sitrep alerts"));
	if (h->watch) {
		TRY(sr_buf_puts(out, ": "));
		TRY(sr_atom_text(out, h->watch));
	}
	TRY(sr_buf_puts(out, "</title><updated>"));
	TRY(sr_buf_puts(out, when));
	TRY(sr_buf_puts(out, "</updated><author><name>sitrep</name></author>"
			     "<generator>sitrep</generator>\n"));
	if (h->self) {
		TRY(sr_buf_puts(out, "<link rel=\"self\" type=\"application/atom+xml\" href=\""));
		TRY(sr_atom_text(out, h->self));
		TRY(sr_buf_puts(out, "\"/>\n"));
	}
	if (f->entries.len)
		TRY(sr_buf_append(out, f->entries.data, f->entries.len));
	TRY(sr_buf_puts(out, "</feed>\n"));
	return rc;
}
