// map.js - #/map?since=: the places the articles mention, on a world map.  Country shapes
// are web/map/world.json (made at build time from world-atlas by scripts/map/build.mjs:
// SVG paths in an equirectangular projection); each place with coordinates from
// /api/places is a circle sized by its article count, and a link to its entity page
// (focusable with Tab, named for screen readers).  A table lists the same places.
import { get } from './api.js';
import { h, replace, s } from './dom.js';
import { num, plural } from './format.js';
import { errorBox, heading, loading, route } from './ui.js';

const SPANS = [['', 'All time'], ['30d', '30 days'], ['7d', '7 days'], ['24h', '24 hours']];
let world = null; // the shapes, fetched once

async function shapes() {
	if (world) return world;
	const r = await fetch('/map/world.json');
	if (!r.ok) throw new Error('the map shapes did not load (HTTP ' + r.status + ')');
	world = await r.json();
	return world;
}

// lon/lat -> map units, as scripts/map/build.mjs projects the shapes
function project(w, lon, lat) {
	return [(lon - w.lon0) * w.k, (w.lat0 - lat) * w.k];
}

export function mapSvg(w, places, at) {
	const max = Math.max(1, ...places.map((p) => p.articles));
	const svg = s('svg', { viewBox: '0 0 ' + w.width + ' ' + w.height, class: 'worldmap', role: 'group',
		'aria-labelledby': 'map-t' }, s('title', { id: 'map-t' }, 'Places mentioned in the articles'));
	svg.append(s('rect', { x: 0, y: 0, width: w.width, height: w.height, class: 'sea' }));
	const land = s('g', { class: 'land', 'aria-hidden': 'true' });
	for (const c of w.countries) land.append(s('path', { d: c.d }, s('title', {}, c.name)));
	svg.append(land);
	if (at) {
		const [x, y] = project(w, at[1], at[0]);
		svg.append(s('circle', { cx: x, cy: y, r: 14, class: 'here' }));
	}
	const marks = s('g', { class: 'marks' });
	// the largest first, so the small ones stay on top and reachable
	for (const p of [...places].sort((a, b) => b.articles - a.articles)) {
		const [x, y] = project(w, p.lon, p.lat);
		if (x < 0 || x > w.width || y < 0 || y > w.height) continue;
		const r = 2.5 + 13 * Math.sqrt(p.articles / max);
		const label = p.name + (p.country ? ' (' + p.country + ')' : '') + ': ' + plural(p.articles, 'article');
		marks.append(s('a', { href: route('entity/' + p.id), class: 'mark', 'aria-label': label, 'data-id': p.id },
			s('title', {}, label), s('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(1) })));
	}
	svg.append(marks);
	return svg;
}

export async function render(view, p, ctx) {
	const since = SPANS.some(([v]) => v === (p.get('since') || '')) ? p.get('since') || '' : '';
	const atm = /^(-?\d{1,2}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)$/.exec(p.get('at') || '');
	const at = atm ? [+atm[1], +atm[2]] : null;
	replace(view, heading('Map'), loading('the map'));
	let w, pl;
	try {
		[w, pl] = await Promise.all([shapes(), get('places', { since })]);
	} catch (e) {
		replace(view, heading('Map'), errorBox(e, 'Cannot draw the map'));
		return;
	}
	if (!ctx.current()) return;
	const places = pl.places || [];
	const tabs = h('nav', { class: 'tabs', 'aria-label': 'Period' },
		SPANS.map(([v, label]) => h('a', { href: route('map', { since: v }), 'aria-current': v === since ? 'page' : null }, label)));
	const table = places.length
		? h('table', { class: 'grid counts places' },
			h('caption', {}, 'The places most written about' + (places.length > 40 ? ' (the first 40)' : '')),
			h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Place'), h('th', { scope: 'col' }, 'Country'),
				h('th', { scope: 'col', class: 'num' }, 'Articles'))),
			h('tbody', {}, places.slice(0, 40).map((x) => h('tr', {},
				h('td', {}, h('a', { href: route('entity/' + x.id) }, h('bdi', {}, x.name))),
				h('td', {}, x.country || ''), h('td', { class: 'num' }, num(x.articles))))))
		: h('p', { class: 'empty' }, 'No place with coordinates is mentioned in this period.');
	replace(view, heading('Map'), tabs,
		h('figure', { class: 'mapbox' }, mapSvg(w, places, at),
			h('figcaption', {}, plural(places.length, 'place') + ' with coordinates; circles sized by the articles that ' +
				'mention them. Choose one (or Tab to it and press Enter) for its page. Country shapes: Natural Earth ' +
				'via world-atlas.')),
		table);
}
