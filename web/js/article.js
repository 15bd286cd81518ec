// article.js - #/article/ID: metadata, the text as paragraphs, the raw download, and the
// entities and quotes sections, shown when the API gives them (hidden when it does not).
import { get } from './api.js';
import { h, replace } from './dom.js';
import { bytes, date, dir, unix } from './format.js';
import { errorBox, facts, heading, loading } from './ui.js';

function link(url) {
	return url ? h('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank', class: 'ext' }, url) : null;
}

// Paragraphs: blocks of the extracted text are separated by blank lines.
function paragraphs(text, lang) {
	const blocks = (text || '').split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean);
	return h('div', { class: 'text', lang: lang || null, dir: dir(lang) },
		blocks.length ? blocks.map((b) => h('p', {}, b)) : h('p', { class: 'empty' }, '(no text)'));
}

// entities: [{name|text, type|label, count?}] (or strings); shown grouped by type.
function entitiesView(list) {
	if (!Array.isArray(list) || !list.length) return null;
	const groups = new Map();
	for (const e of list) {
		const name = typeof e === 'string' ? e : e.name || e.text || e.value;
		if (!name) continue;
		const type = (typeof e === 'object' && (e.type || e.label)) || 'other';
		if (!groups.has(type)) groups.set(type, []);
		groups.get(type).push([name, typeof e === 'object' ? e.count : undefined]);
	}
	if (!groups.size) return null;
	return h('section', { class: 'entities', 'aria-labelledby': 'ent-h' },
		h('h2', { id: 'ent-h' }, 'Entities'),
		[...groups].map(([type, names]) => h('div', { class: 'entgroup' },
			h('h3', {}, type),
			h('ul', { class: 'tags' }, names.map(([n, c]) => h('li', { class: 'ent ent-' + String(type).toLowerCase().replace(/[^a-z]/g, '') }, n,
				c > 1 ? h('span', { class: 'count' }, '×' + c) : null))))));
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
	const title = a.title || '(untitled #' + a.id + ')';
	const t = heading(title);
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
		h('section', { 'aria-label': 'Text' }, paragraphs(a.text, a.lang))));
	const back = view.querySelector('#back');
	back.addEventListener('click', (ev) => {
		if (history.length > 1) {
			ev.preventDefault();
			history.back();
		}
	});
}
