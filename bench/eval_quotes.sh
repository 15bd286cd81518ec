#!/bin/sh
# Quote attribution: precision and recall of (quote, speaker) pairs on the articles annotated in
# bench/quotes/annotations.jsonl (offsets only; the articles come from ../shared/data).
#
#   sh bench/eval_quotes.sh [--verbose]     (data from $SITREP_DATA, default ../shared/data;
#                                            library from $BUILD, default build)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
data=${SITREP_DATA:-$root/../shared/data}
build=${BUILD:-build}
if [ ! -d "$data/corpora/bbc-news" ]; then
	echo "eval_quotes: $data/corpora/bbc-news not found; skipped"
	exit 0
fi
make -C "$root" --no-print-directory BUILD="$build" "$build/libsitrep.a" >/dev/null
bin="$root/$build/bench/eval_quotes"
mkdir -p "$(dirname "$bin")"
cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -I"$root/lib" -o "$bin" "$root/bench/eval_quotes.c" \
	"$root/$build/libsitrep.a" $(pkg-config --cflags --libs jansson libutf8proc) -lstemmer -lm
files=$(/usr/bin/python3 -c 'import json,sys
for l in open(sys.argv[1]): print(json.loads(l)["file"])' "$root/bench/quotes/annotations.jsonl")
pred=$(mktemp)
trap 'rm -f "$pred"' EXIT
# shellcheck disable=SC2086
"$bin" "$data" $files >"$pred"
echo "== quotes with speakers, $(echo "$files" | wc -l) annotated articles (bench/quotes/annotations.jsonl)"
/usr/bin/python3 "$root/bench/eval_quotes.py" "$data" "$pred" "$@"
