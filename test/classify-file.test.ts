/**
 * Classifying an enterprise file on worker threads (src/ingest/classify-file.ts)
 * gives, row for row and in input order, what the Classifier gives each row's
 * text directly: for CSV in UTF-8 (with and without BOM) and GB18030 cut into
 * many small slices, for XLSX and JSON read row by row, and for a CSV whose
 * slices meet input the fast scanner leaves to csv-parse. Also: the CSV sink
 * neutralises formula cells, the Parquet sink's file reads back through DuckDB,
 * ids are the ones the import gives, and bad files end in one named issue with
 * nothing written. Fixtures are written at test time (see fixtures/README.md).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { Classifier, assignedLinks, formatEvidence, jiebaSegmenter, type ClassifierModel } from '../src/classify/index.js';
import type { Issue } from '../src/model/index.js';
import {
  TEXT_HEADERS, classifyFile, csvFileSink, importFiles, loadFramework, parquetFileSink, withCheckDigit,
  type ClassificationSink, type ClassifiedOfferingRow, type ClassifyFileOptions,
} from '../src/ingest/index.js';
import { openSource } from '../src/ingest/open-source.js';
import { planColumns, rowIdentity, rowText, type ColumnPlan } from '../src/ingest/enterprise-text.js';
import { formatLine, preamble } from '../src/ingest/offering-lines.js';
import { Database, listEnterprises, readParquetRows } from '../src/store/index.js';
import { csvLines, writeCsv, writeWorkbook, type Table } from './fixtures/make-fixtures.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const framework = loadFramework();
const classifier = Classifier.create(framework, { segmenter: jiebaSegmenter });
const HEADERS = ['企业名称', '统一社会信用代码', '经营范围', '主营产品'];
const ROWS = 1500;

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'chainatlas-classify-test-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** A deterministic registry table: texts of keywords and filler with commas, quotes, line breaks, empty cells; some formula-like names. */
function enterpriseTable(rows: number): Table {
  let state = 7;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const terms = framework.links.flatMap((l) => [...l.keywords.map((k) => k.term), ...l.negatives.map((n) => n.term)]);
  const fillers = ['技术开发', '销售', '，', '、', '；', ', ', ' and ', '"精品"', '\r\n', '（依法须经批准的项目）', 'Ｆｕｌｌ宽', '𫖯', '安全', '平台化'];
  const text = (min: number) => {
    let t = '';
    const length = min + Math.floor(random() * 120);
    while (t.length < length) t += random() < 0.3 ? terms[Math.floor(random() * terms.length)] : fillers[Math.floor(random() * fillers.length)];
    return t;
  };
  const names = ['=cmd|\' /C calc\'!A0', '+SUM(A1)', '-2+3', '@foo', '江西甲科技有限公司', 'Acme Automation, Inc.'];
  const table: (readonly string[])[] = [HEADERS];
  for (let i = 0; i < rows; i++) {
    const empty = i % 97 === 5;
    table.push([
      i % 50 === 3 ? (names[(i / 50) % names.length | 0] as string) : `南昌测试${i}有限公司`,
      withCheckDigit(`91360100MA${String(i).padStart(7, '0')}`),
      empty ? '' : text(20),
      empty || random() < 0.5 ? '' : ` ${text(0)} `,
    ]);
  }
  return table;
}

const TABLE = enterpriseTable(ROWS);

/** The rows the Classifier gives each data row of a table directly (text = text cells trimmed, joined by a line break; id = the credit code). */
function expectedRows(table: Table): { rows: ClassifiedOfferingRow[]; names: string[] } {
  const rows: ClassifiedOfferingRow[] = [];
  const names: string[] = [];
  for (const [name, code, scope, products] of table.slice(1) as (readonly string[])[]) {
    const text = [scope, products].map((c) => (c ?? '').trim()).filter((c) => c !== '').join('\n');
    if (!text) continue;
    for (const link of assignedLinks(classifier.classify(text))) {
      rows.push({
        enterpriseId: code as string, link: link.link, confidence: link.confidence, status: link.status as ClassifiedOfferingRow['status'],
        alternatives: [...link.alternatives], evidence: link.evidence.map((e) => `${e.term}@${e.start}-${e.end}`).join(';'),
      });
      names.push((name as string).trim());
    }
  }
  return { rows, names };
}

