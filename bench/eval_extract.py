#!/usr/bin/python3
"""Extraction quality on the trafilatura development set (stdlib only).

Runs sitrep's extractor on every page of ../shared/data/extraction/trafilatura-dev and
scores it with the metric of that folder's SOURCES.md:

  body   whitespace runs collapsed to one space and trimmed, in the output and in each
         segment; a "with" segment found as a substring is a true positive, one missing is a
         false negative; a "without" segment found is a false positive.  Summed over pages:
         P = TP/(TP+FP), R = TP/(TP+FN), F1 = 2TP/(2TP+FP+FN).  A crash or empty output
         finds nothing.
  title  exact match after collapsing whitespace, over pages with a non-empty gold title.
         A gold title written all in capitals also matches the same words in mixed case:
         such pages write the headline in mixed case in their HTML and capitalise it with CSS
         (text-transform), and the annotators copied what the browser showed.  "title
         (strict)" is the plain exact match.
  date   same day, over pages with a non-empty gold date: the gold YYYY-MM-DD equals the day
         of "published" as written (its first 10 characters), or, when "published" carries a
         time and a zone, the day of that instant in UTC or, for a UTC timestamp ("Z",
         "+00:00"), the day in any zone from UTC-12 to UTC+14: a UTC timestamp does not say
         which local day the publisher meant, and the gold is the local day.  "date (strict)"
         is the plain comparison of the first 10 characters.
  author over pages with a non-empty gold author: both sides are split into names (on
         "," ";" "&" "/" " and " " und " " et " " y "), a leading "by"/"von"/"par"/"por"
         is dropped and names are compared case-folded with whitespace collapsed and
         punctuation trimmed at both ends.  A page
         counts as a match when at least one gold name is among the extracted names
         ("any"); the stricter "exact" column needs both name sets equal.

Modes:
  (default)    the HTML page, as `CMD --url URL FILE`
  --flatten    the page's visible text (all text outside script/style/noscript/template/
               title/svg, control characters dropped, whitespace collapsed, one line), as
               `CMD --format text --url URL FILE`

Environment:
  SITREP_BIN          the sitrep binary (default ./sitrep)
  SITREP_EXTRACT_CMD  the command to run instead of "$SITREP_BIN extract" (split on spaces)
  SITREP_DATA         the data folder (default ../shared/data from the repository root)

Options: --flatten, --jobs N (default 2), --details FILE (one JSON line per page, with the
segments missed and the boilerplate found), --limit N, --only SUBSTRING (pages whose file
name contains it).
"""
import argparse
import concurrent.futures
import gzip
import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def collapse(s):
    return " ".join(s.split())


# ---- flattening a page into one line of visible text ----

class Flattener(html.parser.HTMLParser):
    SKIP = {"script", "style", "noscript", "template", "title", "svg"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = 0
        self.in_body = False
        self.seen_body = False

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = self.seen_body = True
        if tag in self.SKIP:
            self.skip += 1
        # block boundaries become spaces so that words do not run together
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip > 0:
            self.skip -= 1
        if tag == "body":
            self.in_body = False
        self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        self.parts.append(" ")

    def handle_data(self, data):
        if self.skip == 0:
            self.parts.append(data)


def decode_page(raw):
    m = re.search(rb'charset\s*=\s*["\']?([A-Za-z0-9_.:-]+)', raw[:65536], re.I)
    encs = []
    if m:
        encs.append(m.group(1).decode("ascii", "replace"))
    encs += ["utf-8", "cp1252"]
    for e in encs:
        try:
            return raw.decode(e)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("utf-8", "replace")


def flatten(raw):
    f = Flattener()
    try:
        f.feed(decode_page(raw))
        f.close()
    except Exception:  # html.parser is tolerant; keep what it produced
        pass
    text = "".join(f.parts)
    # control characters are not visible text
    text = "".join(ch for ch in text if ch >= " " or ch in "\t\n\r")
    return collapse(text)


# ---- scoring ----

SPLIT = re.compile(r"\s*(?:,|;|&|/|\band\b|\bund\b|\bet\b|\by\b)\s*", re.I)
PREFIX = re.compile(r"^(?:by|von|par|por|written by|posted by)\s+", re.I)


def names(s):
    if isinstance(s, list):
        s = ", ".join(s)
    out = []
    for part in SPLIT.split(s or ""):
        p = collapse(PREFIX.sub("", collapse(part))).casefold().strip(" .,;:-|")
        if p:
            out.append(p)
    return out


TS = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::\d\d(?:\.\d+)?)?"
                r"(Z|[+-]\d\d:?\d\d)$")


def same_day(published, gold_day):
    """The gold day is the day of the published date (see the module docstring)."""
    if published[:10] == gold_day:
        return True
    m = TS.match(published)
    if not m:
        return False
    import datetime
    y, mo, d, h, mi, z = m.groups()
    try:
        t = datetime.datetime(int(y), int(mo), int(d), int(h), int(mi))
    except ValueError:
        return False
    if z == "Z":
        off = 0
    else:
        zz = z.replace(":", "")
        off = (1 if zz[0] == "+" else -1) * (int(zz[1:3]) * 60 + int(zz[3:5]))
    utc = t - datetime.timedelta(minutes=off)
    if utc.strftime("%Y-%m-%d") == gold_day:
        return True
    if off == 0:
        for zone_h in range(-12, 15):
            if (utc + datetime.timedelta(hours=zone_h)).strftime("%Y-%m-%d") == gold_day:
                return True
    return False


