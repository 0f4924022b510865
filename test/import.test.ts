/**
 * The import, end to end on real files (see fixtures/README.md): workbooks
 * written by exceljs, GB18030 and UTF-8 CSVs, JSON, damaged and hostile files.
 * Every failing import is checked for the exact issues (code, parameters, file,
 * sheet, row as a spreadsheet shows it, column) and for leaving the database
 * exactly as it was (table counts and a hash of every table's content). Also:
 * atomicity across files, partial imports with a rejects file that is fixed and
 * re-imported, idempotent re-imports and upserts, an import killed with SIGKILL,
 * and the command line.
 *
 * Each test works on its own copy of a database holding the default dataset, in
 * its own temporary folder.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { isUtf8 } from 'node:buffer';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { Issue, MessageCode } from '../src/model/index.js';
import { formatIssue, messages } from '../src/model/index.js';
import { importFiles, loadFramework, PROBLEMS_COLUMN, readDatasetManifest, type ImportOptions, type ImportReport } from '../src/ingest/index.js';
import { Database, getEnterprise, listEnterprises, listImports } from '../src/store/index.js';
import {
  BIG_ID_PREFIX, CREDIT_CODES, ENTERPRISE_CSV, ENTERPRISE_SHEET, OFFERING_SHEET, writeBigEnterpriseCsv, writeCsv, writeMixedEncodingCsv,
  writeRandomBytes, writeTruncatedCopy, writeWorkbook, withWrongCheckDigit, type Table,
} from './fixtures/make-fixtures.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const framework = loadFramework();
const ENTITY_TABLES = ['enterprises', 'offerings', 'cases', 'components', 'observations'] as const;
const ALL_TABLES = [...ENTITY_TABLES, 'imports', 'import_rejections', 'meta'] as const;
const NOTHING = { enterprises: 0, offerings: 0, cases: 0, components: 0, observations: 0 };

// ── set-up: one database with the default dataset, copied for each test ──────────────

let scratch = '';
let seedDb = '';
let workspaces = 0;

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'chainatlas-import-test-'));
  seedDb = join(scratch, 'seed.duckdb');
  const { db } = await Database.open(seedDb);
  try {
    const report = await importFiles(db, readDatasetManifest().files, { framework });
    assert.deepEqual(report.issues, []);
  } finally {
    db.close();
  }
  assert.equal(existsSync(`${seedDb}.wal`), false, 'closing the seed database checkpoints it into one file');
});

after(() => rmSync(scratch, { recursive: true, force: true }));

interface Workspace {
  readonly dir: string;
  readonly dbFile: string;
  readonly db: Database;
}

/** A new folder holding a fresh copy of the seeded database as `x.duckdb` (or no database yet). */
function newFolder(options: { empty?: boolean } = {}): { dir: string; dbFile: string } {
  const dir = join(scratch, `w${++workspaces}`);
  mkdirSync(dir);
  const dbFile = join(dir, 'x.duckdb');
  if (!options.empty) copyFileSync(seedDb, dbFile);
  return { dir, dbFile };
}

/** Opens a database file for `body` and closes it afterwards. */
async function withDatabase<T>(dbFile: string, body: (db: Database) => Promise<T>): Promise<T> {
  const { db } = await Database.open(dbFile);
  try {
    return await body(db);
  } finally {
    db.close();
  }
}

/** Runs `body` in a new folder with a fresh copy of the seeded database (or an empty one). */
async function inWorkspace(body: (w: Workspace) => Promise<void>, options: { empty?: boolean } = {}): Promise<void> {
  const { dir, dbFile } = newFolder(options);
  await withDatabase(dbFile, (db) => body({ dir, dbFile, db }));
}

// ── what the database holds ──────────────────────────────────────────────────

interface Snapshot {
  readonly counts: Readonly<Record<string, number>>;
  readonly hash: string;
}

/** Row counts of every table and one hash over all their rows (sorted, so the order rows are stored in does not matter). */
async function snapshot(db: Database, filter: { exceptEnterpriseIdPrefix?: string; importsUpTo?: number } = {}): Promise<Snapshot> {
  const counts: Record<string, number> = {};
  const hash = createHash('sha256');
  for (const table of ALL_TABLES) {
    const where =
      table === 'enterprises' && filter.exceptEnterpriseIdPrefix !== undefined ? `WHERE NOT starts_with(id, '${filter.exceptEnterpriseIdPrefix}')`
        : table === 'imports' && filter.importsUpTo !== undefined ? `WHERE id <= ${filter.importsUpTo}`
          : '';
    const rows = await db.all(`SELECT * FROM ${table} ${where} ORDER BY ALL`);
    counts[table] = rows.length;
    hash.update(`${table}\n${JSON.stringify(rows)}\n`);
  }
  return { counts, hash: hash.digest('hex') };
}

async function snapshotOfFile(dbFile: string, filter: Parameters<typeof snapshot>[1] = {}): Promise<Snapshot> {
  return withDatabase(dbFile, (db) => snapshot(db, filter));
}

/** Every entity table's rows, sorted, without the import batch id (which a re-import changes by design). */
async function entityDump(db: Database): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of ENTITY_TABLES) dump[table] = await db.all(`SELECT * EXCLUDE (import_id) FROM ${table} ORDER BY ALL`);
  return dump;
}

async function count(db: Database, table: string): Promise<number> {
  return Number((await db.one(`SELECT count(*)::INTEGER AS n FROM ${table}`))?.n);
}

const sha256Of = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

// ── what an import reports ──────────────────────────────────────────────────────

/** An issue as a test expects it: the place exactly; parameters exactly, or checked by a function. */
interface ExpectedIssue {
  readonly code: MessageCode;
  readonly file?: string;
  readonly sheet?: string;
  readonly row?: number;
  readonly column?: string;
  readonly path?: string;
  readonly params?: object | ((params: Record<string, unknown>) => void);
  readonly value?: string;
}

const placeOf = (i: ExpectedIssue | Issue) =>
  Object.fromEntries(
    (['code', 'file', 'sheet', 'row', 'column', 'path'] as const).filter((k) => i[k] !== undefined).map((k) => [k, i[k]]),
  );
const order = (i: ExpectedIssue | Issue) => `${i.file ?? ''}|${i.sheet ?? ''}|${String(i.row ?? 0).padStart(9, '0')}|${i.column ?? ''}|${i.code}`;
const sorted = <T extends ExpectedIssue | Issue>(items: readonly T[]) => [...items].sort((a, b) => order(a).localeCompare(order(b)));

