#!/usr/bin/env python3
"""gen_articles.py N SEED [QUERIES]: N synthetic news articles as JSON lines on stdout (for
bench_load.sh), and with QUERIES, a file of search queries over their words (URL-encoded, one
a line) for bench/bench_load.lua.

Deterministic for a seed, and shaped like news rather than like a word list: common real words
(most of the running text, so it reads as English) and 30,000 made-up words, each drawn with
Zipf's law, so that most words are rare and a query matches a realistic few per cent of the
articles; two topics per article; people,
organisations and places named in some sentences (so the entity stages have work); a date in
a 90-day window, an outlet and a unique URL.  Nothing is copied from anywhere.
"""
import itertools
import json
import random
import sys
import urllib.parse

FUNCTION = ["the", "of", "and", "to", "a", "in", "said", "for", "on", "that", "with", "was",
            "is", "by", "at", "from", "it", "as", "has", "be", "will", "have", "were", "after",
            "an", "its", "but", "not", "this", "they", "their", "been", "more", "which", "also"]
TOPICS = ["government", "minister", "officials", "talks", "water", "election", "prices",
          "police", "court", "budget", "drought", "refugees", "inflation", "ports", "wheat",
          "floods", "energy", "tariffs", "vaccines", "railways", "fisheries", "strikes",
          "heatwave", "parliament", "protest", "ceasefire", "exports", "hospital", "schools",
          "farmers", "investors", "agreement", "negotiators", "pipeline", "desalination",
          "election", "corruption", "tourism", "housing", "wildfire", "earthquake", "harvest"]
PLACES = ["Amman", "Aqaba", "Irbid", "Cairo", "Beirut", "Damascus", "Baghdad", "Riyadh",
          "Doha", "Dubai", "Nairobi", "Lagos", "Accra", "Dakar", "Tunis", "Rabat", "Berlin",
          "Paris", "Madrid", "Lisbon", "Warsaw", "Kyiv", "Ankara", "Athens", "Rome", "Oslo",
          "Helsinki", "Tokyo", "Seoul", "Manila", "Jakarta", "Lima", "Bogota", "Santiago",
          "Ottawa", "Chicago", "Sydney", "Auckland", "Jordan", "Egypt", "Iraq", "Kenya"]
FIRST = ["Amira", "Jonas", "Leila", "Marco", "Sofia", "Daniel", "Hana", "Omar", "Ines", "Tomas",
         "Yusuf", "Clara", "Mateo", "Nadia", "Pieter", "Rania", "Samuel", "Teresa", "Viktor",
         "Zainab", "Karim", "Elena", "Farid", "Greta", "Hassan", "Ingrid", "Jamal", "Katya"]
LAST = ["Haddad", "Keller", "Mansour", "Rossi", "Novak", "Okafor", "Lindqvist", "Tanaka",
        "Alvarez", "Schmidt", "Karimi", "Dubois", "Mensah", "Petrov", "Silva", "Yilmaz",
        "Barakat", "Costa", "Dimitrov", "Eriksen", "Fontaine", "Gallo", "Horvat", "Ibrahim",
        "Jovanovic", "Kowalski", "Laurent", "Moreau", "Nasser", "Ortega", "Quinn", "Rahman"]
ORGS = ["United Nations", "World Health Organization", "European Commission", "Central Bank",
        "Red Crescent", "Ministry of Water", "Atlas Shipping", "Northwind Energy",
        "Port Authority", "Football Association", "World Bank", "Arab League"]
OUTLETS = ["Desert Courier", "Harbour Times", "Morning Ledger", "Valley Post", "Coastal Herald",
           "Capital Wire", "Northern Gazette", "Evening Star", "Metro Daily", "Island Observer",
           "Levant Review", "Gulf Bulletin", "River Chronicle", "Highland Press", "Delta News"]
SYL = ["ka", "lo", "mi", "ra", "sen", "tor", "val", "bri", "dun", "el", "fa", "gor", "hin",
       "is", "jun", "ket", "lum", "mar", "nor", "ost", "pel", "quin", "rus", "sta", "tem",
       "ul", "ven", "wyn", "xan", "yor", "zel", "ad", "bek", "cor"]


