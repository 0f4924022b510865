/**
 * The web UI's editing side in a real headless Chromium against the real
 * server, signed in as an analyst made with `chainatlas users add` (the
 * harness signs in through the page's form): reviewing a case's component
 * (saved with who and when; a stale page gets the conflict message, not a lost
 * update), uploading a bad file and reading its row errors, uploading a good
 * one and committing it, and generating and downloading a report.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withCheckDigit } from '../src/ingest/index.js';
import { ANALYST, benchForFile, type Bench } from './e2e-harness.js';

const CASE = 'bit-enterprise-node-data-connector';

let bench: Bench;
benchForFile((opened) => (bench = opened));

interface Review {
  version: number;
  components: { id: string; linkId: string; status: string; decidedBy?: string; decidedAt?: string }[];
}

/** The API as the signed-in page sees it (its cookie; its CSRF token for writes). */
async function api<T>(method: 'GET' | 'PATCH', path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const request = bench.page.request;
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers['x-csrf-token'] = ((await (await request.get(`${bench.url}/api/auth/me`)).json()) as { csrfToken: string }).csrfToken;
  const response = await request.fetch(`${bench.url}${path}`, { method, headers, ...(body === undefined ? {} : { data: body }) });
  return { status: response.status(), body: (await response.json()) as T };
}

test('an analyst rejects a component on the case page: saved with who and when; a stale page is told, not overwritten', async () => {
  const { page, url } = bench;
  const before = (await api<Review>('GET', `/api/cases/${CASE}`)).body;
  const target = before.components[0];
  assert.ok(target);
  await page.goto(`${url}/cases/${CASE}`);
  const row = page.locator(`table.components tr[data-component="${target.id}"]`);
  await row.getByRole('button', { name: '拒绝' }).click();
  await page.getByText('已保存').waitFor();
  await page.locator(`table.components tr[data-component="${target.id}"][data-status="rejected"]`).getByText('已拒绝').waitFor();
  const after1 = (await api<Review>('GET', `/api/cases/${CASE}`)).body;
  const decided = after1.components.find((k) => k.id === target.id);
  assert.equal(decided?.status, 'rejected');
  assert.equal(decided?.decidedBy, ANALYST.username);
  assert.ok(decided?.decidedAt && Date.now() - Date.parse(decided.decidedAt) < 10 * 60_000, 'decided just now');
  assert.ok(after1.version > before.version);

  // Someone else accepts it meanwhile; this page still shows the old version.
  const elsewhere = await api<Review>('PATCH', `/api/cases/${CASE}/components/${encodeURIComponent(target.id)}`, { version: after1.version, status: 'confirmed', note: 'checked on site' });
  assert.equal(elsewhere.status, 200);
  await row.getByRole('button', { name: '拒绝' }).click();
  await page.getByRole('alert').filter({ hasText: '其他人刚修改了此案例' }).waitFor();
  const final = (await api<Review>('GET', `/api/cases/${CASE}`)).body;
  assert.equal(final.components.find((k) => k.id === target.id)?.status, 'confirmed', "the other analyst's decision stands");
  await page.getByRole('button', { name: '重新加载' }).click();
  await page.locator(`table.components tr[data-component="${target.id}"][data-status="confirmed"]`).getByText('已确认').waitFor();
});

test('a bad upload shows its row errors and cannot be committed; a good one is checked, committed and found', async () => {
  const { page, url, dir } = bench;
  const good = withCheckDigit('91360100MA35E2E01');
  const bad = join(dir, '企业-有错.csv');
  writeFileSync(bad, `企业名称,统一社会信用代码,所属省份\n江西浏览器测试甲公司,${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'},江西\n江西浏览器测试乙公司,${withCheckDigit('91360100MA35E2E02')},火星省\n`);
  await page.goto(`${url}/import`);
  await page.getByLabel(/选择文件/).setInputFiles(bad);
  await page.getByRole('button', { name: '上传并校验' }).click();
  const problems = page.locator('table.problems tbody tr');
  await problems.first().waitFor();
  const rows = await problems.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  assert.deepEqual(rows.map((r) => [r[0], r[2], r[3]]), [['企业-有错.csv', '2', '统一社会信用代码'], ['企业-有错.csv', '3', '所属省份']]);
  assert.match(rows[1]?.[5] ?? '', /火星省/);
  assert.equal(await page.getByRole('button', { name: '全部导入' }).isDisabled(), true);

  const fine = join(dir, 'enterprises-good.csv');
  writeFileSync(fine, `企业名称,统一社会信用代码,所属省份,所属城市\n江西浏览器测试甲公司,${good},江西,南昌\n`);
  await page.getByLabel(/选择文件/).setInputFiles(fine);
  await page.getByRole('button', { name: '上传并校验' }).click();
  await page.getByText('没有问题，可以导入。').waitFor();
  await page.getByRole('button', { name: '全部导入' }).click();
  await page.getByText(/已导入/).waitFor();
  const found = (await api<{ total: number; items: { creditCode?: string }[] }>('GET', `/api/enterprises?search=${encodeURIComponent('浏览器测试甲')}`)).body;
  assert.equal(found.total, 1);
  assert.equal(found.items[0]?.creditCode, good);
});

test('a report is generated and downloaded from the reports page', async () => {
  const { page, url } = bench;
  await page.goto(`${url}/reports`);
  await page.getByLabel('格式').selectOption('html');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '生成并下载' }).click()]);
  assert.match(download.suggestedFilename(), /\.html$/);
  const saved = join(bench.dir, download.suggestedFilename());
  await download.saveAs(saved);
  const html = readFileSync(saved, 'utf8');
  assert.match(html, /^<!doctype html>/i);
  assert.match(html, /江西/);
  await page.getByText(/已下载/).waitFor();
});
