#!/bin/sh
# sitrep serve over real HTTP on loopback (curl and python3 as clients, no mocks): every
# route, status codes, JSON shapes, errors, limits, the token, path traversal, security
# headers, concurrent ingest and search, the OpenAPI description against what answers,
# and a graceful stop.
. "$(dirname "$0")/../lib.sh"

if ! command -v curl >/dev/null 2>&1; then
	not_ok "curl is installed (scripts/deps.sh installs it)"
	exit 0
fi

PIDS=""
trap 'for p in $PIDS; do kill -9 "$p" 2>/dev/null; done; rm -rf "$T"' EXIT

# start_server NAME ARGS...: sitrep serve on a free port; sets URL (no trailing /) and PID
start_server() {
	name=$1
	shift
	"$SITREP_BIN" serve --listen 127.0.0.1:0 "$@" >"$T/$name.out" 2>"$T/$name.err" &
	PID=$!
	PIDS="$PIDS $PID"
	URL=""
	i=0
	while [ $i -lt 200 ] && [ -z "$URL" ]; do
		URL=$(sed -n 's|^listening on \(http://127\.0\.0\.1:[0-9]*\)/$|\1|p' "$T/$name.out" 2>/dev/null)
		[ -n "$URL" ] || sleep 0.05
		i=$((i + 1))
	done
}

# req ARGS...: one curl request; status in $ST, body in $T/body, headers in $T/hdr
req() {
	ST=$(curl -s -g -o "$T/body" -D "$T/hdr" -w '%{http_code}' --max-time 20 "$@")
}
# status NAME WANT ARGS...: the request answers WANT
status() {
	name=$1
	want=$2
	shift 2
	req "$@"
	if [ "$ST" = "$want" ]; then ok "$name"; else
		not_ok "$name" "status $ST, wanted $want" "$(head -c 400 "$T/body")"; fi
}
# json NAME PYEXPR: the last body is JSON and PYEXPR (over d) is true
json() {
	if python3 -c 'import json,sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
sys.exit(0 if eval(sys.argv[2]) else 1)' "$T/body" "$2" 2>"$T/pyerr"; then ok "$1"; else
		not_ok "$1" "false: $2" "$(head -c 400 "$T/body")" "$(tail -2 "$T/pyerr")"; fi
}
# header NAME TEXT: the last answer's headers contain TEXT (case-insensitive)
header() {
	if tr -d '\r' <"$T/hdr" | grep -qiF -- "$2"; then ok "$1"; else
		not_ok "$1" "no '$2' in:" "$(head -c 600 "$T/hdr")"; fi
}
# same_as NAME FILE PYEXPR: the last body, transformed by PYEXPR over d, equals the JSON
# of FILE (a CLI's --json output)
same_as() {
	if python3 -c 'import json,sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
sys.exit(0 if eval(sys.argv[3]) == json.load(open(sys.argv[2], encoding="utf-8")) else 1)' \
		"$T/body" "$2" "$3" 2>"$T/pyerr"; then ok "$1"; else
		not_ok "$1" "API: $(head -c 300 "$T/body")" "CLI: $(head -c 300 "$2")" "$(tail -2 "$T/pyerr")"; fi
}
# error_json NAME STATUS: the last body is the JSON error object with this status
error_json() {
	json "$1" "d['error']['status'] == $2 and isinstance(d['error']['message'], str) and len(d) == 1"
}

# ---- fixtures: pages and texts written here ----
mkdir -p "$T/in"
cat >"$T/in/amman.html" <<'HTML'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Liaison office opens in Amman | Serve Gazette</title>
<meta property="og:site_name" content="Serve Gazette">
<meta property="article:published_time" content="2026-11-20T09:00:00+02:00">
</head><body><article>
<h1>Liaison office opens in Amman</h1>
<p>The foreign ministry said on Friday that the new liaison office in Amman would begin work
next month, after talks that lasted most of the year.</p>
<p>Officials described the talks as constructive; the office will focus on crisis management
and public diplomacy. <script>alert(1)</script></p>
</article></body></html>
HTML
printf 'Water talks resume in Aqaba\n\nNegotiators met in Aqaba on Tuesday to discuss a desalination plant on the Red Sea coast near Amman.\n' >"$T/in/water.txt"
printf 'Heatwave warning issued\n\nForecasters warned of temperatures above 45 degrees in the Jordan Valley.\n' >"$T/in/heat.txt"
# watchlists before the ingest, so that it alerts; a source to list (not polled)
sitrep -q watch add amman-watch 'amman'
sitrep -q watch add 'water talks' 'water OR talks'
sitrep -q source add --kind feed --name 'Serve Gazette feed' https://gazette.example.org/feed.xml
sitrep ingest --no-progress "$T/in" >/dev/null 2>&1
HTML_ID=$(sql "SELECT id FROM documents WHERE uri LIKE '%amman.html'")
TEXT_ID=$(sql "SELECT id FROM documents WHERE uri LIKE '%water.txt'")

# ---- a read-only server (no token) ----
unset SITREP_TOKEN
start_server ro
if [ -n "$URL" ]; then ok "serve prints the URL it listens on (port 0: a free port)"; else
	not_ok "serve prints the URL it listens on" "$(cat "$T/ro.out" "$T/ro.err")"; exit 0; fi
contains "read-only is said at start" "$T/ro.err" "read-only"

status "GET /api/health" 200 "$URL/api/health"
json "health shape" "d['status'] == 'ok' and d['writable'] is False and isinstance(d['version'], str)"
header "Content-Type is JSON" "Content-Type: application/json"
header "CSP header: no inline scripts" "Content-Security-Policy: default-src 'self'; script-src 'self'"
header "nosniff header" "X-Content-Type-Options: nosniff"
header "Referrer-Policy header" "Referrer-Policy: no-referrer"
header "X-Frame-Options header" "X-Frame-Options: DENY"

status "GET /api/stats" 200 "$URL/api/stats"
json "stats counts the articles" "d['articles'] == 3 and d['documents'] == 3 and 'languages' in d"

