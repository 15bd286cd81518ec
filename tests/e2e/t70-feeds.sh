#!/bin/sh
# Feeds, sitemaps and polite fetching against a local HTTP server (tests/e2e/feedserver.py on
# 127.0.0.1, port picked by the OS): every feed format, discovery, robots.txt, sitemaps,
# conditional GET, gzip, redirects, 5xx/429 retries, timeouts, the size cap, items stored
# from the feed when their page fails, source health, and the polling loop's signals.
# Nothing leaves the machine.
. "$(dirname "$0")/../lib.sh"

command -v python3 >/dev/null || { echo "ok - python3 absent: skipped"; exit 0; }
python3 "$ROOT/tests/e2e/feedserver.py" --lifetime 120 >"$T/port" 2>"$T/server.err" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$T"' EXIT
for i in $(seq 100); do grep -q PORT "$T/port" 2>/dev/null && break; sleep 0.1; done
PORT=$(sed -n 's/^PORT //p' "$T/port")
[ -n "$PORT" ] || { not_ok "feed server started" "$(cat "$T/server.err")"; exit 1; }
ok "feed server listening on 127.0.0.1:$PORT"
B=http://127.0.0.1:$PORT
stats() { curl -s "$B/__stats"; }
hits() { stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"].get(sys.argv[1], 0))' "$1"; }
POLL="--delay 0.02 --per-host 4 --retries 1 --timeout 2 --max-size 1M"

# ---- source add: kind detection ------------------------------------------------------------
check "add a page: its <link rel=alternate> feed is found" sitrep source add "$B/site/"
contains "discovered feed is the Atom one" "$T/out" "feed $B/feeds/atom.xml"
expect_status "the same feed again is refused" 1 sitrep source add "$B/feeds/atom.xml"
contains "refusal names the existing source" "$T/err" "already a source"
check "add RSS 2.0 with a name" sitrep source add "$B/feeds/rss2.xml" --name Gazette --every 10m
contains "RSS 2.0 detected as a feed" "$T/out" "feed $B/feeds/rss2.xml (Gazette)"
for f in rss091.xml rdf.xml feed.json wrong-encoding.xml broken.xml; do
	check "add $f" sitrep source add "$B/feeds/$f"
	contains "$f detected as a feed" "$T/out" "feed $B/feeds/$f"
done
check "add a home page without feeds: its robots.txt's sitemap" sitrep source add "$B/" --json
contains "sitemap index from robots.txt" "$T/out" "\"kind\":\"sitemap\""
contains "the sitemap is the one robots.txt names" "$T/out" "\"url\":\"$B/feeds/sitemap-index.xml\""
expect_status "add robots.txt: its sitemap is already a source" 3 sitrep source add "$B/robots.txt"
contains "robots.txt add names the sitemap" "$T/err" "sitemap-index.xml: already a source"
check "add a page without feeds" sitrep source add "$B/feeds/not-a-feed.html"
contains "page kind" "$T/out" "page $B/feeds/not-a-feed.html"
expect_status "unreachable URL: clear error" 1 sitrep source add "http://127.0.0.1:9/feed.xml"
contains "error says it cannot fetch" "$T/err" "cannot fetch"
expect_status "non-http URL refused" 2 sitrep source add "ftp://127.0.0.1/x"
for v in gz flaky limit redir pagefail; do
	check "add the $v variant (--kind, no detection fetch)" sitrep source add --kind feed "$B/v/$v/feeds/rss091.xml"
done
for v in fail loop slow big limitlong; do
	check "add the failing $v variant" sitrep source add --kind feed "$B/v/$v/feeds/rdf.xml"
done

# ---- the first poll ------------------------------------------------------------------------
r0=$(hits /robots.txt)
expect_status "poll --once: partial (some sources fail)" 3 sitrep poll --once --json $POLL
r1=$(hits /robots.txt)
cp "$T/out" "$T/poll1.json"
cp "$T/err" "$T/poll1.err"
contains "summary counts sources" "$T/poll1.json" '"sources":'
equals "five failing sources" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["source_errors"])' "$T/poll1.json")" 5

# every format stored
for u in pages/ferry-winter.html pages/fish-market.html pages/cafe-terraces.html pages/olive-harvest.html \
	pages/solar-farm.html pages/wadi-road.html pages/desalination.html pages/coral-survey.html \
	pages/cafe-union.html pages/market-report.html pages/camel-race.html pages/date-palms.html \
	feeds/not-a-feed.html; do
	equals "stored $u" "$(sql "SELECT count(*) FROM documents WHERE uri = '$B/$u'")" 1
