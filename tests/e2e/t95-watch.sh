#!/bin/sh
# Watchlists: alerts at ingest, list/rm/test, alerts as text, JSON and Atom, webhooks
# retried then dead-lettered outside ingestion; and the correctness check: for generated
# queries over a generated corpus, the articles each watchlist alerted on are exactly
# those `sitrep search` returns for the same query (compared as groups of copies, since
# search shows each group of copies once; docs/WATCH.md).
. "$(dirname "$0")/../lib.sh"

mkdir -p "$T/a" "$T/b"
# A corpus of our own: English and French articles from three outlets, with tags, a few
# copies of one text under other URLs, and named people.
python3 - "$T" <<'PY'
import random, sys, os
T = sys.argv[1]
rnd = random.Random(7)
en = ("nato alliance office amman jordan water minister ministers talks talking negotiations "
      "negotiating border refugees camp drought rain harvest wheat prices market bank loan "
      "election vote votes parliament court ruling protest police army training cyber defence "
      "crisis management school teachers strike hospital doctors energy solar grid fuel café "
      "1,200 3.5 storm flood river dam bridge road port ship trade exports").split()
fr = ("négociations armée ministre ministres eau frontière réfugiés sécheresse récolte blé "
      "prix marché banque élection vote parlement tribunal police formation école grève "
      "hôpital énergie orage inondation rivière pont port commerce").split()
people = ["Ingrid Solberg", "Khaled Rawashdeh", "Maria Lindqvist"]
sites = [("Amman Ledger", "ledger.example"), ("Levant Wire", "wire.example"), ("Gazette du Levant", "gazette.example")]
tags = ["Politics", "Economy", "Weather", "Defence"]

def sentence(words):
    w = [rnd.choice(words) for _ in range(rnd.randint(6, 14))]
    return " ".join(w).capitalize() + "."

def page(i, lang, title, paras, site, tag, day):
    name, host = site
    body = "".join("<p>%s</p>\n" % p for p in paras)
    return ('<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8"><title>%s</title>\n'
            '<meta property="og:site_name" content="%s">\n'
            '<link rel="canonical" href="https://%s/news/%d">\n'
            '<meta property="article:tag" content="%s">\n'
            '<meta property="article:published_time" content="2026-11-%02dT09:00:00Z">\n'
            '</head><body><article><h1>%s</h1>\n%s</article></body></html>\n'
            % (lang, title, name, host, i, tag, day, title, body))

for i in range(60):
    lang = "fr" if i % 6 == 5 else "en"
    words = fr if lang == "fr" else en
    title = " ".join(rnd.choice(words) for _ in range(rnd.randint(4, 7))).capitalize()
    paras = [" ".join(sentence(words) for _ in range(rnd.randint(2, 4))) for _ in range(rnd.randint(3, 5))]
    if lang == "en" and i % 4 == 0:
        p = rnd.choice(people)
        paras.append("%s said on Monday that the talks would go on. %s added that more was needed."
                     % (p, p.split()[-1]))
    site = sites[2] if lang == "fr" else sites[i % 2]
    html = page(i, lang, title, paras, site, tags[i % 4], 10 + i % 15)
    d = "a" if i < 30 else "b"
    with open(os.path.join(T, d, "p%02d.html" % i), "w") as f:
        f.write(html)
    if i in (3, 34, 41):  # copies of one text from another outlet
        copy = html.replace(site[1], "mirror.example").replace(site[0], "Mirror Post")
        with open(os.path.join(T, d, "c%02d.html" % i), "w") as f:
            f.write(copy)

# generated queries
qs = []
def term():
    w = rnd.choice(en)
    r = rnd.random()
    if r < 0.15 and len(w) > 4 and w[0].isalpha():
        return w[:rnd.randint(3, len(w) - 1)] + "*"
    if r < 0.30:
        return '"%s %s"' % (rnd.choice(en), rnd.choice(en))
    if r < 0.38:
        return rnd.choice(["title:", "body:"]) + rnd.choice(en)
    return w
for k in range(70):
    n = rnd.randint(1, 3)
    parts = [term() for _ in range(n)]
    if rnd.random() < 0.35:
        parts.append("(%s OR %s)" % (term(), term()))
    if rnd.random() < 0.25:
        parts.append("-" + rnd.choice(en).rstrip("*"))
    f = rnd.random()
    if rnd.random() < 0.2:
        # a top-level OR; with filters after it, inside parentheses (filters apply to the
        # whole query)
        parts = [("((%s) OR (%s))" if f < 0.3 else "(%s) OR (%s)") % (" ".join(parts), term())]
    if f < 0.1:
        parts.append("source:" + rnd.choice(sites)[1])
    elif f < 0.2:
        parts.append("tag:" + rnd.choice(tags).lower())
    elif f < 0.25:
        parts.append("since:2026-11-18")
    elif f < 0.3:
        parts.append('source:"Levant Wire" until:2026-11-20')
    qs.append(" ".join(parts))
