/**
 * Writing an import: validated records are staged in temporary tables (outside any
 * transaction, so a crash while staging leaves nothing behind), references are
 * resolved and checked set-wise in SQL, then one transaction replaces the records
 * that share a key (upsert) and logs the import. Either all of it commits or none.
 *
 * Staging goes through scratch CSV files (stage-csv.ts), which DuckDB's CSV reader
 * loads into the temporary tables: for a million rows several times faster than
 * appending values one by one from JavaScript. Every SEGMENT_ROWS rows a file is
 * closed and loaded in the background, on one DuckDB thread, while the next
 * fills; files load in the order written, so the staged order is the order of
 * the rows. A row too long for the reader's line limit (cells of hundreds of
 * kilobytes) is appended directly, after the rows spooled before it.
 *
 * While a session is open DuckDB's memory limit is lowered (IMPORT_MEMORY_LIMITS)
 * so that a large import spills staged rows to disk rather than holding them in
 * memory; the settings changed are put back when the session ends.
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DuckDBDataChunk, BOOLEAN, DOUBLE, INTEGER, VARCHAR, type DuckDBType } from '@duckdb/node-api';
import type { EntityKind } from '../model/index.js';
import { ENTITY_ORDER } from '../model/index.js';
import type { Database, Row } from './database.js';
import { STAGE_CSV_OPTIONS, type StageCell } from './stage-csv.js';
import { MAX_LINE_BYTES, prepareStage, stageColumns, type PreparedStage, type RowOrigin, type StagedRecord } from './stage-rows.js';
import { TABLES, keyTuple, type ColumnType, type TableSpec } from './tables.js';
import { rememberCaseVersions, restoreCaseVersions } from './case-versions.js';
import { recordAudit } from './audit.js';
import type { Actor } from './review.js';

/** A staged row whose reference could not be resolved. */
export interface UnresolvedReference extends RowOrigin {
  readonly entity: EntityKind;
  readonly kind: 'enterprise' | 'case' | 'credit_code_conflict';
  readonly ref: string;
  readonly existing?: string;
}

export interface ImportLog {
  readonly mode: 'atomic' | 'partial';
  readonly files: readonly { file: string; sha256: string; counts: Partial<Record<EntityKind, number>> }[];
  readonly accepted: number;
  readonly rejected: readonly {
    file: string; sheet?: string; row?: number; column?: string; code: string; value?: string; zh: string; en: string;
  }[];
  readonly framework: string;
  /** Who imports (the audit log's entry is written in the import's transaction). */
  readonly actor?: Actor;
}

const DUCK_TYPES: Record<ColumnType, DuckDBType> = { VARCHAR, DOUBLE, INTEGER, BOOLEAN };
const CHUNK = 2048;
/**
 * DuckDB's memory limits while an import is open, in bytes: staged rows beyond the
 * first go to DuckDB's temporary directory; the second, for resolving and
 * committing, is about what copying a million staged rows needs without thrashing
 * (below it the copy took twice as long). Never raised above the limit already set.
 */
export const IMPORT_MEMORY_LIMITS = { staging: 128_000_000, committing: 384_000_000 } as const;
/** How much spooled text may wait for the disk before staging waits for it. */
const SPOOL_BUFFER_BYTES = 8 * 1024 * 1024;
/** Rows per scratch file: one is loaded by DuckDB while JavaScript fills the next. */
const SEGMENT_ROWS = 100_000;

const stageName = (entity: EntityKind) => `stage_${TABLES[entity].table}`;
const sqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Staged rows of one entity waiting in a scratch CSV file. */
interface Spool {
  readonly path: string;
  readonly stream: WriteStream;
  /** Rows written and not yet loaded. */
  rows: number;
}

/** Parses DuckDB's rendering of a memory size ("18.8 GiB", "256.0 MiB", "1000 bytes"). */
function memoryBytes(text: string): number | undefined {
  const match = /^([\d.]+)\s*(bytes|[KMGT]i?B)$/i.exec(text.trim());
  if (!match) return undefined;
  const unit = (match[2] as string).toUpperCase();
  const power = unit === 'BYTES' ? 0 : 'KMGT'.indexOf(unit[0] as string) + 1;
  return Number(match[1]) * (unit.includes('I') || unit === 'BYTES' ? 1024 : 1000) ** power;
}

