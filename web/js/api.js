// api.js - the JSON API of sitrep serve (docs/API.md), with errors people can read.

export class ApiError extends Error {
	constructor(status, message, column) {
		super(message);
		this.status = status;
		this.column = column;
	}
}

// GET /api/PATH with the query parameters of params (null/undefined/'' are left out);
// resolves to the parsed JSON, or throws an ApiError saying what went wrong.
export async function get(path, params) {
	const qs = new URLSearchParams();
	for (const [k, v] of Object.entries(params || {}))
		if (v !== null && v !== undefined && v !== '') qs.set(k, String(v));
	const url = '/api/' + path + (qs.toString() ? '?' + qs : '');
	let r;
	try {
		r = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
	} catch (e) {
		throw new ApiError(0, 'The server cannot be reached (' + e.message + '). Is sitrep serve running?');
	}
	let body = null;
	try {
		body = await r.json();
	} catch {
		body = null;
	}
	if (!r.ok) {
		const err = body && body.error;
		throw new ApiError(r.status, err && err.message ? err.message : 'The server answered ' + r.status + ' ' + r.statusText,
			err ? err.column : undefined);
	}
	if (body === null) throw new ApiError(r.status, 'The server answered something that is not JSON.');
	return body;
}

// The write token: typed by the user on a page that writes, kept in sessionStorage (this
// tab only, gone when it closes), sent as "Authorization: Bearer TOKEN" by send().
const TOKEN_KEY = 'sitrep-token';

export function token() {
	try {
		return sessionStorage.getItem(TOKEN_KEY) || '';
	} catch {
		return '';
	}
}

export function setToken(t) {
	try {
		if (t) sessionStorage.setItem(TOKEN_KEY, t);
		else sessionStorage.removeItem(TOKEN_KEY);
	} catch {
		// storage refused: the token lasts as long as the page
	}
}

// POST or DELETE /api/PATH with a JSON body (or none) and the token; resolves to the
// parsed JSON answer, or throws an ApiError (with the column of a bad query).
export async function send(method, path, body) {
	const headers = { Accept: 'application/json' };
	const t = token();
	if (t) headers.Authorization = 'Bearer ' + t;
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	let r;
	try {
		r = await fetch('/api/' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
	} catch (e) {
		throw new ApiError(0, 'The server cannot be reached (' + e.message + '). Is sitrep serve running?');
	}
	let answer = null;
	try {
		answer = await r.json();
	} catch {
		answer = null;
	}
	if (!r.ok) {
		const err = answer && answer.error;
		throw new ApiError(r.status, err && err.message ? err.message : 'The server answered ' + r.status + ' ' + r.statusText,
			err ? err.column : undefined);
	}
	return answer;
}