COMMON = ["year", "people", "week", "new", "first", "last", "two", "three", "would", "could",
          "about", "there", "when", "who", "over", "into", "than", "other", "some", "against",
          "under", "between", "during", "because", "while", "before", "since", "until", "where",
          "country", "city", "region", "plan", "report", "statement", "spokesman", "council",
          "million", "percent", "month", "day", "work", "support", "government", "state",
          "public", "local", "national", "security", "economy", "market", "company", "power",
          "help", "need", "told", "added", "warned", "announced", "expected", "according",
          "reported", "confirmed", "called", "began", "remained", "increased", "fell", "rose"]


def zipf(words):
    return words, list(itertools.accumulate(1.0 / (i + 1) for i in range(len(words))))


def vocabulary():
    """Real words (most of the running text, so it reads as English to language
    identification) and 30,000 made-up rare words, each list drawn with Zipf's law."""
    made = ("".join(p) for n in (2, 3) for p in itertools.product(SYL, repeat=n))
    real = FUNCTION + COMMON
    return zipf(real), zipf(list(itertools.islice(made, 30000)))


def draw(r, vocab, k, topics=()):
    real, rare = vocab
    ws = r.choices(real[0], cum_weights=real[1], k=k)
    if topics and r.random() < 0.6:
        ws.insert(r.randrange(len(ws) + 1), r.choice(topics))
    for _ in range(r.randrange(1, 4)):
        ws.insert(r.randrange(len(ws) + 1), r.choices(rare[0], cum_weights=rare[1])[0])
    return ws


def main():
    n = int(sys.argv[1])
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    qfile = sys.argv[3] if len(sys.argv) > 3 else None
    r = random.Random(seed)
    vocab = vocabulary()
    out = sys.stdout
    base = 1767225600  # 2026-01-01
    for i in range(n):
        place = r.choice(PLACES)
        topics = r.sample(TOPICS, 2)  # what the article is about
        tw = draw(r, vocab, r.randrange(4, 8), topics[:1])
        title = " ".join(tw).capitalize() + " in " + place
        sents = []
        for _ in range(r.randrange(6, 14)):
            ws = draw(r, vocab, r.randrange(8, 20), topics)
            k = r.random()
            if k < 0.25:
                ws.insert(r.randrange(len(ws)), "in " + r.choice(PLACES))
            elif k < 0.45:
                ws.insert(0, r.choice(FIRST) + " " + r.choice(LAST) + " said")
            elif k < 0.55:
                ws.insert(r.randrange(len(ws)), "the " + r.choice(ORGS))
            s = " ".join(ws)
            sents.append(s[0].upper() + s[1:] + ".")
        body = " ".join(sents[:len(sents) // 2]) + "\n\n" + " ".join(sents[len(sents) // 2:])
        outlet = r.choice(OUTLETS)
        rec = {"url": "https://%s.example/%d/%d" % (outlet.lower().replace(" ", "-"), seed, i),
               "text": title + "\n\n" + body, "title": title,
               "published": base + r.randrange(90 * 86400), "lang": "en", "source": outlet}
        out.write(json.dumps(rec))
        out.write("\n")
    if qfile:
        q = []
        mid = vocab[1][0][20:600]
        for i in range(300):
            k = i % 10
            if k == 0:
                s = r.choice(TOPICS)
            elif k == 1:
                s = r.choice(PLACES)
            elif k == 2:
                s = r.choice(LAST)
            elif k == 3:
                s = r.choice(TOPICS) + " " + r.choice(PLACES)
            elif k == 4:
                s = '"%s"' % r.choice(ORGS)
            elif k == 5:
                s = r.choice(mid) + " OR " + r.choice(mid)
            elif k == 6:
                s = r.choice(mid)[:4] + "*"
            elif k == 7:
                s = "title:" + r.choice(mid)
            elif k == 8:
                s = '"%s %s"' % (r.choice(FIRST), r.choice(LAST))
            else:
                s = r.choice(mid) + " -" + r.choice(TOPICS)
            extra = ""
            if i % 7 == 0:
                extra = "&facets=true"
            elif i % 11 == 0:
                extra = "&source=" + urllib.parse.quote_plus(r.choice(OUTLETS))
            elif i % 13 == 0:
                extra = "&offset=10"
            q.append("q=" + urllib.parse.quote_plus(s) + extra)
        with open(qfile, "w", encoding="utf-8") as f:
            f.write("\n".join(q) + "\n")


if __name__ == "__main__":
    main()
