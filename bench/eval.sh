#!/bin/sh
# eval.sh - `make eval`: every quality evaluation against ../shared/data (or $SITREP_DATA).
# Each one skips itself with a plain message when its data is absent.
root=$(cd "$(dirname "$0")/.." && pwd)
data=${SITREP_DATA:-$root/../shared/data}
export SITREP_DATA="$data"
rc=0
echo "== extraction (bench/eval_extract.py): HTML, then flattened text"
if [ -d "$data/extraction/trafilatura-dev" ]; then
	SITREP_BIN="$root/sitrep" /usr/bin/python3 "$root/bench/eval_extract.py" || rc=1
	SITREP_BIN="$root/sitrep" /usr/bin/python3 "$root/bench/eval_extract.py" --flatten || rc=1
else
	echo "skip: $data/extraction/trafilatura-dev not found"
fi
echo
echo "== language identification (bench/eval_langid.py)"
if [ -d "$data/extraction/trafilatura-dev" ]; then
	SITREP_BIN="$root/sitrep" /usr/bin/python3 "$root/bench/eval_langid.py" || rc=1
fi
echo
echo "== named entities (sitrep eval-ner), CoNLL-2003 development part"
if [ -f "$data/ner/conll2003/eng.testa" ]; then
	"$root/sitrep" eval-ner "$data/ner/conll2003/eng.testa" || rc=1
else
	echo "skip: $data/ner/conll2003/eng.testa not found"
fi
echo
sh "$root/bench/eval_stories.sh" || rc=1
for e in "$root"/bench/eval_*.sh; do
	case $(basename "$e") in eval_stories.sh) continue ;; esac
	echo
	sh "$e" || rc=1
done
exit $rc
