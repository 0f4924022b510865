/** `init` and `import`: loading the default dataset or the user's files, with progress and a report. */
import { existsSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { EntityKind, Framework } from '../model/index.js';
import { ENTITY_ORDER, isEntityKind, AppError } from '../model/index.js';
import { importFiles, readDatasetManifest, type ImportReport } from '../ingest/index.js';
import { Database, tableCounts } from '../store/index.js';
import type { Output } from './output.js';
import { table } from './output.js';
import { decider } from './review-commands.js';

export interface ImportCommandOptions {
  partial?: boolean;
  rejects?: string;
  entity?: string;
  sheet?: string;
}

function progressBar(out: Output) {
  if (!process.stderr.isTTY || out.json) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: ' {file} |{bar}| {value} rows · {duration_formatted}', stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: ({ file, rows }: { file: string; rows: number }) => {
      if (!started) {
        bar.start(0, 0, { file });
        started = true;
      }
      bar.setTotal(rows);
      bar.update(rows, { file });
    },
    stop: () => started && bar.stop(),
  };
}

function countsLine(counts: Record<EntityKind, number>, out: Output): string {
  const zh = { enterprises: '企业', offerings: '供给', cases: '案例', components: '构成', observations: '指标' } as const;
  return ENTITY_ORDER.filter((e) => counts[e] > 0).map((e) => `${out.lang === 'zh' ? zh[e] : e} ${counts[e]}`).join(', ');
}

/** Prints what an import did; returns the process exit code. */
export function reportImport(report: ImportReport, out: Output): number {
  const zh = out.lang === 'zh';
  const accepted = countsLine(report.accepted, out);
  out.result(report, () => {
    if (!report.committed) return zh ? '未导入任何数据。' : 'Nothing was imported.';
    return zh ? `已导入（批次 ${report.importId}）：${accepted || '无'}` : `Imported (import ${report.importId}): ${accepted || 'nothing'}`;
  });
  if (report.issues.length > 0) {
    out.note(zh
      ? `${report.rejectedRows} 行被拒绝，共 ${report.issues.length} 个问题${report.committed ? '' : '；数据库未改动'}：`
      : `${report.rejectedRows} row(s) rejected, ${report.issues.length} problem(s)${report.committed ? '' : '; the database is unchanged'}:`);
    out.issues(report.issues);
    for (const file of report.rejectsFiles ?? []) out.note(zh ? `被拒绝的行及原因已写入 ${file}` : `Rejected rows and reasons written to ${file}`);
  }
  return report.committed ? 0 : 1;
}

export async function runImport(db: Database, framework: Framework, files: readonly string[], options: ImportCommandOptions, out: Output): Promise<number> {
  if (options.entity !== undefined && !isEntityKind(options.entity)) {
    throw new AppError('cli.bad_option', { option: '--entity', reason: ENTITY_ORDER.join(', ') });
  }
  const bar = progressBar(out);
  try {
    const report = await importFiles(db, files, {
      framework,
      partial: options.partial === true,
      rejectsFile: options.rejects ?? 'rejects.csv',
      ...(options.entity ? { entity: options.entity as EntityKind } : {}),
      ...(options.sheet ? { sheet: options.sheet } : {}),
      onProgress: bar.update,
      actor: { name: `cli:${decider(undefined)}` },
    });
    bar.stop();
    return reportImport(report, out);
  } finally {
    bar.stop();
  }
}

/** Creates the database and loads the default dataset (idempotent: loading it again changes nothing). */
export async function runInit(dbFile: string, framework: Framework, options: { empty?: boolean }, out: Output): Promise<number> {
  const existed = existsSync(dbFile);
  const { db } = await Database.open(dbFile);
  try {
    const zh = out.lang === 'zh';
    if (options.empty) {
      out.result({ database: dbFile, created: !existed }, () => (zh ? `已创建空数据库 ${dbFile}` : `Created an empty database at ${dbFile}`));
      return 0;
    }
    const manifest = readDatasetManifest();
    const report = await importFiles(db, manifest.files, { framework });
    if (!report.committed) {
      out.issues(report.issues);
      return 1;
    }
    const counts = await tableCounts(db);
    out.result({ database: dbFile, dataset: manifest.id, importId: report.importId, counts }, () =>
      (zh ? `数据库 ${dbFile} 已载入默认数据集「${manifest.name.zh}」\n` : `Loaded the default dataset "${manifest.name.en}" into ${dbFile}\n`) +
      table(zh ? ['表', '记录数'] : ['table', 'records'], Object.entries(counts)));
    return 0;
  } finally {
    db.close();
  }
}
