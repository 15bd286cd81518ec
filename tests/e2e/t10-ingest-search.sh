#!/bin/sh
# Ingest a small tree of our own fixtures; check storage, idempotency, updates and search.
. "$(dirname "$0")/../lib.sh"

mkdir -p "$T/in/sub/deeper"
cat >"$T/in/amman.html" <<'HTML'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Liaison office opens in Amman | Test Gazette</title>
<meta property="og:site_name" content="Test Gazette">
<meta name="author" content="Rana Haddad">
<meta property="article:published_time" content="2026-11-20T09:00:00+02:00">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Liaison office opens in Amman</h1>
<p>The JORDANIAN foreign ministry said on Friday that the new liaison office in Amman
would begin work next month, after talks that lasted most of the year.</p>
<p>Officials described the talks as constructive and said the office would focus on
crisis management, public diplomacy and cyber security training for partners.</p>
<p>A small café near the ministry became an unofficial meeting point for the delegations
during the final week of negotiations, according to staff.</p>
</article>
<footer>Copyright Test Gazette</footer>
</body></html>
HTML
cat >"$T/in/sub/water.txt" <<'TXT'
Water talks resume between neighbours

Negotiators met in Aqaba on Tuesday to discuss a shared desalination plant on the Red Sea coast.

The plant would supply drinking water to several cities in the south, officials said, and could be running within four years if funding is agreed.
TXT
printf 'مكتب الاتصال يفتح أبوابه في عَمّان\n\nقالت وزارة الخارجية إن المكتب الجديد سيبدأ عمله في الشهر المقبل بعد مُحادثاتٍ طويلة.\n' >"$T/in/sub/deeper/arabic.txt"
gzip -c "$T/in/sub/water.txt" | sed 's/x/x/' >/dev/null
printf 'Heatwave warning issued\n\nForecasters warned of temperatures above 45 degrees in the Jordan Valley this weekend.\n' | gzip -c >"$T/in/sub/heat.txt.gz"
# a gzip file whose name says nothing
cp "$T/in/sub/heat.txt.gz" "$T/in/sub/noext"
printf 'Heatwave warning issued again\n\nA second warning followed on Sunday for the Dead Sea area.\n' | gzip -c >"$T/in/sub/noext"
echo "hidden" >"$T/in/.hidden.txt"

check "ingest a directory tree" sitrep ingest --no-progress "$T/in"
contains "summary line counts" "$T/out" "ingested 5, unchanged 0, failed 0"
equals "five articles stored" "$(sql 'SELECT count(*) FROM articles')" 5
equals "five documents stored" "$(sql 'SELECT count(*) FROM documents')" 5
equals "raw bytes kept compressed and complete" \
	"$(sql "SELECT size FROM documents WHERE uri LIKE '%amman.html'")" "$(wc -c <"$T/in/amman.html" | tr -d ' ')"
equals "WAL mode" "$(sql 'PRAGMA journal_mode')" wal
equals "integrity" "$(sql 'PRAGMA integrity_check')" ok
check "sitrep check" sitrep check
contains "FTS index in step" "$T/out" "ok"

check "second ingest of the same tree" sitrep ingest --no-progress "$T/in"
contains "nothing new the second time" "$T/out" "ingested 0, unchanged 5, failed 0"
equals "still five articles" "$(sql 'SELECT count(*) FROM articles')" 5

# changed content updates the article in place
sed -i 's/next month/in January/' "$T/in/amman.html"
check "ingest after an edit" sitrep ingest --no-progress "$T/in"
contains "one updated" "$T/out" "ingested 1 (1 updated), unchanged 4, failed 0"
equals "still five after update" "$(sql 'SELECT count(*) FROM articles')" 5
check "search finds the new text" sitrep search january --json
contains "updated text indexed" "$T/out" '"total":1'
check "search misses the old text" sitrep search '"next month"' --json
contains "old text gone from the index" "$T/out" '"total":0'
check "FTS index in step after update" sitrep check

