/*
 * html.c - the article body of an HTML page.
 *
 * Stages (docs/EXTRACTION.md has the reasoning):
 *  1. parse the UTF-8 page with libxml2's HTML parser (recover, no network, no errors);
 *  2. metadata from the tree (meta.c);
 *  3. count the visible text under every element (one post-order pass, kept in _private);
 *  4. walk the body once, in document order, cutting the visible text into blocks
 *     (paragraphs, headings, list items, quotes, cells ...) and skipping what is never
 *     content: scripts, forms' controls, hidden elements, and boilerplate recognised by tag
 *     (nav, aside, footer, header), ARIA role, or class/id words (comments, share bars,
 *     related links, cookie notices, ads ...), unless that element holds most of the text;
 *  5. give every block a weight: its non-link characters count for it, its link characters
 *     against it, with a small cost per block; since the blocks of one element are a
 *     contiguous range, every element's score is a difference of two prefix sums, and the
 *     element with the highest score (the "maximum subtree") is the main content;
 *  6. print that element's blocks, dropping link lists, captions, prompts, bylines and
 *     datelines, a heading that repeats the title, and everything after a boilerplate
 *     heading ("Related", "Comments") in the last part, separated by blank lines;
 *  7. fallbacks read from the page: the visible <h1> against the metadata's title, a
 *     dateline and a byline near the start of the content when the metadata has none.
 * Every pass is linear in the size of the tree; no recursion (deep trees are common).
 * Build with -DSR_HTML_DEBUG to print the blocks, the chosen element and what was skipped.
 */
#include "extract/html.h"
#include "extract/dom.h"

#include <libxml/HTMLparser.h>
#include <stdint.h>
#ifdef SR_HTML_DEBUG
#include <stdio.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/buf.h"
#include "base/err.h"
#include "extract/clean.h"
#include "extract/credit.h"
#include "extract/date.h"
#include "extract/lexicon.h"
#include "extract/meta.h"
#include "extract/script.h"

enum { TK_INLINE = 0, TK_BLOCK, TK_SKIP, TK_BOILER, TK_BR, TK_LINK };
enum { K_OTHER = 0, K_P, K_H, K_LI, K_QUOTE, K_PRE, K_CELL, K_DT };

#define NF_SKIPPED 1
#define NF_BLOCK 2
#define NF_LINK 4
#define NF_PRE 8

typedef struct ninfo {
	uint32_t text;  /* visible non-space characters below (stage 3) */
	uint32_t links; /* of which inside links */
	uint32_t first; /* index of the first block below (stage 4) */
	xmlNodePtr prev_owner;
	uint8_t flags;
	uint8_t has_h1; /* an <h1> below (stage 3) */
} ninfo;

typedef struct blk {
	uint32_t off, len; /* text in ctx.txt */
	uint32_t chars, lchars;
	uint8_t kind;
	uint8_t level; /* K_H: 1..6 */
} blk;

typedef struct ctx {
	sr_arena *a;
	int rc;
	sr_buf txt;
	blk *b;
	double *cum; /* cum[i] = sum of weights of blocks [0, i) */
	size_t nb, capb;
	/* the block being built */
	size_t cur_off;
	uint32_t cur_chars, cur_lchars;
	int pend_space;
	int br_run;
	xmlNodePtr owner;
	int in_link, in_pre;
	uint32_t doc_text;
	/* the best element so far */
	double best_score;
	xmlNodePtr best;
	uint32_t best_first, best_last;
	/* dates written in small elements skipped as boilerplate (datelines), by position */
	struct {
		uint32_t at;
		char iso[SR_DATE_MAX];
		char also[11]; /* a second day in the same dateline, or "" */
	} sdate[8];
	size_t n_sdate;
	/* <h1> texts inside skipped elements, by position */
	struct {
		uint32_t at;
		const char *text;
	} sh1[4];
	size_t n_sh1;
	/* bylines inside skipped elements, by position */
	struct {
		uint32_t at;
		const char *text;
	} sby[4];
	size_t n_sby;
} ctx;

static int tag_class(const char *t)
{
	switch (t[0]) {
	case 'a':
		if (!strcmp(t, "a"))
			return TK_LINK;
		if (!strcmp(t, "article") || !strcmp(t, "address"))
			return TK_BLOCK;
		if (!strcmp(t, "aside"))
			return TK_BOILER;
		if (!strcmp(t, "audio") || !strcmp(t, "area") || !strcmp(t, "applet"))
			return TK_SKIP;
		break;
	case 'b':
		if (!strcmp(t, "br"))
			return TK_BR;
		if (!strcmp(t, "blockquote") || !strcmp(t, "body"))
			return TK_BLOCK;
		if (!strcmp(t, "button") || !strcmp(t, "base"))
			return TK_SKIP;
		break;
	case 'c':
		if (!strcmp(t, "center") || !strcmp(t, "caption"))
			return TK_BLOCK;
		if (!strcmp(t, "canvas"))
			return TK_SKIP;
		break;
	case 'd':
		if (!strcmp(t, "div") || !strcmp(t, "dd") || !strcmp(t, "dl") || !strcmp(t, "dt") ||
		    !strcmp(t, "details") || !strcmp(t, "dir"))
			return TK_BLOCK;
		if (!strcmp(t, "dialog"))
			return TK_SKIP;
		break;
	case 'e':
		if (!strcmp(t, "embed"))
			return TK_SKIP;
		break;
	case 'f':
		if (!strcmp(t, "form") || !strcmp(t, "fieldset") || !strcmp(t, "figure"))
			return TK_BLOCK;
		if (!strcmp(t, "footer"))
			return TK_BOILER;
		if (!strcmp(t, "figcaption") || !strcmp(t, "frame") || !strcmp(t, "frameset"))
			return TK_SKIP;
		break;
	case 'h':
		if ((t[1] >= '1' && t[1] <= '6' && !t[2]) || !strcmp(t, "hr") || !strcmp(t, "html") ||
		    !strcmp(t, "hgroup"))
			return TK_BLOCK;
		if (!strcmp(t, "header"))
			return TK_BOILER;
		if (!strcmp(t, "head"))
			return TK_SKIP;
		break;
	case 'i':
		if (!strcmp(t, "iframe") || !strcmp(t, "input"))
			return TK_SKIP;
		break;
	case 'l':
		if (!strcmp(t, "li") || !strcmp(t, "legend"))
			return TK_BLOCK;
		if (!strcmp(t, "link"))
			return TK_SKIP;
		break;
	case 'm':
		if (!strcmp(t, "main") || !strcmp(t, "menu"))
			return !strcmp(t, "main") ? TK_BLOCK : TK_BOILER;
		if (!strcmp(t, "math") || !strcmp(t, "meta") || !strcmp(t, "map"))
			return TK_SKIP;
		break;
	case 'n':
		if (!strcmp(t, "nav"))
			return TK_BOILER;
		if (!strcmp(t, "noscript") || !strcmp(t, "noframes"))
			return TK_SKIP;
		break;
	case 'o':
		if (!strcmp(t, "ol"))
			return TK_BLOCK;
		if (!strcmp(t, "object") || !strcmp(t, "option") || !strcmp(t, "optgroup"))
			return TK_SKIP;
		break;
	case 'p':
		if (!strcmp(t, "p") || !strcmp(t, "pre"))
			return TK_BLOCK;
		if (!strcmp(t, "picture") || !strcmp(t, "param"))
			return TK_SKIP;
		break;
	case 's':
		if (!strcmp(t, "section") || !strcmp(t, "summary"))
			return TK_BLOCK;
		if (!strcmp(t, "script") || !strcmp(t, "style") || !strcmp(t, "select") ||
		    !strcmp(t, "svg") || !strcmp(t, "source"))
			return TK_SKIP;
		break;
	case 't':
		if (!strcmp(t, "table") || !strcmp(t, "tr") || !strcmp(t, "td") ||
		    !strcmp(t, "th") || !strcmp(t, "tbody") || !strcmp(t, "thead") ||
		    !strcmp(t, "tfoot"))
			return TK_BLOCK;
		if (!strcmp(t, "template") || !strcmp(t, "textarea") || !strcmp(t, "title") ||
		    !strcmp(t, "track"))
			return TK_SKIP;
		break;
	case 'u':
		if (!strcmp(t, "ul"))
			return TK_BLOCK;
		break;
	case 'v':
		if (!strcmp(t, "video"))
			return TK_SKIP;
		break;
	default:
		break;
	}
	return TK_INLINE;
}

static int block_kind(const char *t)
{
	switch (t[0]) {
	case 'p':
		return t[1] == 0 ? K_P : !strcmp(t, "pre") ? K_PRE : K_OTHER;
	case 'h':
		return t[1] >= '1' && t[1] <= '6' && !t[2] ? K_H : K_OTHER;
	case 'l':
		return !strcmp(t, "li") ? K_LI : K_OTHER;
	case 'b':
		return !strcmp(t, "blockquote") ? K_QUOTE : K_OTHER;
	case 't':
		return !strcmp(t, "td") || !strcmp(t, "th") ? K_CELL : K_OTHER;
	case 'd':
		return !strcmp(t, "dt") || !strcmp(t, "dd") ? K_DT : K_OTHER;
	default:
		return K_OTHER;
	}
}

static ninfo *NI(xmlNodePtr n)
{
	return (ninfo *)n->_private;
}

/* ---- class/id hints ---- */

/* Class words that name a taxonomy term, not a role ("category-news", "tag-nato"): CMSs add
 * them to the article's own element, so they say nothing about boilerplate. */
