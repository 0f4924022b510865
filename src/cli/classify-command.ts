/**
 * `classify-enterprises`, three ways:
 * - `--input F --out O`: a large enterprise file into chain links, on all cores,
 *   to a CSV for Excel or Parquet;
 * - `--input F`: the same, written to the database as classified offerings of
 *   the firms it holds (review layer: decisions stay);
 * - neither: every stored enterprise's description (classifyStoredEnterprises).
 * A progress bar on stderr and a summary either way.
 */
import cliProgress from 'cli-progress';
import type { Framework } from '../model/index.js';
import { AppError } from '../model/index.js';
import {
  classifyFile, classifyStoredEnterprises, databaseSink, fileSink, loadClassifier, readIndustryLinks, type ClassificationSink,
  type ClassifyFileProgress, type ClassifyFileReport,
} from '../ingest/index.js';
import type { Database } from '../store/index.js';
import type { Output } from './output.js';

export interface ClassifyCommandOptions {
  input?: string;
  out?: string;
  threads?: string;
  sheet?: string;
}

const MAX_THREADS = 256;

function parseThreads(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const threads = Number(text);
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new AppError('cli.bad_option', { option: '--threads', reason: `1–${MAX_THREADS}, got ${text}` });
  }
  return threads;
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** Progress over the file's bytes, with rows, rate and ETA; nothing when stderr is no terminal or output is JSON. */
function progressBar(out: Output) {
  if (!process.stderr.isTTY || out.json) return { update: (_: ClassifyFileProgress) => {}, stop: () => {} };
  const zh = out.lang === 'zh';
  const bar = new cliProgress.SingleBar(
    {
      format: zh
        ? ' {file} |{bar}| {percentage}% · {rows} 行 · {rate} 行/秒 · 剩余 {eta}'
        : ' {file} |{bar}| {percentage}% · {rows} rows · {rate} rows/s · ETA {eta}',
      stream: process.stderr, hideCursor: true, fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (p: ClassifyFileProgress) => {
      const payload = {
        file: p.file, rows: p.rows.toLocaleString('en-US'), rate: Math.round(p.rowsPerSecond).toLocaleString('en-US'),
        eta: p.etaSeconds === undefined ? '—' : formatSeconds(p.etaSeconds),
      };
      if (!started) {
        bar.start(Math.max(1, p.totalBytes), 0, payload);
        started = true;
      }
      bar.update(Math.min(p.bytes, p.totalBytes), payload);
    },
    stop: () => started && bar.stop(),
  };
}

function summary(report: ClassifyFileReport, destination: string | undefined, out: Output): string {
  const seconds = report.ms / 1000;
  const rate = Math.round(report.rows / Math.max(seconds, 0.001)).toLocaleString('en-US');
  const n = (x: number) => x.toLocaleString('en-US');
  if (out.lang === 'zh') {
    return `已分类 ${report.file} 的 ${n(report.rows)} 行（${seconds.toFixed(1)} 秒，${rate} 行/秒，${report.threads} 个线程）：` +
      `${n(report.withLinks)} 家企业归入环节，${n(report.withoutLinks)} 家未归入（其中文本为空 ${n(report.emptyTexts)} 家）；` +
      `共 ${n(report.offerings)} 条环节记录${destination ? `，已写入 ${destination}` : ''}`;
  }
  return `Classified ${n(report.rows)} rows of ${report.file} in ${seconds.toFixed(1)} s (${rate} rows/s, ${report.threads} threads): ` +
    `${n(report.withLinks)} firms placed on links, ${n(report.withoutLinks)} on none (${n(report.emptyTexts)} with an empty text); ` +
    `${n(report.offerings)} link rows${destination ? ` written to ${destination}` : ''}`;
}

/**
 * Runs the command; returns the exit code. Without `--out` the rows go to `sink`
 * (the caller's, e.g. the database); with neither, that is a usage error.
 */
export async function runClassifyEnterprises(framework: Framework, options: ClassifyCommandOptions, out: Output, sink?: ClassificationSink): Promise<number> {
  const threads = parseThreads(options.threads);
  let target = sink;
  if (options.out !== undefined) {
    target = fileSink(options.out);
    if (!target) throw new AppError('classify_file.bad_output', { file: options.out });
  }
  if (!target) throw new AppError('classify_file.out_required', {});
  if (options.input === undefined) throw new AppError('cli.bad_option', { option: '--input', reason: 'a file to classify' });
  const bar = progressBar(out);
  let report: ClassifyFileReport;
  try {
    report = await classifyFile(options.input, {
      framework, sink: target, onProgress: bar.update,
      ...(threads ? { threads } : {}), ...(options.sheet ? { sheet: options.sheet } : {}),
    });
  } finally {
    bar.stop();
  }
  const { issues, ...figures } = report;
  if (!report.completed) {
    out.note(out.lang === 'zh' ? `无法分类 ${report.file}，未写出任何结果：` : `Could not classify ${report.file}; nothing was written:`);
    out.issues(issues);
    return 1;
  }
  out.result({ ...figures, out: options.out ?? null, issues }, () => summary(report, options.out, out));
  if (issues.length > 0) {
    out.note(out.lang === 'zh' ? `读取时发现 ${issues.length} 个问题（已照常分类）：` : `${issues.length} problem(s) found while reading (rows classified as read):`);
    out.issues(issues);
  }
  return 0;
}

/** Without --input: the stored enterprises' descriptions (and industry codes) into classified offerings. */
export async function runClassifyStoredEnterprises(db: Database, framework: Framework, useModel: boolean, out: Output): Promise<number> {
  const { classifier } = loadClassifier(framework, useModel ? {} : { model: false });
  const report = await classifyStoredEnterprises(db, classifier, readIndustryLinks(framework));
  const n = (x: number) => x.toLocaleString('en-US');
  const statuses = Object.entries(report.byStatus).map(([k, v]) => `${k} ${n(v)}`).join(', ') || '—';
  out.result(report, () => out.lang === 'zh'
    ? `已分类数据库中 ${n(report.enterprises)} 家企业（${n(report.withText)} 家有描述文本）：写入 ${n(report.written)} 条自动分类供给（${statuses}；` +
      `${n(report.byIndustry)} 条因行业代码转为待复核），${n(report.keptDecided)} 条保留人工决定。`
    : `Classified ${n(report.enterprises)} stored enterprises (${n(report.withText)} with a description): wrote ${n(report.written)} classified offerings ` +
      `(${statuses}; ${n(report.byIndustry)} lifted to review by their industry code), kept ${n(report.keptDecided)} as people decided them.`);
  return 0;
}

/** --input without --out: the file's rows become classified offerings of the firms the database holds. */
export async function runClassifyFileIntoDatabase(db: Database, framework: Framework, options: ClassifyCommandOptions, out: Output): Promise<number> {
  const { sink, counts } = databaseSink(db);
  const code = await runClassifyEnterprises(framework, options, out, sink);
  if (code === 0) {
    out.note(out.lang === 'zh'
      ? `数据库：写入 ${counts.written} 条，保留人工决定 ${counts.keptDecided} 条，${counts.unknownEnterprise} 条所属企业不在数据库中（请先导入这些企业）。`
      : `Database: wrote ${counts.written}, kept ${counts.keptDecided} as decided, ${counts.unknownEnterprise} for firms the database does not hold (import them first).`);
  }
  return code;
}
