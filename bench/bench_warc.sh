#!/bin/sh
# bench_warc.sh - WARC reading speed: sitrep's reader beside zcat, on the same file, in one run.
#
#   sh bench/bench_warc.sh            (from the repository root, or anywhere)
#
# Builds a WARC in $TMPDIR (never in the repository) from the articles of corpora/bbc-news and
# corpora/reuters21578, each wrapped as an HTML page in a response record with HTTP headers, one
# gzip member per record, the corpus repeated until WARC_MB of uncompressed records (default
# 300); then times, REPS times each (best kept):
#   zcat FILE > /dev/null                     the ceiling: inflate only
#   bench_warc read FILE                      sitrep: inflate + WARC and HTTP headers parsed,
#                                             payload located; no extraction
# and prints MB/s of uncompressed content (10^6 bytes) for both and their ratio, by wall clock
# and by CPU time (user + sys: the honest one-core figure on a machine shared with other work).
# The raw figures go to bench/out/bench_warc.txt.  The file is removed at the end (KEEP=1 keeps
# it).
#
# Environment: SITREP_DATA (default ../shared/data next to the repository), BUILD (sitrep build
# folder with libsitrep.a, default build; made if missing or stale), WARC_MB, REPS (default 3),
# CC (default cc), TMPDIR.  Missing data: prints "skip: ..." and exits 0.
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) BDIR=$BUILD ;; *) BDIR=$ROOT/$BUILD ;; esac
DATA=${SITREP_DATA:-$ROOT/../shared/data}
DATA=$(cd "$DATA" 2>/dev/null && pwd || echo "$DATA")
WARC_MB=${WARC_MB:-300}
REPS=${REPS:-3}
CC=${CC:-cc}
OUT=$ROOT/bench/out
PKGS="libxml-2.0 sqlite3 libcurl jansson zlib libutf8proc libdeflate"

if [ ! -d "$DATA/corpora/bbc-news" ] || [ ! -d "$DATA/corpora/reuters21578" ]; then
	echo "skip: $DATA/corpora/{bbc-news,reuters21578} not found (set SITREP_DATA to the data folder)"
	exit 0
fi
command -v zcat >/dev/null 2>&1 || { echo "skip: zcat not found"; exit 0; }
mkdir -p "$OUT" "$BDIR/bench" || exit 1

make -C "$ROOT" --no-print-directory BUILD="$BUILD" "$BUILD/libsitrep.a" >&2 || exit 1
bin=$BDIR/bench/bench_warc
# shellcheck disable=SC2046,SC2086 # the package list and pkg-config output are meant to split
(cd "$ROOT" && $CC -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror \
	-include lib/base/banned.h -Ilib $(pkg-config --cflags $PKGS) \
	-o "$bin" bench/bench_warc.c "$BDIR/libsitrep.a" \
	$(pkg-config --libs $PKGS) -lstemmer -lpthread -lm) || exit 1

WARC=$(mktemp "${TMPDIR:-/tmp}/sitrep-bench-XXXXXX.warc.gz") || exit 1
[ "${KEEP:-0}" = 1 ] || trap 'rm -f "$WARC"' EXIT
echo "building $WARC ($WARC_MB MB of records) ..."
made=$("$bin" make "$DATA" "$WARC" "$WARC_MB") || { echo "bench_warc make failed"; exit 1; }
echo "$made"
bytes=$(echo "$made" | sed -n 's/.*uncompressed=\([0-9]*\).*/\1/p')
cat "$WARC" >/dev/null # into the page cache for both

# run CMD...: prints "wall cpu" (seconds), cpu = user + sys of the command
TIMEFILE=$(mktemp) || exit 1
trap 'rm -f "$TIMEFILE"; [ "${KEEP:-0}" = 1 ] || rm -f "$WARC"' EXIT
timed() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f "%e %U %S" -o "$TIMEFILE" "$@" >/dev/null 2>&1 || return 1
		awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$TIMEFILE"
	else
		s=$(date +%s.%N)
		"$@" >/dev/null 2>&1 || return 1
		e=$(date +%s.%N)
		awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f %.3f\n", e - s, e - s }'
	fi
}

best() { # TOOL CMD...: best wall and best cpu over REPS runs
	tool=$1
	shift
	bw=0
	bc=0
	i=0
	while [ $i -lt "$REPS" ]; do
		t=$(timed "$@") || { echo "$tool failed" >&2; return 1; }
		w=${t% *}
		c=${t#* }
		bw=$(awk -v a="$bw" -v b="$w" 'BEGIN { print (a == 0 || b < a) ? b : a }')
		bc=$(awk -v a="$bc" -v b="$c" 'BEGIN { print (a == 0 || b < a) ? b : a }')
		i=$((i + 1))
	done
	echo "$bw $bc"
}

z=$(best zcat zcat "$WARC") || exit 1
s=$(best sitrep "$bin" read "$WARC" "$bytes" 1) || exit 1
records=$("$bin" read "$WARC" "$bytes" 1 | sed -n 's/^records=\([0-9]*\) errors=\([0-9]*\).*/\1 records, \2 errors/p')

awk -v bytes="$bytes" -v z="$z" -v s="$s" -v recs="$records" -v mb="$WARC_MB" 'BEGIN {
	split(z, zz, " "); split(s, ss, " ")
	mbz_w = bytes / 1e6 / zz[1]; mbz_c = bytes / 1e6 / zz[2]
	mbs_w = bytes / 1e6 / ss[1]; mbs_c = bytes / 1e6 / ss[2]
	printf "\nWARC reading, %.0f MB uncompressed (%s), best of runs\n", bytes / 1e6, recs
	printf "%-8s %8s %10s %8s %10s\n", "tool", "wall s", "MB/s wall", "cpu s", "MB/s cpu"
	printf "%-8s %8.3f %10.1f %8.3f %10.1f\n", "zcat", zz[1], mbz_w, zz[2], mbz_c
	printf "%-8s %8.3f %10.1f %8.3f %10.1f\n", "sitrep", ss[1], mbs_w, ss[2], mbs_c
	printf "sitrep / zcat: %.2fx (wall), %.2fx (cpu)\n", mbs_w / mbz_w, mbs_c / mbz_c
	printf "target 200 MB/s on one core (cpu): %s\n", (mbs_c >= 200) ? "met" : "not met"
}' | tee "$OUT/bench_warc.txt"