const EXPECTED = expectedRows(TABLE);

/** The file's rows as the ordinary reader (open-source.ts) reads them, as a table: what each row's text is. */
async function readTable(path: string): Promise<{ table: Table; issues: readonly Issue[] }> {
  const source = openSource(path);
  const table: (readonly string[])[] = [];
  for await (const sheet of source.sheets) {
    table.push(sheet.headers);
    for await (const row of sheet.rows) table.push(row.cells);
  }
  return { table, issues: source.issues };
}
const EMPTY_TEXTS = TABLE.slice(1).filter((r) => !(r[2] as string).trim() && !(r[3] as string).trim()).length;

/** A sink keeping what it is given. */
function collecting(): ClassificationSink & { rows: ClassifiedOfferingRow[]; names: string[]; closed: boolean; aborted: boolean } {
  const sink = {
    rows: [] as ClassifiedOfferingRow[], names: [] as string[], closed: false, aborted: false,
    write(batch: { rows: readonly ClassifiedOfferingRow[]; names: readonly string[] }) {
      sink.rows.push(...batch.rows);
      sink.names.push(...batch.names);
    },
    close() {
      sink.closed = true;
    },
    abort() {
      sink.aborted = true;
    },
  };
  return sink;
}

async function classify(path: string, options: Partial<ClassifyFileOptions> = {}) {
  const sink = collecting();
  const report = await classifyFile(path, { framework, sink, threads: 3, sliceBytes: 4096, batchRows: 7, ...options });
  return { report, sink };
}

for (const encoding of ['utf-8', 'utf-8-bom', 'gb18030'] as const) {
  test(`a CSV in ${encoding}, cut into many slices for three workers, gives each row's classification, in input order`, async () => {
    const path = join(dir, `enterprises-${encoding}.csv`);
    writeCsv(path, TABLE, encoding);
    const { report, sink } = await classify(path);
    // What the reader reads is the reference: texts and warnings. (A GB18030 line that happens to be valid UTF-8
    // is read as UTF-8 and warned about, by the reader as by the slices: such lines occur in this fixture.)
    const read = await readTable(path);
    const expected = expectedRows(read.table);
    if (encoding !== 'gb18030') assert.deepEqual(expected, EXPECTED);
    assert.deepEqual(report.issues, read.issues);
    assert.equal(report.completed, true);
    assert.deepEqual(report.paths, ['slices']);
    assert.equal(report.rows, ROWS);
    assert.equal(report.emptyTexts, EMPTY_TEXTS);
    assert.equal(report.offerings, expected.rows.length);
    assert.deepEqual(sink.rows, expected.rows);
    assert.deepEqual(sink.names, expected.names);
    assert.equal(sink.closed, true);
  });
}

/**
 * One text column, as registry exports have: the workers read and classify these
 * rows straight from their UTF-8 bytes, and fall back to strings for the cells
 * the bytes cannot stand for (spaces to trim, doubled quotes, characters without
 * a one-unit canonical form, ids and names to quote or neutralise).
 */
