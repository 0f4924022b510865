/**
 * The import job: files in, validated records committed whole, or nothing.
 *
 *   read (csv | xlsx | json) -> detect entity -> map columns -> build + validate rows
 *     -> stage (temp tables, streaming) -> resolve references (SQL) -> commit | discard
 *
 * A CSV over MIN_SLICED_BYTES is built and validated on worker threads, in slices
 * of whole records (import-slices.ts); this thread still checks duplicates across
 * the whole import, in row order, so either way the problems and the records are
 * the same (test/import-slices.test.ts).
 *
 * Atomic by default: one problem anywhere and the database is left as it was,
 * with every problem of every file reported. `partial` commits the valid rows
 * and writes the rejected ones, with their reasons, to a file to fix and re-import.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, extname } from 'node:path';
import type { EntityKind, Framework, Issue, IssueLocation } from '../model/index.js';
import { ENTITY_ORDER, issue, issueText } from '../model/index.js';
import { ImportSession, type Actor, type Database, type RowOrigin, type StagedRecord } from '../store/index.js';
import { buildRecord, recordKey } from './build-record.js';
import { entityFromHeaders, entityFromName, entityNamedByFile, mapColumns, type ColumnMap } from './columns.js';
import { startFileHash } from './file-hash.js';
import { FirstSeen, type Place } from './first-seen.js';
import { CsvSlicer } from './csv-slices.js';
import type { SliceResult } from './import-protocol.js';
import { checkSlices } from './import-slices.js';
import { createLookups, type Lookups } from './lookups.js';
import { openSource } from './open-source.js';
import { writeRejects } from './rejects-file.js';
import type { SourceFormat, SourceSheet } from './source.js';

export interface ImportOptions {
  readonly framework: Framework;
  /** Commit the valid rows and write the rejected ones next to `rejectsFile` (`<base>.<entity>.csv`). */
  readonly partial?: boolean;
  readonly rejectsFile?: string;
  /** Which entity the files hold, when neither their names nor their headers say. */
  readonly entity?: EntityKind;
  /** XLSX: read only this sheet. */
  readonly sheet?: string;
  readonly onProgress?: (progress: { file: string; rows: number }) => void;
  /** Check everything, references included, and write nothing (the rejects file still, when `rejectsFile` is given). */
  readonly validateOnly?: boolean;
  /** Who imports: a committed import gets an audit log entry in its own transaction. */
  readonly actor?: Actor;
  /**
   * Large CSV files are checked on worker threads, in slices (import-slices.ts): from `minBytes` (default 8 MB),
   * on `threads` workers (default one per core), in slices of `sliceBytes`. Tests set these to take that path with small files.
   */
  readonly slices?: { readonly threads?: number; readonly sliceBytes?: number; readonly minBytes?: number };
}

export interface FileSummary {
  readonly file: string;
  readonly path: string;
  readonly sha256: string;
  readonly format?: SourceFormat;
  readonly rows: number;
  readonly counts: Partial<Record<EntityKind, number>>;
  /** The entities its sheets were read as (also those whose rows were all rejected). */
  readonly entities: readonly EntityKind[];
  /** How the rows were read: CSV slices checked on worker threads, or row by row by the readers (or both, in that order). */
  readonly paths: readonly ('slices' | 'rows')[];
}

export interface ImportReport {
  readonly committed: boolean;
  readonly importId?: number;
  readonly files: readonly FileSummary[];
  /** Records written (new or replaced), by entity; with `validateOnly`, those that would be. */
  readonly accepted: Record<EntityKind, number>;
  readonly rejectedRows: number;
  readonly issues: readonly Issue[];
  /** Partial imports: where the rejected rows were written, one CSV per entity. */
  readonly rejectsFiles?: readonly string[];
}

// Rows per staging call: small enough that a batch dies young in V8's heap, large enough to stage efficiently.
const BATCH = 2048;

const rowKey = (file: string, sheet: string | undefined, row: number) => `${file}\u0000${sheet ?? ''}\u0000${row}`;

/** Files smaller than this are read row by row on this thread: starting worker threads would cost more than they save. */
const MIN_SLICED_BYTES = 8 << 20;
const CSV_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);

const sheetKey = (file: string, sheet: string | undefined) => `${file}\u0000${sheet ?? ''}`;

