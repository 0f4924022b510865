/**
 * The report's workbook: one sheet per table of the document's `sheets` (the
 * assessment matrix, scores by region, ranks, recommendations, targets, cases and
 * components, observations, computed indicators, sources, the framework — or the
 * five lists of the chain-leader format), plus a first sheet saying what the
 * workbook is. Cells are typed (numbers with a number format per column) and
 * written through the formula-safe sheet writer (workbook.ts): no cell is ever a
 * formula, whatever a name or a case text begins with.
 */
import ExcelJS from 'exceljs';
import type { ReportDocument, TableBlock } from './document.js';
import { addSafeSheet, type SheetColumn } from './workbook.js';

const columnsOf = (t: TableBlock): SheetColumn[] => t.columns.map((c) => ({
  label: c.label, type: c.type, ...(c.digits !== undefined ? { digits: c.digits } : {}),
  width: c.type === 'text' ? Math.min(48, Math.max(10, ...t.rows.slice(0, 200).map((r) => String(r[t.columns.indexOf(c)] ?? '').length + 2), c.label.length + 4)) : 12,
}));

/** The workbook of a report, in memory. */
export function reportWorkbook(doc: ReportDocument): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  book.creator = 'ChainAtlas';
  book.title = doc.title;
  const about = addSafeSheet(book, doc.lang === 'zh' ? '说明' : 'About', [{ label: doc.title, width: 110 }], [
    [doc.subtitle], ...doc.meta.map((m) => [m]), [''],
    ...doc.sheets.map((t) => [`${t.sheet ?? t.title}: ${t.rows.length} ${doc.lang === 'zh' ? '行' : 'rows'}`]),
  ]);
  about.getRow(1).font = { bold: true, size: 13 };
  for (const t of doc.sheets) {
    const ws = addSafeSheet(book, t.sheet ?? t.title, columnsOf(t), t.rows);
    for (const i of t.highlight ?? []) {
      if (i >= 0) ws.getRow(i + 2).font = { bold: true, color: { argb: 'FFC0392B' } };
    }
    if (t.rows.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.columns.length } };
  }
  return book;
}

export async function writeReportXlsx(doc: ReportDocument, file: string): Promise<void> {
  await reportWorkbook(doc).xlsx.writeFile(file);
}

export async function reportXlsxBuffer(doc: ReportDocument): Promise<Buffer> {
  return Buffer.from(await reportWorkbook(doc).xlsx.writeBuffer());
}