static const char *const term_prefix[] = {"category-", "tag-", "tags-", "post_tag-", "has-",
					  "format-", "status-", "type-", "postid-", "post-id-",
					  "page-id-", "author-", "is-", "no-", NULL};

/* Lowercased class and id into low, taxonomy words left out; 0 when there are none. */
static int lower_hints(xmlNodePtr n, char *low, size_t cap)
{
	/* custom elements name their role too: <pp-navigation-menu>, <share-bar> */
	const char *vals[3] = {sr_dom_attr(n, "class"), sr_dom_attr(n, "id"),
			       strchr((const char *)n->name, '-') ? (const char *)n->name : NULL};
	size_t j = 0;
	for (int i = 0; i < 3; i++) {
		const char *p = vals[i];
		if (!p)
			continue;
		while (*p && j + 2 < cap) {
			while (*p == ' ' || *p == '\t' || *p == '\n')
				p++;
			const char *w = p;
			while (*p && *p != ' ' && *p != '\t' && *p != '\n')
				p++;
			if (p == w)
				break;
			int skip = 0;
			for (int k = 0; i == 0 && term_prefix[k] && !skip; k++) {
				size_t pl = strlen(term_prefix[k]);
				size_t wl = (size_t)(p - w);
				if (wl > pl) {
					size_t m = 0;
					while (m < pl && (w[m] | 32) == term_prefix[k][m])
						m++;
					skip = m == pl;
				}
			}
			if (skip)
				continue;
			for (const char *q = w; q < p && j + 2 < cap; q++)
				low[j++] = (char)(*q >= 'A' && *q <= 'Z' ? *q + 32 : *q);
			low[j++] = ' ';
		}
	}
	low[j] = 0;
	return j > 0;
}

/* Token t[0..n) starts with word / equals word. */
static int tok_prefix(const char *t, size_t n, const char *word)
{
	size_t wl = strlen(word);
	return n >= wl && memcmp(t, word, wl) == 0;
}

static int tok_eq(const char *t, size_t n, const char *word)
{
	return strlen(word) == n && memcmp(t, word, n) == 0;
}

/* tokens that start a strong boilerplate name (comments, share bars, related links ...) */
static const char *const strong_prefix[] = {
	"comment", "disqus", "share", "sharing", "social", "related", "cookie", "consent",
	"gdpr", "newsletter", "breadcrumb", "outbrain", "taboola", "advert", "sponsor",
	"subscri", "signup", "recommend", "trending", "shariff", "addthis", "yarpp", "popular",
	"banner", NULL};
/* two-word names, as substrings of the lowercased class and id */
static const char *const strong_sub[] = {
	"screen-reader", "sr-only", "visually-hidden", "visuallyhidden", "skip-link", "skiplink",
	"author-bio", "authorbio", "author-box", "authorbox", "about-author", "author-info",
	"post-nav", "nav-links", "tag-cloud", "tagcloud", "post-tags", "entry-tags", "jump-to",
	"table-of-contents", "more-stories", "more-articles",
	"print-only", "post-meta", "entry-meta", "article-meta", "entry-footer", "post-footer",
	"article-footer", "entry-utility", "wp-caption", "image-caption", "img-caption",
	"photo-credit", "sign-up", "most-read", "mostread", "further-reading", "also-read",
	"see-also", NULL};
/* whole tokens that name boilerplate unless the element also looks like content */
static const char *const weak_token[] = {
	"nav", "navbar", "navigation", "menu", "menus", "submenu", "subnav", "dropdown", "ad",
	"ads", "adv", "advertisement", "advertising", "header", "footer", "sidebar", "widget",
	"widgets", "masthead", "tags", "tag", "meta", "print", "search", "pager", "pagination",
	"teaser", "author", "byline", "date", "dateline", "time", "toc", "caption", "credit",
	"credits", "copyright", "icons", "buttons", "tools", "toolbar", "follow", "like",
	"likes", "vote", "rating", "topbar", "links", "categories", "category", "aside",
	"hidden", "hide", "noprint", "contact", "button", "login", "modal", "popup", "overlay",
	"promo", "cta", "ticker", "skip", "jump", "more", "breaking", "legal", "imprint",
	"impressum", "sitemap", "logo", "brand", "utility", "sticky", "secondary", "readmore",
	"navbox", NULL};
static const char *const good_sub[] = {"article", "content", "entry", "post", "main",
				       "story", "body", "text", "blog", "prose", "recipe", NULL};

/* 3: comments, 2: strong boilerplate hint, 1: weak boilerplate hint, 0: none */
static int boiler_hint(xmlNodePtr n)
{
	const char *role = sr_dom_attr(n, "role");
	if (role && (!strcmp(role, "navigation") || !strcmp(role, "banner") ||
		     !strcmp(role, "contentinfo") || !strcmp(role, "complementary") ||
		     !strcmp(role, "search") || !strcmp(role, "menu") || !strcmp(role, "menubar") ||
		     !strcmp(role, "dialog") || !strcmp(role, "alertdialog") ||
		     !strcmp(role, "toolbar") || !strcmp(role, "alert")))
		return 2;
	if (role && !strcmp(role, "main"))
		return 0;
	const char *ip = sr_dom_attr(n, "itemprop");
	if (ip && (strstr(ip, "articleBody") || strstr(ip, "text")))
		return 0;
	char low[320];
	if (!lower_hints(n, low, sizeof(low)))
		return 0;
	int good = 0;
	for (int k = 0; good_sub[k] && !good; k++)
		good = strstr(low, good_sub[k]) != NULL;
	int weak = 0;
	for (int i = 0; strong_sub[i]; i++)
		if (strstr(low, strong_sub[i])) {
			if (!good)
				return 2;
			weak = 1;
		}
	for (const char *p = low; *p;) {
		while (*p && !(*p >= 'a' && *p <= 'z'))
			p++;
		const char *t = p;
		while (*p >= 'a' && *p <= 'z')
			p++;
		size_t tl = (size_t)(p - t);
		if (!tl)
			continue;
		/* comments stay boilerplate whatever else the name says */
		if ((tok_prefix(t, tl, "comment") && !tok_eq(t, tl, "commentary")) ||
		    tok_prefix(t, tl, "disqus") || tok_eq(t, tl, "respond") ||
		    tok_eq(t, tl, "reply") || tok_eq(t, tl, "replies"))
			return 3;
		for (int i = 0; strong_prefix[i]; i++)
			if (tok_prefix(t, tl, strong_prefix[i]) && !tok_eq(t, tl, "shared")) {
				if (!good)
					return 2;
				weak = 1;
			}
		for (int i = 0; !weak && !good && weak_token[i]; i++)
			if (tok_eq(t, tl, weak_token[i]))
				weak = 1;
	}
	return weak;
}

