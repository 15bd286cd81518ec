// The dashboard in a real browser: Debian's chromium driven by playwright-core, against
// `sitrep serve` on a free loopback port and a database ingested from a temporary copy of
// data/sample/ plus hostile fixtures written here.  Screenshots go to tests/browser/out/.
//
//   cd tests/browser && npm ci && SITREP_BIN=../../sitrep node --test dashboard.test.mjs
//
// Every test also requires: no console error, no uncaught exception, no CSP violation
// (checked after each test).
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const BIN = resolve(process.env.SITREP_BIN || join(ROOT, 'sitrep'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const OUT = join(HERE, 'out');
const T = mkdtempSync(join(tmpdir(), 'sitrep-browser-'));
const DB = join(T, 'test.db');

let server, base, context, page;
let server2, base2; // the same database, served with a write token
const TOKEN = 'desk-token-0123456789';
let problems = []; // console errors, page errors, CSP violations of the current test
let allowed = []; // console errors a test expects (regexps), cleared after it

function shot(name) {
	return page.screenshot({ path: join(OUT, name + '.png'), fullPage: true });
}

// Hostile fixtures: markup in article text must show as text, never run.
function writeFixtures(dir) {
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'zanzibar-markup.txt'),
		'Zanzibar ferry timetable changes for the winter season\n\n' +
		'The harbour office published the winter timetable. A reader pasted this into the comments: ' +
		'<script>window.__pwned = 1</script> and also <img src=x onerror="window.__pwned = 2"> ' +
		'and <b>bold</b> text, which must all appear as written.\n\n' +
		'The first winter ferry leaves Stone Town at 07:00 on Monday.\n');
	writeFileSync(join(dir, 'zanzibar-page.html'),
		'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">' +
		'<title>Zanzibar port fees rise | Test Harbour News</title>' +
		'<meta property="og:site_name" content="Test Harbour News">' +
		'<meta property="article:published_time" content="2026-11-28T08:00:00Z"></head><body><article>' +
		'<h1>Zanzibar port fees rise</h1>' +
		'<p>The port authority said fees rise in January. A sign at the gate read ' +
		'&lt;script&gt;window.__pwned = 3&lt;/script&gt; for reasons nobody could explain.</p>' +
		'<p>Shipping agents in Zanzibar said the change was expected. <script>window.__pwned = 4</script></p>' +
		'<p>The fees apply to container ships and cruise vessels alike, the authority added.</p>' +
		'</article></body></html>');
}

