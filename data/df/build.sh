#!/bin/sh
# Rebuild data/df/df-en.bin, the background document frequencies of English terms used by
# story clustering, from the Reuters-21578 and BBC News corpora in ../shared/data (hashes and
# counts only; see build-df.c).  Needs `make` first (build/libsitrep.a).
set -eu
cd "$(dirname "$0")/../.."
data=${SITREP_DATA:-../shared/data}
if [ ! -d "$data/corpora" ]; then
	echo "skip: $data/corpora not found" >&2
	exit 0
fi
cc -O2 -std=c11 -D_GNU_SOURCE -Ilib -o build/build-df data/df/build-df.c build/libsitrep.a \
	$(pkg-config --cflags --libs libutf8proc) -lstemmer -lm
build/build-df data/df/df-en.bin "$data/corpora/reuters21578" "$data/corpora/bbc-news"
