/*
 * atom.h - alerts as an Atom feed (RFC 4287), for `sitrep alerts --atom` and
 * GET /api/watchlists/{name}/atom (docs/WATCH.md).
 *
 * The feed:
 *
 *   <feed xmlns="http://www.w3.org/2005/Atom">
 *     <id>urn:sitrep:alerts:NAME</id>      NAME percent-encoded (RFC 3986 unreserved kept);
 *                                          urn:sitrep:alerts alone for every watchlist
 *     <title>sitrep alerts: NAME</title>
 *     <updated>                            the newest entry's, else the time given
 *     <author><name>sitrep</name></author>
 *     <link rel="self" .../>               when a self URL is given
 *     <entry> per alert, in the order added:
 *       <id>urn:sitrep:alert:ID</id>, <title> (the article's, "(untitled)" without),
 *       <updated> (when the alert was made), <link rel="alternate" href=ARTICLE URL/> when
 *       the article has a URL (else <content type="text">, as RFC 4287 asks of an entry
 *       without an alternate link), <category term=WATCHLIST/>, <summary>WATCHLIST: OUTLET</summary>
 *
 * Text and attribute values are escaped, decoded as UTF-8 with invalid sequences replaced
 * by U+FFFD, and stripped of the characters XML 1.0 forbids (C0 controls other than tab,
 * newline and carriage return, U+FFFE, U+FFFF): whatever the stored bytes, the output is
 * well-formed UTF-8 XML.  Pure: no I/O, memory only in the caller's capped buffers.
 */
#ifndef SR_ATOM_H
#define SR_ATOM_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "store/watch_store.h"

/* A feed being written: entries are collected first so that the feed's <updated> can be
 * the newest entry's.  rc is sticky: once an append fails (SR_ETOOBIG past max, SR_ENOMEM)
 * later calls do nothing and sr_atom_finish returns it. */
typedef struct sr_atom {
	sr_buf entries;
	int64_t updated; /* the newest entry's updated, 0 before the first */
	size_t n;        /* entries added */
	int rc;
} sr_atom;

typedef struct sr_atom_head {
	const char *watch; /* the watchlist's name, or NULL: every watchlist */
	const char *self;  /* the feed's own absolute URL, or NULL */
	int64_t now;       /* <updated> of a feed without entries (unix seconds) */
} sr_atom_head;

/* Start a feed whose entries may take up to max bytes. */
void sr_atom_init(sr_atom *f, size_t max);
void sr_atom_release(sr_atom *f);

/* Add one alert as an entry.  Returns f->rc (SR_OK, SR_ETOOBIG, SR_ENOMEM). */
int sr_atom_add(sr_atom *f, const sr_alert *a);

/* Write the whole document (declaration, feed head, the entries, </feed>) to out.
 * SR_OK, or the sticky error, or out's SR_ETOOBIG / SR_ENOMEM. */
int sr_atom_finish(sr_atom *f, const sr_atom_head *h, sr_buf *out);

/* Append s as XML character data or attribute value (see above); NULL appends nothing.
 * SR_OK, SR_ETOOBIG, SR_ENOMEM. */
int sr_atom_text(sr_buf *b, const char *s);

#endif
