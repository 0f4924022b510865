/**
 * XLSX reader (exceljs): every sheet with a header row, cells as the text a
 * user sees. Formula cells come through as "=FORMULA" so the row validator
 * refuses them: the value Excel showed is not what would be stored.
 * A truncated or corrupt workbook is one clear issue, never a crash.
 */
import ExcelJS from 'exceljs';
import { issue } from '../model/index.js';
import type { SourceFile, SourceRow, SourceSheet } from './source.js';

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = 'formula' in value ? value.formula : (value as { sharedFormula: string }).sharedFormula;
    return `=${formula}`;
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return '';
}

export function readXlsx(path: string, file: string, onlySheet?: string): SourceFile {
  const issues: SourceFile['issues'] = [];

  async function* sheets(): AsyncGenerator<SourceSheet> {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.readFile(path);
    } catch (error) {
      issues.push(issue('ingest.corrupt_xlsx', { reason: (error as Error).message }, { file }));
      return;
    }
    const worksheets = workbook.worksheets.filter((ws) => !onlySheet || ws.name === onlySheet);
    if (onlySheet && worksheets.length === 0) {
      issues.push(issue('cli.bad_option', { option: '--sheet', reason: `no sheet "${onlySheet}" (${workbook.worksheets.map((w) => w.name).join(', ')})` }, { file }));
      return;
    }
    let any = false;
    for (const ws of worksheets) {
      const rows: { row: number; cells: string[] }[] = [];
      ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
        const values = r.values as ExcelJS.CellValue[];
        // exceljs rows are 1-based: index 0 is empty.
        rows.push({ row: rowNumber, cells: values.slice(1).map(cellText) });
      });
      const headerIndex = rows.findIndex((r) => r.cells.some((c) => c.trim() !== ''));
      if (headerIndex < 0) continue;
      any = true;
      const header = rows[headerIndex] as { row: number; cells: string[] };
      const data = rows.slice(headerIndex + 1).filter((r) => r.cells.some((c) => c.trim() !== ''));
      if (data.length === 0) issues.push(issue('ingest.no_rows', {}, { file, sheet: ws.name }));
      async function* iterate(): AsyncGenerator<SourceRow> {
        yield* data;
      }
      yield { file, format: 'xlsx', sheet: ws.name, headers: header.cells.map((h) => h.trim()), rows: iterate() };
    }
    if (!any) issues.push(issue('ingest.empty_file', {}, { file }));
  }

  return { sheets: sheets(), issues };
}