/** One import's state while its files are read: the problems, the rejected rows, the keys seen, and the rows staged. */
class ImportRun {
  private readonly lookups: Lookups;
  readonly issues: Issue[] = [];
  readonly files: FileSummary[] = [];
  /** Every rejected row with its problems, by row key: counts them and feeds the rejects file. */
  readonly rejected = new Map<string, Issue[]>();
  /**
   * First row of every key in this import, across files: a later duplicate is an error, not a silent overwrite.
   * Enterprises' credit codes too (only enterprises have them): see FirstSeen.
   */
  private readonly seen = new Map<EntityKind, FirstSeen>(ENTITY_ORDER.map((e) => [e, new FirstSeen()]));
  readonly entityOfSheet = new Map<string, EntityKind>();
  /** Column maps by sheet: a reference found unresolved at the end is reported on its column. */
  readonly columnsOfSheet = new Map<string, ColumnMap>();
  /** Staged rows found to repeat a key afterwards (the CSV fast path stages a slice's valid rows before the check). */
  readonly repeatedRows = new Map<EntityKind, RowOrigin[]>();

  constructor(private readonly session: ImportSession, private readonly options: ImportOptions) {
    this.lookups = createLookups(options.framework);
  }

  forgetKeys(): void {
    for (const entity of ENTITY_ORDER) this.seen.set(entity, new FirstSeen());
  }

  readonly reject = (key: string, problems: readonly Issue[]) => this.rejected.set(key, [...(this.rejected.get(key) ?? []), ...problems]);

  /** A sheet's entity: its name, else (CSV, JSON array) a file name that states it, else the headers, else a file name that hints at it. */
  private entityOf(file: string, sheet: string | undefined, headers: readonly string[]): EntityKind | undefined {
    return this.options.entity ?? entityFromName(sheet ?? '') ?? (sheet === undefined ? entityNamedByFile(file) : undefined)
      ?? entityFromHeaders(headers) ?? entityFromName(file);
  }

  async readFile(path: string): Promise<void> {
    const file = basename(path);
    const missing = !existsSync(path);
    // Hashed while the rows are read (see startFileHash); a missing file has no hash.
    const hashing = missing ? undefined : startFileHash(path);
    const counts: Partial<Record<EntityKind, number>> = {};
    const sliced = missing ? undefined : await this.readSlices(path, file, counts);
    let rows = sliced?.rows ?? 0;
    let format: SourceFormat | undefined = sliced ? 'csv' : undefined;
    if (!sliced?.complete) {
      const source = openSource(path, this.options.sheet ? { sheet: this.options.sheet } : {});
      for await (const sheet of source.sheets) {
        format = sheet.format;
        rows += await this.readSheet(sheet, counts, sliced?.records, rows);
      }
      // Reader problems (encoding, corrupt or empty file) come last: they are found while rows are read.
      this.noteReaderIssues(file, source.issues);
    }
    const paths: FileSummary['paths'] = sliced ? (sliced.complete ? ['slices'] : ['slices', 'rows']) : ['rows'];
    const entities = [...new Set([...this.entityOfSheet].filter(([key]) => key.startsWith(`${file}\u0000`)).map(([, entity]) => entity))];
    this.files.push({ file, path, sha256: missing ? '' : await (hashing as Promise<string>), ...(format ? { format } : {}), rows, counts, entities, paths });
  }

  private noteReaderIssues(file: string, problems: readonly Issue[]): void {
    this.issues.push(...problems);
    for (const problem of problems) if (problem.row !== undefined) this.reject(rowKey(file, problem.sheet, problem.row), [problem]);
  }

