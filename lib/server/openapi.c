/*
 * openapi.c - /api/openapi.json, generated from the route table (server_int.h).
 *
 * Paths, methods, parameters, request bodies, security and responses all come from
 * sr_routes, the table the server dispatches from; only the shared schemas below are
 * written here.  tests/e2e/t50-serve.sh calls every documented operation and checks that
 * it answers with a documented status.
 */
#include "server/server_int.h"
#include "base/err.h"
#include "base/json.h"

#include <stdio.h>
#include <string.h>

static const char schemas[] =
	"{"
	"\"Error\":{\"type\":\"object\",\"required\":[\"error\"],\"properties\":{\"error\":{"
	"\"type\":\"object\",\"required\":[\"status\",\"message\"],\"properties\":{"
	"\"status\":{\"type\":\"integer\"},\"message\":{\"type\":\"string\"},"
	"\"column\":{\"type\":\"integer\",\"description\":\"for a query that does not parse: the "
	"1-based character column where it went wrong\"}}}}},"
	"\"Health\":{\"type\":\"object\",\"required\":[\"status\",\"version\",\"schema_version\","
	"\"writable\"],\"properties\":{\"status\":{\"type\":\"string\",\"enum\":[\"ok\"]},"
	"\"version\":{\"type\":\"string\"},\"schema_version\":{\"type\":\"integer\"},"
	"\"writable\":{\"type\":\"boolean\",\"description\":\"true when started with a write "
	"token\"}}},"
	"\"Stats\":{\"type\":\"object\",\"properties\":{\"documents\":{\"type\":\"integer\"},"
	"\"articles\":{\"type\":\"integer\"},\"raw_bytes\":{\"type\":\"integer\"},"
	"\"raw_stored_bytes\":{\"type\":\"integer\"},\"db_bytes\":{\"type\":\"integer\"},"
	"\"schema_version\":{\"type\":\"integer\"},"
	"\"published_first\":{\"type\":\"string\",\"nullable\":true},"
	"\"published_last\":{\"type\":\"string\",\"nullable\":true},"
	"\"languages\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}},"
	"\"sites\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}}}},"
	"\"Hit\":{\"type\":\"object\",\"required\":[\"id\",\"score\",\"snippet\",\"highlights\"],"
	"\"properties\":{\"id\":{\"type\":\"integer\"},\"score\":{\"type\":\"number\"},"
	"\"title\":{\"type\":\"string\",\"nullable\":true},\"url\":{\"type\":\"string\",\"nullable\":true},"
	"\"site_name\":{\"type\":\"string\",\"nullable\":true},"
	"\"published\":{\"type\":\"string\",\"nullable\":true},"
	"\"lang\":{\"type\":\"string\",\"nullable\":true},"
	"\"story\":{\"type\":\"integer\",\"nullable\":true,\"description\":\"its story\"},"
	"\"copies\":{\"type\":\"integer\",\"description\":\"other copies of the same text, "
	"folded into this hit\"},"
	"\"outlets\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"description\":"
	"\"the outlets that carried the other copies\"},"
	"\"snippet\":{\"type\":\"string\",\"description\":\"plain text, never markup\"},"
	"\"highlights\":{\"type\":\"array\",\"description\":\"[start, end) byte ranges of the "
	"matches in snippet\",\"items\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"},"
	"\"minItems\":2,\"maxItems\":2}}}},"
	"\"SearchResult\":{\"type\":\"object\",\"required\":[\"query\",\"hits\",\"total\",\"limit\","
	"\"offset\"],\"properties\":{\"query\":{\"type\":\"string\"},\"hits\":{\"type\":\"array\","
	"\"items\":{\"$ref\":\"#/components/schemas/Hit\"}},\"total\":{\"type\":\"integer\"},"
	"\"limit\":{\"type\":\"integer\"},\"offset\":{\"type\":\"integer\"},"
	"\"facets\":{\"$ref\":\"#/components/schemas/Facets\"}}},"
	"\"Facets\":{\"type\":\"object\",\"description\":\"with facets=true: how the matching "
	"set splits; each key a facet (sources, languages, days, and the entities mentioned: "
	"people, organizations, places), each value the counts of its values, largest first "
	"(days: newest first)\",\"additionalProperties\":{"
	"\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":[\"value\",\"count\"],"
	"\"properties\":{\"value\":{\"type\":\"string\",\"nullable\":true},"
	"\"count\":{\"type\":\"integer\"},\"id\":{\"type\":\"integer\",\"description\":"
	"\"entity facets: the entity (/api/entities/{id})\"}}}}},"
	"\"StoryArticle\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},"
	"\"title\":{\"type\":\"string\",\"nullable\":true},\"url\":{\"type\":\"string\",\"nullable\":true},"
	"\"outlet\":{\"type\":\"string\",\"nullable\":true},"
	"\"published\":{\"type\":\"string\",\"nullable\":true},"
	"\"dup_of\":{\"type\":\"integer\",\"nullable\":true,\"description\":\"the article "
	"this one is a copy of\"}}},"
	"\"Story\":{\"type\":\"object\",\"required\":[\"id\",\"size\",\"outlets\",\"articles\"],"
	"\"properties\":{\"id\":{\"type\":\"integer\"},\"label\":{\"type\":\"string\","
	"\"nullable\":true},\"label_id\":{\"type\":\"integer\"},"
	"\"first_seen\":{\"type\":\"string\"},\"last_seen\":{\"type\":\"string\"},"
	"\"size\":{\"type\":\"integer\"},\"outlets\":{\"type\":\"array\",\"items\":{"
	"\"type\":\"string\"}},\"articles\":{\"type\":\"array\",\"items\":{"
	"\"$ref\":\"#/components/schemas/StoryArticle\"}}}},"
	"\"StoryList\":{\"type\":\"object\",\"required\":[\"stories\",\"total\"],\"properties\":{"
	"\"total\":{\"type\":\"integer\"},\"stories\":{\"type\":\"array\",\"items\":{"
	"\"$ref\":\"#/components/schemas/Story\"}}}},"
	"\"Volume\":{\"type\":\"object\",\"required\":[\"from\",\"to\",\"total\",\"days\"],"
	"\"properties\":{\"site\":{\"type\":\"string\",\"nullable\":true},"
	"\"from\":{\"type\":\"string\",\"format\":\"date\"},\"to\":{\"type\":\"string\",\"format\":\"date\"},"
	"\"total\":{\"type\":\"integer\"},\"days\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
	"\"properties\":{\"day\":{\"type\":\"string\",\"format\":\"date\"},"
	"\"articles\":{\"type\":\"integer\"}}}}}},"
	"\"Article\":{\"type\":\"object\",\"required\":[\"id\",\"uri\"],\"properties\":{"
	"\"id\":{\"type\":\"integer\"},\"uri\":{\"type\":\"string\"},"
	"\"url\":{\"type\":\"string\",\"nullable\":true},\"title\":{\"type\":\"string\",\"nullable\":true},"
	"\"authors\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
	"\"published\":{\"type\":\"string\",\"nullable\":true},\"modified\":{\"type\":\"string\",\"nullable\":true},"
	"\"section\":{\"type\":\"string\",\"nullable\":true},"
	"\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
	"\"description\":{\"type\":\"string\",\"nullable\":true},"
	"\"canonical_url\":{\"type\":\"string\",\"nullable\":true},"
	"\"site_name\":{\"type\":\"string\",\"nullable\":true},\"lang\":{\"type\":\"string\",\"nullable\":true},"
	"\"image\":{\"type\":\"string\",\"nullable\":true},\"text\":{\"type\":\"string\"},"
	"\"fetched_at\":{\"type\":\"integer\",\"nullable\":true},\"ingested_at\":{\"type\":\"integer\"},"
	"\"source\":{\"type\":\"string\",\"nullable\":true},\"size\":{\"type\":\"integer\"},"
	"\"content_type\":{\"type\":\"string\",\"nullable\":true},"
	"\"entities\":{\"type\":\"array\",\"description\":\"its entity mentions, title first, "
	"then in text order; start and end are a [start, end) byte span in the title (in_title) or "
	"the text\",\"items\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},"
	"\"type\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"},"
	"\"start\":{\"type\":\"integer\"},\"end\":{\"type\":\"integer\"},"
	"\"in_title\":{\"type\":\"boolean\"}}}},"
	"\"quotes\":{\"type\":\"array\",\"description\":\"its quotes in text order (start, end: "
	"a byte span in the text)\",\"items\":{\"type\":\"object\",\"properties\":{"
	"\"id\":{\"type\":\"integer\"},\"text\":{\"type\":\"string\"},"
	"\"speaker\":{\"type\":\"string\",\"nullable\":true},"
	"\"entity_id\":{\"type\":\"integer\",\"nullable\":true},"
	"\"start\":{\"type\":\"integer\"},\"end\":{\"type\":\"integer\"}}}}}},"
	"\"EntityRef\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},"
	"\"type\":{\"type\":\"string\",\"enum\":[\"PER\",\"ORG\",\"LOC\",\"MISC\"]},"
	"\"name\":{\"type\":\"string\"},\"articles\":{\"type\":\"integer\"},"
	"\"mentions\":{\"type\":\"integer\"},"
	"\"first_seen\":{\"type\":\"string\",\"nullable\":true},"
	"\"last_seen\":{\"type\":\"string\",\"nullable\":true}}},"
	"\"EntityList\":{\"type\":\"object\",\"required\":[\"entities\"],\"properties\":{"
	"\"entities\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/EntityRef\"}}}},"
	"\"Entity\":{\"type\":\"object\",\"required\":[\"id\",\"type\",\"name\",\"days\","
	"\"with\",\"latest\"],\"properties\":{\"id\":{\"type\":\"integer\"},"
	"\"type\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"},"
	"\"articles\":{\"type\":\"integer\"},\"mentions\":{\"type\":\"integer\"},"
	"\"first_seen\":{\"type\":\"string\",\"nullable\":true},"
	"\"last_seen\":{\"type\":\"string\",\"nullable\":true},"
	"\"lat\":{\"type\":\"number\",\"nullable\":true},\"lon\":{\"type\":\"number\",\"nullable\":true},"
	"\"country\":{\"type\":\"string\",\"nullable\":true},"
	"\"days\":{\"type\":\"array\",\"description\":\"articles per UTC day that mention it\","
	"\"items\":{\"type\":\"object\",\"properties\":{\"day\":{\"type\":\"string\","
	"\"format\":\"date\"},\"articles\":{\"type\":\"integer\"}}}},"
	"\"with\":{\"type\":\"array\",\"description\":\"the entities it appears with\","
	"\"items\":{\"$ref\":\"#/components/schemas/EntityRef\"}},"
	"\"latest\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{"
	"\"id\":{\"type\":\"integer\"},\"title\":{\"type\":\"string\",\"nullable\":true},"
	"\"published\":{\"type\":\"string\",\"nullable\":true},"
	"\"site_name\":{\"type\":\"string\",\"nullable\":true}}}}}},"
	"\"Places\":{\"type\":\"object\",\"required\":[\"places\"],\"properties\":{"
	"\"places\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{"
	"\"id\":{\"type\":\"integer\"},\"name\":{\"type\":\"string\"},"
	"\"country\":{\"type\":\"string\",\"nullable\":true},\"lat\":{\"type\":\"number\"},"
	"\"lon\":{\"type\":\"number\"},\"articles\":{\"type\":\"integer\"},"
	"\"mentions\":{\"type\":\"integer\"}}}}}},"
	"\"IngestResult\":{\"type\":\"object\",\"required\":[\"id\",\"outcome\",\"uri\"],\"properties\":{"
	"\"id\":{\"type\":\"integer\"},\"outcome\":{\"type\":\"string\",\"enum\":[\"new\",\"changed\","
	"\"unchanged\"]},\"uri\":{\"type\":\"string\"},\"title\":{\"type\":\"string\",\"nullable\":true},"
	"\"warning\":{\"type\":\"string\",\"description\":\"something worth knowing about how it "
	"was read\"}}},"
	"\"Watchlist\":{\"type\":\"object\",\"required\":[\"id\",\"name\",\"query\"],\"properties\":{"
	"\"id\":{\"type\":\"integer\"},\"name\":{\"type\":\"string\"},\"query\":{\"type\":\"string\"},"
	"\"webhook\":{\"type\":\"string\",\"nullable\":true},"
	"\"created\":{\"type\":\"integer\",\"description\":\"unix seconds\"},"
	"\"alerts\":{\"type\":\"integer\"},"
	"\"last_alert\":{\"type\":\"integer\",\"nullable\":true,\"description\":\"unix seconds\"}}},"
	"\"WatchlistList\":{\"type\":\"object\",\"required\":[\"watchlists\"],\"properties\":{"
	"\"watchlists\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Watchlist\"}}}},"
	"\"WatchTest\":{\"type\":\"object\",\"required\":[\"query\",\"hits\",\"total\"],\"properties\":{"
	"\"query\":{\"type\":\"string\"},\"total\":{\"type\":\"integer\"},"
	"\"hits\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{"
	"\"id\":{\"type\":\"integer\"},\"title\":{\"type\":\"string\",\"nullable\":true},"
	"\"url\":{\"type\":\"string\",\"nullable\":true},\"site_name\":{\"type\":\"string\",\"nullable\":true},"
	"\"published\":{\"type\":\"string\",\"nullable\":true}}}}}},"
	"\"Alert\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},"
	"\"watchlist\":{\"type\":\"string\"},\"created\":{\"type\":\"string\",\"format\":\"date-time\"},"
	"\"article\":{\"type\":\"integer\",\"description\":\"the article (/api/articles/{id})\"},"
	"\"title\":{\"type\":\"string\",\"nullable\":true},\"url\":{\"type\":\"string\",\"nullable\":true},"
	"\"site_name\":{\"type\":\"string\",\"nullable\":true},"
	"\"published\":{\"type\":\"string\",\"nullable\":true},"
	"\"delivery\":{\"type\":\"string\",\"enum\":[\"none\",\"pending\",\"delivered\",\"dead\"],"
	"\"description\":\"the webhook delivery (none: no webhook)\"},"
	"\"attempts\":{\"type\":\"integer\"}}},"
	"\"AlertList\":{\"type\":\"object\",\"required\":[\"alerts\"],\"properties\":{"
	"\"alerts\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Alert\"}}}},"
	"\"Source\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},"
	"\"url\":{\"type\":\"string\"},\"kind\":{\"type\":\"string\",\"enum\":[\"feed\",\"sitemap\",\"page\"]},"
	"\"name\":{\"type\":\"string\",\"nullable\":true},\"every_secs\":{\"type\":\"integer\"},"
	"\"last_ok\":{\"type\":\"integer\",\"nullable\":true,\"description\":\"last successful poll, unix seconds\"},"
	"\"last_error\":{\"type\":\"string\",\"nullable\":true},"
	"\"last_error_at\":{\"type\":\"integer\",\"nullable\":true},"
	"\"items_24h\":{\"type\":\"integer\"},\"items_7d\":{\"type\":\"integer\"},"
	"\"stored_7d\":{\"type\":\"integer\"},"
	"\"delay_median_secs\":{\"type\":\"integer\",\"nullable\":true,\"description\":\"median of fetch "
	"time minus publication time over the last 7 days\"}},\"additionalProperties\":true},"
	"\"SourceList\":{\"type\":\"object\",\"required\":[\"sources\"],\"properties\":{"
	"\"sources\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Source\"}}}},"
	"\"SourceAdded\":{\"type\":\"object\",\"required\":[\"id\",\"url\",\"kind\"],\"properties\":{"
	"\"id\":{\"type\":\"integer\"},\"url\":{\"type\":\"string\"},\"kind\":{\"type\":\"string\"},"
	"\"name\":{\"type\":\"string\",\"nullable\":true},\"every_secs\":{\"type\":\"integer\"},"
	"\"via\":{\"type\":\"string\",\"nullable\":true}}},"
	"\"Trends\":{\"type\":\"object\",\"required\":[\"at\",\"window_hours\",\"trends\"],\"properties\":{"
	"\"at\":{\"description\":\"the end of the window\"},\"window_hours\":{\"type\":\"integer\"},"
	"\"trends\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{"
	"\"id\":{\"type\":\"integer\"},\"type\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"},"
	"\"count\":{\"type\":\"integer\",\"description\":\"articles in the window\"},"
	"\"baseline_per_hour\":{\"type\":\"number\"},\"sd\":{\"type\":\"number\"},"
	"\"z\":{\"type\":\"number\",\"description\":\"(count - W mu) / sqrt(W sigma^2 + 1)\"}}}}}}"
	"}";