status "GET /api/search" 200 "$URL/api/search?q=amman"
json "search shape" "d['query'] == 'amman' and d['total'] == 2 and d['limit'] == 10 and d['offset'] == 0 and len(d['hits']) == 2"
json "every hit has the search fields" \
	"all({'id','score','title','url','site_name','published','lang','snippet','highlights'} <= set(h) for h in d['hits'])"
json "highlights are ranges inside the snippet" \
	"all(0 <= a < b <= len(h['snippet'].encode()) for h in d['hits'] for a, b in h['highlights'])"
cp "$T/body" "$T/api-search.json"
sitrep search amman --json >"$T/cli-search.json"
if python3 -c 'import json,sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
sys.exit(0 if a["hits"] and a["hits"] == b["hits"] and a["total"] == b["total"] else 1)' \
	"$T/api-search.json" "$T/cli-search.json"; then ok "search answers as sitrep search --json"; else
	not_ok "search answers as sitrep search --json"; fi
status "search: words are form-decoded (+ and %20)" 200 "$URL/api/search?q=liaison+office%20amman"
json "search: decoded query" "d['query'] == 'liaison office amman' and d['total'] == 1"
status "search paging" 200 "$URL/api/search?q=amman&limit=1&offset=1"
json "search paging shape" "len(d['hits']) == 1 and d['limit'] == 1 and d['offset'] == 1 and d['total'] == 2"
status "search: HEAD answers" 200 -I "$URL/api/search?q=amman"

status "malformed query: 400" 400 "$URL/api/search?q=%22amman"
json "malformed query: the error has the column" "d['error']['status'] == 400 and d['error']['column'] == 1 and 'column' in d['error']['message']"
status "malformed query (unbalanced parenthesis): 400" 400 "$URL/api/search?q=amman+(water"
json "the column points past the words" "d['error']['column'] > 1"
status "search without q: 400" 400 "$URL/api/search"
error_json "search without q: JSON error" 400
status "search with an empty q: 400" 400 "$URL/api/search?q=+"
status "limit over the page size: 400" 400 "$URL/api/search?q=amman&limit=101"
status "limit 100 is allowed" 200 "$URL/api/search?q=amman&limit=100"
status "limit not a number: 400" 400 "$URL/api/search?q=amman&limit=ten"
status "negative offset: 400" 400 "$URL/api/search?q=amman&offset=-1"
status "bad percent-escape in q: 400" 400 "$URL/api/search?q=%ZZ"
status "NUL in q: 400" 400 "$URL/api/search?q=a%00b"
status "q not UTF-8: 400" 400 "$URL/api/search?q=%C3%28"
long=$(python3 -c 'print("a" * 4097)')
status "query over 4096 bytes: 400" 400 "$URL/api/search?q=$long"
json "query too long says so" "'4096' in d['error']['message']"

status "GET /api/articles/{id}" 200 "$URL/api/articles/$HTML_ID"
cp "$T/body" "$T/api-article.json"
sitrep show --json "$HTML_ID" >"$T/cli-article.json"
if python3 -c 'import json,sys
a = json.load(open(sys.argv[1])); a.pop("entities"); a.pop("quotes")
sys.exit(0 if a == json.load(open(sys.argv[2])) else 1)' \
	"$T/api-article.json" "$T/cli-article.json"; then ok "article: every field, as sitrep show --json"; else
	not_ok "article: every field, as sitrep show --json" "$(head -c 300 "$T/api-article.json")"; fi
json "article keys" "all(k in d for k in ('id','uri','url','title','authors','published','text','site_name','lang','tags'))"
status "unknown article: 404" 404 "$URL/api/articles/999999"
error_json "unknown article: JSON error" 404
status "article id not a number: 404" 404 "$URL/api/articles/abc"
status "article id 0: 404" 404 "$URL/api/articles/0"
status "article id past int64: 404" 404 "$URL/api/articles/99999999999999999999"

status "GET /api/articles/{id}/raw (HTML page)" 200 "$URL/api/articles/$HTML_ID/raw"
header "raw HTML is served as text/plain with its charset" "Content-Type: text/plain; charset=UTF-8"
header "raw is an attachment" "Content-Disposition: attachment"
if tr -d '\r' <"$T/hdr" | grep -i '^content-type:' | grep -qi 'html'; then
	not_ok "raw is never text/html" "$(cat "$T/hdr")"; else ok "raw is never text/html"; fi
header "raw has a sandboxing CSP" "sandbox"
sitrep show --raw "$HTML_ID" >"$T/cli-raw"
if cmp -s "$T/body" "$T/cli-raw"; then ok "raw: the original bytes"; else not_ok "raw: the original bytes"; fi
status "raw text document" 200 "$URL/api/articles/$TEXT_ID/raw"
header "raw text: text/plain" "Content-Type: text/plain; charset="
status "raw of an unknown article: 404" 404 "$URL/api/articles/999999/raw"

# ---- search facets and filters ----
status "search with facets" 200 "$URL/api/search?q=amman&facets=true"
json "facets: sources, languages, days, people, organizations, places" "set(d['facets']) == {'sources', 'languages', 'days', 'people', 'organizations', 'places'} and all(set(v) == {'value', 'count'} for k in ('sources', 'languages', 'days') for v in d['facets'][k]) and all(set(v) == {'value', 'count', 'id'} for k in ('people', 'organizations', 'places') for v in d['facets'][k])"
json "facets: Amman among the places, in both articles" "any(v['value'] == 'Amman' and v['count'] == 2 for v in d['facets']['places'])"
json "facets: the sources add up to the total" "sum(v['count'] for v in d['facets']['sources']) == d['total'] == 2"
json "facets: days are dates, newest first" "[v['value'] for v in d['facets']['days']] == sorted((v['value'] for v in d['facets']['days']), reverse=True) and all(len(v['value']) == 10 for v in d['facets']['days'])"
status "search without facets" 200 "$URL/api/search?q=amman"
json "no facets unless asked (the shape of sitrep search --json)" "'facets' not in d"
status "filter by source" 200 "$URL/api/search?q=amman&source=Serve+Gazette&facets=1"
json "filter by source: only that outlet, facets of the filtered set" "d['total'] == 1 and all(h['site_name'] == 'Serve Gazette' for h in d['hits']) and d['facets']['sources'] == [{'value': 'Serve Gazette', 'count': 1}]"
status "filter by language" 200 "$URL/api/search?q=amman&lang=xx"
json "filter by an absent language: nothing" "d['total'] == 0 and d['hits'] == []"
status "filter by day" 200 "$URL/api/search?q=amman&day=2026-11-20"
json "filter by day: the page published that day" "d['total'] == 1 and d['hits'][0]['id'] == $HTML_ID"
status "filter by a malformed day: 400" 400 "$URL/api/search?q=amman&day=2026-11"
error_json "malformed day: JSON error" 400
status "facets=maybe: 400" 400 "$URL/api/search?q=amman&facets=maybe"