/** The issues are exactly those expected (in any order): code and place of each, and parameters and value where given. */
function assertIssues(actual: readonly Issue[], expected: readonly ExpectedIssue[]): void {
  const got = sorted(actual);
  const want = sorted(expected);
  assert.deepEqual(got.map(placeOf), want.map(placeOf), `issues were ${JSON.stringify(actual, null, 1)}`);
  want.forEach((e, n) => {
    const a = got[n] as Issue;
    if (typeof e.params === 'function') e.params(a.params as Record<string, unknown>);
    else if (e.params !== undefined) assert.deepEqual(a.params, e.params, `${e.code} params`);
    if (e.value !== undefined) assert.equal(a.value, e.value, `${e.code} value`);
    // Every issue renders in both languages from the catalog.
    assert.ok(formatIssue(a, 'zh').length > 0 && formatIssue(a, 'en').length > 0);
  });
}

const nonEmptyReason = (params: Record<string, unknown>) =>
  assert.ok(typeof params.reason === 'string' && params.reason.length > 0, `a reason: ${JSON.stringify(params)}`);

async function importInto(db: Database, paths: readonly string[], options: Partial<ImportOptions> = {}): Promise<ImportReport> {
  return importFiles(db, paths, { framework, ...options });
}

/** The import failed as a whole: nothing accepted, nothing committed, the database untouched. */
async function assertRejectedWhole(db: Database, paths: readonly string[], expected: readonly ExpectedIssue[], options: Partial<ImportOptions> = {}): Promise<ImportReport> {
  const before = await snapshot(db);
  const report = await importInto(db, paths, options);
  assertIssues(report.issues, expected);
  assert.equal(report.committed, false);
  assert.equal(report.importId, undefined);
  assert.deepEqual(report.accepted, NOTHING);
  assert.deepEqual(await snapshot(db), before, 'the database is unchanged');
  return report;
}

// ── good files ───────────────────────────────────────────────────────────────

test('an XLSX with 企业 and 供给 sheets imports both, with regions, money, industry and extra columns resolved', async () => {
  await inWorkspace(async ({ dir, db }) => {
    const book = join(dir, '江西企业名录.xlsx');
    await writeWorkbook(book, { 企业: ENTERPRISE_SHEET, 供给: OFFERING_SHEET });
    const enterprisesBefore = await count(db, 'enterprises');
    const offeringsBefore = await count(db, 'offerings');

    const report = await importInto(db, [book]);
    assert.deepEqual(report.issues, []);
    assert.equal(report.committed, true);
    assert.deepEqual(report.accepted, { ...NOTHING, enterprises: 2, offerings: 3 });
    assert.deepEqual(report.files.map(({ file, format, rows, counts, sha256 }) => ({ file, format, rows, counts, sha256 })), [
      { file: '江西企业名录.xlsx', format: 'xlsx', rows: 5, counts: { enterprises: 2, offerings: 3 }, sha256: sha256Of(book) },
    ]);
    assert.equal(await count(db, 'enterprises'), enterprisesBefore + 2);
    assert.equal(await count(db, 'offerings'), offeringsBefore + 3);

    // No id column: a firm is known by its credit code.
    const jia = await getEnterprise(db, CREDIT_CODES.jia);
    assert.ok(jia, 'enterprise 甲 stored under its credit code');
    assert.deepEqual(jia.enterprise, {
      id: CREDIT_CODES.jia, nameZh: '江西甲工业软件有限公司', aliases: [], creditCode: CREDIT_CODES.jia, province: '360000', city: '360100',
      leader: false, industryCode: '65', description: '工业软件开发；MES 实施', founded: '2015-05-01', registeredCapitalYuan: 5000e4,
      extra: { 联系电话: '0791-88880001' },
    });
    assert.deepEqual(jia.offerings.map((o) => [o.link, o.product, o.method]), [['platform.software.production', '甲云MES', 'manual']]);

    const yi = await getEnterprise(db, CREDIT_CODES.yi);
    assert.ok(yi);
    assert.equal(yi.enterprise.province, '360000');
    assert.equal(yi.enterprise.city, '360100');
    assert.equal(yi.enterprise.registeredCapitalYuan, 1.2e8);
    assert.equal(yi.enterprise.founded, '2018-03-15');
    assert.equal(yi.enterprise.industryCode, '65');
    assert.deepEqual(yi.enterprise.extra, {}, 'an empty unknown cell adds nothing');
    // Offerings named the firm once by credit code and once by name: both land on its id.
    assert.deepEqual(yi.offerings.map((o) => [o.link, o.product]), [['security.control', '工控安全网关'], ['security.data', '工业数据防泄漏系统']]);
  });
});

test('a GB18030 CSV imports the same records as its UTF-8 version, with or without a BOM', async () => {
  const results: unknown[] = [];
  for (const encoding of ['gb18030', 'utf-8', 'utf-8-bom'] as const) {
    await inWorkspace(async ({ dir, db }) => {
      const file = join(dir, 'enterprises.csv');
      writeCsv(file, ENTERPRISE_CSV, encoding);
      const bytes = readFileSync(file);
      if (encoding === 'gb18030') {
        assert.equal(isUtf8(bytes), false, 'real GB18030 bytes, not UTF-8');
        assert.equal(iconv.encode('𫖯', 'gb18030').length, 4, 'the fixture has a four-byte GB18030 character');
      } else {
        assert.equal(bytes[0] === 0xef, encoding === 'utf-8-bom');
      }
      const report = await importInto(db, [file]);
      assert.deepEqual(report.issues, [], encoding);
      assert.deepEqual(report.accepted, { ...NOTHING, enterprises: 2 }, encoding);
      results.push((await listEnterprises(db)).items);
    }, { empty: true });
  }
  assert.deepEqual(results[1], results[0], 'UTF-8 = GB18030');
  assert.deepEqual(results[2], results[0], 'UTF-8 with BOM = GB18030');
  const stored = results[0] as { id: string }[];
  const ding = stored.find((e) => e.id === CREDIT_CODES.ding);
  const bing = stored.find((e) => e.id === CREDIT_CODES.bing);
  assert.deepEqual(ding, {
    id: CREDIT_CODES.ding, nameZh: '江西𫖯智能装备有限公司', aliases: [], creditCode: CREDIT_CODES.ding, province: '360000', city: '360700',
    leader: false, industryCode: '34', description: '工业机器人（焊接、搬运）', founded: '2019-06-18', registeredCapitalYuan: 3000e4,
    extra: { 备注: '省级专精特新' },
  });
  assert.deepEqual(bing, {
    id: CREDIT_CODES.bing, nameZh: '南昌丙数据科技有限公司', aliases: [], creditCode: CREDIT_CODES.bing, province: '360000', city: '360100',
    leader: false, industryCode: '64', description: '工业大数据分析，“数字孪生”平台', founded: '2020-01-08', registeredCapitalYuan: 800e4, extra: {},
  });
});

