// article.js - #/article/ID: metadata, the text as paragraphs with its quotes and entity
// mentions highlighted (DOM text nodes and spans, never markup), the raw download, and the
// entities (links to their pages) and quotes sections, shown when the API gives them.
import { get } from './api.js';
import { h, replace } from './dom.js';
import { bytes, date, dir, unix } from './format.js';
import { entityLink, TYPE_GROUPS, TYPE_NAMES } from './entity.js';
import { errorBox, facts, heading, loading } from './ui.js';

function link(url) {
	return url ? h('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank', class: 'ext' }, url) : null;
}

// Text with entity mentions [{start, end, id, type, name}] ([start, end) UTF-8 byte offsets
// into text, as the API gives them) wrapped in <span class="ment ment-TYPE">: the text is cut
// as bytes and each piece decoded and added as a text node; overlapping or out-of-range
// mentions are skipped.
export function mentionSpans(text, ments) {
	const frag = document.createDocumentFragment();
	const bytes = new TextEncoder().encode(text || '');
	const dec = new TextDecoder();
	let at = 0;
	for (const m of [...(ments || [])].sort((a, b) => a.start - b.start)) {
		if (!(m.start >= at && m.start < m.end && m.end <= bytes.length)) continue;
		if (m.start > at) frag.appendChild(document.createTextNode(dec.decode(bytes.subarray(at, m.start))));
		const type = String(m.type || 'MISC');
		frag.appendChild(h('span', { class: 'ment ment-' + type.toLowerCase().replace(/[^a-z]/g, ''),
			'data-entity': m.id, title: (TYPE_NAMES[type] || type) + ': ' + (m.name || '') },
		dec.decode(bytes.subarray(m.start, m.end))));
		at = m.end;
	}
	if (at < bytes.length) frag.appendChild(document.createTextNode(dec.decode(bytes.subarray(at))));
	return frag;
}

// Text with quotes [{start, end, speaker}] wrapped in <span class="quote"> and the mentions
// inside and between them highlighted as mentionSpans does (all [start, end) UTF-8 byte
// offsets into text).  A quote out of range or overlapping the one before is skipped; a
// mention that crosses a quote's edge is not highlighted.
export function quoteSpans(text, quotes, ments) {
	const frag = document.createDocumentFragment();
	const bytes = new TextEncoder().encode(text || '');
	const dec = new TextDecoder();
	const part = (a, b) => {
		const t = dec.decode(bytes.subarray(a, b));
		const mine = (ments || []).filter((m) => m.start >= a && m.end <= b).map((m) => ({ ...m, start: m.start - a, end: m.end - a }));
		return mine.length ? mentionSpans(t, mine) : document.createTextNode(t);
	};
	let at = 0;
	for (const q of [...(quotes || [])].sort((x, y) => x.start - y.start)) {
		if (!(q.start >= at && q.start < q.end && q.end <= bytes.length)) continue;
		if (q.start > at) frag.appendChild(part(at, q.start));
		frag.appendChild(h('span', { class: 'quote', 'data-quote': q.id, title: q.speaker ? 'Quote: ' + q.speaker : 'Quote (speaker unknown)' },
			part(q.start, q.end)));
		at = q.end;
	}
	if (at < bytes.length) frag.appendChild(part(at, bytes.length));
	return frag;
}

// Paragraphs: blocks of the extracted text are separated by blank lines.  Each block keeps
// its byte range in the text so the quotes and mentions in it can be highlighted (a quote
// that runs over several paragraphs is highlighted in each).
function paragraphs(text, lang, ments, quotes) {
	text = text || '';
	const enc = new TextEncoder();
	const parts = [];
	const re = /\n\s*\n/g;
	let last = 0, m;
	while ((m = re.exec(text))) {
		parts.push([last, m.index]);
		last = m.index + m[0].length;
	}
	parts.push([last, text.length]);
	let cpos = 0, byte = 0;
	const byteAt = (c) => { // c never decreases
		byte += enc.encode(text.slice(cpos, c)).length;
		cpos = c;
		return byte;
	};
	const list = (ments || []).filter((x) => !x.in_title && typeof x.start === 'number' && typeof x.end === 'number');
	const qs = (quotes || []).filter((x) => x && typeof x.start === 'number' && typeof x.end === 'number' && x.start < x.end);
	const blocks = [];
	for (const [a, b] of parts) {
		const raw = text.slice(a, b);
		const body = raw.trim();
		if (!body) continue;
		const cs = a + (raw.length - raw.trimStart().length);
		const bs = byteAt(cs), be = byteAt(cs + body.length);
		const mine = list.filter((x) => x.start >= bs && x.end <= be).map((x) => ({ ...x, start: x.start - bs, end: x.end - bs }));
		const myq = qs.filter((x) => x.start < be && x.end > bs).map((x) => ({ ...x, start: Math.max(x.start, bs) - bs, end: Math.min(x.end, be) - bs }));
		blocks.push(h('p', {}, myq.length ? quoteSpans(body, myq, mine) : mine.length ? mentionSpans(body, mine) : body));
	}
	return h('div', { class: 'text', lang: lang || null, dir: dir(lang) },
		blocks.length ? blocks : h('p', { class: 'empty' }, '(no text)'));
}

