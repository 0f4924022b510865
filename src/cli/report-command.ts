/**
 * `chainatlas report`: the report job (its phases are in
 * src/server/report-files.ts, shared with the HTTP API) with the flags of the
 * command line: region, formats, languages, outline and the output folder.
 */
import type { Framework, Lang, Region } from '../model/index.js';
import { AppError, isLang } from '../model/index.js';
import type { Database } from '../store/index.js';
import { Outline, isOutline, type ReportInput } from '../report/index.js';
import {
  REPORT_FORMATS, isReportFormat, reportDate, reportFileName, reportInputFor, writeReports, type ReportFormat, type WrittenReport,
} from '../server/index.js';
import { assessConfig } from './assess-commands.js';
import type { Output } from './output.js';
import { resolveOrFail } from './read-commands.js';

export { REPORT_FORMATS, reportDate, reportFileName, writeReports };
export type { ReportFormat, WrittenReport };

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

const listOf = (text: string | undefined, fallback: string) => (text ?? fallback).split(/[,，\s]+/).map((t) => t.trim().toLowerCase()).filter(Boolean);

export function parseFormats(text: string | undefined): ReportFormat[] {
  const formats = listOf(text, 'html');
  const bad = formats.filter((f) => !isReportFormat(f));
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

/** load → assess, with the weights file named on the command line (its warnings as notes). */
export async function loadReportInput(
  db: Database, framework: Framework, region: Region,
  options: { config?: string; benchmark?: string; proximity?: string; caseLimit?: number; date?: string }, out: Output,
): Promise<ReportInput> {
  const { config, ...rest } = options;
  return reportInputFor(db, framework, region, { ...rest, config: assessConfig(config, out) });
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

