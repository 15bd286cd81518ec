// format.js - numbers, sizes and dates for people.

const nf = new Intl.NumberFormat('en');

export function num(n) {
	return typeof n === 'number' ? nf.format(n) : '–';
}

export function bytes(n) {
	if (typeof n !== 'number') return '–';
	const units = ['B', 'KB', 'MB', 'GB', 'TB'];
	let i = 0;
	while (n >= 1024 && i < units.length - 1) {
		n /= 1024;
		i++;
	}
	return (i ? n.toFixed(n < 10 ? 1 : 0) : n) + ' ' + units[i];
}

export function plural(n, one, many) {
	return num(n) + ' ' + (n === 1 ? one : many || one + 's');
}

// "2026-11-24T13:45:00+03:00" -> "24 Nov 2026, 13:45" (as written: the outlet's own time);
// "2026-11-24" -> "24 Nov 2026"; anything else as it is.
export function date(iso) {
	if (!iso) return '';
	const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(iso);
	if (!m) return iso;
	const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
	const d = +m[3] + ' ' + (months[+m[2] - 1] || m[2]) + ' ' + m[1];
	return m[4] ? d + ', ' + m[4] + ':' + m[5] : d;
}

// unix seconds -> "2026-11-24 13:45 UTC"
export function unix(t) {
	if (typeof t !== 'number') return '';
	return new Date(t * 1000).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

const RTL = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi']);
export function dir(lang) {
	return lang && RTL.has(lang) ? 'rtl' : 'auto';
}
