#!/bin/sh
# sitrep's NER tagger side by side with the npm package compromise (people/places/organizations)
# on the CoNLL-2003 development part, in one run: entity F1 as conlleval counts it and tokens
# per second for both.
#
#   sh bench/bench_ner_compromise.sh [MODEL]     (MODEL defaults to data/ner-en.model)
#
# compromise has no MISC type, so the comparison is over PER/ORG/LOC, with MISC removed from
# the gold and from both taggers' output; sitrep's figure over all four types is printed too.
# Both sides tag whole documents (-DOCSTART- to -DOCSTART-): sitrep the tokens as CoNLL gives
# them, compromise the same tokens joined with spaces (sentences too), its matches mapped back
# to tokens (bench/ner_compromise.mjs).  Speed is the best of repeated passes over the file
# (BENCH_SECONDS each side, default 3), one core, by the wall clock and by CPU time.
#
# Skips (exit 0) when the data, node or the npm packages (cd bench && npm ci) are absent.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
data=${SITREP_SHARED_DATA:-$root/../shared/data}
build=${BUILD:-build}
secs=${BENCH_SECONDS:-3}
model=${1:-$root/data/ner-en.model}
testa="$data/ner/conll2003/eng.testa"
if [ ! -f "$testa" ]; then
	echo "bench_ner_compromise: $testa not found; skipped"
	exit 0
fi
if ! command -v node >/dev/null 2>&1; then
	echo "bench_ner_compromise: node not found; skipped"
	exit 0
fi
if [ ! -f "$root/bench/node_modules/compromise/package.json" ]; then
	echo "bench_ner_compromise: compromise not installed (cd bench && npm ci); skipped"
	exit 0
fi
make -C "$root" --no-print-directory BUILD="$build" "$build/sitrep" "$build/libsitrep.a" >/dev/null
bin="$root/$build/bench/bench_ner"
mkdir -p "$(dirname "$bin")"
cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -I"$root/lib" -include "$root/lib/base/banned.h" \
	-o "$bin" "$root/bench/bench_ner.c" "$root/$build/libsitrep.a" \
	$(pkg-config --libs libxml-2.0 sqlite3 libcurl jansson zlib libutf8proc libdeflate) -lstemmer -lm -lpthread
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "NER on $testa: sitrep vs compromise"
echo "(compromise has no MISC: MISC is excluded for both below; sitrep's 4-type F1 is given too)"
"$root/$build/sitrep" eval-ner --model "$model" --types PER,ORG,LOC --json --out "$tmp/pred" \
	"$testa" >"$tmp/s3.json"
"$root/$build/sitrep" eval-ner --model "$model" --json "$testa" >"$tmp/s4.json"
node -e '
const fs = require("fs");
const s3 = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const s4 = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const p = (x) => (100 * x).toFixed(2);
const per = ["PER", "ORG", "LOC"].map((t) => `${t} ${p(s3[t].f1)}`).join(", ");
console.log(`sitrep (sitrep eval-ner --types PER,ORG,LOC): F1 ${p(s3.overall.f1)} ` +
	`(P ${p(s3.overall.precision)} R ${p(s3.overall.recall)}) over PER/ORG/LOC; per type ${per}`);
console.log(`sitrep (sitrep eval-ner): F1 ${p(s4.overall.f1)} (P ${p(s4.overall.precision)} ` +
	`R ${p(s4.overall.recall)}) over PER/ORG/LOC/MISC; MISC ${p(s4.MISC.f1)}`);
' "$tmp/s3.json" "$tmp/s4.json"
"$bin" -r "$secs" "$model" "$testa"
node "$root/bench/ner_compromise.mjs" -r "$secs" --sitrep-pred "$tmp/pred" "$testa"
