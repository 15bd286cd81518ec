/*
 * xmlin.h - reading untrusted XML (feeds, sitemaps) safely and tolerantly with libxml2.
 *
 * sr_xmlin_read repairs what real feeds get wrong before libxml2 sees the bytes:
 *   - gzip-compressed input is inflated (capped);
 *   - the character set is found as for HTML (extract/charset.h: byte order mark, the
 *     Content-Type's charset, the XML declaration; a declaration that lies about UTF-8
 *     bytes is overruled) and the bytes converted to UTF-8; the XML declaration is then
 *     dropped, so libxml2 reads UTF-8 whatever it said;
 *   - HTML named entities (&nbsp; &eacute; ...), undeclared in XML, become numeric
 *     references; a bare '&' that starts no reference becomes &amp;;
 *   - a DOCTYPE (and its internal subset) is removed: no entity is ever declared, so none
 *     is expanded (no "billion laughs"), and nothing is loaded from the network
 *     (XML_PARSE_NONET; XML_PARSE_NOENT is never set).
 * Ill-formed XML is parsed in libxml2's recover mode; the result says whether it had to.
 * Pure: no I/O, no globals (libxml2's parser context is per call).
 */
#ifndef SR_XMLIN_H
#define SR_XMLIN_H

#include <stddef.h>

#include <libxml/tree.h>

#include "base/arena.h"
#include "base/buf.h"

#define SR_XMLIN_WHY_MAX 256

/* Parse bytes[0..len) into a new document (the caller frees it with xmlFreeDoc).
 * base_url (may be NULL) becomes the document's URL, against which xml:base and relative
 * links resolve.  content_type (may be NULL) is the HTTP Content-Type (charset hint).
 * max caps the decoded size (0: 64 MiB).  On success *recovered is 1 when the input was
 * not well-formed (why then names the first error, "line 3: ..."), else 0 and why is
 * empty.  Returns SR_OK, SR_EEMPTY, SR_ETOOBIG, SR_ENOMEM, SR_EPARSE (why says where). */
int sr_xmlin_read(const char *bytes, size_t len, const char *base_url, const char *content_type,
		  size_t max, xmlDoc **out, int *recovered, char why[SR_XMLIN_WHY_MAX]);

/* The repaired UTF-8 text that sr_xmlin_read hands to libxml2 (for tests and tools).
 * Appends to out.  SR_OK or an SR_E* code. */
int sr_xmlin_prepare(const char *bytes, size_t len, const char *content_type, sr_buf *out);

/* Namespace classes of the elements feeds and sitemaps use. */
enum sr_xns {
	SR_XNS_NONE = 0, /* no namespace (RSS 0.9x/2.0) */
	SR_XNS_OTHER,
	SR_XNS_ATOM,
	SR_XNS_RSS1,
	SR_XNS_RDF,
	SR_XNS_DC,
	SR_XNS_CONTENT,
	SR_XNS_MEDIA,
	SR_XNS_GEORSS,
	SR_XNS_GEO,
	SR_XNS_GML,
	SR_XNS_SITEMAP,
	SR_XNS_NEWS,
	SR_XNS_IMAGE,
};

/* The namespace class of element n, and its local name in *local.  An undeclared prefix
 * (kept in the name by recover mode: "dc:creator") is classified by the usual prefix. */
int sr_xns_of(const xmlNode *n, const char **local);

/* 1 when n is an element of class ns named local. */
int sr_xml_is(const xmlNode *n, int ns, const char *local);

/* The text of n: its text and CDATA children and their descendants' (entity references are
 * skipped, never expanded), trimmed, copied into the arena; NULL when empty (or out of
 * memory). */
const char *sr_xml_text(const xmlNode *n, sr_arena *a);

/* Attribute name of n (no namespace), trimmed, copied into the arena; NULL when absent. */
const char *sr_xml_attr(const xmlNode *n, const char *name, sr_arena *a);

/* The children of n serialised as XML (for Atom type="xhtml" content), into the arena. */
const char *sr_xml_inner(xmlNode *n, sr_arena *a);

#endif
