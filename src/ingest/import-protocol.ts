/**
 * What the import's main thread and its worker threads send each other
 * (import-slices.ts ⇄ import-worker.ts): a slice of a CSV file's bytes cut at
 * record boundaries goes out; its rows come back checked, the valid ones
 * already as staging CSV, each rejected one with its problems.
 */
import type { EntityKind, Framework, Issue } from '../model/index.js';
import type { PreparedStage } from '../store/stage-rows.js';
import type { ColumnMap } from './columns.js';
import type { TextEncoding } from './decode-text.js';

export interface ImportWorkerSetup {
  readonly framework: Framework;
  /** The file's name, for issues and the rows' origin. */
  readonly file: string;
  readonly entity: EntityKind;
  readonly map: ColumnMap;
}

export interface SliceJob {
  /** Whole records of the file (the last one may lack its line end at the end of the file). */
  readonly bytes: Uint8Array;
  /** The records the slicer counted in it: a different count from the scanner means the slice is read the other way. */
  readonly records: number;
  /** Records before the slice: its first record is row `recordsBefore + 1`. */
  readonly recordsBefore: number;
  readonly encoding?: TextEncoding;
  /** The slice starts the file (a byte-order mark is dropped, as the reader does). */
  readonly first: boolean;
  /** Records to pass over first (blank lines before the header, and the header). */
  readonly skipRecords: number;
  readonly delimiter: '\n' | '\r\n';
}

export interface SliceResult {
  readonly id: number;
  /** Input the fast scanner leaves to the reader (or a record count that differs from the slicer's): nothing else is set. */
  readonly anomaly?: boolean;
  /** Data rows (blank lines excluded). */
  readonly rows: number;
  /** Line feeds in the slice (the reader's encoding issues of later slices are numbered on from them). */
  readonly lineFeeds: number;
  /** The valid rows, ready for the staging table. */
  readonly staged?: PreparedStage;
  /** Per valid row, in order: its row number, record key and credit code ('' for none), for the duplicate check across the import. */
  readonly validRows: Int32Array;
  readonly keys: readonly string[];
  readonly codes: readonly string[];
  /** Rows with problems, in order. */
  readonly rejected: readonly { readonly row: number; readonly issues: readonly Issue[] }[];
  /** The decoder's issues, rows numbered by the slice's lines from 1. */
  readonly readerIssues: readonly Issue[];
}
