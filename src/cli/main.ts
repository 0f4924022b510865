#!/usr/bin/env node
/**
 * `chainatlas`: the command line. Wires flags to the modules below and maps
 * failures to one clear line and a non-zero exit code; it is the only code
 * that prints to a terminal.
 */
import { Command, CommanderError } from 'commander';
import { existsSync } from 'node:fs';
import { AppError, formatIssue, pick, type Lang } from '../model/index.js';
import { readFrameworkFile } from '../ingest/index.js';
import { databaseFile, framework, frameworkFile, language, openDatabase, output, type GlobalOptions } from './context.js';
import { runImport, runInit, type ImportCommandOptions } from './import-command.js';
import { runClassifyEnterprises, type ClassifyCommandOptions } from './classify-command.js';
import { runOverview } from './overview-command.js';
import {
  resolveOrFail, runCaseShow, runCasesList, runEnterpriseShow, runEnterprisesList, runImportsList, runObservationsList, type ListOptions,
} from './read-commands.js';
import { createOutput, table } from './output.js';
import { regionByCode } from '../regions/index.js';

const program = new Command('chainatlas')
  .description('ChainAtlas — industry-chain supply-capability mapping / 产业链供给能力图谱')
  .option('--db <file>', 'database file (env CHAINATLAS_DB)', undefined)
  .option('--framework <file>', 'chain framework file (env CHAINATLAS_FRAMEWORK)')
  .option('--lang <lang>', 'zh | en (env CHAINATLAS_LANG)')
  .option('--json', 'print JSON')
  .showHelpAfterError()
  .exitOverride();

const globals = (): GlobalOptions => program.opts<GlobalOptions>();
let exitCode = 0;

/** Runs a command body with the database open, closing it afterwards. */
async function withDatabase(body: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<number | void>): Promise<void> {
  const out = output(globals());
  const db = await openDatabase(globals(), out);
  try {
    exitCode = (await body(db)) ?? 0;
  } finally {
    db.close();
  }
}

program
  .command('init')
  .description('create the database and load the default Jiangxi dataset / 创建数据库并载入默认数据集')
  .option('--empty', 'create the database only, without data')
  .action(async (options: { empty?: boolean }) => {
    exitCode = await runInit(databaseFile(globals()), framework(globals()), options, output(globals()));
  });

program
  .command('import')
  .description('import enterprises, offerings, cases, components, observations from XLSX/CSV/JSON / 导入数据')
  .argument('<files...>')
  .option('--partial', 'import the valid rows and write rejected rows with reasons to a file')
  .option('--rejects <file>', 'where rejected rows go with --partial (<base>.<entity>.csv)', 'rejects.csv')
  .option('--entity <entity>', 'enterprises | offerings | cases | components | observations')
  .option('--sheet <name>', 'XLSX: import only this sheet')
  .action(async (files: string[], options: ImportCommandOptions) => {
    const fw = framework(globals());
    await withDatabase((db) => runImport(db, fw, files, options, output(globals())));
  });

program
  .command('classify-enterprises')
  .description('classify a large enterprise file into chain links, on all cores / 将企业名录按文本归入产业链环节')
  .requiredOption('--input <file>', 'enterprise file: CSV (UTF-8 or GB18030), XLSX or JSON')
  // Required until the database sink is wired: runClassifyEnterprises then takes it as its `sink` when --out is absent.
  .requiredOption('--out <file>', 'where the links go: <file>.csv (for Excel) or <file>.parquet')
  .option('--threads <n>', 'worker threads (default: one per core)')
  .option('--sheet <name>', 'XLSX: only this sheet')
  .action(async (options: ClassifyCommandOptions) => {
    exitCode = await runClassifyEnterprises(framework(globals()), options, output(globals()));
  });

program
  .command('imports')
  .description('list past imports with file hashes and counts / 导入记录')
  .action(async () => withDatabase((db) => runImportsList(db, output(globals()))));

program
  .command('overview')
  .description("a region's supply against the nation, link by link / 地区供给概览")
  .option('--region <region>', 'province or city', '江西')
  .action(async (options: { region: string }) => {
    const fw = framework(globals());
    const region = resolveOrFail(options.region);
    await withDatabase((db) => runOverview(db, fw, region, output(globals())));
  });

program
  .command('start')
  .description('the main job: load the default dataset if there is no database yet, then print the overview / 主流程')
  .option('--region <region>', 'province or city', '江西')
  .action(async (options: { region: string }) => {
    const fw = framework(globals());
    const region = resolveOrFail(options.region);
    const file = databaseFile(globals());
    if (!existsSync(file)) {
      const code = await runInit(file, fw, {}, createOutput({ json: false, lang: language(globals()), stdout: process.stderr }));
      if (code !== 0) return void (exitCode = code);
    }
    await withDatabase((db) => runOverview(db, fw, region, output(globals())));
  });

