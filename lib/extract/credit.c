/*
 * credit.c - credit lines and the page's furniture as the author (credit.h).
 */
#include "extract/credit.h"
#include "extract/dom.h"

#include <string.h>

#include "base/buf.h"
#include "extract/clean.h"
#include "extract/lexicon.h"
#include "extract/meta.h"
#include "extract/script.h"

static int lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int ieq_n(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	if (k != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (lc((unsigned char)s[i]) != lc((unsigned char)w[i]))
			return 0;
	return 1;
}

/* s starts with w, ASCII case ignored */
static int ipre(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	return n >= k && ieq_n(s, k, w);
}

/* News agencies, as they sign their wire copy (compared without case, except "AP"). */
static const char *const agencies[] = {
	"dpa", "afp", "reuters", "apa", "kna", "epd", "sid", "dts", "ddp", "dapd", "kathpress",
	"kap", "idea", "jiji", "jiji press", "kyodo", "kyodo news", "xinhua", "ansa", "efe",
	"europa press", "belga", "anp", "sda", "keystone-sda", "awp", "tass", "interfax",
	"yonhap", "pti", "ians", "upi", "aap", "epa", "lusa", "pap", "ctk", "čtk", "mti",
	"anadolu", "bloomberg", "associated press", "agence france-presse",
	"deutsche presse-agentur", "ria novosti", "afp-jiji", NULL};

static int is_agency(const char *s, size_t n)
{
	if (n == 2)
		return s[0] == 'A' && s[1] == 'P';
	for (int i = 0; agencies[i]; i++)
		if (ieq_n(s, n, agencies[i]))
			return 1;
	return 0;
}

/* Length of a separator between the parts of a credit at s[0..n), or 0. */
static size_t credit_sep(const char *s, size_t n)
{
	static const char *const words[] = {" mit ", " with ", " und ", " and ", " avec ",
					    " con ", " y ", " et ", NULL};
	if (s[0] == '/' || s[0] == ',' || s[0] == '&' || s[0] == ';')
		return 1;
	for (int i = 0; words[i]; i++)
		if (ipre(s, n, words[i]))
			return strlen(words[i]);
	return 0;
}

int sr_credit_is_agency_credit(const char *s, size_t n, int initials_ok)
{
	if (n == 0 || n > 60)
		return 0;
	int agency = 0, initials = 0, parts = 0, first_cap = 0;
	size_t i = 0;
	while (i <= n) {
		size_t st = i, sl = 0;
		while (i < n && !(sl = credit_sep(s + i, n - i)))
			i++;
		size_t b = st, e = i;
		while (b < e && s[b] == ' ')
			b++;
		while (e > b && s[e - 1] == ' ')
			e--;
		if (e == b || e - b > 40)
			return 0;
		size_t words = 1;
		for (size_t k = b; k < e; k++) {
			unsigned char c = (unsigned char)s[k];
			/* letters (not digits, colons, the copyright sign, quotes) */
			if (!(lc(c) >= 'a' && lc(c) <= 'z') && c != ' ' && c != '-' && c != '.' &&
			    c != '\'' && c < 0x80)
				return 0;
			if (c == 0xC2)
				return 0;
			words += c == ' ';
		}
		if (words > 3)
			return 0;
		if (is_agency(s + b, e - b)) {
			agency = 1;
		} else if (parts > 0 && st > 0 && s[st - 1] == '/' && e - b >= 2 && e - b <= 4) {
			int low = 1;
			for (size_t k = b; k < e; k++)
				low &= s[k] >= 'a' && s[k] <= 'z';
			initials |= low;
		}
		if (parts == 0)
			first_cap = (unsigned char)s[b] >= 'A' && (unsigned char)s[b] <= 'Z';
		parts++;
		if (i >= n)
			break;
		i += sl;
	}
	return agency || (initials_ok && initials && first_cap);
}

/* A person's name of two or three words in s[0..n): each an initial ("P."), a particle
 * ("von", "de") or a word in title case ("Jane", "O'Neil", "Lange-Fricke"), or every word
 * in capitals of three letters or more ("JANE DOE"); no word of an organisation ("Media",
 * "Group", "Forum", "...verband", "...schule", "Deutsch...") -- copyright notices and
 * credits name organisations far more often than people. */
static int person(const char *s, size_t n)
{
	static const char *const org_words[] = {
		"media", "group", "forum", "company", "times", "news", "test", "tests", "live",
		"kontakt", "club", "team", "service", "services", "design", "digital", "studio",
		"press", "labs", "works", "mills", "kitchens", "partners", "holding", "general",
		"online", "shop", "blog", "magazin", "magazine", "radio", "tv", "verlag", "the",
		"and", "und", "redaktion", "editorial", "staff", "admin",
		"alpen", "follow", "autor", "autorin", "author", "solar", NULL};
	static const char *const org_stems[] = {
		"verband", "bund", "ministeri", "schule", "anstalt", "werbung", "institut",
		"zentrum", "stiftung", "verein", "gesellschaft", "agentur", "foundation",
		"association", "universit", "hochschule", "international", "deutsch",
		"österreich", "schweiz", "europ", "dienst", "referat", "gewerkschaft", "polizei",
		"akademie", "academy", "kirche", "church", "museum", "theater", "theatre", "hotel",
		"restaurant", "consult", "solution", "system", "software", "technolog", "energie",
		"energy", "gmbh", "center", "centre", NULL};
	if (n < 4 || n > 60 || !memchr(s, ' ', n) || !sr_script_name_shaped(s, n))
		return 0;
	char low[64];
	for (size_t i = 0; i < n; i++)
		low[i] = (char)lc((unsigned char)s[i]);
	low[n] = 0;
	for (int k = 0; org_stems[k]; k++)
		if (strstr(low, org_stems[k]))
			return 0;
	size_t words = 0, caps_words = 0, title_words = 0;
	for (size_t i = 0; i < n;) {
		while (i < n && s[i] == ' ')
			i++;
		size_t st = i;
		while (i < n && s[i] != ' ')
			i++;
		if (i == st)
			break;
		words++;
		for (int k = 0; org_words[k]; k++)
			if (ieq_n(s + st, i - st, org_words[k]))
				return 0;
		if (s[st] >= 'a' && s[st] <= 'z')
			continue; /* a particle (sr_script_name_shaped checked it) */
		if (i - st == 2 && s[st + 1] == '.')
			continue; /* an initial */
		int upper = 0, lower = 0, inner_cap = 0;
		for (size_t k = st; k < i; k++) {
			unsigned char c = (unsigned char)s[k];
			if (c >= 'a' && c <= 'z')
				lower++;
			else if (c >= 'A' && c <= 'Z') {
				upper++;
				if (k > st && s[k - 1] != '-' && s[k - 1] != '\'' &&
				    !(k == st + 2 && s[st] == 'M' && s[st + 1] == 'c'))
					inner_cap = 1;
			} else if (c >= 0xC3 && c < 0xE0 && k + 1 < i) {
				/* Latin-1 letters: C3 80..9E capitals, 9F..BF small */
				if (c == 0xC3 && (unsigned char)s[k + 1] < 0x9F)
					upper++;
				else
					lower++;
				k++;
			}
		}
		if (!lower && upper >= 3)
			caps_words++;
		else if (lower && !inner_cap)
			title_words++;
		else
			return 0;
	}
	if (words < 2 || words > 3)
		return 0;
	return caps_words == 0 || title_words == 0;
}

static int dash_at(const char *s, size_t n)
{
	if (n >= 1 && (s[0] == '-' || s[0] == ':'))
		return 1;
	return n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
	       ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94);
}

