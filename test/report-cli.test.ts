/**
 * The report command end to end, as a user runs it: `chainatlas report --region 江西
 * --lang zh --format html,pdf,xlsx,docx --out DIR` writes the four files and says
 * where;
 * bad options fail with exit code 1 and one clear line.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const main = join(process.cwd(), 'dist/src/cli/main.js');
let dir = '';
const cli = (args: string[], cwd = dir) =>
  run(process.execPath, [main, '--db', join(dir, 'x.duckdb'), ...args], { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CHAINATLAS_REPORT_DATE: '2024-06-30' } });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chainatlas-report-cli-'));
  await cli(['init']);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('report writes HTML, PDF, XLSX and DOCX for the region and lists them', async () => {
  const out = join(dir, 'reports');
  const { stdout } = await cli(['report', '--region', '江西', '--lang', 'zh', '--format', 'html,pdf,xlsx,docx', '--out', out, '--json']);
  const result = JSON.parse(stdout) as { region: string; files: { lang: string; format: string; file: string }[] };
  assert.equal(result.region, '360000');
  assert.deepEqual(result.files.map((f) => f.format), ['html', 'pdf', 'xlsx', 'docx']);
  for (const f of result.files) {
    assert.ok(existsSync(f.file) && statSync(f.file).size > 10_000, f.file);
    assert.match(f.file, /chainatlas-report-360000-zh\.(html|pdf|xlsx|docx)$/);
  }
  assert.equal(readFileSync(result.files[1]?.file ?? '').subarray(0, 5).toString(), '%PDF-');
  assert.match(readFileSync(result.files[0]?.file ?? '', 'utf8'), /生成日期：2024-06-30/);
});

test('the chain-leader outline and both languages', async () => {
  const out = join(dir, 'cl');
  const { stdout } = await cli(['report', '--outline', 'chain-leader', '--lang', 'zh,en', '--format', 'html', '--out', out, '--json']);
  const files = (JSON.parse(stdout) as { files: { file: string }[] }).files.map((f) => f.file);
  assert.deepEqual(files.map((f) => f.slice(out.length + 1)), ['chainatlas-report-360000-chain-leader-zh.html', 'chainatlas-report-360000-chain-leader-en.html']);
  assert.match(readFileSync(files[0] ?? '', 'utf8'), /四图/);
  assert.match(readFileSync(files[1] ?? '', 'utf8'), /Five lists/);
});

test('bad options: one clear line, exit code 1', async () => {
  for (const [args, pattern] of [
    [['report', '--format', 'pptx'], /--format/],
    [['report', '--lang', 'fr'], /--lang/],
    [['report', '--outline', 'nine-maps'], /--outline/],
  ] as const) {
    await assert.rejects(cli([...args, '--out', join(dir, 'bad')]), (error: { code?: number; stderr?: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr ?? '', pattern);
      return true;
    });
  }
});
