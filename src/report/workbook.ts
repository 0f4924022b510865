/**
 * Formula-safe XLSX sheets (exceljs), shared by the report workbook and the
 * assessment export (src/cli/assess-export.ts), so that one rule decides how a
 * cell is written everywhere ChainAtlas produces a spreadsheet.
 *
 * Formula injection: a text beginning with = + - @ (or a tab or carriage return)
 * would run as a formula — or a DDE command such as `=cmd|'/c calc'!A1` — when
 * typed into Excel. Text is therefore always written as a string cell, never as a
 * formula object, and risky text also gets the text number format `@`, so that
 * editing the cell in Excel keeps it text. Numbers stay typed numbers (with a
 * number format per column), empty text and non-finite values become empty cells.
 *
 * Also: a header row in bold, frozen; sheet names cut to Excel's 31 characters
 * without the characters it forbids, and made unique.
 */
import ExcelJS from 'exceljs';

export type SheetCell = string | number | boolean | null | undefined;

/** The first characters that make a spreadsheet read text as a formula. */
export const FORMULA_RISK = /^[=+\-@\t\r]/;

export type SheetColumnType = 'text' | 'integer' | 'number' | 'percent';

export interface SheetColumn {
  readonly label: string;
  /** How numbers in the column are shown; text when absent. */
  readonly type?: SheetColumnType;
  readonly digits?: number;
  readonly width?: number;
}

const NUMBER_FORMATS: Readonly<Record<SheetColumnType, (digits: number) => string | undefined>> = {
  text: () => undefined,
  integer: () => '0',
  number: (d) => (d > 0 ? `0.${'0'.repeat(d)}` : '0'),
  percent: (d) => (d > 0 ? `0.${'0'.repeat(d)}%` : '0%'),
};

/** A valid, unique worksheet name: no []:*?/\ , at most 31 characters. */
export function sheetName(book: ExcelJS.Workbook, wanted: string): string {
  const base = (wanted.replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').trim() || 'Sheet').slice(0, 31);
  const taken = new Set(book.worksheets.map((w) => w.name.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** What a cell holds: a plain string or number, never a formula object. */
function cellValue(value: SheetCell): string | number | boolean | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return value;
}

/** Adds one sheet: bold frozen header, typed number columns, formula-safe text. Returns the sheet. */
export function addSafeSheet(
  book: ExcelJS.Workbook, name: string, columns: readonly SheetColumn[], rows: readonly (readonly SheetCell[])[],
): ExcelJS.Worksheet {
  const ws = book.addWorksheet(sheetName(book, name));
  const header = ws.addRow(columns.map((c) => c.label));
  header.font = { bold: true };
  header.eachCell((cell) => {
    if (typeof cell.value === 'string' && FORMULA_RISK.test(cell.value)) cell.numFmt = '@';
  });
  const formats = columns.map((c) => NUMBER_FORMATS[c.type ?? 'text'](c.digits ?? (c.type === 'percent' ? 1 : 2)));
  for (const row of rows) {
    const added = ws.addRow(row.map(cellValue));
    added.eachCell((cell, col) => {
      if (typeof cell.value === 'string') {
        // A string cell is never a formula; risky text also gets the text format, so that editing keeps it text.
        if (FORMULA_RISK.test(cell.value)) cell.numFmt = '@';
      } else if (typeof cell.value === 'number') {
        const format = formats[col - 1];
        if (format) cell.numFmt = format;
      }
    });
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = c.width ?? (c.type && c.type !== 'text' ? 12 : 18);
  });
  return ws;
}
