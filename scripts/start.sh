#!/bin/sh
# make start: ingest the bundled sample into ./sitrep.db (or $SITREP_DB) and show it.
set -eu
bin=${1:-./sitrep}
cd "$(dirname "$0")/.."
db=${SITREP_DB:-sitrep.db}
echo "== sitrep: ingesting the bundled sample (data/sample) into $db"
set +e
"$bin" --db "$db" ingest data/sample/html data/sample/text data/sample/gz
rc=$?
set -e
[ $rc -eq 0 ] || [ $rc -eq 3 ] || exit $rc
echo
"$bin" --db "$db" stats
echo
echo "== an example search: sitrep search 'water OR energy' --limit 3"
"$bin" --db "$db" search 'water OR energy' --limit 3
echo
echo "Try: ./sitrep search 'amman -heatwave'   ./sitrep show 1   ./sitrep --help"
