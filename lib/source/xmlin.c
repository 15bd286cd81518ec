/*
 * xmlin.c - untrusted XML into libxml2, repaired first (see xmlin.h).
 */
#include "source/xmlin.h"

#include <stdio.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "base/err.h"
#include "base/gz.h"
#include "base/utf8.h"
#include "extract/charset.h"

#define DEFAULT_MAX ((size_t)64 << 20)

static int is_name_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-' || c == '.' || c >= 0x80;
}

/* Skip a DOCTYPE starting at s[i] ("<!DOCTYPE"); returns the index after it. */
static size_t skip_doctype(const char *s, size_t n, size_t i)
{
	int depth = 0;
	char q = 0;
	for (i += 9; i < n; i++) {
		char c = s[i];
		if (q) {
			if (c == q)
				q = 0;
		} else if (c == '"' || c == '\'') {
			q = c;
		} else if (c == '[') {
			depth++;
		} else if (c == ']') {
			if (depth)
				depth--;
		} else if (c == '>' && depth == 0) {
			return i + 1;
		}
	}
	return n;
}

/* Copy utf8 text to out, dropping the XML declaration and DOCTYPE and rewriting entities. */
static int repair(const char *s, size_t n, sr_buf *out)
{
	size_t i = 0;
	int rc;
	/* the XML declaration: dropped (we hand libxml2 UTF-8) */
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	if (n - i >= 5 && memcmp(s + i, "<?xml", 5) == 0 && (n - i == 5 || !is_name_char((unsigned char)s[i + 5]))) {
		const char *e = memmem(s + i, n - i, "?>", 2);
		i = e ? (size_t)(e - s) + 2 : n;
	}
	int in_cdata = 0;
	while (i < n) {
		char c = s[i];
		if (in_cdata) {
			const char *e = memmem(s + i, n - i, "]]>", 3);
			size_t end = e ? (size_t)(e - s) + 3 : n;
			if ((rc = sr_buf_append(out, s + i, end - i)))
				return rc;
			i = end;
			in_cdata = 0;
			continue;
		}
		if (c == '<') {
			if (n - i >= 9 && memcmp(s + i, "<![CDATA[", 9) == 0) {
				in_cdata = 1;
				if ((rc = sr_buf_append(out, s + i, 9)))
					return rc;
				i += 9;
				continue;
			}
			if (n - i >= 9 && strncasecmp(s + i, "<!DOCTYPE", 9) == 0) {
				i = skip_doctype(s, n, i);
				continue;
			}
			if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
				const char *e = memmem(s + i + 4, n - i - 4, "-->", 3);
				size_t end = e ? (size_t)(e - s) + 3 : n;
				if ((rc = sr_buf_append(out, s + i, end - i)))
					return rc;
				i = end;
				continue;
			}
		}
		if (c == '&') {
			size_t j = i + 1;
			if (j < n && s[j] == '#') {
				/* a numeric reference: keep it when well formed */
				size_t k = j + 1;
				int hex = k < n && (s[k] == 'x' || s[k] == 'X');
				k += (size_t)hex;
				size_t d0 = k;
				while (k < n && k - d0 < 8 &&
				       ((s[k] >= '0' && s[k] <= '9') ||
					(hex && ((s[k] >= 'a' && s[k] <= 'f') || (s[k] >= 'A' && s[k] <= 'F')))))
					k++;
				if (k > d0 && k < n && s[k] == ';') {
					if ((rc = sr_buf_append(out, s + i, k + 1 - i)))
						return rc;
					i = k + 1;
					continue;
				}
			} else {
				size_t k = j;
				while (k < n && k - j < 32 && is_name_char((unsigned char)s[k]))
					k++;
				if (k > j && k < n && s[k] == ';') {
					char name[40];
					size_t ln = k - j;
					memcpy(name, s + j, ln);
					name[ln] = '\0';
					if (!strcmp(name, "amp") || !strcmp(name, "lt") || !strcmp(name, "gt") ||
					    !strcmp(name, "quot") || !strcmp(name, "apos")) {
						if ((rc = sr_buf_append(out, s + i, k + 1 - i)))
							return rc;
						i = k + 1;
						continue;
					}
					const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
					if (e) {
						if ((rc = sr_buf_appendf(out, "&#%u;", e->value)))
							return rc;
						i = k + 1;
						continue;
					}
				}
			}
			/* not a reference we know: a literal ampersand */
			if ((rc = sr_buf_puts(out, "&amp;")))
				return rc;
			i++;
			continue;
		}
		/* copy a run of ordinary bytes */
		size_t k = i + 1;
		while (k < n && s[k] != '<' && s[k] != '&')
			k++;
		if ((rc = sr_buf_append(out, s + i, k - i)))
			return rc;
		i = k;
	}
	return SR_OK;
}