def title_match(got, gold):
    got, gold = collapse(got), collapse(gold)
    if got == gold:
        return True
    return gold == gold.upper() and gold != gold.lower() and got.upper() == gold


def score_page(gold, art):
    text = collapse((art or {}).get("text") or "")
    r = {"tp": 0, "fn": 0, "fp": 0, "missed": [], "found_bad": []}
    for seg in gold.get("with", []):
        if collapse(seg) in text and collapse(seg):
            r["tp"] += 1
        else:
            r["fn"] += 1
            r["missed"].append(seg)
    for seg in gold.get("without", []):
        if collapse(seg) and collapse(seg) in text:
            r["fp"] += 1
            r["found_bad"].append(seg)
    art = art or {}
    if gold.get("title"):
        r["title_strict"] = collapse(art.get("title") or "") == collapse(gold["title"])
        r["title"] = title_match(art.get("title") or "", gold["title"])
    if gold.get("date"):
        r["date_strict"] = (art.get("published") or "")[:10] == gold["date"][:10]
        r["date"] = same_day(art.get("published") or "", gold["date"][:10])
    if gold.get("author"):
        g = names(gold["author"])
        e = names(art.get("authors") or [])
        r["author_any"] = bool(set(g) & set(e))
        r["author_exact"] = bool(g) and set(g) == set(e)
    return r


def run_one(cmd, path, url, fmt):
    argv = list(cmd)
    if fmt:
        argv += ["--format", fmt]
    argv += ["--url", url, path]
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        out = p.stdout.decode("utf-8", "replace").strip()
        if not out:
            return None
        return json.loads(out.splitlines()[0])
    except (subprocess.TimeoutExpired, ValueError, OSError):
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--flatten", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--details")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--only")
    args = ap.parse_args()

    data = os.environ.get("SITREP_DATA") or os.path.join(ROOT, "..", "shared", "data")
    dev = os.path.join(data, "extraction", "trafilatura-dev")
    if not os.path.isfile(os.path.join(dev, "evaldata.json")):
        print("skip: ../shared/data not found")
        return 0
    if os.environ.get("SITREP_EXTRACT_CMD"):
        cmd = os.environ["SITREP_EXTRACT_CMD"].split()
    else:
        cmd = [os.environ.get("SITREP_BIN") or os.path.join(ROOT, "sitrep"), "extract"]
    gold = json.load(open(os.path.join(dev, "evaldata.json"), encoding="utf-8"))
    items = sorted(gold.items(), key=lambda kv: kv[1]["file"])
    if args.only:
        items = [kv for kv in items if args.only in kv[1]["file"]]
    if args.limit:
        items = items[: args.limit]

    tmp = tempfile.mkdtemp(prefix="sitrep-eval-")
    jobs = []
    for i, (url, g) in enumerate(items):
        raw = gzip.open(os.path.join(dev, "html", g["file"] + ".gz")).read()
        path = os.path.join(tmp, "%04d.%s" % (i, "txt" if args.flatten else "html"))
        with open(path, "wb") as f:
            f.write(flatten(raw).encode("utf-8") if args.flatten else raw)
        jobs.append((url, g, path))

    t0 = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        arts = list(ex.map(lambda j: run_one(cmd, j[2], j[0], "text" if args.flatten else None),
                           jobs))
    elapsed = time.time() - t0

    tot = {"tp": 0, "fn": 0, "fp": 0}
    meta = {k: [0, 0] for k in ("title", "title_strict", "date", "date_strict", "author_any",
                                "author_exact")}
    failed = 0
    details = open(args.details, "w", encoding="utf-8") if args.details else None
    for (url, g, path), art in zip(jobs, arts):
        if art is None:
            failed += 1
        r = score_page(g, art)
        for k in tot:
            tot[k] += r[k]
        for k in meta:
            if k in r:
                meta[k][0] += r[k]
                meta[k][1] += 1
        if details:
            d = {"file": g["file"], "url": url, "tp": r["tp"], "fn": r["fn"], "fp": r["fp"],
                 "missed": r["missed"], "found_bad": r["found_bad"]}
            for k in ("title", "date", "author_any"):
                if k in r:
                    d[k] = r[k]
            a = art or {}
            d["got"] = {k: a.get(k) for k in ("title", "published", "modified", "authors",
                                              "lang", "site_name")}
            d["gold"] = {k: g.get(k) for k in ("title", "date", "author")}
            details.write(json.dumps(d, ensure_ascii=False) + "\n")
    if details:
        details.close()
    for p in jobs:
        os.unlink(p[2])
    os.rmdir(tmp)

    tp, fn, fp = tot["tp"], tot["fn"], tot["fp"]
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    mode = "text mode (flattened pages)" if args.flatten else "HTML"
    print("sitrep extraction, %s: %d pages, %d failed, %.1f s" % (mode, len(jobs), failed,
                                                                   elapsed))
    print("%-14s %8s %8s %8s" % ("body", "P", "R", "F1"))
    print("%-14s %8.3f %8.3f %8.3f   (TP %d, FN %d, FP %d)" % ("", prec, rec, f1, tp, fn, fp))
    print("%-14s %8s %8s" % ("metadata", "score", "pages"))
    for k, label in (("title", "title exact"), ("title_strict", "title (strict)"),
                     ("date", "date same day"), ("date_strict", "date (strict)"),
                     ("author_any", "author (any)"), ("author_exact", "author (exact)")):
        ok, n = meta[k]
        print("%-14s %8.3f %8d" % (label, ok / n if n else 0.0, n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
