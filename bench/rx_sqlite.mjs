// Writes the SQLite CLI script of bench/rx.sh: import the CSV, then every shipped measure at
// every level (the same SQL as DuckDB runs, from rx_sql.mjs), one JSON object per line.
// usage: node rx_sqlite.mjs EPD.csv LIST_SIZES.csv MEASURES_DIR OUT.jsonl > script.sql
import { loadMeasures, practiceSql, allMeasureSql } from './rx_sql.mjs';

const [csv, lsCsv, dir, out] = process.argv.slice(2);
const measures = loadMeasures(dir);
const q = (s) => `'${s.replace(/'/g, "''")}'`;
const lines = [
  '.bail on',
  `.import --csv ${q(csv)} raw`,
  `CREATE TABLE rx AS SELECT PRACTICE_CODE AS practice, PCO_CODE AS sub_icb, ICB_CODE AS icb,
     REGIONAL_OFFICE_CODE AS region, BNF_CODE AS bnf_code, CAST(ITEMS AS REAL) AS items,
     CAST(TOTAL_QUANTITY AS REAL) AS quantity, CAST(NIC AS REAL) AS nic,
     CAST(ACTUAL_COST AS REAL) AS actual_cost FROM raw;`,
  'DROP TABLE raw;',
  `.import --csv ${q(lsCsv)} ls_raw`,
  'CREATE TABLE ls AS SELECT practice_code AS practice, CAST(list_size AS REAL) AS list_size FROM ls_raw;',
  practiceSql(measures) + ';',
  '.mode list',
  `.output ${q(out)}`,
];
for (const sql of allMeasureSql(measures))
  lines.push(`SELECT json_object('measure', measure, 'level', level, 'org', org, 'value', value,
    'percentile', percentile, 'k', k, 'saving', saving) FROM (${sql});`);
lines.push('.output stdout');
process.stdout.write(lines.join('\n') + '\n');