  /**
   * A large CSV file through the workers (import-slices.ts); undefined when the file is read row by row instead
   * (small, or left to the ordinary reader, or its entity or columns unknown: the reader reports those).
   */
  private async readSlices(path: string, file: string, counts: Partial<Record<EntityKind, number>>) {
    const sliceBytes = this.options.slices?.sliceBytes;
    const minBytes = this.options.slices?.minBytes ?? MIN_SLICED_BYTES;
    if (!CSV_EXTENSIONS.has(extname(path).toLowerCase()) || this.options.sheet || statSync(path).size < minBytes) return undefined;
    const slicer = await CsvSlicer.open(path, sliceBytes);
    if (!slicer) return undefined;
    const entity = this.entityOf(file, undefined, slicer.head.headers);
    const map = entity ? mapColumns(entity, slicer.head.headers, { file }).map : undefined;
    if (!entity || !map) {
      await slicer.close();
      return undefined;
    }
    this.entityOfSheet.set(sheetKey(file, undefined), entity);
    this.columnsOfSheet.set(sheetKey(file, undefined), map);
    const keys = this.seen.get(entity) as FirstSeen;
    const repeated = this.repeatedRows.get(entity) ?? [];
    this.repeatedRows.set(entity, repeated);
    let rows = 0;
    const readerIssues: Issue[] = [];
    const threads = Math.max(1, Math.floor(this.options.slices?.threads ?? availableParallelism()));
    const read = await checkSlices(slicer, { framework: this.options.framework, file, entity, map }, threads, async (result, lineFeedsBefore) => {
      rows += result.rows;
      // Rejected and valid rows in row order, so that the problems are listed as the row-by-row path lists them.
      let r = 0;
      const takeRejected = (before: number) => {
        for (; r < result.rejected.length && (result.rejected[r] as { row: number }).row < before; r++) {
          const { row, issues } = result.rejected[r] as SliceResult['rejected'][number];
          this.issues.push(...issues);
          this.reject(rowKey(file, undefined, row), issues);
        }
      };
      for (let v = 0; v < result.validRows.length; v++) {
        const row = result.validRows[v] as number;
        takeRejected(row);
        const repeats = this.repeats(keys, result.keys[v] as string, result.codes[v] || undefined, row, { file, row }, true);
        if (repeats.length > 0) {
          this.issues.push(...repeats);
          this.reject(rowKey(file, undefined, row), repeats);
          repeated.push({ file, row });
        } else counts[entity] = (counts[entity] ?? 0) + 1;
      }
      takeRejected(Infinity);
      if (result.staged) await this.session.stagePrepared(entity, result.staged);
      // The decoder numbers its problems by the slice's lines.
      for (const problem of result.readerIssues) readerIssues.push(problem.row === undefined ? problem : { ...problem, row: problem.row + lineFeedsBefore });
      this.options.onProgress?.({ file, rows });
    });
    // Otherwise the reader reads the file from its start again, and its problems replace those of the slices.
    if (read.complete) this.noteReaderIssues(file, readerIssues);
    return { ...read, rows };
  }

  /** The duplicate problems of a valid row: its key, or its credit code, seen before in this import. */
  private repeats(keys: FirstSeen, key: string, creditCode: string | undefined, place: Place, location: IssueLocation, fresh = false): Issue[] {
    const repeats = keys.note(key, creditCode, place, fresh);
    const problems: Issue[] = [];
    if (repeats.key !== undefined) problems.push(issue('ingest.duplicate_in_file', { key, first: String(repeats.key) }, location));
    if (repeats.code !== undefined && creditCode) problems.push(issue('ingest.duplicate_in_file', { key: creditCode, first: String(repeats.code) }, location));
    return problems;
  }

  /** A sheet read row by row; rows up to `after` were taken already (by slices). Returns the rows read. */
  private async readSheet(sheet: SourceSheet, counts: Partial<Record<EntityKind, number>>, after: number | undefined, rowsBefore: number): Promise<number> {
    const { file } = sheet;
    const where = { file, ...(sheet.sheet ? { sheet: sheet.sheet } : {}) };
    const entity = this.entityOf(file, sheet.sheet, sheet.headers);
    let rows = 0;
    if (!entity) {
      const problem = issue('ingest.unknown_entity', { name: sheet.sheet ?? file }, where);
      this.issues.push(problem);
      for await (const r of sheet.rows) this.reject(rowKey(file, sheet.sheet, r.row), [problem]);
      return rows;
    }
    this.entityOfSheet.set(sheetKey(file, sheet.sheet), entity);
    const mapped = mapColumns(entity, sheet.headers, where);
    if (!mapped.map) {
      this.issues.push(...mapped.issues);
      for await (const r of sheet.rows) this.reject(rowKey(file, sheet.sheet, r.row), mapped.issues);
      return rows;
    }
    const map = mapped.map;
    this.columnsOfSheet.set(sheetKey(file, sheet.sheet), map);
    const keys = this.seen.get(entity) as FirstSeen;
    const json = sheet.format === 'json';
    const sheetName = sheet.sheet;
    // Built per row without spreads: the same objects `{ ...where, row }` would make.
    const origin = (row: number): RowOrigin => (sheetName ? { file, sheet: sheetName, row } : { file, row });
    const locate = (row: number): IssueLocation => (json ? { file, path: `${sheetName ?? ''}[${row}]` } : origin(row));
    // Where a key was first seen: the row number, or for JSON its path.
    const placeOf = (row: number): Place => (json ? `${sheetName ?? ''}[${row}]` : row);
    let batch: StagedRecord<EntityKind>[] = [];
    for await (const { row, cells } of sheet.rows) {
      if (after !== undefined && row <= after) continue;
      rows++;
      const location = locate(row);
      const built = buildRecord(entity, cells, map, location, this.lookups);
      let rowIssues = built.issues;
      if (built.record) {
        const creditCode = entity === 'enterprises' ? (built.record as { creditCode?: string }).creditCode : undefined;
        const repeats = this.repeats(keys, recordKey(entity, built.record), creditCode, placeOf(row), location);
        if (repeats.length > 0) rowIssues = [...rowIssues, ...repeats];
      }
      if (rowIssues.length > 0 || !built.record) {
        this.issues.push(...rowIssues);
        this.reject(rowKey(file, sheet.sheet, row), rowIssues);
        continue;
      }
      batch.push(built.ref ? { record: built.record, origin: origin(row), ref: built.ref } : { record: built.record, origin: origin(row) });
      counts[entity] = (counts[entity] ?? 0) + 1;
      if (batch.length >= BATCH) {
        await this.session.stage(entity, batch);
        batch = [];
        this.options.onProgress?.({ file, rows: rowsBefore + rows });
      }
    }
    await this.session.stage(entity, batch);
    this.options.onProgress?.({ file, rows: rowsBefore + rows });
    return rows;
  }
}