test('the sheet option imports one sheet of a workbook only', async () => {
  await inWorkspace(async ({ dir, db }) => {
    const book = join(dir, 'book.xlsx');
    await writeWorkbook(book, { 企业: ENTERPRISE_SHEET, 供给: OFFERING_SHEET });
    const offeringsBefore = await count(db, 'offerings');

    const first = await importInto(db, [book], { sheet: '企业' });
    assert.deepEqual(first.issues, []);
    assert.deepEqual(first.accepted, { ...NOTHING, enterprises: 2 });
    assert.deepEqual(first.files[0]?.counts, { enterprises: 2 });
    assert.equal(await count(db, 'offerings'), offeringsBefore, 'the 供给 sheet was not read');

    // The other sheet alone now finds its firms in the database.
    const second = await importInto(db, [book], { sheet: '供给' });
    assert.deepEqual(second.issues, []);
    assert.deepEqual(second.accepted, { ...NOTHING, offerings: 3 });
    assert.equal(await count(db, 'offerings'), offeringsBefore + 3);

    await assertRejectedWhole(db, [book], [
      {
        code: 'cli.bad_option', file: 'book.xlsx',
        params: (p) => {
          assert.equal(p.option, '--sheet');
          assert.match(String(p.reason), /企业, 供给/, 'names the sheets there are');
        },
      },
    ], { sheet: '没有这个表' });
  });
});

// ── bad input: each file is refused whole, with every problem named ────────────────────

interface BadInput {
  readonly name: string;
  /** Writes the files into `dir`; returns their paths. */
  readonly write: (dir: string) => Promise<string[]> | string[];
  readonly expected: readonly ExpectedIssue[];
  readonly options?: Partial<ImportOptions>;
}