int sr_credit_in_text(const char *s, size_t n, int where, size_t *st, size_t *len)
{
	if (where == SR_CREDIT_HEAD) {
		/* "Hamburg (dpa/lno) – ...", "(AFP) - ..." */
		for (size_t i = 0; i < n && i <= 60; i++) {
			if (s[i] != '(')
				continue;
			size_t j = i + 1;
			while (j < n && j <= i + 50 && s[j] != ')' && s[j] != '(')
				j++;
			if (j >= n || s[j] != ')')
				return 0;
			size_t k = j + 1;
			while (k < n && s[k] == ' ')
				k++;
			if ((k < n && !dash_at(s + k, n - k)) ||
			    !sr_credit_is_agency_credit(s + i + 1, j - i - 1, 0))
				return 0;
			*st = i + 1;
			*len = j - i - 1;
			return 1;
		}
		return 0;
	}
	if (where == SR_CREDIT_TAIL) {
		/* "... (FR mit dpa)", "... (Jane Doe) +++" */
		size_t e = n;
		while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '.' || s[e - 1] == '+' ||
				 s[e - 1] == '*'))
			e--;
		if (e < 3 || s[e - 1] != ')')
			return 0;
		size_t b = e - 1;
		while (b > 0 && b + 62 > e && s[b - 1] != '(' && s[b - 1] != ')')
			b--;
		if (b == 0 || s[b - 1] != '(')
			return 0;
		size_t in = b, il = e - 1 - b;
		while (il > 0 && s[in] == ' ')
			in++, il--;
		while (il > 0 && s[in + il - 1] == ' ')
			il--;
		if (!sr_credit_is_agency_credit(s + in, il, 1) && !person(s + in, il))
			return 0;
		*st = in;
		*len = il;
		return 1;
	}
	if (where == SR_CREDIT_SIGNATURE) {
		size_t b = 0, e = n;
		while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '.'))
			e--;
		if (e > 40 || !person(s, e))
			return 0;
		*st = b;
		*len = e;
		return 1;
	}
	/* the whole block: "dpa", "(AFP)", "Quelle: kathpress", "Quelle: MDR THÜRINGEN/ls" */
	static const char *const labels[] = {"quelle:", "quellen:", "source:", "sources:",
					     "fuente:", "fonte:", "bron:", "text:", "material:",
					     "mit material von", "agenturen:", NULL};
	if (n > 80)
		return 0;
	size_t b = 0, e = n;
	int labelled = 0;
	for (int i = 0; labels[i]; i++)
		if (ipre(s, n, labels[i])) {
			b = strlen(labels[i]);
			labelled = 1;
			break;
		}
	while (b < e && s[b] == ' ')
		b++;
	while (e > b && (s[e - 1] == ' ' || s[e - 1] == '.'))
		e--;
	if (e > b + 1 && s[b] == '(' && s[e - 1] == ')')
		b++, e--;
	if (e == b || !sr_credit_is_agency_credit(s + b, e - b, labelled))
		return 0;
	*st = b;
	*len = e - b;
	return 1;
}