export async function importFiles(db: Database, paths: readonly string[], options: ImportOptions): Promise<ImportReport> {
  const session = await ImportSession.start(db);
  const run = new ImportRun(session, options);
  const { issues, rejected, reject, files, columnsOfSheet, entityOfSheet } = run;

  try {
    for (const path of paths) await run.readFile(path);
    // The keys seen (a million strings for a large file) are not needed from here on: their memory goes back before DuckDB commits.
    run.forgetKeys();
    // Rows that repeat an earlier key were staged by the workers before the check across the import found them.
    for (const [entity, rows] of run.repeatedRows) await session.dropRows(entity, rows);

    for (const ref of await session.resolveReferences()) {
      const format = files.find((f) => f.file === ref.file)?.format;
      const field = ref.kind === 'credit_code_conflict' ? 'credit_code' : ref.kind === 'case' ? 'case_id' : ref.entity === 'components' ? 'supplier_id' : 'enterprise';
      const column = columnsOfSheet.get(sheetKey(ref.file, ref.sheet))?.fields.get(field)?.[0]?.header;
      const place = format === 'json' ? { file: ref.file, path: `${ref.sheet ?? ''}[${ref.row}]` } : { file: ref.file, ...(ref.sheet ? { sheet: ref.sheet } : {}), row: ref.row };
      const location = column ? { ...place, column } : place;
      const problem =
        ref.kind === 'credit_code_conflict'
          ? issue('ingest.credit_code_conflict', { code: ref.ref, existing: ref.existing ?? '' }, location)
          : ref.kind === 'case'
            ? issue('ingest.unknown_case', { ref: ref.ref }, location)
            : issue('ingest.unknown_enterprise', { ref: ref.ref }, location);
      issues.push(problem);
      reject(rowKey(ref.file, ref.sheet, ref.row), [problem]);
      await session.dropRows(ref.entity, [ref]);
    }

    const accepted = await session.stagedCounts();
    const rejects = async () => (rejected.size > 0 && options.rejectsFile
      ? writeRejects(options.rejectsFile, paths, rejected, rowKey, (file, sheet) => entityOfSheet.get(sheetKey(file, sheet)))
      : []);
    if (options.validateOnly) return { committed: false, files, accepted, rejectedRows: rejected.size, issues, rejectsFiles: await rejects() };
    if (issues.length > 0 && !options.partial) {
      return { committed: false, files, accepted: zeroCounts(), rejectedRows: rejected.size, issues };
    }
    const rejectsFiles = await rejects();
    const importId = await session.commit({
      mode: options.partial ? 'partial' : 'atomic',
      files: files.map((f) => ({ file: f.path, sha256: f.sha256, counts: f.counts })),
      accepted: Object.values(accepted).reduce((a, b) => a + b, 0),
      rejected: issues.map((i) => {
        const text = issueText(i);
        return {
          file: i.file ?? '', ...(i.sheet ? { sheet: i.sheet } : {}), ...(i.row !== undefined ? { row: i.row } : {}),
          ...(i.column ? { column: i.column } : i.path ? { column: i.path } : {}), code: i.code,
          ...(i.value !== undefined ? { value: i.value } : {}), zh: text.zh, en: text.en,
        };
      }),
      framework: options.framework.id,
      ...(options.actor ? { actor: options.actor } : {}),
    });
    return { committed: true, importId, files, accepted, rejectedRows: rejected.size, issues, rejectsFiles };
  } finally {
    await session.dispose();
  }
}

function zeroCounts(): Record<EntityKind, number> {
  return Object.fromEntries(ENTITY_ORDER.map((e) => [e, 0])) as Record<EntityKind, number>;
}