const csv = (dir: string, name: string, table: Table) => {
  const path = join(dir, name);
  writeCsv(path, table);
  return path;
};
const raw = (dir: string, name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const BAD_INPUTS: readonly BadInput[] = [
  {
    name: 'an offerings file without a link column',
    write: (dir) => [csv(dir, 'offerings.csv', [['企业名称', '产品'], ['用友网络科技股份有限公司', '精智平台']])],
    expected: [{ code: 'ingest.missing_header', file: 'offerings.csv', row: 1, params: { columns: ['link'] } }],
  },
  {
    name: 'an enterprise file with no column that names the firm',
    write: (dir) => [csv(dir, 'enterprises.csv', [['所属省份', '注册资本'], ['江西', '100万元']])],
    expected: [{ code: 'ingest.missing_header', file: 'enterprises.csv', row: 1, params: { columns: ['id/name/name_zh/name_en/credit_code'] } }],
  },
  {
    name: 'wrong types and unknown regions: every problem of the file, in one run',
    write: (dir) => [csv(dir, 'cases.csv', [
      ['案例编号', '案例名称', '年份', '客户省份', '成效'],
      ['c-1', '5G 工厂', '二〇二二', '江西', '效率 +10%'],
      ['c-2', '数字车间', '2022', '火星省', ''],
      ['c-3', '标识解析', '2021', '江西生', ''],
      ['c-4', '设备上云', '2023年', '江西', '效率提高了很多'],
      ['c-5', '视觉质检', 'abc', 'Mars', '良品率 +5%'],
      ['c-6', '能耗管理', '2020', '南昌', '能耗 -12%'],
    ])],
    expected: [
      { code: 'ingest.not_year', file: 'cases.csv', row: 2, column: '年份', params: {}, value: '二〇二二' },
      { code: 'region.unknown', file: 'cases.csv', row: 3, column: '客户省份', params: { input: '火星省', suggestions: [] }, value: '火星省' },
      {
        code: 'region.unknown', file: 'cases.csv', row: 4, column: '客户省份', value: '江西生',
        params: (p) => {
          assert.equal(p.input, '江西生');
          assert.ok(Array.isArray(p.suggestions) && p.suggestions.some((s: string) => s.includes('360000')), 'suggests Jiangxi');
        },
      },
      { code: 'ingest.bad_outcomes', file: 'cases.csv', row: 5, column: '成效', params: {}, value: '效率提高了很多' },
      // Two problems in one row: both reported.
      { code: 'ingest.not_year', file: 'cases.csv', row: 6, column: '年份', value: 'abc' },
      { code: 'region.unknown', file: 'cases.csv', row: 6, column: '客户省份', params: (p) => assert.ok(Array.isArray(p.suggestions)), value: 'Mars' },
    ],
  },
  {
    name: 'an observation value and a period that are not what they should be',
    write: (dir) => [csv(dir, 'observations.csv', [
      ['指标', '地区', '期间', '数值', '单位'],
      ['ident.secondary_nodes', '江西', '2022', 'abc', '个'],
      ['ident.secondary_nodes', '江西', '2022年13月', '5', '个'],
    ])],
    expected: [
      { code: 'ingest.not_number', file: 'observations.csv', row: 2, column: '数值', params: {}, value: 'abc' },
      { code: 'ingest.not_period', file: 'observations.csv', row: 3, column: '期间', params: {}, value: '2022年13月' },
    ],
  },
  {
    name: 'founding dates that do not exist',
    write: (dir) => [csv(dir, 'enterprises.csv', [['id', '企业名称', '成立日期'], ['e-1', '江西甲', '2021-02-30'], ['e-2', '江西乙', '二〇二一年']])],
    expected: [
      { code: 'ingest.not_date', file: 'enterprises.csv', row: 2, column: '成立日期', params: {}, value: '2021-02-30' },
      { code: 'ingest.not_date', file: 'enterprises.csv', row: 3, column: '成立日期', params: {}, value: '二〇二一年' },
    ],
  },
  {
    name: 'unknown link ids, with suggestions',
    write: (dir) => [csv(dir, 'offerings.csv', [
      ['企业编号', '环节', '产品'],
      ['yonyou', 'platform.aplication', '精智平台'],
      ['yonyou', '生产控制软件', 'MES'],
    ])],
    expected: [
      {
        code: 'ingest.unknown_link', file: 'offerings.csv', row: 2, column: '环节', value: 'platform.aplication',
        params: (p) => {
          assert.equal(p.link, 'platform.aplication');
          assert.equal((p.suggestions as string[])[0], 'platform.application');
        },
      },
      { code: 'ingest.unknown_link', file: 'offerings.csv', row: 3, column: '环节', params: { link: '生产控制软件', suggestions: ['platform.software.production'] } },
    ],
  },
  {
    name: 'duplicate ids and duplicate credit codes within a file',
    write: (dir) => [csv(dir, 'enterprises.csv', [
      ['id', '企业名称', '统一社会信用代码'],
      ['e-1', '江西甲', CREDIT_CODES.jia],
      ['e-1', '江西乙', ''],
      ['e-2', '江西丙', CREDIT_CODES.jia],
      ['e-3', '江西丁', CREDIT_CODES.bing],
    ])],
    expected: [
      { code: 'ingest.duplicate_in_file', file: 'enterprises.csv', row: 3, params: { key: 'e-1', first: '2' } },
      { code: 'ingest.duplicate_in_file', file: 'enterprises.csv', row: 4, params: { key: CREDIT_CODES.jia, first: '2' } },
    ],
  },
  {
    name: 'credit codes with a wrong check digit or a wrong length',
    write: (dir) => [csv(dir, 'enterprises.csv', [
      ['企业名称', '统一社会信用代码'],
      ['江西甲', withWrongCheckDigit(CREDIT_CODES.jia)],
      ['江西乙', CREDIT_CODES.yi.slice(0, 16)],
      ['江西丙', CREDIT_CODES.bing],
    ])],
    expected: [
      { code: 'ingest.bad_credit_code', file: 'enterprises.csv', row: 2, column: '统一社会信用代码', params: nonEmptyReason, value: withWrongCheckDigit(CREDIT_CODES.jia) },
      { code: 'ingest.bad_credit_code', file: 'enterprises.csv', row: 3, column: '统一社会信用代码', params: nonEmptyReason, value: CREDIT_CODES.yi.slice(0, 16) },
    ],
  },
  {
    name: 'empty files (0 bytes) of each format',
    write: (dir) => [raw(dir, 'enterprises.csv', ''), raw(dir, 'enterprises.json', ''), raw(dir, 'enterprises.xlsx', '')],
    expected: [
      { code: 'ingest.empty_file', file: 'enterprises.csv', params: {} },
      { code: 'ingest.empty_file', file: 'enterprises.json', params: {} },
      { code: 'ingest.corrupt_xlsx', file: 'enterprises.xlsx', params: nonEmptyReason },
    ],
  },
  {
    name: 'header-only files (also with trailing blank lines, and a header-only sheet)',
    write: async (dir) => {
      const book = join(dir, 'book.xlsx');
      await writeWorkbook(book, { 企业: [ENTERPRISE_SHEET[0] as string[]] });
      return [csv(dir, 'enterprises.csv', [ENTERPRISE_CSV[0] as string[]]), raw(dir, 'cases.csv', 'id,title\r\n\r\n\r\n'), book];
    },
    expected: [
      { code: 'ingest.no_rows', file: 'enterprises.csv', params: {} },
      { code: 'ingest.no_rows', file: 'cases.csv', params: {} },
      { code: 'ingest.no_rows', file: 'book.xlsx', sheet: '企业', params: {} },
    ],
  },
  {
    name: 'a truncated workbook and random bytes named .xlsx',
    write: async (dir) => {
      const book = join(dir, 'whole.xlsx');
      await writeWorkbook(book, { 企业: ENTERPRISE_SHEET, 供给: OFFERING_SHEET });
      writeTruncatedCopy(book, join(dir, 'truncated.xlsx'));
      writeRandomBytes(join(dir, 'corrupt.xlsx'), 8192);
      return [join(dir, 'truncated.xlsx'), join(dir, 'corrupt.xlsx')];
    },
    expected: [
      { code: 'ingest.corrupt_xlsx', file: 'truncated.xlsx', params: nonEmptyReason },
      { code: 'ingest.corrupt_xlsx', file: 'corrupt.xlsx', params: nonEmptyReason },
    ],
  },
  {
    name: 'a GB18030 line inside a UTF-8 file',
    write: (dir) => {
      writeMixedEncodingCsv(join(dir, 'enterprises.csv'), ENTERPRISE_CSV, 'utf-8', 3);
      return [join(dir, 'enterprises.csv')];
    },
    expected: [{ code: 'ingest.mixed_encoding', file: 'enterprises.csv', row: 3, params: {} }],
  },
  {
    name: 'a UTF-8 line inside a GB18030 file',
    write: (dir) => {
      writeMixedEncodingCsv(join(dir, 'enterprises.csv'), ENTERPRISE_CSV, 'gb18030', 2);
      return [join(dir, 'enterprises.csv')];
    },
    expected: [{ code: 'ingest.mixed_encoding', file: 'enterprises.csv', row: 2, params: {} }],
  },
  {
    name: 'formula text in CSV cells',
    write: (dir) => [csv(dir, 'enterprises.csv', [
      ['id', '企业名称', '注册资本'],
      ['e-1', '=HYPERLINK("http://x","y")', '100万元'],
      ['e-2', '江西乙', '=1+1'],
      ['e-3', ' =SUM(A1:A2)', '100万元'],
    ])],
    expected: [
      { code: 'ingest.formula', file: 'enterprises.csv', row: 2, column: '企业名称', params: {}, value: '=HYPERLINK("http://x","y")' },
      { code: 'ingest.formula', file: 'enterprises.csv', row: 3, column: '注册资本', params: {}, value: '=1+1' },
      { code: 'ingest.formula', file: 'enterprises.csv', row: 4, column: '企业名称', params: {}, value: ' =SUM(A1:A2)' },
    ],
  },
  {
    name: 'a formula cell in a workbook',
    write: async (dir) => {
      const book = join(dir, 'book.xlsx');
      await writeWorkbook(book, { 企业: ENTERPRISE_SHEET, 供给: [...OFFERING_SHEET, ['江西甲工业软件有限公司', 'platform.application', { formula: 'A1&B1' }]] });
      return [book];
    },
    expected: [{ code: 'ingest.formula', file: 'book.xlsx', sheet: '供给', row: 5, column: '产品', params: {}, value: '=A1&B1' }],
  },
  {
    name: 'an offering naming an enterprise that exists nowhere',
    write: (dir) => [csv(dir, 'offerings.csv', [
      ['企业名称', '环节', '产品'],
      ['江西不存在科技有限公司', 'platform.application', '某平台'],
      ['用友网络科技股份有限公司', 'platform.application', '精智平台 2.0'],
    ])],
    expected: [{ code: 'ingest.unknown_enterprise', file: 'offerings.csv', row: 2, column: '企业名称', params: { ref: '江西不存在科技有限公司' } }],
  },
  {
    name: 'a component naming an unknown case, and one naming an unknown supplier id',
    write: (dir) => [csv(dir, 'components.csv', [
      ['case_id', 'link', 'supplier_id', 'supplier_name'],
      ['no-such-case', 'network.5g', '', '某运营商'],
      ['jx-longqi-5g-smart-factory', 'network.5g', 'no-such-firm', ''],
    ])],
    expected: [
      { code: 'ingest.unknown_case', file: 'components.csv', row: 2, column: 'case_id', params: { ref: 'no-such-case' } },
      { code: 'ingest.unknown_enterprise', file: 'components.csv', row: 3, column: 'supplier_id', params: { ref: 'no-such-firm' } },
    ],
  },
  {
    name: 'malformed JSON',
    write: (dir) => [raw(dir, 'enterprises.json', '{"enterprises": [{"id": "e-1", "name_zh": "江西甲"},')],
    expected: [{ code: 'ingest.bad_json', file: 'enterprises.json', params: nonEmptyReason }],
  },
  {
    name: 'JSON of the wrong shape',
    write: (dir) => [
      raw(dir, 'a.json', '{"companies": [{"id": "e-1"}]}'),
      raw(dir, 'b.json', '{"enterprises": {"id": "e-1"}}'),
      raw(dir, 'c.json', '"enterprises"'),
      raw(dir, 'enterprises.json', '[1, 2, 3]'),
    ],
    expected: [
      { code: 'ingest.json_shape', file: 'a.json', params: {} },
      { code: 'ingest.json_shape', file: 'b.json', params: {} },
      { code: 'ingest.json_shape', file: 'c.json', params: {} },
      { code: 'ingest.json_shape', file: 'enterprises.json', params: {} },
    ],
  },
  {
    name: 'a JSON record with a bad value is named by its path',
    write: (dir) => [raw(dir, 'data.json', JSON.stringify({ enterprises: [{ id: 'e-1', name_zh: '江西甲' }, { id: 'e-2', name_zh: '江西乙', province: '火星省' }] }))],
    expected: [{ code: 'region.unknown', file: 'data.json', path: 'enterprises[1]', column: 'province', params: { input: '火星省', suggestions: [] } }],
  },
  {
    name: 'a quote inside an unquoted CSV cell',
    write: (dir) => [raw(dir, 'enterprises.csv', 'id,name\ne-1,江西甲\ne-2,=HYPERLINK("http://x","y")\n')],
    expected: [{ code: 'ingest.bad_csv', file: 'enterprises.csv', row: 3, params: nonEmptyReason }],
  },
  {
    name: 'a missing file and an unsupported file type',
    write: (dir) => [join(dir, 'nowhere.csv'), raw(dir, 'enterprises.xls', 'not really')],
    expected: [
      { code: 'ingest.file_missing', file: 'nowhere.csv', params: (p) => assert.match(String(p.file), /nowhere\.csv$/) },
      { code: 'ingest.unsupported_format', file: 'enterprises.xls', params: { ext: '.xls' } },
    ],
  },
];

for (const bad of BAD_INPUTS) {
  test(`bad input: ${bad.name}`, async () => {
    await inWorkspace(async ({ dir, db }) => {
      const paths = await bad.write(dir);
      await assertRejectedWhole(db, paths, bad.expected, bad.options);
    });
  });
}

// ── atomicity, partial imports, re-imports ──────────────────────────────────────

test('one good file and one bad file in the same import: nothing is committed', async () => {
  await inWorkspace(async ({ dir, db }) => {
    const good = csv(dir, 'enterprises.csv', ENTERPRISE_CSV);
    const bad = csv(dir, 'offerings.csv', [
      ['企业名称', '环节', '产品'],
      ['南昌丙数据科技有限公司', 'intelligence.analytics', '数据平台'],
      ['江西𫖯智能装备有限公司', 'automation.robot', '焊接机器人'],
    ]);
    const report = await assertRejectedWhole(db, [good, bad], [
      { code: 'ingest.unknown_link', file: 'offerings.csv', row: 3, column: '环节', value: 'automation.robot', params: (p) => assert.ok(Array.isArray(p.suggestions)) },
    ]);
    assert.deepEqual(report.files.map((f) => [f.file, f.counts]), [['enterprises.csv', { enterprises: 2 }], ['offerings.csv', { offerings: 1 }]]);
    assert.equal(await getEnterprise(db, CREDIT_CODES.ding), undefined, 'the good file was not committed either');

    // The same good file with a damaged workbook: still nothing.
    const damaged = join(dir, 'damaged.xlsx');
    writeRandomBytes(damaged, 4096, 7);
    await assertRejectedWhole(db, [good, damaged], [{ code: 'ingest.corrupt_xlsx', file: 'damaged.xlsx', params: nonEmptyReason }]);

    // And alone it goes in.
    assert.equal((await importInto(db, [good])).committed, true);
    assert.ok(await getEnterprise(db, CREDIT_CODES.ding));
  });
});

test('partial: valid rows are committed, rejected rows go to <base>.<entity>.csv; fixed, they complete the data', async () => {
  await inWorkspace(async ({ dir, db }) => {
    const enterprises = csv(dir, 'enterprises.csv', [
      ['id', '企业名称', '所属省份', '成立日期', '注册资本'],
      ['p-1', '江西好企业一', '江西', '2020-01-01', '100万元'],
      ['p-2', '江西坏企业二', '火星省', '2020-01-01', '100万元'],
      ['p-3', '江西好企业三', '南昌', '2020-02-01', '200万元'],
      ['p-4', '江西坏企业四', '江西', '2020-02-30', '300万元'],
    ]);
    const offerings = csv(dir, 'offerings.csv', [
      ['企业编号', '环节', '产品'],
      ['p-1', 'platform.application', '平台甲'],
      ['p-9', 'platform.application', '平台乙'],
      ['p-2', 'security.data', '数据卫士'],
    ]);
    const enterprisesBefore = await count(db, 'enterprises');
    const rejectsFile = join(dir, 'out', 'rejects.csv');

    const report = await importInto(db, [enterprises, offerings], { partial: true, rejectsFile });
    assertIssues(report.issues, [
      { code: 'region.unknown', file: 'enterprises.csv', row: 3, column: '所属省份', params: { input: '火星省', suggestions: [] } },
      { code: 'ingest.not_date', file: 'enterprises.csv', row: 5, column: '成立日期', value: '2020-02-30' },
      { code: 'ingest.unknown_enterprise', file: 'offerings.csv', row: 3, column: '企业编号', params: { ref: 'p-9' } },
      // p-2 was itself rejected, so its offering points at nothing.
      { code: 'ingest.unknown_enterprise', file: 'offerings.csv', row: 4, column: '企业编号', params: { ref: 'p-2' } },
    ]);
    assert.equal(report.committed, true);
    assert.deepEqual(report.accepted, { ...NOTHING, enterprises: 2, offerings: 1 });
    assert.equal(report.rejectedRows, 4);
    const rejectsEnterprises = join(dir, 'out', 'rejects.enterprises.csv');
    const rejectsOfferings = join(dir, 'out', 'rejects.offerings.csv');
    assert.deepEqual([...(report.rejectsFiles ?? [])].sort(), [rejectsEnterprises, rejectsOfferings]);
    assert.equal(await count(db, 'enterprises'), enterprisesBefore + 2);
    assert.ok(await getEnterprise(db, 'p-1'));
    assert.ok(await getEnterprise(db, 'p-3'));
    assert.equal(await getEnterprise(db, 'p-2'), undefined);
    assert.deepEqual((await getEnterprise(db, 'p-1'))?.offerings.map((o) => o.product), ['平台甲']);

    // The import log names every rejection with its place.
    const logged = (await listImports(db)).at(-1);
    assert.equal(logged?.mode, 'partial');
    assert.equal(logged?.accepted, 3);
    assert.equal(logged?.rejected, 4);
    const rejections = await db.all('SELECT file, "row", column_name, code FROM import_rejections WHERE import_id = $1 ORDER BY file, "row"', [logged?.id ?? 0]);
    assert.deepEqual(rejections, [
      { file: 'enterprises.csv', row: 3, column_name: '所属省份', code: 'region.unknown' },
      { file: 'enterprises.csv', row: 5, column_name: '成立日期', code: 'ingest.not_date' },
      { file: 'offerings.csv', row: 3, column_name: '企业编号', code: 'ingest.unknown_enterprise' },
      { file: 'offerings.csv', row: 4, column_name: '企业编号', code: 'ingest.unknown_enterprise' },
    ]);

    // The rejects file: UTF-8 with a BOM (Excel opens it right), the original cells, and the reasons in both languages.
    const bytes = readFileSync(rejectsEnterprises);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true }) as string[][];
    assert.deepEqual(rows.map((r) => r.slice(0, -1)), [
      ['id', '企业名称', '所属省份', '成立日期', '注册资本'],
      ['p-2', '江西坏企业二', '火星省', '2020-01-01', '100万元'],
      ['p-4', '江西坏企业四', '江西', '2020-02-30', '300万元'],
    ]);
    assert.equal(rows[0]?.at(-1), PROBLEMS_COLUMN);
    const problemsOf = (file: string, row: number) =>
      report.issues.filter((i) => i.file === file && i.row === row).map((i) => `${formatIssue(i, 'zh')} | ${formatIssue(i, 'en')}`).join('\n');
    assert.equal(rows[1]?.at(-1), problemsOf('enterprises.csv', 3));
    assert.equal(rows[2]?.at(-1), problemsOf('enterprises.csv', 5));
    assert.match(rows[2]?.at(-1) ?? '', new RegExp(messages['ingest.not_date']().en.replace(/[()]/g, '\\$&')));

    // Fix the rejected rows in place (the _problems column may stay: it is ignored) and import them again.
    const fixed = rows.map((r) => r.map((cell) => (cell === '火星省' ? '江西' : cell === '2020-02-30' ? '2020-02-28' : cell)));
    writeFileSync(rejectsEnterprises, '\ufeff' + fixed.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n');
    const offeringRows = parse(readFileSync(rejectsOfferings), { bom: true }) as string[][];
    assert.deepEqual(offeringRows.map((r) => r.slice(0, 3)), [['企业编号', '环节', '产品'], ['p-9', 'platform.application', '平台乙'], ['p-2', 'security.data', '数据卫士']]);
    writeFileSync(rejectsOfferings, offeringRows.map((r) => r.slice(0, 3).map((c) => (c === 'p-9' ? 'p-3' : c)).join(',')).join('\n') + '\n');

    const again = await importInto(db, [rejectsEnterprises, rejectsOfferings]);
    assert.deepEqual(again.issues, []);
    assert.deepEqual(again.accepted, { ...NOTHING, enterprises: 2, offerings: 2 });
    assert.equal(await count(db, 'enterprises'), enterprisesBefore + 4);
    assert.equal((await getEnterprise(db, 'p-2'))?.enterprise.province, '360000');
    assert.equal((await getEnterprise(db, 'p-4'))?.enterprise.founded, '2020-02-28');
    assert.deepEqual((await getEnterprise(db, 'p-3'))?.offerings.map((o) => o.product), ['平台乙']);
    assert.deepEqual((await getEnterprise(db, 'p-2'))?.offerings.map((o) => o.product), ['数据卫士']);
  });
});

