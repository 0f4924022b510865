/**
 * CSV reader: streams the file (constant memory for any size), decodes it
 * (UTF-8 or GB18030, see decode-text.ts) and parses RFC 4180 records. Rows are
 * numbered as a spreadsheet shows them; blank lines count.
 *
 * Records come from the fast scanner of csv-scanner.ts. When it meets input it
 * leaves to csv-parse (malformed quotes and the like), the file is read again
 * from the start by csv-parse, which then gives the rest of the records and the
 * error: reasons and row numbers are csv-parse's. A block's records are passed on
 * only once the next block has scanned cleanly, so a file of up to one block
 * (1 MB) behaves exactly as under csv-parse alone, errors included. (In larger
 * malformed files csv-parse's own stream may drop the records buffered before its
 * error; rows already passed on are not taken back.)
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { issue } from '../model/index.js';
import { CsvAnomaly, CsvScanner } from './csv-scanner.js';
import { decodeText, type DecodeState } from './decode-text.js';
import type { SourceFile, SourceRow, SourceSheet } from './source.js';

const BLOCK_BYTES = 1 << 20;

/** Bytes read so far, for progress: counted as blocks come off the disk (a re-read by csv-parse starts again from 0). */
interface ReadCounter {
  bytes: number;
}

async function* countBytes(chunks: AsyncIterable<Buffer>, counter: ReadCounter): AsyncGenerator<Buffer> {
  counter.bytes = 0;
  for await (const chunk of chunks) {
    counter.bytes += chunk.length;
    yield chunk;
  }
}

function readBlocks(path: string, counter: ReadCounter): AsyncIterable<Buffer> {
  return countBytes(createReadStream(path, { highWaterMark: BLOCK_BYTES }) as AsyncIterable<Buffer>, counter);
}

/** Records of the file by csv-parse, the reference parser (used after the scanner gives up). */
async function* csvParseRecords(path: string, file: string, state: DecodeState, counter: ReadCounter): AsyncGenerator<string[][]> {
  const text = Readable.from(decodeText(readBlocks(path, counter), file, state));
  const parser = text.pipe(
    parse({ relax_column_count: true, skip_empty_lines: false, bom: true, delimiter: [',', '\t'], info: false }),
  );
  for await (const record of parser as AsyncIterable<string[]>) yield [record];
}

/** The file's records in batches, scanned fast, or by csv-parse when the scanner gives up. */
async function* csvRecords(path: string, file: string, state: DecodeState, counter: ReadCounter): AsyncGenerator<string[][]> {
  const scanner = new CsvScanner();
  let passed = 0;
  let held: string[][] = [];
  try {
    for await (const text of decodeText(readBlocks(path, counter), file, state)) {
      const records = scanner.push(text);
      if (held.length > 0) {
        passed += held.length;
        yield held;
      }
      held = records;
    }
    const last = scanner.end();
    yield [...held, ...last];
    return;
  } catch (error) {
    if (!(error instanceof CsvAnomaly)) throw error;
  }
  // Start over with csv-parse: its decoding reports the encoding problems again, so forget those found so far.
  state.issues.length = 0;
  delete state.encoding;
  for await (const batch of csvParseRecords(path, file, state, counter)) {
    if (passed > 0) {
      passed--;
      continue;
    }
    yield batch;
  }
}

/**
 * The row of a parse error: csv-parse's errors carry the count of records before
 * the failing one (blank lines included, as in our numbering); `fallback` when not.
 */
function errorRow(error: unknown, fallback: number): number {
  const records = (error as { records?: unknown }).records;
  return typeof records === 'number' ? records + 1 : fallback;
}

export function readCsv(path: string, file: string): SourceFile {
  const state: DecodeState = { issues: [] };
  const issues = state.issues;
  const counter: ReadCounter = { bytes: 0 };

  async function* sheets(): AsyncGenerator<SourceSheet> {
    const batches = csvRecords(path, file, state, counter);
    let batch: string[][] = [];
    let next = 0;
    /** The next record, or undefined at the end. */
    async function nextRecord(): Promise<string[] | undefined> {
      while (next >= batch.length) {
        const result = await batches.next();
        if (result.done) return undefined;
        batch = result.value;
        next = 0;
      }
      return batch[next++];
    }
    let headers: string[] | undefined;
    let row = 0;
    try {
      // The header is the first non-blank record.
      for (;;) {
        const record = await nextRecord();
        if (!record) break;
        row++;
        if (record.some((c) => c.trim() !== '')) {
          headers = record.map((h) => h.trim());
          break;
        }
      }
    } catch (error) {
      issues.push(issue('ingest.bad_csv', { reason: (error as Error).message }, { file, row: errorRow(error, row + 1) }));
      return;
    }
    if (!headers) {
      issues.push(issue('ingest.empty_file', {}, { file }));
      return;
    }
    async function* rows(): AsyncGenerator<SourceRow> {
      // Data rows seen: blank lines after the header do not make a header-only file hold data.
      let dataRows = 0;
      try {
        for (;;) {
          // Rows of the batch in hand are taken synchronously: one await per batch, not per row.
          while (next < batch.length) {
            const cells = batch[next++] as string[];
            row++;
            if (cells.length === 1 && cells[0] === '') continue;
            dataRows++;
            yield { row, cells };
          }
          const record = await nextRecord();
          if (!record) break;
          row++;
          if (record.length === 1 && record[0] === '') continue;
          dataRows++;
          yield { row, cells: record };
        }
      } catch (error) {
        // A malformed file is reported as such, not also as one without rows.
        issues.push(issue('ingest.bad_csv', { reason: (error as Error).message }, { file, row: errorRow(error, row + 1) }));
        return;
      }
      if (dataRows === 0) issues.push(issue('ingest.no_rows', {}, { file }));
    }
    yield { file, format: 'csv', headers, rows: rows() };
  }

  return { sheets: sheets(), issues, bytesRead: () => counter.bytes };
}
