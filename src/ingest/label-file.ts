/**
 * Label files for training and evaluating the classifier: CSV (UTF-8 with or
 * without BOM, or GB18030 — the CSV reader's decoding), columns `id,text,links`,
 * `links` = link ids joined by `|`, empty when the text names no link of the
 * chain. Other columns are ignored.
 *
 * Every problem is an issue with its place (file, row — the header is row 1 —,
 * column, value): a missing column, an empty id, an id seen before, a link id
 * the framework does not have, an empty file. A file with any issue gives no
 * value: a label set with silently dropped rows would measure something else.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Framework, Issue } from '../model/index.js';
import { closestMatches, issue } from '../model/index.js';
import type { LabelledText } from '../classify/index.js';
import { readCsv } from './read-csv.js';

export const LABEL_COLUMNS = ['id', 'text', 'links'] as const;
const LINK_SEPARATOR = '|';

export async function readLabelFile(path: string, framework: Framework): Promise<{ value?: LabelledText[]; issues: Issue[] }> {
  const file = basename(path);
  if (!existsSync(path)) return { issues: [issue('ingest.file_missing', { file: path }, { file })] };
  const known = new Set(framework.links.map((l) => l.id));
  const candidates = framework.links.map((l) => ({ label: l.id, spellings: [l.id] }));
  const source = readCsv(path, file);
  const issues: Issue[] = [];
  const texts: LabelledText[] = [];
  const firstRow = new Map<string, number>();
  let sawSheet = false;
  for await (const sheet of source.sheets) {
    sawSheet = true;
    const column = (name: string) => sheet.headers.findIndex((h) => h.replace(/^\ufeff/, '').trim().toLowerCase() === name);
    const at = LABEL_COLUMNS.map(column);
    const missing = LABEL_COLUMNS.filter((_, i) => at[i] === -1);
    if (missing.length > 0) {
      issues.push(issue('classify.labels_missing_column', { columns: missing }, { file, row: 1 }));
      break;
    }
    const [idAt, textAt, linksAt] = at as [number, number, number];
    for await (const { row, cells } of sheet.rows) {
      const id = (cells[idAt] ?? '').trim();
      const text = cells[textAt] ?? '';
      const links: string[] = [];
      let bad = false;
      if (id === '') {
        issues.push(issue('classify.labels_missing_id', {}, { file, row, column: 'id' }));
        bad = true;
      } else if (firstRow.has(id)) {
        issues.push(issue('classify.labels_duplicate_id', { id, first: firstRow.get(id) as number }, { file, row, column: 'id', value: id }));
        bad = true;
      } else firstRow.set(id, row);
      for (const part of (cells[linksAt] ?? '').split(LINK_SEPARATOR)) {
        const link = part.trim();
        if (link === '' || links.includes(link)) continue;
        if (!known.has(link)) {
          issues.push(issue('classify.labels_unknown_link', { link, suggestions: closestMatches(link, candidates, 3) }, { file, row, column: 'links', value: link }));
          bad = true;
        } else links.push(link);
      }
      if (!bad) texts.push({ id, text, links });
    }
  }
  // The reader's own problems (encoding, malformed CSV); an empty or header-only file is said in label terms.
  for (const problem of source.issues) {
    if (problem.code === 'ingest.empty_file' || problem.code === 'ingest.no_rows') issues.push(issue('classify.labels_empty', { file }, { file }));
    else issues.push(problem);
  }
  if (!sawSheet && issues.length === 0) issues.push(issue('classify.labels_empty', { file }, { file }));
  return issues.length > 0 ? { issues } : { value: texts, issues };
}