test('re-importing the same files changes nothing but the log; a changed value updates its record', async () => {
  await inWorkspace(async ({ dir, db }) => {
    const enterprises = csv(dir, 'enterprises.csv', ENTERPRISE_CSV);
    const offerings = csv(dir, 'offerings.csv', [
      ['企业名称', '环节', '产品'],
      ['江西𫖯智能装备有限公司', 'automation.actuator', '伺服焊接机器人'],
      [CREDIT_CODES.bing, 'intelligence.analytics', '数据中台'],
    ]);
    const importsBefore = (await listImports(db)).length;

    const first = await importInto(db, [enterprises, offerings]);
    assert.deepEqual(first.issues, []);
    const afterFirst = await entityDump(db);
    const second = await importInto(db, [enterprises, offerings]);
    assert.deepEqual(second.issues, []);
    assert.deepEqual(second.accepted, first.accepted);
    assert.deepEqual(await entityDump(db), afterFirst, 'identical table contents');

    const imports = (await listImports(db)).slice(importsBefore);
    assert.equal(imports.length, 2, 'both imports are logged');
    for (const [n, entry] of imports.entries()) {
      assert.equal(entry.id, [first, second][n]?.importId);
      assert.equal(entry.mode, 'atomic');
      assert.equal(entry.accepted, 4);
      assert.equal(entry.rejected, 0);
      assert.deepEqual(entry.files, [
        { file: enterprises, sha256: sha256Of(enterprises), counts: { enterprises: 2 } },
        { file: offerings, sha256: sha256Of(offerings), counts: { offerings: 2 } },
      ]);
    }

    // A changed value replaces the record with the same id (here: the credit code), adding nothing.
    const enterpriseCount = await count(db, 'enterprises');
    writeCsv(enterprises, ENTERPRISE_CSV.map((row) => row.map((cell) => (cell === '3000万元' ? '4500万元' : cell))));
    assert.deepEqual((await importInto(db, [enterprises])).issues, []);
    assert.equal((await getEnterprise(db, CREDIT_CODES.ding))?.enterprise.registeredCapitalYuan, 4500e4);
    assert.equal(await count(db, 'enterprises'), enterpriseCount);
  });
});

