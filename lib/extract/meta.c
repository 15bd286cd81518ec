/*
 * meta.c - metadata from <meta>, OpenGraph, JSON-LD, microdata and markup (see meta.h).
 */
#include "extract/meta.h"
#include "extract/dom.h"

#include <jansson.h>
#include <libxml/uri.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "extract/clean.h"
#include "extract/date.h"
#include "extract/script.h"

#define MAX_AUTHORS 16
#define MAX_TAGS 32
#define MAX_IDS 32

typedef struct cand {
	const char *v;
	int prio;
} cand;

typedef struct meta_ctx {
	sr_arena *a;
	const char *url;
	int oom;
	cand title, pub, mod, section, desc, canon, site, lang, image;
	cand og_pub; /* article:published_time, kept apart (see sr_meta_extract) */
	const char *authors[MAX_AUTHORS];
	size_t n_authors;
	int authors_prio;
	/* earlier, lower-priority author sets, kept in case the winner is the site's name */
	struct {
		const char **names;
		size_t n;
		int prio;
	} prev_authors[6]; /* in ascending priority */
	size_t n_prev_authors;
	const char *tags[MAX_TAGS];
	size_t n_tags;
	int tags_prio;
	const char *title_tag;
	const char *h1;
	int n_h1;
	/* every metadata title as written (JSON-LD, og:, twitter: ...), and the page's
	 * visible headings (<h1>, then <h2>), for the agreement vote (pick_agreed) */
	const char *meta_titles[8];
	size_t n_meta_titles;
	const char *heads[24];
	unsigned char head_lvl[24];
	int n_h2;
	size_t n_heads;
	/* headings laid out as a kicker and a headline in children whose class says so
	 * (deck_kicker, deck_head), for pick_agreed */
	const char *deck_kicker[4];
	const char *deck_head[4];
	size_t n_decks;
	int seen_time;
	int seen_byline;
	int seen_dateline;
	/* JSON-LD @id -> name, for author references */
	const char *id_key[MAX_IDS];
	const char *id_name[MAX_IDS];
	size_t n_ids;
	/* an author named in an inline script (script.h), and the script bytes read so far */
	const char *script_author;
	size_t script_read;
	/* twitter:labelN says "Written by": bit N (1..8) */
	unsigned tw_author_label;
} meta_ctx;

/* Script bytes read per page at most, for the author scan. */
#define SCRIPT_BUDGET (1024u * 1024u)

/* Priorities: the higher wins.  Listed in docs/EXTRACTION.md. */
enum {
	P_LD_ARTICLE = 70,
	P_META_STRONG = 60, /* og:*, article:*, link canonical */
	P_ITEMPROP = 55,
	P_META = 50,        /* name=author, description, dc.* */
	P_URL_DATE = 40,
	P_REL = 38,
	P_LD_PAGE = 35,     /* WebPage / WebSite / Organization nodes */
	P_TIME = 32,
	P_CLASS = 28,
	P_WEAK = 20,
	P_SCRIPT = 10,      /* a name in script state: the last resort */
};

static void set(meta_ctx *m, cand *c, const char *v, int prio)
{
	if (v && *v && prio > c->prio) {
		c->v = v;
		c->prio = prio;
	}
}

static void set_text(meta_ctx *m, cand *c, const char *s, int prio)
{
	if (!s || prio <= c->prio)
		return;
	set(m, c, sr_clean_markup(m->a, s, strlen(s)), prio);
}

/* A title from metadata: a candidate for the field and, as written, for the vote. */
static void set_title(meta_ctx *m, const char *s, int prio)
{
	if (!s)
		return;
	char *t = sr_clean_markup(m->a, s, strlen(s));
	if (!t)
		return;
	if (m->n_meta_titles < sizeof(m->meta_titles) / sizeof(m->meta_titles[0]))
		m->meta_titles[m->n_meta_titles++] = t;
	set(m, &m->title, t, prio);
}

static void set_date(meta_ctx *m, cand *c, const char *s, int prio)
{
	if (!s || prio <= c->prio)
		return;
	char iso[SR_DATE_MAX];
	size_t n = strlen(s);
	if (n > 300)
		n = 300;
	if (sr_date_find(s, n, iso, NULL, NULL))
		set(m, c, sr_arena_strdup(m->a, iso), prio);
}

static void set_url(meta_ctx *m, cand *c, const char *s, int prio)
{
	if (!s || prio <= c->prio)
		return;
	while (*s == ' ' || *s == '\n' || *s == '\t')
		s++;
	if (!*s || strncmp(s, "data:", 5) == 0 || strncmp(s, "javascript:", 11) == 0)
		return;
	const char *v = s;
	xmlChar *abs = NULL;
	if (m->url && !strstr(s, "://")) {
		abs = xmlBuildURI((const xmlChar *)s, (const xmlChar *)m->url);
		if (abs)
			v = (const char *)abs;
	}
	set(m, c, sr_clean_space(m->a, v, strlen(v)), prio);
	xmlFree(abs);
}

/* Keep an author set that is not (or no longer) the best, in priority order, in case the
 * best one turns out to be the site's own name. */
static void archive_set(meta_ctx *m, const char *const *names, size_t cnt, int prio)
{
	if (cnt == 0)
		return;
	size_t cap = sizeof(m->prev_authors) / sizeof(m->prev_authors[0]);
	size_t k = m->n_prev_authors;
	if (k == cap) {
		if (prio <= m->prev_authors[0].prio)
			return;
		memmove(m->prev_authors, m->prev_authors + 1, sizeof(m->prev_authors[0]) * (k - 1));
		k--;
	}
	const char **v = sr_arena_alloc(m->a, cnt * sizeof(*v));
	if (!v)
		return;
	memcpy(v, names, cnt * sizeof(*v));
	size_t at = k;
	while (at > 0 && m->prev_authors[at - 1].prio > prio)
		at--;
	memmove(m->prev_authors + at + 1, m->prev_authors + at,
		sizeof(m->prev_authors[0]) * (k - at));
	m->prev_authors[at].names = v;
	m->prev_authors[at].n = cnt;
	m->prev_authors[at].prio = prio;
	m->n_prev_authors = k + 1;
}

static void archive_authors(meta_ctx *m)
{
	archive_set(m, m->authors, m->n_authors, m->authors_prio);
}

/* A candidate author set at prio: the best so far, or kept aside when a better one is known.
 * Returns whether it held a name. */
static int set_authors(meta_ctx *m, const char *s, size_t n, int prio)
{
	if (!s)
		return 0;
	const char *names[MAX_AUTHORS];
	size_t cnt = 0;
	sr_clean_authors(m->a, s, n, names, &cnt, MAX_AUTHORS, prio <= P_REL);
	if (cnt == 0)
		return 0;
	if (prio <= m->authors_prio) {
		archive_set(m, names, cnt, prio);
		return 1;
	}
	archive_authors(m);
	memcpy(m->authors, names, cnt * sizeof(names[0]));
	m->n_authors = cnt;
	m->authors_prio = prio;
	return 1;
}

/* Add tags (comma separated when split) at prio: a higher prio replaces the list. */
static void add_tags(meta_ctx *m, const char *s, int prio, int split)
{
	if (!s || prio < m->tags_prio)
		return;
	if (prio > m->tags_prio) {
		m->n_tags = 0;
		m->tags_prio = prio;
	}
	size_t n = strlen(s);
	size_t st = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && !(split && (s[i] == ',' || s[i] == ';')))
			continue;
		char *t = sr_clean_markup(m->a, s + st, i - st);
		st = i + 1;
		if (!t || strlen(t) > 80 || m->n_tags >= MAX_TAGS)
			continue;
		size_t k;
		for (k = 0; k < m->n_tags; k++)
			if (sr_clean_ieq(m->tags[k], t))
				break;
		if (k == m->n_tags)
			m->tags[m->n_tags++] = t;
	}
}