/* ---- the tree ---- */

/* n's class and id, lowercased, into low (empty when too long) */
static void class_low(xmlNodePtr n, char *low, size_t cap)
{
	const char *vals[2] = {sr_dom_attr(n, "class"), sr_dom_attr(n, "id")};
	size_t j = 0;
	low[0] = 0;
	for (int i = 0; i < 2; i++) {
		if (!vals[i])
			continue;
		size_t l = strlen(vals[i]);
		if (j + l + 2 > cap)
			return;
		for (size_t k = 0; k < l; k++)
			low[j++] = (char)lc((unsigned char)vals[i][k]);
		low[j++] = ' ';
		low[j] = 0;
	}
}

/* the class attribute holds the token w (lowercase) */
static int class_token(xmlNodePtr n, const char *w)
{
	const char *c = sr_dom_attr(n, "class");
	size_t k = strlen(w);
	for (const char *p = c; p && *p;) {
		while (*p == ' ')
			p++;
		size_t l = 0;
		while (p[l] && p[l] != ' ')
			l++;
		if (l == k && ieq_n(p, l, w))
			return 1;
		p += l;
	}
	return 0;
}

/* Visible text of n, whitespace collapsed, at most cap bytes read and 4 * cap + 64 nodes
 * visited (a subtree of empty elements costs no bytes) (arena). */
