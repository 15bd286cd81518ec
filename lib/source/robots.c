/*
 * robots.c - robots.txt rules (see robots.h).
 */
#include "source/robots.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "source/feed.h"

#define MAX_LINE 2048
#define MAX_TEXT (500 * 1024)
#define MAX_RULES 4096
#define MAX_SITEMAPS 256

static const char *trim(const char *b, const char *e, size_t *n)
{
	while (b < e && (*b == ' ' || *b == '\t'))
		b++;
	while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	*n = (size_t)(e - b);
	return b;
}

/* Does the agent line value ua name our agent?  RFC 9309: the product token, compared
 * case-insensitively; we also accept "sitrep/1.0" and "sitrep-bot" style names. */
static int agent_matches(const char *ua, size_t n, const char *agent)
{
	size_t al = strlen(agent);
	if (n < al || strncasecmp(ua, agent, al) != 0)
		return 0;
	return n == al || ua[al] == '/' || ua[al] == ' ';
}

int sr_robots_parse(const char *text, size_t len, const char *agent, const char *base_url,
		    sr_arena *a, sr_robots *out)
{
	memset(out, 0, sizeof(*out));
	out->crawl_delay = -1;
	if (len > MAX_TEXT)
		len = MAX_TEXT;
	/* arrays sized by the line count (an upper bound), so a small file costs little */
	size_t lines = 1;
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n' || text[i] == '\r';
	size_t max_rules = lines < MAX_RULES ? lines : MAX_RULES;
	size_t max_maps = lines < MAX_SITEMAPS ? lines : MAX_SITEMAPS;
	sr_robots_rule *mine = sr_arena_alloc(a, max_rules * sizeof(*mine));
	sr_robots_rule *star = sr_arena_alloc(a, max_rules * sizeof(*star));
	const char **maps = sr_arena_alloc(a, max_maps * sizeof(*maps));
	if (!mine || !star || !maps)
		return SR_ENOMEM;
	size_t n_mine = 0, n_star = 0;
	double delay_mine = -1, delay_star = -1;
	int have_mine = 0;
	/* the current group: which agents its User-agent lines named */
	int g_mine = 0, g_star = 0, in_agents = 0;
	const char *p = text, *end = text + len;
	if (len >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
		p += 3;
	while (p < end) {
		const char *nl = p;
		while (nl < end && *nl != '\n' && *nl != '\r')
			nl++;
		const char *le = nl;
		if ((size_t)(le - p) > MAX_LINE)
			le = p + MAX_LINE;
		const char *hash = memchr(p, '#', (size_t)(le - p));
		if (hash)
			le = hash;
		const char *colon = memchr(p, ':', (size_t)(le - p));
		const char *next = nl < end ? nl + 1 : end;
		if (!colon) {
			p = next;
			continue;
		}
		size_t kn, vn;
		const char *k = trim(p, colon, &kn);
		const char *v = trim(colon + 1, le, &vn);
#define KEY(s) (kn == strlen(s) && strncasecmp(k, s, kn) == 0)
		if (KEY("user-agent") || KEY("useragent") || KEY("user agent")) {
			if (!in_agents) {
				g_mine = g_star = 0;
				in_agents = 1;
			}
			if (vn == 1 && v[0] == '*')
				g_star = 1;
			else if (agent_matches(v, vn, agent))
				g_mine = have_mine = 1;
		} else if (KEY("allow") || KEY("disallow")) {
			in_agents = 0;
			int allow = KEY("allow");
			if (vn == 0) {
				/* "Disallow:" with no path allows everything: no rule */
			} else {
				const char *path = sr_arena_strndup(a, v, vn);
				if (!path)
					return SR_ENOMEM;
				if (g_mine && n_mine < max_rules)
					mine[n_mine++] = (sr_robots_rule){path, allow};
				if (g_star && n_star < max_rules)
					star[n_star++] = (sr_robots_rule){path, allow};
			}
		} else if (KEY("crawl-delay") || KEY("crawldelay")) {
			in_agents = 0;
			char buf[32];
			size_t m = vn < sizeof(buf) - 1 ? vn : sizeof(buf) - 1;
			memcpy(buf, v, m);
			buf[m] = '\0';
			char *e;
			double d = strtod(buf, &e);
			if (e != buf && d >= 0 && d < 86400) {
				if (g_mine)
					delay_mine = d;
				if (g_star)
					delay_star = d;
			}
		} else if (KEY("sitemap") || KEY("site-map")) {
			/* not part of any group: does not end the agent list */
			if (vn && out->n_sitemaps < max_maps) {
				const char *u = sr_arena_strndup(a, v, vn);
				const char *r = u ? sr_feed_resolve(base_url, u, a) : NULL;
				if (r)
					maps[out->n_sitemaps++] = r;
			}
		} else {
			in_agents = 0;
		}
#undef KEY
		p = next;
	}
	out->sitemaps = maps;
	if (have_mine) {
		out->rules = mine;
		out->n_rules = n_mine;
		out->crawl_delay = delay_mine;
	} else {
		out->rules = star;
		out->n_rules = n_star;
		out->crawl_delay = delay_star;
	}
	return SR_OK;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Next byte of a path with %XX of unreserved characters decoded, so "/%7Ea" equals "/~a";
 * other escapes compare with their hex upper-cased. */
static int next_byte(const char **s, char *esc)
{
	const char *p = *s;
	if (p[0] == '%' && hexval((unsigned char)p[1]) >= 0 && hexval((unsigned char)p[2]) >= 0) {
		int c = hexval((unsigned char)p[1]) * 16 + hexval((unsigned char)p[2]);
		if (isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
			*s = p + 3;
			return c;
		}
		*esc = 1;
		*s = p + 3;
		return 0x100 | c;
	}
	*s = p + 1;
	return (unsigned char)p[0];
}

#define MAX_PAT 2048
#define MAX_PATH 8192
#define STAR (-1)

/* Decode s into v (bytes, escapes as 0x100|c, '*' as STAR when star); returns the count. */
static size_t decode(const char *s, int *v, size_t max, int star)
{
	size_t n = 0;
	while (*s && n < max) {
		if (star && *s == '*') {
			s++;
			if (!n || v[n - 1] != STAR)
				v[n++] = STAR;
			continue;
		}
		char esc = 0;
		v[n++] = next_byte(&s, &esc);
	}
	return n;
}

/* The length of pattern pat if it matches the start of path ("*" any run, a final "$" the
 * end), else -1.  Greedy matching with one backtrack point: O(len(pat) * len(path)). */
static int match(const char *pat, const char *path)
{
	int p[MAX_PAT], s[MAX_PATH];
	size_t plen = strlen(pat);
	int anchored = plen && pat[plen - 1] == '$';
	char tmp[MAX_PAT + 1];
	size_t tl = plen - (size_t)anchored;
	if (tl > MAX_PAT)
		tl = MAX_PAT;
	memcpy(tmp, pat, tl);
	tmp[tl] = '\0';
	size_t np = decode(tmp, p, MAX_PAT, 1);
	size_t ns = decode(path, s, MAX_PATH, 0);
	if (!anchored) {
		/* a prefix match: as if the pattern ended with "*" */
		if (np < MAX_PAT && (!np || p[np - 1] != STAR))
			p[np++] = STAR;
	}
	size_t i = 0, j = 0, star_i = (size_t)-1, star_j = 0;
	while (j < ns) {
		if (i < np && p[i] == STAR) {
			star_i = i++;
			star_j = j;
		} else if (i < np && p[i] == s[j]) {
			i++;
			j++;
		} else if (star_i != (size_t)-1) {
			i = star_i + 1;
			j = ++star_j;
		} else {
			return -1;
		}
	}
	while (i < np && p[i] == STAR)
		i++;
	return i == np ? (int)plen : -1;
}

int sr_robots_allowed(const sr_robots *r, const char *path_query)
{
	if (!r || !path_query)
		return 1;
	const char *path = path_query;
	const char *sch = strstr(path, "://");
	if (sch) {
		path = strchr(sch + 3, '/');
		if (!path)
			path = "/";
	}
	if (strcmp(path, "/robots.txt") == 0)
		return 1;
	int best = -1, allow = 1;
	for (size_t i = 0; i < r->n_rules; i++) {
		int m = match(r->rules[i].path, path);
		if (m < 0)
			continue;
		if (m > best || (m == best && r->rules[i].allow)) {
			best = m;
			allow = r->rules[i].allow;
		}
	}
	return allow;
}
