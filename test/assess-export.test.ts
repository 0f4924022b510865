/**
 * CSV and XLSX of an assessment: text that would run as a formula (= + - @) is
 * written as text — an apostrophe in CSV, a string cell with the text format in
 * XLSX — and numbers stay numbers. Read back with exceljs, as Excel would open it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { aggregateRows, runAssessment, type RegionAssessment } from '../src/assess/index.js';
import { csvCell, writeAssessmentCsv, writeAssessmentXlsx } from '../src/cli/assess-export.js';
import { FRAMEWORK, JX, ROWS } from './assess-fixture.js';

const jiangxi = runAssessment(aggregateRows(FRAMEWORK, 'province', ROWS), { framework: FRAMEWORK, focus: [JX] }).focus[0] as RegionAssessment;

test('csv cells: formula text defused, quotes doubled, numbers raw', () => {
  assert.equal(csvCell('=1+1'), "'=1+1");
  assert.equal(csvCell('+86 791'), "'+86 791");
  assert.equal(csvCell('-x'), "'-x");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('a "b", c'), '"a ""b"", c"');
  assert.equal(csvCell(-0.5), '-0.5');
  assert.equal(csvCell(Number.NaN), '');
  assert.equal(csvCell(undefined), '');
});

test('CSV and XLSX of an assessment never carry a live formula', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chainatlas-export-'));
  try {
    const csv = join(dir, 'a.csv');
    await writeAssessmentCsv(csv, jiangxi, 'zh', 'link');
    const text = readFileSync(csv, 'utf8');
    assert.ok(text.startsWith('\uFEFF地区代码,'), 'BOM and Chinese headers');
    assert.match(text, /'=1\+1甲公司 \(骨干企业\)/, "e1's name is defused");
    assert.doesNotMatch(text, /,=1\+1/);

    const xlsx = join(dir, 'a.xlsx');
    await writeAssessmentXlsx(xlsx, jiangxi, 'zh');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    assert.deepEqual(book.worksheets.map((w) => w.name), ['环节', '环节组', '建议', '引进目标', '来源数据', '得分构成', '说明']);
    let risky = 0;
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => {
      assert.notEqual(cell.type, ExcelJS.ValueType.Formula, `${sheet.name}!${cell.address} is a formula`);
      if (typeof cell.value === 'string' && /^[=+\-@]/.test(cell.value)) {
        risky++;
        assert.equal(cell.type, ExcelJS.ValueType.String);
        assert.equal(cell.numFmt, '@');
      }
    })));
    assert.ok(risky > 0, 'the probe name was written');
    const links = book.getWorksheet('环节');
    const score = links?.getRow(2).getCell(8).value;
    assert.equal(typeof score, 'number', 'scores stay numbers');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
