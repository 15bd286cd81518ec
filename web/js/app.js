// app.js - the dashboard: hash routes, the search box, keyboard shortcuts.
//
//   #/search?q=&source=&lang=&day=&offset=   search (search.js)
//   #/article/ID                             one article (article.js)
//   #/stories?since=                         recent stories (stories.js)
//   #/story/ID                               one story
//   #/sources?site=&days=                    counts and volume over time (sources.js)
//   #/entity/ID                              one entity (entity.js)
//   #/map?since=&at=                         the places mentioned, on a map (map.js)
//   #/watchlists                             watchlists: add, remove, feeds (watch.js)
//   #/alerts?watch=&since=                   what the watchlists caught (watch.js)
//   #/rising?since=&level=&at=               names rising against their baseline (rising.js)
import { get } from './api.js';
import { h, replace } from './dom.js';
import * as article from './article.js';
import * as entity from './entity.js';
import * as map from './map.js';
import * as rising from './rising.js';
import * as search from './search.js';
import * as sources from './sources.js';
import * as stories from './stories.js';
import * as watch from './watch.js';
import { errorBox, heading, route } from './ui.js';

const view = document.getElementById('view');
const form = document.getElementById('searchform');
const box = document.getElementById('q');
let token = 0;

function parse(hash) {
	const raw = hash.replace(/^#\/?/, '');
	const qi = raw.indexOf('?');
	const path = qi < 0 ? raw : raw.slice(0, qi);
	const params = new URLSearchParams(qi < 0 ? '' : raw.slice(qi + 1));
	const [name, id] = path.split('/');
	return { name: name || 'search', id, params };
}

async function show(focus) {
	const my = ++token;
	const ctx = {
		current: () => my === token,
		setQuery: (q) => {
			if (document.activeElement !== box) box.value = q;
		},
	};
	const r = parse(location.hash);
	for (const a of document.querySelectorAll('[data-nav]'))
		a.setAttribute('aria-current', a.dataset.nav === r.name || (a.dataset.nav === 'stories' && r.name === 'story') ? 'page' : 'false');
	document.body.dataset.page = r.name;
	if (r.name !== 'search' && document.activeElement !== box) box.value = '';
	const okId = /^[1-9][0-9]{0,18}$/.test(r.id || '');
	try {
		switch (r.name) {
		case 'search': await search.render(view, r.params, ctx); break;
		case 'article': okId ? await article.render(view, r.id, r.params, ctx) : notFound(); break;
		case 'stories': await stories.renderList(view, r.params, ctx); break;
		case 'story': okId ? await stories.renderOne(view, r.id, r.params, ctx) : notFound(); break;
		case 'sources': await sources.render(view, r.params, ctx); break;
		case 'entity': okId ? await entity.render(view, r.id, r.params, ctx) : notFound(); break;
		case 'map': await map.render(view, r.params, ctx); break;
		case 'watchlists': await watch.renderList(view, r.params, ctx); break;
		case 'alerts': await watch.renderAlerts(view, r.params, ctx); break;
		case 'rising': await rising.render(view, r.params, ctx); break;
		default: notFound();
		}
	} catch (e) {
		if (my === token) replace(view, heading('Error'), errorBox(e, 'This page failed'));
		console.warn(e);
	}
	if (my !== token) return;
	const t = view.querySelector('h1');
	document.title = (t ? t.textContent + ' · ' : '') + 'sitrep';
	if (focus && t) t.focus({ preventScroll: false });
}

function notFound() {
	replace(view, heading('No such page'),
		h('p', {}, 'There is no page at ', h('code', {}, location.hash), '. Try ',
			h('a', { href: route('search') }, 'Search'), ', ', h('a', { href: route('stories') }, 'Stories'), ', ', h('a', { href: route('map') }, 'Map'), ' or ',
			h('a', { href: route('sources') }, 'Sources'), '.'));
}

form.addEventListener('submit', (ev) => {
	ev.preventDefault();
	const q = box.value.trim();
	const next = route('search', { q });
	if (location.hash === next) show(false);
	else location.hash = next;
});

window.addEventListener('hashchange', () => show(document.activeElement !== box));

// '/' focuses the search box (unless one is typing somewhere); Escape leaves it.
document.addEventListener('keydown', (ev) => {
	const t = ev.target;
	const typing = t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || (t && t.isContentEditable);
	if (ev.key === '/' && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
		ev.preventDefault();
		box.focus();
		box.select();
	} else if (ev.key === 'Escape' && t === box) {
		box.blur();
	}
});

get('health').then((d) => {
	document.getElementById('health').textContent = 'sitrep ' + d.version + (d.writable ? ' (writable)' : ' (read-only)');
}).catch(() => {
	document.getElementById('health').textContent = 'sitrep: the API does not answer';
});

if (!location.hash) history.replaceState(null, '', '#/search');
show(false).then(() => {
	// an empty search page: ready to type
	if (parse(location.hash).name === 'search' && !box.value) box.focus();
});
