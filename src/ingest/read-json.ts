/**
 * JSON reader: an array of records, or an object keyed by entity name holding
 * arrays. Records become rows over the union of their keys; arrays of strings
 * are joined with "|", other structured values are passed on as JSON text.
 */
import { readFile } from 'node:fs/promises';
import { issue, isEntityKind } from '../model/index.js';
import type { SourceFile, SourceRow, SourceSheet } from './source.js';

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('|');
  return JSON.stringify(value);
}

function toSheet(file: string, records: unknown[], sheet?: string): SourceSheet {
  const headers: string[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) continue;
    for (const key of Object.keys(record)) {
      if (seen.has(key)) continue;
      seen.add(key);
      headers.push(key);
    }
  }
  async function* rows(): AsyncGenerator<SourceRow> {
    for (let i = 0; i < records.length; i++) {
      const record = (records[i] ?? {}) as Record<string, unknown>;
      yield { row: i, cells: headers.map((h) => cellText(typeof record === 'object' ? record[h] : undefined)) };
    }
  }
  return { file, format: 'json', ...(sheet ? { sheet } : {}), headers, rows: rows() };
}

/** A record is a JSON object; an array of numbers or strings is not a list of records. */
const isRecords = (value: unknown): value is unknown[] =>
  Array.isArray(value) && value.every((record) => typeof record === 'object' && record !== null && !Array.isArray(record));

export function readJson(path: string, file: string): SourceFile {
  const issues: SourceFile['issues'] = [];
  async function* sheets(): AsyncGenerator<SourceSheet> {
    const text = (await readFile(path, 'utf8')).replace(/^\ufeff/, '');
    if (!text.trim()) return void issues.push(issue('ingest.empty_file', {}, { file }));
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return void issues.push(issue('ingest.bad_json', { reason: (error as Error).message }, { file }));
    }
    if (Array.isArray(data)) {
      if (!isRecords(data)) return void issues.push(issue('ingest.json_shape', {}, { file }));
      if (data.length === 0) issues.push(issue('ingest.no_rows', {}, { file }));
      yield toSheet(file, data);
      return;
    }
    if (typeof data === 'object' && data !== null) {
      const entries = Object.entries(data as Record<string, unknown>);
      const bad = entries.filter(([key, value]) => !isEntityKind(key) || !isRecords(value));
      if (bad.length > 0 || entries.length === 0) return void issues.push(issue('ingest.json_shape', {}, { file }));
      for (const [key, value] of entries) yield toSheet(file, value as unknown[], key);
      return;
    }
    issues.push(issue('ingest.json_shape', {}, { file }));
  }
  return { sheets: sheets(), issues };
}
