#!/bin/sh
# The long-running processes' background work, over real HTTP on loopback (tests/e2e/feedserver.py
# serves feeds, pages and webhook endpoints; nothing leaves the machine):
#   - sitrep serve delivers the watchlists' webhooks in a background thread: a working hook gets
#     its JSON, a failing one is retried later, a hanging one holds up neither the API's ingest
#     nor the server's stop (the post is abandoned and stays due);
#   - two processes delivering at once never post one alert twice;
#   - sitrep serve --poll polls the registered sources and stores their items through the
#     server's writer while the API answers; the articles are found by search and alert the
#     watchlists;
#   - sitrep poll (the loop) delivers webhooks too.
. "$(dirname "$0")/../lib.sh"

command -v python3 >/dev/null || { echo "ok - python3 absent: skipped"; exit 0; }
command -v curl >/dev/null || { echo "ok - curl absent: skipped"; exit 0; }

PIDS=""
trap 'for p in $PIDS; do kill -9 "$p" 2>/dev/null; done; rm -rf "$T"' EXIT
python3 "$ROOT/tests/e2e/feedserver.py" --lifetime 150 >"$T/port" 2>"$T/fs.err" &
PIDS="$PIDS $!"
for i in $(seq 100); do grep -q PORT "$T/port" 2>/dev/null && break; sleep 0.1; done
PORT=$(sed -n 's/^PORT //p' "$T/port")
[ -n "$PORT" ] || { not_ok "feed server started" "$(cat "$T/fs.err")"; exit 1; }
B=http://127.0.0.1:$PORT
hooks() { # hooks NAME: how many posts the hook NAME received
	curl -s "$B/__stats" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["hooks"].get(sys.argv[1], [])))' "$1"
}
# wait_for SECONDS COMMAND...: until COMMAND succeeds (0) or the time is up (1)
wait_for() {
	n=$(($1 * 10))
	shift
	while [ $n -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}
start_server() { # start_server NAME ARGS...: sets URL and PID
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
	[ -n "$URL" ] || not_ok "$name started" "$(cat "$T/$name.err")"
}
stop_server() { # stop_server PID: SIGTERM; echoes the seconds it took
	t0=$(date +%s)
	kill -TERM "$1"
	wait "$1" 2>/dev/null
	echo $(($(date +%s) - t0))
}
page() { # page N WORD: a small article page
	printf '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s report %s</title></head><body><article><h1>%s report %s</h1><p>The %s committee met in Amman on Monday to discuss the harbour budget and the new grain terminal. Officials said the plan would be published next week after further talks with the ministry.</p><p>Observers expect the %s question to return before the winter session of parliament.</p></article></body></html>\n' "$2" "$1" "$2" "$1" "$2" "$2"
}
TOKEN=secret-token-for-tests
api_ingest() { # api_ingest N WORD: POST a page through the API; prints the status
	page "$1" "$2" | curl -s -o /dev/null -w '%{http_code}' --max-time 20 -X POST \
		-H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/html' --data-binary @- \
		"$URL/api/ingest?url=https://desk.example/$2-$1"
}

check "init" sitrep init
check "a watchlist with a working webhook" sitrep watch add good 'zeppelin' --webhook "$B/hook/good"
check "a watchlist with a failing webhook" sitrep watch add bad 'zeppelin' --webhook "$B/hook/fail"
check "a watchlist with a hanging webhook" sitrep watch add slow 'marmalade' --webhook "$B/hook/hang"

# ---- serve delivers in the background ----------------------------------------------------------
start_server s1 --token "$TOKEN"
equals "API ingest of a matching article" "$(api_ingest 1 zeppelin)" 201
if wait_for 20 sh -c "[ \"\$(curl -s '$B/__stats' | python3 -c 'import json,sys; print(len(json.load(sys.stdin)[\"hooks\"].get(\"good\", [])))')\" -ge 1 ]"; then
	ok "the working webhook got its POST from the server's background thread"
else
	not_ok "the working webhook got its POST" "$(cat "$T/s1.err")"
fi
curl -s "$B/__stats" >"$T/stats.json"
contains "the POST carries the watchlist's name" "$T/stats.json" '"watchlist": "good"'
contains "the POST carries the article" "$T/stats.json" '"url": "https://desk.example/zeppelin-1"'
wait_for 10 sh -c "[ \"\$(sqlite3 '$SITREP_DB' \"SELECT delivery FROM alerts al JOIN watchlists w ON w.id = al.watchlist_id WHERE w.name = 'good'\")\" = 2 ]"
equals "delivered alert marked delivered" "$(sql "SELECT delivery, attempts FROM alerts al JOIN watchlists w ON w.id = al.watchlist_id WHERE w.name = 'good'")" "2|1"
wait_for 10 sh -c "[ \"\$(sqlite3 '$SITREP_DB' \"SELECT attempts FROM alerts al JOIN watchlists w ON w.id = al.watchlist_id WHERE w.name = 'bad'\")\" = 1 ]"
equals "failing webhook: retried later with its error" \
	"$(sql "SELECT delivery, attempts, next_try > strftime('%s','now'), last_error FROM alerts al JOIN watchlists w ON w.id = al.watchlist_id WHERE w.name = 'bad'")" "1|1|1|HTTP 500"

# a hanging webhook holds up neither the API's ingest nor the stop
t0=$(date +%s)
equals "API ingest while a webhook hangs" "$(api_ingest 2 marmalade)" 201
wait_for 10 sh -c "[ \"\$(curl -s '$B/__stats' | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"hits\"].get(\"/hook/hang\", 0))')\" -ge 1 ]" &&
	ok "the hanging webhook was called" || not_ok "the hanging webhook was called"
for n in 3 4 5; do api_ingest $n marmalade >/dev/null; done
took=$(($(date +%s) - t0))
[ "$took" -lt 15 ] && ok "four ingests while the webhook hangs took ${took}s (the hook waits 30 s)" ||
	not_ok "ingest held up by a hanging webhook" "${took}s"
status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$URL/api/health")
equals "the API answers while the webhook hangs" "$status" 200
took=$(stop_server $PID)
[ "$took" -lt 8 ] && ok "serve stops in ${took}s with a webhook hanging" || not_ok "serve stop held up by a webhook" "${took}s"
equals "the abandoned post stays due, no attempt counted" \
	"$(sql "SELECT delivery, attempts FROM alerts al JOIN watchlists w ON w.id = al.watchlist_id JOIN articles a ON a.id = al.article_id WHERE w.name = 'slow' AND a.url LIKE '%marmalade-2'")" "1|0"

# ---- two processes delivering at once: each alert posted once ------------------------------------
check "drop the hanging and failing watchlists" sh -c "'$SITREP_BIN' watch rm slow && '$SITREP_BIN' watch rm bad"
check "a second working webhook" sitrep watch add twice 'quokka' --webhook "$B/hook/twice"
mkdir -p "$T/q"
for n in 1 2 3 4 5 6 7 8; do page "$n" quokka >"$T/q/quokka-$n.html"; done
check "ingest 8 matching articles" sitrep ingest --no-progress "$T/q"
start_server s2 --token "$TOKEN"
P2=$PID
start_server s3
P3=$PID
sitrep alerts --deliver >/dev/null 2>&1
wait_for 20 sh -c "[ \"\$(sqlite3 '$SITREP_DB' \"SELECT count(*) FROM alerts al JOIN watchlists w ON w.id = al.watchlist_id WHERE w.name = 'twice' AND delivery = 2\")\" = 8 ]"
equals "8 alerts delivered by three processes" "$(sql "SELECT count(*) FROM alerts al JOIN watchlists w ON w.id = al.watchlist_id WHERE w.name = 'twice' AND delivery = 2")" 8
equals "each posted exactly once" "$(hooks twice)" 8
stop_server $P3 >/dev/null

# ---- serve --poll ------------------------------------------------------------------------------
check "a feed source" sitrep source add --kind feed "$B/feeds/rss2.xml" --name Gazette
check "a watchlist on the feed's pages" sitrep watch add fed 'officials' --webhook "$B/hook/fed"
stop_server $P2 >/dev/null
start_server s4 --poll --delay 0.01 --per-host 4
if wait_for 30 sh -c "[ \"\$(sqlite3 '$SITREP_DB' \"SELECT count(*) FROM source_items WHERE doc_id > 0\")\" -ge 3 ]"; then
	ok "serve --poll stored the feed's items"
else
	not_ok "serve --poll stored the feed's items" "$(sql "SELECT count(*), group_concat(status) FROM source_items")" "$(tail -5 "$T/s4.err")"
fi
curl -s --max-time 10 "$URL/api/search?q=officials&limit=50" >"$T/search.json"
contains "the polled pages are found through the API" "$T/search.json" "$B/pages/"
equals "the source's health records the success" "$(sql "SELECT last_ok > 0, last_error IS NULL FROM sources WHERE url = '$B/feeds/rss2.xml'")" "1|1"
wait_for 20 sh -c "[ \"\$(curl -s '$B/__stats' | python3 -c 'import json,sys; print(len(json.load(sys.stdin)[\"hooks\"].get(\"fed\", [])))')\" -ge 1 ]" &&
	ok "the polled articles alerted and their webhook was posted" || not_ok "webhook for polled articles" "$(tail -5 "$T/s4.err")"
stop_server $PID >/dev/null
check "database sound after serve --poll" sitrep check

# ---- the poll loop delivers too --------------------------------------------------------------
check "one more hook" sitrep watch add loop 'wombat' --webhook "$B/hook/loop"
mkdir -p "$T/w"
page 1 wombat >"$T/w/wombat-1.html"
check "ingest (no delivery by ingest)" sitrep ingest --no-progress "$T/w"
equals "pending after ingest" "$(hooks loop)" 0
"$SITREP_BIN" poll --delay 0.01 >"$T/loop.out" 2>"$T/loop.err" &
LOOP=$!
PIDS="$PIDS $LOOP"
wait_for 20 sh -c "[ \"\$(curl -s '$B/__stats' | python3 -c 'import json,sys; print(len(json.load(sys.stdin)[\"hooks\"].get(\"loop\", [])))')\" -ge 1 ]" &&
	ok "sitrep poll's loop delivered the webhook" || not_ok "poll loop delivered" "$(cat "$T/loop.err")"
kill -TERM $LOOP
wait $LOOP
equals "poll loop stops with status 0" "$?" 0

# stopped in the middle of a round, with pages in flight: a clean, quick exit (under
# AddressSanitizer, no leak of the items still queued: sr_fetcher_cancel)
check "a source whose pages are slow" sitrep source add --kind feed "$B/v/slowpages/feeds/rss2.xml"
"$SITREP_BIN" poll --delay 0.01 --per-host 2 >"$T/mid.out" 2>"$T/mid.err" &
MID=$!
PIDS="$PIDS $MID"
wait_for 10 sh -c "curl -s '$B/__stats' | grep -q '/v/slowpages/pages/'" &&
	ok "pages requested" || not_ok "pages requested" "$(cat "$T/mid.err")"
t0=$(date +%s)
kill -TERM $MID
wait $MID
rc=$?
took=$(($(date +%s) - t0))
equals "poll stopped mid-round exits 0" "$rc" 0
[ "$took" -lt 5 ] && ok "and at once (${took}s)" || not_ok "poll stop mid-round took ${took}s"
lacks "no sanitizer report" "$T/mid.err" "Sanitizer"
