/**
 * What a benchmark module is, and the measuring helpers they share: timing a job
 * in a child process (so that its peak memory is its own, not the harness's),
 * targets checked as PASS/MISS, and number formatting. A MISS is reported, never
 * thrown: a benchmark informs, it does not gate.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest folder above this module with a package.json (from bench/ or dist/bench/). */
function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('repository root not found');
    dir = parent;
  }
  return dir;
}

/** Generated inputs and scratch databases (git-ignored). */
export const WORK_DIR = join(repositoryRoot(), 'bench', '.work');
/** The compiled bench folder, where worker scripts live. */
export const BENCH_DIST_DIR = dirname(fileURLToPath(import.meta.url));

export function workDir(): string {
  mkdirSync(WORK_DIR, { recursive: true });
  return WORK_DIR;
}

export interface BenchOptions {
  /** Scale override (e.g. rows), for quick runs and profiling; each benchmark has its own default. */
  readonly rows?: number;
}

/** One line of a benchmark's summary: a measured value, and optionally how it fares against a target. */
export interface SummaryLine {
  readonly benchmark: string;
  readonly metric: string;
  readonly value: string;
  readonly target?: string;
  readonly pass?: boolean;
}

export interface Benchmark {
  readonly name: string;
  readonly description: string;
  /** Prints its own figures as it goes and returns the lines for the final summary. */
  run(options: BenchOptions): Promise<SummaryLine[]>;
}

/** What a worker child process reports on its last stdout line, as JSON. */
export interface WorkerReport {
  readonly ms: number;
  readonly rows: number;
  /** Peak resident set size of the child, bytes (getrusage maxrss). */
  readonly peakRssBytes: number;
  /** CPU time of the child, all its threads, user + system (less sensitive than wall time to a shared machine). */
  readonly cpuMs?: number;
  readonly note?: string;
}

/** Runs a compiled worker script under node and returns its report. */
export async function runWorker(script: string, args: readonly string[], nodeFlags: readonly string[] = []): Promise<WorkerReport> {
  const child = spawn(process.execPath, [...nodeFlags, join(BENCH_DIST_DIR, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => (out += text));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const last = out.trim().split('\n').pop() ?? '';
  if (code !== 0) throw new Error(`${script} ${args.join(' ')} exited with ${code}: ${out.slice(-2000)}`);
  return JSON.parse(last) as WorkerReport;
}

/** For workers: the report line, with this process's peak RSS. */
export function reportFromWorker(ms: number, rows: number, note?: string): void {
  // resourceUsage().maxRSS is in kilobytes.
  const usage = process.resourceUsage();
  const report: WorkerReport = {
    ms, rows, peakRssBytes: usage.maxRSS * 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, ...(note ? { note } : {}),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

export const MB = 1024 * 1024;

export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * MB ? `${(bytes / 1024 / MB).toFixed(2)} GB` : `${(bytes / MB).toFixed(0)} MB`;
}

export function verdict(pass: boolean): string {
  return pass ? 'PASS' : 'MISS';
}