qs += ["négociations", "armée OR blé", "lang:fr eau", "lang:en water", "person:solberg",
       "person:\"Maria Lindqvist\" talks", "tag:weather", "source:mirror.example",
       '"café 1,200"', "negotiating", "ministre*", "title:(water OR rain)"]
# NEAR/n (FTS5's NEAR: either order, within one field, n tokens between): after the fixed
# queries, so that their numbers stay
def near_operand():
    r = rnd.random()
    w = rnd.choice(en)
    if r < 0.2:
        return '"%s %s"' % (w, rnd.choice(en))
    if r < 0.3 and len(w) > 4 and w[0].isalpha():
        return w[:3] + "*"
    return w
for k in range(16):
    n = rnd.choice([0, 1, 2, 3, 5, 8])
    ops = [near_operand() for _ in range(3 if k % 5 == 4 else 2)]
    q = (" NEAR/%d " % n).join(ops) if k % 7 else " NEAR ".join(ops)
    if k % 4 == 1:
        q = "title:(%s)" % q
    elif k % 4 == 2:
        q = "%s -%s" % (q, rnd.choice(en))
    elif k % 4 == 3:
        q = "(%s) OR %s" % (q, rnd.choice(en))
    qs.append(q)
with open(os.path.join(T, "queries.txt"), "w") as f:
    for q in qs:
        f.write(q + "\n")
PY

check "init" sitrep init
# half the watchlists before the first batch, the rest before the second (a writer
# reloads them when the table changes)
n=0
while IFS= read -r q; do
	n=$((n + 1))
	if [ $n -le 40 ]; then sitrep -q watch add "w$n" "$q" || echo "not ok - watch add w$n: $q"; fi
done <"$T/queries.txt"
total=$n
check "ingest the first batch" sitrep ingest --no-progress "$T/a"
n=0
while IFS= read -r q; do
	n=$((n + 1))
	if [ $n -gt 40 ]; then sitrep -q watch add "w$n" "$q" || echo "not ok - watch add w$n: $q"; fi
done <"$T/queries.txt"
# the late watchlists alert on the second batch only: add the first batch again
# afterwards (re-placing it) would hide that, so record what they have now
equals "watchlists added later have no alerts from the first batch" \
	"$(sql "SELECT count(*) FROM alerts WHERE watchlist_id IN (SELECT id FROM watchlists WHERE CAST(substr(name, 2) AS INTEGER) > 40)")" 0
check "ingest the second batch" sitrep ingest --no-progress "$T/b"
check "some alerts" test "$(sql 'SELECT count(*) FROM alerts')" -gt 20

# correctness: alerts vs search, on the articles ingested after each watchlist existed
bad=0
n=0
while IFS= read -r q; do
	n=$((n + 1))
	if [ $n -le 40 ]; then scope="1"; else scope="a.id IN (SELECT id FROM articles WHERE id > (SELECT max(id) FROM documents WHERE uri LIKE '%/a/%'))"; fi
	got=$(sql "SELECT DISTINCT coalesce(a.dup_of, a.id) FROM alerts al JOIN articles a ON a.id = al.article_id
		WHERE al.watchlist_id = (SELECT id FROM watchlists WHERE name = 'w$n') ORDER BY 1" | tr '\n' ' ')
	ids=$(sitrep search --json --limit 1000 "$q" | python3 -c 'import json,sys; print(",".join(str(h["id"]) for h in json.load(sys.stdin)["hits"]) or "0")')
	want=$(sql "SELECT DISTINCT coalesce(a.dup_of, a.id) FROM articles a WHERE a.id IN ($ids) AND ($scope) ORDER BY 1" | tr '\n' ' ')
	if [ "$got" != "$want" ]; then
		bad=$((bad + 1))
		not_ok "watchlist w$n alerts as search finds: $q" "alerted groups: $got" "search groups:  $want"
	fi
done <"$T/queries.txt"
equals "every watchlist ($total generated queries) alerted on exactly what search finds" "$bad" 0
check "the generated queries find something" test "$(sql 'SELECT count(DISTINCT watchlist_id) FROM alerts')" -gt 30

near=$(sql "SELECT count(DISTINCT watchlist_id) FROM alerts WHERE watchlist_id IN (SELECT id FROM watchlists WHERE CAST(substr(name, 2) AS INTEGER) > 82)")
check "the NEAR watchlists alert ($near of 16)" test "$near" -ge 5
and_n=$(sitrep search --json --limit 1000 'water rain' | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["hits"]))')
near_n=$(sitrep search --json --limit 1000 'water NEAR/1 rain' | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["hits"]))')
check "NEAR/1 narrows AND ($near_n of $and_n)" test "$near_n" -lt "$and_n" -a "$near_n" -gt 0
for w in w71 w75 w77; do
	check "$w alerted" test "$(sql "SELECT count(*) FROM alerts WHERE watchlist_id = (SELECT id FROM watchlists WHERE name = '$w')")" -gt 0