// entities: the article's mentions [{id, type, name, start, end, in_title}] (older shapes,
// {name|text, type|label, count?} or strings, are read too); one link per entity, grouped by
// type, with how often the article names it.
function entitiesView(list) {
	if (!Array.isArray(list) || !list.length) return null;
	const byKey = new Map();
	for (const e of list) {
		const name = typeof e === 'string' ? e : e.name || e.text || e.value;
		if (!name) continue;
		const type = (typeof e === 'object' && (e.type || e.label)) || 'other';
		const key = typeof e === 'object' && e.id ? 'id:' + e.id : type + ':' + name;
		const cur = byKey.get(key) || { id: typeof e === 'object' ? e.id : undefined, name, type, count: 0 };
		cur.count += typeof e === 'object' && typeof e.count === 'number' ? e.count : 1;
		byKey.set(key, cur);
	}
	const groups = new Map();
	for (const e of [...byKey.values()].sort((a, b) => b.count - a.count)) {
		if (!groups.has(e.type)) groups.set(e.type, []);
		groups.get(e.type).push(e);
	}
	if (!groups.size) return null;
	const order = ['PER', 'ORG', 'LOC', 'MISC'];
	const rank = (t) => (order.indexOf(t) < 0 ? order.length : order.indexOf(t));
	const sorted = [...groups].sort((a, b) => rank(a[0]) - rank(b[0]));
	return h('section', { class: 'entities', 'aria-labelledby': 'ent-h' },
		h('h2', { id: 'ent-h' }, 'Entities'),
		sorted.map(([type, items]) => h('div', { class: 'entgroup' },
			h('h3', {}, TYPE_GROUPS[type] || type),
			h('ul', { class: 'tags' }, items.map((e) => h('li', { class: 'ent ent-' + String(type).toLowerCase().replace(/[^a-z]/g, '') },
				e.id ? entityLink(e, e.count + (e.count === 1 ? ' mention' : ' mentions') + ' here') : e.name,
				e.count > 1 ? h('span', { class: 'count' }, '×' + e.count) : null))))));
}

// quotes: [{text|quote, speaker?}]
function quotesView(list) {
	if (!Array.isArray(list) || !list.length) return null;
	const items = list.map((q) => {
		const text = typeof q === 'string' ? q : q.text || q.quote;
		if (!text) return null;
		const who = typeof q === 'object' ? q.speaker || q.who : null;
		return h('li', {}, h('blockquote', {}, text), who ? h('p', { class: 'speaker' }, '— ', who) : null);
	}).filter(Boolean);
	if (!items.length) return null;
	return h('section', { class: 'quotes', 'aria-labelledby': 'quo-h' }, h('h2', { id: 'quo-h' }, 'Quotes'), h('ul', {}, items));
}

export async function render(view, id, p, ctx) {
	replace(view, heading('Article #' + id), loading('the article'));
	let a;
	try {
		a = await get('articles/' + encodeURIComponent(id));
	} catch (e) {
		replace(view, heading('Article #' + id), errorBox(e, 'Cannot show this article'));
		return;
	}
	if (!ctx.current()) return;
	const ments = Array.isArray(a.entities) ? a.entities.filter((x) => x && typeof x === 'object') : [];
	const inTitle = ments.filter((x) => x.in_title && typeof x.start === 'number');
	const t = heading(a.title ? (inTitle.length ? mentionSpans(a.title, inTitle) : a.title) : '(untitled #' + a.id + ')');
	if (a.lang) t.setAttribute('lang', a.lang);
	t.setAttribute('dir', dir(a.lang));
	const meta = facts([
		['Outlet', a.site_name],
		['Published', a.published ? h('time', { datetime: a.published }, date(a.published)) : null],
		['Modified', a.modified ? date(a.modified) : null],
		['By', (a.authors || []).join(', ')],
		['Section', a.section],
		['Language', a.lang],
		['Tags', (a.tags || []).join(', ')],
		['URL', link(a.url)],
		['Canonical URL', a.canonical_url && a.canonical_url !== a.url ? link(a.canonical_url) : null],
		['Source', a.source],
		['Fetched', unix(a.fetched_at)],
		['Ingested', unix(a.ingested_at)],
		['Size', typeof a.size === 'number' ? bytes(a.size) + (a.content_type ? ' (' + a.content_type + ')' : '') : null],
	]);
	const actions = h('p', { class: 'actions' },
		h('a', { href: '/api/articles/' + a.id + '/raw', download: 'article-' + a.id, class: 'button' }, 'Download the original'),
		' ', h('a', { href: '/api/articles/' + a.id, class: 'button secondary' }, 'JSON'),
		' ', h('a', { href: '#/search', class: 'button secondary', id: 'back' }, 'Back'));
	// the description, unless the text opens with it (many pages repeat it as a first paragraph)
	const squash = (x) => (x || '').replace(/\s+/g, ' ').trim();
	const showDesc = a.description && !squash(a.text).startsWith(squash(a.description).slice(0, 200));
	const desc = showDesc ? h('p', { class: 'standfirst', lang: a.lang || null, dir: dir(a.lang) }, a.description) : null;
	replace(view, h('article', { class: 'article' },
		t, meta, actions, desc,
		entitiesView(a.entities),
		quotesView(a.quotes),
		h('section', { 'aria-label': 'Text' }, paragraphs(a.text, a.lang, ments, Array.isArray(a.quotes) ? a.quotes : []))));
	const back = view.querySelector('#back');
	back.addEventListener('click', (ev) => {
		if (history.length > 1) {
			ev.preventDefault();
			history.back();
		}
	});
}
