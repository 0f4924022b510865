/**
 * The embedded DuckDB database: opening a file, applying versioned migrations and
 * running work in transactions. DuckDB's write-ahead log makes a transaction
 * all-or-nothing even when the process is killed half way.
 */
import { existsSync } from 'node:fs';
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { AppError } from '../model/index.js';
import { MIGRATIONS } from './migrations.js';

export const DEFAULT_DATABASE_FILE = './chainatlas.duckdb';
export const DATABASE_ENV = 'CHAINATLAS_DB';

export type Params = Record<string, DuckDBValue> | DuckDBValue[];
export type Row = Record<string, unknown>;

export class Database {
  private constructor(
    readonly file: string,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    /** False for a second connection (`connectAgain`): closing it leaves the database open. */
    private readonly ownsInstance = true,
  ) {}

  /**
   * The same database through a connection of its own: its transactions are isolated from this connection's
   * queries (a reader here never sees a write there before it commits), and its temporary tables are its own.
   */
  async connectAgain(): Promise<Database> {
    return new Database(this.file, this.instance, await this.instance.connect(), false);
  }

  /** Opens (and creates, when missing) a database file and brings its schema up to date. */
  static async open(file: string): Promise<{ db: Database; created: boolean }> {
    const created = file === ':memory:' || !existsSync(file);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(file);
    } catch (error) {
      throw new AppError('store.open_failed', { file, reason: (error as Error).message });
    }
    const db = new Database(file, instance, await instance.connect());
    await db.migrate();
    return { db, created };
  }

  async run(sql: string, params?: Params): Promise<void> {
    await this.connection.run(sql, params);
  }

  async all(sql: string, params?: Params): Promise<Row[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJS() as Row[];
  }

  async one(sql: string, params?: Params): Promise<Row | undefined> {
    return (await this.all(sql, params))[0];
  }

  /** Runs `work` in one transaction: committed when it returns, rolled back when it throws. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.run('BEGIN TRANSACTION');
    try {
      const result = await work();
      await this.run('COMMIT');
      return result;
    } catch (error) {
      await this.run('ROLLBACK');
      throw error;
    }
  }

  close(): void {
    this.connection.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }

  async schemaVersion(): Promise<number> {
    const row = await this.one("SELECT value FROM meta WHERE key = 'schema_version'");
    return row ? Number(row.value) : 0;
  }

  private async migrate(): Promise<void> {
    await this.run('CREATE TABLE IF NOT EXISTS meta (key VARCHAR, value VARCHAR)');
    const found = await this.schemaVersion();
    if (found > MIGRATIONS.length) {
      throw new AppError('store.newer_schema', { file: this.file, found, known: MIGRATIONS.length });
    }
    for (let version = found + 1; version <= MIGRATIONS.length; version++) {
      const statements = MIGRATIONS[version - 1] ?? [];
      await this.transaction(async () => {
        for (const sql of statements) await this.run(sql);
        await this.run("DELETE FROM meta WHERE key = 'schema_version'");
        await this.run("INSERT INTO meta VALUES ('schema_version', $1)", [String(version)]);
      });
    }
  }
}
