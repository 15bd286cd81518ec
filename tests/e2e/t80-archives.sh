#!/bin/sh
# Web archives and JSON lines through `sitrep ingest`: records become documents, broken
# records are named and skipped, filters apply, and a killed archive ingest resumes from its
# checkpoint.
. "$(dirname "$0")/../lib.sh"
FX="$ROOT/tests/fixtures/warc"

check "ingest a WARC and an ARC" sitrep ingest --no-progress "$FX/basic.warc.gz" "$FX/fixture.arc.gz"
equals "records stored under their target URIs" \
	"$(sql "SELECT count(*) FROM documents WHERE uri LIKE 'http://news.example.org/%'")" \
	"$(sql 'SELECT count(*) FROM documents')"
contains "summary" "$T/out" "failed 0"
check "the same archives again" sitrep ingest --no-progress "$FX/basic.warc.gz" "$FX/fixture.arc.gz"
contains "nothing new" "$T/out" "ingested 0,"
equals "no checkpoint left after complete archives" "$(sql 'SELECT count(*) FROM archive_checkpoints')" 0
expect_status "a broken archive: bad records named, good ones stored" 3 sitrep ingest --no-progress "$FX/broken.warc.gz"
contains "corrupt member named" "$T/err" "broken.warc.gz: offset"
check "--host filter" sitrep --db "$T/host.db" ingest --no-progress --host other.example "$FX/basic.warc.gz"
contains "--host keeps only that host" "$T/out" "ingested 0,"

# JSON lines: metadata given wins over extraction; bad lines are named
cat >"$T/feed.jsonl" <<'JL'
{"url": "https://wire.example/a?utm_source=x", "html": "<html><head><title>Page title</title></head><body><article><p>The ministry of water said the new reservoir near Karak would be filled by spring, after a dry winter left storage at a record low.</p></article></body></html>", "title": "Reservoir near Karak to fill by spring", "published": "2026-11-25T08:00:00Z", "authors": ["Lina Sawalha"], "source": "Levant Wire"}
{"url": "https://wire.example/b", "text": "Port traffic at Aqaba rose in October.\n\nContainer volumes were the highest since the spring, the port authority said.", "lang": "en"}
not json at all
{"url": "https://wire.example/c"}
JL
expect_status "ingest JSON lines with bad lines" 3 sitrep ingest --no-progress "$T/feed.jsonl"
contains "bad line named" "$T/err" "feed.jsonl: line 3"
contains "line without a body named" "$T/err" "feed.jsonl: line 4"
equals "JSONL URL normalised" "$(sql "SELECT count(*) FROM documents WHERE uri = 'https://wire.example/a'")" 1
equals "JSONL title wins" "$(sql "SELECT title FROM articles a JOIN documents d ON d.id = a.id WHERE d.uri = 'https://wire.example/a'")" "Reservoir near Karak to fill by spring"
equals "JSONL authors kept" "$(sql "SELECT authors FROM articles a JOIN documents d ON d.id = a.id WHERE d.uri = 'https://wire.example/a'")" '["Lina Sawalha"]'
equals "JSONL source is the site" "$(sql "SELECT site_name FROM articles a JOIN documents d ON d.id = a.id WHERE d.uri = 'https://wire.example/a'")" "Levant Wire"
check "JSONL text searchable" sitrep search karak --json
contains "found" "$T/out" '"total":1'

# a large archive, killed part-way, resumes from its checkpoint
python3 - "$T/big.warc.gz" <<'PY'
import gzip, sys
out = open(sys.argv[1], "wb")
for i in range(6000):
    body = ("<html><head><title>Bulletin %d</title></head><body><article><p>Bulletin number %d "
            "from the regional desk: officials in district %d met residents to discuss water, "
            "roads and schools, and agreed to meet again next month.</p></article></body></html>"
            % (i, i, i % 37)).encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    head = ("WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://desk.example/b/%d\r\n"
            "WARC-Date: 2026-11-20T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\n"
            "Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
            % (i, i, len(http))).encode()
    out.write(gzip.compress(head + http + b"\r\n\r\n"))
out.close()
PY
export SITREP_DB="$T/resume.db"
"$SITREP_BIN" ingest --no-progress --batch 200 "$T/big.warc.gz" >"$T/r1.out" 2>"$T/r1.err" &
pid=$!
i=0
while [ $i -lt 600 ]; do
	c=$(sqlite3 "$SITREP_DB" 'SELECT count(*) FROM articles' 2>/dev/null || echo 0)
	[ "${c:-0}" -ge 1000 ] && break
	sleep 0.05
	i=$((i + 1))
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
got=$(sql 'SELECT count(*) FROM articles')
if [ "$got" -gt 0 ] && [ "$got" -lt 6000 ]; then ok "archive ingest killed part-way ($got of 6000)"; else
	not_ok "archive ingest killed part-way" "stored $got of 6000"; fi
equals "a checkpoint was committed" "$(sql 'SELECT count(*) FROM archive_checkpoints')" 1
ck=$(sql 'SELECT records FROM archive_checkpoints')
equals "the checkpoint counts what is stored" "$ck" "$got"
check "re-run resumes" sitrep -v ingest --no-progress "$T/big.warc.gz"
contains "says it resumes" "$T/err" "resuming after record $got"
contains "reads only the rest" "$T/out" "ingested $((6000 - got)),"
equals "all 6000 stored once" "$(sql 'SELECT count(*) FROM articles')" 6000
equals "checkpoint cleared at the end" "$(sql 'SELECT count(*) FROM archive_checkpoints')" 0
check "database sound" sitrep check
