/** Picks the reader for a file by its extension. */
import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { issue } from '../model/index.js';
import { readCsv } from './read-csv.js';
import { readJson } from './read-json.js';
import { readXlsx } from './read-xlsx.js';
import type { SourceFile } from './source.js';

export function openSource(path: string, options: { sheet?: string } = {}): SourceFile {
  const file = basename(path);
  const none = (problem: SourceFile['issues'][number]): SourceFile => ({ sheets: (async function* () {})(), issues: [problem] });
  if (!existsSync(path)) return none(issue('ingest.file_missing', { file: path }, { file }));
  const ext = extname(path).toLowerCase();
  switch (ext) {
    case '.csv': case '.tsv': case '.txt': return readCsv(path, file);
    case '.xlsx': case '.xlsm': return readXlsx(path, file, options.sheet);
    case '.json': return readJson(path, file);
    default: return none(issue('ingest.unsupported_format', { ext: ext || file }, { file }));
  }
}
