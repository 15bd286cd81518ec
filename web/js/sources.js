// sources.js - #/sources?site=&days=: what the store holds (counts, languages, sites) and the
// volume of articles per day as an SVG bar chart drawn here from /api/stats/volume.
import { get } from './api.js';
import { h, replace, s } from './dom.js';
import { bytes, date, num } from './format.js';
import { errorBox, facts, heading, loading, route } from './ui.js';

const SPANS = [14, 30, 90, 365];

// Bars of days [{day, articles}], oldest first, with a y axis of round steps.
export function volumeChart(days, title) {
	const W = 760, H = 220, L = 40, R = 8, T = 12, B = 34;
	const max = Math.max(1, ...days.map((d) => d.articles));
	const step = max <= 5 ? 1 : Math.pow(10, Math.floor(Math.log10(max))) * (max / Math.pow(10, Math.floor(Math.log10(max))) > 5 ? 2 : 1);
	const top = Math.ceil(max / step) * step;
	const iw = W - L - R, ih = H - T - B;
	const bw = iw / days.length;
	const y = (v) => T + ih - (v / top) * ih;
	const svg = s('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'chart', role: 'img', 'aria-labelledby': 'chart-t' },
		s('title', { id: 'chart-t' }, title));
	for (let v = 0; v <= top; v += step) {
		svg.append(s('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: v ? 'gridline' : 'axis' }),
			s('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, num(v)));
	}
	const every = Math.ceil(days.length / 10);
	days.forEach((d, i) => {
		const x = L + i * bw;
		if (d.articles > 0) {
			const bar = s('rect', { x: x + bw * 0.12, y: y(d.articles), width: Math.max(1, bw * 0.76), height: Math.max(1, y(0) - y(d.articles)), class: 'bar' },
				s('title', {}, d.day + ': ' + num(d.articles) + (d.articles === 1 ? ' article' : ' articles')));
			svg.append(bar);
		}
		if (i % every === 0 || i === days.length - 1)
			svg.append(s('text', { x: x + bw / 2, y: H - B + 16, 'text-anchor': 'middle', class: 'tick' }, d.day.slice(5)));
	});
	return svg;
}

function countTable(caption, obj, keyName, link) {
	const rows = Object.entries(obj || {});
	return h('table', { class: 'grid counts' },
		h('caption', {}, caption),
		h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, keyName), h('th', { scope: 'col', class: 'num' }, 'Articles'))),
		h('tbody', {}, rows.map(([k, v]) => h('tr', {},
			h('td', {}, h('bdi', {}, link ? link(k) : k)), h('td', { class: 'num' }, num(v))))));
}

export async function render(view, p, ctx) {
	const site = p.get('site') || '';
	const days = SPANS.includes(+p.get('days')) ? +p.get('days') : 30;
	replace(view, heading('Sources'), loading('the figures'));
	let st, vol;
	try {
		[st, vol] = await Promise.all([get('stats'), get('stats/volume', { days, site })]);
	} catch (e) {
		replace(view, heading('Sources'), errorBox(e, 'Cannot read the figures'));
		return;
	}
	if (!ctx.current()) return;
	const spans = h('nav', { class: 'tabs', 'aria-label': 'Days shown' },
		SPANS.map((n) => h('a', { href: route('sources', { site, days: n }), 'aria-current': n === days ? 'page' : null }, n + ' days')));
	const who = site ? site : 'all sources';
	const chartTitle = 'Articles per day, ' + who + ', ' + vol.from + ' to ' + vol.to;
	const chart = h('figure', { class: 'volume' },
		volumeChart(vol.days, chartTitle),
		h('figcaption', {}, 'Articles per day (by publication date, else fetch date, UTC) for ', h('strong', { dir: 'auto' }, who),
			', ' + date(vol.from) + ' to ' + date(vol.to) + ': ' + num(vol.total) + ' in all.',
			site ? [' ', h('a', { href: route('sources', { days }) }, 'Show all sources')] : null));
	const siteLink = (k) => k === 'unknown' ? k : h('a', { href: route('sources', { site: k, days }), 'aria-current': k === site ? 'true' : null }, k);
	replace(view, heading('Sources'),
		facts([
			['Articles', num(st.articles)],
			['Documents', num(st.documents)],
			['Raw bytes', bytes(st.raw_bytes) + ' (' + bytes(st.raw_stored_bytes) + ' stored)'],
			['Database', bytes(st.db_bytes)],
			['Published', st.published_first ? date(st.published_first) + ' – ' + date(st.published_last) : null],
		]),
		h('section', { 'aria-labelledby': 'vol-h' }, h('h2', { id: 'vol-h' }, 'Volume over time'), spans, chart),
		h('div', { class: 'two' },
			countTable('Sites (the 20 largest); choose one for its volume', st.sites, 'Site', siteLink),
			countTable('Languages', st.languages, 'Language')));
}
