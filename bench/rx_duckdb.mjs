// DuckDB side of bench/rx.sh: CSV -> every shipped measure at every level, written as JSON
// lines (measure, level, org, value, percentile, k, saving) to OUT.
// usage: node rx_duckdb.mjs EPD.csv LIST_SIZES.csv MEASURES_DIR OUT THREADS
import { DuckDBInstance } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';
import { loadMeasures, practiceSql, allMeasureSql } from './rx_sql.mjs';

const [csv, lsCsv, dir, out, threads] = process.argv.slice(2);
const inst = await DuckDBInstance.create(':memory:', { threads: String(threads || 2) });
const c = await inst.connect();
const t0 = performance.now();
await c.run(`CREATE TABLE rx AS SELECT PRACTICE_CODE AS practice, PCO_CODE AS sub_icb,
  COALESCE(ICB_CODE, '') AS icb, COALESCE(REGIONAL_OFFICE_CODE, '') AS region, BNF_CODE AS bnf_code,
  CAST(ITEMS AS DOUBLE) AS items, CAST(TOTAL_QUANTITY AS DOUBLE) AS quantity,
  CAST(NIC AS DOUBLE) AS nic, CAST(ACTUAL_COST AS DOUBLE) AS actual_cost
  FROM read_csv('${csv}', header = true, quote = '"', escape = '"', all_varchar = true)`);
await c.run(`CREATE TABLE ls AS SELECT practice_code AS practice, CAST(list_size AS DOUBLE) AS list_size
  FROM read_csv('${lsCsv}', header = true, all_varchar = true)`);
const t1 = performance.now();
const measures = loadMeasures(dir);
await c.run(practiceSql(measures));
const lines = [];
for (const sql of allMeasureSql(measures)) {
  const reader = await c.runAndReadAll(sql);
  for (const row of reader.getRowObjectsJson()) lines.push(JSON.stringify(row));
}
const t2 = performance.now();
writeFileSync(out, lines.join('\n') + '\n');
process.stderr.write(`duckdb: load ${((t1 - t0) / 1000).toFixed(2)}s, measures ${((t2 - t1) / 1000).toFixed(2)}s\n`);