int sr_xmlin_prepare(const char *bytes, size_t len, const char *content_type, sr_buf *out)
{
	sr_buf plain, utf8;
	size_t max = out->max ? out->max : DEFAULT_MAX;
	sr_buf_init(&plain, max);
	sr_buf_init(&utf8, max);
	int rc = SR_OK;
	if (sr_gz_is_gzip(bytes, len)) {
		if ((rc = sr_gz_inflate(&plain, bytes, len)))
			goto out;
		bytes = plain.data;
		len = plain.len;
	}
	size_t bom = 0;
	const char *cs = sr_charset_detect(bytes, len, content_type, 1, &bom);
	/* a declaration that lies: valid UTF-8 with multi-byte sequences is UTF-8 */
	if (!bom && strncasecmp(cs, "UTF-", 4) != 0 && sr_utf8_check(bytes, len) == len) {
		for (size_t i = 0; i < len; i++)
			if ((unsigned char)bytes[i] >= 0x80) {
				cs = "UTF-8";
				break;
			}
	}
	if ((rc = sr_charset_to_utf8(bytes + bom, len - bom, cs, &utf8)))
		goto out;
	rc = repair(utf8.data ? utf8.data : "", utf8.len, out);
out:
	sr_buf_release(&plain);
	sr_buf_release(&utf8);
	return rc;
}

int sr_xmlin_read(const char *bytes, size_t len, const char *base_url, const char *content_type,
		  size_t max, xmlDoc **out, int *recovered, char why[SR_XMLIN_WHY_MAX])
{
	sr_buf text;
	xmlParserCtxt *ctx = NULL;
	int rc;
	*out = NULL;
	*recovered = 0;
	why[0] = '\0';
	sr_buf_init(&text, max ? max : DEFAULT_MAX);
	if ((rc = sr_xmlin_prepare(bytes, len, content_type, &text))) {
		snprintf(why, SR_XMLIN_WHY_MAX, "%s", rc == SR_EPARSE ? "corrupt gzip data" : sr_strerror(rc));
		goto out;
	}
	size_t k = 0;
	while (k < text.len && (text.data[k] == ' ' || text.data[k] == '\n' || text.data[k] == '\r' ||
				text.data[k] == '\t'))
		k++;
	if (k == text.len) {
		snprintf(why, SR_XMLIN_WHY_MAX, "empty document");
		rc = SR_EEMPTY;
		goto out;
	}
	if (text.len > (size_t)0x7fffffff) {
		rc = SR_ETOOBIG;
		goto out;
	}
	xmlInitParser();
	if (!(ctx = xmlNewParserCtxt())) {
		rc = SR_ENOMEM;
		goto out;
	}
	int opts = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
		   XML_PARSE_NOCDATA | XML_PARSE_NOXINCNODE;
	xmlDoc *doc = xmlCtxtReadMemory(ctx, text.data, (int)text.len, base_url, "UTF-8", opts);
	const xmlError *e = xmlCtxtGetLastError(ctx);
	if (!ctx->wellFormed || (e && e->level >= XML_ERR_ERROR)) {
		char msg[160] = "";
		if (e && e->message) {
			snprintf(msg, sizeof(msg), "%s", e->message);
			size_t m = strlen(msg);
			while (m && (msg[m - 1] == '\n' || msg[m - 1] == ' '))
				msg[--m] = '\0';
		}
		snprintf(why, SR_XMLIN_WHY_MAX, "not well-formed XML (line %d: %s)", e ? e->line : 0,
			 msg[0] ? msg : "unknown error");
		*recovered = 1;
	}
	if (!doc || !xmlDocGetRootElement(doc)) {
		if (doc)
			xmlFreeDoc(doc);
		if (!why[0])
			snprintf(why, SR_XMLIN_WHY_MAX, "not XML");
		rc = SR_EPARSE;
		goto out;
	}
	*out = doc;
	rc = SR_OK;
out:
	if (ctx)
		xmlFreeParserCtxt(ctx);
	sr_buf_release(&text);
	return rc;
}

static const struct {
	const char *uri;
	int ns;
} known_ns[] = {
	{"http://www.w3.org/2005/Atom", SR_XNS_ATOM},
	{"http://purl.org/atom/ns#", SR_XNS_ATOM},
	{"http://purl.org/rss/1.0/", SR_XNS_RSS1},
	{"http://my.netscape.com/rdf/simple/0.9/", SR_XNS_RSS1},
	{"http://www.w3.org/1999/02/22-rdf-syntax-ns#", SR_XNS_RDF},
	{"http://purl.org/dc/elements/1.1/", SR_XNS_DC},
	{"http://purl.org/dc/terms/", SR_XNS_DC},
	{"http://purl.org/rss/1.0/modules/content/", SR_XNS_CONTENT},
	{"http://search.yahoo.com/mrss/", SR_XNS_MEDIA},
	{"http://search.yahoo.com/mrss", SR_XNS_MEDIA},
	{"http://www.georss.org/georss", SR_XNS_GEORSS},
	{"http://www.w3.org/2003/01/geo/wgs84_pos#", SR_XNS_GEO},
	{"http://www.opengis.net/gml", SR_XNS_GML},
	{"http://www.sitemaps.org/schemas/sitemap/0.9", SR_XNS_SITEMAP},
	{"http://www.google.com/schemas/sitemap/0.9", SR_XNS_SITEMAP},
	{"http://www.google.com/schemas/sitemap/0.84", SR_XNS_SITEMAP},
	{"http://www.google.com/schemas/sitemap-news/0.9", SR_XNS_NEWS},
	{"http://www.google.com/schemas/sitemap-image/1.1", SR_XNS_IMAGE},
};

