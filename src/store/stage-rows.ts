/**
 * Staged rows before they reach DuckDB: a batch of validated records as the CSV
 * text of the staging dialect (stage-csv.ts), with where each came from. Pure:
 * the import's worker threads prepare their batches here (import-worker.ts) and
 * the import session only writes the text out (import-session.ts).
 */
import type { EntityKind, EntityRecords } from '../model/index.js';
import { stageCsv, type StageCell, type StageCsv } from './stage-csv.js';
import { TABLES, type TableSpec } from './tables.js';

/** Where a staged record came from, so that later checks can name the row. */
export interface RowOrigin {
  readonly file: string;
  readonly sheet?: string;
  readonly row: number;
}

export interface StagedRecord<K extends EntityKind> {
  readonly record: EntityRecords[K][number];
  readonly origin: RowOrigin;
  /** Offerings and observations: how the row named its enterprise (id, credit code or name), resolved at the end; enterprises: `derived` when the row gave no id. */
  readonly ref?: string;
}

/**
 * A batch ready for staging: its CSV (as text, or as UTF-8 bytes with the last line end, which a worker thread
 * can hand over without a copy), and the cells of the rows too long for a CSV line, in order.
 */
export interface PreparedStage {
  readonly rows: number;
  readonly csv: StageCsv | { readonly bytes: Uint8Array };
  readonly long: readonly StageCell[][];
}

const ORIGIN_COLUMNS = [['_file', 'VARCHAR'], ['_sheet', 'VARCHAR'], ['_row', 'INTEGER'], ['_ref', 'VARCHAR']] as const;
/** DuckDB's CSV reader refuses longer lines (its max_line_size default, in bytes). */
export const MAX_LINE_BYTES = 2_000_000;
// A UTF-16 code unit is at most 3 bytes of UTF-8: shorter lines always fit.
const MAX_LINE_CHARS = Math.floor(MAX_LINE_BYTES / 3);

/** The staging table's columns: the entity's, then where the row came from. */
export const stageColumns = (entity: EntityKind) => [...(TABLES[entity] as TableSpec<EntityKind>).columns, ...ORIGIN_COLUMNS];

/** A staged row's cells: the record's columns, then where it came from. */
function stagedRow<K extends EntityKind>(spec: TableSpec<K>, item: StagedRecord<K>): StageCell[] {
  return spec.toRow(item.record, [item.origin.file, item.origin.sheet ?? null, item.origin.row, item.ref ?? null]);
}

export function prepareStage<K extends EntityKind>(entity: K, items: readonly StagedRecord<K>[]): PreparedStage {
  const spec = TABLES[entity] as TableSpec<K>;
  const rows = items.map((item) => stagedRow(spec, item));
  const doubles = stageColumns(entity).flatMap(([, type], index) => (type === 'DOUBLE' ? [index] : []));
  const csv = stageCsv(rows, MAX_LINE_CHARS, doubles);
  const long = 'lines' in csv ? csv.lines.flatMap((line, index) => (line === undefined ? [rows[index] as StageCell[]] : [])) : [];
  return { rows: rows.length, csv, long };
}

/** The batch with its CSV text as UTF-8 bytes in a buffer of their own (movable to another thread). */
export function encodePrepared(prepared: PreparedStage): PreparedStage {
  const csv = prepared.csv;
  if (!('text' in csv)) return prepared;
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(csv.text) + 1);
  const length = bytes.write(csv.text);
  bytes[length] = 0x0a;
  return { ...prepared, csv: { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, length + 1) } };
}
