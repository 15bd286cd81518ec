// watch.js - #/watchlists: the watchlists (add, remove, their feeds) and #/alerts?watch=&since=:
// what they caught, with links to the articles, the Atom feed and a test of the query over
// what is stored.
import { get, send } from './api.js';
import { h, replace } from './dom.js';
import { date, num, plural, unix } from './format.js';
import { empty, errorBox, heading, loading, route } from './ui.js';
import { canWrite, queryHint, removeButton, tokenBox } from './write.js';

export function atomHref(name) {
	return '/api/watchlists/' + encodeURIComponent(name) + '/atom';
}

function addForm(onAdded) {
	const name = h('input', { id: 'wl-name', name: 'name', required: true, maxlength: '100', autocomplete: 'off' });
	const query = h('input', { id: 'wl-query', name: 'query', required: true, maxlength: '4096', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'wl-query-help' });
	const hook = h('input', { id: 'wl-hook', name: 'webhook', type: 'url', autocomplete: 'off', placeholder: 'https://… (optional)' });
	const out = h('div', { class: 'formout', 'aria-live': 'polite' });
	const form = h('form', { class: 'addform', id: 'wl-add', 'aria-labelledby': 'wl-add-h' },
		h('h2', { id: 'wl-add-h' }, 'Add a watchlist'),
		h('p', {}, h('label', { for: 'wl-name' }, 'Name'), name),
		h('p', {}, h('label', { for: 'wl-query' }, 'Query'), query,
			h('span', { class: 'hint', id: 'wl-query-help' }, 'The search language: words, "phrases", OR, NOT, -word, prefix*, person:, org:, place:, source:, lang:, tag:.')),
		h('p', {}, h('label', { for: 'wl-hook' }, 'Webhook'), hook),
		h('p', {}, h('button', { type: 'submit' }, 'Add')),
		out);
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		query.removeAttribute('aria-invalid');
		replace(out);
		const body = { name: name.value.trim(), query: query.value };
		if (hook.value.trim()) body.webhook = hook.value.trim();
		try {
			await send('POST', 'watchlists', body);
		} catch (e) {
			replace(out, errorBox(e, e.column ? 'Bad query' : 'Not added'), queryHint(query.value, e.column));
			if (e.column) {
				query.setAttribute('aria-invalid', 'true');
				query.focus();
				query.setSelectionRange(e.column - 1, query.value.length);
			}
			return;
		}
		onAdded(body.name);
	});
	return form;
}

export async function renderList(view, p, ctx) {
	replace(view, heading('Watchlists'), loading('the watchlists'));
	let list, health;
	try {
		[list, health] = await Promise.all([get('watchlists'), get('health')]);
	} catch (e) {
		replace(view, heading('Watchlists'), errorBox(e, 'Cannot read the watchlists'));
		return;
	}
	if (!ctx.current()) return;
	const again = (focus) => renderList(view, p, ctx).then(() => {
		const el = focus && view.querySelector(focus);
		if (el) el.focus();
	});
	const write = canWrite(health);
	const rows = list.watchlists.map((w) => h('tr', { 'data-name': w.name },
		h('th', { scope: 'row' }, h('a', { href: route('alerts', { watch: w.name }) }, h('bdi', {}, w.name))),
		h('td', {}, h('code', { class: 'query' }, w.query), w.webhook ? h('div', { class: 'muted' }, '→ ', w.webhook) : null),
		h('td', { class: 'num' }, num(w.alerts)),
		h('td', {}, w.last_alert ? unix(w.last_alert) : '–'),
		h('td', {}, h('a', { href: atomHref(w.name), class: 'feed', type: 'application/atom+xml' }, 'Atom')),
		write ? h('td', {}, removeButton('Remove watchlist ' + w.name, async () => {
			try {
				await send('DELETE', 'watchlists/' + encodeURIComponent(w.name));
			} catch (e) {
				view.prepend(errorBox(e, 'Not removed'));
				return;
			}
			again('#page-title');
		})) : null));
	const table = list.watchlists.length ? h('table', { class: 'grid watchlists' },
		h('caption', {}, 'Every new article is matched against each watchlist as it is stored; a match is an alert.'),
		h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Query'),
			h('th', { scope: 'col', class: 'num' }, 'Alerts'), h('th', { scope: 'col' }, 'Last alert'), h('th', { scope: 'col' }, 'Feed'),
			write ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Remove')) : null)),
		h('tbody', {}, rows))
		: empty('No watchlists yet.' + (write ? ' Add one below.' : ''));
	replace(view, heading('Watchlists'),
		tokenBox(health.writable, () => again('#page-title')),
		table,
		write ? addForm(() => again('#wl-name')) : null);
}