/* Visible text of n (no script/style), whitespace collapsed, at most cap bytes read. */
static char *node_text(sr_arena *a, xmlNodePtr n, size_t cap)
{
	sr_buf b;
	sr_buf_init(&b, cap + 8);
	xmlNodePtr c = n->children;
	while (c && b.len < cap) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				sr_buf_append(&b, c->content, strlen((const char *)c->content));
		} else if (c->type == XML_ELEMENT_NODE && c->children &&
			   !sr_dom_is(c, "script") && !sr_dom_is(c, "style") && !sr_dom_is(c, "noscript")) {
			if (sr_dom_is(c, "br") || sr_dom_is(c, "p") || sr_dom_is(c, "div") || sr_dom_is(c, "li"))
				sr_buf_putc(&b, ' ');
			c = c->children;
			continue;
		} else if (sr_dom_is(c, "br")) {
			sr_buf_putc(&b, ' ');
		}
		while (c && !c->next && c != n) {
			c = c->parent;
			if (c == n)
				c = NULL;
			else if (c && c->type == XML_ELEMENT_NODE)
				sr_buf_putc(&b, ' ');
		}
		if (c)
			c = c->next;
	}
	char *r = b.len ? sr_clean_space(a, b.data, b.len) : NULL;
	sr_buf_release(&b);
	return r;
}

static int class_says(xmlNodePtr n, const char *const *words);

static void heading_into(sr_arena *a, xmlNodePtr h, sr_buf *b, int depth);

/* The text of a heading without its kicker: when a child's class says "headline" or
 * "title", the last such child; else the children that are not a kicker (a <small>, or a
 * class naming a kicker, "Dachzeile", topline, eyebrow, label, screen-reader text), and so
 * on inside them.  Soft hyphens dropped. */
static char *heading_text(sr_arena *a, xmlNodePtr h)
{
	sr_buf b;
	sr_buf_init(&b, 1200);
	heading_into(a, h, &b, 0);
	/* drop soft hyphens (U+00AD) */
	size_t j = 0;
	for (size_t i = 0; i < b.len; i++) {
		if (i + 1 < b.len && (unsigned char)b.data[i] == 0xC2 &&
		    (unsigned char)b.data[i + 1] == 0xAD) {
			i++;
			continue;
		}
		b.data[j++] = b.data[i];
	}
	char *r = j ? sr_clean_space(a, b.data, j) : NULL;
	sr_buf_release(&b);
	return r;
}

static const char *const kick[] = {"kicker", "dachzeile", "topline", "overline",
				   "eyebrow", "roofline", "supertitle", "subtitle",
				   "flytitle", "visually-hidden", "sr-only",
				   "screen-reader", "invisible", "label", "topic", NULL};
static const char *const head[] = {"headline", "title", NULL};

/* A heading laid out as a kicker and a headline: a child whose class says "headline" or
 * "title" (not a kicker's) after a sibling element with text (the kicker, whatever its
 * class).  The kicker's text, or NULL. */
static char *heading_kicker(sr_arena *a, xmlNodePtr h)
{
	xmlNodePtr only = NULL, before = NULL;
	for (xmlNodePtr c = h->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (class_says(c, head) && !class_says(c, kick)) {
			only = c;
			break;
		}
		if (!sr_dom_is(c, "br") && !before)
			before = c;
	}
	if (!only || !before || class_says(before, head))
		return NULL;
	char *k = node_text(a, before, 300);
	return k && *k ? k : NULL;
}

static void heading_into(sr_arena *a, xmlNodePtr h, sr_buf *b, int depth)
{
	xmlNodePtr only = NULL;
	for (xmlNodePtr c = h->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && class_says(c, head) && !class_says(c, kick))
			only = c;
	for (xmlNodePtr c = h->children; c; c = c->next) {
		if (only && c != only)
			continue;
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				sr_buf_append(b, c->content, strlen((const char *)c->content));
		} else if (c->type == XML_ELEMENT_NODE) {
			if (sr_dom_is(c, "br")) {
				sr_buf_putc(b, ' ');
				continue;
			}
			if (sr_dom_is(c, "small") || sr_dom_is(c, "script") || sr_dom_is(c, "style") ||
			    class_says(c, kick))
				continue;
			if (depth < 4) {
				heading_into(a, c, b, depth + 1);
			} else {
				char *t = node_text(a, c, 1000);
				if (t)
					sr_buf_append(b, t, strlen(t));
			}
		}
	}
}

/* ---- JSON-LD ---- */

static const char *js(json_t *v)
{
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int type_is(json_t *obj, const char *const *types)
{
	json_t *t = json_object_get(obj, "@type");
	for (size_t i = 0; types[i]; i++) {
		if (json_is_string(t) && sr_clean_ieq(json_string_value(t), types[i]))
			return 1;
		if (json_is_array(t)) {
			size_t k;
			json_t *e;
			json_array_foreach(t, k, e) if (json_is_string(e) &&
							 sr_clean_ieq(json_string_value(e), types[i])) return 1;
		}
	}
	return 0;
}

static const char *const article_types[] = {
	"Article", "NewsArticle", "BlogPosting", "ReportageNews", "AnalysisNewsArticle",
	"OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "LiveBlogPosting",
	"ScholarlyArticle", "TechArticle", "Report", "SocialMediaPosting", "DiscussionForumPosting",
	"AdvertiserContentArticle", "SatiricalArticle", "Posting", "Blog", "Recipe", "Review",
	"VideoObject", "Event", "Product", "HowTo", "Question", NULL};
/* article_types that are not articles (their dates and authors still count) */
static const char *const other_types[] = {"Recipe", "Review", "VideoObject", "Event",
					  "Product", "HowTo", "Question", NULL};
static const char *const page_types[] = {"WebPage", "ItemPage", "AboutPage", "CollectionPage",
					 "ContactPage", "FAQPage", "MedicalWebPage", NULL};
static const char *const person_types[] = {"Person", "Organization", "NewsMediaOrganization",
					   "Corporation", NULL};

static void ld_collect_ids(meta_ctx *m, json_t *v, int depth)
{
	if (depth > 8)
		return;
	if (json_is_array(v)) {
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e) ld_collect_ids(m, e, depth + 1);
		return;
	}
	if (!json_is_object(v))
		return;
	const char *id = js(json_object_get(v, "@id"));
	const char *name = js(json_object_get(v, "name"));
	if (id && name && m->n_ids < MAX_IDS && type_is(v, person_types)) {
		m->id_key[m->n_ids] = sr_arena_strdup(m->a, id);
		m->id_name[m->n_ids] = sr_arena_strdup(m->a, name);
		m->n_ids++;
	}
	ld_collect_ids(m, json_object_get(v, "@graph"), depth + 1);
}

static const char *ld_name(meta_ctx *m, json_t *v)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (!json_is_object(v))
		return NULL;
	const char *n = js(json_object_get(v, "name"));
	if (n)
		return n;
	const char *id = js(json_object_get(v, "@id"));
	if (id)
		for (size_t i = 0; i < m->n_ids; i++)
			if (strcmp(m->id_key[i], id) == 0)
				return m->id_name[i];
	return NULL;
}

