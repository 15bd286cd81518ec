/*
 * robots.h - robots.txt (RFC 9309): groups, Allow/Disallow, Crawl-delay, Sitemap.
 *
 * Pure: text in, a parsed set of rules out (arena memory).  Matching follows RFC 9309:
 * the group whose User-agent token is the longest case-insensitive prefix-free match of
 * the crawler's product token ("sitrep") applies, else the "*" group; several groups
 * naming the same agent are merged.  Within the group the rule with the longest matching
 * path wins; on a tie Allow wins.  Paths match as prefixes with "*" (any run) and a final
 * "$" (end of URL path); percent-escapes are compared case-insensitively.  An empty
 * Disallow allows everything.  "/robots.txt" itself is always allowed.
 * Lines are capped at 2 KiB and the file at 500 KiB (the rest is ignored).
 */
#ifndef SR_ROBOTS_H
#define SR_ROBOTS_H

#include <stddef.h>

#include "base/arena.h"

typedef struct sr_robots_rule {
	const char *path; /* as written (percent-escapes as given) */
	int allow;        /* 1 Allow, 0 Disallow */
} sr_robots_rule;

typedef struct sr_robots {
	sr_robots_rule *rules; /* the rules of the group that applies to the agent */
	size_t n_rules;
	double crawl_delay;    /* seconds, or -1 when not given */
	const char **sitemaps; /* Sitemap: lines (any group), absolute URLs */
	size_t n_sitemaps;
} sr_robots;

/* Parse robots.txt text for the crawler whose product token is agent ("sitrep").
 * base_url (may be NULL) resolves relative Sitemap: URLs.  SR_OK or SR_ENOMEM; any text,
 * even binary, is read (what is not a rule is ignored). */
int sr_robots_parse(const char *text, size_t len, const char *agent, const char *base_url,
		    sr_arena *a, sr_robots *out);

/* 1 when the path-and-query path_query ("/news/a?x=1"; a full URL is accepted too) may
 * be fetched under r, else 0. */
int sr_robots_allowed(const sr_robots *r, const char *path_query);

#endif