/* Emit "media/type": {"schema": schema} for each type of a comma-separated list. */
static void content(sr_jw *w, const char *types, const char *schema)
{
	sr_jw_key(w, "content");
	sr_jw_obj(w);
	for (const char *t = types; *t;) {
		size_t n = strcspn(t, ",");
		char type[64];
		snprintf(type, sizeof(type), "%.*s", (int)n, t);
		sr_jw_key(w, type);
		sr_jw_obj(w);
		if (schema) {
			sr_jw_key(w, "schema");
			sr_jw_raw(w, schema);
		}
		sr_jw_end(w);
		t += n;
		if (*t == ',')
			t++;
	}
	sr_jw_end(w);
}

static void operation(sr_jw *w, const sr_route *rt)
{
	char key[8];
	size_t i;
	for (i = 0; rt->method[i] && i < sizeof(key) - 1; i++)
		key[i] = (char)(rt->method[i] - 'A' + 'a');
	key[i] = '\0';
	sr_jw_key(w, key);
	sr_jw_obj(w);
	sr_jw_key(w, "operationId"); sr_jw_str(w, rt->op_id);
	sr_jw_key(w, "summary"); sr_jw_str(w, rt->summary);
	if (rt->params && rt->params[0].name) {
		sr_jw_key(w, "parameters");
		sr_jw_arr(w);
		for (const sr_route_param *p = rt->params; p->name; p++) {
			sr_jw_obj(w);
			sr_jw_key(w, "name"); sr_jw_str(w, p->name);
			sr_jw_key(w, "in"); sr_jw_str(w, p->in);
			sr_jw_key(w, "required"); sr_jw_bool(w, p->required);
			sr_jw_key(w, "description"); sr_jw_str(w, p->description);
			sr_jw_key(w, "schema"); sr_jw_raw(w, p->schema);
			sr_jw_end(w);
		}
		sr_jw_end(w);
	}
	if (rt->flags & SR_ROUTE_BODY) {
		sr_jw_key(w, "requestBody");
		sr_jw_obj(w);
		sr_jw_key(w, "required"); sr_jw_bool(w, 1);
		content(w, rt->body_types, "{\"type\":\"string\",\"format\":\"binary\"}");
		sr_jw_end(w);
	} else if (rt->flags & SR_ROUTE_JSON) {
		sr_jw_key(w, "requestBody");
		sr_jw_obj(w);
		sr_jw_key(w, "required"); sr_jw_bool(w, 1);
		content(w, "application/json", rt->body_schema);
		sr_jw_end(w);
	}
	if (rt->flags & SR_ROUTE_WRITE) {
		sr_jw_key(w, "security");
		sr_jw_raw(w, "[{\"bearer\":[]}]");
	}
	sr_jw_key(w, "responses");
	sr_jw_obj(w);
	for (const sr_route_resp *r = rt->responses; r->status; r++) {
		char code[8];
		snprintf(code, sizeof(code), "%d", r->status);
		sr_jw_key(w, code);
		sr_jw_obj(w);
		sr_jw_key(w, "description"); sr_jw_str(w, r->description);
		if (r->type)
			content(w, r->type, r->schema);
		sr_jw_end(w);
	}
	sr_jw_end(w);
	sr_jw_end(w);
}

