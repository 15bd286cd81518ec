#!/bin/sh
# Bad inputs: each named on stderr with its reason; the others ingested; exit 3; db intact.
. "$(dirname "$0")/../lib.sh"

mkdir -p "$T/in"
printf 'Good article one\n\nThis one is fine and should be stored in the database.\n' >"$T/in/good1.txt"
printf '<html><head><title>Good two</title></head><body><p>A fine HTML page with a paragraph of text that is long enough to count as an article body.</p></body></html>' >"$T/in/good2.html"
: >"$T/in/empty.txt"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\001' >"$T/in/image.bin"
printf 'Caf\351 latin-1 bytes in a file that says nothing about its encoding\n' >"$T/in/latin1.txt"
head -c 3000 /dev/zero | tr '\0' 'a' >"$T/in/big.txt"
printf 'Truncated gzip\n\nThis text will be cut off in the middle of the compressed stream.\n' | gzip -c | head -c 20 >"$T/in/cut.txt.gz"
ln -s "$T/nowhere" "$T/in/dangling"
printf '\n\n   \n\t\n' >"$T/in/blank.txt"

expect_status "ingest with bad inputs exits 3" 3 sitrep ingest --no-progress --max-size 2K "$T/in" "$T/missing-file"
contains "empty file named" "$T/err" "empty.txt: empty file"
contains "binary file named" "$T/err" "image.bin: binary data"
contains "legacy charset text named, and read" "$T/err" "latin1.txt: not valid UTF-8 (byte 3): read as windows-1252"
contains "too large named" "$T/err" "big.txt: too large"
contains "truncated gzip named" "$T/err" "cut.txt.gz: gzip data corrupt or truncated"
contains "dangling link named" "$T/err" "dangling: dangling symbolic link"
contains "missing path named" "$T/err" "missing-file: No such file or directory"
contains "blank file named" "$T/err" "blank.txt: no text found"
contains "summary counts" "$T/out" "ingested 3, unchanged 0, failed 7"
equals "the good ones stored" "$(sql 'SELECT count(*) FROM articles')" 3
check "latin-1 text searchable as UTF-8" sitrep search cafe --json
contains "latin-1 text decoded" "$T/out" '"total":1'
equals "integrity after bad input" "$(sql 'PRAGMA integrity_check')" ok

# the store survives a corrupt database file given by mistake
printf 'this is not a database at all, just text that happens to be here......................' >"$T/notdb"
expect_status "a non-database file is refused" 1 sitrep --db "$T/notdb" stats
contains "non-database named" "$T/err" "notdb"

# bad command lines
expect_status "unknown command" 2 sitrep frobnicate
contains "unknown command named" "$T/err" "no command 'frobnicate'"
expect_status "ingest with nothing" 2 sitrep ingest
expect_status "bad --max-size" 2 sitrep ingest --max-size lots "$T/in"
expect_status "bad --format" 2 sitrep extract --format pdf "$T/in/good1.txt"

# malformed queries name the column
expect_status "unbalanced parenthesis" 2 sitrep search '(nato amman'
contains "column of the open parenthesis" "$T/err" "column 1"
expect_status "dangling OR" 2 sitrep search 'nato OR'
contains "OR needs a term" "$T/err" "expected a term after OR"
expect_status "unterminated phrase" 2 sitrep search 'amman "liaison office'
contains "phrase column" "$T/err" "column 7"
expect_status "only exclusions" 2 sitrep search -- '-nato'
contains "exclusion explained" "$T/err" "cannot only exclude"
check "odd characters are only words" sitrep search 'amman: fine?* 10:30 {x} ^y'