function startServer(token = '') {
	return new Promise((ok, fail) => {
		const p = spawn(BIN, ['serve', '--listen', '127.0.0.1:0'], { env: { ...process.env, SITREP_DB: DB, SITREP_TOKEN: token }, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '', err = '';
		const timer = setTimeout(() => fail(new Error('sitrep serve did not start: ' + out + err)), 30000);
		p.stdout.on('data', (b) => {
			out += b;
			const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
			if (m) {
				clearTimeout(timer);
				ok({ p, url: m[1] });
			}
		});
		p.stderr.on('data', (b) => { err += b; });
		p.on('exit', (code) => fail(new Error('sitrep serve exited ' + code + ': ' + err)));
	});
}

before(async () => {
	assert.ok(existsSync(BIN), 'no sitrep binary at ' + BIN + ' (set SITREP_BIN)');
	mkdirSync(OUT, { recursive: true });
	for (const d of ['html', 'text', 'gz']) cpSync(join(ROOT, 'data/sample', d), join(T, 'sample', d), { recursive: true });
	writeFixtures(join(T, 'fixtures'));
	// watchlists before the ingest, so that it alerts; a followed source with some health
	const cli = (...args) => execFileSync(BIN, ['-q', ...args], { env: { ...process.env, SITREP_DB: DB }, stdio: ['ignore', 'ignore', 'pipe'] });
	cli('watch', 'add', 'amman-desk', 'amman');
	cli('watch', 'add', 'heat wave', 'heat OR heatwave');
	cli('source', 'add', '--kind', 'feed', '--name', 'Ledger feed', 'https://ledger.example.org/rss.xml');
	execFileSync(BIN, ['ingest', '--no-progress', join(T, 'sample/html'), join(T, 'sample/text'), join(T, 'sample/gz'), join(T, 'fixtures')],
		{ env: { ...process.env, SITREP_DB: DB }, stdio: ['ignore', 'ignore', 'pipe'] });
	// the source's polls, as sitrep poll records them: a success 10 minutes ago, a failure
	// since, and three items listed in the last hour, fetched 40 minutes after publication
	execFileSync('sqlite3', [DB, "UPDATE sources SET last_ok = strftime('%s','now') - 600, last_polled = strftime('%s','now') - 60, " +
		"last_error = 'HTTP 503 from the server', last_error_at = strftime('%s','now') - 60, failures = 1; " +
		"INSERT INTO source_items(source_id, url, published, first_seen, fetched_at, status, attempts) VALUES " +
		"(1, 'https://ledger.example.org/a', strftime('%s','now') - 5400, strftime('%s','now') - 3000, strftime('%s','now') - 3000, 'page', 1), " +
		"(1, 'https://ledger.example.org/b', strftime('%s','now') - 5400, strftime('%s','now') - 3000, strftime('%s','now') - 3000, 'page', 1), " +
		"(1, 'https://ledger.example.org/c', strftime('%s','now') - 5400, strftime('%s','now') - 3000, strftime('%s','now') - 3000, 'page', 1); " +
		// two of them brought stored articles (for the source's volume chart)
		"UPDATE source_items SET doc_id = (SELECT min(id) FROM articles) WHERE url LIKE '%/a'; " +
		"UPDATE source_items SET doc_id = (SELECT max(id) FROM articles) WHERE url LIKE '%/b';"]);
	({ p: server, url: base } = await startServer());
	({ p: server2, url: base2 } = await startServer(TOKEN));
	// a fresh user-data-dir (playwright passes it as --user-data-dir; it refuses the flag in
	// args), no network but loopback: background networking, updates and sync are off
	context = await chromium.launchPersistentContext(mkdtempSync(join(T, 'profile-')), {
		executablePath: CHROMIUM,
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
		viewport: { width: 1366, height: 768 },
	});
	page = context.pages()[0] || (await context.newPage());
	page.setDefaultTimeout(30000); // generous: CI also runs these against the slower sanitizer build
	await page.addInitScript(() => {
		window.__csp = [];
		document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
	});
	page.on('console', (m) => {
		if (m.type() !== 'error') return;
		const text = m.text() + ' @ ' + (m.location().url || '');
		if (!allowed.some((re) => re.test(text))) problems.push('console: ' + text);
	});
	page.on('pageerror', (e) => problems.push('page error: ' + e.message));
});

afterEach(async () => {
	const csp = await page.evaluate(() => window.__csp || []).catch(() => []);
	const pwned = await page.evaluate(() => window.__pwned).catch(() => undefined);
	const found = [...problems, ...csp.map((c) => 'CSP violation: ' + c)];
	if (pwned !== undefined) found.push('article markup ran: window.__pwned = ' + pwned);
	problems = [];
	allowed = [];
	assert.deepEqual(found, [], 'no console errors, page errors or CSP violations');
});

after(async () => {
	if (context) await context.close();
	if (server) server.kill('SIGTERM');
	if (server2) server2.kill('SIGTERM');
	rmSync(T, { recursive: true, force: true });
});

async function go(hash) {
	await page.goto(base + '/' + hash);
}

test('the search page: results, highlights, copies, facets', async () => {
	await go('#/search?q=amman');
	await page.locator('.hit').first().waitFor();
	const hits = await page.locator('.hit').count();
	assert.ok(hits >= 5, 'hits on the first page: ' + hits);
	const marks = await page.locator('.hit .snippet mark').allTextContents();
	assert.ok(marks.length >= hits, 'a highlight in every snippet: ' + marks.length);
	assert.ok(marks.every((m) => /amman/i.test(m)), 'highlights are the query word: ' + marks.join(', '));
	assert.match(await page.locator('.summary').textContent(), /\d+ results?/);
	assert.ok(await page.locator('.facets .facet li').count() >= 3, 'facet values are listed');
	assert.equal(await page.locator('#q').inputValue(), 'amman', 'the box shows the query');
	assert.ok(await page.locator('a[rel=next]').count() === 1, 'a next page link');
	await shot('search');
	// an exact copy (the gzip twin of a page) is folded into its hit, with its outlet
	await go('#/search?q=energised');
	await page.locator('.hit').first().waitFor();
	const copies = await page.locator('.hit .copies').allTextContents();
	assert.ok(copies.some((c) => /1 other copy by Levant Wire/.test(c)), 'the copies line: ' + copies.join(' | '));
});

test('keyboard: "/" focuses the search box, Enter searches, paging and facets are links', async () => {
	await go('#/stories');
	await page.locator('.story').first().waitFor();
	await page.locator('body').press('/');
	assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
	await page.keyboard.type('water');
	await page.keyboard.press('Enter');
	await page.waitForURL(/#\/search\?q=water$/);
	await page.locator('.hit').first().waitFor();
	assert.equal(await page.locator('.qhint').isVisible(), true, 'the query language hint shows on the search page');
	// a source facet filters the results
	const facet = page.locator('.facets .facet').first().locator('a').first();
	const outlet = await facet.textContent();
	await facet.click();
	await page.waitForURL(/source=/);
	await page.locator('.chip').first().waitFor();
	const outlets = await page.locator('.hit .outlet').allTextContents();
	assert.ok(outlets.length >= 1 && outlets.every((o) => o === outlet), 'only ' + outlet + ': ' + outlets.join(', '));
	await shot('search-filtered');
	// remove the filter; the next page
	await page.locator('.chip').first().click();
	await page.waitForURL((u) => !u.hash.includes('source='));
	await go('#/search?q=amman');
	await page.locator('a[rel=next]').click();
	await page.waitForURL(/offset=10/);
	await page.locator('.hit').first().waitFor();
	assert.equal(await page.locator('ol.hits').getAttribute('start'), '11');
	await page.locator('a[rel=prev]').focus();
	assert.equal(await page.evaluate(() => document.activeElement.getAttribute('rel')), 'prev', 'paging links take focus');
});

test('search facets list the people, organisations and places mentioned, as entity links', async () => {
	await go('#/search?q=amman');
	await page.locator('.entfacet a.ent').first().waitFor();
	const heads = await page.locator('.facets h2').allTextContents();
	assert.ok(heads.includes('Places') && heads.includes('Organisations'), 'entity facets: ' + heads.join(', '));
	const amman = page.locator('.entfacet a.ent-loc', { hasText: /^Amman$/ });
	assert.equal(await amman.count(), 1, 'Amman among the places');
	await amman.click();
	await page.waitForURL(/#\/entity\/\d+$/);
	await page.locator('svg.chart').waitFor();
	await go('#/search?q=amman');
	await page.locator('.entfacet').first().waitFor();
	await shot('search-entity-facets');
});

test('a bad query says where it went wrong', async () => {
	allowed = [/status of 400/];
	await go('#/search?q=' + encodeURIComponent('"amman'));
	await page.locator('.error').waitFor();
	assert.match(await page.locator('.error').textContent(), /Bad query.*column 1/);
	await shot('search-bad-query');
});

test('the article view: metadata, paragraphs, raw download', async () => {
	await go('#/search?q=' + encodeURIComponent('"liaison office"') + '&source=' + encodeURIComponent('Amman Ledger'));
	await page.locator('.hit h2 a').first().click();
	await page.waitForURL(/#\/article\/\d+$/);
	await page.locator('.article .text p').first().waitFor();
	assert.ok((await page.locator('h1').textContent()).length > 10, 'a title');
	assert.ok(await page.locator('.article .text p').count() >= 3, 'the text as paragraphs');
	assert.ok(await page.locator('.facts dt').count() >= 4, 'metadata');
	const raw = await page.locator('a[download]').getAttribute('href');
	assert.match(raw, /^\/api\/articles\/\d+\/raw$/);
	const r = await page.request.get(base + raw);
	assert.equal(r.status(), 200);
	assert.ok(!/html/.test(r.headers()['content-type']), 'the raw document is never served as HTML');
	const api = await (await page.request.get(base + '/api/articles/' + /#\/article\/(\d+)$/.exec(page.url())[1])).json();
	assert.equal(await page.locator('.quotes blockquote').count(), api.quotes.length, 'a quote per quote of the API, none without');
	await shot('article');
});

test('the article view highlights its entities and links them', async () => {
	await go('#/search?q=' + encodeURIComponent('"liaison office"') + '&source=' + encodeURIComponent('Amman Ledger'));
	await page.locator('.hit h2 a').first().click();
	await page.waitForURL(/#\/article\/\d+$/);
	const id = /#\/article\/(\d+)$/.exec(page.url())[1];
	const api = await (await page.request.get(base + '/api/articles/' + id)).json();
	await page.locator('.article .text .ment').first().waitFor();
	// every mention in the text is a span whose text is what the API's byte span holds
	const enc = new TextEncoder(), dec = new TextDecoder();
	const text = enc.encode(api.text);
	const want = api.entities.filter((e) => !e.in_title).map((e) => dec.decode(text.subarray(e.start, e.end)));
	const got = await page.locator('.article .text .ment').allTextContents();
	assert.ok(want.length > 0, 'the API gives mentions');
	assert.deepEqual(got, want, 'each mention highlighted, in order');
	assert.ok(got.includes('Amman'), 'Amman is highlighted: ' + got.join(', '));
	assert.equal(await page.locator('.article .text .ment-loc').filter({ hasText: 'Amman' }).first().getAttribute('title'), 'Place: Amman');
	// the text reads the same with the spans as without
	const shown = (await page.locator('.article .text').textContent()).replace(/\s+/g, ' ').trim();
	assert.equal(shown.replace(/ /g, ''), api.text.replace(/\s+/g, ''));
	// the entities section: one link per entity, grouped by type
	await page.locator('.entities').waitFor();
	const link = page.locator('.entities a.ent', { hasText: /^Amman$/ });
	assert.match(await link.getAttribute('href'), /^#\/entity\/\d+$/);
	assert.ok((await page.locator('.entgroup h3').allTextContents()).includes('Places'));
	await shot('article-highlights');
	await link.click();
	await page.waitForURL(/#\/entity\/\d+$/);
	await page.locator('svg.chart').waitFor();
	assert.equal(await page.locator('h1').evaluate((e) => e.firstChild.textContent), 'Amman');
});

test('article text with <script> markup is shown as text and never runs', async () => {
	await go('#/search?q=zanzibar');
	await page.locator('.hit').first().waitFor();
	assert.equal(await page.locator('.hits script, .hits img, .hits b').count(), 0, 'no markup in results');
	await go('#/search?q=' + encodeURIComponent('zanzibar ferry'));
	await page.locator('.hit h2 a').first().click();
	await page.locator('.article .text p').first().waitFor();
	const text = await page.locator('.article .text').textContent();
	assert.ok(text.includes('<script>window.__pwned = 1</script>'), 'the script tag is shown as text');
	assert.ok(text.includes('<img src=x onerror="window.__pwned = 2">'), 'the img tag is shown as text');
	assert.equal(await page.locator('.article script, .article img, .article .text b').count(), 0, 'no element made from the text');
	await shot('article-markup');
	await go('#/search?q=' + encodeURIComponent('zanzibar port fees'));
	await page.locator('.hit h2 a').first().click();
	await page.locator('.article .text p').first().waitFor();
	assert.ok((await page.locator('.article .text').textContent()).includes('<script>window.__pwned = 3</script>'),
		'escaped markup of a page is shown as text');
	assert.equal(await page.evaluate(() => window.__pwned), undefined, 'nothing ran');
});

test('entities and quotes show when the API gives them, as text', async () => {
	// the API has no entities yet: answer one article with them, as the NER stage will
	const real = await (await page.request.get(base + '/api/search?q=zanzibar+ferry')).json();
	const id = real.hits[0].id;
	const body = await (await page.request.get(base + '/api/articles/' + id)).json();
	const zan = new TextEncoder().encode(body.text).length;
	body.entities = [{ id: 900001, name: 'Stone Town', type: 'LOC', start: 0, end: 8, in_title: false },
		{ id: 900001, name: 'Stone Town', type: 'LOC', start: zan + 5, end: zan + 9, in_title: false },
		{ id: 900002, name: '<i>Harbour</i> Office', type: 'ORG', start: 0, end: 8, in_title: true }];
	body.quotes = [{ text: 'The <script>window.__pwned = 5</script> ferry leaves at seven.', speaker: 'A harbour official' }];
	await page.route('**/api/articles/' + id, (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) }));
	await go('#/article/' + id);
	await page.locator('.entities').waitFor();
	assert.equal(await page.locator('.entities li').count(), 2, 'one item per entity');
	assert.ok((await page.locator('.entities').textContent()).includes('<i>Harbour</i> Office'));
	assert.equal(await page.locator('.article .text .ment').count(), 1, 'a span out of the text is skipped');
	assert.equal(await page.locator('h1 .ment-org').count(), 1, 'a title mention');
	assert.equal(await page.locator('.article .text').evaluate((e) => e.textContent.includes('<script>window.__pwned = 1</script>')), true);
	assert.equal(await page.locator('.entities i, .quotes script').count(), 0, 'no element made from the data');
	assert.match(await page.locator('.quotes blockquote').textContent(), /<script>window.__pwned = 5<\/script>/);
	assert.match(await page.locator('.quotes .speaker').textContent(), /A harbour official/);
	await shot('article-entities');
	await page.unroute('**/api/articles/' + id);
});

test('the stories page and a story', async () => {
	await go('#/stories');
	await page.locator('.story').first().waitFor();
	const n = await page.locator('.story').count();
	assert.ok(n >= 5, 'stories: ' + n);
	assert.ok(await page.locator('.story .outlets li').count() >= 1, 'outlets are listed');
	assert.match(await page.locator('.story .size').first().textContent(), /\d+ articles?/);
	await shot('stories');
	// a story told by several outlets
	const big = page.locator('.story', { has: page.locator('.size', { hasText: /^([3-9]|\d\d+) articles/ }) }).first();
	await big.locator('h2 a').click();
	await page.waitForURL(/#\/story\/\d+$/);
	await page.locator('table.grid tbody tr').first().waitFor();
	assert.ok(await page.locator('table.grid tbody tr').count() >= 2, 'the story lists its articles');
	await shot('story');
	await page.locator('table.grid tbody a').first().click();
	await page.waitForURL(/#\/article\/\d+$/);
	await page.locator('.article .text p').first().waitFor();
});

test('the sources page draws the volume chart', async () => {
	await go('#/sources');
	await page.locator('svg.chart').waitFor();
	const bars = await page.locator('svg.chart rect.bar').count();
	assert.ok(bars >= 5, 'bars: ' + bars);
	const heights = await page.locator('svg.chart rect.bar').evaluateAll((rs) => rs.map((r) => +r.getAttribute('height')));
	assert.ok(heights.every((x) => x > 0), 'bars have heights');
	assert.ok(await page.locator('table.counts tbody tr').count() >= 5, 'sites and languages');
	await shot('sources');
	await page.locator('table.counts tbody a').first().click();
	await page.waitForURL(/site=/);
	await page.locator('svg.chart rect.bar').first().waitFor();
	assert.ok(await page.locator('svg.chart rect.bar').count() >= 1, 'one site\'s volume');
});

test('the entity page: facts, coordinates, the mentions chart, co-mentions, latest articles', async () => {
	const places = await (await page.request.get(base + '/api/places')).json();
	const amman = places.places.find((x) => x.name === 'Amman');
	assert.ok(amman, 'Amman is a place with coordinates');
	await go('#/entity/' + amman.id);
	await page.locator('svg.chart rect.bar').first().waitFor();
	assert.equal(await page.locator('h1').evaluate((e) => e.firstChild.textContent), 'Amman');
	assert.match(await page.locator('h1 .badge').textContent(), /Place/);
	const facts = await page.locator('.facts').textContent();
	assert.match(facts, /31\.9\d° N, 35\.9\d° E/, 'coordinates: ' + facts);
	assert.match(facts, /JO/);
	const e = await (await page.request.get(base + '/api/entities/' + amman.id)).json();
	const bars = page.locator('svg.chart rect.bar');
	assert.equal(await bars.count(), e.days.filter((d) => d.articles > 0).length, 'a bar per day with articles');
	const heights = await bars.evaluateAll((rs) => rs.map((r) => +r.getAttribute('height')));
	assert.ok(heights.every((x) => x > 0), 'bars have heights');
	assert.ok(await page.locator('svg.chart').evaluate((el) => el.getBoundingClientRect().height > 100), 'the chart is drawn');
	assert.ok(await page.locator('.with a.ent').count() >= 3, 'the entities it appears with');
	assert.match(await page.locator('.with a.ent').first().getAttribute('href'), /^#\/entity\/\d+$/);
	assert.equal(await page.locator('.latest li').count(), Math.min(20, e.latest.length));
	await shot('entity');
	// a co-mentioned entity is a link to its page
	const other = page.locator('.with a.ent').first();
	const name = (await other.textContent()).trim();
	await other.click();
	await page.waitForURL(/#\/entity\/\d+$/);
	/* the heading shows "Entity #N" until the entity has loaded: wait for its name */
	await page.waitForFunction((n) => {
		const h = document.querySelector('h1');
		return h && h.firstChild && h.firstChild.textContent === n && h.querySelector('.badge');
	}, name);
	assert.equal(await page.locator('h1').evaluate((x) => x.firstChild.textContent), name);
	allowed = [/status of 404/];
	await go('#/entity/999999');
	await page.locator('.error').waitFor();
	assert.match(await page.locator('.error').textContent(), /no entity 999999/);
});

test('the map: country shapes and a mark per place, sized by articles, each a link', async () => {
	await go('#/map');
	await page.locator('svg.worldmap .mark').first().waitFor();
	assert.ok(await page.locator('svg.worldmap .land path').count() > 150, 'country shapes');
	const places = (await (await page.request.get(base + '/api/places')).json()).places;
	assert.equal(await page.locator('svg.worldmap .mark').count(), places.length, 'a mark per place');
	const amman = places.find((x) => x.name === 'Amman');
	const mark = page.locator('svg.worldmap .mark[data-id="' + amman.id + '"]');
	assert.equal(await mark.count(), 1, "Amman's mark");
	assert.equal(await mark.getAttribute('href'), '#/entity/' + amman.id);
	assert.match(await mark.getAttribute('aria-label'), /^Amman \(JO\): \d+ articles$/);
	// sized by articles: the most written-about place has the largest circle
	const radius = async (id) => +(await page.locator('svg.worldmap .mark[data-id="' + id + '"] circle').getAttribute('r'));
	const least = places[places.length - 1];
	assert.ok(await radius(places[0].id) >= await radius(amman.id));
	assert.ok(await radius(amman.id) > await radius(least.id) || amman.articles === least.articles);
	// Amman sits in Jordan: its circle's centre is inside Jordan's shape on screen
	const inside = await page.evaluate((id) => {
		const c = document.querySelector('svg.worldmap .mark[data-id="' + id + '"] circle').getBoundingClientRect();
		const x = c.left + c.width / 2, y = c.top + c.height / 2;
		const jo = [...document.querySelectorAll('svg.worldmap .land path')].find((p) => p.textContent === 'Jordan');
		const b = jo.getBoundingClientRect();
		return x >= b.left - 2 && x <= b.right + 2 && y >= b.top - 2 && y <= b.bottom + 2;
	}, amman.id);
	assert.ok(inside, "Amman's mark lies in Jordan");
	await shot('map');
	// keyboard: marks are reachable with Tab and Enter follows them
	await mark.focus();
	assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-id')), String(amman.id));
	await page.keyboard.press('Enter');
	await page.waitForURL(new RegExp('#/entity/' + amman.id + '$'));
	await page.locator('svg.chart').waitFor();
	// the table lists the places too, and the period tabs filter
	await go('#/map?since=24h');
	await page.locator('.tabs a[aria-current="page"]').waitFor();
	assert.equal(await page.locator('.tabs a[aria-current="page"]').textContent(), '24 hours');
	await go('#/map');
	await page.locator('table.places a').first().waitFor();
	assert.ok(await page.locator('table.places tbody tr').count() >= 3);
});

test('API failures show a clear error', async () => {
	allowed = [/status of 404/];
	await go('#/article/999999');
	await page.locator('.error').waitFor();
	assert.match(await page.locator('.error').textContent(), /no article 999999/);
	assert.equal(await page.locator('.error').getAttribute('role'), 'alert');
	await go('#/story/999999');
	await page.locator('.error').waitFor();
	assert.match(await page.locator('.error').textContent(), /no story 999999/);
	await go('#/nowhere');
	assert.match(await page.locator('h1').textContent(), /No such page/);
	await shot('error');
});

test('the pages load well under 200 KB of our own assets', async () => {
	let total = 0;
	const seen = [];
	const onResponse = async (r) => {
		const u = new URL(r.url());
		if (u.origin !== base || u.pathname.startsWith('/api/')) return;
		const b = await r.body().catch(() => Buffer.alloc(0));
		total += b.length;
		seen.push(u.pathname);
	};
	page.on('response', onResponse);
	await page.goto('about:blank');
	await go('#/sources');
	await page.locator('svg.chart').waitFor();
	page.off('response', onResponse);
	assert.ok(seen.includes('/js/app.js'), 'assets loaded: ' + seen.join(' '));
	assert.ok(total < 200 * 1024, 'own assets: ' + total + ' bytes');
	// the map page loads the most: the scripts and the country shapes
	total = 0;
	seen.length = 0;
	page.on('response', onResponse);
	await page.goto('about:blank');
	await go('#/map');
	await page.locator('svg.worldmap .mark').first().waitFor();
	page.off('response', onResponse);
	assert.ok(seen.includes('/map/world.json'), 'assets loaded: ' + seen.join(' '));
	assert.ok(total < 150 * 1024, 'own assets of the map page: ' + total + ' bytes');
});

test('watchlists: the list with alert counts and feeds; read-only without a token', async () => {
	const api = await (await page.request.get(base + '/api/watchlists')).json();
	await go('#/watchlists');
	await page.locator('table.watchlists tbody tr').first().waitFor();
	assert.equal(await page.locator('table.watchlists tbody tr').count(), api.watchlists.length);
	const desk = api.watchlists.find((w) => w.name === 'amman-desk');
	assert.ok(desk.alerts >= 5, 'amman-desk alerted: ' + desk.alerts);
	const row = page.locator('table.watchlists tr[data-name="amman-desk"]');
	assert.equal((await row.locator('td.num').textContent()).trim(), String(desk.alerts));
	assert.equal(await row.locator('code.query').textContent(), 'amman');
	assert.equal(await row.locator('a.feed').getAttribute('href'), '/api/watchlists/amman-desk/atom');
	assert.equal(await page.locator('table.watchlists tr[data-name="heat wave"] a.feed').getAttribute('href'), '/api/watchlists/heat%20wave/atom');
	const feed = await page.request.get(base + '/api/watchlists/heat%20wave/atom');
	assert.match(feed.headers()['content-type'], /^application\/atom\+xml/);
	assert.match(await feed.text(), /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
	// read-only: said so, and nothing to add or remove
	assert.match(await page.locator('.tokenbox').textContent(), /read-only/);
	assert.equal(await page.locator('#wl-add, button.danger').count(), 0);
	assert.equal(await page.locator('nav a[data-nav="watchlists"]').getAttribute('aria-current'), 'page');
	await shot('watchlists');
});

test('alerts: per watchlist, linking to the articles, the Atom feed and what the query finds now', async () => {
	const api = await (await page.request.get(base + '/api/alerts?watch=amman-desk&limit=100')).json();
	await go('#/watchlists');
	await page.locator('table.watchlists a', { hasText: 'amman-desk' }).click();
	await page.waitForURL(/#\/alerts\?watch=amman-desk$/);
	await page.locator('li.alert').first().waitFor();
	assert.equal(await page.locator('h1').textContent(), 'Alerts: amman-desk');
	assert.equal(await page.locator('li.alert').count(), api.alerts.length);
	const hrefs = await page.locator('li.alert h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
	assert.deepEqual(hrefs, api.alerts.map((a) => '#/article/' + a.article), 'each alert links to its article, newest first');
	assert.equal(await page.locator('a.feed').getAttribute('href'), '/api/watchlists/amman-desk/atom');
	assert.equal(await page.locator('.tabs a[aria-current="page"]').first().textContent(), 'amman-desk (' + api.alerts.length + ')');
	const test = await (await page.request.get(base + '/api/watchlists/amman-desk/test?limit=10')).json();
	assert.equal(await page.locator('.wtest li').count(), test.hits.length);
	assert.match(await page.locator('.wtest .summary').textContent(), new RegExp(test.total + ' stored articles'));
	await shot('alerts');
	// every watchlist's alerts, and a period
	await go('#/alerts');
	await page.locator('li.alert').first().waitFor();
	const all = await (await page.request.get(base + '/api/alerts?limit=100')).json();
	assert.equal(await page.locator('li.alert').count(), all.alerts.length);
	assert.ok(await page.locator('li.alert a.wl', { hasText: 'heat wave' }).count() >= 1);
	await go('#/alerts?since=24h&watch=nosuch');
	allowed = [/status of 404/];
	await page.locator('.error').waitFor();
	assert.match(await page.locator('.error').textContent(), /no watchlist named 'nosuch'/);
	// an alert opens its article
	await go('#/alerts?watch=amman-desk');
	await page.locator('li.alert h2 a').first().click();
	await page.waitForURL(new RegExp('#/article/' + api.alerts[0].article + '$'));
	await page.locator('.article h1').waitFor();
});

test('watchlists with a token: add from the keyboard, a bad query shown at its column, remove', async () => {
	await page.goto(base2 + '/#/watchlists');
	await page.locator('#token-form').waitFor();
	assert.equal(await page.locator('#wl-add').count(), 0, 'no form before the token');
	await page.locator('#token').fill(TOKEN);
	await page.keyboard.press('Enter');
	await page.locator('#wl-add').waitFor();
	assert.ok(!page.url().includes(TOKEN), 'the token is not in the URL');
	assert.equal(await page.evaluate(() => sessionStorage.getItem('sitrep-token')), TOKEN);
	// a bad query: the error and the query's column, as the API says
	const bad = 'amman AND (water OR';
	const r = await page.request.post(base2 + '/api/watchlists', { headers: { Authorization: 'Bearer ' + TOKEN, 'Content-Type': 'application/json' }, data: JSON.stringify({ name: 'x', query: bad }) });
	const col = (await r.json()).error.column;
	assert.ok(col > 1, 'the API gives a column: ' + col);
	allowed = [/status of 400/];
	await page.locator('#wl-name').focus();
	await page.keyboard.type('desk-bad');
	await page.keyboard.press('Tab');
	await page.keyboard.type(bad);
	await page.keyboard.press('Enter');
	await page.locator('#query-hint').waitFor();
	assert.match(await page.locator('.formout .error').textContent(), /Bad query/);
	assert.equal(await page.locator('#query-hint code').first().textContent(), bad.slice(0, col - 1));
	assert.equal(await page.locator('#query-hint code.here').textContent(), bad.slice(col - 1) || ' ');
	assert.equal(await page.locator('#wl-query').getAttribute('aria-invalid'), 'true');
	assert.equal(await page.evaluate(() => document.activeElement.id), 'wl-query', 'the cursor is back in the query');
	assert.equal(await page.evaluate(() => document.activeElement.selectionStart), col - 1, 'at the column');
	await shot('watchlists-bad-query');
	// a good one
	await page.locator('#wl-query').fill('zanzibar OR ferry');
	await page.keyboard.press('Enter');
	await page.locator('table.watchlists tr[data-name="desk-bad"]').waitFor();
	assert.equal(await page.locator('table.watchlists tr[data-name="desk-bad"] code.query').textContent(), 'zanzibar OR ferry');
	assert.equal(await page.evaluate(() => document.activeElement.id), 'wl-name', 'ready for the next one');
	await shot('watchlists-added');
	// remove it from the keyboard: Enter arms the button, Enter again removes
	const rm = page.locator('table.watchlists tr[data-name="desk-bad"] button.danger');
	assert.equal(await rm.getAttribute('aria-label'), 'Remove watchlist desk-bad');
	await rm.focus();
	await page.keyboard.press('Enter');
	assert.equal(await rm.textContent(), 'Really remove?');
	await page.keyboard.press('Enter');
	await page.locator('table.watchlists tr[data-name="desk-bad"]').waitFor({ state: 'detached' });
	const left = await (await page.request.get(base2 + '/api/watchlists')).json();
	assert.ok(!left.watchlists.some((w) => w.name === 'desk-bad'), 'removed from the store');
	await page.locator('#token-forget').click();
	await page.locator('#token-form').waitFor();
	assert.equal(await page.evaluate(() => sessionStorage.getItem('sitrep-token')), null);
});

test('sources: the health table; add and remove with a token', async () => {
	const api = await (await page.request.get(base + '/api/sources')).json();
	await go('#/sources');
	await page.locator('table.health tbody tr').first().waitFor();
	assert.equal(await page.locator('table.health tbody tr').count(), api.sources.length);
	const row = page.locator('table.health tbody tr').first();
	const cells = await row.locator('td').allTextContents();
	assert.equal(cells[0], 'feed');
	assert.match(cells[1], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/, 'last success: ' + cells[1]);
	assert.match(cells[2], /HTTP 503 from the server/, 'last error: ' + cells[2]);
	assert.deepEqual(cells.slice(3, 6), ['3', '3', '40m'], 'items 24 h, 7 d, typical delay');
	assert.match(await row.locator('th').textContent(), /Ledger feed/);
	assert.equal(await row.getAttribute('class'), 'failing');
	assert.equal(await page.locator('#src-add, table.health button').count(), 0, 'read-only: no add or remove');
	assert.ok(await page.locator('svg.chart rect.bar').count() > 0, 'the volume chart is still there');
	await shot('sources-health');
	// one source's volume: the articles it brought
	await row.locator('th a.vol-link').click();
	await page.waitForURL(/source=1/);
	await page.locator('figure.volume figcaption', { hasText: 'Ledger feed' }).waitFor();
	assert.match(await page.locator('figure.volume figcaption').textContent(), /: 2 in all\./);
	assert.match(await page.locator('svg.chart title').first().textContent(), /Ledger feed/);
	await shot('sources-one-source');
	// with the token
	await page.goto(base2 + '/#/sources');
	await page.locator('#token').fill(TOKEN);
	await page.locator('#token-form button').click();
	await page.locator('#src-add').waitFor();
	allowed = [/status of 400/];
	await page.locator('#src-url').fill('https://desk.example.org/world');
	await page.locator('#src-add button[type=submit]').click();
	await page.locator('#src-add .error').waitFor();
	assert.match(await page.locator('#src-add .error').textContent(), /give "kind"/);
	await page.locator('#src-url').fill('https://desk.example.org/news/rss.xml');
	await page.locator('#src-name').fill('Desk feed');
	await page.locator('#src-every').fill('30m');
	await page.locator('#src-add button[type=submit]').click();
	await page.locator('table.health tbody tr', { hasText: 'Desk feed' }).waitFor();
	const added = page.locator('table.health tbody tr', { hasText: 'Desk feed' });
	assert.deepEqual((await added.locator('td').allTextContents()).slice(0, 2), ['feed', 'never']);
	assert.equal((await added.locator('td.num').last().textContent()), '30m');
	await shot('sources-added');
	await added.locator('button.danger').click();
	await added.locator('button.danger', { hasText: 'Really remove?' }).click();
	await page.locator('table.health tbody tr', { hasText: 'Desk feed' }).waitFor({ state: 'detached' });
	assert.equal(await page.locator('table.health tbody tr').count(), api.sources.length);
	await page.locator('#token-forget').click();
});

test('rising: names above their own baseline, as the API computes them, linked to their pages', async () => {
	await go('#/rising');
	await page.locator('.tabs a[aria-current="page"]').first().waitFor();
	assert.equal(await page.locator('nav a[data-nav="rising"]').getAttribute('aria-current'), 'page');
	// the sample's articles are days old: the page offers the newest article's time
	await page.locator('#at-last').click();
	await page.waitForURL(/#\/rising\?.*at=/);
	await page.locator('.tabs a', { hasText: 'Any rise' }).click();
	await page.waitForURL(/level=any/);
	await page.locator('table.rising tbody tr').first().waitFor();
	const at = new URL(page.url().replace('#/rising', 'rising')).searchParams.get('at');
	const api = await (await page.request.get(base + '/api/trends?since=24h&min_z=1&min_count=1&limit=50&at=' + at)).json();
	assert.ok(api.trends.length > 0);
	assert.equal(await page.locator('table.rising tbody tr').count(), api.trends.length);
	const names = await page.locator('table.rising tbody th a').allTextContents();
	assert.deepEqual(names, api.trends.map((t) => t.name));
	assert.equal(await page.locator('table.rising tbody td .z').first().textContent(), api.trends[0].z.toFixed(1));
	await shot('rising');
	await page.locator('table.rising tbody th a').first().click();
	await page.waitForURL(new RegExp('#/entity/' + api.trends[0].id + '$'));
	await page.locator('svg.chart').waitFor();
});

test('the article view highlights its quotes in the text, with their speakers', async () => {
	const hits = await (await page.request.get(base + '/api/search?q=' + encodeURIComponent('"liaison office"') + '&source=' + encodeURIComponent('Amman Ledger'))).json();
	const a = await (await page.request.get(base + '/api/articles/' + hits.hits[0].id)).json();
	assert.ok(a.quotes.length >= 1, 'the article has quotes');
	await go('#/article/' + a.id);
	await page.locator('.text .quote').first().waitFor();
	const bytes = new TextEncoder().encode(a.text);
	const squash = (x) => x.replace(/\s+/g, '');
	for (const q of a.quotes) {
		const shown = await page.locator('.text .quote[data-quote="' + q.id + '"]').allTextContents();
		assert.ok(shown.length >= 1, 'quote ' + q.id + ' is highlighted');
		assert.equal(squash(shown.join('')), squash(new TextDecoder().decode(bytes.subarray(q.start, q.end))), 'its span is the API\'s');
		assert.equal(await page.locator('.text .quote[data-quote="' + q.id + '"]').first().getAttribute('title'),
			q.speaker ? 'Quote: ' + q.speaker : 'Quote (speaker unknown)');
	}
	// the text reads the same, and mentions inside quotes are still highlighted
	assert.equal(squash(await page.locator('.article .text').textContent()), squash(a.text));
	assert.ok(await page.locator('.text .quote .ment').count() + await page.locator('.text .ment').count() > 0);
	await page.locator('.text .quote').first().scrollIntoViewIfNeeded();
	await shot('article-quotes');
});
