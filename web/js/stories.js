// stories.js - #/stories?since=24h|7d|30d: the recent stories with their outlets and sizes;
// #/story/ID: one story and its articles.
import { get } from './api.js';
import { h, replace } from './dom.js';
import { date, dir, num, plural } from './format.js';
import { empty, errorBox, facts, heading, loading, route } from './ui.js';

const SPANS = [['', 'All, newest first'], ['24h', 'Last 24 hours'], ['7d', 'Last 7 days'], ['30d', 'Last 30 days']];

function range(st) {
	const a = date(st.first_seen), b = date(st.last_seen);
	return a === b ? a : a + ' – ' + b;
}

function storyItem(st) {
	const outlets = st.outlets || [];
	return h('li', { class: 'story' },
		h('h2', {}, h('a', { href: route('story/' + st.id), dir: 'auto' }, st.label || '(untitled story #' + st.id + ')')),
		h('p', { class: 'meta' },
			h('span', { class: 'size' }, plural(st.size, 'article')), ' · ',
			plural(outlets.length, 'outlet'), ' · ', h('span', {}, range(st))),
		outlets.length ? h('ul', { class: 'tags outlets', 'aria-label': 'Outlets' }, outlets.map((o) => h('li', { dir: 'auto' }, o))) : null);
}

export async function renderList(view, p, ctx) {
	const since = p.get('since') || '';
	const tabs = h('nav', { class: 'tabs', 'aria-label': 'Time span' },
		SPANS.map(([v, label]) => h('a', { href: route('stories', { since: v }), 'aria-current': v === since ? 'page' : null }, label)));
	replace(view, heading('Stories'), tabs, loading('stories'));
	let d;
	try {
		d = await get('stories', { since, limit: 50 });
	} catch (e) {
		replace(view, heading('Stories'), tabs, errorBox(e, 'Cannot list the stories'));
		return;
	}
	if (!ctx.current()) return;
	const list = d.stories.length
		? h('ol', { class: 'stories' }, d.stories.map(storyItem))
		: empty(since ? 'No story was active in this span. ' : 'No stories yet: ingest some articles.');
	if (!d.stories.length && since) list.append(h('a', { href: route('stories') }, 'Show all stories.'));
	replace(view, heading('Stories'), tabs,
		h('p', { class: 'summary', role: 'status' }, d.total > d.stories.length
			? 'The ' + num(d.stories.length) + ' most recent of ' + plural(d.total, 'story', 'stories') + '.'
			: plural(d.total, 'story', 'stories') + '.'),
		list);
}

export async function renderOne(view, id, p, ctx) {
	replace(view, heading('Story #' + id), loading('the story'));
	let st;
	try {
		st = await get('stories/' + encodeURIComponent(id));
	} catch (e) {
		replace(view, heading('Story #' + id), errorBox(e, 'Cannot show this story'));
		return;
	}
	if (!ctx.current()) return;
	const t = heading(st.label || '(untitled story #' + st.id + ')');
	t.setAttribute('dir', 'auto');
	const rows = st.articles.map((a) => h('tr', { class: a.dup_of ? 'copy' : null },
		h('td', {}, a.published ? h('time', { datetime: a.published }, date(a.published)) : '–'),
		h('td', {}, h('bdi', {}, a.outlet || '–')),
		h('td', { dir: 'auto' }, h('a', { href: route('article/' + a.id) }, a.title || '(untitled #' + a.id + ')'),
			a.dup_of ? h('span', { class: 'badge', title: 'The same text as article #' + a.dup_of }, ' copy of #' + a.dup_of) : null)));
	replace(view, t,
		facts([
			['Articles', num(st.size)],
			['Outlets', (st.outlets || []).join(', ')],
			['First seen', date(st.first_seen)],
			['Last seen', date(st.last_seen)],
		]),
		h('table', { class: 'grid' },
			h('caption', {}, 'Articles of this story, oldest first'),
			h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Published'), h('th', { scope: 'col' }, 'Outlet'), h('th', { scope: 'col' }, 'Title'))),
			h('tbody', {}, rows)),
		h('p', {}, h('a', { href: route('stories') }, '← All stories')));
}
