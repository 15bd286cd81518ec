/*
 * feed.c - RSS, RDF, Atom and JSON Feed parsing, feed dates, discovery (see feed.h).
 */
#include "source/feed.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/uri.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/gz.h"
#include "base/utf8.h"
#include "extract/date.h"
#include "source/xmlin.h"

#define MAX_LIST 64

/* ---- dates ---------------------------------------------------------------------------- */

static const char *const months[12] = {"jan", "feb", "mar", "apr", "may", "jun",
				       "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const wdays[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

static const struct {
	const char *name;
	int mins;
} zones[] = {
	{"ut", 0},      {"utc", 0},     {"gmt", 0},     {"z", 0},       {"est", -300},
	{"edt", -240},  {"cst", -360},  {"cdt", -300},  {"mst", -420},  {"mdt", -360},
	{"pst", -480},  {"pdt", -420},  {"cet", 60},    {"cest", 120},  {"bst", 60},
	{"met", 60},    {"mest", 120},  {"eet", 120},   {"eest", 180},  {"msk", 180},
	{"wet", 0},     {"west", 60},   {"jst", 540},   {"kst", 540},   {"hkt", 480},
	{"sgt", 480},   {"aest", 600},  {"aedt", 660},  {"nzst", 720},  {"nzdt", 780},
	{"ist", 330},   {"pkt", 300},   {"ast", 180},   {"akst", -540}, {"hst", -600},
};

static int days_in(int y, int m)
{
	static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

static int format_date(int y, int mo, int d, int h, int mi, int sec, int has_time, int zone_set,
		       int zmins, char out[SR_FEED_DATE_MAX])
{
	if (y < 1970 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > days_in(y, mo) || h < 0 ||
	    h > 24 || mi < 0 || mi > 59 || sec < 0 || sec > 60 || zmins < -24 * 60 || zmins > 24 * 60)
		return 0;
	if (h == 24)
		h = 0; /* rare "24:00": keep the day, midnight */
	if (sec == 60)
		sec = 59;
	if (!has_time) {
		snprintf(out, SR_FEED_DATE_MAX, "%04d-%02d-%02d", y, mo, d);
		return 1;
	}
	if (!zone_set || zmins == 0) {
		snprintf(out, SR_FEED_DATE_MAX, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, h, mi, sec);
	} else {
		int a = zmins < 0 ? -zmins : zmins;
		char tmp[64];
		snprintf(tmp, sizeof(tmp), "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, mo, d, h, mi,
			 sec, zmins < 0 ? '-' : '+', a / 60, a % 60);
		memcpy(out, tmp, SR_FEED_DATE_MAX - 1);
		out[SR_FEED_DATE_MAX - 1] = '\0';
	}
	return 1;
}

static int digits(const char *s, int n, int *v)
{
	int x = 0;
	if (n > 9)
		return 0; /* no field has more; and x stays far from overflow */
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return 0;
		x = x * 10 + (s[i] - '0');
	}
	*v = x;
	return 1;
}

/* "+05:30", "-0800", "+05", "Z": minutes; 1 when read (and *len consumed). */
static int read_offset(const char *s, int *mins, size_t *len)
{
	int h = 0, m = 0;
	if (*s == 'Z' || *s == 'z') {
		*mins = 0;
		*len = 1;
		return 1;
	}
	if (*s != '+' && *s != '-')
		return 0;
	int sign = *s == '-' ? -1 : 1;
	if (!digits(s + 1, 2, &h))
		return 0;
	size_t k = 3;
	if (s[k] == ':')
		k++;
	if (digits(s + k, 2, &m))
		k += 2;
	else if (k == 4)
		return 0;
	if (h > 23 || m > 59)
		return 0;
	*mins = sign * (h * 60 + m);
	*len = k;
	return 1;
}

/* RFC 3339 / ISO 8601 with '-' separators. */
static int iso_date(const char *s, char out[SR_FEED_DATE_MAX])
{
	int y, mo, d, h = 0, mi = 0, sec = 0, has_time = 0, zs = 0, z = 0;
	if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) || s[7] != '-' ||
	    !digits(s + 8, 2, &d))
		return 0;
	const char *p = s + 10;
	if ((*p == 'T' || *p == 't' || *p == ' ') && digits(p + 1, 2, &h) && p[3] == ':' &&
	    digits(p + 4, 2, &mi)) {
		has_time = 1;
		p += 6;
		if (*p == ':' && digits(p + 1, 2, &sec))
			p += 3;
		if (*p == '.' || *p == ',') {
			p++;
			while (isdigit((unsigned char)*p))
				p++;
		}
		while (*p == ' ')
			p++;
		size_t l;
		if (read_offset(p, &z, &l))
			zs = 1;
		else if (!strncasecmp(p, "UTC", 3) || !strncasecmp(p, "GMT", 3))
			zs = 1;
	}
	return format_date(y, mo, d, h, mi, sec, has_time, zs, z, out);
}

static int word_is(const char *w, size_t n, const char *const *names, int count)
{
	if (n < 3)
		return -1;
	for (int i = 0; i < count; i++)
		if (strncasecmp(w, names[i], 3) == 0)
			return i;
	return -1;
}

