/**
 * The import job: files in, validated records committed whole, or nothing.
 *
 *   read (csv | xlsx | json) -> detect entity -> map columns -> build + validate rows
 *     -> stage (temp tables, streaming) -> resolve references (SQL) -> commit | discard
 *
 * Atomic by default: one problem anywhere and the database is left as it was,
 * with every problem of every file reported. `partial` commits the valid rows
 * and writes the rejected ones, with their reasons, to a file to fix and re-import.
 */
import { basename } from 'node:path';
import type { EntityKind, Framework, Issue, IssueLocation } from '../model/index.js';
import { ENTITY_ORDER, issue, issueText } from '../model/index.js';
import { ImportSession, type Actor, type Database, type RowOrigin, type StagedRecord } from '../store/index.js';
import { buildRecord, recordKey } from './build-record.js';
import { entityFromHeaders, entityFromName, entityNamedByFile, mapColumns, type ColumnMap } from './columns.js';
import { startFileHash } from './file-hash.js';
import { FirstSeen, type Place } from './first-seen.js';
import { createLookups } from './lookups.js';
import { openSource } from './open-source.js';
import { writeRejects } from './rejects-file.js';
import type { SourceFormat } from './source.js';

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

export async function importFiles(db: Database, paths: readonly string[], options: ImportOptions): Promise<ImportReport> {
  const lookups = createLookups(options.framework);
  const session = await ImportSession.start(db);
  const issues: Issue[] = [];
  const files: FileSummary[] = [];
  // Every rejected row with its problems, by row key: counts them and feeds the rejects file.
  const rejected = new Map<string, Issue[]>();
  const reject = (key: string, problems: readonly Issue[]) => rejected.set(key, [...(rejected.get(key) ?? []), ...problems]);
  // First row of every key in this import, across files: a later duplicate is an error, not a silent overwrite.
  // Enterprises' credit codes too (only enterprises have them): see FirstSeen.
  const seen = new Map<EntityKind, FirstSeen>(ENTITY_ORDER.map((e) => [e, new FirstSeen()]));
  const entityOfSheet = new Map<string, EntityKind>();
  // Column maps by sheet: a reference found unresolved at the end is reported on its column.
  const columnsOfSheet = new Map<string, ColumnMap>();

  try {
    for (const path of paths) {
      const file = basename(path);
      const source = openSource(path, options.sheet ? { sheet: options.sheet } : {});
      // Hashed while the rows are read (see startFileHash); a missing file has no hash.
      const hashing = source.issues.some((i) => i.code === 'ingest.file_missing') ? undefined : startFileHash(path);
      const counts: Partial<Record<EntityKind, number>> = {};
      const entities = new Set<EntityKind>();
      let rows = 0;
      let format: SourceFormat | undefined;
      for await (const sheet of source.sheets) {
        format = sheet.format;
        const where = { file, ...(sheet.sheet ? { sheet: sheet.sheet } : {}) };
        // A sheet's name, else (CSV, JSON array) a file name that states the entity, else the headers, else a file name that hints at it.
        const entity = options.entity ?? entityFromName(sheet.sheet ?? '') ?? (sheet.sheet === undefined ? entityNamedByFile(file) : undefined)
          ?? entityFromHeaders(sheet.headers) ?? entityFromName(file);
        if (!entity) {
          issues.push(issue('ingest.unknown_entity', { name: sheet.sheet ?? file }, where));
          for await (const r of sheet.rows) reject(rowKey(file, sheet.sheet, r.row), issues.slice(-1));
          continue;
        }
        entityOfSheet.set(`${file}\u0000${sheet.sheet ?? ''}`, entity);
        entities.add(entity);
        const mapped = mapColumns(entity, sheet.headers, where);
        if (!mapped.map) {
          issues.push(...mapped.issues);
          for await (const r of sheet.rows) reject(rowKey(file, sheet.sheet, r.row), mapped.issues);
          continue;
        }
        columnsOfSheet.set(`${file}\u0000${sheet.sheet ?? ''}`, mapped.map);
        const keys = seen.get(entity) as FirstSeen;
        const json = sheet.format === 'json';
        const sheetName = sheet.sheet;
        // Built per row without spreads: the same objects `{ ...where, row }` would make.
        const origin = (row: number): RowOrigin => (sheetName ? { file, sheet: sheetName, row } : { file, row });
        const locate = (row: number): IssueLocation => (json ? { file, path: `${sheetName ?? ''}[${row}]` } : origin(row));
        // Where a key was first seen: the row number, or for JSON its path (made only when a duplicate needs it).
        const placeOf = (row: number): Place => (json ? `${sheetName ?? ''}[${row}]` : row);
        let batch: StagedRecord<EntityKind>[] = [];
        for await (const { row, cells } of sheet.rows) {
          rows++;
          const location = locate(row);
          const built = buildRecord(entity, cells, mapped.map, location, lookups);
          let rowIssues = built.issues;
          if (built.record) {
            const key = recordKey(entity, built.record);
            const creditCode = entity === 'enterprises' ? (built.record as { creditCode?: string }).creditCode : undefined;
            const repeats = keys.note(key, creditCode, placeOf(row));
            if (repeats.key !== undefined) rowIssues = [...rowIssues, issue('ingest.duplicate_in_file', { key, first: String(repeats.key) }, location)];
            if (repeats.code !== undefined && creditCode) {
              rowIssues = [...rowIssues, issue('ingest.duplicate_in_file', { key: creditCode, first: String(repeats.code) }, location)];
            }
          }
          if (rowIssues.length > 0 || !built.record) {
            issues.push(...rowIssues);
            reject(rowKey(file, sheet.sheet, row), rowIssues);
            continue;
          }
          batch.push(built.ref ? { record: built.record, origin: origin(row), ref: built.ref } : { record: built.record, origin: origin(row) });
          counts[entity] = (counts[entity] ?? 0) + 1;
          if (batch.length >= BATCH) {
            await session.stage(entity, batch);
            batch = [];
            options.onProgress?.({ file, rows });
          }
        }
        await session.stage(entity, batch);
        options.onProgress?.({ file, rows });
      }
      // Reader problems (encoding, corrupt or empty file) come last: they are found while rows are read.
      issues.push(...source.issues);
      for (const problem of source.issues) if (problem.row !== undefined) reject(rowKey(file, problem.sheet, problem.row), [problem]);
      files.push({ file, path, sha256: source.issues.some((i) => i.code === 'ingest.file_missing') ? '' : await (hashing ?? startFileHash(path)), ...(format ? { format } : {}), rows, counts, entities: [...entities] });
    }

    for (const ref of await session.resolveReferences()) {
      const format = files.find((f) => f.file === ref.file)?.format;
      const field = ref.kind === 'credit_code_conflict' ? 'credit_code' : ref.kind === 'case' ? 'case_id' : ref.entity === 'components' ? 'supplier_id' : 'enterprise';
      const column = columnsOfSheet.get(`${ref.file}\u0000${ref.sheet ?? ''}`)?.fields.get(field)?.[0]?.header;
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
      ? writeRejects(options.rejectsFile, paths, rejected, rowKey, (file, sheet) => entityOfSheet.get(`${file}\u0000${sheet ?? ''}`))
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