static int is_hidden(xmlNodePtr n)
{
	if (sr_dom_attr(n, "hidden"))
		return 1;
	const char *st = sr_dom_attr(n, "style");
	if (st) {
		char low[128];
		size_t j = 0;
		for (const char *p = st; *p && j + 1 < sizeof(low); p++)
			if (*p != ' ')
				low[j++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
		low[j] = 0;
		if (strstr(low, "display:none") || strstr(low, "visibility:hidden"))
			return 1;
	}
	return 0;
}

/* Inside a headline, the kicker ("Dachzeile", topline, eyebrow) is not the headline: a
 * phrasing child of <h1>..<h3> whose class names a kicker, or that is only there for screen
 * readers, or, when a sibling's class says "headline"/"title", any other sibling with text. */
static const char *const kicker_words[] = {"kicker", "dachzeile", "topline", "overline",
					   "eyebrow", "roofline", "supertitle", "subtitle",
					   "visually-hidden", "sr-only", "screen-reader",
					   "invisible", NULL};

static int class_has_word(xmlNodePtr n, const char *word)
{
	char low[256];
	return lower_hints(n, low, sizeof(low)) && strstr(low, word) != NULL;
}

static int is_kicker(xmlNodePtr n)
{
	xmlNodePtr h = n->parent;
	if (!h || h->type != XML_ELEMENT_NODE || !h->name || h->name[0] != 'h' ||
	    h->name[1] < '1' || h->name[1] > '3' || h->name[2])
		return 0;
	char low[256];
	if (!lower_hints(n, low, sizeof(low)))
		return 0;
	for (int k = 0; kicker_words[k]; k++)
		if (strstr(low, kicker_words[k]))
			return 1;
	if (strstr(low, "headline") || strstr(low, "title"))
		return 0;
	for (xmlNodePtr s = h->children; s; s = s->next)
		if (s != n && s->type == XML_ELEMENT_NODE &&
		    (class_has_word(s, "headline") || class_has_word(s, "title")) &&
		    !class_has_word(s, "subtitle"))
			return 1;
	return 0;
}

/* ---- stage 3: text counts ---- */

static uint32_t count_visible(const char *s)
{
	uint32_t c = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		c += (*p & 0xC0) != 0x80 && *p != ' ' && *p != '\n' && *p != '\t' && *p != '\r';
	return c;
}

static void count_finish(xmlNodePtr n)
{
	xmlNodePtr p = n->parent;
	if (n->type != XML_ELEMENT_NODE || !n->_private || !p || !p->_private)
		return;
	NI(p)->text += NI(n)->text;
	NI(p)->links += NI(n)->links;
	if (NI(n)->has_h1 || !strcmp((const char *)n->name, "h1"))
		NI(p)->has_h1 = 1;
}

static int count_text(ctx *c, xmlNodePtr root)
{
	xmlNodePtr n = root;
	int in_link = 0;
	while (n) {
		int descend = 0;
		if (n->type == XML_ELEMENT_NODE) {
			ninfo *ni = sr_arena_alloc(c->a, sizeof(*ni));
			if (!ni)
				return SR_ENOMEM;
			n->_private = ni;
			int tc = tag_class((const char *)n->name);
			descend = tc != TK_SKIP;
			if (tc == TK_INLINE && sr_dom_attr(n, "href"))
				tc = TK_LINK;
			if (tc == TK_LINK && n->children) {
				ni->flags |= NF_LINK;
				in_link++;
			}
		} else if (n->type == XML_TEXT_NODE && n->content && n->parent &&
			   n->parent->_private) {
			uint32_t k = count_visible((const char *)n->content);
			NI(n->parent)->text += k;
			if (in_link)
				NI(n->parent)->links += k;
		}
		if (descend && n->children) {
			n = n->children;
			continue;
		}
		if (n->_private && (NI(n)->flags & NF_LINK) && n->type == XML_ELEMENT_NODE)
			in_link--;
		while (n != root && !n->next) {
			count_finish(n);
			n = n->parent;
			if (n && n->_private && (NI(n)->flags & NF_LINK))
				in_link--;
		}
		if (n == root)
			break;
		count_finish(n);
		n = n->next;
	}
	/* the flags are the walk's to set */
	for (n = root; n;) {
		if (n->type == XML_ELEMENT_NODE && n->_private)
			NI(n)->flags = 0;
		if (n->type == XML_ELEMENT_NODE && n->children && n->_private &&
		    tag_class((const char *)n->name) != TK_SKIP) {
			n = n->children;
			continue;
		}
		while (n != root && !n->next)
			n = n->parent;
		if (n == root)
			break;
		n = n->next;
	}
	return SR_OK;
}

/* ---- stage 4: blocks ---- */

static double weight(const blk *b)
{
	double t = (double)b->chars - b->lchars;
	return t - 1.0 * b->lchars - 3.0;
}

static void flush(ctx *c, int kind)
{
	if (c->rc)
		return;
	/* trim trailing spaces and newlines */
	while (c->txt.len > c->cur_off &&
	       (c->txt.data[c->txt.len - 1] == ' ' || c->txt.data[c->txt.len - 1] == '\n'))
		c->txt.len--;
	if (c->txt.data)
		c->txt.data[c->txt.len] = 0;
	if (c->cur_chars > 0) {
		if (c->nb + 1 >= c->capb) {
			size_t nc = c->capb ? c->capb * 2 : 256;
			if (nc > (1u << 22)) {
				c->rc = SR_ETOOBIG;
				return;
			}
			blk *nbk = realloc(c->b, nc * sizeof(*nbk));
			if (!nbk) {
				c->rc = SR_ENOMEM;
				return;
			}
			c->b = nbk;
			double *ncum = realloc(c->cum, (nc + 1) * sizeof(*ncum));
			if (!ncum) {
				c->rc = SR_ENOMEM;
				return;
			}
			c->cum = ncum;
			if (c->capb == 0)
				c->cum[0] = 0;
			c->capb = nc;
		}
		blk *b = &c->b[c->nb];
		b->off = (uint32_t)c->cur_off;
		b->len = (uint32_t)(c->txt.len - c->cur_off);
		b->chars = c->cur_chars;
		b->lchars = c->cur_lchars;
		b->kind = (uint8_t)kind;
		b->level = kind == K_H && c->owner ? (uint8_t)(c->owner->name[1] - '0') : 0;
		c->cum[c->nb + 1] = c->cum[c->nb] + weight(b);
		c->nb++;
	} else {
		c->txt.len = c->cur_off;
		if (c->txt.data)
			c->txt.data[c->txt.len] = 0;
	}
	c->cur_off = c->txt.len;
	c->cur_chars = c->cur_lchars = 0;
	c->pend_space = 0;
	c->br_run = 0;
}

static int owner_kind(ctx *c)
{
	return c->owner ? block_kind((const char *)c->owner->name) : K_OTHER;
}

static void put(ctx *c, const char *s, size_t n)
{
	if (!c->rc) {
		int r = sr_buf_append(&c->txt, s, n);
		if (r)
			c->rc = r;
	}
}

static void add_text(ctx *c, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p && !c->rc) {
		/* whitespace */
		size_t ws = 0;
		int nl = 0;
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\f') {
			ws = 1;
		} else if (*p == '\n') {
			ws = 1;
			nl = 1;
		} else if (p[0] == 0xC2 && p[1] == 0xA0) {
			ws = 2;
		} else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] <= 0x8A || p[2] == 0xAF)) {
			ws = 3;
		} else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
			ws = 3;
		}
		if (ws) {
			if (c->in_pre && nl) {
				if (c->cur_chars > 0)
					put(c, "\n", 1);
				c->pend_space = 0;
			} else if (c->in_pre) {
				if (c->cur_chars > 0)
					put(c, " ", 1);
			} else {
				c->pend_space = 1;
			}
			p += ws;
			continue;
		}
		/* invisible: zero-width space, BOM */
		if ((p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x8B) ||
		    (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)) {
			p += 3;
			continue;
		}
		/* a run of visible bytes */
		const unsigned char *q = p;
		uint32_t chars = 0;
		while (*q && *q != ' ' && *q != '\t' && *q != '\r' && *q != '\f' && *q != '\n' &&
		       !(q[0] == 0xC2 && q[1] == 0xA0) &&
		       !(q[0] == 0xE2 && q[1] == 0x80 && (q[2] <= 0x8B || q[2] == 0xAF)) &&
		       !(q[0] == 0xE3 && q[1] == 0x80 && q[2] == 0x80) &&
		       !(q[0] == 0xEF && q[1] == 0xBB && q[2] == 0xBF)) {
			chars += (*q & 0xC0) != 0x80;
			q++;
		}
		if (c->pend_space && c->txt.len > c->cur_off &&
		    c->txt.data[c->txt.len - 1] != '\n')
			put(c, " ", 1);
		c->pend_space = 0;
		put(c, (const char *)p, (size_t)(q - p));
		c->cur_chars += chars;
		if (c->in_link)
			c->cur_lchars += chars;
		c->br_run = 0;
		p = q;
	}
}

static void consider(ctx *c, xmlNodePtr n)
{
	ninfo *ni = NI(n);
	if (c->nb == ni->first)
		return;
	double s = c->cum[c->nb] - c->cum[ni->first];
	if (!c->best || s > c->best_score) {
		c->best = n;
		c->best_score = s;
		c->best_first = ni->first;
		c->best_last = (uint32_t)c->nb;
	}
}

/* class or id says "header" (article-header, entry-header ...) */
static int has_header_word(xmlNodePtr n)
{
	char low[320];
	return lower_hints(n, low, sizeof(low)) && strstr(low, "header") != NULL;
}

/* Remember the text of the first <h1> inside an element about to be skipped. */
static void skipped_h1(ctx *c, xmlNodePtr n)
{
	xmlNodePtr k = n->children;
	while (k) {
		if (k->type == XML_ELEMENT_NODE && !strcmp((const char *)k->name, "h1"))
			break;
		if (k->type == XML_ELEMENT_NODE && k->children && k->_private &&
		    NI(k)->has_h1) {
			k = k->children;
			continue;
		}
		while (k && k != n && !k->next)
			k = k->parent;
		if (!k || k == n)
			return;
		k = k->next;
	}
	if (!k)
		return;
	char buf[1024];
	size_t j = 0;
	xmlNodePtr t = k->children;
	while (t && j + 2 < sizeof(buf)) {
		if (t->type == XML_TEXT_NODE && t->content) {
			size_t l = strlen((const char *)t->content);
			if (l > sizeof(buf) - 2 - j)
				l = sizeof(buf) - 2 - j;
			memcpy(buf + j, t->content, l);
			j += l;
		} else if (t->type == XML_ELEMENT_NODE && !strcmp((const char *)t->name, "br")) {
			buf[j++] = ' ';
		}
		if (t->type == XML_ELEMENT_NODE && t->children &&
		    tag_class((const char *)t->name) != TK_SKIP) {
			t = t->children;
			continue;
		}
		while (t && t != k && !t->next)
			t = t->parent;
		if (!t || t == k)
			break;
		t = t->next;
	}
	const char *v = sr_clean_space(c->a, buf, j);
	if (v) {
		c->sh1[c->n_sh1].at = (uint32_t)c->nb;
		c->sh1[c->n_sh1].text = v;
		c->n_sh1++;
	}
}

/* A date that a word of publication introduces ("Erschienen am: 01.11.2023", "Mise en
 * ligne 23 mai 2019", "Published: July 12, 2024"), the word at most 24 bytes before it, in
 * s[0..n) (at most 600 bytes read); a date after "Letzte Änderung" or "Updated" is passed
 * over.  Returns 1 and the day in iso. */
