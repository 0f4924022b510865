/**
 * Writing an import: validated records are staged in temporary tables (outside any
 * transaction, so a crash while staging leaves nothing behind), references are
 * resolved and checked set-wise in SQL, then one transaction replaces the records
 * that share a key (upsert) and logs the import. Either all of it commits or none.
 */
import { DuckDBDataChunk, BOOLEAN, DOUBLE, INTEGER, VARCHAR, type DuckDBType } from '@duckdb/node-api';
import type { EntityKind, EntityRecords } from '../model/index.js';
import { ENTITY_ORDER } from '../model/index.js';
import type { Database } from './database.js';
import { TABLES, keyTuple, type ColumnType, type TableSpec } from './tables.js';

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
}

const DUCK_TYPES: Record<ColumnType, DuckDBType> = { VARCHAR, DOUBLE, INTEGER, BOOLEAN };
const ORIGIN_COLUMNS = [['_file', 'VARCHAR'], ['_sheet', 'VARCHAR'], ['_row', 'INTEGER'], ['_ref', 'VARCHAR']] as const;
const CHUNK = 2048;

const stageName = (entity: EntityKind) => `stage_${TABLES[entity].table}`;

export class ImportSession {
  private constructor(private readonly db: Database) {}

  static async start(db: Database): Promise<ImportSession> {
    for (const entity of ENTITY_ORDER) {
      const spec = TABLES[entity] as TableSpec<EntityKind>;
      const columns = [...spec.columns, ...ORIGIN_COLUMNS].map(([n, t]) => `${n} ${t}`).join(', ');
      await db.run(`CREATE OR REPLACE TEMP TABLE ${stageName(entity)} (${columns})`);
    }
    return new ImportSession(db);
  }

  /** Appends records to the staging table of their entity, a data chunk at a time. */
  async stage<K extends EntityKind>(entity: K, items: readonly StagedRecord<K>[]): Promise<void> {
    if (items.length === 0) return;
    const spec = TABLES[entity] as TableSpec<K>;
    const types = [...spec.columns, ...ORIGIN_COLUMNS].map(([, t]) => DUCK_TYPES[t]);
    const appender = await this.db.connection.createAppender(stageName(entity), 'main', 'temp');
    for (let start = 0; start < items.length; start += CHUNK) {
      const slice = items.slice(start, start + CHUNK);
      const rows = slice.map((item) => [
        ...spec.toRow(item.record), item.origin.file, item.origin.sheet ?? null, item.origin.row, item.ref ?? null,
      ]);
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
    const db = this.db;
    // An enterprise row without its own id adopts the stored firm with the same credit code.
    await db.run(`UPDATE stage_enterprises s SET id = e.id FROM enterprises e
                  WHERE s._ref = 'derived' AND s.credit_code IS NOT NULL AND e.credit_code = s.credit_code`);
    const conflicts = await db.all(`
      SELECT s._file, s._sheet, s._row, s.credit_code AS ref, e.id AS existing FROM stage_enterprises s
      JOIN enterprises e ON e.credit_code = s.credit_code AND e.id <> s.id
      WHERE e.id NOT IN (SELECT id FROM stage_enterprises)`);
    await db.run(`CREATE OR REPLACE TEMP TABLE known_enterprises AS
      SELECT id, credit_code, name_zh, name_en, aliases FROM enterprises WHERE id NOT IN (SELECT id FROM stage_enterprises)
      UNION ALL SELECT id, credit_code, name_zh, name_en, aliases FROM stage_enterprises`);
    await db.run(`CREATE OR REPLACE TEMP TABLE enterprise_names AS
      SELECT name, min(id) AS id, count(DISTINCT id) AS n FROM (
        SELECT id, id AS name FROM known_enterprises
        UNION ALL SELECT id, credit_code FROM known_enterprises WHERE credit_code IS NOT NULL
        UNION ALL SELECT id, name_zh FROM known_enterprises WHERE name_zh IS NOT NULL
        UNION ALL SELECT id, name_en FROM known_enterprises WHERE name_en IS NOT NULL
      ) GROUP BY name`);
    await db.run(`UPDATE stage_offerings s SET enterprise_id = n.id FROM enterprise_names n
                  WHERE n.name = s._ref AND n.n = 1`);
    const orphanOfferings = await db.all(`
      SELECT _file, _sheet, _row, _ref AS ref FROM stage_offerings WHERE enterprise_id NOT IN (SELECT id FROM known_enterprises)`);
    await db.run(`UPDATE stage_components s SET supplier_id = n.id FROM enterprise_names n
                  WHERE s.supplier_id IS NOT NULL AND n.name = s.supplier_id AND n.n = 1`);
    await db.run(`UPDATE stage_observations s SET enterprise_id = n.id FROM enterprise_names n
                  WHERE s._ref IS NOT NULL AND n.name = s._ref AND n.n = 1`);
    const orphanSubjects = await db.all(`
      SELECT _file, _sheet, _row, _ref AS ref FROM stage_observations
      WHERE _ref IS NOT NULL AND enterprise_id NOT IN (SELECT id FROM known_enterprises)`);
    const orphanSuppliers = await db.all(`
      SELECT _file, _sheet, _row, supplier_id AS ref FROM stage_components
      WHERE supplier_id IS NOT NULL AND supplier_id NOT IN (SELECT id FROM known_enterprises)`);
    const orphanCases = await db.all(`
      SELECT _file, _sheet, _row, case_id AS ref FROM stage_components
      WHERE case_id NOT IN (SELECT id FROM cases UNION ALL SELECT id FROM stage_cases)`);
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
    const counts = {} as Record<EntityKind, number>;
    for (const entity of ENTITY_ORDER) {
      const row = await this.db.one(`SELECT count(*)::INTEGER AS n FROM ${stageName(entity)}`);
      counts[entity] = Number(row?.n ?? 0);
    }
    return counts;
  }

  /** Replaces stored records that share a key with a staged one, adds the rest and logs the import, in one transaction. */
  async commit(log: ImportLog): Promise<number> {
    const db = this.db;
    return db.transaction(async () => {
      const next = await db.one('SELECT coalesce(max(id), 0)::INTEGER + 1 AS id FROM imports');
      const importId = Number(next?.id ?? 1);
      for (const entity of ENTITY_ORDER) {
        const spec = TABLES[entity] as TableSpec<EntityKind>;
        const stage = stageName(entity);
        const columns = spec.columns.map(([name]) => name);
        await db.run(`DELETE FROM ${spec.table} t WHERE ${keyTuple(spec, 't')} IN (SELECT ${keyTuple(spec, 's')} FROM ${stage} s)`);
        const values = columns.map((c) => (c === 'import_id' ? `${importId}` : c)).join(', ');
        await db.run(`INSERT INTO ${spec.table} (${columns.join(', ')}) SELECT ${values} FROM ${stage}`);
      }
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
      return importId;
    });
  }

  async dispose(): Promise<void> {
    for (const entity of ENTITY_ORDER) await this.db.run(`DROP TABLE IF EXISTS temp.${stageName(entity)}`);
  }
}