int sr_openapi_json(const sr_route *routes, const char *version, sr_buf *out)
{
	sr_jw w;
	sr_jw_init(&w, out);
	sr_jw_obj(&w);
	sr_jw_key(&w, "openapi"); sr_jw_str(&w, "3.0.3");
	sr_jw_key(&w, "info");
	sr_jw_obj(&w);
	sr_jw_key(&w, "title"); sr_jw_str(&w, "sitrep");
	sr_jw_key(&w, "version"); sr_jw_str(&w, version);
	sr_jw_key(&w, "description");
	sr_jw_str(&w, "The HTTP API of sitrep serve. Errors are JSON {\"error\": {\"status\", "
		  "\"message\"}}. Write operations need Authorization: Bearer TOKEN and answer 403 "
		  "when the server was started without a token. See docs/API.md.");
	sr_jw_end(&w);
	sr_jw_key(&w, "paths");
	sr_jw_obj(&w);
	for (const sr_route *rt = routes; rt->method; rt++) {
		int seen = 0;
		for (const sr_route *p = routes; p != rt; p++)
			seen |= !strcmp(p->pattern, rt->pattern);
		if (seen)
			continue; /* its methods were written with the first route of this path */
		sr_jw_key(&w, rt->pattern);
		sr_jw_obj(&w);
		for (const sr_route *q = rt; q->method; q++)
			if (!strcmp(q->pattern, rt->pattern))
				operation(&w, q);
		sr_jw_end(&w);
	}
	sr_jw_end(&w);
	sr_jw_key(&w, "components");
	sr_jw_obj(&w);
	sr_jw_key(&w, "securitySchemes");
	sr_jw_raw(&w, "{\"bearer\":{\"type\":\"http\",\"scheme\":\"bearer\"}}");
	sr_jw_key(&w, "schemas");
	sr_jw_raw(&w, schemas);
	sr_jw_end(&w);
	sr_jw_end(&w);
	return w.rc;
}