static int pub_worded_date(const char *s, size_t n, char iso[SR_DATE_MAX])
{
	static const char *const words[] = {"veröffentlicht", "erschienen", "publiziert",
					    "published", "posted on", "publié", "mise en ligne",
					    "publicado", "pubblicato", "gepubliceerd", "online seit",
					    "erstellt am", "datum:", NULL};
	size_t at = 0, st, en;
	if (n > 600)
		n = 600;
	while (at < n && sr_date_find(s + at, n - at, iso, &st, &en)) {
		size_t b = at + st > 24 ? at + st - 24 : 0;
		char low[32];
		size_t k = 0;
		for (size_t i = b; i < at + st && k + 1 < sizeof(low); i++)
			low[k++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
		low[k] = 0;
		for (int w = 0; words[w]; w++)
			if (strstr(low, words[w])) {
				iso[10] = 0;
				return 1;
			}
		at += en;
	}
	return 0;
}

/* The text of an element about to be skipped, its text nodes joined by spaces into
 * buf[0..cap) (not NUL-terminated), leaving out skipped elements and, when linked, links.
 * Returns the bytes written. */
static size_t skipped_text(xmlNodePtr n, int linked, char *buf, size_t cap)
{
	size_t j = 0;
	xmlNodePtr k = n->children;
	while (k && j + 2 < cap) {
		if (k->type == XML_TEXT_NODE && k->content) {
			size_t l = strlen((const char *)k->content);
			if (l > cap - 2 - j)
				l = cap - 2 - j;
			memcpy(buf + j, k->content, l);
			j += l;
			buf[j++] = ' ';
		}
		if (k->type == XML_ELEMENT_NODE && k->children &&
		    tag_class((const char *)k->name) != TK_SKIP &&
		    !(linked && NI(k) && (NI(k)->flags & NF_LINK))) {
			k = k->children;
			continue;
		}
		while (k && k != n && !k->next)
			k = k->parent;
		if (!k || k == n)
			break;
		k = k->next;
	}
	return j;
}

/* Remember a date (and a byline) written in a small element about to be skipped.  For an
 * element that is mostly links (linked set: "24. April 2020 | <a>Pressemitteilungen</a>"),
 * only a date outside its links. */
static void skipped_date(ctx *c, xmlNodePtr n, int linked)
{
	char buf[512];
	size_t j = skipped_text(n, linked, buf, sizeof(buf));
	size_t off;
	if (j && !linked && c->n_sby < sizeof(c->sby) / sizeof(c->sby[0])) {
		char *t = sr_clean_space(c->a, buf, j);
		if (t && sr_clean_find_byline(t, strlen(t), &off)) {
			c->sby[c->n_sby].at = (uint32_t)c->nb;
			c->sby[c->n_sby].text = t + off;
			c->n_sby++;
		}
	}
	char iso[SR_DATE_MAX];
	/* "Letzte Änderung: 31.10.2023 Erschienen am: 01.11.2023": the published one */
	size_t st, en;
	if (j && c->n_sdate < sizeof(c->sdate) / sizeof(c->sdate[0]) &&
	    (pub_worded_date(buf, j, iso) || sr_date_find(buf, j, iso, NULL, NULL))) {
		c->sdate[c->n_sdate].at = (uint32_t)c->nb;
		memcpy(c->sdate[c->n_sdate].iso, iso, SR_DATE_MAX);
		c->sdate[c->n_sdate].iso[10] = 0;
		/* "2022-12-07T10:10:52+01:00 25. Dezember 2022": the other day it names */
		char two[SR_DATE_MAX];
		if (sr_date_find(buf, j, two, &st, &en) &&
		    sr_date_find(buf + en, j - en, two, NULL, NULL) && strncmp(two, iso, 10)) {
			memcpy(c->sdate[c->n_sdate].also, two, 10);
			c->sdate[c->n_sdate].also[10] = 0;
		}
		c->n_sdate++;
	}
}

/* A longer element about to be skipped that names a date of publication ("Mise en ligne
 * 23 mai 2019" in a sidebar): remembered as a dateline. */
static void skipped_pub_date(ctx *c, xmlNodePtr n)
{
	char buf[640];
	size_t j = skipped_text(n, 0, buf, sizeof(buf));
	char iso[SR_DATE_MAX];
	if (j && pub_worded_date(buf, j, iso)) {
		c->sdate[c->n_sdate].at = (uint32_t)c->nb;
		memcpy(c->sdate[c->n_sdate].iso, iso, SR_DATE_MAX);
		c->n_sdate++;
	}
}

/* A longer element about to be skipped that opens with a byline ("von Andreas Kürten" over
 * a teaser's text): its first line (up to the first block element), remembered as a
 * byline. */
static void skipped_lead_byline(ctx *c, xmlNodePtr n)
{
	char buf[200];
	size_t j = 0, off;
	xmlNodePtr k = n->children;
	while (k && j + 2 < sizeof(buf)) {
		if (k->type == XML_TEXT_NODE && k->content) {
			size_t l = strlen((const char *)k->content);
			if (l > sizeof(buf) - 2 - j)
				l = sizeof(buf) - 2 - j;
			memcpy(buf + j, k->content, l);
			j += l;
		} else if (k->type == XML_ELEMENT_NODE) {
			int tc = tag_class((const char *)k->name);
			if (tc == TK_BLOCK || tc == TK_BOILER || tc == TK_BR) {
				/* the first line ends at a block once it holds text */
				size_t i = 0;
				while (i < j && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\t'))
					i++;
				if (i < j)
					break;
			}
			if (k->children && tc != TK_SKIP) {
				k = k->children;
				continue;
			}
		}
		while (k && k != n && !k->next)
			k = k->parent;
		if (!k || k == n)
			break;
		k = k->next;
	}
	char *t = j ? sr_clean_space(c->a, buf, j) : NULL;
	if (t && strlen(t) <= 80 && sr_clean_find_byline(t, strlen(t), &off) && off == 0) {
		c->sby[c->n_sby].at = (uint32_t)c->nb;
		c->sby[c->n_sby].text = t;
		c->n_sby++;
	}
}

/* A skipped article header (it holds the <h1>) too long to read as one dateline: its small
 * parts ("By Jane Doe" in an <address>, "12 March 2021" in a <time>) one by one. */
static void skipped_header_lines(ctx *c, xmlNodePtr n)
{
	xmlNodePtr k = n->children;
	while (k) {
		int descend = 1;
		if (k->type == XML_ELEMENT_NODE && NI(k)) {
			ninfo *ki = NI(k);
			if (ki->has_h1 || ki->text >= 120) {
				descend = 1;
			} else {
				descend = 0;
				if (ki->text > 0 && ki->links * 2 <= ki->text + 20)
					skipped_date(c, k, 0);
			}
		} else {
			descend = 0;
		}
		if (descend && k->children) {
			k = k->children;
			continue;
		}
		while (k && k != n && !k->next)
			k = k->parent;
		if (!k || k == n)
			break;
		k = k->next;
	}
}

/* Enter element n: returns 1 to walk its children. */
static int enter(ctx *c, xmlNodePtr n)
{
	ninfo *ni = NI(n);
	if (!ni)
		return 0;
	ni->first = (uint32_t)c->nb;
	int tc = tag_class((const char *)n->name);
	if (tc == TK_SKIP || is_hidden(n) || (tc == TK_INLINE && is_kicker(n))) {
#ifdef SR_HTML_DEBUG
		if (ni->text > 100)
			fprintf(stderr, "skip <%s class=%s> hidden/skip-tag text %u\n",
				(const char *)n->name, sr_dom_attr(n, "class"), ni->text);
#endif
		ni->flags |= NF_SKIPPED;
		return 0;
	}
	const char *nm = (const char *)n->name;
	if (strcmp(nm, "body") && strcmp(nm, "html") && strcmp(nm, "article") &&
	    strcmp(nm, "main")) {
		int h = tc == TK_BOILER ? 2 : boiler_hint(n);
		if (h) {
			/* an element that holds most of the page's text is not boilerplate,
			 * whatever its name says; a weak name also needs boilerplate content:
			 * little text, or mostly links */
			double share = c->doc_text ? (double)ni->text / c->doc_text : 0;
			int drop = share < (h >= 2 ? 0.6 : 0.5);
			if (drop && h == 2)
				drop = ni->text < 800 || ni->links * 5 > ni->text;
			else if (drop && h == 1)
				drop = ni->text < 300 || ni->links * 10 > ni->text * 3;
			/* an article's header (headline, standfirst) is not the site's; nor is
			 * an <h1> whose class says header ("element-header") */
			if (drop && ni->has_h1 && h < 3 && ni->links * 3 < ni->text &&
			    (tc == TK_BOILER || has_header_word(n)))
				drop = 0;
			if (drop && h == 1 && !strcmp(nm, "h1") && ni->links * 3 < ni->text)
				drop = 0;
			/* the page's headline may sit in a header skipped as boilerplate */
			if (drop && ni->has_h1 && c->n_sh1 < sizeof(c->sh1) / sizeof(c->sh1[0]))
				skipped_h1(c, n);
			if (drop && ni->text > 0 && ni->text < 120 && ni->links * 2 < ni->text)
				skipped_date(c, n, 0);
			else if (drop && ni->text < 120 && ni->links < ni->text &&
				 ni->links * 2 < ni->text + 40 && !ni->has_h1)
				skipped_date(c, n, 1);
			else if (drop && ni->has_h1 && ni->text < 1000)
				skipped_header_lines(c, n);
			else if (drop && ni->text < 1000 && ni->links * 4 < ni->text &&
				 c->n_sby < sizeof(c->sby) / sizeof(c->sby[0]))
				skipped_lead_byline(c, n);
			if (drop && ni->text >= 120 && ni->text < 600 && ni->links * 4 < ni->text &&
			    c->n_sdate < sizeof(c->sdate) / sizeof(c->sdate[0]))
				skipped_pub_date(c, n);
			if (drop) {
#ifdef SR_HTML_DEBUG
				if (ni->text > 100) {
					xmlChar *tx = xmlNodeGetContent(n);
					char one[200];
					size_t oj = 0;
					for (const xmlChar *q = tx; q && *q && oj < 180; q++)
						if (*q != '\n' && *q != '\t' && !(*q == ' ' && oj && one[oj - 1] == ' '))
							one[oj++] = (char)*q;
					one[oj] = 0;
					fprintf(stderr, "skip <%s class=%s id=%s> hint %d text %u links %u: %s\n",
						nm, sr_dom_attr(n, "class"), sr_dom_attr(n, "id"), h, ni->text,
						ni->links, one);
					xmlFree(tx);
				}
#endif
				ni->flags |= NF_SKIPPED;
				return 0;
			}
		}
	}
	if (tc == TK_INLINE && sr_dom_attr(n, "href"))
		tc = TK_LINK; /* <pp-link href=...> and friends */
	switch (tc) {
	case TK_BR:
		if (c->cur_chars > 0) {
			if (++c->br_run >= 2) {
				flush(c, owner_kind(c));
			} else {
				put(c, "\n", 1);
				c->pend_space = 0;
			}
		}
		return 0;
	case TK_LINK:
		c->in_link++;
		ni->flags |= NF_LINK;
		break;
	case TK_BLOCK:
	case TK_BOILER:
		flush(c, owner_kind(c));
		ni->prev_owner = c->owner;
		c->owner = n;
		ni->flags |= NF_BLOCK;
		if (!strcmp((const char *)n->name, "pre")) {
			c->in_pre++;
			ni->flags |= NF_PRE;
		}
		if (!strcmp((const char *)n->name, "hr"))
			return 0;
		break;
	default:
		if (!strcmp((const char *)n->name, "img"))
			return 0;
		break;
	}
	return 1;
}

static void leave(ctx *c, xmlNodePtr n)
{
	ninfo *ni = NI(n);
	if (!ni || (ni->flags & NF_SKIPPED))
		return;
	if (ni->flags & NF_LINK)
		c->in_link--;
	if (ni->flags & NF_BLOCK) {
		flush(c, owner_kind(c));
		c->owner = ni->prev_owner;
		if (ni->flags & NF_PRE)
			c->in_pre--;
		consider(c, n);
	}
}

static void walk(ctx *c, xmlNodePtr root)
{
	xmlNodePtr n = root;
	while (n && !c->rc) {
		int descend = 0;
		if (n->type == XML_ELEMENT_NODE)
			descend = enter(c, n);
		else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
			 n->content)
			add_text(c, (const char *)n->content);
		if (descend && n->children) {
			n = n->children;
			continue;
		}
		if (n->type == XML_ELEMENT_NODE)
			leave(c, n);
		while (n != root && !n->next) {
			n = n->parent;
			if (n && n->type == XML_ELEMENT_NODE)
				leave(c, n);
		}
		if (n == root || !n)
			break;
		n = n->next;
	}
	flush(c, K_OTHER);
}

/* ---- stage 6: output ---- */

static int same_text(const char *a, size_t an, const char *b)
{
	size_t bn = strlen(b);
	return an == bn && memcmp(a, b, an) == 0;
}

/* A short block that is a byline ("By Jane Doe", "Von A. B. | 12.03.2020") or a dateline
 * ("12. März 2020, 10:15 Uhr", "Posted on July 12, 2024"): metadata, not body. */
/* The length of the separator at s ("-", "|", ",", a space, an en or em dash, a bullet, a
 * middle dot), or 0. */
static size_t sep_len(const char *s, size_t n)
{
	if (s[0] == ' ' || s[0] == '-' || s[0] == '|' || s[0] == ',')
		return 1;
	const unsigned char *u = (const unsigned char *)s;
	if (n >= 2 && u[0] == 0xC2 && u[1] == 0xB7)
		return 2;
	if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
	    (u[2] == 0x93 || u[2] == 0x94 || u[2] == 0xA2))
		return 3;
	return 0;
}