static char *text_of(sr_arena *a, xmlNodePtr n, size_t cap)
{
	sr_buf b;
	sr_buf_init(&b, cap + 8);
	xmlNodePtr c = n->children;
	size_t budget = 4 * cap + 64;
	while (c && b.len < cap && budget--) {
		if (c->type == XML_TEXT_NODE && c->content) {
			sr_buf_append(&b, c->content, strlen((const char *)c->content));
		} else if (c->type == XML_ELEMENT_NODE && c->children && !sr_dom_is(c, "script") &&
			   !sr_dom_is(c, "style")) {
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
		}
		if (c)
			c = c->next;
	}
	char *r = b.len && b.len < cap ? sr_clean_space(a, b.data, b.len) : NULL;
	sr_buf_release(&b);
	return r;
}

/* The next element of a pre-order walk within top (children first unless skip). */
static xmlNodePtr next_in(xmlNodePtr n, xmlNodePtr top, int skip)
{
	if (!skip && n->children)
		return n->children;
	while (n && n != top && !n->next)
		n = n->parent;
	return n && n != top ? n->next : NULL;
}

typedef struct {
	sr_arena *a;
	const char *site, *url;
	const char *name;
	int rank;
} found;

/* name holds the host's name but does not spell it ("Eishockeynews Straubing" on
 * eishockeynews.de): 1; spells it ("Gregory Szorc" on gregoryszorc.com, a personal
 * site): 2; else 0 */
static int host_match(const char *name, const char *url)
{
	char host[64], all[128];
	size_t h = 0, na = 0;
	const char *p = url ? strstr(url, "://") : NULL;
	p = p ? p + 3 : url;
	if (!p)
		return 0;
	if (!strncmp(p, "www.", 4))
		p += 4;
	for (; *p && *p != '.' && *p != '/' && h + 1 < sizeof(host); p++)
		if (lc((unsigned char)*p) >= 'a' && lc((unsigned char)*p) <= 'z')
			host[h++] = (char)lc((unsigned char)*p);
	host[h] = 0;
	int part = 0;
	for (const char *w = name; *w && h >= 4;) {
		char word[64];
		size_t k = 0;
		for (; *w && *w != ' '; w++)
			if (lc((unsigned char)*w) >= 'a' && lc((unsigned char)*w) <= 'z' &&
			    k + 1 < sizeof(word))
				word[k++] = (char)lc((unsigned char)*w);
		word[k] = 0;
		if (k >= 4 && (strstr(host, word) || strstr(word, host)))
			part = 1;
		if (na + k < sizeof(all)) {
			memcpy(all + na, word, k);
			na += k;
		}
		while (*w == ' ')
			w++;
	}
	all[na] = 0;
	if (h >= 4 && !strcmp(all, host))
		return 2;
	return part;
}

static void offer(found *f, const char *name, int rank)
{
	if (!name || rank <= f->rank)
		return;
	int hm = host_match(name, f->url);
	int lower = 0;
	for (const char *p = name; *p && !lower; p++)
		lower = *p >= 'a' && *p <= 'z';
	/* a personal site spells its owner's name; an organisation's in capitals is a site */
	if (hm == 2 && !lower)
		return;
	if (hm == 1 || (hm == 0 && sr_meta_site_like(name, f->site, f->url)))
		return;
	f->name = name;
	f->rank = rank;
}

enum { R_COPY_BARE = 1, R_COPY = 2, R_POST = 3, R_BOX = 4, R_AGENCY = 5 };

/* Drupal's "submitted" line: "Gespeichert von jdoe am 24. Juli 2017", "Submitted by Jane
 * Doe on ..." */
