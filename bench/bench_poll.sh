#!/bin/sh
# bench_poll.sh - polling many feeds politely: elapsed time against the politeness bound, and
# peak memory against the number of sources.
#
#   sh bench/bench_poll.sh            (from the repository root, or anywhere)
#
# Starts tests/e2e/feedserver.py on 127.0.0.1 (port picked by the OS; nothing leaves the
# machine), which serves /bench/feed-I.xml (RSS, ITEMS items each) and their article pages.
# For each N in SIZES (default "50 500 50x50": N feeds of ITEMS items, or N feeds of K items
# for NxK, so 50x50 stores as many pages as 500 feeds of 5) it registers N feeds in a fresh
# database in $TMPDIR
# and runs `sitrep poll --once --delay DELAY --per-host PER_HOST` under /usr/bin/time,
# reporting:
#   requests      N feeds + N*ITEMS pages + 1 robots.txt, all to one host (the server)
#   bound         (requests - 1) * DELAY: the least time the per-host delay allows
#   elapsed       wall time of the poll; its ratio to the bound
#   peak in flight (as the server saw it) against PER_HOST
#   max RSS       of the sitrep process, and RSS per source
#   cpu_s         user + system CPU of the poll (extraction and storage run in the fetch loop's
#                 thread: when cpu_s nears elapsed, the work, not politeness, sets the pace)
# Raw figures: bench/out/bench_poll.txt.
# Environment: BUILD (default build; made if missing), SIZES, ITEMS (5), DELAY (0.005 s),
# PER_HOST (4), TMPDIR.
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) BDIR=$BUILD ;; *) BDIR=$ROOT/$BUILD ;; esac
SIZES=${SIZES:-"50 500 50x50"}
ITEMS=${ITEMS:-5}
DELAY=${DELAY:-0.005}
PER_HOST=${PER_HOST:-4}
BIN=$BDIR/sitrep

command -v python3 >/dev/null || { echo "skip: python3 not found"; exit 0; }
[ -x /usr/bin/time ] || { echo "skip: /usr/bin/time not found (apt-get install time)"; exit 0; }
if [ ! -x "$BIN" ]; then
	make -C "$ROOT" BUILD="$BUILD" "$BUILD/sitrep" >/dev/null || exit 1
fi
W=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-bench-poll.XXXXXX")
python3 "$ROOT/tests/e2e/feedserver.py" --lifetime 1800 --bench-items "$ITEMS" >"$W/port" 2>"$W/server.err" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$W"' EXIT INT TERM
for i in $(seq 100); do grep -q PORT "$W/port" 2>/dev/null && break; sleep 0.1; done
PORT=$(sed -n 's/^PORT //p' "$W/port")
[ -n "$PORT" ] || { echo "feed server did not start: $(cat "$W/server.err")"; exit 1; }
B=http://127.0.0.1:$PORT
mkdir -p "$ROOT/bench/out"
OUT=$ROOT/bench/out/bench_poll.txt
{
	echo "# bench_poll $(date -u +%Y-%m-%dT%H:%M:%SZ) items=$ITEMS delay=$DELAY per_host=$PER_HOST"
	echo "# $(uname -srm); $(nproc) CPUs"
} >"$OUT"
printf '%-7s %9s %9s %9s %7s %9s %10s %12s %7s\n' feeds requests bound_s elapsed_s ratio peak_fly maxrss_MB KB_per_source cpu_s
for spec in $SIZES; do
	n=${spec%x*}
	k=$ITEMS
	case $spec in *x*) k=${spec#*x} ;; esac
	db=$W/poll-$spec.db
	rm -f "$db"*
	"$BIN" --db "$db" init >/dev/null || exit 1
	# register the sources in one transaction (the CLI's add is one process per source)
	i=0
	{
		echo "BEGIN;"
		while [ $i -lt "$n" ]; do
			echo "INSERT INTO sources(url, kind, every_secs, added_at, next_due) VALUES ('$B/bench/k$k/feed-$i.xml', 'feed', 900, strftime('%s','now'), 0);"
			i=$((i + 1))
		done
		echo "COMMIT;"
	} | sqlite3 "$db"
	curl -s "$B/__stats" >/dev/null
	/usr/bin/time -f '%e %M %U %S' -o "$W/time" "$BIN" --db "$db" -q poll --once --json --delay "$DELAY" \
		--per-host "$PER_HOST" >"$W/poll.json" 2>"$W/poll.err"
	rc=$?
	read -r elapsed rss usr sys <"$W/time"
	peak=$(curl -s "$B/__stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["max_active"])')
	stored=$(sqlite3 "$db" 'SELECT count(*) FROM documents')
	req=$((n + n * k + 1))
	python3 - "$n" "$spec" "$req" "$DELAY" "$elapsed" "$peak" "$rss" "$stored" "$rc" "$usr" "$sys" <<'PY' | tee -a "$OUT"
import sys
n, spec, req, delay, el, peak, rss, stored, rc, usr, sy = sys.argv[1:]
n, req, delay, el, rss = int(n), int(req), float(delay), float(el), int(rss)
bound = (req - 1) * delay
print("%-7s %9d %9.2f %9.2f %7.2f %9s %10.1f %12.1f %7.2f   (stored %s, exit %s)"
      % (spec, req, bound, el, el / bound if bound else 0, peak, rss / 1024, rss / n,
         float(usr) + float(sy), stored, rc))
PY
	cat "$W/poll.json" >>"$OUT"
done
echo "raw: $OUT"
