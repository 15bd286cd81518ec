/*
 * sitemap.c - sitemaps and news sitemaps (see sitemap.h).
 */
#include "source/sitemap.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/gz.h"
#include "source/feed.h"
#include "source/xmlin.h"

static const char *date_of(const char *s, sr_arena *a)
{
	char d[SR_FEED_DATE_MAX];
	return s && sr_feed_date(s, d) ? sr_arena_strdup(a, d) : NULL;
}

static int is_el(const xmlNode *n, int ns, const char *local)
{
	return sr_xml_is(n, ns, local);
}

static void news(xmlNode *e, sr_sitemap_url *u, sr_arena *a)
{
	for (xmlNode *k = e->children; k; k = k->next) {
		if (is_el(k, SR_XNS_NEWS, "publication_date"))
			u->news_date = date_of(sr_xml_text(k, a), a);
		else if (is_el(k, SR_XNS_NEWS, "title"))
			u->news_title = sr_xml_text(k, a);
		else if (is_el(k, SR_XNS_NEWS, "publication"))
			for (xmlNode *p = k->children; p; p = p->next) {
				if (is_el(p, SR_XNS_NEWS, "name"))
					u->news_name = sr_xml_text(p, a);
				else if (is_el(p, SR_XNS_NEWS, "language"))
					u->news_lang = sr_xml_text(p, a);
			}
	}
}

static int parse_text(const char *s, size_t n, const char *url, sr_arena *a, sr_sitemap *out)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		count += s[i] == '\n';
	count++;
	if (count > SR_SITEMAP_MAX_URLS)
		count = SR_SITEMAP_MAX_URLS;
	out->urls = sr_arena_alloc(a, count * sizeof(*out->urls));
	if (!out->urls)
		return SR_ENOMEM;
	const char *p = s, *end = s + n;
	while (p < end && out->n_urls < count) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *b = p, *e = le;
		while (b < e && (*b == ' ' || *b == '\t' || *b == '\r'))
			b++;
		while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		if (e > b) {
			const char *line = sr_arena_strndup(a, b, (size_t)(e - b));
			const char *loc = line ? sr_feed_resolve(url, line, a) : NULL;
			if (loc && !strchr(loc, ' '))
				out->urls[out->n_urls++].loc = loc;
		}
		p = le + 1;
	}
	out->is_text = 1;
	return SR_OK;
}

int sr_sitemap_parse(const char *bytes, size_t len, const char *url, sr_arena *a, sr_sitemap *out,
		     char why[SR_SITEMAP_WHY_MAX])
{
	memset(out, 0, sizeof(*out));
	why[0] = '\0';
	sr_buf plain;
	sr_buf_init(&plain, (size_t)64 << 20);
	xmlDoc *doc = NULL;
	int rc;
	if (sr_gz_is_gzip(bytes, len)) {
		if ((rc = sr_gz_inflate(&plain, bytes, len))) {
			snprintf(why, SR_SITEMAP_WHY_MAX, rc == SR_ETOOBIG ? "sitemap too large" : "corrupt gzip data");
			goto out;
		}
		bytes = plain.data ? plain.data : "";
		len = plain.len;
	}
	size_t k = 0;
	while (k < len && (bytes[k] == ' ' || bytes[k] == '\t' || bytes[k] == '\r' || bytes[k] == '\n'))
		k++;
	if (k == len) {
		snprintf(why, SR_SITEMAP_WHY_MAX, "empty document");
		rc = SR_EEMPTY;
		goto out;
	}
	if (bytes[k] != '<' && !(len - k >= 3 && (unsigned char)bytes[k] == 0xEF)) {
		if (len - k >= 4 && (strncasecmp(bytes + k, "http", 4) == 0)) {
			rc = parse_text(bytes + k, len - k, url, a, out);
			goto out;
		}
		snprintf(why, SR_SITEMAP_WHY_MAX, "not a sitemap: neither XML nor a list of URLs");
		rc = SR_EPARSE;
		goto out;
	}
	int recovered = 0;
	char xwhy[SR_XMLIN_WHY_MAX];
	if ((rc = sr_xmlin_read(bytes, len, url, NULL, 0, &doc, &recovered, xwhy))) {
		snprintf(why, SR_SITEMAP_WHY_MAX, "%s", xwhy[0] ? xwhy : sr_strerror(rc));
		goto out;
	}
	xmlNode *root = xmlDocGetRootElement(doc);
	const char *child;
	if (is_el(root, SR_XNS_SITEMAP, "urlset")) {
		child = "url";
	} else if (is_el(root, SR_XNS_SITEMAP, "sitemapindex")) {
		child = "sitemap";
		out->is_index = 1;
	} else {
		snprintf(why, SR_SITEMAP_WHY_MAX, "not a sitemap: the root element is <%s>",
			 (const char *)root->name);
		rc = SR_EPARSE;
		goto out;
	}
	size_t n = 0;
	for (xmlNode *e = root->children; e; e = e->next)
		n += (size_t)is_el(e, SR_XNS_SITEMAP, child);
	if (n > SR_SITEMAP_MAX_URLS)
		n = SR_SITEMAP_MAX_URLS;
	if (n && !(out->urls = sr_arena_alloc(a, n * sizeof(*out->urls)))) {
		rc = SR_ENOMEM;
		goto out;
	}
	for (xmlNode *e = root->children; e && out->n_urls < n; e = e->next) {
		if (!is_el(e, SR_XNS_SITEMAP, child))
			continue;
		sr_sitemap_url u;
		memset(&u, 0, sizeof(u));
		for (xmlNode *c = e->children; c; c = c->next) {
			if (is_el(c, SR_XNS_SITEMAP, "loc")) {
				xmlChar *base = xmlNodeGetBase(doc, c);
				u.loc = sr_feed_resolve((const char *)base, sr_xml_text(c, a), a);
				xmlFree(base);
			} else if (is_el(c, SR_XNS_SITEMAP, "lastmod")) {
				u.lastmod = date_of(sr_xml_text(c, a), a);
			} else if (is_el(c, SR_XNS_NEWS, "news")) {
				news(c, &u, a);
			}
		}
		if (u.loc)
			out->urls[out->n_urls++] = u;
	}
	out->recovered = recovered;
	if (recovered)
		snprintf(why, SR_SITEMAP_WHY_MAX, "recovered: %.200s", xwhy);
	rc = SR_OK;
out:
	if (doc)
		xmlFreeDoc(doc);
	sr_buf_release(&plain);
	return rc;
}