/* A dateline that names the author after the date: "11.12.2019 - Anna Berg",
 * "04.02.2022 | 13:10 Uhr | Anna Berg".  Returns the offset of the name (a capitalised first
 * and last name at least, under 60 bytes), or 0. */
static size_t dated_name(const char *t, size_t n)
{
	char iso[SR_DATE_MAX];
	size_t st, en;
	if (n > 100 || !sr_date_find(t, n, iso, &st, &en) || st > 0)
		return 0;
	size_t i = en;
	for (int round = 0; round < 3; round++) {
		for (size_t k; i < n && (k = sep_len(t + i, n - i)) > 0;)
			i += k;
		/* a time of day ("13:10 Uhr", "1:10 pm") between date and name */
		size_t j = i;
		while (j < n && ((t[j] >= '0' && t[j] <= '9') || t[j] == ':'))
			j++;
		if (j == i)
			break;
		i = j;
		while (i < n && t[i] == ' ')
			i++;
		if (n - i >= 3 && (!memcmp(t + i, "Uhr", 3) || !memcmp(t + i, "pm", 2) ||
				   !memcmp(t + i, "am", 2)))
			i += t[i] == 'U' ? 3 : 2;
	}
	/* one word after a date is a category, not a name */
	if (i >= n || n - i > 60 || !(t[i] >= 'A' && t[i] <= 'Z') || !memchr(t + i, ' ', n - i))
		return 0;
	return i;
}

static int is_dateline_or_byline(const char *s, size_t n)
{
	size_t off;
	if (sr_clean_find_byline(s, n, &off) && off == 0)
		return 1;
	char iso[SR_DATE_MAX];
	size_t ds, de;
	if (sr_date_find(s, n, iso, &ds, &de) && (de - ds) * 5 >= n * 2)
		return 1;
	return dated_name(s, n) > 0;
}

/* A note about the author at the end of an article: "Jane Doe is a senior writer for ...",
 * "Max Roth ist Redakteur ...": a name (one to five capitalised words) opens it, a verb of
 * being or writing follows, and it names a profession. */
static int is_author_bio(const char *s, size_t n)
{
	static const char *const verbs[] = {" is a ", " is an ", " is the ", " is professor ",
					    " has been ", " writes about ", " writes for ",
					    " ist ", " war ", " est ", " lehrt ", " arbeitet ",
					    NULL};
	static const char *const jobs[] = {"writer", "reporter", "editor", "journalist",
					   "correspondent", "professor", "founder", "author",
					   "columnist", "consultant", "researcher", "autor",
					   "redakteur", "schriftsteller", "lehrt", "journaliste",
					   "chercheu", "periodista", "redactor", NULL};
	size_t at = 0;
	for (int v = 0; verbs[v] && !at; v++) {
		const char *p = memmem(s, n < 80 ? n : 80, verbs[v], strlen(verbs[v]));
		if (p)
			at = (size_t)(p - s);
	}
	if (!at)
		return 0;
	/* the name before the verb */
	size_t words = 0;
	for (size_t i = 0; i < at;) {
		while (i < at && s[i] == ' ')
			i++;
		if (i >= at)
			break;
		unsigned char ch = (unsigned char)s[i];
		if (!((ch >= 'A' && ch <= 'Z') || ch == 0xC3 || ch == 0xC5))
			return 0;
		while (i < at && s[i] != ' ')
			i++;
		words++;
	}
	if (words < 1 || words > 5)
		return 0;
	char low[400];
	size_t m = n < sizeof(low) - 1 ? n : sizeof(low) - 1;
	for (size_t i = 0; i < m; i++)
		low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	low[m] = 0;
	for (int j = 0; jobs[j]; j++)
		if (strstr(low, jobs[j]))
			return 1;
	return 0;
}

