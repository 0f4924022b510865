/**
 * Classifying a large enterprise file into chain links, streaming, on all cores.
 *
 *   CSV:         bytes → slices of whole records (csv-slices.ts) ─┐
 *   XLSX, JSON:  rows (readers of open-source.ts) → texts ────────┴→ pool of worker threads
 *                (classify-worker.ts: decode, parse, classify, format) → results in input order → sink
 *
 * A CSV is cut into slices on this thread and decoded, parsed and classified by
 * the workers, so that reading costs this thread next to nothing and every core
 * classifies. Files the slicer leaves to the ordinary reader (and the rest of a
 * CSV from the first slice whose input the fast scanner leaves to csv-parse) go
 * row by row through the readers of open-source.ts, texts batched to the same
 * workers. Either way the text, id and name of a row are read as in
 * enterprise-text.ts (the text as the import stores the description, the id the
 * import gives the row).
 *
 * Memory stays bounded whatever the file size: at most IN_FLIGHT_PER_THREAD jobs
 * per worker are out at a time, and the oldest job's rows are handed to the
 * sink — whose `write` may make the reading wait — before more is read. Results
 * come back out of order and are put back in order by awaiting the oldest first.
 *
 * Bad input is a value: a file with no text column, an unreadable or corrupt
 * file are issues of the report (`completed: false`, and the sink is aborted);
 * rows with an empty text are counted and give no link; the reader's encoding
 * warnings are passed on.
 *
 * Limits: XLSX and JSON files are read whole by their readers (only CSV streams);
 * a worker that fails ends the run.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, extname } from 'node:path';
import type { Framework, Issue, MessageCode } from '../model/index.js';
import { issue } from '../model/index.js';
import { compileLexicon, lexiconTables, type ClassifierModel } from '../classify/index.js';
import type { ClassificationSink, ClassifiedOfferingRow } from './classification-sinks.js';
import { STATUS_OF_CODE, type JobInput, type JobResult, type WorkerSetup } from './classify-protocol.js';
import { CsvSlicer } from './csv-slices.js';
import { TEXT_HEADERS, hasIdentity, planColumns, rowIdentity, rowText, type ColumnPlan } from './enterprise-text.js';
import { openSource } from './open-source.js';
import { WorkerFailure, WorkerPool } from './worker-pool.js';

/** Rows per job when rows are read one by one (a CSV slice holds about as many). */
export const DEFAULT_BATCH_ROWS = 2000;
/** Jobs out per worker: one being classified, one waiting, so that no worker idles while this thread reads. */
const IN_FLIGHT_PER_THREAD = 2;

export interface ClassifyFileProgress {
  readonly file: string;
  /** Rows whose results have reached the sink. */
  readonly rows: number;
  /** Bytes of the file read so far (XLSX and JSON: all of it once read). */
  readonly bytes: number;
  readonly totalBytes: number;
  readonly elapsedMs: number;
  readonly rowsPerSecond: number;
  readonly bytesPerSecond: number;
  /** Seconds left at the rate so far, when it can be told. */
  readonly etaSeconds?: number;
}

export interface ClassifyFileOptions {
  readonly framework: Framework;
  readonly model?: ClassifierModel;
  /** Worker threads; default one per core (os.availableParallelism()). */
  readonly threads?: number;
  /** Rows per job on the row-by-row path. */
  readonly batchRows?: number;
  /** Bytes per CSV slice (default SLICE_BYTES, about 2,000 registry rows); tests use small ones. */
  readonly sliceBytes?: number;
  /** XLSX: only this sheet. */
  readonly sheet?: string;
  readonly sink: ClassificationSink;
  readonly onProgress?: (progress: ClassifyFileProgress) => void;
}

