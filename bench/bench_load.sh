#!/bin/sh
# bench_load.sh: load on the API.  A store of >= 100,000 articles (synthetic, made by
# gen_articles.py, cached in bench/out/load/), `sitrep serve` on it, and wrk against
# /api/search (bench_load.lua rotates realistic queries) with 64 connections for 30 seconds
# WHILE a second process ingests more articles into the same store through the CLI.
# Prints requests/s, p50/p99 latency and errors (non-2xx and socket errors must be 0: the
# script exits 1 otherwise).
#
#   sh bench/bench_load.sh                    # uses ./sitrep
#   BUILD=build-x sh bench/bench_load.sh      # uses build-x/sitrep
#   SITREP_BIN=build-x/sitrep N=200000 CONNS=64 DURATION=30s sh bench/bench_load.sh
#   SERVE_THREADS=4 sh bench/bench_load.sh    # serve --threads 4 (default: two per CPU)
#   NOFILTER=1 sh bench/bench_load.sh         # without the source= filter queries
#
# Needs wrk (Debian package wrk), python3, curl and sqlite3.  The first run builds the store
# (about 3 minutes on 2 cores) and its query list; later runs copy the cached store.  Run it
# from anywhere: it works in the repository root (where the NER model is found).
set -eu
cd "$(dirname "$0")/.."
BIN=${SITREP_BIN:-${BUILD:+$BUILD/}sitrep}
N=${N:-100000}
EXTRA=${EXTRA:-30000}
TIMEOUT=${TIMEOUT:-10s}
# NOFILTER=1: leave out the queries with a source= filter (see bench/RESULTS.md: the filter
# scans the articles table without an index)
NOFILTER=${NOFILTER:-0}
CONNS=${CONNS:-64}
DURATION=${DURATION:-30s}
THREADS=${WRK_THREADS:-2}
OUT=bench/out/load
mkdir -p "$OUT"
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")

if ! command -v wrk >/dev/null 2>&1; then
	echo "skip: wrk not installed (apt-get install wrk)"
	exit 0
fi
[ -x "$BIN" ] || { echo "no sitrep binary at $BIN (make, or set SITREP_BIN)" >&2; exit 1; }

# the cache is per schema version: a store built by an older sitrep is built again
probe=$OUT/probe.db
rm -f "$probe" "$probe-wal" "$probe-shm"
echo "A probe text for the schema version." |
	"$BIN" --db "$probe" ingest --no-progress --format text - >/dev/null 2>&1 || true
SCHEMA=$(sqlite3 "$probe" 'PRAGMA user_version' 2>/dev/null || echo 0)
rm -f "$probe" "$probe-wal" "$probe-shm"
CACHE=$OUT/store-$N-v$SCHEMA.db
if [ ! -s "$CACHE" ] || [ ! -s "$OUT/queries-$N.txt" ]; then
	echo "building a store of $N synthetic articles in $CACHE (cached for later runs)"
	rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm" "$OUT/base.jsonl"
	python3 bench/gen_articles.py "$N" 1 "$OUT/queries-$N.txt" >"$OUT/base.jsonl"
	t0=$(date +%s)
	"$BIN" --db "$CACHE.tmp" ingest --no-progress "$OUT/base.jsonl"
	"$BIN" --db "$CACHE.tmp" stats >/dev/null
	mv "$CACHE.tmp" "$CACHE"
	rm -f "$CACHE.tmp-wal" "$CACHE.tmp-shm" "$OUT/base.jsonl"
	echo "built in $(( $(date +%s) - t0 )) s"
fi

DB=$OUT/run.db
rm -f "$DB" "$DB-wal" "$DB-shm"
cp "$CACHE" "$DB"
have=$(sqlite3 "$DB" 'SELECT count(*) FROM articles' 2>/dev/null || echo "?")
echo "store: $have articles ($(du -m "$DB" | cut -f1) MB)"
# the concurrent ingest's input: new articles (another seed: new URLs and texts)
python3 bench/gen_articles.py "$EXTRA" "$(date +%s)" >"$OUT/extra.jsonl"

