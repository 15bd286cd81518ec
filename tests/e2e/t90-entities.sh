#!/bin/sh
# Entities: recognised at ingest, linked within an article and across articles, listed,
# shown, and searchable with person:, org:, place:.
. "$(dirname "$0")/../lib.sh"
if [ -n "${SITREP_NO_ENTITIES:-}" ]; then echo "skip: SITREP_NO_ENTITIES is set"; exit 0; fi

mkdir -p "$T/in"
cat >"$T/in/office.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Alliance opens liaison office in Amman</title>
<meta property="og:site_name" content="Test Ledger">
<meta property="article:published_time" content="2026-11-24T09:00:00+02:00">
</head><body><article><h1>Alliance opens liaison office in Amman</h1>
<p>The North Atlantic Treaty Organization opened its first liaison office in the Middle East on Monday in Amman, the capital of Jordan.</p>
<p>Deputy Secretary General Ingrid Solberg told reporters that the office would run training in crisis management and cyber defence for Jordanian officers.</p>
<p>“We are opening a door that has been half open for years,” Solberg said. “The office will be small, but it will be busy.”</p>
<p>The office was first proposed in July 2023, and talks had gone on since 2019.</p>
<p>Solberg said NATO would send about forty staff over the next two years. Jordan's foreign minister, Khaled Rawashdeh, welcomed the step and said the office would also work with partners in Iraq and Lebanon.</p>
</article></body></html>
HTML
cat >"$T/in/followup.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Training begins at the new Amman office</title>
<meta property="article:published_time" content="2026-11-26T09:00:00+02:00">
</head><body><article><h1>Training begins at the new Amman office</h1>
<p>The first course at the liaison office in Amman began on Wednesday with officers from Jordan and Iraq.</p>
<p>Solberg, who visited the course, said the programme would grow next year. NATO has not published a budget for the office.</p>
</article></body></html>
HTML

check "ingest" sitrep ingest --no-progress "$T/in"
check "entities" sitrep entities --json
contains "a person" "$T/out" '"name":"Ingrid Solberg"'
contains "a place" "$T/out" '"type":"LOC","name":"Amman"'
equals "Amman is placed in Jordan, at its coordinates" \
	"$(sql "SELECT country, round(lat, 1), round(lon, 1) FROM entities WHERE name = 'Amman'")" "JO|32.0|35.9"
contains "an organisation by its long name" "$T/out" '"name":"North Atlantic Treaty Organization"'
lacks "the acronym is no entity of its own" "$T/out" '"name":"NATO"'
check "entity Amman" sitrep entity amman
contains "coordinates shown" "$T/out" "at 31.955"
equals "the surname alone is the same person, in both articles" \
	"$(sql "SELECT articles FROM entities WHERE key = 'P:ingrid solberg'")" 2
equals "no one-word Solberg entity" "$(sql "SELECT count(*) FROM entities WHERE key = 'P:solberg'")" 0
check "entities --type person" sitrep entities --type person
contains "text list" "$T/out" "Khaled Rawashdeh"
lacks "only people" "$T/out" "Amman"
expect_status "bad --type" 2 sitrep entities --type planet
check "entity by surname" sitrep entity solberg
contains "entity page names her" "$T/out" "Ingrid Solberg (PER)"
contains "mentions over time" "$T/out" "2026-11-26"
contains "appears with" "$T/out" "Amman"
check "entity --json" sitrep entity --json "Ingrid Solberg"
contains "entity json days" "$T/out" '"days":[{"day":"2026-11-24","articles":1}'
expect_status "unknown entity" 1 sitrep entity "Nobody Atall"
check "person: filter" sitrep search 'person:solberg' --json
contains "both articles" "$T/out" '"total":2'
check "org: filter by acronym or name" sitrep search 'org:"North Atlantic Treaty Organization" budget' --json
contains "org and word" "$T/out" '"total":1'
check "place: filter" sitrep search 'place:lebanon' --json
contains "place" "$T/out" '"total":1'
# re-extraction keeps counts exact
sed -i 's/Lebanon/Syria/' "$T/in/office.html"
check "ingest an edit" sitrep ingest --no-progress "$T/in"
equals "the dropped place has no article left" "$(sql "SELECT articles FROM entities WHERE name = 'Lebanon'")" 0
equals "the new place counted once" "$(sql "SELECT articles FROM entities WHERE name = 'Syria'")" 1
equals "mention counts match the mentions table" \
	"$(sql 'SELECT sum(mentions) FROM entities')" "$(sql 'SELECT count(*) FROM mentions')"
check "quotes by speaker" sitrep quotes --speaker solberg --json
contains "her quote, attributed" "$T/out" '"speaker":"Ingrid Solberg","entity_id":'
contains "the quote text" "$T/out" "half open for years"
check "quotes by words" sitrep quotes '"half open"'
contains "found by its words" "$T/out" "Ingrid Solberg"
check "entity shows quotes" sitrep entity solberg
contains "quotes section" "$T/out" "half open for years"
equals "quotes replaced, not added, on re-extraction" "$(sql 'SELECT count(*) FROM quotes WHERE text LIKE '"'"'%half open%'"'"'')" 1
dates="$(sql "SELECT group_concat(value, ' ') FROM (SELECT value FROM date_mentions d JOIN documents o ON o.id = d.article_id WHERE o.uri LIKE '%office.html' ORDER BY start)")"
equals "dates in the text, resolved against publication" "$dates" "2026-11-23 2023-07 2019/2026-11-24"
check "database sound" sitrep check
