// dom.js - building the page from data, safely.
//
// Every string from the API (article text, titles, outlet names, snippets) reaches the page
// as a DOM text node: h() appends strings with document.createTextNode and sets attributes
// with setAttribute, so nothing from outside is ever parsed as HTML.  There is no
// innerHTML, insertAdjacentHTML or document.write anywhere in the dashboard.

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(el, attrs, kids) {
	for (const [k, v] of Object.entries(attrs || {})) {
		if (v === null || v === undefined || v === false) continue;
		if (/^on/i.test(k) || k === 'style' || k === 'srcdoc') throw new Error('h(): refused attribute ' + k);
		if (k === 'href' && !isSafeHref(String(v))) continue;
		el.setAttribute(k, v === true ? '' : String(v));
	}
	append(el, kids);
	return el;
}

function append(el, kids) {
	for (const kid of kids) {
		if (kid === null || kid === undefined || kid === false) continue;
		if (Array.isArray(kid)) append(el, kid);
		else if (kid instanceof Node) el.appendChild(kid);
		else el.appendChild(document.createTextNode(String(kid)));
	}
}

// An element; children are nodes, strings (as text) or arrays of them.
export function h(tag, attrs, ...kids) {
	return build(document.createElement(tag), attrs, kids);
}

// An SVG element.
export function s(tag, attrs, ...kids) {
	return build(document.createElementNS(SVG_NS, tag), attrs, kids);
}

// Links we make ourselves (#/..., /api/...) and http(s) links to articles; never
// javascript:, data: or anything else an article could carry.
export function isSafeHref(href) {
	if (href.startsWith('#') || (href.startsWith('/') && !href.startsWith('//'))) return true;
	try {
		const u = new URL(href);
		return u.protocol === 'http:' || u.protocol === 'https:';
	} catch {
		return false;
	}
}

// Replace the children of el.
export function replace(el, ...kids) {
	el.replaceChildren();
	append(el, kids);
}

// Text with [start, end) byte ranges (UTF-8 offsets, as the API gives them) wrapped in
// <mark>: the text is cut as bytes and each piece decoded, so multi-byte characters and
// ranges that do not fall on characters cannot break it.
export function highlighted(text, ranges) {
	const frag = document.createDocumentFragment();
	const bytes = new TextEncoder().encode(text || '');
	const dec = new TextDecoder();
	const sorted = (ranges || [])
		.filter((r) => Array.isArray(r) && r.length === 2 && r[0] >= 0 && r[0] < r[1] && r[1] <= bytes.length)
		.sort((a, b) => a[0] - b[0]);
	let at = 0;
	for (const [a, b] of sorted) {
		if (a < at) continue; // overlapping: keep the first
		if (a > at) frag.appendChild(document.createTextNode(dec.decode(bytes.subarray(at, a))));
		const m = document.createElement('mark');
		m.appendChild(document.createTextNode(dec.decode(bytes.subarray(a, b))));
		frag.appendChild(m);
		at = b;
	}
	if (at < bytes.length) frag.appendChild(document.createTextNode(dec.decode(bytes.subarray(at))));
	return frag;
}
