// ui.js - pieces every page uses: the page heading, errors, loading, links to routes.
import { h } from './dom.js';

// A route link: #/NAME?k=v (empty values left out).
export function route(name, params) {
	const qs = new URLSearchParams();
	for (const [k, v] of Object.entries(params || {}))
		if (v !== null && v !== undefined && v !== '') qs.set(k, String(v));
	const q = qs.toString();
	return '#/' + name + (q ? '?' + q : '');
}

export function heading(text, extra) {
	return h('h1', { id: 'page-title', tabindex: '-1' }, text, extra || null);
}

// An error from the API (or anything thrown), as a box people can read.
export function errorBox(err, what) {
	const status = err && err.status ? ' (HTTP ' + err.status + ')' : '';
	return h('div', { class: 'error', role: 'alert' },
		h('strong', {}, (what || 'Something went wrong') + status + ': '),
		err && err.message ? err.message : String(err));
}

export function loading(what) {
	return h('p', { class: 'loading', role: 'status' }, 'Loading ' + what + '…');
}

export function empty(text) {
	return h('p', { class: 'empty' }, text);
}

// dt/dd pairs for the values that exist.
export function facts(pairs) {
	const dl = h('dl', { class: 'facts' });
	for (const [k, v] of pairs) {
		if (v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)) continue;
		dl.append(h('dt', {}, k), h('dd', {}, v));
	}
	return dl;
}