export interface ClassifyFileReport {
  readonly file: string;
  /** False when the file could not be read to its end (see issues): the sink was aborted. */
  readonly completed: boolean;
  /** Data rows read. */
  readonly rows: number;
  /** Rows whose text was empty (classified as no link). */
  readonly emptyTexts: number;
  /** Rows with at least one assigned link, and without (empty texts included). */
  readonly withLinks: number;
  readonly withoutLinks: number;
  /** Rows given to the sink: one per assigned link. */
  readonly offerings: number;
  /** Texts classified on their first MAX_TEXT_CHARS characters only. */
  readonly truncated: number;
  readonly threads: number;
  /** How the rows were read: CSV slices parsed by the workers, or row by row by the readers (or both, in that order). */
  readonly paths: readonly ('slices' | 'rows')[];
  readonly ms: number;
  /** Errors (when not completed) and warnings of the reader (encoding). */
  readonly issues: readonly Issue[];
}

/** Issues after which the output cannot be trusted to hold every row. */
const FATAL: ReadonlySet<MessageCode> = new Set<MessageCode>([
  'ingest.file_missing', 'ingest.unsupported_format', 'ingest.corrupt_xlsx', 'ingest.bad_json', 'ingest.json_shape',
  'ingest.bad_csv', 'ingest.empty_file', 'cli.bad_option', 'classify_file.no_text_column', 'classify_file.worker_failed',
]);

const CSV_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);

/** One run: the pool, the jobs out in input order, the counts, and the sink they feed. */
class ClassifyRun {
  readonly issues: Issue[] = [];
  readonly counts = { rows: 0, emptyTexts: 0, withLinks: 0, offerings: 0, truncated: 0 };
  /** CSV slices delivered so far: their records (the next slice's first row number follows) and line feeds. */
  records = 0;
  lineFeeds = 0;
  bytes = 0;
  private pool?: WorkerPool<JobInput, JobResult>;
  private readonly queue: Promise<JobResult>[] = [];
  /** Output buffers written to the sink, to be moved back to a worker with the next job. */
  private readonly spares: ArrayBuffer[] = [];
  /** Where a CSV job's input buffer goes once the worker has read it (the slicer reads into it again). */
  recycleInput?: (buffer: ArrayBuffer) => void;
  private readonly started = performance.now();
  private readonly linkIds: readonly string[];

  constructor(
    private readonly file: string,
    private readonly options: ClassifyFileOptions,
    readonly threads: number,
    private readonly totalBytes: number,
  ) {
    this.linkIds = options.framework.links.map((l) => l.id);
  }

  /** The file has been read whole (the readers do not count bytes as they go). */
  readToEnd(): void {
    this.bytes = this.totalBytes;
  }

  get elapsedMs(): number {
    return performance.now() - this.started;
  }

  /** Sends a job, then waits while the jobs out fill the pool's share. */
  async submit(input: JobInput, transfer: ArrayBuffer[] = []): Promise<JobResult | undefined> {
    // An output buffer already written goes back with the job: fresh memory for every job's lines costs more than its lines.
    const spare = this.spares.pop();
    const job = spare ? { ...input, spare } : input;
    if (spare) transfer = [...transfer, spare];
    const sink = this.options.sink;
    const setup: WorkerSetup = {
      framework: this.options.framework, file: this.file,
      ...(this.options.model ? { model: this.options.model } : {}),
      ...(sink.lineFormat && sink.writeLines ? { lineFormat: sink.lineFormat } : {}),
    };
    if (!this.pool) {
      this.pool = new WorkerPool<JobInput, JobResult>(new URL('./classify-worker.js', import.meta.url), this.threads, setup);
      // The lexicon is compiled here, once, while the threads start, and not again in each of them.
      this.pool.setUp(lexiconTables(compileLexicon(this.options.framework)));
    }
    const result = this.pool.run(job, transfer);
    // Awaited in order later; meanwhile a failure must not count as unhandled.
    result.catch(() => {});
    this.queue.push(result);
    while (this.queue.length >= this.threads * IN_FLIGHT_PER_THREAD) {
      const anomaly = await this.deliverOldest();
      if (anomaly) return anomaly;
    }
    return undefined;
  }

  /** Delivers every job out; stops at a slice with an anomaly and returns it (the jobs after it are dropped). */
  async drain(): Promise<JobResult | undefined> {
    while (this.queue.length > 0) {
      const anomaly = await this.deliverOldest();
      if (anomaly) return anomaly;
    }
    return undefined;
  }

