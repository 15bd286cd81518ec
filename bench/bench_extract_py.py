#!/usr/bin/python3
"""bench_extract_py.py - readability-lxml's speed on the extraction development set.

    /usr/bin/python3 bench/bench_extract_py.py [--passes N] DIR

Uses Debian's python3-readability (readability-lxml) and python3-lxml, hence /usr/bin/python3.
DIR is laid out like trafilatura-dev: DIR/evaldata.json maps each page URL to {"file": NAME}
and the page is DIR/html/NAME.gz.  Every page is read and inflated into memory first (bytes,
not timed: readability-lxml detects the charset itself, as sitrep's extractor does); then each
page goes through Document(html, url=URL).summary() and the summary HTML is turned into text
with lxml (text_content, whitespace collapsed).  Only that loop is timed.

Prints one line of key=value pairs, the same keys as bench_extract.c:
    tool=readability-lxml pages= mb= passes= seconds= pages_per_s= mb_per_s=
    cpu_seconds= pages_per_cpu_s= (process CPU time)
    ok= empty= failed= text_mb= rss_load_kb= rss_1x_kb= rss_peak_kb=
(rss_*: peak resident set of this process from getrusage, in kB).
"""
import gzip
import json
import logging
import os
import re
import resource
import sys
import time

import lxml.html
from readability import Document

WS = re.compile(r"\s+")


def peak_rss_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def load(d):
    with open(os.path.join(d, "evaldata.json"), encoding="utf-8") as f:
        ev = json.load(f)
    pages = []
    for url, v in ev.items():
        name = v.get("file")
        if not name:
            continue
        with gzip.open(os.path.join(d, "html", name + ".gz"), "rb") as f:
            pages.append((name, url, f.read()))
    pages.sort(key=lambda p: p[0])
    return pages


def extract(html, url):
    summary = Document(html, url=url).summary(html_partial=True)
    root = lxml.html.fromstring(summary)
    return WS.sub(" ", root.text_content()).strip()


def main():
    args = sys.argv[1:]
    passes = 1
    if len(args) >= 2 and args[0] == "--passes":
        passes = int(args[1])
        args = args[2:]
    if len(args) != 1 or passes < 1:
        sys.stderr.write("usage: bench_extract_py.py [--passes N] DIR\n")
        return 2
    logging.disable(logging.CRITICAL)  # readability logs every unparseable page
    pages = load(args[0])
    total = sum(len(p[2]) for p in pages)
    rss_load = peak_rss_kb()
    ok = empty = failed = text_bytes = 0
    rss_1x = 0
    c0 = time.process_time()
    t0 = time.perf_counter()
    for p in range(passes):
        for name, url, html in pages:
            try:
                text = extract(html, url)
            except Exception:  # Unparseable, lxml errors on odd pages: a miss, not a crash
                text = None
                if p == 0:
                    failed += 1
                continue
            if p == 0:
                if text:
                    ok += 1
                    text_bytes += len(text.encode("utf-8"))
                else:
                    empty += 1
        if p == 0:
            rss_1x = peak_rss_kb()
    secs = time.perf_counter() - t0
    cpu = time.process_time() - c0
    n = len(pages)
    mb = total / 1e6
    print("tool=readability-lxml pages=%d mb=%.2f passes=%d seconds=%.3f pages_per_s=%.1f "
          "mb_per_s=%.2f cpu_seconds=%.3f pages_per_cpu_s=%.1f ok=%d empty=%d failed=%d "
          "text_mb=%.2f rss_load_kb=%d rss_1x_kb=%d rss_peak_kb=%d"
          % (n, mb, passes, secs, n * passes / secs, mb * passes / secs, cpu, n * passes / cpu,
             ok, empty, failed, text_bytes / 1e6, rss_load, rss_1x, peak_rss_kb()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