static void submitted(found *f, xmlNodePtr n)
{
	char *t = text_of(f->a, n, 160);
	size_t off;
	const char *nm[2];
	size_t cnt = 0;
	if (!t || !sr_clean_find_byline(t, strlen(t), &off) || off > 16)
		return;
	sr_clean_authors(f->a, t + off, strlen(t + off), nm, &cnt, 2, 1);
	if (cnt >= 1)
		offer(f, nm[0], R_POST);
}

/* An author box: the first name-shaped heading, bold text or "name" element inside. */
static void author_box(found *f, xmlNodePtr box)
{
	int seen = 0;
	for (xmlNodePtr e = box->children; e && seen < 80; e = next_in(e, box, 0)) {
		if (e->type != XML_ELEMENT_NODE || !e->name)
			continue;
		seen++;
		const char *nm = (const char *)e->name;
		char low[256];
		class_low(e, low, sizeof(low));
		const char *ip = sr_dom_attr(e, "itemprop");
		int cand = (nm[0] == 'h' && nm[1] >= '2' && nm[1] <= '6' && !nm[2]) ||
			   !strcmp(nm, "strong") || !strcmp(nm, "b") || strstr(low, "name") ||
			   (ip && !strcmp(ip, "name"));
		if (!cand)
			continue;
		char *t = text_of(f->a, e, 100);
		const char *nm1[2];
		size_t cnt = 0;
		if (t && !sr_lex_stop(t, strlen(t)))
			sr_clean_authors(f->a, t, strlen(t), nm1, &cnt, 2, 1);
		if (cnt == 1 && person(nm1[0], strlen(nm1[0]))) {
			offer(f, nm1[0], R_BOX);
			return;
		}
	}
}

/* An element marked as a credit whose text is an agency's ("<p class=credit>JIJI</p>"). */
static int agency_element(found *f, xmlNodePtr n)
{
	char *t = text_of(f->a, n, 60);
	size_t st, len;
	if (!t || !sr_credit_in_text(t, strlen(t), SR_CREDIT_WHOLE, &st, &len))
		return 0;
	f->name = sr_arena_strndup(f->a, t + st, len);
	f->rank = R_AGENCY;
	return f->name != NULL;
}

/* The name on a comment that WordPress marks as the post author's. */
static void post_author(found *f, xmlNodePtr c)
{
	static const char *const toks[] = {"fn", "comment-author", "comment-author-name",
					   "comment_author", "author-name", "username", NULL};
	int seen = 0;
	for (xmlNodePtr e = c->children; e && seen < 60; e = next_in(e, c, 0)) {
		if (e->type != XML_ELEMENT_NODE)
			continue;
		seen++;
		int hit = 0;
		for (int i = 0; toks[i] && !hit; i++)
			hit = class_token(e, toks[i]);
		if (!hit)
			continue;
		char *t = text_of(f->a, e, 80);
		if (!t)
			continue;
		static const char *const generic[] = {"admin", "administrator", "webmaster",
						      "editor", "redaktion", "wordpressadmin",
						      "root", "guest", "gast", "anonymous", "anonym",
						      NULL};
		size_t l = strlen(t);
		int gen = 0;
		for (int i = 0; generic[i] && !gen; i++)
			gen = sr_clean_ieq(t, generic[i]);
		if (!gen && ((!strchr(t, ' ') && l >= 2 && l <= 30) || person(t, l))) {
			offer(f, t, R_POST);
			return;
		}
	}
}

/* Length of a copyright mark at s, or 0: "©", "(c)", "Copyright". */
static size_t copy_mark(const char *s, size_t n)
{
	if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA9)
		return 2;
	if (n >= 3 && s[0] == '(' && lc(s[1]) == 'c' && s[2] == ')')
		return 3;
	if (ipre(s, n, "copyright"))
		return 9;
	return 0;
}

/* A person named by a copyright notice in s[0..n): "© 2019 Jane Doe", "Copyright (c)
 * 2012- Jane Doe. All rights reserved", "(c) Jane Doe • ...".  The name in the arena and
 * its rank (a year or the word "Copyright" make it a site's notice, not a photo's credit). */
