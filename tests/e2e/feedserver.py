#!/usr/bin/env python3
"""A local HTTP server for sitrep's feed tests and benchmark (Python 3 stdlib only).

Listens on 127.0.0.1 on a port the OS picks, prints "PORT <n>" on stdout, and exits after
--lifetime seconds (default 300) or when its stdin closes (when started with --stdin-eof).

Routes ("HOST" in fixtures becomes 127.0.0.1:PORT, or 127.0.0.1:PORT/v/VARIANT under a variant,
so each variant's items have their own URLs):
  /robots.txt                    tests/fixtures/feeds/robots.txt (disallows /private/)
  /feeds/NAME                    a fixture, with ETag and Last-Modified (304 when they match)
  /site/                         home.html (feed discovery)
  /                              a home page that names no feed (robots.txt has the sitemap)
  /pages/SLUG.html               an article page; missing-* answer 404
  /private/...                   a page robots.txt forbids (its hits are counted)
  /v/VARIANT/feeds/NAME          the fixture, served by a failure mode:
       gz        Content-Encoding: gzip         flaky     503 once, then 200
       limit     429 + Retry-After: 1 once      limitlong 429 + Retry-After: 3600 always
       redir     302 to /v/redir/final/NAME     loop      302 to itself, forever
       slow      answers after 3 s              fail      500 always
       big       3 MB of padding                pagefail  the feed is fine, its pages 500
       slowpages the feed is fine, its pages answer after 3 s
  /v/VARIANT/pages/SLUG.html     article pages of that variant
  /bench/feed-I.xml              generated RSS (--bench-items items) linking /bench/page-I-K.html
  /bench/kN/feed-I.xml           the same with N items
  /__stats                       JSON: hits per path, user agents, peak concurrency, request
                                 times per path, webhook bodies received ("hooks")
  POST /hook/NAME                a webhook: the JSON body is kept in STATS["hooks"] under NAME
                                 and answered 200; NAME "fail" answers 500, "hang" waits 30 s
"""
import argparse
import email.utils
import gzip
import hashlib
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
STATS = {"hits": {}, "agents": [], "active": 0, "max_active": 0, "times": {}, "hooks": {}}
ONCE = set()
LAST_MODIFIED = "Tue, 24 Nov 2026 10:00:00 GMT"

WORDS = ("harbour council water grain border ministry market transport rail port festival "
         "drought school hospital energy solar court parliament election tourism museum road "
         "bridge fishermen farmers teachers nurses workers traders exporters").split()


def article(slug, host):
    h = int(hashlib.md5(slug.encode()).hexdigest(), 16)
    w = [WORDS[(h >> (5 * i)) % len(WORDS)] for i in range(12)]
    title = "%s: %s %s plan for the %s" % (slug.replace("-", " ").title(), w[0], w[1], w[2])
    paras = []
    for i in range(4):
        a, b, c, d = w[(i * 3) % 12], w[(i * 3 + 1) % 12], w[(i * 3 + 2) % 12], w[(i + 7) % 12]
        paras.append("<p>Officials said on %s that the %s and %s groups agreed a new %s programme "
                     "for the coming year, after weeks of talks about %s (%s, report %d). The "
                     "agreement covers the %s sector and the city's %s services.</p>"
                     % (("Monday", "Tuesday", "Wednesday", "Thursday")[i], a, b, c, d, slug, i, a, c))
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title>"
            "<meta property=\"article:published_time\" content=\"2026-11-24T08:00:00+02:00\">"
            "<link rel=\"canonical\" href=\"http://%s/pages/%s.html\"></head><body><nav><a href=\"/\">"
            "Home</a></nav><article><h1>%s</h1>%s</article><footer>Contact</footer></body></html>"
            % (title, host, slug, title, "".join(paras))).encode()


