// rising.js - #/rising?since=&at=&level=: the names whose mentions rise sharply against their
// own trailing-week baseline (/api/trends, the statistic of `sitrep trends`).
import { get } from './api.js';
import { h, replace } from './dom.js';
import { date, num } from './format.js';
import { entityLink, TYPE_NAMES } from './entity.js';
import { empty, errorBox, heading, loading, route } from './ui.js';

const SPANS = [['6h', '6 hours'], ['24h', '24 hours'], ['72h', '3 days'], ['7d', '7 days']];
const HOURS = { '6h': 6, '24h': 24, '72h': 72, '7d': 168 };
// sharp: `sitrep trends`' defaults; any: every name above its baseline
const LEVELS = { sharp: { min_z: 3, min_count: 3, label: 'Sharp rises (z ≥ 3)' }, any: { min_z: 1, min_count: 1, label: 'Any rise (z ≥ 1)' } };

export async function render(view, p, ctx) {
	const since = HOURS[p.get('since')] ? p.get('since') : '24h';
	const level = LEVELS[p.get('level')] ? p.get('level') : 'sharp';
	const at = /^\d{4}-\d{2}-\d{2}(T[\d:]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(p.get('at') || '') ? p.get('at') : '';
	replace(view, heading('Rising'), loading('the rising names'));
	let tr, st;
	try {
		[tr, st] = await Promise.all([get('trends', { since, at, min_z: LEVELS[level].min_z, min_count: LEVELS[level].min_count, limit: 50 }), get('stats')]);
	} catch (e) {
		replace(view, heading('Rising'), errorBox(e, 'Cannot read the rising names'));
		return;
	}
	if (!ctx.current()) return;
	const tabs = h('nav', { class: 'tabs', 'aria-label': 'Window' },
		SPANS.map(([v, label]) => h('a', { href: route('rising', { since: v, at, level }), 'aria-current': v === since ? 'page' : null }, label)));
	const levels = h('nav', { class: 'tabs', 'aria-label': 'Threshold' },
		Object.entries(LEVELS).map(([k, l]) => h('a', { href: route('rising', { since, at, level: k }), 'aria-current': k === level ? 'page' : null }, l.label)));
	const end = at ? date(at) : 'now';
	const rows = tr.trends.map((t) => h('tr', {},
		h('th', { scope: 'row' }, entityLink(t)),
		h('td', {}, TYPE_NAMES[t.type] || t.type),
		h('td', { class: 'num' }, num(t.count)),
		h('td', { class: 'num' }, (t.baseline_per_hour * HOURS[since]).toFixed(1)),
		h('td', { class: 'num' }, h('span', { class: 'z', title: 'standard deviations above the baseline' }, t.z.toFixed(1)))));
	// an archive, or a store that stopped: offer the newest article's time as the window's end
	// (a date without a time is its whole day: the window then ends at the next midnight)
	const last = st.published_last;
	const lastEnd = last && /^\d{4}-\d{2}-\d{2}$/.test(last) ? new Date(Date.parse(last) + 86400000).toISOString().slice(0, 10) : last;
	const stale = !at && last && Date.parse(last) < Date.now() - HOURS[since] * 3600000;
	const asOfLast = stale ? h('p', { class: 'hint' }, 'The newest article is from ' + date(last) + '. ',
		h('a', { href: route('rising', { since, level, at: lastEnd }), id: 'at-last' }, 'See what was rising then')) : null;
	const back = at ? h('p', { class: 'hint' }, h('a', { href: route('rising', { since, level }) }, 'Back to now')) : null;
	replace(view, heading('Rising'),
		h('p', { class: 'summary' }, 'People, organisations and places mentioned in more articles in the ' + SPANS.find(([v]) => v === since)[1] +
			' to ' + end + ' than their own previous week predicts: z = (count − W·μ) / √(W·σ² + 1), with μ and σ their hourly mean and spread over the week before the window of W hours.'),
		tabs, levels,
		rows.length ? h('table', { class: 'grid rising' },
			h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Type'),
				h('th', { scope: 'col', class: 'num' }, 'Articles in the window'), h('th', { scope: 'col', class: 'num' }, 'Expected from the baseline'),
				h('th', { scope: 'col', class: 'num' }, 'z'))),
			h('tbody', {}, rows))
			: empty('No name rises ' + (level === 'sharp' ? 'sharply' : 'at all') + ' in this window.'),
		asOfLast, back);
}
