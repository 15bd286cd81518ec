#!/bin/sh
# bench_extract.sh - extraction speed and memory: sitrep vs readability-lxml vs Readability.js.
#
#   sh bench/bench_extract.sh            (from the repository root, or anywhere)
#
# Each tool loads the same pages into memory once (all pages of the trafilatura-dev set,
# inflated), then times extraction only, one page after another on one thread, and prints one
# line of key=value figures; this script builds the sitrep harness, runs the three and prints a
# table, the speed ratios and the peak memory (RSS) of each.  Raw lines go to bench/out/.
#
# Environment:
#   SITREP_DATA  data folder (default: ../shared/data relative to the repository root); the
#                pages are $SITREP_DATA/extraction/trafilatura-dev/{evaldata.json,html/*.gz}
#   BUILD        sitrep build folder holding libsitrep.a (default: build); built with make if
#                missing or stale
#   PASSES       passes of sitrep's extractor over the pages (default 5): the figures cover all
#                passes, and peak RSS is shown after 1 and after PASSES passes
#   PEER_PASSES  passes of each peer (default 1; a pass takes them 15-60 s)
#   TOOLS        which to run (default "sitrep readability-lxml readability-js")
#   CC           C compiler (default cc)
#
# Missing data: prints "skip: ... not found" and exits 0.  A missing peer (python3-readability
# not installed, no node or npm) is reported and skipped; the others still run.  Exit status 1
# when a tool that was there failed (sitrep did not build, a harness crashed), else 0.
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) BDIR=$BUILD ;; *) BDIR=$ROOT/$BUILD ;; esac
DATA=${SITREP_DATA:-$ROOT/../shared/data}
DATA=$(cd "$DATA" 2>/dev/null && pwd || echo "$DATA")
SET=$DATA/extraction/trafilatura-dev
PASSES=${PASSES:-5}
PEER_PASSES=${PEER_PASSES:-1}
TOOLS=${TOOLS:-sitrep readability-lxml readability-js}
CC=${CC:-cc}
OUT=$ROOT/bench/out
PKGS="libxml-2.0 sqlite3 libcurl jansson zlib libutf8proc libdeflate"

if [ ! -f "$SET/evaldata.json" ] || [ ! -d "$SET/html" ]; then
	echo "skip: $SET not found (set SITREP_DATA to the data folder)"
	exit 0
fi
mkdir -p "$OUT" || exit 1
RES=$OUT/bench_extract.txt
: >"$RES"

run_sitrep() {
	# the library through the project's Makefile, the harness by hand (bench/ is not in lib/)
	make -C "$ROOT" --no-print-directory BUILD="$BUILD" "$BUILD/libsitrep.a" >&2 || return 1
	mkdir -p "$BDIR/bench" || return 1
	bin=$BDIR/bench/bench_extract
	# shellcheck disable=SC2046,SC2086 # the package list and pkg-config output are meant to split
	(cd "$ROOT" && $CC -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror \
		-include lib/base/banned.h -Ilib $(pkg-config --cflags $PKGS) \
		-o "$bin" bench/bench_extract.c "$BDIR/libsitrep.a" \
		$(pkg-config --libs $PKGS) -lstemmer -lpthread -lm) || return 1
	"$bin" --passes "$PASSES" "$SET"
}

run_lxml() {
	if ! /usr/bin/python3 -c 'import readability, lxml' 2>/dev/null; then
		echo "skip readability-lxml: /usr/bin/python3 lacks python3-readability or" \
			"python3-lxml (apt-get install python3-readability)" >&2
		return 2
	fi
	/usr/bin/python3 "$ROOT/bench/bench_extract_py.py" --passes "$PEER_PASSES" "$SET"
}

run_js() {
	if ! command -v node >/dev/null 2>&1; then
		echo "skip readability-js: node not found" >&2
		return 2
	fi
	if [ ! -d "$ROOT/bench/node_modules/@mozilla/readability" ] ||
		[ ! -d "$ROOT/bench/node_modules/linkedom" ]; then
		echo "bench: installing Readability.js and linkedom (npm ci in bench/)" >&2
		(cd "$ROOT/bench" && npm ci --no-audit --no-fund >&2) || {
			echo "skip readability-js: npm ci failed in bench/" >&2
			return 2
		}
	fi
	node "$ROOT/bench/bench_extract_js.mjs" --passes "$PEER_PASSES" "$SET"
}

