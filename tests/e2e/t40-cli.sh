#!/bin/sh
# The command line: help from the command table, extract as a filter, exit codes.
. "$(dirname "$0")/../lib.sh"

check "--help" sitrep --help
for c in init ingest extract search show stats check; do
	contains "--help lists $c" "$T/out" "  $c "
done
check "ingest --help" sitrep ingest --help
contains "command help" "$T/out" "usage: sitrep ingest"
check "help search" sitrep help search
contains "help CMD" "$T/out" "usage: sitrep search"
check "--version" sitrep --version
expect_status "no arguments is a usage error" 2 sitrep

printf '<html lang="fr"><head><title>Une page</title><meta charset="utf-8"></head><body><article><p>Le ministère a annoncé un nouveau programme de formation pour les jeunes ingénieurs de la région.</p></article></body></html>' >"$T/p.html"
check "extract a file" sitrep extract "$T/p.html"
contains "extract prints JSON with the keys" "$T/out" '"title":"Une page"'
contains "extract keeps accents" "$T/out" "ministère"
for k in url title authors published modified section tags description canonical_url site_name lang image text; do
	contains "extract key $k" "$T/out" "\"$k\":"
done
check "extract stdin" sh -c "\"$SITREP_BIN\" extract --url https://example.org/p - <\"$T/p.html\""
contains "stdin url kept" "$T/out" '"url":"https://example.org/p"'
check "extract --text" sitrep extract --text "$T/p.html"
contains "--text prints the body" "$T/out" "nouveau programme"
lacks "--text prints no JSON" "$T/out" '"title"'
check "extract several" sitrep extract "$T/p.html" "$T/p.html"
equals "one line per input" "$(wc -l <"$T/out" | tr -d ' ')" 2
: >"$T/empty"
expect_status "extract with one bad input exits 3" 3 sitrep extract "$T/p.html" "$T/empty"
equals "the good one still printed" "$(wc -l <"$T/out" | tr -d ' ')" 1
expect_status "search without a database" 1 sitrep --db "$T/none.db" search x
contains "missing database named" "$T/err" "none.db: no such database"
