#!/usr/bin/env node
/**
 * `chainatlas`: the command line. Wires flags to the modules below and maps
 * failures to one clear line and a non-zero exit code; it is the only code
 * that prints to a terminal.
 */
import { Command, CommanderError } from 'commander';
import { existsSync } from 'node:fs';
import { AppError, formatIssue, pick, type Lang } from '../model/index.js';
import { readFrameworkFile, registryMentionFinder } from '../ingest/index.js';
import { databaseFile, framework, frameworkFile, language, openDatabase, output, type GlobalOptions } from './context.js';
import { runImport, runInit, type ImportCommandOptions } from './import-command.js';
import {
  runClassifyEnterprises, runClassifyFileIntoDatabase, runClassifyStoredEnterprises, type ClassifyCommandOptions,
} from './classify-command.js';
import { runOverview } from './overview-command.js';
import { runAssess, runCompare, runRank, runTargets, type AssessOptions, type CompareOptions, type RankOptions, type TargetsOptions } from './assess-commands.js';
import {
  resolveOrFail, runCaseShow, runCasesList, runEnterpriseShow, runEnterprisesList, runImportsList, runObservationsList, type ListOptions,
} from './read-commands.js';
import { createOutput, table } from './output.js';
import { runReport, type ReportOptions } from './report-command.js';
import { runServe, type ServeOptions } from './serve-command.js';
import { runUsersAdd, runUsersChange, runUsersList } from './users-command.js';
import { runEval, runTrain, type EvalCommandOptions, type TrainCommandOptions } from './eval-command.js';
import { regionByCode } from '../regions/index.js';
import { classifier } from './context.js';
import {
  runDecision, runDecompose, runMerge, runReviewQueue, runSupplierDecision, runSupplierQueue, type DecisionOptions,
} from './review-commands.js';

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
  .description('derive offerings from enterprise texts: a file to CSV/Parquet on all cores, a file into the database, or the stored enterprises / 企业归入产业链环节')
  .option('--input <file>', 'enterprise file: CSV (UTF-8 or GB18030), XLSX or JSON (default: the stored enterprises)')
  .option('--out <file>', 'with --input: write the links to <file>.csv (for Excel) or <file>.parquet instead of the database')
  .option('--threads <n>', 'worker threads (default: one per core)')
  .option('--sheet <name>', 'XLSX: only this sheet')
  .option('--no-model', 'the lexicon alone, without the learned model (stored enterprises)')
  .action(async (options: ClassifyCommandOptions & { model?: boolean }) => {
    const fw = framework(globals());
    if (options.input !== undefined && options.out !== undefined) {
      exitCode = await runClassifyEnterprises(fw, options, output(globals()));
    } else if (options.input !== undefined) {
      await withDatabase((db) => runClassifyFileIntoDatabase(db, fw, options, output(globals())));
    } else {
      await withDatabase((db) => runClassifyStoredEnterprises(db, fw, options.model !== false, output(globals())));
    }
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
  .description('the main job: load the default dataset if there is no database yet, then serve the web app and API / 主流程：准备数据库并启动网页应用')
  .option('--port <n>', 'port (default 5173)')
  .option('--host <host>', 'address to bind (default 127.0.0.1)')
  .option('--config <file>', 'weights and cut points (default data/assess/weights.json)')
  .action(async (options: ServeOptions) => {
    const fw = framework(globals());
    const file = databaseFile(globals());
    if (!existsSync(file)) {
      const code = await runInit(file, fw, {}, createOutput({ json: false, lang: language(globals()), stdout: process.stderr }));
      if (code !== 0) return void (exitCode = code);
    }
    await withDatabase((db) => runServe(db, fw, { ...options, openWhenNoUsers: true }, output(globals())));
  });

program
  .command('eval')
  .description('measure the classifier on a label file (id,text,links) / 评测分类器')
  .argument('<labels>', 'CSV label file: id,text,links (links joined by |)')
  .option('--model <file>', 'classifier model file (default: the shipped model for the default framework)')
  .option('--no-model', 'the lexicon alone, without the learned layer')
  .action(async (file: string, options: EvalCommandOptions) => {
    exitCode = await runEval(framework(globals()), file, options, output(globals()));
  });

program
  .command('train')
  .description('train the classifier\'s learned layer from label files / 训练分类模型')
  .argument('<labels...>', 'CSV label files: id,text,links')
  .requiredOption('-o, --output <file>', 'model file to write')
  .option('--dataset <dir...>', 'also learn from the enterprises and cases of dataset folders')
  .action(async (files: string[], options: TrainCommandOptions) => {
    exitCode = await runTrain(framework(globals()), files, options, output(globals()));
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
program.commands.find((c) => c.name() === 'enterprises')
  ?.command('merge')
  .description('merge two records of one firm: <from> goes into <into>, its id stays as an alias')
  .argument('<from>')
  .argument('<into>')
  .option('--by <name>', 'who decides (env CHAINATLAS_USER)')
  .action(async (from: string, into: string, options: { by?: string }) => withDatabase((db) => runMerge(db, from, into, options, output(globals()))));
listCommand('cases', 'cases / 案例', (c) => c.option('--year <year>', 'year'),
  async (o) => { const fw = framework(globals()); await withDatabase((db) => runCasesList(db, fw, o, output(globals()))); },
  async (id) => { const fw = framework(globals()); await withDatabase((db) => runCaseShow(db, fw, id, output(globals()))); });
listCommand('observations', 'sourced figures / 指标观测', (c) => c.option('--indicator <key>', 'indicator key or prefix'),
  async (o) => { await withDatabase((db) => runObservationsList(db, o, output(globals()))); });

program
  .command('decompose')
  .description('break cases down into components on chain links with suppliers / 案例方案拆解')
  .option('--case <id...>', 'case id(s)')
  .option('--all', 'every case')
  .option('--no-model', 'the lexicon alone, without the learned model')
  .action(async (options: { case?: string[]; all?: boolean; model?: boolean }) => {
    const fw = framework(globals());
    const classify = classifier(fw, options.model !== false);
    await withDatabase((db) => runDecompose(db, classify, registryMentionFinder, options, output(globals())));
  });

const reviewCommand = program.command('review').description('review classified assignments and supplier matches / 复核');
reviewCommand
  .command('queue')
  .description('uncertain assignments, most consequential first')
  .option('--kind <kind>', 'offering | component')
  .option('--limit <n>', 'rows to show', '50')
  .action(async (options: { kind?: string; limit?: string }) => withDatabase((db) => runReviewQueue(db, options, output(globals()))));
for (const action of ['accept', 'reject', 'add'] as const) {
  reviewCommand
    .command(action)
    .description(`${action} a link for a case (component) or an enterprise (offering)`)
    .option('--case <id>', 'case id')
    .option('--enterprise <id>', 'enterprise id')
    .requiredOption('--link <link>', 'link id or name')
    .option('--supplier <id>', 'supplier enterprise id (or a raw name) of a component')
    .option('--by <name>', 'who decides (env CHAINATLAS_USER)')
    .option('--note <text>', 'why')
    .action(async (options: DecisionOptions) => {
      const fw = framework(globals());
      await withDatabase((db) => runDecision(db, fw, action, options, output(globals())));
    });
}
reviewCommand
  .command('suppliers')
  .description('supplier names found in cases that wait for an analyst (potential or unmatched)')
  .option('--all', 'every match, decided ones included')
  .action(async (options: { all?: boolean }) => withDatabase((db) => runSupplierQueue(db, options, output(globals()))));
reviewCommand
  .command('match')
  .description('confirm a supplier name in a case as an enterprise, or reject the match')
  .requiredOption('--case <id>', 'case id')
  .requiredOption('--mention <name>', 'the name as found in the case')
  .option('--enterprise <id>', 'the enterprise it is')
  .option('--reject', 'it is not a known enterprise')
  .option('--by <name>', 'who decides (env CHAINATLAS_USER)')
  .action(async (options: { case: string; mention: string; enterprise?: string; reject?: boolean; by?: string }) =>
    withDatabase((db) => runSupplierDecision(db, options, output(globals()))));

// ── assess ────────────────────────────────────────────────────
const assessShared = (c: Command) => c
  .option('--benchmark <peers>', 'specialisation against: nation (default), an NBS group (central, 中部 …) or regions (湖北,湖南)')
  .option('--proximity <kind>', 'relatedness from colocation (default), cases or offerings')
  .option('--config <file>', 'weights and cut points (default data/assess/weights.json)');

assessShared(program
  .command('assess')
  .description("a region's supply capability: scores, tiers, ranks, relatedness and recommendations / 供给能力评估")
  .option('--region <region>', 'province or city', '江西')
  .option('--level <level>', 'link (default) or segment')
  .option('--assume <assumption...>', 'scenario: attract:ENTERPRISE[@REGION], offer:ENTERPRISE:LINK[,LINK], new:REGION:LINK[,LINK][:leader]')
  .option('--csv [file]', 'CSV to a file (or stdout)')
  .option('--xlsx [file]', 'XLSX workbook (default chainatlas-assess-<code>.xlsx)')
  .option('--all', 'every recommendation, not only the top ones'))
  .action(async (options: AssessOptions) => {
    const fw = framework(globals());
    await withDatabase((db) => runAssess(db, fw, options, output(globals())));
  });

assessShared(program
  .command('compare')
  .description('regions × links matrix of a metric / 多地区对比')
  .requiredOption('--regions <regions>', 'regions separated by commas: 江西,湖北,湖南')
  .option('--metric <metric>', 'score (default), suppliers, share, rca, leaders, demand, localSupply, delivered, density')
  .option('--level <level>', 'link (default) or segment')
  .option('--csv [file]', 'CSV to a file (or stdout)')
  .option('--xlsx [file]', 'XLSX workbook'))
  .action(async (options: CompareOptions) => {
    const fw = framework(globals());
    await withDatabase((db) => runCompare(db, fw, options, output(globals())));
  });

assessShared(program
  .command('targets')
  .description('outside suppliers to attract for a link, ranked with reasons / 招商引资目标')
  .option('--region <region>', 'province or city', '江西')
  .requiredOption('--link <link>', 'link id or name')
  .option('--limit <n>', 'how many'))
  .action(async (options: TargetsOptions) => {
    const fw = framework(globals());
    await withDatabase((db) => runTargets(db, fw, options, output(globals())));
  });

assessShared(program
  .command('rank')
  .description('every region ranked on a metric or an observation indicator / 排名')
  .requiredOption('--indicator <key>', 'a metric (score, suppliers, …, completeness) or an observation indicator (ident.secondary_nodes …)')
  .option('--link <link>', 'link of a metric')
  .option('--segment <segment>', 'segment of a metric')
  .option('--region <region>', 'region to mark')
  .option('--geo <level>', 'province (default) or city'))
  .action(async (options: RankOptions) => {
    const fw = framework(globals());
    await withDatabase((db) => runRank(db, fw, options, output(globals())));
  });

// ── report ────────────────────────────────────────────────────
assessShared(program
  .command('report')
  .description("the supply-capability report as HTML, PDF, XLSX and DOCX, with charts / 供给能力分析报告")
  .option('--region <region>', 'province or city', '江西')
  .option('--format <formats>', 'html, pdf, xlsx, docx (comma-separated)', 'html')
  .option('--out <dir>', 'folder to write to', 'out')
  .option('--outline <outline>', 'default (the published analysis) or chain-leader (four maps, five lists)', 'default')
  .option('--case-limit <n>', 'cases loaded for the appendix and lists (default 500)'))
  .action(async (options: ReportOptions) => {
    const fw = framework(globals());
    await withDatabase((db) => runReport(db, fw, options, globals().lang, output(globals())));
  });

// ── serve ─────────────────────────────────────────────────────
program
  .command('serve')
  .description('the HTTP API on a port (JSON; OpenAPI at /api/openapi.json) / 启动接口服务')
  .option('--port <n>', 'port (default 5173)')
  .option('--host <host>', 'address to bind (default 127.0.0.1)')
  .option('--config <file>', 'weights and cut points (default data/assess/weights.json)')
  .option('--no-auth', 'no sign-in: every request is a local admin (loopback addresses only)')
  .action(async (options: ServeOptions) => {
    const fw = framework(globals());
    await withDatabase((db) => runServe(db, fw, options, output(globals())));
  });

// ── users ─────────────────────────────────────────────────────
const usersCommand = program.command('users').description('local accounts of the web app / 用户');
usersCommand
  .command('add')
  .description('create a user (the first admin too); the password is prompted for, or read from stdin')
  .argument('<username>')
  .requiredOption('--role <role>', 'admin | analyst | viewer')
  .option('--display-name <name>', 'the name shown in the app')
  .option('--password-stdin', 'read the password from standard input (one line)')
  .action(async (username: string, options: { role: string; displayName?: string; passwordStdin?: boolean }) => {
    await withDatabase((db) => runUsersAdd(db, username, options, output(globals())));
  });
usersCommand.command('list').description('every user').action(async () => {
  await withDatabase((db) => runUsersList(db, output(globals())));
});
usersCommand
  .command('passwd')
  .description("set a user's password (ends the user's sessions)")
  .argument('<username>')
  .option('--password-stdin', 'read the password from standard input (one line)')
  .action(async (username: string, options: { passwordStdin?: boolean }) => {
    await withDatabase((db) => runUsersChange(db, username, 'passwd', options, output(globals())));
  });
for (const change of ['disable', 'enable'] as const) {
  usersCommand.command(change).description(change === 'disable' ? 'stop a user from signing in (ends the sessions)' : 'let a disabled user sign in again')
    .argument('<username>')
    .action(async (username: string) => {
      await withDatabase((db) => runUsersChange(db, username, change, {}, output(globals())));
    });
}

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