static void copyright(found *f, const char *s, size_t n)
{
	/* a photo's credit ("Foto: © Jane Doe"), a theme's or a plugin's ("Add-ons © Jane Doe
	 * of Example") */
	static const char *const photo[] = {"foto", "photo", "bild", "image", "picture", "credit",
					    "grafik", "illustration", "add-on", "addon", "theme",
					    "design", "template", "plugin", "powered", "software",
					    NULL};
	static const char *const stop[] = {"All", "Alle", "Tous", "Todos", "Tutti", "Some",
					   "Rights", "Weitere", "Design", "Powered", "Theme",
					   "Impressum", "Datenschutz", "Hosted", "Made", "Built",
					   "Proudly", "Alle", "Sämtliche", NULL};
	static const char *const particles[] = {"von", "van", "der", "den", "de", "la", "le",
						"da", "di", "du", "zu", "bin", "al", NULL};
	if (n > 400)
		n = 400;
	for (size_t i = 0; i < n; i++) {
		size_t m = copy_mark(s + i, n - i);
		if (!m)
			continue;
		int worded = m == 9, year = 0;
		int ph = 0;
		for (size_t b = i > 24 ? i - 24 : 0; b < i && !ph; b++)
			for (int k = 0; photo[k] && !ph; k++)
				ph = ipre(s + b, i - b, photo[k]);
		if (ph)
			return;
		size_t j = i + m;
		for (;;) {
			while (j < n && (s[j] == ' ' || s[j] == ':' || s[j] == ',' || s[j] == '-'))
				j++;
			size_t k;
			if ((k = copy_mark(s + j, n - j))) {
				j += k;
			} else if (j < n && s[j] >= '0' && s[j] <= '9') {
				year = 1;
				while (j < n && s[j] >= '0' && s[j] <= '9')
					j++;
			} else if (dash_at(s + j, n - j) && s[j] != '-' && s[j] != ':') {
				j += 3;
			} else if (ipre(s + j, n - j, "by ") || ipre(s + j, n - j, "von ")) {
				j += s[j] == 'b' || s[j] == 'B' ? 3 : 4;
			} else {
				break;
			}
		}
		/* the name: capitalised words (particles and initials inside) up to a
		 * separator, a lowercase word or a word such as "All" (rights reserved) */
		size_t st = j, end = j, words = 0;
		while (j < n && words < 5) {
			size_t w = j;
			while (j < n && s[j] != ' ' && s[j] != ',' && s[j] != '|' && s[j] != ';' &&
			       s[j] != '(' && s[j] != '/' && !dash_at(s + j, n - j) &&
			       !((unsigned char)s[j] == 0xE2 && j + 2 < n &&
				 (unsigned char)s[j + 1] == 0x80 && (unsigned char)s[j + 2] == 0xA2) &&
			       !((unsigned char)s[j] == 0xC2 && j + 1 < n &&
				 (unsigned char)s[j + 1] == 0xB7))
				j++;
			size_t we = j;
			int dot_end = we > w && s[we - 1] == '.';
			if (dot_end && we - w > 3)
				we--; /* "Szorc." ends the name; "P." and "Dr." are inside it */
			if (we == w)
				break;
			unsigned char c = (unsigned char)s[w];
			int cap = (c >= 'A' && c <= 'Z') || c >= 0xC3;
			int part = 0;
			for (int p = 0; particles[p] && !part; p++)
				part = ieq_n(s + w, we - w, particles[p]) && c >= 'a';
			int stopw = 0;
			for (int p = 0; stop[p] && !stopw; p++)
				stopw = ieq_n(s + w, we - w, stop[p]);
			if ((!cap && !part) || stopw)
				break;
			for (size_t q = w; q < we; q++)
				if (s[q] >= '0' && s[q] <= '9')
					cap = 0;
			if (!cap && !part)
				break;
			end = we;
			words++;
			if (we < j || (j < n && s[j] != ' '))
				break;
			while (j < n && s[j] == ' ')
				j++;
		}
		while (j < n && s[j] == ' ')
			j++;
		if (ipre(s + j, n - j, "of ") || ipre(s + j, n - j, "from "))
			return; /* "Jane Doe of Example": a vendor's credit */
		if (end > st && person(s + st, end - st)) {
			char *t = sr_clean_space(f->a, s + st, end - st);
			offer(f, t, year || worded ? R_COPY : R_COPY_BARE);
		}
		return;
	}
}

