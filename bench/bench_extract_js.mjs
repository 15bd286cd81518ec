// bench_extract_js.mjs - Mozilla Readability.js (on linkedom) speed on the extraction dev set.
//
//     node bench/bench_extract_js.mjs [--passes N] DIR
//
// Needs bench/node_modules (npm ci in bench/; versions pinned in bench/package.json).
// DIR is laid out like trafilatura-dev: DIR/evaldata.json maps each page URL to {"file": NAME}
// and the page is DIR/html/NAME.gz.  Every page is read, inflated and decoded as UTF-8 into
// memory first (not timed: Readability.js takes a DOM, so decoding is the caller's job); then
// each page goes through linkedom's parseHTML and new Readability(document).parse(), whose
// textContent (whitespace collapsed) is the text.  Only that loop is timed.
//
// Prints one line of key=value pairs, the same keys as bench_extract.c:
//   tool=readability-js pages= mb= passes= seconds= pages_per_s= mb_per_s=
//   cpu_seconds= pages_per_cpu_s= (process CPU time, V8's GC helper threads included)
//   ok= empty= failed= text_mb= rss_load_kb= rss_1x_kb= rss_peak_kb=
// (rss_*: peak resident set of this process from getrusage, in kB).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

const peakRssKb = () => process.resourceUsage().maxRSS;

function load(dir) {
  const ev = JSON.parse(readFileSync(join(dir, 'evaldata.json'), 'utf8'));
  const dec = new TextDecoder('utf-8');
  const pages = [];
  for (const [url, v] of Object.entries(ev)) {
    if (!v.file) continue;
    const bytes = gunzipSync(readFileSync(join(dir, 'html', v.file + '.gz')));
    pages.push({ name: v.file, url, bytes: bytes.length, html: dec.decode(bytes) });
  }
  pages.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return pages;
}

function extract(html) {
  const { document } = parseHTML(html);
  const art = new Readability(document).parse();
  return art && art.textContent ? art.textContent.replace(/\s+/g, ' ').trim() : '';
}

function main() {
  let args = process.argv.slice(2);
  let passes = 1;
  if (args.length >= 2 && args[0] === '--passes') {
    passes = parseInt(args[1], 10);
    args = args.slice(2);
  }
  if (args.length !== 1 || !(passes >= 1)) {
    process.stderr.write('usage: bench_extract_js.mjs [--passes N] DIR\n');
    return 2;
  }
  const pages = load(args[0]);
  const total = pages.reduce((s, p) => s + p.bytes, 0);
  const rssLoad = peakRssKb();
  let ok = 0, empty = 0, failed = 0, textBytes = 0, rss1x = 0;
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let p = 0; p < passes; p++) {
    for (const pg of pages) {
      let text;
      try {
        text = extract(pg.html);
      } catch (e) {
        if (p === 0) failed++;
        continue;
      }
      if (p === 0) {
        if (text) {
          ok++;
          textBytes += Buffer.byteLength(text, 'utf8');
        } else {
          empty++;
        }
      }
    }
    if (p === 0) rss1x = peakRssKb();
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const cu = process.cpuUsage(c0);
  const cpu = (cu.user + cu.system) / 1e6;
  const n = pages.length;
  const mb = total / 1e6;
  console.log(`tool=readability-js pages=${n} mb=${mb.toFixed(2)} passes=${passes} ` +
    `seconds=${secs.toFixed(3)} pages_per_s=${(n * passes / secs).toFixed(1)} ` +
    `mb_per_s=${(mb * passes / secs).toFixed(2)} cpu_seconds=${cpu.toFixed(3)} ` +
    `pages_per_cpu_s=${(n * passes / cpu).toFixed(1)} ok=${ok} empty=${empty} failed=${failed} ` +
    `text_mb=${(textBytes / 1e6).toFixed(2)} rss_load_kb=${rssLoad} rss_1x_kb=${rss1x} ` +
    `rss_peak_kb=${peakRssKb()}`);
  return 0;
}

process.exitCode = main();
