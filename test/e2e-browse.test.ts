/**
 * The web UI in a real headless Chromium against the real server on the
 * default dataset, the pages a viewer reads: the chain map of 江西 (every link
 * coloured by the tier the assessment gives it), a link's page, the compare
 * page's charts, the cases and a case's highlighted evidence, enterprise
 * search, the indicator series with their CAGR, English, and deep URLs served
 * by the SPA fallback. No page may reach outside the server or throw.
 * CHAINATLAS_WRITE_SCREENSHOTS=docs/images writes the README's screenshots.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { benchForFile, screenshot, settled, type Bench } from './e2e-harness.js';

let bench: Bench;
benchForFile((opened) => (bench = opened));

// Through the signed-in browser context: the API needs the session cookie the page holds.
const api = async <T>(path: string): Promise<T> => (await (await bench.page.request.get(`${bench.url}${path}`)).json()) as T;

test('the chain map of 江西 colours every link by its assessed tier and opens the link page', async () => {
  const { page, url } = bench;
  const assessment = await api<{ links: { link: string; tier: string; metrics: { suppliers: number } }[] }>('/api/assessments/36');
  await page.goto(`${url}/chain/360000`);
  await page.getByRole('heading', { level: 1, name: /江西产业链图谱/ }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  const tiles = page.locator('a.chain-link');
  assert.equal(await tiles.count(), assessment.links.length);
  for (const l of assessment.links) {
    assert.equal(await page.locator(`a.chain-link[data-link="${l.link}"]`).getAttribute('data-tier'), l.tier, l.link);
  }
  await screenshot(page, 'web-chain-map.png');

  const strong = assessment.links.find((l) => l.tier === 'strong' && l.metrics.suppliers > 0);
  assert.ok(strong, 'the default dataset has a strong link in Jiangxi');
  await page.locator(`a.chain-link[data-link="${strong.link}"]`).click();
  await page.waitForURL(`**/links/${strong.link}?region=360000`);
  const linkPage = await api<{ localSuppliers: { name: { zh: string } }[]; link: { name: { zh: string } } }>(`/api/links/${strong.link}?region=36`);
  await page.getByRole('heading', { level: 1, name: new RegExp(linkPage.link.name.zh) }).waitFor();
  const listed = await page.locator('ul.local-suppliers li a').allTextContents();
  assert.deepEqual(listed, linkPage.localSuppliers.map((s) => s.name.zh));
  assert.ok(await page.getByRole('heading', { name: /得分构成/ }).isVisible());
});

test('a deep URL loads directly (the server answers index.html) and unknown API paths stay JSON 404s', async () => {
  const { page, url } = bench;
  await page.goto(`${url}/cases/bit-enterprise-node-data-connector`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  const marks = await page.locator('.case-text mark').allTextContents();
  assert.ok(marks.includes('数据连接器') && marks.includes('企业节点'), `evidence highlighted: ${marks.join('|')}`);
  await screenshot(page, 'web-case-page.png');
  await page.getByLabel('高亮环节').selectOption('network.ident.node');
  assert.deepEqual(await page.locator('.case-text mark').allTextContents(), ['企业节点']);
  const missing = await fetch(`${url}/api/nothing-here`, { headers: { accept: 'text/html' } });
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'server.route_not_found');
});

test('the case list searches, and the enterprise search finds a firm by name and opens its page', async () => {
  const { page, url } = bench;
  await page.goto(`${url}/cases`);
  await page.getByLabel('搜索案例（标题、客户、编号）').fill('数据连接器');
  await page.getByRole('button', { name: '搜索' }).click();
  await page.waitForURL('**/cases?search=*');
  const found = await api<{ total: number }>(`/api/cases?search=${encodeURIComponent('数据连接器')}`);
  await page.getByText(`共 ${found.total} 条`).waitFor();
  assert.equal(await page.locator('table.cases tbody tr').count(), found.total);

  await page.goto(`${url}/enterprises`);
  await page.getByLabel('名称、别名或统一社会信用代码').fill('联通');
  await page.getByRole('button', { name: '搜索' }).click();
  const firms = await api<{ total: number; items: { id: string; nameZh: string }[] }>(`/api/enterprises?search=${encodeURIComponent('联通')}&limit=100`);
  assert.ok(firms.total > 0);
  await page.getByText(`共 ${firms.total} 条`).waitFor();
  const first = firms.items[0] as { id: string; nameZh: string };
  await page.getByRole('link', { name: first.nameZh, exact: true }).first().click();
  await page.getByRole('heading', { level: 1, name: first.nameZh }).waitFor();
  assert.ok(await page.getByRole('heading', { name: /供给的环节/ }).isVisible());
});

test('compare draws the heat map, the ranking, the province map and the feasibility scatter', async () => {
  const { page, url } = bench;
  await page.goto(`${url}/compare?regions=${encodeURIComponent('江西,湖北,湖南')}&metric=suppliers&link=network.5g`);
  await page.getByRole('heading', { level: 1, name: '地区比较' }).waitFor();
  const matrix = await api<{ rows: { unit: string; cells: { region: string; value: number }[] }[] }>(
    `/api/compare?regions=${encodeURIComponent('江西,湖北,湖南')}&metric=suppliers`);
  const cells = matrix.rows.find((r) => r.unit === 'network.5g')?.cells ?? [];
  const ranked = [...cells].sort((a, b) => b.value - a.value).map((c) => c.value);
  await page.locator('table.rank-table tbody tr').first().waitFor();
  const shown = await settled(async () => (await page.locator('table.rank-table tbody tr td:nth-child(3)').allTextContents()).map(Number), ranked);
  assert.deepEqual(shown, ranked);
  for (const chart of ['地区 × 环节', '各省', '缺失环节']) {
    const figure = page.locator(`[role="img"][aria-label*="${chart}"]`);
    await figure.locator('svg path').first().waitFor({ state: 'attached' });
  }
  const feasibility = await api<{ feasibility: unknown[] }>('/api/assessments/36');
  assert.ok(feasibility.feasibility.length > 0);
  // One labelled point per missing link.
  assert.equal(await page.locator('[role="img"][aria-label*="缺失环节"] svg text').filter({ hasText: /./ }).count() >= feasibility.feasibility.length, true);
  // The map draws one outline per province of the shipped GeoJSON (34) at least.
  assert.ok(await page.locator('[role="img"][aria-label*="各省"] svg path').count() >= 34);
});

test('the indicator series show the computed CAGR beside the stated one', async () => {
  const { page, url } = bench;
  const data = await api<{ series: { indicator: string; cagr: number; stated?: { value: number } }[] }>('/api/indicators?region=36');
  const security = data.series.find((s) => s.indicator === 'security.market_size');
  assert.ok(security?.stated, 'the security market has a stated CAGR');
  await page.goto(`${url}/indicators`);
  const panel = page.locator('figure[data-indicator="security.market_size"]');
  await panel.waitFor();
  const caption = await panel.locator('figcaption').textContent() ?? '';
  assert.ok(caption.includes(`${(security.cagr * 100).toFixed(2)}%`), caption);
  assert.ok(caption.includes(`${security.stated.value}%`), caption);
  assert.ok(await page.getByRole('heading', { name: '安全态势感知' }).isVisible());
});

test('switching to English changes the words and <html lang>, and survives a reload', async () => {
  const { page, url } = bench;
  await page.goto(`${url}/chain/360000`);
  await page.getByRole('button', { name: /English/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Chain map of Jiangxi' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Chain map of Jiangxi' }).waitFor();
  assert.ok(await page.getByRole('link', { name: 'Compare' }).isVisible());
  await page.getByRole('button', { name: /中文/ }).click();
  await page.getByRole('heading', { level: 1, name: /江西产业链图谱/ }).waitFor();
});