int sr_feed_date(const char *s, char out[SR_FEED_DATE_MAX])
{
	out[0] = '\0';
	if (!s)
		return 0;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (!*s)
		return 0;
	if (iso_date(s, out))
		return 1;
	/* RFC 822 and friends: tokens in any reasonable order */
	int y = -1, mo = -1, d = -1, h = -1, mi = 0, sec = 0, zs = 0, z = 0, pm = -1;
	const char *p = s;
	int ntok = 0;
	while (*p && ntok < 16) {
		while (*p == ' ' || *p == ',' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '.')
			p++;
		if (!*p)
			break;
		const char *w = p;
		if (*p == '+' || (*p == '-' && isdigit((unsigned char)p[1]) && (y >= 0 || h >= 0))) {
			size_t l;
			int m;
			if (read_offset(p, &m, &l)) {
				zs = 1;
				z = m;
				p += l;
				ntok++;
				continue;
			}
		}
		while (*p && *p != ' ' && *p != ',' && *p != '\t' && *p != '\n' && *p != '\r' &&
		       *p != '-' && *p != '/' && *p != '(' && *p != ')')
			p++;
		size_t n = (size_t)(p - w);
		if (*p == '-' || *p == '/' || *p == '(' || *p == ')')
			p++;
		ntok++;
		if (!n)
			continue;
		if (isdigit((unsigned char)w[0])) {
			const char *colon = memchr(w, ':', n);
			if (colon) {
				int hh, mm, ss = 0;
				size_t hl = (size_t)(colon - w);
				if ((hl == 1 || hl == 2) && digits(w, (int)hl, &hh) && n >= hl + 3 &&
				    digits(colon + 1, 2, &mm)) {
					if (n >= hl + 6 && colon[3] == ':')
						digits(colon + 4, 2, &ss);
					h = hh;
					mi = mm;
					sec = ss;
					/* "09:30:00Z" / "09:30:00+0300" glued to the time */
					const char *t = colon + 3 + (colon[3] == ':' ? 3 : 0);
					if (t < w + n) {
						size_t l;
						int m;
						if (read_offset(t, &m, &l)) {
							zs = 1;
							z = m;
						}
					}
				}
				continue;
			}
			int v;
			size_t dn = 0;
			while (dn < n && isdigit((unsigned char)w[dn]))
				dn++;
			if (!digits(w, (int)dn, &v))
				continue;
			if (dn == 4 && y < 0)
				y = v;
			else if (dn <= 2 && d < 0 && v >= 1 && v <= 31)
				d = v;
			else if (dn <= 2 && y < 0)
				y = v < 50 ? 2000 + v : 1900 + v;
			/* "12th" and the like: the suffix is ignored */
			continue;
		}
		int k;
		if ((k = word_is(w, n, months, 12)) >= 0 && mo < 0 && n <= 9) {
			mo = k + 1;
			continue;
		}
		if (word_is(w, n, wdays, 7) >= 0 && n <= 9)
			continue;
		if (n == 2 && (strncasecmp(w, "am", 2) == 0 || strncasecmp(w, "pm", 2) == 0)) {
			pm = tolower((unsigned char)w[0]) == 'p';
			continue;
		}
		for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
			if (strlen(zones[i].name) == n && strncasecmp(w, zones[i].name, n) == 0) {
				zs = 1;
				z = zones[i].mins;
				break;
			}
		}
		/* "GMT+0200", "UTC-05:00" */
		if (n > 3 && (strncasecmp(w, "GMT", 3) == 0 || strncasecmp(w, "UTC", 3) == 0)) {
			size_t l;
			int m;
			if (read_offset(w + 3, &m, &l)) {
				zs = 1;
				z = m;
			}
		}
		/* single military letters and unknown words: UTC as RFC 2822 says */
	}
	if (pm >= 0 && h >= 0 && h <= 12)
		h = pm ? (h % 12) + 12 : h % 12;
	if (y >= 0 && mo > 0 && d > 0 &&
	    format_date(y, mo, d, h < 0 ? 0 : h, mi, sec, h >= 0, zs, z, out))
		return 1;
	/* last resort: the extractor's date finder (other languages, numeric dates) */
	char tmp[SR_DATE_MAX];
	if (sr_date_find(s, strlen(s), tmp, NULL, NULL) && iso_date(tmp, out))
		return 1;
	out[0] = '\0';
	return 0;
}

/* ---- URLs ----------------------------------------------------------------------------- */

static int is_http(const char *u)
{
	return u && (strncasecmp(u, "http://", 7) == 0 || strncasecmp(u, "https://", 8) == 0);
}

/* A copy of an absolute http(s) URL with its scheme lower-cased. */
static const char *dup_url(const char *u, sr_arena *a)
{
	char *r = sr_arena_strdup(a, u);
	for (char *p = r; p && *p && *p != ':'; p++)
		*p = (char)tolower((unsigned char)*p);
	return r;
}

const char *sr_feed_resolve(const char *base, const char *ref, sr_arena *a)
{
	if (!ref || !*ref)
		return NULL;
	if (is_http(ref))
		return dup_url(ref, a);
	if (strncmp(ref, "//", 2) == 0 && base) {
		/* scheme-relative */
		const char *sch = is_http(base) && tolower((unsigned char)base[4]) == 's' ? "https:" : "http:";
		return sr_arena_printf(a, "%s%s", sch, ref);
	}
	if (!base || !is_http(base))
		return NULL;
	xmlChar *r = xmlBuildURI((const xmlChar *)ref, (const xmlChar *)base);
	const char *out = NULL;
	if (r && is_http((const char *)r))
		out = dup_url((const char *)r, a);
	xmlFree(r);
	return out;
}

