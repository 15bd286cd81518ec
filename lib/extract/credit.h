/*
 * credit.h - who wrote a page when no byline says it: credit lines and the page's furniture.
 *
 * Last-resort author sources, used by the HTML extractor when neither the metadata nor a
 * visible byline names a person:
 *  - a news agency's credit in the text: "Hamburg (dpa/lno) – ..." at the start,
 *    "... (FR mit dpa)" or a last line "Quelle: kathpress" at the end, from a closed list of
 *    agencies (dpa, AFP, Reuters, AP, APA, KNA, epd, sid, Kathpress, JIJI, Kyodo, Xinhua ...),
 *    or an outlet's credit with an editor's initials ("Quelle: MDR THÜRINGEN/ls");
 *  - a person's name in parentheses closing the article ("... (Christian P. Stadtfeld)"),
 *    or on a line of its own after it (a signature);
 *  - in the tree: an author box (an element whose class or id says author/autor together
 *    with bio, box, card, profile or about) and the name in its heading; the name on a
 *    comment that WordPress marks as the post author's ("bypostauthor"); Drupal's
 *    "submitted" line ("Gespeichert von jdoe am ..."); a copyright notice
 *    that names a person ("© 2019 Jane Doe", "Copyright (c) 2012- Jane Doe.").
 * Pure; every scan is capped.
 */
#ifndef SR_CREDIT_H
#define SR_CREDIT_H

#include <libxml/tree.h>
#include <stddef.h>

#include "base/arena.h"

enum {
	SR_CREDIT_HEAD = 1,  /* a credit after the dateline at the start of s */
	SR_CREDIT_TAIL = 2,  /* a credit or a name in parentheses at the end of s */
	SR_CREDIT_WHOLE = 3, /* s is only a credit, perhaps after a label ("Quelle:") */
	SR_CREDIT_SIGNATURE = 4, /* s is only a person's name ("Jane Doe", "JANE DOE") */
};

/* A credit in the text block s[0..n) at the place `where` says: returns 1 and the credit's
 * span (without parentheses or label) in *st, *len, else 0.  Blocks over 2000 bytes are
 * read only at the place asked for. */
int sr_credit_in_text(const char *s, size_t n, int where, size_t *st, size_t *len);

/* The credit s[0..n) ("dpa/lno", "FR mit dpa", "AFP", "MDR THÜRINGEN/ls") names a news
 * agency, or an outlet and an editor's initials after a slash (only when initials_ok). */
int sr_credit_is_agency_credit(const char *s, size_t n, int initials_ok);

/* A person's name from the page's furniture (author box, post author's comment, copyright
 * notice, in that order of preference), not the site's name (sr_meta_site_like with
 * site_name and url, both may be NULL), in the arena; NULL when there is none. */
const char *sr_credit_author(xmlDocPtr doc, sr_arena *a, const char *site_name,
			     const char *url);

#endif
