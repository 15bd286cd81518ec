#!/bin/sh
# Duplicate detection and story clustering: quality on giveme5w1h-dev and bbc-news, speed and
# memory on the Reuters-21578 stream (one core; fingerprinting, dedup, term counting and
# clustering; extraction excluded).
#
#   sh bench/eval_stories.sh        (data from $SITREP_DATA, default ../shared/data)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
data=${SITREP_DATA:-$root/../shared/data}
build=${BUILD:-build}
if [ ! -d "$data/clustering/giveme5w1h-dev" ] || [ ! -d "$data/corpora" ]; then
	echo "eval_stories: $data/clustering or $data/corpora not found; skipped"
	exit 0
fi
make -C "$root" --no-print-directory BUILD="$build" "$build/libsitrep.a" >/dev/null
bin="$root/$build/bench/eval_stories"
mkdir -p "$(dirname "$bin")"
cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -I"$root/lib" -o "$bin" "$root/bench/eval_stories.c" \
	"$root/$build/libsitrep.a" $(pkg-config --cflags --libs jansson libutf8proc) -lstemmer -lm
echo "== story clustering, giveme5w1h-dev (articles in date order; defaults of sitrep ingest)"
"$bin" giveme "$data/clustering/giveme5w1h-dev"
echo
echo "== duplicates, bbc-news"
"$bin" bbc "$data/corpora/bbc-news"
echo
echo "== speed and memory, reuters21578 stream"
"$bin" reuters "$data/corpora/reuters21578"
