// build.mjs - build time only: turn world-atlas's countries (TopoJSON, Natural Earth 1:110m)
// into web/map/world.json, the compact SVG paths the dashboard's map draws.
//
//   cd scripts/map && npm ci && node build.mjs      (writes ../../web/map/world.json)
//
// Projection: equirectangular, x = (lon + 180) * K, y = (LAT_TOP - lat) * K, rounded to
// whole units; paths are relative (m/l), rings closed with z.  Antarctica is left out and the
// map cropped to LAT_TOP..LAT_BOTTOM (the places news is about).  Rings that cross the
// antimeridian are unwrapped (the part beyond it falls outside the view and is clipped).
// web/js/map.js projects places with the same numbers, read from the file.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, 'node_modules/world-atlas/countries-110m.json');
const out = join(here, '../../web/map/world.json');
const K = 1000 / 360;
const LAT_TOP = 84;
const LAT_BOTTOM = -58;

const topo = JSON.parse(readFileSync(src, 'utf8'));
const [sx, sy] = topo.transform.scale;
const [tx, ty] = topo.transform.translate;

// arcs: delta-encoded quantised positions into [lon, lat]
const arcs = topo.arcs.map((arc) => {
	let x = 0;
	let y = 0;
	return arc.map(([dx, dy]) => {
		x += dx;
		y += dy;
		return [x * sx + tx, y * sy + ty];
	});
});

function ring(indices) {
	const pts = [];
	for (const i of indices) {
		const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
		for (let k = pts.length ? 1 : 0; k < a.length; k++) pts.push(a[k]);
	}
	// unwrap across the antimeridian so the ring stays continuous
	let shift = 0;
	let prev = null;
	return pts.map(([lon, lat]) => {
		if (prev !== null) {
			if (lon + shift - prev > 180) shift -= 360;
			else if (lon + shift - prev < -180) shift += 360;
		}
		prev = lon + shift;
		return [Math.round((lon + shift + 180) * K), Math.round((LAT_TOP - lat) * K)];
	});
}

// "M x y l dx dy dx dy ... z": after l every pair is another relative line; a minus sign
// separates numbers by itself
function ringPath(pts) {
	const nums = [];
	let x = 0;
	let y = 0;
	for (const [px, py] of pts) {
		if (nums.length && px === x && py === y) continue;
		nums.push(nums.length ? [px - x, py - y] : [px, py]);
		x = px;
		y = py;
	}
	if (nums.length < 3) return '';
	const join = (list) => list.flat().map((v, k) => (k && v >= 0 ? ' ' : '') + v).join('');
	return 'M' + join([nums[0]]) + 'l' + join(nums.slice(1)) + 'z';
}

const countries = [];
for (const g of topo.objects.countries.geometries) {
	const name = g.properties && g.properties.name;
	if (name === 'Antarctica' || !g.arcs) continue;
	const polys = g.type === 'Polygon' ? [g.arcs] : g.arcs;
	const d = polys.flatMap((p) => p.map((r) => ringPath(ring(r)))).filter(Boolean).join('');
	if (d) countries.push({ id: g.id || '', name: name || '', d });
}
countries.sort((a, b) => a.name.localeCompare(b.name));
const doc = {
	source: 'world-atlas 2.0.2 countries-110m (Natural Earth 1:110m); see docs/DASHBOARD.md',
	k: K, lon0: -180, lat0: LAT_TOP,
	width: Math.round(360 * K), height: Math.round((LAT_TOP - LAT_BOTTOM) * K),
	countries,
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(doc) + '\n');
console.log(out + ': ' + countries.length + ' countries, ' + JSON.stringify(doc).length + ' bytes');
