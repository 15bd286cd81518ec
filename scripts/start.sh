#!/bin/sh
# make start: ingest the bundled sample into ./sitrep.db (or $SITREP_DB), show what is there,
# then serve the dashboard (SITREP_LISTEN, default 127.0.0.1:8080) until Ctrl-C.
set -eu
bin=${1:-./sitrep}
cd "$(dirname "$0")/.."
db=${SITREP_DB:-sitrep.db}
listen=${SITREP_LISTEN:-127.0.0.1:8080}
echo "== sitrep: ingesting the bundled sample (data/sample) into $db"
set +e
"$bin" --db "$db" ingest data/sample/html data/sample/text data/sample/gz
rc=$?
set -e
[ $rc -eq 0 ] || [ $rc -eq 3 ] || exit $rc
echo
"$bin" --db "$db" stats
echo
echo "== the stories: sitrep stories --limit 5"
"$bin" --db "$db" stories --limit 5
echo
echo "== an example search: sitrep search 'water OR energy' --limit 3"
"$bin" --db "$db" search 'water OR energy' --limit 3
echo
echo "== serving the dashboard (Ctrl-C stops it; SITREP_LISTEN=host:port to move it)"
exec "$bin" --db "$db" serve --listen "$listen"