done

# management
expect_status "a malformed query is refused" 2 sitrep watch add broken 'water AND ('
contains "with its column" "$T/err" "column 12"
expect_status "a taken name is refused" 2 sitrep watch add w1 'water'
check "list" sitrep watch list --json
contains "listed with counts" "$T/out" '"name":"w1"'
check "test by name" sitrep watch test w60 --json
check "test a query" sitrep watch test 'water OR rain'
contains "test counts" "$T/out" "match water OR rain"
check "alerts" sitrep alerts --limit 5
check "alerts of one watchlist as JSON" sitrep alerts --watch w77 --json
contains "JSON alerts" "$T/out" '"watchlist":"w77"'
check "Atom" sitrep alerts --watch w77 --atom
contains "an Atom feed" "$T/out" '<feed xmlns="http://www.w3.org/2005/Atom">'
expect_status "alerts of an unknown watchlist" 1 sitrep alerts --watch nosuch
check "rm" sitrep watch rm w1
equals "removed with its alerts" "$(sql "SELECT count(*) FROM watchlists WHERE name = 'w1'")" 0
expect_status "rm an unknown watchlist" 1 sitrep watch rm w1

# webhooks: a port nobody listens on; ingestion never posts, --deliver retries then
# dead-letters
mkdir -p "$T/c"
sed 's/news\/0"/news\/900"/' "$T/a/p00.html" | sed 's/<h1>/<h1>Zeppelin /' >"$T/c/z.html"
check "a webhook watchlist" sitrep watch add hook 'zeppelin' --webhook http://127.0.0.1:9/hook
start=$(date +%s)
check "ingest with a webhook watchlist" sitrep ingest --no-progress "$T/c"
check "ingestion did not wait for the webhook" test $(( $(date +%s) - start )) -lt 5
equals "alert pending" "$(sql "SELECT delivery, attempts FROM alerts WHERE watchlist_id = (SELECT id FROM watchlists WHERE name = 'hook')")" "1|0"
expect_status "delivery fails" 3 sitrep alerts --deliver
equals "retried later" "$(sql "SELECT delivery, attempts, next_try > strftime('%s','now') FROM alerts WHERE watchlist_id = (SELECT id FROM watchlists WHERE name = 'hook')")" "1|1|1"
for i in 2 3 4 5; do
	sql "UPDATE alerts SET next_try = 0 WHERE delivery = 1" >/dev/null
	sitrep -q alerts --deliver >/dev/null 2>&1
done
equals "a dead letter after 5 tries" "$(sql "SELECT delivery, attempts, last_error IS NOT NULL FROM alerts WHERE watchlist_id = (SELECT id FROM watchlists WHERE name = 'hook')")" "3|5|1"

# --follow prints alerts as they arrive, one JSON object per line
"$SITREP_BIN" alerts --follow --json >"$T/follow.out" 2>&1 & # the binary itself, so that $! is it
fpid=$!
sleep 1
mkdir -p "$T/d"
sed 's/news\/1"/news\/901"/' "$T/a/p01.html" | sed 's/<h1>/<h1>Zeppelin airship /' >"$T/d/z2.html"
check "ingest while following" sitrep ingest --no-progress "$T/d"
sleep 2
kill "$fpid" 2>/dev/null
wait "$fpid" 2>/dev/null
contains "the new alert followed" "$T/follow.out" '"watchlist":"hook"'
equals "as JSON lines" "$(grep -c '^{"id":' "$T/follow.out")" "$(wc -l <"$T/follow.out" | tr -d ' ')"

# rising names: the people of the articles of 24 November against the week before
check "trends" sitrep trends --at 2026-11-25 --since 24h --min-count 1 --min-z 0 --json
contains "trends as JSON" "$T/out" '"window_hours":24,"trends":[{'
contains "a person rising" "$T/out" '"type":"PER"'
check "trends as text" sitrep trends --at 2026-11-25 --since 24h --min-count 1 --min-z 0
expect_status "trends refuses a window over a week" 2 sitrep trends --since 30d