# ---- stories ----
STORY_ID=$(sql "SELECT story_id FROM articles WHERE id = $HTML_ID")
status "GET /api/stories" 200 "$URL/api/stories"
json "stories shape" "isinstance(d['total'], int) and d['total'] >= 1 and all({'id','label','size','outlets','articles','first_seen','last_seen'} <= set(s) for s in d['stories'])"
cp "$T/body" "$T/api-stories.json"
sitrep stories --json >"$T/cli-stories.json"
if python3 -c 'import json,sys
sys.exit(0 if json.load(open(sys.argv[1])) == json.load(open(sys.argv[2])) else 1)' \
	"$T/api-stories.json" "$T/cli-stories.json"; then ok "stories answer as sitrep stories --json"; else
	not_ok "stories answer as sitrep stories --json" "$(head -c 300 "$T/api-stories.json")"; fi
status "stories with limit and since" 200 "$URL/api/stories?limit=1&since=3650d"
json "stories limit" "len(d['stories']) == 1"
status "stories since a date in the future" 200 "$URL/api/stories?since=2999-01-01"
json "no stories in the future" "d['stories'] == [] and d['total'] == 0"
status "stories with a malformed since: 400" 400 "$URL/api/stories?since=yesterday"
status "stories with limit over the page: 400" 400 "$URL/api/stories?limit=101"
status "GET /api/stories/{id}" 200 "$URL/api/stories/$STORY_ID"
cp "$T/body" "$T/api-story.json"
sitrep story --json "$STORY_ID" >"$T/cli-story.json"
if python3 -c 'import json,sys
sys.exit(0 if json.load(open(sys.argv[1])) == json.load(open(sys.argv[2])) else 1)' \
	"$T/api-story.json" "$T/cli-story.json"; then ok "story answers as sitrep story --json"; else
	not_ok "story answers as sitrep story --json" "$(head -c 300 "$T/api-story.json")"; fi
json "the story lists the article" "any(a['id'] == $HTML_ID for a in d['articles'])"
status "unknown story: 404" 404 "$URL/api/stories/999999"
error_json "unknown story: JSON error" 404
status "story id not a number: 404" 404 "$URL/api/stories/abc"

# ---- entities, one entity, places ----
ENT_ID=$(sql "SELECT id FROM entities WHERE type = 'LOC' AND name = 'Amman'")
status "article with its entities" 200 "$URL/api/articles/$HTML_ID"
json "article: entities are mentions with spans in the text or title" \
	"d['entities'] and all({'id','type','name','start','end','in_title'} <= set(e) and 0 <= e['start'] < e['end'] <= len((d['title'] if e['in_title'] else d['text']).encode()) for e in d['entities'])"
json "article: a mention of Amman, its span the name" \
	"any(e['id'] == $ENT_ID and d['text'].encode()[e['start']:e['end']] == b'Amman' for e in d['entities'] if not e['in_title'])"
json "article: quotes is a list" "isinstance(d['quotes'], list)"
status "GET /api/entities" 200 "$URL/api/entities"
json "entities shape" "d['entities'] and all({'id','type','name','articles','mentions','first_seen','last_seen'} <= set(e) for e in d['entities'])"
cp "$T/body" "$T/api-entities.json"
sitrep entities --json >"$T/cli-entities.json"
if python3 -c 'import json,sys
sys.exit(0 if json.load(open(sys.argv[1])) == json.load(open(sys.argv[2])) else 1)' \
	"$T/api-entities.json" "$T/cli-entities.json"; then ok "entities answer as sitrep entities --json"; else
	not_ok "entities answer as sitrep entities --json" "$(head -c 300 "$T/api-entities.json")"; fi
status "entities of one type" 200 "$URL/api/entities?type=LOC&limit=2"
json "entities of one type: places only, limited" "0 < len(d['entities']) <= 2 and all(e['type'] == 'LOC' for e in d['entities'])"
status "entities: type=place is understood" 200 "$URL/api/entities?type=place&since=3650d"
json "entities: Amman is a place" "any(e['id'] == $ENT_ID for e in d['entities'])"
status "entities since a date in the future" 200 "$URL/api/entities?since=2999-01-01"
json "no entities in the future" "d['entities'] == []"
status "entities: unknown type: 400" 400 "$URL/api/entities?type=planet"
error_json "entities: unknown type: JSON error" 400
status "entities: malformed since: 400" 400 "$URL/api/entities?since=soon"
status "entities: limit over the page: 400" 400 "$URL/api/entities?limit=101"
status "GET /api/entities/{id}" 200 "$URL/api/entities/$ENT_ID"
json "entity shape: a place with coordinates, days, co-mentions, latest" \
	"d['id'] == $ENT_ID and d['name'] == 'Amman' and d['type'] == 'LOC' and abs(d['lat'] - 31.95) < 0.1 and abs(d['lon'] - 35.93) < 0.1 and d['days'] and isinstance(d['with'], list) and any(a['id'] == $HTML_ID for a in d['latest'])"
cp "$T/body" "$T/api-entity.json"
sitrep entity --json "$ENT_ID" >"$T/cli-entity.json"
if python3 -c 'import json,sys
sys.exit(0 if json.load(open(sys.argv[1])) == json.load(open(sys.argv[2])) else 1)' \
	"$T/api-entity.json" "$T/cli-entity.json"; then ok "entity answers as sitrep entity --json"; else
	not_ok "entity answers as sitrep entity --json" "$(head -c 300 "$T/api-entity.json")"; fi
