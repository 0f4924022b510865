/**
 * What the main thread and the classification workers send each other
 * (classify-file.ts ⇄ classify-worker.ts).
 *
 * A job is either rows already read (ids, names and texts: XLSX, JSON, and CSV
 * files the byte splitter leaves to the reader) or a slice of a CSV file's bytes
 * cut at record boundaries, which the worker decodes, parses and maps itself.
 * The answer holds the assigned links of the job's rows, in row order (within a
 * row, most probable first): as finished output lines when the sink writes a
 * file, else column-wise (typed arrays moved, not copied).
 */
import type { Framework, Issue } from '../model/index.js';
import type { AssignmentStatus, ClassifierModel } from '../classify/index.js';
import type { TextEncoding } from './decode-text.js';
import type { ColumnPlan } from './enterprise-text.js';
import type { LineFormat } from './offering-lines.js';

export interface WorkerSetup {
  readonly framework: Framework;
  readonly model?: ClassifierModel;
  /** Output lines to produce; rows column-wise when absent. */
  readonly lineFormat?: LineFormat;
  /** The file's name, for issues. */
  readonly file: string;
}

/** What every job may carry besides its rows. */
interface JobBase {
  readonly id: number;
  /** A buffer the main thread is done with (output lines written), moved back for the worker's next output. */
  readonly spare?: ArrayBuffer;
}

export interface RowsJob extends JobBase {
  readonly kind: 'rows';
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly texts: readonly string[];
}

export interface CsvBytesJob extends JobBase {
  readonly kind: 'csv';
  /** Whole records of the file (the last one may lack its line end at the end of the file). */
  readonly bytes: Uint8Array;
  /** The file's encoding when known; unknown only while the file has been ASCII so far. */
  readonly encoding?: TextEncoding;
  /** The slice starts the file (a byte-order mark is dropped, as the reader does). */
  readonly first: boolean;
  /** Records of the file before the slice: its first record is row `recordsBefore + 1`. */
  readonly recordsBefore: number;
  /** Records to pass over first (blank lines before the header, and the header). */
  readonly skipRecords: number;
  readonly delimiter: '\n' | '\r\n';
  readonly plan: ColumnPlan;
}

export type Job = RowsJob | CsvBytesJob;
/** A job before the pool numbers it. */
export type JobInput = Omit<RowsJob, 'id'> | Omit<CsvBytesJob, 'id'>;

/** Assigned links column-wise, one entry per output row. */
export interface OfferingColumns {
  readonly ids: readonly string[];
  readonly names: readonly string[];
  /** Index of the link in the framework's `links`. */
  readonly links: Uint16Array;
  readonly confidences: Float64Array;
  /** STATUS_CODES of the status. */
  readonly statuses: Uint8Array;
  /** Alternative link ids joined by `|` (link ids never hold one). */
  readonly alternatives: readonly string[];
  readonly evidence: readonly string[];
}

export interface JobResult {
  readonly id: number;
  /** The slice had input the fast CSV scanner leaves to the reader: nothing else is set, the file is read the other way. */
  readonly anomaly?: boolean;
  /** Data rows (blank lines excluded). */
  readonly rows: number;
  /** Records of a CSV slice, blank lines and skipped records included (row numbers of later slices follow on). */
  readonly records: number;
  /** Line feeds in a CSV slice (line numbers of later slices follow on). */
  readonly lineFeeds: number;
  readonly emptyTexts: number;
  readonly withLinks: number;
  readonly offerings: number;
  readonly truncated: number;
  /** Reader issues of a CSV slice, rows numbered from the slice's first line (1). */
  readonly issues: readonly Issue[];
  /** The output lines of the job's rows, as UTF-8 (when the sink writes lines). */
  readonly bytes?: Uint8Array;
  /** A CSV job's input bytes, read: moved back for the slicer to read later slices into (fresh memory costs page faults). */
  readonly input?: ArrayBuffer;
  readonly columns?: OfferingColumns;
}

export type AssignedStatus = Exclude<AssignmentStatus, 'rejected'>;

export const STATUS_CODES: Readonly<Record<AssignedStatus, number>> = { confirmed: 1, uncertain: 2 };
export const STATUS_OF_CODE: readonly (AssignedStatus | undefined)[] = [undefined, 'confirmed', 'uncertain'];
