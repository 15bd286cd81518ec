#!/bin/sh
# make-sample-gz.sh - (re)make the gzip-compressed copies in data/sample/gz/.
#
# Two sample documents are also shipped gzip-compressed, as archives and crawlers often store
# pages: one plain-text file and one HTML page.  Inflated, each is byte-identical to its
# original, so an ingest of the whole sample must read them (the source readers inflate gzip)
# and then find that their content duplicates documents it already has.
# gzip -n leaves the name and time out of the header, so the output is reproducible.
set -eu
cd "$(dirname "$0")/../data/sample"
mkdir -p gz
gzip -9 -n -c text/jordan-daily-brief-heat-water-demand.txt >gz/jordan-daily-brief-heat-water-demand.txt.gz
gzip -9 -n -c html/levant-wire-power-interconnection.html >gz/levant-wire-power-interconnection.html.gz
for f in gz/*.gz; do gzip -t "$f"; done
echo "make-sample-gz: wrote $(find gz -name '*.gz' | wc -l) files in data/sample/gz/"