done
equals "tracking parameter removed from the RSS link" "$(sql "SELECT count(*) FROM documents WHERE uri LIKE '%utm_source%'")" 0
equals "the document names its source" "$(sql "SELECT source FROM documents WHERE uri = '$B/pages/ferry-winter.html'")" Gazette
equals "articles placed in stories" "$(sql "SELECT count(*) FROM articles WHERE story_id IS NULL")" 0

# robots.txt: the disallowed page is never requested; the item is stored from the feed
equals "robots.txt-disallowed page never requested" "$(hits /private/budget.html)" 0
equals "disallowed item stored from the feed's content" \
	"$(sql "SELECT content_type FROM documents WHERE uri = '$B/private/budget.html'")" application/x-feed-item
contains "its text is the feed's description" "$T/poll1.err" "private/budget.html: disallowed by robots.txt"
equals "feed item title kept" "$(sql "SELECT a.title FROM articles a JOIN documents d USING (id) WHERE d.uri = '$B/private/budget.html'")" \
	"Members-only briefing on the port budget"
# a 404 page: from the feed, marked
equals "404 item stored from the feed" \
	"$(sql "SELECT content_type FROM documents WHERE uri = '$B/pages/missing-lighthouse.html'")" application/x-feed-item
# pages answering 500 after a retry: from the feed
equals "500 pages stored from the feed" \
	"$(sql "SELECT count(*) FROM documents WHERE uri LIKE '$B/v/pagefail/pages/%' AND content_type = 'application/x-feed-item'")" 1
equals "a 500 page is retried once" "$(hits /v/pagefail/pages/cafe-terraces.html)" 2

# encodings and entities
equals "wrong declared encoding repaired (feed item title)" \
	"$(sql "SELECT count(*) FROM source_items i JOIN sources s ON s.id = i.source_id WHERE s.url LIKE '%wrong-encoding.xml'")" 1
# gzip (Content-Encoding) and a gzip sitemap file
equals "gzip-encoded feed polled" "$(sql "SELECT last_error IS NULL AND last_ok IS NOT NULL FROM sources WHERE url LIKE '%/v/gz/%'")" 1
equals "gzip feed's item stored" "$(sql "SELECT count(*) FROM documents WHERE uri = '$B/v/gz/pages/cafe-terraces.html'")" 1
equals "sitemap index followed to the gzip news sitemap" "$(hits /feeds/sitemap-news.xml.gz)" 1
# redirects
equals "redirected feed's item stored" "$(sql "SELECT count(*) FROM documents WHERE uri = '$B/v/redir/pages/cafe-terraces.html'")" 1
contains "redirect loop reported" "$T/poll1.err" "edirect"
# retries: 503 then 200; 429 with Retry-After: 1 honoured
equals "503 retried then fetched" "$(hits /v/flaky/feeds/rss091.xml)" 2
equals "flaky feed succeeded" "$(sql "SELECT last_error IS NULL FROM sources WHERE url LIKE '%/v/flaky/%'")" 1
equals "429 retried once" "$(hits /v/limit/feeds/rss091.xml)" 2
gap=$(stats | python3 -c 'import json,sys; t=json.load(sys.stdin)["times"]["/v/limit/feeds/rss091.xml"]; print(1 if t[1]-t[0] >= 0.95 else 0)')
equals "Retry-After: 1 waited for" "$gap" 1
equals "Retry-After: 3600 not waited for (beyond the limit)" "$(hits /v/limitlong/feeds/rdf.xml)" 1
contains "long Retry-After reported" "$T/poll1.err" "Retry-After 3600"
equals "500 feed retried once" "$(hits /v/fail/feeds/rdf.xml)" 2
equals "500 feed's error stored" "$(sql "SELECT last_error FROM sources WHERE url LIKE '%/v/fail/%'")" "HTTP 500 after 2 attempts"
contains "slow feed timed out" "$T/poll1.err" "timed out"
contains "oversized feed refused" "$T/poll1.err" "larger than"
# politeness
agents=$(stats | python3 -c 'import json,sys; print(" | ".join(a for a in json.load(sys.stdin)["agents"] if a.startswith("sitrep")))')
contains_s() { case $2 in *"$3"*) ok "$1";; *) not_ok "$1" "no '$3' in '$2'";; esac; }
contains_s "honest User-Agent" "$agents" "sitrep/"
contains_s "User-Agent names a contact" "$agents" "(+https://example.invalid/sitrep)"
peak=$(stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["max_active"])')
[ "$peak" -le 4 ] && ok "at most 4 requests at once to the host (peak $peak)" || not_ok "per-host limit" "peak $peak"
equals "robots.txt fetched once by the poll (one host)" "$((r1 - r0))" 1

