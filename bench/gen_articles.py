#!/usr/bin/env python3
"""gen_articles.py N SEED: N synthetic news articles as JSON lines on stdout (for bench_load.sh).

Varied, deterministic text written from small word lists made up here: each article has a
title, 6-12 sentences naming people, organisations and places (so the entity stages have work),
a date in a 90-day window, an outlet and a unique URL.  Nothing is copied from anywhere.
"""
import json
import random
import sys

PLACES = ["Amman", "Aqaba", "Cairo", "Beirut", "Nairobi", "Lagos", "Berlin", "Paris", "Madrid",
          "Lisbon", "Warsaw", "Kyiv", "Ankara", "Tehran", "Baghdad", "Riyadh", "Doha", "Tokyo",
          "Seoul", "Manila", "Jakarta", "Lima", "Bogota", "Santiago", "Ottawa", "Chicago",
          "Sydney", "Auckland", "Dakar", "Accra", "Tunis", "Rabat", "Oslo", "Helsinki", "Athens"]
FIRST = ["Amira", "Jonas", "Leila", "Marco", "Sofia", "Daniel", "Hana", "Omar", "Ines", "Tomas",
         "Yusuf", "Clara", "Mateo", "Nadia", "Pieter", "Rania", "Samuel", "Teresa", "Viktor", "Zainab"]
LAST = ["Haddad", "Keller", "Mansour", "Rossi", "Novak", "Okafor", "Lindqvist", "Tanaka",
        "Alvarez", "Schmidt", "Karimi", "Dubois", "Mensah", "Petrov", "Silva", "Yilmaz"]
ORGS = ["the World Health Organization", "the United Nations", "the European Commission",
        "the Central Bank", "the Red Crescent", "the Ministry of Water", "Atlas Shipping",
        "Northwind Energy", "the Port Authority", "the Football Association"]
TOPICS = ["water", "drought", "elections", "inflation", "ports", "wheat", "refugees", "floods",
          "energy", "tariffs", "vaccines", "railways", "fisheries", "strikes", "budget", "heatwave"]
VERBS = ["said", "warned", "announced", "confirmed", "denied", "reported", "estimated"]
FILL = ["officials", "talks", "the plan", "prices", "the agreement", "the region", "residents",
        "negotiators", "the project", "farmers", "investors", "the report", "a spokesperson",
        "on Monday", "on Tuesday", "this week", "next month", "after months of delay",
        "despite objections", "according to figures published", "in a statement"]
OUTLETS = ["Desert Courier", "Harbour Times", "Morning Ledger", "Valley Post", "Coastal Herald",
           "Capital Wire", "Northern Gazette", "Evening Star", "Metro Daily", "Island Observer"]


def person(r):
    return r.choice(FIRST) + " " + r.choice(LAST)


def sentence(r, topic):
    kind = r.randrange(4)
    if kind == 0:
        return "%s %s that %s on %s in %s would continue %s." % (
            person(r), r.choice(VERBS), r.choice(FILL), topic, r.choice(PLACES), r.choice(FILL))
    if kind == 1:
        o = r.choice(ORGS)
        return "%s%s %s %s about %s, %s." % (o[0].upper(), o[1:], r.choice(VERBS),
                                             r.choice(FILL), topic, r.choice(FILL))
    if kind == 2:
        return "In %s, %s met %s to discuss %s and %s %s." % (
            r.choice(PLACES), person(r), r.choice(FILL), topic, r.choice(TOPICS), r.choice(FILL))
    return "%d %s were affected by %s near %s, %s %s." % (
        r.randrange(2, 90000), r.choice(["people", "households", "workers", "companies"]),
        topic, r.choice(PLACES), r.choice(FILL), r.choice(VERBS))


def main():
    n = int(sys.argv[1])
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    r = random.Random(seed)
    out = sys.stdout
    base = 1767225600  # 2026-01-01
    for i in range(n):
        topic = r.choice(TOPICS)
        place = r.choice(PLACES)
        title = "%s: %s %s in %s" % (topic.capitalize(), r.choice(FILL), r.choice(VERBS), place)
        body = " ".join(sentence(r, topic) for _ in range(r.randrange(6, 13)))
        outlet = r.choice(OUTLETS)
        t = base + r.randrange(90 * 86400)
        rec = {"url": "https://%s.example/%d/%d-%s" % (outlet.lower().replace(" ", "-"), seed, i, topic),
               "text": title + "\n\n" + body, "title": title, "published": t, "lang": "en",
               "source": outlet}
        out.write(json.dumps(rec))
        out.write("\n")


if __name__ == "__main__":
    main()