  /** Waits for the oldest job and hands its rows to the sink; a slice with an anomaly is returned instead, and the rest dropped. */
  private async deliverOldest(): Promise<JobResult | undefined> {
    const result = await (this.queue.shift() as Promise<JobResult>);
    if (result.input) this.recycleInput?.(result.input);
    if (result.anomaly) {
      this.queue.length = 0;
      return result;
    }
    const counts = this.counts;
    counts.rows += result.rows;
    counts.emptyTexts += result.emptyTexts;
    counts.withLinks += result.withLinks;
    counts.offerings += result.offerings;
    counts.truncated += result.truncated;
    // A slice's lines are numbered from 1: they follow the line feeds of the slices before it.
    for (const problem of result.issues) this.issues.push(problem.row === undefined ? problem : { ...problem, row: problem.row + this.lineFeeds });
    this.records += result.records;
    this.lineFeeds += result.lineFeeds;
    const sink = this.options.sink;
    if (result.bytes !== undefined && sink.writeLines) {
      if (result.bytes.byteLength > 0) await sink.writeLines(result.bytes);
      if (this.spares.length < this.threads * IN_FLIGHT_PER_THREAD) this.spares.push(result.bytes.buffer as ArrayBuffer);
    } else if (result.columns && result.columns.ids.length > 0) {
      const c = result.columns;
      const rows: ClassifiedOfferingRow[] = [];
      for (let k = 0; k < c.ids.length; k++) {
        const alternatives = c.alternatives[k] as string;
        rows.push({
          enterpriseId: c.ids[k] as string,
          link: this.linkIds[c.links[k] as number] as string,
          confidence: c.confidences[k] as number,
          status: STATUS_OF_CODE[c.statuses[k] as number] ?? 'uncertain',
          alternatives: alternatives ? alternatives.split('|') : [],
          evidence: c.evidence[k] as string,
        });
      }
      await sink.write({ rows, names: c.names });
    }
    this.progress();
    return undefined;
  }

