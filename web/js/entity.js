// entity.js - #/entity/ID: one person, organisation, place or other name: its facts (and a
// place's coordinates), the articles that mention it per day as an SVG bar chart, the
// entities it appears with, and its latest articles.  Data: /api/entities/ID.
import { get } from './api.js';
import { h, replace } from './dom.js';
import { date, num, plural } from './format.js';
import { volumeChart } from './sources.js';
import { errorBox, facts, heading, loading, route } from './ui.js';

export const TYPE_NAMES = { PER: 'Person', ORG: 'Organisation', LOC: 'Place', MISC: 'Other' };
export const TYPE_GROUPS = { PER: 'People', ORG: 'Organisations', LOC: 'Places', MISC: 'Other names' };

// A link to an entity page, marked with its type (class ent-per, ent-org, ...).
export function entityLink(e, extra) {
	const type = String(e.type || 'MISC');
	return h('a', { href: route('entity/' + e.id), class: 'ent ent-' + type.toLowerCase().replace(/[^a-z]/g, ''),
		title: (TYPE_NAMES[type] || type) + (extra ? ': ' + extra : '') }, h('bdi', {}, e.name || '#' + e.id));
}

const DAY = 86400000;
const dayOf = (ms) => new Date(ms).toISOString().slice(0, 10);

// days [{day, articles}] (only days with articles, oldest first) as every day from the first
// to the last (at least 14 days, ending with the last); over 120 days, by week (Mondays).
export function densify(days) {
	const known = new Map((days || []).map((d) => [d.day, d.articles]));
	if (!known.size) return [];
	const keys = [...known.keys()].sort();
	const last = Date.parse(keys[keys.length - 1] + 'T00:00:00Z');
	const first = Math.min(Date.parse(keys[0] + 'T00:00:00Z'), last - 13 * DAY);
	const span = Math.round((last - first) / DAY) + 1;
	const out = [];
	if (span <= 120) {
		for (let t = first; t <= last; t += DAY) out.push({ day: dayOf(t), articles: known.get(dayOf(t)) || 0 });
		return out;
	}
	const monday = (t) => t - ((new Date(t).getUTCDay() + 6) % 7) * DAY;
	const weeks = new Map();
	for (let t = monday(first); t <= last; t += 7 * DAY) weeks.set(dayOf(t), 0);
	for (const [d, n] of known) {
		const w = dayOf(monday(Date.parse(d + 'T00:00:00Z')));
		weeks.set(w, (weeks.get(w) || 0) + n);
	}
	for (const [d, n] of weeks) out.push({ day: d, articles: n });
	return out;
}

function coords(lat, lon) {
	if (typeof lat !== 'number' || typeof lon !== 'number') return null;
	const f = (v, pos, neg) => Math.abs(v).toFixed(2) + '° ' + (v >= 0 ? pos : neg);
	return [f(lat, 'N', 'S') + ', ' + f(lon, 'E', 'W'), ' ', h('a', { href: route('map', { at: lat.toFixed(2) + ',' + lon.toFixed(2) }) }, 'on the map')];
}

export async function render(view, id, p, ctx) {
	replace(view, heading('Entity #' + id), loading('the entity'));
	let e;
	try {
		e = await get('entities/' + encodeURIComponent(id));
	} catch (err) {
		replace(view, heading('Entity #' + id), errorBox(err, 'Cannot show this entity'));
		return;
	}
	if (!ctx.current()) return;
	const type = TYPE_NAMES[e.type] || e.type;
	const t = heading(e.name, [' ', h('span', { class: 'badge type' }, type)]);
	t.setAttribute('dir', 'auto');
	const series = densify(e.days);
	const weekly = series.length > 1 && Date.parse(series[1].day) - Date.parse(series[0].day) > DAY;
	const chartTitle = 'Articles mentioning ' + e.name + ' per ' + (weekly ? 'week' : 'day');
	const chart = series.length
		? h('figure', { class: 'volume mentions' }, volumeChart(series, chartTitle),
			h('figcaption', {}, chartTitle + ' (by publication date, UTC), ' + date(series[0].day) + ' to ' +
				date(series[series.length - 1].day) + '.'))
		: h('p', { class: 'empty' }, 'No dated articles mention it.');
	const withList = (e.with || []).length
		? h('ul', { class: 'tags with' }, e.with.map((w) => h('li', {}, entityLink(w, plural(w.articles, 'article') + ' together'),
			h('span', { class: 'count' }, '×' + num(w.articles)))))
		: h('p', { class: 'empty' }, 'It appears with no other entity.');
	const latest = (e.latest || []).length
		? h('ul', { class: 'latest' }, e.latest.map((a) => h('li', {},
			h('a', { href: route('article/' + a.id), dir: 'auto' }, a.title || '(untitled #' + a.id + ')'),
			h('span', { class: 'meta' }, ' · ', a.site_name ? h('bdi', { class: 'outlet' }, a.site_name) : null,
				a.published ? [' ', h('time', { datetime: a.published }, date(a.published))] : null))))
		: h('p', { class: 'empty' }, 'No articles.');
	replace(view, t,
		facts([
			['Type', type],
			['Articles', num(e.articles)],
			['Mentions', num(e.mentions)],
			['First seen', e.first_seen ? date(e.first_seen) : null],
			['Last seen', e.last_seen ? date(e.last_seen) : null],
			['Coordinates', coords(e.lat, e.lon)],
			['Country', e.country],
		]),
		h('p', { class: 'actions' },
			h('a', { href: route('search', { q: '"' + String(e.name).replace(/"/g, '') + '"' }), class: 'button secondary' }, 'Search for it'),
			' ', h('a', { href: '/api/entities/' + e.id, class: 'button secondary' }, 'JSON')),
		h('section', { 'aria-labelledby': 'over-h' }, h('h2', { id: 'over-h' }, 'Mentions over time'), chart),
		h('div', { class: 'two' },
			h('section', { 'aria-labelledby': 'with-h' }, h('h2', { id: 'with-h' }, 'Appears with'), withList),
			h('section', { 'aria-labelledby': 'latest-h' }, h('h2', { id: 'latest-h' }, 'Latest articles'), latest)));
}
