#!/bin/sh
# Rebuild data/ner/clusters-en.txt.gz, the Brown word clusters of the English NER model, from the
# unlabelled news in ../shared/data/corpora (Reuters-21578, BBC) and the tokens (not the labels)
# of the CoNLL-2003 training part.  Deterministic: the same inputs give the same file.
#
#   sh data/ner/build-clusters.sh [DATA_DIR]      (DATA_DIR defaults to ../shared/data)
#
# Needs the library built (make); takes a few minutes on one core.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${1:-${SITREP_SHARED_DATA:-$root/../shared/data}}
build=${BUILD:-build}
clusters=${CLUSTERS:-512}
mincount=${MINCOUNT:-3}
if [ ! -d "$data/corpora/reuters21578" ]; then
	echo "build-clusters: $data/corpora not found; nothing to do" >&2
	exit 0
fi
make -C "$root" --no-print-directory BUILD="$build" "$build/libsitrep.a" >/dev/null
tool="$root/$build/data/ner/build_clusters"
mkdir -p "$(dirname "$tool")"
cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -I"$root/lib" -include "$root/lib/base/banned.h" \
	-o "$tool" "$root/data/ner/build_clusters.c" "$root/$build/libsitrep.a" \
	$(pkg-config --libs libxml-2.0 sqlite3 libcurl jansson zlib libutf8proc) -lstemmer -lm
train="$data/ner/conll2003/eng.train"
[ -f "$train" ] || train=
"$tool" -c "$clusters" -m "$mincount" "$root/$build/data/ner/clusters-en.txt" \
	"$data/corpora/reuters21578" "$data/corpora/bbc-news" $train
# -n: no name or time stamp in the gzip header, so the file is the same byte for byte
gzip -9n -c "$root/$build/data/ner/clusters-en.txt" > "$root/data/ner/clusters-en.txt.gz"
echo "build-clusters: wrote data/ner/clusters-en.txt.gz ($(wc -l < "$root/$build/data/ner/clusters-en.txt") words)"