test('upsert: a record is replaced by id; a firm without an id is matched by its credit code', async () => {
  await inWorkspace(async ({ dir, db }) => {
    const withId = csv(dir, 'enterprises.csv', [
      ['id', '企业名称', '统一社会信用代码', '所属省份', '注册资本'],
      ['acme-1', '江西艾克米一号有限公司', CREDIT_CODES.jia, '江西', '100万元'],
      ['acme-2', '江西艾克米二号有限公司', CREDIT_CODES.yi, '江西', '200万元'],
    ]);
    assert.deepEqual((await importInto(db, [withId])).issues, []);
    const total = await count(db, 'enterprises');

    const renamed = csv(dir, 'renamed.enterprises.csv', [
      ['id', '企业名称', '统一社会信用代码', '所属省份'],
      ['acme-1', '江西艾克米科技有限公司', CREDIT_CODES.jia, '南昌'],
    ]);
    assert.deepEqual((await importInto(db, [renamed])).issues, []);
    const acme1 = (await getEnterprise(db, 'acme-1'))?.enterprise;
    assert.equal(acme1?.nameZh, '江西艾克米科技有限公司');
    assert.equal(acme1?.city, '360100');

    const byCode = csv(dir, 'registry.enterprises.csv', [['企业名称', '统一社会信用代码', '注册资本'], ['江西艾克米二号有限公司', CREDIT_CODES.yi, '1.5亿元']]);
    const report = await importInto(db, [byCode]);
    assert.deepEqual(report.issues, []);
    assert.equal((await getEnterprise(db, 'acme-2'))?.enterprise.registeredCapitalYuan, 1.5e8, 'the stored firm with that credit code is updated');
    assert.equal(await getEnterprise(db, CREDIT_CODES.yi), undefined, 'no second record under the credit code');
    assert.equal(await count(db, 'enterprises'), total);

    // A different id with a credit code that another stored firm holds is a conflict, not a second firm.
    const clash = csv(dir, 'clash.enterprises.csv', [['id', '企业名称', '统一社会信用代码'], ['acme-3', '江西冒名有限公司', CREDIT_CODES.jia]]);
    await assertRejectedWhole(db, [clash], [
      { code: 'ingest.credit_code_conflict', file: 'clash.enterprises.csv', row: 2, column: '统一社会信用代码', params: { code: CREDIT_CODES.jia, existing: 'acme-1' } },
    ]);
  });
});