status "unknown entity: 404" 404 "$URL/api/entities/999999"
error_json "unknown entity: JSON error" 404
status "entity id not a number: 404" 404 "$URL/api/entities/amman"
status "GET /api/places" 200 "$URL/api/places"
json "places: with coordinates and counts, Amman among them" \
	"all({'id','name','country','lat','lon','articles','mentions'} <= set(p) and -90 <= p['lat'] <= 90 and -180 <= p['lon'] <= 180 and p['articles'] > 0 for p in d['places']) and any(p['id'] == $ENT_ID and p['articles'] == 2 for p in d['places'])"
status "places since a date" 200 "$URL/api/places?since=2026-11-20&limit=5"
json "places since a date: counted in the period" "len(d['places']) <= 5 and any(p['id'] == $ENT_ID for p in d['places'])"
status "places in the future: none" 200 "$URL/api/places?since=2999-01-01"
json "places in the future: empty" "d['places'] == []"
status "places: malformed since: 400" 400 "$URL/api/places?since=later"
status "places: limit over the cap: 400" 400 "$URL/api/places?limit=2001"

# ---- volume per day ----
status "GET /api/stats/volume" 200 "$URL/api/stats/volume"
json "volume: 30 days, oldest first, ending on the last day, adding up" "len(d['days']) == 30 and d['days'][-1]['day'] == d['to'] and d['days'][0]['day'] == d['from'] and sum(x['articles'] for x in d['days']) == d['total'] and d['site'] is None"
status "volume of one site" 200 "$URL/api/stats/volume?days=7&site=Serve+Gazette"
json "volume of one site: its one article, on its day" "len(d['days']) == 7 and d['total'] == 1 and d['to'] == '2026-11-20' and d['days'][-1]['articles'] == 1 and d['site'] == 'Serve Gazette'"
status "volume: days over the cap: 400" 400 "$URL/api/stats/volume?days=367"
sql "INSERT INTO source_items(source_id, url, first_seen, fetched_at, doc_id, status) VALUES (1, 'https://gazette.example.org/x', strftime('%s','now'), strftime('%s','now'), $HTML_ID, 'page')" >/dev/null
status "volume of one followed source" 200 "$URL/api/stats/volume?days=7&source=1"
json "volume of one followed source: the article it listed" "d['source'] == 1 and d['total'] == 1 and d['site'] is None"
status "volume of a source: not a number: 400" 400 "$URL/api/stats/volume?source=x"

# ---- watchlists, alerts, sources, trends (reads) ----
status "GET /api/watchlists" 200 "$URL/api/watchlists"
json "watchlists with their alert counts" "[(w['name'], w['alerts']) for w in d['watchlists']] == [('amman-watch', 2), ('water talks', 2)]"
sitrep watch list --json >"$T/cli-watch.json"
same_as "watchlists answer as sitrep watch list --json" "$T/cli-watch.json" "d"
status "GET /api/watchlists/{name}/test" 200 "$URL/api/watchlists/amman-watch/test"
json "watchlist test: the query and what it finds" "d['query'] == 'amman' and d['total'] == 2 and {h['id'] for h in d['hits']} >= {$HTML_ID, $TEXT_ID}"
sitrep watch test amman-watch --json >"$T/cli-wtest.json"
same_as "watchlist test answers as sitrep watch test NAME --json" "$T/cli-wtest.json" "d"
status "watchlist test: a name with a space, percent-encoded" 200 "$URL/api/watchlists/water%20talks/test?limit=1"
json "watchlist test: limit lists fewer, total counts all" "d['query'] == 'water OR talks' and len(d['hits']) == 1 and d['total'] == 2"
status "watchlist test: unknown watchlist: 404" 404 "$URL/api/watchlists/nosuch/test"
error_json "watchlist test: unknown: JSON error" 404
status "watchlist test: limit over the page: 400" 400 "$URL/api/watchlists/amman-watch/test?limit=101"
status "GET /api/alerts" 200 "$URL/api/alerts"
json "alerts: every watchlist's, newest first" "len(d['alerts']) == 4 and [a['id'] for a in d['alerts']] == sorted((a['id'] for a in d['alerts']), reverse=True)"
sitrep alerts --json >"$T/cli-alerts.json"
same_as "alerts answer as sitrep alerts --json" "$T/cli-alerts.json" "d"
status "alerts of one watchlist, limited" 200 "$URL/api/alerts?watch=amman-watch&limit=1"
json "alerts of one watchlist: its own, one" "len(d['alerts']) == 1 and d['alerts'][0]['watchlist'] == 'amman-watch' and d['alerts'][0]['delivery'] == 'none'"
sitrep alerts --watch amman-watch --limit 1 --json >"$T/cli-alerts1.json"
same_as "alerts of one watchlist as the CLI's" "$T/cli-alerts1.json" "d"
status "alerts since a date in the future" 200 "$URL/api/alerts?since=2999-01-01"
json "no alerts in the future" "d['alerts'] == []"
status "alerts of an unknown watchlist: 404" 404 "$URL/api/alerts?watch=nosuch"
error_json "alerts of an unknown watchlist: JSON error" 404
status "alerts: malformed since: 400" 400 "$URL/api/alerts?since=whenever"
status "alerts: limit over the page: 400" 400 "$URL/api/alerts?limit=101"
status "GET /api/watchlists/{name}/atom" 200 "$URL/api/watchlists/amman-watch/atom"
header "the Atom feed's media type" "Content-Type: application/atom+xml; charset=utf-8"
cp "$T/body" "$T/api.atom"
sitrep alerts --watch amman-watch --atom >"$T/cli.atom"
if python3 - "$T/api.atom" "$T/cli.atom" "$URL" "$HTML_ID" >"$T/atom.out" 2>&1 <<'PY2'
import sys, xml.etree.ElementTree as ET
A = "{http://www.w3.org/2005/Atom}"
api, cli = ET.parse(sys.argv[1]).getroot(), ET.parse(sys.argv[2]).getroot()
url, art = sys.argv[3], sys.argv[4]
assert api.tag == A + "feed", api.tag
for f in (api, cli):  # RFC 4287: a feed's id, title, updated, author
    assert f.find(A + "id").text == "urn:sitrep:alerts:amman-watch", f.find(A + "id").text
    assert f.find(A + "title").text == "sitrep alerts: amman-watch"
    assert f.find(A + "updated").text.endswith("Z") and f.find(A + "author/" + A + "name").text