export class ImportSession {
  private scratchDir?: string;
  private segments = 0;
  private readonly spools = new Map<EntityKind, Spool>();
  /** Spool files being loaded, one after the other; never rejects (the first error is kept in loadError). */
  private loading: Promise<void> = Promise.resolve();
  private loadError?: unknown;

  /** DuckDB settings changed for the session, with the values to put back. */
  private readonly changedSettings = new Map<string, string>();
  private staging = true;

  private constructor(private readonly db: Database) {}

  static async start(db: Database): Promise<ImportSession> {
    for (const entity of ENTITY_ORDER) {
      const columns = stageColumns(entity).map(([n, t]) => `${n} ${t}`).join(', ');
      await db.run(`CREATE OR REPLACE TEMP TABLE ${stageName(entity)} (${columns})`);
    }
    const session = new ImportSession(db);
    await session.lowerMemoryLimit(IMPORT_MEMORY_LIMITS.staging);
    // While rows are staged, spool files are loaded on one DuckDB thread: the other core stays free for reading and checking rows.
    await session.changeSetting('threads', '1');
    return session;
  }

  /** Sets DuckDB's memory limit to `bytes`, or to the limit set before the session when that is lower. */
  private async lowerMemoryLimit(bytes: number): Promise<void> {
    const before = this.changedSettings.get('memory_limit') ?? (await this.setting('memory_limit'));
    const beforeBytes = memoryBytes(before);
    const target = beforeBytes !== undefined && beforeBytes < bytes ? before : `${bytes}B`;
    await this.changeSetting('memory_limit', target);
  }

  private async setting(name: string): Promise<string> {
    return String((await this.db.one(`SELECT current_setting(${sqlString(name)}) AS v`))?.v ?? '');
  }

  private async changeSetting(name: string, value: string): Promise<void> {
    if (!this.changedSettings.has(name)) this.changedSettings.set(name, await this.setting(name));
    await this.db.run(`SET ${name} = ${sqlString(value)}`);
  }

  private async restoreSetting(name: string): Promise<void> {
    const value = this.changedSettings.get(name);
    if (value === undefined) return;
    this.changedSettings.delete(name);
    // DuckDB shows sizes rounded down ("18.8 GiB"): setting the shown value back would shrink the limit
    // a little at every import. The default, the usual case, is restored exactly by RESET.
    await this.db.run(`RESET ${name}`);
    if ((await this.setting(name)) !== value) await this.db.run(`SET ${name} = ${sqlString(value)}`);
  }

  /** Staging is over: every spooled row is loaded, and DuckDB gets its threads and more memory for the set-wise work. */
  private async endStaging(): Promise<void> {
    await this.loadSpools();
    if (this.staging) {
      this.staging = false;
      await this.restoreSetting('threads');
      await this.lowerMemoryLimit(IMPORT_MEMORY_LIMITS.committing);
    }
  }

  /** Adds records to the staging table of their entity (spooled; loaded when first needed). */
  async stage<K extends EntityKind>(entity: K, items: readonly StagedRecord<K>[]): Promise<void> {
    if (items.length > 0) await this.stagePrepared(entity, prepareStage(entity, items));
  }

  /** Adds a batch prepared by prepareStage (here or on a worker thread), in its order. */
  async stagePrepared(entity: EntityKind, prepared: PreparedStage): Promise<void> {
    const csv = prepared.csv;
    if ('bytes' in csv) return this.spool(entity, csv.bytes, prepared.rows);
    if ('text' in csv) return this.spool(entity, csv.text, prepared.rows, '\n');
    let lines: string[] = [];
    let long = 0;
    for (const line of csv.lines) {
      if (line !== undefined) {
        lines.push(line);
        continue;
      }
      // Too long for the CSV reader: everything before it is loaded first, so that the order holds.
      await this.spool(entity, `${lines.join('\n')}\n`, lines.length);
      lines = [];
      await this.loadSpools();
      await this.append(entity, [prepared.long[long++] as StageCell[]]);
    }
    await this.spool(entity, `${lines.join('\n')}\n`, lines.length);
  }

