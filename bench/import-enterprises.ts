/**
 * Importing a large registry export: a million enterprise rows (see
 * enterprise-csv.ts), read by DuckDB's own CSV reader into a table as the
 * baseline, then imported by ChainAtlas with full validation. Each runs in a
 * fresh database file and its own child process (see import-worker.ts).
 *
 * Targets (from the import issue): ChainAtlas within 4x of read_csv's wall time,
 * and under 1 GB peak memory.
 */
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { enterpriseCsv } from './enterprise-csv.js';
import {
  MB, formatBytes, formatCount, formatMs, runWorker, workDir, type BenchOptions, type Benchmark, type SummaryLine, type WorkerReport,
} from './harness.js';

const DEFAULT_ROWS = 1_000_000;
const MAX_RATIO = 4;
const MAX_PEAK_RSS = 1024 * MB;

function freshDatabase(dir: string, name: string): string {
  const file = join(dir, `${name}.duckdb`);
  rmSync(file, { force: true });
  rmSync(`${file}.wal`, { force: true });
  return file;
}

function printRun(label: string, report: WorkerReport, bytes: number, file: string): void {
  const seconds = report.ms / 1000;
  const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  console.log(
    `  ${label.padEnd(28)} ${formatMs(report.ms).padStart(9)}  ${formatCount(report.rows / seconds).padStart(9)} rows/s` +
      `  ${(bytes / MB / seconds).toFixed(1).padStart(6)} MB/s  peak RSS ${formatBytes(report.peakRssBytes).padStart(7)}` +
      `  database ${formatBytes(size)}`,
  );
  if (report.note) console.log(`    ${report.note}`);
}

export const importEnterprises: Benchmark = {
  name: 'import-enterprises',
  description: 'CSV registry export of enterprises: DuckDB read_csv vs ChainAtlas importFiles (full validation)',
  async run(options: BenchOptions): Promise<SummaryLine[]> {
    const rows = options.rows ?? DEFAULT_ROWS;
    const dir = workDir();
    const csv = await enterpriseCsv(dir, rows);
    console.log(
      `  input: ${csv.path} (${formatCount(rows)} rows, ${formatBytes(csv.bytes)})` +
        (csv.generatedMs === undefined ? ', reused' : `, generated in ${formatMs(csv.generatedMs)}`),
    );

    const baselineFile = freshDatabase(dir, 'baseline-read-csv');
    const baseline = await runWorker('import-worker.js', ['duckdb', csv.path, baselineFile]);
    printRun('(a) DuckDB read_csv', baseline, csv.bytes, baselineFile);

    const importFile = freshDatabase(dir, 'chainatlas-import');
    const imported = await runWorker('import-worker.js', ['chainatlas', csv.path, importFile]);
    printRun('(b) ChainAtlas importFiles', imported, csv.bytes, importFile);

    const ratio = imported.ms / baseline.ms;
    const complete = imported.rows === rows && baseline.rows === rows;
    console.log(`  ratio (b)/(a): ${ratio.toFixed(2)}x (target <= ${MAX_RATIO}x)`);
    if (!complete) console.log(`  rows: baseline ${formatCount(baseline.rows)}, ChainAtlas ${formatCount(imported.rows)} of ${formatCount(rows)}`);
    rmSync(baselineFile, { force: true });
    rmSync(importFile, { force: true });

    const name = this.name;
    return [
      { benchmark: name, metric: 'rows', value: formatCount(rows) },
      { benchmark: name, metric: '(a) read_csv time', value: formatMs(baseline.ms) },
      { benchmark: name, metric: '(a) read_csv peak RSS', value: formatBytes(baseline.peakRssBytes) },
      { benchmark: name, metric: '(b) import time', value: formatMs(imported.ms) },
      { benchmark: name, metric: '(b) import rows/s', value: formatCount(imported.rows / (imported.ms / 1000)) },
      { benchmark: name, metric: 'all rows imported', value: `${formatCount(imported.rows)}`, target: formatCount(rows), pass: complete },
      { benchmark: name, metric: 'ratio (b)/(a)', value: `${ratio.toFixed(2)}x`, target: `<= ${MAX_RATIO}x`, pass: ratio <= MAX_RATIO },
      { benchmark: name, metric: '(b) peak RSS', value: formatBytes(imported.peakRssBytes), target: `< ${formatBytes(MAX_PEAK_RSS)}`, pass: imported.peakRssBytes < MAX_PEAK_RSS },
    ];
  },
};
