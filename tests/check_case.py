#!/usr/bin/env python3
"""Run one data-driven case and compare its output with the expectation beside it.

A case is tests/cases/<kind>/<name>.<ext> (the input) and <name>.expected.json.
For kind "extract" the input goes through `sitrep extract [--url URL] [--format F] FILE`
and the expectation is a subset of the article's keys, each compared exactly, plus:
  "text_contains": [...]   strings the body text must contain
  "text_excludes": [...]   strings it must not contain
  "_args": [...]           extra command-line arguments
  "_exit": N               the expected exit status (default 0)
  "_stderr_contains": [..] strings the error output must contain
"url" is both passed with --url and checked.
"""
import json
import os
import subprocess
import sys


def fail(msg):
    print(msg)
    sys.exit(1)


def main():
    exp_path = sys.argv[1]
    kind = os.path.basename(os.path.dirname(exp_path))
    stem = exp_path[: -len(".expected.json")]
    d = os.path.dirname(exp_path)
    base = os.path.basename(stem)
    inputs = [f for f in sorted(os.listdir(d))
              if f.startswith(base + ".") and not f.endswith(".expected.json")]
    if len(inputs) != 1:
        fail(f"{exp_path}: expected exactly one input file named {base}.*, found {inputs}")
    inp = os.path.join(d, inputs[0])
    with open(exp_path, encoding="utf-8") as f:
        exp = json.load(f)
    sitrep = os.environ.get("SITREP_BIN", "./sitrep")
    if kind != "extract":
        fail(f"{exp_path}: unknown case kind {kind!r}")
    cmd = [sitrep, "extract"]
    if exp.get("url"):
        cmd += ["--url", exp["url"]]
    cmd += exp.get("_args", [])
    cmd.append(inp)
    p = subprocess.run(cmd, capture_output=True, timeout=60)
    want_exit = exp.get("_exit", 0)
    if p.returncode != want_exit:
        fail(f"{' '.join(cmd)}: exit {p.returncode}, wanted {want_exit}\n{p.stderr.decode(errors='replace')}")
    err = p.stderr.decode("utf-8", errors="replace")
    for s in exp.get("_stderr_contains", []):
        if s not in err:
            fail(f"stderr lacks {s!r}: {err}")
    if want_exit != 0:
        return
    try:
        out = p.stdout.decode("utf-8")
    except UnicodeDecodeError as e:
        fail(f"output is not valid UTF-8: {e}")
    lines = [l for l in out.split("\n") if l.strip()]
    if len(lines) != 1:
        fail(f"expected one JSON line, got {len(lines)}")
    art = json.loads(lines[0])
    problems = []
    for k, v in exp.items():
        if k.startswith("_"):
            continue
        if k == "text_contains":
            for s in v:
                if s not in (art.get("text") or ""):
                    problems.append(f"text lacks {s!r}")
        elif k == "text_excludes":
            for s in v:
                if s in (art.get("text") or ""):
                    problems.append(f"text contains {s!r}")
        elif k not in art:
            problems.append(f"no key {k!r} in output")
        elif art[k] != v:
            problems.append(f"{k}: got {art[k]!r}, want {v!r}")
    if problems:
        fail("\n".join(problems) + "\n--- text was:\n" + (art.get("text") or "")[:1500])


if __name__ == "__main__":
    main()