const SINCE = [['', 'All'], ['24h', '24 hours'], ['7d', '7 days'], ['30d', '30 days']];

export async function renderAlerts(view, p, ctx) {
	const watch = p.get('watch') || '';
	const since = SINCE.some(([v]) => v === (p.get('since') || '')) ? p.get('since') || '' : '';
	const title = watch ? 'Alerts: ' + watch : 'Alerts';
	replace(view, heading(title), loading('the alerts'));
	let al, list, test = null;
	try {
		[al, list, test] = await Promise.all([get('alerts', { watch, since, limit: 100 }), get('watchlists'),
			watch ? get('watchlists/' + encodeURIComponent(watch) + '/test', { limit: 10 }) : null]);
	} catch (e) {
		replace(view, heading(title), errorBox(e, 'Cannot read the alerts'));
		return;
	}
	if (!ctx.current()) return;
	const which = h('nav', { class: 'tabs', 'aria-label': 'Watchlist' },
		h('a', { href: route('alerts', { since }), 'aria-current': watch ? null : 'page' }, 'All watchlists'),
		list.watchlists.map((w) => h('a', { href: route('alerts', { watch: w.name, since }), 'aria-current': w.name === watch ? 'page' : null },
			h('bdi', {}, w.name), ' (' + num(w.alerts) + ')')));
	const when = h('nav', { class: 'tabs', 'aria-label': 'Period' },
		SINCE.map(([v, label]) => h('a', { href: route('alerts', { watch, since: v }), 'aria-current': v === since ? 'page' : null }, label)));
	const items = al.alerts.map((a) => h('li', { class: 'alert' },
		h('h2', {}, h('a', { href: route('article/' + a.article) }, h('bdi', {}, a.title || '(untitled #' + a.article + ')'))),
		h('p', { class: 'meta' },
			h('a', { href: route('alerts', { watch: a.watchlist, since }), class: 'wl' }, h('bdi', {}, a.watchlist)),
			' · alerted ', h('time', { datetime: a.created }, date(a.created)),
			a.site_name ? [' · ', h('bdi', { class: 'outlet' }, a.site_name)] : null,
			a.published ? [' · published ', date(a.published)] : null,
			a.delivery !== 'none' ? [' · webhook ', h('span', { class: 'delivery delivery-' + a.delivery }, a.delivery)] : null,
			a.url ? [' · ', h('a', { href: a.url, rel: 'noopener noreferrer nofollow', target: '_blank', class: 'ext' }, 'original')] : null)));
	const feed = watch ? h('p', { class: 'actions' },
		h('a', { href: atomHref(watch), class: 'button secondary feed', type: 'application/atom+xml' }, 'Atom feed of ' + watch),
		' ', h('a', { href: route('watchlists'), class: 'button secondary' }, 'All watchlists')) : null;
	const tested = test ? h('section', { class: 'wtest', 'aria-labelledby': 'wtest-h' },
		h('h2', { id: 'wtest-h' }, 'What its query finds in the store now'),
		h('p', { class: 'summary' }, h('code', {}, test.query), ': ' + plural(test.total, 'stored article') + ' (copies counted once)' +
			(test.total > test.hits.length ? ', the first ' + test.hits.length + ':' : '')),
		h('ul', {}, test.hits.map((x) => h('li', {}, h('a', { href: route('article/' + x.id) }, h('bdi', {}, x.title || '#' + x.id)),
			x.site_name ? [' · ', h('bdi', { class: 'outlet' }, x.site_name)] : null)))) : null;
	replace(view, heading(title), which, when, feed,
		items.length ? [h('p', { class: 'summary' }, plural(items.length, 'alert') + (items.length === 100 ? ' (the newest 100)' : '')), h('ul', { class: 'alerts hits' }, items)]
			: empty(list.watchlists.length ? 'No alerts' + (since ? ' in this period' : '') + '.' : 'No watchlists yet: add one on the Watchlists page.'),
		tested);
}
