// Checks unlock's `measure --all --json` against the reference engine's rows (rx_duckdb.mjs or
// the SQLite script): every value, percentile, decile and saving equal to within 1e-9 (relative
// to the larger magnitude, absolute below 1). Prints the number of figures compared; exits 1 on a
// difference.
// usage: node rx_compare.mjs UNLOCK.json REFERENCE.jsonl
import { readFileSync } from 'node:fs';

const [unlockPath, refPath] = process.argv.slice(2);
const unlock = JSON.parse(readFileSync(unlockPath, 'utf8'));
const ref = new Map();
for (const line of readFileSync(refPath, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const r = JSON.parse(line);
  ref.set(`${r.measure}|${r.level}|${r.org}|${r.k}`, r);
}
let compared = 0, bad = 0;
function same(what, a, b) {
  compared++;
  const na = a === null || a === undefined, nb = b === null || b === undefined;
  if (na || nb) {
    if (na !== nb) { bad++; if (bad < 20) console.error(`${what}: unlock ${a}, reference ${b}`); }
    return;
  }
  const tol = 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (Math.abs(a - b) > tol) { bad++; if (bad < 20) console.error(`${what}: unlock ${a}, reference ${b}`); }
}
for (const res of unlock) {
  const key = `${res.measure}|${res.level}`;
  for (let k = 1; k <= 9; k++) {
    const r = ref.get(`${key}||${k}`);
    same(`${key} decile ${k * 10}`, res.deciles[String(k * 10)], r ? r.value : null);
  }
  for (const o of res.orgs) {
    for (let k = 1; k <= 9; k++) {
      const r = ref.get(`${key}|${o.code}|${k}`);
      if (!r) { bad++; console.error(`${key} ${o.code}: missing from the reference`); break; }
      if (k === 1) {
        same(`${key} ${o.code} value`, o.value, r.value);
        same(`${key} ${o.code} percentile`, o.percentile, r.percentile);
      }
      if (o.savings) same(`${key} ${o.code} saving ${k * 10}`, o.savings[String(k * 10)], r.saving);
    }
  }
}
console.log(`${compared} figures compared, ${bad} differ by more than 1e-9`);
process.exit(bad ? 1 : 0);
