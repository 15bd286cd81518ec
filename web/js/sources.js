// sources.js - #/sources?site=&source=&days=: the followed sources with their health (add and
// remove them with a token), what the store holds (counts, languages, sites) and the volume
// of articles per day (all, one site's, or one followed source's) as an SVG bar chart drawn
// here from /api/stats/volume.
import { get, send } from './api.js';
import { h, replace, s } from './dom.js';
import { bytes, date, num, unix } from './format.js';
import { empty, errorBox, facts, heading, loading, route } from './ui.js';
import { canWrite, removeButton, tokenBox } from './write.js';

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

// seconds -> "90s", "15m", "3h", "2d"
function span(secs) {
	if (typeof secs !== 'number') return '–';
	if (secs < 120) return secs + 's';
	if (secs < 7200) return Math.round(secs / 60) + 'm';
	if (secs < 2 * 86400) return Math.round(secs / 3600) + 'h';
	return Math.round(secs / 86400) + 'd';
}

// The followed sources (/api/sources) as a health table, with remove buttons when writable.
function healthTable(list, write, onRemove, days, current) {
	if (!list.length) return empty('No followed sources yet (sitrep source add URL, or the form below with a token).');
	return h('table', { class: 'grid health' },
		h('caption', {}, 'Followed sources, polled by sitrep poll: the last poll that worked, the last error, the items they listed, and the typical delay from publication to fetch (median over 7 days).'),
		h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Source'), h('th', { scope: 'col' }, 'Kind'),
			h('th', { scope: 'col' }, 'Last success'), h('th', { scope: 'col' }, 'Last error'),
			h('th', { scope: 'col', class: 'num' }, 'Items 24 h'), h('th', { scope: 'col', class: 'num' }, 'Items 7 d'),
			h('th', { scope: 'col', class: 'num' }, 'Typical delay'), h('th', { scope: 'col', class: 'num' }, 'Every'),
			write ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Remove')) : null)),
		h('tbody', {}, list.map((x) => h('tr', { 'data-id': x.id, class: x.last_error ? 'failing' : null },
			h('th', { scope: 'row' }, h('a', { href: route('sources', { source: x.id, days }), class: 'vol-link',
				'aria-current': x.id === current ? 'true' : null, title: 'Articles per day from this source' },
				x.name ? h('bdi', { class: 'outlet' }, x.name) : 'volume'), h('br'),
				h('a', { href: x.url, rel: 'noopener noreferrer nofollow', target: '_blank', class: 'ext' }, x.url)),
			h('td', {}, x.kind),
			h('td', {}, x.last_ok ? unix(x.last_ok) : 'never'),
			h('td', { class: x.last_error ? 'bad' : null }, x.last_error ? [x.last_error, x.last_error_at ? h('div', { class: 'muted' }, unix(x.last_error_at)) : null] : '–'),
			h('td', { class: 'num' }, num(x.items_24h)),
			h('td', { class: 'num' }, num(x.items_7d)),
			h('td', { class: 'num' }, span(x.delay_median_secs)),
			h('td', { class: 'num' }, span(x.every_secs)),
			write ? h('td', {}, removeButton('Remove source ' + (x.name || x.url), () => onRemove(x))) : null))));
}