SPID=""
IPID=""
cleanup() {
	[ -n "$SPID" ] && kill "$SPID" 2>/dev/null
	[ -n "$IPID" ] && kill "$IPID" 2>/dev/null
	wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

SERVE_THREADS=${SERVE_THREADS:-}
"$BIN" --db "$DB" serve --listen 127.0.0.1:0 ${SERVE_THREADS:+--threads "$SERVE_THREADS"} \
	>"$OUT/serve.out" 2>"$OUT/serve.err" &
SPID=$!
URL=""
i=0
while [ $i -lt 200 ] && [ -z "$URL" ]; do
	URL=$(sed -n 's|^listening on \(http://127\.0\.0\.1:[0-9]*\)/$|\1|p' "$OUT/serve.out" 2>/dev/null || true)
	[ -n "$URL" ] || sleep 0.05
	i=$((i + 1))
done
[ -n "$URL" ] || { echo "serve did not start:" >&2; cat "$OUT/serve.err" >&2; exit 1; }
curl -sf "$URL/api/search?q=water" >/dev/null || { echo "search does not answer" >&2; exit 1; }

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
"$BIN" --db "$DB" ingest --no-progress --json "$OUT/extra.jsonl" >"$OUT/ingest.json" 2>"$OUT/ingest.err" &
IPID=$!
sleep 1
QUERIES=$OUT/queries-$N.txt
if [ "$NOFILTER" = 1 ]; then
	grep -v '&source=' "$QUERIES" >"$OUT/queries-run.txt"
	QUERIES=$OUT/queries-run.txt
fi
wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --timeout "$TIMEOUT" --latency -s bench/bench_load.lua \
	"$URL" -- "$QUERIES" >"$OUT/wrk.txt" 2>&1 || true
still=no
kill -0 "$IPID" 2>/dev/null && still=yes
set +e
wait "$IPID"
irc=$?
set -e
IPID=""
after=$(sqlite3 "$DB" 'SELECT count(*) FROM articles' 2>/dev/null || echo "?")
kill "$SPID" 2>/dev/null
wait "$SPID" 2>/dev/null || true
SPID=""

res=$(grep '^RESULT' "$OUT/wrk.txt" || true)
[ -n "$res" ] || { echo "wrk gave no result:" >&2; cat "$OUT/wrk.txt" >&2; exit 1; }
get() { echo "$res" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
locked=$(grep -c 'database is locked' "$OUT/serve.err" "$OUT/ingest.err" 2>/dev/null | awk -F: '{s+=$2} END {print s+0}')
cat <<REPORT
== /api/search under load: $CONNS connections, $DURATION, wrk -t$THREADS --timeout $TIMEOUT, $have articles,
   $(wc -l <"$QUERIES") queries in rotation$( [ "$NOFILTER" = 1 ] && echo ' (source= filters left out)'); load average before: $LOAD0
   serve threads: ${SERVE_THREADS:-the default, two per CPU}
   while \`sitrep ingest\` added articles (still running when wrk ended: $still; exit $irc; articles after: $after;
   the ingest took $(sed -n 's/.*"seconds":\([0-9]*\).*/\1/p' "$OUT/ingest.json" 2>/dev/null) s)
requests/s     $(get rps)
requests       $(get requests)
latency p50    $(get p50_ms) ms
latency p90    $(get p90_ms) ms
latency p99    $(get p99_ms) ms
latency max    $(get max_ms) ms
non-2xx        $(get status_errors)
socket errors  $(get socket_errors)
"database is locked" in logs: $locked
REPORT
[ "$(get status_errors)" = 0 ] && [ "$(get socket_errors)" = 0 ] && [ "$irc" = 0 ] && [ "$locked" = 0 ]