  /** Appends CSV text of `rows` rows (then `end`, when given) to the entity's scratch file. */
  private async spool(entity: EntityKind, text: string | Uint8Array, rows: number, end?: string): Promise<void> {
    this.throwIfLoadFailed();
    if (rows === 0) return;
    let spool = this.spools.get(entity);
    if (!spool) {
      this.scratchDir ??= mkdtempSync(join(tmpdir(), 'chainatlas-import-'));
      const path = join(this.scratchDir, `${stageName(entity)}-${this.segments++}.csv`);
      // A deep buffer: waiting for every megabyte to reach the disk would stall the rows behind it.
      const stream = createWriteStream(path, { highWaterMark: SPOOL_BUFFER_BYTES });
      // Without a listener a write error (a full disk) would end the process; it fails the import instead.
      stream.on('error', (error) => (this.loadError ??= error));
      spool = { path, stream, rows: 0 };
      this.spools.set(entity, spool);
    }
    spool.rows += rows;
    const flowing = spool.stream.write(text);
    if (!(end === undefined ? flowing : spool.stream.write(end))) await once(spool.stream, 'drain');
    // A full segment is loaded in the background (DuckDB's threads) while the next one fills.
    if (spool.rows >= SEGMENT_ROWS) this.queueLoad(entity, spool);
  }

  /** Closes a spool file and queues its loading after the files queued before it (same order as staged). */
  private queueLoad(entity: EntityKind, spool: Spool): void {
    this.spools.delete(entity);
    const closed = once(spool.stream, 'close');
    spool.stream.end();
    this.loading = this.loading.then(async () => {
      try {
        await closed;
        if (this.loadError === undefined) await this.loadFile(entity, spool.path);
      } catch (error) {
        this.loadError ??= error;
      } finally {
        rmSync(spool.path, { force: true });
      }
    });
  }

  private async loadFile(entity: EntityKind, path: string): Promise<void> {
    const columns = stageColumns(entity).map(([n, t]) => `${sqlString(n)}: ${sqlString(t)}`).join(', ');
    await this.db.run(
      `INSERT INTO temp.${stageName(entity)} SELECT * FROM read_csv(${sqlString(path)}, ${STAGE_CSV_OPTIONS},
         max_line_size = ${MAX_LINE_BYTES}, columns = {${columns}})`,
    );
  }

  private throwIfLoadFailed(): void {
    if (this.loadError !== undefined) throw this.loadError;
  }

  /** Loads every spooled row into its staging table. */
  private async loadSpools(): Promise<void> {
    for (const [entity, spool] of [...this.spools]) this.queueLoad(entity, spool);
    await this.loading;
    this.throwIfLoadFailed();
  }

  /** Appends staged rows to the staging table of their entity directly, a data chunk at a time. */
  private async append(entity: EntityKind, stagedRows: readonly StageCell[][]): Promise<void> {
    const types = stageColumns(entity).map(([, t]) => DUCK_TYPES[t]);
    const appender = await this.db.connection.createAppender(stageName(entity), 'main', 'temp');
    for (let start = 0; start < stagedRows.length; start += CHUNK) {
      const rows = stagedRows.slice(start, start + CHUNK);
      const chunk = DuckDBDataChunk.create(types, rows.length);
      chunk.setRows(rows);
      appender.appendDataChunk(chunk);
    }
    appender.closeSync();
  }