self = [l.get("href") for l in api.findall(A + "link") if l.get("rel") == "self"]
assert self == [url + "/api/watchlists/amman-watch/atom"], self
ents = api.findall(A + "entry")
assert len(ents) == 2, len(ents)
for e in ents:  # every entry: id, title, updated; a link to the article or a text content
    assert e.find(A + "id").text.startswith("urn:sitrep:alert:") and e.find(A + "title").text
    assert e.find(A + "updated").text.endswith("Z")
    alt = [l.get("href") for l in e.findall(A + "link") if l.get("rel") == "alternate"]
    assert alt or e.find(A + "content") is not None
assert [e.find(A + "id").text for e in ents] == [e.find(A + "id").text for e in cli.findall(A + "entry")]
assert any(e.find(A + "title").text.startswith("Liaison office opens in Amman") for e in ents)
PY2
then ok "the Atom feed: RFC 4287 head and entries, the same entries as sitrep alerts --atom"; else
	not_ok "the Atom feed: RFC 4287 head and entries, the same entries as sitrep alerts --atom" "$(cat "$T/atom.out")" "$(head -c 600 "$T/api.atom")"; fi
status "Atom of an unknown watchlist: 404" 404 "$URL/api/watchlists/nosuch/atom"
error_json "Atom of an unknown watchlist: JSON error" 404
status "GET /api/sources" 200 "$URL/api/sources"
json "sources with their health" "len(d['sources']) == 1 and {'id','url','kind','name','last_ok','last_error','items_24h','items_7d','delay_median_secs'} <= set(d['sources'][0]) and d['sources'][0]['kind'] == 'feed'"
sitrep source list --json >"$T/cli-sources.json"
same_as "sources answer as sitrep source list --json" "$T/cli-sources.json" "d['sources']"
status "GET /api/trends" 200 "$URL/api/trends?since=24h&at=2026-11-21&min_z=0&min_count=1"
json "trends: Amman rising in the window of the page" "d['window_hours'] == 24 and any(t['name'] == 'Amman' and t['type'] == 'LOC' and t['count'] == 1 for t in d['trends'])"
sitrep trends --since 24h --at 2026-11-21 --min-z 0 --min-count 1 --json >"$T/cli-trends.json"
same_as "trends answer as sitrep trends --json" "$T/cli-trends.json" "d"
status "trends with the defaults" 200 "$URL/api/trends"
json "trends: a 24 h window by default" "d['window_hours'] == 24 and isinstance(d['trends'], list)"
status "trends: a window over a week: 400" 400 "$URL/api/trends?since=30d"
error_json "trends: bad window: JSON error" 400
status "trends: min_z not a number: 400" 400 "$URL/api/trends?min_z=high"
status "trends: malformed at: 400" 400 "$URL/api/trends?at=tomorrow"

status "GET /api/openapi.json" 200 "$URL/api/openapi.json"
json "OpenAPI 3.0 with the routes" "d['openapi'].startswith('3.0') and '/api/search' in d['paths'] and 'post' in d['paths']['/api/ingest']"
cp "$T/body" "$T/openapi.json"

status "GET / (the dashboard page)" 200 "$URL/"
header "/ is HTML" "Content-Type: text/html"
header "/ has the CSP" "script-src 'self'"
contains "/ links to the API description" "$T/body" "/api/openapi.json"
lacks "/ has no inline script" "$T/body" "<script>"
status "GET /index.html" 200 "$URL/index.html"
status "unknown static file: 404" 404 "$URL/nope.js"
error_json "unknown static file: JSON error" 404
header "headers on errors too" "X-Frame-Options: DENY"
status "unknown API route: 404" 404 "$URL/api/nope"
error_json "unknown API route: JSON error" 404
status "wrong method: 405" 405 -X DELETE "$URL/api/stats"
header "405 names the allowed methods" "Allow: GET, HEAD"
status "wrong method on a static path: 405" 405 -X POST --data x "$URL/index.html"

status "ingest on a read-only server: 403" 403 -X POST --data-binary 'Some text' "$URL/api/ingest"
error_json "403 is a JSON error" 403
status "ingest with a token on a read-only server: still 403" 403 -X POST \
	-H 'Authorization: Bearer anything' --data-binary 'Some text' "$URL/api/ingest"
JSON_CT="Content-Type: application/json"
status "add a watchlist on a read-only server: 403" 403 -X POST -H "$JSON_CT" \
	--data '{"name":"x","query":"amman"}' "$URL/api/watchlists"
error_json "add a watchlist read-only: JSON error" 403
status "remove a watchlist on a read-only server: 403" 403 -X DELETE "$URL/api/watchlists/amman-watch"
status "add a source on a read-only server: 403" 403 -X POST -H "$JSON_CT" \
	--data '{"url":"https://example.org/feed.xml"}' "$URL/api/sources"
status "remove a source on a read-only server: 403" 403 -X DELETE "$URL/api/sources/1"
equals "nothing was written by the refused requests" "$(sql "SELECT (SELECT count(*) FROM watchlists) || ' ' || (SELECT count(*) FROM sources)")" "2 1"

# path traversal: nothing outside the embedded files, whatever the spelling
for p in "/../etc/passwd" "/../../../../etc/passwd" "/%2e%2e/%2e%2e/etc/passwd" "/%2E%2E/etc/passwd" \
	"/.%2e/etc/passwd" "/..%2fetc%2fpasswd" "/%2fetc%2fpasswd" "/index.html/.." "/./index.html" \
	"/..%5cetc%5cpasswd" "/..\\etc\\passwd" "/index.html%00.js" "/api/articles/1%2fraw" "/%c0%ae%c0%ae/etc/passwd"; do
	req --path-as-is "$URL$p"
	if [ "$ST" = 400 ] && ! grep -q "root:" "$T/body"; then ok "traversal refused: $p"; else
		not_ok "traversal refused: $p" "status $ST" "$(head -c 200 "$T/body")"; fi
