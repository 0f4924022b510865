/**
 * Label files and model files from disk: the good cases, and each bad file
 * giving its named issue with file, row (header = row 1), column and value.
 * Every file is written by the test into a temporary folder.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { chooseModel, readLabelFile, readModelFile, writeModelFile } from '../src/ingest/index.js';
import { AppError } from '../src/model/index.js';
import { jiebaSegmenter, trainModel } from '../src/classify/index.js';
import { miniFramework, writeLabels } from './classify-fixtures.js';

const framework = miniFramework();
const dir = mkdtempSync(join(tmpdir(), 'chainatlas-labels-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a label file with a BOM, extra columns, quoted commas and spaced ids reads whole', async () => {
  const path = writeLabels(dir, 'good.csv', [
    ['ID', 'text', 'links', 'note'],
    ['a1', '传感器, 变送器', 'alpha.sensor', 'x'],
    ['a2', '光缆', ' beta.net | alpha.drive |', ''],
    ['a3', '无关', '', ''],
  ], { bom: true });
  const result = await readLabelFile(path, framework);
  assert.deepEqual(result.issues, []);
  assert.deepEqual(result.value, [
    { id: 'a1', text: '传感器, 变送器', links: ['alpha.sensor'] },
    { id: 'a2', text: '光缆', links: ['beta.net', 'alpha.drive'] },
    { id: 'a3', text: '无关', links: [] },
  ]);
});

test('a GB18030 label file reads as the same texts', async () => {
  const path = join(dir, 'gb.csv');
  writeFileSync(path, iconv.encode('id,text,links\nb1,伺服驱动器,alpha.drive\n', 'gb18030'));
  assert.deepEqual((await readLabelFile(path, framework)).value, [{ id: 'b1', text: '伺服驱动器', links: ['alpha.drive'] }]);
});

test('a missing column is classify.labels_missing_column on row 1, naming every missing column', async () => {
  const path = writeLabels(dir, 'missing.csv', [['id', 'body'], ['a', 'x']]);
  const result = await readLabelFile(path, framework);
  assert.equal(result.value, undefined);
  assert.deepEqual(result.issues, [{ code: 'classify.labels_missing_column', params: { columns: ['text', 'links'] }, file: 'missing.csv', row: 1 }]);
});

test('an unknown link id is classify.labels_unknown_link at its row and column, with suggestions', async () => {
  const path = writeLabels(dir, 'unknown.csv', [['id', 'text', 'links'], ['a', 'x', 'alpha.sensor'], ['b', 'y', 'alpha.sensr|beta.net']]);
  const result = await readLabelFile(path, framework);
  assert.equal(result.value, undefined);
  assert.equal(result.issues.length, 1);
  const [found] = result.issues;
  assert.equal(found?.code, 'classify.labels_unknown_link');
  assert.deepEqual({ file: found?.file, row: found?.row, column: found?.column, value: found?.value }, { file: 'unknown.csv', row: 3, column: 'links', value: 'alpha.sensr' });
  assert.ok((found?.params as unknown as { suggestions: string[] }).suggestions.includes('alpha.sensor'));
});

test('a duplicate id is classify.labels_duplicate_id naming the first row; an empty id is classify.labels_missing_id', async () => {
  const path = writeLabels(dir, 'dup.csv', [['id', 'text', 'links'], ['a', 'x', ''], ['b', 'y', ''], ['a', 'z', ''], ['', 'w', '']]);
  const result = await readLabelFile(path, framework);
  assert.equal(result.value, undefined);
  assert.deepEqual(result.issues, [
    { code: 'classify.labels_duplicate_id', params: { id: 'a', first: 2 }, file: 'dup.csv', row: 4, column: 'id', value: 'a' },
    { code: 'classify.labels_missing_id', params: {}, file: 'dup.csv', row: 5, column: 'id' },
  ]);
});

test('an empty file and a header-only file are classify.labels_empty; a missing file is ingest.file_missing', async () => {
  const empty = join(dir, 'empty.csv');
  writeFileSync(empty, '');
  const header = writeLabels(dir, 'header.csv', [['id', 'text', 'links']]);
  for (const [path, file] of [[empty, 'empty.csv'], [header, 'header.csv']] as const) {
    const result = await readLabelFile(path, framework);
    assert.equal(result.value, undefined);
    assert.deepEqual(result.issues, [{ code: 'classify.labels_empty', params: { file }, file }]);
  }
  const missing = await readLabelFile(join(dir, 'nope.csv'), framework);
  assert.deepEqual(missing.issues.map((i) => i.code), ['ingest.file_missing']);
});

test('corrupt, empty, wrong-format and missing model files are classify.bad_model naming the file', () => {
  const cases: [string, string | undefined][] = [
    ['corrupt.json', '{"format": "chainatlas-classifier", '],
    ['empty.json', ''],
    ['other.json', JSON.stringify({ format: 'something-else', version: 1 })],
    ['features.json', JSON.stringify({ format: 'chainatlas-classifier', version: 1, framework: 'mini', features: ['x'], links: {} })],
    ['absent.json', undefined],
  ];
  for (const [name, content] of cases) {
    const path = join(dir, name);
    if (content !== undefined) writeFileSync(path, content);
    const result = readModelFile(path);
    assert.equal(result.value, undefined, name);
    assert.equal(result.issues.length, 1, name);
    assert.equal(result.issues[0]?.code, 'classify.bad_model', name);
    assert.equal((result.issues[0]?.params as unknown as { file: string }).file, path, name);
    // a command given such a file fails with the same message, it does not crash
    assert.throws(() => chooseModel(framework, { model: path }), (error: unknown) => error instanceof AppError && error.code === 'classify.bad_model');
  }
});

test('a written model reads back equal; a model for another framework is refused when named', () => {
  const model = trainModel(framework, [{ id: 'a', text: '传感器', links: ['alpha.sensor'] }, { id: 'b', text: '仪表', links: [] }], { segmenter: jiebaSegmenter });
  const path = join(dir, 'model.json');
  writeModelFile(path, model);
  assert.deepEqual(readModelFile(path).value, model);
  assert.equal(chooseModel(framework, { model: path }).model?.framework, 'mini');
  assert.deepEqual(chooseModel(framework, { model: false }), {});
  assert.deepEqual(chooseModel(framework), {}, 'the shipped model belongs to the default framework, not to this one');
  const other = { ...framework, id: 'other' };
  assert.throws(() => chooseModel(other, { model: path }), (error: unknown) => error instanceof AppError && error.code === 'classify.bad_model');
});