  /**
   * Resolves what staged rows point at and returns those that point at nothing:
   * enterprises without an explicit id take the id of a stored enterprise with the
   * same credit code; offerings' enterprise references match an id, a credit code
   * or a unique name; components need a known case and, when given, a known supplier.
   */
  async resolveReferences(): Promise<UnresolvedReference[]> {
    await this.endStaging();
    const db = this.db;
    // An enterprise row without its own id adopts the stored firm with the same credit code.
    await db.run(`UPDATE stage_enterprises s SET id = e.id FROM enterprises e
                  WHERE s._ref = 'derived' AND s.credit_code IS NOT NULL AND e.credit_code = s.credit_code`);
    const conflicts = await db.all(`
      SELECT s._file, s._sheet, s._row, s.credit_code AS ref, e.id AS existing FROM stage_enterprises s
      JOIN enterprises e ON e.credit_code = s.credit_code AND e.id <> s.id
      WHERE e.id NOT IN (SELECT id FROM stage_enterprises)`);
    // Offerings, observations and components name enterprises; without staged rows of those there is nothing to resolve.
    const referring = await db.one(`SELECT (SELECT count(*) FROM stage_offerings) + (SELECT count(*) FROM stage_observations)
                                    + (SELECT count(*) FROM stage_components) AS n`);
    let orphanOfferings: Row[] = [];
    let orphanSubjects: Row[] = [];
    let orphanSuppliers: Row[] = [];
    let orphanCases: Row[] = [];
    if (Number(referring?.n ?? 0) > 0) {
      await db.run(`CREATE OR REPLACE TEMP TABLE known_enterprises AS
        SELECT id, credit_code, name_zh, name_en, aliases FROM enterprises WHERE id NOT IN (SELECT id FROM stage_enterprises)
        UNION ALL SELECT id, credit_code, name_zh, name_en, aliases FROM stage_enterprises`);
      // Only the names some staged row uses: a million enterprises need not all be indexed by every name.
      await db.run(`CREATE OR REPLACE TEMP TABLE enterprise_names AS
        SELECT name, min(id) AS id, count(DISTINCT id) AS n FROM (
          SELECT id, id AS name FROM known_enterprises
          UNION ALL SELECT id, credit_code FROM known_enterprises WHERE credit_code IS NOT NULL
          UNION ALL SELECT id, name_zh FROM known_enterprises WHERE name_zh IS NOT NULL
          UNION ALL SELECT id, name_en FROM known_enterprises WHERE name_en IS NOT NULL
        ) WHERE name IN (SELECT _ref FROM stage_offerings UNION SELECT _ref FROM stage_observations
                         UNION SELECT supplier_id FROM stage_components)
        GROUP BY name`);
      await db.run(`UPDATE stage_offerings s SET enterprise_id = n.id FROM enterprise_names n
                    WHERE n.name = s._ref AND n.n = 1`);
      orphanOfferings = await db.all(`
        SELECT _file, _sheet, _row, _ref AS ref FROM stage_offerings WHERE enterprise_id NOT IN (SELECT id FROM known_enterprises)`);
      await db.run(`UPDATE stage_components s SET supplier_id = n.id FROM enterprise_names n
                    WHERE s.supplier_id IS NOT NULL AND n.name = s.supplier_id AND n.n = 1`);
      await db.run(`UPDATE stage_observations s SET enterprise_id = n.id FROM enterprise_names n
                    WHERE s._ref IS NOT NULL AND n.name = s._ref AND n.n = 1`);
      orphanSubjects = await db.all(`
        SELECT _file, _sheet, _row, _ref AS ref FROM stage_observations
        WHERE _ref IS NOT NULL AND enterprise_id NOT IN (SELECT id FROM known_enterprises)`);
      orphanSuppliers = await db.all(`
        SELECT _file, _sheet, _row, supplier_id AS ref FROM stage_components
        WHERE supplier_id IS NOT NULL AND supplier_id NOT IN (SELECT id FROM known_enterprises)`);
      orphanCases = await db.all(`
        SELECT _file, _sheet, _row, case_id AS ref FROM stage_components
        WHERE case_id NOT IN (SELECT id FROM cases UNION ALL SELECT id FROM stage_cases)`);
    }
    const origin = (r: Record<string, unknown>) => ({
      file: String(r._file), ...(r._sheet ? { sheet: String(r._sheet) } : {}), row: Number(r._row), ref: String(r.ref),
    });
    return [
      ...conflicts.map((r) => ({ ...origin(r), entity: 'enterprises' as const, kind: 'credit_code_conflict' as const, existing: String(r.existing) })),
      ...orphanOfferings.map((r) => ({ ...origin(r), entity: 'offerings' as const, kind: 'enterprise' as const })),
      ...orphanSubjects.map((r) => ({ ...origin(r), entity: 'observations' as const, kind: 'enterprise' as const })),
      ...orphanSuppliers.map((r) => ({ ...origin(r), entity: 'components' as const, kind: 'enterprise' as const })),
      ...orphanCases.map((r) => ({ ...origin(r), entity: 'components' as const, kind: 'case' as const })),
    ].sort((a, b) => a.file.localeCompare(b.file) || a.row - b.row);
  }