static void ld_authors(meta_ctx *m, json_t *v, int prio)
{
	if (prio <= m->authors_prio)
		return;
	const char *names[MAX_AUTHORS];
	size_t cnt = 0;
	if (json_is_array(v)) {
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e) {
			const char *n = ld_name(m, e);
			if (n)
				sr_clean_authors(m->a, n, strlen(n), names, &cnt, MAX_AUTHORS,
						 0);
		}
	} else {
		const char *n = ld_name(m, v);
		if (n)
			sr_clean_authors(m->a, n, strlen(n), names, &cnt, MAX_AUTHORS, 0);
	}
	if (cnt) {
		archive_authors(m);
		memcpy(m->authors, names, cnt * sizeof(names[0]));
		m->n_authors = cnt;
		m->authors_prio = prio;
	}
}

static const char *ld_image(json_t *v)
{
	if (json_is_array(v))
		v = json_array_get(v, 0);
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_object(v)) {
		const char *u = js(json_object_get(v, "url"));
		return u ? u : js(json_object_get(v, "contentUrl"));
	}
	return NULL;
}

static void ld_visit(meta_ctx *m, json_t *v, int depth)
{
	if (depth > 8)
		return;
	if (json_is_array(v)) {
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e) ld_visit(m, e, depth + 1);
		return;
	}
	if (!json_is_object(v))
		return;
	json_t *g = json_object_get(v, "@graph");
	if (g)
		ld_visit(m, g, depth + 1);
	int art = type_is(v, article_types);
	int page = !art && type_is(v, page_types);
	if (art || page) {
		int p = art ? P_LD_ARTICLE : P_LD_PAGE;
		const char *h = js(json_object_get(v, "headline"));
		if (!h && art)
			h = js(json_object_get(v, "name"));
		/* the name of an event, a product or a video on the page is not the article's
		 * title unless nothing better says it */
		set_title(m, h, art && !type_is(v, other_types) ? p : P_LD_PAGE);
		set_date(m, &m->pub, js(json_object_get(v, "datePublished")), p);
		if (art)
			set_date(m, &m->pub, js(json_object_get(v, "dateCreated")), p - 1);
		set_date(m, &m->pub, js(json_object_get(v, "uploadDate")), p - 1);
		set_date(m, &m->mod, js(json_object_get(v, "dateModified")), p);
		json_t *au = json_object_get(v, "author");
		if (!au)
			au = json_object_get(v, "creator");
		if (au)
			ld_authors(m, au, p);
		set_text(m, &m->desc, js(json_object_get(v, "description")), p - 15);
		json_t *sec = json_object_get(v, "articleSection");
		if (json_is_array(sec))
			sec = json_array_get(sec, 0);
		set_text(m, &m->section, js(sec), p);
		json_t *kw = json_object_get(v, "keywords");
		if (json_is_string(kw)) {
			add_tags(m, json_string_value(kw), p, 1);
		} else if (json_is_array(kw)) {
			size_t i;
			json_t *e;
			json_array_foreach(kw, i, e) add_tags(m, js(e), p, 0);
		}
		set_url(m, &m->image, ld_image(json_object_get(v, "image")), p - 20);
		set_url(m, &m->image, js(json_object_get(v, "thumbnailUrl")), p - 21);
		json_t *lang = json_object_get(v, "inLanguage");
		set(m, &m->lang, sr_clean_lang(m->a, js(lang) ? js(lang) : ld_name(m, lang)),
		    P_LD_PAGE);
		json_t *pub = json_object_get(v, "publisher");
		const char *pn = ld_name(m, pub);
		if (pn)
			set_text(m, &m->site, pn, P_LD_PAGE + 1);
		if (art) {
			json_t *me = json_object_get(v, "mainEntityOfPage");
			const char *u = js(me) ? js(me) : js(json_object_get(me, "@id"));
			if (!u)
				u = js(json_object_get(v, "url"));
			if (u && strstr(u, "://"))
				set_url(m, &m->canon, u, P_LD_PAGE);
		}
	} else if (type_is(v, (const char *const[]){"WebSite", NULL})) {
		set_text(m, &m->site, js(json_object_get(v, "name")), P_LD_PAGE);
	}
	json_t *me = json_object_get(v, "mainEntity");
	if (json_is_object(me) || json_is_array(me))
		ld_visit(m, me, depth + 1);
}