const frameworkCommand = program.command('framework').description('the chain framework / 产业链框架');
frameworkCommand
  .command('show')
  .description('print the segments and links')
  .action(() => {
    const fw = framework(globals());
    const out = output(globals());
    out.result(fw, () => {
      const lang = out.lang;
      return `${pick(fw.name, lang)} (${fw.id} ${fw.version})\n` + fw.segments.map((s) =>
        `\n■ ${pick(s.name, lang)} (${s.id})\n` + table(lang === 'zh' ? ['编号', '名称', '位置', '关键词数'] : ['id', 'name', 'position', 'keywords'],
          fw.links.filter((l) => l.segment === s.id).map((l) => [l.id, pick(l.name, lang), l.position, l.keywords.length]))).join('\n');
    });
  });
frameworkCommand
  .command('validate')
  .description('check a framework file and list every problem')
  .argument('[file]', 'framework file (default: the one in use)')
  .action((file: string | undefined) => {
    const path = file ?? frameworkFile(globals());
    const out = output(globals());
    const result = readFrameworkFile(path);
    out.result({ file: path, valid: result.issues.length === 0, issues: result.issues }, () =>
      result.issues.length === 0
        ? (out.lang === 'zh' ? `${path}：有效（${result.value?.links.length} 个环节）` : `${path}: valid (${result.value?.links.length} links)`)
        : result.issues.map((i) => formatIssue(i, out.lang)).join('\n'));
    if (result.issues.length > 0) exitCode = 1;
  });

const regionsCommand = program.command('regions').description('regions / 地区');
regionsCommand
  .command('resolve')
  .description('turn what you type into a region code (江西, Jiangxi, 36, 南昌, 360100 …)')
  .argument('<text...>')
  .action((words: string[]) => {
    const out = output(globals());
    const r = resolveOrFail(words.join(' '));
    const parent = r.parent ? regionByCode(r.parent) : undefined;
    out.result(r, () => table(out.lang === 'zh' ? ['代码', '级别', '名称', 'English', '上级', '区域'] : ['code', 'level', '名称', 'English', 'parent', 'group'],
      [[r.code, r.level, r.name.zh, r.name.en, parent ? pick(parent.short, out.lang) : '—', r.group ?? '—']]));
  });

function listCommand(name: string, description: string, extra: (c: Command) => Command, run: (options: ListOptions) => Promise<void>, show?: (id: string) => Promise<void>) {
  const group = program.command(name).description(description);
  extra(group.command('list').description(`list ${name} with filters`)
    .option('--region <region>', 'province or city')
    .option('--link <link>', 'link id or name')
    .option('--search <text>', 'text in names / titles')
    .option('--limit <n>', 'rows to show')
    .option('--offset <n>', 'rows to skip'))
    .action(async (options: ListOptions) => run(options));
  if (show) group.command('show').argument('<id>').description(`show one of the ${name}`).action(async (id: string) => show(id));
}

listCommand('enterprises', 'enterprises / 企业', (c) => c.option('--segment <segment>', 'segment id').option('--kind <kind>', 'enterprise kind').option('--leader', 'leaders only'),
  async (o) => { const fw = framework(globals()); await withDatabase((db) => runEnterprisesList(db, fw, o, output(globals()))); },
  async (id) => { const fw = framework(globals()); await withDatabase((db) => runEnterpriseShow(db, fw, id, output(globals()))); });
listCommand('cases', 'cases / 案例', (c) => c.option('--year <year>', 'year'),
  async (o) => { const fw = framework(globals()); await withDatabase((db) => runCasesList(db, fw, o, output(globals()))); },
  async (id) => { const fw = framework(globals()); await withDatabase((db) => runCaseShow(db, fw, id, output(globals()))); });
listCommand('observations', 'sourced figures / 指标观测', (c) => c.option('--indicator <key>', 'indicator key or prefix'),
  async (o) => { await withDatabase((db) => runObservationsList(db, o, output(globals()))); });

function fail(message: string): void {
  process.stderr.write(`chainatlas: ${message}\n`);
}

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    let lang: Lang = 'en';
    try { lang = language(globals()); } catch { /* keep English */ }
    if (error instanceof CommanderError) {
      exitCode = error.exitCode === 0 ? 0 : 2;
    } else if (error instanceof AppError) {
      fail(error.text(lang));
      for (const item of error.issues.slice(0, 50)) process.stderr.write(`  ${formatIssue(item, lang)}\n`);
      exitCode = 1;
    } else {
      fail((error as Error).stack ?? String(error));
      exitCode = 70;
    }
  }
  process.exitCode = exitCode;
}

await main();