static int emit(ctx *c, sr_article *art)
{
	uint32_t n0 = c->best_first, nb = c->best_last - c->best_first;
	sr_buf out;
	sr_buf_init(&out, c->txt.len + 2 * (size_t)nb + 16);
	int rc = SR_OK;
	unsigned char *keep = calloc(nb ? nb : 1, 1);
	if (!keep)
		return SR_ENOMEM;
	double total = 0;
	for (uint32_t i = 0; i < nb; i++) {
		const blk *b = &c->b[n0 + i];
		const char *s = c->txt.data + b->off;
		total += b->chars;
		keep[i] = 1;
		if (b->lchars * 2 > b->chars && b->chars < 400)
			keep[i] = 0; /* a link, or a list of links */
		else if (b->kind == K_H && art->title && same_text(s, b->len, art->title))
			keep[i] = 0;
		else if (b->chars <= 40 && sr_lex_furniture(s, b->len))
			keep[i] = 0;
		else if (b->kind != K_H && sr_lex_caption(s, b->len))
			keep[i] = 0;
		else if (b->chars < 160 && sr_lex_prompt(s, b->len))
			keep[i] = 0;
		else if (b->chars <= 100 && is_dateline_or_byline(s, b->len))
			keep[i] = 0;
	}
	/* a boilerplate heading ("Related", "Comments", "About the author") in the last part
	 * of the text ends the article; earlier, it goes alone */
	double seen = 0, kept = 0;
	for (uint32_t i = 0; i < nb; i++) {
		const blk *b = &c->b[n0 + i];
		const char *s = c->txt.data + b->off;
		if (seen >= 0.6 * total && b->kind != K_H && b->chars < 400 && kept >= 200 &&
		    is_author_bio(s, b->len))
			keep[i] = 0;
		if (b->chars <= 80 && (b->kind == K_H ? sr_lex_stop_heading(s, b->len) :
							sr_lex_stop(s, b->len))) {
			if (kept >= 200 && seen >= 0.6 * total) {
				memset(keep + i, 0, nb - i);
				break;
			}
			keep[i] = 0;
		}
		seen += b->chars;
		if (keep[i])
			kept += b->chars;
	}
	/* a heading with nothing kept under it */
	for (uint32_t i = 0; i < nb; i++) {
		if (!keep[i] || c->b[n0 + i].kind != K_H)
			continue;
		uint32_t j = i + 1;
		while (j < nb && !keep[j])
			j++;
		if (j == nb || c->b[n0 + j].kind == K_H)
			keep[i] = 0;
	}
#ifdef SR_HTML_DEBUG
	fprintf(stderr, "region <%s class=%s id=%s> blocks %u..%u of %zu score %.0f\n",
		(const char *)c->best->name, sr_dom_attr(c->best, "class"), sr_dom_attr(c->best, "id"),
		c->best_first, c->best_last, c->nb, c->best_score);
	for (uint32_t i = 0; i < c->nb; i++) {
		const blk *b = &c->b[i];
		int in = i >= n0 && i < c->best_last;
		fprintf(stderr, "%c%c k%d %4u/%-4u %.*s\n", in ? '|' : ' ',
			in && keep[i - n0] ? '+' : ' ', b->kind, b->lchars, b->chars,
			(int)(b->len < 90 ? b->len : 90), c->txt.data + b->off);
	}
#endif
	for (uint32_t i = 0; i < nb; i++) {
		if (!keep[i])
			continue;
		const blk *b = &c->b[n0 + i];
		if (out.len && (rc = sr_buf_append(&out, "\n\n", 2)))
			goto out;
		if ((rc = sr_buf_append(&out, c->txt.data + b->off, b->len)))
			goto out;
	}
	if (out.len == 0) {
		rc = SR_EEMPTY;
		goto out;
	}
	art->text = sr_arena_strndup(c->a, out.data, out.len);
	if (!art->text)
		rc = SR_ENOMEM;
out:
	free(keep);
	sr_buf_release(&out);
	return rc;
}

/* a[0..an) and b[0..bn) are at most two edits (insertions, deletions, substitutions of a
 * byte) apart: the banded edit distance, rows of five cells */
static int edit_distance_le2(const char *a, size_t an, const char *b, size_t bn)
{
	if (an > bn + 2 || bn > an + 2)
		return 0;
	enum { K = 2, W = 2 * K + 1, INF = 99 };
	int prev[W], cur[W];
	/* cell d of row i is column j = i + d - K */
	for (int d = 0; d < W; d++) {
		long j = d - K;
		prev[d] = j >= 0 && (size_t)j <= bn ? (int)j : INF;
	}
	for (size_t i = 1; i <= an; i++) {
		int best = INF;
		for (int d = 0; d < W; d++) {
			long j = (long)i + d - K;
			int v = INF;
			if (j >= 0 && (size_t)j <= bn) {
				if (j == 0)
					v = (int)i;
				else {
					v = prev[d] + (a[i - 1] != b[j - 1]); /* diagonal */
					if (d + 1 < W && prev[d + 1] + 1 < v) /* from row i-1, col j */
						v = prev[d + 1] + 1;
					if (d > 0 && cur[d - 1] + 1 < v) /* from col j-1 */
						v = cur[d - 1] + 1;
				}
			}
			cur[d] = v > INF ? INF : v;
			if (cur[d] < best)
				best = cur[d];
		}
		if (best > K)
			return 0;
		memcpy(prev, cur, sizeof(prev));
	}
	long d = (long)bn - (long)an + K;
	return d >= 0 && d < W && prev[d] <= K;
}

/* an <h1> that disagrees with the metadata's title wins from this many words on */
#define TITLE_H1_WORDS 5

/* The visible headline: the first <h1> in the main content, else the last one shortly before
 * it, else the page's only <h1>.  It wins over the metadata's title, which often carries
 * a kicker or the site's name. */
static void pick_title(ctx *c, sr_article *art)
{
	const blk *h = NULL;
	for (uint32_t i = c->best_first; i < c->best_last && !h; i++)
		if (c->b[i].kind == K_H && c->b[i].level == 1)
			h = &c->b[i];
	for (uint32_t i = c->best_first; i > 0 && i + 40 > c->best_first && !h; i--)
		if (c->b[i - 1].kind == K_H && c->b[i - 1].level == 1)
			h = &c->b[i - 1];
	if (!h) {
		size_t n = 0;
		for (size_t i = 0; i < c->nb; i++)
			if (c->b[i].kind == K_H && c->b[i].level == 1 && n++ == 0)
				h = &c->b[i];
		if (n != 1)
			h = NULL;
	}
	/* an <h1> in a skipped header: inside the content, or just before it, and nearer
	 * than the one found among the blocks */
	const char *sv = NULL;
	uint32_t hat = h ? (uint32_t)(h - c->b) : 0;
	for (size_t i = 0; i < c->n_sh1; i++) {
		uint32_t at = c->sh1[i].at;
		int inside = at >= c->best_first && at < c->best_last;
		int before = at < c->best_first && at + 40 >= c->best_first;
		if (!inside && !before)
			continue;
		if (h && hat >= c->best_first && (!inside || at > hat))
			continue; /* the block h1 is inside and earlier */
		if (h && hat < c->best_first && before && at < hat)
			continue;
		sv = c->sh1[i].text;
		if (inside)
			break;
	}
	char *v;
	if (sv) {
		size_t sl = strlen(sv);
		if (sl < 4 || sl > 1200)
			return;
		v = sr_arena_strdup(c->a, sv);
	} else {
		if (!h || h->chars < 4 || h->chars > 300)
			return;
		v = sr_clean_space(c->a, c->txt.data + h->off, h->len);
	}
	if (!v)
		return;
	if (art->site_name) {
		/* the site's name (or a logo line that starts with it) is not the headline */
		char fs[256], fv1[256];
		size_t sl = sr_clean_fold(art->site_name, fs, sizeof(fs));
		size_t l1 = sr_clean_fold(v, fv1, sizeof(fv1));
		if (!strcmp(v, art->site_name) || (sl >= 4 && l1 >= sl && !memcmp(fv1, fs, sl)))
			return;
	}
	if (sr_lex_stop(v, strlen(v)))
		return;
	const char *m = art->title;
	if (!m) {
		art->title = v;
		return;
	}
	/* one contains the other (letters and digits only): the shorter is the headline
	 * without kicker or site name; when they are the same, the visible one */
	char fv[1024], fm[1024];
	size_t vl = sr_clean_fold(v, fv, sizeof(fv)), ml = sr_clean_fold(m, fm, sizeof(fm));
	if (vl && ml && (strstr(fm, fv) || strstr(fv, fm))) {
		/* ... except that a visible headline that goes on where the metadata's stops
		 * is the whole headline, the metadata's a shortened one */
		int longer_ok = !strncmp(fv, fm, ml);
		if (longer_ok && vl > ml) {
			/* not when what it adds is a dateline or a byline run into the heading */
			char iso[SR_DATE_MAX];
			size_t off, vn = strlen(v);
			if (sr_date_find(v, vn, iso, NULL, NULL) ||
			    sr_clean_find_byline(v, vn, &off))
				longer_ok = 0;
		}
		art->title = vl <= ml || longer_ok ? v : m;
		return;
	}
	/* they disagree: a short <h1> is a section name, a longer one the headline; but one
	 * that differs from the metadata's in two letters at most is the same headline
	 * ("Nachhaltig leben", "Nachhaltiger leben"), spelt as the page shows it */
	size_t words = 1;
	for (const char *p = v; *p; p++)
		words += *p == ' ';
	if (words >= TITLE_H1_WORDS || (vl >= 8 && ml >= 8 && edit_distance_le2(fv, vl, fm, ml)))
		art->title = v;
}

static int set_byline(ctx *c, sr_article *art, const char *t, size_t n)
{
	const char *names[16];
	size_t cnt = 0, k = 0;
	sr_clean_authors(c->a, t, n, names, &cnt, 16, 1);
	/* "By The Planetary Press": the site's name is what the metadata said already */
	for (size_t i = 0; i < cnt; i++)
		if (!sr_meta_site_like(names[i], art->site_name, art->url))
			names[k++] = names[i];
	cnt = k;
#ifdef SR_HTML_DEBUG
	fprintf(stderr, "byline from \"%.*s\": %zu names\n", (int)(n < 120 ? n : 120), t, cnt);
#endif
	if (!cnt)
		return 0;
	const char **v = sr_arena_alloc(c->a, cnt * sizeof(*v));
	if (!v)
		return 0;
	memcpy(v, names, cnt * sizeof(*v));
	art->authors = v;
	art->n_authors = cnt;
	return 1;
}

/* A block that cannot be a byline: the headline (an <h1>, an <h2>, or the title:
 * "Von Sprachregeln, Gender-Politik und ...", "US-Sport in Zeiten von Corona"). */
static int not_byline(ctx *c, const sr_article *art, const blk *b)
{
	if (b->kind == K_H && b->level <= 2)
		return 1;
	char fb[512], ft[512];
	return art->title && b->len < sizeof(fb) - 8 &&
	       sr_clean_fold(art->title, ft, sizeof(ft)) &&
	       !strcmp(ft, (sr_clean_fold(sr_arena_strndup(c->a, c->txt.data + b->off, b->len),
					  fb, sizeof(fb)),
				    fb));
}