/* ref resolved against the base in force at node n (xml:base, then the document URL). */
static const char *resolve_at(xmlDoc *doc, xmlNode *n, const char *ref, sr_arena *a)
{
	if (!ref)
		return NULL;
	xmlChar *base = is_http(ref) ? NULL : xmlNodeGetBase(doc, n);
	const char *r = sr_feed_resolve((const char *)base, ref, a);
	xmlFree(base);
	return r;
}

/* ---- XML feeds ------------------------------------------------------------------------ */

typedef struct list {
	const char *v[MAX_LIST];
	size_t n;
} list;

static void list_add(list *l, const char *s)
{
	if (!s || !*s || l->n >= MAX_LIST)
		return;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return;
	l->v[l->n++] = s;
}

static const char **list_copy(const list *l, sr_arena *a, size_t *n)
{
	*n = 0;
	if (!l->n)
		return NULL;
	const char **v = sr_arena_alloc(a, l->n * sizeof(*v));
	if (!v)
		return NULL;
	memcpy(v, l->v, l->n * sizeof(*v));
	*n = l->n;
	return v;
}

typedef struct ctx {
	xmlDoc *doc;
	sr_arena *a;
	int main_ns; /* the namespace unqualified elements are taken to be in */
	int rc;
} ctx;

static int ns_of(const ctx *c, const xmlNode *n, const char **local)
{
	int ns = sr_xns_of(n, local);
	if (ns == SR_XNS_NONE && (c->main_ns == SR_XNS_ATOM || c->main_ns == SR_XNS_RSS1))
		ns = c->main_ns;
	if (ns == SR_XNS_RSS1 && c->main_ns == SR_XNS_NONE)
		ns = SR_XNS_NONE;
	return ns;
}

static int is_image_url(const char *u)
{
	if (!u)
		return 0;
	const char *q = strpbrk(u, "?#");
	size_t n = q ? (size_t)(q - u) : strlen(u);
	static const char *const ext[] = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"};
	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		size_t e = strlen(ext[i]);
		if (n > e && strncasecmp(u + n - e, ext[i], e) == 0)
			return 1;
	}
	return 0;
}

static int parse_point(const char *s, double *lat, double *lon)
{
	if (!s)
		return 0;
	char *end;
	double a = strtod(s, &end);
	if (end == s)
		return 0;
	while (*end == ' ' || *end == ',' || *end == '\t' || *end == '\n')
		end++;
	char *e2;
	double b = strtod(end, &e2);
	if (e2 == end || a < -90 || a > 90 || b < -180 || b > 180)
		return 0;
	*lat = a;
	*lon = b;
	return 1;
}

/* "mail@example.com (Jane Doe)" -> "Jane Doe"; "Jane Doe <mail>" -> "Jane Doe". */
static const char *rss_author(const char *s, sr_arena *a)
{
	if (!s)
		return NULL;
	const char *lp = strchr(s, '(');
	const char *rp = lp ? strrchr(lp, ')') : NULL;
	if (lp && rp && rp > lp + 1 && memchr(s, '@', (size_t)(lp - s)))
		return sr_arena_strndup(a, lp + 1, (size_t)(rp - lp - 1));
	const char *lt = strchr(s, '<');
	if (lt && lt > s && strchr(lt, '@')) {
		size_t n = (size_t)(lt - s);
		while (n && s[n - 1] == ' ')
			n--;
		if (n)
			return sr_arena_strndup(a, s, n);
	}
	return s;
}

typedef struct item_acc {
	sr_feed_item *it;
	list authors, cats;
	const char *guid_link;
	const char *thumb;
	const char *dc_date, *updated;
} item_acc;

static void media(ctx *c, item_acc *acc, xmlNode *e, const char *local)
{
	if (strcasecmp(local, "content") == 0) {
		const char *url = sr_xml_attr(e, "url", c->a);
		const char *medium = sr_xml_attr(e, "medium", c->a);
		const char *type = sr_xml_attr(e, "type", c->a);
		int img = (medium && strcasecmp(medium, "image") == 0) ||
			  (type && strncasecmp(type, "image/", 6) == 0) ||
			  (!medium && !type && is_image_url(url));
		if (img && url && !acc->it->image)
			acc->it->image = resolve_at(c->doc, e, url, c->a);
		for (xmlNode *k = e->children; k; k = k->next) {
			const char *l;
			if (k->type == XML_ELEMENT_NODE && sr_xns_of(k, &l) == SR_XNS_MEDIA &&
			    strcasecmp(l, "thumbnail") == 0)
				media(c, acc, k, l);
		}
	} else if (strcasecmp(local, "thumbnail") == 0) {
		const char *url = sr_xml_attr(e, "url", c->a);
		if (url && !acc->thumb)
			acc->thumb = resolve_at(c->doc, e, url, c->a);
	} else if (strcasecmp(local, "group") == 0) {
		for (xmlNode *k = e->children; k; k = k->next) {
			const char *l;
			if (k->type == XML_ELEMENT_NODE && sr_xns_of(k, &l) == SR_XNS_MEDIA)
				media(c, acc, k, l);
		}
	} else if (strcasecmp(local, "title") == 0 && !acc->it->title) {
		/* media:title stands in for a missing title only */
	}
}

