/**
 * Generating the full zh report (HTML, PDF, XLSX, DOCX) of Jiangxi:
 *
 *   (a) on the default dataset (imported once into bench/.work/report-default.duckdb);
 *   (b) on the generated national universe of 1,000,000 enterprises, 1,500,000
 *       offerings, 50,000 cases and 200,000 components (the assess-provinces
 *       universe, bench/.work/assess-universe.duckdb, generated when missing).
 *
 * Each run does the whole job as `chainatlas report` does it — load from the store,
 * assess, build the document, render the charts, write the files — in this
 * process, with one Chromium for the PDF and the DOCX fallback images. The HTML
 * alone is the job with `--format html`. One warm-up run, then three; medians.
 *
 * Targets (from the report issue), default dataset: HTML under 1 s, all four formats
 * under 10 s. The 1M universe has no target; its figures are reported.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { importFiles, loadFramework, readDatasetManifest } from '../src/ingest/index.js';
import { resolveRegion } from '../src/regions/index.js';
import { Database } from '../src/store/index.js';
import { createOutput } from '../src/cli/output.js';
import { loadReportInput, writeReports, type ReportFormat, type WrittenReport } from '../src/cli/report-command.js';
import { generate } from './assess-provinces.js';
import { formatCount, formatMs, workDir, type BenchOptions, type Benchmark, type SummaryLine } from './harness.js';

const HTML_TARGET_MS = 1_000;
const ALL_TARGET_MS = 10_000;
const ROUNDS = 3;

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function defaultDatabase(): Promise<string> {
  const file = join(workDir(), 'report-default.duckdb');
  if (existsSync(file)) return file;
  const { db } = await Database.open(file);
  try {
    const report = await importFiles(db, readDatasetManifest().files, { framework: loadFramework() });
    if (!report.committed) throw new Error('the default dataset did not import');
  } finally {
    db.close();
  }
  return file;
}

interface Timing {
  readonly total: number;
  readonly load: number;
  readonly files: readonly WrittenReport[];
}

async function timeReport(file: string, formats: readonly ReportFormat[], outDir: string): Promise<Timing> {
  const framework = loadFramework();
  const region = resolveRegion('江西').value;
  if (!region) throw new Error('no Jiangxi');
  const { db } = await Database.open(file);
  try {
    const started = performance.now();
    const input = await loadReportInput(db, framework, region, { date: '2024-06-30' }, createOutput({ lang: 'zh', stdout: process.stderr }));
    const load = performance.now() - started;
    const files = await writeReports(input, { langs: ['zh'], formats, outDir, outline: 'default' });
    return { total: performance.now() - started, load, files };
  } finally {
    db.close();
  }
}

async function measure(file: string, formats: readonly ReportFormat[], outDir: string): Promise<{ total: number; load: number; byFormat: Map<string, number>; sizes: Timing }> {
  await timeReport(file, formats, outDir);
  const runs: Timing[] = [];
  for (let i = 0; i < ROUNDS; i++) runs.push(await timeReport(file, formats, outDir));
  const byFormat = new Map(formats.map((f) => [f, median(runs.map((r) => r.files.find((x) => x.format === f)?.ms ?? 0))]));
  return { total: median(runs.map((r) => r.total)), load: median(runs.map((r) => r.load)), byFormat, sizes: runs[runs.length - 1] as Timing };
}

const ALL: readonly ReportFormat[] = ['html', 'pdf', 'xlsx', 'docx'];

export const reportBench: Benchmark = {
  name: 'report',
  description: 'the full zh report of Jiangxi (HTML, PDF, XLSX, DOCX) on the default dataset and on 1M enterprises',
  async run(options: BenchOptions): Promise<SummaryLine[]> {
    const name = this.name;
    const out = join(workDir(), 'report-out');
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const lines: SummaryLine[] = [];

    const small = await defaultDatabase();
    const html = await measure(small, ['html'], out);
    const all = await measure(small, ALL, out);
    console.log(`  default dataset: html only ${formatMs(html.total)} (load + assess ${formatMs(html.load)})`);
    console.log(`  default dataset: all four  ${formatMs(all.total)} (load + assess ${formatMs(all.load)}; ${ALL.map((f) => `${f} ${formatMs(all.byFormat.get(f) ?? 0)}`).join(', ')})`);
    lines.push(
      { benchmark: name, metric: 'default: HTML', value: formatMs(html.total), target: `< ${formatMs(HTML_TARGET_MS)}`, pass: html.total < HTML_TARGET_MS },
      { benchmark: name, metric: 'default: all four formats', value: formatMs(all.total), target: `< ${formatMs(ALL_TARGET_MS)}`, pass: all.total < ALL_TARGET_MS },
      ...ALL.map((f) => ({ benchmark: name, metric: `default: ${f}`, value: formatMs(all.byFormat.get(f) ?? 0) })),
    );

    const enterprises = options.rows ?? 1_000_000;
    const big = join(workDir(), 'assess-universe.duckdb');
    const made = await generate(big, enterprises);
    console.log(`  universe: ${formatCount(enterprises)} enterprises — ${made.reused ? 'reused' : `generated in ${formatMs(made.ms)}`}`);
    const large = await measure(big, ALL, out);
    console.log(`  1M universe: all four ${formatMs(large.total)} (load + assess ${formatMs(large.load)}; ${ALL.map((f) => `${f} ${formatMs(large.byFormat.get(f) ?? 0)}`).join(', ')})`);
    lines.push(
      { benchmark: name, metric: `${formatCount(enterprises)} enterprises: all four`, value: formatMs(large.total) },
      { benchmark: name, metric: `${formatCount(enterprises)} enterprises: load + assess`, value: formatMs(large.load) },
      ...ALL.map((f) => ({ benchmark: name, metric: `${formatCount(enterprises)} enterprises: ${f}`, value: formatMs(large.byFormat.get(f) ?? 0) })),
    );
    return lines;
  },
};