/* A block that is only a byline's label ("Autor:", "Von:", "Written by:", "Auteur(s) :"):
 * the name is in the next block. */
static int byline_label(const char *t, size_t n)
{
	static const char *const labels[] = {"autor", "autorin", "autoren", "author", "authors",
					     "von", "by", "text", "written by", "verfasser",
					     "verfasst von", "auteur", "auteur(s)", "auteurs",
					     "autor/in", "geschrieben von", NULL};
	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == ':'))
		n--;
	if (n == 0 || n > 20)
		return 0;
	for (int i = 0; labels[i]; i++)
		if (strlen(labels[i]) == n && sr_clean_iprefix(t, labels[i]))
			return 1;
	return 0;
}

/* A byline in block i ("By Jane Doe", "11.12.2019 - Anna Berg", a label block and the
 * name in the next one): sets the authors and returns 1. */
static int byline_at(ctx *c, sr_article *art, uint32_t i, uint32_t end)
{
	const blk *b = &c->b[i];
	const char *t = c->txt.data + b->off;
	size_t off;
	if (not_byline(c, art, b))
		return 0;
	if (b->len <= 160 && sr_clean_find_byline(t, b->len, &off) &&
	    set_byline(c, art, t + off, b->len - off))
		return 1;
	size_t dn = dated_name(t, b->len);
	if (dn) {
		/* the name up to the next separator has a person's shape ("Recht & Gesetz |
		 * Jetzt kommentieren" is a category) */
		size_t e = dn;
		while (e < b->len && (t[e] == ' ' || (t[e] == '-' && t[e - 1] != ' ') ||
				      !sep_len(t + e, b->len - e)))
			e++;
		while (e > dn && t[e - 1] == ' ')
			e--;
		if (sr_script_name_shaped(t + dn, e - dn) && set_byline(c, art, t + dn, e - dn))
			return 1;
	}
	if (i + 1 < end && byline_label(t, b->len) && c->b[i + 1].len <= 60 &&
	    set_byline(c, art, c->txt.data + c->b[i + 1].off, c->b[i + 1].len))
		return 1;
	return 0;
}

/* No author in the metadata: a visible byline ("Von Anna Schmidt", "Text: A. B.") in a
 * short block around the start of the main content, in its last blocks or just after it. */
static void pick_author(ctx *c, sr_article *art)
{
	uint32_t from = c->best_first > 25 ? c->best_first - 25 : 0;
	uint32_t to = c->best_first + 12 < c->best_last ? c->best_first + 12 : c->best_last;
	size_t sb = 0, off;
	for (uint32_t i = from; i <= to; i++) {
		while (sb < c->n_sby && c->sby[sb].at < from)
			sb++;
		while (sb < c->n_sby && c->sby[sb].at <= i) {
			if (set_byline(c, art, c->sby[sb].text, strlen(c->sby[sb].text)))
				return;
			sb++;
		}
		if (i == to)
			break;
		if (byline_at(c, art, i, (uint32_t)c->nb))
			return;
	}
	uint32_t tail = c->best_last > to + 6 ? c->best_last - 6 : to;
	/* the last blocks of the content and the few after it (a post's footer line) */
	uint32_t after = c->best_last + 6 < c->nb ? c->best_last + 6 : (uint32_t)c->nb;
	for (uint32_t i = tail; i < after; i++)
		if (byline_at(c, art, i, after))
			return;
	/* anywhere in the content, a short block that is a byline from its first word
	 * ("Autoren Jana Weber und Tom Lind" between two sections) */
	for (uint32_t i = to; i < tail; i++) {
		const blk *b = &c->b[i];
		const char *t = c->txt.data + b->off;
		if (b->len <= 100 && !not_byline(c, art, b) &&
		    sr_clean_find_byline(t, b->len, &off) && off == 0 &&
		    set_byline(c, art, t, b->len))
			return;
	}
}

/* No author at all: a credit in the content (credit.h): an agency's at the start of its
 * first blocks ("Hamburg (dpa/lno) – ..."), at the end of its last ones ("... (FR mit
 * dpa)", a closing "(Jane Doe)") or a line of its own ("Quelle: kathpress"), a last line
 * after the text that is only a person's name; else a name from the page's furniture (an
 * author box, the post author's comment, a copyright notice). */
static void pick_credit(ctx *c, sr_article *art, xmlDocPtr doc)
{
	const char *name = NULL;
	size_t st, len;
	uint32_t first = c->best_first, last = c->best_last;
	uint32_t from = first > 8 ? first - 8 : 0;
	for (uint32_t i = from; i < last && i < first + 6 && !name; i++) {
		const char *t = c->txt.data + c->b[i].off;
		size_t n = c->b[i].len;
		if (i >= first && sr_credit_in_text(t, n, SR_CREDIT_HEAD, &st, &len))
			name = sr_arena_strndup(c->a, t + st, len);
		else if (sr_credit_in_text(t, n, SR_CREDIT_WHOLE, &st, &len))
			name = sr_arena_strndup(c->a, t + st, len);
	}
	/* the end of the content (its last blocks may be teasers or link lists that the
	 * output drops) and the few blocks after it */
	uint32_t after = last + 3 < c->nb ? last + 3 : (uint32_t)c->nb;
	for (uint32_t i = after; i > first && i + 12 > last && !name; i--) {
		const char *t = c->txt.data + c->b[i - 1].off;
		size_t n = c->b[i - 1].len;
		if (sr_credit_in_text(t, n, SR_CREDIT_TAIL, &st, &len) ||
		    sr_credit_in_text(t, n, SR_CREDIT_WHOLE, &st, &len))
			name = sr_arena_strndup(c->a, t + st, len);
		/* a signature: a line that is only a name after the last paragraph */
		else if (i - 1 > first && c->b[i - 2].chars >= 200 &&
			 c->b[i - 2].kind != K_QUOTE && c->b[i - 1].kind != K_H &&
			 c->b[i - 1].lchars == 0 &&
			 !sr_lex_furniture(t, n) && !sr_lex_stop_heading(t, n) &&
			 sr_credit_in_text(t, n, SR_CREDIT_SIGNATURE, &st, &len))
			name = sr_arena_strndup(c->a, t + st, len);
	}
	/* a line of its own anywhere in the content ("Quelle: kathpress" before teasers) */
	for (uint32_t i = first; i < last && !name; i++) {
		const char *t = c->txt.data + c->b[i].off;
		if (c->b[i].len <= 80 &&
		    sr_credit_in_text(t, c->b[i].len, SR_CREDIT_WHOLE, &st, &len))
			name = sr_arena_strndup(c->a, t + st, len);
	}
	if (name && sr_meta_site_like(name, art->site_name, art->url))
		name = NULL;
	if (!name)
		name = sr_credit_author(doc, c->a, art->site_name, art->url);
	if (!name)
		return;
	const char **v = sr_arena_alloc(c->a, sizeof(*v));
	if (!v)
		return;
	v[0] = name;
	art->authors = v;
	art->n_authors = 1;
}

/* The headline's block: the first <h1> in the main content, else the last one in the 40
 * blocks before it, else one remembered from a skipped element there; -1 when none. */
static long headline_block(const ctx *c)
{
	for (uint32_t i = c->best_first; i < c->best_last; i++)
		if (c->b[i].kind == K_H && c->b[i].level == 1)
			return i;
	for (uint32_t i = c->best_first; i > 0 && i + 40 > c->best_first; i--)
		if (c->b[i - 1].kind == K_H && c->b[i - 1].level == 1)
			return i - 1;
	for (size_t i = 0; i < c->n_sh1; i++)
		if (c->sh1[i].at + 40 >= c->best_first && c->sh1[i].at < c->best_last)
			return c->sh1[i].at;
	return -1;
}

/* The days (up to max, "YYYY-MM-DD") of the dateline remembered from a skipped element
 * just before block i (the first such, or the last when last is set).  Returns their
 * count. */
static size_t skipped_days(const ctx *c, uint32_t i, int last, char days[][11], size_t max)
{
	size_t f = c->n_sdate;
	for (size_t k = 0; k < c->n_sdate; k++)
		if (c->sdate[k].at == i && (last || f == c->n_sdate))
			f = k;
	if (f == c->n_sdate || max == 0)
		return 0;
	memcpy(days[0], c->sdate[f].iso, 10);
	days[0][10] = 0;
	if (!c->sdate[f].also[0] || max < 2)
		return 1;
	memcpy(days[1], c->sdate[f].also, 11);
	return 2;
}

/* The days that block i names when it is a dateline: a short block (80 characters at most)
 * holding a date ("Am 31.10.2023, gegen 23:40 Uhr, kam es ..." is the story's text).
 * Returns their count. */
static size_t block_days(const ctx *c, uint32_t i, char days[][11], size_t max)
{
	const blk *b = &c->b[i];
	const char *t = c->txt.data + b->off;
	char iso[SR_DATE_MAX];
	size_t n = 0, at = 0, st, en;
	while (b->chars <= 80 && n < max && at < b->len &&
	       sr_date_find(t + at, b->len - at, iso, &st, &en)) {
		memcpy(days[n], iso, 10);
		days[n++][10] = 0;
		at += en;
	}
	return n;
}

/* The days of the dateline next to the headline: the first one among the reach blocks after
 * the headline (and the skipped elements between them), else the nearest in the two blocks
 * before it (further away than the site's "today" line).  Returns their count. */