# tokenizer behaviour through search
check "search Jordanian" sitrep search Jordanian --json
contains "Jordanian finds JORDANIAN" "$T/out" "Liaison office opens in Amman"
check "search cafe" sitrep search cafe --json
contains "cafe finds café" "$T/out" "Liaison office opens in Amman"
check "search stemmed" sitrep search "delegation" --json
contains "delegation finds delegations" "$T/out" '"total":1'
check "arabic without vowels" sitrep search "محادثات" --json
contains "Arabic word found without its short vowels" "$T/out" '"total":1'
check "arabic with vowels" sitrep search "عَمّان" --json
contains "Arabic query with marks finds the text" "$T/out" '"total":1'
check "gzip by content" sitrep search "Dead Sea" --json
contains "gzip file without .gz name ingested" "$T/out" '"total":1'
check "title weighting" sitrep search "water OR desalination" --json
contains "title field" "$T/out" "Water talks resume"
check "phrase and exclusion" sitrep search '"liaison office" -heatwave' --json
contains "phrase matches" "$T/out" '"total":1'
check "highlights" sitrep search office --json
contains "highlight ranges given" "$T/out" '"highlights":[['
check "text output" sitrep search amman
contains "text output lists the title" "$T/out" "Liaison office opens in Amman"

check "search --facets" sitrep search amman --facets
contains "facets in the text output" "$T/out" "facets:"
check "search --facets --json" sitrep search amman --json --facets
python3 - "$T/out" <<'PY' && ok "facets as JSON count the hits by source and day" || not_ok "facets as JSON" "$(head -c 600 "$T/out")"
import json, sys
d = json.load(open(sys.argv[1]))
f = d["facets"]
assert set(f) >= {"sources", "languages", "days", "people", "organizations", "places"}, f.keys()
assert sum(v["count"] for v in f["days"]) == d["total"], (f["days"], d["total"])
PY
check "search NEAR" sitrep search --json 'liaison NEAR/3 amman'
contains "NEAR finds the words close together" "$T/out" "Liaison office opens in Amman"
check "search NEAR/0 apart" sitrep search --json 'liaison NEAR/0 amman'
lacks "NEAR/0 does not" "$T/out" "Liaison office opens in Amman"

id=$(sql "SELECT id FROM articles WHERE title LIKE 'Liaison%'")
check "show" sitrep show "$id"
contains "show prints the title" "$T/out" "Liaison office opens in Amman"
contains "show prints the body" "$T/out" "crisis management"
check "show --json" sitrep show --json "$id"
contains "show --json has the uri" "$T/out" '"uri":"file://'
check "show --raw" sitrep show --raw "$id"
if cmp -s "$T/out" "$T/in/amman.html"; then ok "show --raw gives back the original bytes"; else not_ok "show --raw gives back the original bytes"; fi
expect_status "show a missing id" 1 sitrep show 99999
contains "missing id is named" "$T/err" "no article 99999"
check "stats" sitrep stats
contains "stats counts articles" "$T/out" "articles        5"
check "stats --json" sitrep stats --json
contains "stats json" "$T/out" '"articles":5'

# stdin, with and without a URL
printf 'Port expansion in Aqaba\n\nThe port authority announced a new container terminal.\n' >"$T/port.txt"
check "ingest stdin with --url" sh -c "\"$SITREP_BIN\" ingest --no-progress --url https://example.org/port - <\"$T/port.txt\""
equals "stdin stored under its URL" "$(sql "SELECT count(*) FROM documents WHERE uri = 'https://example.org/port'")" 1
check "ingest stdin again" sh -c "\"$SITREP_BIN\" ingest --no-progress --url https://example.org/port - <\"$T/port.txt\""
contains "stdin idempotent" "$T/out" "unchanged 1"

# --db wins over SITREP_DB
check "--db elsewhere" sitrep --db "$T/other.db" init
equals "other database created, schema current" "$(sqlite3 "$T/other.db" 'PRAGMA user_version')" 8
check "--db after the command" sitrep stats --db "$T/other.db"
contains "other database is empty" "$T/out" "articles        0"
