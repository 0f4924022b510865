/**
 * Classified offerings as a Parquet file, written by DuckDB (an in-memory
 * instance of its own, no database file). The rows arrive as a staged CSV
 * (RFC 4180: header line, every text quoted, `"` doubled, LF line ends, UTF-8
 * without BOM: a quoted empty text stays empty, never NULL) in the column
 * order of CLASSIFIED_OFFERING_COLUMNS; alternatives are link ids joined by `|`
 * and become a list column. DuckDB keeps the rows in file order.
 *
 * Limits: DuckDB's memory is capped (PARQUET_MEMORY_LIMIT) so that a large file
 * streams through rather than being held; its CSV reader refuses a line longer
 * than MAX_LINE_BYTES.
 */
import { DuckDBInstance } from '@duckdb/node-api';

/** The staged CSV's columns and their DuckDB types (the Parquet file has the same, alternatives as VARCHAR[]). */
export const CLASSIFIED_OFFERING_COLUMNS = [
  ['id', 'VARCHAR'], ['name', 'VARCHAR'], ['link', 'VARCHAR'], ['confidence', 'DOUBLE'], ['status', 'VARCHAR'],
  ['alternatives', 'VARCHAR'], ['evidence', 'VARCHAR'],
] as const;

const PARQUET_MEMORY_LIMIT = '256MB';
const MAX_LINE_BYTES = 8 * 1024 * 1024;

const sqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Writes `parquetFile` from the staged CSV; returns the number of rows written. */
export async function writeClassifiedOfferingsParquet(stagedCsv: string, parquetFile: string): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: PARQUET_MEMORY_LIMIT, preserve_insertion_order: 'true' });
  const connection = await instance.connect();
  try {
    const columns = CLASSIFIED_OFFERING_COLUMNS.map(([name, type]) => `${sqlString(name)}: ${sqlString(type)}`).join(', ');
    const source =
      `read_csv(${sqlString(stagedCsv)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', ` +
      `new_line = '\\n', columns = {${columns}}, max_line_size = ${MAX_LINE_BYTES}, buffer_size = ${4 * MAX_LINE_BYTES}, allow_quoted_nulls = false)`;
    const select =
      `SELECT id, name, link, confidence, status, ` +
      `CASE WHEN alternatives IS NULL OR alternatives = '' THEN []::VARCHAR[] ELSE string_split(alternatives, '|') END AS alternatives, ` +
      `evidence FROM ${source}`;
    const result = await connection.run(`COPY (${select}) TO ${sqlString(parquetFile)} (FORMAT parquet, COMPRESSION zstd)`);
    return Number(result.rowsChanged);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Reads a Parquet file back as plain rows (for checks and tests). */
export async function readParquetRows(parquetFile: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet(${sqlString(parquetFile)})`);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