def bench_feed(i, items, host):
    out = ['<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
           '<title>Bench feed %d</title><link>http://%s/</link>' % (i, host)]
    for k in range(items):
        out.append("<item><title>Bench %d item %d</title><link>http://%s/bench/page-%d-%d.html</link>"
                   "<pubDate>Tue, 24 Nov 2026 08:%02d:00 GMT</pubDate><description>Item %d of feed %d"
                   "</description></item>" % (i, k, host, i, k, k % 60, k, i))
    out.append("</channel></rss>")
    return "".join(out).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    wbufsize = 1 << 16  # headers and body in one write: no Nagle / delayed-ACK stall
    server_version = "feedserver/1"

    def log_message(self, fmt, *args):
        pass

    def send(self, code, body=b"", ctype="text/plain", headers=None):
        self.send_response(code)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if code != 304:
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if code != 304 and self.command != "HEAD":
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def fixture(self, name, host):
        path = os.path.join(self.server.fixtures, os.path.basename(name))
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            return None
        if name.endswith(".gz"):
            return data
        return data.replace(b"HOST", host.encode())

    def serve_feed(self, name, host, extra=None):
        gz_file = False
        data = self.fixture(name, host)
        if data is None and name.endswith(".gz"):
            plain = self.fixture(name[:-3], host)
            data = gzip.compress(plain, mtime=0) if plain is not None else None
            gz_file = True
        if data is None:
            return self.send(404, b"no such feed\n")
        etag = '"%s"' % hashlib.md5(data).hexdigest()[:16]
        if self.headers.get("If-None-Match") == etag or \
                self.headers.get("If-Modified-Since") == LAST_MODIFIED:
            return self.send(304, headers={"ETag": etag, "Last-Modified": LAST_MODIFIED})
        ctype = ("application/feed+json" if name.endswith(".json") else
                 "application/x-gzip" if gz_file else
                 "text/html" if name.endswith(".html") else "application/xml")
        headers = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
        headers.update(extra or {})
        if headers.pop("X-Gzip", None):
            data = gzip.compress(data, mtime=0)
            headers["Content-Encoding"] = "gzip"
        self.send(200, data, ctype, headers)

    def do_GET(self):
        with LOCK:
            STATS["active"] += 1
            STATS["max_active"] = max(STATS["max_active"], STATS["active"])
            p = self.path.split("?")[0]
            STATS["hits"][p] = STATS["hits"].get(p, 0) + 1
            STATS["times"].setdefault(p, []).append(round(time.time(), 3))
            ua = self.headers.get("User-Agent", "")
            if ua not in STATS["agents"]:
                STATS["agents"].append(ua)
        try:
            self.route(p)
        finally:
            with LOCK:
                STATS["active"] -= 1

    def do_POST(self):
        p = self.path.split("?")[0]
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(n, 1 << 20)) if n > 0 else b""
        with LOCK:
            STATS["hits"][p] = STATS["hits"].get(p, 0) + 1
        if not p.startswith("/hook/"):
            return self.send(404, b"not found\n")
        name = p[len("/hook/"):]
        if name == "hang":
            time.sleep(30)
        if name == "fail":
            return self.send(500, b"broken\n")
        try:
            doc = json.loads(body)
        except ValueError:
            return self.send(400, b"not JSON\n")
        with LOCK:
            STATS["hooks"].setdefault(name, []).append(doc)
        self.send(200, b"{}", "application/json")

    def once(self, key):
        with LOCK:
            if key in ONCE:
                return False
            ONCE.add(key)
            return True

    def route(self, p):
        base = "127.0.0.1:%d" % self.server.server_port
        if self.server.delay:
            time.sleep(self.server.delay)
        if p == "/__stats":
            with LOCK:
                body = json.dumps(STATS).encode()
            return self.send(200, body, "application/json")
        if p == "/robots.txt":
            return self.send(200, self.fixture("robots.txt", base), "text/plain")
        if p == "/":
            return self.send(200, self.fixture("not-a-feed.html", base), "text/html; charset=utf-8")
        if p in ("/site/", "/site"):
            return self.send(200, self.fixture("home.html", base), "text/html; charset=utf-8")
        if p.startswith("/feeds/"):
            return self.serve_feed(p[len("/feeds/"):], base)
        if p.startswith("/pages/") or p.startswith("/private/"):
            slug = p.rsplit("/", 1)[-1].replace(".html", "")
            if slug.startswith("missing-"):
                return self.send(404, b"not found\n")
            return self.send(200, article(slug, base), "text/html; charset=utf-8")
        if p.startswith("/bench/"):
            name = p[len("/bench/"):]
            items = self.server.bench_items
            if name.startswith("k") and "/" in name:  # /bench/kK/feed-I.xml: K items
                k, name = name.split("/", 1)
                items = int(k[1:])
            if name.startswith("feed-") and name.endswith(".xml"):
                i = int(name[5:-4])
                return self.send(200, bench_feed(i, items, base), "application/rss+xml")
            if name.startswith("page-"):
                return self.send(200, article(name[:-5], base), "text/html; charset=utf-8")
            return self.send(404)
        if p.startswith("/v/"):
            parts = p.split("/", 4)
            if len(parts) < 5:
                return self.send(404)
            var, kind, name = parts[2], parts[3], parts[4]
            vhost = "%s/v/%s" % (base, var)
            if kind == "pages":
                if var == "pagefail":
                    return self.send(500, b"page broken\n")
                if var == "slowpages":
                    time.sleep(3)
                slug = name.replace(".html", "")
                if slug.startswith("missing-"):
                    return self.send(404, b"not found\n")
                return self.send(200, article(var + "-" + slug, vhost), "text/html; charset=utf-8")
            if kind == "final":
                return self.serve_feed(name, vhost)
            if kind != "feeds":
                return self.send(404)
            if var == "gz":
                return self.serve_feed(name, vhost, {"X-Gzip": "1"})
            if var == "flaky" and self.once(p):
                return self.send(503, b"try again\n")
            if var == "limit" and self.once(p):
                return self.send(429, b"slow down\n", headers={"Retry-After": "1"})
            if var == "limitlong":
                return self.send(429, b"slow down\n", headers={"Retry-After": "3600"})
            if var == "redir":
                return self.send(302, b"", headers={"Location": "/v/redir/final/" + name})
            if var == "loop":
                return self.send(302, b"", headers={"Location": p})
            if var == "slow":
                time.sleep(3)
            if var == "fail":
                return self.send(500, b"broken\n")
            if var == "big":
                data = self.fixture(name, vhost) or b""
                return self.send(200, data + b"<!--" + b"x" * (3 << 20) + b"-->", "application/xml")
            return self.serve_feed(name, vhost)
        return self.send(404, b"not found\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fixtures", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                       "..", "fixtures", "feeds"))
    ap.add_argument("--lifetime", type=float, default=300)
    ap.add_argument("--bench-items", type=int, default=5)
    ap.add_argument("--delay", type=float, default=0, help="seconds before every answer")
    args = ap.parse_args()
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.fixtures = args.fixtures
    srv.bench_items = args.bench_items
    srv.delay = args.delay
    print("PORT %d" % srv.server_port, flush=True)
    timer = threading.Timer(args.lifetime, srv.shutdown)
    timer.daemon = True
    timer.start()
    try:
        srv.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    srv.server_close()


if __name__ == "__main__":
    main()