static size_t headline_days(const ctx *c, uint32_t reach, char days[][11], size_t max)
{
	long h = headline_block(c);
	if (h < 0)
		return 0;
	size_t n = 0;
	for (uint32_t i = (uint32_t)h + 1; i <= (uint32_t)h + reach && i <= c->nb && !n; i++) {
		n = skipped_days(c, i, 0, days, max);
		if (!n && i < c->nb)
			n = block_days(c, i, days, max);
	}
	for (uint32_t i = (uint32_t)h; i > 0 && i + 2 > (uint32_t)h && !n; i--) {
		n = skipped_days(c, i, 1, days, max);
		if (!n)
			n = block_days(c, i - 1, days, max);
	}
	return n;
}

/* The metadata gave a published date; the page's own dateline next to the headline may
 * contradict it (weak: it came from a generic source, <meta name=date>, the URL, ...):
 * 1. a date that a word of publication introduces in the eight blocks after the headline
 *    ("Veröffentlicht am 16.08.2019") is the published day;
 * 2. a weak published date that the dateline in the three blocks after the headline (or
 *    two before it) does not name gives way to that dateline's day;
 * 3. when published and modified name different days and the dateline (eight blocks)
 *    shows the modified day and not the published one ("Updated Mar 12, 2020", "Stand:
 *    07.11.2023"), the page presents the article as of that day, and readers and
 *    archives date it so: published becomes the modified date. */
static void shown_date(ctx *c, sr_article *art, int weak)
{
	long h = headline_block(c);
	char iso[SR_DATE_MAX];
	for (uint32_t i = (uint32_t)h + 1; h >= 0 && i <= (uint32_t)h + 8 && i < c->nb; i++)
		if (c->b[i].chars <= 300 &&
		    pub_worded_date(c->txt.data + c->b[i].off, c->b[i].len, iso)) {
			if (strncmp(iso, art->published, 10))
				art->published = sr_arena_strdup(c->a, iso);
			return;
		}
	char days[4][11];
	size_t n = headline_days(c, 3, days, 4);
	int shown = 0;
	for (size_t i = 0; i < n; i++)
		shown |= !strncmp(days[i], art->published, 10);
	if (weak && n && !shown) {
		art->published = sr_arena_strdup(c->a, days[0]);
		return;
	}
	if (!art->modified || strlen(art->modified) < 10 ||
	    !strncmp(art->published, art->modified, 10))
		return;
	n = headline_days(c, 8, days, 4);
	int mod = 0, pub = 0;
	for (size_t i = 0; i < n; i++) {
		mod |= !strncmp(days[i], art->modified, 10);
		pub |= !strncmp(days[i], art->published, 10);
	}
	if (mod && !pub)
		art->published = art->modified;
}

/* No date in the metadata: the first date written in a short block around the start of the
 * main content (a dateline: "Datum: 03.11.2021", "Posted on July 12, 2024"), or at the head
 * of its first paragraphs; else the modified date. */
static void pick_date(ctx *c, sr_article *art)
{
	uint32_t from = c->best_first > 25 ? c->best_first - 25 : 0;
	uint32_t to = c->best_first + 12 < c->best_last ? c->best_first + 12 : c->best_last;
	char iso[SR_DATE_MAX];
	size_t sd = 0;
	for (uint32_t i = from; i < to; i++) {
		while (sd < c->n_sdate && c->sdate[sd].at < from)
			sd++;
		if (sd < c->n_sdate && c->sdate[sd].at <= i) {
			art->published = sr_arena_strdup(c->a, c->sdate[sd].iso);
			return;
		}
		const blk *b = &c->b[i];
		const char *t = c->txt.data + b->off;
		size_t st, en;
		if (!sr_date_find(t, b->len < 400 ? b->len : 400, iso, &st, &en))
			continue;
		if (b->chars > 150 && st > 40)
			continue;
		iso[10] = 0; /* a date written in text has no reliable time */
		art->published = sr_arena_strdup(c->a, iso);
		return;
	}
	/* a date that a word of publication introduces, anywhere on the page */
	for (uint32_t i = 0; i < c->nb; i++) {
		const blk *b = &c->b[i];
		if (b->chars <= 300 &&
		    pub_worded_date(c->txt.data + b->off, b->len, iso)) {
			art->published = sr_arena_strdup(c->a, iso);
			return;
		}
	}
	if (art->modified) {
		art->published = art->modified;
		return;
	}
	/* last resort: the first dateline anywhere on the page (a short block holding a
	 * date, or a date in a small skipped element) */
	sd = 0;
	for (uint32_t i = 0; i < c->nb; i++) {
		if (sd < c->n_sdate && c->sdate[sd].at <= i) {
			art->published = sr_arena_strdup(c->a, c->sdate[sd].iso);
			return;
		}
		const blk *b = &c->b[i];
		if (b->chars > 100)
			continue;
		if (!sr_date_find(c->txt.data + b->off, b->len, iso, NULL, NULL))
			continue;
		iso[10] = 0;
		art->published = sr_arena_strdup(c->a, iso);
		return;
	}
	if (sd < c->n_sdate)
		art->published = sr_arena_strdup(c->a, c->sdate[sd].iso);
}

/* No title from the metadata, <title> or an <h1>: the first <h2> of the main content, else
 * the last one in the 40 blocks before it. */
static void pick_h2_title(ctx *c, sr_article *art)
{
	const blk *h = NULL;
	for (uint32_t i = c->best_first; i < c->best_last && !h; i++)
		if (c->b[i].kind == K_H && c->b[i].level == 2)
			h = &c->b[i];
	for (uint32_t i = c->best_first; i > 0 && i + 40 > c->best_first && !h; i--)
		if (c->b[i - 1].kind == K_H && c->b[i - 1].level == 2)
			h = &c->b[i - 1];
	if (h && h->chars >= 4 && h->chars <= 300 &&
	    !sr_lex_stop(c->txt.data + h->off, h->len))
		art->title = sr_clean_space(c->a, c->txt.data + h->off, h->len);
}

/* s in Unicode normalisation form C (Bengali "ড়" written as U+09DC becomes U+09A1 U+09BC, as
 * the standard composes it), in the arena; s itself when it is ASCII or cannot be read. */
static const char *nfc(sr_arena *a, const char *s)
{
	const char *p = s;
	while (p && *p && (unsigned char)*p < 0x80)
		p++;
	if (!p || !*p)
		return s;
	utf8proc_uint8_t *n = utf8proc_NFC((const utf8proc_uint8_t *)s);
	if (!n)
		return s;
	const char *r = sr_arena_strdup(a, (const char *)n);
	free(n);
	return r ? r : s;
}

int sr_html_extract(const char *html, size_t len, const char *url, sr_arena *a,
		    sr_article *art)
{
	int rc = SR_OK;
	ctx c;
	memset(&c, 0, sizeof(c));
	c.a = a;
	sr_buf_init(&c.txt, len + 64);
	if (len > INT32_MAX)
		return SR_ETOOBIG;
	xmlDocPtr doc = htmlReadMemory(html, (int)len, url, "UTF-8",
				       HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
					       HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
					       HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT |
					       XML_PARSE_HUGE);
	if (!doc)
		return SR_EEMPTY;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root) {
		rc = SR_EEMPTY;
		goto out;
	}
	sr_meta_info mi;
	if ((rc = sr_meta_extract(doc, url, a, art, &mi)))
		goto out;
	if ((rc = count_text(&c, root)))
		goto out;
	xmlNodePtr body = root;
	for (xmlNodePtr k = root->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE && !strcmp((const char *)k->name, "body"))
			body = k;
	c.doc_text = NI(body) ? NI(body)->text : 0;
	walk(&c, body);
#ifdef SR_HTML_DEBUG
	fprintf(stderr, "walk: %zu blocks, doc_text %u, rc %d, best %p\n", c.nb, c.doc_text, c.rc,
		(void *)c.best);
#endif
	if ((rc = c.rc))
		goto out;
	if (!c.best || c.nb == 0) {
		rc = art->title ? SR_OK : SR_EEMPTY;
		goto out;
	}
	if (!mi.title_visible)
		pick_title(&c, art);
	if (!art->title)
		pick_h2_title(&c, art);
	/* the same headline compares equal however the page composed its letters */
	art->title = nfc(c.a, art->title);
	if (!art->n_authors) {
		pick_author(&c, art);
	} else if (mi.authors_weak) {
		/* only the site's name, an organisation's or a name from a script: a visible
		 * byline names the person; a long list is tags, not a byline; a one-word handle
		 * does not replace a full name from a script */
		const char **was = art->authors;
		size_t n_was = art->n_authors;
		pick_author(&c, art);
		if (art->n_authors > 3 ||
		    (mi.authors_weak == SR_AUTHORS_SCRIPT && art->authors != was &&
		     !strchr(art->authors[0], ' '))) {
			art->authors = was;
			art->n_authors = n_was;
		}
	}
	if (!art->n_authors)
		pick_credit(&c, art, doc);
	if (!art->published)
		pick_date(&c, art);
	else if (strlen(art->published) >= 10)
		shown_date(&c, art, mi.published_weak);
	rc = emit(&c, art);
	if (rc == SR_EEMPTY && art->title)
		rc = SR_OK;
out:
	/* _private pointed into the arena: nothing to free but the tree */
	xmlFreeDoc(doc);
	free(c.b);
	free(c.cum);
	sr_buf_release(&c.txt);
	return rc;
}
