/** What every reader yields: sheets of rows of text cells, with the place of each row. */
import type { Issue } from '../model/index.js';

export type SourceFormat = 'csv' | 'xlsx' | 'json';

export interface SourceRow {
  /** The row as a spreadsheet shows it (header = 1); for JSON the record's index. */
  readonly row: number;
  readonly cells: readonly string[];
}

export interface SourceSheet {
  readonly file: string;
  readonly format: SourceFormat;
  /** Sheet name (XLSX) or entity key (JSON objects keyed by entity). */
  readonly sheet?: string;
  readonly headers: readonly string[];
  readonly rows: AsyncIterable<SourceRow>;
}

export interface SourceFile {
  readonly sheets: AsyncIterable<SourceSheet>;
  /** Problems found while reading (encoding, corrupt file): filled as the rows are read. */
  readonly issues: Issue[];
  /** Bytes of the file read so far, for progress (streaming readers only; the others read the file whole). */
  readonly bytesRead?: () => number;
}