static const char *atom_text(ctx *c, xmlNode *e)
{
	const char *type = sr_xml_attr(e, "type", c->a);
	if (type && (strcasecmp(type, "xhtml") == 0)) {
		for (xmlNode *k = e->children; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE && strcasecmp((const char *)k->name, "div") == 0)
				return sr_xml_inner(k, c->a);
		return sr_xml_inner(e, c->a);
	}
	return sr_xml_text(e, c->a);
}

static void geo(ctx *c, item_acc *acc, xmlNode *e, int ns, const char *local, double *glat,
		double *glon, int *gmask)
{
	sr_feed_item *it = acc->it;
	if (ns == SR_XNS_GEORSS && strcasecmp(local, "point") == 0) {
		if (parse_point(sr_xml_text(e, c->a), &it->lat, &it->lon))
			it->has_geo = 1;
	} else if (ns == SR_XNS_GEORSS && strcasecmp(local, "where") == 0) {
		/* georss:where / gml:Point / gml:pos */
		for (xmlNode *p = e->children; p; p = p->next)
			for (xmlNode *q = p->children; q && p->type == XML_ELEMENT_NODE; q = q->next)
				if (sr_xml_is(q, SR_XNS_GML, "pos") &&
				    parse_point(sr_xml_text(q, c->a), &it->lat, &it->lon))
					it->has_geo = 1;
	} else if (ns == SR_XNS_GEO && strcasecmp(local, "lat") == 0) {
		const char *t = sr_xml_text(e, c->a);
		if (t) {
			*glat = strtod(t, NULL);
			*gmask |= 1;
		}
	} else if (ns == SR_XNS_GEO && strcasecmp(local, "long") == 0) {
		const char *t = sr_xml_text(e, c->a);
		if (t) {
			*glon = strtod(t, NULL);
			*gmask |= 2;
		}
	} else if (ns == SR_XNS_GEO && strcasecmp(local, "point") == 0) {
		for (xmlNode *k = e->children; k; k = k->next) {
			const char *l;
			int kn;
			if (k->type == XML_ELEMENT_NODE && (kn = sr_xns_of(k, &l)) == SR_XNS_GEO)
				geo(c, acc, k, kn, l, glat, glon, gmask);
		}
	}
}

