#!/bin/sh
# Watchlist matching speed (one core): the percolator's index against the naive method
# (every query against every article) in the same run, and the memory of 100,000
# watchlists.  Articles: the BBC News corpus (2,225 texts); watchlists generated from its
# words (bench/bench_percolate.c describes their shape).
#
#   sh bench/bench_percolate.sh [NWATCH] [NMEM]     (defaults 10000 and 100000)
#
# Looks for the data in $SITREP_SHARED_DATA or ../shared/data and skips when it is absent.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
data=${SITREP_SHARED_DATA:-$root/../shared/data}
build=${BUILD:-build}
corpus="$data/corpora/bbc-news"
if [ ! -d "$corpus" ]; then
	echo "bench_percolate: $corpus not found; skipped"
	exit 0
fi
make -C "$root" --no-print-directory BUILD="$build" "$build/libsitrep.a" >/dev/null
bin="$root/$build/bench/bench_percolate"
mkdir -p "$(dirname "$bin")"
cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -I"$root/lib" -include "$root/lib/base/banned.h" \
	-o "$bin" "$root/bench/bench_percolate.c" "$root/$build/libsitrep.a" \
	$(pkg-config --libs libxml-2.0 sqlite3 libcurl jansson zlib libutf8proc libdeflate) -lstemmer -lm -lpthread
list=$(mktemp)
trap 'rm -f "$list"' EXIT
find "$corpus" -name '*.txt' ! -name 'README*' | sort >"$list"
"$bin" "${1:-10000}" "$list" "${2:-100000}"