done
status "traversal refusal is a JSON error with the headers" 400 --path-as-is "$URL/../etc/passwd"
error_json "traversal: JSON error" 400
header "traversal: nosniff" "nosniff"

longpath=$(python3 -c 'print("a" * 17000)')
status "request-target over the cap: 414" 414 "$URL/api/search?q=$longpath"

# ---- the listen address ----
expect_status "a non-loopback address is refused without --public" 2 \
	"$SITREP_BIN" serve --listen 0.0.0.0:0
contains "the refusal names --public" "$T/err" "--public"
expect_status "a malformed --listen is refused" 2 "$SITREP_BIN" serve --listen nonsense
check "serve --help mentions --public and the token" sh -c "'$SITREP_BIN' serve --help | grep -q -- '--public' && '$SITREP_BIN' serve --help | grep -q SITREP_TOKEN"

# ---- graceful stop (SIGTERM) ----
kill -TERM "$PID"
i=0
while kill -0 "$PID" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
if kill -0 "$PID" 2>/dev/null; then not_ok "SIGTERM stops the server"; else
	wait "$PID"
	equals "SIGTERM stops the server, exit 0" "$?" 0
fi

# ---- a server with a write token ----
TOKEN="s3cret-token-for-tests_0123456789"
export SITREP_TOKEN="$TOKEN"
start_server rw --threads 4
unset SITREP_TOKEN
AUTH="Authorization: Bearer $TOKEN"
status "health on a token server" 200 "$URL/api/health"
json "writable with a token" "d['writable'] is True"

status "ingest without a token: 401" 401 -X POST --data-binary 'Some text' "$URL/api/ingest"
header "401 asks for a bearer token" "WWW-Authenticate: Bearer"
error_json "401 is a JSON error" 401
status "ingest with a wrong token: 401" 401 -X POST -H "Authorization: Bearer wrong" \
	--data-binary 'Some text' "$URL/api/ingest"
status "ingest with a token one byte longer: 401" 401 -X POST -H "Authorization: Bearer ${TOKEN}x" \
	--data-binary 'Some text' "$URL/api/ingest"
status "ingest with another scheme: 401" 401 -X POST -H "Authorization: Basic $TOKEN" \
	--data-binary 'Some text' "$URL/api/ingest"

printf 'Border crossing reopens at Jaber\n\nThe Jaber crossing reopened on Monday for freight after repairs, the interior ministry said.\n' >"$T/post.txt"
status "ingest a text: 201" 201 -X POST -H "$AUTH" -H 'Content-Type: text/plain; charset=utf-8' \
	--data-binary @"$T/post.txt" "$URL/api/ingest"
json "ingest answers id and outcome" "d['outcome'] == 'new' and isinstance(d['id'], int) and d['title'] == 'Border crossing reopens at Jaber'"
header "201 has a Location" "Location: /api/articles/"
NEW_ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$T/body")
status "the same text again: 200 unchanged" 200 -X POST -H "$AUTH" --data-binary @"$T/post.txt" "$URL/api/ingest"
json "unchanged outcome, same id" "d['outcome'] == 'unchanged' and d['id'] == $NEW_ID"
status "the ingested article is there" 200 "$URL/api/articles/$NEW_ID"
json "its source is the API" "d['source'] == 'api' and d['uri'].startswith('post:')"
status "and searchable" 200 "$URL/api/search?q=jaber"
json "search finds it" "d['total'] == 1 and d['hits'][0]['id'] == $NEW_ID"
json "and it is placed in a story, as sitrep ingest places it" "d['hits'][0]['story'] == $NEW_ID"

status "ingest an HTML page with url=: 201" 201 -X POST -H "$AUTH" -H 'Content-Type: text/html' \
	--data-binary @"$T/in/amman.html" "$URL/api/ingest?url=HTTPS://News.Example.org/a/./b?utm_source=x%26id=7"
json "the URL is normalised into the uri (case, dot segments, tracking parameters)" \
	"d['uri'] == 'https://news.example.org/a/b?id=7' and d['outcome'] == 'new'"
gzip -c "$T/in/heat.txt" >"$T/heat.gz"
status "ingest a gzip body: 201" 201 -X POST -H "$AUTH" --data-binary @"$T/heat.gz" \
	"$URL/api/ingest?url=https://news.example.org/heat"
status "ingest an empty body: 400" 400 -X POST -H "$AUTH" --data-binary '' "$URL/api/ingest"
error_json "empty body: JSON error" 400
head -c 3000 /dev/urandom >"$T/bin"
printf '\000\001\002' >>"$T/bin"
status "ingest binary: 422" 422 -X POST -H "$AUTH" --data-binary @"$T/bin" "$URL/api/ingest?format=auto"
error_json "binary: JSON error" 422
status "ingest with a bad format: 400" 400 -X POST -H "$AUTH" --data-binary x "$URL/api/ingest?format=pdf"
status "ingest with a relative url: 400" 400 -X POST -H "$AUTH" --data-binary x "$URL/api/ingest?url=/a/b"
status "ingest with GET: 405" 405 "$URL/api/ingest"
header "405 on ingest allows POST" "Allow: POST"

head -c 11000000 /dev/zero | tr '\0' 'a' >"$T/big.txt"
status "a body over 10 MB: 413" 413 -X POST -H "$AUTH" --data-binary @"$T/big.txt" "$URL/api/ingest"
status "a chunked body over 10 MB: 413" 413 -X POST -H "$AUTH" -H 'Transfer-Encoding: chunked' \
	--data-binary @"$T/big.txt" "$URL/api/ingest"
status "an oversized body without a token: 401 before it is read" 401 -X POST \
	--data-binary @"$T/big.txt" "$URL/api/ingest"