function oneTextColumnTable(rows: number): Table {
  const body = enterpriseTable(rows).slice(1);
  const texts = [' 工业互联网平台 ', '\u3000安全网关\u3000', 'PLC、"DCS"与 SCADA', '10㎏ 传感器', '𫖯 边缘计算', '   ', '', 'Ｐｌｃ控制器', '工业互联网平台\r\n安全网关',
    // A byte-order mark inside a record: data (U+FEFF), read from the bytes as the reader reads it.
    '\ufeff工业互联网平台', '工业\ufeff互联网平台'];
  const names = ['=cmd|\' /C calc\'!A0', ' 江西甲科技有限公司 ', '江西"乙"科技', 'Acme, Inc.', ''];
  const codes = ['', 'abc', ' 91360100MA0000001X '];
  const table: (readonly string[])[] = [['企业名称', '统一社会信用代码', '企业简介']];
  body.forEach((row, i) => {
    const text = i % 7 === 0 ? (texts[(i / 7) % texts.length | 0] as string) : `${row[2] as string}${row[3] as string}`;
    const name = i % 11 === 0 ? (names[(i / 11) % names.length | 0] as string) : (row[0] as string);
    const code = i % 13 === 0 ? (codes[(i / 13) % codes.length | 0] as string) : (row[1] as string);
    // Now and then a firm named by nothing: its id is its row number, in whichever slice it falls.
    table.push(i % 200 === 150 ? ['', '', '工业互联网平台、安全网关'] : [name, code, text]);
  });
  return table;
}

test('a CSV with one text column, read from its bytes, writes the lines formatLine makes of each row the reader reads', async () => {
  const table = oneTextColumnTable(ROWS);
  for (const encoding of ['utf-8', 'utf-8-bom'] as const) {
    const path = join(dir, `one-text-${encoding}.csv`);
    writeCsv(path, table, encoding);
    const out = join(dir, `one-text-${encoding}-out.csv`);
    const report = await classifyFile(path, { framework, sink: csvFileSink(out), threads: 3, sliceBytes: 4096 });
    assert.equal(report.completed, true);
    assert.deepEqual(report.paths, ['slices']);
    // The reference: the reader's cells, the import's ids (row numbers included), the classifier's objects, formatLine.
    const source = openSource(path);
    let expected = preamble('excel');
    for await (const sheet of source.sheets) {
      const plan = planColumns(sheet.headers) as ColumnPlan;
      for await (const { row, cells } of sheet.rows) {
        const text = rowText(cells, plan);
        if (!text) continue;
        const { id, name } = rowIdentity(cells, row, plan);
        for (const link of assignedLinks(classifier.classify(text))) {
          expected += formatLine('excel', {
            id, name, link: link.link, confidence: link.confidence, status: link.status, alternatives: link.alternatives.join('|'), evidence: formatEvidence(link.evidence),
          });
        }
      }
    }
    assert.equal(readFileSync(out, 'utf8'), expected);
    assert.match(expected, /\nrow:\d+,/, 'a row naming no firm has the id of its row number');
  }
});

test('XLSX and JSON files, read row by row in small batches, give the same rows in the same order', async () => {
  const xlsx = join(dir, 'enterprises.xlsx');
  await writeWorkbook(xlsx, { 企业: TABLE });
  const json = join(dir, 'enterprises.json');
  writeFileSync(json, JSON.stringify(TABLE.slice(1).map((row) => Object.fromEntries(HEADERS.map((h, i) => [h, row[i]])))));
  for (const path of [xlsx, json]) {
    const { report, sink } = await classify(path);
    assert.equal(report.completed, true, path);
    assert.deepEqual(report.paths, ['rows']);
    assert.equal(report.rows, ROWS);
    // exceljs reads a CR LF inside a cell as written by Excel; the rows are those of the texts as read.
    const expected = path === json ? EXPECTED : expectedRows((await readTable(path)).table);
    assert.deepEqual(sink.rows, expected.rows, path);
    assert.deepEqual(sink.names, expected.names, path);
  }
});

