/**
 * The CSV fast path of the import (import-slices.ts): a file checked in slices
 * on worker threads must give exactly what the row-by-row path gives — the same
 * problems in the same order (codes, rows, columns, values), the same records
 * stored, the same rejects file — whatever the encoding, line ends, blank
 * lines, quoted line breaks, duplicates across slices, and input that only
 * csv-parse reads (the rest of the file then goes row by row).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { importFiles, loadFramework, withCheckDigit, type ImportOptions, type ImportReport } from '../src/ingest/index.js';
import { Database } from '../src/store/index.js';
import { csvLines, withWrongCheckDigit, type Table } from './fixtures/make-fixtures.js';

const framework = loadFramework();
const ROWS = 3000;
const REGION_CODE = 'region.unknown';
// Small slices: a 3,000-row file is cut into dozens, so that duplicates and problems fall in other slices than their first rows.
const SLICED: ImportOptions['slices'] = { minBytes: 0, sliceBytes: 8192, threads: 2 };
const ROW_BY_ROW: ImportOptions['slices'] = { minBytes: Number.MAX_SAFE_INTEGER };

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'chainatlas-import-slices-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const PROVINCES = ['江西省', '湖南', 'Guangdong', '36', '浙江省'];

/** A registry export with problems sprinkled through it: bad check digits, unknown regions, bad money, repeated codes, formulas. */
function registryTable(): Table {
  const code = (i: number) => withCheckDigit(`91360100MA${String(i).padStart(7, '0')}`);
  const rows: (readonly string[])[] = [['企业名称', '统一社会信用代码', '所属省份', '注册资本', '成立日期', '经营范围', '登记状态']];
  for (let i = 0; i < ROWS; i++) {
    let credit = code(i);
    if (i % 97 === 5) credit = withWrongCheckDigit(credit);
    if (i % 151 === 7) credit = code(i - 100); // the code of a row in an earlier slice
    const province = i % 89 === 3 ? '火星省' : (PROVINCES[i % PROVINCES.length] as string);
    const capital = i % 113 === 9 ? '很多万元' : `${(i % 900) + 10}万元`;
    const scope = i % 7 === 0 ? `工业互联网平台，"数字孪生"\r\n第二行；MES 实施 ${i}` : `工业软件开发, 系统集成 ${i}`;
    const name = i % 211 === 11 ? '=HYPERLINK("http://x","点我")' : `测试企业${i}有限公司`;
    rows.push([name, credit, province, capital, `20${String(i % 24).padStart(2, '0')}-03-15`, scope, i % 2 ? '存续' : '在业']);
  }
  return rows;
}

function writeTable(path: string, table: Table, options: { encoding: 'utf-8-bom' | 'gb18030'; lineEnd: '\n' | '\r\n'; blankEvery?: number }): void {
  const lines = csvLines(table);
  const text = lines.map((line, i) => (options.blankEvery && i > 0 && i % options.blankEvery === 0 ? `${options.lineEnd}${line}` : line)).join(options.lineEnd) + options.lineEnd;
  const bytes = options.encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
  writeFileSync(path, bytes);
}

interface Outcome {
  readonly report: ImportReport;
  readonly stored: Record<string, unknown>[];
  readonly rejects: Record<string, string>;
}

async function importWith(path: string, slices: ImportOptions['slices'], partial: boolean, label: string): Promise<Outcome> {
  const rejectsDir = join(dir, `rejects-${label}`);
  rmSync(rejectsDir, { recursive: true, force: true });
  const { db } = await Database.open(':memory:');
  try {
    const report = await importFiles(db, [path], { framework, slices, ...(partial ? { partial, rejectsFile: join(rejectsDir, 'rejects.csv') } : {}) });
    const stored = await db.all('SELECT * EXCLUDE (import_id) FROM enterprises ORDER BY id');
    const files = partial ? readdirSync(rejectsDir) : [];
    return { report, stored, rejects: Object.fromEntries(files.map((f) => [f, readFileSync(join(rejectsDir, f), 'utf8')])) };
  } finally {
    db.close();
  }
}

/** What must be the same on both paths (how the rows were read is not). */
function comparable(report: ImportReport) {
  return { ...report, files: report.files.map(({ paths: _paths, ...rest }) => rest), rejectsFiles: report.rejectsFiles?.length };
}

async function assertSamePaths(path: string, expectedPaths: readonly string[]): Promise<void> {
  for (const partial of [false, true]) {
    const rowByRow = await importWith(path, ROW_BY_ROW, partial, 'rows');
    const sliced = await importWith(path, SLICED, partial, 'slices');
    assert.deepEqual(rowByRow.report.files[0]?.paths, ['rows']);
    assert.deepEqual(sliced.report.files[0]?.paths, expectedPaths);
    assert.deepEqual(comparable(sliced.report), comparable(rowByRow.report), `report (partial: ${partial})`);
    assert.deepEqual(sliced.stored, rowByRow.stored, `stored records (partial: ${partial})`);
    assert.deepEqual(sliced.rejects, rowByRow.rejects, `rejects file (partial: ${partial})`);
    if (partial) {
      // The problems sprinkled in are all there, and the valid rows are all stored.
      const codes = new Set<string>(sliced.report.issues.map((i) => i.code));
      for (const code of ['ingest.bad_credit_code', REGION_CODE, 'ingest.not_number', 'ingest.duplicate_in_file', 'ingest.formula']) {
        assert.ok(codes.has(code), `${code} among ${[...codes].join(', ')}`);
      }
      assert.equal(sliced.stored.length + sliced.report.rejectedRows, ROWS);
      assert.ok(sliced.stored.length > ROWS * 0.9);
    } else {
      assert.equal(sliced.report.committed, false);
      assert.equal(sliced.stored.length, 0);
    }
  }
}

test('a UTF-8 CSV with BOM, CRLF and quoted line breaks: the slices give what the rows give', async () => {
  const path = join(dir, 'registry-utf8.csv');
  writeTable(path, registryTable(), { encoding: 'utf-8-bom', lineEnd: '\r\n' });
  await assertSamePaths(path, ['slices']);
});

test('a GB18030 CSV with LF line ends and blank lines: the slices give what the rows give', async () => {
  const path = join(dir, 'registry-gb18030.csv');
  writeTable(path, registryTable(), { encoding: 'gb18030', lineEnd: '\n', blankEvery: 50 });
  await assertSamePaths(path, ['slices']);
});

test('a CSV with input only csv-parse reads, late in the file: the rest goes row by row, with the same result', async () => {
  const path = join(dir, 'registry-anomaly.csv');
  const lines = csvLines(registryTable());
  // `"…"` followed by a NUL: csv-parse takes it (the NUL joins the value); the fast scanner leaves it to csv-parse.
  const at = 2400;
  lines[at] = (lines[at] as string).replace(/测试企业(\d+)有限公司/, '"测试企业$1有限公司"\u0000');
  writeFileSync(path, `${lines.join('\n')}\n`);
  await assertSamePaths(path, ['slices', 'rows']);
});