  /** Drops staged rows (partial imports leave out the rows that failed a late check). */
  async dropRows(entity: EntityKind, rows: readonly RowOrigin[]): Promise<void> {
    if (rows.length === 0) return;
    await this.endStaging();
    await this.db.run(`CREATE OR REPLACE TEMP TABLE dropped (_file VARCHAR, _row INTEGER)`);
    const appender = await this.db.connection.createAppender('dropped', 'main', 'temp');
    for (const r of rows) {
      appender.appendVarchar(r.file);
      appender.appendInteger(r.row);
      appender.endRow();
    }
    appender.closeSync();
    await this.db.run(`DELETE FROM ${stageName(entity)} s USING dropped d WHERE s._file = d._file AND s._row = d._row`);
  }

  async stagedCounts(): Promise<Record<EntityKind, number>> {
    await this.endStaging();
    const counts = {} as Record<EntityKind, number>;
    for (const entity of ENTITY_ORDER) {
      const row = await this.db.one(`SELECT count(*)::INTEGER AS n FROM ${stageName(entity)}`);
      counts[entity] = Number(row?.n ?? 0);
    }
    return counts;
  }

  /** Replaces stored records that share a key with a staged one, adds the rest and logs the import, in one transaction. */
  async commit(log: ImportLog): Promise<number> {
    await this.endStaging();
    const db = this.db;
    return db.transaction(async () => {
      const next = await db.one('SELECT coalesce(max(id), 0)::INTEGER + 1 AS id FROM imports');
      const importId = Number(next?.id ?? 1);
      await rememberCaseVersions(db, `SELECT id FROM ${stageName('cases')} UNION SELECT case_id FROM ${stageName('components')}`);
      for (const entity of ENTITY_ORDER) {
        const spec = TABLES[entity] as TableSpec<EntityKind>;
        const stage = stageName(entity);
        const columns = spec.columns.map(([name]) => name);
        await db.run(`DELETE FROM ${spec.table} t WHERE ${keyTuple(spec, 't')} IN (SELECT ${keyTuple(spec, 's')} FROM ${stage} s)`);
        const values = columns.map((c) => (c === 'import_id' ? `${importId}` : c)).join(', ');
        await db.run(`INSERT INTO ${spec.table} (${columns.join(', ')}) SELECT ${values} FROM ${stage}`);
      }
      await restoreCaseVersions(db);
      await db.run(
        `INSERT INTO imports VALUES ($1, now(), now(), $2, $3, $4, $5, $6)`,
        [importId, log.mode, JSON.stringify(log.files), log.accepted, log.rejected.length, log.framework],
      );
      if (log.rejected.length > 0) {
        const appender = await db.connection.createAppender('import_rejections');
        for (const r of log.rejected) {
          appender.appendInteger(importId);
          appender.appendVarchar(r.file);
          r.sheet === undefined ? appender.appendNull() : appender.appendVarchar(r.sheet);
          r.row === undefined ? appender.appendNull() : appender.appendInteger(r.row);
          r.column === undefined ? appender.appendNull() : appender.appendVarchar(r.column);
          appender.appendVarchar(r.code);
          r.value === undefined ? appender.appendNull() : appender.appendVarchar(r.value);
          appender.appendVarchar(r.zh);
          appender.appendVarchar(r.en);
          appender.endRow();
        }
        appender.closeSync();
      }
      if (log.actor) {
        await recordAudit(db, {
          username: log.actor.name, action: 'import.commit', targetKind: 'import', targetId: String(importId), ...(log.actor.ip ? { ip: log.actor.ip } : {}),
          after: { files: log.files.map((f) => basename(f.file)), mode: log.mode, accepted: log.accepted, rejected: log.rejected.length },
        });
      }
      return importId;
    });
  }

  async dispose(): Promise<void> {
    for (const spool of this.spools.values()) spool.stream.destroy();
    this.spools.clear();
    // A load still running uses the connection: let it finish before the tables go.
    await this.loading;
    try {
      for (const entity of ENTITY_ORDER) await this.db.run(`DROP TABLE IF EXISTS temp.${stageName(entity)}`);
      for (const name of [...this.changedSettings.keys()]) await this.restoreSetting(name);
    } finally {
      if (this.scratchDir) rmSync(this.scratchDir, { recursive: true, force: true });
    }
  }
}
