// ner_compromise.mjs - the npm package compromise as a named-entity tagger, scored like sitrep's.
//
//   node bench/ner_compromise.mjs [-r SECONDS] [--sitrep-pred PRED] FILE.conll
//
// Reads FILE (CoNLL format: token first, gold tag last, IOB1 or IOB2, -DOCSTART- between
// documents), joins each document's tokens with single spaces (sentences too) and runs
// compromise's people(), places() and organizations() over it.  Each match is mapped back to
// the tokens its characters cover (punctuation-only tokens at its edges dropped: compromise
// counts trailing punctuation into a match) and tagged PER, LOC or ORG; where matches
// overlap, the first one (by position) wins.  Scored as conlleval does (exact entity spans and
// types), over PER/ORG/LOC only: compromise has no MISC, so MISC is removed from gold and
// predictions alike.  Prints precision, recall and F1 overall and per type, then tokens per
// second: the best of the timed passes (nlp() plus the three lookups, whole file), by the
// wall clock and by this process's CPU time.
//
// With --sitrep-pred PRED (the output of `sitrep eval-ner --out PRED FILE`: token gold
// predicted), scores sitrep's predictions with this same scorer, as a cross-check of the
// figure sitrep prints itself.
import { readFileSync } from 'node:fs';
import nlp from 'compromise';

const TYPES = ['PER', 'ORG', 'LOC'];
const TYPES4 = [...TYPES, 'MISC'];

function usage() {
	console.error('usage: node ner_compromise.mjs [-r SECONDS] [--sitrep-pred PRED] FILE.conll');
	process.exit(2);
}

let secs = 3, predFile = null, file = null;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
	if (args[i] === '-r' && i + 1 < args.length) secs = Number(args[++i]);
	else if (args[i] === '--sitrep-pred' && i + 1 < args.length) predFile = args[++i];
	else if (args[i].startsWith('-') || file) usage();
	else file = args[i];
}
if (!file) usage();

// A CoNLL file: documents of sentences of {tok, tag} (the last column).
function readConll(path) {
	const docs = [];
	let doc = [], sent = [];
	const endSent = () => { if (sent.length) doc.push(sent); sent = []; };
	const endDoc = () => { endSent(); if (doc.length) docs.push(doc); doc = []; };
	for (const line of readFileSync(path, 'utf8').split('\n')) {
		const f = line.trim().split(/\s+/);
		if (f.length < 2 || f[0] === '') { endSent(); continue; }
		if (f[0] === '-DOCSTART-') { endDoc(); continue; }
		sent.push({ tok: f[0], tag: f[f.length - 1] });
	}
	endDoc();
	return docs;
}

// Entities of one sentence's tags, as conlleval reads them (IOB1 and IOB2 alike): a chunk
// starts at a B- tag, or at an I- tag after O or after another type.  MISC and other types
// outside TYPES count as O.  Returns "start:end:TYPE" keys with start offset base.
function chunks(tags, base, out, types) {
	let cur = null, start = 0;
	const flush = (end) => { if (cur) out.push(`${base + start}:${base + end}:${cur}`); cur = null; };
	for (let i = 0; i < tags.length; i++) {
		const t = tags[i];
		let type = t === 'O' ? null : t.slice(2);
		if (type && !types.includes(type)) type = null;
		const b = type && (t[0] === 'B' || t[0] === 'U' || type !== cur);
		if (!type || b) flush(i);
		if (b) { cur = type; start = i; }
	}
	flush(tags.length);
}

function score(goldSents, predSents, types = TYPES) {
	const gold = [], pred = [];
	let base = 0;
	for (let s = 0; s < goldSents.length; s++) {
		chunks(goldSents[s], base, gold, types);
		chunks(predSents[s], base, pred, types);
		base += goldSents[s].length;
	}
	const res = {};
	for (const type of [...types, 'ALL']) {
		const g = gold.filter((k) => type === 'ALL' || k.endsWith(':' + type));
		const p = new Set(pred.filter((k) => type === 'ALL' || k.endsWith(':' + type)));
		const tp = g.filter((k) => p.has(k)).length;
		const P = p.size ? tp / p.size : 0, R = g.length ? tp / g.length : 0;
		res[type] = { P, R, F: P + R ? (2 * P * R) / (P + R) : 0, gold: g.length, pred: p.size };
	}
	return res;
}

