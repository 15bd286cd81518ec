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
for path, item in spec["paths"].items():
    for method, op in item.items():
        target = path.replace("{id}", story_id if path.startswith("/api/stories/") else
                              ent_id if path.startswith("/api/entities/") else art_id)
        params = {p["name"]: p for p in op.get("parameters", [])}
        query = []
        if "q" in params:
            query.append("q=amman")
        if query:
            target += "?" + "&".join(query)
        headers, body = {}, None
        if "requestBody" in op:
            body = ("OpenAPI check %s %s\n\nA document posted by the OpenAPI check for %s.\n" % (method, path, path)).encode()
            headers["Content-Type"] = "text/plain"
        if "security" in op:
            headers["Authorization"] = "Bearer " + token
        c = http.client.HTTPConnection(host.hostname, host.port, timeout=20)
        c.request(method.upper(), target, body=body, headers=headers)
        r = c.getresponse()
        r.read()
        documented = sorted(int(s) for s in op["responses"])
        good = r.status in documented and r.status not in (404, 405)
        ok_status = [s for s in documented if s < 300]
        good = good and r.status in ok_status
        print(("ok" if good else "not ok") + " - openapi: %s %s answers %d (documented %s)" % (method.upper(), path, r.status, documented))
        ops += 1
print(("ok" if ops >= 14 else "not ok") + " - openapi: %d operations checked" % ops)
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