static void parse_item(ctx *c, xmlNode *node, sr_feed_item *it)
{
	item_acc acc;
	memset(&acc, 0, sizeof(acc));
	acc.it = it;
	double glat = 0, glon = 0;
	int gmask = 0;
	sr_arena *a = c->a;
	const char *about = sr_xml_attr(node, "about", a);
	for (xmlNode *e = node->children; e; e = e->next) {
		if (e->type != XML_ELEMENT_NODE)
			continue;
		const char *l;
		int ns = ns_of(c, e, &l);
		int plain = ns == SR_XNS_NONE || ns == SR_XNS_RSS1;
		if ((plain || ns == SR_XNS_ATOM || ns == SR_XNS_DC) && !strcasecmp(l, "title")) {
			if (!it->title)
				it->title = ns == SR_XNS_ATOM ? atom_text(c, e) : sr_xml_text(e, a);
		} else if (plain && !strcasecmp(l, "link")) {
			const char *t = sr_xml_text(e, a);
			if (!t)
				t = sr_xml_attr(e, "href", a);
			if (!it->link && t)
				it->link = resolve_at(c->doc, e, t, a);
		} else if (ns == SR_XNS_ATOM && !strcasecmp(l, "link")) {
			const char *rel = sr_xml_attr(e, "rel", a);
			const char *href = sr_xml_attr(e, "href", a);
			const char *type = sr_xml_attr(e, "type", a);
			if (!href)
				continue;
			if ((!rel || !strcasecmp(rel, "alternate")) && !it->link)
				it->link = resolve_at(c->doc, e, href, a);
			else if (rel && !strcasecmp(rel, "enclosure") && type &&
				 !strncasecmp(type, "image/", 6) && !it->image)
				it->image = resolve_at(c->doc, e, href, a);
		} else if (ns == SR_XNS_NONE && !strcasecmp(l, "guid")) {
			it->id = sr_xml_text(e, a);
			const char *pl = sr_xml_attr(e, "isPermaLink", a);
			if (it->id && !(pl && !strcasecmp(pl, "false")))
				acc.guid_link = resolve_at(c->doc, e, it->id, a);
		} else if (ns == SR_XNS_ATOM && !strcasecmp(l, "id")) {
			it->id = sr_xml_text(e, a);
		} else if (plain && !strcasecmp(l, "description")) {
			if (!it->summary)
				it->summary = sr_xml_text(e, a);
		} else if (ns == SR_XNS_ATOM && !strcasecmp(l, "summary")) {
			if (!it->summary)
				it->summary = atom_text(c, e);
		} else if (ns == SR_XNS_ATOM && !strcasecmp(l, "content")) {
			if (!it->content)
				it->content = atom_text(c, e);
		} else if (ns == SR_XNS_CONTENT && !strcasecmp(l, "encoded")) {
			it->content = sr_xml_text(e, a);
		} else if (ns == SR_XNS_DC && !strcasecmp(l, "description")) {
			if (!it->summary)
				it->summary = sr_xml_text(e, a);
		} else if (plain && !strcasecmp(l, "pubDate")) {
			it->published = sr_xml_text(e, a);
		} else if (ns == SR_XNS_DC && (!strcasecmp(l, "date") || !strcasecmp(l, "issued"))) {
			acc.dc_date = sr_xml_text(e, a);
		} else if (ns == SR_XNS_DC && !strcasecmp(l, "modified")) {
			acc.updated = sr_xml_text(e, a);
		} else if (ns == SR_XNS_ATOM && (!strcasecmp(l, "published") || !strcasecmp(l, "issued"))) {
			it->published = sr_xml_text(e, a);
		} else if (ns == SR_XNS_ATOM && (!strcasecmp(l, "updated") || !strcasecmp(l, "modified"))) {
			acc.updated = sr_xml_text(e, a);
		} else if (ns == SR_XNS_NONE && !strcasecmp(l, "author")) {
			list_add(&acc.authors, rss_author(sr_xml_text(e, a), a));
		} else if (ns == SR_XNS_ATOM && !strcasecmp(l, "author")) {
			for (xmlNode *k = e->children; k; k = k->next) {
				const char *kl;
				if (k->type == XML_ELEMENT_NODE && ns_of(c, k, &kl) == SR_XNS_ATOM &&
				    !strcasecmp(kl, "name"))
					list_add(&acc.authors, sr_xml_text(k, a));
			}
		} else if (ns == SR_XNS_DC && !strcasecmp(l, "creator")) {
			list_add(&acc.authors, rss_author(sr_xml_text(e, a), a));
		} else if (ns == SR_XNS_NONE && !strcasecmp(l, "category")) {
			list_add(&acc.cats, sr_xml_text(e, a));
		} else if (ns == SR_XNS_ATOM && !strcasecmp(l, "category")) {
			const char *t = sr_xml_attr(e, "label", a);
			list_add(&acc.cats, t ? t : sr_xml_attr(e, "term", a));
		} else if (ns == SR_XNS_DC && !strcasecmp(l, "subject")) {
			list_add(&acc.cats, sr_xml_text(e, a));
		} else if (ns == SR_XNS_MEDIA) {
			media(c, &acc, e, l);
		} else if (ns == SR_XNS_NONE && !strcasecmp(l, "enclosure")) {
			const char *type = sr_xml_attr(e, "type", a);
			const char *url = sr_xml_attr(e, "url", a);
			if (url && !it->image && ((type && !strncasecmp(type, "image/", 6)) ||
						  (!type && is_image_url(url))))
				it->image = resolve_at(c->doc, e, url, a);
		} else if (ns == SR_XNS_GEORSS || ns == SR_XNS_GEO) {
			geo(c, &acc, e, ns, l, &glat, &glon, &gmask);
		}
	}
	if (!it->link)
		it->link = acc.guid_link;
	if (!it->link && about)
		it->link = resolve_at(c->doc, node, about, a);
	if (!it->id)
		it->id = about;
	if (!it->image)
		it->image = acc.thumb;
	char d[SR_FEED_DATE_MAX];
	const char *pub = it->published ? it->published : acc.dc_date;
	it->published = pub && sr_feed_date(pub, d) ? sr_arena_strdup(a, d) : NULL;
	it->updated = acc.updated && sr_feed_date(acc.updated, d) ? sr_arena_strdup(a, d) : NULL;
	if (!it->published && acc.dc_date && sr_feed_date(acc.dc_date, d))
		it->published = sr_arena_strdup(a, d);
	if (!it->published)
		it->published = it->updated;
	if (!it->has_geo && gmask == 3 && glat >= -90 && glat <= 90 && glon >= -180 && glon <= 180) {
		it->has_geo = 1;
		it->lat = glat;
		it->lon = glon;
	}
	it->authors = list_copy(&acc.authors, a, &it->n_authors);
	it->categories = list_copy(&acc.cats, a, &it->n_categories);
}

static int is_item(const ctx *c, const xmlNode *e)
{
	if (e->type != XML_ELEMENT_NODE)
		return 0;
	const char *l;
	int ns = ns_of(c, e, &l);
	if (c->main_ns == SR_XNS_ATOM)
		return ns == SR_XNS_ATOM && !strcasecmp(l, "entry");
	return (ns == SR_XNS_NONE || ns == SR_XNS_RSS1) && !strcasecmp(l, "item");
}

static void channel_meta(ctx *c, xmlNode *ch, sr_feed *f)
{
	for (xmlNode *e = ch ? ch->children : NULL; e; e = e->next) {
		if (e->type != XML_ELEMENT_NODE)
			continue;
		const char *l;
		int ns = ns_of(c, e, &l);
		int plain = ns == SR_XNS_NONE || ns == SR_XNS_RSS1;
		if ((plain || ns == SR_XNS_ATOM) && !strcasecmp(l, "title") && !f->title)
			f->title = sr_xml_text(e, c->a);
		else if (plain && !strcasecmp(l, "link") && !f->link)
			f->link = resolve_at(c->doc, e, sr_xml_text(e, c->a), c->a);
		else if (ns == SR_XNS_ATOM && !strcasecmp(l, "link") && !f->link) {
			const char *rel = sr_xml_attr(e, "rel", c->a);
			if (!rel || !strcasecmp(rel, "alternate"))
				f->link = resolve_at(c->doc, e, sr_xml_attr(e, "href", c->a), c->a);
		} else if ((plain && !strcasecmp(l, "description")) ||
			   (ns == SR_XNS_ATOM && (!strcasecmp(l, "subtitle") || !strcasecmp(l, "tagline")))) {
			if (!f->description)
				f->description = sr_xml_text(e, c->a);
		} else if ((plain && !strcasecmp(l, "language")) || (ns == SR_XNS_DC && !strcasecmp(l, "language"))) {
			if (!f->lang)
				f->lang = sr_xml_text(e, c->a);
		}
	}
}

