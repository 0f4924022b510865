/**
 * The report job's shared phases, for `chainatlas report` and the HTTP API alike:
 *
 *   load ──── the assessment counts and profiles, the region's cases with components,
 *   │         observations and sources (src/store)
 *   assess ── runAssessment (src/assess)
 *   build ─── the document model, per language (src/report, pure)
 *   render ── charts to SVG once per language, then HTML, PDF (Chromium), XLSX, DOCX
 *   ▼
 *   files: chainatlas-report-<code>[-chain-leader]-<lang>.<ext>
 *
 * It lives here, not in src/cli, because the server may not import the CLI.
 * The PDF printer (one Chromium) is opened once for all languages and closed at
 * the end. The date printed on the report is today's unless CHAINATLAS_REPORT_DATE
 * sets it (reproducible output).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Framework, Lang, Region, Text } from '../model/index.js';
import { NATION_CODE } from '../model/index.js';
import { regionByCode } from '../regions/index.js';
import { loadReportRecords, type Database } from '../store/index.js';
import type { AssessConfig } from '../assess/index.js';
import {
  CHROMIUM_PATH, PdfPrinter, buildReport, renderCharts, renderReportDocx, reportHtml, writeReportXlsx, type Outline, type ReportDocument, type ReportInput,
} from '../report/index.js';
import { assessmentFor } from './assessment-runs.js';

export const REPORT_FORMATS = ['html', 'pdf', 'xlsx', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const isReportFormat = (f: string): f is ReportFormat => (REPORT_FORMATS as readonly string[]).includes(f);

export interface WrittenReport {
  readonly lang: Lang;
  readonly format: ReportFormat;
  readonly file: string;
  readonly ms: number;
}

/** Names of every region code the report mentions. */
function placeNames(codes: Iterable<string | undefined>): Record<string, Text> {
  const out: Record<string, Text> = {};
  for (const code of codes) {
    if (code === undefined || out[code]) continue;
    const r = regionByCode(code);
    if (r) out[code] = r.short;
  }
  return out;
}

export function reportDate(): string {
  return process.env.CHAINATLAS_REPORT_DATE ?? new Date().toISOString().slice(0, 10);
}

/** load → assess: everything a report of `region` is built from. */
export async function reportInputFor(
  db: Database, framework: Framework, region: Region,
  options: { config: AssessConfig; benchmark?: string; proximity?: string; caseLimit?: number; date?: string },
): Promise<ReportInput> {
  const { config } = options;
  const { input, assessment, region: focus } = await assessmentFor(db, framework, region, {
    config, ...(options.benchmark ? { benchmark: options.benchmark } : {}), ...(options.proximity ? { proximity: options.proximity } : {}),
  });
  const records = await loadReportRecords(db, { region: region.code, level: focus.level, caseLimit: options.caseLimit ?? 500 });
  const codes: (string | undefined)[] = [NATION_CODE, ...assessment.universe.regions.map((r) => r.code)];
  for (const e of input.enterprises) codes.push(e.province, e.city, e.region);
  for (const c of records.cases) {
    codes.push(c.case.customerProvince, c.case.customerCity);
    for (const k of c.components) codes.push(k.supplierProvince, k.supplierCity);
  }
  for (const o of input.observations) codes.push(o.region);
  return {
    assessment, region: focus, enterprises: input.enterprises, observations: input.observations,
    cases: records.cases, caseTotal: records.caseTotal, sources: records.sources, places: placeNames(codes), date: options.date ?? reportDate(),
  };
}

export function reportFileName(doc: Pick<ReportDocument, 'region' | 'outline' | 'lang'>, format: ReportFormat): string {
  return `chainatlas-report-${doc.region.code}${doc.outline === 'default' ? '' : `-${doc.outline}`}-${doc.lang}.${format}`;
}

/** build → render: the documents of `langs` in `formats`, written to `outDir`. */
export async function writeReports(
  input: ReportInput, options: { langs: readonly Lang[]; formats: readonly ReportFormat[]; outDir: string; outline: Outline },
): Promise<WrittenReport[]> {
  mkdirSync(options.outDir, { recursive: true });
  const written: WrittenReport[] = [];
  // Chromium prints the PDF and, when it is there, draws the DOCX's fallback PNGs too.
  const printer = options.formats.includes('pdf') || (options.formats.includes('docx') && existsSync(CHROMIUM_PATH)) ? new PdfPrinter() : undefined;
  try {
    for (const lang of options.langs) {
      let started = performance.now();
      const doc = buildReport(input, { lang, outline: options.outline });
      const charts = options.formats.some((f) => f !== 'xlsx') ? await renderCharts(doc) : new Map();
      const shared = performance.now() - started;
      for (const format of options.formats) {
        started = performance.now();
        const file = join(options.outDir, reportFileName(doc, format));
        switch (format) {
          case 'html': writeFileSync(file, reportHtml(doc, charts)); break;
          case 'pdf': await (printer as PdfPrinter).print(doc, charts, file); break;
          case 'xlsx': await writeReportXlsx(doc, file); break;
          case 'docx': writeFileSync(file, await renderReportDocx(doc, charts, printer ? await printer.chartPngs(charts) : undefined)); break;
        }
        // The model and charts are shared: their time goes to the first format.
        written.push({ lang, format, file, ms: performance.now() - started + (written.filter((w) => w.lang === lang).length === 0 ? shared : 0) });
      }
    }
  } finally {
    await printer?.close();
  }
  return written;
}
