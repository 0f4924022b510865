/**
 * CSV reader: streams the file (constant memory for any size), decodes it
 * (UTF-8 or GB18030, see decode-text.ts) and parses RFC 4180 records with
 * csv-parse. Rows are numbered as a spreadsheet shows them; blank lines count.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { issue } from '../model/index.js';
import { decodeText, type DecodeState } from './decode-text.js';
import type { SourceFile, SourceRow, SourceSheet } from './source.js';

export function readCsv(path: string, file: string): SourceFile {
  const state: DecodeState = { issues: [] };
  const issues = state.issues;

  async function* sheets(): AsyncGenerator<SourceSheet> {
    const text = Readable.from(decodeText(createReadStream(path, { highWaterMark: 1 << 20 }), file, state));
    const parser = text.pipe(
      parse({ relax_column_count: true, skip_empty_lines: false, bom: true, delimiter: [',', '\t'], info: false }),
    );
    const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
    let headers: string[] | undefined;
    let row = 0;
    try {
      // The header is the first non-blank record.
      for (;;) {
        const next = await records.next();
        if (next.done) break;
        row++;
        if (next.value.some((c) => c.trim() !== '')) {
          headers = next.value.map((h) => h.trim());
          break;
        }
      }
    } catch (error) {
      issues.push(issue('ingest.bad_csv', { reason: (error as Error).message }, { file, row: row + 1 }));
      return;
    }
    if (!headers) {
      issues.push(issue('ingest.empty_file', {}, { file }));
      return;
    }
    const headerRow = row;
    async function* rows(): AsyncGenerator<SourceRow> {
      try {
        for (;;) {
          const next = await records.next();
          if (next.done) break;
          row++;
          if (next.value.length === 1 && next.value[0] === '') continue;
          yield { row, cells: next.value };
        }
      } catch (error) {
        issues.push(issue('ingest.bad_csv', { reason: (error as Error).message }, { file, row: row + 1 }));
      }
      if (row === headerRow) issues.push(issue('ingest.no_rows', {}, { file }));
    }
    yield { file, format: 'csv', headers, rows: rows() };
  }

  return { sheets: sheets(), issues };
}
