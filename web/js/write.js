// write.js - the write token on the pages that add and remove (watchlists, sources).
//
// A server started with a token takes writes with "Authorization: Bearer TOKEN".  The user
// types the token once per tab; it is kept in sessionStorage (api.js) and never in the URL.
import { setToken, token } from './api.js';
import { h } from './dom.js';

// A box saying whether this page can write, with a field for the token when it is needed.
// writable: the server's /api/health says so; onChange: called after the token changes.
export function tokenBox(writable, onChange) {
	if (!writable)
		return h('p', { class: 'tokenbox readonly' }, 'This server is read-only (started without a token): ' +
			'adding and removing are off. Start it with ', h('code', {}, 'SITREP_TOKEN=… sitrep serve'), ' to allow them.');
	if (token()) {
		const forget = h('button', { type: 'button', class: 'secondary', id: 'token-forget' }, 'Forget the token');
		forget.addEventListener('click', () => {
			setToken('');
			onChange();
		});
		return h('p', { class: 'tokenbox' }, 'Writes use the token given in this tab. ', forget);
	}
	const input = h('input', { id: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true });
	const form = h('form', { class: 'tokenbox', id: 'token-form' },
		h('label', { for: 'token' }, 'Write token'), ' ', input, ' ',
		h('button', { type: 'submit' }, 'Use it'),
		h('span', { class: 'hint' }, ' To add and remove. Kept in this tab only (sessionStorage), sent as a bearer token.'));
	form.addEventListener('submit', (ev) => {
		ev.preventDefault();
		setToken(input.value.trim());
		onChange();
	});
	return form;
}

// Whether writes can be tried: the server is writable and a token was given.
export function canWrite(health) {
	return !!(health && health.writable && token());
}

// A button that asks once more before doing it: the first press turns it into
// "Really remove?", the second runs act().
export function removeButton(label, act) {
	const b = h('button', { type: 'button', class: 'danger', 'aria-label': label }, 'Remove');
	let armed = false;
	b.addEventListener('click', async () => {
		if (!armed) {
			armed = true;
			b.textContent = 'Really remove?';
			return;
		}
		b.disabled = true;
		await act();
	});
	b.addEventListener('blur', () => {
		if (armed && !b.disabled) {
			armed = false;
			b.textContent = 'Remove';
		}
	});
	return b;
}

// A query with the character at its 1-based column marked, for a query error.
export function queryHint(q, column) {
	if (!column) return null;
	return h('p', { class: 'hint', id: 'query-hint' }, 'The query went wrong at column ' + column + ': ',
		h('code', {}, q.slice(0, column - 1)), h('code', { class: 'here' }, q.slice(column - 1) || ' '));
}