  progress(): void {
    if (!this.options.onProgress) return;
    const elapsedMs = this.elapsedMs;
    const seconds = elapsedMs / 1000;
    const bytes = Math.min(this.bytes, this.totalBytes);
    const bytesPerSecond = seconds > 0 ? bytes / seconds : 0;
    const etaSeconds = bytesPerSecond > 0 && bytes < this.totalBytes ? (this.totalBytes - bytes) / bytesPerSecond : bytes >= this.totalBytes ? 0 : undefined;
    this.options.onProgress({
      file: this.file, rows: this.counts.rows, bytes, totalBytes: this.totalBytes, elapsedMs,
      rowsPerSecond: seconds > 0 ? this.counts.rows / seconds : 0, bytesPerSecond, ...(etaSeconds !== undefined ? { etaSeconds } : {}),
    });
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}

/** The CSV path: slices to the workers. Returns the row after which the ordinary reader must take over, if it must. */
async function classifySlices(run: ClassifyRun, slicer: CsvSlicer, plan: ColumnPlan): Promise<number | undefined> {
  const { delimiter, skipRecords } = slicer.head;
  let recordsBefore = 0;
  run.recycleInput = (buffer) => slicer.recycle(buffer);
  try {
    for (;;) {
      const slice = await slicer.next();
      run.bytes = slicer.bytesRead;
      if (slice === undefined) break;
      if (slice === 'unsupported') {
        // What is out is delivered; the reader takes over after the last record delivered.
        await run.drain();
        return run.records;
      }
      const anomaly = await run.submit(
        {
          kind: 'csv', bytes: slice.bytes, first: slice.first, recordsBefore, skipRecords: slice.first ? skipRecords : 0, delimiter, plan,
          ...(slice.encoding ? { encoding: slice.encoding } : {}),
        },
        [slice.bytes.buffer as ArrayBuffer],
      );
      recordsBefore += slice.records;
      if (anomaly) return run.records;
    }
    return (await run.drain()) ? run.records : undefined;
  } finally {
    await slicer.close();
  }
}

/** The row-by-row path, from the readers; CSV rows up to `after`, when given, were classified already (by slices). */
async function classifyRows(run: ClassifyRun, path: string, after: number | undefined, batchRows: number, sheet?: string): Promise<{ sheetsWithText: number }> {
  const source = openSource(path, sheet ? { sheet } : {});
  let sheetsWithText = 0;
  let ids: string[] = [];
  let names: string[] = [];
  let texts: string[] = [];
  const submit = async () => {
    if (texts.length === 0) return;
    await run.submit({ kind: 'rows', ids, names, texts });
    ids = [];
    names = [];
    texts = [];
  };
  for await (const sheet of source.sheets) {
    const plan = planColumns(sheet.headers);
    if (!plan) {
      run.issues.push(issue('classify_file.no_text_column', { file: sheet.file, expected: TEXT_HEADERS }, { file: sheet.file, ...(sheet.sheet ? { sheet: sheet.sheet } : {}), row: 1 }));
      continue;
    }
    sheetsWithText++;
    for await (const { row, cells } of sheet.rows) {
      if (after !== undefined && row <= after) continue;
      const { id, name } = rowIdentity(cells, row, plan);
      ids.push(id);
      names.push(name);
      texts.push(rowText(cells, plan));
      if (texts.length >= batchRows) {
        await submit();
        run.bytes = source.bytesRead?.() ?? run.bytes;
      }
    }
  }
  await submit();
  await run.drain();
  run.readToEnd();
  // Reader problems are found while the rows are read: they come last.
  run.issues.push(...source.issues);
  return { sheetsWithText };
}

export async function classifyFile(path: string, options: ClassifyFileOptions): Promise<ClassifyFileReport> {
  const file = basename(path);
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  const batchRows = Math.max(1, Math.floor(options.batchRows ?? DEFAULT_BATCH_ROWS));
  const totalBytes = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
  const run = new ClassifyRun(file, options, threads, totalBytes);
  const paths: ('slices' | 'rows')[] = [];
  let failed = false;
  let sheetsWithText = 0;
  try {
    const slicer = CSV_EXTENSIONS.has(extname(path).toLowerCase()) && totalBytes > 0 ? await CsvSlicer.open(path, options.sliceBytes) : undefined;
    const plan = slicer ? planColumns(slicer.head.headers) : undefined;
    // Slices need an id column of some kind: a row numbered id (`row:<n>`) needs the reader's row numbers.
    let rowsFrom: { after?: number } | undefined = {};
    if (slicer && plan && hasIdentity(plan)) {
      paths.push('slices');
      sheetsWithText = 1;
      const after = await classifySlices(run, slicer, plan);
      // The reader reports the file's problems again from its start: those of the slices give way to them.
      if (after !== undefined) run.issues.length = 0;
      rowsFrom = after === undefined ? undefined : { after };
    } else await slicer?.close();
    if (rowsFrom) {
      paths.push('rows');
      sheetsWithText = (await classifyRows(run, path, rowsFrom.after, batchRows, options.sheet)).sheetsWithText;
    }
  } catch (error) {
    if (!(error instanceof WorkerFailure)) {
      // The sink (or the file system) failed: nothing sensible can be kept.
      await run.close();
      await options.sink.abort?.();
      throw error;
    }
    failed = true;
    run.issues.push(issue('classify_file.worker_failed', { reason: error.message.split('\n')[0] ?? '' }, { file }));
  }
  await run.close();

  // A sheet without text is an error only when no sheet has any: a workbook may hold other sheets beside the firms'.
  const problems = run.issues.filter((i) => FATAL.has(i.code) && (i.code !== 'classify_file.no_text_column' || sheetsWithText === 0));
  const completed = !failed && problems.length === 0;
  if (completed) await options.sink.close();
  else await options.sink.abort?.();
  run.progress();
  const { rows, emptyTexts, withLinks, offerings, truncated } = run.counts;
  return {
    file, completed, rows, emptyTexts, withLinks, withoutLinks: rows - withLinks, offerings, truncated, threads, paths,
    ms: run.elapsedMs, issues: run.issues,
  };
}
