// search.js - #/search?q=&source=&lang=&day=&offset=: ranked hits with highlighted snippets,
// copies and outlets, facets that filter, the people, organisations and places mentioned
// (links to their entity pages), paging.
import { get } from './api.js';
import { h, highlighted, replace } from './dom.js';
import { date, dir, num, plural } from './format.js';
import { entityLink } from './entity.js';
import { empty, errorBox, heading, loading, route } from './ui.js';

const PAGE = 10;
const ENTITY_FACETS = [['people', 'People', 'PER'], ['organizations', 'Organisations', 'ORG'], ['places', 'Places', 'LOC']];
const FILTERS = [
	['source', 'sources', 'Sources'],
	['lang', 'languages', 'Languages'],
	['day', 'days', 'Days'],
];

function params(p) {
	const o = { q: p.get('q') || '' };
	for (const [k] of FILTERS) o[k] = p.get(k) || '';
	o.offset = Math.max(0, parseInt(p.get('offset') || '0', 10) || 0);
	return o;
}

function hitView(hit) {
	const meta = [];
	if (hit.site_name) meta.push(h('span', { class: 'outlet' }, hit.site_name));
	if (hit.published) meta.push(h('time', { datetime: hit.published }, date(hit.published)));
	if (hit.lang) meta.push(h('span', { class: 'lang' }, hit.lang));
	if (hit.story) meta.push(h('a', { href: route('story/' + hit.story), class: 'storylink' }, 'story #' + hit.story));
	const parts = [];
	meta.forEach((m, i) => parts.push(i ? ' · ' : null, m));
	let copies = null;
	if (hit.copies > 0) {
		copies = h('p', { class: 'copies' },
			'Also carried as ' + plural(hit.copies, 'other copy', 'other copies'),
			hit.outlets && hit.outlets.length ? ' by ' + hit.outlets.join(', ') : '');
	}
	return h('li', { class: 'hit' },
		h('h2', {}, h('a', { href: route('article/' + hit.id), lang: hit.lang || null, dir: dir(hit.lang) },
			hit.title || '(untitled #' + hit.id + ')')),
		h('p', { class: 'meta' }, parts),
		h('p', { class: 'snippet', lang: hit.lang || null, dir: dir(hit.lang) }, highlighted(hit.snippet, hit.highlights)),
		copies);
}

function facetsView(o, facets) {
	const box = h('aside', { class: 'facets', 'aria-label': 'Filters' });
	const active = FILTERS.filter(([k]) => o[k]);
	if (active.length) {
		const ul = h('ul', { class: 'chips' });
		for (const [k, , title] of active) {
			const without = { ...o, [k]: '', offset: 0 };
			ul.append(h('li', {}, h('a', { href: route('search', without), class: 'chip', title: 'Remove this filter', 'aria-label': 'Remove the filter ' + k + ': ' + o[k] },
				title.replace(/s$/, '') + ': ' + o[k] + ' ✕')));
		}
		box.append(h('h2', {}, 'Filters'), ul);
	}
	for (const [k, key, title] of FILTERS) {
		const values = (facets && facets[key]) || [];
		if (!values.length) continue;
		const ul = h('ul', { class: 'facet' });
		for (const v of values) {
			const label = v.value === null ? '(none given)' : v.value;
			const count = h('span', { class: 'count' }, num(v.count));
			if (v.value === null || o[k] === v.value) {
				ul.append(h('li', { class: o[k] === v.value ? 'on' : 'off' }, h('span', {}, label), count));
			} else {
				ul.append(h('li', {}, h('a', { href: route('search', { ...o, [k]: v.value, offset: 0 }), dir: 'auto' }, label), count));
			}
		}
		box.append(h('h2', {}, title), ul);
	}
	// the people, organisations and places the matching articles mention: links to their pages
	for (const [key, title, type] of ENTITY_FACETS) {
		const values = ((facets && facets[key]) || []).filter((v) => v.id && v.value);
		if (!values.length) continue;
		box.append(h('h2', {}, title), h('ul', { class: 'facet entfacet' }, values.slice(0, 10).map((v) => h('li', {},
			entityLink({ id: v.id, type, name: v.value }, plural(v.count, 'matching article')), h('span', { class: 'count' }, num(v.count))))));
	}
	return box;
}

function pager(o, total, shown) {
	const nav = h('nav', { class: 'pager', 'aria-label': 'Pages of results' });
	if (o.offset > 0)
		nav.append(h('a', { href: route('search', { ...o, offset: Math.max(0, o.offset - PAGE) }), rel: 'prev' }, '← Previous'));
	nav.append(h('span', {}, 'Results ' + num(o.offset + 1) + '–' + num(o.offset + shown) + ' of ' + num(total)));
	if (o.offset + shown < total)
		nav.append(h('a', { href: route('search', { ...o, offset: o.offset + PAGE }), rel: 'next' }, 'Next →'));
	return nav;
}

export async function render(view, p, ctx) {
	const o = params(p);
	ctx.setQuery(o.q);
	if (!o.q.trim()) {
		replace(view, heading('Search'),
			h('p', {}, 'Type a query in the box above and press Enter. ',
				'Examples: ', h('a', { href: route('search', { q: 'amman' }) }, 'amman'), ', ',
				h('a', { href: route('search', { q: '"liaison office"' }) }, '"liaison office"'), ', ',
				h('a', { href: route('search', { q: 'title:water OR title:heat' }) }, 'title:water OR title:heat'), '.'));
		return;
	}
	replace(view, heading('Search: ' + o.q), loading('results'));
	let d;
	try {
		d = await get('search', { q: o.q, source: o.source, lang: o.lang, day: o.day, offset: o.offset, limit: PAGE, facets: 'true' });
	} catch (e) {
		const hint = e.column ? h('p', { class: 'hint' }, 'The query went wrong at column ' + e.column + ': ',
			h('code', {}, o.q.slice(0, e.column - 1)), h('code', { class: 'here' }, o.q.slice(e.column - 1) || ' ')) : null;
		replace(view, heading('Search: ' + o.q), errorBox(e, e.column ? 'Bad query' : 'Search failed'), hint);
		return;
	}
	if (!ctx.current()) return; // the reader moved on
	const summary = h('p', { class: 'summary', role: 'status' },
		d.total ? plural(d.total, 'result') : 'No results', o.source || o.lang || o.day ? ' with the filters' : '', '.');
	const list = h('ol', { class: 'hits', start: String(o.offset + 1) }, d.hits.map(hitView));
	const main = h('div', { class: 'results' }, summary,
		d.hits.length ? list : empty(d.total ? 'No more results: go back a page.' : 'Nothing matches. Try fewer words, OR, or a prefix*.'),
		d.total ? pager(o, d.total, d.hits.length) : null);
	replace(view, heading('Search: ' + o.q), h('div', { class: 'with-side' }, main, facetsView(o, d.facets)));
}