# ---- watchlists and sources: writes ----
WL='{"name":"jaber crossing","query":"jaber OR \"crossing closes\""}'
status "add a watchlist without a token: 401" 401 -X POST -H "$JSON_CT" --data "$WL" "$URL/api/watchlists"
status "add a watchlist: 201" 201 -X POST -H "$AUTH" -H "$JSON_CT" --data "$WL" "$URL/api/watchlists"
json "the added watchlist" "d['name'] == 'jaber crossing' and d['query'] == 'jaber OR \"crossing closes\"' and d['alerts'] == 0 and d['webhook'] is None"
header "201 has the watchlist's Location" "Location: /api/watchlists/jaber%20crossing"
sitrep watch list --json >"$T/cli-watch2.json"
contains "the CLI lists it" "$T/cli-watch2.json" '"name":"jaber crossing"'
status "a malformed query: 400" 400 -X POST -H "$AUTH" -H "$JSON_CT" \
	--data '{"name":"broken","query":"water AND ("}' "$URL/api/watchlists"
json "a malformed query: the error has its column" "d['error']['column'] == 12 and 'column 12' in d['error']['message']"
status "a taken name: 409" 409 -X POST -H "$AUTH" -H "$JSON_CT" --data "$WL" "$URL/api/watchlists"
error_json "a taken name: JSON error" 409
status "no query: 400" 400 -X POST -H "$AUTH" -H "$JSON_CT" --data '{"name":"q"}' "$URL/api/watchlists"
status "a query that is not a string: 400" 400 -X POST -H "$AUTH" -H "$JSON_CT" --data '{"name":"q","query":7}' "$URL/api/watchlists"
status "a body that is not JSON: 400" 400 -X POST -H "$AUTH" -H "$JSON_CT" --data '{"name":' "$URL/api/watchlists"
status "a JSON array: 400" 400 -X POST -H "$AUTH" -H "$JSON_CT" --data '["a"]' "$URL/api/watchlists"
status "a form body: 415" 415 -X POST -H "$AUTH" --data 'name=a&query=b' "$URL/api/watchlists"
status "a webhook that is not http(s): 400" 400 -X POST -H "$AUTH" -H "$JSON_CT" \
	--data '{"name":"hooked","query":"amman","webhook":"ftp://example.org/"}' "$URL/api/watchlists"
status "a name of control characters: 400" 400 -X POST -H "$AUTH" -H "$JSON_CT" \
	--data '{"name":"a\u0001b","query":"amman"}' "$URL/api/watchlists"
equals "the refused watchlists were not stored" "$(sql "SELECT count(*) FROM watchlists")" 3
printf 'Jaber crossing closes again\n\nThe Jaber crossing closes again on Friday, the interior ministry said.\n' >"$T/post2.txt"
status "an article posted after the watchlist was added: 201" 201 -X POST -H "$AUTH" --data-binary @"$T/post2.txt" "$URL/api/ingest"
JABER_ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$T/body")
status "its alert" 200 "$URL/api/alerts?watch=jaber+crossing"
json "API ingest percolates: the new article is alerted, the older one not" "[a['article'] for a in d['alerts']] == [$JABER_ID]"
status "remove the watchlist without a token: 401" 401 -X DELETE "$URL/api/watchlists/jaber%20crossing"
status "remove the watchlist: 200" 200 -X DELETE -H "$AUTH" "$URL/api/watchlists/jaber%20crossing"
json "removed" "d == {'removed': 'jaber crossing'}"
equals "removed with its alerts" "$(sql "SELECT count(*) FROM alerts WHERE article_id = $JABER_ID")" 0
status "remove it again: 404" 404 -X DELETE -H "$AUTH" "$URL/api/watchlists/jaber%20crossing"
error_json "remove an unknown watchlist: JSON error" 404

status "add a feed without a token: 401" 401 -X POST -H "$JSON_CT" --data '{"url":"https://a.example.org/rss.xml"}' "$URL/api/sources"
status "add a feed (kind from the URL): 201" 201 -X POST -H "$AUTH" -H "$JSON_CT" \
	--data '{"url":"HTTPS://A.Example.org/news/rss.xml","name":"A news","every":"30m"}' "$URL/api/sources"
json "the feed, its URL normalised" "d['kind'] == 'feed' and d['url'] == 'https://a.example.org/news/rss.xml' and d['name'] == 'A news' and d['every_secs'] == 1800"
header "201 has the source's Location" "Location: /api/sources/"
SRC_ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$T/body")
status "add a sitemap (kind from the URL): 201" 201 -X POST -H "$AUTH" -H "$JSON_CT" \
	--data '{"url":"https://a.example.org/sitemap_news.xml.gz","every":3600}' "$URL/api/sources"
json "a sitemap, every given in seconds" "d['kind'] == 'sitemap' and d['every_secs'] == 3600"
status "a URL that does not say its kind: 400" 400 -X POST -H "$AUTH" -H "$JSON_CT" \
	--data '{"url":"https://a.example.org/world"}' "$URL/api/sources"
json "the error asks for kind" "'kind' in d['error']['message']"
status "the same URL with kind page: 201" 201 -X POST -H "$AUTH" -H "$JSON_CT" \
	--data '{"url":"https://a.example.org/world","kind":"page"}' "$URL/api/sources"
status "a source twice: 409" 409 -X POST -H "$AUTH" -H "$JSON_CT" \
	--data '{"url":"https://a.example.org/news/rss.xml"}' "$URL/api/sources"
status "a URL that is not http(s): 400" 400 -X POST -H "$AUTH" -H "$JSON_CT" --data '{"url":"file:///etc/passwd","kind":"feed"}' "$URL/api/sources"
status "an unknown kind: 400" 400 -X POST -H "$AUTH" -H "$JSON_CT" --data '{"url":"https://b.example.org/x","kind":"podcast"}' "$URL/api/sources"
status "a bad interval: 400" 400 -X POST -H "$AUTH" -H "$JSON_CT" --data '{"url":"https://b.example.org/feed","every":"often"}' "$URL/api/sources"
status "the sources listed" 200 "$URL/api/sources"
json "four sources, with the new ones" "len(d['sources']) == 4 and any(s['id'] == $SRC_ID and s['kind'] == 'feed' for s in d['sources'])"
sitrep source list --json >"$T/cli-sources2.json"
same_as "the CLI lists the same" "$T/cli-sources2.json" "d['sources']"
status "remove a source without a token: 401" 401 -X DELETE "$URL/api/sources/$SRC_ID"
status "remove a source: 200" 200 -X DELETE -H "$AUTH" "$URL/api/sources/$SRC_ID"
json "removed" "d == {'removed': $SRC_ID}"
status "remove it again: 404" 404 -X DELETE -H "$AUTH" "$URL/api/sources/$SRC_ID"
status "a source id that is not a number: 404" 404 -X DELETE -H "$AUTH" "$URL/api/sources/abc"
equals "three sources left" "$(sql "SELECT count(*) FROM sources")" 3

