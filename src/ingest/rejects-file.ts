/**
 * The rejects file of a partial import: every rejected row with its original
 * cells and a `_problems` column giving the reasons (zh and en), one CSV (UTF-8
 * with BOM, so Excel opens it right) per entity, named `<base>.<entity>.csv`
 * so that a fixed file re-imports as the same entity. Rows are read again from
 * the sources (a second pass), so nothing is held in memory during the import.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { EntityKind, Issue } from '../model/index.js';
import { formatIssue } from '../model/index.js';
import { openSource } from './open-source.js';

export const PROBLEMS_COLUMN = '_problems';

function csvCell(value: string): string {
  // A leading formula character is escaped so that a spreadsheet shows the text, not a formula.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function writeRejects(
  target: string,
  paths: readonly string[],
  rejected: ReadonlyMap<string, readonly Issue[]>,
  rowKey: (file: string, sheet: string | undefined, row: number) => string,
  entityOf: (file: string, sheet: string | undefined) => EntityKind | undefined,
): Promise<string[]> {
  const byEntity = new Map<string, { headers: string[]; rows: { values: Map<string, string>; problems: string }[] }>();
  for (const path of paths) {
    const file = basename(path);
    const source = openSource(path);
    for await (const sheet of source.sheets) {
      const entity = entityOf(file, sheet.sheet) ?? 'unknown';
      const group = byEntity.get(entity) ?? { headers: [], rows: [] };
      byEntity.set(entity, group);
      for (const h of sheet.headers) if (h && !group.headers.includes(h)) group.headers.push(h);
      for await (const { row, cells } of sheet.rows) {
        const problems = rejected.get(rowKey(file, sheet.sheet, row));
        if (!problems) continue;
        const values = new Map(sheet.headers.map((h, i) => [h, cells[i] ?? ''] as const));
        const text = problems.map((p) => `${formatIssue(p, 'zh')} | ${formatIssue(p, 'en')}`).join('\n');
        group.rows.push({ values, problems: text });
      }
    }
  }
  const written: string[] = [];
  const base = target.replace(/\.csv$/i, '');
  await mkdir(dirname(target) || '.', { recursive: true });
  for (const [entity, group] of byEntity) {
    if (group.rows.length === 0) continue;
    const out = join(dirname(base), `${basename(base)}.${entity}.csv`);
    const stream = createWriteStream(out, 'utf8');
    stream.write('\ufeff' + [...group.headers, PROBLEMS_COLUMN].map(csvCell).join(',') + '\n');
    for (const r of group.rows) stream.write([...group.headers.map((h) => r.values.get(h) ?? ''), r.problems].map(csvCell).join(',') + '\n');
    await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    written.push(out);
  }
  return written;
}
