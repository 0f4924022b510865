/**
 * One measured classification run, in its own process so that its peak RSS is
 * its own (worker threads included: they share the process):
 *
 *   node dist/bench/classify-worker.js chainatlas <csv> <out.csv> [threads]
 *       ChainAtlas classifyFile on all cores, CSV in, CSV out (the classify-enterprises command's job)
 *   node dist/bench/classify-worker.js naive <texts.txt> <keywords.json> <sample>
 *       baseline A: the script an analyst would write — for each text, for each
 *       keyword, text.includes(keyword), summing weights per link — on the first
 *       <sample> lines of the texts file (reading included)
 *
 * Prints one JSON line (see WorkerReport); also runnable by hand under `node --cpu-prof`.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { classifyFile, csvFileSink, loadFramework } from '../src/ingest/index.js';
import { reportFromWorker } from './harness.js';

/** A keyword of baseline A: the term as the framework writes it, its link and weight. */
export interface NaiveKeyword {
  readonly term: string;
  readonly link: string;
  readonly weight: number;
}

async function chainatlas(csv: string, out: string, threads?: number): Promise<void> {
  const framework = loadFramework();
  const started = performance.now();
  const report = await classifyFile(csv, { framework, sink: csvFileSink(out), ...(threads ? { threads } : {}) });
  const ms = performance.now() - started;
  const note = `${report.offerings} link rows, ${report.withLinks} firms with a link, ${report.withoutLinks} without, ` +
    `${report.threads} threads, read as ${report.paths.join(' + ')}${report.completed ? '' : `; NOT completed: ${report.issues[0]?.code ?? ''}`}`;
  reportFromWorker(ms, report.completed ? report.rows : 0, note);
}

async function naive(textsFile: string, keywordsFile: string, sample: number): Promise<void> {
  const keywords = JSON.parse(readFileSync(keywordsFile, 'utf8')) as NaiveKeyword[];
  const started = performance.now();
  const lines = createInterface({ input: createReadStream(textsFile, 'utf8'), crlfDelay: Infinity });
  let rows = 0;
  let withLinks = 0;
  for await (const text of lines) {
    const scores: Record<string, number> = {};
    for (const keyword of keywords) {
      if (text.includes(keyword.term)) scores[keyword.link] = (scores[keyword.link] ?? 0) + keyword.weight;
    }
    if (Object.keys(scores).length > 0) withLinks++;
    if (++rows >= sample) break;
  }
  lines.close();
  reportFromWorker(performance.now() - started, rows, `${withLinks} of ${rows} texts with some keyword`);
}

const [mode, a, b, c] = process.argv.slice(2);
if (mode === 'chainatlas' && a && b) await chainatlas(a, b, c ? Number(c) : undefined);
else if (mode === 'naive' && a && b && c) await naive(a, b, Number(c));
else {
  process.stderr.write('usage: classify-worker.js chainatlas <csv> <out.csv> [threads] | naive <texts.txt> <keywords.json> <sample>\n');
  process.exit(2);
}
