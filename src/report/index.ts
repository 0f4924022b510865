/**
 * Reports: the document model of a region's supply-capability analysis, built
 * from the assessment (pure), its charts (ECharts server-side SVG) and its
 * renderers — HTML (self-contained), PDF (Chromium), XLSX (formula-safe) and DOCX.
 */
export { buildReport } from './build-report.js';
export type { BuildReportOptions } from './build-report.js';
export type { ReportInput, ReportCase, ReportComponent, SourceCount } from './report-input.js';
export { Outline, isOutline, allSections, blocksOf } from './document.js';
export type {
  ReportDocument, Section, Block, ParagraphBlock, ListBlock, TableBlock, ChartBlock, Run, TableColumn, TableCell, ColumnType, Footnote,
} from './document.js';
export type { ChartSpec } from './chart-spec.js';
export { computeIndicators, compoundGrowth } from './indicators.js';
export type { ComputedIndicator, SeriesPoint, StatedRate } from './indicators.js';
export { keyTechnologies, CLUSTER_MIN } from './chain-leader.js';
export { FORMULA_RISK, addSafeSheet, sheetName } from './workbook.js';
export type { SheetCell, SheetColumn, SheetColumnType } from './workbook.js';
export { chartOption, renderChartSvg, TIER_COLORS, CHART_FONT } from './charts.js';
export type { ChartOption, RenderedChart } from './charts.js';
export { renderReportHtml, reportHtml, renderCharts, escapeHtml, formatCell, anchor } from './render-html.js';
export { PdfPrinter, destinationPages, CHROMIUM_PATH, CHROMIUM_ARGS } from './render-pdf.js';
export { reportWorkbook, writeReportXlsx, reportXlsxBuffer } from './render-xlsx.js';
export { renderReportDocx, chartPng } from './render-docx.js';
