#!/bin/sh
# Duplicates and stories: exact copies, light edits and AMP pages fold into their original;
# reports of one event from several outlets fold into one story; search shows each text once.
. "$(dirname "$0")/../lib.sh"

mkdir -p "$T/in"
page() { # page FILE TITLE SITE CANONICAL DATE BODY...
	f=$1 title=$2 site=$3 canon=$4 date=$5
	shift 5
	{
		printf '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s</title>\n' "$title"
		printf '<meta property="og:site_name" content="%s">\n' "$site"
		printf '<link rel="canonical" href="%s">\n' "$canon"
		printf '<meta property="article:published_time" content="%s">\n' "$date"
		printf '</head><body><nav><a href="/">Home</a></nav><article><h1>%s</h1>\n' "$title"
		for p in "$@"; do printf '<p>%s</p>\n' "$p"; done
		printf '</article><footer>Contact us</footer></body></html>\n'
	} >"$T/in/$f"
}
P1="The Aqaba port company signed a contract on Sunday to lengthen its container quay by 400 metres and to build a rail-linked yard behind it, the company said in a statement."
P2="The works are expected to take three years. Shipping lines have asked for more berths since traffic through the Red Sea began to recover earlier this year."
P3="The port handled more containers in October than in any month since the spring, according to figures published by the port authority last week."
page port-ledger.html "Aqaba port signs quay extension deal" "Amman Ledger" "https://ledger.example/port" "2026-11-22T09:00:00+03:00" "$P1" "$P2" "$P3"
# the AMP copy of the same page names its canonical URL
page port-ledger-amp.html "Aqaba port signs quay extension deal" "Amman Ledger" "https://ledger.example/port" "2026-11-22T09:05:00+03:00" "$P1" "$P2"
# wire copy published by another outlet with a light edit (one sentence added)
page port-wire.html "Aqaba to lengthen its container quay" "Levant Wire" "https://wire.example/aqaba-quay" "2026-11-22T10:00:00+03:00" "$P1" "$P2" "$P3 A spokesperson declined to give the cost."
# another outlet's own report of the same event
page port-herald.html "Aqaba bets on Red Sea rebound with bigger quay" "Red Sea Herald" "https://herald.example/quay" "2026-11-22T12:00:00+03:00" \
	"Aqaba's port will add 400 metres of container quay and a rail yard under a contract signed on Sunday, betting that traffic through the Red Sea keeps recovering." \
	"Works on the quay should last three years, port officials said, and shipping lines have pressed for more berths."
# an unrelated event, and an exact copy of it under another name
page heat.html "Heatwave grips the Jordan Valley" "Amman Ledger" "https://ledger.example/heat" "2026-11-23T08:00:00+03:00" \
	"Temperatures in the Jordan Valley passed 44 degrees on Monday, a record for late November, and forecasters said the heat would last until Thursday." \
	"Farmers reported damage to greenhouse crops and the health ministry told people to avoid the midday sun."
cp "$T/in/heat.html" "$T/in/heat-copy.html"
printf 'Petra dig finds inscription\n\nArchaeologists working at Petra uncovered a bilingual inscription naming an overseer of the waters in a newly excavated hall.\n' >"$T/in/petra.txt"

check "ingest the fixtures" sitrep ingest --no-progress "$T/in"
equals "seven articles" "$(sql 'SELECT count(*) FROM articles')" 7
equals "AMP copy folded by canonical URL" \
	"$(sql "SELECT d.uri LIKE '%port-ledger.html' FROM articles a JOIN articles o ON o.id = a.dup_of JOIN documents d ON d.id = o.id WHERE a.id = (SELECT id FROM documents WHERE uri LIKE '%port-ledger-amp.html')")" 1
equals "light edit folded as a near duplicate" \
	"$(sql "SELECT a.dup_of IS NOT NULL FROM articles a JOIN documents d ON d.id = a.id WHERE d.uri LIKE '%port-wire.html'")" 1
equals "exact copy folded (one of the two points at the other)" \
	"$(sql "SELECT count(*) FROM articles a JOIN documents d ON d.id = a.id WHERE d.uri LIKE '%/heat%.html' AND a.dup_of IS NOT NULL")" 1
equals "the original is no copy" \
	"$(sql "SELECT a.dup_of IS NULL FROM articles a JOIN documents d ON d.id = a.id WHERE d.uri LIKE '%port-ledger.html'")" 1
