// The shipped measures (data/measures/*.json) as SQL, for the benchmark's reference engines
// (DuckDB and SQLite run the same text). One scan sums every measure per practice into table
// `p`; then per measure and level: values, PERCENT_RANK, deciles by PERCENTILE_CONT written out
// as linear interpolation between closest ranks (SQLite 3.40 has no percentile function), and
// OpenPrescribing's cost savings. Expects tables `rx` (practice, sub_icb, icb, region, bnf_code,
// items, quantity, nic, actual_cost) and `ls` (practice, list_size).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function loadMeasures(dir) {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const FIELD = { items: 'items', quantity: 'quantity', actual_cost: 'actual_cost', nic: 'nic' };
const LEVELS = { practice: 'practice', sub_icb: 'sub_icb', icb: 'icb', region: 'region' };

function cond(f) {
  const like = (c) => `bnf_code LIKE '${c.replace(/'/g, "''")}%'`;
  const inc = f.bnf_codes.map(like).join(' OR ');
  const exc = (f.exclude || []).map(like).join(' OR ');
  return exc ? `((${inc}) AND NOT (${exc}))` : `(${inc})`;
}

export function practiceSql(measures) {
  const cols = [];
  measures.forEach((m, i) => {
    const n = m.numerator;
    cols.push(`SUM(CASE WHEN ${cond(n)} THEN ${FIELD[n.field]} ELSE 0 END) AS m${i}_num`);
    cols.push(`SUM(CASE WHEN ${cond(n)} THEN actual_cost ELSE 0 END) AS m${i}_num_cost`);
    const d = m.denominator;
    if (d.list_size) {
      cols.push(`0 AS m${i}_den`, `0 AS m${i}_den_cost`);
    } else {
      cols.push(`SUM(CASE WHEN ${cond(d)} THEN ${FIELD[d.field]} ELSE 0 END) AS m${i}_den`);
      cols.push(`SUM(CASE WHEN ${cond(d)} THEN actual_cost ELSE 0 END) AS m${i}_den_cost`);
    }
  });
  return `CREATE TABLE p AS SELECT practice, sub_icb, icb, region, ${cols.join(', ')}
    FROM rx GROUP BY practice, sub_icb, icb, region`;
}

// Rows: measure, level, org, value, percentile, k (0 = no saving row, 1..9), saving; and
// deciles as org = '' with value = the decile and k its number.
export function measureSql(m, i, level) {
  const col = LEVELS[level];
  const ls = !!m.denominator.list_size;
  const scale = ls ? 1000 : m.is_percentage ? 100 : 1;
  const den = ls ? 'COALESCE(ls.list_size, 0)' : `m${i}_den`;
  const q = `'${m.id}'`;
  const savings = m.is_cost_based
    ? (ls
      ? `v.num - d.p / ${scale}.0 * v.den`
      : `v.den_cost - (d.p / ${scale}.0 * v.den * CASE WHEN v.num > 0 THEN v.num_cost / v.num ELSE g.cpn END
           + (v.den - d.p / ${scale}.0 * v.den) * CASE WHEN v.den - v.num <> 0
             THEN (v.den_cost - v.num_cost) / (v.den - v.num) ELSE g.cpd END)`)
    : 'NULL';
  return `WITH o AS (
      SELECT p.${col} AS org, SUM(m${i}_num) AS num, SUM(m${i}_num_cost) AS num_cost,
             SUM(${den}) AS den, SUM(m${i}_den_cost) AS den_cost
      FROM p LEFT JOIN ls ON ls.practice = p.practice
      WHERE p.${col} <> '' GROUP BY p.${col}),
    v AS (SELECT *, CASE WHEN den > 0 THEN num / den * ${scale} END AS value FROM o),
    r AS (SELECT org, PERCENT_RANK() OVER (ORDER BY value) * 100 AS pr FROM v WHERE value IS NOT NULL),
    s AS (SELECT value, ROW_NUMBER() OVER (ORDER BY value) - 1 AS rn, COUNT(*) OVER () AS m
          FROM v WHERE value IS NOT NULL),
    f AS (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
          UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9),
    h AS (SELECT k, (m - 1) * (k / 10.0) AS h, CAST(FLOOR((m - 1) * (k / 10.0)) AS INTEGER) AS lo
          FROM f, (SELECT MAX(m) AS m FROM s) mm),
    d AS (SELECT h.k, a.value + (h.h - h.lo) * (COALESCE(b.value, a.value) - a.value) AS p
          FROM h JOIN s a ON a.rn = h.lo LEFT JOIN s b ON b.rn = h.lo + 1),
    g AS (SELECT SUM(num_cost) / NULLIF(SUM(num), 0) AS cpn,
                 SUM(den_cost - num_cost) / NULLIF(SUM(den - num), 0) AS cpd FROM o)
    SELECT ${q} AS measure, '${level}' AS level, v.org, v.value, r.pr AS percentile, d.k,
           CASE WHEN v.value IS NULL THEN NULL ELSE ${savings} END AS saving
      FROM v LEFT JOIN r ON r.org = v.org CROSS JOIN d CROSS JOIN g
    UNION ALL
    SELECT ${q}, '${level}', '', d.p, NULL, d.k, NULL FROM d`;
}

export function allMeasureSql(measures) {
  const parts = [];
  measures.forEach((m, i) => {
    for (const level of Object.keys(LEVELS)) parts.push(measureSql(m, i, level));
  });
  return parts;
}