function addForm(onAdded) {
	const url = h('input', { id: 'src-url', type: 'url', required: true, autocomplete: 'off', placeholder: 'https://example.org/feed.xml' });
	const name = h('input', { id: 'src-name', autocomplete: 'off', placeholder: '(optional)' });
	const kind = h('select', { id: 'src-kind' },
		h('option', { value: '' }, 'from the URL'), h('option', { value: 'feed' }, 'feed'),
		h('option', { value: 'sitemap' }, 'sitemap'), h('option', { value: 'page' }, 'page'));
	const every = h('input', { id: 'src-every', value: '15m', size: '6', autocomplete: 'off' });
	const out = h('div', { class: 'formout', 'aria-live': 'polite' });
	const form = h('form', { class: 'addform', id: 'src-add', 'aria-labelledby': 'src-add-h' },
		h('h2', { id: 'src-add-h' }, 'Follow a source'),
		h('p', {}, h('label', { for: 'src-url' }, 'URL'), url),
		h('p', {}, h('label', { for: 'src-name' }, 'Name'), name),
		h('p', {}, h('label', { for: 'src-kind' }, 'Kind'), kind,
			h('span', { class: 'hint' }, 'The server does not fetch the URL: "from the URL" knows feeds and sitemaps by their address (rss.xml, /feed, sitemap.xml); `sitrep source add` fetches it to find out.')),
		h('p', {}, h('label', { for: 'src-every' }, 'Every'), every),
		h('p', {}, h('button', { type: 'submit' }, 'Follow')),
		out);
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		replace(out);
		const body = { url: url.value.trim(), every: every.value.trim() || '15m' };
		if (name.value.trim()) body.name = name.value.trim();
		if (kind.value) body.kind = kind.value;
		try {
			await send('POST', 'sources', body);
		} catch (e) {
			replace(out, errorBox(e, 'Not added'));
			return;
		}
		onAdded();
	});
	return form;
}

export async function render(view, p, ctx) {
	const source = /^[1-9][0-9]*$/.test(p.get('source') || '') ? +p.get('source') : 0;
	const site = source ? '' : p.get('site') || '';
	const days = SPANS.includes(+p.get('days')) ? +p.get('days') : 30;
	replace(view, heading('Sources'), loading('the figures'));
	let st, vol, srcs, health;
	try {
		[st, vol, srcs, health] = await Promise.all([get('stats'), get('stats/volume', { days, site, source: source || null }), get('sources'), get('health')]);
	} catch (e) {
		replace(view, heading('Sources'), errorBox(e, 'Cannot read the figures'));
		return;
	}
	if (!ctx.current()) return;
	const spans = h('nav', { class: 'tabs', 'aria-label': 'Days shown' },
		SPANS.map((n) => h('a', { href: route('sources', { site, source: source || '', days: n }), 'aria-current': n === days ? 'page' : null }, n + ' days')));
	const followedSrc = source ? srcs.sources.find((x) => x.id === source) : null;
	const who = site ? site : source ? (followedSrc ? followedSrc.name || followedSrc.url : 'source ' + source) : 'all sources';
	const chartTitle = 'Articles per day, ' + who + ', ' + vol.from + ' to ' + vol.to;
	const chart = h('figure', { class: 'volume' },
		volumeChart(vol.days, chartTitle),
		h('figcaption', {}, 'Articles per day (by publication date, else fetch date, UTC) for ', h('strong', { dir: 'auto' }, who),
			', ' + date(vol.from) + ' to ' + date(vol.to) + ': ' + num(vol.total) + ' in all.',
			site || source ? [' ', h('a', { href: route('sources', { days }) }, 'Show all sources')] : null));
	const again = (focus) => render(view, p, ctx).then(() => {
		const el = focus && view.querySelector(focus);
		if (el) el.focus();
	});
	const write = canWrite(health);
	const followed = h('section', { 'aria-labelledby': 'src-h' }, h('h2', { id: 'src-h' }, 'Followed sources'),
		tokenBox(health.writable, () => again('#src-h')),
		healthTable(srcs.sources, write, async (x) => {
			try {
				await send('DELETE', 'sources/' + x.id);
			} catch (e) {
				view.prepend(errorBox(e, 'Not removed'));
				return;
			}
			again('#src-h');
		}, days, source),
		write ? addForm(() => again('#src-url')) : null);
	followed.querySelector('h2').setAttribute('tabindex', '-1');
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
		followed,
		h('div', { class: 'two' },
			countTable('Sites (the 20 largest); choose one for its volume', st.sites, 'Site', siteLink),
			countTable('Languages', st.languages, 'Language')));
}