# ---- health ----------------------------------------------------------------------------------
check "source list" sitrep source list
contains "list shows the named source" "$T/out" "Gazette"
contains "list shows last errors" "$T/out" "last error: HTTP 500"
check "source list --json" sitrep source list --json
python3 - "$T/out" >"$T/health" <<'PY'
import json, sys
s = {x["url"].rsplit("/", 1)[-1] + ("@" + x["url"].split("/v/")[1].split("/")[0] if "/v/" in x["url"] else ""): x
     for x in json.load(open(sys.argv[1]))}
g = s["rss2.xml"]
print("rss2-24h", g["items_24h"], "7d", g["items_7d"], "delay", g["delay_median_secs"] is not None,
      "ok", g["last_ok"] is not None, "every", g["every_secs"])
print("fail-error", s["rdf.xml@fail"]["last_error"], "failures", s["rdf.xml@fail"]["failures"])
PY
contains "rss2 health: items in 24 h, 7 d, delay, last ok" "$T/health" "rss2-24h 4 7d 4 delay True ok True every 600"
contains "failure count kept" "$T/health" "fail-error HTTP 500 after 2 attempts failures 1"

# ---- conditional GET: nothing new, nothing refetched ------------------------------------------
before=$(sql "SELECT count(*) FROM documents")
sql "UPDATE sources SET next_due = 0" >/dev/null
expect_status "second poll (all due again)" 3 sitrep poll --once --json $POLL
nm=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["not_modified"])' "$T/out")
[ "$nm" -ge 8 ] && ok "feeds answered 304 Not Modified ($nm)" || not_ok "304s" "not_modified=$nm" "$(cat "$T/out")"
equals "nothing new stored" "$(sql "SELECT count(*) FROM documents")" "$before"
equals "pages fetched once only" "$(hits /pages/ferry-winter.html)" 1
# a page already stored is not fetched again even when a new source lists it
check "add the same feed through a redirecting URL" sitrep source add --kind feed "$B/v/redir/final/rss091.xml"
check "third poll (only the new source is due)" sitrep poll --once --json $POLL
equals "known page not fetched again" "$(hits /v/redir/pages/cafe-terraces.html)" 1
contains "it is counted as already stored" "$T/out" '"known":1'
# --refetch fetches again
sql "UPDATE sources SET next_due = 0 WHERE url LIKE '%/feeds/rss2.xml'" >/dev/null
sql "UPDATE sources SET next_due = 9999999999 WHERE url NOT LIKE '%/feeds/rss2.xml'" >/dev/null
check "poll --refetch (with --contact)" sitrep poll --once --refetch $POLL --contact mailto:desk@example.test
equals "--refetch fetched the page again" "$(hits /pages/ferry-winter.html)" 2
agents=$(stats | python3 -c 'import json,sys; print(" | ".join(json.load(sys.stdin)["agents"]))')
contains_s "--contact goes into the User-Agent" "$agents" "(+mailto:desk@example.test)"

# ---- remove ------------------------------------------------------------------------------------
id=$(sql "SELECT id FROM sources WHERE url LIKE '%/v/fail/%'")
check "source rm by id" sitrep source rm "$id"
check "source rm by URL" sitrep source rm "$B/v/loop/feeds/rdf.xml"
expect_status "source rm of an unknown source" 1 sitrep source rm 99999
equals "removed sources are gone" "$(sql "SELECT count(*) FROM sources WHERE url LIKE '%/v/fail/%' OR url LIKE '%/v/loop/%'")" 0
equals "their item bookkeeping went with them" "$(sql "SELECT count(*) FROM source_items WHERE source_id = $id")" 0
check "database sound" sitrep check

# ---- the polling loop stops on SIGTERM -----------------------------------------------------------
sql "UPDATE sources SET next_due = strftime('%s','now') + 3600" >/dev/null
"$SITREP_BIN" poll $POLL >"$T/loop.out" 2>"$T/loop.err" &
LOOP=$!
sleep 1
kill -TERM $LOOP
for i in $(seq 50); do kill -0 $LOOP 2>/dev/null || break; sleep 0.1; done
if kill -0 $LOOP 2>/dev/null; then not_ok "poll loop stops on SIGTERM" "still running"; kill -9 $LOOP; else
	wait $LOOP; rc=$?
	equals "poll loop stops on SIGTERM with status 0" "$rc" 0
fi
check "poll --help" sitrep poll --help
contains "poll usage" "$T/out" "usage: sitrep poll"
check "source --help" sitrep source --help
contains "source usage" "$T/out" "usage: sitrep source add"
