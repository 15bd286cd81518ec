#!/usr/bin/python3
"""Accuracy of sitrep's language identifier (lib/analyze/langid.c) on the development pages.

For every page of ../shared/data/extraction/trafilatura-dev whose <html lang> is given, the
body that `sitrep extract` finds is fed back as plain text (`--format text`: no markup, so
the language comes from the text alone) and its "lang" is compared with the first two
letters of <html lang>.  Pages whose body is empty are left out.  Prints the accuracy, the
confusions and how many pages got no answer.  Same environment as eval_extract.py.

    SITREP_BIN=build/sitrep /usr/bin/python3 bench/eval_langid.py
"""
import collections
import concurrent.futures
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LANG = re.compile(rb"<html[^>]*?\slang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.I)


def run(argv):
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    out = p.stdout.decode("utf-8", "replace").strip()
    return json.loads(out.splitlines()[0]) if out else {}


def main():
    data = os.environ.get("SITREP_DATA") or os.path.join(ROOT, "..", "shared", "data")
    dev = os.path.join(data, "extraction", "trafilatura-dev")
    if not os.path.isfile(os.path.join(dev, "evaldata.json")):
        print("skip: ../shared/data not found")
        return 0
    sitrep = os.environ.get("SITREP_BIN") or os.path.join(ROOT, "sitrep")
    gold = json.load(open(os.path.join(dev, "evaldata.json"), encoding="utf-8"))
    tmp = tempfile.mkdtemp(prefix="sitrep-langid-")

    def one(item):
        i, (url, g) = item
        raw = gzip.open(os.path.join(dev, "html", g["file"] + ".gz")).read()
        m = LANG.search(raw[:65536])
        if not m:
            return None
        want = m.group(1).decode().lower()[:2]
        hp = os.path.join(tmp, "%04d.html" % i)
        tp = os.path.join(tmp, "%04d.txt" % i)
        with open(hp, "wb") as f:
            f.write(raw)
        try:
            art = run([sitrep, "extract", "--url", url, hp])
            text = art.get("text") or ""
            if not text.strip():
                return None
            with open(tp, "w", encoding="utf-8") as f:
                f.write(text)
            got = run([sitrep, "extract", "--format", "text", tp]).get("lang")
        except (subprocess.TimeoutExpired, ValueError, OSError):
            got = None
        finally:
            for p in (hp, tp):
                if os.path.exists(p):
                    os.unlink(p)
        return want, got, g["file"], art.get("lang")

    items = sorted(gold.items(), key=lambda kv: kv[1]["file"])
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as ex:
        res = [r for r in ex.map(one, enumerate(items)) if r]
    os.rmdir(tmp)
    ok = sum(1 for w, g, _, _ in res if w == g)
    none = sum(1 for _, g, _, _ in res if not g)
    conf = collections.Counter((w, g) for w, g, _, _ in res if w != g)
    final_ok = sum(1 for w, _, _, a in res if a == w)
    print("language from the text: %d pages with <html lang>, accuracy %.3f, no answer %d"
          % (len(res), ok / len(res) if res else 0, none))
    print("extractor's lang (markup and text) agrees with <html lang>: %.3f"
          % (final_ok / len(res) if res else 0))
    print("per language (pages): %s" % dict(collections.Counter(w for w, _, _, _ in res)))
    print("confusions (html lang -> text): %s" % ", ".join(
        "%s->%s %d" % (w, g, n) for (w, g), n in conf.most_common(15)))
    if "-v" in sys.argv:
        for w, g, f, a in res:
            if w != g:
                print("  %s: html %s, text %s, extractor %s" % (f, w, g, a))
    return 0


if __name__ == "__main__":
    sys.exit(main())