# ---- concurrency: ingests through the API and the CLI while searches run ----
mkdir -p "$T/many"
awk -v dir="$T/many" 'BEGIN { for (i = 1; i <= 300; i++) {
	f = sprintf("%s/doc%03d.txt", dir, i)
	printf "Bulletin %d from Madaba\n\nCouncil bulletin %d: roads, water and schools in Madaba were discussed at length.\n", i, i > f
	close(f) } }'
(
	i=1
	while [ $i -le 40 ]; do
		printf 'Dispatch %d from Irbid\n\nDispatch number %d says the Irbid market reopened with new stalls.\n' $i $i |
			curl -s -o "$T/ing.$i" -w '%{http_code}\n' --max-time 30 -X POST -H "$AUTH" \
				--data-binary @- "$URL/api/ingest" >>"$T/codes.ingest"
		i=$((i + 1))
	done
) &
ING=$!
"$SITREP_BIN" ingest --no-progress --batch 50 "$T/many" >"$T/cli-ingest.out" 2>"$T/cli-ingest.err" &
CLI=$!
SEARCHERS=""
for k in 1 2 3 4; do
	(
		i=1
		while [ $i -le 50 ]; do
			curl -s -o "$T/s.$k.$i" -w '%{http_code}\n' --max-time 30 \
				"$URL/api/search?q=irbid+OR+madaba&limit=5" >>"$T/codes.search.$k"
			i=$((i + 1))
		done
	) &
	SEARCHERS="$SEARCHERS $!"
done
wait $ING
wait $CLI
cli_rc=$?
for p in $SEARCHERS; do wait "$p"; done
equals "concurrent API ingests all stored (40 x 201)" "$(grep -c '^201$' "$T/codes.ingest")" 40
equals "concurrent searches all answered (200 x 200)" "$(cat "$T"/codes.search.* | grep -c '^200$')" 200
equals "CLI ingest beside the server succeeds" "$cli_rc" 0
if grep -l -i "locked\|busy" "$T"/ing.* "$T"/s.* "$T/rw.err" "$T/cli-ingest.err" >/dev/null 2>&1; then
	not_ok "no 'database is locked' anywhere" "$(grep -i -h "locked\|busy" "$T"/ing.* "$T"/s.* "$T/rw.err" "$T/cli-ingest.err" | head -3)"
else ok "no 'database is locked' anywhere"; fi
status "everything is searchable afterwards" 200 "$URL/api/search?q=irbid+OR+madaba&limit=1"
json "340 new documents found" "d['total'] == 340"
check "database and FTS index check out after concurrent writes" sitrep check

# ---- the OpenAPI description matches what answers ----
python3 - "$URL" "$TOKEN" "$T/openapi.json" "$HTML_ID" "$STORY_ID" "$ENT_ID" >"$T/oa.out" 2>&1 <<'PY'
import http.client, json, sys, urllib.parse
url, token, spec_path, art_id, story_id, ent_id = sys.argv[1:7]
host = urllib.parse.urlparse(url)
spec = json.load(open(spec_path))
ops = 0
made = {}  # what the POST operations created, for the DELETE operations (run last)
order = sorted(((p, m, op) for p, item in spec["paths"].items() for m, op in item.items()),
               key=lambda x: x[1] == "delete")
for path, method, op in order:
        target = path.replace("{id}", story_id if path.startswith("/api/stories/") else
                              ent_id if path.startswith("/api/entities/") else
                              str(made.get("/api/sources", 0)) if path.startswith("/api/sources/") else art_id)
        target = target.replace("{name}", made.get("/api/watchlists", "") if method == "delete" else "amman-watch")
        params = {p["name"]: p for p in op.get("parameters", [])}
        query = []
        if "q" in params:
            query.append("q=amman")
        if query:
            target += "?" + "&".join(query)
        headers, body = {}, None
        example = None
        if "requestBody" in op and "application/json" in op["requestBody"]["content"]:
            example = op["requestBody"]["content"]["application/json"]["schema"]["example"]
            body = json.dumps(example).encode()
            headers["Content-Type"] = "application/json"
        elif "requestBody" in op:
            body = ("OpenAPI check %s %s\n\nA document posted by the OpenAPI check for %s.\n" % (method, path, path)).encode()
            headers["Content-Type"] = "text/plain"
        if "security" in op:
            headers["Authorization"] = "Bearer " + token
        c = http.client.HTTPConnection(host.hostname, host.port, timeout=20)
        c.request(method.upper(), target, body=body, headers=headers)
        r = c.getresponse()
        answer = r.read()
        if example is not None and r.status == 201:
            made[path] = json.loads(answer).get("id") if path == "/api/sources" else example["name"]
        documented = sorted(int(s) for s in op["responses"])
        good = r.status in documented and r.status not in (404, 405)
        ok_status = [s for s in documented if s < 300]
        good = good and r.status in ok_status
        print(("ok" if good else "not ok") + " - openapi: %s %s answers %d (documented %s)" % (method.upper(), path, r.status, documented))
        ops += 1
print(("ok" if ops >= 24 else "not ok") + " - openapi: %d operations checked" % ops)
PY
cat "$T/oa.out"

# ---- graceful stop (SIGINT) ----
kill -INT "$PID"
i=0
while kill -0 "$PID" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
if kill -0 "$PID" 2>/dev/null; then not_ok "SIGINT stops the server"; else
	wait "$PID"
	equals "SIGINT stops the server, exit 0" "$?" 0
fi
lacks "no database errors logged by the server" "$T/rw.err" "database error"
cat "$T/ro.err" "$T/rw.err" >"$T/all.err"
lacks "no sanitizer report from the servers (when built with one)" "$T/all.err" "Sanitizer"