pages=$(find "$SET/html" -name '*.gz' | wc -l)
echo "extraction speed: $pages pages of $SET, held in memory, one thread"
echo "machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%dT%H:%MZ)"
status=0
for t in $TOOLS; do
	case $t in
	sitrep) line=$(run_sitrep) ;;
	readability-lxml) line=$(run_lxml) ;;
	readability-js) line=$(run_js) ;;
	*) echo "bench: unknown tool $t" >&2; status=1; continue ;;
	esac
	rc=$?
	if [ $rc -eq 0 ] && [ -n "$line" ]; then
		echo "$line" >>"$RES"
	elif [ $rc -ne 2 ]; then
		echo "bench: $t failed" >&2
		status=1
	fi
done

# The table, the ratios and memory, from the key=value lines.
awk -v passes="$PASSES" '
function kv(line, k,   n, i, a, b) {
	n = split(line, a, " ")
	for (i = 1; i <= n; i++) { split(a[i], b, "="); if (b[1] == k) return b[2] }
	return ""
}
{
	t = kv($0, "tool"); tools[++nt] = t
	pps[t] = kv($0, "pages_per_s"); mbs[t] = kv($0, "mb_per_s")
	pages[t] = kv($0, "pages"); np[t] = kv($0, "passes"); secs[t] = kv($0, "seconds")
	ok[t] = kv($0, "ok"); emp[t] = kv($0, "empty"); fail[t] = kv($0, "failed")
	tmb[t] = kv($0, "text_mb"); rl[t] = kv($0, "rss_load_kb"); r1[t] = kv($0, "rss_1x_kb")
	rn[t] = kv($0, "rss_" passes "x_kb"); if (rn[t] == "") rn[t] = kv($0, "rss_peak_kb")
	best[t] = kv($0, "best_pages_per_s"); hl[t] = kv($0, "heap_load_kb")
	pcs[t] = kv($0, "pages_per_cpu_s")
	h1[t] = kv($0, "heap_1x_kb"); hn[t] = kv($0, "heap_" passes "x_kb")
}
END {
	if (nt == 0) { print "no tool ran"; exit 1 }
	printf "\n%-17s %5s %6s %8s %8s %7s %10s %15s %7s %11s %11s %11s\n", "tool", "pages",
		"passes", "seconds", "pages/s", "MB/s", "pages/CPUs", "ok/empty/failed", "text MB",
		"RSS load", "RSS 1 pass", "RSS end"
	for (i = 1; i <= nt; i++) {
		t = tools[i]
		printf "%-17s %5s %6s %8s %8s %7s %10s %15s %7s %8.1f MB %8.1f MB %8.1f MB\n", t,
			pages[t], np[t], secs[t], pps[t], mbs[t], pcs[t], ok[t] "/" emp[t] "/" fail[t],
			tmb[t], rl[t] / 1024, r1[t] / 1024, rn[t] / 1024
	}
	print ""
	if ("sitrep" in pps) {
		if (pps["readability-lxml"] > 0)
			printf "sitrep / readability-lxml: %.1fx pages/s (wall clock), %.1fx pages per CPU second\n",
				pps["sitrep"] / pps["readability-lxml"], pcs["sitrep"] / pcs["readability-lxml"]
		if (pps["readability-js"] > 0)
			printf "sitrep / Readability.js:   %.1fx pages/s (wall clock), %.1fx pages per CPU second\n",
				pps["sitrep"] / pps["readability-js"], pcs["sitrep"] / pcs["readability-js"]
		printf "sitrep fastest of its %s passes: %s pages/s\n", np["sitrep"], best["sitrep"]
		g = r1["sitrep"] - rl["sitrep"]; h = rn["sitrep"] - rl["sitrep"]
		printf "sitrep peak RSS beyond the loaded pages: %.1f MB after 1 pass, %.1f MB after %s passes\n",
			g / 1024, h / 1024, np["sitrep"]
		if (h1["sitrep"] != "" && h1["sitrep"] >= 0)
			printf "sitrep C heap in use: %.1f MB after loading, %.1f MB after 1 pass, %.1f MB after %s passes (%s)\n",
				hl["sitrep"] / 1024, h1["sitrep"] / 1024, hn["sitrep"] / 1024, np["sitrep"],
				(hn["sitrep"] - h1["sitrep"] > 64 ? "GREW" : "flat")
	}
	print "RSS: peak resident set of each process (getrusage), the loaded pages included."
	print "pages/CPUs: pages per second of the process CPU time (less disturbed by other load)."
}' "$RES" || status=1
exit $status