// ── crashes ────────────────────────────────────────────────────────────────────

const BIG_ROWS = 300_000;

/** The child's environment: English messages, and its scratch files in our temporary folder. */
function childEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHAINATLAS_LANG: 'en', TMPDIR: dir, TMP: dir, TEMP: dir };
  delete env.CHAINATLAS_DB;
  delete env.CHAINATLAS_FRAMEWORK;
  return env;
}

interface KillOutcome {
  /** Whether the child was still running when `when` said to kill it. */
  readonly killed: boolean;
  readonly elapsedMs: number;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Polls every `pollMs` and sends SIGKILL as soon as `when` says so; resolves once the child has exited. */
async function killWhen(child: ChildProcess, when: (elapsedMs: number) => boolean, pollMs: number): Promise<KillOutcome> {
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const start = Date.now();
  let killed = false;
  while (child.exitCode === null && child.signalCode === null) {
    await sleep(pollMs);
    if (child.exitCode === null && child.signalCode === null && when(Date.now() - start)) {
      killed = child.kill('SIGKILL');
      break;
    }
  }
  const elapsedMs = Date.now() - start;
  const [exitCode, signal] = await exited;
  return { killed, elapsedMs, exitCode, signal, stderr };
}

function spawnImport(dbFile: string, file: string, dir: string): ChildProcess {
  return spawn(process.execPath, [CLI, '--db', dbFile, 'import', file], { cwd: ROOT, env: childEnv(dir), stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Whether an import into `dbFile` has begun to commit: the database file has changed or (with `log`)
 * the write-ahead log exists. Staging happens in temporary tables: neither shows before the commit.
 */
function commitWatch(dbFile: string, signs: { log: boolean } = { log: true }): () => boolean {
  const initial = statSync(dbFile);
  return () => {
    if (signs.log && existsSync(`${dbFile}.wal`)) return true;
    const now = statSync(dbFile);
    return now.size !== initial.size || now.mtimeMs !== initial.mtimeMs;
  };
}

test(`an import killed with SIGKILL while it reads ${BIG_ROWS} rows leaves the database as it was`, async (t) => {
  const { dir, dbFile } = newFolder();
  const big = join(dir, 'big.csv');
  await writeBigEnterpriseCsv(big, BIG_ROWS);
  const before = await snapshotOfFile(dbFile);

  // Killed after 1.5 s, or sooner should the import (made faster one day) reach its commit first.
  const commitBegun = commitWatch(dbFile);
  let commitSeen = false;
  const outcome = await killWhen(spawnImport(dbFile, big, dir), (ms) => (commitSeen = commitBegun()) || ms >= 1500, 50);
  t.diagnostic(`killed after ${outcome.elapsedMs} ms, ${commitSeen ? 'as the commit began' : 'while reading'}`);
  assert.ok(outcome.killed, `the import finished in ${outcome.elapsedMs} ms before it could be killed (exit ${outcome.exitCode}); raise BIG_ROWS. ${outcome.stderr}`);
  assert.equal(outcome.signal, 'SIGKILL');

  const after = await snapshotOfFile(dbFile);
  if (commitSeen && after.hash !== before.hash) {
    // Only once the commit has begun may the import be found whole.
    assert.equal(after.counts.enterprises, (before.counts.enterprises as number) + BIG_ROWS);
    assert.deepEqual(await snapshotOfFile(dbFile, { exceptEnterpriseIdPrefix: BIG_ID_PREFIX, importsUpTo: before.counts.imports as number }), before);
  } else {
    assert.deepEqual(after, before, 'the reopened database holds exactly what it held before');
  }

  // And it still takes an import.
  await withDatabase(dbFile, async (db) => {
    const file = csv(dir, 'enterprises.csv', ENTERPRISE_CSV);
    assert.equal((await importInto(db, [file])).committed, true);
  });
});

/**
 * Kills an import of `rows` generated firms as soon as its commit shows on disk, then checks that the
 * reopened database holds either exactly what it held before or all of the import, nothing in between.
 * At the commit DuckDB writes its write-ahead log (`log`: killed then) and, once committed, checkpoints
 * it into the database file (`database`: killed then; a large transaction may write the file directly).
 */
async function killDuringCommit(t: { diagnostic(message: string): void }, rows: number, phase: 'log' | 'database'): Promise<void> {
  const { dir, dbFile } = newFolder();
  const big = join(dir, 'big.csv');
  await writeBigEnterpriseCsv(big, rows);
  const before = await snapshotOfFile(dbFile);
  const importsBefore = before.counts.imports as number;

  const wal = `${dbFile}.wal`;
  assert.equal(existsSync(wal), false);
  const outcome = await killWhen(spawnImport(dbFile, big, dir), commitWatch(dbFile, { log: phase === 'log' }), 1);
  t.diagnostic(outcome.killed
    ? `killed ${outcome.elapsedMs} ms in; write-ahead log ${existsSync(wal) ? `of ${statSync(wal).size} bytes` : 'absent'}`
    : `the import finished before the kill (exit ${outcome.exitCode})`);

  const after = await snapshotOfFile(dbFile);
  if (after.hash === before.hash) {
    t.diagnostic('outcome: rolled back');
    assert.deepEqual(after, before);
    return;
  }
  t.diagnostic('outcome: committed whole');
  assert.equal(after.counts.imports, importsBefore + 1);
  assert.equal(after.counts.enterprises, (before.counts.enterprises as number) + rows);
  // Apart from the new firms and the new log entry, everything is as it was.
  assert.deepEqual(await snapshotOfFile(dbFile, { exceptEnterpriseIdPrefix: BIG_ID_PREFIX, importsUpTo: importsBefore }), before);
}

test('an import killed with SIGKILL as its commit starts writing is either wholly there or not at all', async (t) => {
  await killDuringCommit(t, 50_000, 'log');
});

test('an import killed with SIGKILL while its commit is written into the database file is either wholly there or not at all', async (t) => {
  await killDuringCommit(t, 50_000, 'database');
});

// ── the command line ──────────────────────────────────────────────────────────

function runCli(args: readonly string[], dir: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: childEnv(dir), encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('chainatlas import of a bad file exits 1 and names file, row and column of every problem', async () => {
  const { dir, dbFile } = newFolder();
  const bad = csv(dir, 'bad.csv', [
    ['id', '企业名称', '成立日期', '所属省份'],
    ['b-1', '江西甲', '2021-02-30', '江西'],
    ['b-2', '江西乙', '2021-03-01', '火星省'],
  ]);
  const before = await snapshotOfFile(dbFile);

  const { status, stdout, stderr } = runCli(['--db', dbFile, 'import', bad], dir);
  assert.equal(status, 1, stderr);
  const expected: Issue[] = [
    { code: 'ingest.not_date', params: {}, file: 'bad.csv', row: 2, column: '成立日期', value: '2021-02-30' },
    { code: 'region.unknown', params: { input: '火星省', suggestions: [] }, file: 'bad.csv', row: 3, column: '所属省份', value: '火星省' },
  ];
  for (const item of expected) assert.ok(stderr.includes(formatIssue(item, 'en')), `stderr has "${formatIssue(item, 'en')}":\n${stderr}`);
  assert.match(stderr, /bad\.csv › row 2 › column 成立日期/);
  const report = JSON.parse(stdout) as ImportReport;
  assert.equal(report.committed, false);
  assertIssues(report.issues, expected);
  assert.deepEqual(await snapshotOfFile(dbFile), before);
});

test('chainatlas --json enterprises list --region 江西 prints the Jiangxi firms as JSON', async () => {
  const { dir, dbFile } = newFolder();
  const { status, stdout, stderr } = runCli(['--db', dbFile, '--json', 'enterprises', 'list', '--region', '江西', '--limit', '1000'], dir);
  assert.equal(status, 0, stderr);
  const listed = JSON.parse(stdout) as { total: number; items: { id: string; province?: string }[] };
  const expected = await withDatabase(dbFile, async (db) =>
    Number((await db.one("SELECT count(*)::INTEGER AS n FROM enterprises WHERE province = '360000'"))?.n));
  assert.ok(expected > 0);
  assert.equal(listed.total, expected);
  assert.equal(listed.items.length, expected);
  assert.ok(listed.items.every((e) => e.province === '360000'));
});

test('chainatlas regions resolve 南昌 prints 360100 as JSON when piped', () => {
  const { dir } = newFolder({ empty: true });
  const { status, stdout, stderr } = runCli(['regions', 'resolve', '南昌'], dir);
  assert.equal(status, 0, stderr);
  const region = JSON.parse(stdout) as { code: string; level: string; parent?: string };
  assert.equal(region.code, '360100');
  assert.equal(region.level, 'city');
  assert.equal(region.parent, '360000');
});