static const struct {
	const char *prefix;
	int ns;
} known_prefix[] = {
	{"atom", SR_XNS_ATOM}, {"rdf", SR_XNS_RDF},     {"dc", SR_XNS_DC},
	{"dcterms", SR_XNS_DC}, {"content", SR_XNS_CONTENT}, {"media", SR_XNS_MEDIA},
	{"georss", SR_XNS_GEORSS}, {"geo", SR_XNS_GEO}, {"gml", SR_XNS_GML},
	{"news", SR_XNS_NEWS},  {"image", SR_XNS_IMAGE},
};

int sr_xns_of(const xmlNode *n, const char **local)
{
	const char *name = (const char *)n->name;
	if (!name)
		name = "";
	*local = name;
	if (n->ns && n->ns->href) {
		const char *href = (const char *)n->ns->href;
		for (size_t i = 0; i < sizeof(known_ns) / sizeof(known_ns[0]); i++)
			if (strcasecmp(href, known_ns[i].uri) == 0)
				return known_ns[i].ns;
		return SR_XNS_OTHER;
	}
	const char *colon = strchr(name, ':');
	if (!colon)
		return SR_XNS_NONE;
	*local = colon + 1;
	size_t pl = (size_t)(colon - name);
	for (size_t i = 0; i < sizeof(known_prefix) / sizeof(known_prefix[0]); i++)
		if (strlen(known_prefix[i].prefix) == pl && strncasecmp(name, known_prefix[i].prefix, pl) == 0)
			return known_prefix[i].ns;
	return SR_XNS_OTHER;
}

int sr_xml_is(const xmlNode *n, int ns, const char *local)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return 0;
	const char *l;
	int c = sr_xns_of(n, &l);
	/* sitemap and RSS 1.0 elements are often written without their namespace */
	if (c != ns && !(c == SR_XNS_NONE && (ns == SR_XNS_SITEMAP || ns == SR_XNS_RSS1)))
		return 0;
	return strcasecmp(l, local) == 0;
}

static int collect(const xmlNode *n, sr_buf *b, int depth)
{
	if (depth > 64)
		return SR_OK;
	for (const xmlNode *c = n->children; c; c = c->next) {
		int rc = SR_OK;
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
			rc = sr_buf_puts(b, (const char *)c->content);
		else if (c->type == XML_ELEMENT_NODE)
			rc = collect(c, b, depth + 1);
		if (rc)
			return rc;
	}
	return SR_OK;
}

static const char *trim_dup(const char *s, size_t n, sr_arena *a)
{
	while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	if (!n)
		return NULL;
	return sr_arena_strndup(a, s, n);
}

const char *sr_xml_text(const xmlNode *n, sr_arena *a)
{
	if (!n)
		return NULL;
	/* the common case: one text child, no copy through a buffer */
	if (n->children && !n->children->next &&
	    (n->children->type == XML_TEXT_NODE || n->children->type == XML_CDATA_SECTION_NODE)) {
		const char *s = (const char *)n->children->content;
		return s ? trim_dup(s, strlen(s), a) : NULL;
	}
	sr_buf b;
	sr_buf_init(&b, (size_t)16 << 20);
	const char *r = NULL;
	if (collect(n, &b, 0) == SR_OK && b.data)
		r = trim_dup(b.data, b.len, a);
	sr_buf_release(&b);
	return r;
}

const char *sr_xml_attr(const xmlNode *n, const char *name, sr_arena *a)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (const xmlAttr *at = n->properties; at; at = at->next) {
		if (!at->name || strcasecmp((const char *)at->name, name) != 0)
			continue;
		sr_buf b;
		sr_buf_init(&b, (size_t)1 << 20);
		const char *r = NULL;
		for (const xmlNode *c = at->children; c; c = c->next)
			if (c->type == XML_TEXT_NODE && c->content)
				sr_buf_puts(&b, (const char *)c->content);
		if (b.data)
			r = trim_dup(b.data, b.len, a);
		sr_buf_release(&b);
		return r;
	}
	return NULL;
}

const char *sr_xml_inner(xmlNode *n, sr_arena *a)
{
	if (!n)
		return NULL;
	xmlBuffer *xb = xmlBufferCreate();
	if (!xb)
		return NULL;
	for (xmlNode *c = n->children; c; c = c->next)
		xmlNodeDump(xb, n->doc, c, 0, 0);
	const char *r = trim_dup((const char *)xmlBufferContent(xb), (size_t)xmlBufferLength(xb), a);
	xmlBufferFree(xb);
	return r;
}