static int count_items(const ctx *c, xmlNode *parent)
{
	int n = 0;
	for (xmlNode *e = parent ? parent->children : NULL; e; e = e->next)
		n += is_item(c, e);
	return n;
}

static int parse_xml(const char *bytes, size_t len, const char *url, const char *ct, sr_arena *a,
		     sr_feed *f, char why[SR_FEED_WHY_MAX])
{
	xmlDoc *doc = NULL;
	int recovered = 0;
	char xwhy[SR_XMLIN_WHY_MAX];
	int rc = sr_xmlin_read(bytes, len, url, ct, 0, &doc, &recovered, xwhy);
	if (rc) {
		snprintf(why, SR_FEED_WHY_MAX, "%s", xwhy[0] ? xwhy : sr_strerror(rc));
		return rc;
	}
	ctx c = {.doc = doc, .a = a, .main_ns = SR_XNS_NONE};
	xmlNode *root = xmlDocGetRootElement(doc);
	const char *rl;
	int rns = sr_xns_of(root, &rl);
	xmlNode *channel = NULL, *holder = NULL;
	if (!strcasecmp(rl, "rss") && (rns == SR_XNS_NONE || rns == SR_XNS_OTHER)) {
		f->format = SR_FEED_RSS;
		for (xmlNode *e = root->children; e; e = e->next)
			if (e->type == XML_ELEMENT_NODE && !strcasecmp((const char *)e->name, "channel")) {
				channel = e;
				break;
			}
		holder = channel;
		/* broken feeds put items beside the channel */
		if (!count_items(&c, channel) && count_items(&c, root))
			holder = root;
	} else if (!strcasecmp(rl, "RDF") && (rns == SR_XNS_RDF || rns == SR_XNS_OTHER || rns == SR_XNS_NONE)) {
		f->format = SR_FEED_RDF;
		c.main_ns = SR_XNS_RSS1;
		for (xmlNode *e = root->children; e; e = e->next)
			if (e->type == XML_ELEMENT_NODE && !strcasecmp((const char *)e->name, "channel")) {
				channel = e;
				break;
			}
		holder = root;
		if (!count_items(&c, root) && count_items(&c, channel))
			holder = channel;
	} else if (!strcasecmp(rl, "feed") && (rns == SR_XNS_ATOM || rns == SR_XNS_NONE)) {
		f->format = SR_FEED_ATOM;
		c.main_ns = SR_XNS_ATOM;
		channel = holder = root;
	} else {
		snprintf(why, SR_FEED_WHY_MAX, "not a feed: the root element is <%s>", (const char *)root->name);
		rc = SR_EPARSE;
		goto out;
	}
	channel_meta(&c, channel, f);
	if (f->format == SR_FEED_ATOM) {
		const char *lang = sr_xml_attr(root, "lang", a);
		if (lang && !f->lang)
			f->lang = lang;
	}
	int n = count_items(&c, holder);
	if (n > SR_FEED_MAX_ITEMS)
		n = SR_FEED_MAX_ITEMS;
	if (n) {
		f->items = sr_arena_alloc(a, (size_t)n * sizeof(*f->items));
		if (!f->items) {
			rc = SR_ENOMEM;
			goto out;
		}
	}
	for (xmlNode *e = holder ? holder->children : NULL; e && f->n_items < (size_t)n; e = e->next)
		if (is_item(&c, e))
			parse_item(&c, e, &f->items[f->n_items++]);
	f->recovered = recovered;
	if (recovered)
		snprintf(why, SR_FEED_WHY_MAX, "recovered: %.200s", xwhy);
	rc = SR_OK;
out:
	xmlFreeDoc(doc);
	return rc;
}

/* ---- JSON Feed ------------------------------------------------------------------------ */

static const char *jstr(json_t *o, const char *key, sr_arena *a)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_string(v))
		return NULL;
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (!n)
		return NULL;
	return sr_arena_strndup(a, s, n);
}