/* a caption or a picture's credit around a text node (four levels up) */
static int in_caption(xmlNodePtr n)
{
	for (int d = 0; n && n->type == XML_ELEMENT_NODE && d < 4; d++, n = n->parent) {
		if (sr_dom_is(n, "figure") || sr_dom_is(n, "figcaption"))
			return 1;
		char low[256];
		class_low(n, low, sizeof(low));
		if (strstr(low, "caption") || strstr(low, "photo") || strstr(low, "image") ||
		    strstr(low, "credit"))
			return 1;
	}
	return 0;
}

const char *sr_credit_author(xmlDocPtr doc, sr_arena *a, const char *site_name,
			     const char *url)
{
	found f = {a, site_name, url, NULL, 0};
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr read_parent = NULL; /* whose text copyright() last read */
	size_t visited = 0;
	for (xmlNodePtr n = root; n && visited < 200000 && f.rank < R_AGENCY; visited++) {
		int skip = 0;
		if (n->type == XML_ELEMENT_NODE && n->name) {
			const char *nm = (const char *)n->name;
			skip = !strcmp(nm, "script") || !strcmp(nm, "style") ||
			       !strcmp(nm, "template") || !strcmp(nm, "svg");
			if (!strcmp(nm, "meta") && f.rank < R_COPY) {
				const char *k = sr_dom_attr(n, "name");
				const char *v = sr_dom_attr(n, "content");
				if (k && v && sr_clean_ieq(k, "copyright"))
					copyright(&f, v, strlen(v));
			}
			char low[256];
			class_low(n, low, sizeof(low));
			if (!skip && low[0] &&
			    (strstr(low, "credit") || strstr(low, "byline") || strstr(low, "source") ||
			     strstr(low, "agency") || strstr(low, "author")) &&
			    agency_element(&f, n)) {
				break;
			} else if (!skip && f.rank < R_BOX && low[0] &&
				   (strstr(low, "author") || strstr(low, "autor")) &&
			    (strstr(low, "bio") || strstr(low, "box") || strstr(low, "card") ||
			     strstr(low, "profile") || strstr(low, "about") || strstr(low, "info")) &&
			    !strstr(low, "comment")) {
				author_box(&f, n);
			} else if (!skip && f.rank < R_POST && class_token(n, "bypostauthor")) {
				post_author(&f, n);
			} else if (!skip && f.rank < R_POST && class_token(n, "submitted")) {
				submitted(&f, n);
			}
		} else if (n->type == XML_TEXT_NODE && n->content && f.rank < R_COPY) {
			const char *s = (const char *)n->content;
			size_t l = strlen(s);
			if (l <= 300 && (strstr(s, "\xC2\xA9") || strstr(s, "(c)") ||
					 strstr(s, "(C)") || strstr(s, "opyright") ||
					 strstr(s, "OPYRIGHT")) &&
			    !in_caption(n->parent)) {
				/* the name may sit in the next element: "© 2019 <a>Jane Doe</a>"; a
				 * parent's text is read once, not again for each of its marks */
				xmlNodePtr par = n->parent;
				if (par && par == read_parent) {
					copyright(&f, s, l); /* the parent's text was offered before */
				} else {
					read_parent = par;
					char *t = par ? text_of(a, par, 300) : NULL;
					copyright(&f, t ? t : s, t ? strlen(t) : l);
					if (t && f.rank < R_COPY)
						copyright(&f, s, l);
				}
			}
		}
		n = next_in(n, NULL, skip || n->type != XML_ELEMENT_NODE);
	}
	return f.name;
}
