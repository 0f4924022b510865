/**
 * One measured import, run in its own process so that its peak RSS is its own:
 *
 *   node dist/bench/import-worker.js duckdb     <csv> <database>   DuckDB's read_csv into a table (the baseline)
 *   node dist/bench/import-worker.js chainatlas <csv> <database>   ChainAtlas importFiles, full validation
 *
 * The database file must not exist. Time runs from opening the database to
 * closing it (both include making the data durable). Prints one JSON line
 * (see WorkerReport); also runnable by hand under `node --cpu-prof`.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { issueText } from '../src/model/index.js';
import { importFiles, loadFramework } from '../src/ingest/index.js';
import { Database } from '../src/store/index.js';
import { reportFromWorker } from './harness.js';

async function duckdbReadCsv(csv: string, file: string): Promise<void> {
  const started = performance.now();
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  const quoted = csv.replace(/'/g, "''");
  await connection.run(`CREATE TABLE t AS SELECT * FROM read_csv('${quoted}', all_varchar = true)`);
  const count = await connection.runAndReadAll('SELECT count(*)::INTEGER AS n FROM t');
  const rows = Number(count.getRowObjectsJS()[0]?.n ?? 0);
  connection.closeSync();
  instance.closeSync();
  reportFromWorker(performance.now() - started, rows);
}

async function chainatlasImport(csv: string, file: string): Promise<void> {
  const framework = loadFramework();
  const started = performance.now();
  const { db } = await Database.open(file);
  const report = await importFiles(db, [csv], { framework });
  db.close();
  const ms = performance.now() - started;
  const rows = report.accepted.enterprises;
  const first = report.issues[0];
  const note = report.committed
    ? undefined
    : `not committed: ${report.issues.length} issues${first ? `, first: row ${first.row ?? '?'} ${first.column ?? ''} ${issueText(first).en}` : ''}`;
  reportFromWorker(ms, report.committed ? rows : 0, note);
}

const [mode, csv, file] = process.argv.slice(2);
if (!csv || !file || (mode !== 'duckdb' && mode !== 'chainatlas')) {
  process.stderr.write('usage: import-worker.js duckdb|chainatlas <csv> <database>\n');
  process.exit(2);
}
await (mode === 'duckdb' ? duckdbReadCsv(csv, file) : chainatlasImport(csv, file));
