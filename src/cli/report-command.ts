/**
 * `chainatlas report`: the report job, as named phases —
 *
 *   load ──── the assessment counts and profiles, the region's cases with components,
 *   │         observations and sources (src/store)
 *   assess ── runAssessment (src/assess)
 *   build ─── the document model, per language (src/report, pure)
 *   render ── charts to SVG once per language, then HTML, PDF (Chromium), XLSX, DOCX
 *   ▼
 *   files in --out: chainatlas-report-<code>[-chain-leader]-<lang>.<ext>
 *
 * The PDF printer (one Chromium) is opened once for all languages and closed at
 * the end. The date printed on the report is today's unless CHAINATLAS_REPORT_DATE
 * sets it (reproducible output).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Framework, Lang, Region, Text } from '../model/index.js';
import { AppError, NATION_CODE, isLang } from '../model/index.js';
import { regionByCode } from '../regions/index.js';
import { loadReportRecords, type Database } from '../store/index.js';
import {
  CHROMIUM_PATH, PdfPrinter, Outline, buildReport, isOutline, renderCharts, renderReportDocx, reportHtml, writeReportXlsx, type ReportDocument, type ReportInput,
} from '../report/index.js';
import { assessmentFor } from '../server/index.js';
import { assessConfig } from './assess-commands.js';
import type { Output } from './output.js';
import { resolveOrFail } from './read-commands.js';

export const REPORT_FORMATS = ['html', 'pdf', 'xlsx', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
const isFormat = (f: string): f is ReportFormat => (REPORT_FORMATS as readonly string[]).includes(f);

export interface ReportOptions {
  region: string;
  format?: string;
  out?: string;
  outline?: string;
  benchmark?: string;
  proximity?: string;
  config?: string;
  caseLimit?: string;
}

export interface WrittenReport {
  readonly lang: Lang;
  readonly format: ReportFormat;
  readonly file: string;
  readonly ms: number;
}

const listOf = (text: string | undefined, fallback: string) => (text ?? fallback).split(/[,，\s]+/).map((t) => t.trim().toLowerCase()).filter(Boolean);

export function parseFormats(text: string | undefined): ReportFormat[] {
  const formats = listOf(text, 'html');
  const bad = formats.filter((f) => !isFormat(f));
  if (bad.length > 0 || formats.length === 0) throw new AppError('cli.bad_option', { option: '--format', reason: `expected ${REPORT_FORMATS.join(', ')} (comma-separated)` });
  return [...new Set(formats)] as ReportFormat[];
}

export function parseLangs(text: string | undefined, fallback: Lang): Lang[] {
  const langs = listOf(text, fallback);
  if (langs.length === 0 || !langs.every(isLang)) throw new AppError('cli.bad_option', { option: '--lang', reason: 'expected zh, en or zh,en' });
  return [...new Set(langs)] as Lang[];
}

function parseOutline(text: string | undefined): Outline {
  const outline = text ?? 'default';
  if (!isOutline(outline)) throw new AppError('cli.bad_option', { option: '--outline', reason: `expected ${Object.keys(Outline).join(' or ')}` });
  return outline;
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
export async function loadReportInput(
  db: Database, framework: Framework, region: Region,
  options: { config?: string; benchmark?: string; proximity?: string; caseLimit?: number; date?: string }, out: Output,
): Promise<ReportInput> {
  const config = assessConfig(options.config, out);
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

export async function runReport(db: Database, framework: Framework, options: ReportOptions, langText: string | undefined, out: Output): Promise<void> {
  const region = resolveOrFail(options.region);
  const formats = parseFormats(options.format);
  const langs = parseLangs(langText, out.lang);
  const outline = parseOutline(options.outline);
  const caseLimit = options.caseLimit !== undefined ? Number(options.caseLimit) : undefined;
  if (caseLimit !== undefined && !(Number.isInteger(caseLimit) && caseLimit >= 0)) throw new AppError('cli.bad_option', { option: '--case-limit', reason: 'a whole number' });
  const input = await loadReportInput(db, framework, region, {
    ...(options.config ? { config: options.config } : {}), ...(options.benchmark ? { benchmark: options.benchmark } : {}),
    ...(options.proximity ? { proximity: options.proximity } : {}), ...(caseLimit !== undefined ? { caseLimit } : {}),
  }, out);
  const written = await writeReports(input, { langs, formats, outDir: options.out ?? 'out', outline });
  out.result({ region: region.code, outline, files: written.map((w) => ({ lang: w.lang, format: w.format, file: w.file, ms: Math.round(w.ms) })) }, () =>
    written.map((w) => `${w.file}  (${w.lang}, ${w.format}, ${Math.round(w.ms)} ms)`).join('\n'));
}

