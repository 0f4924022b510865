/**
 * One classification thread of classify-file.ts. It builds its Classifier once
 * (the framework's lexicon; jieba's dictionary on first need), then answers each
 * job (classify-protocol.ts):
 *
 *   rows job:      texts ───────────────────────────────────────────┐
 *   CSV bytes job: bytes → decode (decode-text.ts) → records (csv-scanner.ts)
 *                  → text, id, name (enterprise-text.ts) ───────────┴→ classify → output lines | columns
 *
 * Decoding and parsing here rather than on the main thread is what lets a large
 * CSV use every core: the main thread only reads bytes and writes results.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Classifier, formatEvidence, jiebaSegmenter } from '../classify/index.js';
import { STATUS_CODES, type CsvBytesJob, type Job, type JobResult, type RowsJob, type WorkerSetup } from './classify-protocol.js';
import { CsvAnomaly, CsvScanner } from './csv-scanner.js';
import { decodeBuffer, type DecodeState } from './decode-text.js';
import { countLineFeeds } from './csv-slices.js';
import { rowIdentity, rowText } from './enterprise-text.js';
import { LineFormatter } from './offering-lines.js';
import { answerJobs } from './worker-pool.js';

const setup = workerData as WorkerSetup;
const classifier = Classifier.create(setup.framework, { segmenter: jiebaSegmenter, ...(setup.model ? { model: setup.model } : {}) });
const linkIds = setup.framework.links.map((l) => l.id);
const linkIndex = new Map(linkIds.map((id, index) => [id, index]));
const formatter = setup.lineFormat
  ? new LineFormatter(setup.lineFormat, linkIds, setup.framework.links.flatMap((l) => l.keywords.map((k) => k.term)))
  : undefined;

/**
 * Output lines as UTF-8, written line by line into a buffer of its own (not
 * Node's pool, so that it can be moved to the main thread without a copy): far
 * cheaper than growing one string and encoding it at the end.
 */
class ByteWriter {
  private buffer = Buffer.allocUnsafeSlow(1 << 20);
  private length = 0;
  /** Lines not yet encoded: a few kilobytes at a time go in one call. */
  private pending = '';

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= 8192) this.flush();
  }

  private flush(): void {
    const text = this.pending;
    this.pending = '';
    // A UTF-16 unit is at most 3 bytes of UTF-8.
    if (this.length + text.length * 3 > this.buffer.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.length + text.length * 3));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length, 'utf8');
  }

  bytes(): Uint8Array {
    if (this.pending) this.flush();
    return new Uint8Array(this.buffer.buffer, this.buffer.byteOffset, this.length);
  }
}

/** The assigned links of a job's rows, gathered in row order. */
class Collector {
  rows = 0;
  emptyTexts = 0;
  withLinks = 0;
  offerings = 0;
  truncated = 0;
  private readonly lines = formatter ? new ByteWriter() : undefined;
  private readonly ids: string[] = [];
  private readonly names: string[] = [];
  private readonly links: number[] = [];
  private readonly confidences: number[] = [];
  private readonly statuses: number[] = [];
  private readonly alternatives: string[] = [];
  private readonly evidence: string[] = [];

  add(id: string, name: string, text: string): void {
    this.rows++;
    if (text.length === 0) {
      this.emptyTexts++;
      return;
    }
    const classification = classifier.classify(text);
    if (classification.truncated) this.truncated++;
    let assigned = 0;
    let prefix: string | undefined;
    for (const link of classification.links) {
      if (link.status === 'rejected') continue;
      assigned++;
      const alternatives = link.alternatives.length === 0 ? '' : link.alternatives.join('|');
      const evidence = formatEvidence(link.evidence);
      if (formatter && this.lines) {
        prefix ??= formatter.rowPrefix(id, name);
        this.lines.write(formatter.line(prefix, link.link, link.confidence, link.status, alternatives, evidence));
      } else {
        this.ids.push(id);
        this.names.push(name);
        this.links.push(linkIndex.get(link.link) as number);
        this.confidences.push(link.confidence);
        this.statuses.push(STATUS_CODES[link.status]);
        this.alternatives.push(alternatives);
        this.evidence.push(evidence);
      }
    }
    if (assigned > 0) this.withLinks++;
    this.offerings += assigned;
  }

  result(id: number, extra: Pick<JobResult, 'records' | 'lineFeeds' | 'issues'>): JobResult {
    const counts = { rows: this.rows, emptyTexts: this.emptyTexts, withLinks: this.withLinks, offerings: this.offerings, truncated: this.truncated };
    if (this.lines) return { id, ...counts, ...extra, bytes: this.lines.bytes() };
    return {
      id, ...counts, ...extra,
      columns: {
        ids: this.ids, names: this.names, links: Uint16Array.from(this.links), confidences: Float64Array.from(this.confidences),
        statuses: Uint8Array.from(this.statuses), alternatives: this.alternatives, evidence: this.evidence,
      },
    };
  }
}

function runRows(job: RowsJob): JobResult {
  const collector = new Collector();
  for (let i = 0; i < job.texts.length; i++) collector.add(job.ids[i] as string, job.names[i] as string, job.texts[i] as string);
  return collector.result(job.id, { records: job.texts.length, lineFeeds: 0, issues: [] });
}

async function runCsv(job: CsvBytesJob): Promise<JobResult> {
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  const state: DecodeState = { issues: [], ...(job.encoding ? { encoding: job.encoding } : {}) };
  const scanner = new CsvScanner({ delimiter: job.delimiter, continues: !job.first });
  const collector = new Collector();
  let records = 0;
  const take = (batch: readonly string[][]) => {
    for (const cells of batch) {
      records++;
      if (records <= job.skipRecords) continue;
      // A blank line is no row (read-csv.ts).
      if (cells.length === 1 && cells[0] === '') continue;
      const { id, name } = rowIdentity(cells, records, job.plan);
      collector.add(id, name, rowText(cells, job.plan));
    }
  };
  try {
    for await (const text of decodeBuffer(bytes, setup.file, state)) take(scanner.push(text));
    take(scanner.end());
  } catch (error) {
    if (!(error instanceof CsvAnomaly)) throw error;
    return { id: job.id, anomaly: true, rows: 0, records: 0, lineFeeds: 0, emptyTexts: 0, withLinks: 0, offerings: 0, truncated: 0, issues: [] };
  }
  return collector.result(job.id, { records, lineFeeds: countLineFeeds(bytes), issues: state.issues });
}

function transferList(result: JobResult): ArrayBuffer[] {
  const c = result.columns;
  if (c) return [c.links.buffer, c.confidences.buffer, c.statuses.buffer] as ArrayBuffer[];
  return result.bytes && result.bytes.byteLength > 0 ? [result.bytes.buffer as ArrayBuffer] : [];
}

answerJobs<Job, JobResult>(parentPort, (job) => (job.kind === 'rows' ? runRows(job) : runCsv(job)), transferList);