static int parse_json(const char *bytes, size_t len, const char *url, sr_arena *a, sr_feed *f,
		      char why[SR_FEED_WHY_MAX])
{
	json_error_t err;
	sr_buf clean;
	sr_buf_init(&clean, len + 16);
	json_t *root = json_loadb(bytes, len, 0, &err);
	if (!root && sr_utf8_sanitize(&clean, bytes, len) == SR_OK)
		root = json_loadb(clean.data, clean.len, 0, &err);
	sr_buf_release(&clean);
	if (!root) {
		snprintf(why, SR_FEED_WHY_MAX, "not valid JSON (line %d: %s)", err.line, err.text);
		return SR_EPARSE;
	}
	int rc = SR_OK;
	json_t *items = json_object_get(root, "items");
	if (!json_is_object(root) || !json_is_array(items)) {
		snprintf(why, SR_FEED_WHY_MAX, "not a JSON Feed: no \"items\" array");
		rc = SR_EPARSE;
		goto out;
	}
	f->format = SR_FEED_JSON;
	f->title = jstr(root, "title", a);
	f->description = jstr(root, "description", a);
	f->lang = jstr(root, "language", a);
	const char *feed_url = jstr(root, "feed_url", a);
	const char *base = url ? url : feed_url;
	f->link = sr_feed_resolve(base, jstr(root, "home_page_url", a), a);
	size_t n = json_array_size(items);
	if (n > SR_FEED_MAX_ITEMS)
		n = SR_FEED_MAX_ITEMS;
	if (n && !(f->items = sr_arena_alloc(a, n * sizeof(*f->items)))) {
		rc = SR_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_array_get(items, i);
		if (!json_is_object(o))
			continue;
		sr_feed_item *it = &f->items[f->n_items++];
		json_t *idv = json_object_get(o, "id");
		if (json_is_string(idv))
			it->id = jstr(o, "id", a);
		else if (json_is_integer(idv))
			it->id = sr_arena_printf(a, "%lld", (long long)json_integer_value(idv));
		it->link = sr_feed_resolve(base, jstr(o, "url", a), a);
		if (!it->link)
			it->link = sr_feed_resolve(base, jstr(o, "external_url", a), a);
		it->title = jstr(o, "title", a);
		it->summary = jstr(o, "summary", a);
		it->content = jstr(o, "content_html", a);
		if (!it->content)
			it->content = jstr(o, "content_text", a);
		it->image = sr_feed_resolve(base, jstr(o, "image", a), a);
		if (!it->image)
			it->image = sr_feed_resolve(base, jstr(o, "banner_image", a), a);
		char d[SR_FEED_DATE_MAX];
		const char *s = jstr(o, "date_published", a);
		it->published = s && sr_feed_date(s, d) ? sr_arena_strdup(a, d) : NULL;
		s = jstr(o, "date_modified", a);
		it->updated = s && sr_feed_date(s, d) ? sr_arena_strdup(a, d) : NULL;
		if (!it->published)
			it->published = it->updated;
		list authors = {.n = 0}, tags = {.n = 0};
		json_t *av = json_object_get(o, "authors");
		if (!json_is_array(av))
			av = json_object_get(root, "authors");
		size_t k;
		json_t *x;
		if (json_is_array(av))
			json_array_foreach(av, k, x) list_add(&authors, jstr(x, "name", a));
		json_t *one = json_object_get(o, "author");
		if (!authors.n && json_is_object(one))
			list_add(&authors, jstr(one, "name", a));
		json_t *tv = json_object_get(o, "tags");
		if (json_is_array(tv))
			json_array_foreach(tv, k, x) if (json_is_string(x))
				list_add(&tags, sr_arena_strdup(a, json_string_value(x)));
		it->authors = list_copy(&authors, a, &it->n_authors);
		it->categories = list_copy(&tags, a, &it->n_categories);
		/* the _geo extension some feeds use: {"_geo": {"coordinates": [lon, lat]}} */
		json_t *g = json_object_get(o, "_geo");
		json_t *co = json_is_object(g) ? json_object_get(g, "coordinates") : NULL;
		if (json_is_array(co) && json_array_size(co) == 2 &&
		    json_is_number(json_array_get(co, 0)) && json_is_number(json_array_get(co, 1))) {
			double lon = json_number_value(json_array_get(co, 0));
			double lat = json_number_value(json_array_get(co, 1));
			if (lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) {
				it->has_geo = 1;
				it->lat = lat;
				it->lon = lon;
			}
		}
	}
out:
	json_decref(root);
	return rc;
}

/* ---- entry points --------------------------------------------------------------------- */

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

int sr_feed_parse(const char *bytes, size_t len, const char *url, const char *content_type,
		  sr_arena *a, sr_feed *out, char why[SR_FEED_WHY_MAX])
{
	memset(out, 0, sizeof(*out));
	why[0] = '\0';
	sr_buf plain;
	sr_buf_init(&plain, (size_t)64 << 20);
	int rc;
	if (sr_gz_is_gzip(bytes, len)) {
		if ((rc = sr_gz_inflate(&plain, bytes, len))) {
			snprintf(why, SR_FEED_WHY_MAX, "corrupt gzip data");
			goto out;
		}
		bytes = plain.data ? plain.data : "";
		len = plain.len;
	}
	const char *p = bytes, *end = bytes + len;
	if (len >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
		p += 3;
	p = skip_ws(p, end);
	if (p == end) {
		snprintf(why, SR_FEED_WHY_MAX, "empty document");
		rc = SR_EEMPTY;
		goto out;
	}
	if (*p == '{' || *p == '[')
		rc = parse_json(p, (size_t)(end - p), url, a, out, why);
	else
		rc = parse_xml(bytes, len, url, content_type, a, out, why);
out:
	sr_buf_release(&plain);
	return rc;
}

sr_resource_kind sr_resource_sniff(const char *bytes, size_t len, const char *url,
				   const char *content_type)
{
	sr_buf plain;
	sr_buf_init(&plain, (size_t)1 << 20);
	sr_resource_kind k = SR_KIND_UNKNOWN;
	if (sr_gz_is_gzip(bytes, len)) {
		sr_gz_inflate(&plain, bytes, len); /* a prefix is enough */
		bytes = plain.data ? plain.data : "";
		len = plain.len;
	}
	const char *p = bytes, *end = bytes + (len > 65536 ? 65536 : len);
	if (end - p >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB)
		p += 3;
	p = skip_ws(p, end);
	if (p < end && *p == '{') {
		k = memmem(p, (size_t)(end - p), "jsonfeed.org", 12) || memmem(p, (size_t)(end - p), "\"items\"", 7)
			    ? SR_KIND_FEED
			    : SR_KIND_UNKNOWN;
		goto out;
	}
	/* the first element name that is not <?...?>, <!...> */
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		if (!lt || lt + 1 >= end)
			break;
		p = lt + 1;
		if (*p == '?' || *p == '!')
			continue;
		const char *n = p;
		while (p < end && (isalnum((unsigned char)*p) || *p == ':' || *p == '_' || *p == '-'))
			p++;
		size_t nl = (size_t)(p - n);
		const char *colon = memchr(n, ':', nl);
		if (colon) {
			nl -= (size_t)(colon + 1 - n);
			n = colon + 1;
		}
#define NAME_IS(s) (nl == strlen(s) && strncasecmp(n, s, nl) == 0)
		if (NAME_IS("rss") || NAME_IS("RDF") || NAME_IS("feed") || NAME_IS("channel"))
			k = SR_KIND_FEED;
		else if (NAME_IS("urlset") || NAME_IS("sitemapindex"))
			k = SR_KIND_SITEMAP;
		else if (NAME_IS("html") || NAME_IS("head") || NAME_IS("body") || NAME_IS("meta") ||
			 NAME_IS("title") || NAME_IS("div") || NAME_IS("p") || NAME_IS("link"))
			k = SR_KIND_HTML;
#undef NAME_IS
		goto out;
	}
	/* not markup: robots.txt? */
	{
		const char *q = bytes;
		const char *qe = bytes + (len > 65536 ? 65536 : len);
		int robots_path = url && strstr(url, "/robots.txt") != NULL;
		while (q < qe) {
			const char *nl = memchr(q, '\n', (size_t)(qe - q));
			const char *le = nl ? nl : qe;
			const char *s = skip_ws(q, le);
			if (((size_t)(le - s) >= 11 && strncasecmp(s, "user-agent:", 11) == 0) ||
			    ((size_t)(le - s) >= 8 && strncasecmp(s, "sitemap:", 8) == 0) ||
			    ((size_t)(le - s) >= 9 && strncasecmp(s, "disallow:", 9) == 0)) {
				k = SR_KIND_ROBOTS;
				goto out;
			}
			q = le + 1;
		}
		if (robots_path && !(content_type && strstr(content_type, "html")))
			k = SR_KIND_ROBOTS;
	}
out:
	sr_buf_release(&plain);
	return k;
}