equals "three stories" "$(sql 'SELECT count(*) FROM stories')" 3
equals "the port story holds its four reports" \
	"$(sql "SELECT s.size FROM stories s JOIN articles a ON a.story_id = s.id JOIN documents d ON d.id = a.id WHERE d.uri LIKE '%port-herald.html'")" 4
equals "story sizes add up" "$(sql 'SELECT sum(size) FROM stories')" "$(sql 'SELECT count(*) FROM articles WHERE story_id IS NOT NULL')"

check "stories --json" sitrep stories --json
contains "stories list outlets" "$T/out" '"Red Sea Herald"'
contains "stories list articles" "$T/out" '"articles":[{"id":'
if [ -z "${SITREP_NO_ENTITIES:-}" ]; then
	contains "stories list their top places" "$T/out" '"places":[{"id":'
	contains "the port story's place" "$T/out" '"name":"Aqaba"'
fi
check "stories text" sitrep stories
contains "stories text shows sizes" "$T/out" "4 articles, 3 outlets"
sid=$(sql "SELECT story_id FROM articles a JOIN documents d ON d.id = a.id WHERE d.uri LIKE '%port-herald.html'")
check "story ID" sitrep story "$sid"
contains "story lists its articles" "$T/out" "Aqaba bets on Red Sea rebound"
contains "story marks copies" "$T/out" "(copy)"
expect_status "missing story" 1 sitrep story 999999
check "stories --since in the future is empty" sitrep stories --since 2099-01-01 --json
contains "no stories since then" "$T/out" '"total":0'
expect_status "bad --since" 2 sitrep stories --since yesterday

check "search shows a text once" sitrep search '"container quay"' --json
contains "copies counted" "$T/out" '"copies":2'
contains "copy outlets named once each" "$T/out" '"outlets":["Amman Ledger"]'
check "search text mentions the copies" sitrep search '"container quay"'
contains "and N more copies" "$T/out" "and 2 more copies"

check "story: filter" sitrep search "story:$sid" --json
contains "story: lists the story's groups of copies" "$T/out" '"total":2'
check "source: by site name" sitrep search 'quay source:"Red Sea Herald"' --json
contains "source: keeps that outlet" "$T/out" '"total":1'
check "source: by host" sitrep search 'quay source:herald.example' --json
contains "source: host matches" "$T/out" '"total":1'
check "since:/until: by publication day" sitrep search 'since:2026-11-23 until:2026-11-23' --json
contains "the heat story only (copies folded)" "$T/out" '"total":1'
expect_status "a filter under OR is refused" 2 sitrep search 'quay OR since:24h'
contains "with its column" "$T/err" "column 9"

check "re-ingest changes nothing" sitrep ingest --no-progress "$T/in"
equals "still three stories" "$(sql 'SELECT count(*) FROM stories')" 3
# an edited article is placed again, and sizes stay consistent
printf 'Petra dig finds a second inscription\n\nArchaeologists at Petra found a second inscription in the same hall, also naming an overseer of the waters.\n' >"$T/in/petra.txt"
check "ingest an edit" sitrep ingest --no-progress "$T/in"
equals "story sizes still add up" "$(sql 'SELECT sum(size) FROM stories')" "$(sql 'SELECT count(*) FROM articles WHERE story_id IS NOT NULL')"
check "database sound" sitrep check

# a later ingest run continues the same stories (state restored from the store)
page port-later.html "Aqaba quay contract: what it means for shipping lines" "Gulf Dispatch" "https://gulf.example/quay" "2026-11-23T15:00:00+03:00" \
	"The contract signed on Sunday to lengthen the Aqaba container quay by 400 metres, with a rail-linked yard, answers requests from shipping lines for more berths." \
	"Traffic through the Red Sea has been recovering; the port company expects the works to take three years."
check "ingest one more report" sitrep ingest --no-progress "$T/in/port-later.html"
equals "it joins the port story after a restart" \
	"$(sql "SELECT a.story_id = (SELECT story_id FROM articles x JOIN documents y ON y.id = x.id WHERE y.uri LIKE '%port-herald.html') FROM articles a JOIN documents d ON d.id = a.id WHERE d.uri LIKE '%port-later.html'")" 1
