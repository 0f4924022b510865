/**
 * `npm run bench`: runs the benchmarks listed below, one after another, and
 * prints the machine, each benchmark's figures and a summary table with
 * PASS/MISS against the targets. A MISS never fails the process.
 *
 *   node --expose-gc dist/bench/run.js [benchmark-name] [--rows N]
 *
 * Adding a benchmark: write bench/<name>.ts exporting a `Benchmark`, add it to BENCHMARKS.
 */
import { cpus, totalmem } from 'node:os';
import Table from 'cli-table3';
import { formatBytes, verdict, type BenchOptions, type Benchmark, type SummaryLine } from './harness.js';
import { classifyEnterprises } from './classify-enterprises.js';
import { importEnterprises } from './import-enterprises.js';
import { assessProvinces } from './assess-provinces.js';
import { reportBench } from './report.js';
import { apiBench } from './api.js';

const BENCHMARKS: readonly Benchmark[] = [importEnterprises, classifyEnterprises, assessProvinces, reportBench, apiBench];

function parseArguments(args: readonly string[]): { only?: string; options: BenchOptions } {
  let only: string | undefined;
  let rows: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--rows' || arg.startsWith('--rows=')) {
      const value = arg === '--rows' ? args[++i] : arg.slice('--rows='.length);
      rows = Number(value);
      if (!Number.isInteger(rows) || rows <= 0) throw new Error(`--rows needs a positive integer, got ${value}`);
    } else if (!arg.startsWith('-')) only = arg;
  }
  return { ...(only ? { only } : {}), options: rows ? { rows } : {} };
}

function printMachine(): void {
  const list = cpus();
  console.log('ChainAtlas benchmarks');
  console.log(`  cpus:   ${list.length} x ${list[0]?.model.trim() ?? 'unknown'}`);
  console.log(`  memory: ${formatBytes(totalmem())}`);
  console.log(`  node:   ${process.version} (${process.platform} ${process.arch})`);
}

function printSummary(lines: readonly SummaryLine[]): void {
  const table = new Table({ head: ['benchmark', 'metric', 'value', 'target', 'result'], style: { head: [], border: [] } });
  for (const line of lines) {
    table.push([line.benchmark, line.metric, line.value, line.target ?? '', line.pass === undefined ? '' : verdict(line.pass)]);
  }
  console.log('\nSummary');
  console.log(table.toString());
}

async function main(): Promise<void> {
  const { only, options } = parseArguments(process.argv.slice(2));
  const selected = only ? BENCHMARKS.filter((b) => b.name === only) : BENCHMARKS;
  if (selected.length === 0) {
    console.error(`No benchmark named "${only}". Known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  printMachine();
  const summary: SummaryLine[] = [];
  for (const benchmark of selected) {
    console.log(`\n${benchmark.name}: ${benchmark.description}`);
    try {
      summary.push(...(await benchmark.run(options)));
    } catch (error) {
      // One broken benchmark does not hide the others' figures.
      console.error(`  failed: ${(error as Error).stack ?? String(error)}`);
      summary.push({ benchmark: benchmark.name, metric: 'run', value: 'failed', pass: false });
    }
  }
  printSummary(summary);
}

await main();