const pct = (x) => (100 * x).toFixed(2);
function report(name, r) {
	const per = TYPES.map((t) => `${t} ${pct(r[t].F)}`).join(', ');
	console.log(`${name}: F1 ${pct(r.ALL.F)} (P ${pct(r.ALL.P)} R ${pct(r.ALL.R)}) over PER/ORG/LOC; ` +
		`per type ${per}`);
}

const docs = readConll(file);
// The text of each document and each token's [start, end) in it (UTF-16 offsets, as in JS).
const texts = docs.map((doc) => {
	let text = '';
	const spans = [];
	for (const sent of doc) {
		for (const w of sent) {
			if (text) text += ' ';
			spans.push([text.length, text.length + w.tok.length]);
			text += w.tok;
		}
	}
	return { text, spans };
});
const ntok = texts.reduce((n, t) => n + t.spans.length, 0);

const KINDS = [['people', 'PER'], ['places', 'LOC'], ['organizations', 'ORG']];
// compromise over one document: its matches as [start, end, TYPE] in characters.
function run(text) {
	const d = nlp(text);
	const out = [];
	for (const [fn, type] of KINDS) {
		for (const m of d[fn]().json({ offset: true, terms: false, text: false })) {
			out.push([m.offset.start, m.offset.start + m.offset.length, type]);
		}
	}
	return out;
}

const alnum = /[\p{L}\p{N}]/u;
function toTags(doc, spans, matches) {
	const flat = doc.flat();
	const tags = new Array(flat.length).fill('O');
	matches.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
	for (const [s, e, type] of matches) {
		let lo = -1, hi = -1;
		for (let i = 0; i < spans.length; i++) { // spans are sorted: a binary search is not worth it here
			if (spans[i][1] <= s || spans[i][0] >= e) continue;
			if (!alnum.test(flat[i].tok)) continue;
			if (lo < 0) lo = i;
			hi = i;
		}
		if (lo < 0) continue;
		let free = true;
		for (let i = lo; i <= hi; i++) if (tags[i] !== 'O') free = false;
		if (!free) continue;
		for (let i = lo; i <= hi; i++) tags[i] = (i === lo ? 'B-' : 'I-') + type;
	}
	// back into sentences
	const out = [];
	let k = 0;
	for (const sent of doc) { out.push(tags.slice(k, k + sent.length)); k += sent.length; }
	return out;
}

// first pass: predictions for the score (and a warm-up)
const goldSents = [], predSents = [];
for (let d = 0; d < docs.length; d++) {
	const p = toTags(docs[d], texts[d].spans, run(texts[d].text));
	for (let s = 0; s < docs[d].length; s++) {
		goldSents.push(docs[d][s].map((w) => w.tag));
		predSents.push(p[s]);
	}
}
const version = nlp.version;
report(`compromise ${version} (people/places/organizations)`, score(goldSents, predSents));
const r4 = score(goldSents, predSents, TYPES4).ALL;
console.log(`compromise ${version}: F1 ${pct(r4.F)} (P ${pct(r4.P)} R ${pct(r4.R)}) over ` +
	'PER/ORG/LOC/MISC, with the MISC it cannot find counted as missed');

// timed passes: nlp() and the three lookups over every document
let best = Infinity, bestCpu = Infinity, total = 0, passes = 0;
while (total < secs || passes < 2) {
	const t0 = process.hrtime.bigint(), c0 = process.cpuUsage();
	for (const t of texts) run(t.text);
	const dt = Number(process.hrtime.bigint() - t0) / 1e9;
	const c = process.cpuUsage(c0), dc = (c.user + c.system) / 1e6;
	total += dt;
	passes++;
	best = Math.min(best, dt);
	bestCpu = Math.min(bestCpu, dc);
}
console.log(`compromise ${version}: ${ntok} tokens, ${docs.length} documents; ` +
	`${Math.round(ntok / best)} tokens/s wall, ${Math.round(ntok / bestCpu)} tokens per CPU second ` +
	`(best of ${passes} passes, document at a time, node ${process.version})`);

if (predFile) {
	const sg = [], sp = [];
	let g = [], p = [];
	for (const line of readFileSync(predFile, 'utf8').split('\n')) {
		const f = line.trim().split(/\s+/);
		if (f.length < 3) {
			if (g.length) { sg.push(g); sp.push(p); }
			g = []; p = [];
			continue;
		}
		g.push(f[f.length - 2]);
		p.push(f[f.length - 1]);
	}
	if (g.length) { sg.push(g); sp.push(p); }
	report('sitrep (its --out predictions, this scorer)', score(sg, sp));
}
