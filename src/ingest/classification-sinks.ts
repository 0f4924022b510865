/**
 * Where classified offerings go: a sink receives the rows batch by batch, in
 * input order, and is closed once at the end (or aborted when the run fails).
 * The pipeline waits for each `write`, so a slow sink slows the reading down
 * instead of letting rows pile up in memory.
 *
 * - `csvFileSink`: a CSV for Excel — UTF-8 with BOM, CRLF, one row per assigned
 *   link (`id,name,link,confidence,status,alternatives,evidence`), and every
 *   cell that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab,
 *   CR first) neutralised with a leading `'`.
 * - `parquetFileSink`: the same columns in Parquet, values as they are; staged
 *   as a plain CSV beside the target, written by DuckDB at the end (store).
 * - `rowSink`: a callback per batch of rows, e.g. the database's
 *   `saveClassifiedOfferings(db, rows)`.
 * File sinks write to `<file>.partial` and rename on close, so a failed run never
 * leaves a half-written file under the requested name.
 */
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { extname } from 'node:path';
import { saveClassifiedOfferings, writeClassifiedOfferingsParquet, type Database } from '../store/index.js';
import type { AssignedStatus } from './classify-protocol.js';
import { NAME_ID_PREFIX } from './enterprise-text.js';
import { formatLine, preamble, type LineFormat } from './offering-lines.js';

/** One assigned link of one enterprise: what the database's offerings table takes from a classification. */
export interface ClassifiedOfferingRow {
  readonly enterpriseId: string;
  readonly link: string;
  /** Probability in [0, 1]. */
  readonly confidence: number;
  readonly status: AssignedStatus;
  /** Same-segment links close in score. */
  readonly alternatives: string[];
  /** `term@start-end;…`, offsets in the enterprise's text (its text columns joined by a line break). */
  readonly evidence: string;
}

export interface ClassifiedBatch {
  /** Rows of consecutive input rows, in input order; within an enterprise, most probable link first. */
  readonly rows: readonly ClassifiedOfferingRow[];
  /** The enterprise name of each row (same index), for outputs that show it. */
  readonly names: readonly string[];
}

export interface ClassificationSink {
  write(batch: ClassifiedBatch): Promise<void> | void;
  /** The run completed: make the output final. */
  close(): Promise<void> | void;
  /** The run failed: discard what was written. */
  abort?(): Promise<void> | void;
  /**
   * File sinks: the line format they write. The workers then format the lines
   * themselves and the pipeline calls `writeLines` with them instead of `write`.
   */
  readonly lineFormat?: LineFormat;
  /** Lines in `lineFormat`, as text or UTF-8 bytes; resolves once they are written, so that the bytes may be reused. */
  writeLines?(lines: string | Uint8Array): Promise<void>;
}

/** A sink calling `write` with each batch's rows (and `close` at the end, when given). */
export function rowSink(
  write: (rows: readonly ClassifiedOfferingRow[]) => Promise<void> | void,
  close?: () => Promise<void> | void,
): ClassificationSink {
  return { write: (batch) => write(batch.rows), close: () => close?.() };
}

/** A text file written through a stream, each write awaited until it is done (its bytes may then be reused). */
class TextFile {
  private readonly stream: WriteStream;
  private failure?: Error;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
    this.stream.on('error', (error) => (this.failure ??= error));
  }

  async write(text: string | Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    // The callback comes once the chunk is handed to the file (or with the stream's error, which the handler keeps).
    await new Promise<void>((resolve) =>
      this.stream.write(text, (error) => {
        if (error) this.failure ??= error;
        resolve();
      }),
    );
    if (this.failure) throw this.failure;
  }

  async end(): Promise<void> {
    if (this.failure) throw this.failure;
    this.stream.end();
    await once(this.stream, 'finish');
  }

  destroy(): void {
    this.stream.destroy();
    rmSync(this.path, { force: true });
  }
}

/** A file of output lines in `format`, written to `<path>.partial` until it is closed. */
function lineFileSink(format: LineFormat, partial: string, finish: () => Promise<void> | void, discard: () => void): ClassificationSink {
  const file = new TextFile(partial);
  let started = false;
  const writeLines = async (lines: string | Uint8Array) => {
    if (!started) await file.write(preamble(format));
    started = true;
    if (lines.length > 0) await file.write(lines);
  };
  return {
    lineFormat: format,
    writeLines,
    async write({ rows, names }) {
      let text = '';
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i] as ClassifiedOfferingRow;
        text += formatLine(format, {
          id: row.enterpriseId, name: names[i] ?? '', link: row.link, confidence: row.confidence, status: row.status,
          alternatives: row.alternatives.join('|'), evidence: row.evidence,
        });
      }
      await writeLines(text);
    },
    async close() {
      await writeLines('');
      await file.end();
      await finish();
    },
    abort() {
      file.destroy();
      discard();
    },
  };
}

/** CSV for Excel (see the module note). */
export function csvFileSink(path: string): ClassificationSink {
  const partial = `${path}.partial`;
  return lineFileSink('excel', partial, () => renameSync(partial, path), () => {});
}

/** Parquet through DuckDB (see the module note). */
export function parquetFileSink(path: string): ClassificationSink {
  const staged = `${path}.partial.csv`;
  const partial = `${path}.partial`;
  return lineFileSink(
    'staging',
    staged,
    async () => {
      try {
        await writeClassifiedOfferingsParquet(staged, partial);
        renameSync(partial, path);
      } finally {
        rmSync(staged, { force: true });
        rmSync(partial, { force: true });
      }
    },
    () => rmSync(partial, { force: true }),
  );
}

/** The file sink for an output path, by extension; undefined for an extension it does not know. */
export function fileSink(path: string): ClassificationSink | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return csvFileSink(path);
  if (ext === '.parquet') return parquetFileSink(path);
  return undefined;
}

/** What a database sink wrote: rows written, rows kept out by a decision, rows of firms the database does not hold. */
export interface DatabaseSinkCounts {
  written: number;
  keptDecided: number;
  unknownEnterprise: number;
}

/**
 * A sink writing each batch as classified offerings through the review layer
 * (store/review.ts: decided offerings stay as decided), one transaction per
 * batch. Firms are matched by id, credit code or exact name; a firm the file
 * names but the database lacks is counted, not added (import it first).
 * Firms the file lists with no link keep whatever they had.
 */
export function databaseSink(db: Database): { sink: ClassificationSink; counts: DatabaseSinkCounts } {
  const counts: DatabaseSinkCounts = { written: 0, keptDecided: 0, unknownEnterprise: 0 };
  const sink = rowSink(async (rows) => {
    if (rows.length === 0) return;
    // A row without id or credit code is named `name:<name>` (enterprise-text.ts): the store matches the name itself.
    const keyed = rows.map((r) => (r.enterpriseId.startsWith(NAME_ID_PREFIX) ? { ...r, enterpriseId: r.enterpriseId.slice(NAME_ID_PREFIX.length) } : r));
    const ids = [...new Set(keyed.map((r) => r.enterpriseId))];
    const result = await saveClassifiedOfferings(db, ids, keyed);
    counts.written += result.written;
    counts.keptDecided += result.keptDecided;
    counts.unknownEnterprise += rows.length - result.written - result.keptDecided;
  });
  return { sink, counts };
}
