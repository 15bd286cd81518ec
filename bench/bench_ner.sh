#!/bin/sh
# NER tagging speed and F1 on the CoNLL-2003 development part (one core).
#
#   sh bench/bench_ner.sh [MODEL]     (MODEL defaults to data/ner-en.model)
#
# Looks for the data in $SITREP_SHARED_DATA or ../shared/data and skips when it is absent.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
data=${SITREP_SHARED_DATA:-$root/../shared/data}
build=${BUILD:-build}
model=${1:-$root/data/ner-en.model}
testa="$data/ner/conll2003/eng.testa"
if [ ! -f "$testa" ]; then
	echo "bench_ner: $testa not found; skipped"
	exit 0
fi
make -C "$root" --no-print-directory BUILD="$build" "$build/libsitrep.a" >/dev/null
bin="$root/$build/bench/bench_ner"
mkdir -p "$(dirname "$bin")"
cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -I"$root/lib" -include "$root/lib/base/banned.h" \
	-o "$bin" "$root/bench/bench_ner.c" "$root/$build/libsitrep.a" \
	$(pkg-config --libs libxml-2.0 sqlite3 libcurl jansson zlib libutf8proc libdeflate) -lstemmer -lm -lpthread
"$bin" "$model" "$testa"
"$bin" -s "$model" "$testa"