test('a CSV whose later slice holds what only csv-parse reads is finished by the reader, with the same rows', async () => {
  // `"…"` followed by a NUL: csv-parse takes it (the NUL joins the value), the fast scanner leaves it to csv-parse.
  const row = 1200;
  const table = TABLE.map((r, i) => (i === row ? [r[0] as string, r[1] as string, '工业互联网平台\u0000', ''] : r));
  const lines = csvLines(table);
  lines[row] = (lines[row] as string).replace('工业互联网平台\u0000', '"工业互联网平台"\u0000');
  const path = join(dir, 'nul-after-quote.csv');
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  const { report, sink } = await classify(path);
  assert.equal(report.completed, true);
  assert.deepEqual(report.paths, ['slices', 'rows']);
  assert.equal(report.rows, ROWS);
  assert.deepEqual(sink.rows, expectedRows(table).rows);
});

test('the CSV sink writes UTF-8 with BOM for Excel and neutralises cells that would be formulas', async () => {
  const input = join(dir, 'formulas.csv');
  writeCsv(input, TABLE, 'utf-8');
  const out = join(dir, 'formulas-out.csv');
  const report = await classifyFile(input, { framework, sink: csvFileSink(out), threads: 2, sliceBytes: 8192 });
  assert.equal(report.completed, true);
  const bytes = readFileSync(out);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const records = parse(bytes, { bom: true, relax_column_count: false }) as string[][];
  assert.deepEqual(records[0], ['id', 'name', 'link', 'confidence', 'status', 'alternatives', 'evidence']);
  assert.equal(records.length - 1, EXPECTED.rows.length);
  const names = new Set(records.slice(1).map((r) => r[1]));
  assert.ok(names.has('\'=cmd|\' /C calc\'!A0'), 'the =cmd| cell starts with a quote mark');
  for (const formula of ['+SUM(A1)', '-2+3', '@foo']) assert.ok(names.has(`'${formula}`), formula);
  for (const record of records.slice(1)) for (const cell of record) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `cell ${cell}`);
  // Apart from the neutralising quote mark, the cells are the rows' values.
  const shown = records.slice(1).map((r) => [r[0], (r[1] as string).replace(/^'(?=[=+\-@])/, ''), r[2], r[4], r[5], r[6]]);
  assert.deepEqual(shown, EXPECTED.rows.map((r, i) => [r.enterpriseId, EXPECTED.names[i], r.link, r.status, r.alternatives.join('|'), r.evidence]));
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('formulas-out') && f.endsWith('.partial')), []);
});

test('the Parquet sink writes every row, read back by DuckDB with alternatives as a list', async () => {
  const input = join(dir, 'parquet-in.csv');
  writeCsv(input, TABLE, 'utf-8-bom');
  const out = join(dir, 'links.parquet');
  const report = await classifyFile(input, { framework, sink: parquetFileSink(out), threads: 2, sliceBytes: 8192 });
  assert.equal(report.completed, true);
  const rows = await readParquetRows(out);
  assert.deepEqual(rows, EXPECTED.rows.map((r, i) => ({
    id: r.enterpriseId, name: EXPECTED.names[i], link: r.link, confidence: r.confidence, status: r.status, alternatives: r.alternatives, evidence: r.evidence,
  })));
  assert.equal(existsSync(`${out}.partial.csv`), false);
});

test('ids are the ones the import gives the same rows (id, else credit code, else the name)', async () => {
  const table: Table = [
    ['id', '企业名称', '统一社会信用代码', '经营范围'],
    ['', '江西甲科技有限公司', withCheckDigit('91360100MA3500001'), '工业互联网平台'],
    ['', '江西乙科技有限公司', '', '工业互联网平台建设'],
    ['', 'Acme Ｃloud Ltd', '', '工业互联网平台 and cloud'],
    ['firm-9', '江西丙科技有限公司', withCheckDigit('91360100MA3500003'), '工业互联网平台运营'],
  ];
  const path = join(dir, 'enterprises-ids.csv');
  writeCsv(path, table);
  const { db } = await Database.open(':memory:');
  try {
    const imported = await importFiles(db, [path], { framework });
    assert.deepEqual(imported.issues, []);
    const ids = (await listEnterprises(db, { limit: 100 })).items.map((e) => e.id).sort();
    const { sink } = await classify(path);
    assert.deepEqual([...new Set(sink.rows.map((r) => r.enterpriseId))].sort(), ids);
  } finally {
    db.close();
  }
});