static int has_token(const char *list_s, const char *tok)
{
	size_t tl = strlen(tok);
	const char *p = list_s;
	while (p && *p) {
		while (*p == ' ' || *p == '\t')
			p++;
		const char *e = p;
		while (*e && *e != ' ' && *e != '\t')
			e++;
		if ((size_t)(e - p) == tl && strncasecmp(p, tok, tl) == 0)
			return 1;
		p = e;
	}
	return 0;
}

static const char *feed_type(const char *t)
{
	if (!t)
		return NULL;
	static const char *const types[] = {"application/rss+xml", "application/atom+xml",
					    "application/feed+json", "application/json",
					    "application/rdf+xml", "text/xml", "application/xml"};
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strncasecmp(t, types[i], strlen(types[i])) == 0)
			return types[i];
	return NULL;
}

typedef struct disc {
	sr_arena *a;
	const char *base;
	sr_feed_link *v;
	size_t n, cap;
} disc;

static void walk_html(disc *d, xmlNode *n, int depth)
{
	for (xmlNode *e = n; e && depth < 256; e = e->next) {
		if (e->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)e->name;
		if (!strcasecmp(name, "base") && d->base == NULL) {
			const char *h = sr_xml_attr(e, "href", d->a);
			if (h)
				d->base = h;
		} else if (!strcasecmp(name, "link") && d->n < d->cap) {
			const char *rel = sr_xml_attr(e, "rel", d->a);
			const char *type = feed_type(sr_xml_attr(e, "type", d->a));
			const char *href = sr_xml_attr(e, "href", d->a);
			if (rel && has_token(rel, "alternate") && type && href) {
				sr_feed_link *l = &d->v[d->n];
				l->url = sr_feed_resolve(d->base, href, d->a);
				l->type = type;
				l->title = sr_xml_attr(e, "title", d->a);
				if (l->url)
					d->n++;
			}
		}
		if (e->children && strcasecmp(name, "script") && strcasecmp(name, "style"))
			walk_html(d, e->children, depth + 1);
	}
}

int sr_feed_discover(const char *html, size_t len, const char *url, sr_arena *a,
		     sr_feed_link **links, size_t *n)
{
	*links = NULL;
	*n = 0;
	if (!len || len > 0x7fffffff)
		return SR_OK;
	xmlInitParser();
	htmlDocPtr doc = htmlReadMemory(html, (int)len, url, NULL,
				       HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
					       HTML_PARSE_NONET | HTML_PARSE_NOBLANKS);
	if (!doc)
		return SR_OK;
	disc d = {.a = a, .base = NULL, .cap = 32};
	d.v = sr_arena_alloc(a, d.cap * sizeof(*d.v));
	if (!d.v) {
		xmlFreeDoc(doc);
		return SR_ENOMEM;
	}
	/* <base href> first (it may come after a link in broken pages: two passes are cheap) */
	disc pre = d;
	pre.cap = 0;
	walk_html(&pre, xmlDocGetRootElement(doc), 0);
	d.base = pre.base ? sr_feed_resolve(url, pre.base, a) : NULL;
	if (!d.base)
		d.base = url;
	const char *keep = d.base;
	walk_html(&d, xmlDocGetRootElement(doc), 0);
	(void)keep;
	xmlFreeDoc(doc);
	*links = d.v;
	*n = d.n;
	return SR_OK;
}