static void jsonld(meta_ctx *m, xmlNodePtr script)
{
	sr_buf b;
	sr_buf_init(&b, 4u << 20);
	for (xmlNodePtr c = script->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
			sr_buf_append(&b, c->content, strlen((const char *)c->content));
	if (b.len == 0)
		goto out;
	/* tolerate HTML comment and CDATA wrappers */
	const char *s = b.data;
	size_t n = b.len;
	while (n > 0 && *s != '{' && *s != '[') {
		s++;
		n--;
	}
	if (n == 0)
		goto out;
	json_error_t err;
	json_t *root = json_loadb(s, n, JSON_DISABLE_EOF_CHECK, &err);
	if (!root)
		goto out;
	ld_collect_ids(m, root, 0);
	ld_visit(m, root, 0);
	json_decref(root);
out:
	sr_buf_release(&b);
}

/* An author named in an inline script's text (script.h), within the page's budget. */
static void script_scan(meta_ctx *m, xmlNodePtr script)
{
	for (xmlNodePtr c = script->children; c && m->script_read < SCRIPT_BUDGET; c = c->next) {
		if ((c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE) || !c->content)
			continue;
		size_t n = strlen((const char *)c->content);
		if (n > SCRIPT_BUDGET - m->script_read)
			n = SCRIPT_BUDGET - m->script_read;
		m->script_read += n;
		char name[128];
		size_t l = sr_script_author((const char *)c->content, n, name, sizeof(name));
		if (l) {
			m->script_author = sr_arena_strndup(m->a, name, l);
			return;
		}
	}
}

/* ---- <meta> ---- */

static void meta_tag(meta_ctx *m, xmlNodePtr n)
{
	const char *k = sr_dom_attr(n, "property");
	if (!k)
		k = sr_dom_attr(n, "name");
	if (!k)
		k = sr_dom_attr(n, "itemprop");
	if (!k)
		k = sr_dom_attr(n, "http-equiv");
	const char *v = sr_dom_attr(n, "content");
	if (!k || !v)
		return;
	char key[64];
	size_t kl = strlen(k);
	if (kl >= sizeof(key))
		return;
	for (size_t i = 0; i <= kl; i++)
		key[i] = (char)(k[i] >= 'A' && k[i] <= 'Z' ? k[i] + 32 : k[i]);
	/* several properties in one attribute ("og:title twitter:title") */
	char *sp = strchr(key, ' ');
	if (sp)
		*sp = 0;
#define K(s) (strcmp(key, s) == 0)
	if (K("og:title"))
		set_title(m, v, P_META_STRONG);
	else if (K("twitter:title") || K("dc.title") || K("citation_title") || K("headline") ||
		 K("parsely-title") || K("sailthru.title"))
		set_title(m, v, P_META);
	else if (K("og:description"))
		set_text(m, &m->desc, v, P_META_STRONG);
	else if (K("description") || K("dc.description"))
		set_text(m, &m->desc, v, P_META);
	else if (K("twitter:description"))
		set_text(m, &m->desc, v, P_META - 1);
	else if (K("og:site_name"))
		set_text(m, &m->site, v, P_META_STRONG);
	else if (K("application-name") || K("dc.publisher") || K("publisher"))
		set_text(m, &m->site, v, P_WEAK);
	else if (K("og:image") || K("og:image:url") || K("og:image:secure_url"))
		set_url(m, &m->image, v, P_META_STRONG);
	else if (K("twitter:image") || K("twitter:image:src") || K("thumbnail") || K("image"))
		set_url(m, &m->image, v, P_META);
	else if (K("og:url"))
		set_url(m, &m->canon, v, P_META);
	else if (K("article:published_time") || K("og:published_time") ||
		 K("article:published") || K("datepublished"))
	{
		set_date(m, &m->pub, v, P_META_STRONG);
		set_date(m, &m->og_pub, v, P_META_STRONG);
	}
	else if (K("date") || K("pubdate") || K("publishdate") || K("publish-date") ||
		 K("publish_date") || K("dc.date") || K("dc.date.issued") || K("dc.date.created") ||
		 K("dcterms.issued") || K("dcterms.created") || K("dcterms.date") ||
		 K("sailthru.date") || K("parsely-pub-date") || K("citation_publication_date") ||
		 K("citation_date") || K("article.published") || K("published_time") ||
		 K("original-publish-date") || K("article_date_original") || K("created") ||
		 K("datecreated") || K("release_date") || K("date.available") || K("og:pubdate"))
		set_date(m, &m->pub, v, P_META);
	else if (K("article:modified_time") || K("og:updated_time") || K("datemodified") ||
		 K("dcterms.modified") || K("dc.date.modified") || K("last-modified") ||
		 K("modified") || K("article.updated") || K("lastmod"))
		set_date(m, &m->mod, v, P_META);
	else if (!strncmp(key, "twitter:label", 13) && key[13] >= '1' && key[13] <= '8' &&
		 !key[14]) {
		/* Yoast's "Written by" / "Verfasst von" label for twitter:dataN */
		static const char *const said[] = {"written by", "verfasst von", "geschrieben von",
						   "écrit par", "escrito por", "scritto da",
						   "geschreven door", "autor", "author", "auteur",
						   NULL};
		for (int i = 0; said[i]; i++)
			if (sr_clean_ieq(v, said[i]))
				m->tw_author_label |= 1u << (key[13] - '0');
	} else if (!strncmp(key, "twitter:data", 12) && key[12] >= '1' && key[12] <= '8' &&
		   !key[13]) {
		if (m->tw_author_label & (1u << (key[12] - '0')))
			set_authors(m, v, strlen(v), P_META - 2);
	} else if (K("author") || K("dc.creator") || K("dcterms.creator") || K("citation_author") ||
		 K("parsely-author") || K("sailthru.author") || K("byl") || K("article:author") ||
		 K("twitter:creator") || K("og:article:author"))
	{
		int p = K("author") ? P_META : P_META - 2;
		if (K("twitter:creator") || strstr(v, "://") || v[0] == '@')
			return; /* handles and profile URLs are not names */
		if (K("citation_author") && m->authors_prio == p && m->n_authors < MAX_AUTHORS) {
			/* one tag per author */
			sr_clean_authors(m->a, v, strlen(v), m->authors, &m->n_authors,
					 MAX_AUTHORS, 0);
			return;
		}
		set_authors(m, v, strlen(v), p);
	} else if (K("article:section") || K("section") || K("category") ||
		   K("parsely-section") || K("article.section") || K("dc.subject"))
		set_text(m, &m->section, v, K("article:section") ? P_META_STRONG : P_META);
	else if (K("article:tag") || K("news_keywords") || K("parsely-tags") ||
		 K("sailthru.tags"))
		add_tags(m, v, P_META_STRONG, !K("article:tag"));
	else if (K("keywords"))
		add_tags(m, v, P_WEAK, 1);
	else if (K("content-language") || K("dc.language") || K("language"))
		set(m, &m->lang, sr_clean_lang(m->a, v), P_META);
	else if (K("og:locale"))
		set(m, &m->lang, sr_clean_lang(m->a, v), P_LD_PAGE - 1);
#undef K
}

/* Class/id tokens that mark a byline or a dateline. */
static int class_has(xmlNodePtr n, const char *const *words)
{
	return class_says(n, words);
}

static int class_says(xmlNodePtr n, const char *const *words)
{
	const char *vals[2] = {sr_dom_attr(n, "class"), sr_dom_attr(n, "id")};
	for (int i = 0; i < 2; i++) {
		const char *v = vals[i];
		if (!v)
			continue;
		size_t len = strlen(v);
		if (len > 200)
			continue;
		char low[201];
		for (size_t k = 0; k <= len; k++)
			low[k] = (char)(v[k] >= 'A' && v[k] <= 'Z' ? v[k] + 32 : v[k]);
		for (size_t w = 0; words[w]; w++)
			if (strstr(low, words[w]))
				return 1;
	}
	return 0;
}

static const char *const byline_words[] = {"byline", "author", "autor", "writer",
					    "verfasser", "creator", "reporter", NULL};
static const char *const byline_not[] = {"bio", "box", "avatar", "description", "image",
					 "photo", "img", "about", "info", "comment", "more", NULL};
static const char *const date_words[] = {"date", "datum", "published", "pubdate", "posted",
					 "timestamp", "entry-meta", "post-meta", "byline",
					 "article-meta", "meta-info", "dateline", NULL};
static const char *const date_not[] = {"update", "modified", "comment", NULL};
/* "entry-date updated published": WordPress themes list both */
static const char *const date_pub[] = {"publish", NULL};

/* n sits in a comment (an ancestor's class or id says so, eight levels up at most): the
 * author of a comment is not the article's. */
static int in_comment(xmlNodePtr n)
{
	static const char *const words[] = {"comment", NULL};
	for (int d = 0; n && n->type == XML_ELEMENT_NODE && d < 8; d++, n = n->parent)
		if (class_says(n, words))
			return 1;
	return 0;
}

static void element(meta_ctx *m, xmlNodePtr n)
{
	const char *name = (const char *)n->name;
	switch (name[0]) {
	case 'h':
		if (strcmp(name, "html") == 0) {
			set(m, &m->lang, sr_clean_lang(m->a, sr_dom_attr(n, "lang")), P_META_STRONG + 1);
			set(m, &m->lang, sr_clean_lang(m->a, sr_dom_attr(n, "xml:lang")), P_META_STRONG);
		} else if (strcmp(name, "h1") == 0 || strcmp(name, "h2") == 0) {
			int one = name[1] == '1';
			char *t = NULL;
			if (m->n_heads < sizeof(m->heads) / sizeof(m->heads[0]) &&
			    (one || m->n_h2 < 12))
				t = heading_text(m->a, n);
			m->n_h2 += !one;
			if (t) {
				m->heads[m->n_heads] = t;
				m->head_lvl[m->n_heads++] = one ? 1 : 2;
				if (m->n_decks < 4) {
					char *k = heading_kicker(m->a, n);
					if (k) {
						m->deck_kicker[m->n_decks] = k;
						m->deck_head[m->n_decks++] = t;
					}
				}
			}
			if (one && m->n_h1++ == 0)
				m->h1 = t ? t : node_text(m->a, n, 1000);
		}
		break;
	case 't':
		if (strcmp(name, "title") == 0 && !m->title_tag)
			m->title_tag = node_text(m->a, n, 2000);
		else if (strcmp(name, "time") == 0) {
			const char *dt = sr_dom_attr(n, "datetime");
			const char *ip = sr_dom_attr(n, "itemprop");
			int p = P_TIME - (m->seen_time ? 3 : 0);
			if (sr_dom_attr(n, "pubdate") || (ip && strcmp(ip, "datePublished") == 0))
				p = P_ITEMPROP;
			if (ip && strcmp(ip, "dateModified") == 0) {
				set_date(m, &m->mod, dt, P_ITEMPROP);
				break;
			}
			if (class_has(n, date_not) && !class_has(n, date_pub) && p != P_ITEMPROP)
				break;
			if (dt)
				set_date(m, &m->pub, dt, p);
			else
				set_date(m, &m->pub, node_text(m->a, n, 200), p);
			m->seen_time = 1;
		}
		break;
	case 'm':
		if (strcmp(name, "meta") == 0)
			meta_tag(m, n);
		break;
	case 'l':
		if (strcmp(name, "link") == 0) {
			const char *rel = sr_dom_attr(n, "rel");
			if (rel && sr_clean_ieq(rel, "canonical"))
				set_url(m, &m->canon, sr_dom_attr(n, "href"), P_META_STRONG);
			else if (rel && sr_clean_ieq(rel, "image_src"))
				set_url(m, &m->image, sr_dom_attr(n, "href"), P_WEAK);
		}
		break;
	case 's':
		if (strcmp(name, "script") == 0) {
			const char *t = sr_dom_attr(n, "type");
			if (t && strstr(t, "ld+json"))
				jsonld(m, n);
			else if (!m->script_author && !sr_dom_attr(n, "src"))
				script_scan(m, n);
		}
		break;
	default:
		break;
	}
	const char *ip = sr_dom_attr(n, "itemprop");
	if (ip && strcmp(name, "meta") != 0) {
		if (strcmp(ip, "datePublished") == 0 || strcmp(ip, "dateCreated") == 0) {
			const char *v = sr_dom_attr(n, "content");
			if (!v)
				v = sr_dom_attr(n, "datetime");
			set_date(m, &m->pub, v ? v : node_text(m->a, n, 200), P_ITEMPROP);
		} else if (strcmp(ip, "dateModified") == 0) {
			const char *v = sr_dom_attr(n, "content");
			if (!v)
				v = sr_dom_attr(n, "datetime");
			set_date(m, &m->mod, v ? v : node_text(m->a, n, 200), P_ITEMPROP);
		} else if ((strcmp(ip, "author") == 0 || strcmp(ip, "creator") == 0) &&
			   !in_comment(n)) {
			/* a nested itemprop=name, else the text */
			const char *v = NULL;
			for (xmlNodePtr c = n->children; c && !v; c = c->next) {
				if (c->type != XML_ELEMENT_NODE)
					continue;
				const char *cip = sr_dom_attr(c, "itemprop");
				if (cip && strcmp(cip, "name") == 0)
					v = sr_dom_attr(c, "content") ? sr_dom_attr(c, "content") :
								 node_text(m->a, c, 200);
				for (xmlNodePtr d = c->children; d && !v; d = d->next)
					if (d->type == XML_ELEMENT_NODE && sr_dom_attr(d, "itemprop") &&
					    strcmp(sr_dom_attr(d, "itemprop"), "name") == 0)
						v = sr_dom_attr(d, "content") ? sr_dom_attr(d, "content") :
									 node_text(m->a, d, 200);
			}
			if (!v)
				v = sr_dom_attr(n, "content") ? sr_dom_attr(n, "content") : node_text(m->a, n, 300);
			if (v)
				set_authors(m, v, strlen(v), P_ITEMPROP);
		} else if (strcmp(ip, "headline") == 0) {
			set_title(m, heading_text(m->a, n), P_ITEMPROP);
		}
	}
	const char *rel = sr_dom_attr(n, "rel");
	if (rel && strcmp(name, "a") == 0) {
		if (strstr(rel, "author")) {
			char *t = node_text(m->a, n, 200);
			if (t)
				set_authors(m, t, strlen(t), P_REL);
		} else if (strcmp(rel, "tag") == 0 || strstr(rel, "category tag")) {
			add_tags(m, node_text(m->a, n, 200), P_WEAK + 1, 0);
		}
	}
	if (!m->seen_byline && n->children && strcmp(name, "body") != 0 &&
	    strcmp(name, "html") != 0 && class_has(n, byline_words) &&
	    !class_has(n, byline_not) && !in_comment(n)) {
		char *t = node_text(m->a, n, 300);
		if (t && strlen(t) < 120)
			m->seen_byline = set_authors(m, t, strlen(t), P_CLASS);
	}
	if (!m->seen_dateline && m->pub.prio < P_CLASS && n->children &&
	    strcmp(name, "body") != 0 && strcmp(name, "html") != 0 &&
	    class_has(n, date_words) && !class_has(n, date_not)) {
		char *t = node_text(m->a, n, 400);
		if (t && strlen(t) < 300) {
			set_date(m, &m->pub, t, P_CLASS);
			m->seen_dateline = m->pub.prio == P_CLASS;
		}
	}
}

/* The name part of url's host into out (folded as sr_clean_fold): the label before the
 * public suffix ("news.example.co.uk" -> "example"), or the user's label on a blog host
 * ("jane.wordpress.com" -> "jane"). */
static void host_fold(const char *url, char *out, size_t cap)
{
	static const char *const blog_hosts[] = {"wordpress", "blogspot", "tumblr", "wixsite",
						 "substack", "github", "typepad", "livejournal",
						 "jimdo", "weebly", "over-blog", "blogger", NULL};
	out[0] = 0;
	if (!url)
		return;
	const char *h = strstr(url, "://");
	h = h ? h + 3 : url;
	char tmp[256];
	size_t n = 0;
	while (h[n] && h[n] != '/' && h[n] != ':' && h[n] != '?' && n + 1 < sizeof(tmp)) {
		tmp[n] = h[n];
		n++;
	}
	tmp[n] = 0;
	/* the labels, the top-level domain dropped */
	const char *lab[16];
	size_t nl = 0;
	char *p = tmp;
	while (nl < 16) {
		lab[nl++] = p;
		char *dot = strchr(p, '.');
		if (!dot)
			break;
		*dot = 0;
		p = dot + 1;
	}
	if (nl > 1)
		nl--;
	/* "co.uk", "com.au", "ac.at": a short second level */
	if (nl > 1 && strlen(lab[nl - 1]) <= 3)
		nl--;
	const char *name = lab[nl - 1];
	for (int i = 0; blog_hosts[i] && nl > 1; i++)
		if (!strcmp(name, blog_hosts[i]))
			name = lab[nl - 2];
	if (!strcmp(name, "www") && nl > 1)
		name = lab[nl - 2];
	sr_clean_fold(name, out, cap);
}

/* part p[0..n) names the site: equals the site name, or its letters are the host's */
static int is_site_part(meta_ctx *m, const char *p, size_t n, const char *host)
{
	char buf[256], f[256];
	if (n == 0 || n >= sizeof(buf))
		return 0;
	memcpy(buf, p, n);
	buf[n] = 0;
	size_t fl = sr_clean_fold(buf, f, sizeof(f));
	if (fl == 0)
		return 1; /* only punctuation */
	if (m->site.v) {
		char sf[256];
		sr_clean_fold(m->site.v, sf, sizeof(sf));
		if (strcmp(sf, f) == 0)
			return 1;
	}
	/* the host's name in a short part ("MyOOS Community Forum"), not in a headline that
	 * mentions the site */
	size_t hl = strlen(host);
	if (hl >= 4 && fl >= 4 && fl <= 2 * hl + 16 && (strstr(f, host) || strstr(host, f)))
		return 1;
	return 0;
}

static const char *trim_cjk_site(meta_ctx *m, const char *t);

/* Remove a site-name part from a <title> or og:title: "Story - Site" -> "Story",
 * "Site | Story" -> "Story"; of parts joined by " | ", the longest is the story. */
static const char *trim_title(meta_ctx *m, const char *t)
{
	if (!t)
		return NULL;
	static const char *const seps[] = {" | ", " - ", " – ", " — ", " :: ", " · ", " « ",
					   " » ", " // ", " / ", " : ", " -", NULL};
	char host[256];
	host_fold(m->url, host, sizeof(host));
	size_t n = strlen(t);
	for (int i = 0; seps[i]; i++) {
		const char *last = NULL, *p = t;
		while ((p = strstr(p, seps[i])) != NULL) {
			last = p;
			p += strlen(seps[i]);
		}
		const char *first = strstr(t, seps[i]);
		if (!first)
			continue;
		size_t sl = strlen(seps[i]);
		/* the site name at the end or at the start */
		if (is_site_part(m, last + sl, n - (size_t)(last - t) - sl, host))
			return trim_title(m, sr_arena_strndup(m->a, t, (size_t)(last - t)));
		if (is_site_part(m, t, (size_t)(first - t), host))
			return trim_title(m, sr_arena_strdup(m->a, first + sl));
		if (i == 0 || i == 4 || i == 7) {
			/* "A | B | C", "Blog » Archiv » Story": the longest part */
			const char *best = t, *q = t;
			size_t best_len = (size_t)(first - t);
			while ((p = strstr(q, seps[i])) != NULL) {
				const char *s2 = p + sl;
				const char *e = strstr(s2, seps[i]);
				size_t len = e ? (size_t)(e - s2) : strlen(s2);
				if (len > best_len) {
					best = s2;
					best_len = len;
				}
				q = s2;
			}
			return sr_arena_strndup(m->a, best, best_len);
		}
		/* a short tail: "Long headline here - Site" */
		size_t tail = n - (size_t)(last - t) - sl;
		if (tail * 3 < (size_t)(last - t) && tail <= 30)
			return trim_title(m, sr_arena_strndup(m->a, t, (size_t)(last - t)));
	}
	return trim_cjk_site(m, t);
}

/* When part (folded) is the first or the last part of t, split at a title separator, the
 * rest of t; else NULL. */
static const char *title_minus_part(meta_ctx *m, const char *t, const char *part)
{
	static const char *const seps[] = {" | ", " - ", " – ", " — ", " :: ", " · ", " « ",
					   " » ", " // ", " : ", NULL};
	char fp[256], fx[256], buf[256];
	if (sr_clean_fold(part, fp, sizeof(fp)) < 3)
		return NULL;
	size_t n = strlen(t);
	for (int i = 0; seps[i]; i++) {
		size_t sl = strlen(seps[i]);
		const char *first = strstr(t, seps[i]);
		if (!first)
			continue;
		const char *p;
		size_t hl = (size_t)(first - t);
		/* "Story - Site" is the rule; "Site » Story" is the old blogs' form */
		if (hl < sizeof(buf) && i == 7) {
			memcpy(buf, t, hl);
			buf[hl] = 0;
			if (sr_clean_fold(buf, fx, sizeof(fx)) && !strcmp(fx, fp))
				return sr_clean_space(m->a, first + sl, n - hl - sl);
		}
		/* the part after any separator to the end ("Story - Name - Town" with the
		 * <h1> "Name - Town") */
		for (p = first; p; p = strstr(p + sl, seps[i])) {
			size_t tl = n - (size_t)(p - t) - sl;
			if (tl >= sizeof(buf))
				continue;
			memcpy(buf, p + sl, tl);
			buf[tl] = 0;
			if (sr_clean_fold(buf, fx, sizeof(fx)) && !strcmp(fx, fp))
				return sr_clean_space(m->a, t, (size_t)(p - t));
		}
	}
	return NULL;
}

/* A Chinese or Japanese title glued to the site's name: "标题-新华网", "标题_网站", "標題｜サイト":
 * a "-", "_" or "|" right after a non-ASCII character, followed by a short name without
 * spaces that is not all ASCII. */
static const char *trim_cjk_site(meta_ctx *m, const char *t)
{
	size_t n = strlen(t);
	for (size_t i = n; i-- > 1;) {
		if (t[i] != '-' && t[i] != '_' && t[i] != '|')
			continue;
		size_t tail = n - i - 1;
		if (tail == 0 || tail > 30 || memchr(t + i + 1, ' ', tail))
			return t;
		int wide = 0;
		for (size_t k = i + 1; k < n; k++)
			wide |= (unsigned char)t[k] >= 0x80;
		if (!wide || (unsigned char)t[i - 1] < 0x80)
			return t;
		return sr_arena_strndup(m->a, t, i);
	}
	return t;
}

/* Only the site's name at either end: for titles that are otherwise trusted (JSON-LD). */
static const char *trim_site_only(meta_ctx *m, const char *t)
{
	static const char *const seps[] = {" | ", " - ", " – ", " — ", " :: ", " · ", NULL};
	char host[256];
	host_fold(m->url, host, sizeof(host));
	size_t n = strlen(t);
	for (int i = 0; seps[i]; i++) {
		const char *last = NULL, *p = t;
		size_t sl = strlen(seps[i]);
		while ((p = strstr(p, seps[i])) != NULL) {
			last = p;
			p += sl;
		}
		if (!last)
			continue;
		if (is_site_part(m, last + sl, n - (size_t)(last - t) - sl, host))
			return sr_arena_strndup(m->a, t, (size_t)(last - t));
	}
	return trim_cjk_site(m, t);
}

/* Days between two ISO dates (their first ten characters), or 1000 when unreadable. */
static long day_distance(const char *a, const char *b)
{
	int y1, m1, d1, y2, m2, d2;
	if (strlen(a) < 10 || strlen(b) < 10)
		return 1000;
	y1 = atoi(a), m1 = atoi(a + 5), d1 = atoi(a + 8);
	y2 = atoi(b), m2 = atoi(b + 5), d2 = atoi(b + 8);
	/* days from a fixed epoch, months of 31 days: enough to tell 0, 1 and more apart */
	long x = (long)y1 * 372 + m1 * 31 + d1, y = (long)y2 * 372 + m2 * 31 + d2;
	long d = x > y ? x - y : y - x;
	/* the last day of a month and the first of the next are one day apart */
	if (d > 1 && d <= 4 && (m1 != m2 || y1 != y2) && (d1 == 1 || d2 == 1))
		d = 1;
	return d;
}

/* The visible heading whose letters and digits are those of t (level lvl), or NULL.  When the
 * two differ only in letter case the metadata's spelling is kept (headings are often
 * capitalised by the template), unless the heading only writes short words ("to", "of",
 * "by") in lower case where the metadata has them in Title Case. */
static const char *heading_like(meta_ctx *m, const char *t, int lvl)
{
	char ft[1024], fh[1024];
	if (!t || sr_clean_fold(t, ft, sizeof(ft)) < 6)
		return NULL;
	for (size_t i = 0; i < m->n_heads; i++) {
		if (m->head_lvl[i] != lvl)
			continue;
		if (sr_clean_fold(m->heads[i], fh, sizeof(fh)) && !strcmp(ft, fh)) {
			const char *h = m->heads[i];
			size_t hl = strlen(h);
			if (hl == strlen(t)) {
				size_t k = 0;
				int minor = 1; /* every difference is in a short word */
				while (k < hl && (h[k] | 32) == (t[k] | 32)) {
					if (h[k] != t[k]) {
						size_t ws = k, we = k;
						while (ws > 0 && h[ws - 1] != ' ')
							ws--;
						while (we < hl && h[we] != ' ')
							we++;
						minor &= we - ws <= 3 && h[k] >= 'a';
					}
					k++;
				}
				/* the heading's spelling when only its minor words ("to",
				 * "of") are in lower case: og:title put in Title Case */
				if (k == hl)
					return minor ? h : t;
			}
			return h;
		}
	}
	return NULL;
}

/* Add the parts of t split at title separators to v (up to cap), skipping the site's
 * name. */
static size_t title_parts(meta_ctx *m, const char *t, const char **v, size_t k, size_t cap)
{
	static const char *const seps[] = {" | ", " - ", " – ", " — ", " :: ", " · ", " « ",
					   " » ", " // ", " : ", NULL};
	char host[256];
	if (!t)
		return k;
	host_fold(m->url, host, sizeof(host));
	for (int i = 0; seps[i] && k < cap; i++) {
		size_t sl = strlen(seps[i]);
		const char *p = t, *q;
		if (!strstr(t, seps[i]))
			continue;
		while (k < cap) {
			q = strstr(p, seps[i]);
			size_t len = q ? (size_t)(q - p) : strlen(p);
			if (!is_site_part(m, p, len, host))
				v[k++] = sr_arena_strndup(m->a, p, len);
			if (!q)
				break;
			p = q + sl;
		}
	}
	return k;
}

/* A title that the page also shows: the best metadata title (as trimmed), a metadata title
 * as written, the <title> trimmed or as written, or the longest part of them, when an <h1>
 * says the same (an <h2> counts for the first four only: pages hold many).  Votes of two
 * sources beat the rules for one; NULL when none agree. */
static const char *pick_agreed(meta_ctx *m, const char *trimmed)
{
	const char *c[48];
	size_t k = 0, cap = sizeof(c) / sizeof(c[0]);
	c[k++] = trimmed;
	c[k++] = m->title.v;
	c[k++] = m->title_tag ? trim_title(m, m->title_tag) : NULL;
	c[k++] = m->title_tag;
	size_t n_main = k;
	for (size_t i = 0; i < m->n_meta_titles; i++)
		c[k++] = m->meta_titles[i];
	size_t n_whole = k;
	for (size_t i = 0; i < m->n_meta_titles && k < cap; i++)
		k = title_parts(m, m->meta_titles[i], c, k, cap);
	k = title_parts(m, m->title_tag, c, k, cap);
	/* a heading laid out as kicker and headline that a candidate names, whole ("Kicker:
	 * Headline"), by its headline or by its kicker (a JSON-LD headline that is the kicker):
	 * the page marked its headline up as such */
	char fc[1024], fh[1024];
	for (size_t d = 0; d < m->n_decks; d++) {
		char fk[512];
		size_t kl = sr_clean_fold(m->deck_kicker[d], fk, sizeof(fk));
		size_t hl = sr_clean_fold(m->deck_head[d], fh, sizeof(fh));
		if (!kl || hl < 12 || kl + hl >= sizeof(fh) - 1)
			continue;
		for (size_t i = 0; i < k; i++) {
			if (!c[i] || !sr_clean_fold(c[i], fc, sizeof(fc)))
				continue;
			size_t cl = strlen(fc);
			if (!strcmp(fc, fh) || (kl >= 12 && !strcmp(fc, fk)) ||
			    (cl == kl + hl && !memcmp(fc, fk, kl) && !strcmp(fc + kl, fh)))
				return m->deck_head[d];
		}
	}
	const char *best = NULL;
	size_t best_len = 0;
	for (size_t i = 0; i < k; i++) {
		if (!c[i] || (m->site.v && sr_clean_ieq(c[i], m->site.v)))
			continue;
		const char *h = heading_like(m, c[i], 1);
		if (!h && i < n_main)
			h = heading_like(m, c[i], 2);
		if (h && i < n_whole)
			return h;
		if (h && strlen(h) > best_len) {
			best = h;
			best_len = strlen(h);
		}
	}
	if (best)
		return best;
	/* an <h1> that is a kicker run into the title ("Press release of the department
	 * Vaccination still possible", its <title> "Vaccination still possible") */
	for (size_t i = 0; i < n_whole; i++) {
		size_t cl = c[i] ? sr_clean_fold(c[i], fc, sizeof(fc)) : 0;
		if (cl < 20 || (m->site.v && sr_clean_ieq(c[i], m->site.v)))
			continue;
		for (size_t j = 0; j < m->n_heads; j++) {
			size_t hl = m->head_lvl[j] == 1 ?
					    sr_clean_fold(m->heads[j], fh, sizeof(fh)) : 0;
			if (hl > cl && hl < sizeof(fh) - 8 && !strcmp(fh + hl - cl, fc))
				return c[i];
		}
	}
	return NULL;
}

/* A title that opens with a date ("23.01.2022 - Story") loses it. */
static const char *drop_date_prefix(const char *t)
{
	char iso[SR_DATE_MAX];
	size_t st, en, n = strlen(t);
	if (n > 400 || !sr_date_find(t, n, iso, &st, &en) || st != 0)
		return t;
	static const char *const seps[] = {" - ", " – ", " | ", ": ", NULL};
	for (int i = 0; seps[i]; i++) {
		size_t sl = strlen(seps[i]);
		if (!strncmp(t + en, seps[i], sl) && n > en + sl + 10)
			return t + en + sl;
	}
	return t;
}

/* Words that name an organisation, a newsroom or a medium, not a person. */
static int org_word(const char *w, size_t n)
{
	static const char *const words[] = {
		"e.v.", "ev", "gmbh", "ag", "se", "kg", "inc", "inc.", "ltd", "ltd.", "llc", "corp",
		"redaktion", "online-redaktion", "redaktionsteam", "editorial", "newsroom", "staff",
		"team", "verlag", "stiftung", "verband", "online", "magazin", "magazine", "blog",
		"news", "press", "presse", "zeitung", "diario", "radio", "tv", "fernsehen",
		"nachrichten", "rédaction", "redacción", "agency", "agentur", NULL};
	for (int i = 0; words[i]; i++)
		if (strlen(words[i]) == n && sr_clean_iprefix(w, words[i]))
			return 1;
	return 0;
}

/* name is the site's or an organisation's, not a person's: og:site_name or one of its parts
 * ("LN" of "LN - Lübecker Nachrichten"), its initials ("JF" for "Junge Freiheit"), the
 * host's name ("EFC Bayrische Bembel" on bayrische-bembel.de), or a name with an
 * organisation's word ("JuraForum.de-Redaktion", "Hanns-Seidel-Stiftung e.V."). */
static int site_like(meta_ctx *m, const char *name, const char *host)
{
	char f1[256], f2[256];
	size_t l1 = sr_clean_fold(name, f1, sizeof(f1));
	if (!l1)
		return 0;
	if (host[0] && l1 >= 4 && (strstr(host, f1) || strstr(f1, host)))
		return 1;
	for (size_t i = 0, st = 0, n = strlen(name); i <= n; i++) {
		if (i < n && name[i] != ' ' && name[i] != '-' && name[i] != '/')
			continue;
		if (i > st && org_word(name + st, i - st))
			return 1;
		st = i + 1;
	}
	const char *site = m->site.v;
	if (!site)
		return 0;
	sr_clean_fold(site, f2, sizeof(f2));
	if (!strcmp(f1, f2))
		return 1;
	/* a part of the site's name between separators */
	static const char *const seps[] = {" - ", " | ", " – ", " — ", ": ", "|", NULL};
	for (int s = 0; seps[s]; s++) {
		size_t sl = strlen(seps[s]);
		for (const char *p = site, *q;; p = q + sl) {
			q = strstr(p, seps[s]);
			size_t len = q ? (size_t)(q - p) : strlen(p);
			if (q && len < sizeof(f2)) {
				char part[256];
				memcpy(part, p, len);
				part[len] = 0;
				if (sr_clean_fold(part, f2, sizeof(f2)) && !strcmp(f1, f2))
					return 1;
			} else if (!q && p != site && sr_clean_fold(p, f2, sizeof(f2)) &&
				   !strcmp(f1, f2)) {
				return 1;
			}
			if (!q)
				break;
		}
	}
	/* the initials of the site's words, in capitals */
	size_t nl = strlen(name);
	if (nl >= 2 && nl <= 5) {
		char ini[8];
		size_t k = 0;
		for (size_t i = 0; i < nl; i++)
			if (name[i] < 'A' || name[i] > 'Z')
				return 0;
		for (const char *p = site; *p && k < sizeof(ini) - 1; p++)
			if ((p == site || p[-1] == ' ' || p[-1] == '-') &&
			    ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')))
				ini[k++] = (char)(*p & ~32);
		ini[k] = 0;
		if (k == nl && !memcmp(ini, name, nl))
			return 1;
	}
	return 0;
}

int sr_meta_site_like(const char *name, const char *site_name, const char *url)
{
	meta_ctx m;
	char host[256];
	memset(&m, 0, sizeof(m));
	m.site.v = site_name;
	host_fold(url, host, sizeof(host));
	return name && site_like(&m, name, host);
}

int sr_meta_extract(xmlDocPtr doc, const char *url, sr_arena *a, sr_article *art,
		    sr_meta_info *info)
{
	sr_meta_info dummy;
	if (!info)
		info = &dummy;
	memset(info, 0, sizeof(*info));
	meta_ctx m;
	memset(&m, 0, sizeof(m));
	m.a = a;
	m.url = url;
	xmlNodePtr n = xmlDocGetRootElement(doc);
	/* iterative pre-order walk over elements (no recursion: deep trees are common in
	 * broken markup) */
	while (n) {
		int descend = 1;
		if (n->type == XML_ELEMENT_NODE && n->name) {
			element(&m, n);
			/* <noscript> is entered: a stray tag in one ("<noscript><div>")
			 * can hold the rest of the page */
			if (sr_dom_is(n, "script") || sr_dom_is(n, "style") || sr_dom_is(n, "svg") ||
			    sr_dom_is(n, "template"))
				descend = 0;
		} else {
			descend = 0;
		}
		if (descend && n->children) {
			n = n->children;
			continue;
		}
		while (n && !n->next)
			n = n->parent == (xmlNodePtr)doc ? NULL : n->parent;
		if (n)
			n = n->next;
	}
	if (m.script_author)
		set_authors(&m, m.script_author, strlen(m.script_author), P_SCRIPT);
	if (url) {
		char iso[SR_DATE_MAX];
		if (sr_date_from_url(url, iso))
			set(&m, &m.pub, sr_arena_strdup(a, iso), P_URL_DATE);
	}
	/* the title: prefer the visible <h1> when the meta title is that h1 plus a site
	 * name, else the meta title trimmed of its site name, else the h1, else <title> */
	const char *title = m.title.v;
	if (title && m.title.prio <= P_META_STRONG)
		title = trim_title(&m, title);
	else if (title)
		title = trim_site_only(&m, title);
	size_t h1_words = 1;
	for (const char *p = m.h1; p && *p; p++)
		h1_words += *p == ' ';
	if (!title && m.h1 && m.title_tag && h1_words <= 6) {
		/* a blog's <h1> is often its name, and <title> is "Name » Story": the h1 as
		 * one end of <title> is the site's name, the rest the story's title (a name is
		 * a few words, a headline may be more) */
		const char *rest = title_minus_part(&m, m.title_tag, m.h1);
		if (rest) {
			if (!m.site.v)
				set(&m, &m.site, m.h1, P_WEAK);
			title = trim_title(&m, rest);
		}
	}
	const char *agreed = pick_agreed(&m, title);
	info->title_visible = agreed != NULL;
	if (agreed) {
		title = agreed;
	} else if (m.h1 && m.n_h1 >= 1) {
		if (title && strstr(title, m.h1) && strlen(m.h1) * 2 > strlen(title))
			title = m.h1;
		else if (!title && m.n_h1 == 1)
			title = m.h1;
	}
	if (!title)
		title = trim_title(&m, m.title_tag);
	if (!title && m.h1)
		title = m.h1;
	if (title && *title)
		art->title = drop_date_prefix(title);
	/* the best author set whose names are not the site's name */
	char host[256];
	host_fold(url, host, sizeof(host));
	for (size_t k = m.n_prev_authors + 1; k-- > 0;) {
		const char **src = k == m.n_prev_authors ? m.authors : m.prev_authors[k].names;
		size_t na = k == m.n_prev_authors ? m.n_authors : m.prev_authors[k].n;
		int prio = k == m.n_prev_authors ? m.authors_prio : m.prev_authors[k].prio;
		const char **v = na ? sr_arena_alloc(a, na * sizeof(*v)) : NULL;
		size_t cnt = 0;
		if (na && !v)
			return SR_ENOMEM;
		for (size_t i = 0; i < na; i++)
			if (!site_like(&m, src[i], host))
				v[cnt++] = src[i];
		if (cnt) {
			/* another source of names (not a guess from the text) that lists these
			 * and more, or spells a lone first name out ("Jane" -> "Jane Doe") */
			for (size_t o = 0; o < m.n_prev_authors; o++) {
				if (m.prev_authors[o].prio < P_META - 2 || o == k)
					continue;
				const char **on = m.prev_authors[o].names;
				size_t onn = m.prev_authors[o].n;
				if (cnt == 1 && onn == 1 && !strchr(v[0], ' ') &&
				    sr_clean_iprefix(on[0], v[0]) && on[0][strlen(v[0])] == ' ') {
					v[0] = on[0];
					break;
				}
				if (onn <= cnt)
					continue;
				/* the others must be full names, not the site ("CNN") or
				 * initials ("TK") */
				size_t have = 0, full = 0;
				for (size_t j = 0; j < onn; j++)
					full += strchr(on[j], ' ') != NULL;
				for (size_t i = 0; i < cnt; i++)
					for (size_t j = 0; j < onn; j++)
						if (sr_clean_ieq(v[i], on[j])) {
							have++;
							break;
						}
				if (have == cnt && full == onn) {
					v = on;
					cnt = onn;
					break;
				}
			}
			art->authors = v;
			art->n_authors = cnt;
			info->authors_weak = prio <= P_SCRIPT ? SR_AUTHORS_SCRIPT : 0;
			break;
		}
	}
	if (!art->n_authors && m.n_authors) {
		/* only the site's name: better than nothing */
		info->authors_weak = SR_AUTHORS_SITE;
		const char **v = sr_arena_alloc(a, m.n_authors * sizeof(*v));
		if (!v)
			return SR_ENOMEM;
		memcpy(v, m.authors, m.n_authors * sizeof(*v));
		art->authors = v;
		art->n_authors = m.n_authors;
	}
	if (m.n_tags) {
		const char **v = sr_arena_alloc(a, m.n_tags * sizeof(*v));
		if (!v)
			return SR_ENOMEM;
		memcpy(v, m.tags, m.n_tags * sizeof(*v));
		art->tags = v;
		art->n_tags = m.n_tags;
	}
	/* JSON-LD's datePublished wins (it keeps the zone more often), unless the page's
	 * article:published_time names a day more than one day away: JSON-LD blocks are often
	 * stale copies (a template's, an earlier version's) */
	if (m.pub.v && m.og_pub.v && m.pub.prio == P_LD_ARTICLE &&
	    day_distance(m.pub.v, m.og_pub.v) > 1)
		m.pub = m.og_pub;
	if (m.pub.v)
		art->published = m.pub.v;
	info->published_weak = m.pub.v && m.pub.prio <= P_META;
	if (m.mod.v)
		art->modified = m.mod.v;
	if (m.section.v)
		art->section = m.section.v;
	if (m.desc.v)
		art->description = m.desc.v;
	if (m.canon.v)
		art->canonical_url = m.canon.v;
	if (m.site.v)
		art->site_name = m.site.v;
	if (m.lang.v)
		art->lang = m.lang.v;
	if (m.image.v)
		art->image = m.image.v;
	return SR_OK;
}