test('a file with no text column is one issue naming the file and the headers expected; nothing is written', async () => {
  const path = join(dir, 'no-text.csv');
  writeCsv(path, [['企业名称', '统一社会信用代码', '注册资本'], ['江西甲科技有限公司', withCheckDigit('91360100MA3500001'), '5000万元']]);
  const out = join(dir, 'no-text-out.csv');
  const report = await classifyFile(path, { framework, sink: csvFileSink(out) });
  assert.equal(report.completed, false);
  assert.deepEqual(report.issues.map((i) => [i.code, i.params, i.file]), [['classify_file.no_text_column', { file: 'no-text.csv', expected: TEXT_HEADERS }, 'no-text.csv']]);
  assert.ok(TEXT_HEADERS.includes('经营范围') && TEXT_HEADERS.includes('description'));
  assert.equal(existsSync(out), false);
  assert.equal(existsSync(`${out}.partial`), false);
});

test('a corrupt file ends the run with the reader\'s issue, and the sink is aborted', async () => {
  const csv = join(dir, 'broken.csv');
  writeFileSync(csv, `企业名称,经营范围\r\n甲,"工业互联网平台\r\n乙,边缘计算\r\n`);
  const xlsx = join(dir, 'broken.xlsx');
  writeFileSync(xlsx, Buffer.from('PK\u0003\u0004 not really a workbook'));
  for (const [path, code] of [[csv, 'ingest.bad_csv'], [xlsx, 'ingest.corrupt_xlsx']] as const) {
    const { report, sink } = await classify(path);
    assert.equal(report.completed, false, path);
    assert.ok(report.issues.some((i) => i.code === code), `${path}: ${JSON.stringify(report.issues)}`);
    assert.equal(sink.aborted, true);
    assert.equal(sink.closed, false);
  }
});

test('a worker that cannot start ends the run with one issue, and the sink is aborted', async () => {
  const path = join(dir, 'worker-fails.csv');
  writeCsv(path, TABLE.slice(0, 20));
  // A model made for another framework: the workers' Classifier.create refuses it.
  const model = { format: 'chainatlas-classifier', version: 1, framework: 'another-chain', features: [], links: {} } as unknown as ClassifierModel;
  const { report, sink } = await classify(path, { model });
  assert.equal(report.completed, false);
  assert.deepEqual(report.issues.map((i) => i.code), ['classify_file.worker_failed']);
  assert.equal(sink.aborted, true);
});

test('the command line writes the CSV, and fails with exit code 1 and the named error on a file without text', () => {
  const input = join(dir, 'cli-in.csv');
  writeCsv(input, TABLE.slice(0, 40), 'utf-8-bom');
  const out = join(dir, 'cli-out.csv');
  const ok = spawnSync(process.execPath, [CLI, '--lang', 'en', '--json', 'classify-enterprises', '--input', input, '--out', out, '--threads', '2'], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  const result = JSON.parse(ok.stdout) as { rows: number; offerings: number };
  assert.equal(result.rows, 39);
  assert.equal((parse(readFileSync(out), { bom: true }) as string[][]).length - 1, result.offerings);

  const bad = join(dir, 'cli-no-text.csv');
  writeCsv(bad, [['企业名称', '注册资本'], ['甲', '5000万元']]);
  const failed = spawnSync(process.execPath, [CLI, '--lang', 'en', 'classify-enterprises', '--input', bad, '--out', join(dir, 'cli-bad.csv')], { encoding: 'utf8' });
  assert.equal(failed.status, 1);
  assert.match(failed.stderr, /cli-no-text\.csv has no text column/);
  assert.match(failed.stderr, /经营范围/);
});
